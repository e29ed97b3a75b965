/**
 * HTTP mode has no gateway cache of roles and channels: a question written with Discord's mention
 * picker (`<@&id>`, `<#id>`) is read by the server's names all the same, fetched over REST with
 * the bot's token, once per server; a server the bot cannot read, or a slow answer, leaves the
 * mentions as typed and the question is still answered in time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/bot/commands.js';
import { createLogger } from '../../src/bot/logger.js';
import { type HttpServer, startHttp } from '../../src/bot/transports/http.js';
import { NAMES_TIMEOUT_MS } from '../../src/bot/transports/http-names.js';
import { Engine } from '../../src/core/index.js';
import { corpusOf } from '../helpers.js';
import { chatInput, type FakeDiscord, snowflake, startFakeDiscord } from './fake-discord.js';
import { testConfig } from './harness.js';
import { everyString } from './limits.js';
import { createSigner, type DiscordEdge, discordEdge } from './signed-client.js';

const ARTIST = snowflake();
const GALLERY = snowflake();
const GUILD = snowflake();
/** A server whose roles the bot may not read, and one whose answer is slow. */
const CLOSED = snowflake();
const SLOW = snowflake();
/** A server asked about just as the bot stops. */
const LAST = snowflake();
/** A channel @everyone may not view. */
const STAFF = snowflake();

const role = (id: string, name: string, position: number, permissions = '0') => ({
  id,
  name,
  color: 0,
  hoist: false,
  position,
  permissions,
  managed: false,
  mentionable: true,
  flags: 0,
});

let fake: FakeDiscord;
let edge: DiscordEdge;
let server: HttpServer;
let base: string;

beforeAll(async () => {
  fake = await startFakeDiscord({
    guilds: [GUILD, CLOSED, SLOW, LAST].map((id) => ({
      id,
      channels: [
        { name: 'general' },
        ...(id === GUILD
          ? [
              { id: GALLERY, name: 'gallery' },
              { id: STAFF, name: 'staff', hidden: true },
            ]
          : []),
      ],
      // @everyone may view channels (1024), as on most servers.
      extra: { roles: [role(id, '@everyone', 0, '1024'), role(ARTIST, 'Artist', 1)] },
    })),
  });
  const signer = createSigner();
  edge = discordEdge(fake, signer);
  const engine = Engine.create(
    corpusOf({
      'faq.md':
        '# FAQ\n\n## How do I get the Artist role?\n\nPost three original pieces, then ask a moderator to check them.\n\n## What is the gallery channel for?\n\nShare your finished art there, one post per piece.\n',
      'rules.md': '# Rules\n\nBe kind to everyone.\n',
      'events.md': '# Events\n\nGame nights are on Fridays.\n',
    }),
  );
  server = await startHttp({
    config: testConfig(fake, {
      clientId: fake.applicationId,
      publicKey: signer.publicKeyHex,
      interactionsPort: 0,
      interactionsHost: '127.0.0.1',
    }),
    commands: await loadCommands(),
    ctx: { engine: () => engine },
    logger: createLogger('error', () => {}),
    isReady: () => true,
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
});

const ask = (question: string, guildId = GUILD) =>
  edge.interact(`${base}/interactions`, chatInput('ask', { question }, { guildId }));
const embedOf = (data: unknown) =>
  (data as { embeds?: { title?: string; description?: string }[] } | undefined)?.embeds?.[0] ?? {};
const namesRead = (guildId: string) =>
  fake.requests.filter((r) => r.method === 'GET' && r.route === `/guilds/${guildId}/roles`).length;

describe('mentions in a question, over HTTP', () => {
  it('reads a role and a channel mention by their names, asking Discord once per server', async () => {
    expect(namesRead(GUILD)).toBe(0);
    const plain = await ask('what is the gallery channel for?');
    // A question without a mention costs no request.
    expect(namesRead(GUILD)).toBe(0);
    expect(embedOf(plain.response.data).description).toContain('Share your finished art there');

    const byRole = await ask(`how do I get the <@&${ARTIST}> role?`);
    // Before: "Nothing in the documents answers…": the documents never write <@&…>.
    expect(embedOf(byRole.response.data).title).toContain('how do I get the @Artist role?');
    expect(embedOf(byRole.response.data).description).toContain('Post three original pieces');
    const byChannel = await ask(`what is the <#${GALLERY}> channel for?`);
    expect(embedOf(byChannel.response.data).description).toContain('Share your finished art there');
    expect(namesRead(GUILD)).toBe(1);
    for (const { response } of [byRole, byChannel]) {
      expect(response.data?.allowed_mentions).toEqual({ parse: [] });
      for (const s of everyString(response.data)) expect(s).not.toMatch(/<@&\d|<#\d|@everyone/);
    }
  });

  it('leaves the mentions as typed where the server cannot be read, and answers all the same', async () => {
    fake.failNext(`GET /guilds/${CLOSED}/roles`, {
      status: 403,
      body: { message: 'Missing Access', code: 50001 },
    });
    for (let i = 0; i < 3; i++) {
      const { response } = await ask(`how do I get the <@&${ARTIST}> role?`, CLOSED);
      expect(response.data?.allowed_mentions).toEqual({ parse: [] });
      expect(embedOf(response.data).title).not.toContain('@Artist');
      for (const s of everyString(response.data)) expect(s).not.toMatch(/<@&\d/);
    }
    // Remembered: a server the bot may not read is not asked at every question.
    expect(namesRead(CLOSED)).toBe(1);
  });

  it("keeps a private channel's id: its name is no one's to learn from a reply", async () => {
    const { response } = await ask(`what is <#${STAFF}> for?`);
    expect(response.data?.allowed_mentions).toEqual({ parse: [] });
    for (const s of everyString(response.data)) {
      expect(s).not.toContain('staff');
      expect(s).not.toMatch(/<#\d/);
    }
  });

  it('does not wait past its limit for a slow answer: the question is answered within 3 s', async () => {
    fake.failNext(`GET /guilds/${SLOW}/roles`, { delayMs: 2_500 });
    const started = Date.now();
    const { response } = await ask(`how do I get the <@&${ARTIST}> role?`, SLOW);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(NAMES_TIMEOUT_MS - 50);
    // Discord's rule is the point: an interaction unanswered after 3 s has failed.
    expect(took).toBeLessThan(2_500);
    expect(response.data?.allowed_mentions).toEqual({ parse: [] });
    for (const s of everyString(response.data)) expect(s).not.toMatch(/<@&\d/);
  });

  it('answers a question whose names are being read when the bot is told to stop', async () => {
    fake.failNext(`GET /guilds/${LAST}/roles`, { delayMs: 300 });
    const asked = ask(`how do I get the <@&${ARTIST}> role?`, LAST);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = server.close();
    // Before: close() went on once the names were read and cut the connection: "fetch failed".
    const { response } = await asked;
    expect(embedOf(response.data).description).toContain('Post three original pieces');
    await closing;
  });
});
