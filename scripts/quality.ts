/**
 * Every question set at once, in this process: hit@1, hit@3, MRR@5, negatives with no result,
 * unanswerable questions without a direct answer, answerable ones refused.
 *
 *   npx tsx scripts/quality.ts [--verbose] [--wrap 'hey guys, {q} thx'] ['{"titleWeight":1}']
 *
 * `--wrap` asks every question inside a template (`{q}` is the question), as people type them
 * in a chat: the figures should not move.
 */
import path from 'node:path';
import { Engine, type EngineOptions, loadCorpus } from '../src/core/index.js';
import { evaluate, readCases, summary } from '../test/quality/evaluate.js';

const root = path.resolve(import.meta.dirname, '..');
const verbose = process.argv.includes('--verbose');
const options = JSON.parse(
  process.argv.find((a) => a.startsWith('{"') || a === '{}') ?? '{}',
) as EngineOptions;

/**
 * Each set: its documents and its questions. `--questions FILE` adds a question file of your own
 * over the seeds.
 */
const extra = process.argv[process.argv.indexOf('--questions') + 1];
export const SETS: (readonly [string, string, string])[] = [
  ['seeds', 'seeds', 'test/quality/seeds-questions.jsonl'],
  ['seeds (reader)', 'seeds', 'test/quality/seeds-reader.jsonl'],
  ['seeds (reader 2)', 'seeds', 'test/quality/seeds-reader-2.jsonl'],
  ['eval-corpus', 'test/fixtures/eval-corpus', 'test/fixtures/eval-corpus/questions.jsonl'],
  ['pino docs', 'test/fixtures/docs-pino/docs', 'test/fixtures/docs-pino/questions.jsonl'],
  ['curl FAQ + MPL', 'test/fixtures/faq-curl/docs', 'test/fixtures/faq-curl/questions.jsonl'],
  ['undici docs (held out)', 'test/fixtures/docs-undici/docs', 'test/fixtures/docs-undici/questions.jsonl'],
  ['READMEs (held out)', 'test/fixtures/readmes/docs', 'test/fixtures/readmes/questions.jsonl'],
  ['npm docs (held out)', 'test/fixtures/docs-npm/docs', 'test/fixtures/docs-npm/questions.jsonl'],
  [
    'Requests docs, .rst (held out)',
    'test/fixtures/docs-requests/docs',
    'test/fixtures/docs-requests/questions.jsonl',
  ],
  [
    'Cargo Book, .html (held out)',
    'test/fixtures/docs-cargo/docs',
    'test/fixtures/docs-cargo/questions.jsonl',
  ],
  ['Node.js API docs (held out)', 'test/fixtures/docs-node/docs', 'test/fixtures/docs-node/questions.jsonl'],
  [
    'GPL + Apache licences (held out)',
    'test/fixtures/licenses/docs',
    'test/fixtures/licenses/questions.jsonl',
  ],
  ['community docs', 'test/fixtures/community/docs', 'test/fixtures/community/questions.jsonl'],
  [
    'fastify docs (held out)',
    'test/fixtures/docs-fastify/docs',
    'test/fixtures/docs-fastify/questions.jsonl',
  ],
  ['highlight.js docs (held out)', 'test/fixtures/docs-hljs/docs', 'test/fixtures/docs-hljs/questions.jsonl'],
  ['Git docs, .html (held out)', 'test/fixtures/docs-git/docs', 'test/fixtures/docs-git/questions.jsonl'],
  [
    'Debian community rules (held out)',
    'test/fixtures/debian-community/docs',
    'test/fixtures/debian-community/questions.jsonl',
  ],
  [
    'Debian FAQ + constitution (held out)',
    'test/fixtures/debian/docs',
    'test/fixtures/debian/questions.jsonl',
  ],
  [
    'date-fns docs (held out)',
    'test/fixtures/docs-datefns/docs',
    'test/fixtures/docs-datefns/questions.jsonl',
  ],
  [
    'MPL 1.1 + GFDL + Artistic (held out)',
    'test/fixtures/licenses-2/docs',
    'test/fixtures/licenses-2/questions.jsonl',
  ],
  [
    'Python Discord community (held out)',
    'test/fixtures/community-pydis/docs',
    'test/fixtures/community-pydis/questions.jsonl',
  ],
  ['Godot FAQ, .rst (held out)', 'test/fixtures/faq-godot/docs', 'test/fixtures/faq-godot/questions.jsonl'],
  [
    'Kubernetes community (held out)',
    'test/fixtures/community-k8s/docs',
    'test/fixtures/community-k8s/questions.jsonl',
  ],
  ['axios docs (held out)', 'test/fixtures/docs-axios/docs', 'test/fixtures/docs-axios/questions.jsonl'],
  [
    'concurrently docs (held out)',
    'test/fixtures/docs-concurrently/docs',
    'test/fixtures/docs-concurrently/questions.jsonl',
  ],
  [
    'Chinese and Japanese READMEs (held out)',
    'test/fixtures/readmes-cjk/docs',
    'test/fixtures/readmes-cjk/questions.jsonl',
  ],
  [
    'Debian FAQ in German (held out)',
    'test/fixtures/debian-de/docs',
    'test/fixtures/debian-de/questions.jsonl',
  ],
  [
    'Debian FAQ in French (held out)',
    'test/fixtures/debian-fr/docs',
    'test/fixtures/debian-fr/questions.jsonl',
  ],
  [
    'Debian FAQ in Korean (held out)',
    'test/fixtures/debian-ko/docs',
    'test/fixtures/debian-ko/questions.jsonl',
  ],
  [
    'Debian FAQ in Russian (held out)',
    'test/fixtures/debian-ru/docs',
    'test/fixtures/debian-ru/questions.jsonl',
  ],
  ['READMEs 2 (held out)', 'test/fixtures/readmes-2/docs', 'test/fixtures/readmes-2/questions.jsonl'],
  [
    'zsh + screen FAQs (held out)',
    'test/fixtures/faq-zsh-screen/docs',
    'test/fixtures/faq-zsh-screen/questions.jsonl',
  ],
  [
    'markdownlint docs (held out)',
    'test/fixtures/docs-markdownlint/docs',
    'test/fixtures/docs-markdownlint/questions.jsonl',
  ],
  [
    'LGPL/GPL-2/CC0/BSD licences (held out)',
    'test/fixtures/licenses-3/docs',
    'test/fixtures/licenses-3/questions.jsonl',
  ],
  [
    'semantic-release docs (held out)',
    'test/fixtures/docs-semrel/docs',
    'test/fixtures/docs-semrel/questions.jsonl',
  ],
  [
    'jsx-a11y docs (held out)',
    'test/fixtures/docs-jsxa11y/docs',
    'test/fixtures/docs-jsxa11y/questions.jsonl',
  ],
  ['Midnight Commander FAQ (held out)', 'test/fixtures/faq-mc/docs', 'test/fixtures/faq-mc/questions.jsonl'],
];
if (process.argv.includes('--questions') && extra)
  SETS.push(['seeds (--questions)', 'seeds', path.resolve(extra)]);

const wrap = process.argv.includes('--wrap') ? process.argv[process.argv.indexOf('--wrap') + 1] : undefined;

for (const [name, seeds, questions] of SETS) {
  let cases: ReturnType<typeof readCases>;
  try {
    cases = readCases(path.resolve(root, questions));
  } catch {
    continue;
  }
  const engine = Engine.create(await loadCorpus(path.join(root, seeds)), options);
  const s = evaluate(wrap ? cases.map((c) => ({ ...c, q: wrap.replace('{q}', () => c.q) })) : cases, (q) =>
    engine.answer(q, { limit: 5 }),
  );
  console.log(`${name.padEnd(16)} ${summary(s)}`);
  if (verbose) for (const m of s.misses) console.log(`    ${m}`);
}
