/**
 * Obsidian comments (`%% … %%`), which Obsidian never shows: a vault's notes are read without
 * them (see withoutComments), so they are never served. Only for a vault's notes: elsewhere `%%`
 * is text (see corpus.ts, which tells a vault by its `.obsidian` folder).
 */

/**
 * A note of an Obsidian vault without its comments, which Obsidian never shows, so they are
 * never read or served (a game master's secrets, a moderator's reminders): `%%` to the next
 * `%%`, in a line or over lines, in list items, quotes, tables and HTML alike. A `%%` opening
 * its line that nothing closes hides the rest of the note, as in Obsidian; one in the middle of
 * a line that nothing in its paragraph closes is text. Code keeps its `%%`: fenced code (in
 * quotes and list items too, ending where CommonMark ends it), indented code, and code spans
 * outside a comment. Telling code from text line by line can be wrong where CommonMark is
 * subtle, so the text is read twice, with code apart and as if there were none, and what either
 * reading hides is hidden: a comment is served only if both misread it (code with a `%%` of its own
 * may lose some of its text). Only a vault's notes are read so: elsewhere `%%` is a percent
 * sign (printf), a MATLAB section or a batch file's variable. Linear in the text's length.
 */
export function withoutComments(body: string): string {
  if (!body.includes('%%')) return body;
  const hidden = new Uint8Array(body.length);
  // (A line too long for the regex engine throws: the note is then not served; see parseMarkdown.)
  for (const code of [true, false]) hideComments(body, hidden, code);
  const out: string[] = [];
  let at = 0;
  for (const line of body.split('\n')) {
    // The line's text between its hidden characters.
    let kept = '';
    for (let k = 0, from = 0; k <= line.length; k++) {
      if (k < line.length && hidden[at + k] === 0) continue;
      kept += line.slice(from, k);
      from = k + 1;
    }
    at += line.length + 1;
    // A line that was only a comment goes, so the lines around it read on as one paragraph.
    const onlyComment = kept !== line && !hasText(kept) && hasText(line);
    if (!onlyComment) out.push(kept);
  }
  return out.join('\n');
}

/** Whether a line holds anything besides quote marks, a list marker and spaces. */
const hasText = (line: string): boolean => line.replace(LINE_MARKERS, '').trim() !== '';

/**
 * Comments read as Obsidian reads them (see withoutComments), marked in `hidden`: with `code`,
 * code apart; without, as if there were no code.
 */
function hideComments(body: string, hidden: Uint8Array, code: boolean): void {
  const lines = body.split('\n');
  // For each line, the next line holding a `%%` and the next blank line (where a paragraph ends).
  const nextMark: number[] = new Array(lines.length);
  const nextBlank: number[] = new Array(lines.length);
  let mark = lines.length;
  let blank = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    nextMark[i] = mark;
    nextBlank[i] = blank;
    const line = lines[i] as string;
    if (line.includes('%%')) mark = i;
    if (/^(?:[ \t]*>)*[ \t]*$/.test(line)) blank = i;
  }
  let fence: { char: string; length: number; quotes: number; indent: number; inList: boolean } | undefined;
  let html: RegExp | undefined; // what ends the HTML block the line is in (a blank line, a closing tag)
  let inList = false; // in a list or what continues its items
  let blankBefore = true;
  let indented = false; // in indented code
  let comment = false;
  let at = 0; // where the line starts in the body
  for (let i = 0; i < lines.length; at += (lines[i] as string).length + 1, i++) {
    const line = lines[i] as string;
    if (!comment && !code) {
      if (!line.includes('%%')) continue;
    } else if (!comment) {
      const isBlank = /^[ \t]*$/.test(line);
      const quoted = /^((?:[ \t]*>)*)([ \t]*)(.*)$/.exec(line) as RegExpExecArray;
      const quotes = countQuotes(quoted[1] as string);
      const column = columns(`${quoted[1]}${quoted[2]}`) - columns(quoted[1] as string);
      if (fence) {
        // A fence in a quote ends with the quote, one in a list item with the item (a line that
        // is not indented); otherwise at its closing fence (indented 3 at most past it) or the end.
        const left = quotes < fence.quotes || (fence.inList && /^[^\s>]/.test(line));
        if (!left) {
          const close = /^(`{3,}|~{3,})[ \t]*$/.exec(quoted[3] as string)?.[1];
          if (close?.startsWith(fence.char) && close.length >= fence.length && column <= fence.indent + 3)
            fence = undefined;
          continue;
        }
        fence = undefined;
      }
      if (html?.test(line)) html = undefined;
      // A list's items and what continues them (for telling indented code and list fences apart).
      if (LIST_ITEM.test(line)) inList = true;
      else if (!isBlank && blankBefore && /^\S/.test(line)) inList = false;
      // Indented code: four columns in, after a blank line or more code, outside lists and quotes.
      if (!isBlank) indented = !inList && quotes === 0 && column >= 4 && (blankBefore || indented);
      if (indented) {
        blankBefore = isBlank;
        continue;
      }
      // A fence opens (not in an HTML block, where a fence is text).
      const open = html ? null : FENCE_AFTER_MARKERS.exec(line);
      if (open && !((open[3] as string).startsWith('`') && (open[4] as string).includes('`'))) {
        const prefix = open[1] as string;
        const indent = columns(`${prefix}${open[2]}`) - columns(prefix.replace(/[^>]*$/, ''));
        if (inList || /[-*+\d]/.test(prefix) || indent <= 3) {
          fence = {
            char: (open[3] as string).charAt(0),
            length: (open[3] as string).length,
            quotes: countQuotes(prefix),
            indent,
            inList: inList && (/[-*+\d]/.test(prefix) || indent >= 2),
          };
          blankBefore = false;
          continue;
        }
      }
      if (!html) {
        const tag = HTML_BLOCK_START.exec(line);
        if (tag) {
          const name = tag[1]?.toLowerCase();
          html = name ? new RegExp(`</${name}>`, 'i') : tag[0].endsWith('<!--') ? /-->/ : /^[ \t]*$/;
          if (html.test(line.slice(tag[0].length))) html = undefined;
        }
      }
      blankBefore = isBlank;
      if (!line.includes('%%')) continue;
    } else if (!line.includes('%%')) {
      hidden.fill(1, at, at + line.length);
      continue;
    }
    const closesLater = (nextMark[i] as number) < (nextBlank[i] as number);
    comment = commentsCut(line, comment, closesLater, code, (from, to) => hidden.fill(1, at + from, at + to));
  }
}

/** A list item's marker opening a line. */
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
/** A fence after quote marks and list markers: those markers, its indent, the fence and its info. */
const FENCE_AFTER_MARKERS = /^((?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])))*)([ \t]*)(`{3,}|~{3,})(.*)$/;
/** Quote marks and a list marker opening a line. */
const LINE_MARKERS = /^(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))?/;
/** An HTML block's first line: raw text (`<pre>`, `<script>`…, to its closing tag), a comment, a tag. */
const HTML_BLOCK_START = /^ {0,3}<(?:(pre|script|style|textarea)(?=[\s>]|$)|!--|\/?[A-Za-z])/i;

/** The `>` of a line's quote marks. */
function countQuotes(marks: string): number {
  let n = 0;
  for (const c of marks) if (c === '>') n++;
  return n;
}

/** The column text ends at, from column `from`, a tab to the next multiple of 4 (CommonMark's tab stops). */
export function columns(text: string, from = 0): number {
  let column = from;
  for (const c of text) column = c === '\t' ? column + 4 - (column % 4) : column + 1;
  return column;
}

/**
 * Marks one line's comments (see withoutComments) with `hide(from, to)`: `open` says whether a
 * comment is open at its start; the answer, whether one is at its end. With `code`, code spans
 * outside a comment are code. An opening `%%` that the line does not close opens a comment when
 * it opens the line or a later line of its paragraph closes it (`closesLater`); else it is text.
 */
function commentsCut(
  line: string,
  open: boolean,
  closesLater: boolean,
  code: boolean,
  hide: (from: number, to: number) => void,
): boolean {
  const marks: number[] = [];
  for (let at = line.indexOf('%%'); at >= 0; at = line.indexOf('%%', at + 2)) marks.push(at);
  // Backtick runs (not an escaped backtick), each with the index of the next run as long (a
  // code span's end), in one pass.
  const runs: { at: number; length: number; close: number }[] = [];
  for (const m of code ? line.matchAll(/`+/g) : []) {
    const escaped = m.index > 0 && line.charAt(m.index - 1) === '\\' ? 1 : 0;
    if (m[0].length > escaped) runs.push({ at: m.index + escaped, length: m[0].length - escaped, close: -1 });
  }
  const last = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    const run = runs[k] as { at: number; length: number; close: number };
    run.close = last.get(run.length) ?? -1;
    last.set(run.length, k);
  }
  let m = 0; // the first mark at or after the place asked (places only grow)
  const markFrom = (from: number): number => {
    while (m < marks.length && (marks[m] as number) < from) m++;
    return m < marks.length ? (marks[m] as number) : -1;
  };
  let at = 0;
  let r = 0; // the first run at or after `at`
  while (at < line.length) {
    if (open) {
      const end = markFrom(at);
      if (end < 0) {
        hide(at, line.length);
        return true;
      }
      hide(at, end + 2);
      open = false;
      at = end + 2;
      continue;
    }
    const mark = markFrom(at);
    if (mark < 0) break;
    while (r < runs.length && (runs[r] as { at: number }).at < at) r++;
    const run = runs[r];
    if (run && run.at < mark) {
      // A code span is code; an unmatched run of backticks is text.
      const close = runs[run.close];
      at = close ? close.at + close.length : run.at + run.length;
      continue;
    }
    const end = markFrom(mark + 2);
    if (end < 0) {
      const opensLine = !hasText(line.slice(0, mark));
      if (!opensLine && !closesLater) {
        at = mark + 2;
        continue;
      }
      hide(mark, line.length);
      return true;
    }
    hide(mark, end + 2);
    at = end + 2;
  }
  return open;
}
