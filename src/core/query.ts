/**
 * From a question to weighted concepts for the ranker: the question's words, with alias
 * groups (aliases.txt) and typo corrections as extra ways to match.
 */
import type { Concept } from './bm25.js';
import { isEnglishWord, type Word, words } from './tokenizer.js';
import { allowedEdits, type TypoIndex } from './typo.js';

/** Weight of an alias that is not the form the question used. */
export const ALIAS_WEIGHT = 0.9;
/** Weight of a typo correction: below any exact match. */
export const TYPO_WEIGHT = 0.6;
/** At most this many corrections per unknown word. */
const MAX_CORRECTIONS = 3;

/** An alias group, each member as the terms of its words (first alternative of each word). */
export type AliasGroup = string[][][];

export function compileAliases(groups: readonly string[][]): AliasGroup[] {
  return groups
    .map((group) =>
      group
        .map((member) => words(member).filter((w) => w.alternatives.length > 0))
        .filter((m) => m.length > 0)
        .map((m) => m.map((w) => w.alternatives[0] ?? [])),
    )
    .filter((g) => g.length >= 2);
}

export interface Vocabulary {
  has(term: string): boolean;
  /** Written words near `word`, for typo tolerance. */
  typos: TypoIndex;
  /** The term of a written corpus word. */
  termOf(word: string): string | undefined;
}

export interface Correction {
  from: string;
  to: string[];
}

export interface ParsedQuestion {
  concepts: Concept[];
  /** Content words of the question (not stop words). */
  content: string[];
  /** Content words that matched nothing in the corpus, after aliases and typo tolerance. */
  notFound: string[];
  corrections: Correction[];
  /** The question's content words as written (lower case) with their terms, for exact-form matching. */
  written: { word: string; terms: string[] }[];
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

interface Slot {
  words: Word[];
  concept: Concept;
}

export function parseQuestion(
  question: string,
  vocabulary: Vocabulary,
  aliases: readonly AliasGroup[],
): ParsedQuestion {
  const content = words(question).filter((w) => w.alternatives.length > 0);
  const slots: Slot[] = [];
  for (let i = 0; i < content.length; i++) {
    const alias = matchAlias(content, i, aliases);
    if (alias) {
      slots.push({ words: content.slice(i, i + alias.length), concept: alias.concept });
      i += alias.length - 1;
      continue;
    }
    const w = content[i] as Word;
    slots.push({
      words: [w],
      concept: { alternatives: w.alternatives.map((terms) => ({ terms, weight: 1 })) },
    });
  }

  const notFound: string[] = [];
  const corrections: Correction[] = [];
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  for (const slot of slots) {
    const known = slot.concept.alternatives.some((a) => a.terms.some((t) => vocabulary.has(t)));
    let concept = slot.concept;
    if (!known) {
      const word = slot.words.length === 1 ? slot.words[0] : undefined;
      const fixes =
        word && !word.exact && /^\p{L}+$/u.test(word.written) ? correct(word.written, vocabulary) : [];
      if (fixes.length === 0) {
        notFound.push(slot.words.map((w) => w.written).join(' '));
        continue;
      }
      corrections.push({ from: word?.written ?? '', to: fixes.map((f) => f.word) });
      concept = { alternatives: fixes.map((f) => ({ terms: [f.term], weight: TYPO_WEIGHT })) };
    }
    const key = JSON.stringify(concept.alternatives.map((a) => [a.terms, a.weight]));
    if (seen.has(key)) continue;
    seen.add(key);
    concepts.push(concept);
  }
  const written = content.map((w) => ({ word: w.written, terms: [...new Set(w.alternatives.flat())] }));
  return { concepts, content: content.map((w) => w.text), notFound, corrections, written };
}

function correct(word: string, vocabulary: Vocabulary): { word: string; term: string }[] {
  // A real English word missing from the corpus is missing, not misspelt.
  if (allowedEdits(word.length) === 0 || isEnglishWord(word)) return [];
  const out: { word: string; term: string }[] = [];
  const terms = new Set<string>();
  for (const candidate of vocabulary.typos.nearest(word)) {
    const term = vocabulary.termOf(candidate);
    if (!term || terms.has(term) || !vocabulary.has(term)) continue;
    terms.add(term);
    out.push({ word: candidate, term });
    if (out.length >= MAX_CORRECTIONS) break;
  }
  return out;
}

/** An alias group member starting at content[i]: one concept whose alternatives are the group. */
function matchAlias(
  content: readonly Word[],
  i: number,
  aliases: readonly AliasGroup[],
): { length: number; concept: Concept } | null {
  let best: { length: number; concept: Concept } | null = null;
  for (const group of aliases) {
    for (const member of group) {
      if (member.length === 0 || i + member.length > content.length) continue;
      if (!member.every((terms, k) => same(terms, content[i + k]?.alternatives[0] ?? []))) continue;
      if (best && best.length >= member.length) continue;
      best = {
        length: member.length,
        concept: {
          alternatives: group.map((m) => ({
            terms: [...new Set(m.flat())],
            weight: m === member ? 1 : ALIAS_WEIGHT,
          })),
        },
      };
    }
  }
  return best;
}
