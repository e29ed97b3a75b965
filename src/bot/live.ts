/**
 * The live corpus: serves one engine, rebuilds it in the background when a document in the seeds
 * folder changes (debounced, with a maximum wait) or on /reindex, and swaps the new one in at
 * once. A question is always answered by one whole engine, old or new; a reload that fails keeps
 * the old one serving. A seeds folder deleted (or replaced) is watched again once it is back.
 */
import type { ReloadReport } from '../../commands/_contract.js';
import {
  type BuildProgress,
  type Engine,
  isCoreError,
  openSeeds,
  type ProgressListener,
} from '../core/index.js';
import { describe, type Logger } from './logger.js';
import { logProgress } from './progress.js';
import { diff } from './reload-report.js';
import { changedSince, statOrUndefined } from './seeds-files.js';
import { FolderWatcher } from './watcher.js';

/** Edits within this long of each other are one change. */
export const RELOAD_DEBOUNCE_MS = 1000;
/** Under constant change, a reload still starts this long after the first unhandled change. */
export const RELOAD_MAX_WAIT_MS = 10_000;
/** How often the seeds folder is checked (still there, and still the same folder). */
export const SEEDS_POLL_MS = 1000;
/** Folders that cannot be watched named in the log, per watch of the seeds folder. */
const NAMED_UNWATCHED = 5;

/** What to do about a folder that cannot be watched. */
function watchAdvice(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC')
    return "the system's limit of watched folders is reached: raise fs.inotify.max_user_watches (sysctl), or use /reindex after edits there";
  if (code === 'EMFILE')
    return 'the limit of open files is reached: raise it (ulimit -n, LimitNOFILE=), or use /reindex after edits there';
  return 'edits there are not seen: use /reindex after them';
}

export interface LiveOptions {
  seedsDir: string;
  cacheDir: string | null;
  logger: Logger;
  /** Where the documents can be read on the web (see OpenOptions). */
  sourcesBaseUrl?: string;
  debounceMs?: number;
  maxWaitMs?: number;
  pollMs?: number;
  /** Called after every reload that swapped a new engine in (a shard tells the others). */
  onReloaded?: (report: ReloadReport, reason: string) => void;
  /**
   * When the served documents were read (Date.now()): what changed in the folder since, before
   * watching began (a file saved while the bot was starting), is reloaded once watching begins.
   */
  readAt?: number;
}

export class LiveEngine {
  private current: Engine;
  private watcher: FolderWatcher | undefined;
  /** Checks the seeds folder while watching (see check). */
  private poll: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** When the first change not yet covered by a reload came (performance.now()). */
  private pendingSince: number | undefined;
  private running: Promise<ReloadReport> | undefined;
  /** Who hears how far the rebuild under way is (a /reindex waiting for it). */
  private hearing: Set<ProgressListener> | undefined;
  /**
   * The rebuild that follows the one under way, for the changes it may not have read (see
   * reload): one for every caller that joined, and who hears how far it is.
   */
  private next: { report: Promise<ReloadReport>; hearing: Set<ProgressListener> } | undefined;
  private closed = false;
  private watching = false;
  /** Why the folder is not watched now, once logged (so a poll does not repeat it). */
  private trouble: string | undefined;

  constructor(
    engine: Engine,
    private readonly options: LiveOptions,
  ) {
    this.current = engine;
  }

  /** The engine answering now. */
  engine(): Engine {
    return this.current;
  }

  /**
   * Watches the seeds folder: changes to documents trigger a debounced reload. If the folder
   * disappears, it is watched again (and reloaded) once it is back.
   */
  watch(): void {
    if (this.closed || this.watching) return;
    this.watching = true;
    this.check();
    this.poll = setInterval(() => this.check(), this.options.pollMs ?? SEEDS_POLL_MS);
    this.poll.unref();
  }

  /**
   * Makes sure the folder watched is the seeds folder there now: drops the watcher of a folder
   * deleted or replaced, and watches the folder there now (reloading, since it may hold anything).
   */
  private check(): void {
    if (this.closed || !this.watching) return;
    const { seedsDir, logger } = this.options;
    const stats = statOrUndefined(seedsDir);
    if (this.watcher?.watches(stats)) return;
    const lost = this.watcher !== undefined || this.trouble !== undefined;
    this.watcher?.close();
    this.watcher = undefined;
    if (!stats?.isDirectory()) {
      this.troubled('the seeds folder is gone; the previous documents are still served until it is back', {
        seeds: seedsDir,
      });
      return;
    }
    let unwatched = 0;
    try {
      this.watcher = new FolderWatcher(
        seedsDir,
        (file) => {
          logger.debug('seeds changed', { file });
          this.schedule();
        },
        () => this.check(),
        (folder, error) => {
          // Named a few times, then once more as "more": past the system's limit of watches
          // every folder of a large tree fails alike.
          unwatched++;
          if (unwatched > NAMED_UNWATCHED + 1) return;
          if (unwatched > NAMED_UNWATCHED) {
            logger.warn('more folders of documents cannot be watched; they are not named again', {
              advice: watchAdvice(error),
            });
            return;
          }
          logger.warn('cannot watch a folder of documents', {
            folder: folder || '.',
            error: describe(error),
            advice: watchAdvice(error),
          });
        },
      );
    } catch (error) {
      this.troubled('cannot watch the seeds folder; use /reindex after edits', { error: describe(error) });
      return;
    }
    this.trouble = undefined;
    if (lost) {
      logger.info('watching the seeds folder again', { seeds: seedsDir });
      this.schedule();
    } else if (this.options.readAt !== undefined && changedSince(seedsDir, this.options.readAt)) {
      logger.info('documents changed while starting; reloading', { seeds: seedsDir });
      this.schedule();
    }
  }

  private troubled(message: string, fields: Record<string, string>): void {
    if (this.trouble !== message) this.options.logger.warn(message, fields);
    this.trouble = message;
  }

  /** A change: reload once changes settle, or at the latest maxWaitMs after the first one. */
  private schedule(): void {
    if (this.closed) return;
    const now = performance.now();
    this.pendingSince ??= now;
    const debounce = this.options.debounceMs ?? RELOAD_DEBOUNCE_MS;
    const deadline = this.pendingSince + (this.options.maxWaitMs ?? RELOAD_MAX_WAIT_MS);
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.reload('files changed').catch(() => {});
      },
      Math.max(0, Math.min(debounce, deadline - now)),
    );
    this.timer.unref();
  }

  /**
   * Rebuilds now; or, while a rebuild is under way (it may have read the folder before the
   * changes this caller knows of), rebuilds once more right after it, for every caller that
   * came meanwhile. Resolves with what changed since the engine the caller saw (both rebuilds'
   * changes, for one that waited for two); rejects, keeping the old engine, when the reload
   * fails. `progress` hears how far the rebuilds are until they end.
   */
  reload(reason: string, progress?: ProgressListener): Promise<ReloadReport> {
    if (this.running) {
      const before = this.current;
      const started = performance.now();
      if (progress) this.hearing?.add(progress);
      if (!this.next) {
        const hearing = new Set<ProgressListener>();
        const report = this.running
          .catch(() => undefined)
          .then(() => {
            this.next = undefined;
            if (this.closed) throw new Error('stopping');
            return this.reload(reason, (p) => {
              for (const listen of hearing) listen(p);
            });
          });
        this.next = { report, hearing };
      }
      if (progress) this.next.hearing.add(progress);
      return this.next.report.then((r) => ({
        ...diff(before, this.current, performance.now() - started, r.warnings),
      }));
    }
    const hearing = new Set<ProgressListener>(progress ? [progress] : []);
    this.hearing = hearing;
    // The rebuild reads the folder from now on: it covers every change so far.
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pendingSince = undefined;
    this.running = this.rebuild(reason, hearing).finally(() => {
      this.running = undefined;
      this.hearing = undefined;
    });
    return this.running;
  }

  private async rebuild(reason: string, hearing: ReadonlySet<ProgressListener>): Promise<ReloadReport> {
    const { logger, seedsDir, cacheDir } = this.options;
    const started = performance.now();
    const before = this.current;
    logger.info('reloading documents', { reason });
    // The log hears how far a long rebuild is; so does whoever asked for it (see reload).
    const log = logProgress(logger);
    const progress = (p: BuildProgress) => {
      log(p);
      for (const listen of hearing) listen(p);
    };
    try {
      const opened = await openSeeds(seedsDir, {
        cacheDir,
        strict: true,
        previous: before,
        progress,
        // The new engine answers at once; its snapshot is written after.
        saveLater: true,
        // The old one answers meanwhile, on this thread: a large file is parsed on another.
        answering: true,
        ...(this.options.sourcesBaseUrl ? { sourcesBaseUrl: this.options.sourcesBaseUrl } : {}),
      });
      const after = opened.engine;
      if (this.closed) throw new Error('stopping');
      this.current = after;
      const report = diff(before, after, performance.now() - started, opened.warnings);
      for (const w of opened.warnings) logger.warn(w);
      logger.info('documents reloaded', {
        reason,
        added: report.added.length,
        removed: report.removed.length,
        changed: report.changed.length,
        paragraphs: report.paragraphs,
        ms: Math.round(report.ms),
      });
      // After /reindex on a folder deleted and created again, watch the new folder.
      this.check();
      // Other shards load the snapshot: they hear of the reload once it is written.
      void (opened.saved ?? Promise.resolve(undefined)).then((note) => {
        if (note) logger.warn(note);
        if (!this.closed) this.options.onReloaded?.(report, reason);
      });
      return report;
    } catch (error) {
      logger.error('reload failed; the previous documents are still served', {
        reason,
        error: describe(error).replace(/^CoreError: seedbot: /, ''),
      });
      if (isCoreError(error) && (error.code === 'SEEDS_MISSING' || error.code === 'SEEDS_NOT_A_FOLDER')) {
        this.check();
      }
      throw error;
    }
  }

  /** Stops every timer and watcher (a rebuild under way is not swapped in). */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.poll);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
