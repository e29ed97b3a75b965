/** How a long build shows its progress: one updating terminal line, or a log line every few seconds. */
import { describe, expect, it } from 'vitest';
import { logProgress, progressReporter, terminalProgress } from '../../src/bot/progress.js';
import type { BuildProgress } from '../../src/core/index.js';

const at = (elapsedMs: number, phase: BuildProgress['phase'] = 'tokenising'): BuildProgress => ({
  phase,
  files: 3,
  filesTotal: 10,
  passages: 1200,
  percent: phase === 'done' ? 100 : Math.min(99, Math.round(elapsedMs / 100)),
  elapsedMs,
});

describe('build progress', () => {
  it('on a terminal: nothing for a short build, then one line rewritten in place, ended when done', () => {
    const out: string[] = [];
    const show = terminalProgress({ isTTY: true, write: (t) => out.push(t) });
    show(at(500));
    show(at(1900));
    expect(out).toEqual([]);
    show(at(2100));
    show(at(4000, 'indexing'));
    show(at(6000, 'done'));
    expect(out).toHaveLength(3);
    expect(out.slice(0, 2).every((l) => l.startsWith('\r\x1b[2K') && !l.includes('\n'))).toBe(true);
    expect(out[1]).toContain('indexing: 3/10 files · 1,200 passages · 40% · 4.0 s');
    expect(out[2]).toMatch(/done: .* 100% .*\n$/);
    // A short build ends without a line.
    const quiet: string[] = [];
    const short = terminalProgress({ isTTY: true, write: (t) => quiet.push(t) });
    short(at(300));
    short(at(900, 'done'));
    expect(quiet).toEqual([]);
  });

  it('in a log: a line every five seconds, none for the end', () => {
    const lines: { message: string; fields: unknown }[] = [];
    const log = logProgress({ info: (message, fields) => lines.push({ message, fields }) });
    for (let ms = 0; ms <= 16_000; ms += 500) log(at(ms));
    log(at(16_500, 'done'));
    expect(lines.map((l) => (l.fields as { s: number }).s)).toEqual([5, 10, 15]);
    expect(lines[0]).toEqual({
      message: 'building the index',
      fields: { phase: 'tokenising', files: '3/10', passages: 1200, percent: 50, s: 5 },
    });
  });

  it('picks the terminal line on a TTY and plain lines elsewhere', () => {
    const tty: string[] = [];
    const pipe: string[] = [];
    const a = progressReporter({ isTTY: true, write: (t) => tty.push(t) });
    const b = progressReporter({ isTTY: false, write: (t) => pipe.push(t) });
    for (const ms of [1000, 2500, 5200]) {
      a(at(ms));
      b(at(ms));
    }
    expect(tty).toHaveLength(2);
    expect(pipe).toEqual(['seedbot: tokenising: 3/10 files · 1,200 passages · 52% · 5.2 s\n']);
  });
});
