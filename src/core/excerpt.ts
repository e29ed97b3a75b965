/**
 * Picks the sentences that answer: the direct answer (the best sentence or two of the top
 * paragraph) and each result's excerpt (its best sentence window), with the question's
 * matched words marked by character ranges on the original text.
 */
import type { Concept } from './bm25.js';
import { BoundedCache } from './cache.js';
import { graphemeAfter, graphemeCut } from './graphemes.js';
import { countWords, type TextPart } from './sections.js';
import { leadsIn, type Sentence, splitSentences } from './sentences.js';
import { CJK_CHAR, cjkPieces, shortcutPattern, terms } from './tokenizer.js';

/** A character range [start, end) of a matched word in a piece of text. */
export type Mark = [number, number];

export interface Snippet {
  text: string;
  marks: Mark[];
}

/** Longest excerpt, in characters, before it is cut around its first match. */
export const EXCERPT_MAX = 360;
/** An answer sentence shorter than this many words takes its neighbour along. */
const SHORT_SENTENCE_WORDS = 12;

const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019.-][\p{L}\p{M}\p{N}]+)*/gu;
/** Terms of the words of shown passages (bounded: questions bring endless new words). */
const wordTerms = new BoundedCache<string, string[]>(8_192);

function termsOfWord(word: string): string[] {
  return wordTerms.remember(word, terms);
}

/**
 * What the question matches, weighted: single terms (each its best weight × idf), and phrases —
 * alternatives of several terms (`Islamic State`, `max retries`) that count, and are marked,
 * only where all their words stand together.
 */
export interface MatchWeights {
  terms: Map<string, number>;
  phrases: { terms: string[]; weight: number }[];
}

export function termWeights(concepts: readonly Concept[], idf: (term: string) => number): MatchWeights {
  const weights = new Map<string, number>();
  const phrases: MatchWeights['phrases'] = [];
  for (const c of concepts) {
    if (c.phrasing) continue;
    for (const a of c.alternatives) {
      if (a.terms.length === 1) {
        const t = a.terms[0] as string;
        weights.set(t, Math.max(weights.get(t) ?? 0, a.weight * idf(t)));
      } else if (a.terms.length > 1) {
        phrases.push({ terms: a.terms, weight: a.terms.reduce((n, t) => n + a.weight * idf(t), 0) });
      }
    }
  }
  return { terms: weights, phrases };
}

/** Marks every word of `text` whose terms the question matched, and every whole phrase. */
function markWords(text: string, weights: MatchWeights): Mark[] {
  const marks: Mark[] = [];
  const found = Array.from(text.matchAll(WORD)).flatMap((m) =>
    // Chinese or Japanese text is matched by pairs of characters: those matched are marked.
    CJK_CHAR.test(m[0])
      ? cjkPieces(m[0])
          // A character alone is marked only as a word of one (笔 asked alone), not inside the
          // words it is part of (上 of 以上, where the question's 上限 is what the documents lack).
          .filter((p) => p.cjk !== 'char' || Array.from(m[0]).length === 1)
          .map((p) => ({ start: m.index + p.start, end: m.index + p.end, terms: [p.term] }))
      : [{ start: m.index, end: m.index + m[0].length, terms: termsOfWord(m[0]) }],
  );
  for (const w of found) if (w.terms.some((t) => weights.terms.has(t))) marks.push([w.start, w.end]);
  // A keyboard shortcut is marked whole (`Ctrl+C`), not only its modifier.
  for (const t of weights.terms.keys()) {
    const pattern = t.includes('+') ? shortcutPattern(t) : undefined;
    if (pattern) for (const m of text.matchAll(pattern)) marks.push([m.index, m.index + m[0].length]);
  }
  for (const phrase of weights.phrases) {
    // The phrase's terms in a row of words (each word giving one or more of them).
    for (let i = 0; i < found.length; i++) {
      const left = new Set(phrase.terms);
      let j = i;
      while (j < found.length && left.size > 0) {
        const hit = (found[j] as (typeof found)[number]).terms.filter((t) => left.has(t));
        if (hit.length === 0) break;
        for (const t of hit) left.delete(t);
        j++;
      }
      if (left.size === 0 && j > i)
        marks.push([
          (found[i] as (typeof found)[number]).start,
          (found[j - 1] as (typeof found)[number]).end,
        ]);
    }
  }
  // In order, overlapping ranges merged (a word can be marked alone and as part of a phrase).
  const merged: Mark[] = [];
  for (const [start, end] of marks.sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

interface ScoredSentence extends Sentence {
  score: number;
  words: number;
}

function scoreSentences(text: string, weights: MatchWeights, items = false): ScoredSentence[] {
  const sentences = splitSentences(text);
  const listed = items && (text.startsWith(BULLET) || text.includes(LIST_ITEM));
  return (listed ? sentences.flatMap((s) => listItems(text, s)) : sentences).map((s) => ({
    ...s,
    score: scoreText(s.text, weights),
    words: countWords(s.text),
  }));
}

/** How much of the question a text holds: its distinct words' weights, and its phrases'. */
function scoreText(text: string, weights: MatchWeights): number {
  const all = new Set(terms(text));
  let score = 0;
  for (const t of all) score += weights.terms.get(t) ?? 0;
  for (const p of weights.phrases) if (p.terms.every((t) => all.has(t))) score += p.weight;
  return score;
}

/**
 * A sentence cut into the list items in it (a passage's items are `• ` lines) and what lies
 * between and after them. An item runs over the lines after its own (its code, say) up to the
 * next item or a line of prose (a capital, a full stop at its end: "Staff reply within a
 * day.").
 */
function listItems(text: string, s: Sentence): Sentence[] {
  /** The next item's bullet at or after `from`, within the sentence; -1 when none. */
  const itemAt = (from: number): number => {
    if (from === s.start && text.startsWith(BULLET, from)) return from;
    const at = text.indexOf(LIST_ITEM, Math.max(from - 1, s.start));
    return at >= 0 && at + 1 < s.end ? at + 1 : -1;
  };
  let at = itemAt(s.start);
  if (at < 0) return [s];
  const out: Sentence[] = [];
  const push = (start: number, end: number) => {
    if (end > start) out.push({ start, end, text: text.slice(start, end) });
  };
  let start = s.start;
  while (at >= 0) {
    push(start, at > s.start ? at - 1 : at);
    let end = s.end;
    for (let eol = text.indexOf('\n', at); eol >= 0 && eol < s.end; eol = text.indexOf('\n', eol + 1)) {
      const next = text.indexOf('\n', eol + 1);
      const line = text.slice(eol + 1, next < 0 || next > s.end ? s.end : next);
      if (line.startsWith(BULLET) || PROSE_LINE.test(line)) {
        end = eol;
        break;
      }
    }
    push(at, end);
    start = end < s.end ? end + 1 : s.end;
    at = end < s.end ? itemAt(end + 1) : -1;
  }
  push(start, s.end);
  return out;
}

/** A line of prose: a capital first, a sentence's end last. */
const PROSE_LINE = /^\p{Lu}.*[.!?]["'\u201D\u2019)]*$/u;

/**
 * A sentence that forbids: "Please do not…", "• Never…", "Warning: don't…", "You must not…"
 * (not "Do not hesitate to…" nor "You should not need to…", which invite).
 */
const PROHIBITION =
  /^(?:[-*\u2022]\s+)?(?:\w+:\s*)?(?:please\s+)?(?:do not|don['\u2019]t|never|avoid)\b(?!\s+(?:hesitate|mind))|\b(?:must|should)(?: not|n['\u2019]t| never)\b(?!\s+need)/i;
/** A sentence that gives a way replaces a prohibition when it scores at least this share of it. */
const WAY_SHARE = 0.6;

/** A sentence that goes on from the one before it: "Or, worse yet, …", "But …". */
const GOES_ON = /^(?:or|and|but|nor|yet|so|also|however)\b/i;
/** A paragraph short enough to be what a sentence without a full stop leads to. */
const SHORT_PART_CHARS = 200;
/** A sentence's end: a full stop, a question or an exclamation mark, before closing quotes. */
const ENDS_SENTENCE = /[.!?\u2026]["'\u201D\u2019)\]]*$/;
/** A definition's body without its term: "means …", "shall mean …", "refers to …". */
const DEFINES = /^(?:means|shall mean|refers to|includes)\b/;

/** A numbered item of a plain-text list (`2. Amend this constitution…`, `4.1. `, `(3) `). */
const NUMBERED = /^\(?\d{1,3}(?:\.\d{1,3})*[.)]\s+(?=\S)/;

/** What opens an FAQ's answer: `A:`, `Answer:` (not `A.`, which may be an initial). */
const ANSWER_MARK = /^(?:A|Answer)\s*:\s+(?=\S)/;

/** A list item's bullet in a passage's text (see spanText), and where one starts after a line. */
const BULLET = '\u2022 ';
/** Questions in a row that a direct answer runs on over, to the sentence that answers them. */
const MAX_QUESTIONS = 3;
/** A sentence that asks: it ends with a question mark (and a closing quote or bracket). */
const ASKS = /[?\uFF1F]["'\u201D\u2019)\]*_]*$/;
const LIST_ITEM = `\n${BULLET}`;

/** The best run of 1..maxSentences sentences (first wins ties), as [from, to] indexes. */
function bestWindow(sentences: ScoredSentence[], maxSentences: number, maxChars: number): [number, number] {
  let best: [number, number] = [0, 0];
  let bestScore = -1;
  for (let i = 0; i < sentences.length; i++) {
    let score = 0;
    for (let j = i; j < Math.min(sentences.length, i + maxSentences); j++) {
      score += (sentences[j] as ScoredSentence).score;
      const chars = (sentences[j] as ScoredSentence).end - (sentences[i] as ScoredSentence).start;
      if (j > i && chars > maxChars) break;
      // A longer window must add something to win.
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = [i, j];
      }
    }
  }
  return best;
}

function slice(text: string, sentences: ScoredSentence[], [from, to]: [number, number]) {
  const start = (sentences[from] as ScoredSentence).start;
  const end = (sentences[to] as ScoredSentence).end;
  return { start, end, text: text.slice(start, end) };
}

/** Cuts a long snippet to `max` characters around its first mark, at word boundaries. */
function fitSnippet(snippet: Snippet, max: number): Snippet {
  const { text, marks } = snippet;
  if (text.length <= max) return snippet;
  const focus = marks[0]?.[0] ?? 0;
  let start = Math.max(0, Math.min(focus - Math.floor(max / 4), text.length - max));
  // After a space, else (a long run without one: Chinese) where a grapheme starts; never past
  // the match it is cut around.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < focus ? space + 1 : graphemeAfter(text, start);
  }
  // Cut at a space, keeping the text as it is so the marks keep their places.
  const room = max - (start > 0 ? 1 : 0) - 1;
  let end = text.length;
  if (end - start > room + 1) {
    const space = text.lastIndexOf(' ', start + room);
    end = space > start + room / 2 ? space : graphemeCut(text, start + room, start);
  }
  const prefix = start > 0 ? '\u2026' : '';
  const suffix = end < text.length ? '\u2026' : '';
  return {
    text: prefix + text.slice(start, end).trimEnd() + suffix,
    marks: marks
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]) => [s - start + prefix.length, e - start + prefix.length] as Mark),
  };
}

/** A result's excerpt: its best window of up to two sentences, matched words marked. */
export function excerpt(text: string, weights: MatchWeights, max = EXCERPT_MAX): Snippet {
  const sentences = scoreSentences(text, weights);
  if (sentences.length === 0) return { text: '', marks: [] };
  const window = slice(text, sentences, bestWindow(sentences, 2, max));
  return fitSnippet({ text: window.text, marks: markWords(window.text, weights) }, max);
}

/** Paragraphs an answer is read from: prose, not code or a table (the excerpt shows those). */
const PROSE = new Set(['text', 'list']);

/**
 * The sentences a direct answer is made of, each with the paragraph (part) it is in: a
 * sentence never runs from one paragraph into the next (a code block's lines start in lower
 * case, so they read as the sentence before them going on), and code and tables are none
 * (before, "Trailing directory separators are ignored." came with five lines of code). A
 * passage with no prose, or prose of no sentence, is read whole.
 */
function answerSentences(
  text: string,
  weights: MatchWeights,
  parts: readonly TextPart[] | undefined,
): { sentences: (ScoredSentence & { part: number })[]; split: boolean } {
  // A passage that is only a table's rows answers with a row (`Command: /rank · What it does:
  // Shows your level`), as a list answers with an item: each row is read as a sentence.
  const rows = parts !== undefined && parts.length >= 2 && parts.every((p) => p.kind === 'table');
  const prose = rows || parts?.some((p) => PROSE.has(p.kind)) ? parts : undefined;
  if (!prose || prose.length < 2)
    return { sentences: scoreSentences(text, weights, true).map((s) => ({ ...s, part: 0 })), split: false };
  const sentences = prose.flatMap((p, part) => {
    if (rows) {
      const row = text.slice(p.start, p.end);
      return [
        {
          text: row,
          start: p.start,
          end: p.end,
          score: scoreText(row, weights),
          words: countWords(row),
          part,
        },
      ];
    }
    return PROSE.has(p.kind)
      ? scoreSentences(text.slice(p.start, p.end), weights, true).map((s) => ({
          ...s,
          start: s.start + p.start,
          end: s.end + p.start,
          part,
        }))
      : [];
  });
  // Prose of no sentence (blank lines): the whole text, as without parts.
  if (sentences.length === 0) return answerSentences(text, weights, undefined);
  return { sentences, split: true };
}

/**
 * The direct answer from the top paragraph: its best sentence, with the next (or previous)
 * one when it is short, so the answer reads on its own. `parts` are the passage's paragraphs
 * (spanParts): an answer is read from its prose, and a lead-in ending a paragraph
 * ("Install with npm:") takes the code, table or list that follows it.
 */
export function directAnswer(
  text: string,
  weights: MatchWeights,
  {
    way = false,
    parts,
    term,
  }: {
    way?: boolean;
    parts?: readonly TextPart[];
    /** The passage's last heading: the term a definition under it defines (`1.12. "Secondary License"`). */
    term?: string | undefined;
  } = {},
  max = EXCERPT_MAX,
): Snippet {
  // A list's items are answers of their own: "where do I report bugs?" is one item of a list.
  const { sentences, split } = answerSentences(text, weights, parts);
  if (sentences.length === 0) return { text: '', marks: [] };
  let [from, to] = bestWindow(sentences, 1, max);
  const best = sentences[from] as ScoredSentence;
  // What the sentence at `i` introduces, when it ends its paragraph: the code, table or list
  // under a lead-in ("Install with npm:"), the code or table under a sentence with no full
  // stop ("To list the files a package installed, execute the command").
  const introduces = (i: number): TextPart | undefined => {
    const u = sentences[i];
    const under = split && u && sentences[i + 1]?.part !== u.part ? parts?.[u.part + 1] : undefined;
    if (!u || !under) return undefined;
    if (leadsIn(u.text)) return under;
    // A question that ends its paragraph: the list's item, the code or the table after it
    // answers it (a paragraph of text after it, by its first sentence: see directAnswer).
    if (ASKS.test(u.text.trimEnd())) return under.kind === 'text' ? undefined : under;
    // A paragraph of text (not a list's item) with no full stop: what it leads to is code, a
    // table or a short paragraph (a command on a line of its own, in plain text).
    if (parts?.[u.part]?.kind !== 'text' || ENDS_SENTENCE.test(u.text) || NUMBERED.test(u.text))
      return undefined;
    return !PROSE.has(under.kind) || (under.kind === 'text' && under.end - under.start <= SHORT_PART_CHARS)
      ? under
      : undefined;
  };
  // Asked for a way, a prohibition ("Please do not report vulnerabilities through public
  // issues.") is not one: the best sentence that gives one instead, when it holds nearly as much
  // of the question; and a short answer does not take a prohibition along.
  const forbids = (u: ScoredSentence | undefined) => way && u !== undefined && PROHIBITION.test(u.text);
  /** The sentence that `fits` holding the most (the first of a tie), when it holds nearly as much as the one chosen. */
  const prefer = (fits: (u: ScoredSentence, i: number) => boolean) => {
    let k = -1;
    sentences.forEach((u, i) => {
      if (fits(u, i) && (k < 0 || u.score > (sentences[k] as ScoredSentence).score)) k = i;
    });
    if (
      k >= 0 &&
      (sentences[k] as ScoredSentence).score >= WAY_SHARE * (sentences[from] as ScoredSentence).score
    )
      [from, to] = [k, k];
  };
  if (forbids(best) && best.score > 0) prefer((u) => !forbids(u));
  // Asked for a way, a sentence that shows it in code ("you can use the formatters option with a
  // level function:" and the code) is one, when it holds nearly as much of the question.
  if (way && !introduces(from))
    prefer((_, i) => {
      const shows = introduces(i);
      return shows !== undefined && !PROSE.has(shows.kind);
    });
  // Code or a table that holds more of the question than any sentence ("which command shows
  // the global prefix?" and `npm config get prefix`) is the answer, after the sentence that
  // introduces it.
  let strongest = -1;
  let strongestScore = (sentences[from] as ScoredSentence).score;
  const onlyRows = split && parts?.every((p) => p.kind === 'table') === true;
  if (split && !onlyRows)
    parts?.forEach((p, i) => {
      if (PROSE.has(p.kind)) return;
      const score = scoreText(text.slice(p.start, p.end), weights);
      if (score > strongestScore) [strongest, strongestScore] = [i, score];
    });
  if (strongest >= 0) {
    const code = parts?.[strongest] as TextPart;
    const lead = sentences.findLast((u) => u.part === strongest - 1);
    const start = lead && code.end - lead.start <= 2 * max ? lead.start : code.start;
    const shown = text.slice(start, code.end);
    return fitSnippet({ text: shown, marks: markWords(shown, weights) }, max);
  }
  const at = sentences[from] as ScoredSentence & { part: number };
  const item = at.text.startsWith(BULLET);
  // A table's row stands alone as an item does (see answerSentences).
  const row = split && parts?.[at.part]?.kind === 'table';
  // A neighbour in the same paragraph or the next one: not across a code block or a table.
  const near = (u: { part: number } | undefined) => u !== undefined && Math.abs(u.part - at.part) <= 1;
  if (!item && !row && at.words < SHORT_SENTENCE_WORDS && sentences.length > 1) {
    // With the sentence after it (before it, for the last), unless that one only leads in to
    // what follows (`Arguments:`) or is a list's item: the sentence is then the answer alone.
    // A lead-in itself takes what it leads in to.
    const joins = (i: number) => {
      const u = sentences[i];
      return (
        u !== undefined &&
        // Not a callout's icon or a line of marks alone (`💡`, `***`): it says nothing.
        /[\p{L}\p{N}]/u.test(u.text) &&
        // A lead-in joins when it holds some of the question itself (not "Arguments:").
        (!leadsIn(u.text) || (u.score > 0 && introduces(i) !== undefined)) &&
        !u.text.startsWith(BULLET) &&
        !NUMBERED.test(u.text) &&
        !(forbids(u) && !forbids(sentences[from]))
      );
    };
    // The last of its paragraph before code or a table has no next: it takes the one before.
    const next = near(sentences[to + 1]) ? sentences[to + 1] : undefined;
    if (next) {
      if ((leadsIn(at.text) && next.part === at.part) || joins(to + 1)) to++;
    } else if (near(sentences[from - 1]) && joins(from - 1)) from--;
  }
  // A question is no answer: asked in the text ("Can I stream games? Yes, on weekends."), a
  // list's item in a FAQ written as a list (`- **Can I stream games?**` over its answer), it
  // comes with the sentence after it that answers it.
  // Several questions in a row ("Can I stream games? Can I record them? Yes to both.") come
  // with the answer after the last; a question that ends its paragraph takes what follows it
  // (see introduces: the list's item, the code).
  let answered = false;
  for (let k = 0; k < MAX_QUESTIONS && ASKS.test((sentences[to] as ScoredSentence).text.trimEnd()); k++) {
    const next = sentences[to + 1] as (ScoredSentence & { part: number }) | undefined;
    const part = (sentences[to] as ScoredSentence & { part: number }).part;
    if (!next || !(next.part === part || (next.part === part + 1 && parts?.[next.part]?.kind === 'text')))
      break;
    to++;
    answered = true;
    if (!ASKS.test(next.text.trimEnd())) break;
  }
  const window = slice(text, sentences, [from, to]);
  // A sentence that goes on from the one before ("Or, worse yet, …") comes with it, if both fit.
  const opening = sentences[from] as ScoredSentence & { part: number };
  const before = sentences[from - 1] as (ScoredSentence & { part: number }) | undefined;
  if (
    GOES_ON.test(opening.text) &&
    before?.part === opening.part &&
    !leadsIn(before.text) &&
    window.end - before.start <= max
  ) {
    window.start = before.start;
    window.text = text.slice(window.start, window.end);
  }
  // A lead-in that ends its paragraph takes what it introduces: a code block or a table, or
  // a list's items while they fit.
  const under = introduces(to);
  if (under) {
    let end = under.end;
    // A lead-in takes the items of its list while they fit; a question, the one that answers it.
    if (under.kind === 'list' && !ASKS.test((sentences[to] as ScoredSentence).text.trimEnd())) {
      const i = parts?.indexOf(under) ?? -1;
      for (
        let k = i + 1;
        parts?.[k]?.kind === 'list' && (parts[k] as TextPart).end - window.start <= max;
        k++
      )
        end = (parts[k] as TextPart).end;
    }
    window.end = end;
    window.text = text.slice(window.start, window.end);
  }
  // An item answers without its bullet or number, an FAQ's answer without its `A:`.
  let answer =
    item && (from === to || answered)
      ? window.text.slice(BULLET.length)
      : window.text.replace(NUMBERED, '').replace(ANSWER_MARK, '');
  // A numbered item that goes on from the paragraph above its list ("An individual Developer
  // may" then "3. propose themselves as a candidate;") comes with it, when both fit.
  if (split && parts && NUMBERED.test(window.text) && /^\p{Ll}/u.test(answer)) {
    const partText = (k: number) => text.slice((parts[k] as TextPart).start, (parts[k] as TextPart).end);
    let k = (sentences[from] as ScoredSentence & { part: number }).part - 1;
    while (k >= 0 && NUMBERED.test(partText(k))) k--;
    const lead = k >= 0 ? partText(k) : '';
    if (lead && !ENDS_SENTENCE.test(lead) && !leadsIn(lead) && lead.length + 1 + answer.length <= max)
      answer = `${lead} ${answer}`;
  }
  // A definition's body opens with its verb ("means either the GNU General Public License…"):
  // the term it defines, its heading, goes before it when both fit.
  const named = term?.replace(NUMBERED, '').trim();
  const defined =
    named && DEFINES.test(answer) && named.length + 1 + answer.length <= max ? `${named} ${answer}` : answer;
  return fitSnippet({ text: defined, marks: markWords(defined, weights) }, max);
}
