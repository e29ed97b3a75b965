/**
 * Warning lines a stranger can cause (a refused HTTP request), limited: anyone on the internet
 * can send requests, and one line each would fill the disk (2.8 MB/s from one client). Per kind,
 * the first `perWindow` lines of a window are written; past them, one line at the window's end
 * says how many more there were.
 */
import type { Fields, Logger } from '../logger.js';

export interface LogLimit {
  /** Writes the warning, or counts it when its kind has had its lines this window. */
  warn(kind: string, message: string, fields: Fields): void;
  /** Writes what is still counted and stops the timer. */
  close(): void;
}

/** Kinds of warning followed at most (a refusal's status and reason): beyond, they start afresh. */
const MAX_KINDS = 64;

export function limitedLog(logger: Logger, perWindow = 20, windowMs = 60_000): LogLimit {
  const kinds = new Map<string, { written: number; held: number; message: string }>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    for (const [kind, k] of kinds)
      if (k.held > 0)
        logger.warn(
          `${k.message}: ${k.held} more in the last ${Math.round(windowMs / 1000)} s, not logged one by one`,
          {
            kind,
          },
        );
    kinds.clear();
  };
  return {
    warn(kind, message, fields) {
      let k = kinds.get(kind);
      if (!k) {
        if (kinds.size >= MAX_KINDS) flush();
        k = { written: 0, held: 0, message };
        kinds.set(kind, k);
      }
      timer ??= setTimeout(flush, windowMs).unref();
      if (k.written < perWindow) {
        k.written++;
        logger.warn(message, fields);
      } else k.held++;
    },
    close() {
      if (timer) clearTimeout(timer);
      flush();
    },
  };
}
