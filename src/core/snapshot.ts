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
 */
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { lstat, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bm25Index, type Postings } from './bm25.js';
import type { SeedBytes } from './corpus.js';
import type { DocumentInfo, EngineOptions, EngineParts, Paragraph } from './engine.js';
import { makeDir } from './make-dir.js';
import type { ParagraphKind } from './passages.js';
import { rankingOf } from './ranking.js';
import { type FileUnit, UNIT_COLUMNS, vocabularyOf } from './units.js';

const MAGIC = 'SEEDBOT-SNAPSHOT';
/** Bump when the snapshot layout or anything that changes what a build produces changes. */
export const SNAPSHOT_FORMAT = 10;
const KINDS: ParagraphKind[] = ['text', 'title', 'heading', 'question', 'code', 'list', 'table'];

let fingerprint: string | undefined;

/** The packages whose code reads the documents or builds the index (their versions are in the key). */
const INDEX_PACKAGES = [
  'marked',
  'yaml',
  'htmlparser2',
  'entities',
  'wink-nlp',
  'wink-eng-lite-web-model',
  'wink-bm25-text-search',
  // The stemmers make the terms: English words' (porter2), Cyrillic words' (tokenizer.ts).
  'porter2',
  'snowball-stemmers',
];

/** A package.json's version, or `?` when it cannot be read. */
async function versionAt(file: URL | string): Promise<string> {
  try {
    return String((JSON.parse(await readFile(file, 'utf8')) as { version?: string }).version ?? '?');
  } catch {
    return '?';
  }
}

/** Where a package's package.json is, resolved as Node resolves the package (hoisted or not). */
function packageJson(name: string): string | undefined {
  const require = createRequire(import.meta.url);
  try {
    return require.resolve(`${name}/package.json`);
  } catch {
    // A package whose exports leave out its package.json (htmlparser2, entities): the nearest
    // package.json above its entry point.
    try {
      let dir = path.dirname(require.resolve(name));
      for (let up = 0; up < 6; up++, dir = path.dirname(dir)) {
        const file = path.join(dir, 'package.json');
        if (existsSync(file)) return file;
      }
    } catch {}
    return undefined;
  }
}

/** `name@version` of each package that parses or indexes, as installed (part of the key). */
export async function indexPackageVersions(): Promise<string[]> {
  return Promise.all(
    INDEX_PACKAGES.map(async (name) => {
      const file = packageJson(name);
      return `${name}@${file ? await versionAt(file) : '?'}`;
    }),
  );
}

/**
 * The package version, the versions of the packages that parse and index (an upgrade of the
 * Markdown parser or the tokenizer changes what a build gives) and a hash of the core's own
 * source files: a snapshot made by other code (a parser or tokenizer changed, even without a
 * version bump) is never loaded.
 */
async function version(): Promise<string> {
  if (fingerprint === undefined) {
    const h = createHash('sha256');
    for (const part of await codeInputs()) h.update(part);
    fingerprint = h.digest('hex');
  }
  return fingerprint;
}

/**
 * Everything besides the files and settings a snapshot depends on, in the order hashed: the
 * package version, the parsing and indexing packages' versions, and each core source file's
 * name and bytes.
 */
export async function codeInputs(): Promise<(string | Buffer)[]> {
  const parts: (string | Buffer)[] = [await versionAt(new URL('../../package.json', import.meta.url))];
  for (const v of await indexPackageVersions()) parts.push(`\n${v}`);
  const core = fileURLToPath(new URL('.', import.meta.url));
  const files = (await readdir(core, { recursive: true })).filter((f) => /\.(ts|js)$/.test(f)).sort();
  for (const f of files) parts.push(`\n${f}\n`, await readFile(path.join(core, f)));
  return parts;
}

/**
 * The key of a corpus with settings: changes with any file's path or bytes (by its content
 * hash), the settings, format or version.
 */
export async function snapshotKey(read: SeedBytes, options: EngineOptions): Promise<string> {
  const h = createHash('sha256');
  h.update(`${await unitsKey()}\n${JSON.stringify(rankingOf(options))}\n`);
  // The name quoted: a name may hold line breaks, and must not read as another file's lines.
  for (const f of read.files) h.update(`${JSON.stringify(f.source)}\n${f.bytes.length}\n${f.hash}\n`);
  return h.digest('hex');
}

/**
 * What the file units of a snapshot depend on besides the files: the format and the code. A
 * snapshot written for other files or settings still lends its units to a build while this is
 * the same (they do not depend on the ranking settings).
 */
async function unitsKey(): Promise<string> {
  return `${MAGIC}\n${SNAPSHOT_FORMAT}\n${await version()}`;
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
  /** Distinct languages of code blocks, by id. */
  langs: string[];
  /** Words of the vocabulary (the first ones of the dictionary's written words). */
  keptWords: number;
  /** See unitsKey; each file unit's content key (units are absent when this is empty). */
  unitsKey: string;
  unitKeys: string[];
  /**
   * Each file unit's own title where the engine's differs (documents sharing a title are named
   * by their file too, see distinctTitles): a later build works that out again from these.
   */
  unitTitles: Record<number, string>;
  sections: Record<string, [offset: number, length: number]>;
}

type Section = Uint8Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** Writes the engine's parts to `file` (atomically: a temporary file renamed into place). */
export async function saveSnapshot(
  file: string,
  key: string,
  parts: EngineParts,
  warnings: string[],
): Promise<void> {
  const paths: string[] = [];
  const anchors: string[] = [];
  const langs: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (list: string[], value: string) => {
    const key = `${list === paths ? 'p' : list === anchors ? 'a' : 'l'}${value}`;
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
  const paraLang = new Int32Array(n).fill(-1);
  const textEnds = new Uint32Array(n);
  let length = 0;
  parts.paragraphs.forEach((p, i) => {
    paraDoc[i] = p.doc;
    paraNumber[i] = p.paragraph;
    paraKind[i] = KINDS.indexOf(p.kind);
    if (p.section?.length) paraPath[i] = idOf(paths, p.section.join('\n'));
    if (p.anchor !== undefined) paraAnchor[i] = idOf(anchors, p.anchor);
    if (p.group !== undefined) paraGroup[i] = p.group;
    if (p.lang !== undefined) paraLang[i] = idOf(langs, p.lang);
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
    paraLang,
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
    ...dictionarySections(parts, encoder),
    ...unitSections(parts.files?.units ?? []),
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
    langs,
    keptWords: parts.files?.keptWords ?? parts.vocabulary.size,
    unitsKey: parts.files ? await unitsKey() : '',
    unitKeys: parts.files?.units.map((u) => u.key) ?? [],
    unitTitles: Object.fromEntries(
      (parts.files?.units ?? []).flatMap((u, i) =>
        u.document.title === parts.documents[i]?.title ? [] : [[i, u.document.title]],
      ),
    ),
    sections: layout,
  };
  const head = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(PREFIX);
  prefix.writeUInt32LE(head.length, 0);
  const headPad = Buffer.alloc((8 - ((PREFIX + head.length) % 8)) % 8);
  checksum(prefix, [head, headPad, body]).copy(prefix, 8);
  makeDir(path.dirname(file));
  await removeStaleTemps(path.dirname(file));
  const temp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  writing.add(temp);
  if (writing.size === 1) process.once('exit', removeWriting);
  try {
    await writeFile(temp, Buffer.concat([prefix, head, headPad, body]));
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    writing.delete(temp);
    if (writing.size === 0) process.off('exit', removeWriting);
  }
}

/** Snapshots being written (their temporary files): removed should the process exit meanwhile. */
const writing = new Set<string>();

/** Removes the temporary files of snapshots still being written (the process is exiting: SIGTERM). */
function removeWriting(): void {
  for (const temp of writing) rmSync(temp, { force: true });
}

/** A temporary snapshot file untouched this long is a write that was killed (SIGKILL, a crash). */
export const STALE_TEMP_MS = 15 * 60 * 1000;

/** Removes the temporary snapshot files in `dir` that no write has touched for STALE_TEMP_MS. */
async function removeStaleTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    if (!/^index-[0-9a-f]+\.snapshot\.\d+\.[0-9a-z]+\.tmp$/.test(name)) continue;
    const temp = path.join(dir, name);
    const s = await stat(temp).catch(() => undefined);
    if (s?.isFile() && now - s.mtimeMs > STALE_TEMP_MS) await rm(temp, { force: true });
  }
}

/** The written words (the vocabulary first, then words only left-out duplicates have) and their terms. */
function dictionarySections(
  parts: EngineParts,
  encoder: { encode(text: string): Uint8Array },
): Record<string, Section> {
  const words = parts.files ? parts.files.dictionary.words : [...parts.vocabulary.keys()];
  let wordTerms: Uint32Array;
  if (parts.files) wordTerms = parts.files.dictionary.wordTerms;
  else {
    const ids = new Map(parts.index.terms.map((t, i) => [t, i]));
    wordTerms = Uint32Array.from(parts.vocabulary.values(), (t) => ids.get(t) ?? 0);
  }
  return { written: encoder.encode(words.join('\n')), wordTerms };
}

/** The file units' columns, each concatenated over the files, and every unit's lengths. */
function unitSections(units: readonly FileUnit[]): Record<string, Section> {
  const columns = [...UNIT_COLUMNS, 'spanFirst', 'spanLast', 'spanStart', 'spanEnd'] as const;
  const of = (u: FileUnit, c: (typeof columns)[number]) =>
    c === 'spanFirst'
      ? u.spans.first
      : c === 'spanLast'
        ? u.spans.last
        : c === 'spanStart'
          ? u.spans.start
          : c === 'spanEnd'
            ? u.spans.end
            : u[c];
  const lengths = new Uint32Array(units.length * columns.length);
  const out: Record<string, Section> = {};
  columns.forEach((c, k) => {
    let total = 0;
    units.forEach((u, i) => {
      const n = of(u, c).length;
      lengths[i * columns.length + k] = n;
      total += n;
    });
    const all = c === 'dupes' ? new Float64Array(total) : new Uint32Array(total);
    let at = 0;
    for (const u of units) {
      const a = of(u, c);
      all.set(a as never, at);
      at += a.length;
    }
    out[`unit.${c}`] = all;
  });
  out.unitLengths = lengths;
  return out;
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

type SectionReader = <T>(
  name: string,
  View: new (b: ArrayBuffer, o: number, l: number) => T,
  size: number,
) => T;

/** The file units of a snapshot (views into its columns), checked; undefined when it has none. */
function readUnits(
  header: Header,
  section: SectionReader,
  paragraphs: Paragraph[],
  termCount: number,
  wordCount: number,
): FileUnit[] | undefined {
  if (!header.unitsKey || header.unitKeys.length !== header.documents.length) return undefined;
  const columns = [...UNIT_COLUMNS, 'spanFirst', 'spanLast', 'spanStart', 'spanEnd'] as const;
  const lengths = section('unitLengths', Uint32Array, 4);
  if (lengths.length !== header.unitKeys.length * columns.length) throw new Error('file units are damaged');
  const all = new Map<string, Uint32Array | Float64Array>();
  for (const c of columns)
    all.set(c, c === 'dupes' ? section(`unit.${c}`, Float64Array, 8) : section(`unit.${c}`, Uint32Array, 4));
  for (const [c, limit] of [
    ['contextIds', termCount],
    ['bodyIds', termCount],
    ['contextWords', wordCount],
    ['words', wordCount],
  ] as const) {
    if ((all.get(c) as Uint32Array).some((id) => id >= limit)) throw new Error('file units are damaged');
  }
  const at = new Map<string, number>(columns.map((c) => [c, 0]));
  const units: FileUnit[] = [];
  let paragraph = 0;
  const titles = header.unitTitles;
  if (typeof titles !== 'object' || titles === null) throw new Error('file units are damaged');
  header.documents.forEach((served, i) => {
    // The unit's own title, where the engine named it by its file too (see distinctTitles).
    const own = Object.hasOwn(titles, i) ? titles[i] : undefined;
    if (own !== undefined && typeof own !== 'string') throw new Error('file units are damaged');
    const document = own === undefined ? served : { ...served, title: own };
    const taken = paragraphs.slice(paragraph, paragraph + document.paragraphs);
    const take = <T extends Uint32Array | Float64Array>(c: (typeof columns)[number]): T => {
      const from = at.get(c) as number;
      const n = lengths[i * columns.length + columns.indexOf(c)] as number;
      const whole = all.get(c) as T;
      if (from + n > whole.length) throw new Error('file units are damaged');
      at.set(c, from + n);
      return whole.subarray(from, from + n) as T;
    };
    const unit: FileUnit = {
      key: header.unitKeys[i] as string,
      document,
      paragraphs: own === undefined ? taken : taken.map((p) => ({ ...p, title: own })),
      spans: {
        first: take('spanFirst'),
        last: take('spanLast'),
        start: take('spanStart'),
        end: take('spanEnd'),
      },
      dupes: take('dupes'),
      context: take('context'),
      contextOffsets: take('contextOffsets'),
      contextIds: take('contextIds'),
      contextWordOffsets: take('contextWordOffsets'),
      contextWords: take('contextWords'),
      bodyOffsets: take('bodyOffsets'),
      bodyIds: take('bodyIds'),
      wordOffsets: take('wordOffsets'),
      words: take('words'),
    };
    paragraph += document.paragraphs;
    checkUnit(unit);
    units.push(unit);
  });
  if (paragraph !== paragraphs.length) throw new Error('file units are damaged');
  return units;
}

/** Throws when a unit's columns do not fit each other (a damaged snapshot). */
function checkUnit(u: FileUnit): void {
  const n = u.dupes.length;
  const offsets = (o: Uint32Array, count: number, data: number) =>
    o.length === count + 1 &&
    o[0] === 0 &&
    o[count] === data &&
    o.every((x, i) => i === 0 || x >= (o[i - 1] as number));
  const contexts = u.contextOffsets.length - 1;
  const ok =
    u.paragraphs.length === u.document.paragraphs &&
    [u.spans.first, u.spans.last, u.spans.start, u.spans.end, u.context].every((a) => a.length === n) &&
    u.spans.last.every((p, i) => p < u.paragraphs.length && (u.spans.first[i] as number) <= p) &&
    contexts >= 0 &&
    u.context.every((c) => c < contexts) &&
    offsets(u.contextOffsets, contexts, u.contextIds.length) &&
    offsets(u.contextWordOffsets, contexts, u.contextWords.length) &&
    offsets(u.bodyOffsets, n, u.bodyIds.length) &&
    offsets(u.wordOffsets, n, u.words.length);
  if (!ok) throw new Error('file units are damaged');
}
