/**
 * A tokenising worker thread that fails (its module cannot load, it runs out of memory) fails the
 * build with its error, and leaves no thread running. Before, this thread went on tokenising the
 * rest and then started the index's worker, which nothing stopped: `npm run ask` printed the
 * error and never exited.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

const threads: { exited: boolean }[] = [];

vi.mock('../../src/core/worker-module.js', async (original) => {
  const m = await original<typeof import('../../src/core/worker-module.js')>();
  return {
    ...m,
    workerModule: async (name: Parameters<typeof m.workerModule>[0]) =>
      name === 'encode-worker'
        ? { code: "setTimeout(() => { throw new Error('broken worker module'); }, 300);" }
        : m.workerModule(name),
    threadOf: async (...args: Parameters<typeof m.threadOf>): Promise<Worker> => {
      const worker = await m.threadOf(...args);
      const thread = { exited: false };
      threads.push(thread);
      worker.once('exit', () => {
        thread.exited = true;
      });
      return worker;
    },
  };
});

const { PARALLEL_MIN } = await import('../../src/core/build.js');
const { WORKER_MIN } = await import('../../src/core/bm25.js');
const { openSeeds } = await import('../../src/core/index.js');

let dir: string;
const saved = { parallel: PARALLEL_MIN.bytes, worker: WORKER_MIN.passages };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seedbot-worker-failure-'));
  // Tokenised on several threads and indexed on a worker, as a large corpus is.
  PARALLEL_MIN.bytes = 1;
  WORKER_MIN.passages = 1;
});
afterEach(() => {
  PARALLEL_MIN.bytes = saved.parallel;
  WORKER_MIN.passages = saved.worker;
  rmSync(dir, { recursive: true, force: true });
});

it('fails the build with the worker’s error and leaves no thread running', async () => {
  for (let i = 0; i < 400; i++) {
    const paragraphs = Array.from(
      { length: 20 },
      (_, k) => `Guide ${i} section ${k}: the harbour ferry leaves at ${k} o'clock from pier ${i}.`,
    );
    writeFileSync(path.join(dir, `guide-${i}.txt`), paragraphs.join('\n\n'));
  }
  await expect(openSeeds(path.join(dir), { cacheDir: path.join(dir, '.cache') })).rejects.toThrow(
    /broken worker module/,
  );
  // A thread started after the failure (its module bundled first) would show up by then.
  await sleep(2000);
  for (let i = 0; i < 100 && threads.some((t) => !t.exited); i++) await sleep(100);
  expect(threads.length).toBeGreaterThan(0);
  expect(threads.filter((t) => !t.exited)).toEqual([]);
});
