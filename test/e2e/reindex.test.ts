/** /reindex through the real client: only Manage Server may rebuild; the reply says what changed. */

import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveEngine } from '../../src/bot/live.js';
import { createLogger } from '../../src/bot/logger.js';
import type { Bot } from '../../src/bot/transports/gateway.js';
import { openSeeds } from '../../src/core/index.js';
import { chatInput, type FakeDiscord, startFakeDiscord } from './fake-discord.js';
import { startTestBot } from './harness.js';
import { assertWithinLimits, everyString } from './limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'seedbot-reindex-'));
const seeds = path.join(dir, 'seeds');
let fake: FakeDiscord;
let bot: Bot;
let live: LiveEngine;

beforeAll(async () => {
  cpSync(path.join(root, 'seeds'), seeds, { recursive: true });
  fake = await startFakeDiscord();
  const logger = createLogger('warn', () => {});
  const { engine } = await openSeeds(seeds, { cacheDir: null });
  live = new LiveEngine(engine, { seedsDir: seeds, cacheDir: null, logger });
  bot = await startTestBot(fake, {
    ctx: { engine: () => live.engine(), reload: (r) => live.reload(r) },
    logger,
  });
});

afterAll(async () => {
  live?.close();
  await bot?.stop();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/reindex', () => {
  it('refuses a member without Manage Server, privately', async () => {
    const cb = await fake.sendInteraction(chatInput('reindex', {}, { permissions: '0' })).waitForCallback();
    expect(cb.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(everyString(cb.data).join(' ')).toContain('Manage Server');
  });

  it('rebuilds for a manager and says privately what changed', async () => {
    writeFileSync(path.join(seeds, 'faq.md'), '# Harbour FAQ\n\nThe ferry to the island leaves at nine.\n');
    const sent = fake.sendInteraction(chatInput('reindex', {}, { permissions: String(1 << 5) }));
    const cb = await sent.waitForCallback();
    expect(cb.data?.flags ?? 0).toBe(MessageFlags.Ephemeral);
    const final = cb.type === 5 ? (await sent.waitForOutput((o) => o.kind === 'edit')).body : cb.data;
    const text = everyString(final).join('\n');
    expect(text).toContain('Index rebuilt');
    expect(text).toContain('Added (1)');
    expect(text).toContain('faq.md');
    expect(text).toMatch(/3 documents · 31 paragraphs \(\+2\)/);
    assertWithinLimits(final);
    const ask = await fake
      .sendInteraction(chatInput('ask', { question: 'When does the ferry to the island leave?' }))
      .waitForCallback();
    expect(everyString(ask.data).join('\n')).toContain('faq.md');
  });
});
