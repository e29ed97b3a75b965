/**
 * Alias groups (aliases.txt): compiled to the terms of their members' words, and a member
 * found in a question's words as one concept whose alternatives are its group.
 */
import type { Concept } from './bm25.js';
import { type Word, words } from './tokenizer.js';

/** An alias group, each member as the terms of its words (first alternative of each word). */
export type AliasGroup = string[][][];

export function compileAliases(groups: readonly string[][]): AliasGroup[] {
  return groups
    .map((group) =>
      group
        .map((member) => words(member).filter((w) => w.alternatives.length > 0))
        .filter((m) => m.length > 0)
        .map((m) => m.map((w) => w.alternatives[0] ?? [])),
    )
    .filter((g) => g.length >= 2);
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/** An alias group member starting at content[i]: one concept whose alternatives are the group. */
export function matchAlias(
  content: readonly Word[],
  i: number,
  aliases: readonly AliasGroup[],
  aliasWeight: number,
): { length: number; concept: Concept } | null {
  const candidates = aliasIndex(aliases).get(termsKey(content[i]?.alternatives[0] ?? []));
  if (candidates === undefined) return null;
  let best: { length: number; concept: Concept } | null = null;
  for (const { group, member } of candidates) {
    if (i + member.length > content.length) continue;
    if (!member.every((terms, k) => same(terms, content[i + k]?.alternatives[0] ?? []))) continue;
    if (best && best.length >= member.length) continue;
    best = {
      length: member.length,
      concept: {
        alternatives: group.map((m) => ({
          terms: [...new Set(m.flat())],
          whole: true,
          weight: m === member ? 1 : aliasWeight,
        })),
      },
    };
  }
  return best;
}

const termsKey = (terms: readonly string[]): string => terms.join('\u0000');

/** Each alias group's members by the terms of their first word, in the groups' order (made once per list). */
const aliasIndexes = new WeakMap<
  readonly AliasGroup[],
  Map<string, { group: AliasGroup; member: string[][] }[]>
>();

/**
 * The members of the alias groups by their first word: a question word is looked up, not
 * compared with every member of every group (2,000 groups of 32 took a long question from
 * 9 ms to 176 ms).
 */
function aliasIndex(
  aliases: readonly AliasGroup[],
): Map<string, { group: AliasGroup; member: string[][] }[]> {
  let index = aliasIndexes.get(aliases);
  if (index === undefined) {
    index = new Map();
    for (const group of aliases)
      for (const member of group) {
        if (member.length === 0) continue;
        const key = termsKey(member[0] as string[]);
        const list = index.get(key);
        if (list) list.push({ group, member });
        else index.set(key, [{ group, member }]);
      }
    aliasIndexes.set(aliases, index);
  }
  return index;
}
