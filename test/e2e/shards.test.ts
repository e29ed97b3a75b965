/**
 * DISCORD_SHARDS: `npm start` as discord.js's ShardingManager, one process per shard, against a
 * fake Discord that requires 2 shards and routes each guild's interactions to the shard that owns
 * it ((guild_id >> 22) % 2). The index is built once; a reindex through one shard reaches the
 * other; a button pressed on one shard's message works on the other; a shard that dies comes back;
 * SIGTERM stops every process.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, entryArgs } from '../entry.js';
import {
  button,
  CallbackType,
  chatInput,
  type FakeDiscord,
  guildIdForShard,
  type SentInteraction,
  startFakeDiscord,
} from './fake-discord.js';

const root = path.resolve(import.meta.dirname, '../..');
const SHARDS = 2;
let tmp: string;
let seeds: string;
let fake: FakeDiscord;
let manager: ChildProcessWithoutNullStreams | undefined;
let err = '';
const guild = [guildIdForShard(0, SHARDS), guildIdForShard(1, SHARDS)];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'seedbot-shards-'));
  seeds = path.join(tmp, 'seeds');
  cpSync(path.join(root, 'seeds'), seeds, { recursive: true });
  fake = await startFakeDiscord({
    shards: SHARDS,
    maxConcurrency: 16,
    guilds: [{ id: guild[0] }, { id: guild[1] }],
  });
  manager = spawn(process.execPath, entryArgs('src/start.ts'), {
    cwd: root,
    env: {
      ...process.env,
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_SHARDS: 'auto',
      GAPS: 'off',
      SEEDS_DIR: seeds,
      CACHE_DIR: path.join(tmp, 'cache'),
      LOG_LEVEL: 'info',
      ASK_RATE_LIMIT: '0',
    },
  });
  manager.stderr.on('data', (d) => {
    err += String(d);
  });
  manager.stdout.resume();
  await fake.waitFor(() => fake.gateway.connectedShards().length === SHARDS, 60_000, 'both shards connected');
}, 90_000);

afterAll(async () => {
  if (process.env.SHOW_LOG) console.log(err);
  if (manager && manager.exitCode === null) manager.kill('SIGKILL');
  for (const pid of shardPids()) killQuietly(pid);
  await fake?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The pid of each shard's latest process, from the manager's log. */
function shardPids(): number[] {
  const latest = new Map<number, number>();
  for (const m of err.matchAll(/shard process started .*?shard=(\d+) .*?pid=(\d+)/g))
    latest.set(Number(m[1]), Number(m[2]));
  return [...latest.values()];
}

function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {}
}

const lines = (pattern: RegExp) => err.split('\n').filter((l) => pattern.test(l));

const ask = (guildId: string, question: string, shard?: number): SentInteraction =>
  fake.sendInteraction(
    chatInput('ask', { question }, { guildId, ...(shard === undefined ? {} : { shard }) }),
  );

type Embed = { title?: string; description?: string; fields?: { name: string }[] };
const embed0 = (data: unknown) => ((data as { embeds?: Embed[] }).embeds ?? [])[0] ?? {};

describe('npm start with DISCORD_SHARDS', () => {
  it('builds the index once; every shard loads its snapshot and identifies as its shard', () => {
    expect(lines(/documents loaded .*index=built/)).toHaveLength(1);
    const loaded = lines(/documents loaded .*index=snapshot/);
    expect(loaded.map((l) => /shard=(\d+)/.exec(l)?.[1]).sort()).toEqual(['0', '1']);
    expect(fake.gateway.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('each shard answers the /ask of the guild it owns', async () => {
    const sent = [0, 1].map((s) => ask(guild[s] as string, 'How many IS fighters are still active in Iraq?'));
    for (const [s, one] of sent.entries()) {
      const callback = await one.waitForCallback(20_000);
      expect(callback.type).toBe(CallbackType.ChannelMessageWithSource);
      expect(embed0(callback.data).description).toContain('Hisham al-Hashemi');
      await expect
        .poll(() => lines(new RegExp(`interaction .*id=${one.id}\\b`)).join('\n'))
        .toMatch(new RegExp(`command=ask .*shard=${s}\\b`));
    }
  });

  it('a button pressed on shard 0’s answer, delivered to shard 1, pages the answer', async () => {
    const sent = ask(guild[0] as string, 'Who hosted the meeting in Baghdad?');
    const callback = await sent.waitForCallback(20_000);
    type Row = { components: { custom_id: string; label: string }[] };
    const rows = (callback.data?.components ?? []) as Row[];
    const more = rows.flatMap((r) => r.components).find((b) => /More/.test(b.label));
    expect(more).toBeDefined();
    const message = { id: sent.original()?.id, embeds: callback.data?.embeds, components: rows } as never;
    const click = fake.sendInteraction(
      button(more?.custom_id ?? '', message, { guildId: guild[0], shard: 1 }),
    );
    const page = await click.waitForCallback(20_000);
    expect(page.type).toBe(CallbackType.UpdateMessage);
    expect(embed0(page.data).fields?.[0]?.name).toMatch(/^\[4\] /);
    await expect
      .poll(() => lines(new RegExp(`interaction .*id=${click.id}\\b`)).join('\n'))
      .toMatch(/command=button:ask:more .*shard=1\b/);
  });

  it('a /reindex through shard 1 rebuilds once and shard 0 answers from the new documents', async () => {
    const word = 'Quillfeather';
    writeFileSync(
      path.join(seeds, 'zz-new.md'),
      `# Harbour notice\n\nThe ${word} ferry leaves the north pier at seven every morning.\n`,
    );
    const reindex = fake.sendInteraction(chatInput('reindex', {}, { guildId: guild[1], permissions: '32' }));
    await reindex.waitForOutput((o) => JSON.stringify(o.body).includes('zz-new.md'), 30_000);
    // Shard 0 hears of it and reloads (from the snapshot shard 1 saved).
    await expect
      .poll(() => lines(/documents reloaded .*shard=0\b/).length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    const answer = await ask(guild[0] as string, `When does the ${word} ferry leave?`).waitForCallback(
      20_000,
    );
    expect(embed0(answer.data).description).toContain('north pier');
  });

  it('a shard that dies is started again and answers', async () => {
    const before = shardPids();
    const victim = before[1] as number;
    killQuietly(victim);
    await expect
      .poll(() => lines(/shard died; starting it again .*shard=1\b/).length, { timeout: 20_000 })
      .toBe(1);
    await expect.poll(() => shardPids()[1] !== victim, { timeout: 30_000 }).toBe(true);
    await expect
      .poll(() => fake.gateway.connectedShards(), { timeout: 60_000, interval: 50 })
      .toEqual([0, 1]);
    const callback = await ask(guild[1] as string, 'Who hosted the meeting in Baghdad?').waitForCallback(
      20_000,
    );
    expect(callback.type).toBe(CallbackType.ChannelMessageWithSource);
  }, 90_000);

  it('SIGTERM stops the manager and every shard, with exit code 0', async () => {
    const pids = shardPids();
    expect(pids.every(alive)).toBe(true);
    const exited = new Promise<number | null>((resolve) => manager?.once('exit', (code) => resolve(code)));
    manager?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
    // Nothing was started again once the stop began.
    expect(err.slice(err.indexOf('stopping'))).not.toMatch(/shard died|shard process started/);
    expect(err).not.toContain('fake.bot.token');
  }, 30_000);
});
