/**
 * DISCORD_SHARDS: a shard that cannot start (here, Discord refuses the intents it asks for) ends, and so
 * does the manager, with every shard stopped: a service manager sees the failure and can start
 * it again, instead of a manager that waits on shards that never come.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, entryArgs } from '../entry.js';
import { type FakeDiscord, guildIdForShard, startFakeDiscord } from './fake-discord.js';

const root = path.resolve(import.meta.dirname, '../..');
let tmp: string;
let fake: FakeDiscord;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'seedbot-shards-fail-'));
  cpSync(path.join(root, 'seeds'), path.join(tmp, 'seeds'), { recursive: true });
  fake = await startFakeDiscord({
    shards: 2,
    maxConcurrency: 16,
    guilds: [{ id: guildIdForShard(0, 2) }, { id: guildIdForShard(1, 2) }],
    // Every shard's IDENTIFY is refused (4014), as when an intent is not enabled on the Bot page.
    disallowedIntents: 0xffffffff,
  });
});

afterAll(async () => {
  await fake?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('npm start with DISCORD_SHARDS, when a shard cannot start', () => {
  it('stops every shard and exits with an error, without waiting for them to be ready', async () => {
    let err = '';
    const manager = spawn(process.execPath, entryArgs('src/start.ts'), {
      cwd: root,
      env: {
        ...process.env,
        DISCORD_TOKEN: 'fake.bot.token',
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_SHARDS: 'auto',
        GAPS: 'on',
        DATA_DIR: path.join(tmp, 'data'),
        SEEDS_DIR: path.join(tmp, 'seeds'),
        CACHE_DIR: path.join(tmp, 'cache'),
      },
    });
    manager.stderr.on('data', (d) => {
      err += String(d);
    });
    manager.stdout.resume();
    const code = await new Promise<number | null>((resolve) => {
      // Far less than the 120 s a shard is given to become ready.
      const guard = setTimeout(() => {
        manager.kill('SIGKILL');
        resolve(-1);
      }, 60_000);
      manager.once('exit', (c) => {
        clearTimeout(guard);
        resolve(c);
      });
    });
    const pids = [...err.matchAll(/shard process started .*?pid=(\d+)/g)].map((m) => Number(m[1]));
    // Seen before anything here kills them: shards left running once the manager has ended.
    const left = pids.filter(alive);
    for (const pid of left) process.kill(pid, 'SIGKILL');
    expect(code, err).toBeGreaterThan(0);
    expect(err).toContain('an intent the bot asks for is not enabled on the Bot page');
    expect(pids.length).toBeGreaterThan(0);
    expect(left).toEqual([]);
  }, 90_000);
});
