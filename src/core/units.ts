/**
 * Per-file work, cached. Each file is parsed, cut into passages and encoded once into a
 * FileUnit, kept (in memory and in the snapshot) under its content hash, so a reload parses and
 * tokenises only the files that changed. The units of every file are then joined (assemble)
 * into the engine's passages, in an order that depends only on the files' contents: never on
 * which thread, or which earlier build, made each unit.
 *
 * What joining must reproduce, exactly as one pass over the corpus would: near-duplicate
 * passages are indexed once (the first occurrence, across files); term ids are given in the
 * order terms are first seen, the title fields of every kept passage first, then the bodies;
 * the written-word vocabulary likewise (its order decides which typo correction wins a tie).
 */

import type { DocumentInfo, Paragraph } from './answer-types.js';
import type { SourceFile } from './corpus.js';
import { buildSpans, countWords, spanText } from './sections.js';
import type { TermEncoder } from './tokenizer.js';
import { duplicateHash } from './units-hash.js';
import type { FileUnit } from './units-types.js';

export {
  type Assembled,
  assemble,
  encodedOf,
  type KeptPassages,
  keptPassages,
  passageFields,
} from './units-assemble.js';
export { DictionaryBuilder, dictionaryOf, vocabularyOf } from './units-dictionary.js';
export { duplicateHash, hash53 } from './units-hash.js';
export { distinctTitles } from './units-titles.js';
export { type Dictionary, type FileUnit, type IdMap, UNIT_COLUMNS } from './units-types.js';

/**
 * Makes a file's unit: its paragraphs, its passages (headings, titles and questions give
 * context, the title field, not passages; long paragraphs become sentence windows), each
 * passage's title and body encoded. Pauses between batches of passages.
 */
export function* unitSteps(file: SourceFile, key: string, encoder: TermEncoder): Generator<void, FileUnit> {
  let words = 0;
  // Properties set one by one, in the order a spread of the optional ones gave (the order a
  // snapshot stores them in): spreading made and copied an object per optional property.
  const paragraphs: Paragraph[] = file.paragraphs.map((p) => {
    words += countWords(p.text);
    const out = { doc: 0, source: file.source, title: file.title } as Paragraph;
    if (p.section) out.section = p.section;
    if (p.anchor) out.anchor = p.anchor;
    if (p.group !== undefined) out.group = p.group;
    if (p.lang !== undefined) out.lang = p.lang;
    out.paragraph = p.number;
    out.text = p.text;
    out.kind = p.kind;
    return out;
  });
  const document: DocumentInfo = {
    source: file.source,
    title: file.title,
    ...(file.explicitTitle ? { explicitTitle: true as const } : {}),
    ...(file.url ? { url: file.url } : {}),
    ...(file.slug ? { slug: file.slug } : {}),
    paragraphs: file.paragraphs.length,
    words,
    hash: file.hash,
  };
  const first: number[] = [];
  const last: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const dupes: number[] = [];
  const context: number[] = [];
  const texts: string[] = [];
  const contexts = new Map<string, number>();
  const contextIds: number[] = [];
  const contextOffsets = [0];
  const contextWords: number[] = [];
  const contextWordOffsets = [0];
  for (const span of buildSpans(paragraphs, () => file.markdown)) {
    const text = spanText(paragraphs, span);
    const dupe = duplicateHash(text);
    if (dupe < 0) continue;
    const p = paragraphs[span.first] as Paragraph;
    // The title field: the document's title (when written as one) and the section's headings.
    const title = `${file.explicitTitle ? p.title : ''}\n${(p.section ?? []).join('\n')}`;
    let c = contexts.get(title);
    if (c === undefined) {
      c = contexts.size;
      contexts.set(title, c);
      encoder.encode(title, contextIds, contextWords);
      contextOffsets.push(contextIds.length);
      contextWordOffsets.push(contextWords.length);
    }
    first.push(span.first);
    last.push(span.last);
    start.push(span.start);
    end.push(span.end);
    dupes.push(dupe);
    context.push(c);
    texts.push(text);
  }
  const bodyIds: number[] = [];
  const bodyOffsets = [0];
  const bodyWords: number[] = [];
  const wordOffsets = [0];
  yield* encoder.encodeAll(texts, bodyIds, bodyOffsets, bodyWords, wordOffsets);
  return {
    key,
    document,
    paragraphs,
    spans: {
      first: Uint32Array.from(first),
      last: Uint32Array.from(last),
      start: Uint32Array.from(start),
      end: Uint32Array.from(end),
    },
    dupes: Float64Array.from(dupes),
    context: Uint32Array.from(context),
    contextOffsets: Uint32Array.from(contextOffsets),
    contextIds: Uint32Array.from(contextIds),
    contextWordOffsets: Uint32Array.from(contextWordOffsets),
    contextWords: Uint32Array.from(contextWords),
    bodyOffsets: Uint32Array.from(bodyOffsets),
    bodyIds: Uint32Array.from(bodyIds),
    wordOffsets: Uint32Array.from(wordOffsets),
    words: Uint32Array.from(bodyWords),
  };
}

/** Passages in a unit. */
export const passagesIn = (unit: FileUnit): number => unit.dupes.length;
