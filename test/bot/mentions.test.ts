import { describe, expect, it } from 'vitest';
import { namedMentions } from '../../src/bot/text/mentions.js';

const names = {
  role: (id: string) =>
    ({ '111111111111111111': 'Artist', '222222222222222222': '@everyone', '333333333333333333': 'a<@1>' })[
      id
    ],
  channel: (id: string) => ({ '444444444444444444': 'gallery' })[id],
};

describe('namedMentions', () => {
  it('writes the roles and channels the server names as @Name and #name', () => {
    expect(namedMentions('get <@&111111111111111111> in <#444444444444444444>?', names)).toBe(
      'get @Artist in #gallery?',
    );
  });

  it('leaves users, @everyone, unknown ids and odd names as typed', () => {
    const typed =
      '<@111111111111111111> <@!111111111111111111> <@&222222222222222222> <@&999999999999999999> <#999999999999999999> <@&333333333333333333>';
    expect(namedMentions(typed, names)).toBe(typed);
    expect(namedMentions('no mention here', names)).toBe('no mention here');
  });
});
