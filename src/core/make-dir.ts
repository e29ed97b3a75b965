/**
 * Makes a folder and the folders above it that are missing, as `mkdir -p` does. Node's own
 * `mkdir(dir, { recursive: true })` never returns where the system answers "no such file" for a
 * folder whose parent exists (under /proc: CACHE_DIR=/proc/x spun a core forever); this one
 * makes each missing folder once and fails with the system's error.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

export function makeDir(dir: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ; ) {
    try {
      if (statSync(at).isDirectory()) break;
      throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${at}'`), {
        code: 'EEXIST',
        path: at,
      });
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error;
    }
    missing.push(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // Made meanwhile by another process: fine if it is a folder.
      if (codeOf(error) !== 'EEXIST' || !statSync(folder).isDirectory()) throw error;
    }
  }
}
