/**
 * What the engine reads and answers, as plain data: documents, their paragraphs and passages,
 * and the citations, results and answers made of them.
 */
import type { Mark } from './excerpt.js';
import type { ParagraphKind } from './passages.js';
import type { Correction } from './query.js';

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

export interface AnswerOptions {
  /** How many excerpts, 1 to 10. Default 3. */
  limit?: number;
  /** Only this document: its file name, path or title (see resolveSource). */
  source?: string;
}

/** Passages as columns: passage i is spans.first[i]..spans.last[i], or a window when end[i] > 0. */
export interface Spans {
  first: Uint32Array;
  last: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
}
