/**
 * The first pass over an HTML page: which element holds its content (its `<main>`, its
 * `role="main"` element, its one `<article>`, or the whole body), which tables lay out blocks
 * rather than data, where a redirect sends its reader, and how much text the page shows. A page
 * nested deeper than MAX_NESTING stops the pass (html.ts reads it as plain text).
 */

import { Parser } from 'htmlparser2';

/** An element this share of the page's text or more is its content (see survey). */
const CONTENT_SHARE = 0.3;
/** Pages nested deeper than this are read as plain text (see the module comment of html.ts). */
export const MAX_NESTING = 512;

/** What a first pass over the page finds: which element holds its content, which tables are layout. */
export interface Survey {
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
export function survey(html: string): Survey | undefined {
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
