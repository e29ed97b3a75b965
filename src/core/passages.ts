/**
 * From a file's text to its paragraphs, whatever the layout:
 * - one paragraph per line (long lines, no hard wrap);
 * - hard-wrapped text, blank lines between paragraphs (wrapped lines are joined);
 * - numbered and bulleted lists (an item per paragraph), `Q:`/`A:` FAQ lines;
 * - Markdown: YAML front matter (`title`, `url`), ATX and Setext headings, code fences kept
 *   whole, block quotes, tables (a row per paragraph).
 * Headings (and FAQ questions) are paragraphs that give context to the paragraphs after them.
 * Every paragraph is numbered, 1-based, in file order, a headline too.
 */
import { splitSentences } from './sentences.js';

export type ParagraphKind = 'text' | 'title' | 'heading' | 'question' | 'code';

export interface ParsedParagraph {
  /** 1-based ordinal in the file, counting every paragraph. */
  number: number;
  /** The paragraph as written (wrapped lines joined with a space; code keeps its lines). */
  text: string;
  kind: ParagraphKind;
  /** The heading (or FAQ question) the paragraph sits under, if any. */
  heading?: string;
}

export interface ParsedDocument {
  title: string;
  /** True when the title was written as one (front matter, `#` heading, headline line). */
  explicitTitle: boolean;
  url?: string;
  paragraphs: ParsedParagraph[];
}

/** The longest line a hard-wrapped text has; longer lines mean one paragraph per line. */
const WRAP_LIMIT = 100;
const TITLE_MAX = 80;
const HEADLINE_MAX = 120;

const LIST_ITEM =
  /^\s*(?:[-*+\u2022\u25E6\u2023]|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)])\s+\S/;
const NUMBERED_CLAUSE = /^\s*\d{1,3}(?:\.\d{1,3})+\.?\s+\S/;
const FAQ_LINE = /^\s*(?:Q|A|Question|Answer)\s*[:.)]\s+\S/i;
const FAQ_QUESTION = /^\s*(?:Q|Question)\s*[:.)]\s+/i;
const ENDS_SENTENCE = /[.!?:;\u2026]["'\u201D\u2019)\]]*$/;
const ATX = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const SETEXT = /^\s{0,3}(=+|-+)\s*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** Shortens text to at most `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-\u2013\u2014]+$/, '')}\u2026`;
}

/** The length of the longest line (a loop: a block may have any number of lines). */
function longestOf(lines: readonly string[]): number {
  let longest = 0;
  for (const line of lines) if (line.length > longest) longest = line.length;
  return longest;
}

/** A raw block: lines with no blank line between them, or a fenced code block. */
interface Block {
  lines: string[];
  code?: boolean;
}

function splitFrontMatter(lines: string[]): { meta: Record<string, string>; body: string[] } {
  const meta: Record<string, string> = {};
  if (lines[0]?.trim() !== '---') return { meta, body: lines };
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0 || end > 100) return { meta, body: lines };
  for (const line of lines.slice(1, end)) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$/.exec(line);
    if (m?.[1] && m[2] !== undefined) meta[m[1].toLowerCase()] = m[2].replace(/^(["'])(.*)\1$/, '$2');
  }
  return { meta, body: lines.slice(end + 1) };
}

/** Splits Markdown block lines into paragraphs: lines are joined, list items start anew. */
function splitMarkdownBlock(lines: string[]): string[][] {
  const out: string[][] = [];
  for (const line of lines.map((l) => l.trim())) {
    const last = out.at(-1);
    if (!last || LIST_ITEM.test(line)) out.push([line]);
    else last.push(line);
  }
  return out;
}

/**
 * Splits a block of consecutive lines of plain text into paragraphs (each a list of lines).
 * One paragraph per line when lines are long, or when most lines end a sentence (hard-wrapped
 * text breaks lines mid-sentence); otherwise wrapped lines are joined, and a new paragraph
 * starts at a list item, an FAQ line, or after a line that ends a sentence well short of the
 * wrap width.
 */
function splitBlock(lines: string[]): string[][] {
  const trimmed = lines.map((l) => l.trim());
  const longest = longestOf(trimmed);
  const inner = trimmed.slice(0, -1);
  const ending = inner.filter((l) => ENDS_SENTENCE.test(l)).length;
  if (longest > WRAP_LIMIT) return trimmed.map((l) => [l]);
  if (inner.length > 0 && ending / inner.length >= 0.6) {
    // Mostly one statement per line, but a line that stops mid-sentence still continues on the next.
    const out: string[][] = [];
    for (const line of trimmed) {
      const last = out.at(-1);
      const prev = last?.at(-1);
      if (last && prev !== undefined && !ENDS_SENTENCE.test(prev) && /^\p{Ll}/u.test(line)) last.push(line);
      else out.push([line]);
    }
    return out;
  }
  const out: string[][] = [];
  let current: string[] = [];
  trimmed.forEach((line, i) => {
    const startsItem = LIST_ITEM.test(line) || NUMBERED_CLAUSE.test(line) || FAQ_LINE.test(line);
    if (current.length > 0 && startsItem) {
      out.push(current);
      current = [];
    }
    current.push(line);
    // A line ending a sentence well short of the wrap width ends its paragraph.
    const shortEnd = ENDS_SENTENCE.test(line) && line.length < Math.min(0.7 * longest, longest - 15);
    const questionLine = FAQ_QUESTION.test(current[0] ?? '') && /\?["'\u201D\u2019)]*$/.test(line);
    if ((shortEnd || questionLine) && i < trimmed.length - 1) {
      out.push(current);
      current = [];
    }
  });
  if (current.length > 0) out.push(current);
  return out;
}

function isQuestion(text: string): boolean {
  if (FAQ_QUESTION.test(text)) return true;
  return /\?["'\u201D\u2019)]*$/.test(text) && text.split(/\s+/).length <= 30 && !/[.!?]\s+\S.*\?/.test(text);
}

/** A short standalone line with no final punctuation in plain text: a heading. */
function looksLikeHeading(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 80 && !ENDS_SENTENCE.test(t) && !/[,]$/.test(t) && /\p{L}/u.test(t);
}

interface Draft {
  text: string;
  kind: ParagraphKind;
  /** Heading level for Markdown headings (1-6); 7 for headings guessed in plain text. */
  level?: number;
}

function markdownDrafts(body: string[]): Draft[] {
  const drafts: Draft[] = [];
  let block: string[] = [];
  const flush = () => {
    if (block.length === 0) return;
    for (const para of splitMarkdownBlock(block)) drafts.push({ text: para.join(' '), kind: 'text' });
    block = [];
  };
  for (let i = 0; i < body.length; i++) {
    const line = body[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence?.[1]) {
      flush();
      const marker = fence[1];
      const code = [line];
      let j = i + 1;
      for (; j < body.length; j++) {
        code.push(body[j] ?? '');
        if ((body[j] ?? '').trim().startsWith(marker)) break;
      }
      drafts.push({ text: code.join('\n').trimEnd(), kind: 'code' });
      i = j;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx?.[1] && atx[2] !== undefined) {
      flush();
      if (atx[2].trim()) drafts.push({ text: atx[2].trim(), kind: 'heading', level: atx[1].length });
      continue;
    }
    const next = body[i + 1] ?? '';
    if (block.length === 0 && line.trim() && SETEXT.exec(next) && !LIST_ITEM.test(line)) {
      drafts.push({ text: line.trim(), kind: 'heading', level: next.trim().startsWith('=') ? 1 : 2 });
      i++;
      continue;
    }
    if (!line.trim() || /^\s*<!--.*-->\s*$/.test(line) || /^\s*(?:[-*_]\s*){3,}$/.test(line)) {
      flush();
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line)) {
      flush();
      if (!/^\s*\|[\s:|-]+\|\s*$/.test(line)) drafts.push({ text: line.trim(), kind: 'text' });
      continue;
    }
    const unquoted = line.replace(/^\s{0,3}>\s?/, '');
    if (!unquoted.trim()) {
      flush();
      continue;
    }
    block.push(unquoted);
  }
  flush();
  return drafts;
}

function textDrafts(body: string[]): Draft[] {
  const drafts: Draft[] = [];
  const blocks: Block[] = [];
  let current: string[] = [];
  for (const line of body) {
    if (line.trim()) current.push(line);
    else if (current.length > 0) {
      blocks.push({ lines: current });
      current = [];
    }
  }
  if (current.length > 0) blocks.push({ lines: current });
  const separated = blocks.length > 1;
  // A headline right above hard-wrapped text (no blank line between) is a paragraph of its own.
  const head = blocks[0];
  if (head && head.lines.length > 1) {
    const first = (head.lines[0] ?? '').trim();
    const longest = longestOf(head.lines.map((l) => l.trim()));
    if (looksLikeHeading(first) && first.length < Math.min(0.7 * longest, longest - 15)) {
      blocks.splice(0, 1, { lines: head.lines.slice(0, 1) }, { lines: head.lines.slice(1) });
    }
  }
  for (const block of blocks) {
    for (const para of splitBlock(block.lines)) {
      const text = para.join(' ');
      // In blank-line separated text, a lone short line without final punctuation is a heading.
      const heading = separated && block.lines.length === 1 && para.length === 1 && looksLikeHeading(text);
      drafts.push(heading ? { text, kind: 'heading', level: 7 } : { text, kind: 'text' });
    }
  }
  return drafts;
}

/** Parses one file. `markdown` selects Markdown rules; `name` is the fallback title. */
export function parseDocument(content: string, markdown: boolean, name: string): ParsedDocument {
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const { meta, body } = markdown ? splitFrontMatter(lines) : { meta: {}, body: lines };
  const drafts = markdown ? markdownDrafts(body) : textDrafts(body);

  let title = meta.title?.trim() ?? '';
  let explicitTitle = title.length > 0;
  const first = drafts[0];
  if (!title && first) {
    if (markdown && first.kind === 'heading' && first.level === 1) {
      title = first.text;
      first.kind = 'title';
      explicitTitle = true;
    } else if (!markdown) {
      const firstLine = body.find((l) => l.trim())?.trim() ?? '';
      if (
        firstLine === first.text &&
        first.text.length <= HEADLINE_MAX &&
        !ENDS_SENTENCE.test(first.text) &&
        drafts.length > 1
      ) {
        title = first.text;
        first.kind = 'title';
        explicitTitle = true;
      }
    }
  }
  if (!title) {
    const firstText = drafts.find((d) => d.kind === 'text')?.text ?? name;
    const sentence = splitSentences(firstText)[0]?.text ?? firstText;
    title = shorten(sentence, TITLE_MAX);
  }

  // Questions written as paragraphs (FAQ) head the paragraphs that answer them.
  drafts.forEach((d, i) => {
    const next = drafts[i + 1];
    if (d.kind === 'text' && isQuestion(d.text) && next?.kind === 'text' && !isQuestion(next.text)) {
      d.kind = 'question';
    }
  });

  const paragraphs: ParsedParagraph[] = [];
  const headings: { level: number; text: string }[] = [];
  let question: string | undefined;
  drafts.forEach((d, i) => {
    const number = i + 1;
    if (d.kind === 'heading') {
      const level = d.level ?? 7;
      while ((headings.at(-1)?.level ?? 0) >= level) headings.pop();
      headings.push({ level, text: d.text });
      question = undefined;
      // A heading with nothing under it is searchable text itself.
      const next = drafts[i + 1];
      if (!next || (next.kind === 'heading' && (next.level ?? 7) <= level)) {
        paragraphs.push({ number, text: d.text, kind: 'text', ...headingOf(headings.slice(0, -1)) });
      } else paragraphs.push({ number, text: d.text, kind: 'heading', ...headingOf(headings.slice(0, -1)) });
      return;
    }
    if (d.kind === 'question') {
      paragraphs.push({ number, text: d.text, kind: 'question', ...headingOf(headings) });
      question = d.text;
      return;
    }
    const under = headingOf(headings).heading;
    const heading = [under, question].filter(Boolean).join(' \u203A ');
    paragraphs.push({ number, text: d.text, kind: d.kind, ...(heading ? { heading } : {}) });
  });
  const url = meta.url?.trim();
  return { title, explicitTitle, ...(url ? { url } : {}), paragraphs };
}

function headingOf(stack: { text: string }[]): { heading?: string } {
  const last = stack.at(-1);
  return last ? { heading: last.text } : {};
}
