/**
 * The seeds watcher under a burst of changes (a git checkout, an editor saving many files): every
 * change is reported, and the folder is listed again a few times, not once per file (each
 * listing reads the whole folder on the bot's thread).
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ listings: 0 }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  return {
    ...fs,
    readdirSync: (...args: Parameters<typeof fs.readdirSync>) => {
      calls.listings++;
      return fs.readdirSync(...args);
    },
  };
});

const { FolderWatcher } = await import('../../src/bot/watcher.js');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'seedbot-watch-burst-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a burst of changes', () => {
  it('is reported file by file, with the folder listed a few times, not once per file', async () => {
    const n = 1500;
    const folder = path.join(tmp, 'reference');
    mkdirSync(folder);
    for (let i = 0; i < n; i++) writeFileSync(path.join(folder, `api-${i}.md`), `# API ${i}\n\nOne value.\n`);
    const changed = new Set<string>();
    const watcher = new FolderWatcher(
      tmp,
      (file) => changed.add(file),
      () => {},
      () => {},
    );
    try {
      calls.listings = 0;
      // Every page saved as an editor or git saves it: written aside, then renamed over.
      for (let i = 0; i < n; i++) {
        const page = path.join(folder, `api-${i}.md`);
        writeFileSync(`${page}.new`, `# API ${i}\n\nTwo values.\n`);
        renameSync(`${page}.new`, page);
      }
      const deadline = Date.now() + 10_000;
      while (changed.size < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < n; i++) expect(changed.has(`reference/api-${i}.md`)).toBe(true);
      // Before, each rename listed the folder again: 3,000 listings of 1,500 entries.
      expect(calls.listings).toBeLessThan(50);
    } finally {
      watcher.close();
    }
  });
});
