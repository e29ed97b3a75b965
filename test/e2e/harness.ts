/** Starts the real bot (client, router, commands) against a fake Discord, for tests and scripts. */
import type { Command, Context, ReloadReport } from '../../commands/_contract.js';
import { loadCommands } from '../../src/bot/commands.js';
import type { Config } from '../../src/bot/config.js';
import type { Logger } from '../../src/bot/logger.js';
import { type Bot, startBot } from '../../src/bot/transports/gateway.js';
import { type FakeDiscord, noIdentifyThrottle } from './fake-discord.js';

/** What a stubbed reload reports: nothing changed in a two-document corpus. */
export const UNCHANGED_RELOAD: ReloadReport = {
  added: [],
  removed: [],
  changed: [],
  documents: 2,
  paragraphs: 29,
  passages: 20,
  previousParagraphs: 29,
  ms: 2000,
  warnings: [],
};

export interface TestBotOptions {
  ctx: Context;
  logger: Logger;
  /** Extra or replacement commands (e.g. one that throws). */
  commands?: Map<string, Command>;
}

/**
 * The settings a bot under test runs with: the fake's REST base as DISCORD_API_URL, the seeds,
 * no rate limit, no knowledge-gaps log; `overrides` adds or replaces any (HTTP mode's keys).
 */
export function testConfig<T extends Partial<Config>>(
  fake: FakeDiscord,
  overrides?: T,
): Config & { token: string } & T {
  return {
    token: 'fake.bot.token',
    apiUrl: fake.apiUrl,
    seedsDir: 'seeds',
    cacheDir: '.cache',
    logLevel: 'debug',
    askRateLimit: 0,
    dataDir: '.data',
    gaps: false,
    gapsRetentionDays: 90,
    ...overrides,
  } as Config & { token: string } & T;
}

/** Logs in through the fake's REST base, as DISCORD_API_URL would, and waits until ready. */
export async function startTestBot(fake: FakeDiscord, options: TestBotOptions): Promise<Bot> {
  const bot = await startBot({
    config: testConfig(fake),
    commands: options.commands ?? (await loadCommands()),
    ctx: options.ctx,
    logger: options.logger,
    clientOptions: { ws: noIdentifyThrottle },
  });
  await bot.ready;
  await fake.gateway.waitForConnected();
  return bot;
}

/** A button of a message payload, as the API sends it. */
export type PayloadButton = {
  custom_id: string;
  label?: string;
  emoji?: { name: string };
  disabled?: boolean;
};

/** Every button of a message payload (its action rows'), in order. */
export const buttonsOf = (data: unknown): PayloadButton[] =>
  ((data as { components?: { components: PayloadButton[] }[] }).components ?? []).flatMap(
    (r) => r.components,
  );
