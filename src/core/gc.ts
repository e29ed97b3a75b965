/**
 * A full garbage collection, now: a build calls it once its tokenising garbage (the encoders'
 * chunk caches, the files' bytes) is unreachable and before the index is built, so that memory
 * is returned before the build's largest step instead of lingering through it (nothing else
 * would allocate, and so collect, meanwhile). Twice: the second collection returns to the system
 * the pages the first one emptied.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
}
