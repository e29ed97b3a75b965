/**
 * Reads the seeds folder: every `.txt` and `.md` file under it, recursively, in sorted order.
 * A file that cannot be used (unreadable, binary, not UTF-8, empty) is skipped with a warning
 * naming it; the rest are served. `aliases.txt` at the top of the folder holds aliases, not a
 * document.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CoreError } from './errors.js';
import { type ParsedDocument, parseDocument } from './passages.js';
import { runSteps, runStepsAsync } from './steps.js';

export const ALIASES_FILE = 'aliases.txt';
/** Larger files are not documents of paragraphs (logs, dumps): skipped. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** A line longer than this is data, not prose: its file is skipped. */
export const MAX_LINE_CHARS = 1024 * 1024;
const EXTENSIONS = new Set(['.txt', '.md', '.markdown']);

export interface SourceFile extends ParsedDocument {
  /** Path relative to the seeds folder, with `/` separators. */
  source: string;
  /** Size in bytes. */
  bytes: number;
  /** A hash of the file's bytes, to tell changed files apart on a reload. */
  hash: string;
}

export interface Corpus {
  /** Absolute path of the seeds folder. */
  root: string;
  files: SourceFile[];
  /** Alias groups from aliases.txt (empty when there is none). */
  aliases: string[][];
  /** One line per file that was skipped, naming it and why. */
  warnings: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file's bytes, or says why it is not a text document. */
export function decodeText(bytes: Uint8Array): { text: string } | { problem: string } {
  const head = bytes.subarray(0, 8192);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return { problem: 'it is UTF-16 text (save it as UTF-8)' };
  }
  if (head.includes(0)) return { problem: 'it looks binary (it contains NUL bytes)' };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { problem: 'it is not valid UTF-8 text (save it as UTF-8)' };
  }
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const length = (end < 0 ? text.length : end) - start;
    if (length > longest) longest = length;
    if (end < 0) return longest;
    start = end + 1;
  }
}

/** Parses aliases.txt: one group per line, terms separated by commas; `#` after a space starts a comment (so `C#` is a term). */
export function parseAliases(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .map((line) =>
      line
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .filter((group) => group.length >= 2);
}

async function listFiles(root: string, warnings: string[]): Promise<string[]> {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      warnings.push(`skipped folder ${rel(root, dir)}: ${reason(error)}`);
      return;
    }
    if (seen.has(real)) {
      warnings.push(`skipped folder ${rel(root, dir)}: it links back to a folder already read`);
      return;
    }
    seen.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      warnings.push(`skipped folder ${rel(root, dir)}: ${reason(error)}`);
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const s = await stat(full);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch (error) {
          if (EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
            warnings.push(`skipped ${rel(root, full)}: ${reason(error)}`);
          }
          continue;
        }
      }
      if (isDir) await walk(full);
      else if (isFile && EXTENSIONS.has(path.extname(entry.name).toLowerCase())) found.push(full);
    }
  };
  await walk(root);
  return found.sort((a, b) => compare(rel(root, a), rel(root, b)));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/') || '.';
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied (make it readable)';
  if (code === 'ENOENT') return 'it disappeared while being read (or is a broken link)';
  if (code === 'ELOOP') return 'it is a symbolic link loop';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
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
      `seeds folder ${dir} does not exist: create it and put .txt or .md files in it, or point SEEDS_DIR (or --seeds) at your documents`,
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
  files: { source: string; bytes: Buffer }[];
  /** Files that could not be read. */
  warnings: string[];
}

/** Lists and reads every document (and aliases.txt) under the folder. */
export async function readSeeds(dir: string): Promise<SeedBytes> {
  const root = await checkSeedsDir(dir);
  const warnings: string[] = [];
  const files: SeedBytes['files'] = [];
  for (const full of await listFiles(root, warnings)) {
    const source = rel(root, full);
    try {
      files.push({ source, bytes: await readFile(full) });
    } catch (error) {
      warnings.push(`skipped ${source}: ${reason(error)}`);
    }
  }
  return { dir, root, files, warnings };
}

/** Decodes and parses read files. Throws CoreError when there is nothing to serve. */
export function parseSeeds(read: SeedBytes): Corpus {
  return runSteps(parseSteps(read));
}

/** parseSeeds(), pausing between files so a server keeps answering during a reload. */
export function parseSeedsAsync(read: SeedBytes): Promise<Corpus> {
  return runStepsAsync(parseSteps(read));
}

function* parseSteps(read: SeedBytes): Generator<void, Corpus> {
  const warnings = [...read.warnings];
  const files: SourceFile[] = [];
  let aliases: string[][] = [];
  for (const [n, { source, bytes }] of read.files.entries()) {
    if (n % 25 === 24) yield;
    if (bytes.length > MAX_FILE_BYTES) {
      warnings.push(
        `skipped ${source}: it is ${(bytes.length / 1048576).toFixed(0)} MB, over the ${MAX_FILE_BYTES / 1048576} MB a document may have (split it)`,
      );
      continue;
    }
    const decoded = decodeText(bytes);
    if ('problem' in decoded) {
      warnings.push(`skipped ${source}: ${decoded.problem}`);
      continue;
    }
    const longLine = longestLine(decoded.text);
    if (longLine > MAX_LINE_CHARS) {
      warnings.push(
        `skipped ${source}: it has a line of ${longLine.toLocaleString('en-US')} characters, which is data, not paragraphs`,
      );
      continue;
    }
    if (source === ALIASES_FILE) {
      aliases = parseAliases(decoded.text);
      continue;
    }
    const markdown = /\.(md|markdown)$/i.test(source);
    const doc = parseDocument(decoded.text, markdown, path.basename(source));
    if (!doc.paragraphs.some((p) => p.kind !== 'title')) {
      warnings.push(`skipped ${source}: it has no text`);
      continue;
    }
    files.push({
      ...doc,
      source,
      bytes: bytes.length,
      hash: createHash('sha1').update(bytes).digest('hex').slice(0, 16),
    });
  }
  if (files.length === 0) {
    throw new CoreError(
      'SEEDS_EMPTY',
      `seeds folder ${read.dir} has no readable .txt or .md documents${warnings.length ? ` (${warnings.length} skipped: ${warnings.join('; ')})` : ''}: add some and start again`,
    );
  }
  return { root: read.root, files, aliases, warnings };
}

/** Reads the whole corpus. Throws CoreError when there is nothing to serve. */
export async function loadCorpus(dir: string): Promise<Corpus> {
  return parseSeeds(await readSeeds(dir));
}
