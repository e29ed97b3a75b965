/**
 * Whether a word names what a question is about: a number, an acronym, a word capitalised
 * inside its sentence, a hyphenated word with a part no dictionary has, a word no English
 * dictionary has (but a misspelt one). A name the documents lack is specific; an everyday word
 * only phrases.
 */
import { englishWords, isEnglishWord, isStopWord, terms, type Word } from './tokenizer.js';

/**
 * Whether a word the documents lack is what the question is about rather than how it is put:
 * a number or acronym, a word English dictionaries lack, or a name (capitalised inside the
 * sentence). "When did Cameron become prime minister?" is about Cameron; "How does Washington
 * view Iran?" is not about a view.
 */
export function isSpecific(word: Word, question: string): boolean {
  return (!isEnglishWord(word.written) && !misspelt(word.written)) || isName(word, question);
}

/** The shortest word read as a misspelt English word: shorter ones are too near too many. */
const MISSPELT_MIN = 6;
/** Longer words are no typo of an English word (and cost more to check). */
const MISSPELT_MAX = 24;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * An English word typed with a letter left out or two neighbours swapped (`acepting`,
 * `automaticaly`, `recieve`): an everyday word the documents lack, not a name. Not a letter too
 * many (`prisma` is no `prima`, `eslint` no `elint`), nor a short word (`redis`, `zsh`).
 */
function misspelt(word: string): boolean {
  if (word.length < MISSPELT_MIN || word.length > MISSPELT_MAX || !/^[a-z]+$/.test(word)) return false;
  const english = englishWords();
  for (let i = 0; i + 1 < word.length; i++)
    if (english.has(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2))) return true;
  for (let i = 1; i <= word.length; i++)
    for (const c of LETTERS) if (english.has(word.slice(0, i) + c + word.slice(i))) return true;
  return false;
}

/** Prefixes written with a hyphen that no dictionary lists alone (`multi-factor`, `pre-release`). */
const COMBINING_PREFIXES = new Set([
  'anti',
  'auto',
  'bi',
  'co',
  'cross',
  'de',
  'ex',
  'inter',
  'intra',
  'macro',
  'mega',
  'meta',
  'micro',
  'mid',
  'mini',
  'multi',
  'non',
  'out',
  'over',
  'post',
  'pre',
  'pro',
  're',
  'self',
  'semi',
  'sub',
  'super',
  'ultra',
  'un',
  'under',
]);

/**
 * A part of a hyphenated word that names something (`debian` in `debian-user`, `aws` in
 * `aws-sdk`): no word a dictionary has, nor one of its forms (`forwarded`, `stamped`, `ons`),
 * nor a letter or a prefix (`x-ray`, `e-mail`, `multi-factor`, `co-op`).
 */
function nameLikePart(part: string): boolean {
  if (part.length < 2 || COMBINING_PREFIXES.has(part) || isEnglishWord(part)) return false;
  const stem = terms(part)[0];
  return stem === undefined || !isEnglishWord(stem);
}

/**
 * A number, an acronym, a word capitalised inside the sentence (a name), or a hyphenated word
 * with a part no dictionary has (`debian-user`; not `spanish-language`, `co-operate` or
 * `on-prem`).
 */
export function isName(word: Word, question: string): boolean {
  if (word.exact || /\d/.test(word.written)) return true;
  if (/^\p{L}+(?:-\p{L}+)+$/u.test(word.written)) {
    // Not with a small word in it (`on-prem`, `in-app`, `per-user`): a phrase, not a name.
    const parts = word.written.split('-');
    if (parts.some(nameLikePart) && !parts.some(isStopWord)) return true;
  }
  return capitalisedInside(question).has(word.written);
}

/** The last question read by capitalisedInside, and its words (one question is read word by word). */
let capitalised: { question: string; words: Set<string> } | undefined;

/**
 * The words (lower case) a question writes capitalised inside a sentence: after a word, not
 * after `.`, `!`, `?`, `:`, `;`, a quote or a bracket. One pass, kept for the question's next word.
 */
function capitalisedInside(question: string): Set<string> {
  if (capitalised?.question === question) return capitalised.words;
  const words = new Set<string>();
  for (const m of question.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*/gu)) {
    if (!/^\p{Lu}/u.test(m[0])) continue;
    let at = m.index - 1;
    while (at >= 0 && /\s/.test(question.charAt(at))) at--;
    if (at >= 0 && !/[.!?:;"(\u201C]/.test(question.charAt(at))) words.add(m[0].toLowerCase());
  }
  capitalised = { question, words };
  return words;
}
