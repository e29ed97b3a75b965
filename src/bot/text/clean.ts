/**
 * What text may not show on Discord, whatever view it is in: control characters and
 * bidirectional controls (removed), and the spans a bold mark must not enter (links and
 * mention-like tokens, which `**` would break or turn into something else).
 */
import type { Mark } from '../../core/index.js';

/**
 * A control character (C0, DEL, C1), a bidirectional control or half a surrogate pair (half an
 * emoji: Discord refuses text holding one), newline aside.
 */
const UNSAFE = /(?!\n)[\p{Cc}\p{Cs}\p{Bidi_Control}]/u;
/** The same, with line breaks (CR LF, CR) and tabs whole, as they are replaced, not removed. */
const UNSAFE_ALL = /\r\n?|[\t\v\f]|(?!\n)[\p{Cc}\p{Cs}\p{Bidi_Control}]/gu;

/** What replaces an unsafe character: `\n` for a line break, a space for a tab, else nothing. */
const replacement = (found: string) => (found[0] === '\r' ? '\n' : '\t\v\f'.includes(found) ? ' ' : '');

/**
 * Text without C0/C1 control characters, bidirectional controls (U+202A–U+202E, U+2066–U+2069,
 * U+200E, U+200F, U+061C) or lone surrogates. Newlines stay (CR LF and CR become `\n`) and tabs become spaces: texts
 * shown on one line fold their whitespace afterwards.
 */
export function stripControls(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, replacement) : text;
}

/** stripControls, with the marks on the text moved to match. */
export function stripMarked(text: string, marks: readonly Mark[]): { text: string; marks: Mark[] } {
  if (!UNSAFE.test(text)) return { text, marks: [...marks] };
  /** Each replacement: where, how long, and how long its replacement is. */
  const edits: [number, number, number][] = [];
  const out = text.replace(UNSAFE_ALL, (found: string, at: number) => {
    const by = replacement(found);
    edits.push([at, found.length, by.length]);
    return by;
  });
  const move = (n: number) => {
    if (!Number.isFinite(n)) return n; // cleanMarks clamps or drops it
    let shift = 0;
    for (const [at, length, by] of edits) {
      if (at >= n) break;
      if (n < at + length) return at - shift + Math.min(n - at, by);
      shift += length - by;
    }
    return n - shift;
  };
  return { text: out, marks: marks.map(([s, e]): Mark => [move(Math.floor(s)), move(Math.ceil(e))]) };
}

/**
 * Links (`http(s)://` up to whitespace, `<` or `>`) and mention-like tokens: `<@…>`, `<@&…>`,
 * `<#…>`, `</…:…>`, `<t:…>`, `<:name:id>`, `<a:name:id>`, `<id:…>`.
 */
const WHOLE = /https?:\/\/[^\s<>]+|<(?:[@#/]|t:|a?:|id:)[^<>\n]{0,100}>/gi;

/** The parts of the marks outside every link and mention-like token of `text`. */
export function marksOutside(text: string, marks: readonly Mark[]): Mark[] {
  const spans = Array.from(text.matchAll(WHOLE), (m): Mark => [m.index, m.index + m[0].length]);
  if (spans.length === 0) return [...marks];
  const out: Mark[] = [];
  for (const [s, e] of marks) {
    let start = s;
    for (const [a, b] of spans) {
      if (b <= start) continue;
      if (a >= e) break;
      if (a > start) out.push([start, a]);
      start = Math.max(start, b);
    }
    if (start < e) out.push([start, e]);
  }
  return out;
}

/**
 * Text on one line: control characters become spaces (they separate words, as the search reads
 * them), bidirectional controls are removed, whitespace is folded and trimmed.
 */
export const oneLine = (text: string): string => {
  const out = stripControls(text.replace(/\p{Cc}/gu, ' '))
    // Zero-width spaces vanish (JavaScript's \s would count U+FEFF as a space); the joiners stay:
    // they make one emoji of several (👩‍💻, 🏳️‍🌈) and shape Persian and Indic words.
    .replace(/[\u200B\u2060\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Joiners alone show nothing: the text is empty (a title then reads "Untitled").
  return /[^\s\u200C\u200D]/.test(out) ? out : '';
};
