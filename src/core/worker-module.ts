/**
 * The module a worker thread of the core runs. Built JavaScript runs as it is. Run from the
 * TypeScript sources (`npm start` runs them through tsx, and so do the tests), the worker's
 * module is bundled once per process by esbuild — the compiler tsx itself uses — into one file
 * under `node_modules/.cache/seedbot-workers/`, named by a hash of its code, the packages it
 * imports left to Node. A worker that registered tsx instead would compile every module again in
 * a loader thread of its own: measured on a worker that tokenises, 0.3 s more to start, 0.4 s
 * more CPU and about 10 MB more memory for as long as it runs. When bundling is not possible (no
 * esbuild, a folder that cannot be written), the worker registers tsx as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { makeDir } from './make-dir.js';

export type WorkerName = 'bm25-worker' | 'encode-worker';

/**
 * How to start a worker: a module file, or (from the sources, unbundled) code to evaluate.
 * `execArgv` replaces the process's flags in the worker when given: a worker inherits them
 * otherwise, tsx's `--import` among them, and would register tsx again (V8's flags, such as
 * `--expose-gc`, are the whole process's anyway).
 */
export type WorkerModule = { url: URL; execArgv?: string[] } | { code: string };

/**
 * A bundle older than this is removed when a new bundle of the same worker is written (another
 * process may still run the old code; see workerModule for one that outlives it).
 */
const STALE_MS = 7 * 24 * 60 * 60 * 1000;

const made = new Map<string, Promise<WorkerModule>>();

/** A thread running `module`, with `options` (its data, transfers, limits). */
export async function threadOf(module: WorkerModule, options: WorkerOptions = {}): Promise<Worker> {
  const { Worker } = await import('node:worker_threads');
  return 'url' in module
    ? new Worker(module.url, { ...options, ...(module.execArgv ? { execArgv: module.execArgv } : {}) })
    : new Worker(module.code, { ...options, eval: true });
}

/**
 * The module of worker `name` (bundled once per process when run from the sources, and again
 * if its file was removed meanwhile, say by another process after a week). Bundles are written
 * inside the project, in `dir`: the packages they import resolve from there.
 */
export async function workerModule(
  name: WorkerName,
  dir = fileURLToPath(new URL('../../node_modules/.cache/seedbot-workers/', import.meta.url)),
): Promise<WorkerModule> {
  const key = `${dir}\0${name}`;
  const again = () => {
    const module = moduleOf(name, import.meta.url.endsWith('.ts'), dir);
    made.set(key, module);
    return module;
  };
  // Remembered before anything is awaited: callers at the same moment share one bundle.
  const module = made.get(key) ?? again();
  const known = await module;
  if ('url' in known && known.execArgv && !existsSync(known.url))
    return made.get(key) === module ? again() : (made.get(key) as Promise<WorkerModule>);
  return known;
}

/** The module of worker `name`, from the sources (bundled into `dir`) or built. */
export async function moduleOf(name: WorkerName, fromSources: boolean, dir: string): Promise<WorkerModule> {
  const url = new URL(`./${name}.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSources) return { url };
  try {
    return { url: await bundle(name, url, dir), execArgv: [] };
  } catch {
    return {
      code: `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}))`,
    };
  }
}

/**
 * Bundles the worker module at `source` into `dir`, once per version of its code. esbuild
 * works in a process of its own: this thread goes on meanwhile (a cold build tokenises while
 * its worker's module is bundled).
 */
/** A require made from a module's own place (esbuild may number a renamed import: createRequire2). */
const REQUIRE_HERE = /\bcreateRequire\d*\(import\.meta\.url\)/g;

async function bundle(name: WorkerName, source: URL, dir: string): Promise<URL> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [fileURLToPath(source)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]?.text;
  // A path worked out from a module's own place would point into the cache folder (the code
  // that starts workers, which uses one, is left out of their bundles as unused). A require of
  // a package by name from there (`createRequire(import.meta.url)('snowball-stemmers')`, loaded
  // when first needed) resolves as from the sources: node_modules is above both.
  if (!code || code.replace(REQUIRE_HERE, '').includes('import.meta'))
    throw new Error(`${name} cannot be bundled`);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = path.join(dir, `${name}-${hash}.mjs`);
  makeDir(dir);
  try {
    statSync(file);
    return pathToFileURL(file);
  } catch {
    // Not written yet.
  }
  // Written under a name of its own and renamed: a process starting the same worker meanwhile
  // never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, code);
  renameSync(partial, file);
  for (const other of readdirSync(dir)) {
    if (!other.startsWith(`${name}-`) || other === path.basename(file)) continue;
    const stale = path.join(dir, other);
    try {
      if (Date.now() - statSync(stale).mtimeMs > STALE_MS) rmSync(stale, { force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
  return pathToFileURL(file);
}
