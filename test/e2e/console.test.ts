/** `npm start` with no token: the local console, fed on stdin like `echo "/ask …" | npm start`. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/bot/commands.js';
import { createLogger } from '../../src/bot/logger.js';
import { createRouter } from '../../src/bot/router.js';
import { runConsole } from '../../src/bot/transports/console.js';
import { openSeeds } from '../../src/core/index.js';
import { closedEarly, entryArgs } from '../entry.js';

const root = path.resolve(import.meta.dirname, '../..');

function start(input: string, extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, entryArgs('src/start.ts'), {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, DISCORD_TOKEN: '', GAPS: 'off', SEEDS_DIR: 'seeds', NO_COLOR: '1', ...extra },
    timeout: 60_000,
  });
}

describe('knowledge gaps turned off', () => {
  it('still deletes the days kept past their retention, at start', () => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'seedbot-gaps-off-'));
    try {
      writeFileSync(path.join(data, 'gaps-2020-01-01.jsonl'), '{"type":"vote"}\n');
      const r = start('exit\n', { DATA_DIR: data, GAPS_RETENTION_DAYS: '30' });
      expect(r.status).toBe(0);
      expect(existsSync(path.join(data, 'gaps-2020-01-01.jsonl'))).toBe(false);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});

describe('folders the settings name', () => {
  it('are checked before the documents are read, every problem in one run', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'seedbot-folders-'));
    try {
      const file = path.join(tmp, 'a-file');
      writeFileSync(file, '');
      const r = start('exit\n', { SEEDS_DIR: path.join(tmp, 'missing'), GAPS: 'on', DATA_DIR: file });
      expect(r.status).toBe(2);
      // Before: the seeds folder alone; once it was fixed, the documents were read, then DATA_DIR
      // was refused as "EEXIST: file already exists, mkdir … Make that folder writable".
      expect(r.stderr).toContain(`seeds folder ${path.join(tmp, 'missing')} does not exist`);
      expect(r.stderr).toContain(`DATA_DIR (${file}) is a file, or inside one, not a folder`);
      expect(r.stderr).not.toContain('documents loaded');
      // The seeds folder right, DATA_DIR still a file: refused before the documents load.
      const again = start('exit\n', { GAPS: 'on', DATA_DIR: file });
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('DATA_DIR');
      expect(again.stderr).not.toContain('documents loaded');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('local console, read through a pipe', () => {
  it('stops quietly when its reader closes the pipe early (| head)', async () => {
    const r = await closedEarly(
      'src/start.ts',
      [],
      { ...process.env, DISCORD_TOKEN: '', GAPS: 'off', SEEDS_DIR: 'seeds', NO_COLOR: '1' },
      '/ask who hosted the meeting?\n'.repeat(2000),
    );
    expect(r.err).not.toMatch(/EPIPE|Unhandled|at /);
    expect(r.code).toBe(0);
  }, 60_000);
});

describe('local console and Ctrl-C', () => {
  it('ends quietly once running, without saying it was starting', async () => {
    const { spawn } = await import('node:child_process');
    const proc = spawn(process.execPath, entryArgs('src/start.ts'), {
      cwd: root,
      env: { ...process.env, DISCORD_TOKEN: '', GAPS: 'off', SEEDS_DIR: 'seeds', NO_COLOR: '1' },
    });
    let err = '';
    proc.stderr.on('data', (d) => {
      err += String(d);
    });
    let out = '';
    proc.stdout.on('data', (d) => {
      out += String(d);
    });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    // Running: it has answered a question.
    proc.stdin.write('/ask who hosted the meeting?\n');
    await expect.poll(() => out.length > 0, { timeout: 45_000, interval: 20 }).toBe(true);
    proc.kill('SIGINT');
    expect(await exited).toBe(0);
    // Before: "seedbot: stopped by SIGINT while starting".
    expect(err).not.toContain('while starting');
  }, 60_000);
});

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

  it('lists sources, pages, explains problems, and reads plain lines as questions', async () => {
    // The same console on the same router, in this process (the one above covers the process).
    const { engine } = await openSeeds(path.join(root, 'seeds'), { cacheDir: null });
    const router = createRouter({
      commands: await loadCommands(),
      ctx: { engine: () => engine },
      logger: createLogger('warn', () => {}),
    });
    let stdout = '';
    await runConsole({
      router,
      input: Readable.from([
        '/sources\nHow many people were killed in July?\n/more\n/ask\n/sources nope\n/bogus\nexit\n/ask never read\n',
      ]),
      output: new Writable({
        write(chunk, _encoding, done) {
          stdout += String(chunk);
          done();
        },
      }),
    });
    expect(stdout).toMatch(/13 paragraphs/);
    expect(stdout).toContain('*killed* more than 250 *people*');
    expect(stdout).toContain('There are no more results');
    expect(stdout).toContain('Type a question after /ask');
    expect(stdout).toContain('no document matches "nope"');
    expect(stdout).toContain('Unknown command /bogus');
    expect(stdout).not.toContain('never read');
  });
});
