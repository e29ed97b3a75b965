/**
 * Markdown's inline tokens as the text a reader sees: entities decoded, whitespace collapsed, an
 * alert or callout read as its title leading its text, and what is no text to read told apart:
 * badges, a heading's logos, bars of links, links to anchors and tables of contents.
 */

import type { MarkedToken, Token, Tokens } from 'marked';
import { joinNoSpaceLines } from '../blocks.js';
import { countWords } from '../sections.js';

/** Text with each run of whitespace made one space, trimmed. */
export const collapse = (text: string) =>
  /\s\s|[^\S ]|^ | $/.test(text) ? joinNoSpaceLines(text).replace(/\s+/g, ' ').trim() : text;

/** A label as the lead-in to what it names: `npm` → `npm:`; a title that ends a sentence stays. */
export const asLead = (label: string): string => (/[?!:.]$/.test(label) ? label : `${label}:`);

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
export function decodeEntities(text: string): string {
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
export const ALERT =
  /^\s*\[!(note|abstract|summary|tldr|info|todo|tip|hint|important|success|check|done|question|help|faq|warning|caution|attention|failure|fail|missing|danger|error|bug|example|quote|cite)\][+-]?[ \t]*([^\n]*)(?:\n|$)/i;

/**
 * The text a reader sees of inline tokens, whitespace collapsed. An alert or a callout opening
 * it reads as its title (else its kind) leading its text: `Bring food: Flasks are mandatory.`
 */
export function inlineText(inline: readonly Token[]): string {
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
export function isBadges(inline: readonly Token[]): boolean {
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
export function headingText(inline: readonly Token[]): string {
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
export function imageTitle(alt: string): string {
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
export class LinkBar {
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

/** Inline content as a bar of links (see LinkBar). */
export function linkBar(inline: readonly Token[]): LinkBar {
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
export function isAnchorLinks(inline: readonly Token[]): boolean {
  let links = 0;
  for (const token of inline) {
    const t = token as MarkedToken;
    if (t.type === 'link' && t.href.startsWith('#')) links++;
    else if (t.type !== 'text' || t.tokens || /\S/.test(t.text)) return false;
  }
  return links > 0;
}

/** Whether every item of a list, nested lists included, is only links to anchors: a table of contents. */
export function isContents(list: Tokens.List): boolean {
  return list.items.every((item) =>
    item.tokens.every((token) => {
      const t = token as MarkedToken;
      if (t.type === 'list') return isContents(t);
      if (t.type === 'text' || t.type === 'paragraph') return isAnchorLinks(t.tokens ?? []);
      return t.type === 'space';
    }),
  );
}
