/**
 * Buttons never reveal someone else's answer: every button checks who asked, and the ids on
 * old messages name nothing after a restart (a private answer stays with its asker).
 */
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sessions } from '../../commands/_shared.js';
import type { Bot } from '../../src/bot/client.js';
import { createLogger } from '../../src/bot/logger.js';
import { type Engine, openSeeds } from '../../src/core/index.js';
import { button, chatInput, type FakeDiscord, startFakeDiscord } from './fake-discord.js';
import { startTestBot } from './harness.js';
import { everyString } from './limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const ALICE = { id: '111111111111111111', username: 'alice' };
const BOB = { id: '222222222222222222', username: 'bob' };
const MALLORY = { id: '333333333333333333', username: 'mallory' };
const logger = createLogger('error', () => {});
let fake: FakeDiscord;
let engine: Engine;
let bot: Bot | undefined;

const start = async () => {
  bot = await startTestBot(fake, { ctx: { engine: () => engine, sessions: new Sessions() }, logger });
};

beforeAll(async () => {
  fake = await startFakeDiscord();
  engine = (await openSeeds(path.join(root, 'seeds'), { cacheDir: null })).engine;
  await start();
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

/** Asks as `user` and returns the answer message and its buttons' custom ids. */
async function ask(user: typeof ALICE, question: string, isPrivate = false) {
  const sent = fake.sendInteraction(chatInput('ask', { question, private: isPrivate }, { user }));
  const callback = await sent.waitForCallback();
  const rows = (callback.data?.components ?? []) as { components: { custom_id: string; label: string }[] }[];
  const ids = rows.flatMap((r) => r.components);
  const message = { id: sent.original()?.id, embeds: callback.data?.embeds, components: rows } as never;
  return {
    callback,
    message,
    more: ids.find((b) => /More/.test(b.label))?.custom_id ?? '',
    para: ids.find((b) => /paragraph/.test(b.label))?.custom_id ?? '',
  };
}

const click = (customId: string, message: never, user: typeof ALICE) =>
  fake.sendInteraction(button(customId, message, { user })).waitForCallback();

describe('buttons and privacy', () => {
  it("refuses Show paragraph on someone else's answer", async () => {
    const alice = await ask(ALICE, 'Who hosted the meeting in Baghdad?');
    const shown = await click(alice.para, alice.message, MALLORY);
    expect(shown.data?.flags).toBe(MessageFlags.Ephemeral);
    const text = everyString(shown.data).join('\n');
    expect(text).toContain('Only the person who asked');
    expect(text).not.toContain('Baghdad');
  });

  it('shows a private answer to nobody else after a restart', async () => {
    const restart = async () => {
      await bot?.stop();
      await start();
    };
    // Each process answers its first question first: Alice's in one, Bob's private one in the next.
    await restart();
    const alice = await ask(ALICE, 'Who hosted the meeting in Baghdad?');
    await restart();
    const secret = 'How many IS fighters are still active in Iraq?';
    const bob = await ask(BOB, secret, true);
    expect(bob.callback.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(bob.para).not.toBe(alice.para);
    for (const id of [alice.para, alice.more]) {
      for (const user of [ALICE, MALLORY]) {
        const reply = await click(id, alice.message, user);
        const text = everyString(reply.data).join('\n');
        expect(text).not.toContain('fighters');
        expect(text).not.toContain('2,000');
      }
    }
  });

  it('gives every answer a button id that cannot be guessed from the previous one', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const { para } = await ask(ALICE, 'Who hosted the meeting in Baghdad?');
      const session = para.split(':')[2] ?? '';
      expect(session.length).toBeGreaterThanOrEqual(16);
      ids.add(session);
    }
    expect(ids.size).toBe(5);
  });
});
