/**
 * What the views share: colours, counts, links and citations. A citation leads with the
 * document's title and section (`Title › Section`), linked when the document's address is
 * known, with its paragraphs (`¶4`, `¶4–7`); the file name shows only where there is no address.
 */
import type { Citation } from '../../core/index.js';
import { httpUrl } from '../payload.js';
import { oneLine } from '../text/clean.js';
import { fitText } from '../text/cut.js';
import { codeName, escapeName } from '../text/escape.js';

export const COLORS = {
  answer: 0x5865f2,
  nothing: 0xfee75c,
  paragraphs: 0x5865f2,
  sources: 0x57f287,
  problem: 0xed4245,
} as const;

/** Longest field name of a result: short enough to read on a phone. */
export const FIELD_NAME_MAX = 60;

/** `1,234 passages`, `1 passage`. */
export const plural = (n: number, word: string): string =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** A place in a document as a reader names it: `Title › Section`. */
export const place = (c: { title: string; section?: string | undefined }): string =>
  `${oneLine(c.title) || 'Untitled'}${c.section && oneLine(c.section) ? ` › ${oneLine(c.section)}` : ''}`;

const SEPARATOR = ' \u203A ';

/**
 * A place within `max` characters once escaped: whole when it fits; else the title and the
 * last headings, the ones between left out (`Reply (Fastify) › … › .redirect(dest, [code])`);
 * a heading that repeats the one before it (the title's page heading) shows once; then the
 * title is cut, the last heading last of all. Cut from the end, a long path lost the heading
 * that says what the passage is about.
 */
export function fitPlace(c: { title: string; section?: string | undefined }, max: number): string {
  const whole = place(c);
  if (escapeName(whole).length <= max) return escapeName(whole);
  const title = oneLine(c.title) || 'Untitled';
  const base = title.replace(/\s*\([^)]*\)$/, '');
  const heads = (c.section ? oneLine(c.section).split(SEPARATOR) : []).filter(
    (h, i, all) => h && h !== (i === 0 ? base : all[i - 1]),
  );
  for (let keep = heads.length; keep >= 1; keep--) {
    const parts = [title, ...(keep < heads.length ? ['\u2026'] : []), ...heads.slice(heads.length - keep)];
    const text = escapeName(parts.join(SEPARATOR));
    if (text.length <= max) return text;
  }
  const leaf = heads.at(-1);
  if (!leaf) return fitText(title, max, escapeName);
  const end = escapeName(`${SEPARATOR}${heads.length > 1 ? `\u2026${SEPARATOR}` : ''}${leaf}`);
  if (max - end.length >= 12) return fitText(title, max - end.length, escapeName) + end;
  return fitText(leaf, max, escapeName);
}

/** The paragraph numbers of a passage: `¶4` or `¶4–7`. */
export const pilcrow = (c: { paragraph: number; through?: number | undefined }): string =>
  `¶${c.paragraph}${c.through && c.through > c.paragraph ? `–${c.through}` : ''}`;

/** A link, or the text alone when there is no address. */
export const linked = (text: string, url: string | undefined): string => (url ? `[${text}](${url})` : text);

/**
 * Longest address linked inside a text (a citation, a result, a line of /sources): Discord takes
 * 2,048 characters, but a field holds 1,024 and the excerpt needs the room. A longer one still
 * links an embed's title; inside a text the file is named instead, as without an address.
 */
export const TEXT_LINK_MAX = 400;

/** The address to link inside a text, or undefined (none, not http(s), or too long for one). */
export function textLink(url: string | undefined): string | undefined {
  const href = httpUrl(url);
  return href && href.length <= TEXT_LINK_MAX ? href : undefined;
}

/**
 * The citation under a direct answer, within `max`: `— [*Title › Section*](url) ¶4` when the
 * document's address is known, else `— *Title › Section*, `file` ¶4`.
 */
export function citationLine(c: Citation, max: number): string {
  const url = textLink(c.url);
  const tail = url
    ? ` ${pilcrow(c)}`
    : `, ${codeName(c.source, Math.min(120, Math.floor(max / 2)))} ${pilcrow(c)}`;
  const room = max - tail.length - 4 - (url ? url.length + 4 : 0);
  const name = room > 0 ? fitPlace(c, room) : '';
  if (!name) return url ? `— ${linked(pilcrow(c), url)}` : `— ${tail.slice(2)}`;
  return `— ${linked(`*${name}*`, url)}${tail}`;
}

/**
 * A citation as a title (Show paragraph): `Title › Section ¶4` (the embed links it), or
 * `Title › Section — file ¶4` without an address; the title and section are cut first.
 */
export function citationTitle(c: Citation, max: number): string {
  const paragraph = ` ${pilcrow(c)}`;
  // A long file name is cut to half the title, so the place and the paragraph still show.
  const file = httpUrl(c.url)
    ? ''
    : ` — ${fitText(oneLine(c.source), Math.floor(max / 2) - paragraph.length - 3, escapeName)}`;
  const tail = file + paragraph;
  const room = max - tail.length;
  if (room >= 16) return fitPlace(c, room) + tail;
  return fitText(place(c), max - paragraph.length, escapeName) + paragraph;
}

/** A result's field name: `[2] Title › Section`, within FIELD_NAME_MAX. */
export function resultName(c: Citation, n: number): string {
  const prefix = `[${n}] `;
  return prefix + fitPlace(c, FIELD_NAME_MAX - prefix.length);
}

/**
 * The last line of a result's field: a link to the passage (`[¶4 in Title](url)`) when the
 * document's address is known, else the file and paragraphs (`` `file.txt` ¶4 ``).
 */
export function resultSource(c: Citation): string {
  const url = textLink(c.url);
  if (!url) return `${codeName(c.source, 120)} ${pilcrow(c)}`;
  const title = fitText(oneLine(c.title) || 'the document', 40, escapeName);
  return linked(`${pilcrow(c)} in ${title}`, url);
}
