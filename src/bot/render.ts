/**
 * The one place command outcomes become Discord payloads. Commands return plain data (a View);
 * this module escapes it, marks the matched words, and enforces every Discord limit, so no
 * other module has to count characters. Every payload goes through `fitPayload` last.
 *
 * Text from the documents or from users is never trusted: control and bidirectional characters
 * are removed, markdown is escaped, anything that could ping or render as a mention, a timestamp
 * or a custom emoji gets a zero-width space (and every payload carries
 * `allowedMentions: { parse: [] }` as well), and the only unescaped `**` in a rendered string
 * are the bold marks this module adds, always in pairs, never inside a link or a mention. Text is
 * cut between graphemes only (src/bot/text/cut.ts).
 *
 * Decision: on the last page of an answer with more than one page, the "More results" button
 * becomes "Back to first" (offset 0) instead of being disabled, so the pages cycle.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  MessageFlags,
} from 'discord.js';
import { type Choice, customId, type Outcome, PAGE_SIZE, type View } from '../../commands/_shared.js';
import type { Answer, Citation, DocumentInfo, Mark, Result } from '../core/index.js';
import { marksOutside, stripControls, stripMarked } from './text/clean.js';
import { cutPoint, cutText, graphemeBoundary } from './text/cut.js';

export { cutText };

/** Discord's limits, in UTF-16 code units (never fewer than Discord's own count of characters). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  fields: 25,
  embeds: 10,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  buttonLabel: 80,
  customId: 100,
  actionRows: 5,
} as const;

/** Buttons per action row, and the longest URL an embed takes. */
const BUTTONS_PER_ROW = 5;
const MAX_URL = 2048;
/** Documents per page of /sources. */
export const SOURCES_PER_PAGE = 10;

const COLORS = {
  answer: 0x5865f2,
  nothing: 0xfee75c,
  paragraphs: 0x5865f2,
  sources: 0x57f287,
  problem: 0xed4245,
} as const;

type ButtonRow = APIActionRowComponent<APIButtonComponent>;

export interface ReplyPayload {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: { parse: [] };
  flags?: MessageFlags.Ephemeral;
}

export interface RenderOptions {
  /** The buttons no longer work: show them disabled. */
  expired?: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Text: cutting, escaping, marking
// ---------------------------------------------------------------------------------------------------------

const ZWSP = '\u200B';
/** Stand-ins for the bold marks while the text is escaped (private use; stripped from input). */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SENTINELS = /[\uE000\uE001]/g;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const SPACE = /\s/;

const ALL_MARKDOWN = {
  codeBlock: true,
  inlineCode: true,
  bold: true,
  italic: true,
  underline: true,
  strikethrough: true,
  spoiler: true,
  codeBlockContent: true,
  inlineCodeContent: true,
  escape: true,
  heading: true,
  bulletedList: true,
  numberedList: true,
  maskedLink: true,
} as const;

/** Escapes the given characters wherever they are not escaped already (after escapeMarkdown). */
function escapeLeft(text: string, chars: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      out += c + text.charAt(i + 1);
      i++;
    } else if (chars.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/** Escapes unescaped `~~` and `||` (pairs that pieces escaped apart could leave behind). */
function escapePairs(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      out += c + text.charAt(i + 1);
      i++;
    } else if ((c === '~' || c === '|') && text.charAt(i + 1) === c) {
      out += `\\${c}\\${c}`;
      i++;
    } else out += c;
  }
  return out;
}

/** Where to split a long run of non-space characters: between two letters or digits if possible. */
function pieces(run: string, size: number): string[] {
  const out: string[] = [];
  const word = /[\p{L}\p{N}]/u;
  let rest = run;
  while (rest.length > size) {
    let at = graphemeBoundary(rest, size);
    for (let i = size; i > size / 2; i--) {
      if (word.test(rest.charAt(i - 1)) && word.test(rest.charAt(i))) {
        at = i;
        break;
      }
    }
    if (at <= 0) at = size;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  out.push(rest);
  return out;
}

/**
 * escapeMarkdown with every option. Its lookbehinds scan back through runs of non-space
 * characters, which is quadratic (a 4,000-character token takes 100 ms): long runs are escaped
 * in pieces.
 */
function escapeAll(text: string): string {
  // escapeMarkdown's italic pattern rescans the line at every position: quadratic on long
  // lines. Long text is escaped in pieces of about 256 characters, cut at spaces where possible.
  if (text.length <= 512 && !/\S{257}/.test(text)) return escapeMarkdown(text, ALL_MARKDOWN);
  let out = '';
  for (const piece of spacedPieces(text, 256)) out += escapeMarkdown(piece, ALL_MARKDOWN);
  // Pairs and links can span pieces: escape what is left of them.
  return escapeLeft(escapePairs(out), '[_');
}

/** Pieces of at most about `size` characters, cut after a space when there is one, else inside the run. */
function spacedPieces(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const space = rest.lastIndexOf(' ', size);
    if (space > size / 2) {
      out.push(rest.slice(0, space + 1));
      rest = rest.slice(space + 1);
      continue;
    }
    const [first = '', ...others] = pieces(rest.slice(0, 2 * size), size);
    out.push(first);
    rest = others.join('') + rest.slice(2 * size);
  }
  out.push(rest);
  return out;
}

/** Markdown escapes only (no mentions): escapeMarkdown with every option, and what it leaves. */
function escapeCore(text: string): string {
  const escaped = escapeAll(text)
    // Block quotes and subtext, which escapeMarkdown does not know.
    .replace(/^(\s*)>/gm, '$1\\>')
    .replace(/^(\s*)-#/gm, '$1\\-#');
  // escapeMarkdown leaves some asterisks and backticks (inside URLs, odd runs): escape them all, so
  // the only unescaped `**` left are ours and no code span can swallow them.
  return escapeLeft(escaped, '*`');
}

/**
 * Inserts a zero-width space into everything that could ping or render as a mention, a timestamp
 * (`<t:…>`), a custom emoji (`<:name:id>`, `<a:name:id>`), a guide link (`<id:…>`) or a command.
 */
function neutralise(text: string): string {
  return text
    .replace(/@(?=(?:\*\*)?(?:everyone|here))/gi, `@${ZWSP}`)
    .replace(/<(?=(?:\*\*)?(?:[@#/]|[ta]?:|id:))/gi, `<${ZWSP}`)
    .replace(/＠(?=(?:everyone|here))/gi, `＠${ZWSP}`);
}

/**
 * Removes control and bidirectional characters (newlines stay), escapes Discord markdown and
 * neutralises mentions (`@everyone`, `@here`, `<@id>`, `<#id>`, `</cmd:id>`, `<t:…>`…).
 */
export function escapeText(text: string): string {
  return neutralise(escapeCore(stripControls(text).replace(SENTINELS, '\uFFFD')));
}

/**
 * Escapes a one-line name (embed title, field name, citation) only where markdown could form,
 * so file names like `a_b.txt` keep no needless backslash; control and bidirectional characters
 * are removed and mentions neutralised.
 */
function escapeName(text: string): string {
  const word = /[\p{L}\p{N}]/u;
  const escaped = stripControls(text)
    .replace(/\s+/g, ' ')
    .replace(/[\\*`]/g, '\\$&')
    .replace(/~~/g, '\\~\\~')
    .replace(/\|\|/g, '\\|\\|')
    .replace(/_/g, (_m, at: number, s: string) =>
      word.test(s.charAt(at - 1)) && word.test(s.charAt(at + 1)) ? '_' : '\\_',
    )
    .replace(/\[.+]\(.+\)/g, '\\$&');
  return neutralise(escaped);
}

/** Cuts raw text to fit `max` once transformed, shrinking the budget until the result fits. */
function fitRaw(text: string, max: number, transform: (s: string) => string): string {
  let budget = Math.floor(max);
  while (budget > 0) {
    const out = transform(cutText(text, budget));
    if (out.length <= max) return out;
    budget = Math.min(budget - 1, Math.floor((budget * max) / out.length));
  }
  return '';
}

/**
 * Sorted, merged marks within [0, length), not splitting surrogate pairs, without edge spaces,
 * and outside links and mention-like tokens (where `**` would break them).
 */
function cleanMarks(text: string, marks: readonly Mark[], length: number): Mark[] {
  const clamped = marks
    .map(([s, e]): Mark => {
      let start = Math.max(0, Math.floor(s));
      let end = Math.min(length, Math.ceil(e));
      if (start > 0 && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
      if (end < length && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end++;
      return [start, Math.min(end, length)];
    })
    .filter(([s, e]) => Number.isFinite(s) && Number.isFinite(e) && e > s);
  const ranges = marksOutside(text, clamped).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Mark[] = [];
  for (const [s, e] of ranges) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  // Bold around spaces does not render: trim them (after merging, so `alpha| beta` stays one mark).
  return merged
    .map(([s, e]): Mark => {
      let start = s;
      let end = e;
      while (start < end && SPACE.test(text.charAt(start))) start++;
      while (end > start && SPACE.test(text.charAt(end - 1))) end--;
      return [start, end];
    })
    .filter(([s, e]) => e > s);
}

/** Escapes `text` with the marked ranges in bold. */
function markup(text: string, marks: readonly Mark[]): string {
  let withSentinels = '';
  let at = 0;
  for (const [s, e] of cleanMarks(text, marks, text.length)) {
    withSentinels += text.slice(at, s) + OPEN + text.slice(s, e) + CLOSE;
    at = e;
  }
  withSentinels += text.slice(at);
  return neutralise(escapeCore(withSentinels).replaceAll(OPEN, '**').replaceAll(CLOSE, '**'));
}

/**
 * Highlighted, escaped text within `max` (control and bidirectional characters removed first,
 * the marks moved to match), and how many characters of that text it left out.
 */
function renderMarked(text: string, marks: readonly Mark[], max: number): { text: string; left: number } {
  const clean = stripMarked(text, marks);
  const raw = clean.text.replace(SENTINELS, '\uFFFD');
  let budget = Math.floor(max);
  while (budget > 0) {
    const { end, suffix } = cutPoint(raw, budget);
    const out = markup(raw.slice(0, end), clean.marks) + suffix;
    if (out.length <= max) return { text: out, left: raw.length - end };
    budget = Math.min(budget - 1, Math.floor((budget * max) / out.length));
  }
  return { text: '', left: raw.length };
}

/**
 * Escaped text with the marked `[start, end)` ranges in `**bold**`, at most `max` characters:
 * the raw text is cut at a boundary first, then escaped; bold marks always come in pairs.
 */
export function highlight(text: string, marks: readonly Mark[], max: number): string {
  return renderMarked(text, marks, max).text;
}

/** Cuts already-rendered text, keeping escapes whole, bold marks paired and mentions neutral. */
function cutRendered(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const { end, suffix } = cutPoint(text, max);
  let body = text.slice(0, end);
  const bolds: number[] = [];
  let dangling = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c === '\\') {
      if (i + 1 >= body.length) dangling = true;
      i++;
    } else if (c === '*' && body.charAt(i + 1) === '*') {
      bolds.push(i);
      i++;
    }
  }
  if (dangling) body = body.slice(0, -1);
  const lastBold = bolds[bolds.length - 1];
  if (bolds.length % 2 === 1 && lastBold !== undefined)
    body = body.slice(0, lastBold) + body.slice(lastBold + 2);
  return neutralise(body + suffix);
}

// ---------------------------------------------------------------------------------------------------------
// Pieces
// ---------------------------------------------------------------------------------------------------------

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
const noMentions = (): { parse: [] } => ({ parse: [] });
/** Text on one line, without control or bidirectional characters. */
const oneLine = (text: string) => stripControls(text).replace(/\s+/g, ' ').trim();

/** A place in a document as a reader names it: `Title › Section`. */
const place = (title: string, section?: string) =>
  `${oneLine(title) || 'Untitled'}${section ? ` › ${oneLine(section)}` : ''}`;

/** The paragraph numbers of a passage: `¶4` or `¶4–7`. */
const paragraphs = (c: { paragraph: number; through?: number }) =>
  `¶${c.paragraph}${c.through && c.through > c.paragraph ? `–${c.through}` : ''}`;

/** `Title › Section — file ¶N` (with an optional prefix), escaped, within max; the title is cut first. */
function citationName(c: Citation, max: number, prefix = ''): string {
  const tail = escapeName(` — ${oneLine(c.source)} ${paragraphs(c)}`);
  const head = escapeName(prefix);
  const room = max - head.length - tail.length;
  if (room >= 16) {
    const t = fitRaw(place(c.title, c.section), room, escapeName);
    return head + t + tail;
  }
  return (
    fitRaw(
      `${prefix}${place(c.title, c.section)} — ${oneLine(c.source)} ${paragraphs(c)}`,
      max,
      escapeName,
    ) || '\u200B'
  );
}

/** A link target for markdown: an http(s) URL with the characters that end a link encoded. */
function linkTarget(url: string | undefined): string | undefined {
  const safe = httpUrl(url);
  return safe?.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A file name for inline code, on one line without control characters: code shows backslashes,
 * so backticks are replaced, not escaped.
 */
function codeName(source: string, max: number): string {
  const clean = oneLine(source).replace(/`/g, "'");
  return `\`${neutralise(cutText(clean, Math.max(1, max - 2)))}\``;
}

/** `— *Title › Section*, `file` ¶N`, within max; the title linked when the document's address is known. */
function citationLine(c: Citation, max: number): string {
  const file = codeName(c.source, Math.min(120, Math.floor(max / 2)));
  const tail = `, ${file} ${paragraphs(c)}`;
  const url = linkTarget(c.url);
  const room = max - tail.length - 4 - (url ? url.length + 4 : 0);
  const t = room > 0 ? fitRaw(place(c.title, c.section), room, escapeName) : '';
  if (!t) return `— ${tail.slice(2)}`;
  return url ? `— [*${t}*](${url})${tail}` : `— *${t}*${tail}`;
}

function button(
  label: string,
  id: string,
  disabled: boolean,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
): APIButtonComponent {
  return { type: ComponentType.Button, style, label, custom_id: id, disabled };
}

const row = (...components: APIButtonComponent[]): ButtonRow => ({
  type: ComponentType.ActionRow,
  components,
});

function embedLength(e: APIEmbed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0);
  n += e.footer?.text.length ?? 0;
  n += e.author?.name.length ?? 0;
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

const totalLength = (embeds: readonly APIEmbed[]) => embeds.reduce((n, e) => n + embedLength(e), 0);

function payload(outcome: Outcome, embeds: APIEmbed[], components: ButtonRow[] = []): ReplyPayload {
  const p: ReplyPayload = { embeds, components, allowedMentions: noMentions() };
  if (outcome.ephemeral) p.flags = MessageFlags.Ephemeral;
  return fitPayload(p);
}

// ---------------------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------------------

function sameParagraph(a: { source: string; paragraph: number }, b: { source: string; paragraph: number }) {
  return a.source === b.source && a.paragraph === b.paragraph;
}

function correctionsLine(answer: Answer): string {
  const parts = answer.corrections
    .filter((c) => c.to.length > 0)
    .slice(0, 5)
    .map(
      (c) =>
        `“${cutText(c.from, 40)}” as ${c.to
          .slice(0, 3)
          .map((t) => `“${cutText(t, 40)}”`)
          .join(' or ')}`,
    );
  return parts.length ? escapeText(`Read ${parts.join(', ')}.`) : '';
}

function notFoundList(words: readonly string[], max: number): string {
  const shown = words.slice(0, 20).map((w) => `*${escapeName(cutText(oneLine(w), 40))}*`);
  let out = '';
  for (const [i, w] of shown.entries()) {
    const next = out ? `${out}, ${w}` : w;
    const more = words.length - i - 1;
    if (next.length + (more > 0 ? 20 : 0) > max) return `${out}${out ? ' ' : ''}and ${words.length - i} more`;
    out = next;
  }
  if (words.length > shown.length) out += ` and ${words.length - shown.length} more`;
  return out;
}

function renderAnswer(
  outcome: Outcome,
  view: Extract<View, { kind: 'answer' }>,
  expired: boolean,
): ReplyPayload {
  const { answer, session } = view;
  const total = answer.results.length;
  const offset = Math.max(0, Math.min(Math.floor(view.offset) || 0, Math.max(0, total - 1)));
  const page = answer.results.slice(offset, offset + PAGE_SIZE);
  const end = offset + page.length;

  const title = fitRaw(oneLine(answer.question) || 'Question', LIMITS.embedTitle, escapeText);
  const fields: APIEmbedField[] = page.map((r, k) => {
    const url = linkTarget(r.url);
    const link = url
      ? `\n[${paragraphs(r)} in ${fitRaw(oneLine(r.title) || 'the document', 60, escapeName)}](${url})`
      : '';
    return {
      name: citationName(r, LIMITS.fieldName, `[${offset + k + 1}] `),
      value:
        highlight(r.excerpt || r.text, r.excerpt ? r.marks : [], LIMITS.fieldValue - link.length) + link ||
        '\u200B',
    };
  });
  let footer = `Searched ${plural(answer.searched, 'passage')} in ${Math.round(answer.tookMs)} ms`;
  if (total > PAGE_SIZE) footer += ` · results ${offset + 1}–${end} of ${total}`;

  const used = title.length + footer.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - used);
  const extra: string[] = [];
  const fixes = correctionsLine(answer);
  if (fixes) extra.push(`*${cutRendered(fixes, 300)}*`);
  if (answer.notFound.length) extra.push(`Not in the documents: ${notFoundList(answer.notFound, 300)}`);
  const extraText = extra.join('\n');
  let description = '';
  if (answer.answer) {
    const a = answer.answer;
    const first = page[0];
    const marker = first && sameParagraph(a, first) ? ` [${offset + 1}]` : '';
    const cite = citationLine(a, 600);
    const textRoom = room - marker.length - cite.length - 1 - (extraText ? extraText.length + 2 : 0);
    const text = highlight(a.text, a.marks, Math.max(0, textRoom));
    description = `${text}${marker}\n${cite}`;
    if (extraText) description += `\n\n${extraText}`;
  } else {
    // Results that do not answer the question directly are shown as related only.
    description = `**${RELATED[answer.related ?? 'partial']}**`;
    if (extraText) description += `\n${extraText}`;
  }

  const last = end >= total;
  const more =
    last && total > PAGE_SIZE
      ? button('Back to first', customId('ask', 'more', session, 0), expired, ButtonStyle.Primary)
      : button(
          'More results',
          customId('ask', 'more', session, offset + PAGE_SIZE),
          expired || last,
          ButtonStyle.Primary,
        );
  const para = button(
    'Show paragraph',
    customId('ask', 'para', session, offset),
    expired || page.length === 0,
  );

  const embed: APIEmbed = { title, color: COLORS.answer, fields, footer: { text: footer } };
  const url = httpUrl(answer.answer?.url);
  if (url) embed.url = url;
  if (description) embed.description = cutRendered(description, room);
  return payload(outcome, [embed], [row(more, para)]);
}

/** The label over results that do not answer the question directly. */
const RELATED: Record<NonNullable<Answer['related']>, string> = {
  missing: 'Nothing in the documents answers this directly; related passages:',
  partial: 'Nothing in the documents answers this directly; related passages:',
};

const WHY: Record<NonNullable<Answer['empty']> | 'none', string> = {
  'no-terms': 'The question has only common words: add the words that matter (a name, a place, a thing).',
  'not-found': 'None of its words are in the documents.',
  weak: 'Too little of the question is in the documents to answer it.',
  none: 'No passage matches it well enough.',
};

function renderNothing(outcome: Outcome, view: Extract<View, { kind: 'nothing' }>): ReplyPayload {
  const { answer } = view;
  const lines = [
    `Nothing in the documents answers “${fitRaw(oneLine(answer.question), 300, escapeText)}”.`,
    WHY[answer.empty ?? 'none'],
  ];
  if (answer.notFound.length) lines.push(`Not found: ${notFoundList(answer.notFound, 600)}`);
  const fixes = correctionsLine(answer);
  if (fixes) lines.push(cutRendered(fixes, 300));
  const tries = view.suggestions.filter((s) => s.trim()).slice(0, 10);
  if (tries.length === 1) lines.push(`Try: ${fitRaw(oneLine(tries[0] ?? ''), 300, escapeText)}`);
  else if (tries.length > 1) {
    lines.push(`Try:\n${tries.map((s) => `• ${fitRaw(oneLine(s), 200, escapeText)}`).join('\n')}`);
  }
  const embed: APIEmbed = {
    title: 'Nothing found',
    color: COLORS.nothing,
    description: cutRendered(lines.join('\n'), LIMITS.embedDescription),
  };
  return payload(outcome, [embed]);
}

function renderParagraphs(outcome: Outcome, view: Extract<View, { kind: 'paragraphs' }>): ReplyPayload {
  const shown = view.results.slice(0, LIMITS.embeds);
  if (shown.length === 0) {
    return renderProblem(outcome, 'There is no paragraph to show.');
  }
  const author = cutText(oneLine(view.question), 200);
  const hidden = view.results.length - shown.length;
  const embeds: APIEmbed[] = shown.map((r, i) => {
    const e: APIEmbed = {
      title: citationName(r, LIMITS.embedTitle),
      color: COLORS.paragraphs,
    };
    const url = httpUrl(r.url);
    if (url) e.url = url;
    if (i === 0 && author) e.author = { name: neutralise(author) };
    if (i === shown.length - 1 && hidden > 0)
      e.footer = { text: `${plural(hidden, 'more result')} not shown` };
    return e;
  });
  // Share what is left of the 6000 characters among the descriptions: the short ones whole, the
  // longest cut to an equal cap (water-filling), each within 4096.
  const room = LIMITS.embedTotal - totalLength(embeds) - 2 * shown.length;
  // Text longer than a description is cut anyway: only shorter text is escaped to measure it.
  const full = shown.map((r) => (r.text.length > LIMITS.embedDescription ? undefined : escapeText(r.text)));
  const lengths = full.map((t) =>
    Math.min(t?.length ?? Number.POSITIVE_INFINITY, LIMITS.embedDescription + 1),
  );
  let cap: number = LIMITS.embedDescription;
  if (lengths.reduce((a, b) => a + b, 0) > room) {
    const sorted = [...lengths].sort((a, b) => a - b);
    let left = room;
    cap = 0;
    for (const [i, n] of sorted.entries()) {
      const share = Math.floor(left / (sorted.length - i));
      if (n <= share) left -= n;
      else {
        cap = share;
        break;
      }
    }
  }
  shown.forEach((r: Result, i) => {
    const e = embeds[i] as APIEmbed;
    const whole = full[i];
    if (whole !== undefined && whole.length <= Math.min(cap, LIMITS.embedDescription)) {
      if (whole) e.description = whole;
      return;
    }
    const file = oneLine(r.source);
    const noteMax = `(cut — ${plural(r.text.length, 'more character')} in ${file} ¶${r.paragraph})`;
    const noteRoom = Math.min(escapeName(noteMax).length, 300);
    const cut = renderMarked(r.text, [], Math.max(0, cap - noteRoom - 2));
    const note = fitRaw(
      `(cut — ${plural(cut.left, 'more character')} in ${file} ¶${r.paragraph})`,
      noteRoom,
      escapeName,
    );
    e.description = cut.text ? `${cut.text}\n\n${note}` : note;
  });
  return payload(outcome, embeds);
}

function renderSources(outcome: Outcome, view: Extract<View, { kind: 'sources' }>): ReplyPayload {
  const { documents } = view;
  const pages = Math.max(1, Math.ceil(documents.length / SOURCES_PER_PAGE));
  const page = Math.max(0, Math.min(Math.floor(view.page) || 0, pages - 1));
  const shown = documents.slice(page * SOURCES_PER_PAGE, (page + 1) * SOURCES_PER_PAGE);
  const line = (d: DocumentInfo) => {
    const name = `**${fitRaw(oneLine(d.title) || 'Untitled', 150, escapeName)}**`;
    const url = linkTarget(d.url);
    return (
      `${url ? `[${name}](${url})` : name}\n` +
      `${fitRaw(oneLine(d.source), 150, escapeText)} · ${plural(d.paragraphs, 'paragraph')} · ${plural(d.words, 'word')}`
    );
  };
  const description = shown.length ? shown.map(line).join('\n\n') : 'No documents are loaded.';
  const embed: APIEmbed = {
    title: 'Sources',
    color: COLORS.sources,
    description: cutRendered(description, LIMITS.embedDescription),
    footer: {
      text: `${plural(documents.length, 'document')} · ${plural(view.passages, 'passage')} searched · page ${page + 1}/${pages}`,
    },
  };
  const components =
    pages > 1
      ? [
          row(
            button('Previous', customId('sources', 'page', page - 1), page === 0),
            button('Next', customId('sources', 'page', page + 1), page >= pages - 1),
          ),
        ]
      : [];
  return payload(outcome, [embed], components);
}

function httpUrl(url: string | undefined): string | undefined {
  if (!url || url.length > MAX_URL || !/^https?:\/\//i.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function renderSource(outcome: Outcome, view: Extract<View, { kind: 'source' }>): ReplyPayload {
  const d = view.document;
  const title = fitRaw(oneLine(d.title) || 'Untitled', LIMITS.embedTitle, escapeName);
  const fields: APIEmbedField[] = [
    { name: 'File', value: codeName(d.source, LIMITS.fieldValue), inline: true },
    { name: 'Paragraphs', value: d.paragraphs.toLocaleString('en-US'), inline: true },
    { name: 'Words', value: d.words.toLocaleString('en-US'), inline: true },
  ];
  const used = title.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - used);
  let description = highlight(view.opening.trim(), [], Math.min(600, room));
  const headings = view.headings.map(oneLine).filter(Boolean);
  if (headings.length) {
    let list = `${description ? '\n\n' : ''}**Sections**`;
    for (const [i, h] of headings.entries()) {
      const item = `\n• ${fitRaw(h, 200, escapeText)}`;
      const rest = headings.length - i - 1;
      const tail = rest > 0 ? `\n… and ${rest} more` : '';
      if (description.length + list.length + item.length + tail.length > room) {
        list += `\n… and ${headings.length - i} more`;
        break;
      }
      list += item;
    }
    description += list;
  }
  const embed: APIEmbed = { title, color: COLORS.sources, fields };
  const url = httpUrl(d.url);
  if (url) embed.url = url;
  if (description) embed.description = cutRendered(description, room);
  return payload(outcome, [embed]);
}

/** A list of file names for a reindex report field, cut to fit. */
function fileList(files: readonly string[], max: number): string {
  if (files.length === 0) return 'none';
  let out = '';
  for (const [i, f] of files.entries()) {
    const item = `${out ? '\n' : ''}${codeName(f, 200)}`;
    const more = `\n… and ${files.length - i} more`;
    if (out.length + item.length + more.length > max) return out + (out ? more : more.trimStart());
    out += item;
  }
  return out;
}

function renderReindex(outcome: Outcome, view: Extract<View, { kind: 'reindex' }>): ReplyPayload {
  const r = view.report;
  const delta = r.paragraphs - r.previousParagraphs;
  const fields: APIEmbedField[] = [
    { name: `Added (${r.added.length})`, value: fileList(r.added, 600), inline: true },
    { name: `Removed (${r.removed.length})`, value: fileList(r.removed, 600), inline: true },
    { name: `Changed (${r.changed.length})`, value: fileList(r.changed, 600), inline: true },
    {
      name: 'Now',
      value: `${r.documents.toLocaleString('en-US')} documents · ${r.paragraphs.toLocaleString('en-US')} paragraphs (${delta >= 0 ? '+' : ''}${delta.toLocaleString('en-US')}) · ${r.passages.toLocaleString('en-US')} passages`,
    },
  ];
  if (r.warnings.length > 0) {
    fields.push({
      name: `Skipped (${r.warnings.length})`,
      value: fitRaw(r.warnings.join('\n'), 900, escapeText),
    });
  }
  const embed: APIEmbed = {
    title: 'Index rebuilt',
    color: COLORS.sources,
    fields,
    footer: { text: `Took ${Math.round(r.ms).toLocaleString('en-US')} ms` },
  };
  return payload(outcome, [embed]);
}

function renderProblem(outcome: Outcome, message: string): ReplyPayload {
  const embed: APIEmbed = {
    color: COLORS.problem,
    description: fitRaw(message.trim() || 'Something is wrong.', LIMITS.embedDescription, escapeText),
  };
  return payload(outcome, [embed]);
}

/** The Discord payload for a command's outcome, within every Discord limit. */
export function render(outcome: Outcome, options: RenderOptions = {}): ReplyPayload {
  const view = outcome.view;
  switch (view.kind) {
    case 'answer':
      return renderAnswer(outcome, view, options.expired === true);
    case 'nothing':
      return renderNothing(outcome, view);
    case 'paragraphs':
      return renderParagraphs(outcome, view);
    case 'sources':
      return renderSources(outcome, view);
    case 'source':
      return renderSource(outcome, view);
    case 'reindex':
      return renderReindex(outcome, view);
    case 'problem':
      return renderProblem(outcome, view.message);
  }
}

/** Autocomplete choices within Discord's limits: at most 25, names of 1–100 characters, values of 1–100. */
export function renderChoices(choices: readonly Choice[]): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const c of choices) {
    if (out.length >= LIMITS.choices) break;
    if (!c.value || c.value.length > LIMITS.choiceValue) continue;
    const name =
      cutText(oneLine(c.name), LIMITS.choiceName) || cutText(oneLine(c.value), LIMITS.choiceName) || c.value;
    out.push({
      name: name.length > LIMITS.choiceName ? cutText(name, LIMITS.choiceName) : name,
      value: c.value,
    });
  }
  return out;
}

/** The reply to an unexpected failure: only the user sees it, with a reference for the logs. */
export function renderOops(interactionId: string): ReplyPayload {
  return fitPayload({
    content: `Something went wrong while answering. It has been logged (ref ${escapeText(oneLine(interactionId))}).`,
    embeds: [],
    components: [],
    allowedMentions: noMentions(),
    flags: MessageFlags.Ephemeral,
  });
}

interface Encodable {
  toJSON(): unknown;
}

const isRow = (value: unknown): value is ButtonRow =>
  typeof value === 'object' &&
  value !== null &&
  (value as { type?: unknown }).type === ComponentType.ActionRow &&
  Array.isArray((value as { components?: unknown }).components);

/** The same rows with every button disabled (for buttons that expired). Accepts discord.js rows too. */
export function disableComponents(components: readonly (ButtonRow | Encodable)[]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  for (const r of components) {
    const data = isRow(r) ? r : 'toJSON' in r && typeof r.toJSON === 'function' ? r.toJSON() : r;
    if (!isRow(data)) continue;
    rows.push({ ...data, components: data.components.map((b) => ({ ...b, disabled: true })) });
  }
  return rows;
}

/** The last pass over any text of a payload: no control or bidirectional character, no live mention. */
const safe = (text: string) => neutralise(stripControls(text));

function fitEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e };
  if (out.title !== undefined) out.title = cutRendered(safe(out.title), LIMITS.embedTitle);
  if (out.description !== undefined) {
    out.description = cutRendered(safe(out.description), LIMITS.embedDescription);
  }
  if (out.url !== undefined && !httpUrl(out.url)) delete out.url;
  if (out.footer) out.footer = { ...out.footer, text: cutRendered(safe(out.footer.text), LIMITS.footer) };
  if (out.author) {
    out.author = { ...out.author, name: cutText(safe(out.author.name), LIMITS.authorName) || '\u200B' };
  }
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.fields).map((f) => ({
      ...f,
      name: cutRendered(safe(f.name), LIMITS.fieldName) || '\u200B',
      value: cutRendered(safe(f.value), LIMITS.fieldValue) || '\u200B',
    }));
  }
  return out;
}

function fitButton(b: APIButtonComponent): APIButtonComponent {
  const out = { ...b };
  if ('label' in out && typeof out.label === 'string') {
    out.label = cutText(safe(out.label), LIMITS.buttonLabel) || '…';
  }
  if ('custom_id' in out && out.custom_id.length > LIMITS.customId) {
    out.custom_id = out.custom_id.slice(0, LIMITS.customId);
    out.disabled = true;
  }
  return out;
}

/**
 * The final guard every payload goes through: content within 2000, at most 10 embeds, each part
 * of an embed within its limit and all embeds together within 6000 (fields dropped from the end,
 * then descriptions cut, longest first), at most 25 fields, 5 rows of 5 buttons, labels within 80,
 * custom ids within 100; control and bidirectional characters removed and mentions neutralised
 * everywhere, and allowedMentions parse [].
 */
export function fitPayload(payload: ReplyPayload): ReplyPayload {
  const out: ReplyPayload = {
    embeds: payload.embeds.slice(0, LIMITS.embeds).map(fitEmbed),
    components: payload.components.slice(0, LIMITS.actionRows).map((r) => ({
      ...r,
      components: r.components.slice(0, BUTTONS_PER_ROW).map(fitButton),
    })),
    allowedMentions: noMentions(),
  };
  if (payload.content) {
    const content = cutRendered(safe(payload.content), LIMITS.content);
    if (content) out.content = content;
  }
  if (payload.flags === MessageFlags.Ephemeral) out.flags = MessageFlags.Ephemeral;

  const embeds = out.embeds;
  let excess = totalLength(embeds) - LIMITS.embedTotal;
  // Drop fields from the end.
  for (let i = embeds.length - 1; i >= 0 && excess > 0; i--) {
    const fields = embeds[i]?.fields;
    while (fields?.length && excess > 0) {
      const f = fields.pop() as APIEmbedField;
      excess -= f.name.length + f.value.length;
    }
  }
  // Then cut descriptions, longest first.
  const byLength = [...embeds].sort((a, b) => (b.description?.length ?? 0) - (a.description?.length ?? 0));
  for (const e of byLength) {
    if (excess <= 0) break;
    if (!e.description) continue;
    const before = e.description.length;
    e.description = cutRendered(e.description, Math.max(0, before - excess));
    if (!e.description) delete e.description;
    excess -= before - (e.description?.length ?? 0);
  }
  // Then titles, footers and authors; at last whole embeds from the end.
  for (const e of embeds) {
    if (excess <= 0) break;
    for (const part of ['title', 'footer', 'author'] as const) {
      if (excess <= 0) break;
      if (part === 'title' && e.title) {
        const before = e.title.length;
        e.title = cutRendered(e.title, Math.max(1, before - excess));
        excess -= before - e.title.length;
      } else if (part === 'footer' && e.footer) {
        excess -= e.footer.text.length;
        delete e.footer;
      } else if (part === 'author' && e.author) {
        excess -= e.author.name.length;
        delete e.author;
      }
    }
  }
  while (excess > 0 && embeds.length > 1) excess -= embedLength(embeds.pop() as APIEmbed);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Plain text, for the local console
// ---------------------------------------------------------------------------------------------------------

const BOLD_ON = '\u001b[1m';
const BOLD_OFF = '\u001b[22m';

/** Rendered markdown back to plain text: escapes and zero-width spaces removed, bold as ANSI or *word*. */
function plain(text: string, color: boolean): string {
  const s = text.replaceAll(ZWSP, '');
  let out = '';
  let bold = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    const next = s.charAt(i + 1);
    if (c === '\\' && /[!-/:-@[-`{-~]/.test(next)) {
      out += next;
      i++;
    } else if (c === '*' && next === '*') {
      bold = !bold;
      out += color ? (bold ? BOLD_ON : BOLD_OFF) : '*';
      i++;
    } else out += c;
  }
  if (bold && color) out += BOLD_OFF;
  return out;
}

/** A payload as readable plain text (for the console): embeds, fields, footers and buttons. */
export function toText(payload: ReplyPayload, options: { color?: boolean } = {}): string {
  const color = options.color === true;
  const p = (s: string) => plain(s, color);
  const blocks: string[] = [];
  if (payload.flags === MessageFlags.Ephemeral) blocks.push('(only you can see this)');
  if (payload.content) blocks.push(p(payload.content));
  for (const e of payload.embeds) {
    const lines: string[] = [];
    if (e.author?.name) lines.push(p(e.author.name));
    if (e.title) lines.push(p(e.title) + (e.url ? ` <${e.url}>` : ''));
    if (e.description) lines.push(p(e.description));
    for (const f of e.fields ?? []) {
      lines.push(`${p(f.name)}\n  ${p(f.value).split('\n').join('\n  ')}`);
    }
    if (e.footer?.text) lines.push(p(e.footer.text));
    blocks.push(lines.join('\n'));
  }
  for (const r of payload.components) {
    const labels = r.components.map((b) => {
      const label = 'label' in b && b.label ? p(b.label) : '?';
      return b.disabled ? `(${label})` : `[${label}]`;
    });
    if (labels.length) blocks.push(labels.join(' '));
  }
  return blocks.join('\n\n');
}
