/**
 * Words of a question read together: "X or Y" as one concept, two neighbouring words the
 * documents write as one (`querystring`), a phrasal verb as the verb it means ("turn on" as
 * enable); and the words such a concept stands for taken out of what the question lacks.
 */
import type { Concept } from './bm25.js';
import type { ParsedQuestion, Slot, Vocabulary } from './query-types.js';
import type { Ranking } from './ranking.js';
import { terms } from './tokenizer.js';

/**
 * Phrasal verbs and the verb they mean, as documentation writes it: "turn on logging" asks to
 * enable it, "set up a proxy" to configure one, "get rid of a package" to remove it.
 */
const PHRASAL_VERBS: readonly (readonly [RegExp, string, readonly string[]])[] = [
  [
    /\b(?:turn|turns|turned|turning|switch|switches|switched|switching)\s+(?:\w+\s+)?on\b/i,
    'turn',
    ['enable'],
  ],
  [
    /\b(?:turn|turns|turned|turning|switch|switches|switched|switching)\s+(?:\w+\s+)?off\b/i,
    'turn',
    ['disable'],
  ],
  [/\b(?:shut|shuts|shutting)\s+(?:\w+\s+)?down\b/i, 'shut', ['shutdown', 'close']],
  [/\b(?:set|sets|setting)\s+up\b/i, 'set', ['setup', 'configure']],
  [/\b(?:get|gets|getting|got)\s+rid\s+of\b/i, 'rid', ['remove']],
];

/**
 * Reads a phrasal verb as the verb it means: the concept of its own verb ("turn") also matches
 * the meant verb's terms (`enabl`) at phrasalWeight, and the verb as written weighs
 * phrasalVerbWeight — "turn" alone says little (a passage saying "in turn" is no answer).
 */
export function phrasalVerbs(
  question: string,
  concepts: Concept[],
  vocabulary: Vocabulary,
  ranking: Ranking,
  found: { notFound: string[]; missing: ParsedQuestion['missing']; add: (concept: Concept) => void },
): void {
  for (const [pattern, verb, meant] of PHRASAL_VERBS) {
    const m = pattern.exec(question);
    if (!m) continue;
    const added = meant.flatMap((word) => terms(word)).filter((t) => vocabulary.has(t));
    if (added.length === 0) continue;
    // "switch" reads as itself: its concept is the one holding the verb as written.
    const written = m[0].split(/\s+/)[0]?.toLowerCase() ?? verb;
    const verbTerms = new Set([...terms(verb), ...terms(written)]);
    const concept = concepts.find(
      (c) => !c.context && c.alternatives.some((a) => a.terms.some((t) => verbTerms.has(t))),
    );
    const meaning = added.map((t) => ({ terms: [t], weight: ranking.phrasalWeight }));
    if (concept) {
      concept.alternatives = [
        ...concept.alternatives.map((a) => ({ ...a, weight: a.weight * ranking.phrasalVerbWeight })),
        ...meaning,
      ];
      continue;
    }
    // A verb the documents lack ("get rid of") stands for the verb it means, not missing; one
    // read as a stop word ("set") only adds the meant verb, which a passage need not hold.
    const needed = standIn([written, verb], found.notFound, found.missing);
    found.add({ alternatives: meaning, ...(needed ? {} : { optional: true }) });
  }
}

/**
 * Takes words out of what the question lacks when a concept now stands for them (their joined
 * form, the verb a phrasal verb means); whether any was lacking.
 */
export function standIn(
  words: readonly string[],
  notFound: string[],
  missing: ParsedQuestion['missing'],
): boolean {
  let any = false;
  for (const w of words) {
    const at = notFound.indexOf(w);
    if (at < 0) continue;
    any = true;
    notFound.splice(at, 1);
    const gone = missing.findIndex((m) => m.word === w);
    if (gone >= 0) missing.splice(gone, 1);
  }
  return any;
}

/**
 * "301 or 302", "Windows or macOS": two words joined by "or" ask about either, so they are one
 * concept that either matches (a passage needs one of them, and one the documents lack is not
 * missing when the other is there).
 */
export function mergeAlternatives(slots: Slot[], question: string): void {
  const pairs = new Set<string>();
  for (const m of question.matchAll(/([^\s,;:?!()]+)\s+or\s+([^\s,;:?!()]+)/giu))
    pairs.add(`${(m[1] as string).toLowerCase()}\u0000${(m[2] as string).toLowerCase()}`);
  if (pairs.size === 0) return;
  for (let i = 0; i + 1 < slots.length; i++) {
    const a = slots[i] as Slot;
    const b = slots[i + 1] as Slot;
    if (a.words.length !== 1 || b.words.length !== 1) continue;
    // A name with its version (`HTTP/3 or QUIC`) is found by how a passage writes it (see
    // numberForms): it stays a concept of its own.
    if (a.words.concat(b.words).some((w) => /\/\d/.test(w.written))) continue;
    if (!pairs.has(`${a.words[0]?.written}\u0000${b.words[0]?.written}`)) continue;
    slots.splice(i, 2, {
      words: [...a.words, ...b.words],
      concept: { alternatives: [...a.concept.alternatives, ...b.concept.alternatives] },
    });
  }
}

const LETTER_WORDS = /\p{L}+/gu;

/**
 * Terms of two neighbouring words of the question written as one, when the documents have it:
 * "query string" also finds `querystring`, "keep alive" `keepAlive`.
 */
export function joinedTerms(question: string, vocabulary: Vocabulary): { term: string; words: string[] }[] {
  const raw = question.match(LETTER_WORDS) ?? [];
  const out: { term: string; words: string[] }[] = [];
  for (let i = 0; i + 1 < raw.length && out.length < 8; i++) {
    const a = (raw[i] as string).toLowerCase();
    const b = (raw[i + 1] as string).toLowerCase();
    if (a.length < 2 || b.length < 2) continue;
    // A written word of the documents (no tokenising: most joined pairs are no word at all).
    // "building up" also finds buildup, "logging in" login: the first word's stem, when it is
    // the start of the word as written, joined to the second.
    const stem = terms(a)[0];
    const t = [
      `${a}${b}`,
      ...(stem && stem !== a && stem.length >= 3 && a.startsWith(stem) ? [`${stem}${b}`] : []),
    ]
      .map((joined) => vocabulary.termOf(joined))
      .find((term) => term !== undefined && vocabulary.has(term));
    if (t && !out.some((o) => o.term === t)) out.push({ term: t, words: [a, b] });
  }
  return out;
}
