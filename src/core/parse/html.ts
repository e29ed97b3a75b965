/**
 * HTML pages (an exported help centre, a documentation site's build output, a saved web page)
 * to Markdown, for the Markdown reader: the text a reader of the page sees, with its structure.
 *
 * - Only the page's content is read: its `<main>` (else its `role="main"` element, else its one
 *   `<article>`, else the whole body: see survey); site chrome is dropped wherever it is —
 *   `<nav>`, a sidebar `<aside>`, `<footer>`, buttons, scripts and styles, ARIA chrome roles,
 *   screen-reader text — and, outside the content, elements whose class names chrome
 *   (`cookie-banner`, `footer-links`, `navbar`, `breadcrumbs`). Hidden tab panels and folded answers are read.
 * - Headings (`<h1>`…`<h6>`) become sections, their `id` the section's anchor; paragraphs, lists,
 *   `<pre>` code (with its language), tables (row by row with their headers), block quotes and
 *   definition lists (the term heads its definition) keep their shape.
 * - Inline: code, and bold where it titles what follows; links to the web or within the page as
 *   links, the `¶` marks in headings as nothing; images left out.
 * - A page that only redirects (a `<meta http-equiv="refresh">` and next to no text of its own)
 *   is reported as a redirect, not read.
 *
 * The page is parsed by htmlparser2's streaming parser (the browser's rules for unclosed and
 * implied tags), and converted in one pass with explicit stacks: no recursion. A page the
 * parser nests deeper than MAX_NESTING is read as plain text instead (the parser's work per
 * tag grows with the nesting).
 */
import { Parser } from 'htmlparser2';
import { joinNoSpaceLines } from '../blocks.js';
import { BOLD_TITLE_MAX, MAX_COLUMNS, plainInline } from './markdown.js';
import { codeBlock, codeSpan, link, pipeTable } from './markdown-out.js';

/** What an HTML page reads as. */
export interface HtmlPage {
  markdown: string;
  /** Where the page sends its reader, when it only redirects. */
  redirect?: string;
}

/** Elements whose content is never the page's text. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'nav',
  'footer',
  'button',
  'select',
  'textarea',
  'iframe',
  'object',
  'embed',
  'canvas',
  'dialog',
  'audio',
  'video',
  'map',
  'head',
]);
/** ARIA roles of site chrome (a sidebar `<div role="navigation">`, a site footer), left out like `<nav>`. */
const CHROME_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'search',
  'menu',
  'menubar',
  'toolbar',
]);
/** Elements that end the paragraph being read (their content starts a new block). */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'hgroup',
  'address',
  'figure',
  'figcaption',
  'details',
  'summary',
  'fieldset',
  'legend',
  'center',
  'hr',
  'dl',
  'dt',
  'dd',
  'body',
  'html',
]);
const HEADING = /^h([1-6])$/;
/** The parts of a table: blocks when the table is a layout. */
const TABLE_PARTS = new Set(['tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption']);
/** Elements whose id is the anchor of the heading that opens them. */
const SECTIONS = new Set(['section', 'div', 'article']);
/** Inline elements read as code. */
const CODE = new Set(['code', 'kbd', 'samp', 'tt', 'var']);
/** Emphasis tags and their Markdown marks (a Map: a tag named `constructor` is no emphasis). */
const EMPHASIS: ReadonlyMap<string, string> = new Map([
  ['strong', '**'],
  ['b', '**'],
  ['em', '*'],
  ['i', '*'],
]);
/** Inline marks nested deeper than this are left out (each one rewrites its text). */
const MAX_MARKS = 8;
/** Lists and quotes nested deeper than this are indented no further (each level prefixes each line). */
const MAX_PREFIX_DEPTH = 8;
/** An element this share of the page's text or more is its content (see survey). */
const CONTENT_SHARE = 0.3;
/**
 * Classes of text only screen readers hear, of line numbers beside code, and of a wiki's
 * chrome in its content (MediaWiki's `[edit]` links in headings, its "Retrieved from" line, its
 * box of categories and navigation boxes, what it marks not to print).
 */
const UNSEEN_CLASS =
  /(?:^|\s)(?:sr-only|visually-hidden|screen-reader-text|skip-link|linenos|lineno|linenodiv|mw-editsection|printfooter|catlinks|mw-jump-link|navbox|noprint)(?:\s|$)/;
/** A footnote's mark in the text (`[1]` in a `<sup class="reference">`, as wikis write it). */
const FOOTNOTE_MARK = /(?:^|\s)reference(?:\s|$)/;
/**
 * Classes of site chrome outside the content, whole names only (not `card-footer`, nor a
 * section about cookies): footers, cookie and consent banners, navigation bars, breadcrumbs.
 */
const CHROME_CLASSES = new Set(
  'footer site-footer page-footer footer-links cookie-banner cookie-consent cookie-notice cookie-bar consent-banner gdpr-banner navbar breadcrumb breadcrumbs'.split(
    ' ',
  ),
);
/** Pages nested deeper than this are read as plain text (see the module comment). */
export const MAX_NESTING = 512;
/** A redirect page's own text is at most this long. */
const REDIRECT_TEXT = 200;

/** Converts an HTML page to Markdown. */
export function readHtml(content: string): HtmlPage {
  const html = content.replace(/^\uFEFF/, '');
  const surveyed = survey(html);
  // Nested too deep for the parser: plain text.
  if (!surveyed) return { markdown: plainText(html) };
  // A redirect: a parsed `<meta http-equiv="refresh">` (not one in a comment or a script) on a
  // page with next to no text of its own.
  if (surveyed.redirect !== undefined && surveyed.text <= REDIRECT_TEXT)
    return { markdown: '', redirect: surveyed.redirect };
  return { markdown: new Converter(html, surveyed).run() };
}

/** What a first pass over the page finds: which element holds its content, which tables are layout. */
interface Survey {
  /** Whether an element is the page's content (undefined: the whole body is). */
  scope: ((name: string, attributes: Record<string, string>) => boolean) | undefined;
  /** Per table, in the order they open: whether it lays out blocks (headings, code, tables). */
  layout: boolean[];
  /** The target of a `<meta http-equiv="refresh">`. */
  redirect?: string;
  /** Characters of text the page shows (whitespace aside). */
  text: number;
}

/** Thrown inside the survey when the page nests deeper than MAX_NESTING (read as plain text). */
class TooDeep extends Error {}

/** Elements whose text is never read, in the survey as in the conversion. */
const NO_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'head']);
/** Blocks inside a table cell that make the table a layout, read as blocks rather than rows. */
const LAYOUT_BLOCKS = /^(?:h[1-6]|pre|table)$/;

/**
 * Parses the page once to choose what to read: its `<main>` when that holds a good share of the
 * page's text, else its `role="main"` element, else its one `<article>`, else the whole body (a
 * page of article cards, or a `<main>` holding only a banner, is read whole). Found from the
 * parsed elements, not the raw text, so a `<main>` in a code sample or a script counts for nothing.
 */
function survey(html: string): Survey | undefined {
  let total = 0;
  let redirect: string | undefined;
  let skip = 0;
  const open: { name: string; main?: boolean; role?: boolean; article?: boolean; table?: number }[] = [];
  let inMain = 0;
  let inRole = 0;
  let inArticle = 0;
  let mainText = 0;
  let roleText = 0;
  let mains = 0;
  let roles = 0;
  const articles: number[] = [];
  const layout: boolean[] = [];
  const tables: number[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const entry: (typeof open)[number] = { name };
        open.push(entry);
        // The parser's own nesting (unclosed `<li><p>` pairs nest as it reads them): past the
        // limit, each tag would cost the parser the whole depth.
        if (open.length > MAX_NESTING) throw new TooDeep();
        if (name === 'meta' && /^refresh$/i.test(attributes['http-equiv'] ?? ''))
          redirect ??= /url\s*=\s*['"]?([^'";\s]+)/i.exec(attributes.content ?? '')?.[1] ?? '';
        if (NO_TEXT.has(name)) skip++;
        if (name === 'main') {
          entry.main = true;
          if (inMain++ === 0) mains++;
        }
        if (attributes.role === 'main') {
          entry.role = true;
          if (inRole++ === 0) roles++;
        }
        if (name === 'article') {
          entry.article = true;
          if (inArticle++ === 0) articles.push(0);
        }
        if (name === 'table') {
          const outer = tables.at(-1);
          if (outer !== undefined) layout[outer] = true;
          entry.table = layout.length;
          tables.push(layout.length);
          layout.push(false);
        } else if (LAYOUT_BLOCKS.test(name) && tables.length > 0) layout[tables.at(-1) as number] = true;
      },
      onclosetag(name) {
        const entry = open.pop();
        if (!entry) return;
        if (NO_TEXT.has(name)) skip--;
        if (entry.main) inMain--;
        if (entry.role) inRole--;
        if (entry.article) inArticle--;
        if (entry.table !== undefined) tables.pop();
      },
      ontext(text) {
        if (skip > 0) return;
        let n = 0;
        for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) > 32) n++;
        total += n;
        if (inMain > 0) mainText += n;
        if (inRole > 0) roleText += n;
        if (inArticle > 0) articles[articles.length - 1] = (articles.at(-1) as number) + n;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  try {
    parser.write(html);
    parser.end();
  } catch (error) {
    if (error instanceof TooDeep) return undefined;
    throw error;
  }
  const holds = (n: number) => n > 0 && n >= CONTENT_SHARE * total;
  let scope: Survey['scope'];
  if (mains > 0 && holds(mainText)) scope = (name) => name === 'main';
  else if (roles > 0 && holds(roleText)) scope = (_name, attributes) => attributes.role === 'main';
  else if (articles.length === 1 && holds(articles[0] as number)) scope = (name) => name === 'article';
  return { scope, layout, ...(redirect !== undefined ? { redirect } : {}), text: total };
}

/** Elements whose text is never a page's own (a script, a style sheet), read to their end tag or to the page's end. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'template', 'noscript']);

/**
 * The page without the elements it leaves out when parsed (SKIPPED: scripts, styles, the head,
 * navigation, footers…) and without comments, found by their tags alone: each from its start
 * tag to the first end tag of its name (a script or a style with none runs to the page's end;
 * another element with none loses its tag only). Linear: each name's end tag is searched for
 * forward only.
 */
function withoutSkipped(html: string): string {
  // Searched case-insensitively in the page itself (a lower-cased copy may be longer: `İ`).
  const ends = new Map<string, { pattern: RegExp; at: number }>();
  const endOf = (name: string, from: number): number => {
    let end = ends.get(name);
    if (!end) {
      // `</head` is no end of a head when it is `</header`.
      end = { pattern: new RegExp(`</${name}(?![a-z0-9-])`, 'gi'), at: -2 };
      ends.set(name, end);
    }
    if (end.at === -1 || end.at >= from) return end.at;
    end.pattern.lastIndex = from;
    end.at = end.pattern.exec(html)?.index ?? -1;
    return end.at;
  };
  const start = /<!--|<([a-z][a-z0-9-]*)\b/gi;
  let out = '';
  let at = 0;
  for (let m = start.exec(html); m; m = start.exec(html)) {
    const name = m[1]?.toLowerCase();
    let next: number;
    if (name === undefined) {
      // `<!-->` and `<!--->` are empty comments.
      if (html.startsWith('<!-->', m.index)) next = m.index + 5;
      else if (html.startsWith('<!--->', m.index)) next = m.index + 6;
      else {
        const close = html.indexOf('-->', m.index + 4);
        next = close === -1 ? html.length : close + 3;
      }
    } else if (SKIPPED.has(name)) {
      const gt = html.indexOf('>', m.index);
      // `<svg … />` holds nothing.
      if (gt !== -1 && html.charAt(gt - 1) === '/') next = gt + 1;
      else {
        const close = endOf(name, m.index + 1);
        if (close === -1 && !RAW_TEXT.has(name)) continue;
        const end = close === -1 ? -1 : html.indexOf('>', close);
        next = end === -1 ? html.length : end + 1;
      }
    } else continue;
    out += `${html.slice(at, m.index)} `;
    at = next;
    start.lastIndex = at;
  }
  return out + html.slice(at);
}

/** The page's text without its tags, one paragraph per line: the fallback for hostile nesting. */
function plainText(page: string): string {
  const html = withoutSkipped(page);
  const entities = new Map([
    ['amp', '&'],
    ['lt', '<'],
    ['gt', '>'],
    ['quot', '"'],
    ['apos', "'"],
    ['nbsp', ' '],
  ]);
  return html
    .replace(/<\/?(?:p|div|li|h[1-6]|tr|br|pre|section|article)\b[^<>]*>/gi, '\n\n')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (m, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return entities.get(name.toLowerCase()) ?? m;
    })
    .split(/\n\s*\n/)
    .map((p) => escapeText(p.replace(/\s+/g, ' ').trim()))
    .filter((p) => p !== '')
    .join('\n\n');
}

/** Text escaped so that Markdown reads it as written. */
const escapeText = (text: string): string => text.replace(/[\\`*_[\]<>#|~&]/g, '\\$&');

/**
 * A line start Markdown (or the dialects the Markdown reader knows) would read as structure: a
 * list marker, a number and its dot (`1\\.`, the escape goes after the digits), a rule, `:::`,
 * `!!!`, `===`, `{{`, `{%`.
 */
const escapeStart = (line: string): string =>
  line.replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2').replace(/^([-+=:!{])/, '\\$1');

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

interface Table {
  rows: string[][];
  row: string[] | undefined;
  /** Its `<caption>`, which leads in to it. */
  caption?: string;
  /** Whether every cell of the first row is a `<th>` (a row of headers, not a column of them). */
  header: boolean;
  /** The columns the cell being read spans (its `colspan`), and the rows (its `rowspan`). */
  span: number;
  rowSpan: number;
  /** Rows from the top made only of `<th>` cells: the header, over one row or several. */
  headerRows: number;
  /** Whether the row being read has a `<td>`. */
  rowHasData: boolean;
  /** Cells of rows above that span down into the next rows, by column: their text and rows left. */
  carried: Map<number, { text: string; left: number }>;
}

/**
 * The text being read, as pieces: an inline element's Markdown rewrites only the pieces it
 * holds (the text before it is never copied), so marks cost what they hold.
 */
class Inline {
  private parts: string[] = [];

  get length(): number {
    return this.parts.length;
  }

  push(text: string): void {
    if (text) this.parts.push(text);
  }

  /** Takes the pieces from `start` on, as one string. */
  take(start: number): string {
    return start >= this.parts.length ? '' : this.parts.splice(start).join('');
  }

  /** Takes all of it. */
  text(): string {
    return this.take(0);
  }

  clear(): void {
    this.parts = [];
  }

  /** Whether its last piece has text (not only whitespace or a `; ` separator). */
  endsInText(): boolean {
    const last = this.parts.at(-1);
    return last !== undefined && last !== '; ' && /\S/.test(last);
  }

  /** Whether its last piece ends with a letter. */
  endsInLetter(): boolean {
    return /\p{L}$/u.test(this.parts.at(-1) ?? '');
  }

  /** Whether it is empty or ends with whitespace. */
  endsInSpace(): boolean {
    const last = this.parts.at(-1);
    return last === undefined || /\s$/.test(last);
  }
}

class Converter {
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

/** Rows a cell may span down (`rowspan`), at most. */
const MAX_ROW_SPAN = 1000;

/**
 * Puts the cells of rows above that span down into this row in their columns, at the row's end
 * so far (and, with `all`, past it: the row is complete).
 */
function carryInto(table: Table, row: string[], all = false): void {
  for (;;) {
    const carried = table.carried.get(row.length);
    if (!carried) {
      if (!all) return;
      const later = [...table.carried.keys()].filter((c) => c > row.length);
      if (later.length === 0) return;
      row.push('');
      continue;
    }
    row.push(carried.text);
    if (--carried.left === 0) table.carried.delete(row.length - 1);
    if (row.length >= MAX_COLUMNS) return;
  }
}

/**
 * A code block's language from its class (`language-rust`, `lang-js`, Sphinx's
 * `highlight-python` on the block around it; not its `highlight-default`).
 */
function languageOf(className: string | undefined): string {
  const m = /(?:^|\s)(?:language|lang|highlight)-([\w+#-]+)/.exec(className ?? '');
  return m?.[1] && m[1] !== 'default' ? m[1] : '';
}

/**
 * Whether terms written as Markdown read as short as a bold title, so that the Markdown reader
 * heads their definition with them (its text is never longer than its Markdown).
 */
const titleLength = (md: string): boolean =>
  md.length <= BOLD_TITLE_MAX || plainInline(md).length <= BOLD_TITLE_MAX;

/**
 * A term as it heads its definition: one closed by a full stop ("I'm on Windows and my files
 * are detected as binary.", an FAQ's entry) heads it as any term does, without the stop.
 */
function termText(term: string | undefined): string | undefined {
  return term?.replace(/(?<![.\s])\.$/, '');
}

/** Whether lines hold no text, read from the last (a line of text ends the question at once). */
function noText(lines: readonly string[]): boolean {
  for (let k = lines.length - 1; k >= 0; k--) if (/\S/.test(lines[k] as string)) return false;
  return true;
}
