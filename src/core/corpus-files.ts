/**
 * Which files of the seeds folder are documents: their extensions, the names a project gives
 * text files without one, the formats not read (named in one warning) and the folder of
 * installed packages, never read; the limits a document is held to; which reader reads a file
 * (the HTML reader loaded only when a folder holds a page); how a path is shown in a warning.
 */
import path from 'node:path';

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
export const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdx', '.mkd', '.mkdn', '.mdown']);
/** reStructuredText (Sphinx documentation): converted to Markdown, then read as Markdown. */
export const RST_EXTENSIONS = new Set(['.rst', '.rest']);
/** HTML pages: their content converted to Markdown, then read as Markdown. */
export const HTML_EXTENSIONS = new Set(['.html', '.htm']);
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
export const UNREAD_FORMATS: Record<string, string> = {
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

/**
 * The HTML reader, loaded when a folder first holds an HTML page: its parser and entity tables
 * cost about 10 MB in every thread that loads them, which a folder of Markdown never pays.
 */
export let htmlReader: typeof import('./parse/html.js') | undefined;

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
 * Whether a document is read by the Markdown reader (`.md`, `.markdown`, `.mdx`, and `.rst` and
 * `.html` once converted), by its extension; else plain text.
 */
export function isMarkdown(source: string): boolean {
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
export function unreadWarning(sources: readonly string[]): string[] {
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

export const tooLarge = (bytes: number) =>
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
