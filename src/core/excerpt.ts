/**
 * Picks the sentences that answer: the direct answer (the best sentence or two of the top
 * paragraph) and each result's excerpt (its best sentence window), with the question's
 * matched words marked by character ranges on the original text.
 */
import type { Concept } from './bm25.js';
import { BoundedCache } from './cache.js';
import { shorten } from './passages.js';
import { type Sentence, splitSentences } from './sentences.js';
import { terms } from './tokenizer.js';

/** A character range [start, end) of a matched word in a piece of text. */
export type Mark = [number, number];

export interface Snippet {
  text: string;
  marks: Mark[];
}

/** Longest excerpt, in characters, before it is cut around its first match. */
export const EXCERPT_MAX = 360;
/** An answer sentence shorter than this many words takes its neighbour along. */
const SHORT_SENTENCE_WORDS = 12;

const WORD = /[\p{L}\p{N}]+(?:['\u2019.-][\p{L}\p{N}]+)*/gu;
/** Terms of the words of shown passages (bounded: questions bring endless new words). */
const wordTerms = new BoundedCache<string, string[]>(8_192);

function termsOfWord(word: string): string[] {
  return wordTerms.remember(word, terms);
}

/** Term weights for the question: each term's best weight × idf. */
export function termWeights(
  concepts: readonly Concept[],
  idf: (term: string) => number,
): Map<string, number> {
  const weights = new Map<string, number>();
  for (const c of concepts) {
    for (const a of c.alternatives) {
      for (const t of a.terms) weights.set(t, Math.max(weights.get(t) ?? 0, a.weight * idf(t)));
    }
  }
  return weights;
}

/** Marks every word of `text` (offsets relative to `base`) whose terms the question matched. */
function markWords(text: string, weights: ReadonlyMap<string, number>, base = 0): Mark[] {
  const marks: Mark[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = (m.index ?? 0) + base;
    if (termsOfWord(m[0]).some((t) => weights.has(t))) marks.push([start, start + m[0].length]);
  }
  return marks;
}

interface ScoredSentence extends Sentence {
  score: number;
  words: number;
}

function scoreSentences(text: string, weights: ReadonlyMap<string, number>): ScoredSentence[] {
  return splitSentences(text).map((s) => {
    const found = new Set(terms(s.text).filter((t) => weights.has(t)));
    let score = 0;
    for (const t of found) score += weights.get(t) ?? 0;
    return { ...s, score, words: s.text.split(/\s+/).length };
  });
}

/** The best run of 1..maxSentences sentences (first wins ties), as [from, to] indexes. */
function bestWindow(sentences: ScoredSentence[], maxSentences: number, maxChars: number): [number, number] {
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

function slice(text: string, sentences: ScoredSentence[], [from, to]: [number, number]) {
  const start = (sentences[from] as ScoredSentence).start;
  const end = (sentences[to] as ScoredSentence).end;
  return { start, end, text: text.slice(start, end) };
}

/** Cuts a long snippet to `max` characters around its first mark, at word boundaries. */
function fitSnippet(snippet: Snippet, max: number): Snippet {
  const { text, marks } = snippet;
  if (text.length <= max) return snippet;
  const focus = marks[0]?.[0] ?? 0;
  let start = Math.max(0, Math.min(focus - Math.floor(max / 4), text.length - max));
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  const body = shorten(text.slice(start), max - (start > 0 ? 1 : 0));
  const prefix = start > 0 ? '\u2026' : '';
  const end = start + body.length - (body.endsWith('\u2026') ? 1 : 0);
  return {
    text: prefix + body,
    marks: marks
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]) => [s - start + prefix.length, e - start + prefix.length] as Mark),
  };
}

/** A result's excerpt: its best window of up to two sentences, matched words marked. */
export function excerpt(text: string, weights: ReadonlyMap<string, number>, max = EXCERPT_MAX): Snippet {
  const sentences = scoreSentences(text, weights);
  if (sentences.length === 0) return { text: '', marks: [] };
  const window = slice(text, sentences, bestWindow(sentences, 2, max));
  return fitSnippet({ text: window.text, marks: markWords(window.text, weights) }, max);
}

/**
 * The direct answer from the top paragraph: its best sentence, with the next (or previous)
 * one when it is short, so the answer reads on its own.
 */
export function directAnswer(text: string, weights: ReadonlyMap<string, number>, max = EXCERPT_MAX): Snippet {
  const sentences = scoreSentences(text, weights);
  if (sentences.length === 0) return { text: '', marks: [] };
  let [from, to] = bestWindow(sentences, 1, max);
  if ((sentences[from] as ScoredSentence).words < SHORT_SENTENCE_WORDS && sentences.length > 1) {
    if (to + 1 < sentences.length) to++;
    else from--;
  }
  const window = slice(text, sentences, [from, to]);
  return fitSnippet({ text: window.text, marks: markWords(window.text, weights) }, max);
}
