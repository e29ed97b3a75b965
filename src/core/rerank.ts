/**
 * Reranking signals: the order of the index's hits, changed by what BM25 does not see — the
 * question's words as written, a heading the question restates, code and change logs, a passage
 * that holds the key words, and the introduction of what "what is X?" asks about.
 */
import type { Paragraph } from './answer-types.js';
import { ENDS_QUESTION } from './blocks.js';
import type { Concept, Hit } from './bm25.js';
import { askedTerms, type Judge, type JudgeView } from './judge.js';
import { matchText } from './normalize.js';
import { definitionSubject } from './query.js';
import type { Ranking } from './ranking.js';
import { isBody, sameSection } from './sections.js';
import { DEFINES, DEFINES_WITHIN, headingKey, titleName } from './subjects.js';
import { LETTER_OR_DIGIT, shortcutPattern } from './tokenizer.js';

/** What the ranking signals read of an engine: what the judgements read, and its ranking settings. */
export interface RankView extends JudgeView {
  readonly ranking: Ranking;
  readonly passageCount: number;
  /** The index of a passage's first paragraph. */
  firstOf(passage: number): number;
}

const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

/**
 * A word of several parts as written (`control-has-associated-label`, `reply.send`): its parts
 * in their order, one to three separators between them, not inside a longer word. A passage
 * with the same parts in another order (`label-has-associated-control`) or apart is no exact
 * match; but a shortcut's modifiers come in any order.
 */
function writtenForm(word: string, parts: readonly string[]): RegExp {
  // A shortcut (`shift+cmd+p`, as a question's Cmd+Shift+P is read) has its modifiers in any order.
  const keys = word.includes('+') ? shortcutPattern(word) : undefined;
  if (keys) return new RegExp(keys.source, 'iu');
  return new RegExp(`(?<![\\p{L}\\p{N}])${parts.join('[^\\p{L}\\p{N}]{1,3}')}(?![\\p{L}\\p{N}])`, 'u');
}

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

/** The fewest words of a question heading whose whole restatement is no chance. */
const POSED_MIN_WORDS = 3;

/** The reranking signals of one engine, with what they work out on first use and keep. */
export class Reranker {
  /** The heading of each document's introduction (see introHeading), worked out on first use. */
  private introHeadings: Map<number, string> | undefined;
  /** The documents that are change logs (see isChangeLog). */
  private changeLogs: Set<number> | undefined;
  /** The passages that introduce each title and heading, by its terms (see preferDefinition). */
  private introductions: Map<string, { passage: number; title: boolean }[]> | undefined;

  constructor(
    private readonly engine: RankView,
    private readonly judge: Judge,
  ) {}

  /**
   * The exact-word bonuses of a question: each word asked with its parts (`reply.send` is
   * `reply` and `send`, found in that order: see writtenForm) and exactBonus × its rarest
   * term's idf. A word asked twice ("参 参 参…") is one bonus, its values added, so each passage
   * is looked at once for it.
   */
  private exactBonuses(
    written: readonly { word: string; terms: string[] }[],
  ): { value: number; found: (text: string) => boolean }[] {
    const { exactBonus } = this.engine.ranking;
    const byWord = new Map<string, { value: number; found: (text: string) => boolean }>();
    if (exactBonus === 0) return [];
    for (const w of written) {
      const parts = w.word.split(WORD_SEPARATORS).filter(Boolean);
      const value =
        exactBonus *
        w.terms.reduce(
          (best, t) => (this.engine.index.has(t) ? Math.max(best, this.engine.index.idf(t)) : best),
          0,
        );
      if (value <= 0 || parts.length === 0) continue;
      const key = parts.join(' ');
      const same = byWord.get(key);
      if (same) same.value += value;
      else if (parts.length === 1)
        byWord.set(key, { value, found: (text) => hasWord(text, parts[0] as string) });
      else {
        const form = writtenForm(w.word, parts);
        byWord.set(key, { value, found: (text) => form.test(text) });
      }
    }
    return [...byWord.values()];
  }

  /**
   * Re-ranks hits with a bonus for each question word found in the paragraph exactly as
   * written (`hosted` in "who hosted…" over `meet` for "meeting"): stems make words match,
   * the written form says which match is closer. Worth exactBonus × the word's idf.
   */
  rerank(
    hits: Hit[],
    changes: boolean,
    written: readonly { word: string; terms: string[] }[],
    concepts: readonly Concept[],
  ): Hit[] {
    const { coord, codeWeight } = this.engine.ranking;
    const changeLog = changes ? 1 : this.engine.ranking.changeLogWeight;
    if (coord > 0) {
      // Passages that hold more of the question first: the score scaled by the share held.
      hits = hits.map((hit) => ({
        id: hit.id,
        score: hit.score * (1 - coord + coord * this.judge.passageCoverage(concepts, hit.id, 0)),
      }));
    }
    const bonus = this.exactBonuses(written);
    const asked = this.engine.ranking.headingBonus > 0 ? askedTerms(concepts) : undefined;
    if (bonus.length === 0 && !asked && codeWeight === 1 && changeLog === 1)
      return coord > 0 ? hits.sort((a, b) => b.score - a.score || a.id - b.id) : hits;
    return hits
      .map((hit) => {
        let score = hit.score;
        if (bonus.length > 0) {
          const text = matchText(this.engine.passageText(hit.id));
          for (const b of bonus) if (b.found(text)) score += b.value;
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
      for (const p of this.engine.paragraphs) {
        if (!p.section || p.section === last) continue;
        last = p.section;
        const set = headings.get(p.doc) ?? new Set<string>();
        headings.set(p.doc, set);
        for (const h of p.section) set.add(h);
      }
      this.changeLogs = new Set();
      for (const [doc, info] of this.engine.documents.entries()) {
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
    return this.changeLogs.has(
      (this.engine.paragraphs[this.engine.spans.first[passage] as number] as Paragraph).doc,
    );
  }

  /** Whether a passage is code and nothing else. */
  private onlyCode(passage: number): boolean {
    const last = this.engine.spans.last[passage] as number;
    for (let k = this.engine.spans.first[passage] as number; k <= last; k++)
      if (this.engine.paragraphs[k]?.kind !== 'code') return false;
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
    const p = this.engine.paragraphs[this.engine.spans.first[passage] as number] as Paragraph;
    const leaf = p.section?.at(-1) ?? this.introHeading(p.doc);
    if (!leaf) return 0;
    const heading = this.judge.headingWordsOf(leaf);
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
          if (w !== undefined && this.engine.index.has(t)) v += w * this.engine.index.idf(t);
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
        ? this.engine.ranking.questionHeadingFactor
        : 1;
    return (posed * this.engine.ranking.headingBonus * value * matched) / heading.length;
  }

  /**
   * The heading of a document's introduction: its title, when the document has sections and the
   * title is one it gives (a heading, a headline, front matter), not its first sentence or its
   * file name standing in for one.
   */
  private introHeading(doc: number): string | undefined {
    if (!this.introHeadings) {
      this.introHeadings = new Map();
      for (const p of this.engine.paragraphs)
        if (p.section?.length && this.engine.documents[p.doc]?.explicitTitle)
          this.introHeadings.set(p.doc, p.title);
    }
    return this.introHeadings.get(doc);
  }

  /**
   * A passage that names what the question is about goes first: when the best hit lacks a key
   * concept and one of the next few, scoring at least keyShare of it, has them all, it goes first.
   */
  preferKeys(hits: Hit[], concepts: readonly Concept[]): Hit[] {
    const top = hits[0];
    if (!top || !concepts.some((c) => c.key) || this.judge.holdsKeys(concepts, top.id)) return hits;
    const at = hits.findIndex(
      (h, i) =>
        i > 0 &&
        i < 5 &&
        h.score >= this.engine.ranking.keyShare * top.score &&
        this.judge.holdsKeys(concepts, h.id),
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
  preferDefinition(hits: Hit[], question: string, accept?: (id: number) => boolean): Hit[] {
    if (!this.engine.ranking.definitions) return hits;
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
    const starts = new Int32Array(this.engine.paragraphs.length).fill(-1);
    for (let id = this.engine.passageCount - 1; id >= 0; id--) starts[this.engine.firstOf(id)] = id;
    // The first passage that holds each paragraph (-1: none, a duplicate indexed elsewhere).
    const holders = new Int32Array(this.engine.paragraphs.length).fill(-1);
    for (let id = this.engine.passageCount - 1; id >= 0; id--)
      for (let k = this.engine.spans.first[id] as number; k <= (this.engine.spans.last[id] as number); k++)
        holders[k] = id;
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
    this.engine.paragraphs.forEach((p, i) => {
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
    const doc = this.engine.paragraphs[from]?.doc;
    for (let i = from; i < this.engine.paragraphs.length; i++) {
      const p = this.engine.paragraphs[i] as Paragraph;
      if (p.doc !== doc || p.section?.length) break;
      if (isBody(p.kind)) return starts[i] as number;
    }
    return -1;
  }
}
