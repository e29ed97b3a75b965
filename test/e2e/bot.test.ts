/**
 * The real bot (discord.js client, router, commands, renderer) against the fake Discord on
 * loopback, reached through DISCORD_API_URL exactly as in production.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { GatewayIntentBits, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedQuestions } from '../../scripts/load.js';
import { loadCommands } from '../../src/bot/commands.js';
import { createLogger } from '../../src/bot/logger.js';
import type { Bot } from '../../src/bot/transports/gateway.js';
import { openSeeds } from '../../src/core/index.js';
import { runDeploy } from '../../src/deploy.js';
import { entryArgs } from '../entry.js';
import {
  autocomplete,
  button,
  CallbackType,
  chatInput,
  type FakeDiscord,
  faults,
  messageContext,
  routes,
  type SentInteraction,
  snowflake,
  startFakeDiscord,
} from './fake-discord.js';
import { startTestBot } from './harness.js';
import { assertWithinLimits, everyString } from './limits.js';

const root = path.resolve(import.meta.dirname, '../..');
/** The index snapshots of `npm start`, kept out of the project's .cache. */
const cacheDir = mkdtempSync(path.join(tmpdir(), 'seedbot-e2e-cache-'));
const logs: string[] = [];
let fake: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  fake = await startFakeDiscord();
  const { engine } = await openSeeds(path.join(root, 'seeds'), { cacheDir: null });
  const commands = await loadCommands();
  // A thrown error, to prove the router's error reply: a command that always fails.
  commands.set('boom', {
    kind: 'slash',
    data: { name: 'boom', toJSON: () => ({ name: 'boom', description: 'fails' }) } as never,
    execute: () => {
      throw new Error('kaboom');
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
  rmSync(cacheDir, { recursive: true, force: true });
});

const ask = (options: Record<string, string | boolean>, user?: { id: string }) =>
  fake.sendInteraction(chatInput('ask', options, user ? { user } : {}));

describe('the bot on a fake Discord', () => {
  it('logs in with the Guilds intent only', () => {
    expect(fake.gateway.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds);
  });

  it('answers /ask with the right citation', async () => {
    const sent = ask({ question: 'How many IS fighters are still active in Iraq?' });
    const callback = await sent.waitForCallback();
    expect(callback.type).toBe(CallbackType.ChannelMessageWithSource);
    const embed = embed0(callback.data);
    expect(embed.title).toContain('How many IS fighters are still active in Iraq?');
    expect(embed.description).toContain('2,000');
    // The answer once, with its citation; the other results as fields [2], [3].
    expect(embed.description).toContain('**fighters**');
    expect(embed.description).toMatch(
      /— \*Senior Iraqi military commanders .*\*, `002_eb905f6be5fc9974\.txt` ¶6$/,
    );
    expect(embed.fields[0]?.name).toMatch(/^\[2\] /);
    expect(embed.fields.length).toBeLessThanOrEqual(3);
    expect(callback.data?.allowed_mentions).toEqual({ parse: [] });
    expect(callback.data?.flags ?? 0).toBe(0);
    assertWithinLimits(callback.data);
    await expect
      .poll(() => logs.some((l) => l.includes('interaction') && l.includes(`id=${sent.id}`)))
      .toBe(true);
    const line = logs.find((l) => l.includes(`id=${sent.id}`)) ?? '';
    expect(line).toMatch(/command=ask user=\d+ results=\d+ ms=\d+/);
  });

  it('answers privately when private:true', async () => {
    const callback = await ask({
      question: 'Who hosted the meeting in Baghdad?',
      private: true,
    }).waitForCallback();
    expect(callback.data?.flags).toBe(MessageFlags.Ephemeral);
  });

  it('never pings: @everyone and mentions in the question are neutralised and mentions blocked', async () => {
    const question =
      '@everyone @here <@123456789012345678> <@&223456789012345678> who hosted the meeting in Baghdad?';
    const callback = await ask({ question }).waitForCallback();
    expect(callback.data?.allowed_mentions).toEqual({ parse: [] });
    for (const s of everyString(callback.data)) {
      expect(s).not.toMatch(/@everyone|@here|<@!?\d|<@&\d|<#\d/);
    }
  });

  it('says what was not found, privately, when nothing matches', async () => {
    const callback = await ask({ question: 'What is the recipe for pancakes?' }).waitForCallback();
    expect(callback.data?.flags).toBe(MessageFlags.Ephemeral);
    const text = everyString(callback.data).join('\n');
    expect(text).toContain('recipe');
    expect(text).toContain('pancakes');
    expect(callback.data?.components ?? []).toEqual([]);
  });

  it('explains an unknown source privately', async () => {
    const callback = await ask({ question: 'Iraq', source: 'nope.txt' }).waitForCallback();
    expect(callback.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(everyString(callback.data).join('\n')).toContain('no document matches');
  });

  it('pages with More results (asker only) and shows paragraphs', async () => {
    const sent = ask({ question: 'Iraq Syria Russian intelligence' });
    const callback = await sent.waitForCallback();
    const rows = callback.data?.components as {
      components: { custom_id: string; label: string; disabled?: boolean }[];
    }[];
    const more = rows[0]?.components.find((c) => c.label === 'More results');
    const para = rows[0]?.components.find((c) => c.label === 'Show paragraph');
    expect(more?.disabled ?? false).toBe(false);
    const message = { id: sent.original()?.id, embeds: callback.data?.embeds, components: rows } as never;

    const page = await fake.sendInteraction(button(more?.custom_id ?? '', message)).waitForCallback();
    expect(page.type).toBe(CallbackType.UpdateMessage);
    const fields = embed0(page.data).fields;
    expect(fields[0]?.name).toMatch(/^\[4\] /);
    assertWithinLimits(page.data);

    const stranger = await fake
      .sendInteraction(
        button(more?.custom_id ?? '', message, { user: { id: '999999999999999999', username: 'other' } }),
      )
      .waitForCallback();
    expect(stranger.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(stranger.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(everyString(stranger.data).join(' ')).toContain('Only the person who asked');

    const full = await fake.sendInteraction(button(para?.custom_id ?? '', message)).waitForCallback();
    expect(full.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(everyString(full.data).join('\n').length).toBeGreaterThan(100);
    assertWithinLimits(full.data);
  });

  it('lists /sources and details one document', async () => {
    const list = await fake.sendInteraction(chatInput('sources')).waitForCallback();
    const text = everyString(list.data).join('\n');
    expect(text).toMatch(/000\\?_45a6886da7819588\.txt/);
    expect(text).toMatch(/13 paragraphs/);
    expect(text).toMatch(/16 paragraphs/);
    assertWithinLimits(list.data);
    const one = await fake.sendInteraction(chatInput('sources', { document: '002' })).waitForCallback();
    expect(embed0(one.data).title).toContain('Senior Iraqi military commanders');
  });

  it('autocompletes documents by title or file name', async () => {
    const cb = await fake
      .sendInteraction(autocomplete('ask', { name: 'source', value: 'iraq to' }))
      .waitForCallback();
    expect(cb.type).toBe(CallbackType.ApplicationCommandAutocompleteResult);
    const choices = (cb.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices.map((c) => c.value)).toEqual(['000_45a6886da7819588.txt']);
    const all = await fake
      .sendInteraction(autocomplete('sources', { name: 'document', value: '' }))
      .waitForCallback();
    expect((all.data as { choices: unknown[] }).choices).toHaveLength(2);
  });

  it('answers the message context menu with the message as the question', async () => {
    const cb = await fake
      .sendInteraction(messageContext('Ask the sources', { content: 'How many people were killed in July?' }))
      .waitForCallback();
    expect(everyString(cb.data).join('\n')).toContain('250');
    const empty = await fake
      .sendInteraction(messageContext('Ask the sources', { content: '' }))
      .waitForCallback();
    expect(empty.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(everyString(empty.data).join(' ')).toContain('no text');
  });

  it('gives an unknown command and a thrown error the error reply, and logs the id', async () => {
    const unknown = await fake.sendInteraction(chatInput('nosuch')).waitForCallback();
    expect(unknown.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(everyString(unknown.data).join(' ')).toContain('npm run deploy');
    const sent = fake.sendInteraction(chatInput('boom'));
    const boom = await sent.waitForCallback();
    expect(boom.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(everyString(boom.data).join(' ')).toMatch(/Something went wrong/);
    expect(logs.some((l) => l.includes('ERROR') && l.includes(`id=${sent.id}`) && l.includes('kaboom'))).toBe(
      true,
    );
  });

  it('logs an interaction that expired (10062) and keeps serving', async () => {
    fake.failNext(routes.callback, faults.unknownInteraction(1));
    const sent = ask({ question: 'Who hosted the meeting in Baghdad?' });
    await expect.poll(() => logs.some((l) => l.includes('10062') && l.includes(`id=${sent.id}`))).toBe(true);
    // Nothing else was tried for it: no error reply, no follow-up.
    expect(sent.callbackAttempts()).toHaveLength(1);
    expect(sent.outputs().filter((o) => o.kind !== 'callback')).toEqual([]);
    const next = await ask({ question: 'Who hosted the meeting in Baghdad?' }).waitForCallback();
    expect(next.type).toBe(CallbackType.ChannelMessageWithSource);
  });

  it('answers many /ask sent at once by as many users, each with the answer to their own question', async () => {
    const n = 50;
    const questions = seedQuestions();
    const burst: { sent: SentInteraction; question: string; userId: string }[] = [];
    for (let i = 0; i < n; i++) {
      const question = questions[i % questions.length] as string;
      const userId = snowflake();
      const user = { id: userId, username: `user${i}`, global_name: null };
      burst.push({ sent: fake.sendInteraction(chatInput('ask', { question }, { user })), question, userId });
    }
    const hasEmbed = (body: Record<string, unknown>) => Array.isArray(body.embeds) && body.embeds.length > 0;
    for (const { sent, question } of burst) {
      const answer = await sent.waitForOutput((o) => hasEmbed(o.body), 30_000);
      const embed = (answer.body.embeds as { title?: string; description?: string }[])[0];
      // Nothing crossed: the answer names the question this user asked.
      expect(`${embed?.title ?? ''}\n${embed?.description ?? ''}`).toContain(question);
    }
    expect(new Set(burst.map((b) => b.userId)).size).toBe(n);
    // One log line per interaction, none failed.
    const ids = new Set(burst.map((b) => b.sent.id));
    await expect
      .poll(
        () => logs.filter((l) => / INFO {2}interaction .*command=ask /.test(l) && mentionsId(l, ids)).length,
      )
      .toBe(n);
    expect(logs.filter((l) => / (WARN|ERROR) /.test(l) && mentionsId(l, ids))).toEqual([]);
  });

  it('made no request the fake does not know', () => {
    expect(fake.unknownRequests()).toEqual([]);
    expect(fake.requestsMatching(routes.gatewayBot).length).toBeGreaterThan(0);
  });
});

describe('the bot stopping', () => {
  it('finishes an answer under way before it disconnects: the deferred reply gets its answer', async () => {
    const { engine } = await openSeeds(path.join(root, 'seeds'), { cacheDir: null });
    const commands = await loadCommands();
    const ask = commands.get('ask');
    if (ask?.kind !== 'slash') throw new Error('no /ask command');
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // /ask that waits for the test: the router defers it, and its answer is an edit.
    commands.set('ask', {
      ...ask,
      execute: async (request, ctx) => {
        await gate;
        return ask.execute(request, ctx);
      },
    });
    const stopping = await startTestBot(fake, {
      commands,
      ctx: { engine: () => engine },
      logger: createLogger('error', () => {}),
    });
    const sent = fake.sendInteraction(chatInput('ask', { question: 'Who hosted the meeting in Baghdad?' }));
    const deferred = await sent.waitForCallback();
    expect(deferred.type).toBe(CallbackType.DeferredChannelMessageWithSource);
    // The stop comes while the answer is under way; the answer comes a little later.
    const stopped = stopping.stop();
    setTimeout(release, 300);
    await stopped;
    // Before: the client was destroyed at once and the process exited, the reply left "thinking…".
    const edits = sent.outputs().filter((o) => o.kind === 'edit');
    expect(edits).toHaveLength(1);
    expect(everyString(edits[0]?.body).join(' ')).toMatch(/Baghdad/);
  }, 30_000);
});

/**
 * Tests that start the commands as processes: a busy machine can take tens of seconds to start
 * one, and their subject is the outcome, not the speed.
 */
const PROCESS_TIMEOUT = 90_000;

/** `npm run deploy` in this process (the entry point only passes its arguments and streams). */
async function deploy(
  env: Record<string, string>,
  argv: string[] = [],
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (write: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        write(String(chunk));
        done();
      },
    });
  const code = await runDeploy(argv, {
    stdout: sink((s) => {
      out += s;
    }),
    stderr: sink((s) => {
      err += s;
    }),
    env,
  });
  return { code, out, err };
}

describe.concurrent('npm run deploy', () => {
  it('registers every command to the test guild', async () => {
    const r = await deploy({
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guild.id,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain('Registered 5 commands');
    const registered = (fake.commands.get(fake.guild.id) ?? []) as {
      name: string;
      default_member_permissions?: string;
    }[];
    expect(registered.map((c) => c.name).sort()).toEqual([
      'Ask the sources',
      'ask',
      'gaps',
      'reindex',
      'sources',
    ]);
    // /reindex and /gaps are hidden from members without Manage Server (0x20).
    expect(registered.find((c) => c.name === 'reindex')?.default_member_permissions).toBe('32');
    expect(registered.find((c) => c.name === 'gaps')?.default_member_permissions).toBe('32');
  });

  it('says in one line when Discord rejects the token', async () => {
    const strictFake = await startFakeDiscord({ token: 'the.right.token' });
    try {
      const r = await deploy({
        DISCORD_TOKEN: 'a.wrong.token',
        DISCORD_CLIENT_ID: strictFake.applicationId,
        DISCORD_GUILD_ID: strictFake.guild.id,
        DISCORD_API_URL: strictFake.apiUrl,
      });
      expect(r.code).toBe(2);
      expect(r.err.trim()).toBe(
        'seedbot: Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the token again from the Bot page',
      );
      expect(r.err).not.toContain('a.wrong.token');
    } finally {
      await strictFake.close();
    }
  });

  it('says in one line when Discord limits it for an hour, instead of waiting', async () => {
    const limited = await startFakeDiscord();
    try {
      limited.failNext(
        (r) => r.method === 'PUT' && r.route.includes('/commands'),
        faults.rateLimited(3600, { global: true }),
      );
      const r = await deploy({
        DISCORD_TOKEN: 'fake.bot.token',
        DISCORD_CLIENT_ID: limited.applicationId,
        DISCORD_GUILD_ID: limited.guild.id,
        DISCORD_API_URL: limited.apiUrl,
      });
      // Exit 1: nothing to change in the settings, run it again later.
      expect(r.code).toBe(1);
      expect(r.err.trim()).toMatch(
        /^seedbot: Discord is limiting requests \(429\): run npm run deploy again in \d+ s$/,
      );
    } finally {
      await limited.close();
    }
  });

  it('says what to do when Discord cannot be reached or fails, with exit code 1 (try again), not 2 (a setting)', async () => {
    // Nothing listens at this address.
    const closed = createHttpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await deploy({
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guild.id,
      DISCORD_API_URL: `http://127.0.0.1:${port}/api`,
    });
    // Before: "could not reach Discord at …: fetch failed", exit 2 (as for a wrong setting).
    expect(unreachable.code).toBe(1);
    expect(unreachable.err.trim()).toBe(
      `seedbot: could not reach Discord at http://127.0.0.1:${port}/api (ECONNREFUSED): check the network, and DISCORD_API_URL if it is set, then run npm run deploy again`,
    );
    // Reached, but its answer is no JSON: a setting to change (exit 2), not a retry.
    const garbled = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>proxy login</html>');
    });
    await new Promise<void>((resolve) => garbled.listen(0, '127.0.0.1', resolve));
    try {
      const r = await deploy({
        DISCORD_TOKEN: 'fake.bot.token',
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_GUILD_ID: fake.guild.id,
        DISCORD_API_URL: `http://127.0.0.1:${(garbled.address() as AddressInfo).port}/api`,
      });
      expect(r.code).toBe(2);
    } finally {
      await new Promise((resolve) => garbled.close(resolve));
    }
    const failing = await startFakeDiscord();
    try {
      failing.failNext(
        (r) => r.method === 'PUT' && r.route.includes('/commands'),
        faults.serverError(503, 4),
      );
      const r = await deploy({
        DISCORD_TOKEN: 'fake.bot.token',
        DISCORD_CLIENT_ID: failing.applicationId,
        DISCORD_GUILD_ID: failing.guild.id,
        DISCORD_API_URL: failing.apiUrl,
      });
      // Before: "could not reach Discord at …: Service Unavailable", exit 2.
      expect(r.code).toBe(1);
      expect(r.err.trim()).toMatch(
        /^seedbot: Discord failed \(503[^)]*\) at \S+: run npm run deploy again in a minute$/,
      );
    } finally {
      await failing.close();
    }
  });

  it('says in one line when the address answers with something that is not Discord', async () => {
    // A proxy's page, or any web server at DISCORD_API_URL: 200 with HTML.
    const page = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Welcome to nginx!</body></html>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    try {
      const apiUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/api`;
      const r = await deploy({
        DISCORD_TOKEN: 'fake.bot.token',
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_GUILD_ID: fake.guild.id,
        DISCORD_API_URL: apiUrl,
      });
      expect(r.code).toBe(2);
      // Before: "could not reach Discord at …: registered.map is not a function".
      expect(r.err.trim()).toBe(
        `seedbot: the answer from ${apiUrl} is not Discord's list of commands: check DISCORD_API_URL (or leave it unset)`,
      );
    } finally {
      await new Promise((resolve) => page.close(resolve));
    }
  });

  it("says which setting is wrong when the application id is not the token's", async () => {
    const r = await deploy({
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_CLIENT_ID: '923456789012345678',
      DISCORD_GUILD_ID: fake.guild.id,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(r.code).toBe(2);
    // Before: "invite the bot to server … with the applications.commands scope", which fixes nothing.
    expect(r.err).toContain('DISCORD_CLIENT_ID is not the application whose token is DISCORD_TOKEN');
  });

  it('says what is missing, one line per setting, with any other problem of the settings', async () => {
    const r = await deploy({
      DISCORD_TOKEN: 'Bot abc',
      DISCORD_CLIENT_ID: '',
      DISCORD_GUILD_ID: '',
    });
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n').slice(1);
    // Before: only the token's problem; the missing ids showed on the next run.
    expect(lines).toEqual([
      expect.stringMatching(/^ {2}- DISCORD_CLIENT_ID is not set: /),
      expect.stringMatching(/^ {2}- DISCORD_GUILD_ID is not set: .*--global/),
      expect.stringMatching(/^ {2}- DISCORD_TOKEN starts with "Bot "/),
    ]);
  });

  it("registers globally and removes the test server's own copies, so none shows twice", async () => {
    const own = await startFakeDiscord();
    try {
      const env = {
        DISCORD_TOKEN: 'fake.bot.token',
        DISCORD_CLIENT_ID: own.applicationId,
        DISCORD_GUILD_ID: own.guild.id,
        DISCORD_API_URL: own.apiUrl,
      };
      expect((await deploy(env)).code).toBe(0);
      expect(own.commands.get(own.guild.id)).toHaveLength(5);
      const r = await deploy(env, ['--global']);
      expect(r.code).toBe(0);
      expect(own.commands.get('global')).toHaveLength(5);
      // Before: the 5 stayed registered to the server too, each command showing twice there.
      expect(own.commands.get(own.guild.id) ?? []).toHaveLength(0);
      expect(r.out).toContain(`Removed the 5 commands registered to server ${own.guild.id} alone`);
      // Again: nothing left to remove, nothing said. A server the bot is not in: nothing to remove either.
      const again = await deploy(env, ['--global']);
      expect(again.out).not.toContain('Removed');
      const elsewhere = await deploy({ ...env, DISCORD_GUILD_ID: '923456789012345678' }, ['--global']);
      expect(elsewhere).toMatchObject({ code: 0, err: '' });
    } finally {
      await own.close();
    }
  });
});

describe('npm start', () => {
  it(
    'logs in through DISCORD_API_URL, answers, and stops cleanly on SIGTERM',
    async () => {
      const child = spawn(process.execPath, entryArgs('src/start.ts'), {
        cwd: root,
        env: {
          ...process.env,
          DISCORD_TOKEN: 'fake.bot.token',
          DISCORD_API_URL: fake.apiUrl,
          GAPS: 'off',
          SEEDS_DIR: 'seeds',
          CACHE_DIR: cacheDir,
        },
      });
      let err = '';
      child.stderr.on('data', (d) => {
        err += String(d);
      });
      await expect.poll(() => err.includes('connected to Discord'), { timeout: 60_000 }).toBe(true);
      expect(err).not.toContain('fake.bot.token');
      const cb = await fake
        .sendInteraction(chatInput('ask', { question: 'Who urged his followers to continue?' }))
        .waitForCallback();
      expect(everyString(cb.data).join('\n')).toContain('al-Baghdadi');
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
    PROCESS_TIMEOUT,
  );
});

interface Embed {
  title: string;
  description: string;
  fields: { name: string; value: string }[];
}

/** Whether a log line is about one of these interactions. */
function mentionsId(line: string, ids: ReadonlySet<string>): boolean {
  const id = /\bid=(\d+)/.exec(line)?.[1];
  return id !== undefined && ids.has(id);
}

function embed0(data: unknown): Embed {
  const embed = (data as { embeds?: Embed[] } | undefined)?.embeds?.[0];
  if (!embed) throw new Error('no embed in the payload');
  return embed;
}
