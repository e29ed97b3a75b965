/**
 * Markdown to blocks, with the CommonMark + GFM lexer of `marked`: front matter, headings (ATX,
 * Setext and HTML), paragraphs, list items, code, table rows and block quotes, each reduced to
 * what a reader sees. Badges, lists of links to anchors (tables of contents) and markup without
 * text produce nothing; an `<a id>` just before a heading becomes its anchor.
 *
 * A document may be written by anyone, and the lexer is slow on some input (deep nesting, long
 * list items, dense emphasis), so: container prefixes are cut and long lazy list items split
 * before lexing (`defuse`), two block rules are bounded (BoundedTokenizer), and a block too long
 * or too dense for the inline lexer has its markup stripped instead. Should the lexer throw
 * anyway, the file is read as plain paragraphs.
 */

import { Lexer, type MarkedToken, type Token, Tokenizer, type Tokens } from 'marked';
import { isMap, parseDocument as parseYamlDocument } from 'yaml';
import {
  type Block,
  CONTENTS_LABEL,
  ENDS_QUESTION,
  FAQ_ANSWER,
  FAQ_QUESTION,
  faqAnswer,
  faqEntry,
  faqQuestion,
  joinNoSpaceLines,
  type ParsedBlocks,
} from '../blocks.js';
import { countWords } from '../sections.js';
import { columns, withoutComments } from './comments.js';

/** Block-quote and list markers kept at the start of a line; deeper nesting is cut. */
const MAX_DEPTH = 8;
/** Columns of whitespace kept before a line's container markers. */
const MAX_INDENT = 32;
/** A block longer than this is not inline-lexed (the inline lexer is quadratic on some input)… */
const MAX_INLINE_CHARS = 20_000;
/** …nor one with more emphasis delimiters (`*`, `_`, `~`) than this… */
const MAX_EMPHASIS = 32;
/** …or more code, link and tag openers (`` ` ``, `[`, `<`) than this… */
const MAX_OPENERS = 1_000;
/** …or a run of characters without whitespace longer than this. */
const MAX_WORD_CHARS = 1_000;
/**
 * The lexer copies a list item once for each lazy continuation line (one that continues the
 * item's paragraph without its indentation). Once that has cost more than LAZY_FACTOR times
 * the item's size plus LAZY_ALLOWANCE characters, a blank line goes before the next such line.
 */
const LAZY_FACTOR = 64;
const LAZY_ALLOWANCE = 1_000_000;
/** A Setext heading is looked for over at most this many lines of text… */
const SETEXT_LINES = 4;
/** …and this many characters. */
const SETEXT_CHARS = 1_000;
/**
 * A block between `---` lines this long or shorter is front matter; a longer one (a page's
 * hundred redirect aliases) only when it reads as a YAML mapping (a page that opens with a rule
 * keeps its text), up to LONG_FRONT_MATTER_LINES.
 */
const FRONT_MATTER_LINES = 100;
const LONG_FRONT_MATTER_LINES = 2_000;
/** Characters of a YAML front matter read as YAML, at most (a longer block is read line by line). */
const FRONT_MATTER_CHARS = 16_384;
/** Characters of a long front matter read to tell it is YAML, at most. */
const LONG_FRONT_MATTER_CHARS = 256 * 1024;

/**
 * Parses a Markdown file into blocks. `vault`: the file is a note of an Obsidian vault, whose
 * comments are never read (see withoutComments).
 */
export function parseMarkdown(content: string, vault = false): ParsedBlocks {
  const text = content.includes('\r') ? content.replace(/\r\n?/g, '\n') : content;
  const { meta, body: written } = splitFrontMatter(text);
  let body = written;
  if (vault) {
    try {
      body = withoutComments(written);
    } catch {
      // A note whose comments cannot be told apart (a line too long for the regex engine) is
      // not served at all rather than served with them.
      return { meta, blocks: [] };
    }
  }
  try {
    return { meta, blocks: toBlocks(lex(defuse(dialects(body)))) };
  } catch {
    return { meta, blocks: plainParagraphs(body) };
  }
}

/**
 * Reads a front matter block: YAML between `---` and `---` (or `...`), read by a YAML parser
 * (quoted and folded values, comments), or TOML between `+++` lines (Hugo). Only its top-level
 * text values are kept (`title`, `url`…), keys in lower case. YAML the parser refuses is read
 * line by line (`key: value`), so a sloppy block still gives its title.
 */
function splitFrontMatter(text: string): { meta: Record<string, string>; body: string } {
  const meta: Record<string, string> = {};
  const fence = /^[ \t]*(---|\+\+\+)[ \t]*(?:\n|$)/.exec(text)?.[1];
  if (!fence) return { meta, body: text };
  const lines = text.split('\n', LONG_FRONT_MATTER_LINES + 1);
  const toml = fence === '+++';
  const end = lines.findIndex(
    (l, i) => i > 0 && (toml ? l.trim() === '+++' : l.trim() === '---' || l.trim() === '...'),
  );
  if (end < 0) return { meta, body: text };
  const inside = lines.slice(1, end);
  if (toml) readToml(inside, meta);
  else {
    const source = inside.join('\n');
    const long = end > FRONT_MATTER_LINES;
    const mapping =
      source.length <= (long ? LONG_FRONT_MATTER_CHARS : FRONT_MATTER_CHARS)
        ? yamlMapping(source)
        : undefined;
    // A long block is front matter only as YAML of few distinct keys: it is long for its lists
    // (aliases, tags), where a FAQ of `Q:` and `A:` lines repeats its keys and a glossary of
    // `Term: meaning` lines has one per term.
    if (long && !(mapping?.distinct && Object.keys(mapping.data).length <= LONG_FRONT_MATTER_KEYS))
      return { meta, body: text };
    readYaml(inside, meta, mapping?.data);
  }
  const length = lines.slice(0, end + 1).reduce((n, line) => n + line.length + 1, 0);
  return { meta, body: text.slice(length) };
}

/** Levels of nesting a front matter may have before the YAML parser is not trusted with it. */
const YAML_DEPTH_MAX = 64;

/**
 * Whether a YAML block nests deeper than YAML_DEPTH_MAX: flow brackets (`[[[…`, `{{{…`) open at
 * once, or a line's indent and its markers (`- - - x`, `? ? x`) counted two columns a level.
 */
function nestsDeep(source: string): boolean {
  let depth = 0;
  for (const line of source.split('\n')) {
    const lead = /^[ \t]*(?:[-?:][ \t]+)*/.exec(line)?.[0] ?? '';
    if (lead.length > 2 * YAML_DEPTH_MAX) return true;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 91 || c === 123) {
        if (++depth > YAML_DEPTH_MAX) return true;
      } else if ((c === 93 || c === 125) && depth > 0) depth--;
    }
  }
  return false;
}

/** Top-level keys a long front matter may have: it is long for its lists, not its keys. */
const LONG_FRONT_MATTER_KEYS = 40;

/**
 * A YAML block's top-level mapping, read by the YAML parser, or undefined when it is none:
 * every value as the text written (`title: 2.10` is "2.10", not the number 2.1); repeated keys
 * counted (`distinct`), not refused (the parser's check is quadratic in their number); at most
 * 100 aliases (the parser's default), so an alias bomb costs nothing. A block nested deeper than
 * any front matter is (see nestsDeep) is not given to the parser: it recurses per level, and
 * near the stack's end a second such block crashed the process.
 */
function yamlMapping(source: string): { data: Record<string, unknown>; distinct: boolean } | undefined {
  if (nestsDeep(source)) return undefined;
  try {
    const doc = parseYamlDocument(source, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length > 0) return undefined;
    const data: unknown = doc.toJS({ maxAliasCount: 100 });
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
    const pairs = isMap(doc.contents) ? doc.contents.items.length : 0;
    return { data: data as Record<string, unknown>, distinct: pairs === Object.keys(data).length };
  } catch {
    return undefined;
  }
}

/** A YAML front matter's text values: its mapping's (see yamlMapping), else its `key: value` lines. */
function readYaml(lines: string[], meta: Record<string, string>, data?: Record<string, unknown>): void {
  if (data) {
    for (const [key, value] of Object.entries(data))
      if (typeof value === 'string') meta[key.toLowerCase()] = value.trim();
    return;
  }
  for (const line of lines) {
    const m = /^([A-Za-z_][\w-]*)[ \t]*:(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) meta[m[1].toLowerCase()] = m[2].trim().replace(/^(["'])(.*)\1$/, '$2');
  }
}

/**
 * TOML's `key = "text"` lines: basic strings (escapes read), literal strings, and either kind
 * tripled on one line (`title = '''Don't panic'''`), and bare booleans (`draft = true`, Hugo's
 * way of marking a page unpublished) as their text; tables and arrays are not read.
 */
function readToml(lines: string[], meta: Record<string, string>): void {
  for (const line of lines) {
    if (/^\s*\[/.test(line)) break; // a [table]: past the top-level keys
    const m =
      /^\s*([A-Za-z_][\w-]*)\s*=\s*(?:"""(.*?)"""|'''(.*?)'''|"((?:[^"\\]|\\.)*)"|'([^']*)'|(true|false))\s*(?:#.*)?$/.exec(
        line,
      );
    if (!m?.[1]) continue;
    const basic = m[2] ?? m[4];
    let value = m[3] ?? m[5] ?? m[6] ?? '';
    if (basic !== undefined) {
      try {
        // TOML's escapes are JSON's, and \UXXXXXXXX.
        value = JSON.parse(
          `"${basic.replace(/\\U([0-9A-Fa-f]{8})/g, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))}"`,
        );
      } catch {
        value = basic;
      }
    }
    meta[m[1].toLowerCase()] = value.trim();
  }
}

/** The fallback: paragraphs split at blank lines, their lines joined with a space. */
function plainParagraphs(body: string): Block[] {
  const lines = body.split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    const text = collapse(paragraph.join(' '));
    if (text) blocks.push({ kind: 'text', text });
    paragraph = [];
  };
  for (const line of lines) {
    if (/\S/.test(line)) paragraph.push(line);
    else flush();
  }
  flush();
  return blocks;
}

/** Text with each run of whitespace made one space, trimmed. */
const collapse = (text: string) =>
  /\s\s|[^\S ]|^ | $/.test(text) ? joinNoSpaceLines(text).replace(/\s+/g, ' ').trim() : text;

/** Code without the blank lines around it. */
const trimBlankLines = (code: string) => code.replace(/^(?:[ \t]*\n)+/, '').trimEnd();

// ---------------------------------------------------------------------------------------------
// Before lexing: nesting and lazy lines

/** A line's container prefix: its indentation and block-quote (`>`) and list markers. */
interface Prefix {
  /** The line rewritten, when its prefix is cut to MAX_DEPTH markers and MAX_INDENT columns. */
  line?: string;
  /** Only whitespace. */
  blank: boolean;
  /** Columns of whitespace at the start. */
  indent: number;
  /** Markers at the start (at most MAX_DEPTH). */
  markers: number;
  /** Whether the first marker is a list marker (not `>`). */
  list: boolean;
  /** The column where the text after the markers starts. */
  content: number;
}

/** The length of the block-quote or list marker at `i` of a line, 0 when there is none. */
function markerAt(line: string, i: number): number {
  const c = line.charCodeAt(i);
  if (c === 62) return 1; // >
  let end = i + 1;
  if (c !== 45 && c !== 42 && c !== 43) {
    // An ordered marker: 1 to 9 digits and `.` or `)`.
    end = i;
    while (end - i < 9 && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end++;
    if (end === i || (line.charCodeAt(end) !== 46 && line.charCodeAt(end) !== 41)) return 0;
    end++;
  }
  const next = line.charCodeAt(end);
  return end === line.length || next === 32 || next === 9 ? end - i : 0;
}

const SPACE = /[ \t]*/y;
/** A run of markers (and the whitespace before them), for skipping those beyond MAX_DEPTH. */
const MARKERS = /(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/y;

/** Where the spaces and tabs from `i` end, and the column there (a tab stops every 4 columns). */
function skipSpace(line: string, i: number, col: number): { end: number; col: number } {
  const c = line.charCodeAt(i);
  if (c !== 32 && c !== 9) return { end: i, col };
  SPACE.lastIndex = i;
  SPACE.test(line);
  const end = SPACE.lastIndex;
  const run = line.slice(i, end);
  return { end, col: run.includes('\t') ? columns(run, col) : col + run.length };
}

/** Reads a line's container prefix, cutting it when too deep (see Prefix). */
function readPrefix(line: string): Prefix {
  const gaps: number[] = []; // columns of whitespace before each marker
  const marks: string[] = [];
  let i = 0;
  let col = 0;
  let space = skipSpace(line, 0, 0);
  for (let size = markerAt(line, space.end); size > 0 && marks.length < MAX_DEPTH; ) {
    gaps.push(space.col - col);
    marks.push(line.slice(space.end, space.end + size));
    i = space.end + size;
    col = space.col + size;
    space = skipSpace(line, i, col);
    size = markerAt(line, space.end);
  }
  const list = marks.length > 0 && marks[0] !== '>';
  let cut = false;
  if (marks.length === MAX_DEPTH) {
    MARKERS.lastIndex = i;
    if (MARKERS.test(line)) {
      cut = true;
      space = skipSpace(line, MARKERS.lastIndex, col);
    }
  }
  // Whitespace before markers beyond MAX_INDENT columns goes (a list marker keeps a space after it).
  let room = MAX_INDENT;
  const kept = gaps.map((gap, n) => {
    const keep = Math.min(gap, Math.max(room, n > 0 && marks[n - 1] !== '>' ? 1 : 0));
    room -= keep;
    if (keep < gap) cut = true;
    return keep;
  });
  if (!cut) {
    const blank = marks.length === 0 && space.end === line.length;
    return { blank, indent: gaps[0] ?? space.col, markers: marks.length, list, content: space.col };
  }
  // The prefix rewritten with spaces; the text keeps the width of whitespace before it.
  let prefix = '';
  marks.forEach((mark, n) => {
    prefix += ' '.repeat(kept[n] ?? 0) + mark;
  });
  const before = Math.max(space.col - col, marks.at(-1) === '>' ? 0 : 1);
  const text = line.slice(space.end);
  const content = prefix.length + before;
  return {
    line: prefix + ' '.repeat(before) + text,
    blank: false,
    indent: kept[0] ?? 0,
    markers: marks.length,
    list,
    content,
  };
}

/** Whether a line starting with this character has no container prefix (no space, no marker). */
const plainStart = (c: number) => c > 62 || (c > 45 && c < 48) || c === 35 || (c > 32 && c < 42);

/** A line at column 0 that ends every list item and block quote before it: a fence or heading. */
const CLOSES = /`{3}|~{3}|#{1,6}(?:[ \t\n]|$)/y;

/** A code fence at any indent (list items indent theirs); a backtick fence's info has no backtick. */
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
/** A line that only opens or closes a fence (in an HTML block, where it is no fence). */
const FENCE_LINE = /^[ \t]*(?:`{3,}[^`\n]*|~{3,}[^\n]*)$/gm;
/**
 * The most cells a table row is read as (a wider row's last cell takes the rest): an HTML
 * table's here, and the tables converted from reStructuredText and HTML pages.
 */
export const MAX_COLUMNS = 64;
/** The longest line read as an admonition, a tab, a template tag or an import. */
const MARKER_MAX = 200;
/** The longest line whose footnote marks are taken out. */
const FOOTNOTE_LINE_MAX = 4000;

/** What a line of a documentation site's Markdown is, when it is not plain Markdown. */
type Dialect =
  | { kind: 'drop'; directive?: boolean; toc?: boolean }
  | { kind: 'label'; label: string; indented: boolean; directive?: boolean }
  | { kind: 'block'; indented: true }
  /** A tag that writes text (`{% include callout.html content="…" %}`): the line reads as it. */
  | { kind: 'text'; text: string };

/**
 * A line where a Markdown tool puts a table of contents: `[[toc]]` (VitePress), `[TOC]`
 * (Python-Markdown), `[[_TOC_]]` (GitLab), `${toc}`, `{:toc}` (kramdown, under a list item
 * `* TOC` that goes with it).
 */
const TOC_MARKER = /^(?:\[\[_?toc_?\]\]|\[toc\]|\$\{toc\}|\{:\s?toc\})$/i;
/** A template tag that titles what it holds: a tab, a step, a titled code block or hint. */
const TAG_TITLE =
  /^\{[{%][<%]?[ \t]*(?:tab|step|code|hint|details|expand|accordion|collapse)(?=[\s%>])(?:[ \t]+[\w-]+(?:[ \t]*=[ \t]*(?:"[^"]*"|'[^']*'|[^\s"'%>}]+))?){0,8}?[ \t]+(?:title|name|header|label)[ \t]*=[ \t]*"([^"]{1,120})"/i;
/** A Hugo tab titled by its first argument (`{{< tab "Linux" >}}`). */
const TAG_POSITIONAL_TITLE = /^\{\{[<%][ \t]*tab[ \t]+"([^"]{1,120})"[ \t]*[>%]\}\}$/i;
/** A template tag's text to show (`content="…"`, `text="…"`, as includes of callouts take it). */
const TAG_CONTENT =
  /^\{[{%][<%]?[ \t]*include[ \t][^\n]*?[ \t](?:content|text)[ \t]*=[ \t]*"([^"]{1,2000})"/i;
/** A code block's title in its fence's info: `title="app.js"` (Docusaurus, MkDocs), `[npm]` (VitePress). */
const CODE_TITLE =
  /(?:^|\s)title=(?:"([^"]{1,80})"|'([^']{1,80})')|^[\w+#.-]{0,20}[ \t]+\[(?![\d\s,-]*\])(?!!)([^\]]{1,40})\]/;
/**
 * The language a code fence names (` ```js title="app.js" `, ` ```{.python} `, ` ```sh [npm] `,
 * VitePress's ` ```ts:line-numbers `, R Markdown's ` ```{r, echo=FALSE} `), lower case, if it
 * is a name a highlighter could know: letters, digits and `+ # . _ -`, at most 24 characters.
 * Anything else (`<script>`, a sentence) names none.
 */
export function codeLanguage(info: string | undefined): string | undefined {
  const first = /^\s*\{?\s*\.?([^\s{},:[\]]+)/.exec(info ?? '')?.[1];
  return first && /^[A-Za-z0-9][\w+#.-]{0,23}$/.test(first) ? first.toLowerCase() : undefined;
}

/**
 * A line that opens with an MDX component's tag and ends one (`<TabItem label={"npm"}>`,
 * `<Button onClick={() => open()} title="Open">`), indented as a block (code is indented more).
 */
const JSX_TAG_LINE = /^ {0,3}<\/?[A-Z][\w.]*[\s/>].*>[ \t]*$/;

/** A line that is one MDX component tag and nothing else, at any indentation (see dialects). */
const JSX_ONLY_TAG = /^[ \t]*<\/?[A-Z][\w.]*(?:[ \t][^<>]*)?\/?>[ \t]*$/;
/**
 * The brackets open after a line of code, from `depth` before it: those in strings
 * (`':('`), template literals and `//` comments do not count.
 */
function bracketDepth(line: string, depth: number): number {
  let quote = '';
  for (let k = 0; k < line.length; k++) {
    const c = line[k] as string;
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '/' && line[k + 1] === '/') break;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth = Math.max(0, depth - 1);
  }
  return depth;
}

/** Lines of an MDX export dropped at most (past them, the rest is read as text). */
const EXPORT_LINES_MAX = 200;
/** Components open at once, at most (deeper ones are read as they are written). */
const JSX_DEPTH_MAX = 32;

/**
 * A tag's expression values (`={…}`, braces nested, strings in them skipped) as empty strings:
 * `label={"npm"}` → `label=""`.
 */
function withoutExpressions(line: string): string {
  let out = '';
  let at = 0;
  for (let open = line.indexOf('={', at); open >= 0; open = line.indexOf('={', at)) {
    let depth = 0;
    let quote = '';
    let k = open + 1;
    for (; k < line.length; k++) {
      const c = line[k] as string;
      if (quote) {
        // Braces in a string do not count (`a={"}"}`).
        if (c === '\\') k++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'" || c === '`') quote = c;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    out += `${line.slice(at, open)}=""`;
    at = k + 1;
  }
  return out + line.slice(at);
}

/** A label as the lead-in to what it names: `npm` → `npm:`; a title that ends a sentence stays. */
const asLead = (label: string): string => (/[?!:.]$/.test(label) ? label : `${label}:`);

/** A definition's line in a definition list: `: What it means`. */
const DEFINITION = /^ {0,3}:[ \t]+(?=\S)/;
/** A snippet include (`--8<-- "x.md"`, pymdownx) or an abbreviation's definition (`*[CSV]: …`). */
const SNIPPET_OR_ABBREVIATION = /^ {0,3}(?:-{1,2}8<-{1,2}(?:\s|$)|\*\[[^\]\n]{1,80}\]:(?!.*\*\s*$))/;
/** An attribute list after an element or alone (`{ .md-button }`, `{: #id .class }`, `{ width="300" }`). */
const ATTRIBUTE_BODY = String.raw`(?:[.#][\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+))(?:[ \t]+(?:[.#][\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+)))*`;
/**
 * An attribute list where a site reads one: right after the element it decorates (a link, an
 * image, code or emphasis: `[Go](x.md){ .md-button }`), alone on its line (`{ .annotate }`), or
 * kramdown's `{: …}` ending a line; never inside other braces (`{{ .Name }}`, `${#name}`) nor
 * one in prose (`the set {x=1}`).
 */
const ATTRIBUTE_LIST = new RegExp(
  String.raw`(?<=[)\]*_\`]|:[\w+-]+:)\{:?[ \t]*${ATTRIBUTE_BODY}[ \t]*\}(?!\})|^[ \t]*\{:?[ \t]*${ATTRIBUTE_BODY}[ \t]*\}[ \t]*$|(?<![ \t])[ \t]*\{:[ \t]*${ATTRIBUTE_BODY}[ \t]*\}[ \t]*$`,
  'g',
);
/** An icon shortcode (`:material-cog:`, `:octicons-mark-github-16:`, `:fontawesome-brands-x:`). */
const ICON = /:(?:material|octicons|fontawesome|simple)-[\w-]+:[ \t]?/g;
/** Keys (`++ctrl+alt+del++`) and a mark (`==new==`), as pymdownx writes them. */
const KEYS = /\+\+([\w-]+(?:\+[\w-]+)*)\+\+/g;
const MARK = /(^|[\s([])==(?=\S)([^=\n]{1,200}?)(?<=\S)==(?=$|[\s).,;:!?\]])/g;

/** A line's site markup read as its text (see dialects). */
function withoutSiteMarkup(text: string, heading: boolean): string {
  let out = text;
  // An MDX comment inside a line (`Plugins add features {/* TODO: list */} to the server`).
  // The space before it goes, unless a word follows it with no space between.
  if (out.includes('{/*'))
    out = out.replace(MDX_COMMENT, (m: string, at: number, all: string) =>
      /^[ \t]/.test(m) && /[\p{L}\p{N}]/u.test(all.charAt(at + m.length)) ? ' ' : '',
    );
  if (!heading && out.includes('{')) {
    // The space before a list that ended the text goes with it; the space before a code span
    // after this text stays (`An optional {Object} ` then `AbortSignal` read "optionalAbortSignal").
    const read = out.replace(ATTRIBUTE_LIST, '');
    if (read !== out && /\}[ \t]*$/.test(out)) out = read.trimEnd();
    else out = read;
  }
  if (out.includes(':')) out = out.replace(ICON, '');
  if (out.includes('++')) out = out.replace(KEYS, '$1');
  if (out.includes('==')) out = out.replace(MARK, '$1$2');
  if (out.includes('{{') || out.includes('{%')) out = withoutTemplateTags(out);
  if (out.includes('[[')) out = out.replace(EMBED, '').replace(WIKILINK, wikilinkText);
  return out;
}

/** An MDX comment written inside a line, with the spaces before it. */
const MDX_COMMENT = /[ \t]*\{\/\*[^\n]{0,500}?\*\/\}/g;

/** An Obsidian embed (`![[raid-map.png]]`, `![[Other note#Part]]`): nothing a reader of the text sees. */
const EMBED = /!\[\[[^[\]\n]{1,500}\]\]/g;
/**
 * An Obsidian or wiki link (`[[Loot Rules]]`, `[[Loot Rules|the loot rules]]`, `[[Page#Heading]]`);
 * not a shell test in prose (`[[ -f file ]]`).
 */
const WIKILINK = /\[\[([^[\]|\s][^[\]|\n]{0,499})(?:\|([^[\]\n]{1,500}))?\]\]/g;

/** What a wikilink reads as: its alias, else its page and heading (`Page › Heading`). */
function wikilinkText(_: string, target: string, alias?: string): string {
  if (alias?.trim()) return alias.trim();
  const [page = '', ...headings] = target.split('#');
  return [page, ...headings]
    .map((part) => part.replace(/^\^/, '').trim())
    .filter(Boolean)
    .join(' \u203A ');
}

/**
 * Template tags inside a line, as a Jekyll or Hugo site renders them where that is known: a
 * link's target keeps its path (`({{ site.baseurl }}/changelog)` → `(/changelog)`, `({% link
 * a.md %})` and Hugo's `({{< relref "a.md#x" >}})` → the path, any other tag opening a target
 * goes), a `ref` in the text reads as its path, Jekyll's variables (`{{ site.title }}`), its
 * includes and Hugo's shortcodes (`{{< param "version" >}}`) go: values the page does not hold.
 * Other braces are text (`{{ message }}` in a page about Vue, `{% for %}` about Jinja), and so
 * is what `{% raw %}` holds; Hugo's escaped shortcode (a comment between its brackets) reads as
 * the shortcode it shows.
 */
function withoutTemplateTags(text: string): string {
  if (text.includes('{% raw %}') || text.includes('{%- raw -%}'))
    return text
      .split(/(\{%-?\s*raw\s*-?%\}[\s\S]*?(?:\{%-?\s*endraw\s*-?%\}|$))/)
      .map((part, i) =>
        i % 2 === 1 ? part.replace(/\{%-?\s*(?:end)?raw\s*-?%\}/g, '') : withoutTemplateTags(part),
      )
      .join('');
  // Hugo's escaped shortcodes are set aside, and put back as the shortcodes they show.
  const shown: string[] = [];
  return (
    text
      .replace(
        /\{\{([<%])\/\*\s*([^{}\n]{0,300}?)\s*\*\/([>%])\}\}/g,
        (_m, a: string, body: string, b: string) => {
          shown.push(`{{${a} ${body} ${b}}}`);
          return `\uE002${shown.length - 1}\uE003`;
        },
      )
      .replace(/(?<!\\)\{%-?[ \t]*(?:link|post_url)[ \t]+([^\s%{}]{1,300})[ \t]*-?%\}/g, '$1')
      .replace(/(?<!\\)\{\{[<%][ \t]*(?:rel)?ref[ \t]+"([^"\n{}]{1,300})"[ \t]*[>%]\}\}/g, '$1')
      .replace(/\]\([ \t]*\{\{[^{}\n]{0,300}\}\}/g, '](')
      .replace(
        /(?<!\\)(?:\{\{[<%][^{}\n]{0,300}?[>%]\}\}|\{\{-?[ \t]*(?:site|page|include|layout|jekyll|paginator)\.[^{}\n]{0,300}?\}\}|\{%-?[ \t]*include(?:_relative)?[ \t][^%{}\n]{0,300}%\})/g,
        '',
      )
      .replace(/\uE002(\d+)\uE003/g, (_m, k: string) => shown[Number(k)] ?? '')
      // The space a removed tag leaves between words (not a line's indentation, which is structure).
      .replace(/(?<=\S)[ \t]{2,}(?=\S)/g, ' ')
  );
}

/** `change` applied to a line outside its code spans (`` `{ .x }` `` stays as written). */
function outsideCodeSpans(line: string, change: (text: string) => string): string {
  if (!line.includes('`')) return change(line);
  return line
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : change(part)))
    .join('');
}

/** A line that may head what follows it: bold, a question, a `Q:`, a `<summary>`. */
const MAY_HEAD = /^\s*(?:\*\*|__|Q[.:]\s|<summary)|\?\s*$/i;

/**
 * A line closing an admonition or a template tag's box (`:::`, `{{< /hint >}}`, `{% endhint %}`):
 * not one closing code (`{{< /highlight >}}`) or logic (`{% endif %}`), which ends no box.
 */
const BOX_END =
  /^(?::{3,}|\{\{[<%]-?\s*\/(?:hint|notice|callout|alert|admonition|note|tip|info|warning|caution|danger|details|expand|collapse|accordion|tab|tabs)\s*-?[>%]\}\}|\{%-?\s*end(?:hint|callout|alert|note|tip|info|warning|details|expand|collapse|tab|tabs)\s*-?%\})$/i;

/** The list item kramdown's `{:toc}` replaces. */
const TOC_ITEM = /^\s{0,3}(?:[-*+]|1[.)])\s+(?:toc|table of contents)\s*$/i;

/**
 * Reads one line (at most MARKER_MAX characters, indented at most 3 spaces) by hand, in linear
 * time: a Docusaurus admonition fence (`:::tip`, `:::note[Title]`, `:::tip Title`, `:::`), an
 * MkDocs admonition (`!!! note "Title"`, `??? tip`) or content tab (`=== "Linux"`), a line that
 * is only a template tag (`{% include x %}`, `{{ page.title }}`), an MDX comment or a table of
 * contents marker (see TOC_MARKER), or a top-level MDX import or one-line export.
 */
function dialectOf(line: string): Dialect | undefined {
  const t = line.trimStart();
  if (line.length - t.length > 3 || t.length === 0) return undefined;
  const e = t.trimEnd();
  if (e.startsWith(':::')) {
    // `:::tip[Title]` (Docusaurus), `::: warning Title` (VitePress), `::: {.callout-note}` (Pandoc).
    const rest = e.replace(/^:+/, '');
    const spaced = rest.trimStart();
    const kind = /^[A-Za-z][\w-]*/.exec(spaced)?.[0] ?? '';
    if (rest.length > 0 && !kind && !/^[\s[{]/.test(rest)) return undefined;
    const after = spaced.slice(kind.length).trim();
    let title = after.startsWith('[') && after.endsWith(']') ? after.slice(1, -1).trim() : after;
    let directive = false;
    if (title.startsWith('{')) {
      // `:::{admonition} Rate limits` (MyST), `::: {.callout-tip title="Cache keys"}` (Quarto).
      // Only a MyST directive has `:option:` lines after it, not a Pandoc div (`{.class}`).
      directive = /^\{[A-Za-z]/.test(title);
      const close = title.indexOf('}');
      const attributes = close < 0 ? title : title.slice(0, close);
      title =
        (close < 0 ? '' : title.slice(close + 1).trim()) || (/title="([^"]*)"/.exec(attributes)?.[1] ?? '');
    }
    return title ? { kind: 'label', label: title, indented: false, directive } : { kind: 'drop', directive };
  }
  const mkdocs = /^(?:!!!|\?\?\?\+?|===\+?)(?= )/.exec(e)?.[0];
  if (mkdocs) {
    const rest = e.slice(mkdocs.length).trim();
    const tab = mkdocs.startsWith('=');
    const type = tab ? '' : (/^[\w-]+/.exec(rest)?.[0] ?? '');
    if (!tab && !type) return undefined;
    const quoted = rest.slice(type.length).trim();
    if (quoted && !(quoted.length >= 2 && quoted.startsWith('"') && quoted.endsWith('"'))) return undefined;
    if (tab && !quoted) return undefined;
    const label = quoted.slice(1, -1).trim();
    return label ? { kind: 'label', label, indented: true } : { kind: 'block', indented: true };
  }
  if ((e.startsWith('{%') && e.endsWith('%}')) || (e.startsWith('{{') && e.endsWith('}}'))) {
    // A GitBook tab or code title (`{% tab title="npm" %}`), a Hugo tab (`{{< tab name="npm" >}}`):
    // its title leads what it holds; any other tag is dropped.
    const title = (TAG_TITLE.exec(e)?.[1] ?? TAG_POSITIONAL_TITLE.exec(e)?.[1])?.trim();
    if (title) return { kind: 'label', label: title, indented: false };
    // An include that writes a callout (`{% include note.html content="…" %}`): its text stays.
    const text = TAG_CONTENT.exec(e)?.[1]?.trim();
    return text ? { kind: 'text', text } : { kind: 'drop' };
  }
  // An MDX comment (`{/* truncate */}`), a marker where a tool puts a table of contents.
  if (e.startsWith('{/*') && e.endsWith('*/}')) return { kind: 'drop' };
  if (TOC_MARKER.test(e)) return { kind: 'drop', toc: true };
  if (line === t && (e.startsWith('import ') || e.startsWith('export '))) {
    const end = e.endsWith(';') ? e.slice(0, -1) : e;
    const quoted = end.endsWith("'") || end.endsWith('"');
    if (e.startsWith('import ') && quoted && (/^import\s+['"]/.test(e) || e.includes(' from ')))
      return { kind: 'drop' };
    if (/^export (?:const|let|var|default) /.test(e)) return { kind: 'drop' };
  }
  return undefined;
}

/** Whether a line can follow a label in its paragraph: prose, not a block's start. */
const startsProse = (line: string) =>
  !/^\s*(?:[-*+]\s|[-=_*]{3}|#{1,6}(?:\s|$)|>|\||`{3}|~{3}|\d+[.)]\s|<\/?(?:div|table|p|ul|ol|dl|pre|details|section|figure|center|iframe|script|style|h[1-6])\b|$)/i.test(
    line,
  ) && !/^ {4}|^\t/.test(line);

/** A line with its footnote marks of `ids` out, code spans left as written. */
function withoutFootnotes(line: string, ids: ReadonlySet<string>): string {
  let out = '';
  let at = 0;
  while (at < line.length) {
    const tick = line.indexOf('`', at);
    const plain = line.slice(at, tick < 0 ? line.length : tick);
    // A mark follows a word, its punctuation or its emphasis (`source[^1].`), not a space or an
    // opening bracket (`([^1])`, `= [^1]` are code or a regex).
    out += plain.replace(/(?<![\s([{=</\\|~-])\[\^([\w-]{1,40})\]/gu, (m, id: string) =>
      ids.has(id) ? '' : m,
    );
    if (tick < 0) break;
    let run = tick;
    while (line[run] === '`') run++;
    const fence = line.slice(tick, run);
    const close = line.indexOf(fence, run);
    const stop = close < 0 ? run : close + fence.length;
    out += line.slice(tick, stop);
    at = stop;
  }
  return out;
}

/**
 * Markdown as documentation sites extend it, read as what a reader sees: admonition fences
 * (`:::tip` … `:::`, `!!! note`) vanish and their title leads their text, template tags on a line
 * of their own and MDX imports vanish, the indented body of an MkDocs admonition or content tab
 * is text again (not an indented code block) with the tab's label leading it (`Windows: Run
 * app.exe`), and footnote marks (`[^1]`, of footnotes the file defines) go. Code, fenced or
 * indented, is left as written. One pass over the lines, linear in their length.
 */
function dialects(body: string): string {
  if (
    !/:::|!!!|\?\?\?|===|\{[%{/]|=\{|\[\^|^(?:import|export) |^ {0,3}:[ \t]|\[\[?_?toc|\$\{toc|\{:\s?toc|\{:?\s?[.#][\w-]|8<-|^\*\[|:(?:material|octicons|fontawesome|simple)-|\+\+\w|==\S|^[ \t]*<\/?[A-Z]|\[\[/im.test(
      body,
    )
  )
    return body;
  const lines: (string | null)[] = body.split('\n');
  const footnotes = new Set<string>();
  if (body.includes('[^'))
    for (const line of lines) {
      const id = line && /^ {0,3}\[\^([\w-]{1,40})\]:/.exec(line)?.[1];
      if (id) footnotes.add(id);
    }
  let fence = '';
  let body4 = -1; // the indent of an MkDocs block's marker, while in its indented body
  let label: { text: string; at: number } | undefined; // a label waiting for its body's first line
  let options = false; // right after a `:::{directive}` line: its `:option:` lines go
  let inList = false; // in a list or what continues its items (for telling indented code apart)
  let blankBefore = false;
  const definitions = new Set<number>(); // the lines that were a definition's `: `
  const boxEnds = new Set<number>(); // the lines an MkDocs block's indented body ends before
  // MDX components open around this line (`<Tabs>`, `<TabItem>`), each with the indentation of
  // its content: MDX has no indented code, so that content is Markdown however indented.
  const jsx: { name: string; indent: number | undefined }[] = [];
  let boldSince = false; // a line that may head what follows (MAY_HEAD) came since the last box's end
  let exporting = 0; // the brackets an MDX export over several lines has open
  let exportLines = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    let inBody = false;
    // A line that may head what follows it (a bold title, a question, `Q:`) since the last box's end.
    if (!boldSince && MAY_HEAD.test(line)) boldSince = true;
    // An MDX export written over several lines (a component defined in the page): its lines
    // up to where its brackets close are code no reader sees.
    // (MDX ends an export block at a blank line; brackets in strings and comments do not count.)
    if (exporting > 0 && line.trim() === '') {
      exporting = 0;
      exportLines = 0;
    } else if (
      exporting > 0 ||
      (!fence && jsx.length === 0 && /^export (?:const|let|var|function|class|default)\b/.test(line))
    ) {
      const depth = bracketDepth(line, exporting);
      exporting = depth > 0 && ++exportLines < EXPORT_LINES_MAX ? depth : 0;
      if (exporting === 0) exportLines = 0;
      lines[i] = null;
      continue;
    }
    if (jsx.length > 0 || (!fence && line.includes('<'))) {
      // A tag indented as code is code, unless it is in a component's content (MDX has no
      // indented code).
      const code = jsx.length === 0 && /^(?: {4}|\t)/.test(line);
      const source = fence || code ? '' : line.includes('={') ? withoutExpressions(line) : line;
      const parts = source && JSX_ONLY_TAG.test(source) ? htmlParts(source.trim()) : [];
      const tag = parts.length === 1 && typeof parts[0] !== 'string' ? parts[0] : undefined;
      if (tag?.component) {
        if (label) {
          lines[label.at] = asLead(label.text);
          label = undefined;
        }
        if (tag.close) {
          const at = jsx.map((c) => c.name).lastIndexOf(tag.name);
          if (at >= 0) jsx.length = at;
        } else if (!wrapsNothing(tag) && jsx.length < JSX_DEPTH_MAX)
          jsx.push({ name: tag.name, indent: undefined });
        // A tab's, a step's or a field's name leads its content, as an admonition's title does;
        // any other tag is a block of its own (an accordion's title heads its answer: see html).
        const named = FOLDING.has(tag.name) ? undefined : componentLabel(tag);
        if (named) {
          lines[i] = '';
          label = { text: named, at: i };
        } else lines[i] = `\n${source.trim()}\n`;
        blankBefore = true;
        continue;
      }
      const open = jsx.at(-1);
      if (open && line.trim() !== '') {
        const indent = /^[ \t]*/.exec(line)?.[0].replaceAll('\t', '    ').length ?? 0;
        open.indent ??= indent;
        const cut = Math.min(open.indent, indent);
        if (cut > 0)
          lines[i] = line = line.replace(/^[ \t]*/, (ws) =>
            ' '.repeat(Math.max(0, ws.replaceAll('\t', '    ').length - cut)),
          );
      }
    }
    if (body4 >= 0) {
      const rest = line.slice(body4);
      if (line.trim() === '') inBody = true;
      else if (line.startsWith(' '.repeat(body4)) && (rest.startsWith('    ') || rest.startsWith('\t'))) {
        line = line.slice(0, body4) + rest.slice(rest.startsWith('\t') ? 1 : 4);
        lines[i] = line;
        inBody = true;
      } else {
        // The body ends where the indentation does: so does what a bold title in it heads.
        body4 = -1;
        if (line === line.trimStart() && boldSince) boxEnds.add(i);
        // (This line, after the box, may head what follows it.)
        boldSince = MAY_HEAD.test(line);
      }
    }
    // A directive's option lines (`:class: warning` under `:::{admonition}`) are not text.
    if (options && /^:[\w-]+:(?:\s|$)/.test(line.trim())) {
      lines[i] = null;
      continue;
    }
    options = false;
    if (label) {
      if (line.trim() === '') {
        lines[i] = null;
        continue;
      }
      // The label leads the body's first line, or stands as a lead-in before a block (another
      // marker included: `::::info[Outer]` then `:::tip[Inner]`).
      const lead = asLead(label.text);
      const glue = startsProse(line) && (line.length > MARKER_MAX || !dialectOf(line));
      lines[label.at] = glue ? null : `${lead}\n`;
      if (glue) lines[i] = line = `${lead} ${line.trimStart()}`;
      label = undefined;
    }
    if (fence) {
      const c = FENCE_CLOSE.exec(line)?.[1];
      if (c && c[0] === fence[0] && c.length >= fence.length) fence = '';
      continue;
    }
    const f = FENCE_OPEN.exec(line)?.[1];
    if (f && !(f[0] === '`' && line.indexOf('`', line.indexOf(f) + f.length) >= 0)) {
      fence = f;
      continue;
    }
    // A list's items and what continues them; a line indented 4 outside a list is code.
    if (/^\s*(?:[-*+]|\d{1,9}[.)])\s/.test(line)) inList = true;
    else if (line.trim() === '') blankBefore = true;
    else {
      if (blankBefore && !/^\s/.test(line)) inList = false;
      blankBefore = false;
    }
    const indentedCode = !inList && /^(?: {4}|\t)/.test(line);
    if (footnotes.size > 0 && line.length <= FOOTNOTE_LINE_MAX && line.includes('[^') && !indentedCode) {
      line = withoutFootnotes(line.replace(/^ {0,3}\[\^[\w-]{1,40}\]:\s*/, ''), footnotes);
      lines[i] = line;
    }
    // MkDocs (Material) and kramdown markup no reader sees: a snippet include (`--8<-- "x.md"`)
    // and an abbreviation's definition (`*[CSV]: Comma-separated values`) go; so do attribute
    // lists (`{ .md-button }`, `{: #id }`) and icons (`:material-cog:`); keys (`++ctrl+c++`) and
    // marks (`==new==`) read as their text. Code spans in the line are left as written.
    // (Not in a line the dialects read below: `::: {.callout-tip}`, `{% tab title="x" %}`.)
    if (
      !indentedCode &&
      !line.startsWith('<') &&
      !(line.length <= MARKER_MAX && !inBody && dialectOf(line))
    ) {
      if (SNIPPET_OR_ABBREVIATION.test(line)) {
        lines[i] = null;
        continue;
      }
      // A heading's attribute block gives its id (see withoutAttributes): it stays.
      const heading = /^ {0,3}#{1,6}[ \t]/.test(line);
      const read = outsideCodeSpans(line, (text) => withoutSiteMarkup(text, heading));
      if (read !== line) {
        if (read.trim() === '' && line.trim() !== '') {
          lines[i] = null;
          continue;
        }
        lines[i] = line = read;
      }
    }
    // A definition list (`Term` then `: What it means`, as PHP Markdown Extra, Pandoc, kramdown
    // and MkDocs write one) reads `Term: What it means`.
    if (!indentedCode && DEFINITION.test(line) && i > 0) {
      const term = lines[i - 1];
      const defined = definitions.has(i - 1);
      if (defined || (term && startsProse(term) && !/^\s/.test(term) && !/[:.!?]$/.test(term.trimEnd()))) {
        if (!defined) lines[i - 1] = asLead((term as string).trimEnd());
        lines[i] = line = line.replace(DEFINITION, '');
        definitions.add(i);
        continue;
      }
    }
    // An MDX tag on a line of its own with expressions for values (`<TabItem label={"npm"}>`):
    // the expressions go, so that it reads as the tag it is, not as text.
    if (line.includes('={') && JSX_TAG_LINE.test(line)) lines[i] = line = withoutExpressions(line);
    // A block inside a block's body is left as it is written.
    if (line.length > MARKER_MAX || inBody) continue;
    const d = dialectOf(line);
    if (!d) continue;
    // The end of an admonition or a shortcode's box (`:::`, `{{< /hint >}}`, `{% endhint %}`)
    // ends what a bold title inside it heads, as `</details>` does (see Walk.closing).
    // Only when a bold line came since the last one: what else would it end? (A file of boxes
    // costs no more than before.)
    const boxEnd =
      d.kind === 'drop' && line === line.trimStart() && BOX_END.test(line.trimEnd()) && boldSince;
    if (boxEnd) boldSince = false;
    lines[i] = d.kind === 'text' ? `\n${d.text}\n` : boxEnd ? '\n</details>\n' : '';
    if (d.kind === 'drop' && d.toc && i > 0 && TOC_ITEM.test(lines[i - 1] ?? '')) lines[i - 1] = '';
    if (d.kind === 'label') label = { text: d.label, at: i };
    if ((d.kind === 'drop' || d.kind === 'label') && d.directive) options = true;
    if ((d.kind === 'label' || d.kind === 'block') && d.indented)
      body4 = line.length - line.trimStart().length;
  }
  if (label) lines[label.at] = asLead(label.text);
  for (const i of boxEnds) if (lines[i] !== null) lines[i] = `</details>\n\n${lines[i]}`;
  return lines.filter((l) => l !== null).join('\n');
}

/**
 * The Markdown as the lexer gets it. Nesting costs the lexer time and memory out of proportion
 * (1,000 lines each indented two more spaces take seconds), so a line's container prefix is cut
 * to MAX_DEPTH markers and MAX_INDENT columns before them. A list item continued by many lazy
 * lines costs it quadratic time (see LAZY_FACTOR), so a blank line goes before such a line once
 * the item has cost too much: the line then starts a paragraph of its own.
 */
function defuse(written: string): string {
  const body = emptyQuotes(written);
  const pieces: string[] = []; // the body rewritten, once a line changes
  let copied = 0; // the body before this is in `pieces`
  let item = 0; // characters since every container was last closed
  let cost = 0; // characters the lexer copies for the lazy lines since then
  let content = 0; // the column where the text of the last line with markers starts
  let blank = true;
  const close = () => {
    item = 0;
    cost = 0;
    content = 0;
  };
  for (let start = 0; start < body.length; ) {
    const newline = body.indexOf('\n', start);
    const end = newline < 0 ? body.length : newline;
    const prefix = plainStart(body.charCodeAt(start)) ? undefined : readPrefix(body.slice(start, end));
    if (prefix?.line !== undefined) {
      pieces.push(body.slice(copied, start), prefix.line);
      copied = end;
    }
    const indent = prefix?.indent ?? 0;
    if (prefix?.blank) {
      blank = true;
    } else {
      CLOSES.lastIndex = start;
      if (prefix && prefix.markers > 0) {
        if (indent === 0 && prefix.list) close();
        content = prefix.content;
      } else if (indent === 0 && (blank || CLOSES.test(body))) {
        close();
      } else if (!blank && indent < content) {
        cost += item;
        if (cost > LAZY_FACTOR * item + LAZY_ALLOWANCE) {
          pieces.push(body.slice(copied, start), '\n');
          copied = start;
          if (indent === 0) close();
        }
      }
      blank = false;
    }
    item += end - start + 1;
    start = end + 1;
  }
  if (pieces.length === 0) return body;
  pieces.push(body.slice(copied));
  return pieces.join('');
}

/** A line of quote markers only, two or more (`> > > `): a nested quote with nothing in it. */
const EMPTY_QUOTE = /^(?:[ \t]*>){2,}[ \t]*$/m;

/**
 * Empty nested quote lines (`> > > `) brought down to the depth of the line after them when it
 * is shallower (`>` before `> text`, a blank line before text): the same text, but the lexer
 * read a quote that dropped two levels after an empty one in quadratic time (40,000 characters
 * of `> > > ` and `> x` lines took 1.6 s, a megabyte about twenty minutes).
 */
function emptyQuotes(body: string): string {
  if (!EMPTY_QUOTE.test(body)) return body;
  const lines = body.split('\n');
  for (let i = lines.length - 2; i >= 0; i--) {
    const line = lines[i] as string;
    if (!EMPTY_QUOTE.test(line)) continue;
    const next = quoteDepth(lines[i + 1] as string);
    if (next < quoteDepth(line)) lines[i] = next === 0 ? '' : new Array(next).fill('>').join(' ');
  }
  return lines.join('\n');
}

/** How many quotes a line is in: its `>` markers, each after at most three spaces. */
function quoteDepth(line: string): number {
  let depth = 0;
  let at = 0;
  for (;;) {
    let spaces = 0;
    while (spaces < 4 && (line.charAt(at) === ' ' || line.charAt(at) === '\t')) {
      at++;
      spaces++;
    }
    if (spaces > 3 || line.charAt(at) !== '>') return depth;
    depth++;
    at++;
  }
}

// ---------------------------------------------------------------------------------------------
// Lexing

/**
 * Two block rules of the lexer kept linear. A Setext heading is looked for over a few lines
 * only (the rule scans the whole paragraph, and in a list item it runs at every line). Text in
 * a list item is read a paragraph at a time, as at the top level (the lexer reads it a line at
 * a time and copies what it has so far at each line).
 */
class BoundedTokenizer extends Tokenizer {
  override lheading(src: string): Tokens.Heading | undefined {
    let end = 0;
    for (let n = 0; n <= SETEXT_LINES; n++) {
      const newline = src.indexOf('\n', end);
      const stop = newline < 0 ? src.length : newline + 1;
      if (stop > SETEXT_CHARS) break;
      end = stop;
      if (newline < 0) break;
    }
    return end > 0 ? super.lheading(src.slice(0, end)) : undefined;
  }

  override text(src: string): Tokens.Text | undefined {
    const run = this.rules.block.paragraph.exec(src)?.[1];
    if (!run) return super.text(src);
    return { type: 'text', raw: run, text: run, tokens: this.lexer.inline(run) };
  }
}

/** How many of these characters a text has, counted up to `max + 1`. */
function count(text: string, chars: string, max: number): number {
  let n = 0;
  for (const c of chars) {
    for (let i = text.indexOf(c); i >= 0 && n <= max; i = text.indexOf(c, i + 1)) n++;
  }
  return n;
}

/** Whether a text has a run of more than `max` characters without whitespace. */
function runLonger(text: string, max: number): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) run = 0;
    else if (++run > max) return true;
  }
  return false;
}

/**
 * Whether the inline lexer reads a block in about linear time: not too long, not too dense, no
 * word longer than MAX_WORD_CHARS (its autolink rules retry along one: 0.9 s a 20,000-character block).
 */
const inlineSafe = (src: string) =>
  src.length <= MAX_INLINE_CHARS &&
  !runLonger(src, MAX_WORD_CHARS) &&
  (src.length <= MAX_EMPHASIS ||
    (count(src, '*_~', MAX_EMPHASIS) <= MAX_EMPHASIS && count(src, '`[<', MAX_OPENERS) <= MAX_OPENERS));

/**
 * Inline text none of whose characters the inline lexer reacts to (no escape, code, emphasis,
 * strikethrough, link, image, tag, entity, autolink or hard break, nor a table's bar): the lexer
 * would give it back as one text token, as it is (a property test checks it). A hard break is
 * looked for as exactly two spaces before a line break: the same texts, and a long run of spaces
 * before a letter costs no backtracking.
 */
export const noInlineMarkup = (src: string): boolean =>
  src !== '' && !/[\\`*_~[\]!<>&@|]|:\/\/|www\.| {2}\n/i.test(src);

/**
 * The text a reader sees of inline Markdown, read as a paragraph's inline content is (see lex):
 * what the HTML reader measures a heading it writes by.
 */
export function plainInline(src: string): string {
  if (noInlineMarkup(src)) return collapse(src);
  const inline: Token[] = [];
  if (inlineSafe(src)) {
    try {
      new Lexer({ gfm: true, tokenizer: new BoundedTokenizer() }).inlineTokens(src, inline);
      return inlineText(inline);
    } catch {
      // Read as the lexer's fallback below reads it.
    }
  }
  return collapse(stripMarkup(src));
}

/** The block tokens; each block's inline tokens, or its text with markup stripped (see inlineSafe). */
function lex(markdown: string): Token[] {
  const lexer = new Lexer({ gfm: true, tokenizer: new BoundedTokenizer() });
  const tokens = lexer.blockTokens(markdown, lexer.tokens);
  for (const { src, tokens: inline } of lexer.inlineQueue) {
    // Most paragraphs of prose: the lexer's rules, tried at every word, would find nothing.
    if (noInlineMarkup(src)) {
      inline.push({ type: 'text', raw: src, text: src });
      continue;
    }
    if (inlineSafe(src)) {
      try {
        lexer.state.inRawBlock = false;
        lexer.inlineTokens(src, inline);
        continue;
      } catch {
        inline.length = 0;
      }
    }
    inline.push({ type: 'text', raw: src, text: stripMarkup(src) });
  }
  lexer.inlineQueue = [];
  return tokens;
}

/**
 * One linear pass over inline Markdown: an escape, a link or image (its text), an autolink (its
 * address), a comment, a tag, an emphasis or code marker, underscores at the edge of a word.
 */
const MARKUP =
  /\\([!-/:-@[-`{-~])|!?\[([^[\]\n]{0,500})\](?:\([^()\n]{0,2000}\)|\[[^[\]\n]{0,500}\])?|<([A-Za-z][\w+.-]{1,31}:[^<>\s]{1,2000})>|<!--[\s\S]{0,5000}?-->|<\/?[A-Za-z][\w-]*(?:[\s/][^<>\n]{0,1000})?>|\*+|~~+|`+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu;

/** Inline Markdown reduced to its text without the lexer, for blocks the lexer should not read. */
function stripMarkup(src: string): string {
  return src.replace(MARKUP, (markup: string, escaped?: string, label?: string, address?: string) => {
    if (escaped !== undefined) return escaped;
    if (label !== undefined) return stripMarkup(label);
    if (address !== undefined) return address;
    return /^<br\b/i.test(markup) ? ' ' : '';
  });
}

// ---------------------------------------------------------------------------------------------
// Text as a reader sees it

const ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
  ['copy', '\u00a9'],
  ['reg', '\u00ae'],
  ['trade', '\u2122'],
  ['hellip', '\u2026'],
  ['mdash', '\u2014'],
  ['ndash', '\u2013'],
  ['lsquo', '\u2018'],
  ['rsquo', '\u2019'],
  ['ldquo', '\u201c'],
  ['rdquo', '\u201d'],
  ['laquo', '\u00ab'],
  ['raquo', '\u00bb'],
  ['middot', '\u00b7'],
  ['bull', '\u2022'],
  ['times', '\u00d7'],
  ['rarr', '\u2192'],
  ['larr', '\u2190'],
  ['euro', '\u20ac'],
  ['deg', '\u00b0'],
]);
const ENTITY = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,31}));/g;

/** Decodes HTML character references: numeric ones, and the usual named ones. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole: string, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return ENTITIES.get(name) ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
      ? '\ufffd'
      : String.fromCodePoint(code);
  });
}

/**
 * A GitHub alert (`> [!NOTE]`) or an Obsidian callout (`> [!warning]- Bring food`: its kind,
 * whether it folds, its title on the rest of the line) opening a paragraph.
 */
const ALERT =
  /^\s*\[!(note|abstract|summary|tldr|info|todo|tip|hint|important|success|check|done|question|help|faq|warning|caution|attention|failure|fail|missing|danger|error|bug|example|quote|cite)\][+-]?[ \t]*([^\n]*)(?:\n|$)/i;

/**
 * The text a reader sees of inline tokens, whitespace collapsed. An alert or a callout opening
 * it reads as its title (else its kind) leading its text: `Bring food: Flasks are mandatory.`
 */
function inlineText(inline: readonly Token[]): string {
  const out: string[] = [];
  addText(inline, out);
  const text = out.join('');
  const alert = ALERT.exec(text);
  if (!alert) return collapse(text);
  const kind = alert[1] as string;
  const named = `${kind.charAt(0).toUpperCase()}${kind.slice(1).toLowerCase()}`;
  const title = collapse(alert[2] ?? '');
  const body = collapse(text.slice(alert[0].length));
  // A title with nothing under it is the text (`> [!NOTE] Back up first.` on one line).
  if (!body) return title ? `${named}: ${title}` : `${named}:`;
  return `${asLead(title || named)} ${body}`;
}

function addText(inline: readonly Token[], out: string[]): void {
  for (const token of inline) {
    const t = token as MarkedToken;
    switch (t.type) {
      case 'text':
        if (t.tokens) addText(t.tokens, out);
        else out.push(decodeEntities(t.text));
        break;
      case 'escape':
      case 'codespan':
        out.push(t.text);
        break;
      case 'br':
        out.push(' ');
        break;
      case 'html':
        if (/^<br\b/i.test(t.text)) out.push(' ');
        break;
      case 'link':
        if (t.autolink) out.push(t.text);
        else addText(t.tokens, out);
        break;
      case 'image':
      case 'strong':
      case 'em':
      case 'del':
        addText(t.tokens, out);
        break;
    }
  }
}

/** Whether inline content is only images, links around images and markup without text: badges. */
function isBadges(inline: readonly Token[]): boolean {
  let images = 0;
  const only = (tokens: readonly Token[]): boolean =>
    tokens.every((token) => {
      const t = token as MarkedToken;
      if (t.type === 'image') images++;
      else if (t.type === 'link') return !t.autolink && only(t.tokens);
      else if (t.type === 'text') return !t.tokens && !/\S/.test(t.text);
      else return t.type === 'html' || t.type === 'br';
      return true;
    });
  return only(inline) && images > 0;
}

/**
 * A heading's text: its words without the badges or logos beside them (`# dotenv [![npm](…)](…)`
 * is "dotenv"); a heading made only of images keeps their text.
 */
function headingText(inline: readonly Token[]): string {
  if (isBadges(inline)) return imageTitle(inlineText(inline));
  // Badges and logos sit at a heading's ends; an image between its words is one of them.
  const edge = (token: Token) => isBadges([token]) || (token.type === 'text' && !/\S/.test(token.raw));
  let start = 0;
  let end = inline.length;
  while (start < end && edge(inline[start] as Token)) start++;
  while (end > start && edge(inline[end - 1] as Token)) end--;
  return inlineText(inline.slice(start, end)) || inlineText(inline);
}

/** A heading's text taken from an image's: "fast-check logo" is "fast-check". */
function imageTitle(alt: string): string {
  const text = collapse(alt);
  return text.replace(/^(?:logo|banner|icon) (?:of |for )?(?=\S)| (?:logo|banner|icon)$/iu, '') || text;
}

/** What separates the entries of a line of links: `|`, `·`, `•`. */
const BAR_SEPARATOR = /[|\u00B7\u2022]/;
/** Words, at most, of an entry of a bar of links (`Português do Brasil`). */
const BAR_ENTRY_WORDS = 4;

/**
 * Tells a bar of links, fed a line's parts in order: three entries or more separated by `|`,
 * `·` or `•`, every one a link but at most one (the page itself: `**English** | [日本語](…) |
 * [Español](…)`), none longer than a few words, no code. At the top of a document (see
 * Walk.sectioned), a language switcher or a site's navigation, never an answer.
 */
class LinkBar {
  private links = 0;
  private plain = 0;
  private separators = 0;
  private long = false;
  private languages = 0;

  /** A link, by its text. */
  link(text: string): void {
    if (countWords(text) > BAR_ENTRY_WORDS) this.long = true;
    if (LANGUAGE_NAME.test(text.trim())) this.languages++;
    this.links++;
  }

  /** Text outside the links. */
  between(text: string): void {
    const entries = text.split(BAR_SEPARATOR);
    this.separators += entries.length - 1;
    for (const entry of entries) {
      if (!entry.trim()) continue;
      if (countWords(entry) > BAR_ENTRY_WORDS) this.long = true;
      if (LANGUAGE_NAME.test(entry.trim())) this.languages++;
      this.plain++;
    }
  }

  /**
   * A bar that names a language (`English | 在线文档 | …`): a language switcher, never an
   * answer, so dropped under the document's first heading too (`<h3>🚀 …</h3>` over it).
   */
  get switcher(): boolean {
    return this.found && this.languages > 0;
  }

  /** Code (`npm install foo`) is content, never a bar's entry. */
  code(): void {
    this.long = true;
  }

  get found(): boolean {
    const entries = this.links + this.plain;
    return !this.long && this.links >= 2 && entries >= 3 && this.plain <= 1 && this.separators >= entries - 1;
  }
}

/** A language's name as a language switcher writes it, in its own script or in English. */
const LANGUAGE_NAME =
  /^(?:english|中文|简体中文|繁體中文|繁体中文|日本語|한국어|español|français|deutsch|português(?: do brasil)?|русский|italiano|türkçe|tiếng việt|bahasa indonesia|polski|nederlands|українська|العربية|हिन्दी)$/iu;

/**
 * Whether a bar of links is dropped here: before any section, or a language switcher under a
 * first heading alone. The bar is read only where it could be dropped (a paragraph deep in a
 * section is never taken apart for it).
 */
function dropsBar(walk: Walk, bar: () => LinkBar): boolean {
  const top = !walk.sectioned;
  if (!top && !onlyHeadings(walk.blocks)) return false;
  const read = bar();
  return read.found && (top || read.switcher);
}

/** Whether blocks are all headings, read from the last (a paragraph ends the question at once). */
function onlyHeadings(blocks: readonly Block[]): boolean {
  for (let k = blocks.length - 1; k >= 0; k--) if ((blocks[k] as Block).kind !== 'heading') return false;
  return true;
}

/** Inline content as a bar of links (see LinkBar). */
function linkBar(inline: readonly Token[]): LinkBar {
  const bar = new LinkBar();
  const feed = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      const t = token as MarkedToken;
      if (t.type === 'link' && !t.autolink) bar.link(inlineText(t.tokens));
      else if (t.type === 'codespan') bar.code();
      // A bar in bold or italics (`**[English](…) | [文档](…) | …**`) is a bar all the same.
      else if ((t.type === 'strong' || t.type === 'em') && t.tokens) feed(t.tokens);
      else if (t.type !== 'html' && t.type !== 'br') bar.between(inlineText([token]));
    }
  };
  feed(inline);
  return bar;
}

/** Whether inline content is only links to anchors of the document (`[Options](#options)`). */
function isAnchorLinks(inline: readonly Token[]): boolean {
  let links = 0;
  for (const token of inline) {
    const t = token as MarkedToken;
    if (t.type === 'link' && t.href.startsWith('#')) links++;
    else if (t.type !== 'text' || t.tokens || /\S/.test(t.text)) return false;
  }
  return links > 0;
}

/** Words, at most, of a label (see Walk.label: `Table of Contents`). */
const CONTENTS_LABEL_WORDS = 4;

/** Whether every item of a list, nested lists included, is only links to anchors: a table of contents. */
function isContents(list: Tokens.List): boolean {
  return list.items.every((item) =>
    item.tokens.every((token) => {
      const t = token as MarkedToken;
      if (t.type === 'list') return isContents(t);
      if (t.type === 'text' || t.type === 'paragraph') return isAnchorLinks(t.tokens ?? []);
      return t.type === 'space';
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// HTML

/** A tag: its lower-case name, whether it closes, and its attributes as written. */
interface Tag {
  name: string;
  close: boolean;
  attributes: string;
  /**
   * Named in PascalCase: an MDX component (`<Accordion>`, `<ParamField>`), not an HTML element
   * (old HTML writes those in capitals: `<A NAME="top">`).
   */
  component?: true;
}

/**
 * HTML as text and tags, in one pass: a tag runs from `<` and a letter (or `</` and a letter)
 * to the next `>`; comments, `<!…>` and `<?…>` are dropped; any other `<` is text.
 */
function htmlParts(source: string): (string | Tag)[] {
  const parts: (string | Tag)[] = [];
  let text = 0; // where the text not yet added starts
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) break;
    const next = source.charCodeAt(lt + 1);
    const letter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
    let end: number;
    let tag: Tag | undefined;
    if (source.startsWith('<!--', lt)) {
      const close = source.indexOf('-->', lt + 4);
      end = close < 0 ? source.length : close + 3;
    } else if (next === 33 || next === 63) {
      const gt = source.indexOf('>', lt);
      end = gt < 0 ? source.length : gt + 1;
    } else if (letter(next) || (next === 47 && letter(source.charCodeAt(lt + 2)))) {
      const gt = source.indexOf('>', lt);
      if (gt < 0) break; // no tag can end: the rest is text
      const close = next === 47;
      const body = source.slice(lt + (close ? 2 : 1), gt);
      const name = /^[A-Za-z][A-Za-z\d-]*/.exec(body)?.[0] ?? '';
      tag = { name: name.toLowerCase(), close, attributes: body.slice(name.length) };
      if (/^[A-Z][A-Za-z\d]*[a-z]/.test(name) && !HTML_ELEMENTS.has(tag.name)) tag.component = true;
      end = gt + 1;
    } else {
      i = lt + 1;
      continue;
    }
    if (lt > text) parts.push(source.slice(text, lt));
    if (tag) parts.push(tag);
    i = text = end;
  }
  if (text < source.length) parts.push(source.slice(text));
  return parts;
}

/** The attributes of a tag read (see attribute). */
const ATTRIBUTE_NAMES = [
  'id',
  'name',
  'alt',
  'colspan',
  'href',
  'title',
  'label',
  'path',
  'query',
  'body',
  'header',
  'field',
] as const;
type AttributeName = (typeof ATTRIBUTE_NAMES)[number];

const ATTRIBUTES = new Map(
  ATTRIBUTE_NAMES.map((name) => [
    name,
    new RegExp(
      `(?:^|\\s)${name}\\s*=\\s*(?:"([^"]{0,500})"|'([^']{0,500})'|([^\\s"'=<>\`{][^\\s"'=<>\`]{0,499}))`,
      'i',
    ),
  ]),
);

/** The value of an attribute of a tag (see ATTRIBUTES), quoted or not. */
function attribute(tag: Tag, name: AttributeName): string | undefined {
  const m = ATTRIBUTES.get(name)?.exec(tag.attributes);
  const value = (m?.[1] ?? m?.[2] ?? m?.[3])?.trim();
  return value || undefined;
}

/** MDX components that fold a question's answer away (Mintlify's `<Accordion title="…">`). */
const FOLDING = new Set(['accordion']);
/** What names an MDX component's content: its title or its label. */
const NAMING: readonly AttributeName[] = ['title', 'label'];
/** What names the field an API field component documents (`<ParamField path="id">`). */
const FIELD_NAMING: readonly AttributeName[] = ['name', 'path', 'query', 'body', 'header', 'field'];
/**
 * Presentational HTML elements, which old pages write capitalised (`<Img>`, `<Font>`, `<Table>`):
 * never a component. Not those an MDX library names its components after (`<Aside>`,
 * `<Details>`, `<Section>`).
 */
const HTML_ELEMENTS = new Set(
  'a b big br center div em font h1 h2 h3 h4 h5 h6 hr i img li ol p pre small span strike strong sub sup table tbody td th thead tr tt u ul'.split(
    ' ',
  ),
);

/**
 * The name an MDX component gives the content it wraps (`<Tab title="npm">`, `<ParamField
 * path="id">`). Not a component that wraps nothing (`<Icon name="star" />`, `<YouTube
 * title="…" />`), nor a value that is an expression (`label={"npm"}`).
 */
function componentLabel(tag: Tag): string | undefined {
  if (!tag.component || tag.close || wrapsNothing(tag)) return undefined;
  const field = /field|param|prop|attribute|option|arg/.test(tag.name);
  for (const name of field ? [...NAMING, ...FIELD_NAMING] : NAMING) {
    const value = attribute(tag, name);
    const label = value ? collapse(decodeEntities(value)) : '';
    if (label) return label;
  }
  return undefined;
}

/** Whether a tag closes itself (`<Icon name="star" />`): it wraps nothing. */
const wrapsNothing = (tag: Tag): boolean => /\/\s*$/.test(tag.attributes);

/** One attribute of a heading's attribute block: `#id`, `.class` or `key=value`. */
const HEADING_ATTRIBUTE = String.raw`(?:#[A-Za-z0-9_][\w:.-]*|\.[A-Za-z_][\w-]*|[A-Za-z_][\w-]*=(?:"[^"]*"|'[^']*'|[^\s"'{}]+))`;
/** A heading's attribute block, alone at the end of its text (kramdown's has a colon: `{: #id}`). */
const HEADING_ATTRIBUTES = new RegExp(
  String.raw`^\{:?[ \t]*(${HEADING_ATTRIBUTE}(?:[ \t]+${HEADING_ATTRIBUTE})*)[ \t]*\}$`,
);

/**
 * A heading's tokens without the attribute block that ends it (`## Installation {#install}`,
 * as Docusaurus, MkDocs, kramdown and Pandoc write one), and the id it gives: those sites link
 * the section by that id, not by the slug of its words, and the block is no word of the
 * heading. Only in plain text: `` ## `{#each}` `` (code) keeps its braces.
 */
function withoutAttributes(inline: readonly Token[]): { inline: readonly Token[]; id?: string } {
  const last = inline.at(-1);
  if (last?.type !== 'text' || !last.raw.endsWith('}')) return { inline };
  const at = last.raw.lastIndexOf('{');
  const block = HEADING_ATTRIBUTES.exec(last.raw.slice(at));
  const before = last.raw.slice(0, at).trimEnd();
  if (!block || (!before && inline.length === 1)) return { inline };
  const id = /(?:^|[ \t])#([^\s]+)/.exec((block[1] as string).replace(/"[^"]*"|'[^']*'/g, '""'))?.[1];
  // The text as read (escapes resolved) up to the block, which has no escape in it.
  const text = last.text.slice(0, Math.max(0, last.text.length - (last.raw.length - at))).trimEnd();
  const rest = before
    ? [...inline.slice(0, -1), { type: 'text', raw: before, text } as Token]
    : inline.slice(0, -1);
  return { inline: rest, ...(id ? { id } : {}) };
}

/** The anchor an `<a id="…">` or `<a name="…">` gives. */
const anchorOf = (tag: Tag) =>
  tag.name === 'a' && !tag.close ? (attribute(tag, 'id') ?? attribute(tag, 'name')) : undefined;

/** The last anchor (`<a id>`, `<a name>`) in inline tokens. */
function anchorIn(inline: readonly Token[]): string | undefined {
  let anchor: string | undefined;
  for (const token of inline) {
    const t = token as MarkedToken;
    let found: string | undefined;
    if (t.type === 'html') {
      for (const part of htmlParts(t.text)) if (typeof part !== 'string') found = anchorOf(part) ?? found;
    } else if ('tokens' in t && t.tokens) found = anchorIn(t.tokens);
    anchor = found ?? anchor;
  }
  return anchor;
}

/** Tags that do not break text into paragraphs. */
const INLINE_TAGS = new Set(
  'a abbr b bdi bdo big cite code data del dfn em font i img ins kbd mark q s samp small span strike strong sub sup time tt u var wbr picture source'.split(
    ' ',
  ),
);

// ---------------------------------------------------------------------------------------------
// Tokens to blocks

/** What the walk over the tokens carries along. */
interface Walk {
  blocks: Block[];
  /** The last group number given. */
  groups: number;
  /** An anchor (`<a id>` in a block without text) waiting for a heading right after it. */
  anchor: string | undefined;
  /** A `<details>` section ended: its summary heads nothing after it (see Block.closes). */
  closing: boolean;
  /**
   * Whether a section has begun (a heading below the top level, or a `#` heading after another
   * heading): past it, a line of links may be a section's answer ("## Where do I get help?" over links to the support server and
   * the issue tracker), and is kept.
   */
  sectioned: boolean;
  /** Whether a heading has been read. */
  headed: boolean;
  /**
   * The last paragraph when it can label what follows: a short paragraph all in bold
   * (`**Table of Contents**`) or ending with `:` (`Contents:`), not in a quote or a list.
   */
  label: Block | undefined;
}

const inGroup = (group: number | undefined) => (group === undefined ? {} : { group });

/** Adds a block: a heading takes the anchor waiting before it; any block ends the wait. */
function emit(walk: Walk, block: Block): void {
  // A section begins at a heading below the top level, or at a `#` heading after another
  // heading (files with `#` sections).
  if (block.kind === 'heading') {
    if ((block.level ?? 1) >= 2 || walk.headed) walk.sectioned = true;
    walk.headed = true;
  }
  if (block.kind === 'heading' && !block.anchor && walk.anchor) block.anchor = walk.anchor;
  walk.anchor = undefined;
  if (walk.closing) {
    if (block.kind !== 'heading' && block.kind !== 'question') block.closes = true;
    walk.closing = false;
  }
  walk.blocks.push(block);
}

function toBlocks(tokens: readonly Token[]): Block[] {
  const walk: Walk = {
    blocks: [],
    groups: 0,
    anchor: undefined,
    closing: false,
    sectioned: false,
    headed: false,
    label: undefined,
  };
  walkTokens(tokens, walk, undefined);
  return walk.blocks;
}

/**
 * Adds the blocks of block tokens; `group` is the group of the list they are in. Inside a block
 * quote or a list item (`contained`), a heading is only emphasis: it is text, not a section.
 */
function walkTokens(
  tokens: readonly Token[],
  walk: Walk,
  group: number | undefined,
  contained = false,
): void {
  for (const token of tokens) {
    const t = token as MarkedToken;
    switch (t.type) {
      case 'heading': {
        const { inline, id } = withoutAttributes(t.tokens);
        const written = headingText(inline);
        // A FAQ heading's mark (`### Q: How do I…?`) is no word of the question.
        const text =
          FAQ_QUESTION.test(written) && ENDS_QUESTION.test(written) ? faqQuestion(written) : written;
        const anchor = id ?? anchorIn(inline);
        if (text && contained) emit(walk, { kind: 'text', text, ...inGroup(group) });
        else if (text)
          emit(walk, {
            kind: 'heading',
            text,
            level: t.depth,
            ...(anchor ? { anchor } : {}),
            ...(id ? { ownId: true as const } : {}),
            ...(text !== written ? { written } : {}),
            ...inGroup(group),
          });
        break;
      }
      case 'paragraph':
      case 'text':
        paragraph(t.tokens ?? [], walk, group, contained);
        break;
      case 'code':
        if (/\S/.test(t.text)) {
          // A code block's title in its fence (`\`\`\`js title="app.js"`, VitePress's `\`\`\`sh [npm]`)
          // leads it, as a lead-in line would.
          const title = CODE_TITLE.exec(t.lang ?? '');
          const label = (title?.[1] ?? title?.[2] ?? title?.[3])?.trim();
          if (label) emit(walk, { kind: 'text', text: asLead(label), ...inGroup(group) });
          const lang = codeLanguage(t.lang);
          emit(walk, {
            kind: 'code',
            text: trimBlankLines(t.text),
            ...(lang ? { lang } : {}),
            ...inGroup(group),
          });
        }
        break;
      case 'list':
        if (group !== undefined || !isContents(t)) {
          const listGroup = group ?? ++walk.groups;
          for (const item of t.items) listItem(item, walk, listGroup);
        } else {
          // A table of contents goes, and its label right above it with it (see Walk.label), or
          // a heading that only names it (`## Table of Contents`); another heading above it
          // stays, as a heading with nothing under it.
          const last = walk.blocks.at(-1);
          if (last && (last === walk.label || (last.kind === 'heading' && CONTENTS_LABEL.test(last.text))))
            walk.blocks.pop();
        }
        break;
      case 'table':
        table(t, walk, group);
        break;
      case 'blockquote':
        walkTokens(t.tokens, walk, group, true);
        break;
      case 'html':
        html(t.text, walk, group);
        break;
    }
  }
}

/**
 * A paragraph: nothing when only badges, a bar of links or links within the document ("Back to
 * top"); when without text, maybe an anchor for the next heading.
 */
function paragraph(inline: readonly Token[], walk: Walk, group: number | undefined, contained = false): void {
  if (isBadges(inline) || dropsBar(walk, () => linkBar(inline)) || isAnchorLinks(inline)) return;
  const text = inlineText(inline);
  // In a quote or a list item a bold first line is emphasis (`> **Note**`), as a heading is there.
  const pair = contained ? undefined : faqPair(inline, text);
  if (pair) {
    emit(walk, { kind: 'question', text: pair.question, ...inGroup(group) });
    emit(walk, { kind: 'text', text: pair.answer, ...inGroup(group) });
    return;
  }
  if (text && !contained && FAQ_QUESTION.test(text) && ENDS_QUESTION.test(text) && !text.includes('\n')) {
    // A `Q:` paragraph of its own: the question the next paragraph (its `A:`) answers.
    emit(walk, { kind: 'question', text: faqQuestion(text), ...inGroup(group) });
    return;
  }
  if (text) {
    const last = walk.blocks.at(-1);
    const notice = contained && ALERT.test(inline.map((t) => t.raw).join(''));
    emit(walk, {
      kind: 'text',
      text:
        (last?.kind === 'question' || (last?.kind === 'heading' && last.written !== undefined)) &&
        FAQ_ANSWER.test(text)
          ? faqAnswer(text)
          : text,
      ...inGroup(group),
      ...(notice ? { notice: true as const } : {}),
    });
    const bold = inline.filter((t) => t.type !== 'text' || /\S/.test(t.raw));
    if (
      !contained &&
      countWords(text) <= CONTENTS_LABEL_WORDS &&
      ((bold.length === 1 && bold[0]?.type === 'strong') || /:$/.test(text) || CONTENTS_LABEL.test(text))
    )
      walk.label = walk.blocks.at(-1);
  } else walk.anchor = anchorIn(inline) ?? walk.anchor;
}

/** `Q: …? A: …` run together in one paragraph. */
const QA_PAIR = /^((?:Q|Question)\s*[:.)]\s+[^\n]*?\?)\s+((?:A|Answer)\s*[:.)]\s+\S[\s\S]*)$/i;

/** A bold first line that titles the lines under it: short, not a sentence or a lead-in. */
export const BOLD_TITLE_MAX = 80;

/**
 * A FAQ entry or a titled item written as one paragraph: its question or title (a bold first
 * line: `**How do I report someone?**`, `**Rule 2 - No spam**`; or a `Q:` line) and its answer
 * or body on the next lines. Like the plain-text `Q:`/`A:` lines, the first heads the rest.
 */
function faqPair(inline: readonly Token[], text: string): { question: string; answer: string } | undefined {
  const [first, second] = inline;
  if (first?.type === 'strong' && second?.type === 'text' && /^[ \t]*\n/.test(second.raw)) {
    const question = inlineText((first as Tokens.Strong).tokens);
    const answer = inlineText(inline.slice(1));
    const title = question.length <= BOLD_TITLE_MAX && !/[.:;,]\s*$/.test(question);
    if (answer && (/\?\s*$/.test(question) || title)) return faqEntry(question, answer);
  }
  const qa = FAQ_QUESTION.test(text) ? QA_PAIR.exec(text) : null;
  return qa ? faqEntry(qa[1] as string, qa[2] as string) : undefined;
}

/**
 * A list item: its text as a 'list' block, then its nested lists and other blocks in order
 * (text after them as 'text' blocks), all in the group of the top-level list.
 */
function listItem(item: Tokens.ListItem, walk: Walk, group: number): void {
  let run: string[] = [];
  let first = true;
  const flush = () => {
    const text = collapse(run.join(' '));
    run = [];
    if (text) emit(walk, { kind: first ? 'list' : 'text', text, group });
    first = false;
  };
  for (const token of item.tokens) {
    const t = token as MarkedToken;
    if (t.type === 'text' || t.type === 'paragraph') {
      const inline = t.tokens ?? [];
      if (!isBadges(inline)) run.push(inlineText(inline));
    } else if (t.type !== 'space' && t.type !== 'checkbox') {
      if (run.length) flush();
      first = false;
      walkTokens([t], walk, group, true);
    }
  }
  flush();
}

/** A table: a block per body row, `Header: cell · Header: cell` (empty cells left out), one group. */
function table(token: Tokens.Table, walk: Walk, group: number | undefined): void {
  const rows = token.rows.map((row) =>
    row.map((cell, col) => ({ col, text: inlineText(cell.tokens) })).filter((c) => c.text),
  );
  emitTable(
    walk,
    token.header.map((cell) => inlineText(cell.tokens)),
    rows,
    group,
  );
}

/**
 * A table's rows as blocks of one group, each `Header: cell · Header: cell` (the cells with
 * text, each under its column's header); a table of headers only reads as its headers.
 */
function emitTable(
  walk: Walk,
  headers: readonly string[],
  rows: readonly (readonly { col: number; text: string }[])[],
  group: number | undefined,
): void {
  const lines =
    rows.length > 0
      ? rows.map((row) => row.map((c) => (headers[c.col] ? `${headers[c.col]}: ${c.text}` : c.text)))
      : [headers.filter(Boolean)];
  const tableGroup = group ?? ++walk.groups;
  for (const cells of lines)
    if (cells.length) emit(walk, { kind: 'table', text: cells.join(' \u00b7 '), group: tableGroup });
}

/**
 * A raw HTML block as blocks: `<h1>`–`<h6>` as headings, a `<summary>` (the title of a
 * collapsible `<details>` section) as a heading of what follows it, other text as paragraphs
 * split at block-level tags, tags dropped (`<br>` a space, `<script>` and `<style>` with their
 * content). An `<a id>` or `<a name>` names the heading it is in, or waits for the next one.
 */
function html(source: string, walk: Walk, group: number | undefined): void {
  let text: string[] = [];
  let level = 0; // inside <h1>–<h6>
  let anchor: string | undefined; // the heading's
  let alt: string | undefined; // an image's in the heading, its text when it has no other
  let skip = ''; // inside <script> or <style>
  let summary = false; // inside <summary>
  // The text's links and what lies between them, to drop a bar of links (see LinkBar).
  let bar = new LinkBar();
  let link: string[] | undefined; // inside <a href>: its text so far
  // Inside <table>: its header cells by column, the rows so far (each its cells with text, by
  // column), the row being read, and what is being read in it.
  let table:
    | {
        headers: string[];
        rows: { col: number; text: string }[][];
        row: { col: number; text: string }[];
        /** The row's next column, and its cells so far and how many were header cells. */
        col: number;
        cells: number;
        /** Cells past MAX_COLUMNS, joined to the last column at the row's end. */
        overflow: string[];
        heads: number;
        cell: boolean;
        span: number;
        depth: number;
        caption: boolean;
        title: string[];
        outside: string[];
      }
    | undefined;
  const endCell = () => {
    if (!table) return;
    const content = collapse(decodeEntities(text.join('')));
    text = [];
    if (table.caption) {
      // The caption is read before the rows, text outside any cell after them.
      if (content) table.title.push(content);
      table.caption = false;
      return;
    }
    if (!table.cell) {
      if (content) table.outside.push(content);
      return;
    }
    // A cell spanning columns takes them all, so the next cell keeps its column's header; past
    // MAX_COLUMNS, cells join the last column.
    if (table.col >= MAX_COLUMNS) {
      if (content) table.overflow.push(content);
    } else if (content) table.row.push({ col: Math.min(table.col, MAX_COLUMNS - 1), text: content });
    table.col = Math.min(table.col + table.span, MAX_COLUMNS);
    table.cells++;
    table.cell = false;
  };
  const endRow = () => {
    if (!table) return;
    endCell();
    const { row } = table;
    // The cells past the last column join it, once.
    if (table.overflow.length > 0) {
      const last = row.at(-1);
      const more = table.overflow.join(' ');
      if (last) last.text = `${last.text} ${more}`;
      else row.push({ col: MAX_COLUMNS - 1, text: more });
      table.overflow = [];
    }
    if (row.length > 0) {
      if (table.heads === table.cells && table.headers.length === 0 && table.rows.length === 0) {
        for (const c of row) table.headers[c.col] = c.text;
        table.headers = Array.from(table.headers, (h) => h ?? '');
      } else table.rows.push(row);
    }
    table.row = [];
    table.col = 0;
    table.cells = 0;
    table.heads = 0;
  };
  // Its rows read as a Markdown table's (see emitTable), its caption before them.
  const endTable = () => {
    if (!table) return;
    endRow();
    const { headers, rows, title, outside } = table;
    table = undefined;
    text = [];
    bar = new LinkBar();
    link = undefined;
    for (const t of title) emit(walk, { kind: 'text', text: t, ...inGroup(group) });
    emitTable(walk, headers, rows, group);
    for (const t of outside) emit(walk, { kind: 'text', text: t, ...inGroup(group) });
  };
  const flush = () => {
    if (table) return;
    const content = collapse(decodeEntities(text.join(''))) || (level ? imageTitle(alt ?? '') : '');
    text = [];
    const links = bar;
    bar = new LinkBar();
    if (!content || (!level && !summary && dropsBar(walk, () => links))) return;
    // Like a question in a FAQ, a summary heads what follows it up to the next heading or summary.
    if (summary) emit(walk, { kind: 'question', text: content, ...inGroup(group) });
    else if (level)
      emit(walk, { kind: 'heading', text: content, level, ...(anchor ? { anchor } : {}), ...inGroup(group) });
    else emit(walk, { kind: 'text', text: content, ...inGroup(group) });
  };
  // Code fenced inside an HTML block (an MDX tab's) is not Markdown there: its fences go.
  const unfenced = source.includes('``') || source.includes('~~') ? source.replace(FENCE_LINE, '') : source;
  for (const part of htmlParts(unfenced)) {
    if (typeof part === 'string') {
      if (skip) continue;
      text.push(part);
      // A table's text is its cells', never a bar's.
      if (table) continue;
      if (link) link.push(part);
      else bar.between(decodeEntities(part));
      continue;
    }
    if (part.name === 'a' && !skip && !table) {
      if (part.close && link) bar.link(collapse(decodeEntities(link.join(''))));
      link = !part.close && attribute(part, 'href') !== undefined ? [] : undefined;
    }
    const heading = /^h([1-6])$/.exec(part.name);
    // The name an MDX component gives what it wraps, read once (see componentLabel).
    const label = componentLabel(part);
    const named = anchorOf(part);
    if (skip) {
      if (part.close && part.name === skip) skip = '';
    } else if (part.name === 'script' || part.name === 'style') {
      if (!part.close) skip = part.name;
    } else if (heading && table && (table.cell || table.depth > 0)) {
      // A heading in a cell (a README's feature grid) is that cell's text.
      text.push(' ');
    } else if (heading) {
      // A heading ends a table left open.
      endTable();
      flush();
      level = part.close ? 0 : Number(heading[1]);
      anchor = part.close ? undefined : attribute(part, 'id');
      alt = undefined;
    } else if (part.name === 'table') {
      // A table inside a cell is that cell's text; the outer table ends at its own </table>.
      if (table && !part.close) table.depth++;
      else if (table && table.depth > 0) table.depth--;
      else if (part.close) endTable();
      else {
        flush();
        table = {
          headers: [],
          rows: [],
          row: [],
          col: 0,
          cells: 0,
          overflow: [],
          heads: 0,
          cell: false,
          span: 1,
          depth: 0,
          caption: false,
          title: [],
          outside: [],
        };
      }
    } else if (
      table &&
      table.depth === 0 &&
      (part.name === 'tr' || part.name === 'td' || part.name === 'th')
    ) {
      if (part.name === 'tr') endRow();
      else {
        endCell();
        if (!part.close) {
          table.cell = true;
          table.span = Math.min(Math.max(Number(attribute(part, 'colspan')) || 1, 1), MAX_COLUMNS);
          if (part.name === 'th') table.heads++;
        }
      }
    } else if (table && table.depth === 0 && part.name === 'caption') {
      endCell();
      table.caption = !part.close;
    } else if (table && !INLINE_TAGS.has(part.name)) {
      text.push(' ');
    } else if (part.name === 'summary') {
      flush();
      summary = !part.close;
    } else if (part.component && FOLDING.has(part.name)) {
      // Like a <details> section: its title heads what it folds away (a FAQ's question).
      flush();
      if (label) emit(walk, { kind: 'question', text: label, ...inGroup(group) });
      if (part.close) walk.closing = true;
    } else if (label !== undefined) {
      // A tab's, a step's, a card's or a field's name leads its content (`npm: npm i x`).
      flush();
      text.push(`${asLead(label)} `);
    } else if (part.name === 'details') {
      flush();
      if (part.close) walk.closing = true;
    } else if (part.name === 'br') {
      text.push(' ');
    } else if (part.name === 'img') {
      if (level) alt = attribute(part, 'alt') ?? alt;
    } else if (named) {
      if (level) anchor = named;
      else walk.anchor = named;
    } else if (part.component && wrapsNothing(part)) {
      // A component that wraps nothing (`<Icon name="star" />`) is no break in the text.
    } else if (!INLINE_TAGS.has(part.name)) {
      flush();
    }
  }
  endTable();
  flush();
}
