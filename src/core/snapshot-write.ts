/**
 * A snapshot written: the engine's parts as columns behind a JSON header, the checksum, the file
 * written atomically (a temporary file renamed into place), temporary files of a process that
 * exited or was killed meanwhile removed.
 */
import { rmSync } from 'node:fs';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EngineParts } from './engine.js';
import { makeDir } from './make-dir.js';
import {
  checksum,
  type Header,
  KINDS,
  MAGIC,
  PREFIX,
  type Section,
  SNAPSHOT_FORMAT,
} from './snapshot-format.js';
import { unitsKey } from './snapshot-key.js';
import { unitSections } from './snapshot-units.js';

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
