/**
 * The knowledge-gaps log, measured: write latency of one vote (acknowledged after fsync), of
 * votes arriving together (group commit), and the time of a `/gaps` report over many events.
 *
 *   npx tsx scripts/gaps-bench.ts [--events 1000000] [--dir /tmp/x]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dayOf, GapsStore } from '../src/bot/gaps-store.js';
import { GapsTally } from '../src/core/gaps.js';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '1000000' }, dir: { type: 'string' } },
});
const total = Number(values.events);
const dir = values.dir ?? mkdtempSync(path.join(os.tmpdir(), 'seedbot-gaps-bench-'));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const ms = (n: number) => Math.round(n * 100) / 100;

try {
  const store = new GapsStore({ dir: path.join(dir, 'live'), retentionDays: 90 });
  await store.open();
  // One at a time: each vote waits for its own fsync.
  const single: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    await store.record({
      type: 'vote',
      userId: `user${i % 50}`,
      guild: '1',
      message: `m${i}`,
      question: 'How do I reset my password?',
      source: 'faq.md',
      paragraph: 3,
      vote: i % 3 ? 'up' : 'down',
    });
    single.push(performance.now() - t);
  }
  single.sort((a, b) => a - b);
  // 1,000 at once: they share fsyncs.
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 1000 }, (_, i) =>
      store.record({
        type: 'unanswered',
        userId: `user${i}`,
        guild: '1',
        question: `Where is the form ${i % 40}?`,
        need: ['form', `f${i % 40}`],
        missing: ['form'],
        related: i % 2 === 0,
      }),
    ),
  );
  const burstMs = performance.now() - t0;

  // A large log, written directly as the store writes it (90 day files), then one report.
  const big = path.join(dir, 'big');
  await mkdir(big, { recursive: true });
  const now = Date.now();
  const perDay = Math.ceil(total / 90);
  let written = 0;
  for (let d = 0; d < 90 && written < total; d++) {
    const lines: string[] = [];
    for (let i = 0; i < perDay && written < total; i++, written++) {
      const at = now - d * 86_400_000 - i;
      const n = written % 5000;
      lines.push(
        JSON.stringify(
          written % 4 === 0
            ? {
                type: 'vote',
                at,
                guild: '1',
                user: `u${written % 20000}`,
                message: `m${written % 30000}`,
                question: `question ${n}`,
                source: `doc${n % 300}.md`,
                paragraph: n % 40,
                vote: written % 3 ? 'up' : 'down',
                ...(written % 9 === 0 ? { reason: 'out of date' } : {}),
              }
            : {
                type: 'unanswered',
                at,
                guild: '1',
                user: `u${written % 20000}`,
                question: `how do i ${n} thing`,
                need: [`w${n}`, `x${n % 100}`],
                missing: [`w${n}`],
                related: written % 2 === 0,
              },
        ),
      );
    }
    await appendFile(path.join(big, `gaps-${dayOf(now - d * 86_400_000)}.jsonl`), `${lines.join('\n')}\n`);
  }
  const bigStore = new GapsStore({ dir: big, retentionDays: 90 });
  await bigStore.open();
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  const tally = new GapsTally();
  const { skipped, notes } = await bigStore.scan(undefined, (e) => tally.add(e));
  const report = tally.report(null);
  const reportMs = performance.now() - t1;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  if (skipped) throw new Error(notes[0]);
  const bytes = await bigStore.size();
  console.log(
    JSON.stringify({
      vote: { p50Ms: ms(percentile(single, 50)), p99Ms: ms(percentile(single, 99)), n: single.length },
      burst1000Ms: Math.round(burstMs),
      report: {
        events: report.events,
        mb: Math.round(bytes / 1e5) / 10,
        reportMs: Math.round(reportMs),
        cpuMs: Math.round(cpuMs),
        load: os.loadavg()[0]?.toFixed(1),
        needs: report.needs.length,
        heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
      },
    }),
  );
} finally {
  if (!values.dir) rmSync(dir, { recursive: true, force: true });
}
