/**
 * Tables of contents in plain text: a block of lines that lists the headings found after it
 * (`1. Introduction ....... 3`), told by the headings of a first pass, each entry given the
 * exact text of the heading it lists.
 */
import { moreLettersThan } from '../normalize.js';
import { BULLET, headingKey, LIST_ITEM, sectionNumber } from './text-headings.js';
import { collapse, HEADING_MAX, type Line } from './text-lines.js';

/**
 * A contents line without its dot leaders and page number (`Intro ....... 3`, `Intro … 3`,
 * `Intro   3`): read back from the end, so a long run of spaces costs one pass (the pattern
 * `(?:\s*(?:\.\s*){2,}|\s*…+\s*|\s{2,})\d{1,4}$` it replaces, the same on 300,000 random
 * lines, tried again from each space of a run: quadratic).
 */
function withoutLeader(text: string): string {
  const number = /\d{1,4}$/.exec(text);
  if (!number) return text;
  const end = number.index;
  const space = (at: number) => /\s/.test(text.charAt(at));
  // Dots among spaces, two at least (`Intro . . . 3`).
  let dotted = end;
  let dots = 0;
  for (; dotted > 0; dotted--) {
    if (text.charAt(dotted - 1) === '.') dots++;
    else if (!space(dotted - 1)) break;
  }
  let start = dots >= 2 ? dotted : end;
  // Spaces alone, two at least (`Intro   3`), or an ellipsis between spaces (`Intro … 3`).
  let spaces = end;
  while (spaces > 0 && space(spaces - 1)) spaces--;
  if (end - spaces >= 2) start = Math.min(start, spaces);
  let ellipsis = spaces;
  while (ellipsis > 0 && text.charAt(ellipsis - 1) === '\u2026') ellipsis--;
  if (ellipsis < spaces) {
    while (ellipsis > 0 && space(ellipsis - 1)) ellipsis--;
    start = Math.min(start, ellipsis);
  }
  // The longest leader of the three, as a pattern finds it from the left.
  return start === end ? text : text.slice(0, start);
}

/** The bullet of a bulleted contents entry. */
const ENTRY_BULLET = /^[-*+\u2022\u25E6\u2023]\s+(?=\S)/;

/** A heading found in a first pass, for telling a table of contents by the headings it lists. */
export interface KnownHeading {
  line: number;
  text: string;
}

export interface Contents {
  byKey: Map<string, KnownHeading>;
  /** The headings of each number, in file order. */
  byNumber: Map<string, KnownHeading[]>;
  /** The length of the longest key of `byKey`. */
  longest: number;
}

export function contentsOf(known: readonly KnownHeading[]): Contents {
  const byKey = new Map<string, KnownHeading>();
  const byNumber = new Map<string, KnownHeading[]>();
  let longest = 0;
  for (const h of known) {
    const key = headingKey(h.text);
    byKey.set(key, h);
    longest = Math.max(longest, key.length);
    // `Chapter 1. Definitions` may be listed as `1. Definitions`.
    const num = sectionNumber(h.text);
    if (!num?.parts || (num.keyword && num.keyword !== 'chapter' && num.keyword !== 'part')) continue;
    const list = byNumber.get(num.key);
    if (list) list.push(h);
    else byNumber.set(num.key, [h]);
  }
  return { byKey, byNumber, longest };
}

/** The text of the heading after `line` that a contents entry lists, if any. */
function listedHeading(text: string, line: number, contents: Contents): string | undefined {
  const entry = collapse(withoutLeader(text));
  if (!entry) return undefined;
  // An entry with more letters than any heading's key lists none by its words.
  const exact = moreLettersThan(entry, contents.longest) ? undefined : contents.byKey.get(headingKey(entry));
  if (exact && exact.line > line) return exact.text;
  const num = sectionNumber(entry);
  if (!num?.parts || num.keyword || !num.title) return undefined;
  // The first heading of that number after the entry.
  const numbered = contents.byNumber.get(num.key)?.find((h) => h.line > line);
  if (!numbered) return undefined;
  // Same number, wording close enough (half the words shared).
  const mine = new Set(headingKey(num.title).split(' '));
  const theirs = new Set(headingKey(sectionNumber(numbered.text)?.title ?? '').split(' '));
  let shared = 0;
  for (const w of mine) if (theirs.has(w)) shared++;
  return shared * 2 >= Math.max(mine.size, theirs.size) ? numbered.text : undefined;
}

/**
 * The entries of a block of lines that lists headings found after it (at least two, and at
 * least half of its lines), one text per line: the heading's own text for a listed entry.
 */
export function contentsEntries(lines: readonly Line[], contents: Contents): string[] | undefined {
  let listed = 0;
  const headings: (string | undefined)[] = [];
  /** Each entry's text: a numbered entry wrapped over several lines is one. */
  const entries: string[] = [];
  for (let k = 0; k < lines.length; k++) {
    // A listing starts within its first three lines (a `Contents` line may come first).
    if (k >= 3 && listed === 0) return undefined;
    const line = lines[k] as Line;
    const first = line.index;
    // A bulleted entry (`* 2 Keyboard`, `+ 3.3 How do I get…`) is read without its bullet.
    let text = line.text.replace(ENTRY_BULLET, '');
    // The lines that carry on a numbered entry (indented as much or more, no number of their
    // own, not an item, not a heading the listing names) are part of it.
    if (sectionNumber(text)?.parts) {
      while (k + 1 < lines.length && text.length <= 2 * HEADING_MAX) {
        const next = lines[k + 1] as Line;
        if (next.indent < line.indent) break;
        if (sectionNumber(next.text) || LIST_ITEM.test(next.text) || BULLET.test(next.text)) break;
        if (listedHeading(next.text, next.index, contents) !== undefined) break;
        text = `${text} ${next.text}`;
        k++;
      }
    }
    const heading = text.length <= 2 * HEADING_MAX ? listedHeading(text, first, contents) : undefined;
    if (heading !== undefined) listed++;
    headings.push(heading);
    entries.push(text);
  }
  if (listed < 2 || listed * 2 < entries.length) return undefined;
  return entries.map((text, k) => headings[k] ?? collapse(text));
}
