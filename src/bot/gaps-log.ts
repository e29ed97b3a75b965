/**
 * The knowledge-gaps store as the bot uses it: the log the commands record to and report from
 * (Context.gaps), and the purge of days past their retention, at start and every 6 hours.
 */
import type { GapsLog } from '../../commands/_contract.js';
import { GapsTally } from '../core/gaps.js';
import type { GapsStore } from './gaps-store.js';
import { describe, type Logger } from './logger.js';
/** The store as the commands use it (Context.gaps): failures are logged, reports tallied. */
export function gapsLog(store: GapsStore, logger: Logger): GapsLog {
  return {
    async record(event) {
      try {
        await store.record(event);
      } catch (error) {
        logger.error('could not record a knowledge-gaps event', { type: event.type, error: describe(error) });
        throw error;
      }
    },
    async report(days, guild) {
      const tally = new GapsTally();
      const { skipped, notes } = await store.scan(days ?? undefined, (e) => {
        if (e.guild === guild) tally.add(e);
      });
      for (const note of notes.slice(0, 3)) logger.warn('knowledge-gaps log', { note });
      return { report: tally.report(days), skipped };
    },
  };
}

/** How often old days are purged while the bot runs. */
export const PURGE_EVERY_MS = 6 * 3_600_000;

/**
 * Purges the days past the retention now, then every PURGE_EVERY_MS (the timer does not keep
 * the process up); also with GAPS=off, for the days kept from before. Returns how to stop it.
 */
export async function purgeRegularly(
  store: GapsStore,
  logger: Logger,
  retentionDays: number,
): Promise<() => void> {
  const purge = () =>
    store.purge().then(
      (gone) => {
        if (gone.length) logger.info('knowledge-gaps days purged', { files: gone.length, retentionDays });
      },
      (error: unknown) => logger.warn('could not purge the knowledge-gaps log', { error: describe(error) }),
    );
  await purge();
  const timer = setInterval(purge, PURGE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
