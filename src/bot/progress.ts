/**
 * Showing how far a long build of the index is: on a terminal, one line on stderr that updates
 * in place; in a log, a line every few seconds. Short builds say nothing.
 */
import { type BuildProgress, describeProgress, type ProgressListener } from '../core/index.js';
import type { Logger } from './logger.js';

/** A build shorter than this shows no progress. */
export const PROGRESS_AFTER_MS = 2000;
/** In a log, a line at most this often. */
export const LOG_EVERY_MS = 5000;

/** Where a terminal line goes: stderr, or a stream like it. */
export interface LineStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * One line on a terminal, rewritten in place (from PROGRESS_AFTER_MS on) and ended when the
 * build is done.
 */
export function terminalProgress(stream: LineStream, afterMs = PROGRESS_AFTER_MS): ProgressListener {
  let shown = false;
  return (p) => {
    if (p.phase === 'done') {
      if (shown) stream.write(`\r\x1b[2K${describeProgress(p)}\n`);
      shown = false;
      return;
    }
    if (p.elapsedMs < afterMs) return;
    shown = true;
    stream.write(`\r\x1b[2K${describeProgress(p)}`);
  };
}

/** Calls `say` every LOG_EVERY_MS while a build runs past PROGRESS_AFTER_MS. */
function everyFewSeconds(
  say: (p: BuildProgress) => void,
  { afterMs = PROGRESS_AFTER_MS, everyMs = LOG_EVERY_MS }: { afterMs?: number; everyMs?: number } = {},
): ProgressListener {
  let next = Math.max(afterMs, everyMs);
  return (p) => {
    if (p.phase === 'done' || p.elapsedMs < next) return;
    next = p.elapsedMs + everyMs;
    say(p);
  };
}

/** A log line every LOG_EVERY_MS while a build runs past PROGRESS_AFTER_MS. */
export function logProgress(
  logger: Pick<Logger, 'info'>,
  timing: { afterMs?: number; everyMs?: number } = {},
): ProgressListener {
  return everyFewSeconds(
    (p) =>
      logger.info('building the index', {
        phase: p.phase,
        files: `${p.files}/${p.filesTotal}`,
        passages: p.passages,
        percent: p.percent,
        s: Math.round(p.elapsedMs / 100) / 10,
      }),
    timing,
  );
}

/**
 * The progress of a build where it should show: an updating line when `stream` is a terminal,
 * else lines every few seconds (through `logger`, or plain lines on the stream).
 */
export function progressReporter(stream: LineStream, logger?: Pick<Logger, 'info'>): ProgressListener {
  if (stream.isTTY) return terminalProgress(stream);
  if (logger) return logProgress(logger);
  return everyFewSeconds((p) => stream.write(`seedbot: ${describeProgress(p)}\n`));
}
