/**
 * Every setting that changes what is found or how it ranks, with its default, in one place.
 * An engine takes any of them (`new Engine(…, { titleWeight: 1 })`); all of them, defaults
 * merged, are part of the index snapshot's key, so changing one can never serve a stale index.
 */
export interface Ranking {
  /** BM25 k1: how quickly repeating a word stops adding to a passage's score. */
  k1: number;
  /** BM25 b: how much a long passage is held back (0: not at all, 1: fully). */
  b: number;
  /** Weight of the title field (document title and section headings) against the body's 1. */
  titleWeight: number;
  /**
   * Share of the question (its words weighted by rarity, an unknown word weighing the most)
   * that must be found anywhere in the documents for a direct answer, and for any result at all
   * once the everyday words the documents lack count at everydayMissing: "how do I stream a
   * download into a file?" (no "download" in the documents) lists the streaming passages as
   * related only; "what is the recipe for pancakes?" gets nothing.
   */
  minCoverage: number;
  /**
   * Share of the question the best passage must hold for a direct answer; below it, the
   * results are shown as related only.
   */
  answerCoverage: number;
  /**
   * How much an everyday word missing from the documents ("speech", "view") counts against a
   * direct answer, and against any result at all (see minCoverage), where a missing name,
   * number or unknown word counts 1.
   */
  everydayMissing: number;
  /** Bonus, in idf units, for each question word a passage has exactly as written. */
  exactBonus: number;
  /**
   * Bonus for a passage whose innermost heading the question restates: this × the idf of the
   * heading's words found in the question × the share of the heading they make up; 0: off.
   */
  headingBonus: number;
  /**
   * How many times headingBonus a passage gets when its heading is a question (a FAQ's "Can I
   * get Python bot on my server?") that the question restates whole, three words or more: the
   * documents pose that question themselves; 1: no more than any heading.
   */
  questionHeadingFactor: number;
  /** How much a passage's score is scaled by the share of the question it holds (0: not). */
  coord: number;
  /**
   * Scale of the score of a passage that is only code (a synopsis, an example without a word
   * around it): short and dense with identifiers, it outscores the prose that explains the same
   * thing; 1: no scaling.
   */
  codeWeight: number;
  /**
   * Scale of the score of a passage of a change log (a file named CHANGELOG or RELEASE-NOTES;
   * CHANGES, HISTORY or NEWS with version headings; or one whose headings are mostly versions)
   * when the question asks nothing about versions or changes: a change log names every feature
   * in the docs' own words ("Fixed incorrect behaviour of YYYY…") but explains none; 1: no
   * scaling.
   */
  changeLogWeight: number;
  /**
   * When the best passage lacks what the question names (a name, a number, an acronym), one of
   * the next four that has it all goes first if it scores at least this share of the best.
   */
  keyShare: number;
  /** Weight of an alias (aliases.txt, an acronym's words) that is not the form asked. */
  aliasWeight: number;
  /**
   * Weight of a word that only says where the asker stands, in a sentence around the question
   * or the code it quotes, when it names something ("I'm using it with Node 20. How do I set a
   * timeout?": `node`, `20`; `makeRetrier` in a pasted block); 1: as any word.
   */
  contextWeight: number;
  /**
   * Weight of an everyday word of that context (an English word that is no name: "I am on the
   * latest version.", `client` in pasted code), of a number or a version ("Node 20", `v3.2`),
   * and of any word of a URL, an address or a path it quotes (the asker's own places): it says
   * little about what is asked.
   */
  everydayContextWeight: number;
  /**
   * Weight of a word of a message that asks nothing (no question mark, no question word), in a
   * sentence before the one that says most what is wanted ("my changelog has ### Added under
   * every version and it complains about duplicate headings. that's literally how keep a
   * changelog works lol"): the problem may be told there, or only where the asker stands ("I'm
   * on Windows. node 20. timeout setting"). Such a word is never one a direct answer must hold,
   * and one the documents lack counts nothing against it.
   */
  statedWeight: number;
  /** Weight of a typo correction. */
  typoWeight: number;
  /** Weight of a longer word a question word begins (Iraq → Iraqi); 0 turns it off. */
  derivedWeight: number;
  /** Weight of two question words found written as one (`query string` → querystring); 0: off. */
  joinedWeight: number;
  /**
   * Weight of the verb a phrasal verb means ("turn on" → enable, "set up" → configure), the
   * verb as written then weighing phrasalVerbWeight; 0: off.
   */
  phrasalWeight: number;
  /** Weight of a phrasal verb's own verb ("turn" in "turn on"), which alone means little. */
  phrasalVerbWeight: number;
  /**
   * Weight of the word a question asks permission with ("is cheating allowed?", "is it ok to
   * DM people?", "am I permitted to…"): it frames what is asked about, and rules seldom say it
   * ("No cheats"); 1: as any word.
   */
  permissionWeight: number;
  /** Whether an acronym also matches the capitalised words it stands for in the documents. */
  acronyms: boolean;
  /**
   * Whether "what is X?" ("what are Xs?", "what does X do?", "what counts as X?") puts first
   * the passage that introduces X, when X is all of a document's title or of a section
   * heading, or the passage of a paragraph that defines X in quotes (`"X" means…`).
   */
  definitions: boolean;
}

export const RANKING_DEFAULTS: Readonly<Ranking> = {
  k1: 1.2,
  b: 0.75,
  titleWeight: 1.5,
  minCoverage: 0.4,
  answerCoverage: 0.3,
  everydayMissing: 0.3,
  exactBonus: 0.5,
  headingBonus: 0.5,
  questionHeadingFactor: 2,
  coord: 0,
  codeWeight: 0.9,
  changeLogWeight: 0.8,
  keyShare: 0.7,
  aliasWeight: 0.9,
  contextWeight: 0.5,
  everydayContextWeight: 0.1,
  statedWeight: 0.5,
  typoWeight: 0.6,
  derivedWeight: 0.5,
  joinedWeight: 0.3,
  phrasalWeight: 0.9,
  phrasalVerbWeight: 0.5,
  permissionWeight: 0.5,
  acronyms: true,
  definitions: true,
};

/** Settings as given to an engine: any of them. */
export type RankingOptions = Partial<Ranking>;

/** The settings with the defaults filled in, keys in a fixed order (for the snapshot key). */
export function rankingOf(options: RankingOptions = {}): Ranking {
  const out = { ...RANKING_DEFAULTS } as Ranking;
  for (const key of Object.keys(RANKING_DEFAULTS) as (keyof Ranking)[]) {
    const value = options[key];
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}
