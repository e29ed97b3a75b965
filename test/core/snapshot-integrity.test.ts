/**
 * A snapshot whose bytes were changed is never served, wherever the change is: the checksum
 * covers the header (titles, file names, counts) as well as the sections.
 */
import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSeeds } from '../../src/core/index.js';

let dir: string;
let seeds: string;
let cache: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seedbot-snapint-'));
  seeds = path.join(dir, 'seeds');
  cache = path.join(dir, 'cache');
  mkdirSync(seeds);
  writeFileSync(
    path.join(seeds, 'ferry.txt'),
    'Harbour news\n\nThe ferry to the island leaves at nine.\n\nTickets cost 2,500 pesos.\n',
  );
  writeFileSync(path.join(seeds, 'guide.md'), '# Visitor guide\n\nTickets are sold at the kiosk.\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const snapshotFile = () => path.join(cache, readdirSync(cache)[0] as string);

/** Replaces the first occurrence of `from` in the file by `to`, of the same length. */
function edit(from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const bytes = readFileSync(snapshotFile());
  const at = bytes.indexOf(from);
  expect(at).toBeGreaterThan(0);
  bytes.write(to, at);
  writeFileSync(snapshotFile(), bytes);
}

describe('snapshot integrity', () => {
  for (const [what, from, to] of [
    ['a title', '"title":"Harbour news"', '"title":"Harbour newt"'],
    ['a file name', '"source":"ferry.txt"', '"source":"fairy.txt"'],
    ['a paragraph count', '"paragraphs":3', '"paragraphs":9'],
    ['the header length', '', ''],
  ] as const) {
    it(`ignores and rebuilds a snapshot with ${what} changed`, async () => {
      await openSeeds(seeds, { cacheDir: cache });
      if (from) edit(from, to);
      else {
        const bytes = readFileSync(snapshotFile());
        bytes.writeUInt32LE(bytes.readUInt32LE(0) - 1, 0);
        writeFileSync(snapshotFile(), bytes);
      }
      const again = await openSeeds(seeds, { cacheDir: cache });
      expect(again.snapshot).toBe('built');
      expect(again.warnings.join('\n')).toMatch(/ignored the index snapshot .*; rebuilding it/);
      const ferry = again.engine.documents.find((d) => d.source === 'ferry.txt');
      expect(ferry).toMatchObject({ title: 'Harbour news', paragraphs: 3 });
      expect(again.engine.answer('When does the ferry leave?').answer?.source).toBe('ferry.txt');
    });
  }

  it('never reads a snapshot that is a named pipe or a link to a device: it rebuilds, saying so', async () => {
    await openSeeds(seeds, { cacheDir: cache });
    const file = snapshotFile();
    for (const make of [() => execFileSync('mkfifo', [file]), () => symlinkSync('/dev/zero', file)]) {
      rmSync(file, { force: true });
      make();
      // Read, a pipe waits for a writer for ever and /dev/zero never ends: the test's time limit.
      const again = await openSeeds(seeds, { cacheDir: cache });
      expect(again.warnings.join('\n')).toMatch(
        /ignored the index snapshot .*not a regular file; rebuilding it/,
      );
      expect(again.engine.answer('When does the ferry leave?').answer?.source).toBe('ferry.txt');
      // Saved again as a file of its own.
      expect(lstatSync(file).isFile()).toBe(true);
    }
  });
});
