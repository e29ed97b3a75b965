/**
 * reStructuredText (Sphinx documentation) to Markdown, for the Markdown reader: the structure
 * and text a reader of the built page sees, in the Markdown that says the same.
 *
 * - Section titles (underlined, or over- and underlined) become `#` headings, their levels in
 *   the order each adornment style first appears (as docutils reads them).
 * - A paragraph ending with `::` leads in to the indented literal block after it (`Begin by
 *   importing the module:` + the code); `.. code-block::`, `.. code::`, `.. sourcecode::` and
 *   doctest blocks (`>>>`) are code too.
 * - Admonitions (`.. note::`, `.. warning::`, `.. admonition:: Title`, `.. versionadded::`…)
 *   keep their body, led by their title (`Note: …`); a Sphinx object description
 *   (`.. function:: get(url, params=None)`) heads its description.
 * - What a reader never sees is dropped: comments, link targets, substitution definitions,
 *   `toctree`, `image`, `include`, `autoclass` and the other directives without prose.
 * - Grid, simple, `list-table` and `csv-table` tables become pipe tables; a definition list's
 *   term heads its definition (a bold first line); a field list's fields become list items.
 * - Inline: roles read as their text (`:class:`~requests.Session`` → `Session`, code roles as
 *   code), ``literals`` as code, `text <url>`_ as a link, references and footnote marks as
 *   their words only.
 *
 * One pass over the lines, regular expressions on one line or one paragraph (inline markup):
 * linear in the input.
 *
 * This module reads the blocks (one Converter per nested body: every step shares its state).
 * The lines come from rst-lines.ts, section titles and their ids from rst-sections.ts, what
 * each directive reads as from rst-directives.ts, tables' rows from rst-tables.ts, and inline
 * markup from rst-inline.ts.
 */

import { codeBlock, pipeTable } from './markdown-out.js';
import {
  ADMONITIONS,
  ARGUMENT_TEXT,
  AUTODOC,
  CODE,
  DIRECTIVE,
  DROPPED,
  FOOTNOTE,
  LAYOUT,
  OBJECTS,
  SUBSTITUTION,
  TARGET,
  VERSIONS,
} from './rst-directives.js';
import { escapeInline, escapeLine, inlineText } from './rst-inline.js';
import { BLANK, expandTabs, indentOf, withoutMetadata } from './rst-lines.js';
import { ADORNMENT, type Shared, sectionId } from './rst-sections.js';
import {
  csvTableRows,
  GRID_BORDER,
  gridRows,
  listTableRows,
  SIMPLE_BORDER,
  simpleRows,
} from './rst-tables.js';

/** A line of a line block: `| ` and its text, or a bare `|` (a blank line in the block). */
const LINE_BLOCK = /^\|(?: +|$)/;
const BULLET = /^([-*+\u2022])\s+(.*)$/;
const ENUMERATED = /^(?:(\d+|#|[a-zA-Z]|[ivxlcIVXLC]+)[.)]|\((\d+|#|[a-zA-Z]|[ivxlcIVXLC]+)\))\s+(.*)$/;
/** `:name: body` (a field list item), not a role (`:ref:` followed by a backtick). */
const FIELD = /^:([^:`\s][^:`]*):(?:\s+(.*))?$/;

/** What substitutions may add to a file: a base, and so much per character of it (see Shared.budget). */
const SUBSTITUTION_BUDGET = { base: 100_000, perChar: 2 };

/** Converts a reStructuredText document to Markdown. */
export function rstToMarkdown(content: string): string {
  const lines = content
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(expandTabs);
  return new Converter(withoutMetadata(lines)).run().join('\n');
}

/** Bodies nested deeper than this (quotes in items in directives…) are read as plain text. */
const MAX_DEPTH = 12;

class Converter {
  private readonly out: string[] = [];
  /** The length of the output after the last list item (-1: none). */
  private itemEnd = -1;

  constructor(
    private readonly lines: string[],
    private readonly shared: Shared = {
      styles: [],
      substitutions: new Map(),
      level: 0,
      ids: new Set(),
      numbered: new Map(),
      budget:
        SUBSTITUTION_BUDGET.base + SUBSTITUTION_BUDGET.perChar * lines.reduce((n, l) => n + l.length + 1, 0),
    },
    private readonly depth = 0,
  ) {
    if (depth > 0) return;
    // Substitution definitions may follow their use: read them first.
    for (const line of lines) {
      const m = SUBSTITUTION.exec(line.trim());
      if (!m?.[1]) continue;
      // An image or a date is nothing a passage can show; a unicode character is itself.
      const value =
        m[2] === 'replace'
          ? (m[3] ?? '')
          : m[2] === 'unicode'
            ? (m[3] ?? '').replace(/(?:U\+|0x|\\x|\\u)([\da-f]{2,6})/gi, (_u, hex: string) => {
                const code = Number.parseInt(hex, 16);
                return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
              })
            : '';
      shared.substitutions.set(m[1], value);
    }
  }

  run(): string[] {
    this.blocks(this.lines, 0, this.lines.length, this.depth === 0);
    return this.out;
  }

  /** The end of the block indented more than `indent` that starts at `from` (blank lines inside). */
  private indentedEnd(lines: string[], from: number, to: number, indent: number): number {
    let end = from;
    for (let i = from; i < to; i++) {
      const line = lines[i] as string;
      if (BLANK.test(line)) continue;
      if (indentOf(line) <= indent) break;
      end = i + 1;
    }
    return end;
  }

  /** Lines [from, to) dedented by `column` (or by their own indentation when it is less). */
  private dedentBy(lines: string[], from: number, to: number, column: number): string[] {
    return lines.slice(from, to).map((l) => l.slice(Math.min(column, indentOf(l))));
  }

  /** Lines [from, to) dedented by their smallest indentation. */
  private dedent(lines: string[], from: number, to: number): string[] {
    const body = lines.slice(from, to);
    let min = Number.POSITIVE_INFINITY;
    for (const l of body) if (!BLANK.test(l)) min = Math.min(min, indentOf(l));
    return Number.isFinite(min) ? body.map((l) => l.slice(min)) : body.map(() => '');
  }

  private emit(...lines: string[]): void {
    this.emitAll(lines);
  }

  /** Emits lines one by one (a spread of a very long block would overflow the stack). */
  private emitAll(lines: readonly string[]): void {
    for (const line of lines) this.out.push(line);
  }

  private blank(): void {
    if (this.out.length > 0 && this.out.at(-1) !== '') this.out.push('');
  }

  private code(body: string[], language = ''): void {
    const code = codeBlock(body, language.replace(/[`\s].*$/, ''));
    if (code.length === 0) return;
    this.blank();
    this.emitAll(code);
    this.emit('');
  }

  /**
   * A term in bold heading what follows it (a definition, an object's description): the first
   * paragraph on the next line (a list or code after a blank line), up to `</details>`, where
   * the Markdown reader ends what the term heads.
   */
  private headed(term: string, converted: readonly string[]): void {
    this.blank();
    if (term) {
      this.emit(`**${escapeInline(this.inline(term).replace(/\*/g, '\\*'))}**`);
      if (converted[0] !== undefined && /^(?:[-*]\s|1\.\s|```|\||#|>)/.test(converted[0])) this.emit('');
    }
    this.emitAll(converted);
    this.emit('', '</details>', '');
  }

  /** A table's title, leading in to it. */
  private leadIn(title: string): void {
    if (!title) return;
    this.blank();
    this.emit(escapeLine(this.inline(title)).replace(/[.:]?$/, ':'), '');
  }

  private heading(title: string, style: string): void {
    const { styles } = this.shared;
    let at = styles.indexOf(style);
    if (at < 0) {
      styles.push(style);
      at = styles.length - 1;
    }
    this.shared.level = at + 1;
    this.blank();
    // The section's id as docutils gives it, in the attribute block the Markdown reader takes
    // for a heading's own id (see withoutAttributes): its link goes where the site puts it.
    const id = sectionId(title.trim(), this.shared);
    this.emit(
      `${'#'.repeat(Math.min(6, this.shared.level))} ${escapeInline(this.inline(title.trim()))} {#${id}}`,
      '',
    );
  }

  /** Converts lines [from, to), all at the same nesting (already dedented). */
  private blocks(lines: string[], from: number, to: number, top: boolean): void {
    let i = from;
    while (i < to) {
      const line = lines[i] as string;
      if (BLANK.test(line)) {
        this.blank();
        i++;
        continue;
      }
      const next = lines[i + 1];
      const after = lines[i + 2];
      // A title over- and underlined with the same adornment.
      if (
        top &&
        ADORNMENT.test(line) &&
        next !== undefined &&
        !BLANK.test(next) &&
        !ADORNMENT.test(next) &&
        after !== undefined &&
        after.trim() === line.trim()
      ) {
        this.heading(next, `o${line.trim()[0]}`);
        i += 3;
        continue;
      }
      // A title underlined (the underline at least as long as the title, or four marks).
      if (
        top &&
        next !== undefined &&
        indentOf(line) === 0 &&
        ADORNMENT.test(next) &&
        next.trim().length >= Math.min(line.trim().length, 4) &&
        !ADORNMENT.test(line) &&
        !GRID_BORDER.test(next) &&
        !SIMPLE_BORDER.test(next)
      ) {
        this.heading(line, `u${next.trim()[0]}`);
        i += 2;
        continue;
      }
      // A transition (a lone line of adornment): nothing a passage needs.
      if (ADORNMENT.test(line) && !GRID_BORDER.test(line) && !SIMPLE_BORDER.test(line)) {
        i++;
        continue;
      }
      if (indentOf(line) > 0) {
        // A block quote (or the body of a definition whose term was cut off): its text.
        const end = this.indentedEnd(lines, i, to, 0);
        for (const l of this.flow(this.dedent(lines, i, end))) this.emit(l);
        this.blank();
        i = end;
        continue;
      }
      if (this.depth >= MAX_DEPTH) {
        i = this.paragraph(lines, i, to);
        continue;
      }
      if (line.startsWith('..') && (line === '..' || line.startsWith('.. '))) {
        i = this.explicit(lines, i, to);
        continue;
      }
      if (GRID_BORDER.test(line)) {
        i = this.gridTable(lines, i, to);
        continue;
      }
      if (SIMPLE_BORDER.test(line)) {
        i = this.simpleTable(lines, i, to);
        continue;
      }
      if (line.startsWith('>>>')) {
        let end = i;
        while (end < to && !BLANK.test(lines[end] as string)) end++;
        this.code(lines.slice(i, end), 'pycon');
        i = end;
        continue;
      }
      if (BULLET.test(line) || ENUMERATED.test(line) || FIELD.test(line)) {
        i = this.item(lines, i, to);
        continue;
      }
      i = this.paragraph(lines, i, to);
    }
  }

  /** A paragraph: its lines up to a blank line or a change of indentation; `::` leads in to code. */
  private paragraph(lines: string[], from: number, to: number): number {
    let end = from + 1;
    while (end < to && !BLANK.test(lines[end] as string) && indentOf(lines[end] as string) === 0) end++;
    // A definition list item: a term line with its definition indented right under it.
    if (end === from + 1 && end < to && !BLANK.test(lines[end] as string)) {
      const defEnd = this.indentedEnd(lines, end, to, 0);
      const body = this.dedent(lines, end, defEnd);
      // (From the first space of a run only: from each of a long run it was quadratic.)
      const term = (lines[from] as string).trim().replace(/(?<!\s)\s+:\s.*$/, '');
      this.headed(term, this.flow(body));
      return defEnd;
    }
    const text = lines.slice(from, end).map((l) => l.trim());
    const last = text.length - 1;
    const literal = /::$/.test(text[last] as string);
    if (literal) {
      const l = text[last] as string;
      text[last] = l === '::' ? '' : /\s::$/.test(l) ? l.slice(0, -2).trimEnd() : l.replace(/::$/, ':');
    }
    let kept = text.filter((t) => t !== '');
    // A line block (an address, a verse): each line starts with a bar, which is not text.
    if (kept.length > 0 && kept.every((t) => LINE_BLOCK.test(t)))
      kept = kept.map((t) => t.replace(LINE_BLOCK, '')).filter((t) => t !== '');
    if (kept.length) {
      this.blank();
      // Inline markup may run over a line's end (a link's text on one line, its URL on the next).
      for (const t of this.inline(kept.join('\n')).split('\n')) this.emit(escapeLine(t));
      this.emit('');
    }
    if (!literal) return end;
    // The literal block: the indented lines after it (after blank lines).
    let start = end;
    while (start < to && BLANK.test(lines[start] as string)) start++;
    if (start >= to || indentOf(lines[start] as string) === 0) return start;
    const blockEnd = this.indentedEnd(lines, start, to, 0);
    this.code(this.dedent(lines, start, blockEnd));
    return blockEnd;
  }

  /** Lines of a body converted on their own (a definition, an item's text), one level deeper. */
  private flow(body: string[]): string[] {
    const converted =
      this.depth >= MAX_DEPTH
        ? body.filter((l) => !BLANK.test(l)).map((l) => escapeLine(this.inline(l.trim())))
        : new Converter(body, this.shared, this.depth + 1).run();
    while (converted.length && converted[0] === '') converted.shift();
    while (converted.length && converted.at(-1) === '') converted.pop();
    return converted;
  }

  /** A bullet, enumerated or field list item, with its body indented under its text. */
  private item(lines: string[], from: number, to: number): number {
    const line = lines[from] as string;
    const bullet = BULLET.exec(line);
    const number = bullet ? null : ENUMERATED.exec(line);
    const field = bullet || number ? null : FIELD.exec(line);
    const text = bullet
      ? bullet[2]
      : number
        ? number[3]
        : `${(field?.[1] ?? '').trim()}: ${field?.[2] ?? ''}`.trim();
    // The item's body: its continuation lines (indented) up to a line back at the margin,
    // dedented by the column of the item's text (code indented deeper stays indented: a literal
    // block); a field's body by its own indentation.
    const end = this.indentedEnd(lines, from + 1, to, 0);
    const column = field ? 0 : line.length - (text ?? '').length;
    const body = column > 0 ? this.dedentBy(lines, from + 1, end, column) : this.dedent(lines, from + 1, end);
    const converted = this.flow([text ?? '', ...body]);
    const marker = number ? '1.' : '-';
    const pad = ' '.repeat(marker.length + 1);
    // Items one after the other stay one list; anything else before the first is a paragraph.
    if (this.itemEnd !== this.out.length) this.blank();
    converted.forEach((l, k) => {
      this.emit(k === 0 ? `${marker} ${l}` : l === '' ? '' : `${pad}${l}`);
    });
    this.itemEnd = this.out.length;
    return end;
  }

  /** An explicit markup block (`..`): a directive, a comment, a target, a footnote. */
  private explicit(lines: string[], from: number, to: number): number {
    const line = (lines[from] as string).trim();
    // An empty comment (`..`) followed by a blank line is that line alone: an indented block
    // after it is a quote of its own.
    if (line === '..' && BLANK.test(lines[from + 1] ?? '')) return from + 1;
    const end = this.indentedEnd(lines, from + 1, to, 0);
    const directive = DIRECTIVE.exec(line);
    if (!directive) {
      const footnote = TARGET.test(line) || SUBSTITUTION.test(line) ? null : FOOTNOTE.exec(line);
      if (footnote) {
        const body = [footnote[2] ?? '', ...this.dedent(lines, from + 1, end)];
        this.blank();
        for (const l of this.flow(body)) this.emit(l);
        this.blank();
      }
      // Comments, targets and substitution definitions: nothing a reader sees.
      return end;
    }
    const name = (directive[1] ?? '').toLowerCase();
    const base = name.replace(/^[\w-]+:/, '');
    const argument = (directive[2] ?? '').trim();
    // The directive's options (`:header-rows: 1`) come first in its body.
    const own = this.dedent(lines, from + 1, end);
    let k = 0;
    // An option's value may go on over indented lines (a long `:header:`): they join it.
    while (
      k < own.length &&
      (/^:[\w-]+:/.test(own[k] as string) || (k > 0 && /^\s+\S/.test(own[k] as string)))
    )
      k++;
    const options = own.slice(0, k).join('\n').replace(/\n\s+/g, ' ');
    const body = own.slice(k);
    if (CODE.has(base)) {
      this.code(body, argument);
      return end;
    }
    if (DROPPED.has(base) || AUTODOC.test(base)) return end;
    if (base === 'list-table') {
      this.listTable(body, argument, /^:header-rows:\s*[1-9]/m.test(options));
      return end;
    }
    if (base === 'csv-table') {
      this.csvTable(body, argument, options);
      return end;
    }
    if (LAYOUT.has(base)) {
      this.emitAll(this.flow(body));
      this.blank();
      return end;
    }
    const admonition = ADMONITIONS.get(base);
    const version = VERSIONS.get(base);
    let lead: string | undefined;
    let prose = body;
    if (admonition) {
      lead = admonition;
      // `.. note:: text` starts its body on the directive's line.
      if (argument) prose = [argument, ...body];
    } else if (version) {
      const [v, ...words] = argument.split(/\s+/);
      lead = `${version} ${v ?? ''}`.trim();
      if (words.length) prose = [words.join(' '), ...body];
    } else if (OBJECTS.has(base) || name.includes(':')) {
      // An object description: its signature heads its description, as a definition's term
      // does; text after it is the section's.
      this.headed(argument, this.flow(body));
      return end;
    } else {
      // A titled directive (`.. admonition:: Title`, `.. tab:: Windows`), or one this reader
      // does not know (`.. command:: add_executable`): its argument leads its body.
      lead = argument || undefined;
    }
    // The body is read as text (the directive itself is not).
    const converted = this.flow(prose);
    this.blank();
    if (converted.length === 0) {
      // A version note without a body is a sentence of its own, and so is a rubric's argument;
      // any other directive without one makes its content when the site is built
      // (`.. pip-command-usage:: install`).
      if (version && lead) this.emit(`${this.inline(lead)}.`, '');
      else if (ARGUMENT_TEXT.has(base) && lead) this.emit(escapeLine(this.inline(lead)), '');
      return end;
    }
    if (lead) {
      const first = converted[0];
      if (first !== undefined && !/^(?:[-*]|1\.|```|#|\||\*\*)/.test(first)) {
        converted[0] = `${this.inline(lead)}: ${first}`;
      } else {
        this.emit(`${this.inline(lead)}:`, '');
      }
    }
    for (const l of converted) this.emit(l);
    this.blank();
    return end;
  }

  /** A grid table (`+---+---+` borders, `|` between cells) as a pipe table. */
  private gridTable(lines: string[], from: number, to: number): number {
    const { rows, header, end } = gridRows(lines, from, to);
    this.pipeTable(rows, header);
    return end;
  }

  /** A simple table (`=====  =====` borders, columns by the gaps) as a pipe table. */
  private simpleTable(lines: string[], from: number, to: number): number {
    const { rows, header, end } = simpleRows(lines, from, to);
    this.pipeTable(rows, header);
    return end;
  }

  /** `.. list-table::`: rows as `* - cell` items, `:header-rows: 1` read from the options. */
  private listTable(body: string[], title: string, header: boolean): void {
    const rows = listTableRows(body);
    this.leadIn(title);
    this.pipeTable(rows, header);
  }

  /** `.. csv-table::` (see csvTableRows), led in by its title. */
  private csvTable(body: string[], title: string, options: string): void {
    const table = csvTableRows(body, options);
    if (!table) return;
    this.leadIn(title);
    this.pipeTable(table.rows, table.header);
  }

  /** Rows of RST cells as a pipe table (a table without a header row gets an empty one). */
  private pipeTable(rows: string[][], header: boolean): void {
    const cell = (c: string) => escapeInline(this.inline(c)).replace(/\\?\|/g, '\\|');
    const kept = rows.filter((r) => r.some((c) => c)).map((r) => r.map(cell));
    if (kept.length === 0) return;
    this.blank();
    this.emitAll(pipeTable(kept, header));
    this.emit('');
  }

  /** Inline markup: roles, literals, links, references and footnote marks (see inlineText). */
  private inline(text: string): string {
    return inlineText(text, this.shared);
  }
}
