/**
 * Index snapshots: a built engine saved to the cache folder, so an unchanged corpus starts
 * in well under a second instead of being tokenised and indexed again.
 *
 * The snapshot holds what wink-bm25-text-search's exportJSON() holds for our use — the
 * consolidated BM25F weight of every (passage, term), the vocabulary, the passage count —
 * plus our passage table (documents, paragraphs, passages, written-word vocabulary, aliases).
 * It is stored in columns (typed arrays and newline-joined strings) rather than as wink's
 * JSON: at 100k paragraphs wink's export is 56 MB that takes 1.2 s to write and 0.9 s to
 * JSON.parse, more than the whole start-up budget, while the columns load in a fraction of it.
 *
 * Its key is a hash of the corpus files (paths and bytes), every ranking setting, the snapshot
 * format, the package version, the parsing and indexing packages' versions and the core's
 * source: any change means a rebuild. A snapshot that is corrupt
 * (bad magic, checksum, structure) or written for other inputs is never trusted: it is
 * ignored, with a warning for the corrupt kind.
 *
 * The format is snapshot-format.ts's, the key and the code's fingerprint snapshot-key.ts's,
 * writing snapshot-write.ts's, the file units' columns snapshot-units.ts's; this file loads.
 */
import { lstat, open, readFile } from 'node:fs/promises';
import { Bm25Index, type Postings } from './bm25.js';
import type { EngineParts, Paragraph } from './engine.js';
import { checksum, type Header, KINDS, MAGIC, PREFIX, SNAPSHOT_FORMAT } from './snapshot-format.js';
import { unitsKey } from './snapshot-key.js';
import { readUnits } from './snapshot-units.js';
import { vocabularyOf } from './units.js';

export { SNAPSHOT_FORMAT } from './snapshot-format.js';
export { codeInputs, indexPackageVersions, snapshotKey, snapshotPath } from './snapshot-key.js';
export { STALE_TEMP_MS, saveSnapshot } from './snapshot-write.js';

export type LoadResult =
  | { status: 'hit'; parts: EngineParts; warnings: string[] }
  | { status: 'missing' }
  /** Written for other files or settings; with `units` asked for, its file units when still valid. */
  | { status: 'stale'; files?: NonNullable<EngineParts['files']> }
  | { status: 'corrupt'; reason: string };

/**
 * Whether a snapshot's header says it is of no use: another format, or other documents (unless
 * `units` asks for the file units of a snapshot the same code wrote).
 */
async function staleFor(header: Partial<Header>, key: string, units: boolean): Promise<boolean> {
  if (header.format !== SNAPSHOT_FORMAT) return true;
  return header.key !== key && (!units || header.unitsKey !== (await unitsKey()));
}

/**
 * 'stale' when the header of the snapshot file says it is of another format or other documents
 * (its key, and its units' key when `units` is asked); 'read on' otherwise, or when the header
 * cannot tell (the whole read checks it).
 */
async function readKeys(file: string, key: string, units: boolean): Promise<'stale' | 'read on'> {
  const handle = await open(file, 'r');
  try {
    const prefix = Buffer.alloc(PREFIX);
    if ((await handle.read(prefix, 0, PREFIX, 0)).bytesRead < PREFIX) return 'read on';
    const headLength = prefix.readUInt32LE(0);
    if (headLength > (await handle.stat()).size - PREFIX) return 'read on';
    const head = Buffer.alloc(headLength);
    if ((await handle.read(head, 0, headLength, PREFIX)).bytesRead < headLength) return 'read on';
    let header: Partial<Header>;
    try {
      header = JSON.parse(head.toString('utf8')) as Partial<Header>;
    } catch {
      return 'read on';
    }
    if (header?.magic !== MAGIC) return 'read on';
    return (await staleFor(header, key, units)) ? 'stale' : 'read on';
  } finally {
    await handle.close();
  }
}

/**
 * Loads a snapshot if it exists, is intact, and was written for exactly this key. With `units`,
 * a snapshot written for other files or settings (by the same code) is loaded for its file units.
 */
export async function loadSnapshot(
  file: string,
  key: string,
  { units = false }: { units?: boolean } = {},
): Promise<LoadResult> {
  // Only a regular file is read: the bot writes nothing else there, and a link to a device or a
  // named pipe would be read without end (or wait for a writer for ever).
  try {
    if (!(await lstat(file)).isFile()) return { status: 'corrupt', reason: 'it is not a regular file' };
  } catch {
    return { status: 'missing' };
  }
  // A snapshot of other documents is known by its header: the rest is not read.
  try {
    if ((await readKeys(file, key, units)) === 'stale') return { status: 'stale' };
  } catch {
    // Missing or unreadable: the whole read below says which.
  }
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return { status: 'missing' };
  }
  try {
    if (data.length < PREFIX) throw new Error('too short');
    const headLength = data.readUInt32LE(0);
    if (headLength > data.length - PREFIX) throw new Error('header runs past the end');
    let header: Header;
    try {
      header = JSON.parse(data.subarray(PREFIX, PREFIX + headLength).toString('utf8')) as Header;
    } catch {
      throw new Error('unreadable header');
    }
    if (header?.magic !== MAGIC) throw new Error('not a seedbot snapshot');
    if (await staleFor(header, key, units)) return { status: 'stale' };
    // Of other documents, but wanted for its file units.
    const stale = header.key !== key;
    if (!checksum(data.subarray(0, PREFIX), [data.subarray(PREFIX)]).equals(data.subarray(8, 28)))
      throw new Error('checksum mismatch');
    const start = PREFIX + headLength + ((8 - ((PREFIX + headLength) % 8)) % 8);
    const body = data.subarray(start);
    const copy = new Uint8Array(body.byteLength);
    copy.set(body);
    const section = <T>(
      name: string,
      View: new (b: ArrayBuffer, o: number, l: number) => T,
      size: number,
    ): T => {
      const s = header.sections[name];
      if (!s || s[0] + s[1] > copy.byteLength || s[1] % size !== 0)
        throw new Error(`section ${name} is damaged`);
      return new View(copy.buffer, s[0], s[1] / size);
    };
    const decoder = new TextDecoder();
    const text = (name: string) => decoder.decode(section(name, Uint8Array, 1));
    const lines = (name: string) => {
      const t = text(name);
      return t ? t.split('\n') : [];
    };

    const texts = text('texts');
    const paraDoc = section('paraDoc', Uint32Array, 4);
    const paraNumber = section('paraNumber', Uint32Array, 4);
    const paraKind = section('paraKind', Uint8Array, 1);
    const paraPath = section('paraPath', Int32Array, 4);
    const paraAnchor = section('paraAnchor', Int32Array, 4);
    const paraGroup = section('paraGroup', Int32Array, 4);
    const paraLang = section('paraLang', Int32Array, 4);
    const paths = header.paths.map((p) => p.split('\n'));
    const textEnds = section('textEnds', Uint32Array, 4);
    const paragraphs: Paragraph[] = [];
    let from = 0;
    for (let i = 0; i < paraDoc.length; i++) {
      const d = header.documents[paraDoc[i] as number];
      const kind = KINDS[paraKind[i] as number];
      const end = textEnds[i] as number;
      if (!d || !kind || end < from || end > texts.length) throw new Error('paragraph table is damaged');
      const path = paraPath[i] as number;
      const anchor = paraAnchor[i] as number;
      const group = paraGroup[i] as number;
      const lang = paraLang[i] as number;
      if (path >= paths.length || anchor >= header.anchors.length || lang >= header.langs.length)
        throw new Error('paragraph table is damaged');
      paragraphs.push({
        doc: paraDoc[i] as number,
        source: d.source,
        title: d.title,
        ...(path >= 0 ? { section: paths[path] as string[] } : {}),
        ...(anchor >= 0 ? { anchor: header.anchors[anchor] as string } : {}),
        ...(group >= 0 ? { group } : {}),
        ...(lang >= 0 ? { lang: header.langs[lang] as string } : {}),
        paragraph: paraNumber[i] as number,
        text: texts.slice(from, end),
        kind,
      });
      from = end;
    }
    const spans = {
      first: section('spanFirst', Uint32Array, 4),
      last: section('spanLast', Uint32Array, 4),
      start: section('spanStart', Uint32Array, 4),
      end: section('spanEnd', Uint32Array, 4),
    };
    const count = spans.first.length;
    if ([spans.last, spans.start, spans.end].some((a) => a.length !== count))
      throw new Error('passages are damaged');
    for (let i = 0; i < count; i++) {
      if (
        (spans.last[i] as number) >= paragraphs.length ||
        (spans.first[i] as number) > (spans.last[i] as number)
      )
        throw new Error('passages are damaged');
    }
    const terms = lines('terms');
    const postings: Postings = {
      termIds: section('termIds', Uint32Array, 4),
      offsets: section('offsets', Uint32Array, 4),
      ids: section('ids', Uint32Array, 4),
      weights: section('weights', Float32Array, 4),
    };
    if (postings.offsets.length !== postings.termIds.length + 1) throw new Error('postings are damaged');
    const words = lines('written');
    const wordTerms = section('wordTerms', Uint32Array, 4);
    if (
      words.length !== wordTerms.length ||
      header.keptWords > words.length ||
      wordTerms.some((t) => t >= terms.length)
    )
      throw new Error('vocabulary is damaged');
    const dictionary = { terms, words, wordTerms };
    const fileUnits = readUnits(header, section, paragraphs, terms.length, words.length);
    const files = fileUnits ? { units: fileUnits, dictionary, keptWords: header.keptWords } : undefined;
    if (stale) return files ? { status: 'stale', files } : { status: 'stale' };
    return {
      status: 'hit',
      warnings: header.warnings,
      parts: {
        documents: header.documents,
        paragraphs,
        spans,
        index: new Bm25Index(count, terms, postings),
        vocabulary: vocabularyOf(dictionary, header.keptWords),
        aliases: header.aliases,
        options: header.options,
        ...(files ? { files } : {}),
      },
    };
  } catch (error) {
    return { status: 'corrupt', reason: error instanceof Error ? error.message : String(error) };
  }
}
