/**
 * The paragraphs of a run of plain-text lines, by today's rules: one per line when the lines
 * are long or most end a sentence, otherwise hard-wrapped lines joined, a new paragraph at a
 * list item, an FAQ line or a sentence ending well short of the wrap width; and the lines of a
 * paragraph joined into one text, a web address the wrapping cut joined whole.
 */
import { ENDS_QUESTION, FAQ_QUESTION, joinsWithoutSpace } from '../blocks.js';
import { endsClause } from '../sentences.js';
import { FAQ_LINE, LIST_ITEM, sectionNumber, sibling } from './text-headings.js';
import { WRAP_LIMIT } from './text-lines.js';

const NUMBERED_CLAUSE = /^\s*\d{1,3}(?:\.\d{1,3})+\.?\s+\S/;

/** The length of the longest line (a loop: a block may have any number of lines). */
export function longestOf(lines: readonly (string | number)[]): number {
  let longest = 0;
  for (const line of lines) {
    const n = typeof line === 'number' ? line : line.length;
    if (n > longest) longest = n;
  }
  return longest;
}

/**
 * Whether a line starting with a number continues the paragraph (`…as explained in FAQ entry` /
 * `4.12 and the SSLCERTS document`): the line before it runs to the wrap width without ending a
 * sentence, and the paragraph is not a numbered item the line would follow.
 */
function continuesWithNumber(current: readonly string[], line: string, longest: number): boolean {
  if (!/^\d/.test(line)) return false;
  const prev = current.at(-1);
  if (prev === undefined || endsClause(prev) || prev.length < longest - 15) return false;
  const mine = sectionNumber(line);
  const theirs = sectionNumber(current[0] as string);
  return !(mine && theirs && sibling(theirs, mine, 1));
}

/**
 * Whether a line goes on with the list item a paragraph opens with (not a `Q.` question):
 * it starts in lower case and starts no item itself, whatever the line before ends with ("* See section 12.5, “How do I
 * report a bug?”" / "for notes on reporting bugs.").
 */
function continuesItem(paragraph: readonly string[], line: string | undefined): boolean {
  const first = paragraph[0] ?? '';
  return (
    line !== undefined &&
    LIST_ITEM.test(first) &&
    !FAQ_QUESTION.test(first) &&
    /^\p{Ll}/u.test(line) &&
    !LIST_ITEM.test(line)
  );
}

/** How much of the block's longest line a line fills for its end to be the wrapping's, not a sentence's. */
const FILLED = 0.85;

/**
 * Splits a block of consecutive lines of plain text into paragraphs (each a list of lines).
 * One paragraph per line when lines are long, or when most lines end a sentence (hard-wrapped
 * text breaks lines mid-sentence); otherwise wrapped lines are joined, and a new paragraph
 * starts at a list item, an FAQ line, or after a line that ends a sentence well short of the
 * wrap width.
 */
export function splitBlock(lines: string[]): string[][] {
  const trimmed = lines.map((l) => l.trim());
  const longest = longestOf(trimmed);
  let ending = 0;
  for (let k = 0; k < trimmed.length - 1; k++) if (endsClause(trimmed[k] as string)) ending++;
  const inner = trimmed.length - 1;
  if (longest > WRAP_LIMIT) return trimmed.map((l) => [l]);
  // A question (`Q.`, `Q:`) over several lines, up to the line that asks (ends with `?`) before
  // the next `Q`/`A` line, is one paragraph whatever its sentences: asked[i] is that line for a
  // question starting at line i, -1 for one that never asks.
  // Only a block with a line starting with Q (`Q.`, `Question:`) has questions to look at.
  const asked = trimmed.some((line) => (line.charCodeAt(0) | 32) === 113)
    ? new Int32Array(trimmed.length).fill(-1)
    : undefined;
  for (let k = asked ? trimmed.length - 1 : -1, nextAsk = -1, nextFaq = trimmed.length; k >= 0; k--) {
    const line = trimmed[k] as string;
    if (ENDS_QUESTION.test(line)) nextAsk = k;
    if (asked && FAQ_QUESTION.test(line) && nextAsk >= 0 && nextAsk < nextFaq) asked[k] = nextAsk;
    if (FAQ_LINE.test(line)) nextFaq = k;
  }
  if (inner > 0 && ending / inner >= 0.6) {
    // Mostly one statement per line, but a line that stops mid-sentence still continues on the
    // next, and a question runs to the line that asks.
    const out: string[][] = [];
    for (let k = 0; k < trimmed.length; k++) {
      const line = trimmed[k] as string;
      const upTo = asked?.[k] ?? -1;
      if (upTo > k) {
        out.push(trimmed.slice(k, upTo + 1));
        k = upTo;
        continue;
      }
      const last = out.at(-1);
      const prev = last?.at(-1);
      if (
        last &&
        prev !== undefined &&
        ((!endsClause(prev) && (/^\p{Ll}/u.test(line) || continuesWithNumber(last, line, longest))) ||
          continuesItem(last, line) ||
          // After a line the wrapping filled ending with a full stop (an abbreviation's, or a
          // sentence's before a name in lower case), one going on in lower case carries on its
          // paragraph ("…You can do it e.g." / "in a shell initialization script…").
          (/^\p{Ll}/u.test(line) &&
            /\.$/.test(prev) &&
            !FAQ_QUESTION.test(last[0] ?? '') &&
            prev.length >= FILLED * longest))
      ) {
        last.push(line);
      } else out.push([line]);
    }
    return out;
  }
  const out: string[][] = [];
  let current: string[] = [];
  /** The line that asks the question the current paragraph opens with; -1 when none. */
  let asking = -1;
  trimmed.forEach((line, i) => {
    const startsItem =
      (LIST_ITEM.test(line) || NUMBERED_CLAUSE.test(line) || FAQ_LINE.test(line)) &&
      !continuesWithNumber(current, line, longest);
    if (current.length > 0 && startsItem) {
      out.push(current);
      current = [];
    }
    if (current.length === 0) asking = asked?.[i] ?? -1;
    current.push(line);
    // A line ending a sentence well short of the wrap width ends its paragraph; in a question,
    // up to the line that asks, only that line does (`Q. There is a new release. … Is this ok?`).
    const shortEnd =
      endsClause(line) &&
      line.length < Math.min(0.7 * longest, longest - 15) &&
      !continuesItem(current, trimmed[i + 1]);
    const questionLine = FAQ_QUESTION.test(current[0] ?? '') && ENDS_QUESTION.test(line);
    if (((shortEnd && i >= asking) || questionLine) && i < trimmed.length - 1) {
      out.push(current);
      current = [];
    }
  });
  if (current.length > 0) out.push(current);
  return out;
}

/** A web address ending a line: in brackets it opened (`(https://…`), or bare. */
const URL_IN_BRACKETS = /[(<](?:https?:\/\/|www\.)[^\s)>]*$/;
const URL_AT_END = /(?:^|\s)(?:https?:\/\/|www\.)\S*$/;
/** What goes on with it: up to the bracket that closes it, or a path (`/stable/installmanual`). */
const CLOSES_URL = /^[\w\-./?=&#%~+:@!$*,;]+[)>]/;
const PATH_GOES_ON = /^[/?#][\w\-./?=&#%~+:@!$*,;]*(?:[).,;:!?'">]*)$/;

/**
 * The lines of a wrapped paragraph as one text. A web address the wrapping cut is joined
 * whole, where a space would leave a link to half of it: one in brackets that close on the
 * next line (`(https://wiki.debian.org/ReleaseGoals/` then `SecurityHardeningBuildFlags)`),
 * or, on a line the wrapping filled, one the next line goes on with a path
 * (`https://www.debian.org/releases` then `/stable/installmanual`; a short line's address is
 * whole, and `/usr/local/bin` after it a path of its own). A bare address ending a line is
 * whole (`See https://…/` then `for more information.`). Each line is looked at once.
 */
export function joinWrapped(lines: readonly string[]): string {
  if (lines.length < 2) return lines[0] ?? '';
  let widest = 0;
  for (const line of lines) widest = Math.max(widest, line.trimEnd().length);
  const parts: string[] = [lines[0] ?? ''];
  for (let i = 1; i < lines.length; i++) {
    const before = lines[i - 1] as string;
    const line = lines[i] as string;
    const tail = before.slice(-300);
    const first = /^\S+/.exec(line)?.[0] ?? '';
    const cut =
      first !== '' &&
      (tail.includes('http') || tail.includes('www.')) &&
      ((URL_IN_BRACKETS.test(tail) && CLOSES_URL.test(first)) ||
        (before.trimEnd().length >= 0.9 * widest && URL_AT_END.test(tail) && PATH_GOES_ON.test(first)));
    parts.push(cut || joinsWithoutSpace(before, line, widest) ? line.trimStart() : ` ${line}`);
  }
  return parts.join('');
}
