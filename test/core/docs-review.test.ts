/**
 * Cases a review of the YAML front matter, GitHub anchors and plain-text term headings found
 * broken by them: a `{#id}` heading, letter numbers in a slug, a hard-wrapped list item, a title
 * YAML reads as a number, a front matter of one long mapping.
 */
import { describe, expect, it } from 'vitest';
import { readHtml } from '../../src/core/parse/html.js';
import { parseMarkdown } from '../../src/core/parse/markdown.js';
import { type ParsedDocument, parseDocument, slug } from '../../src/core/passages.js';

const anchorOf = (d: ParsedDocument, start: string) =>
  d.paragraphs.find((p) => p.text.startsWith(start))?.anchor;
const sectionOf = (d: ParsedDocument, start: string) =>
  d.paragraphs.find((p) => p.text.startsWith(start))?.section;

describe('front matter, anchors and plain-text items: what the reader sees', () => {
  it('a {#id} heading does not take the slug of a later heading with the same text', () => {
    // MkDocs / Docusaurus / Pandoc give the second heading "options" (the first's id is "opts");
    // on GitHub the first reads "Options {#opts}" (slug options-opts) and the second is "options" too.
    const d = parseDocument(
      '# Tool\n\n## Options {#opts}\n\nGlobal flags alpha.\n\n## Server\n\nServer text.\n\n### Options\n\nServer flags bravo.\n',
      true,
      'tool.md',
    );
    expect(anchorOf(d, 'Global flags')).toBe('opts');
    expect(anchorOf(d, 'Server flags')).toBe('options');
  });

  it('slug keeps letter numbers (Nl) as github-slugger does: Roman numeral signs, CJK 〇', () => {
    // github-slugger removes Other_Number (No) only; Letter_Number (Nl) is alphabetic and stays.
    expect(slug('Chapter Ⅱ')).toBe('chapter-ⅱ');
    expect(slug('二〇二四年の変更')).toBe('二〇二四年の変更');
  });

  it('a hard-wrapped bulleted list item is not a heading', () => {
    const d = parseDocument(
      'Known issues in this version.\n\n- Slow startup\n  on machines with a spinning disk, as the index is read whole.\n- High memory\n  when the documents folder holds many large PDF exports.\n',
      false,
      'issues.txt',
    );
    expect(d.paragraphs.filter((p) => p.kind === 'heading')).toEqual([]);
    expect(sectionOf(d, 'on machines')).toBeUndefined();
  });

  it('a front matter title that YAML reads as a number keeps its text', () => {
    expect(parseMarkdown('---\ntitle: 2.10\n---\n\nText.\n').meta.title).toBe('2.10');
    expect(parseDocument('---\ntitle: 1.0\n---\n\nRelease notes.\n', true, 'r.md').title).toBe('1.0');
  });

  it('a page headed by a word of Roman numeral letters is titled by it; a numeral with its dot is not a title', () => {
    for (const name of ['C', 'CLI', 'VI', 'MIX', 'V8', 'C99', 'X11', 'Civil.', 'Vi.'])
      expect(parseDocument(`# ${name}\n\nHow to use it.\n`, true, 'page.md').title).toBe(name);
    expect(parseDocument('# IV.\n\nHow to use it.\n', true, 'page.md').title).toBe('page');
    for (const number of ['4.2.1.', 'ii.', '§ 3', 'XII.', '2.IV'])
      expect(parseDocument(`# ${number}\n\nHow to use it.\n`, true, 'page.md').title).toBe('page');
  });

  it('reads a front matter too long for YAML line by line: its title still comes through', () => {
    // One mapping of 20,000 keys on one line (about 200 KB): the YAML parser checked repeated
    // keys in quadratic time (10 s at 40,000 keys). Past 16 KB the block is read line by line.
    const n = 20000;
    const text = `---\ntitle: Keys\nk: {${Array.from({ length: n }, (_, i) => `a${i}: 1`).join(', ')}}\n---\n\nText.\n`;
    const d = parseDocument(text, true, 'keys.md');
    expect(d.title).toBe('Keys');
    expect(d.paragraphs.map((p) => p.text)).toEqual(['Text.']);
  });
});

const page = (title: string) =>
  `<html><head><title>${title}</title></head><body><p>Some body text that is long enough to be a paragraph here.</p><h2>Usage</h2><p>More text here.</p></body></html>`;
const htmlTitle = (title: string) => parseDocument(readHtml(page(title)).markdown, true, 'p.html').title;

describe("an HTML page's <title> (no <h1>) as its title, whatever its characters", () => {
  it('keeps " #" in the title', () => {
    expect(htmlTitle('Issue #42 · Acme Docs')).toBe('Issue #42 · Acme Docs');
    expect(htmlTitle('Tip #5: Use caching')).toBe('Tip #5: Use caching');
  });
  it('keeps a leading "!"', () => {
    expect(htmlTitle('!Important notes')).toBe('!Important notes');
  });
  it('keeps {{…}}', () => {
    expect(htmlTitle('{{title}}')).toBe('{{title}}');
  });
});

describe('{#id} on the title heading', () => {
  it('takes no slug from a later heading of the same words', () => {
    const d = parseDocument('# Title {#top}\n\nintro.\n\n## Title\n\ntext.\n', true, 'x.md');
    expect(d.paragraphs.find((p) => p.text === 'text.')?.anchor).toBe('title');
  });
});

describe('TOML front matter: every string form a title takes', () => {
  const tomlTitle = (fm: string) =>
    parseDocument(`+++\n${fm}\n+++\n\nSome body text here. More.\n`, true, 'x.md').title;
  it("reads a literal multi-line string on one line: title = '''…'''", () => {
    expect(tomlTitle("title = '''Don't panic'''")).toBe("Don't panic");
  });
  it('reads title = """…"""', () => {
    expect(tomlTitle('title = """Getting started"""')).toBe('Getting started');
  });
  it('decodes \\u escapes', () => {
    expect(tomlTitle('title = "Caf\\u00e9 guide"')).toBe('Café guide');
  });
});
