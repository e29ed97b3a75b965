/** The smaller replies: a reindex report, a problem, the "something went wrong" reply, autocomplete choices. */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Choice, View } from '../../../commands/_contract.js';
import type { BuildProgress } from '../../core/index.js';
import { fitPayload, LIMITS, payloadOf, type ReplyPayload } from '../payload.js';
import { oneLine } from '../text/clean.js';
import { cutText, fitText } from '../text/cut.js';
import { codeName, escapeText } from '../text/escape.js';
import { COLORS } from './parts.js';

/** File names for a field of the reindex report, one a line, cut to fit. */
function fileList(files: readonly string[], max: number): string {
  if (files.length === 0) return 'none';
  let out = '';
  for (const [i, f] of files.entries()) {
    const item = `${out ? '\n' : ''}${codeName(f, 200)}`;
    const more = `\n… and ${files.length - i} more`;
    if (out.length + item.length + more.length > max) return out + (out ? more : more.trimStart());
    out += item;
  }
  return out;
}

const count = (n: number) => n.toLocaleString('en-US');

const PHASES: Record<BuildProgress['phase'], string> = {
  reading: 'Reading the documents',
  tokenising: 'Reading the words of the documents',
  indexing: 'Indexing the passages',
  saving: 'Saving the index',
  done: 'Finishing',
};

/** How far a rebuild of the index is: the phase, files, passages, percent and time so far. */
export function renderReindexing(view: Extract<View, { kind: 'reindexing' }>): ReplyPayload {
  const p = view.progress;
  const filled = Math.round(p.percent / 10);
  const embed: APIEmbed = {
    title: 'Rebuilding the index…',
    color: COLORS.sources,
    description: `${PHASES[p.phase]}\n\`${'█'.repeat(filled)}${'░'.repeat(10 - filled)}\` ${p.percent}%`,
    fields: [
      { name: 'Files', value: `${count(p.files)} of ${count(p.filesTotal)}`, inline: true },
      { name: 'Passages', value: count(p.passages), inline: true },
    ],
    footer: { text: `${(p.elapsedMs / 1000).toFixed(1)} s so far` },
  };
  return payloadOf([embed]);
}

/** What a rebuild of the index changed: files added, removed, changed and skipped, and the new counts. */
export function renderReindex(view: Extract<View, { kind: 'reindex' }>): ReplyPayload {
  const r = view.report;
  const delta = r.paragraphs - r.previousParagraphs;
  const fields: APIEmbedField[] = [
    { name: `Added (${r.added.length})`, value: fileList(r.added, 600), inline: true },
    { name: `Removed (${r.removed.length})`, value: fileList(r.removed, 600), inline: true },
    { name: `Changed (${r.changed.length})`, value: fileList(r.changed, 600), inline: true },
    {
      name: 'Now',
      value: `${count(r.documents)} documents · ${count(r.paragraphs)} paragraphs (${delta >= 0 ? '+' : ''}${count(delta)}) · ${count(r.passages)} passages`,
    },
  ];
  if (r.warnings.length > 0) {
    fields.push({
      name: `Skipped (${r.warnings.length})`,
      value: fitText(r.warnings.join('\n'), 900, escapeText),
    });
  }
  const embed: APIEmbed = {
    title: 'Index rebuilt',
    color: COLORS.sources,
    fields,
    footer: { text: `Took ${count(Math.round(r.ms))} ms` },
  };
  return payloadOf([embed]);
}

/** An expected problem the user can fix, said plainly. */
export function renderProblem(message: string): ReplyPayload {
  const text = fitText(message.trim() || 'Something is wrong.', LIMITS.embedDescription, escapeText);
  return payloadOf([{ color: COLORS.problem, description: text }]);
}

/** A short acknowledgement (a vote counted). */
export function renderNotice(message: string): ReplyPayload {
  const text = fitText(message.trim() || 'Done.', LIMITS.embedDescription, escapeText);
  return payloadOf([{ color: COLORS.sources, description: text }]);
}

/** The reply to an unexpected failure, with a reference for the logs (the router sends it privately). */
export function renderOops(interactionId: string): ReplyPayload {
  const ref = escapeText(oneLine(interactionId));
  return fitPayload({
    ...payloadOf([]),
    content: `Something went wrong while answering. It has been logged (ref ${ref}).`,
  });
}

/** Autocomplete choices within Discord's limits: at most 25, names of 1–100 characters, values of 1–100. */
export function renderChoices(choices: readonly Choice[]): Choice[] {
  const out: Choice[] = [];
  for (const c of choices) {
    if (out.length >= LIMITS.choices) break;
    // A value is sent back as it is: one too long or not well-formed (half an emoji) is left out.
    if (!c.value || c.value.length > LIMITS.choiceValue || /\p{Cs}/u.test(c.value)) continue;
    const name =
      cutText(oneLine(c.name), LIMITS.choiceName) || cutText(oneLine(c.value), LIMITS.choiceName) || c.value;
    out.push({
      name: name.length > LIMITS.choiceName ? cutText(name, LIMITS.choiceName) : name,
      value: c.value,
    });
  }
  return out;
}
