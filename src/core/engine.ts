/**
 * The search engine: builds passages and the BM25 index from a corpus, and answers
 * questions with a direct answer and cited excerpts, as plain data.
 */
import {
  Bm25Index,
  type Bm25Options,
  buildIndex,
  buildPartition,
  type Concept,
  type EncodedPassages,
  type Hit,
} from './bm25.js';
import type { Corpus, SourceFile } from './corpus.js';
import { CoreError } from './errors.js';
import { directAnswer, excerpt, type Mark, termWeights } from './excerpt.js';
import { cutText, duplicateKey, normalizeForMatch } from './normalize.js';
import type { ParagraphKind } from './passages.js';
import { type AliasGroup, type Correction, compileAliases, parseQuestion, type Vocabulary } from './query.js';
import { splitSentences } from './sentences.js';
import { runSteps, runStepsAsync } from './steps.js';
import { bulk, TermEncoder } from './tokenizer.js';
import { TypoIndex } from './typo.js';

/** Longest question, in characters, that is read; the rest is ignored. */
export const MAX_QUESTION_LENGTH = 500;
export const DEFAULT_LIMIT = 3;
export const MAX_LIMIT = 10;
/** Paragraphs longer than this many words are indexed as overlapping sentence windows. */
export const LONG_PARAGRAPH_WORDS = 80;
/** Each window starts at a sentence and runs on until it has at least this many words. */
export const WINDOW_WORDS = 45;

export interface DocumentInfo {
  /** Path relative to the seeds folder. */
  source: string;
  title: string;
  url?: string;
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
  heading?: string;
  /** 1-based paragraph number in its file. */
  paragraph: number;
  text: string;
  kind: ParagraphKind;
}

export interface Citation {
  source: string;
  title: string;
  paragraph: number;
}

export interface DirectAnswer extends Citation {
  text: string;
  marks: Mark[];
}

export interface Result extends Citation {
  heading?: string;
  /** The whole paragraph as written. */
  text: string;
  /** The best sentence window of the paragraph. */
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
  /** Unknown words matched to close corpus words. */
  corrections: Correction[];
  /**
   * Why there are no results: the question had only common words (`no-terms`), none of its
   * words is in the documents (`not-found`), or too little of it is (`weak`: the words found
   * weigh less than minCoverage of the question).
   */
  empty: 'no-terms' | 'not-found' | 'weak' | null;
  /** Passages searched. */
  searched: number;
  /** Time taken, in milliseconds. */
  tookMs: number;
}

export interface AnswerOptions {
  /** How many excerpts, 1 to 10. Default 3. */
  limit?: number;
  /** Only this document: its file name, path or title (see resolveSource). */
  source?: string;
}

export interface EngineOptions extends Bm25Options {
  /**
   * Share of the question (its words weighted by rarity, an unknown word weighing the most)
   * that must be found in the documents for any result. Default 0.4: a question about
   * "tax refunds" is not answered from a page that only mentions refunds.
   */
  minCoverage?: number;
  /**
   * Bonus, in idf units, for each question word a paragraph has exactly as written (not only
   * the same stem). Default 0.5.
   */
  exactBonus?: number;
}

export const DEFAULT_MIN_COVERAGE = 0.4;
export const DEFAULT_EXACT_BONUS = 0.5;

const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

/** The words of a text as written, lower case (quotes and dashes normalised). */
function writtenWords(text: string): Set<string> {
  const t = normalizeForMatch(text).toLowerCase();
  return new Set(/^[\x20-\x7e]*$/.test(t) ? t.split(/[^a-z0-9]+/) : t.split(WORD_SEPARATORS));
}

/** Everything an engine is made of: what a build computes and a snapshot stores. */
export interface EngineParts {
  documents: DocumentInfo[];
  paragraphs: Paragraph[];
  /** For each indexed passage (a paragraph, or a window of sentences of a long one), its paragraph. */
  passageParagraphs: Uint32Array;
  index: Bm25Index;
  /** Written corpus word → its term (for typo tolerance and suggestions). */
  vocabulary: Map<string, string>;
  aliases: string[][];
  options: EngineOptions;
}

/** A corpus cut into passages and encoded, ready for the index build. */
export interface Prepared {
  documents: DocumentInfo[];
  paragraphs: Paragraph[];
  passageParagraphs: Uint32Array;
  encoded: EncodedPassages;
  vocabulary: Map<string, string>;
}

/**
 * Cuts a corpus into passages and encodes their terms: headings, titles and questions give
 * context (the title field), not passages; near-duplicates are indexed once (citations point
 * at the first occurrence); long paragraphs become sentence windows.
 */
export function prepare(corpus: Corpus): Prepared {
  return runSteps(prepareSteps(corpus));
}

/** prepare(), pausing regularly so a server keeps answering while a corpus is rebuilt. */
export function prepareAsync(corpus: Corpus): Promise<Prepared> {
  return runStepsAsync(prepareSteps(corpus));
}

function* prepareSteps(corpus: Corpus): Generator<void, Prepared> {
  // The tokenizer's caches are large while a corpus is encoded, and emptied after.
  const end = bulk();
  try {
    return yield* encodeSteps(corpus);
  } finally {
    end();
  }
}

function* encodeSteps(corpus: Corpus): Generator<void, Prepared> {
  const { documents, paragraphs } = collect(corpus.files);
  const encoder = new TermEncoder();
  const passageParagraphs: number[] = [];
  const title: number[] = [];
  const body: number[] = [];
  const titleOffsets: number[] = [0];
  const bodyOffsets: number[] = [0];
  const seen = new Set<string>();
  const contexts = new Map<string, number[]>();
  const texts: string[] = [];
  const titles: number[][] = [];
  for (let at = 0; at < paragraphs.length; at++) {
    if (at % 5000 === 4999) yield;
    const p = paragraphs[at] as Paragraph;
    if (p.kind === 'title' || p.kind === 'heading' || p.kind === 'question') continue;
    const key = duplicateKey(p.text);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const file = corpus.files[p.doc] as SourceFile;
    const context = `${file.explicitTitle ? p.title : ''}\n${p.heading ?? ''}`;
    let titleIds = contexts.get(context);
    if (!titleIds) {
      titleIds = [];
      encoder.encode(context, titleIds);
      contexts.set(context, titleIds);
    }
    for (const text of windows(p.text)) {
      texts.push(text);
      titles.push(titleIds);
      passageParagraphs.push(at);
    }
  }
  yield* encoder.encodeAll(texts, body, bodyOffsets);
  for (const ids of titles) {
    for (const id of ids) title.push(id);
    titleOffsets.push(title.length);
  }
  return {
    documents,
    paragraphs,
    passageParagraphs: Uint32Array.from(passageParagraphs),
    encoded: {
      terms: encoder.terms,
      titleOffsets: Uint32Array.from(titleOffsets),
      titleIds: Uint32Array.from(title),
      bodyOffsets: Uint32Array.from(bodyOffsets),
      bodyIds: Uint32Array.from(body),
    },
    vocabulary: encoder.vocabulary,
  };
}

export class Engine {
  readonly documents: DocumentInfo[];
  readonly paragraphs: Paragraph[];
  /** Passages indexed (paragraphs and windows of long ones, duplicates left out). */
  readonly passageCount: number;
  readonly parts: EngineParts;
  private readonly passageParagraphs: Uint32Array;
  private readonly index: Bm25Index;
  private readonly vocabulary: Vocabulary;
  private readonly aliases: AliasGroup[];
  private readonly minCoverage: number;
  private readonly exactBonus: number;

  constructor(parts: EngineParts) {
    this.parts = parts;
    this.documents = parts.documents;
    this.paragraphs = parts.paragraphs;
    this.passageParagraphs = parts.passageParagraphs;
    this.passageCount = parts.passageParagraphs.length;
    this.index = parts.index;
    const index = this.index;
    const written = parts.vocabulary;
    this.vocabulary = {
      has: (term) => index.has(term),
      termOf: (word) => written.get(word),
      typos: new TypoIndex(written.keys()),
    };
    this.aliases = compileAliases(parts.aliases);
    this.minCoverage = parts.options.minCoverage ?? DEFAULT_MIN_COVERAGE;
    this.exactBonus = parts.options.exactBonus ?? DEFAULT_EXACT_BONUS;
  }

  /** Builds an engine in this thread (small corpora, tests). */
  static create(corpus: Corpus, options: EngineOptions = {}): Engine {
    const p = prepare(corpus);
    const index = new Bm25Index(
      p.passageParagraphs.length,
      p.encoded.terms,
      buildPartition(p.encoded, options, 0, 1),
    );
    return Engine.assemble(p, index, corpus, options);
  }

  /** Builds an engine, indexing on `threads` worker threads when the corpus is large. */
  static async build(corpus: Corpus, options: EngineOptions = {}, threads = 2): Promise<Engine> {
    const p = await prepareAsync(corpus);
    return Engine.assemble(p, await buildIndex(p.encoded, options, threads), corpus, options);
  }

  private static assemble(p: Prepared, index: Bm25Index, corpus: Corpus, options: EngineOptions): Engine {
    return new Engine({
      documents: p.documents,
      paragraphs: p.paragraphs,
      passageParagraphs: p.passageParagraphs,
      index,
      vocabulary: p.vocabulary,
      aliases: corpus.aliases,
      options,
    });
  }

  /**
   * The document a name designates: its exact path, its file name, or a unique prefix or
   * substring of its path or title (case-insensitive). Throws CoreError otherwise.
   */
  resolveSource(name: string): DocumentInfo {
    const wanted = name.trim().toLowerCase();
    const base = (d: DocumentInfo) => d.source.split('/').pop()?.toLowerCase() ?? '';
    const tiers: ((d: DocumentInfo) => boolean)[] = [
      (d) => d.source.toLowerCase() === wanted,
      (d) => base(d) === wanted || d.title.toLowerCase() === wanted,
      (d) => base(d).startsWith(wanted) || d.source.toLowerCase().startsWith(wanted),
      (d) => d.source.toLowerCase().includes(wanted) || d.title.toLowerCase().includes(wanted),
    ];
    if (wanted) {
      for (const matches of tiers) {
        const found = this.documents.filter(matches);
        if (found.length === 1) return found[0] as DocumentInfo;
        if (found.length > 1) {
          throw new CoreError(
            'AMBIGUOUS_SOURCE',
            `"${name}" matches ${found.length} documents (${found.map((d) => d.source).join(', ')}): give more of the file name`,
          );
        }
      }
    }
    throw new CoreError(
      'UNKNOWN_SOURCE',
      `no document matches "${name}": use one of ${this.documents.map((d) => d.source).join(', ')}`,
    );
  }

  answer(question: string, options: AnswerOptions = {}): Answer {
    const started = performance.now();
    const q = cutText(question, MAX_QUESTION_LENGTH).trim();
    if (!q) throw new CoreError('EMPTY_QUESTION', 'the question is empty: type what you want to know');
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new CoreError('BAD_OPTION', `limit must be a whole number from 1 to ${MAX_LIMIT}, not ${limit}`);
    }
    const doc =
      options.source === undefined ? undefined : this.documents.indexOf(this.resolveSource(options.source));

    const parsed = parseQuestion(q, this.vocabulary, this.aliases);
    const base = {
      question: q,
      notFound: parsed.notFound,
      corrections: parsed.corrections,
      searched: this.passageCount,
    };
    if (parsed.concepts.length === 0) {
      return {
        ...base,
        answer: null,
        results: [],
        empty: parsed.content.length === 0 ? 'no-terms' : 'not-found',
        tookMs: performance.now() - started,
      };
    }
    if (this.coverage(parsed.concepts, parsed.notFound.length) < this.minCoverage) {
      return { ...base, answer: null, results: [], empty: 'weak', tookMs: performance.now() - started };
    }
    const accept =
      doc === undefined ? undefined : (id: number) => this.paragraphs[this.paragraphOf(id)]?.doc === doc;
    // Several windows of one paragraph may hit: ask for enough to fill `limit` paragraphs.
    const hits = this.rerank(this.index.search(parsed.concepts, limit * 4 + 8, accept), parsed.written);
    const weights = termWeights(parsed.concepts, (t) => this.index.idf(t));
    const results: Result[] = [];
    const shown = new Set<number>();
    const texts = new Set<string>();
    for (const hit of hits) {
      const at = this.paragraphOf(hit.id);
      const p = this.paragraphs[at] as Paragraph;
      const key = duplicateKey(p.text);
      if (shown.has(at) || texts.has(key)) continue;
      shown.add(at);
      texts.add(key);
      const snippet = excerpt(p.text, weights);
      results.push({
        source: p.source,
        title: p.title,
        ...(p.heading ? { heading: p.heading } : {}),
        paragraph: p.paragraph,
        text: p.text,
        excerpt: snippet.text,
        marks: snippet.marks,
        score: Math.round(hit.score * 1000) / 1000,
      });
      if (results.length >= limit) break;
    }
    const top = results[0];
    const answer = top
      ? (() => {
          const a = directAnswer(top.text, weights);
          return {
            source: top.source,
            title: top.title,
            paragraph: top.paragraph,
            text: a.text,
            marks: a.marks,
          };
        })()
      : null;
    return {
      ...base,
      answer,
      results,
      empty: results.length === 0 ? 'not-found' : null,
      tookMs: performance.now() - started,
    };
  }

  /**
   * Re-ranks hits with a bonus for each question word found in the paragraph exactly as
   * written (`hosted` in "who hosted…" over `meet` for "meeting"): stems make words match,
   * the written form says which match is closer. Worth exactBonus × the word's idf.
   */
  private rerank(hits: Hit[], written: readonly { word: string; terms: string[] }[]): Hit[] {
    if (this.exactBonus === 0 || written.length === 0) return hits;
    const bonus = written
      .map((w) => ({
        parts: w.word.split(WORD_SEPARATORS).filter(Boolean),
        value:
          this.exactBonus *
          w.terms.reduce((best, t) => (this.index.has(t) ? Math.max(best, this.index.idf(t)) : best), 0),
      }))
      .filter((b) => b.value > 0 && b.parts.length > 0);
    if (bonus.length === 0) return hits;
    return hits
      .map((hit) => {
        const words = writtenWords((this.paragraphs[this.paragraphOf(hit.id)] as Paragraph).text);
        let score = hit.score;
        for (const b of bonus) if (b.parts.every((p) => words.has(p))) score += b.value;
        return { id: hit.id, score };
      })
      .sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /**
   * How much of the question the corpus covers: the idf mass of the found concepts over the
   * mass of all of them, an unknown word weighing as much as a term no passage has.
   */
  private coverage(concepts: readonly Concept[], unknown: number): number {
    let found = 0;
    for (const c of concepts) {
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
   * Words of the documents close to the words a question did not find (up to two edits,
   * three from 8 letters), for "did you mean" hints; document titles when none is close.
   */
  suggest(notFound: readonly string[], max = 5): string[] {
    const out = new Set<string>();
    for (const word of notFound) {
      if (word.length < 3 || !/^\p{L}+$/u.test(word)) continue;
      for (const near of this.vocabulary.typos.nearest(word, word.length >= 8 ? 3 : 2)) {
        out.add(near);
        if (out.size >= max) return [...out];
      }
    }
    if (out.size === 0) for (const d of this.documents.slice(0, max)) out.add(d.title);
    return [...out].slice(0, max);
  }

  private paragraphOf(passage: number): number {
    return this.passageParagraphs[passage] as number;
  }
}

function collect(files: readonly SourceFile[]): { documents: DocumentInfo[]; paragraphs: Paragraph[] } {
  const documents: DocumentInfo[] = [];
  const paragraphs: Paragraph[] = [];
  files.forEach((file, doc) => {
    let words = 0;
    for (const p of file.paragraphs) {
      words += p.text.split(/\s+/).filter(Boolean).length;
      paragraphs.push({
        doc,
        source: file.source,
        title: file.title,
        ...(p.heading ? { heading: p.heading } : {}),
        paragraph: p.number,
        text: p.text,
        kind: p.kind,
      });
    }
    documents.push({
      source: file.source,
      title: file.title,
      ...(file.url ? { url: file.url } : {}),
      paragraphs: file.paragraphs.length,
      words,
      hash: file.hash,
    });
  });
  return { documents, paragraphs };
}

/** Words in a text: runs of non-space characters. */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/**
 * The texts indexed for a paragraph: itself when short; when long, overlapping windows that
 * start at each sentence and run to at least WINDOW_WORDS words, so a long paragraph does not
 * lose to length normalisation and every window still cites the paragraph.
 */
export function windows(text: string): string[] {
  const count = countWords;
  if (count(text) <= LONG_PARAGRAPH_WORDS) return [text];
  const sentences = splitSentences(text);
  if (sentences.length < 2) return [text];
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i++) {
    let j = i;
    let words = count((sentences[i] as { text: string }).text);
    while (words < WINDOW_WORDS && j + 1 < sentences.length) {
      j++;
      words += count((sentences[j] as { text: string }).text);
    }
    out.push(text.slice((sentences[i] as { start: number }).start, (sentences[j] as { end: number }).end));
    if (j === sentences.length - 1) break;
  }
  return out;
}
