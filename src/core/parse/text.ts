/**
 * Plain text to blocks, whatever the layout: one paragraph per line, hard-wrapped text with
 * blank lines between paragraphs, numbered and bulleted lists, `Q:`/`A:` lines, and the headings
 * of real plain-text documentation — numbered sections (`4.2.1 Title`, `Article 4`, `§ 3`),
 * underlined (RST/Setext) titles, ALL-CAPS lines, questions standing on their own line, and
 * terms with an indented description (`  libcurl` / `    A client-side URL library…`).
 *
 * A heading is short, stands alone (a blank line after it, or its body indented under it) and
 * is not a sentence; a numbered line that fails this is a list item or a clause. A table of
 * contents comes out one block per entry, each with the exact text of the heading it lists, so
 * that passages.ts recognises and drops it.
 *
 * Everything runs in linear time: a loop over lines, regular expressions only on single lines
 * (most of them anchored and on lines short enough to be a heading), no recursion.
 *
 * This module turns runs into blocks. The lines and their runs come from text-lines.ts, what a
 * line is (a section number, a title, a question, a term) from text-headings.ts, tables of
 * contents from text-contents.ts, and the paragraphs of a run from text-paragraphs.ts.
 */
import { type Block, ENDS_QUESTION, FAQ_QUESTION, faqEntry, type ParsedBlocks } from '../blocks.js';
import { type Contents, contentsEntries, contentsOf, type KnownHeading } from './text-contents.js';
import { header } from './text-header.js';
import {
  asciiArt,
  BULLET,
  brokenOnPurpose,
  capsLine,
  centred,
  dottedTitle,
  entryTitle,
  evenMargins,
  FAQ_LINE,
  headingLike,
  headingText,
  keywordTitled,
  LIST_ITEM,
  looksLikeHeading,
  nextInSequence,
  numberedQuestion,
  numberedTitle,
  prose,
  questionLine,
  runInTitle,
  type SectionNumber,
  saysSomething,
  sectionNumber,
  sectionOfClauses,
  sibling,
  termLine,
  titleLine,
  under,
  withLetteredSections,
} from './text-headings.js';
import {
  collapse,
  HEADING_MAX,
  type Line,
  lastLine,
  toLines,
  toUnits,
  type Unit,
  wrapWidth,
} from './text-lines.js';
import { joinWrapped, longestOf, splitBlock } from './text-paragraphs.js';

export { joinWrapped };

/**
 * The longest numbered question over several lines, in an FAQ of numbered questions (German:
 * "3.1.12. Im Augenblick verwende ich Testing (bookworm). Was wird passieren, wenn …? Werde ich
 * weiterhin …?", 230 characters, four lines); elsewhere 2 × HEADING_MAX over three lines (a
 * numbered step that ends asking "Not sure which file to pick?" stays a step).
 */
const FAQ_QUESTION_MAX = 300;
/** An FAQ of numbered questions: this many lines, at least, each a numbered question alone. */
const FAQ_QUESTIONS = 3;
const NUMBERED_QUESTION_LINE = /^\s*\d{1,3}(?:\.\d{1,3})+\.?\s+\S.*\?\s*$/;
/** A heading guessed from its layout. */
const GUESSED_LEVEL = 7;
/** A question heading without a number: below any guessed heading, so that one closes it. */
const QUESTION_LEVEL = 8;
/** Numbered headings deeper than this share it, staying above guessed headings. */
const NUMBERED_MAX_LEVEL = 6;
/** How much deeper than the numbered section open above it a clause numbered afresh is indented. */
const CLAUSE_INDENT = 2;
/** A centred heading: a part of the document, above its numbered sections. */
const CENTRED_LEVEL = 1;
/** A bullet made of a symbol (`*`, `-`, `•`), with the space after it. */
const BULLET_MARK = /^[-*+\u2022\u25E6\u2023]\s+/;

/** Parses a plain-text file into blocks. */
export function parseText(content: string): ParsedBlocks {
  const all = toLines(content);
  const top = header(all);
  if (!top) return parseBody(all);
  const body = parseBody(all.slice(top.end));
  return {
    meta: top.title ? { ...body.meta, title: top.title } : body.meta,
    blocks: [{ kind: 'text', text: top.fields.join(' · '), notice: true }, ...body.blocks],
  };
}

function parseBody(lines: Line[]): ParsedBlocks {
  return withLetteredSections(lines, () => parseLines(lines));
}

function parseLines(lines: Line[]): ParsedBlocks {
  const units = toUnits(lines);
  const width = wrapWidth(lines);
  const faq = lines.filter((l) => NUMBERED_QUESTION_LINE.test(l.text)).length >= FAQ_QUESTIONS;
  const first = parseUnits(units, width, undefined, faq);
  if (first.known.length === 0) return { meta: {}, blocks: first.blocks };
  // Second pass only when some block of lines lists the headings found after it.
  const contents = contentsOf(first.known);
  const listing = units.some(
    (u) => u.kind === 'run' && u.lines.length > 1 && contentsEntries(u.lines, contents),
  );
  if (!listing) return { meta: {}, blocks: first.blocks };
  return { meta: {}, blocks: parseUnits(units, width, contents, faq).blocks };
}

// ---------------------------------------------------------------------------------------------
// Blocks

interface Parsed {
  blocks: Block[];
  known: KnownHeading[];
}

/** Turns units into blocks; `contents` (from a first pass) splits tables of contents. */
function parseUnits(
  units: readonly Unit[],
  width: number,
  contents: Contents | undefined,
  faq: boolean,
): Parsed {
  const blocks: Block[] = [];
  const known: KnownHeading[] = [];
  /**
   * The headings open at this point, as passages.ts will stack them: a term's indentation, and
   * a guessed heading's (a short line standing alone), -1 for others.
   */
  const stack: { level: number; term: number; guessed: number; numbered: number }[] = [];
  /** Level given to each section number, so that `4.2` goes under whatever `4` was. */
  const numberLevels = new Map<string, number>();
  /** The last numbered heading, and its indentation (see nextEntry). */
  let lastNumbered: { num: SectionNumber; indent: number } | undefined;
  /**
   * Whether a numbered line standing alone over text is the next entry after the last numbered
   * heading (`4.` after `3. Where can I get…?`, `8.1` after `7.7`, at its indentation), stated as a sentence
   * (` 4. compress() returns Z_BUF_ERROR.`, `4.5. Memcheck doesn't report any errors and I
   * know my program has errors.`): a heading too, as an FAQ numbers its entries. At most two
   * lines short enough for a heading.
   */
  const nextEntry = (num: SectionNumber, lines: readonly Line[], text: string) =>
    lastNumbered !== undefined &&
    num.keyword === undefined &&
    lines.length <= 2 &&
    text.length <= 2 * HEADING_MAX &&
    // Set at its indentation, or numbers set flush right (` 9.` over `10.`).
    ((lines[0] as Line).indent === lastNumbered.indent ||
      (lines[0] as Line).indent + num.label.length === lastNumbered.indent + lastNumbered.num.label.length) &&
    nextInSequence(lastNumbered.num, num) &&
    /\p{L}/u.test(num.title);
  /** Keyword ranks by first appearance: `Article` then `§` makes `§` one level down. */
  const keywordRanks = new Map<string, number>();
  const separated = units.length > 1;

  /** The lines read as headings so far, and how many. */
  const headingLines = new Set<number>();
  const pushHeading = (text: string, level: number, line: Line, term = -1, numbered = -1) => {
    while ((stack.at(-1)?.level ?? 0) >= level) stack.pop();
    stack.push({ level, term, guessed: level === GUESSED_LEVEL && term < 0 ? line.indent : -1, numbered });
    blocks.push({ kind: 'heading', text, level });
    known.push({ line: line.index, text });
    headingLines.add(line.index);
  };
  const numberedLevel = (num: SectionNumber, fixed?: number): number => {
    let level = fixed ?? Math.min(num.depth, NUMBERED_MAX_LEVEL);
    if (fixed === undefined) {
      if (num.keyword) {
        if (!keywordRanks.has(num.keyword)) keywordRanks.set(num.keyword, keywordRanks.size + 1);
        level = Math.max(level, keywordRanks.get(num.keyword) as number);
      }
      const dot = num.key.lastIndexOf('.');
      const parent = dot > 0 ? numberLevels.get(num.key.slice(0, dot)) : undefined;
      if (parent !== undefined) level = Math.max(level, parent + 1);
      level = Math.min(level, NUMBERED_MAX_LEVEL);
    }
    numberLevels.set(num.key, level);
    return level;
  };
  /**
   * A numbered heading, at its number's level; or, indented under the numbered section open
   * above it and numbered afresh (`2. Details regarding voting` at four spaces under `  6.3.
   * Procedure`), one of that section's clauses, one level below it: not a new top-level
   * section that would take every later clause with it. Its number does not place later ones.
   * Only under plain numbers: `3.1.` indented under `Section 2.` keeps its own level.
   */
  const numberedHeading = (text: string, num: SectionNumber, line: Line) => {
    lastNumbered = { num, indent: line.indent };
    const open = stack.findLast((o) => o.numbered >= 0 && o.numbered + CLAUSE_INDENT <= line.indent);
    const before = numberLevels.get(num.key);
    let level = numberedLevel(num);
    if (open && !num.keyword && level <= open.level) {
      level = Math.min(open.level + 1, NUMBERED_MAX_LEVEL);
      if (before === undefined) numberLevels.delete(num.key);
      else numberLevels.set(num.key, before);
    }
    pushHeading(headingText(text, num), level, line, -1, num.keyword ? -1 : line.indent);
  };
  /**
   * A term: one level below the heading it sits under. It closes the terms at its indentation
   * or deeper, and the guessed headings deeper than it: in a list of entries
   * (`  debian-user@lists.debian.org` over `      Description: …`), a short line that stood
   * alone inside one entry does not hold every later entry under it.
   */
  const termHeading = (text: string, line: Line) => {
    const closes = (open: { term: number; guessed: number }) =>
      open.term >= line.indent || open.guessed > line.indent;
    while (stack.length > 0 && closes(stack.at(-1) as { term: number; guessed: number })) stack.pop();
    const enclosing = stack.at(-1)?.level;
    pushHeading(text, enclosing === undefined ? GUESSED_LEVEL : enclosing + 1, line, line.indent);
  };
  const questionHeading = (text: string, line: Line) => pushHeading(text, QUESTION_LEVEL, line);
  /**
   * A short line standing alone: a heading of the guessed level, unless terms are open at its
   * indentation or deeper under a heading the text marks out (underlined, numbered): then it
   * closes them and stands beside the outermost of them, as a term would (a directory's
   * `Ports to non-i386 Linux architectures` after the indented entries of `Internationalization
   * and Translations`, both under an underlined `Subscription`), or under a term. Under a
   * guessed heading (`LICENCE` after `GLOSSARY` and its terms) it is a guessed heading beside
   * that one.
   */
  const guessedHeading = (text: string, line: Line) => {
    const outer = stack.findIndex((open) => open.term >= line.indent);
    const parent = stack[outer - 1];
    // Under a term too (`Note` among the sub-terms of `start`, itself a term of `Commands`).
    if (outer >= 0 && ((parent?.level ?? 0) < GUESSED_LEVEL || (parent?.term ?? -1) >= 0))
      termHeading(text, line);
    else pushHeading(text, GUESSED_LEVEL, line);
  };
  const paragraphs = (lines: readonly Line[]) => {
    if (lines.length === 0) return;
    for (const para of splitBlock(lines.map((l) => l.text))) {
      const text = joinWrapped(para);
      // A numbered clause with its title run in (`4. Redistribution. You may…`): a section.
      const runIn = runInTitle(text);
      if (runIn) {
        pushHeading(collapse(runIn.heading), numberedLevel(runIn.num), lines[0] as Line);
        blocks.push({ kind: 'text', text: runIn.body });
      } else blocks.push({ kind: 'text', text });
    }
  };

  /**
   * The last section over its own clauses (`2. Content` over `2.1 …`): its number, and the
   * headings read when it was. The next number (`3.`) heads one too, right after it: no
   * other heading came between.
   */
  let lastSection: { num: SectionNumber; headings: number } | undefined;
  const followsSection = (num: SectionNumber) =>
    lastSection !== undefined &&
    lastSection.headings === headingLines.size &&
    sibling(lastSection.num, num, 1);

  /**
   * Whether a numbered line is an item of a list: the item before or after it is its sibling.
   * A title closed by a full stop (`3.1. Application of License.`) heads a section unless the
   * next line is its sibling (then they are a list of titles, with nothing under them).
   */
  const listItem = (num: SectionNumber, line: Line, u: number) => {
    // After a section over its clauses, the next number heads one too: no list item.
    if (followsSection(num)) return false;
    const prev = units[u - 1];
    const next = units[u + 1];
    const first = (unit: Unit | undefined) => (unit?.kind === 'run' ? unit.lines[0] : undefined);
    const dotted = dottedTitle(num.title);
    for (const [other, step] of [
      [dotted ? undefined : first(prev), -1],
      [first(next), 1],
    ] as const) {
      if (!other || other.indent !== line.indent) continue;
      const theirs = sectionNumber(other.text);
      // A sibling before it that heads a section makes it one too.
      if (step === -1 && theirs && headingLines.has(other.index) && sibling(theirs, num, 1)) continue;
      if (theirs && (step === 1 ? sibling(num, theirs, 1) : sibling(theirs, num, 1))) return true;
    }
    return false;
  };

  let skipNext = 0;
  /** Where the run being read goes on, after a section split off its start (see below). */
  let resume = 0;
  for (let u = 0; u < units.length; u++) {
    const unit = units[u] as Unit;
    if (unit.kind === 'rst') {
      const num = sectionNumber(unit.text);
      if (num) numberedLevel(num, unit.level);
      pushHeading(unit.text, unit.level, unit.line);
      skipNext = 0;
      resume = 0;
      continue;
    }
    const from = resume > 0 ? resume : skipNext;
    resume = 0;
    skipNext = 0;
    const all = unit.lines;
    if (from >= all.length) continue;

    // A numbered title over its own numbered clauses (`2. Content` then `2.1 No NSFW content.`,
    // `2.2 …`), and the numbers right after it (`3. Punishments`): sections, their clauses or
    // text under them, up to the next number that is not theirs; the run goes on from there.
    // Not in a table of contents.
    const head = all[from] as Line;
    const headNum = FAQ_LINE.test(head.text) ? undefined : sectionNumber(head.text);
    if (
      headNum?.parts?.length === 1 &&
      !(contents && from === 0 && all.length > 1 && contentsEntries(all, contents))
    ) {
      const later = clauseRuns(units, u, headNum);
      const section = sectionOfClauses(all, from, headNum, later, followsSection(headNum));
      if (section) {
        numberedHeading(collapse(head.text), headNum, head);
        lastSection = { num: headNum, headings: headingLines.size };
        hanging(all.slice(from + 1, section.end), width);
        if (section.end < all.length) {
          resume = section.end;
          u--;
        }
        continue;
      }
    }
    const lines = from > 0 ? all.slice(from) : all;
    const next = units[u + 1];
    const nextRun = next?.kind === 'run' ? next.lines : undefined;
    const F = lines[0] as Line;

    // A table of contents: one block per entry, with the text of the heading it lists.
    if (contents && lines.length > 1) {
      const entries = contentsEntries(lines, contents);
      if (entries) {
        for (const text of entries) blocks.push({ kind: 'text', text, contents: true });
        continue;
      }
    }
    if (asciiArt(lines)) continue;

    const num = FAQ_LINE.test(F.text) ? undefined : sectionNumber(F.text);

    // A bare number (or `Article 4`) with its title on the next line.
    if (num && !num.title) {
      const sameRun = lines[1];
      const title = sameRun ?? nextRun?.[0];
      const rest = sameRun ? lines.slice(2) : [];
      const standsAlone = sameRun
        ? rest.length === 0 ||
          (rest[0] as Line).indent > sameRun.indent ||
          sameRun.text.length < longestOf(rest.map((l) => l.text)) * 0.7
        : nextRun !== undefined &&
          (nextRun.length === 1 || (nextRun[1] as Line).indent > (nextRun[0] as Line).indent);
      if (
        title &&
        titleLine(title.text) &&
        standsAlone &&
        collapse(`${num.label} ${title.text}`).length <= HEADING_MAX
      ) {
        numberedHeading(collapse(`${num.label} ${title.text}`), num, F);
        if (sameRun) paragraphs(rest);
        else skipNext = 1;
        continue;
      }
      if (num.keyword && !sameRun && separated) {
        numberedHeading(collapse(num.label), num, F);
        continue;
      }
      paragraphs(lines);
      continue;
    }

    // An entry between rule lines (`********`): its first paragraph, one short sentence with
    // more text under it, heads it ("Home/End keys don't work in some applications.").
    const entry = unit.ruled && !num && next?.kind === 'run' && !next.ruled ? entryTitle(lines) : undefined;
    if (entry !== undefined) {
      pushHeading(entry, GUESSED_LEVEL, F);
      continue;
    }

    if (lines.length === 1) {
      singleLine(F, num, u, nextRun);
      continue;
    }

    // `Rule 2 - No spam` next to `Rule 3 - …` are sections, not the items of a numbered list.
    const titled =
      num !== undefined &&
      (keywordTitled(F.text, num, lines[1]?.text) ||
        (dottedTitle(num.title) && /^["'\u201C(]?[\p{Lu}\d]/u.test(lines[1]?.text ?? '')));
    const numbered = num !== undefined && numberedTitle(F.text, num) && (titled || !listItem(num, F, u));
    const second = lines[1] as Line;

    // A numbered or ALL-CAPS heading right above the hard-wrapped paragraph it heads.
    if ((numbered || (!num && capsLine(F.text))) && second.indent === F.indent) {
      const rest = lines.slice(1);
      const longest = longestOf(rest.map((l) => l.text));
      if (
        !LIST_ITEM.test(second.text) &&
        !FAQ_LINE.test(second.text) &&
        sectionNumber(second.text) === undefined &&
        // A keyword heading with a separated title (`Rule 2 - No spam`) is one whatever the
        // length of the lines under it; otherwise the line must be shorter than the text's.
        (titled ||
          (F.text.length < Math.min(0.7 * longest, longest - 15) &&
            brokenOnPurpose(F, second, Math.max(width, longest)))) &&
        prose(rest)
      ) {
        if (num) numberedHeading(collapse(F.text), num, F);
        else pushHeading(collapse(F.text), GUESSED_LEVEL, F);
        paragraphs(rest);
        continue;
      }
    }

    // A numbered question over up to three lines, its answer under it: an FAQ's entry ("1.5.
    // What is the difference between Debian and other Linux / distributions? Why should I
    // choose Debian?"), however wide the document's other lines run; four in an FAQ of numbered
    // questions (translated, a question runs longer).
    if (
      num &&
      lines.length <= (faq ? 4 : 3) &&
      nextRun &&
      numberedQuestion(lines, faq ? FAQ_QUESTION_MAX : 2 * HEADING_MAX) &&
      !listItem(num, F, u)
    ) {
      numberedHeading(collapse(joinWrapped(lines.map((l) => l.text))), num, F);
      continue;
    }

    // A numbered heading wrapped over two lines, standing alone (the next entry after a
    // numbered heading also when its wrap came early, mid-sentence, its second line going on in
    // lower case).
    const wrapped = !brokenOnPurpose(F, second, width);
    if (
      num &&
      lines.length === 2 &&
      (wrapped ||
        (second.indent === F.indent && /^\P{L}*\p{Ll}/u.test(second.text) && !/[.?!:;]$/.test(F.text))) &&
      !LIST_ITEM.test(second.text)
    ) {
      const joined = collapse(`${F.text} ${second.text}`);
      const joinedNum = sectionNumber(joined);
      if (
        joinedNum &&
        ((wrapped && numberedTitle(joined, joinedNum)) || nextEntry(joinedNum, lines, joined)) &&
        !listItem(joinedNum, F, u) &&
        nextRun
      ) {
        numberedHeading(joined, joinedNum, F);
        continue;
      }
    }

    // Today's headline: a short first line right above hard-wrapped text (not indented under it).
    if (u === 0 && !num && second.indent <= F.indent) {
      const longest = longestOf(lines.map((l) => l.text));
      if (looksLikeHeading(F.text) && F.text.length < Math.min(0.7 * longest, longest - 15)) {
        if (separated) pushHeading(F.text, GUESSED_LEVEL, F);
        else blocks.push({ kind: 'text', text: F.text });
        hanging(lines.slice(1), width);
        continue;
      }
    }

    // A title of two or three lines in capitals standing alone, each set in the middle (`GNU
    // GENERAL PUBLIC LICENSE` over `TERMS AND CONDITIONS FOR COPYING, DISTRIBUTION AND
    // MODIFICATION`; not a table of keys): a part of the document, as a centred line alone is,
    // closing the `Preamble` before it.
    if (
      separated &&
      !num &&
      lines.length <= 3 &&
      lines.every((l) => capsLine(l.text) && headingLike(l) && evenMargins(l, width)) &&
      centred(F, width, undefined, lastLine(units[u - 1]))
    ) {
      pushHeading(collapse(lines.map((l) => l.text).join(' ')), CENTRED_LEVEL, F);
      continue;
    }
    hanging(lines, width);
  }

  /**
   * A run of lines where a line may head the more-indented lines under it (a numbered heading,
   * a question, a term with its description); the other lines are paragraphs as before.
   */
  function hanging(lines: readonly Line[], docWidth: number): void {
    let pending: Line[] = [];
    for (let a = 0; a < lines.length; ) {
      const head = lines[a] as Line;
      let b = a + 1;
      while (b < lines.length && (lines[b] as Line).indent > head.indent) b++;
      const body = lines.slice(a + 1, b);
      // A bulleted term or question (`* Performance`) heads its indented description as the same
      // line without the bullet does; a bulleted line heads nothing else.
      // Only when the description starts a sentence of its own, further in than the item's text:
      // a hard-wrapped item (`- Slow startup` / `  on machines with…`) stays an item.
      const mark = BULLET_MARK.exec(head.text)?.[0];
      const asHead = mark
        ? { ...head, indent: head.indent + mark.length, text: head.text.slice(mark.length) }
        : head;
      let kind = b - a > 1 ? headsBody(asHead, body, docWidth) : undefined;
      if (
        mark &&
        ((kind !== 'term' && kind !== 'question') ||
          !body.every((l) => l.indent > asHead.indent) ||
          !/^\p{Lu}/u.test((body[0] as Line).text))
      )
        kind = undefined;
      if (kind) {
        paragraphs(pending);
        pending = [];
        const text = collapse(asHead.text);
        if (kind === 'numbered') numberedHeading(text, sectionNumber(head.text) as SectionNumber, head);
        else if (kind === 'question') questionHeading(text, head);
        else if (kind === 'caps') pushHeading(text, GUESSED_LEVEL, head);
        else termHeading(text, head);
        paragraphs(body);
      } else for (let k = a; k < b; k++) pending.push(lines[k] as Line);
      a = b;
    }
    paragraphs(pending);
  }

  /** Whether the last block is a heading asking a question (the next line starts its answer). */
  function afterQuestion(): boolean {
    const last = blocks.at(-1);
    return last?.kind === 'heading' && ENDS_QUESTION.test(last.text);
  }

  /** A line standing alone (blank lines around it). */
  function singleLine(F: Line, num: SectionNumber | undefined, u: number, nextRun: Line[] | undefined): void {
    // Headings are short; a long line is never collapsed for nothing.
    const text = F.text.length <= HEADING_MAX ? collapse(F.text) : F.text;
    const nextFirst = nextRun?.[0];
    const notDeeper = !nextFirst || F.indent <= nextFirst.indent;
    if (FAQ_LINE.test(F.text)) {
      paragraphs([F]);
      return;
    }
    if (num) {
      // `Section 2. Meetings.` after `Section 1. Purpose.` is a section, not a list's item.
      const section = num.keyword !== undefined && dottedTitle(num.title);
      // A numbered question of several sentences ("3.1.13. I am still confused. What did you
      // say I should install?") heads the answer under it.
      const asks = nextRun !== undefined && (numberedQuestion([F]) || nextEntry(num, [F], F.text));
      if ((numberedTitle(F.text, num) || asks) && (section || !listItem(num, F, u)))
        numberedHeading(text, num, F);
      else paragraphs([F]);
      return;
    }
    if (separated) {
      // A centred line heads a part of the document (`Preamble`, `How to Apply These Terms…`),
      // closing the numbered sections before it; a centred heading may follow another.
      const before = blocks.at(-1)?.kind === 'heading' ? undefined : lastLine(units[u - 1]);
      if (centred(F, width, nextFirst, before) && !afterQuestion() && headingLike(F)) {
        pushHeading(text, CENTRED_LEVEL, F);
        return;
      }
      if (questionLine(F.text) && nextFirst && !ENDS_QUESTION.test(nextFirst.text) && notDeeper) {
        questionHeading(text, F);
        return;
      }
      // A field set out with a spaced colon (`Description : debian-user in Chinese`) heads
      // nothing, nor the indented text set where its value starts (the rest of the value). Over
      // other indented text it heads it as before (French puts a space before a colon:
      // `Linux : paquets` over its instructions).
      if (SPACED_FIELD.test(F.text) && (!nextFirst || nextFirst.indent === valueColumn(F))) {
        paragraphs([F]);
        return;
      }
      // A term (`* Internationalisation` too) over its indented explanation, or an indented one
      // over its fields (`  debian-user@lists.debian.org` over `      Description : …`; an
      // unindented line over `  Host: db.example.org` stays the heading it was).
      const term = F.text.replace(BULLET_MARK, '');
      if (
        nextRun &&
        nextFirst &&
        nextFirst.indent > F.indent &&
        termLine(term) &&
        (prose(paragraphOf(nextRun)) || (F.indent > 0 && FIELD_LABEL.test(nextFirst.text)))
      ) {
        termHeading(term === F.text ? text : collapse(term), F);
        return;
      }
      if (notDeeper && !afterQuestion() && capsLine(F.text)) {
        guessedHeading(text, F);
        return;
      }
      // A short line, as before; not a bullet, not lower case (`or perhaps`), not the `Yes`
      // that answers the question heading right above it.
      if (
        notDeeper &&
        !afterQuestion() &&
        headingLike(F) &&
        !(saysSomething(F.text) && nextRun !== undefined && !prose(paragraphOf(nextRun)))
      ) {
        guessedHeading(F.text, F);
        return;
      }
    }
    paragraphs([F]);
  }

  markQuestions(blocks);
  return { blocks, known };
}

/**
 * `Q:` lines heading an answer are questions; the marks go (the section is the question, the
 * text its answer).
 */
function markQuestions(blocks: Block[]): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    const next = blocks[i + 1];
    if (
      b.kind === 'text' &&
      FAQ_QUESTION.test(b.text) &&
      next?.kind === 'text' &&
      !FAQ_QUESTION.test(next.text)
    ) {
      const entry = faqEntry(b.text, next.text);
      b.kind = 'question';
      b.text = entry.question;
      next.text = entry.answer;
    }
  }
}

/**
 * The runs right after unit `u` that open with one of the clauses of `num` (`1.2` after `1.`):
 * their first lines.
 */
function clauseRuns(units: readonly Unit[], u: number, num: SectionNumber): Line[] {
  const later: Line[] = [];
  for (let k = u + 1; k < units.length; k++) {
    const next = units[k] as Unit;
    const first = next.kind === 'run' ? next.lines[0] : undefined;
    const n = first ? sectionNumber(first.text) : undefined;
    if (!first || !n || !under(n, num)) break;
    later.push(first);
  }
  return later;
}

/** What heads the indented lines under it, if the line does. */
function headsBody(head: Line, body: readonly Line[], docWidth: number): string | undefined {
  const first = body[0] as Line;
  const w = Math.max(
    docWidth,
    head.indent + head.text.length,
    longestOf(body.map((l) => l.indent + l.text.length)),
  );
  if (head.indent + head.text.length > 0.65 * w || !brokenOnPurpose(head, first, w)) return undefined;
  if (FAQ_LINE.test(head.text) || BULLET.test(head.text)) return undefined;
  const num = sectionNumber(head.text);
  if (num) return numberedTitle(head.text, num) ? 'numbered' : undefined;
  if (questionLine(head.text)) return 'question';
  if (capsLine(head.text)) return 'caps';
  if (termLine(head.text) && prose(body) && !wrappedField(head, first)) return 'term';
  return undefined;
}

/** A field's label and the space up to its value (`Description : `, `Moderated: `). */
const FIELD_LABEL = /^\p{L}[\p{L}\p{N} _-]{0,30}?\s*:\s+(?=\S)/u;
/** A field whose label is set apart from its colon, as aligned fields are (`Moderated   : yes`). */
const SPACED_FIELD = /^\p{L}[\p{L}\p{N}_-]{0,30}\s+:\s+\S/u;

/** The column a field's value starts at (`Description : ` then the value), if the line is a field. */
function valueColumn(line: Line): number | undefined {
  const label = FIELD_LABEL.exec(line.text)?.[0];
  return label === undefined ? undefined : line.indent + label.length;
}

/**
 * Whether `head` is a field whose value wraps onto `first`, set where the value starts
 * (`Description : Discussions about special needs in enterprise` over `environments and…` in
 * the column of `Discussions`): one paragraph, not a term over its description.
 */
function wrappedField(head: Line, first: Line): boolean {
  if (first.indent !== valueColumn(head)) return false;
  // Set where the value starts by chance (`Debian: apt` over a tab-indented `Run apt install…`)
  // is a term over its description: a wrapped value goes on in lower case, or has a spaced label.
  return SPACED_FIELD.test(head.text) || !/^\p{Lu}/u.test(first.text);
}

/** The lines of a run up to its first line that is not more indented than the first. */
function paragraphOf(lines: readonly Line[]): Line[] {
  const base = (lines[0] as Line).indent;
  let end = 1;
  while (end < lines.length && (lines[end] as Line).indent >= base) end++;
  return lines.slice(0, end);
}
