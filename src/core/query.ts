/**
 * From a question to weighted concepts for the ranker: the question's words, with alias
 * groups (aliases.txt) and typo corrections as extra ways to match. The question as read comes
 * from query-plain.ts, what it says around what it asks from query-context.ts; the words that
 * only phrase it and typos are query-words.ts's, names query-names.ts's, aliases
 * query-aliases.ts's, number forms and derived words query-forms.ts's, "X or Y", joined words
 * and phrasal verbs query-phrases.ts's; "what is X?" is read by query-definition.ts.
 */
import { CHANGE_WORD } from './asks.js';
import type { Alternative, Concept } from './bm25.js';
import { foreignStopWord, phrasingWords } from './languages.js';
import { type AliasGroup, matchAlias } from './query-aliases.js';
import { cjkReading } from './query-cjk.js';
import { aroundWords, CODE_KEYWORDS, exampleWords, ownedWords, quoted, VERSION } from './query-context.js';
import { numberForms, permissionWord, placeOfPeople, withDerived } from './query-forms.js';
import { isName, isSpecific } from './query-names.js';
import { joinedTerms, mergeAlternatives, phrasalVerbs, standIn } from './query-phrases.js';
import { plainQuestion } from './query-plain.js';
import type { Correction, ParsedQuestion, Slot, Vocabulary } from './query-types.js';
import { CONTRACTIONS, correct, misspeltStopWord, QUESTION_WORDS, SPOKEN } from './query-words.js';
import { RANKING_DEFAULTS, type Ranking } from './ranking.js';
import { STOP_WORDS } from './stopwords.js';
import { terms, type Word, words } from './tokenizer.js';
import { TYPO_BUDGET, type TypoBudget } from './typo.js';

export { type AliasGroup, compileAliases } from './query-aliases.js';
export { contextWords, exampleWords } from './query-context.js';
export { definitionSubject } from './query-definition.js';
export { plainQuestion, unshouted, withoutCourtesies } from './query-plain.js';
export type { Correction, ParsedQuestion, Vocabulary } from './query-types.js';
export { QUESTION_WORDS } from './query-words.js';

/**
 * "id" typed for "I'd", opening a sentence before a verb only "I'd" takes there ("id like to…",
 * "Id rather…"); "can the id be changed?" and "the user id like 1234" keep their id.
 */
const I_WOULD = /(^|[.!?]\s+|,\s*)[Ii]d\s+(?=(?:like|love|rather|prefer|appreciate)\b)/g;

/** An acronym in at most this many passages is also read as what it stands for. */
const RARE_ACRONYM = 2;

/** A greeting word opening a message (see parseQuestion). */
const GREETING =
  /^\s*(yo+|hey+|heya|hiya|hi+|hell+o+|howdy|sup|wassup|hola|ahoy|oi|gm)(?![\p{L}\p{N}'\u2019-]|\s*[:?])/iu;

/** A web address, as a question quotes one (`https://…`, `ftp://…`). */
const WEB_ADDRESS = /^[a-z][a-z\d+.-]*:\/\//i;

/** Pronouns French writes after its verb in a question, joined by a hyphen (`ai-je`, `est-ce`). */
const INVERTED_PRONOUN = /^(?:je|tu|il|elle|on|nous|vous|ils|elles|ce)$/;

export function parseQuestion(
  question: string,
  vocabulary: Vocabulary,
  aliases: readonly AliasGroup[],
  ranking: Ranking = RANKING_DEFAULTS,
): ParsedQuestion {
  // Typo correction compares words within one budget for the whole question (see TYPO_BUDGET).
  const typoBudget: TypoBudget = { left: TYPO_BUDGET.question };
  // "id like to…" is "I'd like to…", at the start of a sentence; "the user id" is an id.
  const plain = plainQuestion(question).replace(I_WOULD, '$1I’d ');
  const content = words(plain, false).filter((w) => w.alternatives.length > 0);
  // A greeting that opens the message before any word ("yo my build fails", "sup how do I…")
  // asks nothing, when the documents never write it: "hello world" stays a question about
  // "hello" where they do. Not in capitals (`SUP files`, an acronym), nor asked about ("Hola:
  // what does it mean?").
  const greeting = GREETING.exec(plain)?.[1];
  const first = content[0];
  if (
    greeting &&
    greeting !== greeting.toUpperCase() &&
    content.length > 1 &&
    first?.written.toLowerCase() === greeting.toLowerCase() &&
    !first.alternatives.some((a) => a.some((t) => vocabulary.has(t)))
  )
    content.shift();
  // The question as read for capitals and neighbours: without invisible characters.
  const visible = plain.replace(/[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g, '');
  // Words that only phrase a question asked in the documents' own language ("welche", "ich"):
  // where the documents lack one, it is no word they fail to cover, as English function words
  // are none (where they hold it, it ranks: an FAQ's headings ask as its readers do). Looked
  // for only when the question has some.
  const typed = visible.toLowerCase().match(/\p{L}+(?:['\u2019]\p{L}+)*/gu) ?? [];
  const phrasing =
    vocabulary.languages && typed.some(foreignStopWord)
      ? phrasingWords(typed, vocabulary.languages())
      : new Set<string>();
  // A verb and the pronoun after it, joined by a hyphen (French `ai-je`, `puis-je`, `est-ce`,
  // `a-t-il`, `enregistre-t-elle`: the `t` only joins them): of function words only, it phrases
  // the question as its parts do; otherwise the verb alone finds it too (a page writes "elle
  // enregistre", never "enregistre-t-elle"). A compound noun (`tout-en-un`) ends with no pronoun.
  if (phrasing.size > 0)
    for (const [i, w] of content.entries()) {
      const parts = w.written.split('-');
      const verb = parts[0] ?? '';
      const joins = parts.length === 2 || (parts.length === 3 && parts[1] === 't');
      if (!joins || !INVERTED_PRONOUN.test(parts.at(-1) ?? '')) continue;
      if (parts.every((p) => p === 't' || phrasing.has(p))) phrasing.add(w.written);
      else {
        const alone = terms(verb);
        if (alone.length > 0) content[i] = { ...w, alternatives: [...w.alternatives, alone] };
      }
    }
  const slots = slotsOf(content, visible, vocabulary, aliases, ranking);

  mergeAlternatives(slots, visible);

  // "how long", "how old": the word after "how" asks for a quantity (see expectedAnswer), it
  // names nothing the documents must hold.
  const howWords = new Set(
    [...visible.toLowerCase().matchAll(/\bhow\s+(long|old|far|big|large|often|soon|fast)\b/g)].map(
      (m) => m[1] as string,
    ),
  );
  const forms = numberForms(visible);
  const notFound: string[] = [];
  const missing: ParsedQuestion['missing'] = [];
  const ignored: string[] = [];
  const corrections: Correction[] = [];
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const add = (concept: Concept) => {
    const key = JSON.stringify(concept.alternatives.map((a) => [a.terms, a.weight]));
    if (seen.has(key)) return;
    seen.add(key);
    concepts.push(concept);
  };
  // Chinese, Japanese and Korean: which of the question's pairs and characters count.
  const cjk = cjkReading(content, vocabulary, visible);
  // A question of those words alone ("Wie kann ich das machen?") asks nothing the documents
  // could answer, as "How can I do that?" does not.
  const onlyPhrasing =
    phrasing.size > 0 && content.every((w) => w.cjk !== undefined || phrasing.has(w.written));
  const permission = permissionWord(visible);
  const examples = exampleWords(visible);
  const said = quoted(visible);
  const { context, stated } = aroundWords(said);
  const owned = ownedWords(visible);
  // What it quotes: code, whose keywords name nothing; places (a URL, a path), the asker's own.
  const { code, places } = said;
  for (const slot of slots) {
    const word = slot.words.length === 1 ? slot.words[0] : undefined;
    // A word given as an example ("numbers like 30") ranks as any other, but names nothing a
    // direct answer must hold; nor does one of the sentences around the question that say
    // where the asker stands ("I'm on Windows."), which ranks for less (contextWeight,
    // everydayContextWeight) and counts nothing against an answer when the documents lack it.
    if (word && (cjk.skip.has(word) || (onlyPhrasing && phrasing.has(word.written)))) {
      ignored.push(word.written);
      continue;
    }
    const around = word !== undefined && context.has(word.written);
    // Told before what a message that asks nothing asks (see aroundWords): ranks for less, names
    // nothing an answer must hold, counts nothing against it when the documents lack it.
    const isStated = !around && word !== undefined && stated.has(word.written);
    const example = word !== undefined && examples.has(word.written);
    if (around && word && code.has(word.written) && CODE_KEYWORDS.has(word.written)) {
      // A keyword of the code the question quotes (`const`, `await`, `def`) names nothing.
      ignored.push(word.written);
      continue;
    }
    if (word && !word.exact && CONTRACTIONS.has(word.written)) {
      // "whats", "dont": a stop word written without its apostrophe, as "what's" and "don't" are.
      ignored.push(word.written);
      continue;
    }
    let concept = withDerived(slot.concept, word, vocabulary, ranking.derivedWeight);
    if (word && permission !== undefined && word.written.toLowerCase() === permission)
      concept = {
        ...concept,
        alternatives: concept.alternatives.map((a) => ({
          ...a,
          weight: a.weight * ranking.permissionWeight,
        })),
      };
    const written = concept.alternatives.some(
      (a) => a.title === undefined && a.terms.every((t) => vocabulary.has(t)),
    );
    // A document's title the question names by its acronym is in the documents, whatever words
    // its text writes.
    const titled = concept.alternatives.some((a) => a.title !== undefined);
    const known = written || titled;
    // `HTTP/3` read as one word is found by the form of its number too.
    const form =
      word &&
      (forms.get(word.written) ??
        (word.written.includes('/') ? forms.get(word.written.split('/').at(-1) ?? '') : undefined));
    if (form) {
      // Found by how a passage writes it (`http3` is one term, not http and 3), never missing.
      add(around ? { ...concept, context: true } : { ...concept, key: true, form });
      continue;
    }
    if (!known) {
      // Scaffolding, or a shouted stop word ("AND", "NOT") read as an acronym.
      if (
        word &&
        (QUESTION_WORDS.has(word.text) ||
          (!word.exact && phrasing.has(word.written)) ||
          SPOKEN.has(word.text) ||
          (word.exact && STOP_WORDS.includes(word.text)) ||
          howWords.has(word.text))
      ) {
        ignored.push(word.written);
        continue;
      }
      const fixes: { word: string; term: string; terms?: string[] }[] =
        word && !word.exact && /^\p{L}+$/u.test(word.written)
          ? correct(word.written, vocabulary, typoBudget)
          : word && !word.exact
            ? correctParts(word.written, vocabulary, typoBudget)
            : [];
      if (fixes.length === 0 && word && misspeltStopWord(word)) {
        ignored.push(word.written);
        continue;
      }
      if (fixes.length === 0) {
        const text = slot.words.map((w) => w.written).join(' ');
        // An address the question quotes around what it asks (`see https://…`) is no word the
        // documents were expected to hold: not named as missing.
        if (!(around && WEB_ADDRESS.test(text))) notFound.push(text);
        // A hyphenated word the documents lack whole still ranks by the parts they hold
        // ("Toy-Story-Figuren" finds "Toy Story"); it stays missing, so no direct answer.
        const parts = word?.alternatives.find((a) => a.length >= 2)?.filter((t) => vocabulary.has(t));
        if (parts && parts.length > 0)
          add({
            alternatives: [{ terms: parts, weight: around ? ranking.contextWeight : 1 }],
            ...(around ? { context: true } : {}),
          });
        missing.push(
          around || isStated || (word && owned.has(word.written) && !isSpecific(word, visible))
            ? { word: text, specific: false, context: true }
            : { word: text, specific: !word || isSpecific(word, visible) },
        );
        continue;
      }
      corrections.push({ from: word?.written ?? '', to: fixes.map((f) => f.word) });
      concept = {
        alternatives: fixes.map((f) => ({ terms: f.terms ?? [f.term], weight: ranking.typoWeight })),
      };
    } else if (!word || (!example && !around && !isStated && (isName(word, visible) || (titled && !written))))
      // A name, or a document named by an acronym its text never writes ("the lgpl"): a direct
      // answer must come from it.
      concept = { ...concept, key: true };
    // A function word of a question in the documents' language that they hold ranks (an FAQ's
    // headings ask as its readers do) but is not what is asked: never marked, never a reason to
    // pick a sentence (`так` of "что такое"), no part of the question's key in /gaps.
    if (word && known && phrasing.has(word.written)) concept = { ...concept, phrasing: true };
    if (isStated)
      concept = {
        ...concept,
        alternatives: concept.alternatives.map((a) => ({ ...a, weight: a.weight * ranking.statedWeight })),
      };
    if (around) {
      // A name, a number or an identifier says more about the asker's case than an everyday word.
      const weight =
        word && (!isSpecific(word, visible) || places.has(word.written) || VERSION.test(word.written))
          ? ranking.everydayContextWeight
          : ranking.contextWeight;
      concept = {
        ...concept,
        context: true,
        alternatives: concept.alternatives.map((a) => ({ ...a, weight: a.weight * weight })),
      };
    }
    add(concept);
  }
  for (const span of cjk.lacking) {
    notFound.push(span);
    missing.push({ word: span, specific: true });
  }
  const asked = new Set(content.flatMap((w) => w.alternatives.flat()));
  for (const { term, words: pair } of ranking.joinedWeight > 0 ? joinedTerms(visible, vocabulary) : []) {
    if (asked.has(term)) continue;
    // Needed when it stands for a word the documents lack ("keep alive" for keepAlive).
    const needed = standIn(pair, notFound, missing);
    add({
      alternatives: [{ terms: [term], weight: ranking.joinedWeight }],
      ...(needed ? {} : { optional: true }),
    });
  }
  if (ranking.phrasalWeight > 0)
    phrasalVerbs(visible, concepts, vocabulary, ranking, { notFound, missing, add });
  // The words asked, as written: not those around the question, nor those read as nothing.
  const skipped = new Set(ignored);
  const written = content
    .filter((w) => !context.has(w.written) && !skipped.has(w.written))
    .map((w) => ({ word: w.written, terms: [...new Set(w.alternatives.flat())] }));
  const changes = written.some((w) => CHANGE_WORD.test(w.word));
  return {
    concepts,
    content: content.map((w) => w.text),
    notFound,
    corrections,
    written,
    ignored,
    missing,
    changes,
  };
}

/**
 * A hyphenated word the documents lack, each part they lack corrected as a typo
 * (`al-Bagdadi` → al-Baghdadi): one correction whose term is the parts' terms, or none when a
 * part is neither written nor a typo of a word that is.
 */
function correctParts(
  written: string,
  vocabulary: Vocabulary,
  budget: TypoBudget,
): { word: string; term: string; terms?: string[] }[] {
  if (!/^\p{L}+(?:-\p{L}+)+$/u.test(written)) return [];
  const words: string[] = [];
  const found: string[] = [];
  let fixed = false;
  for (const part of written.split('-')) {
    const own = terms(part);
    if (own.length > 0 && own.every((t) => vocabulary.has(t))) {
      words.push(part);
      found.push(...own);
      continue;
    }
    const fix = correct(part, vocabulary, budget)[0];
    if (!fix) return [];
    fixed = true;
    words.push(fix.word);
    found.push(fix.term);
  }
  return fixed ? [{ word: words.join('-'), term: found.join(' '), terms: found }] : [];
}

/**
 * A word for a people the documents never write, matched by the place it is made from where an
 * alias names that place, or where they write it and the question capitalises the word; below
 * a word's weight, as derived words are. "What did Carlin say about Americans…?" finds "the
 * United States" (aliases `US, …, America`). Undefined when the documents write the word, or
 * its place is nowhere in them.
 */
function peopleSlot(
  w: Word,
  question: string,
  vocabulary: Vocabulary,
  aliases: readonly AliasGroup[],
  ranking: Ranking,
): Slot | undefined {
  const term =
    w.alternatives.length === 1 && w.alternatives[0]?.length === 1 ? w.alternatives[0][0] : undefined;
  const written = !w.exact && term && !vocabulary.has(term) ? placeOfPeople(w.written) : undefined;
  const place = written === undefined ? undefined : terms(written);
  if (place?.length !== 1 || ranking.derivedWeight <= 0) return undefined;
  const alias = matchAlias([{ ...w, alternatives: [place] }], 0, aliases, ranking.aliasWeight);
  // A place the documents write, for a word capitalised inside the question ("…about
  // Americans"): "median" is not "media"'s people.
  const alternatives = alias
    ? alias.concept.alternatives.filter((a) => a.terms.every((t) => vocabulary.has(t)))
    : vocabulary.has(place[0] as string) && isName(w, question)
      ? [{ terms: place, weight: 1 }]
      : [];
  if (alternatives.length === 0) return undefined;
  return {
    words: [w],
    concept: { alternatives: alternatives.map((a) => ({ ...a, weight: a.weight * ranking.derivedWeight })) },
  };
}

/**
 * The question's words as slots, each with its concept: an alias group's member found in them
 * (one concept whose alternatives are its group), any other word alone, an acronym also matching
 * what it stands for, a people's word its place (see peopleSlot).
 */
function slotsOf(
  content: Word[],
  question: string,
  vocabulary: Vocabulary,
  aliases: readonly AliasGroup[],
  ranking: Ranking,
): Slot[] {
  const slots: Slot[] = [];
  for (let i = 0; i < content.length; i++) {
    const alias = matchAlias(content, i, aliases, ranking.aliasWeight);
    if (alias) {
      slots.push({ words: content.slice(i, i + alias.length), concept: alias.concept });
      i += alias.length - 1;
      continue;
    }
    const w = content[i] as Word;
    const people = peopleSlot(w, question, vocabulary, aliases, ranking);
    if (people) {
      slots.push(people);
      continue;
    }
    const alternatives: Alternative[] = w.alternatives.map((terms) => ({ terms, weight: 1 }));
    // An acronym the documents seldom write also matches what it stands for there, as a phrase.
    // One they write often still names what it stands for: a passage that says "GNU Affero
    // General Public License" names the GPL a question asks about. At weight 0 the phrase adds
    // nothing to a score; it counts for what a passage holds (a direct answer must name what
    // the question is about) and gives the acronym the phrase's rarity (see conceptRarity).
    const acronym = w.alternatives.length === 1 ? w.alternatives[0]?.[0] : undefined;
    const long =
      ranking.acronyms && acronym && w.exact && /^\p{Lu}{2,6}$/u.test(w.written.toUpperCase())
        ? vocabulary.expansion(w.written.toUpperCase())
        : undefined;
    const phrase = long ? [...new Set(terms(long))] : [];
    if (phrase.length >= 2)
      alternatives.push({
        terms: phrase,
        weight: vocabulary.df(acronym as string) <= RARE_ACRONYM ? ranking.aliasWeight : 0,
        whole: true,
      });
    else if (ranking.acronyms && acronym && !vocabulary.has(acronym) && /^\p{L}{3,6}$/u.test(w.written)) {
      // An acronym the documents never write, of a document's title ("GFDL" for the GNU Free
      // Documentation License), typed in capitals or not: it names that document, so it is not
      // missing; at weight 0 it adds nothing to a score.
      const title = vocabulary.titleExpansion?.(w.written.toUpperCase());
      const named = title ? [...new Set(terms(title))] : [];
      if (title && named.length >= 2) alternatives.push({ terms: named, weight: 0, whole: true, title });
    }
    slots.push({ words: [w], concept: { alternatives } });
  }
  return slots;
}
