/**
 * Varied benchmark questions drawn from an engine's own paragraphs (seeded, so the same
 * corpus always gives the same questions): a few of a paragraph's words with question words
 * around them, some misspelt, some with a word the corpus does not have, some off-topic.
 */
import type { Engine } from '../../src/core/index.js';
import { rng } from './corpus.js';

const OPENERS = ['what is', 'how do', 'why does', 'where are', 'who said', 'when did', ''];
const STOP = new Set(
  'the of and to a in is that for it as was with be by on not he this are or his from at'.split(' '),
);

export function questionsFor(engine: Engine, count: number, seed = 99): string[] {
  const random = rng(seed);
  const texts = engine.paragraphs.filter((p) => p.kind === 'text');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 10;
    if (kind === 9) {
      out.push('what is the best recipe for pancakes with blueberries');
      continue;
    }
    const p = texts[Math.floor(random() * texts.length)];
    const words =
      (p?.text ?? '')
        .toLowerCase()
        .match(/[a-z]{3,}/g)
        ?.filter((w) => !STOP.has(w)) ?? [];
    const n = 2 + Math.floor(random() * 5);
    const start = Math.floor(random() * Math.max(1, words.length - n));
    const picked = words.slice(start, start + n);
    if (kind === 7 && picked[0] && picked[0].length > 4) {
      const w = picked[0];
      picked[0] = w.slice(0, 2) + (w[3] ?? '') + (w[2] ?? '') + w.slice(4); // swap two letters
    }
    if (kind === 8) picked.push('zeppelin');
    const opener = OPENERS[Math.floor(random() * OPENERS.length)] ?? '';
    out.push(`${opener} ${picked.join(' ')}?`.trim());
  }
  return out;
}
