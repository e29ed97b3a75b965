/**
 * Reads the seeds folder: every `.txt`, `.md` (`.markdown`, `.mdx`), `.rst` and `.html` file under
 * it, recursively, in sorted order, and text files a project names without an extension
 * (`README`, `FAQ`). Files in other document formats (`.adoc`, `.pdf`) are named in one warning.
 * A file that cannot be used (unreadable, binary, not UTF-8, empty) is skipped with a warning
 * naming it; the rest are served. `aliases.txt` at the top of the folder holds aliases, not a
 * document. Which files are documents and the limits are corpus-files.ts's, the folder's
 * listing corpus-list.ts's, reading it safely corpus-read.ts's, bytes to text corpus-text.ts's;
 * this file parses what was read.
 */
import path from 'node:path';
import {
  ALIASES_FILE,
  HTML_EXTENSIONS,
  htmlReader,
  isMarkdown,
  MARKDOWN_EXTENSIONS,
  MAX_ALIAS_GROUPS,
  MAX_ALIAS_TERMS,
  MAX_FILE_BYTES,
  RST_EXTENSIONS,
  shown,
  tooLarge,
} from './corpus-files.js';
import { contentHash, readSeeds, type SeedBytes } from './corpus-read.js';
import { dataProblem, decodeText, withoutDataPayloads } from './corpus-text.js';
import { CoreError } from './errors.js';
import { rstToMarkdown } from './parse/rst.js';
import { type ParsedDocument, parseDocument } from './passages.js';
import { runSteps, runStepsAsync } from './steps.js';

export {
  ALIASES_FILE,
  isDocumentName,
  isPackagesFolder,
  MAX_ALIAS_GROUPS,
  MAX_ALIAS_TERMS,
  MAX_FILE_BYTES,
  MAX_LINE_CHARS,
  MAX_LINES,
  prepareReaders,
  shown,
} from './corpus-files.js';
export type { SeedFailure } from './corpus-list.js';
export { checkSeedsDir, contentHash, readSeeds, type SeedBytes } from './corpus-read.js';
export { decodeText, withoutDataPayloads } from './corpus-text.js';

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

/**
 * How much longer than the file its Markdown may be before the file is read as plain text.
 * Mutable for tests (a test that changes it puts it back).
 */
export const MAX_EXPANSION = { factor: 8, slack: 200_000 };

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
