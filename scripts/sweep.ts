/** Tries ranking settings on question sets: npx tsx scripts/sweep.ts */
import { Engine, loadCorpus } from '../src/core/index.js';
import { evaluate, readCases, summary } from '../test/quality/evaluate.js';

const sets = [
  { dir: 'seeds', cases: readCases('test/quality/seeds-questions.jsonl') },
  { dir: 'test/fixtures/eval-corpus', cases: readCases('test/fixtures/eval-corpus/questions.jsonl') },
];
const grid = JSON.parse(process.argv[2] ?? '[{}]') as Record<string, number>[];
for (const options of grid) {
  const lines: string[] = [];
  const misses: string[] = [];
  for (const set of sets) {
    const engine = Engine.create(await loadCorpus(set.dir), options);
    const score = evaluate(set.cases, (q) => engine.answer(q, { limit: 5 }));
    lines.push(summary(score));
    misses.push(...score.misses.map((m) => `${set.dir}: ${m}`));
  }
  console.log(JSON.stringify(options), '\n  ', lines.join('\n   '));
  if (process.env.VERBOSE) console.log(misses.join('\n'));
}
