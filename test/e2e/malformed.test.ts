/**
 * Interactions Discord never sends (a missing or mistyped option, a context menu without its
 * message, autocomplete without a focused option) get a short "not understood" answer and a
 * warning, not the error reply; heavy commands are acknowledged before their work starts.
 */

import path from 'node:path';
import { InteractionType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/bot/commands.js';
import { createLogger } from '../../src/bot/logger.js';
import type { Bot } from '../../src/bot/transports/gateway.js';
import { openSeeds } from '../../src/core/index.js';
import {
  CallbackType,
  chatInput,
  type FakeDiscord,
  type InteractionInit,
  messageContext,
  type SentInteraction,
  startFakeDiscord,
} from './fake-discord.js';
import { startTestBot, UNCHANGED_RELOAD } from './harness.js';
import { everyString } from './limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const logs: string[] = [];
let fake: FakeDiscord;
let bot: Bot;

/** Set by the slow reload: whether its interaction had been acknowledged when the work began. */
let reindexSent: SentInteraction | undefined;
let acknowledgedBeforeReload: boolean | undefined;
/** Same for the synchronously heavy test command. */
let heavySent: SentInteraction | undefined;
let acknowledgedBeforeHeavy: boolean | undefined;

const deferredYet = (sent: SentInteraction | undefined) =>
  sent
    ?.outputs()
    .some((o) => o.kind === 'callback' && o.callbackType === CallbackType.DeferredChannelMessageWithSource) ??
  false;

beforeAll(async () => {
  fake = await startFakeDiscord();
  const { engine } = await openSeeds(path.join(root, 'seeds'), { cacheDir: null });
  const commands = await loadCommands();
  // A command known to be heavy whose work blocks the event loop for 2.5 s.
  commands.set('heavy', {
    kind: 'slash',
    defer: true,
    data: { name: 'heavy', toJSON: () => ({ name: 'heavy', description: 'blocks' }) } as never,
    execute: () => {
      acknowledgedBeforeHeavy = deferredYet(heavySent);
      // Synchronous: no timer can fire meanwhile (a wait that blocks this thread, not a core).
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500);
      return { view: { kind: 'problem', message: 'Heavy work done.' }, ephemeral: false };
    },
  });
  bot = await startTestBot(fake, {
    commands,
    ctx: {
      engine: () => engine,

      reload: async () => {
        acknowledgedBeforeReload = deferredYet(reindexSent);
        await new Promise((resolve) => setTimeout(resolve, 2000));
        return UNCHANGED_RELOAD;
      },
    },
    logger: createLogger('debug', (line) => logs.push(line)),
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

/** The one reply a malformed interaction gets: ephemeral, "not understood", a WARN line and no ERROR. */
async function expectNotUnderstood(sent: SentInteraction): Promise<void> {
  const callback = await sent.waitForCallback();
  expect(callback.type).toBe(CallbackType.ChannelMessageWithSource);
  expect(callback.data?.flags).toBe(MessageFlags.Ephemeral);
  const text = everyString(callback.data).join(' ');
  expect(text).toMatch(/not understood/i);
  expect(text).not.toMatch(/Something went wrong/);
  await expect.poll(() => logs.some((l) => l.includes('WARN') && l.includes(`id=${sent.id}`))).toBe(true);
  expect(logs.filter((l) => l.includes('ERROR') && l.includes(`id=${sent.id}`))).toEqual([]);
}

describe('interactions Discord never sends', () => {
  it('/ask without its required question is not understood', async () => {
    await expectNotUnderstood(fake.sendInteraction(chatInput('ask', {})));
  });

  it('/ask with the question as a number is not understood', async () => {
    await expectNotUnderstood(
      fake.sendInteraction(chatInput('ask', [{ name: 'question', type: 4, value: 42 }])),
    );
  });

  it('Ask the sources without its target message is not understood', async () => {
    const init = messageContext('Ask the sources', { content: 'Who hosted the meeting?' });
    const sent = fake.sendInteraction({ ...init, data: { ...init.data, resolved: { messages: {} } } });
    await expectNotUnderstood(sent);
  });

  it('autocomplete without a focused option gets no choices', async () => {
    const init: InteractionInit = {
      type: InteractionType.ApplicationCommandAutocomplete,
      data: { name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: 'Iraq' }] },
    };
    const sent = fake.sendInteraction(init);
    const callback = await sent.waitForCallback();
    expect(callback.type).toBe(CallbackType.ApplicationCommandAutocompleteResult);
    expect(callback.data?.choices).toEqual([]);
    await expect.poll(() => logs.some((l) => l.includes('WARN') && l.includes(`id=${sent.id}`))).toBe(true);
    expect(logs.filter((l) => l.includes('ERROR') && l.includes(`id=${sent.id}`))).toEqual([]);
  });
});

describe('heavy commands', () => {
  it('/reindex is acknowledged privately before its work, then the report is edited in', async () => {
    reindexSent = fake.sendInteraction(chatInput('reindex', {}, { permissions: String(1 << 5) }));
    const edit = await reindexSent.waitForOutput((o) => o.kind === 'edit', 10_000);
    expect(everyString(edit.body).join('\n')).toContain('Index rebuilt');
    expect(acknowledgedBeforeReload).toBe(true);
    const [first, second] = reindexSent.outputs();
    expect(first?.kind).toBe('callback');
    expect(first?.callbackType).toBe(CallbackType.DeferredChannelMessageWithSource);
    expect(first?.body.flags).toBe(MessageFlags.Ephemeral);
    expect(second).toBe(edit);
  });

  it('a command marked heavy is deferred before synchronous work that blocks for 2.5 s', async () => {
    heavySent = fake.sendInteraction(chatInput('heavy'));
    const edit = await heavySent.waitForOutput((o) => o.kind === 'edit', 10_000);
    expect(everyString(edit.body).join('\n')).toContain('Heavy work done.');
    expect(acknowledgedBeforeHeavy).toBe(true);
    const [first, second] = heavySent.outputs();
    expect(first?.kind).toBe('callback');
    expect(first?.callbackType).toBe(CallbackType.DeferredChannelMessageWithSource);
    expect(first?.body.flags ?? 0).toBe(0);
    expect(second).toBe(edit);
  });
});
