/** Lines of standard input, bounded as they are read (the console and `npm run ask`). */
import { MAX_QUESTION_LENGTH } from '../core/index.js';

/** The most of a line of standard input kept: a question is read up to MAX_QUESTION_LENGTH. */
export const MAX_INPUT_LINE = 8 * MAX_QUESTION_LENGTH;

/**
 * The lines of a stream (LF or CRLF), each cut to `max` characters as it is read: a line of
 * hundreds of megabytes without a break (a file piped in by mistake) costs no more memory than
 * `max`, where readline keeps it whole (and fails past V8's longest string).
 */
export async function* cappedLines(input: NodeJS.ReadableStream, max: number): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let line = '';
  let full = false;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      const piece = text.slice(start, end < 0 ? text.length : end);
      if (!full) {
        line += piece.slice(0, max - line.length);
        full = line.length >= max;
      }
      if (end < 0) break;
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      line = '';
      full = false;
      start = end + 1;
    }
  }
  const rest = line + decoder.decode();
  if (rest) yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}
