/**
 * What a heading, a title or a question is about, as plain strings: its subject without its
 * number, its API kind or its type, and a definition opening a paragraph. Used to answer "what
 * is X?" with the section or paragraph that defines X.
 */

/** The kind an API reference puts before a heading's subject: `Class: Agent`, `Event: 'close'`. */
const API_KIND =
  /^(?:class|function|method|property|event|interface|module|type|enum|namespace|constant|hook|component|command)\s*:\s+(?=\S)/iu;

/** The name before a title's tagline: "ws" of "ws: a Node.js WebSocket library", "Pino — a fast logger". */
export function titleName(title: string): string | undefined {
  const name = /^([^:\u2013\u2014]{1,40}?)(?::| [-\u2013\u2014]) \S/u.exec(title)?.[1];
  return name && name.split(' ').length <= 3 ? name : undefined;
}

/**
 * A title's, heading's or question's subject, for matching "what is X?": its words in lower
 * case, without accents, an API kind (`Class: Agent`), a number (`1.7.`), a trailing type
 * (`(Object)`), articles and question words, a plural's `s` dropped — so `Class: ProxyAgent` and
 * "a ProxyAgent" are both `proxyagent`, `1.2 What is libcurl?` is `libcurl`, and "transports" is
 * `Transports`. Plain string work (a microsecond a heading), not the tokenizer.
 */
export function headingKey(heading: string): string {
  // A subject is a few words: a long heading is never one (and is not worth reading).
  if (heading.length > MAX_SUBJECT) return '';
  return (headingSubject(heading).replace(SECTION_NUMBER, '') || heading)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['\u2019]/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !DEFINITION_FILLER.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') && !/(?:ss|us|is)$/u.test(w) ? w.slice(0, -1) : w))
    .join(' ');
}

const MAX_SUBJECT = 200;

/**
 * A definition opening a paragraph, as licences and policies write them: a term in quotes, a
 * few words of it after the quotes, then `means`, `refers to`, `shall mean` or `is`/`are`
 * (`1.9. "Modifications" means…`, `The "Invariant Sections" are…`, `To "convey" a work means…`).
 */
export const DEFINES =
  /^(?:\d{1,3}(?:\.\d{1,3})*\.?\s+)?(?:\p{L}+\s+){0,2}?["\u201C]([^"\u201D\n]{1,60})["\u201D](?:\s*\([^()]{0,40}\))?((?:\s+[\p{L}\p{N}'-]+){0,4}?)\s+(means|refers? to|shall mean|shall refer to|is defined as|are defined as|is|are)\b/u;
/** The characters of a paragraph's opening read for a definition. */
export const DEFINES_WITHIN = 160;

/**
 * A heading's subject: without a trailing `(Number)` or `(Array | Object)` (an API heading's
 * type) or a leading `Class:` or `Event:` (its kind). The type is bounded, so a heading of
 * thousands of brackets is read in linear time.
 */
export function headingSubject(heading: string): string {
  return heading.replace(/\s{0,20}\([^()]{0,200}\)\W{0,20}$/u, '').replace(API_KIND, '');
}

/** Words that say a heading or question is one, not what it is about. */
const DEFINITION_FILLER = new Set([
  'a',
  'an',
  'the',
  'what',
  'whats',
  'who',
  'whos',
  'is',
  'are',
  'does',
  'do',
]);

/** A heading's number, not its subject: `1.7.`, `4.2.1`, `§ 3`, `Article 4:`. */
const SECTION_NUMBER =
  /^(?:(?:§|article|section|chapter|part|rule)\s*)?\d+(?:\.\d+)*\.?(?:\s*[:.\u2013\u2014-])?\s+(?=\S)/iu;
