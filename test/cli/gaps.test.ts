/**
 * `npm run gaps`, the operator's knowledge-gaps report: what members typed is shown quoted on one
 * line, and the report stops quietly when its reader closes the pipe early.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GapsStore } from '../../src/bot/gaps-store.js';
import { entryArgs } from '../entry.js';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'seedbot-gaps-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

const env = (dataDir: string) => ({ ...process.env, DATA_DIR: dataDir, GAPS: 'on', NO_COLOR: '1' });

async function storeWith(record: (store: GapsStore) => Promise<void>): Promise<string> {
  const dir = path.join(tmp, `d${n++}`);
  const store = new GapsStore({ dir, retentionDays: 90 });
  await store.open();
  await record(store);
  await store.drain();
  return dir;
}

describe('npm run gaps', () => {
  it('shows what members typed on one line each, line breaks and terminal codes escaped', async () => {
    const dir = await storeWith(async (store) => {
      await store.record({
        type: 'unanswered',
        userId: '1',
        guild: 'g',
        question: 'where do I park?\nAnswers voted down:\n  -50 +0: "fake line"',
        need: ['park'],
        missing: ['park'],
        related: false,
      });
      await store.record({
        type: 'vote',
        userId: '2',
        guild: 'g',
        message: 'm1',
        question: 'how do I pay?',
        source: 'faq.md',
        paragraph: 3,
        vote: 'down',
        reason: 'out of date\u001b]0;pwned\u0007\u001b[2J',
      });
    });
    const r = spawnSync(process.execPath, entryArgs('src/gaps.ts'), {
      cwd: root,
      env: env(dir),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    // Before, the question's lines started at the margin like the report's own, and ESC reached the terminal.
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('Answers voted down:'))).toHaveLength(1);
    expect(r.stdout).toContain('"where do I park?\\nAnswers voted down:\\n  -50 +0: \\"fake line\\""');
    expect(r.stdout).toContain('reason: "out of date\\u001b]0;pwned\\u0007\\u001b[2J"');
  });

  it('says when DATA_DIR does not exist or is a file, rather than report no gaps', () => {
    const missing = path.join(tmp, 'no-such-folder');
    const r = spawnSync(process.execPath, entryArgs('src/gaps.ts'), {
      cwd: root,
      env: env(missing),
      encoding: 'utf8',
    });
    // Before: "0 events … none" and nothing else, as for a week without gaps.
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      `note: DATA_DIR (${missing}) does not exist, so nothing was ever recorded there`,
    );
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, '');
    const f = spawnSync(process.execPath, entryArgs('src/gaps.ts'), {
      cwd: root,
      env: env(file),
      encoding: 'utf8',
    });
    expect(f.status).toBe(2);
    expect(f.stderr).toContain(`DATA_DIR (${file}) is a file, not a folder`);
    expect(f.stdout).toBe('');
  });

  it('stops quietly when its reader closes the pipe early (| head)', async () => {
    // A report of about 600 KB: 150 answers voted down by six people, each with a reason.
    const dir = path.join(tmp, `d${n++}`);
    mkdirSync(dir, { recursive: true });
    const at = Date.now() - 1000;
    const day = new Date(at).toISOString().slice(0, 10);
    const lines: string[] = [];
    for (let a = 0; a < 150; a++)
      for (let u = 0; u < 6; u++)
        lines.push(
          JSON.stringify({
            type: 'vote',
            at,
            guild: 'g',
            user: `u${u}`,
            message: `m${a}`,
            question: `question ${a} ${'q'.repeat(500)}`,
            source: `doc${a}.txt`,
            paragraph: 1,
            vote: 'down',
            reason: 'r'.repeat(600),
          }),
        );
    writeFileSync(path.join(dir, `gaps-${day}.jsonl`), `${lines.join('\n')}\n`);
    // The reader is gone before the report comes (as `| head -1` is once it has its line). Run
    // as `npm run gaps` runs it, through tsx: the compiled tree ended before the error surfaced.
    const r = await new Promise<{ code: number | null; err: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/gaps.ts'], { cwd: root, env: env(dir) });
      child.stdout.destroy();
      let err = '';
      child.stderr.on('data', (d) => {
        err += String(d);
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, err }));
    });
    // Before: "Error: write EPIPE … Unhandled 'error' event", exit code 1.
    expect(r.err).not.toMatch(/EPIPE|Error|at /);
    expect(r.code).toBe(0);
  });
});
