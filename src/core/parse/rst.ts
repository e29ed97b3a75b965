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
 */

import { MAX_COLUMNS } from './markdown.js';
import { codeBlock, codeSpan, link, pipeTable } from './markdown-out.js';

/** Punctuation that can adorn a section title (docutils' recommended set and the rest). */
const ADORNMENT = /^([!-/:-@[-`{-~])\1{2,}\s*$/;
const BLANK = /^\s*$/;
/** `.. name:: arguments` (a directive), with an optional domain (`py:function`). */
const DIRECTIVE = /^\.\.\s+([\w-]+(?::[\w-]+)?)::(?:\s+(.*))?$/;
/** `.. _target:` / `.. __:` / `.. _name: url`. */
const TARGET = /^\.\.\s+_/;
/** A line of a line block: `| ` and its text, or a bare `|` (a blank line in the block). */
const LINE_BLOCK = /^\|(?: +|$)/;
/** `.. |name| replace:: text` (and other substitution definitions). */
const SUBSTITUTION = /^\.\.\s+\|([^|]+)\|\s+([\w-]+)::\s*(.*)$/;
/** `.. [1] text`, `.. [#] text`, `.. [#name] text`, `.. [CIT2002] text`. */
const FOOTNOTE = /^\.\.\s+\[([^\]]+)\]\s*(.*)$/;
const BULLET = /^([-*+\u2022])\s+(.*)$/;
const ENUMERATED = /^(?:(\d+|#|[a-zA-Z]|[ivxlcIVXLC]+)[.)]|\((\d+|#|[a-zA-Z]|[ivxlcIVXLC]+)\))\s+(.*)$/;
/** `:name: body` (a field list item), not a role (`:ref:` followed by a backtick). */
const FIELD = /^:([^:`\s][^:`]*):(?:\s+(.*))?$/;
const GRID_BORDER = /^\+(?:[-=]+\+)+\s*$/;
const SIMPLE_BORDER = /^=+(?:\s+=+)+\s*$/;

/** Directives whose body is code (their argument is its language). */
const CODE = new Set([
  'code-block',
  'code',
  'sourcecode',
  'doctest',
  'testcode',
  'testoutput',
  'ipython',
  'parsed-literal',
  'prompt',
  'code-tab',
  'jupyter-execute',
  'productionlist',
]);
/**
 * Directives whose argument is a style, a layout or a file, not text: only their body is read
 * (a figure's caption and legend are prose; its image is not).
 */
const LAYOUT = new Set([
  'figure',
  'container',
  'only',
  'grid',
  'grid-item',
  'grid-item-card',
  'tab-set',
  'tabs',
  'ifconfig',
]);
/** Directives whose argument is text of its own even without a body. */
const ARGUMENT_TEXT = new Set(['rubric', 'centered', 'topic', 'sidebar', 'admonition']);

/** What substitutions may add to a file: a base, and so much per character of it (see Shared.budget). */
const SUBSTITUTION_BUDGET = { base: 100_000, perChar: 2 };

/** Substitutions Sphinx fills in when the site is built. */
const BUILD_VALUES = new Set(['version', 'release', 'today']);

/** Directives whose body is prose led by a fixed title (Maps: a directive named `constructor` is none). */
const ADMONITIONS: ReadonlyMap<string, string> = new Map([
  ['note', 'Note'],
  ['warning', 'Warning'],
  ['tip', 'Tip'],
  ['hint', 'Hint'],
  ['important', 'Important'],
  ['caution', 'Caution'],
  ['danger', 'Danger'],
  ['error', 'Error'],
  ['attention', 'Attention'],
  ['seealso', 'See also'],
  ['todo', 'To do'],
]);
/** Directives that say when something changed; their argument is a version. */
const VERSIONS: ReadonlyMap<string, string> = new Map([
  ['versionadded', 'New in version'],
  ['versionchanged', 'Changed in version'],
  ['deprecated', 'Deprecated since version'],
  ['versionremoved', 'Removed in version'],
]);
/** Directives with nothing a reader reads (or only a file reference): dropped with their body. */
const DROPPED = new Set([
  'toctree',
  'image',
  'include',
  'literalinclude',
  'raw',
  'index',
  'contents',
  'highlight',
  'module',
  'currentmodule',
  'meta',
  'sectnum',
  'header',
  'footer',
  'default-role',
  'role',
  'rst-class',
  'program',
  'testsetup',
  'testcleanup',
  'target-notes',
  'graphviz',
  'math',
  'comment',
  'title',
  'tabularcolumns',
  'argparse',
  'click',
]);
/** Directives of Sphinx's autodoc (`autoclass`, `automodule`…), dropped like the above. */
const AUTODOC = /^auto/;
/** Sphinx object descriptions: their signature heads their description. */
const OBJECTS = new Set([
  'function',
  'method',
  'classmethod',
  'staticmethod',
  'attribute',
  'property',
  'data',
  'exception',
  'decorator',
  'decoratormethod',
  'envvar',
  'option',
  'describe',
  'object',
  'class',
  'confval',
]);
/** Roles whose text is code. */
const CODE_ROLES =
  /^(?:(?:py|c|cpp|js|std):)?(?:func|meth|class|attr|mod|data|obj|exc|const|member|var|type|macro|struct|union|enum|enumerator|func|envvar|file|program|option|command|samp|kbd|code|literal|makevar|mimetype|regexp|confval)$/;

/**
 * What reStructuredText reads as text and Markdown would not, escaped outside code spans: `<word>`
 * (an HTML tag, dropped), `&lt;` (an entity, decoded), `a*b*c` (emphasis; RST never starts it
 * inside a word).
 */
function escapeInline(text: string): string {
  return text.replace(
    /(`+)[^`]*?\1|<(?=[A-Za-z/!?])|&(?=#?\w+;)|(?<=[\p{L}\p{N}])\*(?=[\p{L}\p{N}])/gu,
    (m) => (m.startsWith('`') ? m : `\\${m}`),
  );
}
/** The fields of one CSV line (quotes with doubled quotes inside, empty fields kept). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k] as string;
    if (quoted) {
      if (c === '"' && line[k + 1] === '"') {
        field += '"';
        k++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && !field.trim()) quoted = true;
    else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

/** Converts a reStructuredText document to Markdown. */
export function rstToMarkdown(content: string): string {
  const lines = content
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(expandTabs);
  return new Converter(withoutMetadata(lines)).run().join('\n');
}

/**
 * The lines without the field list that opens a document, before anything else: Sphinx reads
 * it as the file's metadata (`:orphan:`, `:tocdepth: 2`, `:allow_comments: False`), which no
 * reader sees. Only names in lower case: docutils shows `:Version:` or `:License:` at the top
 * of a README as a table.
 */
function withoutMetadata(lines: string[]): string[] {
  let start = 0;
  while (start < lines.length && lines[start] === '') start++;
  let end = start;
  while (
    end < lines.length &&
    (/^:[a-z][a-z\d_-]*:(?:\s|$)/.test(lines[end] as string) ||
      (end > start && /^\s+\S/.test(lines[end] as string)))
  )
    end++;
  if (end === start || (end < lines.length && lines[end] !== '')) return lines;
  return [...lines.slice(0, start), ...lines.slice(end)];
}

/** A line with its tabs expanded to 8-column stops. */
function expandTabs(line: string): string {
  if (!line.includes('\t')) return line.trimEnd();
  let out = '';
  for (const c of line) out += c === '\t' ? ' '.repeat(8 - (out.length % 8)) : c;
  return out.trimEnd();
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** Bodies nested deeper than this (quotes in items in directives…) are read as plain text. */
const MAX_DEPTH = 12;

/** What the converters of one document share: title styles, substitutions, the section level. */
interface Shared {
  /** Adornment styles in the order first seen: a style's index is its level - 1. */
  styles: string[];
  substitutions: Map<string, string>;
  /** The level of the section being read (0 before any title). */
  level: number;
  /**
   * Characters substitutions may still add: a short file of many `|a|` for a long `replace::`
   * would otherwise grow without bound. Past it, a substitution reads as its name.
   */
  budget: number;
  /** Section ids given so far (see sectionId), and the last number given after each prefix. */
  ids: Set<string>;
  numbered: Map<string, number>;
}

/** Letters NFKD does not take apart, as docutils reads them into ids (see sectionId). */
const ID_LETTERS: Record<string, string> = {
  ß: 'sz',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ł: 'l',
  ŀ: 'l',
  ŧ: 't',
  þ: 'th',
};

/**
 * The id docutils (Sphinx, Read the Docs, GitHub's view of a .rst file) gives a section: its
 * title's text in lower case, as ASCII letters and digits, every other run a hyphen, without
 * leading digits or hyphens (`Using ``Session.mount()``` → `using-session-mount`, `Version
 * 2.0.1` → `version-2-0-1`, `Ünïcode Héading` → `unicode-heading`). A title whose id is taken,
 * or with no ASCII letter or digit, gets the next automatic id, `id1`, `id2`…, as Sphinx numbers
 * them (its `auto_id_prefix` is `id`; plain docutils 0.18 and later would write `section-1`).
 */
function sectionId(title: string, shared: Shared): string {
  const text = title
    .replace(/(?<![\w.:+-]):[\w.:+-]+:(?=`)/g, '') // a role's name (:func:`get`)
    .replace(/`([^`<]*)<[^<>`]*>`_{0,2}/g, (_, text: string) => text.trimEnd()); // a link's target (`text <url>`_)
  const base = text
    .toLowerCase()
    .replace(/[ßæœøđðħıłŀŧþ]/g, (c) => ID_LETTERS[c] ?? c)
    .normalize('NFKD')
    .replace(/\P{ASCII}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[-0-9]+|-+$/g, '');
  let id = base;
  if (!id || shared.ids.has(id)) {
    do {
      const n = (shared.numbered.get('id') ?? 0) + 1;
      shared.numbered.set('id', n);
      id = `id${n}`;
    } while (shared.ids.has(id));
  }
  shared.ids.add(id);
  return id;
}

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
    this.emit(this.escapeLine(this.inline(title)).replace(/[.:]?$/, ':'), '');
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
      for (const t of this.inline(kept.join('\n')).split('\n')) this.emit(this.escapeLine(t));
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
        ? body.filter((l) => !BLANK.test(l)).map((l) => this.escapeLine(this.inline(l.trim())))
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
      else if (ARGUMENT_TEXT.has(base) && lead) this.emit(this.escapeLine(this.inline(lead)), '');
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
    const border = lines[from] as string;
    // Column edges: the border's `+` marks (at most MAX_COLUMNS columns; the rest join the last).
    const cuts: number[] = [];
    for (let c = 0; c < border.length; c++) if (border[c] === '+') cuts.push(c);
    if (cuts.length > MAX_COLUMNS + 1) cuts.splice(MAX_COLUMNS, cuts.length - MAX_COLUMNS - 1);
    const edge = new Set(cuts);
    const rows: string[][] = [];
    let header = -1;
    let cells: string[][] = cuts.slice(1).map(() => []);
    const save = () => {
      if (cells.some((c) => c.length)) rows.push(cells.map((c) => c.join(' ').trim()));
      cells = cuts.slice(1).map(() => []);
    };
    let i = from + 1;
    for (; i < to; i++) {
      const line = lines[i] as string;
      if (line.startsWith('+')) {
        // A border, whole or partial (a cell spanning rows): the row above ends.
        save();
        if (/^\+=/.test(line)) header = rows.length;
        continue;
      }
      if (!line.startsWith('|')) break;
      // A cell runs from one `|` on a column edge to the next (a cell spanning columns has none
      // between them): its text goes to its first column.
      let column = 0;
      let start = 0;
      for (let c = 1; c <= line.length; c++) {
        if (c < line.length && !(line[c] === '|' && edge.has(c))) continue;
        const text = line.slice(start + 1, c).trim();
        if (text) cells[Math.min(column, cells.length - 1)]?.push(text);
        while (column < cuts.length - 1 && (cuts[column + 1] as number) <= c) column++;
        start = c;
      }
    }
    save();
    this.pipeTable(rows, header === 1);
    return i;
  }

  /** A simple table (`=====  =====` borders, columns by the gaps) as a pipe table. */
  private simpleTable(lines: string[], from: number, to: number): number {
    const border = lines[from] as string;
    const spans: [number, number][] = [];
    const re = /=+/g;
    for (let m = re.exec(border); m; m = re.exec(border)) spans.push([m.index, m.index + m[0].length]);
    if (spans.length > MAX_COLUMNS) spans.length = MAX_COLUMNS;
    const rows: string[][] = [];
    let borders = 1;
    let header = false;
    let i = from + 1;
    for (; i < to; i++) {
      const line = lines[i] as string;
      if (SIMPLE_BORDER.test(line) || /^=+\s*$/.test(line)) {
        borders++;
        if (borders === 2 && lines[i + 1] !== undefined && !BLANK.test(lines[i + 1] as string)) {
          header = rows.length === 1;
          continue;
        }
        i++;
        break;
      }
      if (BLANK.test(line)) continue;
      if (/^-+(?:\s+-+)*\s*$/.test(line)) continue;
      const row = spans.map(([s, e], c) => line.slice(s, c === spans.length - 1 ? undefined : e).trim());
      // A line whose first column is empty continues the row above.
      if (!row[0] && rows.length) {
        const above = rows.at(-1) as string[];
        row.forEach((cell, c) => {
          if (cell) above[c] = `${above[c] ?? ''} ${cell}`.trim();
        });
      } else rows.push(row);
    }
    this.pipeTable(rows, header);
    return i;
  }

  /** `.. list-table::`: rows as `* - cell` items, `:header-rows: 1` read from the options. */
  private listTable(body: string[], title: string, header: boolean): void {
    const rows: string[][] = [];
    let row: string[] | undefined;
    for (const line of body) {
      const m = /^(\*|-)\s+-\s+(.*)$/.exec(line);
      if (m) {
        row = [m[2] ?? ''];
        rows.push(row);
        continue;
      }
      const cell = /^\s+-\s+(.*)$/.exec(line);
      if (cell && row) {
        row.push(cell[1] ?? '');
        continue;
      }
      if (row && /^\s+\S/.test(line)) row[row.length - 1] = `${row.at(-1) ?? ''} ${line.trim()}`.trim();
    }
    this.leadIn(title);
    this.pipeTable(rows, header);
  }

  /**
   * `.. csv-table::` with its rows in its body; its `:header:` option (a CSV line) is the header
   * row, as are the first rows (joined column by column) with `:header-rows: N`.
   */
  private csvTable(body: string[], title: string, options: string): void {
    // Rows kept in another file or at an address are not read: no table, rather than a header alone.
    if (/^:(?:file|url):/m.test(options)) return;
    const rows = body.filter((l) => !BLANK.test(l)).map(csvFields);
    const header = /^:header:\s*(.+)$/m.exec(options)?.[1];
    if (header) rows.unshift(csvFields(header));
    // `:header-rows: 2`: the first rows, column by column, make one header row.
    const headerRows = header ? 1 : Math.min(Number(/^:header-rows:\s*(\d+)/m.exec(options)?.[1] ?? 0), 8);
    if (headerRows > 1) {
      const top = rows.splice(0, headerRows);
      const width = Math.max(...top.map((r) => r.length));
      rows.unshift(
        Array.from({ length: width }, (_, i) =>
          top
            .map((r) => r[i] ?? '')
            .filter(Boolean)
            .join(' '),
        ),
      );
    }
    this.leadIn(title);
    this.pipeTable(rows, headerRows > 0);
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

  /**
   * A line start Markdown (or a dialect the Markdown reader knows) would read as structure the
   * RST text does not have (a heading, a list, a rule, `:::`, `{{`), and what escapeInline escapes.
   */
  private escapeLine(line: string): string {
    // A number's dot is escaped after its digits (`1\\.`: a backslash before a digit is no escape).
    const start = line
      .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
      .replace(/^(#{1,6}(?:\s|$)|>|[-+*]\s|={3,}|-{3,}|~{3,}|:::|!!!|\{[{%])/, '\\$1');
    return escapeInline(start);
  }

  /** Inline markup: roles, literals, links, references and footnote marks. */
  inline(text: string, substitute = true): string {
    // A footnote or citation reference takes the next automatic id, as a section whose title
    // needs one does (see sectionId): counted in the order they come.
    if (text.includes(']_')) {
      const refs = text.replace(/``[\s\S]+?``/g, '').match(/\[(?:#[\w-]*|\*|\d+|[A-Za-z][\w.-]*)\]_/g);
      if (refs) this.shared.numbered.set('id', (this.shared.numbered.get('id') ?? 0) + refs.length);
    }
    // Inline literals and code roles are set aside first, out of the way of every other rule
    // (a literal may hold `:all:` or `|`, and may run over a line's end), and put back last.
    const held: string[] = [];
    const hold = (code: string) => `\uE000${held.push(code.replace(/\s+/g, ' ')) - 1}\uE001`;
    const out = text
      .replace(/``([\s\S]+?)``/g, (_m, code: string) => hold(code))
      // :role:`text <target>` / :role:`~a.b.c` / :role:`text`
      .replace(/:((?:[\w-]+:)?[\w-]+):`([^`]+)`/g, (_m, role: string, body: string) => {
        const labelled = /\S\s*<[^<>]*>\s*$/.test(body);
        let shown = labelled ? body.slice(0, body.lastIndexOf('<')).trim() : body.trim();
        if (shown.startsWith('~')) shown = shown.slice(1).split('.').pop() ?? shown;
        shown = shown.replace(/^[!]/, '');
        // A cross-reference without a label reads as its target's words (`../topics/vcs-support`).
        if (!labelled && /^(?:std:)?(?:doc|ref)$/.test(role)) {
          shown = (shown.split('/').pop() ?? shown).replace(/[-_]+/g, ' ').trim() || shown;
        }
        if (/^(?:rfc|pep)$/i.test(role)) return `${role.toUpperCase()} ${shown}`;
        return CODE_ROLES.test(role) ? hold(shown) : shown;
      });
    return this.markup(out, substitute)
      .replace(/\\ /g, '')
      .replace(/\uE000(\d+)\uE001/g, (_m, k: string) => codeSpan(held[Number(k)] ?? ''));
  }

  /** Links, references, substitutions and footnote marks of text whose literals are set aside. */
  private markup(text: string, substitute: boolean): string {
    return (
      text
        // `text <url>`_ → [text](url); `<url>`_ → url; `text <target_>`_ → text
        // (`[^`<]*`, not lazy with `\s*` after it: a backtick before a long run of spaces costs
        // one scan, not one per space)
        .replace(/`([^`<]*)<([^<>`]+)>`__?/g, (_m, written: string, target: string) => {
          const label = written.trimEnd();
          if (/^[a-z][\w+.-]*:/i.test(target) || target.startsWith('/'))
            return label ? link(label, target) : target;
          return label || target.replace(/_$/, '');
        })
        // `text`_ → text
        .replace(/`([^`]+)`__?(?![\w`])/g, '$1')
        // |substitution| → its text (read as inline markup itself, once); one defined as an
        // image or a date, or Sphinx's |version|, |release| and |today|, whose values come
        // from the build, → nothing
        .replace(/\|([^|\s][^|]*)\|(?:__?)?/g, (m, name: string) => {
          const value = this.shared.substitutions.get(name);
          if (value !== undefined && value.length <= this.shared.budget) {
            this.shared.budget -= value.length;
            return substitute ? this.inline(value, false) : value;
          }
          if (value !== undefined) return /^\w[\w\s-]*$/.test(name) ? name : '';
          if (BUILD_VALUES.has(name)) return '';
          return /^\w[\w\s-]*$/.test(name) ? name : m;
        })
        // footnote and citation marks: [1]_, [#]_, [#note]_, [CIT2002]_
        .replace(/\s?\[(?:#[\w-]*|\d+|\*|[A-Za-z][\w-]*)\]_/g, '')
        // word_ (a reference to a target) → word
        .replace(/(^|[\s(])([A-Za-z][\w-]*[A-Za-z0-9])__?(?=[\s.,;:!?)]|$)/g, '$1$2')
        // a role after its text: `text`:role:
        .replace(/`([^`]+)`:[\w-]+:/g, '`$1`')
    );
  }
}
