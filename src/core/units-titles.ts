/** Documents that share a title told apart by their files' names. */
import type { DocumentInfo } from './answer-types.js';
import { fileLabel, namesNothing } from './passages.js';

/**
 * Documents with titles of their own: where several share one (every page of a docs site
 * opening with the site's banner, `<h1 align="center">Fastify</h1>`; two pages titled
 * "Overview"), each is named by its file too — `Reply (Fastify)`, `guide (Overview)` for a
 * `guide/overview.md` — so that a list of the documents and a citation tell them apart.
 * The units' own documents are not changed (a later build reuses them).
 */
export function distinctTitles(documents: readonly DocumentInfo[]): DocumentInfo[] {
  const count = new Map<string, number>();
  for (const d of documents) count.set(d.title, (count.get(d.title) ?? 0) + 1);
  if (documents.every((d) => count.get(d.title) === 1)) return [...documents];
  const named = documents.map((d) => {
    if ((count.get(d.title) as number) < 2) return d;
    const parts = d.source.split('/');
    const stem = fileLabel(parts.at(-1) as string);
    const generic = namesNothing(stem) || stem.toLowerCase() === d.title.toLowerCase();
    const name = generic && parts.length > 1 ? fileLabel(parts.at(-2) as string) : stem;
    return { ...d, title: `${name} (${d.title})` };
  });
  // Two files of one name under one title keep their paths.
  const again = new Map<string, number>();
  for (const d of named) again.set(d.title, (again.get(d.title) ?? 0) + 1);
  return named.map((d, i) => {
    const original = documents[i] as DocumentInfo;
    return (again.get(d.title) as number) > 1 ? { ...original, title: `${original.title} (${d.source})` } : d;
  });
}
