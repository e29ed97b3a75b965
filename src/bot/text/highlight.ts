/**
 * Matched words in bold: escaped text with `**` around the marked ranges, within a length, and
 * the cut of text already rendered so. The only unescaped `**` in what comes out are the marks
 * added here, always in pairs, never inside a link or a mention-like token; cuts fall between
 * graphemes (./cut.ts).
 */
import type { Mark } from '../../core/index.js';
import { marksOutside, stripMarked } from './clean.js';
import { cutPoint, graphemeAfter, graphemeBoundary } from './cut.js';
import { escapeMarkdownOnly, neutralise } from './escape.js';

/** Stand-ins for the bold marks while the text is escaped (private use; replaced in the input). */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SENTINELS = /[\uE000\uE001]/g;

const SPACE = /\s/;

/**
 * Sorted, merged marks within [0, length), not splitting surrogate pairs, without edge spaces,
 * and outside links and mention-like tokens (where `**` would break them).
 */
function cleanMarks(text: string, marks: readonly Mark[], length: number): Mark[] {
  const clamped = marks
    .map(([s, e]): Mark => {
      const start = Math.max(0, Math.floor(s));
      const end = Math.min(length, Math.ceil(e));
      if (!Number.isFinite(start) || !Number.isFinite(end)) return [0, 0];
      return [graphemeBoundary(text, start), graphemeAfter(text, end, length)];
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
  return neutralise(escapeMarkdownOnly(withSentinels).replaceAll(OPEN, '**').replaceAll(CLOSE, '**'));
}

/**
 * Highlighted, escaped text within `max` (control and bidirectional characters removed first,
 * the marks moved to match), and how many characters of that text it left out.
 */
export function highlightPart(
  text: string,
  marks: readonly Mark[],
  max: number,
): { text: string; left: number } {
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
  return highlightPart(text, marks, max).text;
}

/** Cuts already-rendered text, keeping escapes whole, bold marks paired and mentions neutral. */
export function cutRendered(text: string, max: number): string {
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
