/**
 * The one document matcher: which documents a name or typed text designates. Autocomplete
 * offers its matches; /ask, `--source` and /sources resolve a name with it, so anything offered
 * is accepted.
 */
import type { DocumentInfo } from './answer-types.js';
import { CoreError } from './errors.js';
import { graphemeAfter } from './graphemes.js';

const base = (d: DocumentInfo) => d.source.split('/').pop()?.toLowerCase() ?? '';

/** The tiers a name is tried in, closest first: each a test of a document against the name. */
function tiers(wanted: string): ((d: DocumentInfo) => boolean)[] {
  const words = wanted.split(/\s+/).filter(Boolean);
  return [
    (d) => d.source.toLowerCase() === wanted,
    (d) => base(d) === wanted || d.title.toLowerCase() === wanted,
    (d) =>
      base(d).startsWith(wanted) ||
      d.source.toLowerCase().startsWith(wanted) ||
      d.title.toLowerCase().startsWith(wanted),
    (d) => d.source.toLowerCase().includes(wanted) || d.title.toLowerCase().includes(wanted),
    (d) => words.every((w) => d.title.toLowerCase().includes(w) || d.source.toLowerCase().includes(w)),
  ];
}

/** Documents matching typed text, closest first (every document for empty text). */
export function matchDocuments(documents: readonly DocumentInfo[], typed: string): DocumentInfo[] {
  const wanted = typed.trim().toLowerCase();
  if (!wanted) return [...documents];
  const out: DocumentInfo[] = [];
  const seen = new Set<DocumentInfo>();
  for (const matches of tiers(wanted)) {
    for (const d of documents) {
      if (!seen.has(d) && matches(d)) {
        seen.add(d);
        out.push(d);
      }
    }
  }
  return out;
}

/**
 * The document a name designates: the closest tier with exactly one match. Throws CoreError
 * naming the candidates when the name is ambiguous, or the documents there are when none matches.
 */
export function resolveDocument(documents: readonly DocumentInfo[], name: string): DocumentInfo {
  // A path given exactly, case and all: `README.md` beside `readme.md` is that one.
  const exact = documents.filter((d) => d.source === name.trim());
  if (exact.length === 1) return exact[0] as DocumentInfo;
  const wanted = name.trim().toLowerCase();
  if (wanted) {
    for (const matches of tiers(wanted)) {
      const found = documents.filter(matches);
      if (found.length === 1) return found[0] as DocumentInfo;
      if (found.length > 1) {
        throw new CoreError(
          'AMBIGUOUS_SOURCE',
          `"${name}" matches ${found.length} documents (${found
            .slice(0, 10)
            .map((d) => d.source)
            .join(', ')}${found.length > 10 ? ', …' : ''}): give more of the file name`,
        );
      }
    }
  }
  throw new CoreError(
    'UNKNOWN_SOURCE',
    `no document matches "${name}": use one of ${documents
      .slice(0, 10)
      .map((d) => d.source)
      .join(', ')}${documents.length > 10 ? ` (and ${documents.length - 10} more: see /sources)` : ''}`,
  );
}

/**
 * The value autocomplete offers for a document, within `max` characters (Discord's limit is
 * 100): its path, or when that is longer, the end of its path, if that designates it alone.
 * Undefined when nothing short enough does (it is then not offered).
 */
function choiceValue(documents: readonly DocumentInfo[], d: DocumentInfo, max = 100): string | undefined {
  // The path's end, from where a grapheme starts (half an emoji is a value Discord refuses).
  const value =
    d.source.length <= max ? d.source : d.source.slice(graphemeAfter(d.source, d.source.length - max));
  try {
    return resolveDocument(documents, value) === d ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The choices autocomplete offers for typed text: the matching documents, closest first, each
 * with a value it accepts (see choiceValue), at most `max` (Discord shows 25).
 */
export function documentChoices(
  documents: readonly DocumentInfo[],
  typed: string,
  max = 25,
): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const d of matchDocuments(documents, typed)) {
    const value = choiceValue(documents, d);
    if (value) out.push({ name: `${d.title} (${d.source})`, value });
    if (out.length >= max) break;
  }
  return out;
}
