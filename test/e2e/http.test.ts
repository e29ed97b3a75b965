/**
 * HTTP interactions: the real router, commands and renderer behind the HTTP transport, with
 * interactions signed as Discord signs them (signed-client.ts). The bot's HTTP answer is relayed
 * to the fake Discord as the interaction's callback, so the fake checks it against Discord's
 * limits and records what follows over REST (the edit after a deferral, follow-ups).
 *
 * Then two `npm start` processes in HTTP mode behind a round-robin proxy: a button pressed on an
 * answer one replica gave is handled by the other.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, createConnection, createServer as createNetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../commands/_contract.js';
import { loadCommands } from '../../src/bot/commands.js';
import { ConfigError, loadConfig } from '../../src/bot/config.js';
import { gapsLog } from '../../src/bot/gaps-log.js';
import { GapsStore } from '../../src/bot/gaps-store.js';
import { createLogger } from '../../src/bot/logger.js';
import { type HttpServer, MAX_BODY_BYTES, startHttp } from '../../src/bot/transports/http.js';
import { openSeeds } from '../../src/core/index.js';
import { entryArgs } from '../entry.js';
import {
  autocomplete,
  button,
  CallbackType,
  chatInput,
  type FakeDiscord,
  type FakeMessage,
  messageContext,
  startFakeDiscord,
} from './fake-discord.js';
import { testConfig } from './harness.js';
import { assertWithinLimits, type Embed, everyString } from './limits.js';
import {
  createSigner,
  type DiscordEdge,
  discordEdge,
  forgedSignature,
  minutesAgo,
  postSigned,
  randomSignature,
  type Signer,
  timestampNow,
} from './signed-client.js';

const root = path.resolve(import.meta.dirname, '../..');
const logs: string[] = [];
/** Commands reached, by name (every command is wrapped to record it). */
const reached: string[] = [];
let fake: FakeDiscord;
let signer: Signer;
let edge: DiscordEdge;
let server: HttpServer;
let base: string;
let ready = true;
let seedsEngine: Awaited<ReturnType<typeof openSeeds>>['engine'];
/** The knowledge-gaps log of the HTTP server (votes and forms go through it). */
const gapsDir = mkdtempSync(path.join(tmpdir(), 'seedbot-http-gaps-'));
const store = new GapsStore({ dir: gapsDir, retentionDays: 90 });
/** The slow commands wait on this until the test lets them go on. */
let gate: Promise<void> = Promise.resolve();

/** A command that records it was reached before doing its work. */
function counted(command: Command): Command {
  const name = command.data.name;
  const wrapped: Command = {
    ...command,
    execute: (request, ctx) => {
      reached.push(name);
      return command.execute(request, ctx);
    },
  };
  if (command.button) {
    const handler = command.button;
    wrapped.button = (request, ctx) => {
      reached.push(`${name}:button`);
      return handler(request, ctx);
    };
  }
  return wrapped;
}

const slashData = (name: string) =>
  ({ name, toJSON: () => ({ name, description: 'test command' }) }) as never;

beforeAll(async () => {
  fake = await startFakeDiscord();
  signer = createSigner();
  edge = discordEdge(fake, signer);
  const { engine } = await openSeeds(path.join(root, 'seeds'), { cacheDir: null });
  seedsEngine = engine;
  const commands = new Map<string, Command>();
  for (const [name, command] of await loadCommands()) commands.set(name, counted(command));
  const ask = commands.get('ask');
  if (ask?.kind !== 'slash') throw new Error('no /ask command');
  // /ask that waits for the test first: the router defers it, and its answer is an edit.
  commands.set(
    'slow',
    counted({
      kind: 'slash',
      data: slashData('slow'),
      execute: async (request, ctx) => {
        await gate;
        return ask.execute(request, ctx);
      },
    }),
  );
  // Fails after waiting: by then deferred, so its error is a follow-up.
  commands.set(
    'slowfail',
    counted({
      kind: 'slash',
      data: slashData('slowfail'),
      execute: async () => {
        await gate;
        throw new Error('failed late');
      },
    }),
  );
  commands.set(
    'boom',
    counted({
      kind: 'slash',
      data: slashData('boom'),
      execute: () => {
        throw new Error('kaboom');
      },
    }),
  );
  await store.open();
  server = await startHttp({
    config: testConfig(fake, {
      clientId: fake.applicationId,
      publicKey: signer.publicKeyHex,
      interactionsPort: 0,
      interactionsHost: '127.0.0.1',
    }),
    commands,
    ctx: {
      engine: () => engine,
      gaps: gapsLog(
        store,
        createLogger('error', () => {}),
      ),
    },
    logger: createLogger('debug', (line) => logs.push(line)),
    isReady: () => ready,
    // Shorter than in service (10 s), for the test of a request that never finishes arriving.
    requestTimeoutMs: 2_000,
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
  rmSync(gapsDir, { recursive: true, force: true });
});

const interact = (init: Parameters<DiscordEdge['interact']>[1]) =>
  edge.interact(`${base}/interactions`, init);

function embed0(data: unknown): Embed {
  const embed = (data as { embeds?: Embed[] } | undefined)?.embeds?.[0];
  if (!embed) throw new Error('no embed in the payload');
  return embed;
}

type Rows = { components: { custom_id: string; label: string; disabled?: boolean }[] }[];
const buttonOf = (data: unknown, label: string) =>
  ((data as { components?: Rows }).components ?? [])
    .flatMap((r) => r.components)
    .find((c) => c.label === label);

/** The log line of an interaction the router answered. */
const answeredLine = (id: string) =>
  logs.find((l) => l.includes('INFO') && l.includes(' interaction ') && l.includes(`id=${id}`));

describe('HTTP interactions', () => {
  it('answers a signed PING with PONG (the Developer Portal check) and refuses an unsigned one', async () => {
    const before = fake.requests.length;
    const res = await postSigned(`${base}/interactions`, { type: 1, id: '1', token: 't' }, signer);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ type: 1 });
    expect(res.headers.get('content-type')).toBe('application/json');
    const unsigned = await postSigned(`${base}/interactions`, { type: 1 }, signer, { unsigned: true });
    expect(unsigned.status).toBe(401);
    expect(fake.requests.length).toBe(before);
  });

  it('answers /ask in the HTTP response: a cited answer that pings no one, logged', async () => {
    const { sent, response, callback } = await interact(
      chatInput('ask', { question: 'How many IS fighters are still active in Iraq?' }),
    );
    expect(response.type).toBe(CallbackType.ChannelMessageWithSource);
    const embed = embed0(response.data);
    expect(embed.title).toContain('How many IS fighters are still active in Iraq?');
    expect(embed.description).toContain('2,000');
    expect(embed.description).toMatch(/`002_eb905f6be5fc9974\.txt` ¶6$/);
    // API field names over HTTP: discord.js's camelCase never reaches Discord.
    expect(response.data?.allowed_mentions).toEqual({ parse: [] });
    expect(response.data).not.toHaveProperty('allowedMentions');
    expect(response.data?.flags ?? 0).toBe(0);
    expect(callback.type).toBe(CallbackType.ChannelMessageWithSource);
    assertWithinLimits(response.data);
    // The whole answer was the response: nothing went over REST.
    expect(
      sent.requests().filter((r) => r.route !== `/interactions/${sent.id}/${sent.token}/callback`),
    ).toEqual([]);
    expect(answeredLine(sent.id)).toMatch(/command=ask user=\d+ results=\d+ ms=\d+/);
    expect(reached).toContain('ask');
  });

  it('answers /ask private:true with the ephemeral flag', async () => {
    const { response } = await interact(
      chatInput('ask', { question: 'Who hosted the meeting in Baghdad?', private: true }),
    );
    expect(response.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
  });

  it('autocompletes documents', async () => {
    const { response } = await interact(autocomplete('ask', { name: 'source', value: 'iraq to' }));
    expect(response.type).toBe(CallbackType.ApplicationCommandAutocompleteResult);
    const choices = (response.data as { choices: { value: string }[] }).choices;
    expect(choices.map((c) => c.value)).toEqual(['000_45a6886da7819588.txt']);
  });

  it('pages with More results and shows paragraphs, pressed on the message the answer produced', async () => {
    const asked = await interact(chatInput('ask', { question: 'Iraq Syria Russian intelligence' }));
    const message = asked.sent.original() as FakeMessage;
    const answered = (asked.response.data?.embeds ?? []) as Embed[];
    expect(message.embeds).toEqual(answered.map((e) => ({ type: 'rich', ...e })));
    const more = buttonOf(message, 'More results');
    const para = buttonOf(message, 'Show paragraph');
    expect(more?.disabled ?? false).toBe(false);

    const page = await interact(button(more?.custom_id ?? '', message));
    expect(page.response.type).toBe(CallbackType.UpdateMessage);
    expect(embed0(page.response.data).fields?.[0]?.name).toMatch(/^\[4\] /);
    expect(page.response.data?.allowed_mentions).toEqual({ parse: [] });
    assertWithinLimits(page.response.data);
    // The fake updated the message in place.
    expect(embed0(page.sent.original()).fields?.[0]?.name).toMatch(/^\[4\] /);

    const full = await interact(button(para?.custom_id ?? '', message));
    expect(full.response.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(full.response.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(everyString(full.response.data).join('\n').length).toBeGreaterThan(100);
    assertWithinLimits(full.response.data);
    expect(reached.filter((r) => r === 'ask:button')).toHaveLength(2);
  });

  it('takes a 👎 and its reason through the form (a modal), privately', async () => {
    const asked = await interact(chatInput('ask', { question: 'Who urged his followers to continue?' }));
    const message = asked.sent.original() as FakeMessage;
    const down = message.components
      ?.flatMap((r) => (r as { components: { custom_id: string; emoji?: { name: string } }[] }).components)
      .find((b) => b.emoji?.name === '👎');
    const form = await interact(button(down?.custom_id ?? '', message));
    expect(form.response.type).toBe(CallbackType.Modal);
    const customId = String(form.response.data?.custom_id);
    const submitted = await interact({
      type: 5,
      data: {
        custom_id: customId,
        components: [{ type: 1, components: [{ type: 4, custom_id: 'reason', value: 'Too old' }] }],
      },
      message,
    });
    expect(submitted.response.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(submitted.response.data?.flags).toBe(MessageFlags.Ephemeral);
    const votes = (await store.read()).events.filter((e) => e.type === 'vote' && e.message === message.id);
    expect(votes.map((v) => v.type === 'vote' && [v.vote, v.reason ?? null])).toEqual([
      ['down', null],
      ['down', 'Too old'],
    ]);
  });

  it('answers the message context menu with the message as the question', async () => {
    const { response } = await interact(
      messageContext('Ask the sources', { content: 'How many people were killed in July?' }),
    );
    expect(response.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(everyString(response.data).join('\n')).toContain('250');
  });

  it('answers the message context menu on a forwarded message with the text forwarded', async () => {
    const { response } = await interact(
      messageContext('Ask the sources', {
        content: '',
        message_snapshots: [{ message: { content: 'How many people were killed in July?', embeds: [] } }],
      } as never),
    );
    expect(response.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(everyString(response.data).join('\n')).toContain('250');
  });

  it('lists /sources', async () => {
    const { response } = await interact(chatInput('sources'));
    const text = everyString(response.data).join('\n');
    expect(text).toMatch(/000\\?_45a6886da7819588\.txt/);
    expect(text).toMatch(/13 paragraphs/);
    assertWithinLimits(response.data);
  });

  it('defers a command that runs long, then edits its answer into @original over REST', async () => {
    let release = () => {};
    gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { sent, response } = await interact(
      chatInput('slow', { question: 'How many IS fighters are still active in Iraq?' }),
    );
    expect(response).toEqual({ type: CallbackType.DeferredChannelMessageWithSource });
    release();
    const edit = await sent.waitForOutput((o) => o.kind === 'edit', 10_000);
    expect(edit.target).toBe('@original');
    expect(edit.request.method).toBe('PATCH');
    expect(decodeURIComponent(edit.request.route)).toBe(
      `/webhooks/${fake.applicationId}/${sent.token}/messages/@original`,
    );
    // The interaction's token authorises it: the bot's token is not sent.
    expect(edit.request.headers.authorization).toBeUndefined();
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(embed0(edit.body).description).toContain('2,000');
    expect(embed0(sent.original()).description).toContain('2,000');
    await expect.poll(() => answeredLine(sent.id)).toMatch(/command=slow/);
  });

  it('sends a private follow-up when a deferred command fails', async () => {
    let release = () => {};
    gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { sent, response } = await interact(chatInput('slowfail'));
    expect(response.type).toBe(CallbackType.DeferredChannelMessageWithSource);
    release();
    const followUp = await sent.waitForOutput((o) => o.kind === 'followup', 10_000);
    expect(followUp.request.route).toBe(`/webhooks/${fake.applicationId}/${sent.token}`);
    expect(followUp.body.flags).toBe(MessageFlags.Ephemeral);
    expect(followUp.body.allowed_mentions).toEqual({ parse: [] });
    expect(String(followUp.body.content)).toContain(`ref ${sent.id}`);
    // The deferral was public: the error reaches only the asker, and nothing public is left.
    await sent.waitForOutput((o) => o.kind === 'delete', 10_000);
    expect(sent.original()).toBeUndefined();
    const shown = sent.followUps();
    expect(shown).toHaveLength(1);
    expect(shown[0]?.flags).toBe(MessageFlags.Ephemeral);
    expect(shown[0]?.content).toContain(`ref ${sent.id}`);
  });

  it('answers once, privately, when the public message cannot be removed', async () => {
    let release = () => {};
    gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { sent } = await interact(
      chatInput('slow', { question: 'What is the best recipe for banana bread?' }),
    );
    fake.failNext(
      (r) =>
        r.method === 'DELETE' && decodeURIComponent(r.route).endsWith(`/${sent.token}/messages/@original`),
      { status: 404, times: 1, body: { message: 'Unknown Message', code: 10008 } },
    );
    release();
    await expect
      .poll(() => logs.some((l) => l.includes(`id=${sent.id}`) && l.includes('could not remove')))
      .toBe(true);
    await expect.poll(() => answeredLine(sent.id)).toMatch(/command=slow/);
    // One private reply, the answer; no "something went wrong" after it.
    expect(sent.outputs().filter((o) => o.kind === 'followup')).toHaveLength(1);
    expect(sent.followUps()[0]?.flags).toBe(MessageFlags.Ephemeral);
    expect(JSON.stringify(sent.followUps())).not.toMatch(/went wrong/i);
    expect(logs.filter((l) => l.includes(`id=${sent.id}`) && / ERROR /.test(l))).toEqual([]);
  });

  it('answers privately what is private, even once a public command is deferred', async () => {
    let release = () => {};
    gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Nothing in the seeds answers it: the outcome is private, the deferral was public.
    const { sent, response } = await interact(
      chatInput('slow', { question: 'What is the best recipe for banana bread?' }),
    );
    expect(response).toEqual({ type: CallbackType.DeferredChannelMessageWithSource });
    release();
    await sent.waitForOutput((o) => o.kind === 'delete', 10_000);
    expect(sent.original()).toBeUndefined();
    const shown = sent.followUps();
    expect(shown).toHaveLength(1);
    expect(shown[0]?.flags).toBe(MessageFlags.Ephemeral);
    expect(everyString(shown[0]).join('\n')).toMatch(/banana|nothing|not/i);
    for (const o of sent.outputs().filter((o) => o.kind === 'edit' || o.kind === 'followup'))
      expect(o.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a command that throws with a private error reply', async () => {
    const { sent, response } = await interact(chatInput('boom'));
    expect(response.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(String(response.data?.content)).toContain(`ref ${sent.id}`);
    expect(logs.some((l) => l.includes('interaction failed') && l.includes(`id=${sent.id}`))).toBe(true);
  });

  it('answers an option of the wrong type with a private "not understood"', async () => {
    const { sent, response } = await interact(chatInput('ask', [{ name: 'question', type: 4, value: 42 }]));
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(everyString(response.data).join(' ')).toContain('not understood');
    expect(logs.some((l) => l.includes('not understood') && l.includes(`id=${sent.id}`))).toBe(true);
  });
});

describe('HTTP interactions refused', () => {
  /** A real interaction, never answered: what is refused must not reach a command nor Discord. */
  const victim = () =>
    fake.sendInteraction(chatInput('ask', { question: 'Who hosted the meeting in Baghdad?' }), {
      dispatch: false,
    });

  /** The refusal was logged once as a warning with its reason, and nothing else happened. */
  async function expectRefused(
    res: { status: number },
    status: number,
    reason: string,
    sent: ReturnType<typeof victim> | undefined,
    reachedBefore: number,
    logsBefore: number,
  ) {
    expect(res.status).toBe(status);
    const lines = logs.slice(logsBefore);
    const refusals = lines.filter((l) => l.includes('WARN') && l.includes('request refused'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain(`status=${status}`);
    expect(refusals[0]).toContain(reason);
    expect(reached.length).toBe(reachedBefore);
    if (sent) {
      expect(sent.requests()).toEqual([]);
      expect(lines.some((l) => l.includes(sent.id) || l.includes(sent.token))).toBe(false);
    }
  }

  it('refuses a forged signature (401)', async () => {
    const sent = victim();
    const [r, l] = [reached.length, logs.length];
    const body = JSON.stringify(sent.payload);
    const timestamp = timestampNow();
    const res = await postSigned(`${base}/interactions`, body, signer, {
      timestamp,
      signature: forgedSignature(timestamp, body),
    });
    await expectRefused(res, 401, 'bad signature', sent, r, l);
  });

  it('refuses a replayed request: a genuine signature 10 minutes old (401)', async () => {
    const sent = victim();
    const [r, l] = [reached.length, logs.length];
    const res = await postSigned(`${base}/interactions`, sent.payload, signer, { timestamp: minutesAgo(10) });
    await expectRefused(res, 401, 'signature timestamp too old', sent, r, l);
  });

  it('refuses the same signed interaction sent again within its 5 minutes (401), having answered it once', async () => {
    const sent = fake.sendInteraction(chatInput('sources'), { dispatch: false });
    const body = JSON.stringify(sent.payload);
    const timestamp = timestampNow();
    const signature = signer.sign(timestamp, body);
    const r = reached.length;
    const first = await postSigned(`${base}/interactions`, body, signer, { timestamp, signature });
    expect(first.status).toBe(200);
    expect(reached.length).toBe(r + 1);
    const l = logs.length;
    const again = await postSigned(`${base}/interactions`, body, signer, { timestamp, signature });
    await expectRefused(again, 401, 'replayed interaction', undefined, r + 1, l);
  });

  it('refuses a timestamp more than a minute ahead (401)', async () => {
    const sent = victim();
    const [r, l] = [reached.length, logs.length];
    const res = await postSigned(`${base}/interactions`, sent.payload, signer, {
      timestamp: timestampNow(120),
    });
    await expectRefused(res, 401, 'signature timestamp in the future', sent, r, l);
  });

  it('refuses a missing signature, a malformed one and a body signed for another timestamp (401)', async () => {
    const sent = victim();
    const [r, l] = [reached.length, logs.length];
    const unsigned = await postSigned(`${base}/interactions`, sent.payload, signer, { unsigned: true });
    await expectRefused(unsigned, 401, 'missing signature', sent, r, l);
    const l2 = logs.length;
    const malformed = await postSigned(`${base}/interactions`, sent.payload, signer, {
      signature: 'zz'.repeat(64),
    });
    await expectRefused(malformed, 401, 'malformed signature', sent, r, l2);
    const l3 = logs.length;
    const body = JSON.stringify(sent.payload);
    const other = await postSigned(`${base}/interactions`, body, signer, {
      timestamp: timestampNow(),
      signature: signer.sign(timestampNow(-30), body),
    });
    await expectRefused(other, 401, 'bad signature', sent, r, l3);
    const l4 = logs.length;
    const random = await postSigned(`${base}/interactions`, body, signer, { signature: randomSignature() });
    await expectRefused(random, 401, 'bad signature', sent, r, l4);
  });

  it('refuses a 1 MB body (413)', async () => {
    const sent = victim();
    const [r, l] = [reached.length, logs.length];
    const big = JSON.stringify({ ...sent.payload, padding: 'x'.repeat(1024 * 1024) });
    const res = await postSigned(`${base}/interactions`, big, signer);
    await expectRefused(res, 413, 'body over 64 KiB', sent, r, l);
  });

  it('refuses a body streamed without a length once it passes 64 KiB (413)', async () => {
    const [r, l] = [reached.length, logs.length];
    const timestamp = timestampNow();
    const chunk = Buffer.alloc(16 * 1024, 'x');
    let written = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/interactions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-signature-timestamp': timestamp,
          // Well-formed: the body is refused for its size before the signature is checked.
          'x-signature-ed25519': randomSignature(),
          'transfer-encoding': 'chunked',
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      // Writes until the answer comes (or 1 MiB): the server does not wait for the end.
      const pump = () => {
        while (written < 1024 * 1024) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    await expectRefused({ status }, 413, 'body over 64 KiB', undefined, r, l);
  });

  it('closes a request whose body never finishes arriving once its time is up, not 30 s later', async () => {
    const [r] = [reached.length];
    const started = performance.now();
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const socket = createConnection(server.port, '127.0.0.1', () => {
        socket.write(
          `POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n` +
            `X-Signature-Ed25519: ${randomSignature()}\r\nX-Signature-Timestamp: ${timestampNow()}\r\n\r\n` +
            'x'.repeat(10),
        );
      });
      socket.on('error', () => {});
      socket.on('data', () => {});
      socket.on('close', () => resolve(performance.now() - started));
      setTimeout(() => reject(new Error('the connection is still open after 8 s')), 8_000).unref();
    });
    // requestTimeoutMs is 2 s here: Node's default check every 30 s left it open for 30 s.
    expect(closedAfter).toBeGreaterThan(1_500);
    expect(closedAfter).toBeLessThan(6_000);
    expect(reached.length).toBe(r);
  });

  it('past its limit of connections, a new one takes the place of the oldest silent one: idle crowds cannot keep Discord out', async () => {
    // A server of its own: the shared one keeps the test client's pooled connections.
    const small = await startHttp({
      config: testConfig(fake, {
        clientId: fake.applicationId,
        publicKey: signer.publicKeyHex,
        interactionsPort: 0,
        interactionsHost: '127.0.0.1',
      }),
      commands: new Map(),
      ctx: { engine: () => seedsEngine },
      logger: createLogger('error', () => {}),
      isReady: () => true,
      maxConnections: 8,
    });
    const open = (): Promise<Socket> =>
      new Promise((resolve) => {
        const socket = createConnection(small.port, '127.0.0.1', () => resolve(socket));
        socket.on('error', () => {});
      });
    let attacking = true;
    const crowd: Socket[] = [];
    try {
      // Idle connections, as a client holding sockets open would keep them: the oldest gives way.
      const held = await Promise.all(Array.from({ length: 8 }, open));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const extra = await open();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(extra.destroyed).toBe(false);
      expect(held[0]?.destroyed).toBe(true);
      expect(held.slice(1).every((s) => !s.destroyed)).toBe(true);
      for (const s of [...held, extra]) s.destroy();
      // Connections that send a signature's headers, then trickle a body that never ends: not
      // signed until the body is checked, they give way too (before, they held their places).
      for (let i = 0; i < 8; i++) {
        const s = await open();
        crowd.push(s);
        s.write(
          `POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Length: 60000\r\n` +
            `X-Signature-Ed25519: ${randomSignature()}\r\nX-Signature-Timestamp: ${timestampNow()}\r\n\r\n{`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      // A signed ping on a connection of its own (fetch would reuse one it keeps).
      const fresh = await open();
      crowd.push(fresh);
      const body = JSON.stringify({ type: 1 });
      const timestamp = timestampNow();
      const status = await new Promise<string>((resolve) => {
        let head = '';
        fresh.on('data', (d) => {
          head += String(d);
          resolve(head.split('\r\n')[0] ?? '');
        });
        fresh.on('close', () => resolve(head.split('\r\n')[0] ?? 'closed'));
        fresh.write(
          `POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
            `X-Signature-Ed25519: ${signer.sign(timestamp, body)}\r\nX-Signature-Timestamp: ${timestamp}\r\n\r\n${body}`,
        );
      });
      expect(status).toBe('HTTP/1.1 200 OK');
      for (const s of crowd) s.destroy();
      crowd.length = 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
      // A client that keeps 40 silent connections open, each reopened as soon as it is closed:
      // before, it took every place and signed requests were refused (0 of 30 answered).
      const hold = () => {
        if (!attacking) return;
        const s = createConnection(small.port, '127.0.0.1');
        crowd.push(s);
        s.on('error', () => {});
        s.on('close', () => setTimeout(hold, 5));
      };
      for (let i = 0; i < 40; i++) hold();
      await new Promise((resolve) => setTimeout(resolve, 300));
      let answered = 0;
      for (let i = 0; i < 10; i++) {
        try {
          const ping = await postSigned(`http://127.0.0.1:${small.port}/interactions`, { type: 1 }, signer);
          if (ping.status === 200) answered++;
        } catch {
          // Refused: counted as not answered.
        }
      }
      expect(answered).toBe(10);
    } finally {
      attacking = false;
      for (const s of crowd) s.destroy();
      await small.close();
    }
  });

  it('closes the connection after a refusal and after a health check: no request without a signature holds one', async () => {
    /** The response's head, and whether the server then closed the connection (keep-alive asked). */
    const exchange = (request: string) =>
      new Promise<{ head: string; closed: boolean }>((resolve) => {
        let head = '';
        const socket = createConnection(server.port, '127.0.0.1', () => socket.write(request));
        socket.on('error', () => {});
        socket.on('data', (d) => {
          head += d.toString();
        });
        socket.on('close', () => resolve({ head, closed: true }));
        setTimeout(() => {
          socket.destroy();
          resolve({ head, closed: false });
        }, 2_000).unref();
      });
    const keep = 'Host: x\r\nConnection: keep-alive\r\n';
    for (const request of [
      `GET /interactions HTTP/1.1\r\n${keep}\r\n`,
      `GET /elsewhere HTTP/1.1\r\n${keep}\r\n`,
      `POST /interactions HTTP/1.1\r\n${keep}Content-Length: 2\r\n\r\n{}`,
      `GET /healthz HTTP/1.1\r\n${keep}\r\n`,
    ]) {
      const { head, closed } = await exchange(request);
      expect(head).toMatch(/^HTTP\/1\.1 (?:200|401|404|405)/);
      expect(head.toLowerCase()).toContain('connection: close');
      expect(closed).toBe(true);
    }
  });

  it('refuses a validly signed body that is not JSON (400)', async () => {
    const [r, l] = [reached.length, logs.length];
    const res = await postSigned(`${base}/interactions`, '{"type": 2, "id": ', signer);
    await expectRefused(res, 400, 'invalid JSON', undefined, r, l);
  });

  it('refuses other methods (405) and other paths (404)', async () => {
    const [r, l] = [reached.length, logs.length];
    const get = await fetch(`${base}/interactions`);
    expect(get.headers.get('allow')).toBe('POST');
    await expectRefused(get, 405, 'method not allowed', undefined, r, l);
    const l2 = logs.length;
    const other = await postSigned(`${base}/elsewhere`, { type: 1 }, signer);
    await expectRefused(other, 404, 'not found', undefined, r, l2);
  });

  it('accepts a body of exactly 64 KiB (the limit is inclusive)', async () => {
    const ping = JSON.stringify({ type: 1 });
    const exact = `${ping.slice(0, -1)}${' '.repeat(MAX_BODY_BYTES - ping.length)}}`;
    expect(Buffer.byteLength(exact)).toBe(MAX_BODY_BYTES);
    const res = await postSigned(`${base}/interactions`, exact, signer);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ type: 1 });
  });
});

describe('GET /healthz', () => {
  it('says ready (200) once the documents are loaded, 503 before; PING works either way', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', documents: 2 });
    ready = false;
    try {
      const loading = await fetch(`${base}/healthz`);
      expect(loading.status).toBe(503);
      expect(await loading.json()).toEqual({ status: 'loading' });
      const sent = fake.sendInteraction(chatInput('sources'), { dispatch: false });
      const refused = await postSigned(`${base}/interactions`, sent.payload, signer);
      expect(refused.status).toBe(503);
      const ping = await postSigned(`${base}/interactions`, { type: 1 }, signer);
      expect(ping.json).toEqual({ type: 1 });
      ready = true;
      // Refused as not ready, it was not handled: sent again once ready, it is answered.
      const again = await postSigned(`${base}/interactions`, sent.payload, signer);
      expect(again.status).toBe(200);
    } finally {
      ready = true;
    }
  });
});

describe('HTTP interactions settings', () => {
  const key = 'ab'.repeat(32);
  const base = { DISCORD_TOKEN: 'a.b.c', DISCORD_CLIENT_ID: '123456789012345678' };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('reads the port, the host (0.0.0.0 by default) and the key', () => {
    expect(loadConfig({ ...base, INTERACTIONS_PORT: '8443', DISCORD_PUBLIC_KEY: key })).toMatchObject({
      interactionsPort: 8443,
      interactionsHost: '0.0.0.0',
      publicKey: key,
    });
    expect(loadConfig({ ...base })).not.toHaveProperty('interactionsPort');
  });

  it('lists every problem at once, never echoing the key', () => {
    const secret = 'MTIz.not-a-key.at-all';
    const found = problems({
      INTERACTIONS_PORT: '70000',
      DISCORD_PUBLIC_KEY: secret,
      INTERACTIONS_HOST: 'a b',
    });
    expect(found.join('\n')).toMatch(/INTERACTIONS_PORT must be a port number from 1 to 65535/);
    expect(found.join('\n')).toMatch(/INTERACTIONS_HOST must be an address/);
    expect(found.join('\n')).toMatch(/DISCORD_PUBLIC_KEY must be the application's public key/);
    expect(found.join('\n')).toMatch(/need DISCORD_TOKEN too/);
    expect(found.join('\n')).toMatch(/need DISCORD_CLIENT_ID too/);
    expect(found.join('\n')).not.toContain(secret);
  });

  it('wants the port and the key together', () => {
    expect(problems({ ...base, INTERACTIONS_PORT: '8443' })).toEqual([
      expect.stringMatching(/INTERACTIONS_PORT is set but DISCORD_PUBLIC_KEY is not/),
    ]);
    expect(problems({ ...base, DISCORD_PUBLIC_KEY: key })).toEqual([
      expect.stringMatching(/DISCORD_PUBLIC_KEY is set but INTERACTIONS_PORT is not/),
    ]);
  });
});

/** A port free now (the OS's pick, released at once): `npm start` takes no port 0. */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A round-robin reverse proxy: request n goes to target n mod targets.length; `served` says where. */
async function roundRobin(targets: string[]): Promise<{ url: string; served: number[]; server: Server }> {
  const served: number[] = [];
  let next = 0;
  const server = createHttpServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const index = next++ % targets.length;
    served.push(index);
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'x-signature-ed25519', 'x-signature-timestamp']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    try {
      const upstream = await fetch(`${targets[index]}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'text/plain',
      });
      res.end(body);
    } catch (error) {
      res.writeHead(502);
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, served, server };
}

describe('two npm start replicas behind a round-robin proxy', () => {
  const replicas: { proc: ChildProcessWithoutNullStreams; url: string; err: () => string }[] = [];
  let proxy: Awaited<ReturnType<typeof roundRobin>> | undefined;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'seedbot-http-'));
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      // What `npm start` runs (tsx src/start.ts), as the SIGTERM test starts it.
      const proc = spawn(process.execPath, entryArgs('src/start.ts'), {
        cwd: root,
        env: {
          ...process.env,
          DISCORD_TOKEN: 'fake.bot.token',
          DISCORD_CLIENT_ID: fake.applicationId,
          DISCORD_API_URL: fake.apiUrl,
          DISCORD_PUBLIC_KEY: signer.publicKeyHex,
          INTERACTIONS_PORT: String(port),
          INTERACTIONS_HOST: '127.0.0.1',
          GAPS: 'off',
          SEEDS_DIR: path.join(root, 'seeds'),
          CACHE_DIR: path.join(tmp, `cache-${i}`),
          LOG_LEVEL: 'info',
          DISCORD_GUILD_ID: '',
          DISCORD_SHARDS: '',
        },
      });
      let err = '';
      proc.stderr.on('data', (d) => {
        err += String(d);
      });
      proc.stdout.resume();
      replicas.push({ proc, url: `http://127.0.0.1:${port}`, err: () => err });
    }
    // Each replica loads the documents, then listens: /healthz says 200 once it answers.
    for (const replica of replicas) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (replica.proc.exitCode !== null) throw new Error(`a replica exited:\n${replica.err()}`);
        const status = (await fetch(`${replica.url}/healthz`).catch(() => undefined))?.status;
        if (status === 200) break;
        if (Date.now() > deadline) throw new Error(`a replica never got ready:\n${replica.err()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    proxy = await roundRobin(replicas.map((r) => r.url));
  }, 90_000);

  afterAll(async () => {
    for (const { proc } of replicas)
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await new Promise<void>((resolve) => (proxy ? proxy.server.close(() => resolve()) : resolve()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('answers on one replica; More results, pressed on that answer, works on the other', async () => {
    const url = `${proxy?.url}/interactions`;
    const first = proxy?.served.length ?? 0;
    const asked = await edge.interact(url, chatInput('ask', { question: 'Iraq Syria Russian intelligence' }));
    expect(asked.response.type).toBe(CallbackType.ChannelMessageWithSource);
    const message = asked.sent.original() as FakeMessage;
    const more = buttonOf(message, 'More results');
    const page = await edge.interact(url, button(more?.custom_id ?? '', message));
    expect(page.response.type).toBe(CallbackType.UpdateMessage);
    expect(embed0(page.response.data).fields?.[0]?.name).toMatch(/^\[4\] /);

    const [askedOn, pressedOn] = proxy?.served.slice(first) ?? [];
    expect(askedOn).not.toBe(pressedOn);
    // Each replica logged the interaction it answered (the line reaches the pipe a little later).
    const askedLog = () => replicas[askedOn ?? 0]?.err() ?? '';
    const pressedLog = () => replicas[pressedOn ?? 0]?.err() ?? '';
    await expect.poll(askedLog).toMatch(new RegExp(`interaction id=${asked.sent.id} command=ask `));
    await expect
      .poll(pressedLog)
      .toMatch(new RegExp(`interaction id=${page.sent.id} command=button:ask:more `));
    expect(pressedLog()).not.toContain(asked.sent.id);
    // Both answers were the HTTP responses: nothing but the relayed callbacks reached the fake.
    for (const { sent } of [asked, page])
      expect(sent.requests().map((r) => `${r.method} ${r.route}`)).toEqual([
        `POST /interactions/${sent.id}/${sent.token}/callback`,
      ]);
  });

  it('both replicas stop on SIGTERM with exit code 0', async () => {
    const exits = replicas.map(
      ({ proc }) =>
        new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
          proc.once('exit', (code, signal) => resolve({ code, signal })),
        ),
    );
    for (const { proc } of replicas) proc.kill('SIGTERM');
    const results = await Promise.all(exits);
    for (const [i, result] of results.entries()) {
      expect(result, replicas[i]?.err()).toEqual({ code: 0, signal: null });
      expect(replicas[i]?.err()).toMatch(/serving interactions over HTTP .*port=\d+/);
      expect(replicas[i]?.err()).toMatch(/stopping signal=SIGTERM/);
    }
  }, 30_000);
});

describe('npm start that cannot listen or reach Discord', () => {
  /** Runs `npm start` with these settings until it exits: its code and what it said. */
  const run = (env: Record<string, string>) =>
    new Promise<{ code: number | null; err: string }>((resolve) => {
      const proc = spawn(process.execPath, entryArgs('src/start.ts'), {
        cwd: root,
        env: {
          ...process.env,
          DISCORD_TOKEN: 'fake.bot.token',
          GAPS: 'off',
          SEEDS_DIR: path.join(root, 'seeds'),
          CACHE_DIR: '',
          DISCORD_GUILD_ID: '',
          DISCORD_SHARDS: '',
          ...env,
        },
      });
      let err = '';
      proc.stderr.on('data', (d) => {
        err += String(d);
      });
      proc.stdout.resume();
      proc.on('exit', (code) => resolve({ code, err }));
    });

  it('names INTERACTIONS_PORT when its port is taken, and exits 2 (a setting to change)', async () => {
    const taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const r = await run({
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_PUBLIC_KEY: signer.publicKeyHex,
        INTERACTIONS_PORT: String(port),
        INTERACTIONS_HOST: '127.0.0.1',
      });
      // Before: "could not start: Error: listen EADDRINUSE: address already in use …", exit 1.
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/is in use by another program: set INTERACTIONS_PORT to a free port/);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 60_000);

  it('names INTERACTIONS_HOST when it is no name the machine can find, and exits 2', async () => {
    const r = await run({
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      INTERACTIONS_PORT: String(await freePort()),
      INTERACTIONS_HOST: 'seedbot-host.invalid',
    });
    // Before this was told apart: "could not reach Discord … DISCORD_API_URL", exit 1.
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/INTERACTIONS_HOST seedbot-host\.invalid is no name this machine can find/);
  }, 60_000);

  it('says Discord cannot be reached and points at DISCORD_API_URL', async () => {
    const closed = await freePort();
    const r = await run({ DISCORD_API_URL: `http://127.0.0.1:${closed}/api`, INTERACTIONS_PORT: '' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /could not reach Discord \(ECONNREFUSED.*\): check the network, and DISCORD_API_URL/,
    );
    expect(r.err).not.toContain('fake.bot.token');
  }, 60_000);
});
