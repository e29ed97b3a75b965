/**
 * The knowledge-gaps log survives SIGKILL: `npm start` against the fake Discord takes votes in
 * waves of 50 and is killed in the middle of one, after 100 were acknowledged; every vote the bot acknowledged (the voter got
 * "thanks") is in the log afterwards, and what a write cut short left behind is skipped, not fatal.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GapsStore } from '../../src/bot/gaps-store.js';
import { entryArgs } from '../entry.js';
import {
  button,
  chatInput,
  type FakeMessage,
  type SentInteraction,
  snowflake,
  startFakeDiscord,
} from './fake-discord.js';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'seedbot-gaps-kill-'));
const VOTES = 1000;
const WAVE = 50;
/** Acknowledged votes before the last wave, the one the kill cuts short. */
const ACKNOWLEDGED = 100;
let child: ChildProcessWithoutNullStreams | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

describe('the knowledge-gaps log under SIGKILL', () => {
  it('keeps every acknowledged vote when killed in the middle of a burst', async () => {
    const fake = await startFakeDiscord();
    try {
      const dataDir = path.join(tmp, 'data');
      child = spawn(process.execPath, entryArgs('src/start.ts'), {
        cwd: root,
        env: {
          ...process.env,
          DISCORD_TOKEN: 'fake.bot.token',
          DISCORD_API_URL: fake.apiUrl,
          SEEDS_DIR: 'seeds',
          CACHE_DIR: path.join(tmp, 'cache'),
          DATA_DIR: dataDir,
          ASK_RATE_LIMIT: '0',
          LOG_LEVEL: 'warn',
        },
      });
      let err = '';
      child.stderr.on('data', (d) => {
        err += String(d);
      });
      child.stdout.resume();
      await fake.gateway.waitForConnected(60_000);

      const asked = fake.sendInteraction(
        chatInput('ask', { question: 'Who hosted the meeting in Baghdad?' }),
      );
      const answer = await asked.waitForCallback(30_000);
      const rows = (answer.data?.components ?? []) as {
        components: { custom_id: string; emoji?: { name: string } }[];
      }[];
      const up = rows.flatMap((r) => r.components).find((b) => b.emoji?.name === '👍')?.custom_id;
      expect(up).toBeDefined();
      const message = {
        ...(asked.original() as FakeMessage),
        components: answer.data?.components,
      } as FakeMessage;

      const voters: { id: string; sent: SentInteraction }[] = [];
      const vote = () => {
        const id = snowflake();
        voters.push({
          id,
          sent: fake.sendInteraction(
            button(up as string, message, { user: { id, username: `v${voters.length}` } }),
          ),
        });
      };
      const thanked = (v: { sent: SentInteraction }) =>
        v.sent.outputs().some((o) => JSON.stringify(o.body).includes('your 👍 is counted'));
      const diagnose = (error: unknown) => {
        const kinds = voters.flatMap((v) => v.sent.outputs().map((o) => `${o.kind}:${o.callbackType ?? ''}`));
        const counts: Record<string, number> = {};
        for (const k of kinds) counts[k] = (counts[k] ?? 0) + 1;
        throw new Error(
          `${String(error)}; ${voters.length} sent, outputs ${JSON.stringify(counts)}; stderr:\n${err.slice(-3000)}`,
        );
      };
      // The burst goes in waves of WAVE votes, the next once half of the last is acknowledged:
      // a thousand requests at once against a fake Discord in the same busy machine only measure
      // how both cope with the queue. Once 100 are acknowledged, one more wave is sent and the
      // bot is killed while it is taking it (its votes being written).
      while (voters.filter(thanked).length < ACKNOWLEDGED) {
        const before = voters.length;
        for (let k = 0; k < WAVE && voters.length < VOTES; k++) vote();
        await fake
          .waitFor(
            () => voters.filter(thanked).length >= before + WAVE / 2,
            120_000,
            'half of a wave of votes acknowledged',
          )
          .catch(diagnose);
      }
      for (let k = 0; k < WAVE; k++) vote();
      const last = voters.slice(-WAVE);
      await fake
        .waitFor(() => last.some((v) => v.sent.outputs().length > 0), 60_000, 'the last wave being answered')
        .catch(diagnose);
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const acknowledged = voters.filter(thanked);
      expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED);
      expect(err).not.toMatch(/ERROR/);

      // A new process reads the log: every acknowledged vote is there; a torn tail is only skipped.
      const store = new GapsStore({ dir: dataDir, retentionDays: 90 });
      await store.open();
      const { events } = await store.read();
      const stored = new Set(events.filter((e) => e.type === 'vote').map((e) => e.user));
      const lost = acknowledged.filter((v) => !stored.has(store.hashUser(v.id)));
      expect(lost).toEqual([]);
      console.info(
        `gaps: ${acknowledged.length} of ${voters.length} votes acknowledged before SIGKILL, ${stored.size} stored`,
      );
    } finally {
      await fake.close();
    }
  }, 240_000);
});
