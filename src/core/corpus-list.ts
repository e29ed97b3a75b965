/**
 * The seeds folder listed: every document file under it as a real path inside it, links
 * followed only within it, hidden files and folders and installed packages never read, an
 * Obsidian vault told by its settings folder; what is skipped is said in a warning.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isDocumentName, isPackagesFolder, shown, UNREAD_FORMATS, unreadWarning } from './corpus-files.js';

/** Whether `file` (a real path) is `root` or inside it. */
export function inside(root: string, file: string): boolean {
  const r = path.relative(root, file);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

/** Whether `file` (a real path inside `root`) is hidden or in a hidden folder there (`.env`, `.private/a.md`). */
export function hiddenInside(root: string, file: string): boolean {
  return path
    .relative(root, file)
    .split(path.sep)
    .some((part) => part.startsWith('.') && part !== '..');
}

export const HIDDEN_LINK = 'it is a link to a hidden file or folder, which is never read';

/** A listed document file: its path, its real path, and whether it is in an Obsidian vault. */
export interface Listed {
  full: string;
  real: string;
  vault?: true;
}

/** The settings folder that makes a folder an Obsidian vault (see parse/comments.ts). */
const OBSIDIAN_FOLDER = '.obsidian';

/**
 * Every document file under the folder, as real paths inside it. Nothing outside the folder's
 * real path is ever listed: a link that resolves outside it is skipped with a warning (a link
 * inside it is followed). Hidden files and folders (`.env`, `.notes/`) are never read; those
 * that could hold documents are named in a warning; nor is a `node_modules` folder (named in a
 * warning). A folder reached twice is read once.
 */
export async function listFiles(
  root: string,
  warnings: string[],
  failures: SeedFailure[],
): Promise<Listed[]> {
  /** A problem a later read may not have (a file being rewritten, a permission being fixed). */
  const failed = (line: string, full: string) => {
    warnings.push(line);
    failures.push({ line, source: rel(root, full) });
  };
  const found: Listed[] = [];
  const unread: string[] = [];
  const rootReal = await realpath(root);
  const seen = new Set<string>();
  // Whether a real folder is in an Obsidian vault: it or a folder above it (above the seeds
  // folder too: SEEDS_DIR may be a vault's public part) holds `.obsidian` (a folder, or a link to
  // one). Only that name is looked at up there, with stat; nothing above is listed or read.
  const vaults = new Map<string, Promise<boolean>>();
  const inVault = (dir: string): Promise<boolean> => {
    let known = vaults.get(dir);
    if (!known) {
      known = (async () => {
        try {
          if ((await stat(path.join(dir, OBSIDIAN_FOLDER))).isDirectory()) return true;
        } catch {
          // None, or not readable: no vault here.
        }
        const parent = path.dirname(dir);
        return parent !== dir && inVault(parent);
      })();
      vaults.set(dir, known);
    }
    return known;
  };
  const walk = async (dir: string, real: string): Promise<void> => {
    if (seen.has(real)) {
      warnings.push(`skipped folder ${shown(rel(root, dir))}: it links back to a folder already read`);
      return;
    }
    seen.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch (error) {
      failed(`skipped folder ${shown(rel(root, dir))}: ${reason(error)}`, dir);
      return;
    }
    entries.sort((a, b) => compare(a.name, b.name));
    // An Obsidian vault: its settings folder (never read) says how its notes are written.
    const vault = await inVault(real);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.name.startsWith('.')) {
        const worthSaying =
          (entry.isDirectory() && entry.name !== '.git' && entry.name !== OBSIDIAN_FOLDER) ||
          isDocumentName(entry.name) ||
          /^\.env/i.test(entry.name);
        if (worthSaying)
          warnings.push(`skipped ${shown(rel(root, full))}: hidden files and folders are never read`);
        continue;
      }
      let target = path.join(real, entry.name);
      // A name in another encoding than UTF-8 (from an archive made on Windows) reads with U+FFFD
      // in place of its odd bytes, a name no file has: it cannot be opened by it.
      if (entry.name.includes('\uFFFD') && !(await exists(target))) {
        warnings.push(`skipped ${shown(rel(root, full))}: its name is not UTF-8 (rename it)`);
        continue;
      }
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const relevant = () => isDocumentName(entry.name) || path.extname(entry.name) === '';
        try {
          target = await realpath(target);
        } catch (error) {
          if (relevant()) failed(`skipped ${shown(rel(root, full))}: ${reason(error)}`, full);
          continue;
        }
        if (!inside(rootReal, target)) {
          if (relevant())
            warnings.push(
              `skipped ${shown(rel(root, full))}: it is a link to outside the seeds folder, which is never read`,
            );
          continue;
        }
        // A link must not make readable what its own name would not be: `notes.txt -> .env`.
        if (hiddenInside(rootReal, target)) {
          if (relevant()) warnings.push(`skipped ${shown(rel(root, full))}: ${HIDDEN_LINK}`);
          continue;
        }
        try {
          const s = await stat(target);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch (error) {
          if (relevant()) failed(`skipped ${shown(rel(root, full))}: ${reason(error)}`, full);
          continue;
        }
      }
      if (isDir && (isPackagesFolder(entry.name) || isPackagesFolder(path.basename(target)))) {
        // Installed packages' READMEs are not the folder's documents (SEEDS_DIR at a project's root).
        warnings.push(
          `skipped folder ${shown(rel(root, full))}: a folder of installed packages is never read (point SEEDS_DIR at the documents)`,
        );
        continue;
      }
      if (isDir) await walk(full, target);
      else if (!isFile && isDocumentName(entry.name))
        warnings.push(
          `skipped ${shown(rel(root, full))}: it is not a regular file (a named pipe, a socket or a device), which is never read`,
        );
      else if (isFile && isDocumentName(entry.name)) {
        // A link to a vault's note is that note, wherever the link is.
        const note =
          vault || (target !== path.join(real, entry.name) && (await inVault(path.dirname(target))));
        found.push(note ? { full, real: target, vault: true } : { full, real: target });
      } else if (isFile && path.extname(entry.name).toLowerCase() in UNREAD_FORMATS)
        unread.push(rel(root, full));
    }
  };
  await walk(root, rootReal);
  warnings.push(...unreadWarning(unread.sort(compare)));
  return found.sort((a, b) => compare(rel(root, a.full), rel(root, b.full)));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Whether something (a file, a folder, a link even broken) is at this path. */
const exists = (file: string): Promise<boolean> =>
  lstat(file).then(
    () => true,
    () => false,
  );

export function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/') || '.';
}

export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied (make it readable)';
  if (code === 'ENOENT') return 'it disappeared while being read (or is a broken link)';
  if (code === 'ELOOP') return 'it is a symbolic link loop';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}

/** A file, folder or link that could not be read now: its warning, and its path in the folder ('.': the folder). */
export interface SeedFailure {
  line: string;
  source: string;
}
