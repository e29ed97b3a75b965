/**
 * The search engine: builds passages and the BM25 index from a corpus, and answers
 * questions with a direct answer and cited excerpts, as plain data.
 */
import { createHash } from 'node:crypto';
import { findAcronyms, findTitleAcronyms } from './acronyms.js';
import type {
  Answer,
  AnswerOptions,
  CodeRange,
  DocumentInfo,
  Paragraph,
  Result,
  Spans,
} from './answer-types.js';
import { asksForWay, expectedAnswer, holdsAnswer } from './asks.js';
import { Bm25Index, buildIndex, buildPostings } from './bm25.js';
import { Citations, documentUrl } from './citations.js';
import type { Corpus } from './corpus.js';
import { derivedTerms, sortedWords } from './derived.js';
import { resolveDocument } from './documents.js';
import { CoreError } from './errors.js';
import { directAnswer, excerpt, type Snippet, termWeights } from './excerpt.js';
import { Judge } from './judge.js';
import { corpusLanguages, SAMPLE_CHARS } from './languages.js';
import { cutText, duplicateKey, questionLines } from './normalize.js';
import {
  type AliasGroup,
  compileAliases,
  type ParsedQuestion,
  parseQuestion,
  type Vocabulary,
} from './query.js';
import { type Ranking, type RankingOptions, rankingOf } from './ranking.js';
import { type RankView, Reranker } from './rerank.js';
import { type Span, spanParts, spanText } from './sections.js';
import { runSteps, runStepsAsync } from './steps.js';
import { bulk, TermEncoder, terms } from './tokenizer.js';
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

export type {
  Answer,
  AnswerOptions,
  Citation,
  CodeRange,
  DirectAnswer,
  DocumentInfo,
  Paragraph,
  Result,
  Spans,
} from './answer-types.js';

/** Longest question, in characters, that is read; the rest is ignored. */
export const MAX_QUESTION_LENGTH = 500;
export const DEFAULT_LIMIT = 3;
export const MAX_LIMIT = 10;

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

/** Ranking settings (see ranking.ts for each one and its default). */
export type EngineOptions = RankingOptions;

/** See Engine.prepare. */
export interface Prepared {
  vocabulary: Map<string, string>;
  typos: TypoIndex;
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
  /** Whether a passage answers the question or is only related (see judge.ts). */
  private readonly judge: Judge;
  /** The signals that reorder the index's hits (see rerank.ts). */
  private readonly reranker: Reranker;
  /** Where passages are cited, and the copies a document repeats (see citations.ts). */
  private readonly citations: Citations;

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
    const view: RankView = {
      documents: this.documents,
      paragraphs: this.paragraphs,
      spans: this.spans,
      index: this.index,
      ranking: this.ranking,
      passageCount: this.passageCount,
      firstOf: (passage) => this.firstOf(passage),
      passageText: (passage) => this.passageText(passage),
    };
    this.judge = new Judge(view);
    this.reranker = new Reranker(view, this.judge);
    this.citations = new Citations(this.documents, this.paragraphs, this.spans, parts.files?.units);
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
    const enough = this.judge.coverage(parsed.concepts, missingWeight(parsed.missing, 1)) >= minCoverage;
    const thin =
      !enough &&
      this.judge.coverage(parsed.concepts, missingWeight(parsed.missing, everydayMissing)) >= minCoverage;
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
    const copies = doc === undefined ? undefined : this.citations.copiesIn(doc);
    const accept =
      doc === undefined
        ? undefined
        : (id: number) => this.paragraphs[this.firstOf(id)]?.doc === doc || copies?.has(id) === true;
    const spanOf = (id: number): Span => copies?.get(id) ?? this.span(id);
    // Several windows of one paragraph may hit: ask for enough to fill `limit` passages.
    const hits = this.reranker.preferDefinition(
      this.reranker.preferKeys(
        this.reranker.rerank(
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
            ...this.citations.citationOf(span, this.sourcesBaseUrl),
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
      held = this.judge.passageCoverage(
        parsed.concepts,
        best,
        missingWeight(parsed.missing, this.ranking.everydayMissing),
      );
      const lacksKey = !this.judge.holdsKeys(parsed.concepts, best);
      if (parsed.missing.some((m) => m.specific)) related = 'missing';
      else if (
        thin ||
        lacksKey ||
        held < this.ranking.answerCoverage ||
        !(
          holdsAnswer(results[0]?.text ?? '', asked) || this.judge.posesQuestion(parsed.concepts, best, asked)
        ) ||
        !(this.judge.textNames(parsed.concepts, best) || this.judge.restatesHeading(parsed.concepts, best))
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
            return {
              ...this.citations.citationOf(shownSpans[0] as Span, this.sourcesBaseUrl),
              text: a.text,
              marks: a.marks,
            };
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
   * Words of the documents close to the words a question did not find (up to two edits,
   * three from 8 letters), for "did you mean" hints; document titles when none is close.
   */
  suggest(notFound: readonly string[], max = 5): string[] {
    const out = new Set<string>();
    const budget = { left: TYPO_BUDGET.question };
    for (const word of notFound) {
      if (word.length < 3 || !/^\p{L}+$/u.test(word)) continue;
      // Two letters of four are half the word ("peru" is no "port"): a short word, one edit.
      const edits = word.length >= 8 ? 3 : word.length >= 5 ? 2 : 1;
      for (const near of this.vocabulary.typos.nearest(word, edits, budget)) {
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

  /** A document's address, with this engine's sourcesBaseUrl (see documentUrl in citations.ts). */
  documentUrl(document: DocumentInfo, anchor?: string): string | undefined {
    return documentUrl(document, this.sourcesBaseUrl, anchor);
  }
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
