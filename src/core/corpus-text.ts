/**
 * A file's bytes as text: decoded (UTF-8, UTF-16 by its byte order mark, an HTML page by the
 * character set it declares), inline `data:` payloads of Markdown left out, and a file of data
 * (too many lines, or one too long) told from a document of paragraphs.
 */
import { MAX_LINE_CHARS, MAX_LINES, shown } from './corpus-files.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a file's bytes, or says why it is not a text document. UTF-8 first; UTF-16 when it
 * starts with its byte order mark (as Windows Notepad saved "Unicode" text). An HTML page that
 * is not UTF-8 is decoded by the character set its `<meta>` declares (`windows-1252`,
 * `iso-8859-1`, `shift_jis`…), as a browser does. Other text must be UTF-8: which legacy
 * encoding a file is in cannot be told from its bytes (Polish in windows-1250 reads as
 * windows-1252 "Za¿ó³æ", Russian with a code block as "Óñòàíîâêà"), and garbage served as an
 * answer is worse than a file skipped with a message that says what to do.
 */
export function decodeText(
  bytes: Uint8Array,
  { html = false }: { html?: boolean } = {},
): { text: string } | { problem: string } {
  const head = bytes.subarray(0, 8192);
  const utf16 =
    head[0] === 0xff && head[1] === 0xfe
      ? 'utf-16le'
      : head[0] === 0xfe && head[1] === 0xff
        ? 'utf-16be'
        : '';
  if (utf16 === 'utf-16le' && head[2] === 0 && head[3] === 0)
    return { problem: 'it is UTF-32 text (save it as UTF-8)' };
  if (utf16) {
    try {
      const text = new TextDecoder(utf16, { fatal: true }).decode(bytes);
      if (!text.includes('\0')) return { text };
    } catch {}
    return { problem: 'it starts as UTF-16 text but is not valid UTF-16 (save it as UTF-8)' };
  }
  // Anywhere in the file (a text with NUL bytes past its first 8 KB was read, NULs and all).
  if (bytes.includes(0)) return { problem: 'it looks binary (it contains NUL bytes)' };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const charset = html ? declaredCharset(bytes) : undefined;
    if (charset) {
      try {
        const text = new TextDecoder(charset).decode(bytes);
        return { text: LATIN1_LABELS.test(charset) ? asWindows1252(text) : text };
      } catch {
        return {
          problem: `it declares the character set ${shown(charset)}, which is not known (save it as UTF-8)`,
        };
      }
    }
    return { problem: 'it is not valid UTF-8 text (save it as UTF-8)' };
  }
}

/**
 * Text Node decoded as ISO-8859-1 (how it reads the windows-1252 family), read as windows-1252
 * as browsers and the encoding standard do: 0x80–0x9F are quotes, dashes and the euro sign.
 */
function asWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80] ?? c);
}

/** Labels the encoding standard reads as windows-1252. */
const LATIN1_LABELS =
  /^(?:windows-1252|cp1252|x-cp1252|iso-8859-1|iso8859-1|iso_8859-1|latin1|l1|us-ascii|ascii|ansi_x3\.4-1968|cp819|ibm819|iso-ir-100|csisolatin1)$/;
/** windows-1252's characters for the bytes 0x80–0x9F (the encoding standard's table). */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** The character set an HTML page's first 1,024 bytes declare (`<meta charset>` or http-equiv). */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const meta = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  // A page declaring UTF-16 in its own (ASCII-readable) bytes is not UTF-16: browsers read it as UTF-8.
  return meta && !/^utf-?(?:8|16)/i.test(meta) ? meta.toLowerCase() : undefined;
}

/** The header of a `data:` address: its type, at most eight parameters, the comma. */
const DATA_HEADER = /data:[\w.+-]{1,64}\/[\w.+-]{1,64}(?:;[\w.+-]{1,64}(?:=[\w.+-]{0,64})?){0,8},/y;
/**
 * An inline payload at least this long is an image or a file, not text (a shorter one, an icon
 * in a code example, is kept as written).
 */
const DATA_PAYLOAD_MIN = 4096;

/** Whether a character may be in a `data:` address's payload (base64 or percent-encoded). */
function payloadChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    c === 43 ||
    c === 47 ||
    c === 61 ||
    c === 37 ||
    c === 46 ||
    c === 95 ||
    c === 126 ||
    c === 45 // + / = % . _ ~ -
  );
}

/**
 * A Markdown or reStructuredText text with the payloads of its inline `data:` addresses
 * (`![map](data:image/png;base64,…)`) of DATA_PAYLOAD_MIN or more left out, the header kept: an
 * image is no text, and its megabytes of base64 would make one line too long to read. Scanned in
 * one pass (a regex over megabytes overflows).
 */
export function withoutDataPayloads(text: string): string {
  let at = text.indexOf('data:');
  if (at < 0) return text;
  const parts: string[] = [];
  let kept = 0;
  while (at >= 0) {
    DATA_HEADER.lastIndex = at;
    const header = DATA_HEADER.exec(text);
    let end = at + 5;
    if (header) {
      const from = at + header[0].length;
      end = from;
      while (end < text.length && payloadChar(text.charCodeAt(end))) end++;
      if (end - from >= DATA_PAYLOAD_MIN) {
        parts.push(text.slice(kept, from));
        kept = end;
      }
    }
    at = text.indexOf('data:', end);
  }
  if (kept === 0) return text;
  parts.push(text.slice(kept));
  return parts.join('');
}

/**
 * The longest line of a text, and how many lines it has: lines end at LF, CRLF or a lone CR, as
 * the readers read them (each found by indexOf: a regex takes forty times as long).
 */
function measureLines(text: string): { longest: number; lines: number } {
  let longest = 0;
  let lines = 1;
  let start = 0;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    const end = cr < 0 || (lf >= 0 && lf < cr) ? lf : cr;
    if (end - start > longest) longest = end - start;
    lines++;
    start = end === cr && lf === end + 1 ? end + 2 : end + 1;
    if (lf >= 0 && lf < start) lf = text.indexOf('\n', start);
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
  }
  return { longest: Math.max(longest, text.length - start), lines };
}

/** Why a file is skipped as data, by its lines (too many, or one too long), if it is. */
export function dataProblem(source: string, text: string, linesOnly = false): string | undefined {
  const { longest, lines } = measureLines(text);
  if (lines > MAX_LINES)
    return `skipped ${shown(source)}: it has ${lines.toLocaleString('en-US')} lines, over the ${MAX_LINES.toLocaleString('en-US')} a document may have, which is data, not paragraphs (split it)`;
  if (!linesOnly && longest > MAX_LINE_CHARS)
    return `skipped ${shown(source)}: it has a line of ${longest.toLocaleString('en-US')} characters, which is data, not paragraphs (break it into lines)`;
  return undefined;
}
