/**
 * Writing Markdown from another format (reStructuredText, HTML): the pieces both converters
 * need to write code that the Markdown reader reads back exactly as it was.
 */

/** The code span of `code`: fenced by one backtick more than its longest run of them. */
export function codeSpan(code: string): string {
  if (!code.includes('`')) return `\`${code}\``;
  const fence = '`'.repeat(longestRun(code, '`') + 1);
  return `${fence} ${code} ${fence}`;
}

/** The fence of a code block: three backticks, or one more than any line starts with. */
export function codeFence(lines: readonly string[]): string {
  let longest = 0;
  for (const l of lines) {
    const run = /^\s*(`*)/.exec(l)?.[1]?.length ?? 0;
    if (run > longest) longest = run;
  }
  return '`'.repeat(Math.max(3, longest + 1));
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
