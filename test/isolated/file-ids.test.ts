/**
 * On Windows, NTFS file ids are 64-bit and Node's stat() gives them as a Number: above 2^53 two
 * files can get the same `ino` (nodejs/node#12115); stat(…, { bigint: true }) gives the exact id.
 * Simulated here: ids 2^54 and 2^54 + 1 for two different files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const ids = new Map([
    ['a.md', 2n ** 54n],
    ['b.md', 2n ** 54n + 1n],
  ]);
  const stat = (async (p: string, options?: { bigint?: boolean }) => {
    const s = await real.stat(p, options as never);
    const id = ids.get(path.basename(String(p)));
    if (id === undefined) return s;
    return Object.assign(s, options?.bigint ? { ino: id, dev: 7n } : { ino: Number(id), dev: 7 });
  }) as typeof real.stat;
  return { ...real, stat, default: { ...real, stat } };
});

const { readSeeds } = await import('../../src/core/corpus.js');

describe('onePathPerFile on a file system with 64-bit file ids', () => {
  it('reads two different files whose ids differ beyond 2^53', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ino-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.md'), '# A\n\nThe kiwi bird.\n');
      fs.writeFileSync(path.join(dir, 'b.md'), '# B\n\nThe moa bird.\n');
      const read = await readSeeds(dir);
      expect(read.files.map((f) => f.source)).toEqual(['a.md', 'b.md']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
