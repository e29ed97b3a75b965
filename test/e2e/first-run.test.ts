/**
 * A first run: a bot started before `npm run deploy` says nobody can use it yet, and says
 * nothing once the commands are registered (real discord.js against the fake Discord).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/bot/commands.js';
import { deployCommands } from '../../src/bot/deploy.js';
import { createLogger } from '../../src/bot/logger.js';
import type { Bot } from '../../src/bot/transports/gateway.js';
import { openSeeds } from '../../src/core/index.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.js';
import { startTestBot } from './harness.js';

let fake: FakeDiscord | undefined;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  await fake?.close();
});

async function start(deployed: 'no' | 'globally' | 'to the server'): Promise<string[]> {
  fake = await startFakeDiscord();
  const commands = await loadCommands();
  if (deployed !== 'no')
    await deployCommands(
      {
        token: 'fake.bot.token',
        clientId: fake.applicationId,
        global: deployed === 'globally',
        guildId: fake.guild.id,
        apiUrl: fake.apiUrl,
      },
      commands.values(),
    );
  const { engine } = await openSeeds('seeds', { cacheDir: null });
  const logs: string[] = [];
  bot = await startTestBot(fake, {
    ctx: { engine: () => engine },
    logger: createLogger('info', (l) => logs.push(l)),
    commands,
  });
  return logs;
}

describe('a first run', () => {
  it('warns that no command is registered until npm run deploy', async () => {
    const logs = await start('no');
    await expect
      .poll(() => logs.some((l) => l.includes('WARN') && l.includes('no commands are registered')))
      .toBe(true);
    expect(logs.find((l) => l.includes('connected to Discord'))).toContain('loaded=5');
  });

  it('logs no reconnection when it stops', async () => {
    const logs = await start('globally');
    await bot?.stop();
    bot = undefined;
    // Before: "gateway reconnecting shard=0" after every clean stop.
    expect(logs.filter((l) => l.includes('reconnecting'))).toEqual([]);
  });

  it('says nothing of it once they are registered to the server only, DISCORD_GUILD_ID unset', async () => {
    const logs = await start('to the server');
    await new Promise((r) => setTimeout(r, 300));
    expect(logs.filter((l) => l.includes('WARN'))).toEqual([]);
  });

  it('says nothing of it once they are registered', async () => {
    const logs = await start('globally');
    await new Promise((r) => setTimeout(r, 300));
    expect(logs.filter((l) => l.includes('WARN'))).toEqual([]);
  });
});
