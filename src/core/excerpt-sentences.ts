/**
 * A passage's sentences (a list's items each one) scored by how much of the question they
 * hold, the best window of them, and a snippet cut to fit around its first mark.
 */
import type { Mark, MatchWeights, Snippet } from './excerpt-marks.js';
import { graphemeAfter, graphemeCut } from './graphemes.js';
import { countWords } from './sections.js';
import { type Sentence, splitSentences } from './sentences.js';
import { terms } from './tokenizer.js';

export interface ScoredSentence extends Sentence {
  score: number;
  words: number;
}

export function scoreSentences(text: string, weights: MatchWeights, items = false): ScoredSentence[] {
  const sentences = splitSentences(text);
  const listed = items && (text.startsWith(BULLET) || text.includes(LIST_ITEM));
  return (listed ? sentences.flatMap((s) => listItems(text, s)) : sentences).map((s) => ({
    ...s,
    score: scoreText(s.text, weights),
    words: countWords(s.text),
  }));
}

/** How much of the question a text holds: its distinct words' weights, and its phrases'. */
export function scoreText(text: string, weights: MatchWeights): number {
  const all = new Set(terms(text));
  let score = 0;
  for (const t of all) score += weights.terms.get(t) ?? 0;
  for (const p of weights.phrases) if (p.terms.every((t) => all.has(t))) score += p.weight;
  return score;
}

/**
 * A sentence cut into the list items in it (a passage's items are `• ` lines) and what lies
 * between and after them. An item runs over the lines after its own (its code, say) up to the
 * next item or a line of prose (a capital, a full stop at its end: "Staff reply within a
 * day.").
 */
function listItems(text: string, s: Sentence): Sentence[] {
  /** The next item's bullet at or after `from`, within the sentence; -1 when none. */
  const itemAt = (from: number): number => {
    if (from === s.start && text.startsWith(BULLET, from)) return from;
    const at = text.indexOf(LIST_ITEM, Math.max(from - 1, s.start));
    return at >= 0 && at + 1 < s.end ? at + 1 : -1;
  };
  let at = itemAt(s.start);
  if (at < 0) return [s];
  const out: Sentence[] = [];
  const push = (start: number, end: number) => {
    if (end > start) out.push({ start, end, text: text.slice(start, end) });
  };
  let start = s.start;
  while (at >= 0) {
    push(start, at > s.start ? at - 1 : at);
    let end = s.end;
    for (let eol = text.indexOf('\n', at); eol >= 0 && eol < s.end; eol = text.indexOf('\n', eol + 1)) {
      const next = text.indexOf('\n', eol + 1);
      const line = text.slice(eol + 1, next < 0 || next > s.end ? s.end : next);
      if (line.startsWith(BULLET) || PROSE_LINE.test(line)) {
        end = eol;
        break;
      }
    }
    push(at, end);
    start = end < s.end ? end + 1 : s.end;
    at = end < s.end ? itemAt(end + 1) : -1;
  }
  push(start, s.end);
  return out;
}

/** A line of prose: a capital first, a sentence's end last. */
const PROSE_LINE = /^\p{Lu}.*[.!?]["'\u201D\u2019)]*$/u;

/** A list item's bullet in a passage's text (see spanText), and where one starts after a line. */
export const BULLET = '\u2022 ';
const LIST_ITEM = `\n${BULLET}`;

/** The best run of 1..maxSentences sentences (first wins ties), as [from, to] indexes. */
export function bestWindow(
  sentences: ScoredSentence[],
  maxSentences: number,
  maxChars: number,
): [number, number] {
  let best: [number, number] = [0, 0];
  let bestScore = -1;
  for (let i = 0; i < sentences.length; i++) {
    let score = 0;
    for (let j = i; j < Math.min(sentences.length, i + maxSentences); j++) {
      score += (sentences[j] as ScoredSentence).score;
      const chars = (sentences[j] as ScoredSentence).end - (sentences[i] as ScoredSentence).start;
      if (j > i && chars > maxChars) break;
      // A longer window must add something to win.
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = [i, j];
      }
    }
  }
  return best;
}

export function slice(text: string, sentences: ScoredSentence[], [from, to]: [number, number]) {
  const start = (sentences[from] as ScoredSentence).start;
  const end = (sentences[to] as ScoredSentence).end;
  return { start, end, text: text.slice(start, end) };
}

/** Cuts a long snippet to `max` characters around its first mark, at word boundaries. */
export function fitSnippet(snippet: Snippet, max: number): Snippet {
  const { text, marks } = snippet;
  if (text.length <= max) return snippet;
  const focus = marks[0]?.[0] ?? 0;
  let start = Math.max(0, Math.min(focus - Math.floor(max / 4), text.length - max));
  // After a space, else (a long run without one: Chinese) where a grapheme starts; never past
  // the match it is cut around.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < focus ? space + 1 : graphemeAfter(text, start);
  }
  // Cut at a space, keeping the text as it is so the marks keep their places.
  const room = max - (start > 0 ? 1 : 0) - 1;
  let end = text.length;
  if (end - start > room + 1) {
    const space = text.lastIndexOf(' ', start + room);
    end = space > start + room / 2 ? space : graphemeCut(text, start + room, start);
  }
  const prefix = start > 0 ? '\u2026' : '';
  const suffix = end < text.length ? '\u2026' : '';
  return {
    text: prefix + text.slice(start, end).trimEnd() + suffix,
    marks: marks
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]) => [s - start + prefix.length, e - start + prefix.length] as Mark),
  };
}
