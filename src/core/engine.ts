/**
 * The search engine: builds passages and the BM25 index from a corpus, and answers
 * questions with a direct answer and cited excerpts, as plain data.
 */
import { createHash } from 'node:crypto';
import { findAcronyms, findTitleAcronyms } from './acronyms.js';
import { asksForWay, type ExpectedAnswer, expectedAnswer, holdsAnswer } from './asks.js';
import { ENDS_QUESTION } from './blocks.js';
import { Bm25Index, buildIndex, buildPostings, type Concept, type Hit } from './bm25.js';
import type { Corpus } from './corpus.js';
import { derivedTerms, sortedWords } from './derived.js';
import { resolveDocument } from './documents.js';
import { CoreError } from './errors.js';
import { directAnswer, excerpt, type Mark, type Snippet, termWeights } from './excerpt.js';
import { corpusLanguages, SAMPLE_CHARS } from './languages.js';
import { cutText, duplicateKey, matchText, questionLines } from './normalize.js';
import type { ParagraphKind } from './passages.js';
import {
  type AliasGroup,
  type Correction,
  compileAliases,
  definitionSubject,
  type ParsedQuestion,
  parseQuestion,
  type Vocabulary,
} from './query.js';
import { type Ranking, type RankingOptions, rankingOf } from './ranking.js';
import { isBody, type Span, sameSection, spanParts, spanText } from './sections.js';
import { runSteps, runStepsAsync } from './steps.js';
import { DEFINES, DEFINES_WITHIN, headingKey, headingSubject, titleName } from './subjects.js';
import { bulk, LETTER_OR_DIGIT, TermEncoder, terms, words } from './tokenizer.js';
import { TYPO_BUDGET, TypoIndex } from './typo.js';
import {
  type Assembled,
  assemble,
  type Dictionary,
  dictionaryOf,
  encodedOf,
  type FileUnit,
  unitSteps,
  vocabularyOf,
} from './units.js';

/** Longest question, in characters, that is read; the rest is ignored. */
export const MAX_QUESTION_LENGTH = 500;
export const DEFAULT_LIMIT = 3;
export const MAX_LIMIT = 10;

export interface DocumentInfo {
  /** Path relative to the seeds folder. */
  source: string;
  title: string;
  /** The title is one the document gives (a heading, a headline, front matter), not a stand-in. */
  explicitTitle?: true;
  url?: string;
  /** Its front matter `slug` (Docusaurus, Hugo): its page's address on a docs site (see documentUrl). */
  slug?: string;
  /** Paragraphs in the file, headings and headline included. */
  paragraphs: number;
  words: number;
  /** A hash of the file's bytes (tells changed files apart on a reload). */
  hash: string;
}

export interface Paragraph {
  /** Index into documents. */
  doc: number;
  source: string;
  title: string;
  /** The headings it sits under, outermost first. */
  section?: string[];
  /** The anchor of its innermost heading. */
  anchor?: string;
  /** Paragraphs with the same group travel together in one passage. */
  group?: number;
  /** A code block's language as its fence names it (`js`), when it does. */
  lang?: string;
  /** 1-based paragraph number in its file. */
  paragraph: number;
  text: string;
  kind: ParagraphKind;
}

export interface Citation {
  source: string;
  title: string;
  /** The section path, `Server options › maxRetries`. */
  section?: string;
  /** A link to the document (and the section) when the document's address is known. */
  url?: string;
  /** 1-based number of the passage's first paragraph in its file. */
  paragraph: number;
  /** The passage's last paragraph, when it spans several. */
  through?: number;
}

/** Characters [start, end) of a text that are code, and the code's language when known. */
export type CodeRange = [start: number, end: number, lang?: string];

export interface DirectAnswer extends Citation {
  text: string;
  marks: Mark[];
}

export interface Result extends Citation {
  /** The whole passage as a reader sees it (its paragraphs, one per line). */
  text: string;
  /**
   * Where `text` holds code (a code block's lines), as [start, end) ranges, each with the
   * block's language when its fence names one (`[0, 24, "bash"]`); absent when none.
   */
  code?: CodeRange[];
  /**
   * When the passage is a window of a long paragraph (see sections.ts windows): the whole
   * paragraph, where `text` lies in it, whether it is code, and its language. Absent otherwise.
   */
  paragraphText?: { text: string; start: number; end: number; code: boolean; lang?: string };
  /** The best sentence window of the passage. */
  excerpt: string;
  /** Matched words in the excerpt, as [start, end) character ranges. */
  marks: Mark[];
  score: number;
}

export interface Answer {
  question: string;
  answer: DirectAnswer | null;
  results: Result[];
  /** Words of the question found nowhere in the corpus. */
  notFound: string[];
  /**
   * What the question asks for, as the index reads it: the terms of its concepts (after
   * stemming, aliases and typo correction) and of the words the documents lack, sorted. Two
   * wordings of one question share it ("Where can I park?", "parking?").
   */
  need: string[];
  /** Unknown words matched to close corpus words. */
  corrections: Correction[];
  /**
   * Why there are no results: the question had only common words (`no-terms`), none of its
   * words is in the documents (`not-found`), or too little of it is (`weak`: the words found
   * weigh less than minCoverage of the question, even with the everyday words it lacks counting
   * less), or the document the question was limited to (`source`) holds none of it
   * (`not-in-source`: other documents may).
   */
  empty: 'no-terms' | 'not-found' | 'weak' | 'not-in-source' | null;
  /**
   * Why there are results but no direct answer — they are only related: a word of the question
   * is nowhere in the documents (`missing`: see notFound), or the best passage holds too little
   * of the question (`partial`: less than answerCoverage of it, or the documents hold enough of
   * it only when the everyday words they lack count less).
   */
  related: 'missing' | 'partial' | null;
  /** How much of the question the best passage holds (0–1; missing words count against it). */
  coverage: number;
  /** Passages searched. */
  searched: number;
  /** Time taken, in milliseconds. */
  tookMs: number;
}

/** See Answer.need: a concept counts by its first way to match; words not found by their terms. */
function needOf(parsed: ParsedQuestion): string[] {
  const need = new Set<string>();
  for (const c of parsed.concepts) {
    if (c.optional || c.phrasing) continue;
    const first = c.alternatives[0];
    if (first) need.add(first.terms.join(' '));
  }
  for (const word of parsed.notFound) for (const t of terms(word)) need.add(t);
  return [...need].sort();
}

export interface AnswerOptions {
  /** How many excerpts, 1 to 10. Default 3. */
  limit?: number;
  /** Only this document: its file name, path or title (see resolveSource). */
  source?: string;
}

/** Ranking settings (see ranking.ts for each one and its default). */
export type EngineOptions = RankingOptions;

/** See Engine.prepare. */
export interface Prepared {
  vocabulary: Map<string, string>;
  typos: TypoIndex;
}

const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

/** Whether the character ending (`before`) or starting at `i` is a letter or a digit. */
function wordCharAt(text: string, i: number, before: boolean): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  const pair = before && c >= 0xdc00 && c <= 0xdfff && i > 0;
  const high = pair ? text.charCodeAt(i - 1) : 0;
  const at = pair && high >= 0xd800 && high <= 0xdbff ? i - 1 : i;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(at) as number));
}

/**
 * Whether `word` (letters and digits) is a whole word of `text` (as matchText gives it): found
 * with no letter or digit either side. The same as splitting the text at everything that is
 * not a letter or a digit and looking the word up, without building every word of the text.
 */
function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!wordCharAt(text, at - 1, true) && !wordCharAt(text, at + word.length, false)) return true;
  }
  return false;
}

/** Everything an engine is made of: what a build computes and a snapshot stores. */
export interface EngineParts {
  documents: DocumentInfo[];
  paragraphs: Paragraph[];
  /** The indexed passages (see sections.ts): first and last paragraph, and a window's range. */
  spans: Spans;
  index: Bm25Index;
  /** Written corpus word → its term (for typo tolerance and suggestions). */
  vocabulary: Map<string, string>;
  aliases: string[][];
  options: EngineOptions;
  /** Every file's unit and their dictionary, for the next build to reuse (see units.ts). */
  files?: { units: FileUnit[]; dictionary: Dictionary; keptWords: number };
}

/** Passages as columns: passage i is spans.first[i]..spans.last[i], or a window when end[i] > 0. */
export interface Spans {
  first: Uint32Array;
  last: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
}

/**
 * Cuts a parsed corpus into passages and encodes them, in this thread: headings, titles and
 * questions give context (the title field), not passages; near-duplicates are indexed once
 * (citations point at the first occurrence); long paragraphs become sentence windows.
 */
function* prepareSteps(corpus: Corpus): Generator<void, Assembled> {
  // The tokenizer's caches are sized to the corpus while it is encoded, and emptied after.
  const end = bulk(corpus.files.reduce((n, f) => n + f.bytes, 0));
  try {
    const encoder = new TermEncoder();
    const units: FileUnit[] = [];
    for (const file of corpus.files) units.push(yield* unitSteps(file, file.hash, encoder));
    return assemble(units, dictionaryOf(encoder));
  } finally {
    end();
  }
}

/**
 * A heading that is a version and nothing else, but a date: `1.4.0 - 2016-10-09`, `[2.0.0]`,
 * `Version 11.12`, `Release v2.0`, `v4.0.0-beta.1 (May 30, 2026)`, `4.2.0 (2020/01/01)`. A
 * number of two parts needs a `v`, "version" or "release" before it or a date after it: `1.1`
 * and `3.4. Notices` are numbered sections.
 */
const VERSION_HEADING =
  /^[\W_]{0,3}(?:(?:(?:version|release)\s+v?|v)\d+(?:\.\d+){1,3}|\d+(?:\.\d+){2,3}|\d+\.\d+(?=[\W_]+(?:\d{4}|\p{L}+\s+\d)))(?:-\w+(?:\.\w+)*)?[\W_]*(?:(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}\s+\p{L}+\s+\d{4}|\p{L}+\s+\d{1,2},?\s+\d{4}|unreleased)[\W_]*)?$/iu;
/** A file named as a change log: `CHANGELOG.md`, `CHANGELOG-2.x.md`, `RELEASE_NOTES.md`. */
const CHANGE_LOG_FILE = /(?:^|\/)(?:change[-_ ]?log|release[-_ ]?notes)(?:[-_.][^/]*)?$/i;
/**
 * A file whose name may be a change log's (`CHANGES.rst`, `HISTORY.md`, `NEWS`) or something
 * else (a page on the project's history, its news): one when it has version headings too.
 */
const CHANGE_LOG_NAME = /(?:^|\/)(?:changes|history|news)(?:\.[^/]*)?$/i;

export class Engine {
  readonly documents: DocumentInfo[];
  readonly paragraphs: Paragraph[];
  /** Passages indexed (sections, paragraphs and windows of long ones, duplicates left out). */
  readonly passageCount: number;
  readonly parts: EngineParts;
  /** Where a document's file can be read: joined with its path (see documentUrl). */
  sourcesBaseUrl: string | undefined;
  private readonly spans: Spans;
  private readonly index: Bm25Index;
  private readonly vocabulary: Vocabulary;
  private readonly aliases: AliasGroup[];
  /** Every ranking setting, defaults filled in. */
  readonly ranking: Ranking;
  private documentsTag: string | undefined;
  /** The words of each innermost heading (each as its ways to match), for the heading bonus (see headingMatch). */
  private readonly headingWords = new Map<string, string[][][]>();
  /** Per document limited to, its passages indexed at an earlier copy (see copiesIn). */
  private readonly copies = new Map<number, Map<number, Span>>();
  /** Each unit's passages as indexed passage ids (see keptIdsOf), worked out on first use. */
  private keptIds: Int32Array[] | undefined;
  /** The heading of each document's introduction (see introHeading), worked out on first use. */
  private introHeadings: Map<number, string> | undefined;
  /** Each document's title as terms, read when a title's acronym is asked (see titleHolds). */
  private titleTerms: Map<number, Set<string>> | undefined;
  /** The documents that are change logs (see isChangeLog). */
  private changeLogs: Set<number> | undefined;
  /** The passages that introduce each title and heading, by its terms (see preferDefinition). */
  private introductions: Map<string, { passage: number; title: boolean }[]> | undefined;

  /** `typos`: the typo index of `parts.vocabulary`, when made already (see prepare). */
  constructor(parts: EngineParts, typos: TypoIndex = new TypoIndex(parts.vocabulary.keys())) {
    this.parts = parts;
    this.documents = parts.documents;
    this.paragraphs = parts.paragraphs;
    this.spans = parts.spans;
    this.passageCount = parts.spans.first.length;
    this.index = parts.index;
    const index = this.index;
    const written = parts.vocabulary;
    const sorted = lazy(() => sortedWords(index.terms));
    const acronyms = lazy(() => findAcronyms(this.paragraphs, this.documents));
    const titleAcronyms = lazy(() => findTitleAcronyms(this.documents));
    const languages = lazy(() => corpusLanguages(documentSamples(this.paragraphs)));
    this.vocabulary = {
      languages,
      expansion: (acronym) => acronyms().get(acronym),
      titleExpansion: (acronym) => titleAcronyms().get(acronym),
      has: (term) => index.has(term),
      df: (term) => index.df(term),
      derived: (term) => derivedTerms(sorted(), term, (t) => index.df(t)),
      termOf: (word) => written.get(word),
      typos,
    };
    this.aliases = compileAliases(parts.aliases);
    this.ranking = rankingOf(parts.options);
  }

  /** Builds an engine from a parsed corpus in this thread (small corpora, tests). */
  static create(corpus: Corpus, options: EngineOptions = {}): Engine {
    const p = runSteps(prepareSteps(corpus));
    const encoded = encodedOf(p);
    const index = new Bm25Index(p.spans.first.length, encoded.terms, buildPostings(encoded, options));
    return Engine.fromAssembled(p, index, corpus.aliases, options);
  }

  /**
   * Builds an engine from a parsed corpus, pausing now and then (a server keeps answering), the
   * index on a worker thread when the corpus is large. For a seeds folder, openSeeds is faster:
   * it tokenises on every core and reuses unchanged files.
   */
  static async build(
    corpus: Corpus,
    options: EngineOptions = {},
    { progress }: { progress?: (added: number, total: number) => void } = {},
  ): Promise<Engine> {
    const p = await runStepsAsync(prepareSteps(corpus));
    const size = p.spans.first.length;
    const index = await buildIndex(encodedOf(p), options, (added) => progress?.(added, size));
    return Engine.fromAssembled(p, index, corpus.aliases, options);
  }

  /**
   * What an engine of joined file units works out from them alone, its written words and their
   * typo index: a build makes it while the index is built.
   */
  static prepare(p: Assembled): Prepared {
    const vocabulary = vocabularyOf(p.dictionary, p.keptWords);
    return { vocabulary, typos: new TypoIndex(vocabulary.keys()) };
  }

  /** The engine of joined file units and their index (see build.ts). */
  static fromAssembled(
    p: Assembled,
    index: Bm25Index,
    aliases: string[][],
    options: EngineOptions,
    prepared: Prepared = Engine.prepare(p),
  ): Engine {
    // The encoded passages are the index's now: only the units are kept.
    return new Engine(
      {
        documents: p.documents,
        paragraphs: p.paragraphs,
        spans: p.spans,
        index,
        vocabulary: prepared.vocabulary,
        aliases,
        options,
        files: { units: p.units, dictionary: p.dictionary, keptWords: p.keptWords },
      },
      prepared.typos,
    );
  }

  /** The document a name designates (see documents.ts). Throws CoreError otherwise. */
  resolveSource(name: string): DocumentInfo {
    return resolveDocument(this.documents, name);
  }

  /**
   * A short tag of what this engine answers from (the documents' paths and contents, the
   * aliases, the ranking settings): an answer's buttons carry it, so a page asked, or a vote
   * cast, after any of them changed (a reload, an edit of aliases.txt) can say so.
   */
  get tag(): string {
    this.documentsTag ??= createHash('sha1')
      .update(this.documents.map((d) => `${d.source}\n${d.hash}`).join('\n'))
      .update(`\0${JSON.stringify(this.parts.aliases)}\0${JSON.stringify(this.ranking)}`)
      .digest('base64url')
      .slice(0, 8);
    return this.documentsTag;
  }

  answer(question: string, options: AnswerOptions = {}): Answer {
    const started = performance.now();
    const q = cutText(question, MAX_QUESTION_LENGTH).trim();
    // Read as its message carries it (see questionLines): a button asking it again gets the same.
    const read = questionLines(q);
    if (!read) throw new CoreError('EMPTY_QUESTION', 'the question is empty: type what you want to know');
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new CoreError('BAD_OPTION', `limit must be a whole number from 1 to ${MAX_LIMIT}, not ${limit}`);
    }
    const doc =
      options.source === undefined ? undefined : this.documents.indexOf(this.resolveSource(options.source));

    const parsed = parseQuestion(read, this.vocabulary, this.aliases, this.ranking);
    const base = {
      question: q,
      notFound: parsed.notFound,
      corrections: parsed.corrections,
      need: needOf(parsed),
      searched: this.passageCount,
    };
    if (parsed.concepts.length === 0) {
      return {
        ...base,
        answer: null,
        results: [],
        // Nothing lacking, nothing to look for: only words that phrase a question.
        empty: parsed.content.length === 0 || parsed.notFound.length === 0 ? 'no-terms' : 'not-found',
        related: null,
        coverage: 0,
        tookMs: performance.now() - started,
      };
    }
    // Enough of the question is in the documents when the words they lack count fully; when
    // only an everyday word missing at its own weight (everydayMissing) lets it pass, the
    // closest passages are shown, as related only.
    const { minCoverage, everydayMissing } = this.ranking;
    const enough = this.coverage(parsed.concepts, missingWeight(parsed.missing, 1)) >= minCoverage;
    const thin =
      !enough &&
      this.coverage(parsed.concepts, missingWeight(parsed.missing, everydayMissing)) >= minCoverage;
    if (!enough && !thin) {
      return {
        ...base,
        answer: null,
        results: [],
        empty: 'weak',
        related: null,
        coverage: 0,
        tookMs: performance.now() - started,
      };
    }
    // A passage the document repeats from an earlier file is indexed at that file's copy: it is
    // this document's too, shown at its own place in it.
    const copies = doc === undefined ? undefined : this.copiesIn(doc);
    const accept =
      doc === undefined
        ? undefined
        : (id: number) => this.paragraphs[this.firstOf(id)]?.doc === doc || copies?.has(id) === true;
    const spanOf = (id: number): Span => copies?.get(id) ?? this.span(id);
    // Several windows of one paragraph may hit: ask for enough to fill `limit` passages.
    const hits = this.preferDefinition(
      this.preferKeys(
        this.rerank(
          this.index.search(parsed.concepts, limit * 4 + 8, accept),
          parsed.changes,
          parsed.written,
          parsed.concepts,
        ),
        parsed.concepts,
      ),
      read,
      accept,
    );
    const weights = termWeights(parsed.concepts, (t) => this.index.idf(t));
    const results: Result[] = [];
    const shownHits: number[] = [];
    const shown = new Set<number>();
    const texts = new Set<string>();
    const shownSpans: Span[] = [];
    for (const hit of hits) {
      const span = spanOf(hit.id);
      const at = span.first;
      const text = spanText(this.paragraphs, span);
      const key = duplicateKey(text);
      // One result per paragraph: windows of one long paragraph show once.
      if (shown.has(at) || texts.has(key)) continue;
      shown.add(at);
      texts.add(key);
      shownHits.push(hit.id);
      shownSpans.push(span);
      const code = spanParts(this.paragraphs, span)
        .filter((p) => p.kind === 'code')
        .map((p): CodeRange => (p.lang ? [p.start, p.end, p.lang] : [p.start, p.end]));
      const whole = span.end > 0 ? this.paragraphs[span.first] : undefined;
      results.push(
        withExcerpt(
          {
            ...this.citationOf(span),
            text,
            ...(code.length > 0 ? { code } : {}),
            ...(whole
              ? {
                  paragraphText: {
                    text: whole.text,
                    start: span.start,
                    end: span.end,
                    code: whole.kind === 'code',
                    ...(whole.kind === 'code' && whole.lang ? { lang: whole.lang } : {}),
                  },
                }
              : {}),
          },
          Math.round(hit.score * 1000) / 1000,
          () => excerpt(text, weights),
        ),
      );
      if (results.length >= limit) break;
    }
    const top = results[0];
    // An honest answer: none when the best passage holds too little of the question, a missing
    // word counting against it (fully when it is what the question is about).
    let related: Answer['related'] = null;
    let held = 0;
    const asked = expectedAnswer(read);
    if (shownHits[0] !== undefined) {
      const best = shownHits[0];
      held = this.passageCoverage(
        parsed.concepts,
        best,
        missingWeight(parsed.missing, this.ranking.everydayMissing),
      );
      const lacksKey = !this.holdsKeys(parsed.concepts, best);
      if (parsed.missing.some((m) => m.specific)) related = 'missing';
      else if (
        thin ||
        lacksKey ||
        held < this.ranking.answerCoverage ||
        !(holdsAnswer(results[0]?.text ?? '', asked) || this.posesQuestion(parsed.concepts, best, asked)) ||
        !(this.textNames(parsed.concepts, best) || this.restatesHeading(parsed.concepts, best))
      )
        related = 'partial';
    }
    const answer =
      top && !related
        ? (() => {
            const a = directAnswer(top.text, weights, {
              way: asksForWay(read),
              parts: spanParts(this.paragraphs, shownSpans[0] as Span),
              term: this.paragraphs[(shownSpans[0] as Span).first]?.section?.at(-1),
            });
            // The citation of the top result, without working out its excerpt.
            return { ...this.citationOf(shownSpans[0] as Span), text: a.text, marks: a.marks };
          })()
        : null;
    return {
      ...base,
      answer,
      results,
      empty: results.length > 0 ? null : doc === undefined ? 'not-found' : 'not-in-source',
      related,
      coverage: Math.round(held * 1000) / 1000,
      tookMs: performance.now() - started,
    };
  }

  /**
   * The exact-word bonuses of a question: each word asked with its parts (`reply.send` is
   * `reply` and `send`) and exactBonus × its rarest term's idf. A word asked twice ("参 参
   * 参…") is one bonus, its values added, so each passage is looked at once for it.
   */
  private exactBonuses(
    written: readonly { word: string; terms: string[] }[],
  ): { parts: string[]; value: number }[] {
    const { exactBonus } = this.ranking;
    const byWord = new Map<string, { parts: string[]; value: number }>();
    if (exactBonus === 0) return [];
    for (const w of written) {
      const parts = w.word.split(WORD_SEPARATORS).filter(Boolean);
      const value =
        exactBonus *
        w.terms.reduce((best, t) => (this.index.has(t) ? Math.max(best, this.index.idf(t)) : best), 0);
      if (value <= 0 || parts.length === 0) continue;
      const key = parts.join(' ');
      const same = byWord.get(key);
      if (same) same.value += value;
      else byWord.set(key, { parts, value });
    }
    return [...byWord.values()];
  }

  /**
   * Re-ranks hits with a bonus for each question word found in the paragraph exactly as
   * written (`hosted` in "who hosted…" over `meet` for "meeting"): stems make words match,
   * the written form says which match is closer. Worth exactBonus × the word's idf.
   */
  private rerank(
    hits: Hit[],
    changes: boolean,
    written: readonly { word: string; terms: string[] }[],
    concepts: readonly Concept[],
  ): Hit[] {
    const { coord, codeWeight } = this.ranking;
    const changeLog = changes ? 1 : this.ranking.changeLogWeight;
    if (coord > 0) {
      // Passages that hold more of the question first: the score scaled by the share held.
      hits = hits.map((hit) => ({
        id: hit.id,
        score: hit.score * (1 - coord + coord * this.passageCoverage(concepts, hit.id, 0)),
      }));
    }
    const bonus = this.exactBonuses(written);
    const asked = this.ranking.headingBonus > 0 ? askedTerms(concepts) : undefined;
    if (bonus.length === 0 && !asked && codeWeight === 1 && changeLog === 1)
      return coord > 0 ? hits.sort((a, b) => b.score - a.score || a.id - b.id) : hits;
    return hits
      .map((hit) => {
        let score = hit.score;
        if (bonus.length > 0) {
          const text = matchText(this.passageText(hit.id));
          for (const b of bonus) if (b.parts.every((p) => hasWord(text, p))) score += b.value;
        }
        if (asked) score += this.headingMatch(hit.id, asked);
        if (codeWeight !== 1 && this.onlyCode(hit.id)) score *= codeWeight;
        if (changeLog !== 1 && this.isChangeLog(hit.id)) score *= changeLog;
        return { id: hit.id, score };
      })
      .sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /**
   * Whether a passage is in a change log: a file named as one (`CHANGELOG.md`,
   * `RELEASE_NOTES.md`), one named as one may be with two version headings at least
   * (`HISTORY.md`, `NEWS`, `CHANGES.rst`), or one whose headings are mostly versions
   * (`1.4.0 - 2016-10-09`, `Version 11.12.0`), at least three of them. Worked out once.
   */
  private isChangeLog(passage: number): boolean {
    if (!this.changeLogs) {
      const headings = new Map<number, Set<string>>();
      let last: string[] | undefined;
      for (const p of this.paragraphs) {
        if (!p.section || p.section === last) continue;
        last = p.section;
        const set = headings.get(p.doc) ?? new Set<string>();
        headings.set(p.doc, set);
        for (const h of p.section) set.add(h);
      }
      this.changeLogs = new Set();
      for (const [doc, info] of this.documents.entries()) {
        const all = [...(headings.get(doc) ?? [])];
        const versions = all.filter((h) => VERSION_HEADING.test(h)).length;
        if (
          CHANGE_LOG_FILE.test(info.source) ||
          (CHANGE_LOG_NAME.test(info.source) && versions >= 2) ||
          (versions >= 3 && versions * 2 >= all.length)
        )
          this.changeLogs.add(doc);
      }
    }
    return this.changeLogs.has((this.paragraphs[this.spans.first[passage] as number] as Paragraph).doc);
  }

  /** Whether a passage is code and nothing else. */
  private onlyCode(passage: number): boolean {
    const last = this.spans.last[passage] as number;
    for (let k = this.spans.first[passage] as number; k <= last; k++)
      if (this.paragraphs[k]?.kind !== 'code') return false;
    return true;
  }

  /**
   * A passage whose own heading the question restates ("Webpack Plugin" for "is there a plugin
   * for webpack?"): headingBonus × the idf of the heading's words the question has × the share
   * of the heading they make up. The innermost heading only: a section's parents are shared by
   * all its passages and say nothing about which one answers. A passage before the first
   * section of a document that has sections sits under the document's title, its own heading
   * ("Client certificate" over its introduction); in a document without sections the title is
   * every passage's and says nothing either.
   */
  private headingMatch(passage: number, asked: ReadonlyMap<string, number>): number {
    const p = this.paragraphs[this.spans.first[passage] as number] as Paragraph;
    const leaf = p.section?.at(-1) ?? this.introHeading(p.doc);
    if (!leaf) return 0;
    const heading = this.headingWordsOf(leaf);
    if (heading.length === 0) return 0;
    let value = 0;
    let matched = 0;
    // A word of the heading counts once, by its best reading (`WebSocket` whole, or `web`
    // and `socket`): the heading's share is of its words, not of the terms they give.
    for (const alternatives of heading) {
      let best = 0;
      for (const ts of alternatives) {
        let v = 0;
        for (const t of ts) {
          const w = asked.get(t);
          if (w !== undefined && this.index.has(t)) v += w * this.index.idf(t);
        }
        best = Math.max(best, v);
      }
      if (best === 0) continue;
      matched++;
      value += best;
    }
    // One shared word of a longer heading is chance, not a restatement.
    if (matched === 0 || (matched === 1 && heading.length > 1)) return 0;
    // A FAQ's question the question restates whole, three words or more: the documents pose
    // it themselves (a shorter one, "Who's using dotenv?", is restated by chance).
    const posed =
      matched === heading.length && heading.length >= POSED_MIN_WORDS && ENDS_QUESTION.test(leaf)
        ? this.ranking.questionHeadingFactor
        : 1;
    return (posed * this.ranking.headingBonus * value * matched) / heading.length;
  }

  /**
   * The heading of a document's introduction: its title, when the document has sections and the
   * title is one it gives (a heading, a headline, front matter), not its first sentence or its
   * file name standing in for one.
   */
  private introHeading(doc: number): string | undefined {
    if (!this.introHeadings) {
      this.introHeadings = new Map();
      for (const p of this.paragraphs)
        if (p.section?.length && this.documents[p.doc]?.explicitTitle) this.introHeadings.set(p.doc, p.title);
    }
    return this.introHeadings.get(doc);
  }

  /**
   * Whether a passage's own text (not its headings) holds a word the question asks with: a
   * passage that matches only by part of the heading above it ("what is the fine for breaking
   * the code of conduct?" against "What is the code of conduct for the mailing lists?" over
   * "for notes on reporting bugs.") says nothing of what was asked. (One whose whole heading
   * the question restates answers it: see restatesHeading.)
   */
  private textNames(concepts: readonly Concept[], passage: number): boolean {
    const own = new Set(terms(this.passageText(passage)));
    return concepts.some(
      (c) =>
        !c.optional &&
        !c.context &&
        c.alternatives.some((a) => a.weight > 0 && a.terms.every((t) => own.has(t))),
    );
  }

  /** A heading's words, each as its readings' terms (see headingMatch). */
  private headingWordsOf(heading: string): string[][][] {
    // Read once per heading (there are no more than the documents have), not on every question.
    let read = this.headingWords.get(heading);
    if (!read) {
      // An option's short form beside its long one (`-r, --release`) is no word a question
      // restates: restating `--release` is restating the heading.
      read = words(headingSubject(heading) || heading, false)
        .filter((w) => !SHORT_OPTION.test(w.written))
        .map((w) => w.alternatives);
      this.headingWords.set(heading, read);
    }
    return read;
  }

  /** Whether the question holds every word of a passage's own heading ("what is the code of conduct?"). */
  private restatesHeading(concepts: readonly Concept[], passage: number): boolean {
    const p = this.paragraphs[this.spans.first[passage] as number] as Paragraph;
    const leaf = p.section?.at(-1);
    if (!leaf) return false;
    const asked = askedTerms(concepts);
    const heading = this.headingWordsOf(leaf);
    return (
      heading.length > 0 &&
      heading.every((alternatives) => alternatives.some((ts) => ts.every((t) => asked.has(t))))
    );
  }

  /**
   * Whether the documents pose the question themselves: the passage is the answer under a
   * question heading (a FAQ's "When is the next update?") that the question restates. What it
   * says is their answer, with or without the number or time the question asks for ("There is
   * no fixed schedule"), when the heading asks for the same (a "when" for a "when": "how much
   * does the helper role cost?" is not posed by "How do I get the helper role?").
   */
  private posesQuestion(concepts: readonly Concept[], passage: number, asked: ExpectedAnswer): boolean {
    const p = this.paragraphs[this.spans.first[passage] as number] as Paragraph;
    const leaf = p.section?.at(-1);
    return (
      leaf !== undefined &&
      ENDS_QUESTION.test(leaf) &&
      sameKind(expectedAnswer(leaf), asked) &&
      this.restatesHeading(concepts, passage)
    );
  }

  /**
   * Whether a passage holds every key concept of the question (a name, a number, an acronym),
   * a number written onto a word as it is written (`HTTP/2`, not HTTP and a 2 apart).
   */
  private holdsKeys(concepts: readonly Concept[], passage: number): boolean {
    let text: string | undefined;
    const compared = (): string => {
      if (text === undefined) text = matchText(this.passageText(passage));
      return text;
    };
    return concepts.every(
      (c) =>
        !c.key ||
        (c.form
          ? c.form.test(compared())
          : c.alternatives.some((a) =>
              a.title !== undefined
                ? this.titleHolds(a.terms, passage) || compared().includes(matchText(a.title))
                : a.terms.every((t) => this.index.holds(t, passage)),
            )),
    );
  }

  /** Whether the title of a passage's document has every one of `named`. */
  private titleHolds(named: readonly string[], passage: number): boolean {
    const doc = (this.paragraphs[this.spans.first[passage] as number] as Paragraph).doc;
    this.titleTerms ??= new Map();
    let title = this.titleTerms.get(doc);
    if (!title) {
      title = new Set(terms(this.documents[doc]?.title ?? ''));
      this.titleTerms.set(doc, title);
    }
    return named.every((t) => (title as Set<string>).has(t));
  }

  /**
   * A passage that names what the question is about goes first: when the best hit lacks a key
   * concept and one of the next few, scoring at least keyShare of it, has them all, it goes first.
   */
  private preferKeys(hits: Hit[], concepts: readonly Concept[]): Hit[] {
    const top = hits[0];
    if (!top || !concepts.some((c) => c.key) || this.holdsKeys(concepts, top.id)) return hits;
    const at = hits.findIndex(
      (h, i) =>
        i > 0 && i < 5 && h.score >= this.ranking.keyShare * top.score && this.holdsKeys(concepts, h.id),
    );
    if (at < 0) return hits;
    const out = [...hits];
    const [found] = out.splice(at, 1);
    // It ranks first: its score just above the one it overtakes, so scores stay in order.
    out.unshift({ id: (found as Hit).id, score: top.score + 0.001 });
    return out;
  }

  /**
   * "What is X?" when X is all of a document's title or of a section heading: the passage that
   * introduces it goes first (the opening of the document's introduction, the section's first
   * passage), whether it ranked or not — "what is a ProxyAgent?" is answered by `Class: ProxyAgent`'s opening line,
   * not by an option that names it three times. A document's title wins over a section's
   * heading; among several, the one ranked highest, else the first.
   */
  private preferDefinition(hits: Hit[], question: string, accept?: (id: number) => boolean): Hit[] {
    if (!this.ranking.definitions) return hits;
    const subject = definitionSubject(question);
    const key = subject === undefined ? '' : headingKey(subject);
    if (!key) return hits;
    const targets = this.introductionsOf().get(key);
    if (!targets) return hits;
    const rank = (id: number) => {
      const i = hits.findIndex((h) => h.id === id);
      return i < 0 ? hits.length : i;
    };
    let best: { passage: number; title: boolean } | undefined;
    for (const t of targets) {
      if (accept && !accept(t.passage)) continue;
      if (
        !best ||
        (t.title && !best.title) ||
        (t.title === best.title && rank(t.passage) < rank(best.passage))
      )
        best = t;
    }
    if (!best || hits[0]?.id === best.passage) return hits;
    const chosen = best.passage;
    return [{ id: chosen, score: (hits[0]?.score ?? 0) + 0.001 }, ...hits.filter((h) => h.id !== chosen)];
  }

  /** See preferDefinition: one pass over the paragraphs, on the first question that needs it. */
  private introductionsOf(): Map<string, { passage: number; title: boolean }[]> {
    if (this.introductions) return this.introductions;
    const out = new Map<string, { passage: number; title: boolean }[]>();
    // The passage that starts at each paragraph (-1: none).
    const starts = new Int32Array(this.paragraphs.length).fill(-1);
    for (let id = this.passageCount - 1; id >= 0; id--) starts[this.firstOf(id)] = id;
    // The first passage that holds each paragraph (-1: none, a duplicate indexed elsewhere).
    const holders = new Int32Array(this.paragraphs.length).fill(-1);
    for (let id = this.passageCount - 1; id >= 0; id--)
      for (let k = this.spans.first[id] as number; k <= (this.spans.last[id] as number); k++) holders[k] = id;
    // Headings repeat ("Example", "Options"): each is read once.
    const keys = new Map<string, string>();
    const add = (heading: string, passage: number, title: boolean) => {
      let key = keys.get(heading);
      if (key === undefined) {
        key = headingKey(heading);
        keys.set(heading, key);
      }
      if (!key) return;
      const list = out.get(key);
      if (list) list.push({ passage, title });
      else out.set(key, [{ passage, title }]);
    };
    let prev: Paragraph | undefined;
    let pending = false; // the section has had no body paragraph yet
    this.paragraphs.forEach((p, i) => {
      if (p.doc !== prev?.doc) {
        const passage = this.introPassage(i, starts);
        if (passage >= 0) {
          add(p.title, passage, true);
          const name = titleName(p.title);
          if (name) add(name, passage, true);
        }
      }
      if (!prev || !sameSection(p, prev)) pending = (p.section?.length ?? 0) > 0;
      prev = p;
      // A section's first body paragraph opens it; a duplicate indexed elsewhere does not.
      const leaf = p.section?.at(-1);
      if (pending && leaf !== undefined && isBody(p.kind)) {
        pending = false;
        const passage = starts[i] as number;
        if (passage >= 0) add(leaf, passage, false);
      }
      // A paragraph that defines a term in quotes (`"Standard Version" refers to…`, `A
      // "Transparent" copy of the Document means…`) introduces it, as a heading would: the
      // passage that holds it (a short section's passage holds all its definitions).
      const holder = holders[i] as number;
      if (holder >= 0 && isBody(p.kind)) {
        const d = DEFINES.exec(p.text.slice(0, DEFINES_WITHIN));
        // `The "foo" option is deprecated` says something of the term, it does not define it:
        // `is` defines only right after the quotes.
        const more = d?.[2]?.trim();
        if (d && !(more && d[3] === 'is')) {
          add(d[1] as string, holder, false);
          if (more) add(`${d[1]} ${more}`, holder, false);
        }
      }
    });
    this.introductions = out;
    return out;
  }

  /**
   * The passage that opens a document's introduction (the body text before its first section):
   * -1 when there is none, or when its first paragraph is a duplicate indexed elsewhere.
   */
  private introPassage(from: number, starts: Int32Array): number {
    const doc = this.paragraphs[from]?.doc;
    for (let i = from; i < this.paragraphs.length; i++) {
      const p = this.paragraphs[i] as Paragraph;
      if (p.doc !== doc || p.section?.length) break;
      if (isBody(p.kind)) return starts[i] as number;
    }
    return -1;
  }

  /**
   * How much of the question the corpus covers: the idf mass of the found concepts over the
   * mass of all of them, an unknown word weighing as much as a term no passage has.
   */
  private coverage(concepts: readonly Concept[], unknown: number): number {
    let found = 0;
    for (const c of concepts) {
      if (c.optional || c.context) continue;
      let best = 0;
      for (const a of c.alternatives) {
        for (const t of a.terms) if (this.index.has(t)) best = Math.max(best, a.weight * this.index.idf(t));
      }
      found += best;
    }
    const total = found + unknown * this.index.idf('');
    return total > 0 ? found / total : 0;
  }

  /**
   * How much of the question one passage holds: the idf mass of the concepts it matches (with
   * its best alternative, all of a phrase) over the mass of all the question's concepts. Context
   * (see contextWords) is left out: it ranks, but a passage that lacks it may still answer.
   */
  private passageCoverage(concepts: readonly Concept[], passage: number, missing: number): number {
    let held = 0;
    let total = missing * this.index.idf('');
    for (const c of concepts) {
      if (c.optional || c.context) continue;
      let worth = 0;
      let best = 0;
      const rarity = this.index.rarity(c);
      for (const a of c.alternatives) {
        let value = 0;
        const scale = rarity.get(a) ?? 1;
        for (const t of a.terms)
          if (this.index.has(t)) value = Math.max(value, a.weight * scale * this.index.idf(t));
        worth = Math.max(worth, value);
        if (value > best && a.terms.every((t) => this.index.holds(t, passage))) best = value;
      }
      held += best;
      total += worth;
    }
    return total > 0 ? held / total : 0;
  }

  /**
   * Words of the documents close to the words a question did not find (up to two edits,
   * three from 8 letters), for "did you mean" hints; document titles when none is close.
   */
  suggest(notFound: readonly string[], max = 5): string[] {
    const out = new Set<string>();
    const budget = { left: TYPO_BUDGET.question };
    for (const word of notFound) {
      if (word.length < 3 || !/^\p{L}+$/u.test(word)) continue;
      for (const near of this.vocabulary.typos.nearest(word, word.length >= 8 ? 3 : 2, budget)) {
        out.add(near);
        if (out.size >= max) return [...out];
      }
    }
    if (out.size === 0) for (const d of this.documents.slice(0, max)) out.add(d.title);
    return [...out].slice(0, max);
  }

  /** The index of a passage's first paragraph. */
  private firstOf(passage: number): number {
    return this.spans.first[passage] as number;
  }

  private span(passage: number): Span {
    return {
      first: this.spans.first[passage] as number,
      last: this.spans.last[passage] as number,
      start: this.spans.start[passage] as number,
      end: this.spans.end[passage] as number,
    };
  }

  /** A passage's text as shown. */
  passageText(passage: number): string {
    return spanText(this.paragraphs, this.span(passage));
  }

  /**
   * The passages of document `doc` indexed at an earlier file's copy (a near-duplicate is
   * indexed once, at its first occurrence): the indexed passage's id → this document's own span.
   * Worked out when a question is first limited to the document (a scan of the passages'
   * duplicate hashes), kept for a few documents.
   */
  private copiesIn(doc: number): Map<number, Span> {
    let copies = this.copies.get(doc);
    if (copies) return copies;
    copies = new Map();
    const units = this.parts.files?.units;
    const unit = units?.[doc];
    if (units && unit) {
      const kept = this.keptIdsOf(units);
      const base = this.paragraphBase(units);
      const key = (u: number, p: number) => {
        const f = units[u] as FileUnit;
        return duplicateKey(spanText(f.paragraphs, unitSpan(f, p)));
      };
      // This document's passages indexed elsewhere, by their hash.
      const wanted = new Map<number, number[]>();
      for (let p = 0; p < unit.dupes.length; p++) {
        if (((kept[doc] as Int32Array)[p] as number) >= 0) continue;
        const h = unit.dupes[p] as number;
        const list = wanted.get(h);
        if (list) list.push(p);
        else wanted.set(h, [p]);
      }
      // (A repeat within the document itself is indexed at its first copy, in the document.)
      for (let u = 0; u < doc && wanted.size > 0; u++) {
        const other = units[u] as FileUnit;
        const ids = kept[u] as Int32Array;
        for (let q = 0; q < other.dupes.length; q++) {
          const id = ids[q] as number;
          const ps = id >= 0 ? wanted.get(other.dupes[q] as number) : undefined;
          if (!ps || copies.has(id)) continue;
          const at = ps.findIndex((p) => key(doc, p) === key(u, q));
          if (at < 0) continue;
          const own = unitSpan(unit, ps[at] as number);
          const b = base[doc] as number;
          copies.set(id, { ...own, first: own.first + b, last: own.last + b });
        }
      }
    }
    if (this.copies.size >= 32) this.copies.clear();
    this.copies.set(doc, copies);
    return copies;
  }

  /** Each unit's passages as indexed passage ids (-1: indexed at an earlier copy). */
  private keptIdsOf(units: readonly FileUnit[]): Int32Array[] {
    if (this.keptIds) return this.keptIds;
    const base = this.paragraphBase(units);
    const out = units.map((u) => new Int32Array(u.dupes.length).fill(-1));
    // The indexed passages are the units' own, in file order: matched by their spans.
    let k = 0;
    for (let u = 0; u < units.length && k < this.passageCount; u++) {
      const unit = units[u] as FileUnit;
      for (let p = 0; p < unit.dupes.length && k < this.passageCount; p++) {
        const s = unitSpan(unit, p);
        const b = base[u] as number;
        if (
          this.spans.first[k] === s.first + b &&
          this.spans.last[k] === s.last + b &&
          this.spans.start[k] === s.start &&
          this.spans.end[k] === s.end
        )
          (out[u] as Int32Array)[p] = k++;
      }
    }
    this.keptIds = out;
    return out;
  }

  /** Where each unit's paragraphs start among the engine's. */
  private paragraphBase(units: readonly FileUnit[]): number[] {
    const base: number[] = [];
    let n = 0;
    for (const unit of units) {
      base.push(n);
      n += unit.paragraphs.length;
    }
    return base;
  }

  /** Where a span of paragraphs is: document, section, paragraphs, link. */
  private citationOf(span: Span): Citation {
    const p = this.paragraphs[span.first] as Paragraph;
    let through = p.paragraph;
    for (let i = span.last; i > span.first; i--) {
      const q = this.paragraphs[i] as Paragraph;
      if (isBody(q.kind)) {
        through = q.paragraph;
        break;
      }
    }
    const url = this.documentUrl(this.documents[p.doc] as DocumentInfo, p.anchor);
    return {
      source: p.source,
      title: p.title,
      ...(p.section?.length ? { section: p.section.join(' \u203A ') } : {}),
      ...(url ? { url } : {}),
      paragraph: p.paragraph,
      ...(through > p.paragraph ? { through } : {}),
    };
  }

  /**
   * A document's address: its front matter `url`, else sourcesBaseUrl joined with its path
   * (`{path}` in the base is replaced by the path, `{name}` by the path without extension, or,
   * on such a docs site, by where its front matter `slug` puts the page: `/start` from the
   * site's docs root, `start` in place of the file's name); with `#anchor` when given, unless
   * the page is itself a route after the `#` (`#/guide`, a single-page site): the link then goes
   * to the page. Undefined when neither is known.
   */
  documentUrl(document: DocumentInfo, anchor?: string): string | undefined {
    const base = this.sourcesBaseUrl;
    let url = webAddress(document.url, base);
    if (!url && base) {
      const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
      const path = encode(document.source);
      let name = path.replace(/\.[^./]*$/, '');
      const slug = document.slug;
      if (slug !== undefined)
        name = slug.startsWith('/')
          ? encode(slug.replace(/^\/+/, ''))
          : `${name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : ''}${encode(slug)}`;
      url = /\{(?:path|name)\}/.test(base)
        ? base.replaceAll('{path}', path).replaceAll('{name}', name)
        : `${base.replace(/\/+$/, '')}/${path}`;
    }
    if (!url || !/^https?:\/\//i.test(url)) return undefined;
    if (!anchor || /#!?\//.test(url)) return url;
    return `${url.replace(/#.*$/, '')}#${encodeURIComponent(anchor)}`;
  }
}

/**
 * A front matter `url:` as an address to link: an http(s) address as it is; one from the site's
 * root (`/guides/mooring/`, as Hugo writes it) on the docs site of a `{name}` base; anything else
 * (`javascript:`, a relative path) none, so the base joined with the file's path links it.
 */
function webAddress(url: string | undefined, base: string | undefined): string | undefined {
  if (!url) return undefined;
  if (/^https?:\/\//i.test(url)) return url;
  if (!base?.includes('{name}') || !url.startsWith('/') || url.startsWith('//')) return undefined;
  try {
    return new URL(url, new URL(base.replaceAll('{name}', 'x')).origin).href;
  } catch {
    return undefined;
  }
}

/** A unit's passage `p` as a span of its own paragraphs. */
function unitSpan(unit: FileUnit, p: number): Span {
  return {
    first: unit.spans.first[p] as number,
    last: unit.spans.last[p] as number,
    start: unit.spans.start[p] as number,
    end: unit.spans.end[p] as number,
  };
}

/** Whether two questions ask for the same kind of answer ("how many can…" and "how many…" alike). */
function sameKind(a: ExpectedAnswer, b: ExpectedAnswer): boolean {
  const kind = (k: ExpectedAnswer) => (k === 'limit' ? 'quantity' : k);
  return kind(a) === kind(b);
}

/** An option's short form as a heading writes it beside the long one: `-r`, `-F`. */
const SHORT_OPTION = /^-\p{L}$/u;

/** The fewest words of a question heading whose whole restatement is no chance. */
const POSED_MIN_WORDS = 3;

/** Every term a question's concepts can match, with its best weight. */
function askedTerms(concepts: readonly Concept[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of concepts)
    for (const a of c.alternatives) for (const t of a.terms) out.set(t, Math.max(out.get(t) ?? 0, a.weight));
  return out;
}

/**
 * A result whose excerpt and marks are worked out when first read, then kept: /ask fetches ten
 * results for paging and shows three, and the excerpt is most of what a result costs. They are
 * ordinary enumerable properties to every reader (JSON, spread, structuredClone, equality).
 */
function withExcerpt(
  result: Omit<Result, 'excerpt' | 'marks' | 'score'>,
  score: number,
  make: () => Snippet,
): Result {
  let snippet: Snippet | undefined;
  const get = () => {
    snippet ??= make();
    return snippet;
  };
  // In the order the fields are declared (text, excerpt, marks, score), as JSON prints them.
  return Object.assign(
    Object.defineProperties(result, {
      excerpt: { enumerable: true, get: () => get().text },
      marks: { enumerable: true, get: () => get().marks },
    }),
    { score },
  ) as Result;
}

/** The weight of the question's missing words, in units of a term no passage has. */
function missingWeight(missing: readonly { specific: boolean; context?: true }[], everyday: number): number {
  return missing.reduce((n, m) => n + (m.context ? 0 : m.specific ? 1 : everyday), 0);
}

/** A value computed on first use. */
function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => {
    value ??= { v: make() };
    return value.v;
  };
}

/** The start of each document's text (not its code), to tell its language (see languages.ts). */
function* documentSamples(paragraphs: readonly Paragraph[]): Generator<string> {
  let doc = -1;
  let sample = '';
  for (const p of paragraphs) {
    if (p.doc !== doc) {
      if (sample) yield sample;
      doc = p.doc;
      sample = '';
    }
    if (sample.length < SAMPLE_CHARS && p.kind !== 'code') sample += `${p.text.slice(0, SAMPLE_CHARS)}\n`;
  }
  if (sample) yield sample;
}
