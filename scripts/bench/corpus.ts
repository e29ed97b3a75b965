/**
 * A deterministic synthetic corpus for benchmarks: Zipf-distributed pseudo-English words,
 * sentences of 5–20 words, paragraphs of 20–80 words, files of 100 paragraphs in the layouts
 * the loader supports (one paragraph per line, hard-wrapped text, Markdown). The same seed and
 * size always give the same files.
 *
 * The vocabulary is open, as in real text: word ranks are drawn from a Zipf law over millions
 * of ranks, so new words keep appearing as the corpus grows (Heaps' law: about 30k distinct
 * words at 10k paragraphs, 80k at 100k, 150k at 300k), not a fixed list that a large corpus
 * exhausts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STOP =
  'the of and to a in is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will can more its who about up out them into than then do could some these other may also'.split(
    ' ',
  );
const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'br',
  'cl',
  'cr',
  'dr',
  'fl',
  'gr',
  'pl',
  'pr',
  'sh',
  'st',
  'th',
  'tr',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou'];
const CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'rt', 'ng'];
const SUFFIXES = ['', '', '', 's', 'ed', 'ing', 'er', 'ion', 'ly', 'ment'];

/** Ranks the vocabulary can draw from, and the Zipf exponent. */
const RANKS = 5_000_000;
const EXPONENT = 1.5;
/** Zipf–Mandelbrot's shift: the commonest words are not quite as common as pure Zipf says. */
const SHIFT = 7;

export interface Vocabulary {
  /** The word of a rank (the commonest are the stop words). */
  word(rank: number): string;
  /** A rank drawn from the Zipf law, given a uniform number in [0, 1). */
  rank(u: number): number;
}

/** An open vocabulary: each rank's word is made from the rank alone (so any size agrees). */
export function vocabulary(seed = 7): Vocabulary {
  const made = new Map<number, string>();
  const a = 1 - EXPONENT;
  const low = SHIFT ** a;
  const high = (SHIFT + RANKS) ** a;
  return {
    word(rank) {
      if (rank < STOP.length) return STOP[rank] as string;
      let w = made.get(rank);
      if (w === undefined) {
        const random = rng((rank * 2654435761) ^ seed);
        const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
        const syllables = 1 + Math.floor(random() * 3) + (rank > 50_000 ? 1 : 0);
        w = '';
        for (let i = 0; i < syllables; i++)
          w += pick(ONSETS) + pick(VOWELS) + (i === syllables - 1 ? pick(CODAS) : '');
        w += pick(SUFFIXES);
        made.set(rank, w);
      }
      return w;
    },
    // The inverse of a continuous Zipf–Mandelbrot law, p(r) ∝ (r + SHIFT)^-EXPONENT.
    rank: (u) => Math.min(RANKS - 1, Math.floor((low + u * (high - low)) ** (1 / a) - SHIFT)),
  };
}

export function sampleWord(v: Vocabulary, random: () => number): string {
  return v.word(v.rank(random()));
}

export function paragraph(v: Vocabulary, random: () => number): string {
  const target = 20 + Math.floor(random() * 61);
  const sentences: string[] = [];
  let count = 0;
  while (count < target) {
    const n = Math.min(5 + Math.floor(random() * 16), Math.max(3, target - count));
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = random();
      words.push(r < 0.02 ? String(Math.floor(random() * 5000)) : sampleWord(v, random));
    }
    const first = words[0] as string;
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    sentences.push(`${words.join(' ')}.`);
    count += n;
  }
  return sentences.join(' ');
}

function wrap(text: string, width = 72): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** Writes `paragraphs` paragraphs into `dir`, 100 per file; returns the file count. */
export function writeCorpus(dir: string, paragraphs: number, seed = 42): number {
  const v = vocabulary();
  const random = rng(seed);
  mkdirSync(dir, { recursive: true });
  let files = 0;
  for (let start = 0; start < paragraphs; start += 100) {
    const n = Math.min(100, paragraphs - start);
    const paras = Array.from({ length: n }, () => paragraph(v, random));
    const kind = files % 3;
    const name = path.join(
      dir,
      `part-${String(Math.floor(files / 100)).padStart(3, '0')}`,
      `doc-${String(files).padStart(5, '0')}.${kind === 2 ? 'md' : 'txt'}`,
    );
    mkdirSync(path.dirname(name), { recursive: true });
    const title = `Document ${files} about ${sampleWord(v, random)} and ${sampleWord(v, random)}`;
    const body =
      kind === 0
        ? `${title}\n${paras.join('\n')}\n`
        : kind === 1
          ? `${title}\n\n${paras.map((p) => wrap(p)).join('\n\n')}\n`
          : `---\ntitle: ${title}\n---\n\n${paras.map((p, i) => (i % 10 === 0 ? `## Section ${i / 10 + 1}\n\n${wrap(p)}` : wrap(p))).join('\n\n')}\n`;
    writeFileSync(name, body);
    files++;
  }
  return files;
}
