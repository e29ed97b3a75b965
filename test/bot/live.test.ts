import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Context, Outcome } from '../../commands/_contract.js';
import ask from '../../commands/ask.js';
import reindex from '../../commands/reindex.js';
import { LiveEngine } from '../../src/bot/live.js';
import { createLogger } from '../../src/bot/logger.js';
import { RateLimiter } from '../../src/bot/rate-limit.js';
import { openSeeds } from '../../src/core/index.js';
import { request } from '../fakes.js';

let dir: string;
let seeds: string;
let logs: string[];
let live: LiveEngine | undefined;

const write = (name: string, text: string) => {
  mkdirSync(path.dirname(path.join(seeds, name)), { recursive: true });
  writeFileSync(path.join(seeds, name), text);
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seedbot-live-'));
  seeds = path.join(dir, 'seeds');
  logs = [];
  write(
    'ferry.txt',
    'Ferry times\nThe ferry leaves at nine every morning.\nThe last ferry returns at six.\n',
  );
  write('museum.txt', 'Museum\nThe museum opens at ten.\nEntry is free on Sundays.\n');
});
afterEach(() => {
  live?.close();
  live = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(debounceMs = 100) {
  const { engine } = await openSeeds(seeds, { cacheDir: null });
  live = new LiveEngine(engine, {
    seedsDir: seeds,
    cacheDir: null,
    logger: createLogger('debug', (l) => logs.push(l)),
    debounceMs,
  });
  return live;
}

describe('LiveEngine', () => {
  it('rebuilds after edits settle and swaps the new index in', async () => {
    const l = await start();
    const before = l.engine();
    l.watch();
    write(
      'ferry.txt',
      'Ferry times\nThe ferry leaves at nine every morning.\nThe last ferry returns at midnight.\n',
    );
    write('tours.md', '# Tours\n\nBoat tours start at the pier at noon.\n');
    await expect.poll(() => l.engine() !== before, { timeout: 5000 }).toBe(true);
    expect(l.engine().answer('When does the last ferry return?').answer?.text).toContain('midnight');
    expect(l.engine().answer('boat tours').results[0]?.source).toBe('tours.md');
    // The old engine was never changed: questions it was answering stay whole.
    expect(before.answer('When does the last ferry return?').answer?.text).toContain('six');
    expect(logs.some((line) => line.includes('documents reloaded'))).toBe(true);
  });

  it('reports what a reload changed', async () => {
    const l = await start();
    write('museum.txt', 'Museum\nThe museum opens at eleven.\n');
    write('tours.md', '# Tours\n\nBoat tours start at noon.\n');
    unlinkSync(path.join(seeds, 'ferry.txt'));
    const report = await l.reload('test');
    expect(report).toMatchObject({
      added: ['tours.md'],
      removed: ['ferry.txt'],
      changed: ['museum.txt'],
      documents: 2,
    });
    expect(report.previousParagraphs).toBe(6);
    expect(report.paragraphs).toBe(4);
    expect(report.ms).toBeGreaterThan(0);
  });

  it('keeps answering during a rebuild, from the old index until the new one is whole', async () => {
    const l = await start();
    const before = l.engine();
    write('museum.txt', 'Museum\nThe museum opens at eleven.\n');
    const pending = l.reload('test');
    expect(l.engine()).toBe(before);
    expect(l.engine().answer('When does the museum open?').answer?.text).toContain('ten');
    await pending;
    expect(l.engine().answer('When does the museum open?').answer?.text).toContain('eleven');
  });

  it('keeps the old index when the corpus becomes empty, and says why', async () => {
    const l = await start();
    const before = l.engine();
    unlinkSync(path.join(seeds, 'ferry.txt'));
    unlinkSync(path.join(seeds, 'museum.txt'));
    await expect(l.reload('test')).rejects.toThrow(/no readable \.txt, \.md, \.rst or \.html documents/);
    expect(l.engine()).toBe(before);
    expect(logs.some((line) => line.includes('reload failed') && line.includes('no readable'))).toBe(true);
  });

  it('keeps the old index when a served file cannot be read, naming it', async () => {
    const l = await start();
    const before = l.engine();
    // The museum's page, replaced by a link to a file not there yet (mid-deploy, say).
    rmSync(path.join(seeds, 'museum.txt'));
    symlinkSync(path.join(seeds, 'gone.txt'), path.join(seeds, 'museum.txt'));
    await expect(l.reload('test')).rejects.toThrow(/museum\.txt/);
    expect(l.engine()).toBe(before);
    expect(logs.some((line) => line.includes('reload failed') && line.includes('museum.txt'))).toBe(true);
  });

  it('answers a reload asked during another with both rebuilds: its changes are served and reported', async () => {
    const l = await start();
    write('pier.txt', 'Pier\nThe pier is closed in winter.\n');
    let second: Promise<Awaited<ReturnType<typeof l.reload>>> | undefined;
    // The first rebuild has read the folder when the museum's file is saved and /reindex asked.
    const first = l.reload('edit', (p) => {
      if (p.phase === 'reading' || second) return;
      write('harbour.txt', 'Harbour\nThe harbour office opens at nine.\n');
      second = l.reload('/reindex');
    });
    expect((await first).added).toEqual(['pier.txt']);
    expect(second).toBeDefined();
    const report = await second;
    // Before: the /reindex got the first rebuild's report, and the harbour was not served yet.
    expect(report?.added).toEqual(['harbour.txt', 'pier.txt']);
    expect(l.engine().answer('When does the harbour office open?').answer?.source).toBe('harbour.txt');
  });

  it('reloads past a broken link that never held a served document, with its warning', async () => {
    const l = await start();
    symlinkSync(path.join(seeds, 'gone.txt'), path.join(seeds, 'broken.txt'));
    write('museum.txt', 'Museum\nThe museum opens at nine.\nEntry is free on Sundays.\n');
    await l.reload('test');
    expect(l.engine().answer('When does the museum open?').answer?.text).toContain('nine');
    expect(logs.some((line) => line.includes('broken.txt') && line.includes('broken link'))).toBe(true);
  });
});

describe('/reindex', () => {
  const interaction = (manage: boolean) => request({ userId: 'admin', canManageGuild: manage });

  it('is hidden from members without Manage Server and refuses them on the server too', async () => {
    expect(reindex.data.toJSON()).toMatchObject({ default_member_permissions: '32' });
    const l = await start();
    const ctx: Context = { engine: () => l.engine(), reload: (r) => l.reload(r) };
    const refused = (await reindex.execute(interaction(false), ctx)) as Outcome;
    // /reindex always answers privately (its own rule, applied by the router).
    expect(reindex.private).toBe(true);
    expect(refused).toMatchObject({
      view: { kind: 'problem', message: expect.stringContaining('Manage Server') },
    });
  });

  it('rebuilds for a manager and reports the changes privately', async () => {
    const l = await start();
    const ctx: Context = { engine: () => l.engine(), reload: (r) => l.reload(r) };
    write('tours.md', '# Tours\n\nBoat tours start at noon.\n');
    const done = (await reindex.execute(interaction(true), ctx)) as Outcome;
    expect(done).toMatchObject({ view: { kind: 'reindex', report: { added: ['tours.md'] } } });
  });
});

describe('question limit', () => {
  it('lets a user ask N questions per window, then says when to try again; others are not affected', async () => {
    let now = 0;
    const limiter = new RateLimiter(2, 30_000, () => now);
    const l = await start();
    const ctx: Context = { engine: () => l.engine(), limit: (user) => limiter.take(user) };
    const askAs = (user: string) =>
      ask.execute(request({ userId: user, options: { question: 'ferry' } }), ctx) as Outcome;
    expect(askAs('u1').view.kind).toBe('answer');
    now = 10_000;
    expect(askAs('u1').view.kind).toBe('answer');
    const limited = askAs('u1');
    expect(limited).toMatchObject({
      private: true,
      view: { kind: 'problem', message: expect.stringContaining('try again in 20 s') },
    });
    expect(askAs('u2').view.kind).toBe('answer');
    now = 30_001;
    expect(askAs('u1').view.kind).toBe('answer');
  });

  it('never holds an asker longer than its window when the wall clock is set back', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const limiter = new RateLimiter(1);
      expect(limiter.take('u')).toBe(0);
      vi.setSystemTime(Date.now() - 3_600_000);
      expect(limiter.take('u')).toBeGreaterThan(0);
      expect(limiter.take('u')).toBeLessThanOrEqual(30_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is off at 0', () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 100; i++) expect(limiter.take('u')).toBe(0);
  });
});
