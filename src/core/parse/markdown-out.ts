/**
 * Writing Markdown from another format (reStructuredText, HTML): the pieces both converters
 * write the same way, so the Markdown reader reads them back as they were.
 */

import { MAX_COLUMNS } from './markdown.js';

/** The code span of `code`: fenced by one backtick more than its longest run of them. */
export function codeSpan(code: string): string {
  if (!code.includes('`')) return `\`${code}\``;
  const fence = '`'.repeat(longestRun(code, '`') + 1);
  return `${fence} ${code} ${fence}`;
}

/**
 * A code block of `lines` (blank lines at either end left out; none when all are blank), fenced
 * by three backticks or one more than any line starts with.
 */
export function codeBlock(lines: readonly string[], language = ''): string[] {
  let from = 0;
  let to = lines.length;
  while (from < to && !/\S/.test(lines[from] as string)) from++;
  while (to > from && !/\S/.test(lines[to - 1] as string)) to--;
  if (from === to) return [];
  const body = lines.slice(from, to);
  let longest = 0;
  for (const l of body) {
    const run = /^\s*(`*)/.exec(l)?.[1]?.length ?? 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, ...body, fence];
}

/** A link; parentheses, spaces and angle brackets in its address encoded (they would end it). */
export function link(label: string, url: string): string {
  const address = url.replace(/[()\s<>]/g, (c) =>
    c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c),
  );
  return `[${label}](${address})`;
}

/**
 * A pipe table of rows of cells (Markdown already; `|` escaped), the first row its header when
 * `header` (else an empty one). Rows past MAX_COLUMNS cells join the rest into their last, and
 * each row is written with its own cells only (not padded to the widest, empty ones at its end
 * left out), so a ragged table cannot multiply the text.
 */
export function pipeTable(rows: readonly string[][], header: boolean): string[] {
  if (rows.length === 0) return [];
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  width = Math.min(width, MAX_COLUMNS);
  const line = (row: readonly string[]) => {
    // Empty cells at a row's end are left out (a simple table's row has one per column).
    let end = row.length;
    while (end > 1 && !row[end - 1]) end--;
    const r = end < row.length ? row.slice(0, end) : row;
    const cells =
      r.length <= width
        ? r
        : [
            ...r.slice(0, width - 1),
            r
              .slice(width - 1)
              .filter((c) => c)
              .join(' '),
          ];
    return `| ${cells.join(' | ')} |`;
  };
  const head = Array.from({ length: width }, (_, k) => (header ? ((rows[0] as string[])[k] ?? '') : ''));
  return [
    `| ${head.join(' | ')} |`,
    `|${' --- |'.repeat(width)}`,
    ...(header ? rows.slice(1) : rows).map(line),
  ];
}

/** The longest run of `char` in `text`. */
function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (let k = 0; k < text.length; k++) {
    run = text[k] === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}
