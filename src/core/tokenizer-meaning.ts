/**
 * What one token means for matching (numbers, acronyms, hyphenated words, camelCase identifiers,
 * words in scripts wink does not know, mentions, the letter and digit runs of URLs and e-mails),
 * and where tokens join into one word: a name and its version (`HTTP/2`), hyphenated words.
 */

import { acronymTerm, numberTerm, wordTerm } from './tokenizer-terms.js';
import type { Columns } from './tokenizer-types.js';

const HAS_LETTER = /\p{L}/u;
const ALNUM_RUNS = /[\p{L}\p{N}]+/gu;
/** Letter/digit runs joined by hyphens (`debian-announce`, `my-package`). */
const HYPHENATED_RUNS = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;

/** What one token means for matching. */
interface TokenMeaning {
  /** Ways the token can match; each way is a list of terms that must all be counted. */
  alternatives: string[][];
  /** A number or an acronym: matched exactly, never typo-corrected. */
  exact: boolean;
}

const NONE: TokenMeaning = { alternatives: [], exact: false };

export function meaning(c: Columns, i: number, acronym: boolean): TokenMeaning {
  const normal = c.normal[i] ?? '';
  const type = c.type[i];
  if (type === 'number') return { alternatives: [[numberTerm(normal)]], exact: true };
  if (type === 'word') {
    const bare = normal.replace(/^'+|'+$/g, '');
    if (acronym && bare.replace(/\./g, '').length >= 2) {
      return { alternatives: [[acronymTerm(bare)]], exact: true };
    }
    if (bare.includes('-')) {
      const parts = bare.split('-').filter((p) => p.length > 0);
      const joined = wordTerm(parts.join(''));
      const split = parts.map(wordTerm).filter((t): t is string => t !== null && t !== joined);
      const alternatives = [joined ? [joined] : [], split].filter((a) => a.length > 0);
      return { alternatives, exact: false };
    }
    const t = wordTerm(bare);
    // A name and its version written as one word (`GPLv3`, `LGPLv2`): the name and the number,
    // as `GPL v3` and "version 3" are read, not `GP` and `Lv`.
    const versioned = t ? VERSIONED.exec(c.value[i] ?? '') : null;
    if (t && versioned) {
      const name = wordTerm((versioned[1] as string).toLowerCase());
      if (name && name !== t)
        return { alternatives: [[t], [name, numberTerm(versioned[2] as string)]], exact: false };
    }
    const camel = t ? camelParts(c.value[i] ?? '') : null;
    if (t && camel) {
      // An identifier matches as a whole and by its parts: `maxRetries` is `maxretri` or `max retri`.
      const parts = [...new Set(camel.map((part) => wordTerm(part.toLowerCase())))].filter(
        (p): p is string => p !== null && p !== t,
      );
      if (parts.length >= 1) return { alternatives: [[t], parts], exact: false };
    }
    return t ? { alternatives: [[t]], exact: !HAS_LETTER.test(bare) } : NONE;
  }
  if (type === 'punctuation' || type === 'symbol' || type === 'tabCRLF') return NONE;
  // A word in a script wink-nlp's model does not know (Cyrillic, Greek: `unk`) is a word all the
  // same, not a name to be matched exactly: `как` is a stop word of its language (see
  // languages.ts), `пакеты` a word like any other, stemmed (see stemWord).
  if (type === 'unk' && LETTERS_ONLY.test(normal)) {
    const t = wordTerm(normal);
    return t ? { alternatives: [[t]], exact: false } : NONE;
  }
  // URLs, e-mails, hashtags, mentions, ordinals, times, unknown runs: their letter/digit runs,
  // and a hyphenated name among them joined too, as a hyphenated word is matched
  // (`debian-announce@lists.debian.org` holds `debianannounce`: "is debian-announce
  // moderated?" finds that list before `debian-backports-announce@…`).
  const runs = (normal.match(ALNUM_RUNS) ?? [])
    .map((run) => (/^\d+$/.test(run) ? run : wordTerm(run)))
    .filter((t): t is string => t !== null);
  for (const name of normal.match(HYPHENATED_RUNS) ?? []) {
    const joined = wordTerm(name.replaceAll('-', ''));
    if (joined && !runs.includes(joined)) runs.push(joined);
  }
  // A mention of a common word (`@here`, `@everyone`, `@all`: what a server's rules forbid)
  // is a term of its own, written with its `@`, where the word alone is a stop word.
  if (runs.length === 0 && type === 'mention' && MENTION.test(normal))
    return { alternatives: [[normal]], exact: true };
  return runs.length > 0 ? { alternatives: [runs], exact: true } : NONE;
}

/** Letters (and their marks) only. */
const LETTERS_ONLY = /^\p{L}[\p{L}\p{M}]*$/u;

/**
 * A name in capitals of three letters or more, `v` and a version number, as one word: `GPLv3`,
 * `LGPLv2` (not `prev3`, `webdev2`).
 */
const VERSIONED = /^(\p{Lu}{3,})v(\d{1,3})$/u;

/** A mention as a term: `@` and a name of letters (`@here`, `@everyone`). */
const MENTION = /^@\p{Ll}{2,32}$/u;
const CAMEL = /[a-z\d][A-Z]|[A-Z]{2}[a-z]/;
const CAMEL_PARTS = /[A-Z]{2,}(?![a-z])|[A-Z](?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g;
/** An acronym's plural (`APIs`, `PRs`, `URLs`): the acronym, not `AP` and `Is`. */
const ACRONYM_PLURAL = /^[A-Z]{2,}s$/;

/**
 * The parts of a camelCase or PascalCase word (`maxRetries` → max, Retries; `XMLHttpRequest`
 * → XML, Http, Request; `OAuth` → O, Auth), or null for any other word.
 */
export function camelParts(value: string): string[] | null {
  if (ACRONYM_PLURAL.test(value)) return [value.slice(0, -1)];
  if (!CAMEL.test(value)) return null;
  const parts = value.match(CAMEL_PARTS);
  return parts && parts.length > 1 ? parts : null;
}

/**
 * Whether tokens from `i` are a name and its version joined by a slash, `HTTP/2`, `HTTP/3`:
 * letters, `/`, a number of one or two digits, nothing glued after (not `a/2/b`).
 */
export function versionSlash(c: Columns, i: number): boolean {
  if (c.type[i] !== 'word' || c.normal[i + 1] !== '/' || c.type[i + 2] !== 'number') return false;
  if (c.spaces[i + 1] !== '' || c.spaces[i + 2] !== '') return false;
  if (!/^\p{L}{2,}$/u.test(c.normal[i] ?? '') || !/^\d{1,2}$/.test(c.normal[i + 2] ?? '')) return false;
  return c.spaces[i + 3] !== '' || (c.normal[i + 3] !== '/' && c.type[i + 3] !== 'word');
}

/** Whether token i is a hyphen joining two words: `intelligence-sharing`. */
export function hyphenJoins(c: Columns, i: number): boolean {
  if (c.normal[i] !== '-' || c.spaces[i] !== '' || c.spaces[i + 1] !== '') return false;
  if (c.type[i - 1] !== 'word' || c.type[i + 1] !== 'word') return false;
  return HAS_LETTER.test(c.normal[i - 1] ?? '') && HAS_LETTER.test(c.normal[i + 1] ?? '');
}
