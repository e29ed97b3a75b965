import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Corpus, decodeText, loadCorpus, MAX_EXPANSION, parseAliases } from '../../src/core/corpus.js';
import { Engine } from '../../src/core/engine.js';
import { CoreError, isCoreError } from '../../src/core/errors.js';

const SEEDS = path.resolve(import.meta.dirname, '../../seeds');
const isRoot = process.getuid?.() === 0;

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbot-corpus-'));
});

afterEach(() => {
  // Restore permissions first so that everything can be removed.
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isSymbolicLink()) fs.chmodSync(path.join(entry.parentPath, entry.name), 0o755);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes files (relative path → content) under the temp folder. */
function write(files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}

const sources = (corpus: Corpus): string[] => corpus.files.map((f) => f.source);

/** The error a promise rejects with, failing the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<CoreError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    return error as CoreError;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms)),
  ]);

describe('decodeText', () => {
  it('decodes UTF-8 text, accents and all', () => {
    expect(decodeText(new TextEncoder().encode('Fran\u00e7ois Hollande \u2014 \u201Cquoted\u201D'))).toEqual({
      text: 'Fran\u00e7ois Hollande \u2014 \u201Cquoted\u201D',
    });
  });

  it('drops a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Hello')]);
    expect(decodeText(bytes)).toEqual({ text: 'Hello' });
  });

  it('decodes an empty file to empty text', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '' });
  });

  it('says a file with NUL bytes looks binary', () => {
    const result = decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]));
    expect(result).toHaveProperty('problem');
    expect('problem' in result && result.problem).toMatch(/binary/);
    // Past the first 8 KB too.
    const late = new TextEncoder().encode(`${'Plain text. '.repeat(1000)}\0 walrus`);
    expect(decodeText(late)).toEqual({ problem: 'it looks binary (it contains NUL bytes)' });
  });

  it('says invalid UTF-8 is not UTF-8 and how to fix it', () => {
    // "café" in Latin-1: 0xE9 is not valid UTF-8 on its own.
    const result = decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]));
    expect(result).toEqual({ problem: 'it is not valid UTF-8 text (save it as UTF-8)' });
  });

  it('never guesses a legacy encoding: text in any of them is skipped, not served garbled', () => {
    // "Привет, мир! Это тест." in windows-1251: as windows-1252 it would read "Ïðèâåò, ìèð!".
    const russian = Buffer.from([
      0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0, 0x21, 0x20, 0xdd, 0xf2, 0xee, 0x20,
      0xf2, 0xe5, 0xf1, 0xf2, 0x2e,
    ]);
    // "日本語のテキスト" in Shift_JIS.
    const japanese = Buffer.from([
      0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x83, 0x65, 0x83, 0x4c, 0x83, 0x58, 0x83, 0x67,
    ]);
    // UTF-8 with one stray windows-1252 byte: read byte by byte, every é would become "Ã©".
    const mixed = Buffer.concat([Buffer.from('Le café est ouvert ', 'utf8'), Buffer.from([0xe9, 0x0a])]);
    // "Zażółć gęślą jaźń" in windows-1250: as windows-1252 it would read "Za¿ó³æ gêœl¹ jaŸñ".
    const polish = Buffer.from([
      0x5a, 0x61, 0xbf, 0xf3, 0xb3, 0xe6, 0x20, 0x67, 0xea, 0x9c, 0x6c, 0xb9, 0x20, 0x6a, 0x61, 0x9f, 0xf1,
    ]);
    for (const bytes of [russian, japanese, mixed, polish])
      expect(decodeText(bytes)).toEqual({ problem: 'it is not valid UTF-8 text (save it as UTF-8)' });
  });
});

describe('parseAliases', () => {
  it('reads one group per line, terms separated by commas and trimmed', () => {
    expect(parseAliases('ISIS, ISIL ,Daesh\nUS,United States')).toEqual([
      ['ISIS', 'ISIL', 'Daesh'],
      ['US', 'United States'],
    ]);
  });

  it('ignores comment lines and trailing comments after #', () => {
    const text =
      '# Aliases: one group per line\nUN, United Nations # the organisation\n  # indented comment\n';
    expect(parseAliases(text)).toEqual([['UN', 'United Nations']]);
  });

  it('drops groups with fewer than two terms, blank lines and empty terms', () => {
    expect(parseAliases('lonely\n\n, ,\nRussia, , Russian Federation,\nsolo, # other')).toEqual([
      ['Russia', 'Russian Federation'],
    ]);
  });

  it('handles CRLF line endings', () => {
    expect(parseAliases('a, b\r\nc, d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('returns no groups for empty text', () => {
    expect(parseAliases('')).toEqual([]);
  });
});

describe('CoreError', () => {
  it('is an Error with a code and a message starting with seedbot:', () => {
    const error = new CoreError('SEEDS_EMPTY', 'nothing here');
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('SEEDS_EMPTY');
    expect(error.name).toBe('CoreError');
    expect(error.message).toBe('seedbot: nothing here');
    expect(isCoreError(error)).toBe(true);
    expect(isCoreError(new Error('seedbot: other'))).toBe(false);
    expect(isCoreError('SEEDS_EMPTY')).toBe(false);
  });
});

describe('loadCorpus: which files are read', () => {
  it('reads .txt and .md files recursively in sorted order with / separated sources', async () => {
    write({
      'zeta.txt': 'Zeta\n\nThe last file.',
      'alpha.txt': 'Alpha\n\nThe first file.',
      'guides/setup.md': '# Setup\n\nRun the installer.',
      'guides/deep/notes.txt': 'Notes\n\nDeep inside.',
      'faq.md': '# FAQ\n\nQuestions.',
    });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual([
      'alpha.txt',
      'faq.md',
      'guides/deep/notes.txt',
      'guides/setup.md',
      'zeta.txt',
    ]);
    expect(corpus.warnings).toEqual([]);
    expect(corpus.root).toBe(path.resolve(dir));
    expect(corpus.aliases).toEqual([]);
  });

  it('reads README and FAQ files without an extension as text, and other Markdown extensions', async () => {
    write({
      'docs/FAQ': 'How do I reset my password?\n\n   Open the portal and press Reset.\n',
      README: 'Harbour bot\n\nAnswers questions about the harbour.\n',
      'notes.text': 'Notes\n\nThe pier closes on Sundays.\n',
      'rules.mkd': '# Rules\n\n## Mooring\n\nMoor at the east quay.\n',
      'guide.mdown': '# Guide\n\nThe ferry leaves at noon.\n',
      // Passed over without a word: not documents.
      Makefile: 'all:\n\techo hi\n',
      'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      'data.json': '{"a": 1}',
    });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['README', 'docs/FAQ', 'guide.mdown', 'notes.text', 'rules.mkd']);
    expect(corpus.warnings).toEqual([]);
    const rules = corpus.files.find((f) => f.source === 'rules.mkd');
    expect(rules?.paragraphs.find((p) => p.text.includes('east quay'))?.section).toEqual(['Mooring']);
  });

  it('names the files of document formats it does not read in one warning, with what to do', async () => {
    write({
      'guide.md': '# Guide\n\nThe ferry leaves at noon.\n',
      'handbook.pdf': '%PDF-1.7 …',
      'manual/setup.adoc': '= Setup\n\n== Install\n\nRun the installer.\n',
      'notes.org': '* Notes\nThe pier closes on Sundays.\n',
    });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['guide.md']);
    expect(corpus.warnings).toEqual([
      'skipped 3 files in formats not read (PDF, AsciiDoc, Org): handbook.pdf, manual/setup.adoc, notes.org; save them as Markdown (.md), text (.txt), reStructuredText (.rst) or HTML (.html) for the bot to read them',
    ]);
    // Many: five named, the rest counted.
    write(Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`scans/page-${i}.pdf`, 'x'])));
    const many = await loadCorpus(dir);
    expect(many.warnings).toHaveLength(1);
    expect(many.warnings[0]).toMatch(
      /^skipped 10 files in formats not read \(PDF, AsciiDoc, Org\): handbook\.pdf, manual\/setup\.adoc, notes\.org, scans\/page-0\.pdf, scans\/page-1\.pdf and 5 more; save them as/,
    );
    // A folder of only those: the error says why nothing is served.
    fs.rmSync(path.join(dir, 'guide.md'));
    const error = await rejection(loadCorpus(dir));
    expect(error.message).toContain('formats not read');
  });

  it('parses each file: .md with Markdown rules, .txt as plain text', async () => {
    const md = '---\ntitle: Setup Guide\nurl: https://example.com/setup\n---\n\n## Install\n\nRun it.';
    const txt = 'Club Rules\n\nBe kind.';
    write({ 'setup.md': md, 'rules.txt': txt, 'raw.txt': md });
    const corpus = await loadCorpus(dir);
    const byName = new Map(corpus.files.map((f) => [f.source, f]));
    expect(byName.get('setup.md')).toMatchObject({ title: 'Setup Guide', url: 'https://example.com/setup' });
    expect(byName.get('setup.md')?.paragraphs).toEqual([
      { number: 1, text: 'Install', kind: 'heading' },
      { number: 2, text: 'Run it.', kind: 'text', section: ['Install'], anchor: 'install' },
    ]);
    expect(byName.get('rules.txt')).toMatchObject({ title: 'Club Rules', explicitTitle: true });
    // The same front matter in a .txt file is not read as front matter.
    expect(byName.get('raw.txt')?.url).toBeUndefined();
    expect(byName.get('raw.txt')?.title).not.toBe('Setup Guide');
  });

  it('reads a page whose conversion is not trusted as plain text, passages and all', async () => {
    const page = (n: number) =>
      `<html><body>\n\n<p>Ferry times for pier ${n}.</p>\n\n<p>The ferry leaves pier ${n} at noon.</p>\n\n<p>Tickets are sold at pier ${n}.</p>\n\n</body></html>\n`;
    write({ 'a.html': page(1), 'b.html': page(2), 'c.html': page(3) });
    const saved = { ...MAX_EXPANSION };
    try {
      // Every conversion now grows "too much": each page falls back to its plain text.
      Object.assign(MAX_EXPANSION, { factor: 0, slack: 0 });
      const corpus = await loadCorpus(dir);
      expect(corpus.files.map((f) => f.markdown)).toEqual([false, false, false]);
      // Its paragraphs are passages of their own, as in any plain-text file, not one section.
      const top = Engine.create(corpus).answer('when does the ferry leave pier 2?').results[0];
      expect(top?.source).toBe('b.html');
      expect(top?.text).toBe('<p>The ferry leaves pier 2 at noon.</p>');
    } finally {
      Object.assign(MAX_EXPANSION, saved);
    }
    expect((await loadCorpus(dir)).files.map((f) => f.markdown)).toEqual([true, true, true]);
  });

  it('reads .mdx files as Markdown, their imports and components left out', async () => {
    write({
      'docs/intro.mdx':
        "---\ntitle: Intro\n---\n\nimport Tabs from '@theme/Tabs';\n\n## Install\n\n<Tabs>\n\nRun the installer.\n\n</Tabs>\n",
      'other.txt': 'Other\n\nText.',
    });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['docs/intro.mdx', 'other.txt']);
    expect(corpus.files[0]).toMatchObject({ title: 'Intro' });
    expect(corpus.files[0]?.paragraphs.map((p) => [p.text, p.section])).toEqual([
      ['Install', undefined],
      ['Run the installer.', ['Install']],
    ]);
  });

  it('records the size in bytes of each file', async () => {
    write({ 'caf\u00e9.txt': 'Caf\u00e9 menu\n\nCoffee and cake.' });
    const corpus = await loadCorpus(dir);
    expect(corpus.files[0]?.source).toBe('caf\u00e9.txt');
    expect(corpus.files[0]?.bytes).toBe(Buffer.byteLength('Caf\u00e9 menu\n\nCoffee and cake.'));
  });

  it('ignores other extensions, dot-folders and dot-files, naming the hidden ones that could hold documents', async () => {
    write({
      'keep.txt': 'Kept document with text.',
      'image.png': 'not really a png',
      'data.json': '{"a": 1}',
      'notes.txt.bak': 'Backup of notes.',
      Makefile: 'No extension, and no document name.',
      '.git/HEAD.txt': 'Inside a dot folder.',
      '.hidden/secret.md': '# Secret\n\nHidden.',
      'sub/.draft.txt': 'A hidden draft.',
    });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['keep.txt']);
    expect(corpus.warnings).toEqual([
      'skipped .hidden: hidden files and folders are never read',
      'skipped sub/.draft.txt: hidden files and folders are never read',
    ]);
  });

  it('reads an uppercase extension too', async () => {
    write({ 'SHOUT.TXT': 'Loud\n\nText in capitals.', 'Guide.MD': '# Guide\n\nText.' });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus).sort()).toEqual(['Guide.MD', 'SHOUT.TXT']);
  });
});

describe('loadCorpus: aliases.txt', () => {
  it('reads the top-level aliases.txt as aliases, not as a document', async () => {
    write({
      'aliases.txt': '# Aliases\nISIS, ISIL, Daesh\nUS, United States # country\nlonely\n',
      'news.txt': 'News\n\nDaesh lost ground.',
    });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['news.txt']);
    expect(corpus.aliases).toEqual([
      ['ISIS', 'ISIL', 'Daesh'],
      ['US', 'United States'],
    ]);
  });

  it('reads an aliases.txt in a subfolder as a document', async () => {
    write({
      'aliases.txt': 'a, b',
      'glossary/aliases.txt': 'Glossary\n\nISIS, ISIL and Daesh name the same group.',
    });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['glossary/aliases.txt']);
    expect(corpus.files[0]?.title).toBe('Glossary');
    expect(corpus.aliases).toEqual([['a', 'b']]);
  });

  it('names a few skipped files in the error of a folder with none to serve, and counts the rest', async () => {
    write(
      Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [`empty-${String(i).padStart(2, '0')}.txt`, '']),
      ),
    );
    const error = await rejection(loadCorpus(dir));
    expect(error.code).toBe('SEEDS_EMPTY');
    // Before: one line naming all of them (5,000 empty files: 174 KB).
    expect(error.message).toContain('(skipped: empty-00.txt: it has no text; empty-01.txt:');
    expect(error.message).toContain('; empty-04.txt: it has no text; 35 more)');
    expect(error.message).not.toContain('empty-05.txt');
  });

  it('says which files of a folder of PDFs and Word files it cannot read, not "1 skipped"', async () => {
    write({ 'guide.pdf': '%PDF-1.4 x', 'rules.pdf': '%PDF-1.4 x', 'faq.docx': 'PK' });
    const error = await rejection(loadCorpus(dir));
    expect(error.code).toBe('SEEDS_EMPTY');
    // Before: "(1 skipped: skipped 3 files in formats not read …)".
    expect(error.message).toContain(
      'has no readable .txt, .md, .rst or .html documents (skipped: 3 files in formats not read (Word, PDF): faq.docx, guide.pdf, rules.pdf; save them as Markdown (.md)',
    );
    expect(error.message).toMatch(/\): add some$/);
  });

  it('does not count aliases.txt alone as a document', async () => {
    write({ 'aliases.txt': 'a, b\nc, d' });
    const error = await rejection(loadCorpus(dir));
    expect(error.code).toBe('SEEDS_EMPTY');
  });
});

describe('loadCorpus: files that cannot be used', () => {
  it('skips a binary file with a warning naming it, and serves the others', async () => {
    write({
      'good.txt': 'Good\n\nUseful text.',
      'sub/image.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d]),
    });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['good.txt']);
    expect(corpus.warnings).toHaveLength(1);
    expect(corpus.warnings[0]).toContain('sub/image.txt');
    expect(corpus.warnings[0]).toMatch(/binary/);
  });

  it('skips an invalid UTF-8 file with a warning naming it, and serves the others, UTF-16 too', async () => {
    write({
      'good.txt': 'Good\n\nUseful text.',
      'latin1.txt': new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a, 0x0a, 0x4d, 0x65, 0x6e, 0x75, 0x2e]),
      // As Windows Notepad saved "Unicode" text.
      'notepad.txt': Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('Café hours\r\n\r\nOpen at nine.', 'utf16le'),
      ]),
    });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['good.txt', 'notepad.txt']);
    expect(corpus.files[1]?.title).toBe('Café hours');
    expect(corpus.warnings).toEqual(['skipped latin1.txt: it is not valid UTF-8 text (save it as UTF-8)']);
  });

  it('skips an empty (or blank) file with a warning naming it, and serves the others', async () => {
    write({ 'good.md': '# Good\n\nUseful text.', 'empty.txt': '', 'blank.md': '\n  \n\t\n' });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['good.md']);
    expect(corpus.warnings).toHaveLength(2);
    expect(corpus.warnings.some((w) => w.includes('empty.txt'))).toBe(true);
    expect(corpus.warnings.some((w) => w.includes('blank.md'))).toBe(true);
  });

  it('serves a document of a single short line', async () => {
    write({ 'note.txt': 'Closed on Sunday' });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['note.txt']);
    expect(corpus.files[0]?.paragraphs).toEqual([{ number: 1, text: 'Closed on Sunday', kind: 'text' }]);
  });

  it.skipIf(isRoot)('skips a file without read permission with a warning naming it', async () => {
    write({ 'good.txt': 'Good\n\nUseful text.', 'locked.txt': 'Locked\n\nSecret text.' });
    fs.chmodSync(path.join(dir, 'locked.txt'), 0o000);
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['good.txt']);
    expect(corpus.warnings).toHaveLength(1);
    expect(corpus.warnings[0]).toContain('locked.txt');
    expect(corpus.warnings[0]).toMatch(/permission/);
  });

  it('skips every bad file and keeps every good one in the same folder', async () => {
    write({
      'a.txt': 'Alpha\n\nFirst good file.',
      'b.txt': new Uint8Array([0x00, 0x01, 0x02]),
      'c.txt': '',
      'd.txt': new Uint8Array([0xff, 0xfe, 0x41]),
      'e.md': '# Echo\n\nLast good file.',
    });
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['a.txt', 'e.md']);
    expect(corpus.warnings).toHaveLength(3);
    for (const [i, name] of ['b.txt', 'c.txt', 'd.txt'].entries()) expect(corpus.warnings[i]).toContain(name);
  });
});

describe('loadCorpus: symbolic links', () => {
  it('does not hang or duplicate files on a link to the folder itself or to its parent', async () => {
    write({ 'top.txt': 'Top\n\nTop text.', 'sub/inner.txt': 'Inner\n\nInner text.' });
    fs.symlinkSync('.', path.join(dir, 'self'));
    fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
    const corpus = await withTimeout(loadCorpus(dir), 5_000);
    expect(sources(corpus)).toEqual(['sub/inner.txt', 'top.txt']);
    expect(new Set(sources(corpus)).size).toBe(corpus.files.length);
  });

  it('does not hang on two folders linking to each other', async () => {
    write({ 'a/one.txt': 'One\n\nText one.', 'b/two.txt': 'Two\n\nText two.' });
    fs.symlinkSync(path.join(dir, 'b'), path.join(dir, 'a', 'to-b'));
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'b', 'to-a'));
    const corpus = await withTimeout(loadCorpus(dir), 5_000);
    const names = corpus.files.map((f) => path.basename(f.source)).sort();
    expect(names).toEqual(['one.txt', 'two.txt']);
  });

  it('skips a broken link to a .txt with a warning naming it', async () => {
    write({ 'good.txt': 'Good\n\nUseful text.' });
    fs.symlinkSync(path.join(dir, 'missing.txt'), path.join(dir, 'broken.txt'));
    fs.symlinkSync(path.join(dir, 'missing.pdf'), path.join(dir, 'broken.pdf'));
    const corpus = await loadCorpus(dir);
    expect(sources(corpus)).toEqual(['good.txt']);
    expect(corpus.warnings).toHaveLength(1);
    expect(corpus.warnings[0]).toContain('broken.txt');
  });

  it('never follows a link to a file outside the folder', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbot-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'shared.txt'), 'Shared\n\nShared text.');
      fs.writeFileSync(path.join(dir, 'own.txt'), 'Own\n\nOwn text.');
      fs.symlinkSync(path.join(outside, 'shared.txt'), path.join(dir, 'linked.txt'));
      const corpus = await loadCorpus(dir);
      expect(sources(corpus)).toEqual(['own.txt']);
      expect(corpus.warnings).toEqual([
        'skipped linked.txt: it is a link to outside the seeds folder, which is never read',
      ]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('loadCorpus: errors', () => {
  it('rejects a missing folder with SEEDS_MISSING, naming it and saying what to do', async () => {
    const missing = path.join(dir, 'no-such-folder');
    const error = await rejection(loadCorpus(missing));
    expect(error.code).toBe('SEEDS_MISSING');
    expect(error.message.startsWith('seedbot:')).toBe(true);
    expect(error.message).toContain(missing);
    expect(error.message).toMatch(/does not exist/);
    expect(error.message).toMatch(/create it/);
    expect(error.message).toMatch(/SEEDS_DIR|--seeds/);
  });

  it('rejects a file given as the folder with SEEDS_NOT_A_FOLDER', async () => {
    write({ 'doc.txt': 'A document.' });
    const file = path.join(dir, 'doc.txt');
    const error = await rejection(loadCorpus(file));
    expect(error.code).toBe('SEEDS_NOT_A_FOLDER');
    expect(error.message.startsWith('seedbot:')).toBe(true);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a folder/);
  });

  it('rejects an empty folder with SEEDS_EMPTY', async () => {
    const error = await rejection(loadCorpus(dir));
    expect(error.code).toBe('SEEDS_EMPTY');
    expect(error.message.startsWith('seedbot:')).toBe(true);
    expect(error.message).toContain(dir);
    expect(error.message).toMatch(/\.txt, \.md, \.rst or \.html/);
  });

  it('rejects a folder of unusable files with SEEDS_EMPTY, naming the files it skipped', async () => {
    write({
      'picture.png': 'not a document',
      'empty.txt': '',
      'binary.md': new Uint8Array([0x00, 0x61]),
    });
    const error = await rejection(loadCorpus(dir));
    expect(error.code).toBe('SEEDS_EMPTY');
    expect(error.message.startsWith('seedbot:')).toBe(true);
    expect(error.message).toContain('empty.txt');
    expect(error.message).toContain('binary.md');
    expect(error.message).not.toContain('picture.png');
  });
});

describe('loadCorpus: the seeds folder', () => {
  it('serves the two seed documents and reads aliases.txt as aliases', async () => {
    const corpus = await loadCorpus(SEEDS);
    expect(sources(corpus)).toEqual(['000_45a6886da7819588.txt', '002_eb905f6be5fc9974.txt']);
    expect(corpus.warnings).toEqual([]);
    for (const group of corpus.aliases) expect(group.length).toBeGreaterThanOrEqual(2);
  });

  it('reads the headline of 000 as its title, paragraph 1 of 13', async () => {
    const corpus = await loadCorpus(SEEDS);
    const doc = corpus.files.find((f) => f.source === '000_45a6886da7819588.txt');
    expect(doc?.title).toBe('Iraq to share intelligence on ISIS with Russian Federation, Iran and Syria');
    expect(doc?.explicitTitle).toBe(true);
    expect(doc?.paragraphs).toHaveLength(13);
    expect(doc?.paragraphs[0]).toEqual({
      number: 1,
      text: 'Iraq to share intelligence on ISIS with Russian Federation, Iran and Syria',
      kind: 'title',
    });
    expect(doc?.paragraphs.map((p) => p.number)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(doc?.paragraphs.slice(1).every((p) => p.kind === 'text')).toBe(true);
    expect(doc?.paragraphs[1]?.text.startsWith('President Obama spoke before Putin')).toBe(true);
    expect(doc?.bytes).toBe(fs.statSync(path.join(SEEDS, '000_45a6886da7819588.txt')).size);
  });

  it('gives 002, which has no headline, 16 paragraphs and a title from its first sentence', async () => {
    const corpus = await loadCorpus(SEEDS);
    const doc = corpus.files.find((f) => f.source === '002_eb905f6be5fc9974.txt');
    expect(doc?.paragraphs).toHaveLength(16);
    expect(doc?.explicitTitle).toBe(false);
    expect(doc?.paragraphs[0]?.kind).toBe('text');
    expect(doc?.paragraphs[0]?.text.startsWith('Senior Iraqi military commanders')).toBe(true);
    expect(doc?.title.startsWith('Senior Iraqi military commanders')).toBe(true);
    expect(doc?.title.length).toBeLessThanOrEqual(80);
    expect(doc?.paragraphs[5]?.number).toBe(6);
    expect(doc?.paragraphs[5]?.text.startsWith('According to jihadist expert')).toBe(true);
  });
});

describe('encodings and alias comments', () => {
  it('reads UTF-16 text that starts with its byte order mark, either byte order', () => {
    const le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Opening hours\r\nThe café opens at nine.', 'utf16le'),
    ]);
    expect(decodeText(le)).toEqual({ text: 'Opening hours\r\nThe café opens at nine.' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Salle B', 'utf16le').swap16()]);
    expect(decodeText(be)).toEqual({ text: 'Salle B' });
  });

  it('names a file that starts as UTF-16 but is not, or is UTF-32, and says to save it as UTF-8', () => {
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]))).toEqual({
      problem: 'it is UTF-32 text (save it as UTF-8)',
    });
    const problem = 'it starts as UTF-16 text but is not valid UTF-16 (save it as UTF-8)';
    // A lone surrogate, and a NUL character (a binary file that happens to start with FF FE).
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]))).toEqual({ problem });
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0x00]))).toEqual({ problem });
  });

  it('keeps a # inside a term and drops comments after a space', () => {
    expect(parseAliases('C#, CSharp # the language\n# whole line\n')).toEqual([['C#', 'CSharp']]);
  });
});
