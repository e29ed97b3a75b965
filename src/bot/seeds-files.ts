/**
 * The seeds folder's files as the watcher and the live corpus see them: which paths can change
 * the documents, and whether anything there changed since the documents were read.
 */
import { type Dirent, lstatSync, readdirSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { ALIASES_FILE, isDocumentName, isPackagesFolder } from '../core/corpus.js';

/**
 * Whether a change at this path (relative to the seeds folder) can change the corpus: a
 * document (`.txt`, `.md`, `.rst`, `.html`… and `README`, `FAQ`…: isDocumentName), `aliases.txt`, or a folder (`isFolder`: one
 * there now; the watcher also reports folders it was watching that are gone) — never a path
 * with a part starting with `.` or in a `node_modules` folder (the core skips those), nor editors' swap, backup and temporary
 * files (`.x.md.swp`, `x.md~`, `#x.md#`, `4913`, `x.md.tmp`, `.goutputstream-…`).
 */
export function isDocumentPath(relativePath: string, isFolder = false): boolean {
  const parts = relativePath.split(/[\\/]/).filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part.startsWith('.') || isPackagesFolder(part))) return false;
  if (isFolder || parts.length === 0) return true;
  const name = parts[parts.length - 1] as string;
  if (parts.length === 1 && name === ALIASES_FILE) return true;
  return isDocumentName(name);
}

/** A file's status, following links; undefined when it is gone or cannot be read. */
export function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** Entries changedSince looks at, at most: past them, it answers yes (a reload costs time only). */
const CHANGED_SINCE_MAX = 200_000;

/**
 * Whether anything that can change the documents may have changed in the folder since `time`
 * (Date.now() when they were read): a document or a folder (a file added, removed or renamed
 * changes its folder) whose status changed since (ctime: the kernel sets it at every write,
 * and nothing sets it back, unlike the modification time `cp -p`, `rsync -t` or an archive
 * restore give), give or take 0.1 s of clock lag, or 2 s on a file system that keeps whole
 * seconds (FAT, ext3). Hidden entries and folders this process cannot read are not looked at
 * (the documents were read without them); linked folders are not walked.
 */
export function changedSince(root: string, time: number): boolean {
  let seen = 0;
  const since = (s: Stats | undefined) =>
    s === undefined || s.ctimeMs >= time - (s.ctimeMs % 1000 === 0 ? 2000 : 100);
  const walk = (folder: string): boolean => {
    const here = path.join(root, folder);
    if (since(statOrUndefined(here))) return true;
    let entries: Dirent[];
    try {
      entries = readdirSync(here, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const entry of entries) {
      if (++seen > CHANGED_SINCE_MAX) return true;
      const file = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (isDocumentPath(file, true) && walk(file)) return true;
      } else if (isDocumentPath(file)) {
        // A link's target, or the link itself when it is broken.
        const full = path.join(root, file);
        if (since(statOrUndefined(full) ?? lstatOrUndefined(full))) return true;
      }
    }
    return false;
  };
  return walk('');
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
