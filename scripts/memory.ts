/**
 * Memory under endless new words: puts N questions made of random words (default 500,000)
 * through the same `answer()` the bot uses, and prints the heap after a full garbage
 * collection at intervals. The heap must stay flat after warm-up: words the documents do not
 * have must not grow anything that lives on.
 *
 *   node --expose-gc --import tsx scripts/memory.ts [N] [--seeds DIR]
 *
 * Exit code 1 if the heap after warm-up (the first tenth) grows by more than 8 MB.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openSeeds } from '../src/core/index.js';
import { tokenizerStats } from '../src/core/tokenizer.js';

const { values, positionals } = parseArgs({
  options: { seeds: { type: 'string' } },
  allowPositionals: true,
});
const total = Number(positionals[0] ?? 500_000);
const seeds = values.seeds ?? path.resolve(import.meta.dirname, '../seeds');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc --import tsx scripts/memory.ts');
  process.exit(2);
}

/** A deterministic stream of random numbers (xorshift), so runs compare. */
let state = 0x9e3779b9;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
};
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const word = () => {
  let w = '';
  const n = 3 + Math.floor(random() * 9);
  for (let i = 0; i < n; i++) w += LETTERS[Math.floor(random() * 26)];
  return random() < 0.1 ? w.toUpperCase() : w;
};
/** A question of new words, now and then with a real one or a number among them. */
const question = () => {
  const words = Array.from({ length: 3 + Math.floor(random() * 8) }, word);
  if (random() < 0.3) words.push('Iraq');
  if (random() < 0.2) words.push(String(Math.floor(random() * 1e9)));
  return `${words.join(' ')}?`;
};

const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};

const { engine } = await openSeeds(seeds, { cacheDir: null });
const every = Math.max(1, Math.floor(total / 10));
const started = performance.now();
let warm = 0;
let peak = 0;
console.log('questions   heap MB   unknown words held   wink instances replaced   s');
for (let i = 1; i <= total; i++) {
  engine.answer(question(), { limit: 10 });
  if (i % every === 0 || i === total) {
    const heap = heapMb();
    if (i === every) warm = heap;
    else peak = Math.max(peak, heap);
    const s = tokenizerStats();
    console.log(
      `${String(i).padStart(9)}   ${heap.toFixed(1).padStart(7)}   ${String(s.unknownWords).padStart(18)}   ${String(s.recycled).padStart(23)}   ${((performance.now() - started) / 1000).toFixed(0)}`,
    );
  }
}
const growth = peak - warm;
console.log(
  `heap after warm-up: ${warm.toFixed(1)} MB; highest later: ${peak.toFixed(1)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB)`,
);
process.exitCode = growth > 8 ? 1 : 0;
