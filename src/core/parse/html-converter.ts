/**
 * The conversion of an HTML page to Markdown (see html.ts): htmlparser2's events read in one
 * pass with explicit stacks of the open elements, lists, quotes, the heading, the `<pre>` and
 * the table being read. One class: every step shares its state.
 */

import { Parser } from 'htmlparser2';
import { joinNoSpaceLines } from '../blocks.js';
import {
  BLOCKS,
  HEADING,
  languageOf,
  MAX_PREFIX_DEPTH,
  noText,
  SECTIONS,
  termText,
  titleLength,
} from './html-blocks.js';
import { CHROME_CLASSES, CHROME_ROLES, FOOTNOTE_MARK, SKIPPED, UNSEEN_CLASS } from './html-chrome.js';
import { CODE, EMPHASIS, escapeStart, escapeText, Inline, MAX_MARKS } from './html-inline.js';
import type { Survey } from './html-survey.js';
import { carryInto, MAX_ROW_SPAN, TABLE_PARTS, type Table } from './html-tables.js';
import { MAX_COLUMNS } from './markdown.js';
import { codeBlock, codeSpan, link, pipeTable } from './markdown-out.js';

interface Open {
  name: string;
  /** What opening it changed, undone when it closes. */
  scope?: boolean;
  skip?: boolean;
  mark?: { start: number; kind: 'code' | 'emphasis' | 'link'; text: string };
  list?: boolean;
  /** A `<dl>` or `<details>`: a term or summary left without a body is shown when it closes. */
  terms?: boolean;
  /** A section's id (Sphinx puts it on `<section>`, not on the heading), until a heading takes it. */
  id?: string;
  /** A table that lays out blocks (see Survey.layout), or the data table being read. */
  layoutTable?: boolean;
  dataTable?: boolean;
  /** The code language its class names (`highlight-python`), for a `<pre>` inside it. */
  lang?: string;
  /** A `<p class="title">` opening the page, read as its `<h1>` (see opened). */
  title?: true;
  /** A `<sup>` set apart from the word before it (and so from the word after it). */
  spaced?: boolean;
}

interface List {
  marker: string;
}

export class Converter {
  private readonly out: string[] = [];
  private readonly open: Open[] = [];
  private readonly inline = new Inline();
  /** The next text starts a word of its own (after a footnote mark). */
  private spaceBeforeWord = false;
  /** Elements of the page's content that are open (its main, article or role="main"). */
  private inScope = 0;
  private readonly scope: ((name: string, attributes: Record<string, string>) => boolean) | undefined;
  private skip = 0;
  private code = 0;
  private marks = 0;
  private heading: { level: number; id?: string } | undefined;
  private pre: { text: string; language: string; depth: number } | undefined;
  private table: Table | undefined;
  private readonly lists: List[] = [];
  /** The current list item has not shown its marker yet. */
  private itemFirst = false;
  private quotes = 0;
  /** A definition list's term, heading the definition that follows. */
  private term: string | undefined;
  /**
   * The term read last, while no definition has opened since: terms in a row (`-u`,
   * `--include-untracked`, `--no-include-untracked` over one definition) head it together.
   */
  private termsInRow: string | undefined;
  private title = '';
  private inTitle = false;
  private sawH1 = false;

  /** Tables opened so far (their index in the survey's layout list). */
  private tables = 0;
  private readonly layout: boolean[];

  constructor(
    private readonly html: string,
    { scope, layout }: Survey,
  ) {
    this.scope = scope;
    this.layout = layout;
  }

  run(): string {
    const parser = new Parser(
      {
        onopentag: (name, attributes) => this.opened(name, attributes),
        onclosetag: (name) => this.closed(name),
        ontext: (text) => this.text(text),
      },
      { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
    );
    parser.write(this.html);
    parser.end();
    this.flush();
    let markdown = this.out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    const title = this.title.replace(/\s+/g, ' ').trim();
    // Quoted (a JSON string is a YAML one): `Issue #42` or `{{title}}` are YAML syntax otherwise.
    if (!this.sawH1 && title) markdown = `---\ntitle: ${JSON.stringify(title)}\n---\n\n${markdown}`;
    return `${markdown}\n`;
  }

  private get reading(): boolean {
    return this.skip === 0 && (this.scope === undefined || this.inScope > 0);
  }

  private opened(name: string, attributes: Record<string, string>): void {
    const entry: Open = { name, ...(attributes.id && SECTIONS.has(name) ? { id: attributes.id } : {}) };
    if (name === 'div' && attributes.class?.includes('-')) {
      const lang = languageOf(attributes.class);
      if (lang) entry.lang = lang;
    }
    const parent = this.open.at(-1);
    this.open.push(entry);
    if (name === 'title' && parent?.name === 'head' && !this.title) this.inTitle = true;
    if (this.scope?.(name, attributes)) {
      entry.scope = true;
      this.inScope++;
    }
    // Left out: chrome, and what no reader sees. Hidden tab panels and folded answers are read
    // (a click shows them); a sidebar `<aside>` is chrome unless it sits in the page's content
    // (an admonition), a button unless it is a heading's text (an accordion's question).
    const unseen =
      (SKIPPED.has(name) && !(name === 'button' && this.heading)) ||
      (name === 'aside' && !this.inScope) ||
      attributes['aria-hidden'] === 'true' ||
      CHROME_ROLES.has(attributes.role ?? '') ||
      UNSEEN_CLASS.test(attributes.class ?? '') ||
      (name === 'sup' && FOOTNOTE_MARK.test(attributes.class ?? '')) ||
      // Outside the page's content: chrome named by its class (a cookie banner, footer links).
      (!this.inScope &&
        (attributes.class ?? '').split(/\s+/).some((c) => CHROME_CLASSES.has(c.toLowerCase())));
    if (unseen) {
      entry.skip = true;
      this.skip++;
      return;
    }
    if (!this.reading) return;
    if (this.pre) {
      if (name === 'br') this.pre.text += '\n';
      else if (name === 'code' && !this.pre.language) this.pre.language = languageOf(attributes.class);
      return;
    }
    // In a data table, anything but inline marks only parts cells (the survey makes a table
    // holding a table a layout, so none opens here).
    if (this.table && !CODE.has(name) && !EMPHASIS.has(name) && name !== 'a') {
      this.tableOpened(name, attributes);
      return;
    }
    // A word processor's export titles the page with a paragraph styled "Title" (Google Docs'
    // `<p class="c4 title">`, before any text): the page's `<h1>`, as its reader sees it.
    if (
      name === 'p' &&
      !this.sawH1 &&
      !this.heading &&
      /(?:^|\s)title(?:\s|$)/.test(attributes.class ?? '') &&
      noText(this.out) &&
      this.inline.text().trim() === ''
    ) {
      this.flush();
      const entry = this.open.at(-1) as Open;
      entry.title = true;
      this.heading = { level: 1 };
      return;
    }
    const heading = HEADING.exec(name);
    if (heading) {
      this.flush();
      // Its anchor: its own id, else that of the section it opens (its parent's, once).
      let id = attributes.id;
      const section = this.open.at(-2);
      if (!id && section?.id) {
        id = section.id;
        section.id = undefined;
      }
      this.heading = { level: Number(heading[1]), ...(id ? { id } : {}) };
      return;
    }
    switch (name) {
      case 'br':
        this.inline.push('\n');
        return;
      case 'sup':
        // A footnote mark is not part of the word before it or after it ("ferry¹" is no
        // "ferry1"); an ordinal's ending is (`21<sup>st</sup>` is "21st").
        if (this.code === 0 && this.inline.endsInLetter()) {
          this.inline.push(' ');
          entry.spaced = true;
        }
        return;
      case 'pre': {
        this.flush();
        // Its language, or that of the block it is in (Sphinx: `<div class="highlight-python">`
        // around `<div class="highlight"><pre>`).
        const around = this.open.slice(-4, -1).findLast((e) => e.lang)?.lang;
        this.pre = {
          text: '',
          language: languageOf(attributes.class) || around || '',
          depth: this.open.length,
        };
        return;
      }
      case 'ul':
      case 'ol':
      case 'menu':
        this.flushTerm();
        this.lists.push({ marker: name === 'ol' ? '1.' : '-' });
        entry.list = true;
        return;
      case 'li':
        this.flush();
        this.itemFirst = true;
        return;
      case 'blockquote':
        this.flush();
        this.quotes++;
        return;
      case 'table':
        this.flush();
        // A table that lays out headings, code or tables: its cells are read as blocks.
        if (this.layout[this.tables++]) entry.layoutTable = true;
        else {
          entry.dataTable = true;
          this.table = {
            rows: [],
            row: undefined,
            header: true,
            span: 1,
            rowSpan: 1,
            headerRows: 0,
            rowHasData: false,
            carried: new Map(),
          };
        }
        return;
      case 'a':
        this.mark(entry, 'link', attributes.href ?? '');
        return;
      case 'dl':
      case 'details':
        this.flush();
        entry.terms = true;
        return;
      case 'dt':
      case 'summary': {
        // A term (or a summary) heads what follows it; a summary right after another stands
        // alone, a term right after another joins it.
        const row = name === 'dt' && this.term !== undefined && this.term === this.termsInRow;
        if (row) this.flush();
        else this.flushTerm();
        this.termsInRow = row ? this.term : undefined;
        return;
      }
      case 'dd':
        this.flush();
        this.termsInRow = undefined;
        return;
    }
    if (CODE.has(name)) {
      if (this.code === 0 && this.marks < MAX_MARKS) {
        this.code = 1;
        this.mark(entry, 'code', '');
      }
      return;
    }
    const emphasis = EMPHASIS.get(name);
    if (emphasis && this.code === 0) {
      this.mark(entry, 'emphasis', emphasis);
      return;
    }
    if (BLOCKS.has(name) || TABLE_PARTS.has(name)) this.flush();
  }

  private mark(entry: Open, kind: 'code' | 'emphasis' | 'link', text: string): void {
    if (this.marks >= MAX_MARKS) return;
    this.marks++;
    entry.mark = { start: this.inline.length, kind, text };
  }

  private closed(name: string): void {
    const entry = this.open.pop();
    if (!entry) return;
    if (name === 'title') this.inTitle = false;
    const reading = this.reading;
    if (entry.skip) this.skip--;
    if (entry.scope) {
      this.flushTerm();
      this.inScope--;
    }
    if (entry.skip || !reading) return;
    if (this.pre) {
      if (this.open.length < this.pre.depth) this.endPre();
      return;
    }
    if (entry.spaced) this.spaceBeforeWord = true;
    if (entry.mark) {
      this.marks--;
      if (entry.mark.kind === 'code') this.code = 0;
      this.unmark(entry.mark);
      return;
    }
    if (entry.dataTable) {
      this.endTable();
      return;
    }
    if (this.table) {
      this.tableClosed(name);
      return;
    }
    if ((HEADING.test(name) || entry.title) && this.heading) {
      this.endHeading();
      return;
    }
    if (entry.list) {
      this.flush();
      this.lists.pop();
      this.itemFirst = false;
      return;
    }
    if (name === 'blockquote') {
      this.flush();
      this.quotes = Math.max(0, this.quotes - 1);
      // The quote ends here: what follows must not be read as its lazy continuation.
      this.out.push('');
      return;
    }
    if (name === 'dt' || name === 'summary') {
      // The term waits for its definition, which it heads.
      const term = this.inline.text().replace(/\s+/g, ' ').trim();
      let before = name === 'dt' ? this.termsInRow : undefined;
      if (before && term && !titleLength(`${before}, ${term}`)) {
        // Joined terms head their definition while they are as short as a bold title; a
        // longer run (a glossary without definitions) goes on from here.
        this.emitTerm();
        before = undefined;
      }
      this.term = before && term ? `${before}, ${term}` : term || before;
      this.termsInRow = name === 'dt' ? this.term : undefined;
      return;
    }
    if (entry.terms) {
      // What follows the list or the details is not under their last term: the Markdown reader
      // ends a summary's section at `</details>`.
      this.flushTerm();
      this.out.push('', '</details>', '');
      return;
    }
    if (name === 'li' || name === 'dd' || BLOCKS.has(name) || TABLE_PARTS.has(name) || entry.layoutTable)
      this.flush();
  }

  /** Wraps what an inline element held in its Markdown. */
  private unmark(mark: NonNullable<Open['mark']>): void {
    const held = this.inline.take(mark.start);
    const inner = held.replace(/\s+/g, ' ').trim();
    if (mark.kind === 'code') {
      if (inner) this.inline.push(codeSpan(inner));
      return;
    }
    const lead = /^\s/.test(held) ? ' ' : '';
    const trail = /\s$/.test(held) ? ' ' : '';
    if (mark.kind === 'emphasis') {
      // Bold is kept only where it titles what follows (a paragraph's first words, ending like
      // a word or a question): the reader needs no other emphasis, and `**` beside punctuation
      // or CJK text does not close but shows.
      const titles = mark.start === 0 && mark.text === '**' && /[\p{L}\p{N}?!.)]$/u.test(inner);
      this.inline.push(titles ? `${lead}**${inner}**${trail}` : held);
      return;
    }
    // A link: to the web or within the page, as a link; to the rest of the site, its text; the mark beside a
    // heading (`<a class="headerlink" href="#install">¶</a>`), nothing but the heading's anchor.
    const href = mark.text;
    if (href.startsWith('#') && !/[\p{L}\p{N}]/u.test(inner) && (this.heading || !inner)) {
      if (this.heading && !this.heading.id) this.heading.id = href.slice(1);
      this.inline.push(lead + trail);
      return;
    }
    // Links within the page stay links too: the Markdown reader knows a table of contents by them.
    if (/^(?:https?:|mailto:|#)/i.test(href) && inner && !this.heading && !this.table && this.code === 0) {
      this.inline.push(`${lead}${link(inner, href)}${trail}`);
      return;
    }
    this.inline.push(held);
  }

  private text(text: string): void {
    if (this.inTitle) {
      this.title += text;
      return;
    }
    if (!this.reading) return;
    if (this.pre) {
      this.pre.text += text;
      return;
    }
    const collapsed = joinNoSpaceLines(text).replace(/\s+/g, ' ');
    // After a footnote mark, the next word starts apart ("note¹ for", not "note 1for").
    if (this.spaceBeforeWord && /^[\p{L}\p{N}]/u.test(collapsed)) this.inline.push(' ');
    this.spaceBeforeWord = false;
    this.inline.push(this.code > 0 ? collapsed : escapeText(collapsed));
  }

  /** Emits the paragraph being read (inside a table, a space in the cell). */
  private flush(): void {
    this.spaceBeforeWord = false;
    if (this.table) {
      if (!this.inline.endsInSpace()) this.inline.push(' ');
      return;
    }
    const lines = this.inline
      .text()
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter((l) => l !== '');
    if (lines.length === 0) return;
    const term = termText(this.term);
    this.term = undefined;
    this.block([...(term ? [`**${term}**`] : []), ...lines.map(escapeStart)]);
  }

  /** Emits what is being read, and a term whose definition never came as a paragraph of its own. */
  private flushTerm(): void {
    this.flush();
    this.emitTerm();
  }

  private emitTerm(): void {
    const term = termText(this.term);
    this.term = undefined;
    if (term) this.block([`**${term}**`]);
  }

  /** Emits lines as one block, with the prefixes of the lists and quotes it is in. */
  private block(lines: string[]): void {
    const quote = '> '.repeat(Math.min(this.quotes, MAX_PREFIX_DEPTH));
    let indent = '';
    for (let k = Math.max(0, this.lists.length - MAX_PREFIX_DEPTH); k < this.lists.length - 1; k++)
      indent += ' '.repeat((this.lists[k] as List).marker.length + 1);
    const list = this.lists.at(-1);
    const rest = list ? indent + ' '.repeat(list.marker.length + 1) : '';
    lines.forEach((line, k) => {
      let prefix = rest;
      if (k === 0 && list && this.itemFirst) {
        prefix = `${indent}${list.marker} `;
        this.itemFirst = false;
      }
      this.out.push(`${quote}${prefix}${line}`);
    });
    this.out.push(list ? '' : quote.trimEnd());
  }

  private endHeading(): void {
    const heading = this.heading as { level: number; id?: string };
    this.heading = undefined;
    const text = this.inline.text().replace(/\s+/g, ' ').trim();
    if (!text) return;
    if (heading.level === 1) this.sawH1 = true;
    this.out.push('');
    if (heading.id && /^[\w.:-]+$/.test(heading.id)) this.out.push(`<a id="${heading.id}"></a>`, '');
    this.out.push(`${'#'.repeat(heading.level)} ${text}`, '');
  }

  private endPre(): void {
    const pre = this.pre as { text: string; language: string };
    this.pre = undefined;
    const code = codeBlock(pre.text.replace(/\r\n?/g, '\n').split('\n'), pre.language);
    if (code.length === 0) return;
    this.emitTerm();
    this.block(code);
  }

  private tableOpened(name: string, attributes: Record<string, string>): void {
    const table = this.table as Table;
    if (name === 'tr') {
      table.row = [];
      table.rowHasData = false;
      this.inline.clear();
    } else if (name === 'th' || name === 'td') {
      this.inline.clear();
      if (name === 'td' && table.rows.length === 0) table.header = false;
      if (name === 'td') table.rowHasData = true;
      // A cell spanning columns holds their places, so the cells after it keep their headers.
      table.span = Math.min(Math.max(Number.parseInt(attributes.colspan ?? '', 10) || 1, 1), MAX_COLUMNS);
      table.rowSpan = Math.min(Math.max(Number.parseInt(attributes.rowspan ?? '', 10) || 1, 1), MAX_ROW_SPAN);
    } else if (name === 'li' && this.inline.endsInText()) this.inline.push('; ');
    else if (!this.inline.endsInSpace()) this.inline.push(' ');
  }

  private tableClosed(name: string): void {
    const table = this.table as Table;
    if (name === 'caption') {
      table.caption = this.inline.text().replace(/\s+/g, ' ').trim();
    } else if (name === 'th' || name === 'td') {
      // A cell outside any row (a table without <tr>) starts one.
      table.row ??= [];
      const row = table.row;
      // A cell's pipes are escaped once (the text's are already, a code span's not yet).
      const text = this.inline.text().replace(/\s+/g, ' ').trim().replace(/\\?\|/g, '\\|');
      carryInto(table, row);
      // A header spanning columns heads each of them; a spanning value is said once.
      const header = table.header && !table.rowHasData && table.rows.length === table.headerRows;
      for (let k = 0; k < table.span && row.length < MAX_COLUMNS; k++) {
        if (table.rowSpan > 1) table.carried.set(row.length, { text, left: table.rowSpan - 1 });
        row.push(k === 0 || header ? text : '');
      }
    } else if (name === 'tr') {
      if (table.row) carryInto(table, table.row, true);
      if (table.row?.some((c) => c)) {
        if (table.header && !table.rowHasData && table.rows.length === table.headerRows) table.headerRows++;
        table.rows.push(table.row);
      }
      table.row = undefined;
    }
  }

  private endTable(): void {
    const table = this.table as Table;
    this.table = undefined;
    this.inline.clear();
    if (table.row?.some((c) => c)) table.rows.push(table.row);
    if (table.rows.length === 0) return;
    // A header over several rows (`OS` over two, `Architecture` over `x64` and `arm64`) is one
    // header row: each column named by its headers from the top, `Architecture x64`.
    if (table.header && table.headerRows > 1 && table.headerRows < table.rows.length) {
      const heads = table.rows.slice(0, table.headerRows);
      const columns = Math.max(...heads.map((r) => r.length));
      const merged = Array.from({ length: columns }, (_, c) =>
        heads
          .map((r) => r[c] ?? '')
          .filter((t, i, all) => t && all.indexOf(t) === i)
          .join(' '),
      );
      table.rows.splice(0, table.headerRows, merged);
    }
    this.emitTerm();
    this.out.push('');
    // The caption leads in to the table (a lead-in ending with `:` travels with it).
    if (table.caption) this.block([`${escapeStart(table.caption).replace(/[.:]?$/, ':')}`]);
    this.block(pipeTable(table.rows, table.header));
  }
}
