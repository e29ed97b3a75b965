/**
 * Past the system's limit of watched folders (fs.inotify.max_user_watches), the folders that
 * cannot be watched are reported once, with what to do: before, each rename-save in their
 * parent logged one warning per such folder again (30 saves over 200 folders: 4,681 lines).
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

/** Folders whose watch fails as at the system's limit: those named `full-…`. */
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const watch = ((target: string, ...rest: unknown[]) => {
    if (/[\\/]full-\d+$/.test(String(target)))
      throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), {
        code: 'ENOSPC',
      });
    return (fs.watch as (...a: unknown[]) => unknown)(target, ...rest);
  }) as typeof fs.watch;
  return { ...fs, default: { ...fs, watch }, watch };
});

const { LiveEngine } = await import('../../src/bot/live.js');
const { createLogger } = await import('../../src/bot/logger.js');
const { openSeeds } = await import('../../src/core/index.js');

let dir: string;
let live: InstanceType<typeof LiveEngine> | undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seedbot-watch-limit-'));
});
afterEach(() => {
  live?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('names a few folders it cannot watch once, with the remedy, however often their parent changes', async () => {
  const seeds = path.join(dir, 'seeds');
  mkdirSync(seeds);
  for (const name of ['a.md', 'b.md', 'c.md'])
    writeFileSync(path.join(seeds, name), `# ${name}\n\nText of ${name}.\n`);
  for (let i = 0; i < 20; i++) {
    mkdirSync(path.join(seeds, `full-${i}`));
    writeFileSync(path.join(seeds, `full-${i}`, 'page.md'), `# Page ${i}\n\nThe page number ${i}.\n`);
  }
  const { engine } = await openSeeds(seeds, { cacheDir: null });
  const logs: string[] = [];
  live = new LiveEngine(engine, {
    seedsDir: seeds,
    cacheDir: null,
    logger: createLogger('info', (line) => logs.push(line)),
    debounceMs: 50,
    pollMs: 200,
  });
  live.watch();
  // Editors' rename-saves in the parent: each makes it list its folders again.
  for (let i = 0; i < 10; i++) {
    writeFileSync(path.join(seeds, 'a.md.tmp'), `# a\n\nEdit ${i}.\n`);
    renameSync(path.join(seeds, 'a.md.tmp'), path.join(seeds, 'a.md'));
    await sleep(150);
  }
  const named = logs.filter((l) => l.includes('cannot watch a folder of documents'));
  expect(named).toHaveLength(5);
  expect(named[0]).toContain('raise fs.inotify.max_user_watches');
  expect(logs.filter((l) => l.includes('more folders of documents cannot be watched'))).toHaveLength(1);
  // The documents in those folders are still served.
  expect(live.engine().documents.map((d) => d.source)).toContain('full-7/page.md');
});
