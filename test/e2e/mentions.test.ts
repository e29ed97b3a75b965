/**
 * A question written with Discord's mention picker ("how do I get @Artist?") arrives as
 * `<@&id>`: the bot reads it by the name the server gives the role or channel.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/bot/logger.js';
import type { Bot } from '../../src/bot/transports/gateway.js';
import { Engine } from '../../src/core/index.js';
import { corpusOf } from '../helpers.js';
import { chatInput, type FakeDiscord, snowflake, startFakeDiscord } from './fake-discord.js';
import { startTestBot } from './harness.js';
import { everyString } from './limits.js';

const ARTIST = snowflake();
const GALLERY = snowflake();
/** A channel @everyone may not view. */
const STAFF = snowflake();
const GUILD = snowflake();
let fake: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  fake = await startFakeDiscord({
    guilds: [
      {
        id: GUILD,
        channels: [
          { name: 'general' },
          { id: GALLERY, name: 'gallery' },
          { id: STAFF, name: 'staff', hidden: true },
        ],
        extra: {
          roles: [
            {
              id: GUILD,
              name: '@everyone',
              color: 0,
              hoist: false,
              position: 0,
              // View Channel, as on most servers.
              permissions: '1024',
              managed: false,
              mentionable: false,
              flags: 0,
            },
            {
              id: ARTIST,
              name: 'Artist',
              color: 0,
              hoist: false,
              position: 1,
              permissions: '0',
              managed: false,
              mentionable: true,
              flags: 0,
            },
          ],
        },
      },
    ],
  });
  const engine = Engine.create(
    corpusOf({
      'faq.md':
        '# FAQ\n\n## How do I get the Artist role?\n\nPost three original pieces, then ask a moderator to check them.\n\n## What is the gallery channel for?\n\nShare your finished art there, one post per piece.\n',
      'rules.md': '# Rules\n\nBe kind to everyone.\n',
      'events.md': '# Events\n\nGame nights are on Fridays.\n',
    }),
  );
  bot = await startTestBot(fake, { ctx: { engine: () => engine }, logger: createLogger('error', () => {}) });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const embedOf = (data: unknown) =>
  (data as { embeds?: { title?: string; description?: string }[] } | undefined)?.embeds?.[0] ?? {};

describe('mentions in a question', () => {
  it('reads a role and a channel mention by their names, and still pings nobody', async () => {
    const role = await fake
      .sendInteraction(chatInput('ask', { question: `how do I get the <@&${ARTIST}> role?` }))
      .waitForCallback();
    // Before: "Nothing in the documents answers…": the documents never write <@&…>.
    expect(embedOf(role.data).title).toContain('how do I get the @Artist role?');
    expect(embedOf(role.data).description).toContain('Post three original pieces');
    const channel = await fake
      .sendInteraction(chatInput('ask', { question: `what is the <#${GALLERY}> channel for?` }))
      .waitForCallback();
    expect(embedOf(channel.data).description).toContain('Share your finished art there');
    for (const callback of [role, channel]) {
      expect(callback.data?.allowed_mentions).toEqual({ parse: [] });
      for (const s of everyString(callback.data)) expect(s).not.toMatch(/<@&\d|<#\d|@everyone/);
    }
  });

  it("keeps a private channel's id: its name is no one's to learn from a reply", async () => {
    const callback = await fake
      .sendInteraction(chatInput('ask', { question: `what is <#${STAFF}> for?` }))
      .waitForCallback();
    expect(callback.data?.allowed_mentions).toEqual({ parse: [] });
    for (const s of everyString(callback.data)) {
      expect(s).not.toContain('staff');
      expect(s).not.toMatch(/<#\d/);
    }
  });

  it('leaves the @everyone role, users and unknown ids as typed, neutralised', async () => {
    const callback = await fake
      .sendInteraction(
        chatInput('ask', { question: `<@&${GUILD}> <@${snowflake()}> <@&${snowflake()}> game nights?` }),
      )
      .waitForCallback();
    expect(callback.data?.allowed_mentions).toEqual({ parse: [] });
    for (const s of everyString(callback.data)) expect(s).not.toMatch(/<@!?\d|<@&\d|@everyone/);
  });
});
