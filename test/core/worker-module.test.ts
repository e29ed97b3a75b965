import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPostings, encode, type Postings } from '../../src/core/bm25.js';
import { moduleOf, threadOf, type WorkerModule, workerModule } from '../../src/core/worker-module.js';

const dirs: string[] = [];
// Inside the project, as the bundles' own folder is: the packages they import resolve from it.
const cache = path.resolve(import.meta.dirname, '../../node_modules/.cache');
const folder = () => {
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, 'seedbot-workers-test-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const passages = ['release notes for the spring version', 'install the package with npm', 'spring cleaning']
  .concat(Array.from({ length: 7 }, (_, i) => `filler passage ${i} about nothing`))
  .map((text) => ({ title: [], body: text.split(' ') }));

/** Runs the index worker from `module` on the passages above and returns its postings. */
async function postingsFrom(module: WorkerModule): Promise<Postings> {
  const worker = await threadOf(module);
  try {
    const result = new Promise<Postings>((resolve, reject) => {
      worker.on('message', (m: { result?: Postings }) => {
        if (m.result) resolve(m.result);
      });
      worker.on('error', reject);
    });
    worker.postMessage({ enc: encode(passages), options: {} });
    return await result;
  } finally {
    await worker.terminate();
  }
}

describe('a worker thread run from the TypeScript sources', () => {
  it('runs one bundled module, written once per version of its code, without loader flags', async () => {
    const dir = folder();
    const first = await moduleOf('bm25-worker', true, dir);
    expect(first).toMatchObject({ execArgv: [] });
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^bm25-worker-[0-9a-f]{16}\.mjs$/)]);
    const again = await moduleOf('bm25-worker', true, dir);
    expect(again).toEqual(first);
    expect(readdirSync(dir)).toHaveLength(1);
    // The bundle does the worker's job: the same postings as this thread builds.
    expect(await postingsFrom(first)).toEqual(buildPostings(encode(passages), {}));
    // The tokenising worker bundles too.
    expect(await moduleOf('encode-worker', true, dir)).toMatchObject({ execArgv: [] });
  });

  it('bundles once per process, and again when the file was removed meanwhile', async () => {
    const dir = folder();
    const first = await workerModule('bm25-worker', dir);
    expect(await workerModule('bm25-worker', dir)).toBe(first);
    const url = 'url' in first ? first.url : new URL('file:///nowhere');
    rmSync(url);
    const again = await workerModule('bm25-worker', dir);
    expect(again).toEqual(first);
    expect(existsSync(url)).toBe(true);
  });

  it('bundles once for callers at the same moment (the threads of a build start together)', async () => {
    const dir = folder();
    const all = await Promise.all([1, 2, 3].map(() => workerModule('encode-worker', dir)));
    expect(all[1]).toBe(all[0]);
    expect(all[2]).toBe(all[0]);
  });

  it("removes a worker's bundles older than a week when its code changed, and keeps the rest", async () => {
    const dir = folder();
    const old = Date.now() / 1000 - 8 * 24 * 3600;
    for (const [name, when] of [
      ['bm25-worker-0000000000000000.mjs', old],
      ['bm25-worker-1111111111111111.mjs', Date.now() / 1000 - 6 * 24 * 3600],
      ['encode-worker-0000000000000000.mjs', old],
    ] as const) {
      writeFileSync(path.join(dir, name), '');
      utimesSync(path.join(dir, name), when, when);
    }
    const made = await moduleOf('bm25-worker', true, dir);
    const kept = readdirSync(dir).sort();
    expect(kept).toHaveLength(3);
    expect(kept).toContain('bm25-worker-1111111111111111.mjs');
    expect(kept).toContain('encode-worker-0000000000000000.mjs');
    expect(kept).toContain(path.basename('url' in made ? made.url.pathname : ''));
  });

  it('registers tsx in the worker instead when its folder cannot be written', async () => {
    const blocked = path.join(folder(), 'a-file');
    writeFileSync(blocked, '');
    const module = await moduleOf('bm25-worker', true, blocked);
    expect(module).toEqual({ code: expect.stringContaining("import('tsx/esm/api')") });
    expect(await postingsFrom(module)).toEqual(buildPostings(encode(passages), {}));
  }, 30_000);

  it('runs the built JavaScript as it is', async () => {
    const module = await moduleOf('encode-worker', false, folder());
    expect(module).toEqual({
      url: expect.objectContaining({ pathname: expect.stringMatching(/encode-worker\.js$/) }),
    });
  });
});
