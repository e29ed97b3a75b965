/**
 * The live corpus: serves one engine, rebuilds it in the background when a document in the seeds
 * folder changes (debounced, with a maximum wait) or on /reindex, and swaps the new one in at
 * once. A question is always answered by one whole engine, old or new; a reload that fails keeps
 * the old one serving. A seeds folder deleted (or replaced) is watched again once it is back.
 */
import { type FSWatcher, readdirSync, realpathSync, type Stats, statSync, watch } from 'node:fs';
import path from 'node:path';
import type { ReloadReport } from '../../commands/_shared.js';
import { ALIASES_FILE, isDocumentName } from '../core/corpus.js';
import { type DocumentInfo, type Engine, isCoreError, openSeeds } from '../core/index.js';
import type { Logger } from './logger.js';
import { describe } from './router.js';

/** Edits within this long of each other are one change. */
export const RELOAD_DEBOUNCE_MS = 1000;
/** Under constant change, a reload still starts this long after the first unhandled change. */
export const RELOAD_MAX_WAIT_MS = 10_000;
/** How often the seeds folder is checked (still there, and still the same folder). */
export const SEEDS_POLL_MS = 1000;

/**
 * Whether a change at this path (relative to the seeds folder) can change the corpus: a
 * document (`.txt`, `.md`, `.markdown`, any case), `aliases.txt`, or a folder (`isFolder`: one
 * there now; the watcher also reports folders it was watching that are gone) — never a path
 * with a part starting with `.` (the core skips those), nor editors' swap, backup and temporary
 * files (`.x.md.swp`, `x.md~`, `#x.md#`, `4913`, `x.md.tmp`, `.goutputstream-…`).
 */
export function isDocumentPath(relativePath: string, isFolder = false): boolean {
  const parts = relativePath.split(/[\\/]/).filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part.startsWith('.'))) return false;
  if (isFolder || parts.length === 0) return true;
  const name = parts[parts.length - 1] as string;
  if (parts.length === 1 && name === ALIASES_FILE) return true;
  return isDocumentName(name);
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
  private again = false;
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
    try {
      this.watcher = new FolderWatcher(
        seedsDir,
        (file) => {
          logger.debug('seeds changed', { file });
          this.schedule();
        },
        () => this.check(),
        (folder, error) =>
          logger.warn('cannot watch a folder of documents', {
            folder: folder || '.',
            error: describe(error),
          }),
      );
    } catch (error) {
      this.troubled('cannot watch the seeds folder; use /reindex after edits', { error: describe(error) });
      return;
    }
    this.trouble = undefined;
    if (lost) {
      logger.info('watching the seeds folder again', { seeds: seedsDir });
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
   * Rebuilds now (or joins the rebuild under way, then runs once more for changes since).
   * Resolves with what changed; rejects, keeping the old engine, when the reload fails.
   */
  reload(reason: string): Promise<ReloadReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    // The rebuild reads the folder from now on: it covers every change so far.
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pendingSince = undefined;
    this.running = this.rebuild(reason).finally(() => {
      this.running = undefined;
      if (this.again && !this.closed) {
        this.again = false;
        this.schedule();
      }
    });
    return this.running;
  }

  private async rebuild(reason: string): Promise<ReloadReport> {
    const { logger, seedsDir, cacheDir } = this.options;
    const started = performance.now();
    const before = this.current;
    logger.info('reloading documents', { reason });
    try {
      const opened = await openSeeds(seedsDir, {
        cacheDir,
        strict: true,
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

interface Watched {
  watcher: FSWatcher;
  stats: Stats;
}

/**
 * Tells one folder from another: a folder deleted and created again is another, even when it
 * gets the same inode number (ext4 hands the freed one out again at once), by its birth time.
 */
const identity = (stats: Stats): string => `${stats.dev}:${stats.ino}:${stats.birthtimeMs}`;

/**
 * Watches a folder and every folder under it (dot-folders aside; linked folders followed, once
 * each), with one plain fs.watch per folder, and reports changes that can change the corpus.
 * Node 20's recursive fs.watch is not used: on Linux it watches each file by itself, so a file
 * replaced by a rename (an editor's safe save) is never reported again, and when the folder is
 * deleted it goes silent for good, with no error.
 */
class FolderWatcher {
  /** Watched folders by path relative to the root ('' for the root). */
  private readonly folders = new Map<string, Watched>();
  /** Identities of the watched folders. */
  private readonly watched = new Set<string>();
  /** Links to folders watched already under another path (so their removal is noticed). */
  private readonly links = new Map<string, string>();
  /** The root's real path: a linked folder outside it is never watched (the core never reads it). */
  private readonly rootReal: string;
  private closed = false;

  /** Throws when the root cannot be watched. */
  constructor(
    private readonly root: string,
    private readonly changed: (relativePath: string) => void,
    private readonly lost: () => void,
    private readonly failed: (folder: string, error: unknown) => void,
  ) {
    this.rootReal = realpathSync(root);
    this.add('', statSync(root));
    this.scan('', false);
  }

  /** Whether this is watching the folder with these stats. */
  watches(stats: Stats | undefined): boolean {
    const root = this.folders.get('');
    return (
      !this.closed && root !== undefined && stats !== undefined && identity(root.stats) === identity(stats)
    );
  }

  close(): void {
    this.closed = true;
    for (const { watcher } of this.folders.values()) watcher.close();
    this.folders.clear();
    this.watched.clear();
    this.links.clear();
  }

  private add(folder: string, stats: Stats): void {
    const watcher = watch(path.join(this.root, folder), (type, name) => this.event(folder, type, name));
    // A watcher that failed is closed: watch the folder anew.
    watcher.on('error', (error) => {
      this.failed(folder, error);
      this.replace(folder);
    });
    this.folders.set(folder, { watcher, stats });
    this.watched.add(identity(stats));
  }

  /** Stops watching a folder and every folder under it. */
  private drop(folder: string): void {
    const under = (known: string) => known === folder || known.startsWith(`${folder}/`);
    for (const [known, { watcher, stats }] of this.folders) {
      if (under(known)) {
        watcher.close();
        this.folders.delete(known);
        this.watched.delete(identity(stats));
      }
    }
    for (const link of [...this.links.keys()]) if (under(link)) this.links.delete(link);
  }

  private event(folder: string, type: string, name: string | null): void {
    if (this.closed || !this.folders.has(folder)) return;
    const file = name === null ? undefined : folder === '' ? name : `${folder}/${name}`;
    const where = path.join(this.root, folder);
    if (file !== undefined && name === path.basename(where) && !exists(path.join(this.root, file))) {
      // Likely the folder's own deletion or move, after which its watcher reports nothing: watch
      // it anew (a folder of that name may be there again already).
      this.replace(folder);
      return;
    }
    if (type === 'rename' || file === undefined) this.check(folder);
    if (this.closed || file === undefined) return;
    // A folder (or link to one) watched: check reports it added or removed.
    if (this.folders.has(file) || this.links.has(file)) return;
    if (isDocumentPath(file, isFolder(path.join(this.root, file)))) this.changed(file);
  }

  /** Checks a watched folder is still there (the same folder), and the folders in it. */
  private check(folder: string): void {
    const known = this.folders.get(folder);
    if (this.closed || known === undefined) return;
    const stats = statOrUndefined(path.join(this.root, folder));
    if (stats?.isDirectory() && identity(stats) === identity(known.stats)) this.scan(folder, true);
    else this.replace(folder);
  }

  /** Watches a folder anew: the root through `lost`, others here (reported as changed). */
  private replace(folder: string): void {
    if (this.closed) return;
    if (folder === '') {
      this.close();
      this.lost();
      return;
    }
    this.drop(folder);
    this.changed(folder);
    const stats = statOrUndefined(path.join(this.root, folder));
    if (stats?.isDirectory()) this.follow(folder, stats, true);
  }

  /** Stops watching the folders gone from a folder; watches those new in it. */
  private scan(folder: string, report: boolean): void {
    const found = new Map<string, Stats>();
    try {
      for (const entry of readdirSync(path.join(this.root, folder), { withFileTypes: true })) {
        if (entry.name.startsWith('.') || !(entry.isDirectory() || entry.isSymbolicLink())) continue;
        const child = folder === '' ? entry.name : `${folder}/${entry.name}`;
        if (entry.isSymbolicLink() && !this.inside(path.join(this.root, child))) continue;
        const stats = statOrUndefined(path.join(this.root, child));
        if (stats?.isDirectory()) found.set(child, stats);
      }
    } catch {
      return; // gone meanwhile: its own events say so
    }
    for (const [known, { stats }] of [...this.folders]) {
      if (known === '' || path.posix.dirname(known) !== (folder || '.')) continue;
      const now = found.get(known);
      if (now && identity(now) === identity(stats)) {
        found.delete(known);
      } else if (this.folders.has(known)) {
        this.drop(known);
        if (report) this.changed(known);
      }
    }
    for (const [link, target] of [...this.links]) {
      if (path.posix.dirname(link) !== (folder || '.')) continue;
      const now = found.get(link);
      if (now && identity(now) === target) {
        found.delete(link);
      } else {
        this.links.delete(link);
        if (report) this.changed(link);
      }
    }
    for (const [child, stats] of found) this.follow(child, stats, report);
  }

  /** Whether a path resolves inside the root's real path. */
  private inside(file: string): boolean {
    try {
      const r = path.relative(this.rootReal, realpathSync(file));
      return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
    } catch {
      return false;
    }
  }

  /** Starts watching a folder, and the folders in it. */
  private follow(folder: string, stats: Stats, report: boolean): void {
    // A linked folder already watched (or a link back up) is watched once.
    if (this.watched.has(identity(stats))) {
      this.links.set(folder, identity(stats));
      if (report) this.changed(folder);
      return;
    }
    try {
      this.add(folder, stats);
    } catch (error) {
      this.failed(folder, error);
      return;
    }
    if (report) this.changed(folder);
    this.scan(folder, report);
  }
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

const isFolder = (file: string): boolean => statOrUndefined(file)?.isDirectory() === true;
const exists = (file: string): boolean => statOrUndefined(file) !== undefined;

/** What changed between two engines' documents. */
export function diff(before: Engine, after: Engine, ms: number, warnings: string[]): ReloadReport {
  const old = new Map<string, DocumentInfo>(before.documents.map((d) => [d.source, d]));
  const now = new Map<string, DocumentInfo>(after.documents.map((d) => [d.source, d]));
  return {
    added: [...now.keys()].filter((s) => !old.has(s)),
    removed: [...old.keys()].filter((s) => !now.has(s)),
    changed: [...now.values()]
      .filter((d) => old.has(d.source) && old.get(d.source)?.hash !== d.hash)
      .map((d) => d.source),
    documents: after.documents.length,
    paragraphs: after.documents.reduce((n, d) => n + d.paragraphs, 0),
    previousParagraphs: before.documents.reduce((n, d) => n + d.paragraphs, 0),
    passages: after.passageCount,
    ms,
    warnings,
  };
}
