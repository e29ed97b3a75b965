/**
 * Picks the sentences that answer: the direct answer (the best sentence or two of the top
 * paragraph) and each result's excerpt (its best sentence window), with the question's
 * matched words marked by character ranges on the original text.
 */
import { type MatchWeights, markWords, type Snippet } from './excerpt-marks.js';
import {
  BULLET,
  bestWindow,
  fitSnippet,
  type ScoredSentence,
  scoreSentences,
  scoreText,
  slice,
} from './excerpt-sentences.js';
import { countWords, type TextPart } from './sections.js';
import { leadsIn } from './sentences.js';

export { type Mark, type MatchWeights, type Snippet, termWeights } from './excerpt-marks.js';

/** Longest excerpt, in characters, before it is cut around its first match. */
export const EXCERPT_MAX = 360;
/** An answer sentence shorter than this many words takes its neighbour along. */
const SHORT_SENTENCE_WORDS = 12;

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

/** Questions in a row that a direct answer runs on over, to the sentence that answers them. */
const MAX_QUESTIONS = 3;
/** A sentence that asks: it ends with a question mark (and a closing quote or bracket). */
const ASKS = /[?\uFF1F]["'\u201D\u2019)\]*_]*$/;

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
