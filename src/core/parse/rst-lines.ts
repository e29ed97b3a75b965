/**
 * The lines of a reStructuredText document as the converter reads them: tabs expanded, the
 * field list of metadata that opens a Sphinx document dropped, blank lines and indentation.
 */

export const BLANK = /^\s*$/;

/**
 * The lines without the field list that opens a document, before anything else: Sphinx reads
 * it as the file's metadata (`:orphan:`, `:tocdepth: 2`, `:allow_comments: False`), which no
 * reader sees. Only names in lower case: docutils shows `:Version:` or `:License:` at the top
 * of a README as a table.
 */
export function withoutMetadata(lines: string[]): string[] {
  let start = 0;
  while (start < lines.length && lines[start] === '') start++;
  let end = start;
  while (
    end < lines.length &&
    (/^:[a-z][a-z\d_-]*:(?:\s|$)/.test(lines[end] as string) ||
      (end > start && /^\s+\S/.test(lines[end] as string)))
  )
    end++;
  if (end === start || (end < lines.length && lines[end] !== '')) return lines;
  return [...lines.slice(0, start), ...lines.slice(end)];
}

/** A line with its tabs expanded to 8-column stops. */
export function expandTabs(line: string): string {
  if (!line.includes('\t')) return line.trimEnd();
  let out = '';
  for (const c of line) out += c === '\t' ? ' '.repeat(8 - (out.length % 8)) : c;
  return out.trimEnd();
}

export const indentOf = (line: string): number => line.length - line.trimStart().length;
