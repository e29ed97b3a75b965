/**
 * The knowledge-gaps report as a private message, a page of it: the needs the documents did not
 * meet (most people first), the answers voted down with their reasons, the documents voted down.
 */
import type { APIEmbedField } from 'discord.js';
import type { View } from '../../../commands/_contract.js';
import { gapsIds } from '../../../commands/gaps.js';
import type { GapsReport } from '../../core/index.js';
import { button, LIMITS, payloadOf, type ReplyPayload, row } from '../payload.js';
import { codeName, escapeText, fitText, oneLine } from '../text/escape.js';
import { COLORS, plural } from './parts.js';

/** Rows of each section per page. */
export const GAPS_PAGE = { needs: 6, answers: 4, documents: 8 } as const;

const quote = (text: string, max: number) => `“${fitText(oneLine(text), max, escapeText)}”`;

/** Pages of a report: as many as its longest section needs. */
export function gapsPages(report: GapsReport): number {
  return Math.max(
    1,
    Math.ceil(report.needs.length / GAPS_PAGE.needs),
    Math.ceil(report.answers.length / GAPS_PAGE.answers),
    Math.ceil(report.documents.length / GAPS_PAGE.documents),
  );
}

export function renderGaps(view: Extract<View, { kind: 'gaps' }>): ReplyPayload {
  const { report } = view;
  const pages = gapsPages(report);
  const page = Math.max(0, Math.min(Math.floor(view.page) || 0, pages - 1));
  const slice = <T>(rows: T[], size: number) => rows.slice(page * size, page * size + size);
  const fields: APIEmbedField[] = [];

  for (const need of slice(report.needs, GAPS_PAGE.needs)) {
    const lines: string[] = [];
    if (need.missing.length)
      lines.push(`Not in the documents: ${fitText(need.missing.join(', '), 300, escapeText)}`);
    if (need.also.length) lines.push(`Also asked as: ${need.also.map((q) => quote(q, 120)).join(', ')}`);
    lines.push(
      need.related > 0
        ? `Related passages shown ${plural(need.related, 'time')}`
        : 'Nothing related was found',
    );
    fields.push({
      name: `❓ ${need.people.toLocaleString('en-US')} ${need.people === 1 ? 'person' : 'people'} · asked ${plural(need.asked, 'time')}: ${quote(need.question, 150)}`,
      value: lines.join('\n'),
    });
  }
  for (const a of slice(report.answers, GAPS_PAGE.answers)) {
    const where = a.source
      ? `${codeName(a.source, 120)}${a.paragraph ? ` ¶${a.paragraph}` : ''}`
      : 'no passage cited';
    const reasons = a.reasons.length ? `\nReasons: ${a.reasons.map((r) => quote(r, 200)).join('; ')}` : '';
    fields.push({
      name: `👎 ${a.down} · 👍 ${a.up}: ${quote(a.question, 180)}`,
      value: `Answered from ${where}${reasons}`,
    });
  }
  const docs = slice(report.documents, GAPS_PAGE.documents);
  if (docs.length) {
    fields.push({
      name: 'Documents whose answers were voted down',
      value: docs.map((d) => `${codeName(d.source, 120)}: 👎 ${d.down} · 👍 ${d.up}`).join('\n'),
    });
  }

  const period = report.days ? `the last ${plural(report.days, 'day')}` : 'everything kept';
  const description = [
    `Knowledge gaps over ${period}: ${plural(report.events, 'event')} read.`,
    fields.length === 0
      ? 'Nothing to report: every question got a direct answer and no answer was voted down.'
      : 'Questions the documents could not answer (rephrasings counted together), then answers voted down.',
    view.skipped > 0
      ? `${plural(view.skipped, 'record')} could not be read (a write cut short by a crash) and ${view.skipped === 1 ? 'was' : 'were'} skipped.`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  const embed = {
    color: COLORS.nothing,
    title: 'Knowledge gaps',
    description: fitText(description, LIMITS.embedDescription, (s) => s),
    fields: fields.map((f) => ({
      name: fitText(f.name, LIMITS.fieldName, (s) => s),
      value: fitText(f.value, LIMITS.fieldValue, (s) => s),
    })),
    footer: { text: `Page ${page + 1} of ${pages}` },
  };
  const components =
    pages > 1
      ? [
          row(
            button('Previous', gapsIds.page(report.days, page - 1), { disabled: page === 0 }),
            button('Next', gapsIds.page(report.days, page + 1), {
              disabled: page >= pages - 1,
              primary: true,
            }),
          ),
        ]
      : [];
  return payloadOf([embed], components);
}
