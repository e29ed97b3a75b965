import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GapsStore } from '../../src/bot/gaps-store.js';
import { openSeeds } from '../../src/core/index.js';
import { makeDir } from '../../src/core/make-dir.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'make-dir-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('makeDir', () => {
  it('makes the missing folders of a path, and is content when they exist', () => {
    const deep = path.join(dir, 'a', 'b', 'c');
    makeDir(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    makeDir(deep);
    makeDir(path.join(dir, 'a'));
    expect(statSync(deep).isDirectory()).toBe(true);
  });

  it('fails on a file where a folder should be, above it or in its place', () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'x');
    expect(() => makeDir(path.join(file, 'cache'))).toThrow(/ENOTDIR/);
    expect(() => makeDir(file)).toThrow(/EEXIST/);
  });
});

// The system answers "no such file" for a new folder under /proc, whose parent exists: Node's
// recursive mkdir retried that forever, and the bot never started (DATA_DIR) or answered (CACHE_DIR).
describe.runIf(process.platform === 'linux' && existsSync('/proc/self'))(
  'a folder setting under /proc',
  () => {
    it('CACHE_DIR there: the question is answered and the snapshot is said not saved', async () => {
      const seeds = path.join(dir, 'seeds');
      makeDir(seeds);
      for (const [name, text] of [
        ['a.txt', 'The harbour opens at dawn every day of the year.'],
        ['b.txt', 'Mooring fees are paid at the harbour office.'],
        ['c.txt', 'The lighthouse keeper repaints the lamp room each spring.'],
      ])
        writeFileSync(path.join(seeds, name as string), text as string);
      const opened = await openSeeds(seeds, { cacheDir: '/proc/no-such-folder/cache' });
      expect(opened.engine.answer('when does the harbour open?').results[0]?.text).toContain('dawn');
      expect(opened.warnings.join('\n')).toMatch(/could not save the index snapshot .*ENOENT/);
    });

    it('DATA_DIR there: opening the gaps store fails with the reason', async () => {
      const store = new GapsStore({ dir: '/proc/no-such-folder/data', retentionDays: 90 });
      await expect(store.open()).rejects.toThrow(/ENOENT/);
    });
  },
);
