/**
 * The hashing key of the knowledge-gaps log: made once, whole, where hard links can be made and
 * where they cannot (FAT, some network shares); read as it is on every later start, writing
 * nothing (a full disk does not stop a bot whose key is there).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ links: 0, writes: 0, linkFails: false }));
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  return {
    ...fs,
    link: async (...args: Parameters<typeof fs.link>) => {
      calls.links++;
      if (calls.linkFails) throw Object.assign(new Error('operation not permitted, link'), { code: 'EPERM' });
      return fs.link(...args);
    },
    writeFile: async (...args: Parameters<typeof fs.writeFile>) => {
      calls.writes++;
      return fs.writeFile(...args);
    },
  };
});

const { GapsStore } = await import('../../src/bot/gaps-store.js');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'seedbot-gaps-key-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
beforeEach(() => {
  calls.links = 0;
  calls.writes = 0;
  calls.linkFails = false;
});

describe('the knowledge-gaps key', () => {
  it('is made once, then read on every start without writing anything', async () => {
    const dir = path.join(tmp, `d${n++}`);
    const first = new GapsStore({ dir, retentionDays: 90 });
    await first.open();
    expect(calls.links).toBe(1);
    calls.writes = 0;
    const again = new GapsStore({ dir, retentionDays: 90 });
    await again.open();
    expect(calls.writes).toBe(0);
    expect(again.hashUser('1')).toBe(first.hashUser('1'));
    // No draft left behind (today's file is made at open: the folder is checked writable).
    expect(readdirSync(dir).filter((f) => !/^gaps-\d{4}-\d{2}-\d{2}\.jsonl$/.test(f))).toEqual(['gaps.key']);
  });

  it('is made where hard links cannot be', async () => {
    calls.linkFails = true;
    const dir = path.join(tmp, `d${n++}`);
    const store = new GapsStore({ dir, retentionDays: 90 });
    await store.open();
    expect(store.hashUser('1')).toMatch(/^[0-9a-f]{32}$/);
    expect(readdirSync(dir).filter((f) => !/^gaps-\d{4}-\d{2}-\d{2}\.jsonl$/.test(f))).toEqual(['gaps.key']);
    const again = new GapsStore({ dir, retentionDays: 90 });
    await again.open();
    expect(again.hashUser('1')).toBe(store.hashUser('1'));
  });
});
