/**
 * Text normalisation for matching only: what users see keeps the original text.
 */
import { graphemeBoundary, graphemeCut } from './graphemes.js';

/** Longest run of non-space characters kept before tokenising (long runs make tokenisers slow). */
export const MAX_RUN = 64;

const ZERO_WIDTH = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
/** Quote marks read as an apostrophe. Not the backtick: ASCII text keeps it on the fast path too. */
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
/** Dashes used as punctuation between words: em/en dashes, horizontal bar, and `--`. */
const DASHES = /\s*(?:[\u2012\u2013\u2014\u2015\u2E3A\u2E3B]|-{2,})\s*/g;
/** Hyphen look-alikes inside words. */
const HYPHENS = /[\u2010\u2011\u2212\uFE63\uFF0D]/g;
const SPACES = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g;
const LONG_RUN = new RegExp(`\\S{${MAX_RUN + 1},}`, 'gu');

/**
 * The first `max` UTF-16 units of a text (a question), never ending inside a word when a space
 * within the last half lets it end after a whole one (a fragment, `lates` of `latest`, would be
 * asked as a word of its own), nor inside a grapheme (a flag, an emoji sequence, a letter and its
 * marks); only when the first grapheme alone is longer than `max`, at a code point.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (!/\s/.test(text.charAt(max))) {
    const space = text.slice(0, max + 1).search(/\s\S*$/);
    if (space >= max / 2) return text.slice(0, space);
  }
  const end = graphemeBoundary(text, max);
  if (end > 0 || max < 1) return text.slice(0, end);
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Cuts every run of non-space characters to MAX_RUN code points, at the last grapheme boundary
 * within them (a word the documents lack is shown as cut: a Thai letter keeps its tone mark),
 * or at a code point when one grapheme is longer (a letter under a pile of marks).
 */
export function capRuns(text: string): string {
  // A plain scan first: the regex is only needed when some run is long.
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    run = c === 32 || c === 10 || c === 9 || c === 13 ? 0 : run + 1;
    if (run > MAX_RUN) return text.replace(LONG_RUN, capRun);
  }
  return text;
}

function capRun(run: string): string {
  let at = 0;
  for (let k = 0; k < MAX_RUN && at < run.length; k++) at += (run.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
  return run.slice(0, graphemeCut(run, at));
}

/** Anything normalizeForMatch may change besides long runs: not printable ASCII, `--`, double spaces. */
const NOT_PLAIN = /[^\x20-\x7e]|--| {2}/;
const NOT_ASCII = /[^\x20-\x7e]/;
/** Beyond printable ASCII and the ASCII line breaks and tabs. */
const NOT_ASCII_TEXT = /[^\t\n\r\x20-\x7e]/;

/**
 * NFKC, zero-width and bidi marks removed, curly quotes straightened, dashes between words
 * turned into a spaced hyphen, hyphen look-alikes into `-`, whitespace folded, long runs capped.
 */
export function normalizeForMatch(text: string): string {
  if (!NOT_PLAIN.test(text)) return capRuns(text.trim());
  // ASCII with line breaks (most passages): NFKC, the marks, quotes and hyphens change nothing.
  if (!NOT_ASCII_TEXT.test(text))
    return capRuns((text.includes('--') ? text.replace(DASHES, ' - ') : text).replace(SPACES, ' ').trim());
  return capRuns(
    spaceCjk(
      text
        .normalize('NFKC')
        .replace(ZERO_WIDTH, '')
        .replace(SINGLE_QUOTES, "'")
        .replace(DOUBLE_QUOTES, '"')
        .replace(HYPHENS, '-')
        .replace(DASHES, ' - ')
        .replace(SPACES, ' ')
        .trim(),
    ),
  );
}

/**
 * Characters of scripts written without spaces between words (Han, kana; Hangul with them), as
 * the inside of a regular expression's class: the one list the tokenizer and the question use.
 */
export const CJK =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3005\\u30FC\\uFF70';
const HAS_CJK = new RegExp(`[${CJK}]`, 'u');
/** Where Chinese, Japanese or Korean text meets other text with no space between them. */
const CJK_EDGE = new RegExp(`(?<=[${CJK}])(?=[^\\s${CJK}])|(?<=[^\\s${CJK}])(?=[${CJK}])`, 'gu');
/** Characters of one such run read together at most (pieces overlap by one: no pair is lost). */
const CJK_PIECE = 32;
const CJK_LONG_RUN = new RegExp(`[${CJK}]{${CJK_PIECE + 1},}`, 'gu');

/**
 * Chinese, Japanese and Korean text, written without spaces, given some: where it meets other
 * text or punctuation (`Node.js環境で`, `安装：`), and in pieces of 32 characters that overlap by
 * one. Otherwise every run past MAX_RUN would be cut (capRuns: wink-nlp's tokenizer is
 * quadratic on long runs), and most of such a document would never be read.
 */
function spaceCjk(text: string): string {
  if (!HAS_CJK.test(text)) return text;
  return text.replace(CJK_EDGE, ' ').replace(CJK_LONG_RUN, (run) => {
    const chars = Array.from(run);
    const pieces: string[] = [];
    for (let k = 0; k + 1 < chars.length; k += CJK_PIECE - 1)
      pieces.push(chars.slice(k, k + CJK_PIECE).join(''));
    return pieces.join(' ');
  });
}

/**
 * A question as a message carries it back (a button asks it again from the message): each line
 * with control characters as spaces, zero-width and bidirectional marks removed, whitespace
 * folded and trimmed, blank lines dropped. Read this way first, a question and the same question
 * read back from its message are one question, with one answer and one order of results.
 */
export function questionLines(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const folded = line
      .replace(/\p{Cc}/gu, ' ')
      .replace(/[\p{Bidi_Control}\u200B\u2060\uFEFF]/gu, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (folded) lines.push(folded);
  }
  return lines.join('\n');
}

/** A text as words are compared: normalized as above, in lower case. */
export function matchText(text: string): string {
  return normalizeForMatch(text).toLowerCase();
}

/** A key under which paragraphs that differ only in quotes, dashes, case or spacing collide. */
export function duplicateKey(text: string): string {
  // In ASCII text quotes, dashes and spaces all become separators anyway.
  if (!NOT_ASCII.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return normalizeForMatch(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Whether a text has more than `max` ASCII letters and digits, counted without a regular
 * expression or a copy: a cheap test that its comparable form (letters and digits, runs of
 * anything else as one space) is longer than `max`, so it can equal no key of that length.
 */
export function moreLettersThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) && ++n > max) return true;
  }
  return false;
}
