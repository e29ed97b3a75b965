/**
 * The real bot against the fake Discord while Discord misbehaves: rate limits and server errors on the
 * interaction callback and on the webhook edit of a deferred reply, and a gateway that drops,
 * closes with a resumable code or invalidates the session. discord.js's retries and resumes must carry
 * every answer through: no error reply, no lost answer.
 */

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../commands/ask.js';
import { loadCommands } from '../../src/bot/commands.js';
import { createLogger } from '../../src/bot/logger.js';
import type { Bot } from '../../src/bot/transports/gateway.js';
import { openSeeds } from '../../src/core/index.js';
import {
  CallbackType,
  chatInput,
  type FakeDiscord,
  type FaultSpec,
  faults,
  type RecordedRequest,
  type SentInteraction,
  snowflake,
  startFakeDiscord,
} from './fake-discord.js';
import { startTestBot } from './harness.js';

const root = path.resolve(import.meta.dirname, '../..');
const QUESTION = 'How many IS fighters are still active in Iraq?';

const logs: string[] = [];
let fake: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  fake = await startFakeDiscord();
  const { engine } = await openSeeds(path.join(root, 'seeds'), { cacheDir: null });
  const commands = await loadCommands();
  // A command known to be heavy: deferred first, its answer edited in over the webhook.
  commands.set('slow', {
    kind: 'slash',
    data: { name: 'slow', toJSON: () => ({ name: 'slow', description: 'deferred' }) } as never,
    defer: true,
    execute: (request, ctx) => answerQuestion(ctx, request.userId, QUESTION),
  });
  // Work of a second, not known to be heavy: answered directly when it comes in time.
  commands.set('second', {
    kind: 'slash',
    data: { name: 'second', toJSON: () => ({ name: 'second', description: 'a second' }) } as never,
    execute: async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return { view: { kind: 'notice', message: 'Done after a second.' } };
    },
  });
  bot = await startTestBot(fake, {
    commands,
    ctx: { engine: () => engine },
    logger: createLogger('debug', (line) => logs.push(line)),
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const ask = (question = QUESTION): SentInteraction => fake.sendInteraction(chatInput('ask', { question }));

/**
 * Requests of one interaction (by its token) with the given method and route (without `/v10`). Routes are
 * compared decoded: discord.js sends `@original` as `%40original`, which the string matchers in `routes`
 * (`routes.editOriginal`, ...) do not match, so a fault injected with them would never fire.
 */
const ofInteraction =
  (sent: SentInteraction, method: string, route: (sent: SentInteraction) => string) =>
  (r: RecordedRequest): boolean =>
    r.method === method && decodeURIComponent(r.route) === route(sent);
const callbackRoute = (s: SentInteraction) => `/interactions/${s.id}/${s.token}/callback`;
const originalRoute = (s: SentInteraction) => `/webhooks/${fake.applicationId}/${s.token}/messages/@original`;

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
}
interface Row {
  components: { disabled?: boolean }[];
}

function embed0(body: unknown): Embed {
  const embed = (body as { embeds?: Embed[] } | undefined)?.embeds?.[0];
  if (!embed) throw new Error('no embed in the payload');
  return embed;
}

/** The answer to QUESTION: the embed names the question, gives the number and cites the document. */
function expectAnswer(body: unknown): void {
  const embed = embed0(body);
  expect(embed.title).toContain(QUESTION);
  expect(embed.description).toContain('2,000');
  expect((body as { components?: Row[] }).components?.length ?? 0).toBeGreaterThan(0);
}

/**
 * Checks the interaction got exactly its answer (`kinds`: the outputs expected, in order) once
 * its log line is written: no error reply, no follow-up, nothing logged as failed.
 */
async function expectOnlyTheAnswer(sent: SentInteraction, kinds = ['callback']): Promise<void> {
  await expect
    .poll(() => logs.some((l) => l.includes(`id=${sent.id}`) && / INFO {2}interaction /.test(l)))
    .toBe(true);
  const outputs = sent.outputs();
  expect(outputs.map((o) => o.kind)).toEqual(kinds);
  expectAnswer(outputs.at(-1)?.body);
  expect(sent.followUps()).toEqual([]);
  const mine = logs.filter((l) => l.includes(`id=${sent.id}`));
  expect(mine.filter((l) => / (ERROR|WARN) /.test(l))).toEqual([]);
  expect(mine.some((l) => / INFO {2}interaction .*results=\d+/.test(l))).toBe(true);
}

const statuses = (requests: readonly RecordedRequest[]) => requests.map((r) => r.response?.status);
const injected = (requests: readonly RecordedRequest[]) => requests.map((r) => r.response?.injected);

const restFaults: Array<{ name: string; spec: () => FaultSpec; failed: number[] }> = [
  { name: '429 with rate-limit headers', spec: () => faults.rateLimited(0.2), failed: [429] },
  { name: 'global 429', spec: () => faults.rateLimited(0.2, { global: true }), failed: [429] },
  { name: '500 twice', spec: () => faults.serverError(500, 2), failed: [500, 500] },
  { name: '502 twice', spec: () => faults.serverError(502, 2), failed: [502, 502] },
];

describe('REST faults on the interaction callback', () => {
  it.each(restFaults)('/ask is still answered after a $name', async ({ spec, failed }) => {
    const sent = ask();
    // Injected before the bot can answer: the fake dispatched the interaction, the bot has not run yet.
    const fault = fake.failNext(ofInteraction(sent, 'POST', callbackRoute), spec());
    const callback = await sent.waitForCallback(5000);
    expect(fault.remaining()).toBe(0);
    expect(callback.type).toBe(CallbackType.ChannelMessageWithSource);
    expectAnswer(callback.data);

    // The faults came first, then the one accepted callback, which is the one the fake recorded.
    const attempts = sent.callbackAttempts();
    expect(statuses(attempts).slice(0, -1)).toEqual(failed);
    expect(injected(attempts)).toEqual([...failed.map(() => true), false]);
    expect(attempts.at(-1)?.response?.status).toBeLessThan(300);
    expect(attempts.at(-1)).toBe(callback.request);
    // Every attempt sent the same answer.
    for (const a of attempts) expect(a.body).toEqual(callback.request.body);

    await expectOnlyTheAnswer(sent);
  });
});

describe('an interaction that reaches the bot late', () => {
  it('is deferred at once when most of its 3 seconds are gone, and answered directly when not', async () => {
    // Created 2 s before it arrives (a busy moment, a slow network): a second of work answered
    // directly would come 3 s after its creation, too late for Discord.
    const late = fake.sendInteraction(chatInput('second', undefined, { id: snowflake(Date.now() - 2_000) }));
    const deferral = await late.waitForCallback(5000);
    expect(deferral.type).toBe(CallbackType.DeferredChannelMessageWithSource);
    const edit = await late.waitForOutput((o) => o.kind === 'edit', 5000);
    expect(JSON.stringify(edit.request.body)).toContain('Done after a second.');
    // 1.2 s late: deferred 1.5 s after its creation, not 1.5 s after it arrives (2.7 s, too
    // close to Discord's 3 s).
    const created = Date.now() - 1_200;
    const lateish = fake.sendInteraction(chatInput('second', undefined, { id: snowflake(created) }));
    expect((await lateish.waitForCallback(5000)).type).toBe(CallbackType.DeferredChannelMessageWithSource);
    expect(Date.now() - created).toBeLessThan(2_500);
    const onTime = fake.sendInteraction(chatInput('second'));
    expect((await onTime.waitForCallback(5000)).type).toBe(CallbackType.ChannelMessageWithSource);
    // Created minutes ago or ahead by this machine's clock: the clock is off, not the interaction.
    for (const at of [Date.now() - 600_000, Date.now() + 5_000]) {
      const skewed = fake.sendInteraction(chatInput('second', undefined, { id: snowflake(at) }));
      expect((await skewed.waitForCallback(5000)).type).toBe(CallbackType.ChannelMessageWithSource);
    }
  });
});

describe('REST faults on the webhook edit of a deferred reply', () => {
  it.each(restFaults)('the answer is still edited in after a $name', async ({ spec, failed }) => {
    const sent = fake.sendInteraction(chatInput('slow'));
    // Injected before the bot answers: its deferral comes first, then the edit that faults.
    const fault = fake.failNext(ofInteraction(sent, 'PATCH', originalRoute), spec());
    const edit = await sent.waitForOutput((o) => o.kind === 'edit' && o.target === '@original', 5000);
    expect(fault.remaining()).toBe(0);
    expect((await sent.waitForCallback()).type).toBe(CallbackType.DeferredChannelMessageWithSource);

    const attempts = fake.requestsMatching(ofInteraction(sent, 'PATCH', originalRoute));
    expect(statuses(attempts)).toEqual([...failed, 200]);
    expect(injected(attempts)).toEqual([...failed.map(() => true), false]);
    expect(attempts.at(-1)).toBe(edit.request);
    // The message on "Discord" ends with the answer.
    expectAnswer(sent.original());
    await expectOnlyTheAnswer(sent, ['callback', 'edit']);
  });
});

describe('gateway faults', () => {
  const acceptedResumes = () => fake.gateway.resumes.filter((r) => r.accepted).length;

  /** The connection is back: a fresh /ask is answered (and nothing else is sent for it). */
  async function answersAgain(): Promise<void> {
    const sent = ask();
    const callback = await sent.waitForCallback(5000);
    expectAnswer(callback.data);
    expect(sent.callbackAttempts()).toHaveLength(1);
    await expectOnlyTheAnswer(sent);
  }

  it('resumes after the connection drops without a close frame (1006) and answers', async () => {
    const resumes = acceptedResumes();
    const identifies = fake.gateway.identifies.length;
    fake.gateway.terminate();
    const resume = await fake.gateway.waitForResume(resumes + 1, 10_000);
    expect(resume.accepted).toBe(true);
    expect(fake.gateway.identifies).toHaveLength(identifies);
    await answersAgain();
  });

  it('resumes after a resumable close code (4000) and answers', async () => {
    const resumes = acceptedResumes();
    const identifies = fake.gateway.identifies.length;
    fake.gateway.close(4000);
    await fake.gateway.waitForResume(resumes + 1, 10_000);
    expect(fake.gateway.identifies).toHaveLength(identifies);
    expect(fake.gateway.connections.some((c) => c.closeCode === 4000)).toBe(true);
    await answersAgain();
  });

  it('identifies again after INVALID_SESSION(false) and answers', async () => {
    const identifies = fake.gateway.identifies.length;
    fake.gateway.invalidSession(false);
    const identify = await fake.gateway.waitForIdentify(identifies + 1, 10_000);
    expect(identify.token).toBe('fake.bot.token');
    await fake.gateway.waitForConnected();
    await answersAgain();
  });

  it('resumes after RECONNECT (op 7) and answers', async () => {
    const resumes = acceptedResumes();
    fake.gateway.reconnect();
    await fake.gateway.waitForResume(resumes + 1, 10_000);
    await answersAgain();
  });

  it('survives the three gateway faults back to back, each awaited', async () => {
    const resumes = acceptedResumes();
    const identifies = fake.gateway.identifies.length;
    fake.gateway.terminate();
    await fake.gateway.waitForResume(resumes + 1, 10_000);
    fake.gateway.close(4000);
    await fake.gateway.waitForResume(resumes + 2, 10_000);
    fake.gateway.invalidSession(false);
    await fake.gateway.waitForIdentify(identifies + 1, 10_000);
    await fake.gateway.waitForConnected();
    await answersAgain();
  });
});

describe('afterwards', () => {
  it('sent no error reply and logged no failure for any interaction', () => {
    expect(logs.filter((l) => /interaction failed|could not send the error reply|unhandled/.test(l))).toEqual(
      [],
    );
    expect(fake.requestsMatching('POST /webhooks/:appId/:token')).toEqual([]);
    expect(fake.unknownRequests()).toEqual([]);
  });
});
