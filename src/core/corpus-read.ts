/**
 * The seeds folder read, safely: each listed file opened only inside the folder (checked again
 * at read time, where the kernel says it opened), a regular file of at most MAX_FILE_BYTES, read
 * once however many paths reach it, several at a time; its bytes and their content hash.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_FILE_BYTES, prepareReaders, shown, tooLarge } from './corpus-files.js';
import {
  HIDDEN_LINK,
  hiddenInside,
  inside,
  type Listed,
  listFiles,
  reason,
  rel,
  type SeedFailure,
} from './corpus-list.js';
import { CoreError } from './errors.js';

/**
 * Reads one listed file: opened without following a link at the last step, checked to be a
 * regular file of at most MAX_FILE_BYTES before anything is read (a huge file is never loaded).
 */
async function readDocumentFile(real: string, rootReal: string): Promise<Buffer | { problem: string }> {
  // The link check again, at read time: the folder may have changed since it was listed.
  const checked = await insidePath(real, rootReal);
  if (typeof checked !== 'string') return checked;
  const handle = await open(checked, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const s = await handle.stat();
    if (!s.isFile()) return { problem: 'it is not a regular file' };
    // O_NOFOLLOW guards the last step only: a folder on the way may have been swapped for a link
    // to outside between the check and the open. Where the file opened is, the kernel says.
    // Not read, and a failure (not a file skipped by rule): a reload keeps the documents it has.
    const opened = await openedPath(handle.fd, real, s);
    if (!inside(rootReal, opened) || hiddenInside(rootReal, opened))
      throw new Error('it moved out of the seeds folder (or into a hidden folder) while it was read');
    if (s.size > MAX_FILE_BYTES) return { problem: tooLarge(s.size) };
    const bytes = await handle.readFile();
    return bytes.length > MAX_FILE_BYTES ? { problem: tooLarge(bytes.length) } : bytes;
  } finally {
    await handle.close();
  }
}

/**
 * The path of the file an open descriptor reads, as the kernel has it (Linux: the link
 * /proc/self/fd/N), whatever links or renames its path went through. A file replaced or deleted
 * since it was opened (an editor saving by renaming a new file over it) reads `… (deleted)`:
 * still the path it had, so still inside the folder if it was, and what is read is its old
 * version. Without /proc: the path as resolved again after the open, which must name the file
 * opened; if it does not (the file was replaced meanwhile, or a folder on its path swapped),
 * the read fails, so a reload keeps the documents it has and the next one reads it again.
 */
async function openedPath(fd: number, real: string, opened: { dev: number; ino: number }): Promise<string> {
  let where: string | undefined;
  try {
    where = await readlink(`/proc/self/fd/${fd}`);
  } catch {}
  if (where !== undefined && path.isAbsolute(where)) return where;
  const again = await realpath(real);
  const named = await stat(again);
  if (named.dev !== opened.dev || named.ino !== opened.ino)
    throw new Error('it changed while it was read (replaced, or a folder on its path swapped)');
  return again;
}

/** Where a listed file's path leads now, when that is inside the folder and not hidden; else why not. */
async function insidePath(real: string, rootReal: string): Promise<string | { problem: string }> {
  const now = await realpath(real);
  if (!inside(rootReal, now))
    return { problem: 'it is a link to outside the seeds folder, which is never read' };
  if (hiddenInside(rootReal, now)) return { problem: HIDDEN_LINK };
  return now;
}

/** Checks the seeds folder exists and is a folder, with a message saying what to do. */
export async function checkSeedsDir(dir: string): Promise<string> {
  const root = path.resolve(dir);
  let s: import('node:fs').Stats;
  try {
    s = await stat(root);
  } catch {
    throw new CoreError(
      'SEEDS_MISSING',
      `seeds folder ${dir} does not exist: create it and put .txt, .md, .rst or .html files in it, or point SEEDS_DIR (or --seeds) at your documents`,
    );
  }
  if (!s.isDirectory()) {
    throw new CoreError(
      'SEEDS_NOT_A_FOLDER',
      `seeds folder ${dir} is a file, not a folder: point SEEDS_DIR (or --seeds) at the folder holding your documents`,
    );
  }
  return root;
}

/** The seeds folder's files as bytes, before parsing (what a snapshot's key is made from). */
export interface SeedBytes {
  dir: string;
  root: string;
  /** Each file's bytes and content hash (see contentHash), and whether it is in an Obsidian vault. */
  files: { source: string; bytes: Buffer; hash: string; vault?: true }[];
  /** Files and folders skipped, one line each. */
  warnings: string[];
  /** Those of the warnings that a later read may not have (unreadable, vanished, broken link). */
  failures: SeedFailure[];
}

/** Files read at once by readSeeds. */
const READS_IN_FLIGHT = 8;

/**
 * The listed files, each file once: one reached by several paths (links to it, hard links) is
 * read under its own path when one is listed, else the first, and the others are named in a
 * warning. Sixty links to a 4.5 MB file made sixty documents of it: 108 s and 4.4 GB to build.
 */
async function onePathPerFile(
  listed: Listed[],
  root: string,
  rootReal: string,
  warnings: string[],
): Promise<Listed[]> {
  const ids: (string | undefined)[] = new Array(listed.length);
  let next = 0;
  const identify = async () => {
    while (next < listed.length) {
      const i = next++;
      try {
        // As big integers: an NTFS file id past 2^53 loses precision as a number.
        const s = await stat((listed[i] as { real: string }).real, { bigint: true });
        ids[i] = `${s.dev}:${s.ino}`;
      } catch {
        // Unreadable now: the read says why.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, listed.length) }, identify));
  const byFile = new Map<string, number[]>();
  listed.forEach((_, i) => {
    const id = ids[i];
    if (id === undefined) return;
    const paths = byFile.get(id);
    if (paths) paths.push(i);
    else byFile.set(id, [i]);
  });
  const dropped = new Set<number>();
  for (const paths of byFile.values()) {
    if (paths.length < 2) continue;
    const own = (i: number) => {
      const f = listed[i] as { full: string; real: string };
      return f.real === path.join(rootReal, rel(root, f.full));
    };
    const kept = paths.find(own) ?? (paths[0] as number);
    const keptName = rel(root, (listed[kept] as { full: string }).full);
    for (const i of paths) {
      if (i === kept) continue;
      dropped.add(i);
      warnings.push(
        `skipped ${shown(rel(root, (listed[i] as { full: string }).full))}: it is the same file as ${shown(keptName)} (a link to it), which is read once`,
      );
    }
  }
  return dropped.size === 0 ? listed : listed.filter((_, i) => !dropped.has(i));
}

/**
 * Lists and reads every document (and aliases.txt) under the folder. `read` hears the size of
 * each file read, as it is read.
 */
export async function readSeeds(dir: string, read?: (bytes: number) => void): Promise<SeedBytes> {
  const root = await checkSeedsDir(dir);
  const warnings: string[] = [];
  const failures: SeedFailure[] = [];
  const files: SeedBytes['files'] = [];
  const rootReal = await realpath(root);
  const listed = await onePathPerFile(await listFiles(root, warnings, failures), root, rootReal, warnings);
  // Several files in flight (each read is a few system calls that wait on the disk or the
  // thread pool), the outcomes kept in listing order.
  const outcomes: (Buffer | { problem: string } | { error: unknown })[] = new Array(listed.length);
  let next = 0;
  const reader = async () => {
    while (next < listed.length) {
      const i = next++;
      try {
        const outcome = await readDocumentFile((listed[i] as { real: string }).real, rootReal);
        outcomes[i] = outcome;
        if (read && outcome instanceof Buffer) read(outcome.length);
      } catch (error) {
        outcomes[i] = { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, listed.length) }, reader));
  listed.forEach(({ full, vault = false }, i) => {
    const source = rel(root, full);
    const read = outcomes[i] as Buffer | { problem: string } | { error: unknown };
    if ('error' in read) {
      const line = `skipped ${shown(source)}: ${reason(read.error)}`;
      warnings.push(line);
      failures.push({ line, source });
    } else if ('problem' in read) warnings.push(`skipped ${shown(source)}: ${read.problem}`);
    else
      files.push({
        source,
        bytes: read,
        hash: contentHash(read, vault),
        ...(vault ? { vault: true as const } : {}),
      });
  });
  await prepareReaders(files.map((f) => f.source));
  return { dir, root, files, warnings, failures };
}

/**
 * The content hash of a file's bytes (DocumentInfo.hash is its first 16 characters); another
 * for the same bytes in an Obsidian vault, which read otherwise (its comments are hidden).
 */
export function contentHash(bytes: Uint8Array, vault = false): string {
  const h = createHash('sha1');
  if (vault) h.update('obsidian\0');
  return h.update(bytes).digest('hex');
}
