/**
 * The one grapheme-safe truncator of the bot layer: every cut of text shown on Discord ends
 * between two graphemes, so no flag, emoji sequence, skin tone, keycap or letter with its marks
 * is ever shown in half. The boundary search is the core's (questions are cut the same way).
 */
import { graphemeAfter, graphemeBoundary, isGraphemeBoundary } from '../../core/graphemes.js';

export { graphemeAfter, graphemeBoundary, isGraphemeBoundary };

const ELLIPSIS = '…';
const SPACE = /\s/;
const CLOSERS = /['"’”»)\]*_]/;
const STOPS = /[.!?…]/;
/** Chinese and Japanese end a sentence with no space after it (and may close a quote first). */
const WIDE_STOPS = /[\u3002\uFF01\uFF1F]/;
const WIDE_CLOSERS = /[\u300D\u300F\uFF09\u201D]/;

/**
 * Where to cut `text` so that it and the suffix fit in `max`: at a sentence boundary if one keeps
 * at least half, else at a word boundary, else at the last grapheme boundary that fits.
 */
export function cutPoint(text: string, max: number): { end: number; suffix: string } {
  if (text.length <= max) return { end: text.length, suffix: '' };
  if (max <= 0) return { end: 0, suffix: '' };
  const budget = max - ELLIPSIS.length;
  const hard = graphemeBoundary(text, budget);
  const floor = Math.floor(budget / 2);
  // A sentence boundary: end punctuation (and closing quotes) followed by a space, or a
  // Chinese or Japanese full stop (。！？) followed by anything.
  for (let i = hard; i > floor; i--) {
    if (!SPACE.test(text.charAt(i))) {
      let k = i - 1;
      while (k > 0 && WIDE_CLOSERS.test(text.charAt(k))) k--;
      if (WIDE_STOPS.test(text.charAt(k)) && isGraphemeBoundary(text, i)) return { end: i, suffix: ELLIPSIS };
      continue;
    }
    let j = i - 1;
    while (j > 0 && CLOSERS.test(text.charAt(j))) j--;
    if (STOPS.test(text.charAt(j)) && isGraphemeBoundary(text, i)) {
      return { end: i, suffix: i + 2 <= max ? ` ${ELLIPSIS}` : ELLIPSIS };
    }
  }
  // Else a word boundary.
  for (let i = hard; i > floor; i--) {
    if (!SPACE.test(text.charAt(i))) continue;
    let end = i;
    while (end > 0 && SPACE.test(text.charAt(end - 1))) end--;
    if (end > 0 && isGraphemeBoundary(text, end)) return { end, suffix: ELLIPSIS };
  }
  return { end: hard, suffix: ELLIPSIS };
}

/**
 * Shortens text to at most `max` characters: at a sentence boundary if one keeps at least half,
 * else at a word boundary, else anywhere between two graphemes, ending with '…'.
 */
export function cutText(text: string, max: number): string {
  const { end, suffix } = cutPoint(text, Math.floor(max));
  return text.slice(0, end) + suffix;
}

/** Raw text cut so that, once escaped (`transform`), it fits `max`: the budget shrinks until it does. */
export function fitText(text: string, max: number, transform: (s: string) => string): string {
  let budget = Math.floor(max);
  while (budget > 0) {
    const out = transform(cutText(text, budget));
    if (out.length <= max) return out;
    budget = Math.min(budget - 1, Math.floor((budget * max) / out.length));
  }
  return '';
}
