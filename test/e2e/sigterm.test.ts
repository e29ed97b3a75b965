/**
 * `npm start` stops cleanly on SIGTERM even while the live engine is rebuilding the index in the
 * background: the process exits with code 0 (its own hard stop, 4 s after the signal, exits with
 * code 1), and the rebuild under way is never swapped in.
 *
 * Deterministic, not timed: the bot starts on a small corpus; a large folder of documents is then
 * moved in, so the rebuild that follows is long; the signal is sent as soon as the bot logs that
 * this rebuild has started.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../scripts/bench/corpus.js';
import { entryArgs } from '../entry.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.js';

const root = path.resolve(import.meta.dirname, '../..');
/** The documents the bot starts with: quick to index. */
const START_PARAGRAPHS = 300;
/** The documents moved in: their rebuild takes seconds, far longer than the signal takes to arrive. */
const ADDED_PARAGRAPHS = 5000;
/** How long to wait for the exit before failing (the process's own hard stop is at 4 s). */
const EXIT_GUARD_MS = 15_000;

let tmp: string;
let fake: FakeDiscord;
let child: ChildProcessWithoutNullStreams | undefined;
let group: number | undefined;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'seedbot-sigterm-'));
  writeCorpus(path.join(tmp, 'seeds'), START_PARAGRAPHS);
  writeCorpus(path.join(tmp, 'incoming'), ADDED_PARAGRAPHS);
  fake = await startFakeDiscord();
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // npm's process group, should the bot have outlived npm.
  if (group !== undefined) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  await fake?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const count = (text: string, what: string) => text.split(what).length - 1;

/** `npm start`'s settings for these tests: the fake Discord, the small corpus, a cache of its own. */
const botEnv = (cache: string, extra: Record<string, string> = {}) => ({
  ...process.env,
  DISCORD_TOKEN: 'fake.bot.token',
  DISCORD_API_URL: fake.apiUrl,
  GAPS: 'off',
  SEEDS_DIR: path.join(tmp, 'seeds'),
  CACHE_DIR: path.join(tmp, cache),
  ...extra,
});

describe('npm start and SIGTERM', () => {
  it('exits with code 0 on SIGTERM sent while a background reload is rebuilding, and never swaps it in', async () => {
    const seeds = path.join(tmp, 'seeds');
    const proc = spawn(process.execPath, entryArgs('src/start.ts'), {
      cwd: root,
      // Debug: the watcher logs each change it sees ("seeds changed").
      env: botEnv('cache', { LOG_LEVEL: 'debug' }),
    });
    child = proc;
    let err = '';
    /** Set once the large folder is moved in: the reloads started and finished by then. */
    let moved: { started: number; finished: number } | undefined;
    /** Set once the signal is sent: the reloads finished by then. */
    let signalled: { finished: number } | undefined;
    proc.stderr.on('data', (d) => {
      err += String(d);
      // The watcher saw a change: move the large folder in at once, within the debounce of that
      // change, so the next reload to start reads it.
      if (!moved && err.includes('seeds changed')) {
        renameSync(path.join(tmp, 'incoming'), path.join(seeds, 'more'));
        moved = { started: count(err, 'reloading documents'), finished: count(err, 'documents reloaded') };
      }
      // A reload started after the move: it is rebuilding the large corpus now.
      if (moved && !signalled && count(err, 'reloading documents') > moved.started) {
        proc.kill('SIGTERM');
        signalled = { finished: count(err, 'documents reloaded') };
      }
    });
    proc.stdout.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      proc.once('exit', (code, signal) => resolve({ code, signal })),
    );

    // The first start builds the index and saves a snapshot, then logs in.
    await expect
      .poll(() => err.includes('connected to Discord'), { timeout: 45_000, interval: 20 })
      .toBe(true);
    expect(err).toMatch(/documents loaded .*index=built .*passages=\d+/);

    // The watcher is set up right after login: touch a document until it reports the change.
    const file = path.join(seeds, 'part-000', 'doc-00000.txt');
    await expect
      .poll(
        () => {
          if (!moved) appendFileSync(file, 'A line appended to wake the watcher.\n');
          return moved !== undefined;
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBe(true);

    await expect.poll(() => signalled !== undefined, { timeout: 30_000, interval: 20 }).toBe(true);
    const hang = new Promise<'hang'>((resolve) => setTimeout(resolve, EXIT_GUARD_MS, 'hang').unref());
    const result = await Promise.race([exited, hang]);
    if (typeof result === 'string') throw new Error(`no exit after SIGTERM; stderr:\n${err}`);
    expect({ code: result.code, signal: result.signal }, `stderr:\n${err}`).toEqual({
      code: 0,
      signal: null,
    });
    // In order: the reload started, then the stop; the reload never finished.
    const started = err.lastIndexOf('reloading documents');
    const stopping = err.search(/stopping signal=SIGTERM/);
    expect(started).toBeGreaterThan(-1);
    expect(stopping).toBeGreaterThan(started);
    expect(err).not.toMatch(/unhandled rejection|stop failed/);
    expect(count(err, 'documents reloaded')).toBe(signalled?.finished);
  }, 60_000);

  it('stops cleanly on SIGTERM sent while it connects: once connected, not cut off', async () => {
    // The connection takes 1.5 s (Discord slow to tell the gateway's address): the signal comes meanwhile.
    const slow = fake.failNext((r) => r.method === 'GET' && r.route.includes('/gateway/bot'), {
      delayMs: 1500,
    });
    const proc = spawn(process.execPath, entryArgs('src/start.ts'), {
      cwd: root,
      env: botEnv('cache-connecting', { INTERACTIONS_PORT: '', DISCORD_SHARDS: '' }),
    });
    let err = '';
    proc.stderr.on('data', (d) => {
      err += String(d);
    });
    proc.stdout.resume();
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    // The bot is connecting: Discord holds its request for the gateway's address.
    await expect.poll(() => slow.hits.length > 0, { timeout: 45_000, interval: 20 }).toBe(true);
    proc.kill('SIGTERM');
    expect(await exited, err).toBe(0);
    // Before: "stopped by SIGTERM while starting", exit at once, the connection cut off.
    expect(err).toMatch(/connected to Discord[\s\S]*stopping signal=SIGTERM/);
  }, 60_000);

  it('stops when SIGTERM reaches npm itself (a container or a process manager stops npm start)', async () => {
    const proc = spawn('npm', ['start'], {
      cwd: root,
      detached: true,
      env: botEnv('cache-npm'),
    });
    group = proc.pid;
    let out = '';
    proc.stderr.on('data', (d) => {
      out += String(d);
    });
    proc.stdout.on('data', (d) => {
      out += String(d);
    });
    await expect
      .poll(() => out.includes('connected to Discord'), { timeout: 45_000, interval: 20 })
      .toBe(true);
    // To npm only, not its process group: npm passes it on to the script it runs.
    process.kill(proc.pid as number, 'SIGTERM');
    await expect
      .poll(() => /stopping signal=SIGTERM/.test(out), { timeout: 15_000, interval: 20 })
      .toBe(true);
  }, 60_000);
});
