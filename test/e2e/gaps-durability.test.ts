/**
 * The knowledge-gaps log survives SIGKILL: `npm start` against the fake Discord takes a burst of
 * 1,000 votes and is killed in the middle of it; every vote the bot acknowledged (the voter got
 * "thanks") is in the log afterwards, and what a write cut short left behind is skipped, not fatal.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GapsStore } from '../../src/bot/gaps-store.js';
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
let child: ChildProcessWithoutNullStreams | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

describe('the knowledge-gaps log under SIGKILL', () => {
  it('keeps every acknowledged vote of a burst of 1,000', async () => {
    const fake = await startFakeDiscord();
    try {
      const dataDir = path.join(tmp, 'data');
      child = spawn(process.execPath, ['--import', 'tsx', 'src/start.ts'], {
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
      for (let i = 0; i < VOTES; i++) {
        const id = snowflake();
        voters.push({
          id,
          sent: fake.sendInteraction(button(up as string, message, { user: { id, username: `v${i}` } })),
        });
      }
      const thanked = (v: { sent: SentInteraction }) =>
        v.sent.outputs().some((o) => JSON.stringify(o.body).includes('your 👍 is counted'));
      // Kill it in the middle of the burst (a busy machine may take a while to get there).
      await fake
        .waitFor(() => voters.filter(thanked).length >= 200, 150_000, '200 acknowledged votes')
        .catch((error: unknown) => {
          const kinds = voters.flatMap((v) =>
            v.sent.outputs().map((o) => `${o.kind}:${o.callbackType ?? ''}`),
          );
          const counts: Record<string, number> = {};
          for (const k of kinds) counts[k] = (counts[k] ?? 0) + 1;
          throw new Error(
            `${String(error)}; outputs ${JSON.stringify(counts)}; stderr:\n${err.slice(-3000)}`,
          );
        });
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const acknowledged = voters.filter(thanked);
      expect(acknowledged.length).toBeGreaterThanOrEqual(200);
      expect(err).not.toMatch(/ERROR/);

      // A new process reads the log: every acknowledged vote is there; a torn tail is only skipped.
      const store = new GapsStore({ dir: dataDir, retentionDays: 90 });
      await store.open();
      const { events } = await store.read();
      const stored = new Set(events.filter((e) => e.type === 'vote').map((e) => e.user));
      const lost = acknowledged.filter((v) => !stored.has(store.hashUser(v.id)));
      expect(lost).toEqual([]);
      console.info(
        `gaps: ${acknowledged.length} of ${VOTES} votes acknowledged before SIGKILL, ${stored.size} stored`,
      );
    } finally {
      await fake.close();
    }
  }, 240_000);
});
