/**
 * Markdown made safe for the lexer before it reads it: nesting and lazy lines cost the lexer time
 * and memory out of proportion, so a line's container prefix (indentation, block-quote and list
 * markers) is cut when too deep, a blank line goes before a long list item's lazy lines, and
 * empty nested quote lines are brought down to the depth of the line after them. The text a
 * reader sees is the same.
 */

import { columns } from './comments.js';

/** Block-quote and list markers kept at the start of a line; deeper nesting is cut. */
const MAX_DEPTH = 8;
/** Columns of whitespace kept before a line's container markers. */
const MAX_INDENT = 32;

/**
 * The lexer copies a list item once for each lazy continuation line (one that continues the
 * item's paragraph without its indentation). Once that has cost more than LAZY_FACTOR times
 * the item's size plus LAZY_ALLOWANCE characters, a blank line goes before the next such line.
 */
const LAZY_FACTOR = 64;
const LAZY_ALLOWANCE = 1_000_000;

/** A line's container prefix: its indentation and block-quote (`>`) and list markers. */
interface Prefix {
  /** The line rewritten, when its prefix is cut to MAX_DEPTH markers and MAX_INDENT columns. */
  line?: string;
  /** Only whitespace. */
  blank: boolean;
  /** Columns of whitespace at the start. */
  indent: number;
  /** Markers at the start (at most MAX_DEPTH). */
  markers: number;
  /** Whether the first marker is a list marker (not `>`). */
  list: boolean;
  /** The column where the text after the markers starts. */
  content: number;
}

/** The length of the block-quote or list marker at `i` of a line, 0 when there is none. */
function markerAt(line: string, i: number): number {
  const c = line.charCodeAt(i);
  if (c === 62) return 1; // >
  let end = i + 1;
  if (c !== 45 && c !== 42 && c !== 43) {
    // An ordered marker: 1 to 9 digits and `.` or `)`.
    end = i;
    while (end - i < 9 && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end++;
    if (end === i || (line.charCodeAt(end) !== 46 && line.charCodeAt(end) !== 41)) return 0;
    end++;
  }
  const next = line.charCodeAt(end);
  return end === line.length || next === 32 || next === 9 ? end - i : 0;
}

const SPACE = /[ \t]*/y;
/** A run of markers (and the whitespace before them), for skipping those beyond MAX_DEPTH. */
const MARKERS = /(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/y;

/** Where the spaces and tabs from `i` end, and the column there (a tab stops every 4 columns). */
function skipSpace(line: string, i: number, col: number): { end: number; col: number } {
  const c = line.charCodeAt(i);
  if (c !== 32 && c !== 9) return { end: i, col };
  SPACE.lastIndex = i;
  SPACE.test(line);
  const end = SPACE.lastIndex;
  const run = line.slice(i, end);
  return { end, col: run.includes('\t') ? columns(run, col) : col + run.length };
}

/** Reads a line's container prefix, cutting it when too deep (see Prefix). */
function readPrefix(line: string): Prefix {
  const gaps: number[] = []; // columns of whitespace before each marker
  const marks: string[] = [];
  let i = 0;
  let col = 0;
  let space = skipSpace(line, 0, 0);
  for (let size = markerAt(line, space.end); size > 0 && marks.length < MAX_DEPTH; ) {
    gaps.push(space.col - col);
    marks.push(line.slice(space.end, space.end + size));
    i = space.end + size;
    col = space.col + size;
    space = skipSpace(line, i, col);
    size = markerAt(line, space.end);
  }
  const list = marks.length > 0 && marks[0] !== '>';
  let cut = false;
  if (marks.length === MAX_DEPTH) {
    MARKERS.lastIndex = i;
    if (MARKERS.test(line)) {
      cut = true;
      space = skipSpace(line, MARKERS.lastIndex, col);
    }
  }
  // Whitespace before markers beyond MAX_INDENT columns goes (a list marker keeps a space after it).
  let room = MAX_INDENT;
  const kept = gaps.map((gap, n) => {
    const keep = Math.min(gap, Math.max(room, n > 0 && marks[n - 1] !== '>' ? 1 : 0));
    room -= keep;
    if (keep < gap) cut = true;
    return keep;
  });
  if (!cut) {
    const blank = marks.length === 0 && space.end === line.length;
    return { blank, indent: gaps[0] ?? space.col, markers: marks.length, list, content: space.col };
  }
  // The prefix rewritten with spaces; the text keeps the width of whitespace before it.
  let prefix = '';
  marks.forEach((mark, n) => {
    prefix += ' '.repeat(kept[n] ?? 0) + mark;
  });
  const before = Math.max(space.col - col, marks.at(-1) === '>' ? 0 : 1);
  const text = line.slice(space.end);
  const content = prefix.length + before;
  return {
    line: prefix + ' '.repeat(before) + text,
    blank: false,
    indent: kept[0] ?? 0,
    markers: marks.length,
    list,
    content,
  };
}

/** Whether a line starting with this character has no container prefix (no space, no marker). */
const plainStart = (c: number) => c > 62 || (c > 45 && c < 48) || c === 35 || (c > 32 && c < 42);

/** A line at column 0 that ends every list item and block quote before it: a fence or heading. */
const CLOSES = /`{3}|~{3}|#{1,6}(?:[ \t\n]|$)/y;

/**
 * The Markdown as the lexer gets it. Nesting costs the lexer time and memory out of proportion
 * (1,000 lines each indented two more spaces take seconds), so a line's container prefix is cut
 * to MAX_DEPTH markers and MAX_INDENT columns before them. A list item continued by many lazy
 * lines costs it quadratic time (see LAZY_FACTOR), so a blank line goes before such a line once
 * the item has cost too much: the line then starts a paragraph of its own.
 */
export function defuse(written: string): string {
  const body = emptyQuotes(written);
  const pieces: string[] = []; // the body rewritten, once a line changes
  let copied = 0; // the body before this is in `pieces`
  let item = 0; // characters since every container was last closed
  let cost = 0; // characters the lexer copies for the lazy lines since then
  let content = 0; // the column where the text of the last line with markers starts
  let blank = true;
  const close = () => {
    item = 0;
    cost = 0;
    content = 0;
  };
  for (let start = 0; start < body.length; ) {
    const newline = body.indexOf('\n', start);
    const end = newline < 0 ? body.length : newline;
    const prefix = plainStart(body.charCodeAt(start)) ? undefined : readPrefix(body.slice(start, end));
    if (prefix?.line !== undefined) {
      pieces.push(body.slice(copied, start), prefix.line);
      copied = end;
    }
    const indent = prefix?.indent ?? 0;
    if (prefix?.blank) {
      blank = true;
    } else {
      CLOSES.lastIndex = start;
      if (prefix && prefix.markers > 0) {
        if (indent === 0 && prefix.list) close();
        content = prefix.content;
      } else if (indent === 0 && (blank || CLOSES.test(body))) {
        close();
      } else if (!blank && indent < content) {
        cost += item;
        if (cost > LAZY_FACTOR * item + LAZY_ALLOWANCE) {
          pieces.push(body.slice(copied, start), '\n');
          copied = start;
          if (indent === 0) close();
        }
      }
      blank = false;
    }
    item += end - start + 1;
    start = end + 1;
  }
  if (pieces.length === 0) return body;
  pieces.push(body.slice(copied));
  return pieces.join('');
}

/** A line of quote markers only, two or more (`> > > `): a nested quote with nothing in it. */
const EMPTY_QUOTE = /^(?:[ \t]*>){2,}[ \t]*$/m;

/**
 * Empty nested quote lines (`> > > `) brought down to the depth of the line after them when it
 * is shallower (`>` before `> text`, a blank line before text): the same text, but the lexer
 * read a quote that dropped two levels after an empty one in quadratic time (40,000 characters
 * of `> > > ` and `> x` lines took 1.6 s, a megabyte about twenty minutes).
 */
function emptyQuotes(body: string): string {
  if (!EMPTY_QUOTE.test(body)) return body;
  const lines = body.split('\n');
  for (let i = lines.length - 2; i >= 0; i--) {
    const line = lines[i] as string;
    if (!EMPTY_QUOTE.test(line)) continue;
    const next = quoteDepth(lines[i + 1] as string);
    if (next < quoteDepth(line)) lines[i] = next === 0 ? '' : new Array(next).fill('>').join(' ');
  }
  return lines.join('\n');
}

/** How many quotes a line is in: its `>` markers, each after at most three spaces. */
function quoteDepth(line: string): number {
  let depth = 0;
  let at = 0;
  for (;;) {
    let spaces = 0;
    while (spaces < 4 && (line.charAt(at) === ' ' || line.charAt(at) === '\t')) {
      at++;
      spaces++;
    }
    if (spaces > 3 || line.charAt(at) !== '>') return depth;
    depth++;
    at++;
  }
}
