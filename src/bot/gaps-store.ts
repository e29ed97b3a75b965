/**
 * The knowledge-gaps log: votes on answers and questions left without a direct answer, one JSON
 * object per line, appended to one file per UTC day in DATA_DIR (`gaps-YYYY-MM-DD.jsonl`).
 *
 * Durable: a record is acknowledged only after its write reached the disk (fsync); records
 * arriving together share one fsync (group commit). A process killed mid-write leaves at most a
 * torn last line, which reading skips and reports; the next append starts on a fresh line.
 * Several processes may append to one DATA_DIR on a local disk: each record is one O_APPEND write
 * of one line, which the kernel never interleaves with another. Retention drops whole days: a day
 * file is deleted once its newest possible event is past retention, and reading filters by time.
 * User ids are never stored: each is a keyed hash (HMAC-SHA256 with a random key kept in
 * DATA_DIR/gaps.key), enough to count people and to let a later vote replace an earlier one.
 */
import { createHmac } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { GapEvent, NewEvent } from '../core/gaps.js';
import { makeDir } from '../core/make-dir.js';
import { cutText } from '../core/normalize.js';
import { DAY_MS, dayEnd, dayFile, dayFiles, dayOf, readDay } from './gaps-days.js';
import { keepKey, readKey } from './gaps-key.js';

export { dayOf } from './gaps-days.js';

export interface ReadResult extends Skipped {
  events: GapEvent[];
}

/** Lines that could not be read (a torn last record after a crash). */
export interface Skipped {
  skipped: number;
  /** The first few of them, one note each. */
  notes: string[];
}
/** Notes kept about lines that could not be read (the rest are counted). */
const MAX_NOTES = 10;
/** Longest stored question or reason, in UTF-16 units: a record stays one small write. */
const MAX_TEXT = 600;

export interface GapsStoreOptions {
  dir: string;
  retentionDays: number;
  /** The clock (tests). */
  now?: () => number;
}

/** Votes remembered to skip repeats (see GapsStore.votes): about 1 MB at most. */
const MAX_VOTES_REMEMBERED = 10_000;

/** A vote this process wrote (or is writing): what it was, and its day file's size after it. */
interface RememberedVote {
  what: string;
  writing?: Promise<void>;
  size?: number;
}

export class GapsStore {
  private key: Buffer | undefined;
  private pending: { line: string; day: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private readonly now: () => number;
  /**
   * The last vote this process wrote per person and message (see record). Bounded: past
   * MAX_VOTES_REMEMBERED it starts afresh, which costs a line on disk, never a vote.
   */
  private readonly votes = new Map<string, RememberedVote>();
  /** Per day file, its size right after this process's last write, when no other write came between. */
  private readonly sizes = new Map<string, number>();

  constructor(private readonly options: GapsStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get dir(): string {
    return this.options.dir;
  }

  /** Creates DATA_DIR and the hashing key if needed. Fails with a clear message if it cannot. */
  async open(): Promise<void> {
    makeDir(this.options.dir);
    this.key = await readKey(path.join(this.options.dir, 'gaps.key'));
    // A folder that holds its key but cannot be written (read-only, immutable) would lose every
    // event: today's file is opened for appending now, so such a start fails and says why.
    await (await this.openDay(dayOf(this.now()))).close();
  }

  /** A day's file, opened for appending (made, and its folder again if it was removed meanwhile). */
  private async openDay(day: string) {
    const file = path.join(this.options.dir, dayFile(day));
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT;
    try {
      return await open(file, flags, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // DATA_DIR was removed while running: made again (the key goes back with the day's file).
      makeDir(this.options.dir);
      return await open(file, flags, 0o600);
    }
  }

  /** The keyed hash of a user id. */
  hashUser(userId: string): string {
    if (!this.key) throw new Error('the gaps store is not open');
    return createHmac('sha256', this.key).update(userId).digest('hex').slice(0, 32);
  }

  /**
   * Appends one event; resolves once it is on disk. The same vote pressed again (2,000 presses:
   * 2,000 lines) is not written again while it is still the last line written to its day's file
   * by anyone (another process sharing DATA_DIR included): a vote changed meanwhile, here or on
   * another replica, is written.
   */
  async record(event: NewEvent): Promise<void> {
    const { userId, ...rest } = event;
    const at = this.now();
    const day = dayOf(at);
    const stored = { ...rest, at, user: this.hashUser(userId) } as GapEvent;
    if ('question' in stored) stored.question = cutText(stored.question, MAX_TEXT);
    if (stored.type === 'vote' && stored.reason !== undefined)
      stored.reason = cutText(stored.reason, MAX_TEXT);
    if (stored.type !== 'vote') return this.write(`${JSON.stringify(stored)}\n`, day);
    const who = `${stored.user}\0${stored.message}`;
    const what = JSON.stringify([day, stored.vote, stored.source, stored.paragraph, stored.reason ?? null]);
    const known = this.votes.get(who);
    if (known?.what === what) {
      if (known.writing) return known.writing;
      if (known.size !== undefined && (await this.sizeOf(day)) === known.size) return;
    }
    const vote: RememberedVote = { what };
    const writing = this.write(`${JSON.stringify(stored)}\n`, day).then(
      () => {
        vote.writing = undefined;
        vote.size = this.sizes.get(day);
      },
      (error: unknown) => {
        // Not on disk: the next press writes it.
        if (this.votes.get(who) === vote) this.votes.delete(who);
        throw error;
      },
    );
    vote.writing = writing;
    if (this.votes.size >= MAX_VOTES_REMEMBERED) this.votes.clear();
    this.votes.delete(who);
    this.votes.set(who, vote);
    return writing;
  }

  /** Queues a line for its day's file; resolves once it is on disk. */
  private write(line: string, day: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ line, day, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** The size of a day's file now (undefined when it cannot be read). */
  private async sizeOf(day: string): Promise<number | undefined> {
    try {
      return (await stat(path.join(this.options.dir, dayFile(day)))).size;
    } catch {
      return undefined;
    }
  }

  /** Writes what is pending, one fsync per day file per round, until nothing is left. */
  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        const byDay = new Map<string, typeof batch>();
        for (const p of batch) byDay.set(p.day, [...(byDay.get(p.day) ?? []), p]);
        for (const [day, items] of byDay) {
          try {
            await this.append(
              day,
              items.map((i) => i.line),
            );
            for (const i of items) i.resolve();
          } catch (error) {
            for (const i of items) i.reject(error);
          }
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async append(day: string, lines: string[]): Promise<void> {
    const file = path.join(this.options.dir, dayFile(day));
    const handle = await this.openDay(day);
    try {
      // A torn last record (a crash mid-write, here or in another process sharing DATA_DIR)
      // must not swallow the next one: start a new line. Checked whenever the file is not as
      // this process left it.
      const { size } = await handle.stat();
      // A new day's file: the key is put back if it went (a cleanup that removed gaps.key), or
      // the next start would make a new one and count everyone as someone else.
      if (size === 0 && this.key) await keepKey(path.join(this.options.dir, 'gaps.key'), this.key);
      if (size > 0 && this.sizes.get(day) !== size) {
        const last = Buffer.alloc(1);
        const reader = await open(file, 'r');
        try {
          await reader.read(last, 0, 1, size - 1);
        } finally {
          await reader.close();
        }
        if (last[0] !== 0x0a) lines = ['\n', ...lines];
      }
      // Each line is its own O_APPEND write: another process's lines never land inside it. A
      // line written in part (a full disk) fails its events, and the next write checks the tail.
      const before = size;
      let bytes = 0;
      for (const line of lines) {
        bytes += Buffer.byteLength(line);
        const { bytesWritten } = await handle.write(line);
        if (bytesWritten !== Buffer.byteLength(line))
          throw new Error(
            `only ${bytesWritten} of ${Buffer.byteLength(line)} bytes written (is the disk full?)`,
          );
      }
      await handle.sync();
      // The size after these lines, known only when no other process wrote between them.
      const after = (await handle.stat()).size;
      if (after === before + bytes) this.sizes.set(day, after);
      else this.sizes.delete(day);
      if (this.sizes.size > 8) this.sizes.delete(this.sizes.keys().next().value as string);
    } catch (error) {
      this.sizes.delete(day);
      throw error;
    } finally {
      await handle.close();
    }
  }

  /** Resolves once every record asked for so far is on disk. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Events of the last `days` days (all kept events without it), oldest first. */
  async read(days?: number): Promise<ReadResult> {
    const events: GapEvent[] = [];
    const skipped = await this.scan(days, (e) => events.push(e));
    events.sort((a, b) => a.at - b.at);
    return { events, ...skipped };
  }

  /**
   * Visits the events of the last `days` days (all kept events without it), day file by day
   * file, without holding them: a report over a million events needs memory for its rows only.
   */
  async scan(days: number | undefined, visit: (event: GapEvent) => void): Promise<Skipped> {
    const now = this.now();
    const since = Math.max(
      now - this.options.retentionDays * DAY_MS,
      days === undefined ? Number.NEGATIVE_INFINITY : now - days * DAY_MS,
    );
    const out: Skipped = { skipped: 0, notes: [] };
    const skip = (note: string) => {
      out.skipped++;
      if (out.notes.length < MAX_NOTES) out.notes.push(note);
    };
    for (const name of await dayFiles(this.options.dir)) {
      if (dayEnd(name) <= since) continue;
      await readDay(
        this.options.dir,
        name,
        (event) => {
          if (event.at >= since && event.at <= now) visit(event);
        },
        skip,
      );
    }
    return out;
  }

  /** Deletes the day files whose every event is older than the retention; returns their names. */
  async purge(): Promise<string[]> {
    const cutoff = this.now() - this.options.retentionDays * DAY_MS;
    const gone: string[] = [];
    for (const name of await dayFiles(this.options.dir)) {
      if (dayEnd(name) <= cutoff) {
        await rm(path.join(this.options.dir, name), { force: true });
        gone.push(name);
      }
    }
    return gone;
  }

  /** Bytes kept, for the log. */
  async size(): Promise<number> {
    let total = 0;
    for (const name of await dayFiles(this.options.dir))
      total += (await stat(path.join(this.options.dir, name))).size;
    return total;
  }
}
