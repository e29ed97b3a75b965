/**
 * wink-nlp's tokens of a text read out as columns, mended where wink reads a text by what it
 * read before it (a possessive before punctuation), keeps a French elision on its word
 * (`l'installateur`) or cuts a name at an emoticon (`host:port`).
 */

import type { Columns } from './tokenizer-types.js';
import { its, nlp, noteIds, read, stopWords } from './tokenizer-wink.js';

/** A word whose stop-word look-up is its token's own (nothing for wordTerm to fold or strip). */
const PLAIN_WORD = /^[a-z0-9]+$/;

/** wink-nlp's token columns for a text, read out in bulk (the pipe is empty: tokens only). */
export function columns(text: string): Columns {
  const tokens = nlp.readDoc(text).tokens();
  const ids = tokens.out(its.uniqueId) as unknown as number[];
  const stop = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const normal = tokens.out(its.normal) as string[];
  // What wink said of each plain word answers isStopWord later without another wink call.
  for (let i = 0; i < normal.length; i++) {
    const w = normal[i] as string;
    if (PLAIN_WORD.test(w)) stopWords.set(w, stop[i] === true);
  }
  noteIds(ids);
  return unglueEmoticons(
    splitElisions(
      splitPossessives({
        value: tokens.out(its.value) as string[],
        normal,
        type: tokens.out(its.type) as string[],
        letterCase: tokens.out(its.case) as string[],
        spaces: tokens.out(its.precedingSpaces) as string[],
      }),
    ),
  );
}

/**
 * A French or Italian word with the elided article, pronoun or conjunction written onto it
 * (`l'installateur`, `d'un`, `qu'il`, `dell'utente`, `nell’area`): the elision, then the word.
 */
const ELISION =
  /^(?:l|d|j|m|n|s|t|c|ç|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|dell|all|nell|dall|sull|coll|quest|quell)['\u2019](?=\p{L}{2})/iu;

/**
 * wink-nlp keeps an elision on its word (`l'installateur` is one token), so a page that writes
 * "l'installateur" was not found by "quel installateur ?", nor "installateur" by "lancer
 * l'installateur". The elision is split off as a mark of its own (no word: `l'` is no more a word
 * to find than the space it stands for), and the word after it is read as wink reads it alone.
 */
function splitElisions(c: Columns): Columns {
  let out: Columns | undefined;
  for (let i = 0; i < c.type.length; i++) {
    const value = c.value[i] as string;
    const m = c.type[i] === 'word' ? ELISION.exec(value) : null;
    if (!m) {
      if (out) copyToken(out, c, i);
      continue;
    }
    out ??= tokensBefore(c, i);
    const mark = m[0];
    const word = value.slice(mark.length);
    pushToken(out, mark, mark.toLowerCase(), 'punctuation', 'other', c.spaces[i] as string);
    const alone = read(word);
    if (alone.length() === 1) pushRead(out, alone, '');
    else pushToken(out, word, word.toLowerCase(), 'word', letterCaseOf(word), '');
  }
  return out ?? c;
}

/** A word and its possessive `'s`, as one token. */
const POSSESSIVE = /^(.*[^'])('[sS])$/;

/**
 * wink-nlp splits a possessive (`Bob's` → `Bob`, `'s`), but not before punctuation (`.`, `,`,
 * `:`, `-`, `/`, `…`: `Bob's.` → `Bob's`, `.`), and then it has learnt `Bob's` as a word: every
 * later `Bob's` comes back whole too. So how a text was read depended on what was read before it
 * (another question, the order of files, the thread a file went to). Such a token is split here
 * as wink splits it the first time: the word as wink reads it alone, then each `'s`.
 */
function splitPossessives(c: Columns): Columns {
  let out: Columns | undefined;
  for (let i = 0; i < c.type.length; i++) {
    let base = c.type[i] === 'word' ? (c.value[i] as string) : '';
    const marks: string[] = [];
    for (let m = POSSESSIVE.exec(base); m; m = POSSESSIVE.exec(base)) {
      base = m[1] as string;
      marks.unshift(m[2] as string);
    }
    const alone = marks.length > 0 ? read(base) : undefined;
    const split = alone !== undefined && alone.length() === 1;
    if (!out && !split) continue;
    out ??= tokensBefore(c, i);
    if (!split) {
      copyToken(out, c, i);
      continue;
    }
    pushRead(out, alone, c.spaces[i] as string);
    for (const mark of marks) pushToken(out, mark, "'s", 'word', 'other', '');
  }
  return out ?? c;
}

/** Columns of the tokens before token i, to be continued token by token. */
function tokensBefore(c: Columns, i: number): Columns {
  return {
    value: c.value.slice(0, i),
    normal: c.normal.slice(0, i),
    type: c.type.slice(0, i),
    letterCase: c.letterCase.slice(0, i),
    spaces: c.spaces.slice(0, i),
  };
}

/** Appends the one token of a word wink read alone (see read), after `spaces`. */
function pushRead(to: Columns, alone: ReturnType<typeof read>, spaces: string): void {
  pushToken(
    to,
    alone.out(its.value)[0] as string,
    alone.out(its.normal)[0] as string,
    alone.out(its.type)[0] as string,
    alone.out(its.case)[0] as string,
    spaces,
  );
}

/** Appends a token to columns. */
function pushToken(
  to: Columns,
  value: string,
  normal: string,
  type: string,
  letterCase: string,
  spaces: string,
): void {
  to.value.push(value);
  to.normal.push(normal);
  to.type.push(type);
  to.letterCase.push(letterCase);
  to.spaces.push(spaces);
}

/** Appends token i of `from` to `to`, as it is. */
function copyToken(to: Columns, from: Columns, i: number): void {
  pushToken(
    to,
    from.value[i] as string,
    from.normal[i] as string,
    from.type[i] as string,
    from.letterCase[i] as string,
    from.spaces[i] as string,
  );
}

/** An emoticon wink may find inside a name: `:p` of `host:port`, `:o` of `undici:websocket:open`. */
const GLUED_EMOTICON = /^([:;]-?)([A-Za-z0-9])$/;

/** Whether token i is such an emoticon with a word or number right before or after it. */
function glued(c: Columns, i: number): boolean {
  if (c.type[i] !== 'emoticon' || !GLUED_EMOTICON.test(c.value[i] ?? '')) return false;
  const word = (k: number) => c.type[k] === 'word' || c.type[k] === 'number';
  return (i > 0 && c.spaces[i] === '' && word(i - 1)) || (c.spaces[i + 1] === '' && word(i + 1));
}

function letterCaseOf(word: string): string {
  if (/^[a-z]+$/.test(word)) return 'lowerCase';
  if (/^[A-Z]+$/.test(word)) return 'upperCase';
  if (/^[A-Z][a-z]+$/.test(word)) return 'titleCase';
  return 'other';
}

/**
 * wink-nlp reads `:p`, `:D`, `:o`, `:s`, `:x`, `;p` as emoticons even inside a name, so
 * `host:port` became `host`, `:p`, `ort`. Glued to a word or number on either side, such a token
 * is its colon (or semicolon), and its letter starts the word after it (or is a word alone).
 */
function unglueEmoticons(c: Columns): Columns {
  let any = false;
  for (let i = 0; i < c.type.length && !any; i++) any = glued(c, i);
  if (!any) return c;
  const out = tokensBefore(c, 0);
  // A piece of a split token (normal: lower case).
  const push = (value: string, type: string, spaces: string, letterCase = 'other') =>
    pushToken(out, value, type === 'word' ? value.toLowerCase() : value, type, letterCase, spaces);
  for (let i = 0; i < c.type.length; i++) {
    if (!glued(c, i)) {
      copyToken(out, c, i);
      continue;
    }
    // The mark stays one token (`:-` of `${MODE:-production}`), so no `-` reads as an option.
    const [, mark, letter] = GLUED_EMOTICON.exec(c.value[i] as string) as unknown as string[];
    push(mark as string, 'punctuation', c.spaces[i] as string);
    const next = c.value[i + 1];
    if (
      next !== undefined &&
      c.spaces[i + 1] === '' &&
      (c.type[i + 1] === 'word' || c.type[i + 1] === 'number')
    ) {
      const word = `${letter}${next}`;
      push(word, /^\d+$/.test(word) ? 'number' : 'word', '', letterCaseOf(word));
      i++;
    } else
      push(
        letter as string,
        /\d/.test(letter as string) ? 'number' : 'word',
        '',
        letterCaseOf(letter as string),
      );
  }
  return out;
}
