/**
 * A reload's report: what changed between the documents two engines serve (added, removed and
 * changed files, counts, time taken, warnings), as /reindex and the log show it.
 */
import type { ReloadReport } from '../../commands/_contract.js';
import type { DocumentInfo, Engine } from '../core/index.js';

/** What changed between two engines' documents. */
export function diff(before: Engine, after: Engine, ms: number, warnings: string[]): ReloadReport {
  const old = new Map<string, DocumentInfo>(before.documents.map((d) => [d.source, d]));
  const now = new Map<string, DocumentInfo>(after.documents.map((d) => [d.source, d]));
  return {
    added: [...now.keys()].filter((s) => !old.has(s)),
    removed: [...old.keys()].filter((s) => !now.has(s)),
    changed: [...now.values()]
      .filter((d) => old.has(d.source) && old.get(d.source)?.hash !== d.hash)
      .map((d) => d.source),
    documents: after.documents.length,
    paragraphs: after.documents.reduce((n, d) => n + d.paragraphs, 0),
    previousParagraphs: before.documents.reduce((n, d) => n + d.paragraphs, 0),
    passages: after.passageCount,
    ms,
    warnings,
  };
}
