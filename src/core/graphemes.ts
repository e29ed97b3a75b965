/**
 * Grapheme boundaries, for cutting text without splitting what a reader sees as one character:
 * a flag (two regional indicators), an emoji sequence (ZWJ, skin tone, keycap, tags), a letter
 * and its combining marks, a Hangul syllable or an Indic conjunct. Pure; the core cuts questions
 * with it and the bot layer every text it shows.
 */

const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** How far back a boundary search looks for a place where segmenting can start afresh. */
const WINDOW = 512;
const WHITESPACE = /\s/;

/** Code points known to hold on to a space after them (Prepend characters) or not. */
const HOLDS = new Map<number, boolean>();

/** Whether one grapheme runs from code point `cp` into a space after it (only Prepend characters do). */
function holdsSpace(cp: number): boolean {
  let holds = HOLDS.get(cp);
  if (holds === undefined) {
    const pair = `${String.fromCodePoint(cp)} `;
    holds = GRAPHEMES.segment(pair).containing(pair.length - 1)?.index !== pair.length - 1;
    if (HOLDS.size >= 1024) HOLDS.clear();
    HOLDS.set(cp, holds);
  }
  return holds;
}

/**
 * Whether segmenting can start afresh at `at`: a grapheme starts there and no grapheme rule looks
 * back across it. So at a control character (unless it is LF after CR), and at an ASCII character
 * or a space (neither extends nor joins anything) unless a Prepend character before holds it.
 */
function freshStart(text: string, at: number): boolean {
  if (at <= 0) return true;
  const c = text.charCodeAt(at);
  const prev = text.charCodeAt(at - 1);
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
    return !(c === 0x0a && prev === 0x0d);
  }
  if (c >= 0x80 && !WHITESPACE.test(text.charAt(at))) return false;
  if (prev < 0x80) return true;
  const high = at >= 2 ? text.charCodeAt(at - 2) : 0;
  const astral = prev >= 0xdc00 && prev <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return !holdsSpace(text.codePointAt(astral ? at - 2 : at - 1) ?? 0);
}

/** Whether a grapheme boundary is at `at`: quick before an ASCII character or a space. */
export function isGraphemeBoundary(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return at === 0 || at === text.length;
  const c = text.charCodeAt(at);
  if (c < 0x80 || WHITESPACE.test(text.charAt(at))) return freshStart(text, at);
  return graphemeBoundary(text, at) === at;
}

/**
 * The largest grapheme boundary <= n: cutting there splits no flag, emoji sequence, skin tone,
 * keycap or letter from its marks. Only a window is segmented, from a fresh start found at most
 * WINDOW back (from the beginning only in long runs without ASCII or spaces), so that calls on
 * long texts stay cheap.
 */
export function graphemeBoundary(text: string, n: number): number {
  const end = Math.floor(n);
  if (end >= text.length) return text.length;
  if (end <= 0) return 0;
  if (freshStart(text, end)) return end;
  const stop = Math.max(0, end - WINDOW);
  let start = end - 1;
  while (start > stop && !freshStart(text, start)) start--;
  if (!freshStart(text, start)) start = 0;
  // The code point at `end` decides whether a grapheme ends before it: the window takes it too.
  const window = text.slice(start, end + 2);
  return start + (GRAPHEMES.segment(window).containing(end - start)?.index ?? 0);
}

/** How far after a known boundary graphemeCut segments from it. */
const KNOWN_WINDOW = 4096;

/**
 * Where to cut text at about `at` without splitting a grapheme, and at least after `min` (a
 * grapheme boundary): the
 * grapheme boundary at or before `at`, or, when one grapheme runs past `min` (an emoji sequence
 * longer than the room), the code point boundary at `at`, never between two halves of a
 * surrogate pair (half an emoji is no text at all: Discord refuses it).
 */
export function graphemeCut(text: string, at: number, min = 0): number {
  // `min` is a boundary the caller knows: segmenting from there stays cheap in a long run
  // without ASCII (graphemeBoundary would go back to the text's start each time).
  const near = at > min && at - min <= KNOWN_WINDOW && at < text.length && !freshStart(text, at);
  const boundary = near
    ? min + (GRAPHEMES.segment(text.slice(min, at + 2)).containing(at - min)?.index ?? 0)
    : graphemeBoundary(text, at);
  if (boundary > min) return boundary;
  const c = text.charCodeAt(at);
  return at > min + 1 && c >= 0xdc00 && c <= 0xdfff ? at - 1 : at;
}

/**
 * The first grapheme boundary at or after `at` (within `length`): a cut there takes the whole of
 * a letter with its accents (`cafe` of `café` written as e + U+0301), an emoji sequence or a
 * flag. Past 64 characters without one (a letter under a pile of marks), the one before.
 */
export function graphemeAfter(text: string, at: number, length = text.length): number {
  const from = Math.max(0, Math.ceil(at));
  for (let i = from; i <= length && i - from <= 64; i++)
    if (i === length || isGraphemeBoundary(text, i)) return i;
  return graphemeBoundary(text, from);
}
