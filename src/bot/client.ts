/**
 * The Discord client: intent Guilds only, interactions to the router, everything logged,
 * nothing fatal. `stop()` closes it cleanly.
 */
import { Client, Events, GatewayIntentBits, Options } from 'discord.js';
import type { Command, Context } from '../../commands/_shared.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createRouter, describe } from './router.js';

export interface Bot {
  client: Client;
  /** Resolves when the client is ready (logged in, guilds received). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface BotOptions {
  config: Config & { token: string };
  commands: ReadonlyMap<string, Command>;
  ctx: Context;
  logger: Logger;
  buttonTtlMs?: number;
  /** Extra client options (tests: the gateway identify throttle). */
  clientOptions?: Partial<ConstructorParameters<typeof Client>[0]>;
}

export async function startBot({
  config,
  commands,
  ctx,
  logger,
  buttonTtlMs,
  clientOptions,
}: BotOptions): Promise<Bot> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Every member who asks is cached by discord.js; months of new members must not grow memory.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      UserManager: { maxSize: 1000, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: { maxSize: 100, keepOverLimit: (member) => member.id === member.client.user.id },
    }),
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
    ...clientOptions,
  });
  const router = createRouter({ commands, ctx, logger, ...(buttonTtlMs ? { buttonTtlMs } : {}) });
  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (c) => {
      logger.info('connected to Discord', {
        user: c.user.tag,
        guilds: c.guilds.cache.size,
        commands: commands.size,
      });
      resolve();
    });
  });
  client.on(Events.InteractionCreate, (interaction) => {
    router.handle(interaction).catch((error: unknown) => {
      logger.error('interaction handler failed', { id: interaction.id, error: describe(error) });
    });
  });
  client.on(Events.Error, (error) => logger.error('client error', { error: describe(error) }));
  client.on(Events.Warn, (message) => logger.warn('client warning', { message }));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn('gateway disconnected', { shard, code: event.code }),
  );
  client.on(Events.ShardResume, (shard, replayed) => logger.info('gateway resumed', { shard, replayed }));
  client.on(Events.ShardReconnecting, (shard) => logger.info('gateway reconnecting', { shard }));
  await client.login(config.token);
  return {
    client,
    ready,
    async stop() {
      router.close();
      await client.destroy();
    },
  };
}
