/**
 * The real bot against the fake Discord while Discord misbehaves: rate limits and server errors on the
 * interaction callback and on the webhook edit that disables expired buttons, and a gateway that drops,
 * closes with a resumable code or invalidates the session. discord.js's retries and resumes must carry
 * every answer through: no error reply, no lost answer.
 */

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sessions } from '../../commands/_shared.js';
import type { Bot } from '../../src/bot/client.js';
import { createLogger } from '../../src/bot/logger.js';
import { openSeeds } from '../../src/core/index.js';
import {
  type BotOutput,
  CallbackType,
  chatInput,
  type FakeDiscord,
  type FaultSpec,
  faults,
  type RecordedRequest,
  type SentInteraction,
  startFakeDiscord,
} from './fake-discord.js';
import { startTestBot } from './harness.js';

const root = path.resolve(import.meta.dirname, '../..');
/** Answer buttons expire this soon, so the router's disabling edit comes within the test. */
const BUTTON_TTL_MS = 800;
const QUESTION = 'How many IS fighters are still active in Iraq?';

const logs: string[] = [];
let fake: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  fake = await startFakeDiscord();
  const { engine } = await openSeeds(path.join(root, 'seeds'), { cacheDir: null });
  bot = await startTestBot(fake, {
    ctx: { engine: () => engine, sessions: new Sessions() },
    logger: createLogger('debug', (line) => logs.push(line)),
    buttonTtlMs: BUTTON_TTL_MS,
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
  expect(embed.fields?.[0]?.name).toContain('002_eb905f6be5fc9974.txt');
  expect((body as { components?: Row[] }).components?.length ?? 0).toBeGreaterThan(0);
}

const isDisablingEdit = (o: BotOutput): boolean => {
  if (o.kind !== 'edit' || o.target !== '@original') return false;
  const rows = (o.body as { components?: Row[] }).components ?? [];
  const buttons = rows.flatMap((r) => r.components);
  return buttons.length > 0 && buttons.every((c) => c.disabled === true);
};

/**
 * Waits for the buttons to be disabled, then checks the interaction got exactly the answer and that edit:
 * no error reply, no follow-up, nothing logged as failed.
 */
async function expectOnlyTheAnswer(sent: SentInteraction): Promise<void> {
  await sent.waitForOutput(isDisablingEdit, 5000);
  const outputs = sent.outputs();
  expect(outputs.map((o) => o.kind)).toEqual(['callback', 'edit']);
  expect(outputs[0]?.callbackType).toBe(CallbackType.ChannelMessageWithSource);
  expectAnswer(outputs[0]?.body);
  expect(sent.followUps()).toEqual([]);
  const mine = logs.filter((l) => l.includes(`id=${sent.id}`));
  expect(mine.filter((l) => / (ERROR|WARN) /.test(l))).toEqual([]);
  expect(mine.some((l) => l.includes('could not disable buttons'))).toBe(false);
  expect(mine.some((l) => / INFO {2}interaction .*command=ask .*results=\d+/.test(l))).toBe(true);
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

describe('REST faults on the webhook edit that disables expired buttons', () => {
  it.each(restFaults)('the disabling edit still arrives after a $name', async ({ spec, failed }) => {
    const sent = ask();
    await sent.waitForCallback();
    // The edit comes BUTTON_TTL_MS after the answer; only this interaction's edit is affected.
    const fault = fake.failNext(ofInteraction(sent, 'PATCH', originalRoute), spec());
    const edit = await sent.waitForOutput(isDisablingEdit, 5000);
    expect(fault.remaining()).toBe(0);
    expect(edit.target).toBe('@original');

    const attempts = fake.requestsMatching(ofInteraction(sent, 'PATCH', originalRoute));
    expect(statuses(attempts)).toEqual([...failed, 200]);
    expect(injected(attempts)).toEqual([...failed.map(() => true), false]);
    expect(attempts.at(-1)).toBe(edit.request);
    // The message on "Discord" ends with the answer and its buttons disabled.
    const original = sent.original();
    expect(embed0(original).title).toContain(QUESTION);
    const buttons = ((original?.components ?? []) as Row[]).flatMap((r) => r.components);
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.every((c) => c.disabled === true)).toBe(true);

    await expectOnlyTheAnswer(sent);
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
