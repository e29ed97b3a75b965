/**
 * Stateless buttons: everything a button needs travels with the message, so a button still
 * works after the bot restarts; only the asker can use an answer's buttons, and a private
 * answer's buttons reveal nothing to anyone else. The console presses the same buttons, so it
 * pages exactly as Discord does.
 */
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/bot/commands.js';
import { createLogger } from '../../src/bot/logger.js';
import type { ReplyPayload } from '../../src/bot/payload.js';
import { RateLimiter } from '../../src/bot/rate-limit.js';
import { createRouter } from '../../src/bot/router.js';
import { ConsoleSession } from '../../src/bot/transports/console.js';
import type { Bot } from '../../src/bot/transports/gateway.js';
import { toText } from '../../src/bot/views/index.js';
import { type Engine, openSeeds } from '../../src/core/index.js';
import { button, chatInput, type FakeDiscord, startFakeDiscord } from './fake-discord.js';
import { startTestBot } from './harness.js';
import { everyString } from './limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const ALICE = { id: '111111111111111111', username: 'alice' };
const BOB = { id: '222222222222222222', username: 'bob' };
const MALLORY = { id: '333333333333333333', username: 'mallory' };
const QUESTION = 'Who hosted the meeting in Baghdad?';
const logger = createLogger('error', () => {});
let fake: FakeDiscord;
let engine: Engine;
let bot: Bot | undefined;

const start = async () => {
  bot = await startTestBot(fake, { ctx: { engine: () => engine }, logger });
};
const restart = async () => {
  await bot?.stop();
  await start();
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

type Row = { components: { custom_id: string; label: string; disabled?: boolean }[] };

/** Asks as `user`; returns the answer message and its buttons' custom ids. */
async function ask(user: typeof ALICE, question: string, isPrivate = false) {
  const sent = fake.sendInteraction(chatInput('ask', { question, private: isPrivate }, { user }));
  const callback = await sent.waitForCallback();
  const rows = (callback.data?.components ?? []) as Row[];
  const buttons = rows.flatMap((r) => r.components);
  const message = { id: sent.original()?.id, embeds: callback.data?.embeds, components: rows } as never;
  return {
    callback,
    message,
    more: buttons.find((b) => /More/.test(b.label))?.custom_id ?? '',
    para: buttons.find((b) => /paragraph/.test(b.label))?.custom_id ?? '',
  };
}

const click = (customId: string, message: never, user: typeof ALICE) =>
  fake.sendInteraction(button(customId, message, { user })).waitForCallback();

const fieldNames = (data: unknown) =>
  ((data as { embeds?: { fields?: { name: string }[] }[] }).embeds?.[0]?.fields ?? []).map((f) => f.name);

describe('stateless buttons', () => {
  it('keep working after the bot restarts', async () => {
    const alice = await ask(ALICE, QUESTION);
    await restart();
    const page = await click(alice.more, alice.message, ALICE);
    expect(page.type).toBe(7); // the message is updated in place
    expect(fieldNames(page.data)[0]).toMatch(/^\[4\] /);
    const full = await click(alice.para, alice.message, ALICE);
    expect(full.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(everyString(full.data).join('\n')).toContain('hosted');
  });

  it("refuse another user's clicks on an answer", async () => {
    const alice = await ask(ALICE, QUESTION);
    for (const id of [alice.more, alice.para]) {
      const reply = await click(id, alice.message, MALLORY);
      expect(reply.data?.flags).toBe(MessageFlags.Ephemeral);
      const text = everyString(reply.data).join('\n');
      expect(text).toContain('Only the person who asked');
      expect(text).not.toContain('hosted');
    }
  });

  it('are limited per user: a press over the limit changes nothing and says when to try again', async () => {
    const presses = new RateLimiter(2);
    await bot?.stop();
    bot = await startTestBot(fake, {
      ctx: { engine: () => engine, limitPress: (user) => presses.take(user) },
      logger,
    });
    try {
      const alice = await ask(ALICE, QUESTION);
      expect((await click(alice.more, alice.message, ALICE)).type).toBe(7);
      expect((await click(alice.more, alice.message, ALICE)).type).toBe(7);
      const limited = await click(alice.more, alice.message, ALICE);
      expect(limited.type).toBe(4); // a reply of its own: the answer is left as it was
      expect(limited.data?.flags).toBe(MessageFlags.Ephemeral);
      expect(everyString(limited.data).join('\n')).toMatch(/pressing quickly: try again in \d+ s/);
      // Questions are not presses: Alice may still ask, and Bob's presses count apart.
      const again = await ask(ALICE, QUESTION);
      expect(everyString(again.callback.data).join('\n')).not.toContain('quickly');
      const bob = await ask(BOB, QUESTION);
      expect((await click(bob.more, bob.message, BOB)).type).toBe(7);
    } finally {
      await restart();
    }
  });

  it('reveal nothing of a private answer to anyone else, even after a restart', async () => {
    const secret = 'How many IS fighters are still active in Iraq?';
    const bob = await ask(BOB, secret, true);
    expect(bob.callback.data?.flags).toBe(MessageFlags.Ephemeral);
    await restart();
    for (const id of [bob.more, bob.para]) {
      const reply = await click(id, bob.message, MALLORY);
      const text = everyString(reply.data).join('\n');
      expect(reply.data?.flags).toBe(MessageFlags.Ephemeral);
      expect(text).not.toContain('fighters');
      expect(text).not.toContain('2,000');
    }
    // Bob himself still pages his private answer, in place (it stays private).
    const page = await click(bob.more, bob.message, BOB);
    expect(page.type).toBe(7);
  });
});

describe('the console', () => {
  it('pages exactly as Discord does, through the same buttons', async () => {
    const question = 'How many IS fighters are still active in Iraq?';
    // Discord: ask, then More results twice (the last page cycles back to the first).
    const discord: string[] = [];
    const shown = await ask(ALICE, question);
    discord.push(toText(shown.callback.data as unknown as ReplyPayload));
    let message = shown.message;
    let more = shown.more;
    for (let i = 0; i < 4; i++) {
      const page = await click(more, message, ALICE);
      discord.push(toText(page.data as unknown as ReplyPayload));
      const rows = (page.data?.components ?? []) as Row[];
      more = rows.flatMap((r) => r.components).find((b) => /More|Back/.test(b.label))?.custom_id ?? '';
      message = { embeds: page.data?.embeds, components: rows } as never;
    }
    // The console: the same question and four presses of /more.
    const printed: string[] = [];
    const router = createRouter({ commands: await loadCommands(), ctx: { engine: () => engine }, logger });
    const session = new ConsoleSession(router, (text) => printed.push(text));
    await session.line(`/ask ${question}`);
    for (let i = 0; i < 4; i++) await session.line('/more');
    const timing = (t: string) => t.replace(/in \d+ ms/g, 'in N ms');
    expect(printed.map(timing)).toEqual(discord.map(timing));
  });
});
