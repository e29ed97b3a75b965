/**
 * The knowledge-gaps log's day files in DATA_DIR (`gaps-YYYY-MM-DD.jsonl`, one per UTC day):
 * their names, the day each holds, and the reading of one, record by record, with the lines
 * that are no record (a torn last line after a crash) noted, not thrown.
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { type GapEvent, parseEvent } from '../core/gaps.js';
import { cappedLines } from './lines.js';

export const DAY_MS = 86_400_000;
const FILE = /^gaps-(\d{4}-\d{2}-\d{2})\.jsonl$/;
/** Longer lines are no record (one is at most a few KB): cut as they are read (cappedLines). */
const MAX_RECORD_CHARS = 64 * 1024;

/** The UTC day of a time: `2026-12-02`. */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The file name of a day's events. */
export const dayFile = (day: string): string => `gaps-${day}.jsonl`;

/** When the day a day file holds ends (no event in it is later). */
export function dayEnd(name: string): number {
  return Date.parse(`${FILE.exec(name)?.[1] as string}T00:00:00Z`) + DAY_MS;
}

/** The day files in `dir`, oldest first (none when it does not exist). */
export async function dayFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => FILE.test(n)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Reads one day file: each event to `visit`, each line that is no record (too long, torn) to
 * `skip` with a note naming the file and the line.
 */
export async function readDay(
  dir: string,
  name: string,
  visit: (event: GapEvent) => void,
  skip: (note: string) => void,
): Promise<void> {
  let n = 0;
  // Lines are kept to MAX_RECORD_CHARS as they are read: one reaching it is no record.
  const file = createReadStream(path.join(dir, name), { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const line of cappedLines(file, MAX_RECORD_CHARS)) {
    n++;
    if (line.length >= MAX_RECORD_CHARS - 1) skip(`${name} line ${n}: too long to be a record (skipped)`);
    else if (line) {
      const event = parseEvent(line);
      if (!event) skip(`${name} line ${n}: not a complete record (skipped)`);
      else visit(event);
    }
  }
}
