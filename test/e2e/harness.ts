/** Starts the real bot (client, router, commands) against a fake Discord, for tests and scripts. */
import type { Command, Context } from '../../commands/_contract.js';
import { loadCommands } from '../../src/bot/commands.js';
import type { Logger } from '../../src/bot/logger.js';
import { type Bot, startBot } from '../../src/bot/transports/gateway.js';
import { type FakeDiscord, noIdentifyThrottle } from './fake-discord.js';

export interface TestBotOptions {
  ctx: Context;
  logger: Logger;
  /** Extra or replacement commands (e.g. one that throws). */
  commands?: Map<string, Command>;
}

/** Logs in through the fake's REST base, as DISCORD_API_URL would, and waits until ready. */
export async function startTestBot(fake: FakeDiscord, options: TestBotOptions): Promise<Bot> {
  const bot = await startBot({
    config: {
      token: 'fake.bot.token',
      apiUrl: fake.apiUrl,
      seedsDir: 'seeds',
      cacheDir: '.cache',
      logLevel: 'debug',
      askRateLimit: 0,
      dataDir: '.data',
      gaps: false,
      gapsRetentionDays: 90,
    },
    commands: options.commands ?? (await loadCommands()),
    ctx: options.ctx,
    logger: options.logger,
    clientOptions: { ws: noIdentifyThrottle },
  });
  await bot.ready;
  await fake.gateway.waitForConnected();
  return bot;
}
