/**
 * What a line of plain text is: a section number (`4.2.1`, `Article 4`, `§ 3`, `IV.`) and
 * whether its line reads as a title, a question on its own line, an ALL-CAPS line, a term over
 * an indented description, a centred heading, an entry's title, prose or ASCII art; and how two
 * section numbers relate (the next item of one list, a clause under a section).
 */
import { ENDS_QUESTION } from '../blocks.js';
import { endsClause, leadsOn } from '../sentences.js';
import { collapse, HEADING_MAX, inColumns, type Line, WRAP_LIMIT } from './text-lines.js';

/** The longest heading guessed from layout alone (a short line, an ALL-CAPS line). */
const SHORT_HEADING_MAX = 80;
/** The longest term line over an indented description (`libcurl`). */
const TERM_MAX = 60;
const TERM_WORDS = 8;

export const LIST_ITEM =
  /^\s*(?:[-*+\u2022\u25E6\u2023]|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)])\s+\S/;
const FAQ_PATTERN = /^\s*(?:Q|A|Question|Answer)\s*[:.)]\s+\S/i;
/** A question or answer line (`Q:`, `A.`, `Answer:`); not `A. Standard Resolution Procedure` in a document of lettered sections. */
export const FAQ_LINE = {
  test: (text: string): boolean =>
    FAQ_PATTERN.test(text) && !(lettered && LETTER_ALONE.test(text.trimStart())),
};

/**
 * Whether the document being read numbers sections by letter (`A.1.`, `B.2`: appendices), so that
 * a capital letter alone (`A. Standard Resolution Procedure`) may number one too. Set while
 * parseText reads a document (see withLetteredSections).
 */
let lettered = false;
/** `A.1.`, `B.2`, `C.1.3`: a lettered section's clause, at the start of a line. */
const LETTER_CLAUSE = /^([A-Z])\.(\d{1,3}(?:\.\d{1,3}){0,2})\.?(?=\s|$)/;
/** `A.`: a lettered section, in a document that has lettered clauses. */
const LETTER_ALONE = /^([A-Z])\.(?=\s+\S)/;
/** Where letters number after the numbers of a document (`9.` then `A.`), so that they never meet. */
const LETTER_BASE = 1000;

/** Runs `read` with lettered sections read as such when some line of `lines` opens with one (`A.1.`). */
export function withLetteredSections<T>(lines: readonly Line[], read: () => T): T {
  const before = lettered;
  lettered = lines.some((l) => LETTER_CLAUSE.test(l.text));
  try {
    return read();
  } finally {
    lettered = before;
  }
}
/** A heading's title never ends like a sentence or a clause (a question mark is fine). */
const TITLE_CLAUSE_END = /[.,;:\u2026]["'\u201D\u2019)\]]*$/;
/** Two sentences in one line: a word, a full stop, a space, a capital. */
const TWO_SENTENCES = /\p{Ll}{2}[.!?]["'\u201D\u2019)\]]*\s+["'\u201C\u2018(]?\p{Lu}/u;
/** Bullets and lettered or parenthesised items: never a section number. */
export const BULLET = /^(?:[-*+\u2022\u25E6\u2023](?:\s|$)|\(?(?:[a-zA-Z]|[ivxlcIVXLC]{1,5}|\d{1,3})\)\s)/;

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
/**
 * `1.`, `1.7.`, `6.2.2.`, `4.2.1`, `1.6:` (a single number needs its dot; a colon closes two or
 * three parts only: `10.0.0.12: Connection refused` is an address).
 */
const PLAIN_NUMBER = /^(?:(\d{1,3}(?:\.\d{1,3}){1,2}):|(\d{1,3}(?:\.\d{1,3})+)\.?|(\d{1,3})\.)(?=\s|$)/;
/** What follows a list item's number written `1. )`: never a section's. */
const ITEM_CLOSE = /^\s*\)/;
/** `IV.` (I to XXXIX). */
const ROMAN_NUMBER = /^(?=[IVX])(X{0,3}(?:IX|IV|V?I{0,3}))\.(?=\s|$)/;

/** A number that heads a section. */
export interface SectionNumber {
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

/** Comparable form of a heading (as passages.ts compares them): lower case, letters and digits. */
export const headingKey = (text: string): string =>
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
export function sectionNumber(text: string): SectionNumber | undefined {
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
    if (plain && ITEM_CLOSE.test(text.slice(plain[0].length))) return undefined;
    if (plain) {
      label = plain[0];
      key = (plain[1] ?? plain[2] ?? plain[3]) as string;
      parts = key.split('.').map(Number);
    } else {
      const roman = ROMAN_NUMBER.exec(text);
      const letter = roman
        ? undefined
        : (LETTER_CLAUSE.exec(text) ?? (lettered ? LETTER_ALONE.exec(text) : null));
      if (roman) {
        label = roman[0];
        key = String(romanValue(roman[1] as string));
        parts = [Number(key)];
      } else if (letter) {
        // `A.1.` is `A`'s first clause: the letter counts as a number after all the others.
        label = letter[0];
        key = letter[2] ? `${letter[1]}.${letter[2]}` : (letter[1] as string);
        parts = [
          LETTER_BASE + (letter[1] as string).charCodeAt(0),
          ...(letter[2] ? letter[2].split('.').map(Number) : []),
        ];
      } else return undefined;
    }
  }
  const title = text
    .slice(label.length)
    .replace(/^[\s.:)\-\u2013\u2014]+/, '')
    .trim();
  return { label: label.trim(), key, parts, depth: parts ? parts.length : 1, keyword, title };
}

/** A question with an aside in brackets after it: `Why do the arrow keys not work?  (And other oddities.)`. */
const ASIDE_AFTER_QUESTION = /\?["'\u201D\u2019]*\s+\([^()]{1,80}\)$/;

/** Whether a numbered line reads as a heading: short, a title after the number, no sentence. */
export function numberedTitle(text: string, num: SectionNumber): boolean {
  if (text.length > HEADING_MAX || !num.title) return false;
  if (!/\p{L}/u.test(num.title)) return false;
  if (ASIDE_AFTER_QUESTION.test(num.title))
    return !TWO_SENTENCES.test(num.title.replace(/\s*\([^()]*\)$/, ''));
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
export function dottedTitle(title: string): boolean {
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
export function runInTitle(text: string): { heading: string; num: SectionNumber; body: string } | undefined {
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
export const headingText = (text: string, num: SectionNumber): string =>
  num.title && dottedTitle(num.title) ? text.slice(0, -1) : text;

/** At most this many words in a keyword heading's title read above its text with no blank line. */
const KEYWORD_TITLE_WORDS = 8;

/**
 * A keyword heading whose short title is set apart from its number (`Rule 2 - No spam`,
 * `Article 4: Fees`) or closed by a full stop (`Section 1. Purpose.`), with a new sentence on
 * the next line: not the first line of a wrapped sentence (`Rule 2 - Do not spam the channels
 * or post the same message in many channels` / `at once; …`).
 */
export function keywordTitled(text: string, num: SectionNumber, next: string | undefined): boolean {
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
export function titleLine(text: string): boolean {
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
export function numberedQuestion(lines: readonly Line[], max = 2 * HEADING_MAX): boolean {
  const last = lines.at(-1) as Line;
  // "…? I thought this CD contains just `stable'!" asks too.
  if (
    !ENDS_QUESTION.test(last.text) &&
    !ASIDE_AFTER_QUESTION.test(last.text) &&
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
export function questionLine(text: string): boolean {
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
export function capsLine(text: string): boolean {
  if (text.length > SHORT_HEADING_MAX || /[.,;]$/.test(text) || /\p{Ll}/u.test(text)) return false;
  if (BULLET.test(text) || FAQ_LINE.test(text)) return false;
  let capitals = 0;
  for (const c of text) if (/\p{Lu}/u.test(c) && ++capitals >= 2) return true;
  return false;
}

/** A short line with no final punctuation, as today: a heading when it stands alone. */
export function looksLikeHeading(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 80 && !endsClause(t) && !/[,]$/.test(t) && /\p{L}/u.test(t);
}

/** A line of code (`if ( -f ~/bin/zsh ) then`, `x = 1;`, `$HOME`; not `Costs in $`): no heading. */
const CODE_LINE = /[{};]|\$[\p{L}_{(]|\s=\s|=["']|~\/|\(\s+-\w/u;
/** A finite verb, as a sentence has and a title seldom does (not a pronoun: "Things you should know"). */
const CLAUSE_WORD = /\b(?:is|are|was|were|it's|don't|doesn't|can't|won't)\b/i;
/** A sentence opened by its subject and a verb (`You can check the status of any service by the command`). */
const SUBJECT_VERB =
  /^(?:you|we|i|they|it|this|there)\s+(?:can|could|should|must|may|might|will|would|need|needs|have|has)\b/i;
/** A title may ask without its question mark: `What is Debian`, `How it works`. */
const ASKING = /^(?:what|how|why|when|where|who|which|is|are|can|do|does)\b/i;
/**
 * A line of four words or more that says something (`Another method is to put`, `First of all,
 * check you are using the syntax`): above a command rather than prose, a lead-in cut short, no
 * heading (above prose, "The server won't start" heads its answer).
 */
export function saysSomething(text: string): boolean {
  return wordCount(text) >= 4 && !ASKING.test(text) && (CLAUSE_WORD.test(text) || SUBJECT_VERB.test(text));
}

/** A term over an indented description: a few words, no final punctuation. */
export function termLine(text: string): boolean {
  return (
    text.length <= TERM_MAX &&
    wordCount(text) <= TERM_WORDS &&
    /\p{L}/u.test(text) &&
    /[\p{L}\p{N}"'\u201D\u2019)]$/u.test(text) &&
    !leadsOn(text) &&
    !CODE_LINE.test(text) &&
    !BULLET.test(text) &&
    !FAQ_LINE.test(text)
  );
}

/** Text that reads as prose: it ends a sentence, or has a few words. */
export function prose(lines: readonly Line[]): boolean {
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
export function asciiArt(lines: readonly Line[]): boolean {
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
export function sibling(a: SectionNumber, b: SectionNumber, step: number): boolean {
  if (!a.parts || !b.parts || a.parts.length !== b.parts.length || a.keyword !== b.keyword) return false;
  const last = a.parts.length - 1;
  for (let k = 0; k < last; k++) if (a.parts[k] !== b.parts[k]) return false;
  return (b.parts[last] as number) - (a.parts[last] as number) === step;
}

/**
 * Whether `b` is the entry right after `a` in a numbered sequence: its sibling (`4.5` after
 * `4.4`), or the first entry of the next part (`8.1` after `7.7`, `2.1.1` after `1.4.2`).
 */
export function nextInSequence(a: SectionNumber, b: SectionNumber): boolean {
  if (sibling(a, b, 1)) return true;
  if (!a.parts || !b.parts || a.parts.length !== b.parts.length || a.keyword !== b.keyword) return false;
  for (let k = 0; k < a.parts.length - 1; k++) {
    if (a.parts[k] === b.parts[k]) continue;
    return (
      (b.parts[k] as number) - (a.parts[k] as number) === 1 && b.parts.slice(k + 1).every((n) => n === 1)
    );
  }
  return false;
}

/** Whether `a` is numbered under `b` (`2.1` or `2.3.1` under `2.`, `§ 3.1` under `§ 3`). */
export function under(a: SectionNumber, b: SectionNumber): boolean {
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
export function sectionOfClauses(
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
export const brokenOnPurpose = (first: Line, next: Line, width: number): boolean =>
  first.indent + first.text.length + 1 + firstWordLength(next.text) <= width - 2;

/** Characters, at most, of an entry's title (see parseUnits in text.ts): a sentence, wrapped on two lines. */
const ENTRY_TITLE_MAX = 160;

/**
 * The title a paragraph gives an entry: one or two lines, one sentence, not a lead-in, an item
 * or a table's row (`-v          verbose`); undefined when it gives none.
 */
export function entryTitle(lines: readonly Line[]): string | undefined {
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
export const headingLike = (line: Line): boolean =>
  looksLikeHeading(line.text) &&
  !leadsOn(line.text) &&
  !CODE_LINE.test(line.text) &&
  !/^\P{L}*\p{Ll}/u.test(line.text) &&
  !BULLET.test(line.text) &&
  !inColumns(line);

/** The most the two margins of a line set in the middle may differ by, at least. */
const MARGIN_SLACK = 6;

/**
 * Whether a line is set in the middle of the text's width: as far from the left as from the
 * right, give or take a third (not a table's row set in from the margin).
 */
export function evenMargins(line: Line, width: number): boolean {
  const right = width - line.indent - line.text.length;
  return right >= 0 && Math.abs(line.indent - right) <= Math.max(MARGIN_SLACK, (line.indent + right) / 3);
}

/** The least indentation of a centred line, and how much more it has than the text around it. */
const CENTRED_INDENT = 8;
const CENTRED_STEP = 4;

/**
 * Whether a line standing alone is centred, as plain-text licences and statutes set their
 * headings (`Preamble`, `How to Apply These Terms to Your New Programs`): indented well past
 * the lines before and after it, about as far from the left as from the right of the text,
 * with no digit.
 */
export function centred(
  line: Line,
  width: number,
  next: Line | undefined,
  previous: Line | undefined,
): boolean {
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
