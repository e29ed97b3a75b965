/**
 * A snapshot's key and where it lives: the corpus files and ranking settings, the format, and
 * the code's fingerprint (the package version, the versions of the packages that parse and
 * index, every source file of the core), so a snapshot made by other code is never loaded.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeedBytes } from './corpus.js';
import type { EngineOptions } from './engine.js';
import { rankingOf } from './ranking.js';
import { MAGIC, SNAPSHOT_FORMAT } from './snapshot-format.js';

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
export async function unitsKey(): Promise<string> {
  return `${MAGIC}\n${SNAPSHOT_FORMAT}\n${await version()}`;
}

/** Where the snapshot of a seeds folder lives: one file per folder. */
export function snapshotPath(cacheDir: string, root: string): string {
  const id = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
  return path.join(cacheDir, `index-${id}.snapshot`);
}
