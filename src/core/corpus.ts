/**
 * Reads the seeds folder: every `.txt`, `.md` (`.markdown`, `.mdx`), `.rst` and `.html` file under
 * it, recursively, in sorted order, and text files a project names without an extension
 * (`README`, `FAQ`). Files in other document formats (`.adoc`, `.pdf`) are named in one warning.
 * A file that cannot be used (unreadable, binary, not UTF-8, empty) is skipped with a warning
 * naming it; the rest are served. `aliases.txt` at the top of the folder holds aliases, not a
 * document.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CoreError } from './errors.js';
import { rstToMarkdown } from './parse/rst.js';
import { type ParsedDocument, parseDocument } from './passages.js';
import { runSteps, runStepsAsync } from './steps.js';

export const ALIASES_FILE = 'aliases.txt';
/** Larger files are not documents of paragraphs (logs, dumps): skipped. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** A line longer than this is data, not prose: its file is skipped. */
export const MAX_LINE_CHARS = 1024 * 1024;
/**
 * More lines than this are data, not documentation (20 bytes a line over 20 MB; prose has 80 or
 * more): a file of a million one-word paragraphs would take gigabytes and a minute to index.
 */
export const MAX_LINES = 1_000_000;
/** Alias groups read from aliases.txt, and terms per group (a thesaurus, not a word list). */
export const MAX_ALIAS_GROUPS = 2000;
export const MAX_ALIAS_TERMS = 32;
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdx', '.mkd', '.mkdn', '.mdown']);
/** reStructuredText (Sphinx documentation): converted to Markdown, then read as Markdown. */
const RST_EXTENSIONS = new Set(['.rst', '.rest']);
/** HTML pages: their content converted to Markdown, then read as Markdown. */
const HTML_EXTENSIONS = new Set(['.html', '.htm']);
const EXTENSIONS = new Set(['.txt', '.text', ...MARKDOWN_EXTENSIONS, ...RST_EXTENSIONS, ...HTML_EXTENSIONS]);
/** Plain-text files a project names without an extension (curl's `docs/FAQ`), any case. */
const BARE_NAMES = new Set([
  'readme',
  'faq',
  'install',
  'changelog',
  'changes',
  'news',
  'history',
  'contributing',
]);
/**
 * Document formats that are not read: a folder holding some is told so in one warning (they
 * would otherwise vanish without a word: "why does it not know the handbook?").
 */
const UNREAD_FORMATS: Record<string, string> = {
  '.adoc': 'AsciiDoc',
  '.asciidoc': 'AsciiDoc',
  '.org': 'Org',
  '.textile': 'Textile',
  '.wiki': 'wiki markup',
  '.mediawiki': 'wiki markup',
  '.tex': 'TeX',
  '.pod': 'POD',
  '.rdoc': 'RDoc',
  '.rtf': 'RTF',
  '.pdf': 'PDF',
  '.doc': 'Word',
  '.docx': 'Word',
  '.odt': 'OpenDocument',
  '.epub': 'EPUB',
  '.pages': 'Pages',
};
/** Files named in the warning about formats not read (the rest counted). */
const UNREAD_NAMED = 5;

export interface SourceFile extends ParsedDocument {
  /** Path relative to the seeds folder, with `/` separators. */
  source: string;
  /** Size in bytes. */
  bytes: number;
  /** A hash of the file's bytes, to tell changed files apart on a reload. */
  hash: string;
}

export interface Corpus {
  /** Absolute path of the seeds folder. */
  root: string;
  files: SourceFile[];
  /** Alias groups from aliases.txt (empty when there is none). */
  aliases: string[][];
  /** One line per file that was skipped, naming it and why. */
  warnings: string[];
}

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

/**
 * The HTML reader, loaded when a folder first holds an HTML page: its parser and entity tables
 * cost about 10 MB in every thread that loads them, which a folder of Markdown never pays.
 */
let htmlReader: typeof import('./parse/html.js') | undefined;

/** Loads the readers that files among `sources` need (parseFile reads an HTML page only then). */
export async function prepareReaders(sources: Iterable<string>): Promise<void> {
  if (htmlReader) return;
  for (const source of sources) {
    if (HTML_EXTENSIONS.has(path.extname(source).toLowerCase())) {
      htmlReader = await import('./parse/html.js');
      return;
    }
  }
}

/**
 * How much longer than the file its Markdown may be before the file is read as plain text.
 * Mutable for tests (a test that changes it puts it back).
 */
export const MAX_EXPANSION = { factor: 8, slack: 200_000 };

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
function dataProblem(source: string, text: string, linesOnly = false): string | undefined {
  const { longest, lines } = measureLines(text);
  if (lines > MAX_LINES)
    return `skipped ${shown(source)}: it has ${lines.toLocaleString('en-US')} lines, over the ${MAX_LINES.toLocaleString('en-US')} a document may have, which is data, not paragraphs (split it)`;
  if (!linesOnly && longest > MAX_LINE_CHARS)
    return `skipped ${shown(source)}: it has a line of ${longest.toLocaleString('en-US')} characters, which is data, not paragraphs (break it into lines)`;
  return undefined;
}

/** Parses aliases.txt: one group per line, terms separated by commas; `#` after a space starts a comment (so `C#` is a term). */
export function parseAliases(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .map((line) =>
      line
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .filter((group) => group.length >= 2);
}

/**
 * Whether a document is read by the Markdown reader (`.md`, `.markdown`, `.mdx`, and `.rst` and
 * `.html` once converted), by its extension; else plain text.
 */
function isMarkdown(source: string): boolean {
  const extension = path.extname(source).toLowerCase();
  return (
    MARKDOWN_EXTENSIONS.has(extension) || RST_EXTENSIONS.has(extension) || HTML_EXTENSIONS.has(extension)
  );
}

/** Whether a file name is a document's (or aliases.txt), by its extension. */
export function isDocumentName(name: string): boolean {
  const extension = path.extname(name).toLowerCase();
  return EXTENSIONS.has(extension) || (extension === '' && BARE_NAMES.has(name.toLowerCase()));
}

/** The warning naming the files of document formats not read, if any. */
function unreadWarning(sources: readonly string[]): string[] {
  if (sources.length === 0) return [];
  const formats = [...new Set(sources.map((s) => UNREAD_FORMATS[path.extname(s).toLowerCase()]))];
  const named = sources.slice(0, UNREAD_NAMED).map(shown).join(', ');
  const more =
    sources.length > UNREAD_NAMED
      ? ` and ${(sources.length - UNREAD_NAMED).toLocaleString('en-US')} more`
      : '';
  const files = sources.length === 1 ? 'file' : `${sources.length.toLocaleString('en-US')} files`;
  return [
    `skipped ${files} in formats not read (${formats.join(', ')}): ${named}${more}; save ${sources.length === 1 ? 'it' : 'them'} as Markdown (.md), text (.txt), reStructuredText (.rst) or HTML (.html) for the bot to read ${sources.length === 1 ? 'it' : 'them'}`,
  ];
}

/** Whether a folder's name is that of installed packages (`node_modules`), which is never read. */
export function isPackagesFolder(name: string): boolean {
  return name === 'node_modules';
}

/** Whether `file` (a real path) is `root` or inside it. */
function inside(root: string, file: string): boolean {
  const r = path.relative(root, file);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

/** Whether `file` (a real path inside `root`) is hidden or in a hidden folder there (`.env`, `.private/a.md`). */
function hiddenInside(root: string, file: string): boolean {
  return path
    .relative(root, file)
    .split(path.sep)
    .some((part) => part.startsWith('.') && part !== '..');
}

const HIDDEN_LINK = 'it is a link to a hidden file or folder, which is never read';

/** A listed document file: its path, its real path, and whether it is in an Obsidian vault. */
interface Listed {
  full: string;
  real: string;
  vault?: true;
}

/** The settings folder that makes a folder an Obsidian vault (see parse/comments.ts). */
const OBSIDIAN_FOLDER = '.obsidian';

/**
 * Every document file under the folder, as real paths inside it. Nothing outside the folder's
 * real path is ever listed: a link that resolves outside it is skipped with a warning (a link
 * inside it is followed). Hidden files and folders (`.env`, `.notes/`) are never read; those
 * that could hold documents are named in a warning; nor is a `node_modules` folder (named in a
 * warning). A folder reached twice is read once.
 */
async function listFiles(root: string, warnings: string[], failures: SeedFailure[]): Promise<Listed[]> {
  /** A problem a later read may not have (a file being rewritten, a permission being fixed). */
  const failed = (line: string, full: string) => {
    warnings.push(line);
    failures.push({ line, source: rel(root, full) });
  };
  const found: Listed[] = [];
  const unread: string[] = [];
  const rootReal = await realpath(root);
  const seen = new Set<string>();
  // Whether a real folder is in an Obsidian vault: it or a folder above it (above the seeds
  // folder too: SEEDS_DIR may be a vault's public part) holds `.obsidian` (a folder, or a link to
  // one). Only that name is looked at up there, with stat; nothing above is listed or read.
  const vaults = new Map<string, Promise<boolean>>();
  const inVault = (dir: string): Promise<boolean> => {
    let known = vaults.get(dir);
    if (!known) {
      known = (async () => {
        try {
          if ((await stat(path.join(dir, OBSIDIAN_FOLDER))).isDirectory()) return true;
        } catch {
          // None, or not readable: no vault here.
        }
        const parent = path.dirname(dir);
        return parent !== dir && inVault(parent);
      })();
      vaults.set(dir, known);
    }
    return known;
  };
  const walk = async (dir: string, real: string): Promise<void> => {
    if (seen.has(real)) {
      warnings.push(`skipped folder ${shown(rel(root, dir))}: it links back to a folder already read`);
      return;
    }
    seen.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch (error) {
      failed(`skipped folder ${shown(rel(root, dir))}: ${reason(error)}`, dir);
      return;
    }
    entries.sort((a, b) => compare(a.name, b.name));
    // An Obsidian vault: its settings folder (never read) says how its notes are written.
    const vault = await inVault(real);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.name.startsWith('.')) {
        const worthSaying =
          (entry.isDirectory() && entry.name !== '.git' && entry.name !== OBSIDIAN_FOLDER) ||
          isDocumentName(entry.name) ||
          /^\.env/i.test(entry.name);
        if (worthSaying)
          warnings.push(`skipped ${shown(rel(root, full))}: hidden files and folders are never read`);
        continue;
      }
      let target = path.join(real, entry.name);
      // A name in another encoding than UTF-8 (from an archive made on Windows) reads with U+FFFD
      // in place of its odd bytes, a name no file has: it cannot be opened by it.
      if (entry.name.includes('\uFFFD') && !(await exists(target))) {
        warnings.push(`skipped ${shown(rel(root, full))}: its name is not UTF-8 (rename it)`);
        continue;
      }
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const relevant = () => isDocumentName(entry.name) || path.extname(entry.name) === '';
        try {
          target = await realpath(target);
        } catch (error) {
          if (relevant()) failed(`skipped ${shown(rel(root, full))}: ${reason(error)}`, full);
          continue;
        }
        if (!inside(rootReal, target)) {
          if (relevant())
            warnings.push(
              `skipped ${shown(rel(root, full))}: it is a link to outside the seeds folder, which is never read`,
            );
          continue;
        }
        // A link must not make readable what its own name would not be: `notes.txt -> .env`.
        if (hiddenInside(rootReal, target)) {
          if (relevant()) warnings.push(`skipped ${shown(rel(root, full))}: ${HIDDEN_LINK}`);
          continue;
        }
        try {
          const s = await stat(target);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch (error) {
          if (relevant()) failed(`skipped ${shown(rel(root, full))}: ${reason(error)}`, full);
          continue;
        }
      }
      if (isDir && (isPackagesFolder(entry.name) || isPackagesFolder(path.basename(target)))) {
        // Installed packages' READMEs are not the folder's documents (SEEDS_DIR at a project's root).
        warnings.push(
          `skipped folder ${shown(rel(root, full))}: a folder of installed packages is never read (point SEEDS_DIR at the documents)`,
        );
        continue;
      }
      if (isDir) await walk(full, target);
      else if (!isFile && isDocumentName(entry.name))
        warnings.push(
          `skipped ${shown(rel(root, full))}: it is not a regular file (a named pipe, a socket or a device), which is never read`,
        );
      else if (isFile && isDocumentName(entry.name)) {
        // A link to a vault's note is that note, wherever the link is.
        const note =
          vault || (target !== path.join(real, entry.name) && (await inVault(path.dirname(target))));
        found.push(note ? { full, real: target, vault: true } : { full, real: target });
      } else if (isFile && path.extname(entry.name).toLowerCase() in UNREAD_FORMATS)
        unread.push(rel(root, full));
    }
  };
  await walk(root, rootReal);
  warnings.push(...unreadWarning(unread.sort(compare)));
  return found.sort((a, b) => compare(rel(root, a.full), rel(root, b.full)));
}

/**
 * Reads one listed file: opened without following a link at the last step, checked to be a
 * regular file of at most MAX_FILE_BYTES before anything is read (a huge file is never loaded).
 */
async function readDocumentFile(real: string, rootReal: string): Promise<Buffer | { problem: string }> {
  // The link check again, at read time: the folder may have changed since it was listed.
  const checked = await insidePath(real, rootReal);
  if (typeof checked !== 'string') return checked;
  const handle = await open(checked, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const s = await handle.stat();
    if (!s.isFile()) return { problem: 'it is not a regular file' };
    // O_NOFOLLOW guards the last step only: a folder on the way may have been swapped for a link
    // to outside between the check and the open. Where the file opened is, the kernel says.
    // Not read, and a failure (not a file skipped by rule): a reload keeps the documents it has.
    const opened = await openedPath(handle.fd, real, s);
    if (!inside(rootReal, opened) || hiddenInside(rootReal, opened))
      throw new Error('it moved out of the seeds folder (or into a hidden folder) while it was read');
    if (s.size > MAX_FILE_BYTES) return { problem: tooLarge(s.size) };
    const bytes = await handle.readFile();
    return bytes.length > MAX_FILE_BYTES ? { problem: tooLarge(bytes.length) } : bytes;
  } finally {
    await handle.close();
  }
}

/**
 * The path of the file an open descriptor reads, as the kernel has it (Linux: the link
 * /proc/self/fd/N), whatever links or renames its path went through. A file replaced or deleted
 * since it was opened (an editor saving by renaming a new file over it) reads `… (deleted)`:
 * still the path it had, so still inside the folder if it was, and what is read is its old
 * version. Without /proc: the path as resolved again after the open, which must name the file
 * opened; if it does not (the file was replaced meanwhile, or a folder on its path swapped),
 * the read fails, so a reload keeps the documents it has and the next one reads it again.
 */
async function openedPath(fd: number, real: string, opened: { dev: number; ino: number }): Promise<string> {
  let where: string | undefined;
  try {
    where = await readlink(`/proc/self/fd/${fd}`);
  } catch {}
  if (where !== undefined && path.isAbsolute(where)) return where;
  const again = await realpath(real);
  const named = await stat(again);
  if (named.dev !== opened.dev || named.ino !== opened.ino)
    throw new Error('it changed while it was read (replaced, or a folder on its path swapped)');
  return again;
}

/** Where a listed file's path leads now, when that is inside the folder and not hidden; else why not. */
async function insidePath(real: string, rootReal: string): Promise<string | { problem: string }> {
  const now = await realpath(real);
  if (!inside(rootReal, now))
    return { problem: 'it is a link to outside the seeds folder, which is never read' };
  if (hiddenInside(rootReal, now)) return { problem: HIDDEN_LINK };
  return now;
}

const tooLarge = (bytes: number) =>
  `it is ${(bytes / 1048576).toFixed(0)} MB, over the ${MAX_FILE_BYTES / 1048576} MB a document may have (split it)`;

/**
 * A path as it may be shown in a warning or a log: as is when plain, else quoted with its
 * control characters escaped (a file name cannot add a line to a log).
 */
export function shown(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"]/.test(name)
    ? JSON.stringify(name).replace(
        /[\u007f-\u009f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      )
    : name;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Whether something (a file, a folder, a link even broken) is at this path. */
const exists = (file: string): Promise<boolean> =>
  lstat(file).then(
    () => true,
    () => false,
  );

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/') || '.';
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied (make it readable)';
  if (code === 'ENOENT') return 'it disappeared while being read (or is a broken link)';
  if (code === 'ELOOP') return 'it is a symbolic link loop';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}

/** Checks the seeds folder exists and is a folder, with a message saying what to do. */
export async function checkSeedsDir(dir: string): Promise<string> {
  const root = path.resolve(dir);
  let s: import('node:fs').Stats;
  try {
    s = await stat(root);
  } catch {
    throw new CoreError(
      'SEEDS_MISSING',
      `seeds folder ${dir} does not exist: create it and put .txt, .md, .rst or .html files in it, or point SEEDS_DIR (or --seeds) at your documents`,
    );
  }
  if (!s.isDirectory()) {
    throw new CoreError(
      'SEEDS_NOT_A_FOLDER',
      `seeds folder ${dir} is a file, not a folder: point SEEDS_DIR (or --seeds) at the folder holding your documents`,
    );
  }
  return root;
}

/** The seeds folder's files as bytes, before parsing (what a snapshot's key is made from). */
export interface SeedBytes {
  dir: string;
  root: string;
  /** Each file's bytes and content hash (see contentHash), and whether it is in an Obsidian vault. */
  files: { source: string; bytes: Buffer; hash: string; vault?: true }[];
  /** Files and folders skipped, one line each. */
  warnings: string[];
  /** Those of the warnings that a later read may not have (unreadable, vanished, broken link). */
  failures: SeedFailure[];
}

/** A file, folder or link that could not be read now: its warning, and its path in the folder ('.': the folder). */
export interface SeedFailure {
  line: string;
  source: string;
}

/** Files read at once by readSeeds. */
const READS_IN_FLIGHT = 8;

/**
 * Lists and reads every document (and aliases.txt) under the folder. `read` hears the size of
 * each file read, as it is read.
 */
/**
 * The listed files, each file once: one reached by several paths (links to it, hard links) is
 * read under its own path when one is listed, else the first, and the others are named in a
 * warning. Sixty links to a 4.5 MB file made sixty documents of it: 108 s and 4.4 GB to build.
 */
async function onePathPerFile(
  listed: Listed[],
  root: string,
  rootReal: string,
  warnings: string[],
): Promise<Listed[]> {
  const ids: (string | undefined)[] = new Array(listed.length);
  let next = 0;
  const identify = async () => {
    while (next < listed.length) {
      const i = next++;
      try {
        // As big integers: an NTFS file id past 2^53 loses precision as a number.
        const s = await stat((listed[i] as { real: string }).real, { bigint: true });
        ids[i] = `${s.dev}:${s.ino}`;
      } catch {
        // Unreadable now: the read says why.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, listed.length) }, identify));
  const byFile = new Map<string, number[]>();
  listed.forEach((_, i) => {
    const id = ids[i];
    if (id === undefined) return;
    const paths = byFile.get(id);
    if (paths) paths.push(i);
    else byFile.set(id, [i]);
  });
  const dropped = new Set<number>();
  for (const paths of byFile.values()) {
    if (paths.length < 2) continue;
    const own = (i: number) => {
      const f = listed[i] as { full: string; real: string };
      return f.real === path.join(rootReal, rel(root, f.full));
    };
    const kept = paths.find(own) ?? (paths[0] as number);
    const keptName = rel(root, (listed[kept] as { full: string }).full);
    for (const i of paths) {
      if (i === kept) continue;
      dropped.add(i);
      warnings.push(
        `skipped ${shown(rel(root, (listed[i] as { full: string }).full))}: it is the same file as ${shown(keptName)} (a link to it), which is read once`,
      );
    }
  }
  return dropped.size === 0 ? listed : listed.filter((_, i) => !dropped.has(i));
}

export async function readSeeds(dir: string, read?: (bytes: number) => void): Promise<SeedBytes> {
  const root = await checkSeedsDir(dir);
  const warnings: string[] = [];
  const failures: SeedFailure[] = [];
  const files: SeedBytes['files'] = [];
  const rootReal = await realpath(root);
  const listed = await onePathPerFile(await listFiles(root, warnings, failures), root, rootReal, warnings);
  // Several files in flight (each read is a few system calls that wait on the disk or the
  // thread pool), the outcomes kept in listing order.
  const outcomes: (Buffer | { problem: string } | { error: unknown })[] = new Array(listed.length);
  let next = 0;
  const reader = async () => {
    while (next < listed.length) {
      const i = next++;
      try {
        const outcome = await readDocumentFile((listed[i] as { real: string }).real, rootReal);
        outcomes[i] = outcome;
        if (read && outcome instanceof Buffer) read(outcome.length);
      } catch (error) {
        outcomes[i] = { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, listed.length) }, reader));
  listed.forEach(({ full, vault = false }, i) => {
    const source = rel(root, full);
    const read = outcomes[i] as Buffer | { problem: string } | { error: unknown };
    if ('error' in read) {
      const line = `skipped ${shown(source)}: ${reason(read.error)}`;
      warnings.push(line);
      failures.push({ line, source });
    } else if ('problem' in read) warnings.push(`skipped ${shown(source)}: ${read.problem}`);
    else
      files.push({
        source,
        bytes: read,
        hash: contentHash(read, vault),
        ...(vault ? { vault: true as const } : {}),
      });
  });
  await prepareReaders(files.map((f) => f.source));
  return { dir, root, files, warnings, failures };
}

/** Decodes and parses read files. Throws CoreError when there is nothing to serve. */
export function parseSeeds(read: SeedBytes): Corpus {
  return runSteps(parseSteps(read));
}

/** parseSeeds(), pausing between files so a server keeps answering during a reload. */
export function parseSeedsAsync(read: SeedBytes): Promise<Corpus> {
  return runStepsAsync(parseSteps(read));
}

/** What one read file is: a document, the aliases, or skipped (with why). */
export type ParsedFile =
  | { kind: 'document'; file: SourceFile }
  | { kind: 'aliases'; aliases: string[][]; warnings: string[] }
  | { kind: 'skipped'; warning: string };

/**
 * The content hash of a file's bytes (DocumentInfo.hash is its first 16 characters); another
 * for the same bytes in an Obsidian vault, which read otherwise (its comments are hidden).
 */
export function contentHash(bytes: Uint8Array, vault = false): string {
  const h = createHash('sha1');
  if (vault) h.update('obsidian\0');
  return h.update(bytes).digest('hex');
}

/** Decodes and parses one read file. */
export function parseFile(
  source: string,
  bytes: Uint8Array,
  hash = contentHash(bytes),
  vault = false,
): ParsedFile {
  if (bytes.length > MAX_FILE_BYTES)
    return { kind: 'skipped', warning: `skipped ${shown(source)}: ${tooLarge(bytes.length)}` };
  const extension = path.extname(source).toLowerCase();
  const html = HTML_EXTENSIONS.has(extension);
  const decoded = decodeText(bytes, { html });
  if ('problem' in decoded)
    return { kind: 'skipped', warning: `skipped ${shown(source)}: ${decoded.problem}` };
  // An inline image of a Markdown or reStructuredText page is no text; an HTML page's lines are those of its text,
  // once read (a minified page is one line of markup), checked below.
  const raw =
    MARKDOWN_EXTENSIONS.has(extension) || RST_EXTENSIONS.has(extension)
      ? withoutDataPayloads(decoded.text)
      : decoded.text;
  const problem = dataProblem(source, raw, html);
  if (problem) return { kind: 'skipped', warning: problem };
  if (source === ALIASES_FILE) {
    const warnings: string[] = [];
    let aliases = parseAliases(decoded.text);
    if (aliases.length > MAX_ALIAS_GROUPS) {
      warnings.push(
        `${ALIASES_FILE}: it has ${aliases.length.toLocaleString('en-US')} groups; only the first ${MAX_ALIAS_GROUPS.toLocaleString('en-US')} are used`,
      );
      aliases = aliases.slice(0, MAX_ALIAS_GROUPS);
    }
    const long = aliases.filter((g) => g.length > MAX_ALIAS_TERMS).length;
    if (long > 0) {
      warnings.push(
        `${ALIASES_FILE}: ${long} group${long === 1 ? ' has' : 's have'} more than ${MAX_ALIAS_TERMS} terms; only the first ${MAX_ALIAS_TERMS} of each are used`,
      );
      aliases = aliases.map((g) => g.slice(0, MAX_ALIAS_TERMS));
    }
    return { kind: 'aliases', aliases, warnings };
  }
  if (html && !htmlReader)
    throw new Error(`seedbot: ${source} is an HTML page and prepareReaders has not loaded the HTML reader`);
  let text = raw;
  let markdown = isMarkdown(source);
  try {
    if (RST_EXTENSIONS.has(extension)) text = rstToMarkdown(text);
    else if (html && htmlReader) {
      const page = htmlReader.readHtml(text);
      if (page.redirect !== undefined)
        return {
          kind: 'skipped',
          warning: `skipped ${shown(source)}: it only redirects${page.redirect ? ` to ${shown(page.redirect)}` : ''}`,
        };
      text = page.markdown;
      const data = dataProblem(source, text);
      if (data) return { kind: 'skipped', warning: data };
    }
    // A conversion that grows the text far past the file (a limit missed) is not trusted.
    if (text.length > MAX_EXPANSION.factor * decoded.text.length + MAX_EXPANSION.slack)
      throw new Error('expanded');
  } catch {
    // A conversion that fails (a limit of the engine on an extreme file) loses nothing: the
    // file is read as plain text, tags and markup included.
    markdown = false;
    text = raw;
    // Read as it is, an HTML page's markup is held to the limits of any text.
    const data = html ? dataProblem(source, raw) : undefined;
    if (data) return { kind: 'skipped', warning: data };
  }
  const { draft, ...doc } = parseDocument(text, markdown, path.basename(source), vault);
  // An unpublished page (unreleased plans, an unfinished answer) is not served before its site does.
  if (draft)
    return {
      kind: 'skipped',
      warning: `skipped ${shown(source)}: its front matter marks it unpublished (${draft}); remove that to serve it`,
    };
  if (!doc.paragraphs.some((p) => p.kind !== 'title'))
    return { kind: 'skipped', warning: `skipped ${shown(source)}: it has no text` };
  return { kind: 'document', file: { ...doc, source, bytes: bytes.length, hash: hash.slice(0, 16) } };
}

/** Skipped files named in the error of a folder with nothing to serve (the rest counted). */
const SKIPS_NAMED = 5;

/** The error when a folder has nothing to serve. */
export function emptySeeds(dir: string, warnings: readonly string[]): CoreError {
  // Each warning says "skipped …" on its own; here they follow one "skipped:" (a warning may
  // stand for several files: "skipped 3 files in formats not read…").
  const named = warnings.slice(0, SKIPS_NAMED).map((w) => w.replace(/^skipped /, ''));
  const more = warnings.length - named.length;
  if (more > 0) named.push(`${more.toLocaleString('en-US')} more`);
  return new CoreError(
    'SEEDS_EMPTY',
    `seeds folder ${dir} has no readable .txt, .md, .rst or .html documents${named.length ? ` (skipped: ${named.join('; ')})` : ''}: add some`,
  );
}

function* parseSteps(read: SeedBytes): Generator<void, Corpus> {
  const warnings = [...read.warnings];
  const files: SourceFile[] = [];
  let aliases: string[][] = [];
  for (const [n, { source, bytes, hash, vault }] of read.files.entries()) {
    if (n % 25 === 24) yield;
    const parsed = parseFile(source, bytes, hash, vault);
    if (parsed.kind === 'skipped') warnings.push(parsed.warning);
    else if (parsed.kind === 'aliases') {
      aliases = parsed.aliases;
      warnings.push(...parsed.warnings);
    } else files.push(parsed.file);
  }
  if (files.length === 0) throw emptySeeds(read.dir, warnings);
  return { root: read.root, files, aliases, warnings };
}

/** Reads the whole corpus. Throws CoreError when there is nothing to serve. */
export async function loadCorpus(dir: string): Promise<Corpus> {
  return parseSeeds(await readSeeds(dir));
}
