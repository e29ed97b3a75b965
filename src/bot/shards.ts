/**
 * Sharding (DISCORD_SHARDS): discord.js's own ShardingManager runs one process per shard and
 * respawns a shard that dies. The manager builds the index once and saves its snapshot in
 * CACHE_DIR before any shard starts, so every shard loads the snapshot instead of building.
 * Shard 0 watches the seeds folder; a shard that reloads (a change, or /reindex) tells the
 * manager, which tells every other shard to reload, which loads the new snapshot.
 *
 * A shard learns its id from SHARDS and SHARD_COUNT, which the manager sets and discord.js's
 * Client reads by itself; those names are the manager's, never a setting of ours.
 */
import type { ChildProcess } from 'node:child_process';
import { REST, Routes, type Shard, ShardingManager } from 'discord.js';
import type { Config } from './config.js';
import { describe, type Logger } from './logger.js';

/** What shards and the manager say to each other (other messages are discord.js's own). */
export interface ShardMessage {
  seedbot: 'reloaded' | 'reload';
  /** The shard that reloaded. */
  shard: number;
}

export function isShardMessage(message: unknown): message is ShardMessage {
  const m = message as Partial<ShardMessage> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    (m.seedbot === 'reloaded' || m.seedbot === 'reload') &&
    typeof m.shard === 'number'
  );
}

/** In a shard's process: which shard it is (set by the manager); otherwise undefined. */
export function shardOfProcess(
  env: NodeJS.ProcessEnv = process.env,
): { id: number; count: number } | undefined {
  if (!env.SHARDING_MANAGER) return undefined;
  const id = Number(env.SHARDS);
  const count = Number(env.SHARD_COUNT);
  return Number.isInteger(id) && Number.isInteger(count) ? { id, count } : undefined;
}

/** The reason a shard reloads when another one did; it does not pass it on. */
export const PEER_RELOAD = 'another shard reloaded';

/**
 * In a shard's process: reloads when the manager says another shard did, and tells the manager
 * when this shard reloaded for its own reasons.
 */
export function joinShards(
  shard: number,
  reload: (reason: string) => Promise<unknown>,
): (reason: string) => void {
  process.on('message', (message) => {
    if (isShardMessage(message) && message.seedbot === 'reload') reload(PEER_RELOAD).catch(() => {});
  });
  return (reason) => {
    if (reason !== PEER_RELOAD) process.send?.({ seedbot: 'reloaded', shard } satisfies ShardMessage);
  };
}

/** How many shards, and how long to wait between starting two (Discord's identify limit). */
export async function planShards(
  config: Pick<Config, 'apiUrl' | 'shards'> & { token: string },
): Promise<{ count: number; together: boolean; delayMs: number }> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const gateway = (await rest.get(Routes.gatewayBot())) as {
    shards: number;
    session_start_limit?: { max_concurrency?: number };
  };
  const count = config.shards === 'auto' || config.shards === undefined ? gateway.shards : config.shards;
  // Shards in different buckets (id % max_concurrency) may identify together; others 5 s apart.
  const concurrency = gateway.session_start_limit?.max_concurrency ?? 1;
  return { count, together: concurrency >= count, delayMs: 5500 };
}

export interface Shards {
  manager: ShardingManager;
  /** Stops every shard (SIGTERM, then a kill after `graceMs`) without respawning. */
  stop(graceMs?: number): Promise<void>;
}

/** A shard that dies this many times within SHARD_DEATHS_WINDOW_MS is not started again. */
export const SHARD_DEATHS = 3;
export const SHARD_DEATHS_WINDOW_MS = 10 * 60 * 1000;

/**
 * Starts `count` shard processes running `script` (the same `npm start`, which sees that it is a
 * shard), relays reloads between them, logs deaths and respawns.
 */
export async function startShards(options: {
  script: string;
  execArgv: string[];
  token: string;
  count: number;
  /** Start every shard at once (Discord lets them all identify together). */
  together: boolean;
  /** Otherwise: the wait between two shards. */
  delayMs: number;
  logger: Logger;
  /**
   * A shard that keeps dying (it exited with code 2, a problem it cannot get past such as a reset
   * token, or died SHARD_DEATHS times within SHARD_DEATHS_WINDOW_MS): every shard is stopped,
   * then this is called with why.
   */
  onGiveUp?: (why: string) => void;
  /** Called with `stop` before the first shard starts: a signal meanwhile stops those started. */
  stoppable?: (stop: () => Promise<void>) => void;
}): Promise<Shards> {
  const { logger, count } = options;
  const deaths = new Map<number, number[]>();
  const manager = new ShardingManager(options.script, {
    token: options.token,
    totalShards: count,
    respawn: true,
    mode: 'process',
    execArgv: options.execArgv,
  });
  let stopping = false;
  manager.on('shardCreate', (shard: Shard) => {
    shard.on('spawn', (child) => {
      logger.info('shard process started', {
        shard: shard.id,
        shards: count,
        pid: (child as ChildProcess).pid,
      });
      // Started by discord.js after the stop began (the next shard of a start under way): stopped too.
      if (stopping) (child as ChildProcess).kill('SIGTERM');
    });
    shard.on('ready', () => logger.info('shard ready', { shard: shard.id }));
    shard.on('death', (child) => {
      if (stopping) return;
      const code = (child as ChildProcess).exitCode;
      const now = Date.now();
      const recent = [...(deaths.get(shard.id) ?? []), now].filter((t) => now - t < SHARD_DEATHS_WINDOW_MS);
      deaths.set(shard.id, recent);
      if (code === 2 || recent.length >= SHARD_DEATHS) {
        // Starting it again would fail again, for ever (each start loads the index).
        const why =
          code === 2
            ? `shard ${shard.id} stopped on a problem it cannot get past (code 2; its own error line says which)`
            : `shard ${shard.id} died ${recent.length} times within ${SHARD_DEATHS_WINDOW_MS / 60_000} minutes`;
        logger.error('shard keeps failing; stopping every shard', {
          shard: shard.id,
          code: code ?? undefined,
        });
        // After discord.js has started it again (it does so once this event returns): that one stops too.
        setImmediate(() => void stop().then(() => options.onGiveUp?.(why)));
        return;
      }
      logger.warn('shard died; starting it again', { shard: shard.id, code: code ?? undefined });
    });
    shard.on('error', (error) => logger.error('shard error', { shard: shard.id, error: describe(error) }));
    shard.on('message', (message: unknown) => {
      if (!isShardMessage(message) || message.seedbot !== 'reloaded') return;
      for (const other of manager.shards.values()) {
        if (other.id === shard.id || !other.process) continue;
        other
          .send({ seedbot: 'reload', shard: message.shard } satisfies ShardMessage)
          .catch((error: unknown) =>
            logger.warn('cannot reach a shard', { shard: other.id, error: describe(error) }),
          );
      }
    });
  });
  // A shard that does not become ready in time is killed and respawned by discord.js; loading
  // the snapshot of a large corpus takes seconds, so the wait is generous.
  const timeout = 120_000;
  const stop = async (graceMs = 5000) => {
    stopping = true;
    manager.respawn = false;
    const exits: Promise<void>[] = [];
    for (const shard of manager.shards.values()) {
      const child = shard.process;
      if (!child || child.exitCode !== null) continue;
      exits.push(
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
      );
    }
    await Promise.all(exits);
  };
  options.stoppable?.(() => stop());
  try {
    if (options.together) {
      // Every shard may identify at once (max_concurrency covers them all): start them together.
      manager.totalShards = count;
      manager.shardList = [...Array(count).keys()];
      await Promise.all(manager.shardList.map((id) => manager.createShard(id).spawn(timeout)));
    } else {
      await manager.spawn({ amount: count, delay: options.delayMs, timeout });
    }
  } catch (error) {
    // A shard that cannot start (a setting it cannot use, a folder it cannot write): every shard
    // stops, and the start fails, for a service manager to see.
    await stop();
    throw error;
  }
  return { manager, stop };
}
