/** Lines of standard input, bounded as they are read (the console and `npm run ask`). */
import { MAX_QUESTION_LENGTH } from '../core/index.js';

/** The most of a line of standard input kept: a question is read up to MAX_QUESTION_LENGTH. */
export const MAX_INPUT_LINE = 8 * MAX_QUESTION_LENGTH;

/** A line's end: LF, CR (a CRLF's LF is skipped after it). */
const BREAK = /[\r\n]/g;

/**
 * The lines of a stream (ended by LF, CRLF or a lone CR, as readline reads them), each cut to
 * `max` characters as it is read: a line of hundreds of megabytes without a break (a file piped
 * in by mistake) costs no more memory than `max`, where readline keeps it whole (and fails past
 * V8's longest string).
 */
export async function* cappedLines(input: NodeJS.ReadableStream, max: number): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let line = '';
  let full = false;
  // The last chunk ended with CR: an LF opening the next one ends no other line.
  let afterCR = false;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text === '') continue;
    let start = afterCR && text.charCodeAt(0) === 10 ? 1 : 0;
    afterCR = false;
    for (;;) {
      BREAK.lastIndex = start;
      const end = BREAK.exec(text)?.index ?? -1;
      const piece = text.slice(start, end < 0 ? text.length : end);
      if (!full) {
        line += piece.slice(0, max - line.length);
        full = line.length >= max;
        // Not half an emoji at the cut.
        const last = line.charCodeAt(line.length - 1);
        if (full && last >= 0xd800 && last <= 0xdbff) line = line.slice(0, -1);
      }
      if (end < 0) break;
      yield line;
      line = '';
      full = false;
      start = end + 1;
      if (text.charCodeAt(end) === 13) {
        if (start === text.length) afterCR = true;
        else if (text.charCodeAt(start) === 10) start++;
      }
    }
  }
  const rest = line + decoder.decode();
  if (rest) yield rest;
}
