/**
 * Watches a folder and every folder under it for changes that can change the documents, with
 * one plain fs.watch per folder. Node 20's recursive fs.watch is not used: on Linux it watches
 * each file by itself, so a file replaced by a rename (an editor's safe save) is never reported
 * again, and when the folder is deleted it goes silent for good, with no error.
 */
import { type FSWatcher, readdirSync, realpathSync, type Stats, statSync, watch } from 'node:fs';
import path from 'node:path';
import { isPackagesFolder } from '../core/corpus.js';
import { isDocumentPath, statOrUndefined } from './seeds-files.js';

interface Watched {
  watcher: FSWatcher;
  stats: Stats;
}

/**
 * How long after a rename in a folder its folders are listed again: a burst of renames (a git
 * checkout, an editor saving many files) costs one listing per folder, not one per file (a
 * checkout of 3,000 pages in one folder listed it 9,000 times, holding the bot for 10 s).
 */
export const CHECK_DELAY_MS = 100;
/** Folders remembered as not watchable (past it, each may be reported once more). */
const MAX_UNWATCHED = 10_000;

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
export class FolderWatcher {
  /** Watched folders by path relative to the root ('' for the root). */
  private readonly folders = new Map<string, Watched>();
  /** Identities of the watched folders. */
  private readonly watched = new Set<string>();
  /** Links to folders watched already under another path (so their removal is noticed). */
  private readonly links = new Map<string, string>();
  /** The root's real path: a linked folder outside it is never watched (the core never reads it). */
  private readonly rootReal: string;
  private closed = false;
  /** Folders to check (see CHECK_DELAY_MS), and the timer that will. */
  private readonly toCheck = new Set<string>();
  private checking: NodeJS.Timeout | undefined;
  /**
   * Folders that could not be watched (the system's limit of watches reached): tried again at
   * each listing of their parent, reported once (every save in the parent repeated them all).
   */
  private readonly unwatched = new Set<string>();

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
    clearTimeout(this.checking);
    this.toCheck.clear();
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
    if (type === 'rename' || file === undefined) this.checkSoon(folder);
    if (file === undefined) return;
    // A folder (or link to one) watched: check reports it added or removed.
    if (this.folders.has(file) || this.links.has(file)) return;
    if (isDocumentPath(file, isFolder(path.join(this.root, file)))) this.changed(file);
  }

  /** Checks the folder once the burst of events it is part of has come (see CHECK_DELAY_MS). */
  private checkSoon(folder: string): void {
    this.toCheck.add(folder);
    this.checking ??= setTimeout(() => {
      this.checking = undefined;
      const folders = [...this.toCheck];
      this.toCheck.clear();
      for (const f of folders) this.check(f);
    }, CHECK_DELAY_MS);
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
        if (
          entry.name.startsWith('.') ||
          isPackagesFolder(entry.name) ||
          !(entry.isDirectory() || entry.isSymbolicLink())
        )
          continue;
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
      if (!this.unwatched.has(folder)) {
        if (this.unwatched.size >= MAX_UNWATCHED) this.unwatched.clear();
        this.unwatched.add(folder);
        this.failed(folder, error);
      }
      return;
    }
    this.unwatched.delete(folder);
    if (report) this.changed(folder);
    this.scan(folder, report);
  }
}

const isFolder = (file: string): boolean => statOrUndefined(file)?.isDirectory() === true;
const exists = (file: string): boolean => statOrUndefined(file) !== undefined;
