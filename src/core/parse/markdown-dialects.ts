/**
 * Markdown as documentation sites extend it (Docusaurus, MkDocs, VitePress, MDX, GitBook, Jekyll
 * and Hugo, Obsidian), rewritten as plain Markdown before lexing: admonitions, tabs and
 * components read as their titles leading their text, template tags, imports and exports,
 * attribute lists, icons and footnote marks gone, wikilinks read as their text.
 */

import { componentLabel, FOLDING, htmlParts, wrapsNothing } from './markdown-html.js';
import { asLead } from './markdown-text.js';

/** A code fence at any indent (list items indent theirs); a backtick fence's info has no backtick. */
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
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

/**
 * An MDX comment written inside a line, with the spaces before it: a match starts only where a
 * run of spaces does, so a long run before an unclosed `{/*` is tried once, not from each space.
 */
const MDX_COMMENT = /(?<![ \t])[ \t]*\{\/\*[^\n]{0,500}?\*\/\}/g;

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
export function dialects(body: string): string {
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
