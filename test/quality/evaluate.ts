/**
 * Scores retrieval on a question set (JSONL: {"id","q","accept":[{"source","contains"}]}):
 * hit@1, hit@3, MRR@5, negatives with no result, duplicate excerpts in the top 5.
 * An empty `accept` marks a question the documents do not answer.
 */
import { readFileSync } from 'node:fs';
import type { Answer } from '../../src/core/index.js';

export interface Case {
  id: string;
  q: string;
  accept: { source: string; contains: string }[];
  tags?: string[];
}

export interface Score {
  positives: number;
  hit1: number;
  hit3: number;
  mrr: number;
  negatives: number;
  negativesEmpty: number;
  /**
   * Negatives that got more than they should: any result, or for one tagged `hard` (part of it
   * is in the documents: "a tax refund" where a page mentions refunds) a direct answer.
   */
  negativesWrong: number;
  /** Questions tagged `abstain`: the documents do not answer them; no direct answer expected. */
  abstain: number;
  abstained: number;
  /** Answerable questions that got no direct answer. */
  refused: number;
  duplicates: number;
  misses: string[];
}

export function readCases(file: string): Case[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ');

export function evaluate(cases: readonly Case[], ask: (q: string) => Answer): Score {
  const s: Score = {
    positives: 0,
    hit1: 0,
    hit3: 0,
    mrr: 0,
    negatives: 0,
    negativesEmpty: 0,
    negativesWrong: 0,
    abstain: 0,
    abstained: 0,
    refused: 0,
    duplicates: 0,
    misses: [],
  };
  for (const c of cases) {
    const answer = ask(c.q);
    const results = answer.results;
    if (c.tags?.includes('abstain')) {
      s.abstain++;
      if (!answer.answer) s.abstained++;
      else s.misses.push(`${c.id} abstain got an answer: ${c.q} -> ${answer.answer.text.slice(0, 80)}`);
      continue;
    }
    if (c.accept.length === 0) {
      s.negatives++;
      if (results.length === 0) s.negativesEmpty++;
      else
        s.misses.push(
          `${c.id} negative got ${results.length}${answer.answer ? ' and an answer' : ''}: ${c.q}`,
        );
      if (c.tags?.includes('hard') ? answer.answer : results.length > 0) s.negativesWrong++;
      continue;
    }
    s.positives++;
    if (!answer.answer) {
      s.refused++;
      s.misses.push(`${c.id} refused: ${c.q}`);
    }
    const rank = results
      .slice(0, 5)
      .findIndex((r) =>
        c.accept.some((a) => r.source.includes(a.source) && norm(r.text).includes(norm(a.contains))),
      );
    if (rank === 0) s.hit1++;
    if (rank >= 0 && rank < 3) s.hit3++;
    if (rank >= 0) s.mrr += 1 / (rank + 1);
    if (rank !== 0)
      s.misses.push(
        `${c.id} rank ${rank < 0 ? '-' : rank + 1}: ${c.q} -> ${results[0] ? `${results[0].source}#${results[0].paragraph} ${results[0].text.slice(0, 70).replace(/\s+/g, ' ')}` : 'none'}`,
      );
    const seen = new Set<string>();
    for (const r of results.slice(0, 5)) {
      const key = norm(r.text).replace(/[^\p{L}\p{N} ]/gu, '');
      if (seen.has(key)) s.duplicates++;
      seen.add(key);
    }
  }
  s.mrr = s.positives ? s.mrr / s.positives : 0;
  return s;
}

export function summary(s: Score): string {
  const pct = (n: number) => (s.positives ? ((100 * n) / s.positives).toFixed(0) : '0');
  return `hit@1 ${s.hit1}/${s.positives} (${pct(s.hit1)}%) hit@3 ${s.hit3}/${s.positives} MRR@5 ${s.mrr.toFixed(3)} negatives ${s.negativesEmpty}/${s.negatives} abstained ${s.abstained}/${s.abstain} no-direct-answer ${s.refused}/${s.positives} duplicates ${s.duplicates}`;
}
