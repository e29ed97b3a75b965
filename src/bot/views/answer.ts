/**
 * The answer to a question, the nothing-found reply, and whole paragraphs (Show paragraph).
 *
 * An answer is stateless: its buttons carry who asked, the page, the document it was limited to
 * and the documents' tag (commands/ask.ts), and the question is read back from the message —
 * from the title, or from a footer line when the title cannot give it back whole.
 *
 * Decision: on the last page of an answer with more than one page, "More results" becomes "Back
 * to first" (offset 0) instead of being disabled, so the pages cycle.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import {
  type AskAction,
  askIds,
  carriedLine,
  LINE_BREAK_MARK,
  PAGE_SIZE,
  QUESTION_LINE,
  questionOf,
  sourceKey,
} from '../../../commands/_ask-ids.js';
import type { View } from '../../../commands/_contract.js';
import {
  type Answer,
  type Citation,
  type DirectAnswer,
  RELATED,
  type Result,
  whyNothing,
} from '../../core/index.js';
import { type ButtonRow, button, httpUrl, LIMITS, payloadOf, type ReplyPayload, row } from '../payload.js';
import { oneLine } from '../text/clean.js';
import { cutText, fitText } from '../text/cut.js';
import { escapeName, escapeText, escapeTitle, neutralise, ZWSP } from '../text/escape.js';
import { cutRendered, highlight } from '../text/highlight.js';
import { COLORS, citationLine, plural, resultName, resultSource } from './parts.js';

type AnswerView = Extract<View, { kind: 'answer' }>;

/** The footer line of a page asked again after the documents changed. */
export const CHANGED = 'The documents changed since this answer.';
/** Longest question carried on a footer line (the engine reads at most 500 characters). */
const QUESTION_LINE_MAX = 1000;

const samePassage = (a: Citation, b: Citation) => a.source === b.source && a.paragraph === b.paragraph;

/**
 * The title (the question, escaped, within 256 characters) and, when the title does not give the
 * question back whole (cut, or an escape questionOf does not undo), the footer line that does.
 */
function questionParts(question: string): { title: string; line?: string } {
  const asked = oneLine(question);
  const title = fitText(asked, LIMITS.embedTitle, escapeTitle) || 'Question';
  const whole = asked.replaceAll(ZWSP, '').trim();
  // A question of several lines (a message asked from the context menu: a code block, a stack
  // trace) reads otherwise on one: the footer line keeps where its lines break.
  const lines = question
    .trim()
    .split(/\r?\n/)
    .map((l) => oneLine(l))
    .filter(Boolean);
  if (!whole || (lines.length < 2 && questionOf({ id: '', content: '', embeds: [{ title }] }) === whole))
    return { title };
  const carried = (lines.length < 2 ? [asked] : lines).map(carriedLine).join(LINE_BREAK_MARK);
  // Footers show no markdown: the line is the question as typed, mentions neutralised.
  return { title, line: neutralise(QUESTION_LINE + cutText(carried, QUESTION_LINE_MAX)) };
}

/** `Read “x” as “y”.`, for the words matched to close words of the documents. */
function correctionsLine(answer: Answer): string {
  const parts = answer.corrections
    .filter((c) => c.to.length > 0)
    .slice(0, 5)
    .map(
      (c) =>
        `“${cutText(c.from, 40)}” as ${c.to
          .slice(0, 3)
          .map((t) => `“${cutText(t, 40)}”`)
          .join(' or ')}`,
    );
  return parts.length ? escapeText(`Read ${parts.join(', ')}.`) : '';
}

/** The words not in the documents, in italics, within `max`. */
function notFoundList(words: readonly string[], max: number): string {
  // A word asked several times is listed once; one that shows nothing (`**` would pair with a
  // bold mark) not at all.
  // A web address among them is shown as a word, not a link: read lower case and cut at 40
  // characters, it would link elsewhere.
  const unlinked = (w: string) => w.replace(/\b(https?):\/\//gi, `$1:${ZWSP}//`);
  words = [...new Set(words.map((w) => escapeName(unlinked(cutText(oneLine(w), 40)))).filter(Boolean))];
  const shown = words.slice(0, 20).map((w) => `*${w}*`);
  let out = '';
  for (const [i, w] of shown.entries()) {
    const next = out ? `${out}, ${w}` : w;
    const more = words.length - i - 1;
    if (next.length + (more > 0 ? 20 : 0) > max) return `${out}${out ? ' ' : ''}and ${words.length - i} more`;
    out = next;
  }
  if (words.length > shown.length) out += ` and ${words.length - shown.length} more`;
  return out;
}

/** What the description says besides the answer: corrections read, and words not in the documents. */
function notes(answer: Answer): string[] {
  const out: string[] = [];
  const fixes = correctionsLine(answer);
  if (fixes) out.push(`*${cutRendered(fixes, 300)}*`);
  const notFound = notFoundList(answer.notFound, 300);
  if (notFound) out.push(`Not in the documents: ${notFound}`);
  return out;
}

/** The direct answer, matched words in bold, with its citation (and `[1]` when it is result 1). */
function answerText(answer: Answer, direct: DirectAnswer, marked: boolean, room: number): string {
  const extra = notes(answer).join('\n');
  const marker = marked ? ' [1]' : '';
  const cite = citationLine(direct, 600);
  const textRoom = room - marker.length - cite.length - 1 - (extra ? extra.length + 2 : 0);
  const text = highlight(direct.text, direct.marks, Math.max(0, textRoom));
  return `${text}${marker}\n${cite}${extra ? `\n\n${extra}` : ''}`;
}

/** A result as a field: `[2] Title › Section`, the excerpt, and where it is. */
function resultField(r: Result, n: number): APIEmbedField {
  const source = resultSource(r);
  const max = LIMITS.fieldValue - source.length - 1;
  const excerpt = highlight(r.excerpt || r.text, r.excerpt ? r.marks : [], max);
  return { name: resultName(r, n), value: excerpt ? `${excerpt}\n${source}` : source };
}

/** More results (Back to first on the last of several pages), Show paragraph, and 👍 👎 when votes are on. */
function buttons(view: AnswerView, offset: number, shown: number, total: number): ButtonRow {
  const source = view.source ? sourceKey(view.source) : null;
  const id = (action: AskAction, at: number) =>
    askIds.encode({
      action,
      asker: view.asker,
      offset: at,
      source,
      tag: view.tag,
      ...(view.quiet ? { quiet: true } : {}),
    });
  const last = offset + shown >= total;
  const more =
    last && offset > 0
      ? button('Back to first', id('more', 0), { primary: true })
      : button('More results', id('more', offset + PAGE_SIZE), { disabled: last, primary: true });
  const para = button('Show paragraph', id('para', offset), { disabled: shown === 0 });
  if (!view.votes) return row(more, para);
  return row(
    more,
    para,
    button('', id('up', offset), { emoji: '👍' }),
    button('', id('down', offset), { emoji: '👎' }),
  );
}

/**
 * A page of an answer. The direct answer shows once, in the description with its citation; on
 * the first page, when it comes from result 1's passage, that result gets no field of its own
 * (the answer is marked `[1]`, the fields go on from `[2]`). Without a direct answer, the
 * description says so and every result of the page is a field.
 */
export function renderAnswer(view: AnswerView): ReplyPayload {
  const { answer } = view;
  const total = answer.results.length;
  // Past the end (the documents changed since the page before): the last page, whole.
  const asked = Math.max(0, Math.floor(view.offset) || 0);
  const offset = asked < total ? asked : Math.max(0, Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE);
  const page = answer.results.slice(offset, offset + PAGE_SIZE);
  const direct = answer.answer;
  const top = answer.results[0];
  const first = direct !== null && top !== undefined && samePassage(direct, top);
  const fields = page.flatMap((r, k) => (first && offset + k === 0 ? [] : [resultField(r, offset + k + 1)]));

  const { title, line } = questionParts(answer.question);
  let stats = `Searched ${plural(answer.searched, 'passage')} in ${Math.round(answer.tookMs)} ms`;
  if (total > PAGE_SIZE) stats += ` · results ${offset + 1}–${offset + page.length} of ${total}`;
  const footer = [stats, line, view.changed ? CHANGED : undefined].filter(Boolean).join('\n');

  const used = title.length + footer.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - used);
  const description = direct
    ? answerText(answer, direct, first && fields.length > 0, room)
    : [...notes(answer), `**${RELATED}**`].join('\n');

  const embed: APIEmbed = { title, color: COLORS.answer, fields, footer: { text: footer } };
  const url = httpUrl(direct?.url);
  if (url) embed.url = url;
  if (description) embed.description = cutRendered(description, room);
  return payloadOf([embed], [buttons(view, offset, page.length, total)]);
}

/** No result: the question, why, the words not found, corrections and what to try instead. */
export function renderNothing(view: Extract<View, { kind: 'nothing' }>): ReplyPayload {
  const { answer } = view;
  const lines = [
    `Nothing in the documents answers “${fitText(oneLine(answer.question), 300, escapeText)}”.`,
    whyNothing(answer),
  ];
  const notFound = notFoundList(answer.notFound, 600);
  if (notFound) lines.push(`Not found: ${notFound}`);
  const fixes = correctionsLine(answer);
  if (fixes) lines.push(cutRendered(fixes, 300));
  const tries = view.suggestions.filter((s) => s.trim()).slice(0, 10);
  if (tries.length === 1) lines.push(`Try: ${fitText(oneLine(tries[0] ?? ''), 300, escapeText)}`);
  else if (tries.length > 1) {
    lines.push(`Try:\n${tries.map((s) => `• ${fitText(oneLine(s), 200, escapeText)}`).join('\n')}`);
  }
  const embed: APIEmbed = {
    title: 'Nothing found',
    color: COLORS.nothing,
    description: cutRendered(lines.join('\n'), LIMITS.embedDescription),
  };
  return payloadOf([embed]);
}
