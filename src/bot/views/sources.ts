/** /sources: every document, a page of them, each linked when its address is known; one document in detail. */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { View } from '../../../commands/_contract.js';
import { sourcesIds } from '../../../commands/sources.js';
import type { DocumentInfo } from '../../core/index.js';
import { button, httpUrl, LIMITS, payloadOf, type ReplyPayload, row } from '../payload.js';
import { codeName, escapeName, escapeText, fitText, oneLine } from '../text/escape.js';
import { cutRendered, highlight } from '../text/highlight.js';
import { COLORS, linked, plural } from './parts.js';

/** Documents per page of /sources. */
export const SOURCES_PER_PAGE = 10;

/** A document in the list: its title in bold (linked), then its file and counts. */
function documentLine(d: DocumentInfo): string {
  const name = `**${fitText(oneLine(d.title) || 'Untitled', 150, escapeName)}**`;
  const counts = `${plural(d.paragraphs, 'paragraph')} · ${plural(d.words, 'word')}`;
  return `${linked(name, httpUrl(d.url))}\n${fitText(oneLine(d.source), 150, escapeText)} · ${counts}`;
}

/** A page of the documents, with Previous and Next when there are several pages. */
export function renderSources(view: Extract<View, { kind: 'sources' }>): ReplyPayload {
  const { documents } = view;
  const pages = Math.max(1, Math.ceil(documents.length / SOURCES_PER_PAGE));
  const page = Math.max(0, Math.min(Math.floor(view.page) || 0, pages - 1));
  const shown = documents.slice(page * SOURCES_PER_PAGE, (page + 1) * SOURCES_PER_PAGE);
  const description = shown.length ? shown.map(documentLine).join('\n\n') : 'No documents are loaded.';
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
