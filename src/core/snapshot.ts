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
 * format, the package version and the core's source: any change means a rebuild. A snapshot that is corrupt
 * (bad magic, checksum, structure) or written for other inputs is never trusted: it is
 * ignored, with a warning for the corrupt kind.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bm25Index, type Postings } from './bm25.js';
import type { SeedBytes } from './corpus.js';
import type { DocumentInfo, EngineOptions, EngineParts, Paragraph } from './engine.js';
import type { ParagraphKind } from './passages.js';
import { rankingOf } from './ranking.js';

const MAGIC = 'SEEDBOT-SNAPSHOT';
/** Bump when the snapshot layout or anything that changes what a build produces changes. */
export const SNAPSHOT_FORMAT = 7;
const KINDS: ParagraphKind[] = ['text', 'title', 'heading', 'question', 'code', 'list', 'table'];

let fingerprint: string | undefined;

/**
 * The package version and a hash of the core's own source files: a snapshot made by other code
 * (a parser or tokenizer changed, even without a version bump) is never loaded.
 */
async function version(): Promise<string> {
  if (fingerprint === undefined) {
    const h = createHash('sha256');
    const pkg = new URL('../../package.json', import.meta.url);
    h.update(String((JSON.parse(await readFile(pkg, 'utf8')) as { version?: string }).version ?? '0'));
    const core = fileURLToPath(new URL('.', import.meta.url));
    const files = (await readdir(core, { recursive: true })).filter((f) => /\.(ts|js)$/.test(f)).sort();
    for (const f of files) {
      h.update(`\n${f}\n`);
      h.update(await readFile(path.join(core, f)));
    }
    fingerprint = h.digest('hex');
  }
  return fingerprint;
}

/** The key of a corpus with settings: changes with any file's path or bytes, the settings, format or version. */
export async function snapshotKey(read: SeedBytes, options: EngineOptions): Promise<string> {
  const h = createHash('sha256');
  h.update(`${MAGIC}\n${SNAPSHOT_FORMAT}\n${await version()}\n${JSON.stringify(rankingOf(options))}\n`);
  for (const f of read.files) {
    h.update(`${f.source}\n${f.bytes.length}\n`);
    h.update(f.bytes);
  }
  return h.digest('hex');
}

/** Where the snapshot of a seeds folder lives: one file per folder. */
export function snapshotPath(cacheDir: string, root: string): string {
  const id = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
  return path.join(cacheDir, `index-${id}.snapshot`);
}

/**
 * The file: a 32-byte prefix (header length as u32 LE, 4 zero bytes, the SHA-1 of everything
 * else, 4 zero bytes), the JSON header, padding to 8 bytes, the sections. The checksum covers
 * the header length, the header and every section: no byte that is used goes unchecked.
 */
const PREFIX = 32;

interface Header {
  magic: string;
  format: number;
  key: string;
  documents: DocumentInfo[];
  aliases: string[][];
  options: EngineOptions;
  warnings: string[];
  /** Distinct section paths (headings joined by a newline) and anchors, by id. */
  paths: string[];
  anchors: string[];
  sections: Record<string, [offset: number, length: number]>;
}

type Section = Uint8Array | Uint32Array | Int32Array | Float32Array;

/** Writes the engine's parts to `file` (atomically: a temporary file renamed into place). */
export async function saveSnapshot(
  file: string,
  key: string,
  parts: EngineParts,
  warnings: string[],
): Promise<void> {
  const paths: string[] = [];
  const anchors: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (list: string[], value: string) => {
    const key = `${list === paths ? 'p' : 'a'}${value}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = list.length;
      list.push(value);
      ids.set(key, id);
    }
    return id;
  };
  const n = parts.paragraphs.length;
  const paraDoc = new Uint32Array(n);
  const paraNumber = new Uint32Array(n);
  const paraKind = new Uint8Array(n);
  const paraPath = new Int32Array(n).fill(-1);
  const paraAnchor = new Int32Array(n).fill(-1);
  const paraGroup = new Int32Array(n).fill(-1);
  const textEnds = new Uint32Array(n);
  let length = 0;
  parts.paragraphs.forEach((p, i) => {
    paraDoc[i] = p.doc;
    paraNumber[i] = p.paragraph;
    paraKind[i] = KINDS.indexOf(p.kind);
    if (p.section?.length) paraPath[i] = idOf(paths, p.section.join('\n'));
    if (p.anchor !== undefined) paraAnchor[i] = idOf(anchors, p.anchor);
    if (p.group !== undefined) paraGroup[i] = p.group;
    length += p.text.length;
    textEnds[i] = length;
  });
  const { postings, terms } = parts.index;
  const encoder = new TextEncoder();
  const sections: Record<string, Section> = {
    texts: encoder.encode(parts.paragraphs.map((p) => p.text).join('')),
    paraDoc,
    paraNumber,
    paraKind,
    paraPath,
    paraAnchor,
    paraGroup,
    textEnds,
    spanFirst: parts.spans.first,
    spanLast: parts.spans.last,
    spanStart: parts.spans.start,
    spanEnd: parts.spans.end,
    terms: encoder.encode(terms.join('\n')),
    termIds: postings.termIds,
    offsets: postings.offsets,
    ids: postings.ids,
    weights: postings.weights,
    written: encoder.encode([...parts.vocabulary.keys()].join('\n')),
    writtenTerms: encoder.encode([...parts.vocabulary.values()].join('\n')),
  };
  const layout: Header['sections'] = {};
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(sections)) {
    // 8-byte alignment so typed arrays can view the file's buffer directly.
    const pad = (8 - (offset % 8)) % 8;
    if (pad) chunks.push(Buffer.alloc(pad));
    offset += pad;
    layout[name] = [offset, data.byteLength];
    chunks.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    offset += data.byteLength;
  }
  const body = Buffer.concat(chunks);
  const header: Header = {
    magic: MAGIC,
    format: SNAPSHOT_FORMAT,
    key,
    documents: parts.documents,
    aliases: parts.aliases,
    options: parts.options,
    warnings,
    paths,
    anchors,
    sections: layout,
  };
  const head = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(PREFIX);
  prefix.writeUInt32LE(head.length, 0);
  const headPad = Buffer.alloc((8 - ((PREFIX + head.length) % 8)) % 8);
  checksum(prefix, [head, headPad, body]).copy(prefix, 8);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    await writeFile(temp, Buffer.concat([prefix, head, headPad, body]));
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** SHA-1 of the header length (the prefix's first 8 bytes) and the rest of the file. */
function checksum(prefix: Buffer, rest: readonly Buffer[]): Buffer {
  const h = createHash('sha1').update(prefix.subarray(0, 8));
  for (const part of rest) h.update(part);
  return h.digest();
}

export type LoadResult =
  | { status: 'hit'; parts: EngineParts; warnings: string[] }
  | { status: 'missing' }
  | { status: 'stale' }
  | { status: 'corrupt'; reason: string };

/** Loads a snapshot if it exists, is intact, and was written for exactly this key. */
export async function loadSnapshot(file: string, key: string): Promise<LoadResult> {
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
    if (header.format !== SNAPSHOT_FORMAT || header.key !== key) return { status: 'stale' };
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
      if (path >= paths.length || anchor >= header.anchors.length)
        throw new Error('paragraph table is damaged');
      paragraphs.push({
        doc: paraDoc[i] as number,
        source: d.source,
        title: d.title,
        ...(path >= 0 ? { section: paths[path] as string[] } : {}),
        ...(anchor >= 0 ? { anchor: header.anchors[anchor] as string } : {}),
        ...(group >= 0 ? { group } : {}),
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
    const written = lines('written');
    const writtenTerms = lines('writtenTerms');
    if (written.length !== writtenTerms.length) throw new Error('vocabulary is damaged');
    const vocabulary = new Map<string, string>();
    written.forEach((w, i) => {
      vocabulary.set(w, writtenTerms[i] as string);
    });
    return {
      status: 'hit',
      warnings: header.warnings,
      parts: {
        documents: header.documents,
        paragraphs,
        spans,
        index: new Bm25Index(count, terms, postings),
        vocabulary,
        aliases: header.aliases,
        options: header.options,
      },
    };
  } catch (error) {
    return { status: 'corrupt', reason: error instanceof Error ? error.message : String(error) };
  }
}
