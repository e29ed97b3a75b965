/**
 * A text's words: cut into chunks at its spaces, each distinct chunk tokenised once (one
 * wink-nlp call for all the new ones) and remembered, its tokens read as words, and its
 * upper-case words read as acronyms or not by the text around it.
 */

import { normalizeForMatch } from './normalize.js';
import { CJK_CHAR, cjkWords } from './tokenizer-cjk.js';
import { columns } from './tokenizer-columns.js';
import { hyphenJoins, meaning, versionSlash } from './tokenizer-meaning.js';
import { closeShortcuts, keysAt, languageAt, optionAt } from './tokenizer-shortcuts.js';
import { wordTerm } from './tokenizer-terms.js';
import type { Chunk, Columns, Word } from './tokenizer-types.js';
import { chunks } from './tokenizer-wink.js';

function chunkWords(chunk: Chunk, acronyms: boolean): Word[] {
  if (acronyms) {
    if (!chunk.asAcronyms) chunk.asAcronyms = wordsOf(chunk.columns, true);
    return chunk.asAcronyms;
  }
  if (!chunk.asWords)
    chunk.asWords = chunk.upperWords > 0 ? wordsOf(chunk.columns, false) : chunkWords(chunk, true);
  return chunk.asWords;
}

export function wordsOf(c: Columns, acronyms: boolean): Word[] {
  const out: Word[] = [];
  const meaningAt = (i: number) => meaning(c, i, acronyms && c.letterCase[i] === 'upperCase');
  for (let i = 0; i < c.normal.length; i++) {
    if (CJK_CHAR.test(c.normal[i] ?? '')) {
      for (const w of cjkWords(c.value[i] ?? '')) out.push(w);
      continue;
    }
    const keys = keysAt(c, i);
    if (keys) out.push({ text: keys, written: keys, alternatives: [[keys]], exact: true });
    if (versionSlash(c, i)) {
      // `HTTP/2`: one word, matched as written without the slash (`http2`) or by its parts.
      const name = c.normal[i] as string;
      const version = c.normal[i + 2] as string;
      const parts = [...new Set([...(meaningAt(i).alternatives[0] ?? []), version])];
      out.push({
        text: `${name}/${version}`,
        written: `${(c.value[i] ?? '').toLowerCase()}/${version}`,
        alternatives: [[`${name}${version}`], parts],
        exact: false,
      });
      i += 2;
      continue;
    }
    if (c.type[i] === 'word' && hyphenJoins(c, i + 1)) {
      // `a-b-c` split by the tokeniser: one word, matched joined (`abc`) or by its parts.
      const at = [i];
      while (hyphenJoins(c, (at.at(-1) as number) + 1)) at.push((at.at(-1) as number) + 2);
      const normals = at.map((k) => c.normal[k] ?? '');
      const joined = wordTerm(normals.join(''));
      const parts = [...new Set(at.flatMap((k) => meaningAt(k).alternatives[0] ?? []))].filter(
        (t) => t !== joined,
      );
      out.push({
        text: normals.join('-'),
        written: at.map((k) => (c.value[k] ?? '').toLowerCase()).join('-'),
        alternatives: [joined ? [joined] : [], parts].filter((a) => a.length > 0),
        exact: false,
      });
      i = at.at(-1) as number;
      continue;
    }
    const flag = optionAt(c, i);
    if (flag) out.push({ text: flag, written: flag.toLowerCase(), alternatives: [[flag]], exact: true });
    const language = languageAt(c, i);
    if (language) {
      out.push({ text: language.name, written: language.name, alternatives: [[language.name]], exact: true });
      // `C++17`, `C++11/14`: the versions after the name are numbers of their own.
      const rest = language.length === 3 ? (c.value[i + 2] ?? '').slice(1) : '';
      for (const version of rest.match(/\d+/g) ?? [])
        out.push({ text: version, written: version, alternatives: [[version]], exact: true });
      i += language.length - 1;
      continue;
    }
    const type = c.type[i];
    const m = type === 'word' || type === 'number' ? meaningAt(i) : meaning(c, i, false);
    if (m.alternatives.length === 0) continue;
    out.push({ text: c.normal[i] ?? '', written: (c.value[i] ?? '').toLowerCase(), ...m });
  }
  return out;
}

/** A text as it is cut into chunks, in questions and documents alike. */
export function chunkText(text: string): string {
  return closeShortcuts(normalizeForMatch(text));
}

function makeChunk(columns: Columns): Chunk {
  let upperWords = 0;
  let hasLower = false;
  for (let i = 0; i < columns.type.length; i++) {
    if (columns.type[i] !== 'word') continue;
    const lc = columns.letterCase[i];
    if (lc === 'upperCase') upperWords++;
    else if (lc === 'lowerCase' || lc === 'titleCase') hasLower = true;
  }
  return { columns, upperWords, hasLower };
}

/** The chunks of a text, tokenising the ones not seen before in one wink-nlp call. */
function chunksOf(text: string, remember = true): Chunk[] {
  const normal = chunkText(text);
  if (!normal) return [];
  const raw = normal.split(' ');
  const out: Chunk[] = new Array(raw.length);
  let missing: Set<string> | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = chunks.get(raw[i] as string);
    if (c) out[i] = c;
    else {
      missing ??= new Set();
      missing.add(raw[i] as string);
    }
  }
  if (!missing) return out;
  // The new chunks come back from the call itself: the cache may already have dropped some.
  const made = tokenizeChunks([...missing], remember);
  for (let i = 0; i < raw.length; i++) out[i] ??= made.get(raw[i] as string) as Chunk;
  return out;
}

/** Tokenises new chunks with one wink-nlp call, remembers them (unless told not to), and returns them. */
export function tokenizeChunks(missing: string[], remember = true): Map<string, Chunk> {
  const c = columns(missing.join(' '));
  const made = new Map<string, Chunk>();
  let at = 0;
  for (const key of missing) {
    const start = at;
    at++;
    while (at < c.normal.length && c.spaces[at] === '') at++;
    const spaces = c.spaces.slice(start, at);
    spaces[0] = '';
    const chunk = makeChunk({
      value: c.value.slice(start, at),
      normal: c.normal.slice(start, at),
      type: c.type.slice(start, at),
      letterCase: c.letterCase.slice(start, at),
      spaces,
    });
    made.set(key, chunk);
    if (remember) chunks.set(key, chunk);
  }
  return made;
}

/**
 * Whether each chunk's upper-case words are acronyms: they are, unless the text has no
 * lower-case word (shouted text, an upper-case heading) or they stand in a run of three or
 * more upper-case chunks ("WHERE IS IT" is shouting, not three acronyms). `true` or `false`
 * for every chunk alike (the usual case, no allocation), else one flag per chunk.
 */
export function acronymReadings(
  upperWords: ArrayLike<number>,
  hasLower: ArrayLike<number>,
  n: number,
): boolean | boolean[] {
  let upper = 0;
  let lower = false;
  let run = 0;
  let longRun = false;
  for (let i = 0; i < n; i++) {
    const u = upperWords[i] as number;
    const l = hasLower[i] === 1;
    upper += u;
    lower ||= l;
    run = u > 0 && !l ? run + 1 : 0;
    if (run >= 3) longRun = true;
  }
  if (!lower && upper >= 3) return false;
  if (!longRun) return true;
  const flags = new Array<boolean>(n).fill(true);
  run = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n && (upperWords[i] as number) > 0 && hasLower[i] !== 1) {
      run++;
      continue;
    }
    if (run >= 3) for (let j = i - run; j < i; j++) flags[j] = false;
    run = 0;
  }
  return flags;
}

/**
 * The words of a text with what each means for matching (see acronymReadings). A question's
 * new chunks are not remembered (`remember` false): words nobody asked before rarely come back,
 * and remembering them would only churn the cache.
 */
export function words(text: string, remember = true): Word[] {
  const cs = chunksOf(text, remember);
  const acronyms = acronymReadings(
    cs.map((c) => c.upperWords),
    cs.map((c) => (c.hasLower ? 1 : 0)),
    cs.length,
  );
  const out: Word[] = [];
  cs.forEach((chunk, i) => {
    const asAcronyms = acronyms === true || (acronyms !== false && acronyms[i] === true);
    for (const w of chunkWords(chunk, asAcronyms)) out.push(w);
  });
  return out;
}

/** Every term a word gives, across its alternatives, without repeats. */
export function wordTerms(word: Word): string[] {
  return word.alternatives.length === 1
    ? (word.alternatives[0] as string[])
    : [...new Set(word.alternatives.flat())];
}
