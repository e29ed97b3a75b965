import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dayOf, GapsStore } from '../../src/bot/gaps-store.js';
import { render } from '../../src/bot/views/index.js';
import { type GapEvent, gapsReport, type NewEvent } from '../../src/core/gaps.js';
import { scriptWith } from '../entry.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'seedbot-gaps-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = () => path.join(tmp, `d${n++}`);
const DAY = 86_400_000;

const vote = (userId: string, extra: Partial<NewEvent> = {}): NewEvent =>
  ({
    type: 'vote',
    userId,
    guild: '42',
    message: 'm1',
    question: 'How do I reset my password?',
    source: 'faq.md',
    paragraph: 3,
    vote: 'down',
    ...extra,
  }) as NewEvent;

const unanswered = (
  userId: string,
  question: string,
  need: string[],
  extra: Partial<NewEvent> = {},
): NewEvent =>
  ({
    type: 'unanswered',
    userId,
    guild: '42',
    question,
    need,
    missing: [need[0]],
    related: false,
    ...extra,
  }) as NewEvent;

describe('the gaps store', () => {
  it('keeps events across processes, with a keyed hash for the user and never the raw id', async () => {
    const dir = fresh();
    const store = new GapsStore({ dir, retentionDays: 90 });
    await store.open();
    await store.record(vote('123456789012345678'));
    await store.record(unanswered('123456789012345678', 'Where is the parking?', ['park']));
    const again = new GapsStore({ dir, retentionDays: 90 });
    await again.open();
    const { events, skipped } = await again.read();
    expect(skipped).toBe(0);
    expect(events.map((e) => e.type)).toEqual(['vote', 'unanswered']);
    expect(events[0]?.user).toBe(store.hashUser('123456789012345678'));
    expect(events[0]?.user).not.toContain('123456789012345678');
    const text = readdirSync(dir)
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('');
    expect(text).not.toContain('123456789012345678');
    expect(statSync(path.join(dir, 'gaps.key')).mode & 0o777).toBe(0o600);
  });

  it('writes the same vote pressed again once a day, and a changed vote each time', async () => {
    const dir = fresh();
    let now = Date.UTC(2026, 10, 30, 12);
    const store = new GapsStore({ dir, retentionDays: 90, now: () => now });
    await store.open();
    for (let i = 0; i < 2000; i++) await store.record(vote('1', { vote: 'up' }));
    await store.record(vote('2', { vote: 'up' })); // another person
    await store.record(vote('1', { vote: 'up', message: 'm2' })); // another answer
    await store.record(vote('1', { vote: 'down' })); // changed: recorded
    await store.record(vote('1', { vote: 'down', reason: 'out of date' })); // with a reason: recorded
    await store.record(vote('1', { vote: 'up' }));
    now += DAY; // the next day, the same vote is written once more (each day's file stands alone)
    await store.record(vote('1', { vote: 'up' }));
    await store.record(vote('1', { vote: 'up' }));
    const { events } = await store.read();
    // Before: 2,000 lines for one person pressing 👍 on one answer.
    expect(events).toHaveLength(7);
  });

  it('writes a vote pressed again after its write failed', async () => {
    const dir = fresh();
    const store = new GapsStore({ dir, retentionDays: 90 });
    await store.open();
    // The folder is briefly unusable (replaced by a file): the first press fails.
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'not a folder');
    await expect(store.record(vote('1', { vote: 'up' }))).rejects.toThrow();
    rmSync(dir, { force: true });
    await store.record(vote('1', { vote: 'up' }));
    // Before: the second press was taken for a repeat and skipped: no vote at all.
    expect((await store.read()).events.map((e) => (e as { vote?: string }).vote)).toEqual(['up']);
  });

  it('writes a vote changed back on another process sharing the folder (replicas)', async () => {
    const dir = fresh();
    const a = new GapsStore({ dir, retentionDays: 90 });
    await a.open();
    const b = new GapsStore({ dir, retentionDays: 90 });
    await b.open();
    await a.record(vote('1', { vote: 'up' }));
    await b.record(vote('1', { vote: 'down' }));
    await a.record(vote('1', { vote: 'up' }));
    // Before: replica A skipped the last 👍 (its own last write was 👍): the 👎 counted.
    expect((await a.read()).events.map((e) => (e as { vote?: string }).vote)).toEqual(['up', 'down', 'up']);
  });

  it('skips and reports a torn last record, and the next record starts on its own line', async () => {
    const dir = fresh();
    const store = new GapsStore({ dir, retentionDays: 90 });
    await store.open();
    await store.record(vote('1'));
    const file = path.join(dir, `gaps-${dayOf(Date.now())}.jsonl`);
    appendFileSync(file, '{"type":"vote","at":17');
    const later = new GapsStore({ dir, retentionDays: 90 });
    await later.open();
    await later.record(vote('2', { vote: 'up' }));
    const { events, skipped, notes } = await later.read();
    expect(events.map((e) => e.type === 'vote' && e.vote)).toEqual(['down', 'up']);
    expect(skipped).toBe(1);
    expect(notes).toEqual([`gaps-${dayOf(Date.now())}.jsonl line 2: not a complete record (skipped)`]);
  });

  it('starts a new line after a record another process left torn, though it wrote to that day before', async () => {
    const dir = fresh();
    const store = new GapsStore({ dir, retentionDays: 90 });
    await store.open();
    await store.record(vote('1'));
    // Another shard sharing DATA_DIR, its write cut short (a full disk).
    appendFileSync(path.join(dir, `gaps-${dayOf(Date.now())}.jsonl`), '{"type":"vote","at":17');
    await store.record(vote('2', { vote: 'up' }));
    const { events, skipped } = await store.read();
    // Before: the record was glued to the torn line, and both were lost.
    expect(events.map((e) => e.type === 'vote' && e.vote)).toEqual(['down', 'up']);
    expect(skipped).toBe(1);
  });

  it('reads a day file full of garbage in bounded memory: the lines counted, a few named', async () => {
    const dir = fresh();
    const store = new GapsStore({ dir, retentionDays: 90 });
    await store.open();
    await store.record(vote('1'));
    const file = path.join(dir, `gaps-${dayOf(Date.now())}.jsonl`);
    appendFileSync(file, 'x\n'.repeat(100_000));
    appendFileSync(file, `${'y'.repeat(3_000_000)}\n`);
    await store.record(vote('2', { vote: 'up' }));
    const { events, skipped, notes } = await store.read();
    expect(events.map((e) => e.type === 'vote' && e.vote)).toEqual(['down', 'up']);
    expect(skipped).toBe(100_001);
    // Before: one note per line, 100,001 of them held at once.
    expect(notes).toHaveLength(10);
    const gaps = await store.scan(undefined, () => {});
    expect(gaps.skipped).toBe(100_001);
    const long = new GapsStore({ dir: fresh(), retentionDays: 90 });
    await long.open();
    await long.record(vote('1'));
    appendFileSync(path.join(long.dir, `gaps-${dayOf(Date.now())}.jsonl`), `${'z'.repeat(3_000_000)}\n`);
    expect((await long.read()).notes).toEqual([
      `gaps-${dayOf(Date.now())}.jsonl line 2: too long to be a record (skipped)`,
    ]);
  });

  it('puts the key back with DATA_DIR when the folder is removed while running', async () => {
    const dir = fresh();
    const store = new GapsStore({ dir, retentionDays: 90 });
    await store.open();
    await store.record(vote('1'));
    rmSync(dir, { recursive: true, force: true });
    await store.record(vote('1', { vote: 'up' }));
    // The next start: the same person is the same hash, so the 👍 replaces the 👎.
    const next = new GapsStore({ dir, retentionDays: 90 });
    await next.open();
    await next.record(vote('1', { message: 'm2' }));
    const users = new Set((await next.read()).events.map((e) => e.user));
    expect(users.size).toBe(1);
    // gaps.key alone removed (a cleanup), then a new day: the key goes back with its file.
    let now = Date.now();
    const store2 = new GapsStore({ dir: fresh(), retentionDays: 90, now: () => now });
    await store2.open();
    await store2.record(vote('1'));
    rmSync(path.join(store2.dir, 'gaps.key'));
    now += DAY;
    await store2.record(vote('1', { vote: 'up' }));
    const again = new GapsStore({ dir: store2.dir, retentionDays: 90, now: () => now });
    await again.open();
    await again.record(vote('1', { message: 'm2' }));
    expect(new Set((await again.read()).events.map((e) => e.user)).size).toBe(1);
  });

  it('skips a record of the wrong shape, so the report of its period still shows', async () => {
    const dir = fresh();
    const store = new GapsStore({ dir, retentionDays: 90 });
    await store.open();
    await store.record(vote('1'));
    const at = Date.now();
    const base = { at, guild: '42', user: 'abc', message: 'm9', question: 'Where is the key?', vote: 'down' };
    appendFileSync(
      path.join(dir, `gaps-${dayOf(at)}.jsonl`),
      [
        { ...base, type: 'vote', source: 5, paragraph: 1 },
        { ...base, type: 'vote', source: 'a.md', paragraph: 'x' },
        {
          at,
          guild: '42',
          user: 'abc',
          type: 'unanswered',
          question: 'q',
          need: [],
          missing: [],
          related: 'yes',
        },
      ]
        .map((e) => `${JSON.stringify(e)}\n`)
        .join(''),
    );
    const { events, skipped } = await store.read();
    expect(events).toHaveLength(1);
    expect(skipped).toBe(3);
    const payload = render({ kind: 'gaps', report: gapsReport(events), page: 0, skipped });
    expect(JSON.stringify(payload)).toContain('How do I reset my password?');
  });

  it('writes a burst of records from two processes into one folder without losing or mixing any', async () => {
    const dir = fresh();
    const writer = scriptWith('src/bot/gaps-store.ts');
    const script = `
      import { GapsStore } from ${JSON.stringify(writer.module)};
      const store = new GapsStore({ dir: process.argv[2], retentionDays: 90 });
      await store.open();
      await Promise.all(Array.from({ length: 400 }, (_, i) => store.record({
        type: 'unanswered', userId: process.argv[3] + i, guild: null,
        question: 'q'.repeat(500) + i, need: ['x'], missing: ['x'], related: false })));
    `;
    const file = path.join(tmp, 'writer.mjs');
    writeFileSync(file, script);
    // The key is made once, before the writers start (as the bot's start does).
    await new GapsStore({ dir, retentionDays: 90 }).open();
    const run = (who: string) =>
      new Promise<number | null>((resolve) =>
        spawn(process.execPath, [...writer.args(file), dir, who], { stdio: 'inherit' }).on('exit', resolve),
      );
    expect(await Promise.all([run('a'), run('b')])).toEqual([0, 0]);
    const { events, skipped } = await new GapsStore({ dir, retentionDays: 90 }).read();
    expect(skipped).toBe(0);
    expect(events).toHaveLength(800);
  });

  it('refuses a record the disk takes only in part, and the next record starts on its own line', async () => {
    const dir = fresh();
    await new GapsStore({ dir, retentionDays: 90 }).open();
    // The day file just under what the writer may write (8 KiB): its next record is cut short.
    writeFileSync(path.join(dir, `gaps-${dayOf(Date.now())}.jsonl`), `${'x'.repeat(8000)}\n`);
    const writer = scriptWith('src/bot/gaps-store.ts');
    const script = `
      import { GapsStore } from ${JSON.stringify(writer.module)};
      const store = new GapsStore({ dir: process.argv[2], retentionDays: 90 });
      await store.open();
      const acknowledged = [];
      for (const message of ['m0', 'm1']) {
        try {
          await store.record({ type: 'vote', userId: '7', guild: '42', message, question: 'q'.repeat(300),
            source: 'faq.md', paragraph: 1, vote: 'down' });
          acknowledged.push(message);
        } catch {}
      }
      console.log(JSON.stringify(acknowledged));
    `;
    const file = path.join(tmp, 'short-writer.mjs');
    writeFileSync(file, script);
    // A file-size limit stands for a full disk: a write past it is short, then refused.
    const command = `ulimit -f 8; exec ${[process.execPath, ...writer.args(file), dir].map((a) => JSON.stringify(a)).join(' ')}`;
    const out = await new Promise<string>((resolve) => {
      let text = '';
      const child = spawn('bash', ['-c', command]);
      child.stdout.on('data', (d) => {
        text += String(d);
      });
      child.on('exit', () => resolve(text));
    });
    const acknowledged = JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as string[];
    // Space again: a record now lands whole on a line of its own.
    const store = new GapsStore({ dir, retentionDays: 90 });
    await store.open();
    await store.record(vote('8', { message: 'm2' }));
    const { events } = await store.read();
    const readable = events.map((e) => (e.type === 'vote' ? e.message : ''));
    // Every record the writer was told is stored can be read back.
    for (const m of acknowledged) expect(readable).toContain(m);
    expect(readable).toContain('m2');
  });

  it('refuses to open a folder that holds its key but cannot be written, so the start says so', async (t) => {
    const dir = fresh();
    await new GapsStore({ dir, retentionDays: 90 }).open();
    for (const f of readdirSync(dir)) if (f.startsWith('gaps-2')) rmSync(path.join(dir, f));
    // Read-only: chmod for a user; for root, which chmod does not stop, the immutable flag.
    const root = process.getuid?.() === 0;
    try {
      if (root) execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
      else chmodSync(dir, 0o500);
    } catch {
      t.skip();
    }
    try {
      // Before, it opened, and every vote and question was then lost with an error.
      await expect(new GapsStore({ dir, retentionDays: 90 }).open()).rejects.toThrow(/EACCES|EPERM|EROFS/);
    } finally {
      if (root) execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
      else chmodSync(dir, 0o700);
    }
  });

  it('makes its folder again when it was removed while running (rm -rf .data)', async () => {
    const dir = fresh();
    const store = new GapsStore({ dir, retentionDays: 90 });
    await store.open();
    await store.record(unanswered('u1', 'Where can I park?', ['park']));
    rmSync(dir, { recursive: true, force: true });
    // Before, every later event failed for good (ENOENT).
    await store.record(unanswered('u2', 'Where can I park a van?', ['park']));
    expect((await store.read()).events.map((e) => ('question' in e ? e.question : ''))).toEqual([
      'Where can I park a van?',
    ]);
  });

  it('purges days past the retention and never reads events older than it', async () => {
    const dir = fresh();
    let now = Date.parse('2026-01-01T12:00:00Z');
    const store = new GapsStore({ dir, retentionDays: 30, now: () => now });
    await store.open();
    await store.record(unanswered('1', 'old question', ['old']));
    now += 20 * DAY;
    await store.record(unanswered('1', 'newer question', ['new']));
    now += 15 * DAY; // the first is 35 days old, the second 15
    expect((await store.read()).events.map((e) => e.type === 'unanswered' && e.question)).toEqual([
      'newer question',
    ]);
    expect((await store.read(10)).events).toEqual([]);
    expect(await store.purge()).toEqual(['gaps-2026-01-01.jsonl']);
    expect(readdirSync(dir).sort()).toEqual(['gaps-2026-01-21.jsonl', 'gaps.key']);
  });
});

describe('the gaps report', () => {
  const at = Date.parse('2026-03-01T00:00:00Z');
  const v = (user: string, vote: 'up' | 'down', t: number, extra = {}) =>
    ({
      type: 'vote',
      at: at + t,
      guild: '1',
      user,
      message: 'm1',
      question: 'How do I reset my password?',
      source: 'faq.md',
      paragraph: 3,
      vote,
      ...extra,
    }) as const;

  it('counts one vote per person per answer, the latest; a reason sent after a 👎 stays with it', () => {
    const report = gapsReport([
      v('a', 'up', 1),
      v('a', 'down', 2),
      v('a', 'down', 3, { reason: 'The link is dead' }),
      v('b', 'down', 4),
      v('b', 'up', 5),
      v('c', 'down', 6, { reason: 'wrong form' }),
    ]);
    expect(report.answers).toEqual([
      {
        question: 'How do I reset my password?',
        source: 'faq.md',
        paragraph: 3,
        down: 2,
        up: 1,
        reasons: ['wrong form', 'The link is dead'],
      },
    ]);
    expect(report.documents).toEqual([{ source: 'faq.md', down: 2, up: 1 }]);
  });

  it('counts rephrasings of one need together, and people once', () => {
    const u = (user: string, question: string, need: string[], t: number) =>
      ({
        type: 'unanswered',
        at: at + t,
        guild: '1',
        user,
        question,
        need,
        missing: ['parking'],
        related: t % 2 === 0,
      }) as GapEvent;
    const report = gapsReport([
      u('a', 'Where can I park?', ['park'], 1),
      u('b', 'where do i park', ['park'], 2),
      u('b', 'Parking?', ['park'], 3),
      u('c', 'Is there a sauna?', ['sauna'], 4),
    ]);
    expect(report.needs.map((r) => [r.question, r.asked, r.people])).toEqual([
      ['Parking?', 3, 2],
      ['Is there a sauna?', 1, 1],
    ]);
    expect(report.needs[0]?.also).toEqual(['where do i park', 'Where can I park?']);
  });
});
