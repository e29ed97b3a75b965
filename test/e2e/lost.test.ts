/**
 * A bot that can no longer serve ends, for a service manager to see, instead of running on
 * connected to nothing: the gateway closed for good (a reset token), a shard that keeps dying,
 * shards whose manager was stopped while starting them or killed. `npm start` as a process
 * against the fake Discord.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, entryArgs } from '../entry.js';
import { type FakeDiscordOptions, guildIdForShard, startFakeDiscord } from './fake-discord.js';

const root = path.resolve(import.meta.dirname, '../..');
let tmp: string;
const pids = new Set<number>();
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'seedbot-lost-'));
  cpSync(path.join(root, 'seeds'), path.join(tmp, 'seeds'), { recursive: true });
});

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
  rmSync(tmp, { recursive: true, force: true });
});

/** `npm start` against `apiUrl`; its stderr so far, and its exit. */
function start(apiUrl: string, extra: Record<string, string> = {}) {
  const out = { err: '' };
  const child = spawn(process.execPath, entryArgs('src/start.ts'), {
    cwd: root,
    env: {
      ...process.env,
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_API_URL: apiUrl,
      GAPS: 'off',
      SEEDS_DIR: path.join(tmp, 'seeds'),
      CACHE_DIR: path.join(tmp, `cache-${children.length}`),
      ...extra,
    },
  });
  children.push(child);
  child.stderr.on('data', (d) => {
    out.err += String(d);
    for (const m of String(d).matchAll(/pid=(\d+)/g)) pids.add(Number(m[1]));
  });
  child.stdout.resume();
  const exited = (withinMs: number) =>
    new Promise<number | null | 'still running'>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      const t = setTimeout(() => resolve('still running'), withinMs);
      child.once('exit', (c) => {
        clearTimeout(t);
        resolve(c);
      });
    });
  return { child, out, exited };
}

/** A Discord that wants two shards, one server each; `maxConcurrency` 1: 5.5 s between two starts. */
const twoShards = (maxConcurrency: number): FakeDiscordOptions => ({
  shards: 2,
  maxConcurrency,
  guilds: [{ id: guildIdForShard(0, 2) }, { id: guildIdForShard(1, 2) }],
});

const shardPids = (err: string) =>
  [...err.matchAll(/shard process started .*?pid=(\d+)/g)].map((m) => Number(m[1]));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a bot that can no longer serve', () => {
  it('ends with code 1 and says why when Discord closes the gateway for good (4004: the token was reset)', async () => {
    const fake = await startFakeDiscord();
    try {
      const bot = start(fake.apiUrl);
      await fake.gateway.waitForConnected(30_000);
      fake.gateway.close(4004, 'Authentication failed');
      // Before: one warning, then running for ever, connected to nothing.
      expect(await bot.exited(15_000)).toBe(1);
      expect(bot.out.err).toContain('the token is no longer valid');
    } finally {
      await fake.close();
    }
  }, 60_000);

  it('stops every shard and ends with code 1 when a shard cannot start again (the token was reset)', async () => {
    const options: FakeDiscordOptions = { ...twoShards(16), token: 'fake.bot.token' };
    const fake = await startFakeDiscord(options);
    try {
      const manager = start(fake.apiUrl, { DISCORD_SHARDS: 'auto' });
      await fake.waitFor(() => /shards started/.test(manager.out.err), 60_000, 'both shards started');
      options.token = 'reset.bot.token';
      const pid = Number(
        [...manager.out.err.matchAll(/shard process started shard=1 .*?pid=(\d+)/g)].at(-1)?.[1],
      );
      process.kill(pid, 'SIGKILL');
      // Before: shard 1 was started again and again (40 times in 30 s), the manager never ended.
      expect(await manager.exited(30_000)).toBe(1);
      expect(manager.out.err).toContain('every shard is stopped');
      expect(manager.out.err.match(/shard process started shard=1/g)?.length ?? 0).toBeLessThanOrEqual(3);
      await sleep(1000);
      expect(shardPids(manager.out.err).filter(alive)).toEqual([]);
    } finally {
      await fake.close();
    }
  }, 120_000);

  it('stops the shards started so far when the manager is stopped while starting them', async () => {
    // max_concurrency 1: the manager waits 5.5 s between two shards.
    const fake = await startFakeDiscord(twoShards(1));
    try {
      const manager = start(fake.apiUrl, { DISCORD_SHARDS: 'auto' });
      await fake.waitFor(() => fake.gateway.connectedShards().length === 1, 60_000, 'shard 0 connected');
      manager.child.kill('SIGTERM');
      expect(await manager.exited(15_000)).toBe(0);
      // Before: shard 0 ran on, connected, with no manager.
      const mine = shardPids(manager.out.err);
      await fake.waitFor(() => mine.every((p) => !alive(p)), 10_000, 'the shards stopped');
      expect(mine.filter(alive)).toEqual([]);
      expect(fake.gateway.connectedShards()).toEqual([]);
    } finally {
      await fake.close();
    }
  }, 90_000);

  it('stops its shards when the manager is killed (SIGKILL, the OOM killer)', async () => {
    const fake = await startFakeDiscord(twoShards(16));
    try {
      const manager = start(fake.apiUrl, { DISCORD_SHARDS: 'auto' });
      await fake.waitFor(() => /shards started/.test(manager.out.err), 60_000, 'both shards started');
      const mine = shardPids(manager.out.err);
      manager.child.kill('SIGKILL');
      await fake.waitFor(() => mine.every((p) => !alive(p)), 10_000, 'the shards stopped');
      expect(mine.filter(alive)).toEqual([]);
    } finally {
      await fake.close();
    }
  }, 90_000);
});
