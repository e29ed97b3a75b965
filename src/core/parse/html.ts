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
 *
 * This module chooses how a page is read. The first pass is html-survey.ts, the conversion
 * html-converter.ts (with the chrome it leaves out from html-chrome.ts, its blocks from
 * html-blocks.ts, inline text from html-inline.ts, tables from html-tables.ts), the plain-text
 * fallback html-plain.ts.
 */
import { Converter } from './html-converter.js';
import { plainText } from './html-plain.js';
import { survey } from './html-survey.js';

export { MAX_NESTING } from './html-survey.js';

/** What an HTML page reads as. */
export interface HtmlPage {
  markdown: string;
  /** Where the page sends its reader, when it only redirects. */
  redirect?: string;
}

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
