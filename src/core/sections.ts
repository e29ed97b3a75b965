/**
 * From paragraphs to passages, the units that are indexed and shown: a section (the body under a
 * heading) short enough to read in one message is one passage; a longer one is split at its
 * paragraphs (a group — a list, a table, a lead-in with what follows — stays whole when it fits),
 * short ones packed together up to PACK_CHARS; a paragraph too long
 * on its own is read as overlapping windows of sentences. Headings are not passages: their
 * words are indexed with every passage under them.
 */
import { graphemeCut } from './graphemes.js';
import { endsSentence, leadsIn, splitSentences } from './sentences.js';

/** A section up to this many characters is one passage (about one Discord message). */
export const SECTION_CHARS = 1500;
/**
 * A longer section's short paragraphs travel together in passages of up to this many
 * characters: "To support other content types, use the addContentTypeParser API." alone says
 * little; with the paragraph before it ("Fastify natively supports 'application/json'…") it
 * answers "how do I accept a content type it doesn't parse?".
 */
export const PACK_CHARS = 500;
/** Paragraphs longer than this many words (or SECTION_CHARS characters) are read as windows. */
export const LONG_PARAGRAPH_WORDS = 80;
/** Each window starts at a sentence and runs on until it has at least this many words. */
export const WINDOW_WORDS = 45;
/** A window never runs longer than this, even inside one long sentence. */
export const WINDOW_CHARS = 1000;

/** What sections.ts needs of a paragraph. */
export interface SectionParagraph {
  doc: number;
  text: string;
  kind: string;
  section?: readonly string[];
  anchor?: string;
  group?: number;
  lang?: string;
}

/**
 * A passage: paragraphs first..last (indexes into the paragraph list), whole; or, when `end`
 * is above 0, the characters [start, end) of paragraph `first` (a window; first = last).
 */
export interface Span {
  first: number;
  last: number;
  start: number;
  end: number;
}

const BODY = new Set(['text', 'code', 'list', 'table']);

/** Whether a paragraph is read as passage text (headings, titles and questions are context). */
export const isBody = (kind: string): boolean => BODY.has(kind);

/** The text of a passage as shown: its paragraphs one per line, list items with a bullet. */
export function spanText(paragraphs: readonly SectionParagraph[], span: Span): string {
  const first = paragraphs[span.first] as SectionParagraph;
  if (span.end > 0) return first.text.slice(span.start, span.end);
  if (span.first === span.last) return first.text;
  return spanLines(paragraphs, span)
    .map((l) => l.text)
    .join('\n');
}

/** A list item's own number, as an ordered Markdown list writes it (`3. `). */
const NUMBERED_ITEM = /^\d{1,3}\. /;

/** A passage's paragraphs as lines of its text (see spanText), each with its kind. */
function spanLines(
  paragraphs: readonly SectionParagraph[],
  span: Span,
): { text: string; kind: string; lang?: string }[] {
  const lines: { text: string; kind: string; lang?: string }[] = [];
  for (let i = span.first; i <= span.last; i++) {
    const p = paragraphs[i] as SectionParagraph;
    if (!isBody(p.kind)) continue;
    // A numbered item shows its number (`3. Keep…`), a bulleted one a bullet.
    const text = p.kind === 'list' && !NUMBERED_ITEM.test(p.text) ? `\u2022 ${p.text}` : p.text;
    lines.push(p.lang ? { text, kind: p.kind, lang: p.lang } : { text, kind: p.kind });
  }
  return lines;
}

/** Where each paragraph of a passage lies in its text (see spanText), and its kind. */
export interface TextPart {
  start: number;
  end: number;
  kind: string;
  /** A code block's language (see Paragraph.lang). */
  lang?: string;
}

/** The paragraphs of a passage's text (spanText), in order: one part for a single paragraph. */
export function spanParts(paragraphs: readonly SectionParagraph[], span: Span): TextPart[] {
  const first = paragraphs[span.first] as SectionParagraph;
  const lang = (p: { lang?: string }) => (p.lang ? { lang: p.lang } : {});
  if (span.end > 0) return [{ start: 0, end: span.end - span.start, kind: first.kind, ...lang(first) }];
  if (span.first === span.last)
    return [{ start: 0, end: first.text.length, kind: first.kind, ...lang(first) }];
  const parts: TextPart[] = [];
  let at = 0;
  for (const line of spanLines(paragraphs, span)) {
    parts.push({ start: at, end: at + line.text.length, kind: line.kind, ...lang(line) });
    at += line.text.length + 1;
  }
  return parts;
}

/** Whether two paragraphs sit in the same section of the same document (path and anchor). */
export const sameSection = (a: SectionParagraph, b: SectionParagraph) =>
  a.doc === b.doc &&
  a.anchor === b.anchor &&
  (a.section?.length ?? 0) === (b.section?.length ?? 0) &&
  (a.section ?? []).every((h, i) => h === b.section?.[i]);

/**
 * Words in a text: runs of non-space characters; in Chinese, Japanese and Korean text, written
 * without spaces, every two characters (about a word's worth).
 */
export function countWords(text: string): number {
  let n = 0;
  let wide = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      c >= 0x3040 &&
      (c <= 0x30ff ||
        (c >= 0x3400 && c <= 0x9fff) ||
        (c >= 0xac00 && c <= 0xd7a3) ||
        (c >= 0xf900 && c <= 0xfaff))
    ) {
      wide++;
      inWord = false;
      continue;
    }
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n + Math.ceil(wide / 2);
}

/** The passages of a list of paragraphs (all files), in order. */
export function buildSpans(
  paragraphs: readonly SectionParagraph[],
  structured: (doc: number) => boolean = () => false,
): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < paragraphs.length) {
    const p = paragraphs[i] as SectionParagraph;
    if (!isBody(p.kind)) {
      i++;
      continue;
    }
    // The section: body paragraphs in a row under the same headings.
    let j = i;
    let chars = 0;
    const body: number[] = [];
    while (j < paragraphs.length) {
      const q = paragraphs[j] as SectionParagraph;
      if (isBody(q.kind)) {
        if (!sameSection(p, q)) break;
        body.push(j);
        chars += q.text.length + 1;
      } else if (q.kind !== 'title' || body.length > 0) {
        // A heading ends the section, and so does a title after text (a notice above it is a
        // passage of its own); a title before any text is passed over.
        break;
      }
      j++;
    }
    // Plain text under no heading is not a section: its paragraphs stand alone (a news article);
    // in Markdown, the text under the document's title is.
    const section = (p.section?.length ?? 0) > 0 || structured(p.doc);
    if (chars <= SECTION_CHARS && body.length > 0 && section) {
      spans.push({ first: body[0] as number, last: body.at(-1) as number, start: 0, end: 0 });
    } else splitSection(paragraphs, body, spans, section ? PACK_CHARS : 0);
    i = j;
  }
  return spans;
}

/** A paragraph of its own up to this long, not ending like a sentence, is a label or lead-in. */
const LABEL_CHARS = 80;

/** A run of a long section's paragraphs that travels together (see splitSection). */
interface Unit {
  /** Body indexes [from, to). */
  from: number;
  to: number;
  chars: number;
  /** Read whole (a group that fits, a paragraph of one window), so it may be packed. */
  whole: boolean;
  /** A label or a lead-in of its own (**Conclusion**, "Options"): it opens what follows it. */
  label: boolean;
  /** The windows of a paragraph of its own, when worked out. */
  cuts?: [number, number][];
}

/**
 * A long section: its whole units — a group that fits, a paragraph short enough to be one
 * window — packed in order into passages of up to `pack` characters, a label opening a passage
 * rather than closing one; a group too long is split into its paragraphs, and a long paragraph
 * into windows, each a passage of its own.
 */
function splitSection(
  paragraphs: readonly SectionParagraph[],
  body: number[],
  spans: Span[],
  pack: number,
): void {
  const at = (k: number) => paragraphs[body[k] as number] as SectionParagraph;
  const units: Unit[] = [];
  for (let k = 0; k < body.length; ) {
    const first = at(k);
    let to = k + 1;
    let chars = first.text.length;
    if (first.group !== undefined)
      while (to < body.length && at(to).group === first.group) chars += at(to++).text.length + 1;
    const cuts = to - k === 1 && !short(first.text) ? windows(first.text) : undefined;
    const whole = to - k > 1 ? chars <= SECTION_CHARS : (cuts?.length ?? 1) === 1;
    const label =
      to - k === 1 && first.kind === 'text' && first.text.length <= LABEL_CHARS && !endsSentence(first.text);
    units.push({ from: k, to, chars, whole, label, ...(cuts ? { cuts } : {}) });
    k = to;
  }
  for (let u = 0; u < units.length; ) {
    const unit = units[u] as Unit;
    if (!unit.whole) {
      for (let m = unit.from; m < unit.to; m++) {
        const index = body[m] as number;
        // In a group too long to be one passage, a lead-in ("Display the tree for the package
        // in the current directory:") still travels with the code, table or text it leads to;
        // not with the first item of a list it opens, which is no more its own than the rest.
        if (m + 1 < unit.to && shortLeadIn(at(m).text) && !isItem(at(m + 1)) && short(at(m + 1).text)) {
          if (at(m).text.length + 1 + at(m + 1).text.length <= SECTION_CHARS) {
            spans.push({ first: index, last: body[m + 1] as number, start: 0, end: 0 });
            m++;
            continue;
          }
        }
        for (const [start, stop] of unit.cuts ?? windows(at(m).text))
          spans.push({ first: index, last: index, start, end: stop });
      }
      u++;
      continue;
    }
    let chars = unit.chars;
    let next = u + 1;
    // A label opens a passage, unless what comes before leads in to it ("…, run:" then
    // `apt update`, which is short and ends like no sentence either) and it is no list item.
    const ledTo = (n: Unit) => shortLeadIn(at(n.from - 1).text) && !isItem(at(n.from));
    for (
      let n = units[next];
      n?.whole && (!n.label || ledTo(n)) && chars + 1 + n.chars <= pack;
      n = units[++next]
    )
      chars += 1 + n.chars;
    const last = units[next - 1] as Unit;
    spans.push({ first: body[unit.from] as number, last: body[last.to - 1] as number, start: 0, end: 0 });
    u = next;
  }
}

/**
 * The windows of a paragraph as [start, end) character ranges, [0, 0] meaning the whole: the
 * whole when short; when long, overlapping windows that start at each sentence and run to at
 * least WINDOW_WORDS words (at most WINDOW_CHARS characters), so a paragraph with one relevant
 * sentence is not buried by length normalisation, and an answer never scans a huge text.
 */
export function windows(text: string): [number, number][] {
  if (short(text)) return [[0, 0]];
  const sentences = splitSentences(text).flatMap((s) => pieces(text, s.start, s.end));
  if (sentences.length < 2) return [[0, 0]];
  const out: [number, number][] = [];
  for (let i = 0; i < sentences.length; i++) {
    let j = i;
    let words = countWords(text.slice(...(sentences[i] as [number, number])));
    const start = (sentences[i] as [number, number])[0];
    while (words < WINDOW_WORDS && j + 1 < sentences.length) {
      const next = sentences[j + 1] as [number, number];
      if (next[1] - start > WINDOW_CHARS) break;
      j++;
      words += countWords(text.slice(...next));
    }
    out.push([start, (sentences[j] as [number, number])[1]]);
    if (j === sentences.length - 1) break;
  }
  return out;
}

/** Whether a paragraph is a lead-in of its own: short, ending with a colon. */
const shortLeadIn = (text: string): boolean => short(text) && leadsIn(text);

/** Whether a paragraph is a list item: read as one, or plain text opening with a bullet (`- `, `* `, `1. `). */
const isItem = (p: SectionParagraph): boolean =>
  p.kind === 'list' || /^(?:[-*+\u2022]|\d{1,3}[.)])\s/.test(p.text);

/** Whether a paragraph is short enough to be read whole. */
const short = (text: string): boolean =>
  text.length <= SECTION_CHARS && countWords(text) <= LONG_PARAGRAPH_WORDS;

/**
 * A sentence as ranges of at most WINDOW_CHARS characters, cut at line breaks (a code block's
 * lines stay whole), else at spaces.
 */
function pieces(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start;
  while (end - from > WINDOW_CHARS) {
    // The last line break in the window's second half, the next window from the line after it
    // (searched there only: a run without one would be searched back to its start for every
    // window).
    let line = from + WINDOW_CHARS;
    while (line > from + WINDOW_CHARS / 2 && text.charCodeAt(line) !== 10) line--;
    if (line > from + WINDOW_CHARS / 2) {
      out.push([from, line]);
      from = line + 1;
      continue;
    }
    // Else the last space there.
    let cut = from + WINDOW_CHARS;
    while (cut > from + WINDOW_CHARS / 2 && text.charCodeAt(cut) !== 32) cut--;
    if (cut <= from + WINDOW_CHARS / 2) cut = graphemeCut(text, from + WINDOW_CHARS, from);
    out.push([from, cut]);
    from = cut;
    while (from < end && text.charCodeAt(from) === 32) from++;
  }
  if (end > from) out.push([from, end]);
  return out;
}
