/**
 * The knowledge-gaps report as a private message, a page of it: the needs the documents did not
 * meet (most people first), the answers voted down with their reasons, the documents voted down.
 */
import type { APIEmbedField } from 'discord.js';
import type { View } from '../../../commands/_contract.js';
import { gapsIds } from '../../../commands/gaps.js';
import type { GapsReport } from '../../core/index.js';
import { button, LIMITS, payloadOf, type ReplyPayload, row } from '../payload.js';
import { oneLine } from '../text/clean.js';
import { fitText } from '../text/cut.js';
import { codeName, escapeText } from '../text/escape.js';
import { COLORS, plural } from './parts.js';

/** Fields on a page at most (a page longer than that is hard to read in a private reply). */
export const GAPS_PAGE_FIELDS = 10;
/**
 * Characters of a page's fields at most: Discord's limit on all the text of a message's embeds,
 * less room for the rest of the report's embed (title, description, footer).
 */
const PAGE_TEXT = LIMITS.embedTotal - 1000;

const quote = (text: string, max: number) => `“${fitText(oneLine(text), max, escapeText)}”`;
const field = (name: string, value: string): APIEmbedField => ({
  name: fitText(name, LIMITS.fieldName, (s) => s),
  value: fitText(value, LIMITS.fieldValue, (s) => s),
});

/**
 * Every row of a report as fields, in order: the needs the documents did not meet, the answers
 * voted down, then the documents voted down (whole lines to a field).
 */
function gapsFields(report: GapsReport): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  for (const need of report.needs) {
    const lines: string[] = [];
    if (need.missing.length)
      lines.push(`Not in the documents: ${fitText(need.missing.join(', '), 300, escapeText)}`);
    if (need.also.length) lines.push(`Also asked as: ${need.also.map((q) => quote(q, 120)).join(', ')}`);
    lines.push(
      need.related > 0
        ? `Related passages shown ${plural(need.related, 'time')}`
        : 'Nothing related was found',
    );
    fields.push(
      field(
        `❓ ${need.people.toLocaleString('en-US')} ${need.people === 1 ? 'person' : 'people'} · asked ${plural(need.asked, 'time')}: ${quote(need.question, 150)}`,
        lines.join('\n'),
      ),
    );
  }
  for (const a of report.answers) {
    const where = a.source
      ? `${codeName(a.source, 120)}${a.paragraph ? ` ¶${a.paragraph}` : ''}`
      : 'no passage cited';
    // As many reasons as fit whole, then how many more (a cut would leave their markdown open).
    let value = `Answered from ${where}`;
    for (let i = 0; i < a.reasons.length; i++) {
      const lead = i === 0 ? '\nReasons: ' : '; ';
      // (A reason is kept up to 400 UTF-16 units: 200 characters of the form, emoji included.)
      const next = `${lead}${quote(a.reasons[i] as string, 400)}`;
      const left = a.reasons.length - i;
      // Room for this one, and for "; N more not shown" should one after it not fit.
      if (value.length + next.length + (left > 1 ? 24 : 0) > LIMITS.fieldValue) {
        value += `${lead}${left} more not shown`;
        break;
      }
      value += next;
    }
    fields.push(field(`👎 ${a.down} · 👍 ${a.up}: ${quote(a.question, 180)}`, value));
  }
  let lines: string[] = [];
  let continued = false;
  const flush = () => {
    if (lines.length === 0) return;
    fields.push(
      field(`Documents whose answers were voted down${continued ? ' (continued)' : ''}`, lines.join('\n')),
    );
    continued = true;
    lines = [];
  };
  for (const d of report.documents) {
    const line = `${codeName(d.source, 120)}: 👎 ${d.down} · 👍 ${d.up}`;
    if (lines.length > 0 && [...lines, line].join('\n').length > LIMITS.fieldValue) flush();
    lines.push(line);
  }
  flush();
  return fields;
}

/**
 * A report's fields cut into pages, each at most GAPS_PAGE_FIELDS fields and PAGE_TEXT
 * characters: no row is ever left out of every page (Discord's 6,000 characters would cut it).
 */
export function gapsPages(report: GapsReport): APIEmbedField[][] {
  const known = paged.get(report);
  if (known) return known;
  const pages: APIEmbedField[][] = [];
  let page: APIEmbedField[] = [];
  let size = 0;
  for (const f of gapsFields(report)) {
    const n = f.name.length + f.value.length;
    if (page.length > 0 && (page.length >= GAPS_PAGE_FIELDS || size + n > PAGE_TEXT)) {
      pages.push(page);
      page = [];
      size = 0;
    }
    page.push(f);
    size += n;
  }
  pages.push(page);
  paged.set(report, pages);
  return pages;
}

/**
 * The pages of a report already cut, for a caller rendering several pages of one report (a
 * button press reads the report again, and cuts it again: about 40 ms for 100 rows of each).
 */
const paged = new WeakMap<GapsReport, APIEmbedField[][]>();

export function renderGaps(view: Extract<View, { kind: 'gaps' }>): ReplyPayload {
  const { report } = view;
  const all = gapsPages(report);
  const pages = all.length;
  const page = Math.max(0, Math.min(Math.floor(view.page) || 0, pages - 1));
  const fields = all[page] as APIEmbedField[];

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
    fields,
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
