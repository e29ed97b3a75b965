/** /sources: every document, a page of them, each linked when its address is known; one document in detail. */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { View } from '../../../commands/_contract.js';
import { sourcesIds } from '../../../commands/sources.js';
import type { DocumentInfo } from '../../core/index.js';
import { button, httpUrl, LIMITS, payloadOf, type ReplyPayload, row } from '../payload.js';
import { oneLine } from '../text/clean.js';
import { fitText } from '../text/cut.js';
import { codeName, escapeName, escapeText } from '../text/escape.js';
import { cutRendered, highlight } from '../text/highlight.js';
import { COLORS, linked, plural, textLink } from './parts.js';

/** Documents per page of /sources, at most (fewer when their lines are long: see pagesOf). */
export const SOURCES_PER_PAGE = 10;

/** A document in the list: its title in bold (linked), then its file and counts. */
function documentLine(d: DocumentInfo): string {
  const name = `**${fitText(oneLine(d.title) || 'Untitled', 150, escapeName)}**`;
  const counts = `${plural(d.paragraphs, 'paragraph')} · ${plural(d.words, 'word')}`;
  return `${linked(name, textLink(d.url))}\n${fitText(oneLine(d.source), 150, escapeText)} · ${counts}`;
}

/**
 * The documents' lines cut into pages: up to SOURCES_PER_PAGE each, as many as the description
 * holds whole (a page is never cut short: what does not fit starts the next page). The same
 * documents always give the same pages, so a page number is all a button needs.
 */
export function pagesOf(lines: readonly string[]): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  let length = 0;
  for (const line of lines) {
    const added = (page.length ? 2 : 0) + line.length;
    if (page.length && (page.length >= SOURCES_PER_PAGE || length + added > LIMITS.embedDescription)) {
      pages.push(page);
      page = [];
      length = 0;
    }
    length += (page.length ? 2 : 0) + line.length;
    page.push(line);
  }
  if (page.length) pages.push(page);
  return pages;
}

/** A page of the documents, with Previous and Next when there are several pages. */
export function renderSources(view: Extract<View, { kind: 'sources' }>): ReplyPayload {
  const { documents } = view;
  const all = pagesOf(documents.map(documentLine));
  const pages = Math.max(1, all.length);
  const page = Math.max(0, Math.min(Math.floor(view.page) || 0, pages - 1));
  const shown = all[page] ?? [];
  const description = shown.length ? shown.join('\n\n') : 'No documents are loaded.';
  const embed: APIEmbed = {
    title: 'Sources',
    color: COLORS.sources,
    description: cutRendered(description, LIMITS.embedDescription),
    footer: {
      text: `${plural(documents.length, 'document')} · ${plural(view.passages, 'passage')} searched · page ${page + 1}/${pages}`,
    },
  };
  const components =
    pages > 1
      ? [
          row(
            button('Previous', sourcesIds.page(page - 1), { disabled: page === 0 }),
            button('Next', sourcesIds.page(page + 1), { disabled: page >= pages - 1 }),
          ),
        ]
      : [];
  return payloadOf([embed], components);
}

/** One document: file, counts, its opening paragraph and its section headings. */
export function renderSource(view: Extract<View, { kind: 'source' }>): ReplyPayload {
  const d = view.document;
  const title = fitText(oneLine(d.title) || 'Untitled', LIMITS.embedTitle, escapeName);
  const fields: APIEmbedField[] = [
    { name: 'File', value: codeName(d.source, LIMITS.fieldValue), inline: true },
    { name: 'Paragraphs', value: d.paragraphs.toLocaleString('en-US'), inline: true },
    { name: 'Words', value: d.words.toLocaleString('en-US'), inline: true },
  ];
  const used = title.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - used);
  let description = highlight(view.opening.trim(), [], Math.min(600, room));
  const headings = view.headings.map(oneLine).filter(Boolean);
  if (headings.length) {
    let list = `${description ? '\n\n' : ''}**Sections**`;
    for (const [i, h] of headings.entries()) {
      const item = `\n• ${fitText(h, 200, escapeText)}`;
      const rest = headings.length - i - 1;
      const tail = rest > 0 ? `\n… and ${rest} more` : '';
      if (description.length + list.length + item.length + tail.length > room) {
        list += `\n… and ${headings.length - i} more`;
        break;
      }
      list += item;
    }
    description += list;
  }
  const embed: APIEmbed = { title, color: COLORS.sources, fields };
  const url = httpUrl(d.url);
  if (url) embed.url = url;
  if (description) embed.description = cutRendered(description, room);
  return payloadOf([embed]);
}
