/**
 * /reindex on a corpus whose rebuild takes a while: the private deferred reply is edited with
 * the rebuild's progress (at most one edit per interval), then with the final report.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../commands/_contract.js';
import { writeCorpus } from '../../scripts/bench/corpus.js';
import { INTERIM } from '../../src/bot/interim.js';
import { LiveEngine } from '../../src/bot/live.js';
import { createLogger } from '../../src/bot/logger.js';
import type { Bot } from '../../src/bot/transports/gateway.js';
import { openSeeds } from '../../src/core/index.js';
import { chatInput, type FakeDiscord, startFakeDiscord } from './fake-discord.js';
import { startTestBot, UNCHANGED_RELOAD } from './harness.js';
import { assertWithinLimits, everyString } from './limits.js';

const dir = mkdtempSync(path.join(tmpdir(), 'seedbot-reindex-progress-'));
const seeds = path.join(dir, 'seeds');
const saved = { ...INTERIM };
let fake: FakeDiscord;
let bot: Bot;
let live: LiveEngine;
let reload: NonNullable<Context['reload']>;

beforeAll(async () => {
  writeCorpus(seeds, 1000);
  // Progress shows from the start and at most every 100 ms (the bot's default is 2 s, too slow for a test).
  INTERIM.afterMs = 0;
  INTERIM.everyMs = 100;
  fake = await startFakeDiscord();
  const logger = createLogger('warn', () => {});
  const { engine } = await openSeeds(seeds, { cacheDir: null });
  live = new LiveEngine(engine, { seedsDir: seeds, cacheDir: null, logger });
  reload = (reason, progress) => live.reload(reason, progress);
  bot = await startTestBot(fake, {
    ctx: { engine: () => live.engine(), reload: (reason, progress) => reload(reason, progress) },
    logger,
  });
}, 120_000);

afterAll(async () => {
  Object.assign(INTERIM, saved);
  live?.close();
  await bot?.stop();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/reindex progress', () => {
  it('edits the private reply with how far the rebuild is, then with the report', async () => {
    // A new file, so that the rebuild tokenises something and indexes everything again.
    writeFileSync(path.join(seeds, 'faq.md'), '# Harbour FAQ\n\nThe ferry to the island leaves at nine.\n');
    const sent = fake.sendInteraction(chatInput('reindex', {}, { permissions: String(1 << 5) }));
    const cb = await sent.waitForCallback();
    // Deferred, privately: the edits keep the deferral's visibility.
    expect(cb.type).toBe(5);
    expect(cb.data?.flags ?? 0).toBe(MessageFlags.Ephemeral);
    await sent.waitForOutput(
      (o) => o.kind === 'edit' && everyString(o.body).join('\n').includes('Index rebuilt'),
      120_000,
    );
    const edits = sent.outputs().filter((o) => o.kind === 'edit');
    const texts = edits.map((o) => everyString(o.body).join('\n'));
    const progress = texts.filter((t) => t.includes('Rebuilding the index'));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    // Every progress edit comes before the report, which is the last edit; percents never go back.
    expect(texts.at(-1)).toContain('Index rebuilt');
    expect(texts.findIndex((t) => t.includes('Index rebuilt'))).toBe(texts.length - 1);
    const percents = progress.map((t) => Number(/(\d+)%/.exec(t)?.[1]));
    expect(percents.every((p, i) => i === 0 || p >= (percents[i - 1] as number))).toBe(true);
    expect(progress.join('\n')).toContain('Files');
    // One progress edit per interval at most. The router spaces its sends; the fake stamps
    // arrivals, which a busy event loop can bunch up, so the test counts instead of measuring
    // gaps: every progress edit is sent after the deferral arrived and before the report did.
    const deferredAt = sent.outputs().find((o) => o.kind === 'callback')?.at as number;
    const reportAt = edits.at(-1)?.at as number;
    expect(progress.length).toBeLessThanOrEqual(1 + (reportAt - deferredAt) / INTERIM.everyMs);
    for (const o of edits) assertWithinLimits(o.body);
    expect(texts.at(-1)).toContain('faq.md');
  }, 120_000);

  it('edits at most once per interval, however often the rebuild reports', async () => {
    // A rebuild that reports its progress every 10 ms for 1.2 s.
    reload = async (_reason, progress) => {
      for (let i = 1; i <= 120; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        progress?.({
          phase: 'tokenising',
          files: i,
          filesTotal: 120,
          passages: i,
          percent: i / 1.2,
          elapsedMs: i * 10,
        });
      }
      return UNCHANGED_RELOAD;
    };
    try {
      const sent = fake.sendInteraction(chatInput('reindex', {}, { permissions: String(1 << 5) }));
      await sent.waitForOutput(
        (o) => o.kind === 'edit' && everyString(o.body).join('\n').includes('Index rebuilt'),
        60_000,
      );
      const edits = sent.outputs().filter((o) => o.kind === 'edit');
      const progress = edits.filter((o) => everyString(o.body).join('\n').includes('Rebuilding the index'));
      expect(progress.length).toBeGreaterThanOrEqual(2);
      // Counted, not timed: every progress edit is sent after the deferral arrived and before the
      // report did, at most one per interval, so there are no more of them than intervals (plus
      // one) between the two, however a busy event loop bunches their arrivals.
      const deferredAt = sent.outputs().find((o) => o.kind === 'callback')?.at as number;
      const reportAt = edits.at(-1)?.at as number;
      expect(progress.length).toBeLessThanOrEqual(1 + (reportAt - deferredAt) / INTERIM.everyMs);
    } finally {
      reload = (reason, progress) => live.reload(reason, progress);
    }
  }, 120_000);
});
