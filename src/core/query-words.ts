/**
 * The words of a question that only phrase it: help-channel scaffolding, spoken contractions,
 * contractions without their apostrophe, stop words misspelt; and the corrections of a word
 * the documents lack that is a typo of one they have.
 */
import type { Vocabulary } from './query-types.js';
import { STOP_WORDS } from './stopwords.js';
import { isEnglishWord, type Word } from './tokenizer.js';
import { allowedEdits, plausibleTypo, type TypoBudget, TypoIndex } from './typo.js';

/**
 * Words that shape a help-channel question rather than name its topic ("is there a way to…",
 * "please", "anyone know…"): when the documents lack one, it is left out instead of counting
 * as something the documents do not cover.
 */
export const QUESTION_WORDS = new Set(
  (
    'way ways possible possibly able help helps need needs want wants like know tell please pls thanks thank ' +
    'hi hello hey guys folks anyone someone somebody anybody something anything everyone thing things stuff ' +
    'actually really basically exactly correct correctly right properly proper best good better ok okay ' +
    'question questions idea wondering wonder trying try tried currently still also even just maybe perhaps ' +
    'sure mean means happen happens happened work works working use using used make makes get gets got ' +
    'go goes going do does did done thing kind sort case ' +
    // Chat shorthand: "btw", "idk", "tbh"…, and "supposed" in "what am I supposed to do?".
    'btw idk imo imho tbh afaik iirc fyi lol lmao rofl xd haha omg asap thx ty tia plz ppl lmk rn atm tho ngl smh supposed'
  ).split(' '),
);
/**
 * Spoken contractions ("is it gonna break?", "kinda slow"): chat, left out as QUESTION_WORDS
 * are when the documents lack them, but only as written, never as a typo of a name ("Lemmy").
 */
export const SPOKEN = new Set('gonna wanna gotta kinda sorta dunno lemme gimme tryna outta'.split(' '));
/**
 * Contractions typed without their apostrophe, read as the stop words they are ("whats the
 * difference…", "it doesnt start"). Not those that are words too (`its`, `well`, `ill`, `id`).
 */
export const CONTRACTIONS = new Set(
  (
    'whats hows wheres whos whys whens thats theres heres dont doesnt didnt cant couldnt wont ' +
    'wouldnt shouldnt isnt arent wasnt werent havent hasnt hadnt im ive youre youve youll ' +
    'theyre theyve theyll weve'
  ).split(' '),
);

/** At most this many corrections per unknown word. */
const MAX_CORRECTIONS = 3;

/** Stop words and question scaffolding, for recognising them misspelt. */
let functionWords: TypoIndex | undefined;

/** A word one edit from a stop word or a scaffolding word ("becuase", "shoud", "somthing"). */
export function misspeltStopWord(word: Word): boolean {
  if (word.exact || !/^\p{L}{4,}$/u.test(word.written) || isEnglishWord(word.written)) return false;
  functionWords ??= new TypoIndex([...STOP_WORDS, ...QUESTION_WORDS]);
  return functionWords.nearest(word.written, 1).length > 0;
}

const NON_LATIN_LETTER = /[^\P{L}\p{Script=Latin}]/u;

export function correct(
  word: string,
  vocabulary: Vocabulary,
  budget: TypoBudget,
): { word: string; term: string }[] {
  // A real English word missing from the corpus is missing, not misspelt. A word in another
  // script than Latin is never corrected: no keyboard is known for it, and in Russian the forms
  // of two words are often a letter or two apart (`запретить`, forbid, is not `запустить`).
  if (allowedEdits(word.length) === 0 || isEnglishWord(word) || NON_LATIN_LETTER.test(word)) return [];
  const out: { word: string; term: string }[] = [];
  const terms = new Set<string>();
  for (const candidate of vocabulary.typos.nearest(word, undefined, budget)) {
    if (!plausibleTypo(word, candidate)) continue;
    const term = vocabulary.termOf(candidate);
    if (!term || terms.has(term) || !vocabulary.has(term)) continue;
    terms.add(term);
    out.push({ word: candidate, term });
    if (out.length >= MAX_CORRECTIONS) break;
  }
  return out;
}
