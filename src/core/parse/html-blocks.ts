/**
 * Blocks of an HTML page: the elements that end a paragraph, headings and the sections whose id
 * anchors the heading that opens them, how deep lists and quotes indent, a code block's
 * language, and a definition list's terms as they head their definition.
 */

import { BOLD_TITLE_MAX, plainInline } from './markdown.js';

/** Elements that end the paragraph being read (their content starts a new block). */
export const BLOCKS = new Set([
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
export const HEADING = /^h([1-6])$/;
/** Elements whose id is the anchor of the heading that opens them. */
export const SECTIONS = new Set(['section', 'div', 'article']);
/** Lists and quotes nested deeper than this are indented no further (each level prefixes each line). */
export const MAX_PREFIX_DEPTH = 8;

/**
 * A code block's language from its class (`language-rust`, `lang-js`, Sphinx's
 * `highlight-python` on the block around it; not its `highlight-default`).
 */
export function languageOf(className: string | undefined): string {
  const m = /(?:^|\s)(?:language|lang|highlight)-([\w+#-]+)/.exec(className ?? '');
  return m?.[1] && m[1] !== 'default' ? m[1] : '';
}

/**
 * Whether terms written as Markdown read as short as a bold title, so that the Markdown reader
 * heads their definition with them (its text is never longer than its Markdown).
 */
export const titleLength = (md: string): boolean =>
  md.length <= BOLD_TITLE_MAX || plainInline(md).length <= BOLD_TITLE_MAX;

/**
 * A term as it heads its definition: one closed by a full stop ("I'm on Windows and my files
 * are detected as binary.", an FAQ's entry) heads it as any term does, without the stop.
 */
export function termText(term: string | undefined): string | undefined {
  return term?.replace(/(?<![.\s])\.$/, '');
}

/** Whether lines hold no text, read from the last (a line of text ends the question at once). */
export function noText(lines: readonly string[]): boolean {
  for (let k = lines.length - 1; k >= 0; k--) if (/\S/.test(lines[k] as string)) return false;
  return true;
}
