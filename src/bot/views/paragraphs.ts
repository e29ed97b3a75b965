/**
 * Show paragraph: the passages of an answer's page whole, one embed each, titled with their
 * citation; a window of a long paragraph shows its whole paragraph when that fits.
 */
import type { APIEmbed } from 'discord.js';
import type { View } from '../../../commands/_contract.js';
import type { CodeRange, Result } from '../../core/index.js';
import { httpUrl, LIMITS, payloadOf, type ReplyPayload } from '../payload.js';
import { oneLine } from '../text/clean.js';
import { cutText, fitText } from '../text/cut.js';
import { escapeName, escapeWithCode, neutralise } from '../text/escape.js';
import { highlightPart } from '../text/highlight.js';
import { CHANGED } from './answer.js';
import { renderProblem } from './misc.js';
import { COLORS, citationTitle, plural } from './parts.js';

/**
 * The longest description each passage may have so that all fit in what is left of the 6,000
 * characters: the short ones whole, the longest cut to an equal cap (water-filling).
 */
function shareRoom(lengths: readonly number[], room: number): number {
  if (lengths.reduce((a, b) => a + b, 0) <= room) return LIMITS.embedDescription;
  const sorted = [...lengths].sort((a, b) => a - b);
  let left = room;
  for (const [i, n] of sorted.entries()) {
    const share = Math.floor(left / (sorted.length - i));
    if (n > share) return share;
    left -= n;
  }
  return LIMITS.embedDescription;
}

/**
 * A result as Show paragraph shows it: for a window of a long paragraph (see
 * Result.paragraphText), the whole paragraph (`whole`) or the window between "…" marks (`part`).
 */
function paragraphOf(r: Result): { whole: Result; part: Result } {
  const p = r.paragraphText;
  if (!p) return { whole: r, part: r };
  const { paragraphText: _, ...rest } = r;
  const whole: Result = { ...rest, text: p.text };
  if (p.code) whole.code = [p.lang ? [0, p.text.length, p.lang] : [0, p.text.length]];
  else delete whole.code;
  const gap = p.code ? '\n' : ' ';
  const before = p.start > 0 ? `\u2026${gap}` : '';
  const after = p.end < p.text.length ? `${gap}\u2026` : '';
  const code = r.code?.map(
    ([a, b, lang]): CodeRange =>
      lang ? [a + before.length, b + before.length, lang] : [a + before.length, b + before.length],
  );
  return { whole, part: { ...rest, text: `${before}${r.text}${after}`, ...(code ? { code } : {}) } };
}

/**
 * Whole passages, one embed each (at most 10), titled with their citation. A window of a long
 * paragraph shows its whole paragraph when that fits its share of the message, else the window.
 */
export function renderParagraphs(view: Extract<View, { kind: 'paragraphs' }>): ReplyPayload {
  const shown = view.results.slice(0, LIMITS.embeds).map(paragraphOf);
  if (shown.length === 0) return renderProblem('There is no paragraph to show.');
  const author = neutralise(cutText(oneLine(view.question), 200));
  const hidden = view.results.length - shown.length;
  const footer = [hidden > 0 ? `${plural(hidden, 'more result')} not shown` : '', view.changed ? CHANGED : '']
    .filter(Boolean)
    .join('\n');
  const embeds: APIEmbed[] = shown.map(({ part: r }, i) => {
    const e: APIEmbed = { title: citationTitle(r, LIMITS.embedTitle), color: COLORS.paragraphs };
    const url = httpUrl(r.url);
    if (url) e.url = url;
    if (i === 0 && author) e.author = { name: author };
    if (i === shown.length - 1 && footer) e.footer = { text: footer };
    return e;
  });
  const used = embeds.reduce(
    (n, e) => n + (e.title?.length ?? 0) + (e.author?.name.length ?? 0) + (e.footer?.text.length ?? 0),
    0,
  );
  // Text longer than a description is cut anyway: only shorter text is escaped to measure it.
  // Whole, its code blocks shown as code; cut, as text (a cut could fall inside a block).
  const escaped = (r: Result) =>
    r.text.length > LIMITS.embedDescription ? undefined : escapeWithCode(r.text, r.code);
  const full = shown.map(({ whole, part }) => ({
    whole: escaped(whole),
    part: part === whole ? undefined : escaped(part),
  }));
  const lengths = full.map(({ whole }) =>
    Math.min(whole?.length ?? Number.POSITIVE_INFINITY, LIMITS.embedDescription + 1),
  );
  // Each text within `cap` keeps the message within its total (a window is shorter than its paragraph).
  const cap = Math.min(
    shareRoom(lengths, LIMITS.embedTotal - used - 2 * shown.length),
    LIMITS.embedDescription,
  );
  shown.forEach(({ part: r }, i) => {
    const e = embeds[i] as APIEmbed;
    const { whole, part } = full[i] as { whole?: string; part?: string };
    const fits = [whole, part].find((t) => t !== undefined && t.length <= cap);
    if (fits !== undefined) {
      if (fits) e.description = fits;
      return;
    }
    const where = `${oneLine(r.source)} ¶${r.paragraph}`;
    const noteRoom = Math.min(
      escapeName(`(cut — ${plural(r.text.length, 'more character')} in ${where})`).length,
      300,
    );
    const cut = highlightPart(r.text, [], Math.max(0, cap - noteRoom - 2));
    const note = fitText(`(cut — ${plural(cut.left, 'more character')} in ${where})`, noteRoom, escapeName);
    e.description = cut.text ? `${cut.text}\n\n${note}` : note;
  });
  return payloadOf(embeds);
}
