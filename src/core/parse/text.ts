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
 */
import {
  type Block,
  ENDS_QUESTION,
  FAQ_QUESTION,
  faqEntry,
  joinsWithoutSpace,
  type ParsedBlocks,
} from '../blocks.js';
import { moreLettersThan } from '../normalize.js';
import { endsClause, leadsOn } from '../sentences.js';

/** The longest line a hard-wrapped text has; longer lines mean one paragraph per line. */
const WRAP_LIMIT = 100;
/** The longest numbered or question heading. */
const HEADING_MAX = 100;
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
/** The longest heading guessed from layout alone (a short line, an ALL-CAPS line). */
const SHORT_HEADING_MAX = 80;
/** The longest term line over an indented description (`libcurl`). */
const TERM_MAX = 60;
const TERM_WORDS = 8;
/** A heading guessed from its layout. */
const GUESSED_LEVEL = 7;
/** A question heading without a number: below any guessed heading, so that one closes it. */
const QUESTION_LEVEL = 8;
/** Numbered headings deeper than this share it, staying above guessed headings. */
const NUMBERED_MAX_LEVEL = 6;
const TAB = 8;

const LIST_ITEM =
  /^\s*(?:[-*+\u2022\u25E6\u2023]|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)])\s+\S/;
const NUMBERED_CLAUSE = /^\s*\d{1,3}(?:\.\d{1,3})+\.?\s+\S/;
const FAQ_LINE = /^\s*(?:Q|A|Question|Answer)\s*[:.)]\s+\S/i;
/** A heading's title never ends like a sentence or a clause (a question mark is fine). */
const TITLE_CLAUSE_END = /[.,;:\u2026]["'\u201D\u2019)\]]*$/;
/** Two sentences in one line: a word, a full stop, a space, a capital. */
const TWO_SENTENCES = /\p{Ll}{2}[.!?]["'\u201D\u2019)\]]*\s+["'\u201C\u2018(]?\p{Lu}/u;
/** A bullet made of a symbol (`*`, `-`, `•`), with the space after it. */
const BULLET_MARK = /^[-*+\u2022\u25E6\u2023]\s+/;
/** Bullets and lettered or parenthesised items: never a section number. */
const BULLET = /^(?:[-*+\u2022\u25E6\u2023](?:\s|$)|\(?(?:[a-zA-Z]|[ivxlcIVXLC]{1,5}|\d{1,3})\)\s)/;

/**
 * The words that number a section, by the English word they stand for: English, German, French,
 * Spanish, Portuguese, Italian and Dutch (`Kapitel 1.`, `Regel 2`, `Chapitre 3`, `Artículo 4`).
 */
const SECTION_WORDS: Record<string, readonly string[]> = {
  article: ['article', 'artikel', 'artículo', 'articulo', 'artigo', 'articolo'],
  section: ['section', 'abschnitt', 'sección', 'seccion', 'seção', 'secção', 'sezione', 'sectie'],
  chapter: ['chapter', 'kapitel', 'chapitre', 'capítulo', 'capitulo', 'capitolo', 'hoofdstuk'],
  part: ['part', 'teil', 'partie', 'parte', 'deel'],
  appendix: ['appendix', 'anhang', 'annexe', 'apéndice', 'apendice', 'apêndice', 'appendice', 'bijlage'],
  annex: ['annex', 'anexo', 'allegato'],
  schedule: ['schedule'],
  rule: ['rule', 'regel', 'règle', 'regle', 'regla', 'regra', 'regola'],
  step: ['step', 'schritt', 'étape', 'etape', 'paso', 'passo', 'etapa', 'stap'],
};
/** A section word as written (lower case) → the English word it stands for. */
const SECTION_WORD = new Map(
  Object.entries(SECTION_WORDS).flatMap(([english, all]) => all.map((w) => [w, english] as const)),
);

/** `Article 4`, `ARTICLE IV`, `Section 2.1`, `§ 3`, `Chapter 1`, `Rule #2`, `Step 3`… and what follows. */
const KEYWORD_NUMBER = new RegExp(
  `^(?:(${[...SECTION_WORD.keys()].join('|')})\\s+#?|(art|sec|sect)\\.\\s*|(§{1,2})\\s*)(\\d{1,3}(?:\\.\\d{1,3})*|[ivxlcdm]{1,7}|[a-z])(?![\\p{L}\\p{N}])\\.?`,
  'iu',
);
/** What sets a keyword heading's title apart from its number: `Rule 2 - No spam`, `Article 4: Fees`. */
const TITLE_SEPARATOR = /^\s*[:\-\u2013\u2014]\s+\S/;
/** `1.`, `1.7.`, `6.2.2.`, `4.2.1` (a single number needs its dot). */
const PLAIN_NUMBER = /^(?:(\d{1,3}(?:\.\d{1,3})+)\.?|(\d{1,3})\.)(?=\s|$)/;
/** `IV.` (I to XXXIX). */
const ROMAN_NUMBER = /^(?=[IVX])(X{0,3}(?:IX|IV|V?I{0,3}))\.(?=\s|$)/;
/**
 * A contents line without its dot leaders and page number (`Intro ....... 3`, `Intro … 3`,
 * `Intro   3`): read back from the end, so a long run of spaces costs one pass (the pattern
 * `(?:\s*(?:\.\s*){2,}|\s*…+\s*|\s{2,})\d{1,4}$` it replaces, the same on 300,000 random
 * lines, tried again from each space of a run: quadratic).
 */
function withoutLeader(text: string): string {
  const number = /\d{1,4}$/.exec(text);
  if (!number) return text;
  const end = number.index;
  const space = (at: number) => /\s/.test(text.charAt(at));
  // Dots among spaces, two at least (`Intro . . . 3`).
  let dotted = end;
  let dots = 0;
  for (; dotted > 0; dotted--) {
    if (text.charAt(dotted - 1) === '.') dots++;
    else if (!space(dotted - 1)) break;
  }
  let start = dots >= 2 ? dotted : end;
  // Spaces alone, two at least (`Intro   3`), or an ellipsis between spaces (`Intro … 3`).
  let spaces = end;
  while (spaces > 0 && space(spaces - 1)) spaces--;
  if (end - spaces >= 2) start = Math.min(start, spaces);
  let ellipsis = spaces;
  while (ellipsis > 0 && text.charAt(ellipsis - 1) === '\u2026') ellipsis--;
  if (ellipsis < spaces) {
    while (ellipsis > 0 && space(ellipsis - 1)) ellipsis--;
    start = Math.min(start, ellipsis);
  }
  // The longest leader of the three, as a pattern finds it from the left.
  return start === end ? text : text.slice(0, start);
}
/** Characters that underline (or overline) a title, as in reStructuredText. */
const ADORNMENT = '=-~^"\'`#*+.';
/** Characters that make a rule line, which produces nothing. */
const RULE = `${ADORNMENT}_`;

/** One line: trimmed text, indentation in columns (tabs to multiples of 8), index in the file. */
interface Line {
  text: string;
  indent: number;
  index: number;
}

/** A number that heads a section. */
interface SectionNumber {
  /** `4.2.1.`, `Article 4`, `§ 3`. */
  label: string;
  /** `4.2.1`, `4`, `IV`: the number alone, for sibling and parent look-ups. */
  key: string;
  /** The digits of a plain or keyword number, else undefined (roman, letters). */
  parts: number[] | undefined;
  depth: number;
  /** Lower-case keyword (`article`, `§`…), undefined for a plain number. */
  keyword: string | undefined;
  /** What follows the number, separators removed. */
  title: string;
}

/** A run is `ruled` when a rule line (`********`, `-----`) stands between it and the text before. */
type Unit =
  | { kind: 'rst'; line: Line; text: string; level: number }
  | { kind: 'run'; lines: Line[]; ruled?: true };

/** A heading found in a first pass, for telling a table of contents by the headings it lists. */
interface KnownHeading {
  line: number;
  text: string;
}

interface Contents {
  byKey: Map<string, KnownHeading>;
  /** The headings of each number, in file order. */
  byNumber: Map<string, KnownHeading[]>;
  /** The length of the longest key of `byKey`. */
  longest: number;
}

/** Parses a plain-text file into blocks. */
export function parseText(content: string): ParsedBlocks {
  const lines = toLines(content);
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
// Lines, frames, underlines, runs

/**
 * An editor's settings closing a file's first line (`-*- text -*-`, `-*- mode: org -*-`): the
 * whole line, or set apart from its words by two spaces or more (`GNU coreutils NEWS
 * -*- outline -*-`), not inside a sentence.
 */
const MODE_LINE = /(?:^|(?<=\s\s))-\*-[^\n]{0,200}?-\*-\s*$/;

/** Drops an editor's settings from the first line: they are not the file's words. */
function stripModeLine(raw: string[]): void {
  const first = raw.findIndex((line) => line.trim() !== '');
  const line = raw[first];
  // (Looked for after two spaces, not from each of a long run of them: that was quadratic.)
  if (line !== undefined && first < 3 && line.trimEnd().endsWith('-*-') && MODE_LINE.test(line))
    raw[first] = line.replace(MODE_LINE, '').trimEnd();
}

/** Splits into lines, strips boxes drawn with asterisks, measures indentation. */
function toLines(content: string): Line[] {
  const raw = content.split(/\r\n|\r|\n/);
  stripModeLine(raw);
  stripFrames(raw);
  const lines: Line[] = new Array(raw.length);
  for (let index = 0; index < raw.length; index++) {
    const r = raw[index] as string;
    const text = r.trim();
    let indent = 0;
    if (text) {
      const lead = r.length - r.trimStart().length;
      for (let k = 0; k < lead; k++) indent = r[k] === '\t' ? indent + TAB - (indent % TAB) : indent + 1;
    }
    lines[index] = { text, indent, index };
  }
  return lines;
}

const isStarRule = (line: string): boolean => {
  const t = line.trim();
  if (t.length < 10) return false;
  for (let k = 0; k < t.length; k++) if (t[k] !== '*') return false;
  return true;
};

const isFramed = (line: string): boolean => {
  const t = line.trim();
  return t.length >= 2 && t[0] === '*' && t[t.length - 1] === '*';
};

/**
 * A box drawn with asterisks (a line of stars, lines between `*` and `*`, a line of stars) is
 * replaced by its content, dedented, with blank lines for the frame.
 */
function stripFrames(raw: string[]): void {
  for (let i = 0; i < raw.length; i++) {
    if (!isStarRule(raw[i] as string)) continue;
    let j = i + 1;
    while (j < raw.length && !isStarRule(raw[j] as string) && isFramed(raw[j] as string)) j++;
    if (j >= raw.length || j === i + 1 || !isStarRule(raw[j] as string)) continue;
    const inner: string[] = [];
    let dedent = Number.POSITIVE_INFINITY;
    for (let k = i + 1; k < j; k++) {
      const t = (raw[k] as string).trim();
      const content = t.slice(1, -1).trimEnd();
      inner.push(content);
      if (content.trim()) dedent = Math.min(dedent, content.length - content.trimStart().length);
    }
    raw[i] = '';
    raw[j] = '';
    for (let k = i + 1; k < j; k++) {
      const content = inner[k - i - 1] as string;
      raw[k] = content.trim() ? content.slice(dedent) : '';
    }
    i = j;
  }
}

/** The character a line repeats, when it is a rule of at least three of one adornment. */
function ruleChar(text: string): string | undefined {
  if (text.length < 3) return undefined;
  const c = text[0] as string;
  if (!RULE.includes(c)) return undefined;
  for (let k = 1; k < text.length; k++) if (text[k] !== c) return undefined;
  return c;
}

/** A line that can be an underlined title: short, with a letter or digit, not a table row. */
const titleLike = (text: string): boolean =>
  text.length > 0 && text.length <= HEADING_MAX && /[\p{L}\p{N}]/u.test(text) && !/\S {3,}\S/.test(text);

/**
 * Groups lines into runs (lines with no blank line between them) and underlined titles. Rule
 * lines count as blank lines; underlines and overlines are consumed by their title. Title levels
 * follow the order in which each adornment style first appears (docutils); a style used once,
 * for the very first title of the file, is the document title and the others move up one.
 */
function toUnits(lines: Line[]): Unit[] {
  const n = lines.length;
  const skip = new Uint8Array(n);
  const titles = new Map<number, string>();
  const blankBefore = (i: number) => i === 0 || !(lines[i - 1] as Line).text || skip[i - 1] === 1;
  for (let i = 0; i < n; i++) {
    const line = lines[i] as Line;
    if (!line.text || skip[i]) continue;
    const c = ruleChar(line.text);
    if (c !== undefined) {
      // An overline, a title, an underline of the same character.
      const title = lines[i + 1];
      const under = lines[i + 2];
      if (
        ADORNMENT.includes(c) &&
        blankBefore(i) &&
        title &&
        under &&
        titleLike(title.text) &&
        ruleChar(title.text) === undefined &&
        ruleChar(under.text) === c &&
        line.text.length >= title.text.length &&
        under.text.length >= title.text.length
      ) {
        titles.set(i + 1, `o${c}`);
        skip[i] = 1;
        skip[i + 2] = 1;
        i += 2;
        continue;
      }
      skip[i] = 1;
      continue;
    }
    const under = lines[i + 1];
    if (!under || !blankBefore(i) || !titleLike(line.text)) continue;
    const u = ruleChar(under.text);
    if (u === undefined || !ADORNMENT.includes(u)) continue;
    if (under.text.length < line.text.length || under.indent !== line.indent) continue;
    titles.set(i, `u${u}`);
    skip[i + 1] = 1;
    i++;
  }

  const styles: string[] = [];
  const uses = new Map<string, number>();
  for (const style of titles.values()) {
    if (!uses.has(style)) styles.push(style);
    uses.set(style, (uses.get(style) ?? 0) + 1);
  }
  let firstContent = -1;
  for (let i = 0; i < n && firstContent < 0; i++) if ((lines[i] as Line).text && !skip[i]) firstContent = i;
  const firstTitle = titles.keys().next().value;
  const promoted = styles.length > 1 && firstTitle === firstContent && uses.get(styles[0] as string) === 1;
  const levelOf = (style: string) => {
    const rank = styles.indexOf(style) + 1;
    return promoted && rank > 1 ? rank - 1 : rank;
  };

  const units: Unit[] = [];
  let run: Line[] = [];
  let ruled = false;
  const close = () => {
    if (run.length > 0) {
      units.push(ruled ? { kind: 'run', lines: run, ruled: true } : { kind: 'run', lines: run });
      ruled = false;
    }
    run = [];
  };
  for (let i = 0; i < n; i++) {
    const line = lines[i] as Line;
    if (!line.text || skip[i]) {
      close();
      // A rule line of its own: not a title's underline or overline, a blank line above it (a
      // table's rules and rows are told apart by entryTitle).
      const blankAbove = i === 0 || !(lines[i - 1] as Line).text;
      if (line.text && skip[i] === 1 && !titles.has(i - 1) && !titles.has(i + 1) && blankAbove) ruled = true;
      continue;
    }
    const style = titles.get(i);
    if (style !== undefined) {
      close();
      units.push({ kind: 'rst', line, text: collapse(line.text), level: levelOf(style) });
      // A title between a rule and the next run is what the rule opened.
      ruled = false;
      continue;
    }
    run.push(line);
  }
  close();
  return units;
}

/** Characters, at most, of an entry's title (see parseUnits): a sentence, wrapped on two lines. */
const ENTRY_TITLE_MAX = 160;

/**
 * The title a paragraph gives an entry: one or two lines, one sentence, not a lead-in, an item
 * or a table's row (`-v          verbose`); undefined when it gives none.
 */
function entryTitle(lines: readonly Line[]): string | undefined {
  if (lines.length > 2 || lines.some(inColumns)) return undefined;
  const text = collapse(lines.map((l) => l.text).join(' '));
  const title =
    text.length <= ENTRY_TITLE_MAX &&
    /\p{L}/u.test(text) &&
    !/[.!?]\s+\S/.test(text) &&
    !/[:;,]$/.test(text) &&
    !BULLET.test(text) &&
    !LIST_ITEM.test(text);
  return title ? text : undefined;
}

/**
 * A short line with no final punctuation, not a bullet, not lower case (`or perhaps`), not
 * columns, not a sentence cut short (`…please send mail to`, see leadsOn).
 */
const headingLike = (line: Line): boolean =>
  looksLikeHeading(line.text) &&
  !leadsOn(line.text) &&
  !/^\P{L}*\p{Ll}/u.test(line.text) &&
  !BULLET.test(line.text) &&
  !inColumns(line);

/** A centred heading: a part of the document, above its numbered sections. */
const CENTRED_LEVEL = 1;
/** The least indentation of a centred line, and how much more it has than the text around it. */
const CENTRED_INDENT = 8;
const CENTRED_STEP = 4;

/**
 * Whether a line standing alone is centred, as plain-text licences and statutes set their
 * headings (`Preamble`, `How to Apply These Terms to Your New Programs`): indented well past
 * the lines before and after it, about as far from the left as from the right of the text,
 * with no digit.
 */
function centred(line: Line, width: number, next: Line | undefined, previous: Line | undefined): boolean {
  const left = line.indent;
  const right = width - line.indent - line.text.length;
  return (
    // A version or a date (`Version 11.0`, `January 2021`) is centred under a title, not one.
    !/\p{N}/u.test(line.text) &&
    left >= CENTRED_INDENT &&
    right >= 0 &&
    left * 2 >= right &&
    right * 3 >= left &&
    (next === undefined || next.indent <= left - CENTRED_STEP) &&
    (previous === undefined || previous.indent <= left - CENTRED_STEP)
  );
}

/** The last line of a unit (an underlined title's line). */
const lastLine = (unit: Unit | undefined): Line | undefined =>
  unit === undefined ? undefined : unit.kind === 'rst' ? unit.line : unit.lines.at(-1);

/** Whether a line is set in columns (a gap of three spaces or more): a row of code or a table. */
const inColumns = (line: Line): boolean => /\S {3,}\S/.test(line.text);

/** The width the text is wrapped at: its longest line that is not over the wrap limit. */
function wrapWidth(lines: Line[]): number {
  let width = 0;
  for (const line of lines) {
    const w = line.indent + line.text.length;
    if (line.text && w <= WRAP_LIMIT && w > width) width = w;
  }
  return width || WRAP_LIMIT;
}

// ---------------------------------------------------------------------------------------------
// Line classification

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Comparable form of a heading (as passages.ts compares them): lower case, letters and digits. */
const headingKey = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const wordCount = (text: string): number => {
  let n = 0;
  let inWord = false;
  for (let k = 0; k < text.length; k++) {
    const space = text.charCodeAt(k) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
};

const firstWordLength = (text: string): number => {
  const space = text.indexOf(' ');
  return space < 0 ? text.length : space;
};

const romanValue = (roman: string): number => {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let total = 0;
  for (let k = 0; k < roman.length; k++) {
    const v = values[roman[k] as string] ?? 0;
    const next = values[roman[k + 1] as string] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
};

/** The section number a line starts with, if any. */
function sectionNumber(text: string): SectionNumber | undefined {
  if (text.length > 2 * HEADING_MAX) return undefined;
  let label: string;
  let key: string;
  let keyword: string | undefined;
  let parts: number[] | undefined;
  const kw = KEYWORD_NUMBER.exec(text);
  // A translated word numbers by digits, or by a letter or roman number in capitals (`Teil II`,
  // `Parte A`): "Paso a paso", "Parte de la comunidad" are no sections.
  const translated = kw?.[1] !== undefined && SECTION_WORD.get(kw[1].toLowerCase()) !== kw[1].toLowerCase();
  if (kw && !(translated && !/^\d/.test(kw[4] ?? '') && (kw[4] ?? '') !== (kw[4] ?? '').toUpperCase())) {
    label = kw[0];
    keyword = (kw[1] ?? kw[2] ?? '§').toLowerCase();
    keyword = SECTION_WORD.get(keyword) ?? keyword;
    if (keyword === 'art') keyword = 'article';
    if (keyword === 'sec' || keyword === 'sect') keyword = 'section';
    const num = kw[4] as string;
    if (/^\d/.test(num)) {
      key = num;
      parts = num.split('.').map(Number);
    } else if (/^[ivxlcdm]+$/i.test(num) && (num.length > 1 || /[ivx]/i.test(num))) {
      key = String(romanValue(num.toUpperCase()));
      parts = [Number(key)];
    } else key = num.toUpperCase();
  } else {
    const plain = PLAIN_NUMBER.exec(text);
    if (plain) {
      label = plain[0];
      key = (plain[1] ?? plain[2]) as string;
      parts = key.split('.').map(Number);
    } else {
      const roman = ROMAN_NUMBER.exec(text);
      if (!roman) return undefined;
      label = roman[0];
      key = String(romanValue(roman[1] as string));
      parts = [Number(key)];
    }
  }
  const title = text
    .slice(label.length)
    .replace(/^[\s.:)\-\u2013\u2014]+/, '')
    .trim();
  return { label: label.trim(), key, parts, depth: parts ? parts.length : 1, keyword, title };
}

/** Whether a numbered line reads as a heading: short, a title after the number, no sentence. */
function numberedTitle(text: string, num: SectionNumber): boolean {
  if (text.length > HEADING_MAX || !num.title) return false;
  if (!/\p{L}/u.test(num.title)) return false;
  if (TITLE_CLAUSE_END.test(num.title) && !dottedTitle(num.title)) return false;
  return !TWO_SENTENCES.test(num.title);
}

/** The most words of a title closed by a full stop (see dottedTitle). */
const DOTTED_TITLE_WORDS = 10;
/** A capitalised word (or a number), its quotes and brackets aside. */
const CAPITALISED = /^[^\p{L}\p{N}]*[\p{Lu}\p{N}]/u;
/** The words a title leaves in lower case. */
const TITLE_SMALL_WORDS = new Set(
  'a an the and or nor but of to in on at by for from with into onto upon over as per via vs this that its not than off out up'.split(
    ' ',
  ),
);

/**
 * A title closed by one full stop, as licences and statutes write them (`14. Revised Versions
 * of this License.`, `Section 1. Purpose.`): a few words, each capitalised but the small ones
 * (`of`, `the`, `with`), and no other sentence in it. "1. Open the app." is a sentence, not a
 * title.
 */
function dottedTitle(title: string): boolean {
  if (!/[\p{L}\p{N})'"\u2019\u201D]\.$/u.test(title)) return false;
  const words = title.slice(0, -1).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > DOTTED_TITLE_WORDS) return false;
  if (!CAPITALISED.test(words[0] as string)) return false;
  for (const w of words) {
    if (/[.!?;:]$/.test(w)) return false;
    if (!CAPITALISED.test(w) && !TITLE_SMALL_WORDS.has(w.replace(/[^\p{L}]+/gu, ''))) return false;
  }
  return true;
}

/** The most words of a run-in title, and the fewest of the text it opens (see runInTitle). */
const RUN_IN_TITLE_WORDS = 8;
const RUN_IN_BODY_WORDS = 20;
/** A title closed by a full stop, then a sentence: `Grant of Copyright License. Subject to…`. */
const RUN_IN = /^(\p{Lu}[^.!?:;]{0,80}?\.)\s+(?=["'\u201C(]?\p{Lu})/u;

/**
 * The title a numbered paragraph opens with, run into its text as licences write their
 * clauses (`2. Grant of Copyright License. Subject to the terms…`): the number and a short
 * title (see dottedTitle), followed by a long text. Undefined when the paragraph has none.
 */
function runInTitle(text: string): { heading: string; num: SectionNumber; body: string } | undefined {
  // The number and the title are within the paragraph's first characters.
  const num = sectionNumber(text.slice(0, HEADING_MAX));
  if (!num?.title) return undefined;
  const title = RUN_IN.exec(num.title)?.[1];
  if (!title || !dottedTitle(title) || wordCount(title) > RUN_IN_TITLE_WORDS) return undefined;
  const body = text.slice(text.indexOf(title, num.label.length) + title.length).trim();
  if (wordCount(body) < RUN_IN_BODY_WORDS) return undefined;
  return { heading: `${num.label} ${title.slice(0, -1)}`, num, body };
}

/** A numbered heading's text without the full stop that closes its title. */
const headingText = (text: string, num: SectionNumber): string =>
  num.title && dottedTitle(num.title) ? text.slice(0, -1) : text;

/** At most this many words in a keyword heading's title read above its text with no blank line. */
const KEYWORD_TITLE_WORDS = 8;

/**
 * A keyword heading whose short title is set apart from its number (`Rule 2 - No spam`,
 * `Article 4: Fees`) or closed by a full stop (`Section 1. Purpose.`), with a new sentence on
 * the next line: not the first line of a wrapped sentence (`Rule 2 - Do not spam the channels
 * or post the same message in many channels` / `at once; …`).
 */
function keywordTitled(text: string, num: SectionNumber, next: string | undefined): boolean {
  const title = num.title ?? '';
  return (
    num.keyword !== undefined &&
    ((TITLE_SEPARATOR.test(text.slice(num.label.length)) && !TITLE_CLAUSE_END.test(title)) ||
      dottedTitle(title)) &&
    wordCount(title) <= KEYWORD_TITLE_WORDS &&
    next !== undefined &&
    /^["'\u201C(]?[\p{Lu}\d]/u.test(next)
  );
}

/** A title standing on the line under a bare number: short, with a letter, not a sentence. */
function titleLine(text: string): boolean {
  return (
    text.length > 0 &&
    text.length <= SHORT_HEADING_MAX &&
    /\p{L}/u.test(text) &&
    !TITLE_CLAUSE_END.test(text) &&
    !TWO_SENTENCES.test(text) &&
    !BULLET.test(text) &&
    !FAQ_LINE.test(text) &&
    sectionNumber(text) === undefined
  );
}

/**
 * Lines that ask a numbered question: the first has the number, the last ends with a question
 * mark, none between starts another number or an item, and together they are short enough to
 * be a heading.
 */
function numberedQuestion(lines: readonly Line[], max = 2 * HEADING_MAX): boolean {
  const last = lines.at(-1) as Line;
  // "…? I thought this CD contains just `stable'!" asks too.
  if (
    !ENDS_QUESTION.test(last.text) &&
    !(/!["'\u201D\u2019)\]]*$/.test(last.text) && lines.some((l) => l.text.includes('?')))
  )
    return false;
  let length = 0;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as Line;
    length += line.text.length + 1;
    if (k > 0 && (LIST_ITEM.test(line.text) || BULLET.test(line.text) || sectionNumber(line.text)))
      return false;
  }
  return length <= max;
}

/** A question on a line of its own (one sentence, ending with a question mark). */
function questionLine(text: string): boolean {
  return (
    text.length <= HEADING_MAX &&
    ENDS_QUESTION.test(text) &&
    wordCount(text) <= 30 &&
    !/[.!?]\s+\S.*\?/.test(text) &&
    !BULLET.test(text) &&
    !FAQ_LINE.test(text)
  );
}

/** An ALL-CAPS line: at least two capitals, no lower-case letter, no final full stop. */
function capsLine(text: string): boolean {
  if (text.length > SHORT_HEADING_MAX || /[.,;]$/.test(text) || /\p{Ll}/u.test(text)) return false;
  if (BULLET.test(text) || FAQ_LINE.test(text)) return false;
  let capitals = 0;
  for (const c of text) if (/\p{Lu}/u.test(c) && ++capitals >= 2) return true;
  return false;
}

/** A short line with no final punctuation, as today: a heading when it stands alone. */
function looksLikeHeading(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 80 && !endsClause(t) && !/[,]$/.test(t) && /\p{L}/u.test(t);
}

/** A term over an indented description: a few words, no final punctuation. */
function termLine(text: string): boolean {
  return (
    text.length <= TERM_MAX &&
    wordCount(text) <= TERM_WORDS &&
    /\p{L}/u.test(text) &&
    /[\p{L}\p{N}"'\u201D\u2019)]$/u.test(text) &&
    !leadsOn(text) &&
    !BULLET.test(text) &&
    !FAQ_LINE.test(text)
  );
}

/** Text that reads as prose: it ends a sentence, or has a few words. */
function prose(lines: readonly Line[]): boolean {
  const last = lines.at(-1);
  if (!last) return false;
  if (endsClause(last.text)) return true;
  let words = 0;
  for (const line of lines) {
    words += wordCount(line.text);
    if (words >= 8) return true;
  }
  return false;
}

/** A block of ASCII art (a banner): every line almost without letters or digits. */
function asciiArt(lines: readonly Line[]): boolean {
  if (lines.length < 2) return false;
  let visible = 0;
  for (const line of lines) {
    if (line.text.length > WRAP_LIMIT) return false;
    let seen = 0;
    let alnum = 0;
    for (let k = 0; k < line.text.length; k++) {
      const c = line.text.charCodeAt(k);
      if (c <= 32) continue;
      seen++;
      const ascii = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      if (ascii || (c > 127 && /[\p{L}\p{N}]/u.test(line.text[k] as string))) alnum++;
    }
    if (alnum * 10 >= seen && seen > 0) return false;
    visible += seen;
  }
  return visible >= 10;
}

/** Whether `b` is the item right after (`step` 1) or before (-1) `a` in one numbered list. */
function sibling(a: SectionNumber, b: SectionNumber, step: number): boolean {
  if (!a.parts || !b.parts || a.parts.length !== b.parts.length || a.keyword !== b.keyword) return false;
  const last = a.parts.length - 1;
  for (let k = 0; k < last; k++) if (a.parts[k] !== b.parts[k]) return false;
  return (b.parts[last] as number) - (a.parts[last] as number) === step;
}

/** Whether `a` is numbered under `b` (`2.1` or `2.3.1` under `2.`, `§ 3.1` under `§ 3`). */
function under(a: SectionNumber, b: SectionNumber): boolean {
  if (!a.parts || !b.parts || a.parts.length <= b.parts.length || a.keyword !== b.keyword) return false;
  for (let k = 0; k < b.parts.length; k++) if (a.parts[k] !== b.parts[k]) return false;
  return true;
}

/**
 * Whether line `from` of a run, numbered `num` (`2. Content`: a top-level number, a title, not a
 * sentence or a row of columns), heads a section over what follows, and where that section
 * ends in the run: at the first numbered line not under it. It does right after such a
 * section (`follows`: `3. Punishments` after `2. Content`), and when its first clause (`2.1`)
 * follows it and another clause does too, in the run or at the start of the runs after it
 * (`later`), or the next number after its clauses opens the same way: a numbered list whose one
 * item has a sub-item (`2. Pears` / `2.1 Conference pears only.`) stays a list. Linear: the
 * run is read from `from` to the section's end.
 */
function sectionOfClauses(
  lines: readonly Line[],
  from: number,
  num: SectionNumber,
  later: readonly Line[],
  follows: boolean,
): { end: number } | undefined {
  const head = lines[from] as Line;
  if (num.parts?.length !== 1 || !numberedTitle(head.text, num) || inColumns(head)) return undefined;
  let end = from + 1;
  let clauses = 0;
  for (; end < lines.length; end++) {
    const n = sectionNumber((lines[end] as Line).text);
    if (!n) continue;
    if (!under(n, num)) break;
    clauses++;
  }
  if (follows) return { end };
  const opens = (line: Line | undefined, parent: SectionNumber, indent: number): boolean => {
    const n = line ? sectionNumber(line.text) : undefined;
    return (
      n !== undefined &&
      n.parts?.length === 2 &&
      n.parts[1] === 1 &&
      under(n, parent) &&
      (line as Line).indent >= indent
    );
  };
  if (!opens(lines[from + 1] ?? later[0], num, head.indent)) return undefined;
  if (end === lines.length)
    for (const line of later) {
      const n = sectionNumber(line.text);
      if (!n || !under(n, num)) break;
      clauses++;
    }
  if (clauses >= 2) return { end };
  // One clause, and the next number opens its own the same way (`2. Content` / `2.1 …`).
  const next = lines[end];
  const after = next ? sectionNumber(next.text) : undefined;
  return after && sibling(num, after, 1) && opens(lines[end + 1], after, next?.indent ?? 0)
    ? { end }
    : undefined;
}

/**
 * Whether the first line of a block is broken on purpose: the next line's first word would
 * have fitted on it, so the text was not wrapped there.
 */
const brokenOnPurpose = (first: Line, next: Line, width: number): boolean =>
  first.indent + first.text.length + 1 + firstWordLength(next.text) <= width - 2;

// ---------------------------------------------------------------------------------------------
// Tables of contents

function contentsOf(known: readonly KnownHeading[]): Contents {
  const byKey = new Map<string, KnownHeading>();
  const byNumber = new Map<string, KnownHeading[]>();
  let longest = 0;
  for (const h of known) {
    const key = headingKey(h.text);
    byKey.set(key, h);
    longest = Math.max(longest, key.length);
    // `Chapter 1. Definitions` may be listed as `1. Definitions`.
    const num = sectionNumber(h.text);
    if (!num?.parts || (num.keyword && num.keyword !== 'chapter' && num.keyword !== 'part')) continue;
    const list = byNumber.get(num.key);
    if (list) list.push(h);
    else byNumber.set(num.key, [h]);
  }
  return { byKey, byNumber, longest };
}

/** The text of the heading after `line` that a contents entry lists, if any. */
function listedHeading(text: string, line: number, contents: Contents): string | undefined {
  const entry = collapse(withoutLeader(text));
  if (!entry) return undefined;
  // An entry with more letters than any heading's key lists none by its words.
  const exact = moreLettersThan(entry, contents.longest) ? undefined : contents.byKey.get(headingKey(entry));
  if (exact && exact.line > line) return exact.text;
  const num = sectionNumber(entry);
  if (!num?.parts || num.keyword || !num.title) return undefined;
  // The first heading of that number after the entry.
  const numbered = contents.byNumber.get(num.key)?.find((h) => h.line > line);
  if (!numbered) return undefined;
  // Same number, wording close enough (half the words shared).
  const mine = new Set(headingKey(num.title).split(' '));
  const theirs = new Set(headingKey(sectionNumber(numbered.text)?.title ?? '').split(' '));
  let shared = 0;
  for (const w of mine) if (theirs.has(w)) shared++;
  return shared * 2 >= Math.max(mine.size, theirs.size) ? numbered.text : undefined;
}

/**
 * The entries of a block of lines that lists headings found after it (at least two, and at
 * least half of its lines), one text per line: the heading's own text for a listed entry.
 */
function contentsEntries(lines: readonly Line[], contents: Contents): string[] | undefined {
  let listed = 0;
  const headings: (string | undefined)[] = [];
  /** Each entry's text: a numbered entry wrapped over several lines is one. */
  const entries: string[] = [];
  for (let k = 0; k < lines.length; k++) {
    // A listing starts within its first three lines (a `Contents` line may come first).
    if (k >= 3 && listed === 0) return undefined;
    const line = lines[k] as Line;
    const first = line.index;
    let text = line.text;
    // The lines that carry on a numbered entry (indented as much or more, no number of their
    // own, not an item, not a heading the listing names) are part of it.
    if (sectionNumber(text)?.parts) {
      while (k + 1 < lines.length && text.length <= 2 * HEADING_MAX) {
        const next = lines[k + 1] as Line;
        if (next.indent < line.indent) break;
        if (sectionNumber(next.text) || LIST_ITEM.test(next.text) || BULLET.test(next.text)) break;
        if (listedHeading(next.text, next.index, contents) !== undefined) break;
        text = `${text} ${next.text}`;
        k++;
      }
    }
    const heading = text.length <= 2 * HEADING_MAX ? listedHeading(text, first, contents) : undefined;
    if (heading !== undefined) listed++;
    headings.push(heading);
    entries.push(text);
  }
  if (listed < 2 || listed * 2 < entries.length) return undefined;
  return entries.map((text, k) => headings[k] ?? collapse(text));
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
  const stack: { level: number; term: number; guessed: number }[] = [];
  /** Level given to each section number, so that `4.2` goes under whatever `4` was. */
  const numberLevels = new Map<string, number>();
  /** Keyword ranks by first appearance: `Article` then `§` makes `§` one level down. */
  const keywordRanks = new Map<string, number>();
  const separated = units.length > 1;

  /** The lines read as headings so far, and how many. */
  const headingLines = new Set<number>();
  const pushHeading = (text: string, level: number, line: Line, term = -1) => {
    while ((stack.at(-1)?.level ?? 0) >= level) stack.pop();
    stack.push({ level, term, guessed: level === GUESSED_LEVEL && term < 0 ? line.indent : -1 });
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
  const numberedHeading = (text: string, num: SectionNumber, line: Line) =>
    pushHeading(headingText(text, num), numberedLevel(num), line);
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
      // The runs right after it that open with one of its clauses (`1.2` after `1.`).
      const later: Line[] = [];
      for (let k = u + 1; k < units.length; k++) {
        const next = units[k] as Unit;
        const first = next.kind === 'run' ? next.lines[0] : undefined;
        const n = first ? sectionNumber(first.text) : undefined;
        if (!first || !n || !under(n, headNum)) break;
        later.push(first);
      }
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
        for (const text of entries) blocks.push({ kind: 'text', text });
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

    // A numbered heading wrapped over two lines, standing alone.
    if (num && lines.length === 2 && !brokenOnPurpose(F, second, width) && !LIST_ITEM.test(second.text)) {
      const joined = collapse(`${F.text} ${second.text}`);
      const joinedNum = sectionNumber(joined);
      if (joinedNum && numberedTitle(joined, joinedNum) && !listItem(joinedNum, F, u) && nextRun) {
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
      const asks = nextRun !== undefined && numberedQuestion([F]);
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
      if (notDeeper && !afterQuestion() && headingLike(F)) {
        guessedHeading(F.text, F);
        return;
      }
    }
    paragraphs([F]);
  }

  // `Q:` lines heading an answer are questions; the marks go (the section is the question, the
  // text its answer).
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
  return { blocks, known };
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

// ---------------------------------------------------------------------------------------------
// Paragraphs of a run (today's rules)

/** The length of the longest line (a loop: a block may have any number of lines). */
function longestOf(lines: readonly (string | number)[]): number {
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

/**
 * Splits a block of consecutive lines of plain text into paragraphs (each a list of lines).
 * One paragraph per line when lines are long, or when most lines end a sentence (hard-wrapped
 * text breaks lines mid-sentence); otherwise wrapped lines are joined, and a new paragraph
 * starts at a list item, an FAQ line, or after a line that ends a sentence well short of the
 * wrap width.
 */
function splitBlock(lines: string[]): string[][] {
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
          continuesItem(last, line))
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
