/**
 * 200 /ask interactions at once from 200 users (scripts/load.ts, in-process against the fake Discord):
 * every initial response within Discord's 3 s, every question answered with an embed, each its own.
 */
import { describe, expect, it } from 'vitest';
import { INITIAL_RESPONSE_LIMIT_MS, type LoadReport, runLoad, seedQuestions } from '../../scripts/load.js';
import { createLogger } from '../../src/bot/logger.js';

const N = 200;

describe(`${N} simultaneous /ask`, () => {
  it('answers every one, each initial response in under 3 s', async () => {
    const logs: string[] = [];
    const report: LoadReport = await runLoad(N, { logger: createLogger('info', (l) => logs.push(l)) });
    const slow = report.interactions.filter((i) => i.initialMs >= INITIAL_RESPONSE_LIMIT_MS);
    expect(slow, `slowest ${report.slowestMs} ms`).toEqual([]);
    expect(report.interactions).toHaveLength(N);
    expect(report.interactions.filter((i) => !i.answered)).toEqual([]);
    expect(report.allAnswered).toBe(true);
    expect(report.ok).toBe(true);

    // Each user got the answer to their own question (nothing crossed under load).
    const questions = new Set(seedQuestions());
    for (const i of report.interactions) {
      expect(questions.has(i.question)).toBe(true);
      const text = `${i.embed?.title ?? ''}\n${i.embed?.description ?? ''}`;
      expect(text).toContain(i.question);
    }
    expect(new Set(report.interactions.map((i) => i.userId)).size).toBe(N);
    // One log line per interaction, none failed.
    expect(logs.filter((l) => / INFO {2}interaction .*command=ask /.test(l))).toHaveLength(N);
    expect(logs.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
    console.info(
      `load: N=${report.n} slowest=${report.slowestMs} ms p50=${report.p50Ms} ms p99=${report.p99Ms} ms wall=${report.wallMs} ms deferred=${report.deferred}`,
    );
  }, 60_000);
});
