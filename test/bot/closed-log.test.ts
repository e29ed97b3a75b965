/** A bot whose log reader goes away (a closed stderr pipe) keeps running. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs a script whose stderr pipe is closed at once; its exit code and what it printed. */
function withClosedLog(guarded: boolean): Promise<{ code: number | null; out: string }> {
  const script = `
    ${guarded ? "const { keepRunningWithoutLog } = await import('./src/bot/stdout.ts'); keepRunningWithoutLog();" : ''}
    for (let i = 0; i < 20; i++) { console.error('INFO  a log line ' + i); await new Promise((r) => setTimeout(r, 20)); }
    console.log('still answering');`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.destroy(); // the reader of the log is gone
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

describe('a closed log pipe', () => {
  it('does not stop the bot: its log lines are dropped', async () => {
    const kept = await withClosedLog(true);
    expect(kept).toEqual({ code: 0, out: 'still answering\n' });
    // What start.ts guards against: without it, the first write to the closed pipe ends the process.
    const unguarded = await withClosedLog(false);
    expect(unguarded.code).not.toBe(0);
  });
});
