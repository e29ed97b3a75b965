/**
 * Input-sized arrays never become call arguments or recursion: a block of hundreds of thousands
 * of lines without a blank line, or an alias group of as many terms, is read like any other.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSeeds } from '../../src/core/index.js';
import { parseDocument } from '../../src/core/passages.js';

describe('long input', () => {
  it('parses a block of 200,000 lines with no blank line', () => {
    const doc = parseDocument('word\n'.repeat(200_000), false, 'words.txt');
    expect(doc.paragraphs.length).toBeGreaterThan(0);
  });

  it('parses a log file of 150,000 lines', () => {
    const lines = Array.from(
      { length: 150_000 },
      (_, i) =>
        `2026-11-28 12:00:${String(i % 60).padStart(2, '0')} INFO request ${i} served in ${i % 97} ms.`,
    );
    lines[123_456] = '2026-11-28 12:00:00 ERROR disk quota exceeded on volume seven.';
    const doc = parseDocument(lines.join('\n'), false, 'server.log.txt');
    expect(doc.paragraphs.some((p) => p.text.includes('disk quota exceeded'))).toBe(true);
  });

  it('uses the first terms of an alias group of 150,000 terms, and says so', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbot-aliases-'));
    try {
      // Short terms, so the line stays under the million characters a line may have.
      const group = Array.from({ length: 150_000 }, (_, i) => `q${i.toString(36)}`);
      fs.writeFileSync(path.join(dir, 'aliases.txt'), `lions, ${group.join(', ')}\n`);
      fs.writeFileSync(path.join(dir, 'a.txt'), 'Zebras graze.\n\nLions hunt at night.\n\nHippos swim.');
      const { engine, warnings } = await openSeeds(dir, { cacheDir: null });
      expect(engine.answer('when do q5 hunt?').answer?.text).toContain('Lions hunt');
      expect(warnings).toEqual([
        'aliases.txt: 1 group has more than 32 terms; only the first 32 of each are used',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
