/**
 * Markdown to blocks, with the CommonMark + GFM lexer of `marked`: front matter, headings (ATX,
 * Setext and HTML), paragraphs, list items, code, table rows and block quotes, each reduced to
 * what a reader sees. Badges, lists of links to anchors (tables of contents) and markup without
 * text produce nothing; an `<a id>` just before a heading becomes its anchor.
 *
 * A document may be written by anyone, and the lexer is slow on some input (deep nesting, long
 * list items, dense emphasis), so: container prefixes are cut and long lazy list items split
 * before lexing (`defuse`), two block rules are bounded (BoundedTokenizer), and a block too long
 * or too dense for the inline lexer has its markup stripped instead. Should the lexer throw
 * anyway, the file is read as plain paragraphs.
 */

import { Lexer, type MarkedToken, type Token, Tokenizer, type Tokens } from 'marked';
import {
  type Block,
  CONTENTS_LABEL,
  ENDS_QUESTION,
  FAQ_ANSWER,
  FAQ_QUESTION,
  faqAnswer,
  faqEntry,
  faqQuestion,
  type ParsedBlocks,
} from '../blocks.js';
import { countWords } from '../sections.js';
import { withoutComments } from './comments.js';
import { splitFrontMatter } from './front-matter.js';
import { defuse } from './markdown-defuse.js';
import { dialects } from './markdown-dialects.js';
import {
  anchorIn,
  anchorOf,
  attribute,
  componentLabel,
  FOLDING,
  htmlParts,
  INLINE_TAGS,
  withoutAttributes,
  wrapsNothing,
} from './markdown-html.js';
import {
  ALERT,
  asLead,
  collapse,
  decodeEntities,
  headingText,
  imageTitle,
  inlineText,
  isAnchorLinks,
  isBadges,
  isContents,
  LinkBar,
  linkBar,
} from './markdown-text.js';

/** A block longer than this is not inline-lexed (the inline lexer is quadratic on some input)… */
const MAX_INLINE_CHARS = 20_000;
/** …nor one with more emphasis delimiters (`*`, `_`, `~`) than this… */
const MAX_EMPHASIS = 32;
/** …or more code, link and tag openers (`` ` ``, `[`, `<`) than this… */
const MAX_OPENERS = 1_000;
/** …or a run of characters without whitespace longer than this. */
const MAX_WORD_CHARS = 1_000;
/** A Setext heading is looked for over at most this many lines of text… */
const SETEXT_LINES = 4;
/** …and this many characters. */
const SETEXT_CHARS = 1_000;
/** A line that only opens or closes a fence (in an HTML block, where it is no fence). */
const FENCE_LINE = /^[ \t]*(?:`{3,}[^`\n]*|~{3,}[^\n]*)$/gm;
/**
 * The most cells a table row is read as (a wider row's last cell takes the rest): an HTML
 * table's here, and the tables converted from reStructuredText and HTML pages.
 */
export const MAX_COLUMNS = 64;

/**
 * Parses a Markdown file into blocks. `vault`: the file is a note of an Obsidian vault, whose
 * comments are never read (see withoutComments).
 */
export function parseMarkdown(content: string, vault = false): ParsedBlocks {
  const text = content.includes('\r') ? content.replace(/\r\n?/g, '\n') : content;
  const { meta, body: written } = splitFrontMatter(text);
  let body = written;
  if (vault) {
    try {
      body = withoutComments(written);
    } catch {
      // A note whose comments cannot be told apart (a line too long for the regex engine) is
      // not served at all rather than served with them.
      return { meta, blocks: [] };
    }
  }
  try {
    return { meta, blocks: toBlocks(lex(defuse(dialects(body)))) };
  } catch {
    return { meta, blocks: plainParagraphs(body) };
  }
}

/** The fallback: paragraphs split at blank lines, their lines joined with a space. */
function plainParagraphs(body: string): Block[] {
  const lines = body.split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    const text = collapse(paragraph.join(' '));
    if (text) blocks.push({ kind: 'text', text });
    paragraph = [];
  };
  for (const line of lines) {
    if (/\S/.test(line)) paragraph.push(line);
    else flush();
  }
  flush();
  return blocks;
}

/** Code without the blank lines around it. */
const trimBlankLines = (code: string) => code.replace(/^(?:[ \t]*\n)+/, '').trimEnd();

// ---------------------------------------------------------------------------------------------
// Lexing

/**
 * Two block rules of the lexer kept linear. A Setext heading is looked for over a few lines
 * only (the rule scans the whole paragraph, and in a list item it runs at every line). Text in
 * a list item is read a paragraph at a time, as at the top level (the lexer reads it a line at
 * a time and copies what it has so far at each line).
 */
class BoundedTokenizer extends Tokenizer {
  override lheading(src: string): Tokens.Heading | undefined {
    let end = 0;
    for (let n = 0; n <= SETEXT_LINES; n++) {
      const newline = src.indexOf('\n', end);
      const stop = newline < 0 ? src.length : newline + 1;
      if (stop > SETEXT_CHARS) break;
      end = stop;
      if (newline < 0) break;
    }
    return end > 0 ? super.lheading(src.slice(0, end)) : undefined;
  }

  override text(src: string): Tokens.Text | undefined {
    const run = this.rules.block.paragraph.exec(src)?.[1];
    if (!run) return super.text(src);
    return { type: 'text', raw: run, text: run, tokens: this.lexer.inline(run) };
  }
}

/** How many of these characters a text has, counted up to `max + 1`. */
function count(text: string, chars: string, max: number): number {
  let n = 0;
  for (const c of chars) {
    for (let i = text.indexOf(c); i >= 0 && n <= max; i = text.indexOf(c, i + 1)) n++;
  }
  return n;
}

/** Whether a text has a run of more than `max` characters without whitespace. */
function runLonger(text: string, max: number): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) run = 0;
    else if (++run > max) return true;
  }
  return false;
}

/**
 * Whether the inline lexer reads a block in about linear time: not too long, not too dense, no
 * word longer than MAX_WORD_CHARS (its autolink rules retry along one: 0.9 s a 20,000-character block).
 */
const inlineSafe = (src: string) =>
  src.length <= MAX_INLINE_CHARS &&
  !runLonger(src, MAX_WORD_CHARS) &&
  (src.length <= MAX_EMPHASIS ||
    (count(src, '*_~', MAX_EMPHASIS) <= MAX_EMPHASIS && count(src, '`[<', MAX_OPENERS) <= MAX_OPENERS));

/**
 * Inline text none of whose characters the inline lexer reacts to (no escape, code, emphasis,
 * strikethrough, link, image, tag, entity, autolink or hard break, nor a table's bar): the lexer
 * would give it back as one text token, as it is (a property test checks it). A hard break is
 * looked for as exactly two spaces before a line break: the same texts, and a long run of spaces
 * before a letter costs no backtracking.
 */
export const noInlineMarkup = (src: string): boolean =>
  src !== '' && !/[\\`*_~[\]!<>&@|]|:\/\/|www\.| {2}\n/i.test(src);

/**
 * The text a reader sees of inline Markdown, read as a paragraph's inline content is (see lex):
 * what the HTML reader measures a heading it writes by.
 */
export function plainInline(src: string): string {
  if (noInlineMarkup(src)) return collapse(src);
  const inline: Token[] = [];
  if (inlineSafe(src)) {
    try {
      new Lexer({ gfm: true, tokenizer: new BoundedTokenizer() }).inlineTokens(src, inline);
      return inlineText(inline);
    } catch {
      // Read as the lexer's fallback below reads it.
    }
  }
  return collapse(stripMarkup(src));
}

/** The block tokens; each block's inline tokens, or its text with markup stripped (see inlineSafe). */
function lex(markdown: string): Token[] {
  const lexer = new Lexer({ gfm: true, tokenizer: new BoundedTokenizer() });
  const tokens = lexer.blockTokens(markdown, lexer.tokens);
  for (const { src, tokens: inline } of lexer.inlineQueue) {
    // Most paragraphs of prose: the lexer's rules, tried at every word, would find nothing.
    if (noInlineMarkup(src)) {
      inline.push({ type: 'text', raw: src, text: src });
      continue;
    }
    if (inlineSafe(src)) {
      try {
        lexer.state.inRawBlock = false;
        lexer.inlineTokens(src, inline);
        continue;
      } catch {
        inline.length = 0;
      }
    }
    inline.push({ type: 'text', raw: src, text: stripMarkup(src) });
  }
  lexer.inlineQueue = [];
  return tokens;
}

/**
 * One linear pass over inline Markdown: an escape, a link or image (its text), an autolink (its
 * address), a comment, a tag, an emphasis or code marker, underscores at the edge of a word.
 */
const MARKUP =
  /\\([!-/:-@[-`{-~])|!?\[([^[\]\n]{0,500})\](?:\([^()\n]{0,2000}\)|\[[^[\]\n]{0,500}\])?|<([A-Za-z][\w+.-]{1,31}:[^<>\s]{1,2000})>|<!--[\s\S]{0,5000}?-->|<\/?[A-Za-z][\w-]*(?:[\s/][^<>\n]{0,1000})?>|\*+|~~+|`+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu;

/** Inline Markdown reduced to its text without the lexer, for blocks the lexer should not read. */
function stripMarkup(src: string): string {
  return src.replace(MARKUP, (markup: string, escaped?: string, label?: string, address?: string) => {
    if (escaped !== undefined) return escaped;
    if (label !== undefined) return stripMarkup(label);
    if (address !== undefined) return address;
    return /^<br\b/i.test(markup) ? ' ' : '';
  });
}

// ---------------------------------------------------------------------------------------------
// Tokens to blocks

/** What the walk over the tokens carries along. */
interface Walk {
  blocks: Block[];
  /** The last group number given. */
  groups: number;
  /** An anchor (`<a id>` in a block without text) waiting for a heading right after it. */
  anchor: string | undefined;
  /** A `<details>` section ended: its summary heads nothing after it (see Block.closes). */
  closing: boolean;
  /**
   * Whether a section has begun (a heading below the top level, or a `#` heading after another
   * heading): past it, a line of links may be a section's answer ("## Where do I get help?" over links to the support server and
   * the issue tracker), and is kept.
   */
  sectioned: boolean;
  /** Whether a heading has been read. */
  headed: boolean;
  /**
   * The last paragraph when it can label what follows: a short paragraph all in bold
   * (`**Table of Contents**`) or ending with `:` (`Contents:`), not in a quote or a list.
   */
  label: Block | undefined;
}

const inGroup = (group: number | undefined) => (group === undefined ? {} : { group });

/** Adds a block: a heading takes the anchor waiting before it; any block ends the wait. */
function emit(walk: Walk, block: Block): void {
  // A section begins at a heading below the top level, or at a `#` heading after another
  // heading (files with `#` sections).
  if (block.kind === 'heading') {
    if ((block.level ?? 1) >= 2 || walk.headed) walk.sectioned = true;
    walk.headed = true;
  }
  if (block.kind === 'heading' && !block.anchor && walk.anchor) block.anchor = walk.anchor;
  walk.anchor = undefined;
  if (walk.closing) {
    if (block.kind !== 'heading' && block.kind !== 'question') block.closes = true;
    walk.closing = false;
  }
  walk.blocks.push(block);
}

function toBlocks(tokens: readonly Token[]): Block[] {
  const walk: Walk = {
    blocks: [],
    groups: 0,
    anchor: undefined,
    closing: false,
    sectioned: false,
    headed: false,
    label: undefined,
  };
  walkTokens(tokens, walk, undefined);
  return walk.blocks;
}

/** A code block's title in its fence's info: `title="app.js"` (Docusaurus, MkDocs), `[npm]` (VitePress). */
const CODE_TITLE =
  /(?:^|\s)title=(?:"([^"]{1,80})"|'([^']{1,80})')|^[\w+#.-]{0,20}[ \t]+\[(?![\d\s,-]*\])(?!!)([^\]]{1,40})\]/;
/**
 * The language a code fence names (` ```js title="app.js" `, ` ```{.python} `, ` ```sh [npm] `,
 * VitePress's ` ```ts:line-numbers `, R Markdown's ` ```{r, echo=FALSE} `), lower case, if it
 * is a name a highlighter could know: letters, digits and `+ # . _ -`, at most 24 characters.
 * Anything else (`<script>`, a sentence) names none.
 */
export function codeLanguage(info: string | undefined): string | undefined {
  const first = /^\s*\{?\s*\.?([^\s{},:[\]]+)/.exec(info ?? '')?.[1];
  return first && /^[A-Za-z0-9][\w+#.-]{0,23}$/.test(first) ? first.toLowerCase() : undefined;
}

/**
 * Adds the blocks of block tokens; `group` is the group of the list they are in. Inside a block
 * quote or a list item (`contained`), a heading is only emphasis: it is text, not a section.
 */
function walkTokens(
  tokens: readonly Token[],
  walk: Walk,
  group: number | undefined,
  contained = false,
): void {
  for (const token of tokens) {
    const t = token as MarkedToken;
    switch (t.type) {
      case 'heading': {
        const { inline, id } = withoutAttributes(t.tokens);
        const written = headingText(inline);
        // A FAQ heading's mark (`### Q: How do I…?`) is no word of the question.
        const text =
          FAQ_QUESTION.test(written) && ENDS_QUESTION.test(written) ? faqQuestion(written) : written;
        const anchor = id ?? anchorIn(inline);
        if (text && contained) emit(walk, { kind: 'text', text, ...inGroup(group) });
        else if (text)
          emit(walk, {
            kind: 'heading',
            text,
            level: t.depth,
            ...(anchor ? { anchor } : {}),
            ...(id ? { ownId: true as const } : {}),
            ...(text !== written ? { written } : {}),
            ...inGroup(group),
          });
        break;
      }
      case 'paragraph':
      case 'text':
        paragraph(t.tokens ?? [], walk, group, contained);
        break;
      case 'code':
        if (/\S/.test(t.text)) {
          // A code block's title in its fence (`\`\`\`js title="app.js"`, VitePress's `\`\`\`sh [npm]`)
          // leads it, as a lead-in line would.
          const title = CODE_TITLE.exec(t.lang ?? '');
          const label = (title?.[1] ?? title?.[2] ?? title?.[3])?.trim();
          if (label) emit(walk, { kind: 'text', text: asLead(label), ...inGroup(group) });
          const lang = codeLanguage(t.lang);
          emit(walk, {
            kind: 'code',
            text: trimBlankLines(t.text),
            ...(lang ? { lang } : {}),
            ...inGroup(group),
          });
        }
        break;
      case 'list':
        if (group !== undefined || !isContents(t)) {
          const listGroup = group ?? ++walk.groups;
          // An ordered list's items keep their numbers: "what is rule 3?" asks for one by it.
          const start = t.ordered ? Number(t.start === '' ? 1 : t.start) : Number.NaN;
          for (const [i, item] of t.items.entries())
            listItem(item, walk, listGroup, Number.isSafeInteger(start) ? start + i : undefined);
        } else {
          // A table of contents goes, and its label right above it with it (see Walk.label), or
          // a heading that only names it (`## Table of Contents`); another heading above it
          // stays, as a heading with nothing under it.
          const last = walk.blocks.at(-1);
          if (last && (last === walk.label || (last.kind === 'heading' && CONTENTS_LABEL.test(last.text))))
            walk.blocks.pop();
        }
        break;
      case 'table':
        table(t, walk, group);
        break;
      case 'blockquote':
        walkTokens(t.tokens, walk, group, true);
        break;
      case 'html':
        html(t.text, walk, group);
        break;
    }
  }
}

/**
 * Whether a bar of links is dropped here: before any section, or a language switcher under a
 * first heading alone. The bar is read only where it could be dropped (a paragraph deep in a
 * section is never taken apart for it).
 */
function dropsBar(walk: Walk, bar: () => LinkBar): boolean {
  const top = !walk.sectioned;
  if (!top && !onlyHeadings(walk.blocks)) return false;
  const read = bar();
  return read.found && (top || read.switcher);
}

/** Whether blocks are all headings, read from the last (a paragraph ends the question at once). */
function onlyHeadings(blocks: readonly Block[]): boolean {
  for (let k = blocks.length - 1; k >= 0; k--) if ((blocks[k] as Block).kind !== 'heading') return false;
  return true;
}

/** Words, at most, of a label (see Walk.label: `Table of Contents`). */
const CONTENTS_LABEL_WORDS = 4;

/**
 * A paragraph: nothing when only badges, a bar of links or links within the document ("Back to
 * top"); when without text, maybe an anchor for the next heading.
 */
function paragraph(inline: readonly Token[], walk: Walk, group: number | undefined, contained = false): void {
  if (isBadges(inline) || dropsBar(walk, () => linkBar(inline)) || isAnchorLinks(inline)) return;
  const text = inlineText(inline);
  // In a quote or a list item a bold first line is emphasis (`> **Note**`), as a heading is there.
  const pair = contained ? undefined : faqPair(inline, text);
  if (pair) {
    emit(walk, { kind: 'question', text: pair.question, ...inGroup(group) });
    emit(walk, { kind: 'text', text: pair.answer, ...inGroup(group) });
    return;
  }
  if (text && !contained && FAQ_QUESTION.test(text) && ENDS_QUESTION.test(text) && !text.includes('\n')) {
    // A `Q:` paragraph of its own: the question the next paragraph (its `A:`) answers.
    emit(walk, { kind: 'question', text: faqQuestion(text), ...inGroup(group) });
    return;
  }
  if (text) {
    const last = walk.blocks.at(-1);
    const notice = contained && ALERT.test(inline.map((t) => t.raw).join(''));
    emit(walk, {
      kind: 'text',
      text:
        (last?.kind === 'question' || (last?.kind === 'heading' && last.written !== undefined)) &&
        FAQ_ANSWER.test(text)
          ? faqAnswer(text)
          : text,
      ...inGroup(group),
      ...(notice ? { notice: true as const } : {}),
    });
    const bold = inline.filter((t) => t.type !== 'text' || /\S/.test(t.raw));
    if (
      !contained &&
      countWords(text) <= CONTENTS_LABEL_WORDS &&
      ((bold.length === 1 && bold[0]?.type === 'strong') || /:$/.test(text) || CONTENTS_LABEL.test(text))
    )
      walk.label = walk.blocks.at(-1);
  } else walk.anchor = anchorIn(inline) ?? walk.anchor;
}

/** `Q: …? A: …` run together in one paragraph. */
const QA_PAIR = /^((?:Q|Question)\s*[:.)]\s+[^\n]*?\?)\s+((?:A|Answer)\s*[:.)]\s+\S[\s\S]*)$/i;

/** A bold first line that titles the lines under it: short, not a sentence or a lead-in. */
export const BOLD_TITLE_MAX = 80;

/**
 * A FAQ entry or a titled item written as one paragraph: its question or title (a bold first
 * line: `**How do I report someone?**`, `**Rule 2 - No spam**`; or a `Q:` line) and its answer
 * or body on the next lines. Like the plain-text `Q:`/`A:` lines, the first heads the rest.
 */
function faqPair(inline: readonly Token[], text: string): { question: string; answer: string } | undefined {
  const [first, second] = inline;
  if (first?.type === 'strong' && second?.type === 'text' && /^[ \t]*\n/.test(second.raw)) {
    const question = inlineText((first as Tokens.Strong).tokens);
    const answer = inlineText(inline.slice(1));
    const title = question.length <= BOLD_TITLE_MAX && !/[.:;,]\s*$/.test(question);
    if (answer && (/\?\s*$/.test(question) || title)) return faqEntry(question, answer);
  }
  const qa = FAQ_QUESTION.test(text) ? QA_PAIR.exec(text) : null;
  return qa ? faqEntry(qa[1] as string, qa[2] as string) : undefined;
}

/**
 * A list item: its text as a 'list' block, then its nested lists and other blocks in order
 * (text after them as 'text' blocks), all in the group of the top-level list.
 */
function listItem(item: Tokens.ListItem, walk: Walk, group: number, number?: number): void {
  let run: string[] = [];
  let first = true;
  const flush = () => {
    const words = collapse(run.join(' '));
    // Up to three digits, as a sentence reads an item's number (a year, `2019.`, is no rule's).
    const text = words && first && number !== undefined && number < 1000 ? `${number}. ${words}` : words;
    run = [];
    if (text) emit(walk, { kind: first ? 'list' : 'text', text, group });
    first = false;
  };
  for (const token of item.tokens) {
    const t = token as MarkedToken;
    if (t.type === 'text' || t.type === 'paragraph') {
      const inline = t.tokens ?? [];
      if (!isBadges(inline)) run.push(inlineText(inline));
    } else if (t.type !== 'space' && t.type !== 'checkbox') {
      if (run.length) flush();
      first = false;
      walkTokens([t], walk, group, true);
    }
  }
  flush();
}

/** A table: a block per body row, `Header: cell · Header: cell` (empty cells left out), one group. */
function table(token: Tokens.Table, walk: Walk, group: number | undefined): void {
  const rows = token.rows.map((row) =>
    row.map((cell, col) => ({ col, text: inlineText(cell.tokens) })).filter((c) => c.text),
  );
  emitTable(
    walk,
    token.header.map((cell) => inlineText(cell.tokens)),
    rows,
    group,
  );
}

/**
 * A table's rows as blocks of one group, each `Header: cell · Header: cell` (the cells with
 * text, each under its column's header); a table of headers only reads as its headers.
 */
function emitTable(
  walk: Walk,
  headers: readonly string[],
  rows: readonly (readonly { col: number; text: string }[])[],
  group: number | undefined,
): void {
  const lines =
    rows.length > 0
      ? rows.map((row) => row.map((c) => (headers[c.col] ? `${headers[c.col]}: ${c.text}` : c.text)))
      : [headers.filter(Boolean)];
  const tableGroup = group ?? ++walk.groups;
  for (const cells of lines)
    if (cells.length) emit(walk, { kind: 'table', text: cells.join(' \u00b7 '), group: tableGroup });
}

/**
 * A raw HTML block as blocks: `<h1>`–`<h6>` as headings, a `<summary>` (the title of a
 * collapsible `<details>` section) as a heading of what follows it, other text as paragraphs
 * split at block-level tags, tags dropped (`<br>` a space, `<script>` and `<style>` with their
 * content). An `<a id>` or `<a name>` names the heading it is in, or waits for the next one.
 */
function html(source: string, walk: Walk, group: number | undefined): void {
  let text: string[] = [];
  let level = 0; // inside <h1>–<h6>
  let anchor: string | undefined; // the heading's
  let alt: string | undefined; // an image's in the heading, its text when it has no other
  let skip = ''; // inside <script> or <style>
  let summary = false; // inside <summary>
  // The text's links and what lies between them, to drop a bar of links (see LinkBar).
  let bar = new LinkBar();
  let link: string[] | undefined; // inside <a href>: its text so far
  // Inside <table>: its header cells by column, the rows so far (each its cells with text, by
  // column), the row being read, and what is being read in it.
  let table:
    | {
        headers: string[];
        rows: { col: number; text: string }[][];
        row: { col: number; text: string }[];
        /** The row's next column, and its cells so far and how many were header cells. */
        col: number;
        cells: number;
        /** Cells past MAX_COLUMNS, joined to the last column at the row's end. */
        overflow: string[];
        heads: number;
        cell: boolean;
        span: number;
        depth: number;
        caption: boolean;
        title: string[];
        outside: string[];
      }
    | undefined;
  const endCell = () => {
    if (!table) return;
    const content = collapse(decodeEntities(text.join('')));
    text = [];
    if (table.caption) {
      // The caption is read before the rows, text outside any cell after them.
      if (content) table.title.push(content);
      table.caption = false;
      return;
    }
    if (!table.cell) {
      if (content) table.outside.push(content);
      return;
    }
    // A cell spanning columns takes them all, so the next cell keeps its column's header; past
    // MAX_COLUMNS, cells join the last column.
    if (table.col >= MAX_COLUMNS) {
      if (content) table.overflow.push(content);
    } else if (content) table.row.push({ col: Math.min(table.col, MAX_COLUMNS - 1), text: content });
    table.col = Math.min(table.col + table.span, MAX_COLUMNS);
    table.cells++;
    table.cell = false;
  };
  const endRow = () => {
    if (!table) return;
    endCell();
    const { row } = table;
    // The cells past the last column join it, once.
    if (table.overflow.length > 0) {
      const last = row.at(-1);
      const more = table.overflow.join(' ');
      if (last) last.text = `${last.text} ${more}`;
      else row.push({ col: MAX_COLUMNS - 1, text: more });
      table.overflow = [];
    }
    if (row.length > 0) {
      if (table.heads === table.cells && table.headers.length === 0 && table.rows.length === 0) {
        for (const c of row) table.headers[c.col] = c.text;
        table.headers = Array.from(table.headers, (h) => h ?? '');
      } else table.rows.push(row);
    }
    table.row = [];
    table.col = 0;
    table.cells = 0;
    table.heads = 0;
  };
  // Its rows read as a Markdown table's (see emitTable), its caption before them.
  const endTable = () => {
    if (!table) return;
    endRow();
    const { headers, rows, title, outside } = table;
    table = undefined;
    text = [];
    bar = new LinkBar();
    link = undefined;
    for (const t of title) emit(walk, { kind: 'text', text: t, ...inGroup(group) });
    emitTable(walk, headers, rows, group);
    for (const t of outside) emit(walk, { kind: 'text', text: t, ...inGroup(group) });
  };
  const flush = () => {
    if (table) return;
    const content = collapse(decodeEntities(text.join(''))) || (level ? imageTitle(alt ?? '') : '');
    text = [];
    const links = bar;
    bar = new LinkBar();
    if (!content || (!level && !summary && dropsBar(walk, () => links))) return;
    // Like a question in a FAQ, a summary heads what follows it up to the next heading or summary.
    if (summary) emit(walk, { kind: 'question', text: content, ...inGroup(group) });
    else if (level)
      emit(walk, { kind: 'heading', text: content, level, ...(anchor ? { anchor } : {}), ...inGroup(group) });
    else emit(walk, { kind: 'text', text: content, ...inGroup(group) });
  };
  // Code fenced inside an HTML block (an MDX tab's) is not Markdown there: its fences go.
  const unfenced = source.includes('``') || source.includes('~~') ? source.replace(FENCE_LINE, '') : source;
  for (const part of htmlParts(unfenced)) {
    if (typeof part === 'string') {
      if (skip) continue;
      text.push(part);
      // A table's text is its cells', never a bar's.
      if (table) continue;
      if (link) link.push(part);
      else bar.between(decodeEntities(part));
      continue;
    }
    if (part.name === 'a' && !skip && !table) {
      if (part.close && link) bar.link(collapse(decodeEntities(link.join(''))));
      link = !part.close && attribute(part, 'href') !== undefined ? [] : undefined;
    }
    const heading = /^h([1-6])$/.exec(part.name);
    // The name an MDX component gives what it wraps, read once (see componentLabel).
    const label = componentLabel(part);
    const named = anchorOf(part);
    if (skip) {
      if (part.close && part.name === skip) skip = '';
    } else if (part.name === 'script' || part.name === 'style') {
      if (!part.close) skip = part.name;
    } else if (heading && table && (table.cell || table.depth > 0)) {
      // A heading in a cell (a README's feature grid) is that cell's text.
      text.push(' ');
    } else if (heading) {
      // A heading ends a table left open.
      endTable();
      flush();
      level = part.close ? 0 : Number(heading[1]);
      anchor = part.close ? undefined : attribute(part, 'id');
      alt = undefined;
    } else if (part.name === 'table') {
      // A table inside a cell is that cell's text; the outer table ends at its own </table>.
      if (table && !part.close) table.depth++;
      else if (table && table.depth > 0) table.depth--;
      else if (part.close) endTable();
      else {
        flush();
        table = {
          headers: [],
          rows: [],
          row: [],
          col: 0,
          cells: 0,
          overflow: [],
          heads: 0,
          cell: false,
          span: 1,
          depth: 0,
          caption: false,
          title: [],
          outside: [],
        };
      }
    } else if (
      table &&
      table.depth === 0 &&
      (part.name === 'tr' || part.name === 'td' || part.name === 'th')
    ) {
      if (part.name === 'tr') endRow();
      else {
        endCell();
        if (!part.close) {
          table.cell = true;
          table.span = Math.min(Math.max(Number(attribute(part, 'colspan')) || 1, 1), MAX_COLUMNS);
          if (part.name === 'th') table.heads++;
        }
      }
    } else if (table && table.depth === 0 && part.name === 'caption') {
      endCell();
      table.caption = !part.close;
    } else if (table && !INLINE_TAGS.has(part.name)) {
      text.push(' ');
    } else if (part.name === 'summary') {
      flush();
      summary = !part.close;
    } else if (part.component && FOLDING.has(part.name)) {
      // Like a <details> section: its title heads what it folds away (a FAQ's question).
      flush();
      if (label) emit(walk, { kind: 'question', text: label, ...inGroup(group) });
      if (part.close) walk.closing = true;
    } else if (label !== undefined) {
      // A tab's, a step's, a card's or a field's name leads its content (`npm: npm i x`).
      flush();
      text.push(`${asLead(label)} `);
    } else if (part.name === 'details') {
      flush();
      if (part.close) walk.closing = true;
    } else if (part.name === 'br') {
      text.push(' ');
    } else if (part.name === 'img') {
      if (level) alt = attribute(part, 'alt') ?? alt;
    } else if (named) {
      if (level) anchor = named;
      else walk.anchor = named;
    } else if (part.component && wrapsNothing(part)) {
      // A component that wraps nothing (`<Icon name="star" />`) is no break in the text.
    } else if (!INLINE_TAGS.has(part.name)) {
      flush();
    }
  }
  endTable();
  flush();
}
