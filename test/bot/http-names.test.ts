/**
 * HTTP mode's server names (transports/http-names.ts): fetched when a question holds a mention,
 * kept for a while, fetched again once they may have changed.
 */
import type { REST } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/bot/logger.js';
import { holdsMentions, NAMES_TTL_MS, serverNames } from '../../src/bot/transports/http-names.js';

const ROLE = '123456789012345678';
const CHANNEL = '223456789012345678';
const GUILD = '323456789012345678';
const STAFF = '423456789012345678';

/** A REST client that answers a server's roles and channels, named by how often it was asked. */
function restStub() {
  const asked: string[] = [];
  let round = 0;
  const rest = {
    async get(route: string) {
      asked.push(route);
      if (route.endsWith('/roles')) {
        round++;
        return [
          // @everyone may view channels (1024), as on most servers.
          { id: GUILD, name: '@everyone', permissions: '1024' },
          { id: ROLE, name: `Artist ${round}`, permissions: '0' },
        ];
      }
      return [
        { id: CHANNEL, name: 'gallery', permission_overwrites: [] },
        // A staff channel @everyone may not view: its name is no one's to learn from a reply.
        {
          id: STAFF,
          name: 'staff',
          permission_overwrites: [{ id: GUILD, type: 0, allow: '0', deny: '1024' }],
        },
      ];
    },
  } as unknown as REST;
  return { rest, asked };
}

const quiet = createLogger('error', () => {});

describe('server names in HTTP mode', () => {
  it('are kept five minutes, then fetched again (a renamed role is read by its new name); a private channel keeps its id', async () => {
    const { rest, asked } = restStub();
    let now = 0;
    const names = serverNames(rest, quiet, () => now);
    expect((await names(GUILD))?.role(ROLE)).toBe('Artist 1');
    now = NAMES_TTL_MS - 1;
    expect((await names(GUILD))?.role(ROLE)).toBe('Artist 1');
    expect((await names(GUILD))?.channel(CHANNEL)).toBe('gallery');
    expect((await names(GUILD))?.channel(STAFF)).toBeUndefined();
    expect(asked).toEqual([`/guilds/${GUILD}/roles`, `/guilds/${GUILD}/channels`]);
    now = NAMES_TTL_MS;
    expect((await names(GUILD))?.role(ROLE)).toBe('Artist 2');
    // The @everyone role has the server's id: never read as a name.
    expect((await names(GUILD))?.role(GUILD)).toBeUndefined();
  });

  it('are asked for only when a text option or the message acted on holds a role or channel mention', () => {
    const option = (value: string) => ({ data: { options: [{ name: 'question', type: 3, value }] } });
    expect(holdsMentions(option(`how do I get <@&${ROLE}>?`))).toBe(true);
    expect(holdsMentions(option(`what is <#${CHANNEL}> for?`))).toBe(true);
    // A user's mention has no server name to read; nor has plain text.
    expect(holdsMentions(option(`ask <@${ROLE}>`))).toBe(false);
    expect(holdsMentions(option('how do I get the artist role?'))).toBe(false);
    const onMessage = { data: { resolved: { messages: { 1: { id: '1', content: `see <#${CHANNEL}>` } } } } };
    expect(holdsMentions(onMessage)).toBe(true);
    // Autocomplete reads only the option being typed.
    expect(holdsMentions({ type: 4, ...option(`how do I get <@&${ROLE}>?`) })).toBe(false);
  });

  it('answer within their time limit however long Discord takes, and remember a server they may not read', async () => {
    let calls = 0;
    const slow = {
      get: () => {
        calls++;
        return new Promise(() => {});
      },
    } as unknown as REST;
    const started = Date.now();
    expect(await serverNames(slow, quiet, Date.now, 50)(GUILD)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);

    const refused = {
      get: async () => {
        calls++;
        throw Object.assign(new Error('Missing Access'), { status: 403 });
      },
    } as unknown as REST;
    calls = 0;
    let now = 0;
    const names = serverNames(refused, quiet, () => now);
    expect(await names(GUILD)).toBeUndefined();
    now = NAMES_TTL_MS - 1;
    expect(await names(GUILD)).toBeUndefined();
    // Two requests (roles and channels), once in five minutes.
    expect(calls).toBe(2);
  });
});
