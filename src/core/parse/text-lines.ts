/**
 * The lines of a plain-text file and how they group: editor settings and asterisk boxes
 * dropped, indentation measured (tabs to multiples of 8), rule lines and the underlines and
 * overlines of reStructuredText-like titles consumed, and the rest in runs (lines with no
 * blank line between them). Also the width the text is wrapped at.
 */

/** The longest line a hard-wrapped text has; longer lines mean one paragraph per line. */
export const WRAP_LIMIT = 100;
/** The longest numbered or question heading. */
export const HEADING_MAX = 100;
const TAB = 8;
/** Characters that underline (or overline) a title, as in reStructuredText. */
const ADORNMENT = '=-~^"\'`#*+.';
/** Characters that make a rule line, which produces nothing. */
const RULE = `${ADORNMENT}_`;

/** One line: trimmed text, indentation in columns (tabs to multiples of 8), index in the file. */
export interface Line {
  text: string;
  indent: number;
  index: number;
}

/** A run is `ruled` when a rule line (`********`, `-----`) stands between it and the text before. */
export type Unit =
  | { kind: 'rst'; line: Line; text: string; level: number }
  | { kind: 'run'; lines: Line[]; ruled?: true };

/** Text on one line: each run of white space one space, none at either end. */
export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

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
export function toLines(content: string): Line[] {
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

/**
 * The character a line repeats, when it is a rule of at least three of one adornment; or the
 * two it alternates (`=-=-=-`, as plain-text FAQs underline their title).
 */
function ruleChar(text: string): string | undefined {
  if (text.length < 3) return undefined;
  const c = text[0] as string;
  if (!RULE.includes(c)) return undefined;
  const d = text[1] as string;
  const pair = d !== c && RULE.includes(d) && text.length >= 6;
  for (let k = 1; k < text.length; k++) if (text[k] !== (pair && k % 2 === 1 ? d : c)) return undefined;
  return pair ? c + d : c;
}

/** Whether every character of a rule (one, or the two it alternates) is an adornment. */
const adornment = (rule: string): boolean => [...rule].every((c) => ADORNMENT.includes(c));

/** How much further a rule may run past the end of a title set in from the margin than twice its start. */
const SPAN_SLACK = 4;

/** A line that can be an underlined title: short, with a letter or digit, not a table row. */
const titleLike = (text: string): boolean =>
  text.length > 0 && text.length <= HEADING_MAX && /[\p{L}\p{N}]/u.test(text) && !/\S {3,}\S/.test(text);

/**
 * Groups lines into runs (lines with no blank line between them) and underlined titles. Rule
 * lines count as blank lines; underlines and overlines are consumed by their title. Title levels
 * follow the order in which each adornment style first appears (docutils); a style used once,
 * for the very first title of the file, is the document title and the others move up one.
 */
export function toUnits(lines: Line[]): Unit[] {
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
        adornment(c) &&
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
    if (u === undefined || !adornment(u)) continue;
    // As long as the title and aligned with it; or, under a title set in from the margin, from
    // further left to past its end (`   screen: frequently asked…` over a full-width rule).
    const aligned = under.indent === line.indent && under.text.length >= line.text.length;
    const before = line.indent - under.indent;
    const past = under.indent + under.text.length - (line.indent + line.text.length);
    // About as far past the title's end as before its start: centred over it (not a rule
    // across the page under an indented command, `    make install`).
    const spanning = before > 0 && past >= 0 && past <= 2 * before + SPAN_SLACK;
    if (!aligned && !spanning) continue;
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

/** The last line of a unit (an underlined title's line). */
export const lastLine = (unit: Unit | undefined): Line | undefined =>
  unit === undefined ? undefined : unit.kind === 'rst' ? unit.line : unit.lines.at(-1);

/** Whether a line is set in columns (a gap of three spaces or more): a row of code or a table. */
export const inColumns = (line: Line): boolean => /\S {3,}\S/.test(line.text);

/** The width the text is wrapped at: its longest line that is not over the wrap limit. */
export function wrapWidth(lines: Line[]): number {
  let width = 0;
  for (const line of lines) {
    const w = line.indent + line.text.length;
    if (line.text && w <= WRAP_LIMIT && w > width) width = w;
  }
  return width || WRAP_LIMIT;
}
