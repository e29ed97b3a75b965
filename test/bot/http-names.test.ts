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
          { id: GUILD, name: '@everyone' },
          { id: ROLE, name: `Artist ${round}` },
        ];
      }
      return [{ id: CHANNEL, name: 'gallery' }];
    },
  } as unknown as REST;
  return { rest, asked };
}

const quiet = createLogger('error', () => {});

describe('server names in HTTP mode', () => {
  it('are kept five minutes, then fetched again (a renamed role is read by its new name)', async () => {
    const { rest, asked } = restStub();
    let now = 0;
    const names = serverNames(rest, quiet, () => now);
    expect((await names(GUILD))?.role(ROLE)).toBe('Artist 1');
    now = NAMES_TTL_MS - 1;
    expect((await names(GUILD))?.role(ROLE)).toBe('Artist 1');
    expect((await names(GUILD))?.channel(CHANNEL)).toBe('gallery');
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
  });
});
