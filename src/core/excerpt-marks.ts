/**
 * What the question matches in a passage, weighted (its words and its phrases), and the
 * character ranges of the words matched, which the excerpt and the direct answer mark.
 */
import type { Concept } from './bm25.js';
import { BoundedCache } from './cache.js';
import { CJK_CHAR, cjkPieces, shortcutPattern, terms } from './tokenizer.js';

/** A character range [start, end) of a matched word in a piece of text. */
export type Mark = [number, number];

export interface Snippet {
  text: string;
  marks: Mark[];
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019.-][\p{L}\p{M}\p{N}]+)*/gu;
/** Terms of the words of shown passages (bounded: questions bring endless new words). */
const wordTerms = new BoundedCache<string, string[]>(8_192);

function termsOfWord(word: string): string[] {
  return wordTerms.remember(word, terms);
}

/**
 * What the question matches, weighted: single terms (each its best weight × idf), and phrases —
 * alternatives of several terms (`Islamic State`, `max retries`) that count, and are marked,
 * only where all their words stand together.
 */
export interface MatchWeights {
  terms: Map<string, number>;
  phrases: { terms: string[]; weight: number }[];
}

export function termWeights(concepts: readonly Concept[], idf: (term: string) => number): MatchWeights {
  const weights = new Map<string, number>();
  const phrases: MatchWeights['phrases'] = [];
  for (const c of concepts) {
    if (c.phrasing) continue;
    for (const a of c.alternatives) {
      if (a.terms.length === 1) {
        const t = a.terms[0] as string;
        weights.set(t, Math.max(weights.get(t) ?? 0, a.weight * idf(t)));
      } else if (a.terms.length > 1) {
        phrases.push({ terms: a.terms, weight: a.terms.reduce((n, t) => n + a.weight * idf(t), 0) });
      }
    }
  }
  return { terms: weights, phrases };
}

/** Marks every word of `text` whose terms the question matched, and every whole phrase. */
export function markWords(text: string, weights: MatchWeights): Mark[] {
  const marks: Mark[] = [];
  const found = Array.from(text.matchAll(WORD)).flatMap((m) =>
    // Chinese or Japanese text is matched by pairs of characters: those matched are marked.
    CJK_CHAR.test(m[0])
      ? cjkPieces(m[0])
          // A character alone is marked only as a word of one (笔 asked alone), not inside the
          // words it is part of (上 of 以上, where the question's 上限 is what the documents lack).
          .filter((p) => p.cjk !== 'char' || Array.from(m[0]).length === 1)
          .map((p) => ({ start: m.index + p.start, end: m.index + p.end, terms: [p.term] }))
      : [{ start: m.index, end: m.index + m[0].length, terms: termsOfWord(m[0]) }],
  );
  for (const w of found) if (w.terms.some((t) => weights.terms.has(t))) marks.push([w.start, w.end]);
  // A keyboard shortcut is marked whole (`Ctrl+C`), not only its modifier.
  for (const t of weights.terms.keys()) {
    const pattern = t.includes('+') ? shortcutPattern(t) : undefined;
    if (pattern) for (const m of text.matchAll(pattern)) marks.push([m.index, m.index + m[0].length]);
  }
  for (const phrase of weights.phrases) {
    // The phrase's terms in a row of words (each word giving one or more of them).
    for (let i = 0; i < found.length; i++) {
      const left = new Set(phrase.terms);
      let j = i;
      while (j < found.length && left.size > 0) {
        const hit = (found[j] as (typeof found)[number]).terms.filter((t) => left.has(t));
        if (hit.length === 0) break;
        for (const t of hit) left.delete(t);
        j++;
      }
      if (left.size === 0 && j > i)
        marks.push([
          (found[i] as (typeof found)[number]).start,
          (found[j - 1] as (typeof found)[number]).end,
        ]);
    }
  }
  // In order, overlapping ranges merged (a word can be marked alone and as part of a phrase).
  const merged: Mark[] = [];
  for (const [start, end] of marks.sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
