/** Shows how a question is read and ranked: npx tsx scripts/debug-question.ts DIR "question" */
import { openSeeds } from '../src/core/index.js';

const [dir = './seeds', ...rest] = process.argv.slice(2);
const { engine } = await openSeeds(dir);
for (const q of rest) {
  const a = engine.answer(q, { limit: 5 });
  console.log(
    `\n# ${q}\nnotFound=${JSON.stringify(a.notFound)} corrections=${JSON.stringify(a.corrections)}`,
  );
  for (const r of a.results)
    console.log(`  ${r.score} ${r.source}#${r.paragraph} [${r.section ?? ''}] ${r.text.slice(0, 150)}`);
}
