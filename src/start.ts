/**
 * `npm start`: with DISCORD_TOKEN, logs in and serves; without it, the local console.
 * Settings and corpus problems are one clear message and exit code 2; SIGINT/SIGTERM close
 * the client cleanly; unhandled rejections are logged, not fatal.
 */
import type { Context } from '../commands/_contract.js';
import { loadCommands } from './bot/commands.js';
import { type Config, ConfigError, loadConfig } from './bot/config.js';
import { LiveEngine } from './bot/live.js';
import { createLogger, type Logger } from './bot/logger.js';
import { RateLimiter } from './bot/rate-limit.js';
import { createRouter, describe } from './bot/router.js';
import { runConsole } from './bot/transports/console.js';
import { type Bot, startBot } from './bot/transports/gateway.js';
import { isCoreError, openSeeds } from './core/index.js';

async function main(): Promise<number> {
  // Until the bot is up there is nothing to close: a signal just ends the start.
  const early = (signal: NodeJS.Signals) => {
    console.error(`seedbot: stopped by ${signal} while starting`);
    process.exit(0);
  };
  process.once('SIGINT', early);
  process.once('SIGTERM', early);
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection', { error: describe(reason) }),
  );

  const started = performance.now();
  const { engine, warnings, snapshot } = await openSeeds(config.seedsDir, {
    cacheDir: config.cacheDir,
    ...(config.sourcesBaseUrl ? { sourcesBaseUrl: config.sourcesBaseUrl } : {}),
  });
  for (const w of warnings) logger.warn(w);
  logger.info('documents loaded', {
    seeds: config.seedsDir,
    index: snapshot === 'loaded' ? 'snapshot' : 'built',
    documents: engine.documents.length,
    passages: engine.passageCount,
    ms: Math.round(performance.now() - started),
  });
  const live = new LiveEngine(engine, {
    seedsDir: config.seedsDir,
    cacheDir: config.cacheDir,
    logger,
    ...(config.sourcesBaseUrl ? { sourcesBaseUrl: config.sourcesBaseUrl } : {}),
  });
  const limiter = new RateLimiter(config.askRateLimit);
  const ctx: Context = {
    engine: () => live.engine(),
    limit: (userId) => limiter.take(userId),
    reload: (reason) => live.reload(reason),
  };
  const commands = await loadCommands();

  if (!config.token) {
    console.error(
      'No DISCORD_TOKEN set: starting the local console. To connect to Discord, put DISCORD_TOKEN in .env (see README).',
    );
    const tty = process.stdin.isTTY === true;
    if (tty) console.error('Type /ask <question>, /sources, /help or exit.');
    await runConsole({
      // A person at a terminal: only warnings and errors on stderr, unless LOG_LEVEL=debug.
      router: createRouter({
        commands,
        ctx,
        logger: config.logLevel === 'debug' ? logger : createLogger('warn'),
      }),
      input: process.stdin,
      output: process.stdout,
      color: process.stdout.isTTY === true && !process.env.NO_COLOR,
      prompt: tty,
    });
    return 0;
  }
  const bot = await startBot({ config: { ...config, token: config.token }, commands, ctx, logger });
  process.off('SIGINT', early);
  process.off('SIGTERM', early);
  live.watch();
  stopOnSignals(bot, live, logger);
  return -1;
}

function stopOnSignals(bot: Bot, live: LiveEngine, logger: Logger): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    const force = setTimeout(() => process.exit(1), 4000);
    force.unref();
    live.close();
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('stop failed', { error: describe(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (isCoreError(error)) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    if (error instanceof Error && /TokenInvalid|invalid token/i.test(`${error.name} ${error.message}`)) {
      console.error(
        'seedbot: Discord rejected DISCORD_TOKEN: copy the token again from the Bot page of your application',
      );
      process.exitCode = 2;
      return;
    }
    console.error(`seedbot: could not start: ${describe(error)}`);
    process.exitCode = 1;
  },
);
