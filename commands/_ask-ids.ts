/**
 * What /ask's messages carry: its buttons' custom ids (the codec), the question line, the form a
 * 👎 opens, and reading the question back from a message. The command and its views import it;
 * a file of its own (the `_` keeps the loader from taking it for a command).
 */
import { createHash } from 'node:crypto';
import type { MessageSeen } from './_contract.js';

/** Longest question Discord lets a user type into /ask. */
export const QUESTION_MAX = 300;
/** Results shown per page of an answer. */
export const PAGE_SIZE = 3;
/** Results fetched for paging (More results goes through them). */
export const MAX_RESULTS = 10;
/** A question too long for the embed title is carried whole on a footer line starting so. */
export const QUESTION_LINE = 'Question: ';
/** Where a question of several lines breaks, on its one footer line (see questionOf). */
export const LINE_BREAK_MARK = ' \u23CE ';
/** A ⏎ the question itself holds, on that line: followed by a word joiner, so no mark reads it. */
const OWN_MARK = '\u23CE\u2060';
/** A line of the question as the footer carries it: its own ⏎ told from a line break's mark. */
export const carriedLine = (line: string): string => line.replaceAll('\u23CE', OWN_MARK);

/** A short key of a document path, for custom ids (a path may be longer than they allow). */
export const sourceKey = (source: string): string =>
  createHash('sha1').update(source).digest('base64url').slice(0, 8);

export type AskAction = 'more' | 'para' | 'up' | 'down';
const ACTIONS: readonly string[] = ['more', 'para', 'up', 'down'];

/** The custom id of the form a 👎 opens, and its one field. */
export const REASON_FORM = 'ask:why';
export const REASON_FIELD = 'reason';
/** Longest reason kept. */
export const REASON_MAX = 200;

export interface AskButton {
  action: AskAction;
  /** The user who asked. */
  asker: string;
  /** First result of the page. */
  offset: number;
  /** sourceKey of the document the question was limited to, or null. */
  source: string | null;
  /** The documents' tag when the answer was given. */
  tag: string;
  /** An answer asked privately: its pages get no 👍 👎. */
  quiet?: boolean;
}

/** The custom-id codec of /ask's buttons: `ask:<action>:<asker>:<offset>:<source|->:<tag>[:q]`. */
export const askIds = {
  encode(b: AskButton): string {
    return ['ask', b.action, b.asker, b.offset, b.source ?? '-', b.tag, ...(b.quiet ? ['q'] : [])].join(':');
  },
  /** The button a custom id stands for, or null when it is not one of /ask's. */
  parse(id: string): AskButton | null {
    const [name, action, asker, offset, source, tag, flag] = id.split(':');
    if (name !== 'ask' || !action || !ACTIONS.includes(action)) return null;
    if (!asker || !/^\d{1,20}$|^console$/.test(asker) || !tag) return null;
    const at = Number(offset);
    return {
      action: action as AskAction,
      asker,
      // A tampered offset is clamped by the view.
      offset: Number.isSafeInteger(at) && at >= 0 ? at : 0,
      source: source && source !== '-' ? source : null,
      tag,
      ...(flag === 'q' ? { quiet: true } : {}),
    };
  },
};

/** Markdown escapes and zero-width spaces undone: the question as the user typed it. */
function unescapeTitle(text: string): string {
  return text.replace(/\u200B/g, '').replace(/\\([^\w\s])/g, '$1');
}

/** The question an answer message was for: its footer's question line, else its title. */
export function questionOf(message: MessageSeen | null): string | null {
  const embed = message?.embeds[0];
  if (!embed) return null;
  const line = embed.footer?.text.split('\n').find((l) => l.startsWith(QUESTION_LINE));
  if (line)
    return (
      line
        .slice(QUESTION_LINE.length)
        .replace(/\u200B/g, '')
        .replaceAll(LINE_BREAK_MARK, '\n')
        .replaceAll(OWN_MARK, '\u23CE')
        .trim() || null
    );
  return embed.title ? unescapeTitle(embed.title).trim() || null : null;
}
