/**
 * `npm start`: with DISCORD_TOKEN, logs in and serves; without it, the local console.
 * Settings and corpus problems are one clear message and exit code 2; SIGINT/SIGTERM close
 * the client cleanly; unhandled rejections are logged, not fatal.
 */
import { fileURLToPath } from 'node:url';
import type { Context } from '../commands/_contract.js';
import { loadCommands } from './bot/commands.js';
import { type Config, ConfigError, httpSettings, readConfig } from './bot/config.js';
import { gapsLog, purgeRegularly } from './bot/gaps-log.js';
import { GapsStore } from './bot/gaps-store.js';
import { LiveEngine } from './bot/live.js';
import { createLogger, describe, type Logger } from './bot/logger.js';
import { progressReporter } from './bot/progress.js';
import { PRESSES_PER_QUESTION, RateLimiter } from './bot/rate-limit.js';
import { createRouter } from './bot/router.js';
import { joinShards, planShards, shardOfProcess, startShards } from './bot/shards.js';
import { dataDirProblem, failedStart, LOST } from './bot/start-problems.js';
import { endOnClosedOutput, keepRunningWithoutLog } from './bot/stdout.js';
import { runConsole } from './bot/transports/console.js';
import { type Bot, startBot } from './bot/transports/gateway.js';
import { startHttp } from './bot/transports/http.js';
import { checkSeedsDir, isCoreError, openSeeds } from './core/index.js';

/** Errors of listening for HTTP interactions (see startProblem). */
const listening = new WeakSet<object>();

async function main(): Promise<number> {
  // Until the bot connects there is nothing to close: a signal just ends the start. While it
  // connects, the signal waits: once connected, the bot stops as it always does (connection closed).
  let connecting = false;
  let pending: NodeJS.Signals | undefined;
  let giveUp: NodeJS.Timeout | undefined;
  const early = (signal: NodeJS.Signals) => {
    // (A second signal, or a connection that does not come within 5 s, ends it at once.)
    if (connecting && !pending) {
      pending = signal;
      giveUp = setTimeout(() => early(signal), 5000).unref();
      return;
    }
    console.error(`seedbot: stopped by ${signal} while starting`);
    process.exit(0);
  };
  process.on('SIGINT', early);
  process.on('SIGTERM', early);
  keepRunningWithoutLog();
  const config = readConfig(console.error);
  if (!config) return 2;
  // The folders are checked before the documents are read (seconds on a large corpus), together.
  const folders = await openFolders(config);
  if (folders.problems.length > 0) {
    console.error(new ConfigError(folders.problems).message);
    return 2;
  }
  // In a shard's process (DISCORD_SHARDS), every line says which shard.
  const shard = shardOfProcess();
  const logger = createLogger(config.logLevel, undefined, shard ? { shard: shard.id } : {});
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection', { error: describe(reason) }),
  );

  const started = performance.now();
  // What is saved from now on, before the folder is watched, is reloaded once it is (see LiveOptions).
  const readAt = Date.now();
  const { engine, warnings, snapshot } = await openSeeds(config.seedsDir, {
    cacheDir: config.cacheDir,
    ...(config.sourcesBaseUrl ? { sourcesBaseUrl: config.sourcesBaseUrl } : {}),
    // A long first build says how far it is (one updating line on a terminal, else the log).
    progress: progressReporter(process.stderr, logger),
  });
  for (const w of warnings) logger.warn(w);
  logger.info('documents loaded', {
    seeds: config.seedsDir,
    index: snapshot === 'loaded' ? 'snapshot' : 'built',
    documents: engine.documents.length,
    passages: engine.passageCount,
    ms: Math.round(performance.now() - started),
  });
  if (config.shards !== undefined && config.token && !shard) {
    // The index is built (and its snapshot saved) once, here; the shards load the snapshot.
    return runShards({ ...config, token: config.token }, logger, early);
  }
  let tellShards: ((reason: string) => void) | undefined;
  const live = new LiveEngine(engine, {
    seedsDir: config.seedsDir,
    cacheDir: config.cacheDir,
    logger,
    ...(config.sourcesBaseUrl ? { sourcesBaseUrl: config.sourcesBaseUrl } : {}),
    onReloaded: (_report, reason) => tellShards?.(reason),
    readAt,
  });
  if (shard) tellShards = joinShards(shard.id, (reason) => live.reload(reason));
  const limiter = new RateLimiter(config.askRateLimit);
  const presses = new RateLimiter(config.askRateLimit * PRESSES_PER_QUESTION);
  const ctx: Context = {
    engine: () => live.engine(),
    limit: (userId) => limiter.take(userId),
    limitPress: (userId) => presses.take(userId),
    reload: (reason, progress) => live.reload(reason, progress),
  };
  // Votes and questions without a direct answer (GAPS=off turns it off: nothing new is
  // recorded, but what was kept still goes once its retention has passed).
  const kept =
    folders.gaps ?? new GapsStore({ dir: config.dataDir, retentionDays: config.gapsRetentionDays });
  await purgeRegularly(kept, logger, config.gapsRetentionDays);
  if (folders.gaps) ctx.gaps = gapsLog(folders.gaps, logger);
  const commands = await loadCommands();

  if (!config.token) {
    console.error(
      'No DISCORD_TOKEN set: starting the local console. To connect to Discord, put DISCORD_TOKEN in .env (see README).',
    );
    const tty = process.stdin.isTTY === true;
    if (tty) console.error('Type /ask <question>, /sources, /help or exit.');
    endOnClosedOutput();
    // Started: Ctrl-C or SIGTERM ends the console quietly (it holds nothing to close).
    process.off('SIGINT', early);
    process.off('SIGTERM', early);
    const quit = () => process.exit(0);
    process.once('SIGINT', quit);
    process.once('SIGTERM', quit);
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
  // HTTP interactions (INTERACTIONS_PORT): Discord POSTs each interaction here; no gateway. The
  // documents are loaded by now, so the server is ready as soon as it listens.
  const http = httpSettings(config);
  connecting = true;
  const bot: Pick<Bot, 'stop'> = http
    ? await startHttp({ config: http, commands, ctx, logger, isReady: () => true }).then(
        (server) => ({ stop: () => server.close() }),
        (error: unknown) => {
          if (error instanceof Object) listening.add(error);
          throw error;
        },
      )
    : await startBot({
        config: { ...config, token: config.token },
        commands,
        ctx,
        logger,
        // Running on, connected to nothing, would answer nothing, and no service manager would know.
        onLost: (code) => {
          console.error(`seedbot: Discord closed the connection for good (code ${code}${LOST[code] ?? ''})`);
          live.close();
          process.exit(1);
        },
      });
  process.off('SIGINT', early);
  process.off('SIGTERM', early);
  clearTimeout(giveUp);
  // One watcher is enough: with shards, shard 0 watches and the others follow its reloads.
  if (!shard || shard.id === 0) live.watch();
  // A shard whose manager is gone (killed, crashed) stops too, rather than run on unmanaged.
  if (shard)
    process.once('disconnect', () => {
      logger.warn('the shard manager is gone; stopping');
      live.close();
      void bot.stop().finally(() => process.exit(1));
    });
  // The live engine stops first (a rebuild under way is not swapped in); a hung stop exits 1 after 4 s.
  stopOnSignals(
    () => {
      live.close();
      return bot.stop();
    },
    logger,
    {},
    4000,
  );
  // A signal that came while connecting: now that the bot is up, it stops it.
  if (pending) process.kill(process.pid, pending);
  return -1;
}

/**
 * The folders the settings name, checked, every problem at once: the seeds folder missing or a
 * file, DATA_DIR (when GAPS is on) not a folder that can be written; and the knowledge-gaps
 * store, opened there.
 */
async function openFolders(config: Config): Promise<{ problems: string[]; gaps?: GapsStore }> {
  const problems: string[] = [];
  let gaps: GapsStore | undefined;
  try {
    await checkSeedsDir(config.seedsDir);
  } catch (error) {
    if (!isCoreError(error)) throw error;
    problems.push(error.reason);
  }
  if (config.gaps) {
    try {
      // Made if missing, its key read or made, today's file opened for appending and closed.
      gaps = new GapsStore({ dir: config.dataDir, retentionDays: config.gapsRetentionDays });
      await gaps.open();
    } catch (error) {
      gaps = undefined;
      problems.push(dataDirProblem(config.dataDir, error));
    }
  }
  return gaps ? { problems, gaps } : { problems };
}

/** DISCORD_SHARDS: the manager process. Starts the shards, stops them all on a signal. */
async function runShards(
  config: Config & { token: string },
  logger: Logger,
  early: (signal: NodeJS.Signals) => void,
): Promise<number> {
  const plan = await planShards(config);
  await startShards({
    script: fileURLToPath(import.meta.url),
    // The shards run this file as this process does (through the TypeScript loader).
    execArgv: process.execArgv,
    token: config.token,
    ...plan,
    logger,
    onGiveUp: (why) => {
      console.error(`seedbot: ${why}; every shard is stopped`);
      process.exit(1);
    },
    // From the first shard on, a signal stops the shards started so far (they would run on).
    stoppable: (stop) => {
      process.off('SIGINT', early);
      process.off('SIGTERM', early);
      stopOnSignals(stop, logger, { shards: plan.count });
    },
  });
  logger.info('shards started', { shards: plan.count });
  return -1;
}

/**
 * SIGINT or SIGTERM runs `stop` once, then exits 0 (1 if it fails). `forceAfterMs`: exit 1 if
 * it has not finished by then.
 */
function stopOnSignals(
  stop: () => Promise<void>,
  logger: Logger,
  fields: Record<string, number> = {},
  forceAfterMs?: number,
): void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal, ...fields });
    if (forceAfterMs !== undefined) setTimeout(() => process.exit(1), forceAfterMs).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('stop failed', { error: describe(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
}

/** A shard that ends: its channel to the manager would hold the process open. */
const leaveManager = () => {
  if (process.connected) process.disconnect();
};

main().then(
  (code) => {
    if (code >= 0) {
      process.exitCode = code;
      leaveManager();
    }
  },
  (error: unknown) => {
    leaveManager();
    const failed = failedStart(error, listening.has(error as object));
    console.error(failed.message);
    process.exitCode = failed.exitCode;
  },
);
