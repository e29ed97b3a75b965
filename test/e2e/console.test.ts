/** `npm start` with no token: the local console, fed on stdin like `echo "/ask …" | npm start`. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryArgs } from '../entry.js';

const root = path.resolve(import.meta.dirname, '../..');

function start(input: string) {
  return spawnSync(process.execPath, entryArgs('src/start.ts'), {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, DISCORD_TOKEN: '', GAPS: 'off', SEEDS_DIR: 'seeds', NO_COLOR: '1' },
    timeout: 60_000,
  });
}

describe('local console', () => {
  it('answers /ask from stdin with the same reply as on Discord, then exits at end of input', () => {
    const r = start('/ask who hosted the meeting?\n');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('No DISCORD_TOKEN set: starting the local console');
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.includes('DISCORD_TOKEN')),
    ).toHaveLength(1);
    expect(r.stdout).toContain('who hosted the meeting?');
    expect(r.stdout).toContain('Senior Iraqi military commanders *hosted*');
    expect(r.stdout).toContain('`002_eb905f6be5fc9974.txt` ¶1');
    expect(r.stdout).toMatch(/Searched 20 passages in \d+ ms/);
  });

  it('lists sources, pages, explains problems, and reads plain lines as questions', () => {
    const r = start(
      '/sources\nHow many people were killed in July?\n/more\n/ask\n/sources nope\n/bogus\nexit\n/ask never read\n',
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/13 paragraphs/);
    expect(r.stdout).toContain('*killed* more than 250 *people*');
    expect(r.stdout).toContain('There are no more results');
    expect(r.stdout).toContain('Type a question after /ask');
    expect(r.stdout).toContain('no document matches "nope"');
    expect(r.stdout).toContain('Unknown command /bogus');
    expect(r.stdout).not.toContain('never read');
  });
});
