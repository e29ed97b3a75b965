/**
 * A plain-text file's header of fields, as Usenet FAQs and mail archives carry it at the top
 * (`Archive-Name:`, `Subject:`, `Last-Modified:`): read apart from the text under it.
 */
import { ENDS_QUESTION } from '../blocks.js';
import type { Line } from './text-lines.js';

/** A field of a mail or news header: `Archive-Name: unix-faq/shell/zsh`, `Last-Modified: …`. */
const HEADER_FIELD = /^([A-Z][A-Za-z0-9]+(?:-[A-Za-z0-9]+)*):\s+(\S.*)$/;
/** The header's fields that name the document. */
const TITLE_FIELDS = new Set(['subject', 'title']);
/** Fields only a mail or news header has: one of them makes the lines a header (not `Note:`, `Q:`). */
const HEADER_NAMES = new Set([
  'archive-name',
  'subject',
  'from',
  'date',
  'newsgroups',
  'message-id',
  'last-modified',
  'submitted-by',
  'posted-by',
  'posting-frequency',
  'reply-to',
  'followup-to',
  'organization',
  'expires',
  'url',
]);

/**
 * A header of fields at the top of the file, as Usenet FAQs and mail archives carry it
 * (`Archive-Name:`, `Last-Modified:`, `Submitted-By:`, two fields or more, each on its line, one
 * of them a field only such a header has; not `Q:`/`A:` nor `Note:`/`Warning:`): one
 * paragraph, its fields apart, and no title but its `Subject:` or `Title:`.
 */
export function header(
  lines: readonly Line[],
): { fields: string[]; title?: string; end: number } | undefined {
  let end = 0;
  while (end < lines.length && !(lines[end] as Line).text) end++;
  const fields: string[] = [];
  let title: string | undefined;
  let named = false;
  for (; end < lines.length; end++) {
    const line = lines[end] as Line;
    if (!line.text) break;
    const field = line.indent === 0 && !ENDS_QUESTION.test(line.text) ? HEADER_FIELD.exec(line.text) : null;
    if (field) {
      if (HEADER_NAMES.has((field[1] as string).toLowerCase())) named = true;
      fields.push(line.text);
      if (TITLE_FIELDS.has((field[1] as string).toLowerCase())) title = field[2];
    } else if (fields.length > 0 && line.indent > 0) fields[fields.length - 1] += ` ${line.text}`;
    else return undefined;
  }
  return fields.length >= 2 && named ? { fields, end, ...(title ? { title } : {}) } : undefined;
}
