/**
 * HTML in Markdown read by hand: tags and text in one pass, the attributes read of a tag, the
 * name an MDX component gives what it wraps, the anchors (`<a id>`) and a heading's attribute
 * block (`{#id}`) that name a section, and the tags that do not break text into paragraphs.
 */

import type { MarkedToken, Token } from 'marked';
import { collapse, decodeEntities } from './markdown-text.js';

/** A tag: its lower-case name, whether it closes, and its attributes as written. */
export interface Tag {
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
export function htmlParts(source: string): (string | Tag)[] {
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
export function attribute(tag: Tag, name: AttributeName): string | undefined {
  const m = ATTRIBUTES.get(name)?.exec(tag.attributes);
  const value = (m?.[1] ?? m?.[2] ?? m?.[3])?.trim();
  return value || undefined;
}

/** MDX components that fold a question's answer away (Mintlify's `<Accordion title="…">`). */
export const FOLDING = new Set(['accordion']);
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
export function componentLabel(tag: Tag): string | undefined {
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
export const wrapsNothing = (tag: Tag): boolean => /\/\s*$/.test(tag.attributes);

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
export function withoutAttributes(inline: readonly Token[]): { inline: readonly Token[]; id?: string } {
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
export const anchorOf = (tag: Tag) =>
  tag.name === 'a' && !tag.close ? (attribute(tag, 'id') ?? attribute(tag, 'name')) : undefined;

/** The last anchor (`<a id>`, `<a name>`) in inline tokens. */
export function anchorIn(inline: readonly Token[]): string | undefined {
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
export const INLINE_TAGS = new Set(
  'a abbr b bdi bdo big cite code data del dfn em font i img ins kbd mark q s samp small span strike strong sub sup time tt u var wbr picture source'.split(
    ' ',
  ),
);
