/** Shared test helpers: an in-memory corpus, without touching the disk. */
import type { Corpus } from '../src/core/corpus.js';
import { parseAliases } from '../src/core/corpus.js';
import { parseDocument } from '../src/core/passages.js';

export function corpusOf(files: Record<string, string>, aliases = ''): Corpus {
  return {
    root: '/virtual',
    files: Object.entries(files).map(([source, content]) => ({
      ...parseDocument(content, source.endsWith('.md'), source),
      source,
      bytes: content.length,
      hash: String(content.length),
    })),
    aliases: parseAliases(aliases),
    warnings: [],
  };
}
