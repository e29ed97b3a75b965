/**
 * HTML pages: the page's content (not the site around it) converted to Markdown and read as
 * Markdown; a redirect page is not a document; hostile input converts without throwing (checked
 * by outcome, not by timing).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isDocumentName, loadCorpus, parseFile, prepareReaders } from '../../src/core/corpus.js';
import { Engine } from '../../src/core/engine.js';
import { MAX_NESTING, readHtml } from '../../src/core/parse/html.js';
import { type ParsedDocument, type ParsedParagraph, parseDocument } from '../../src/core/passages.js';

const doc = (html: string): ParsedDocument => parseDocument(readHtml(html).markdown, true, 'x.html');

/** The paragraph whose text starts with `start`, failing the test when there is none. */
function para(d: ParsedDocument, start: string): ParsedParagraph {
  const found = d.paragraphs.find((p) => p.text.startsWith(start));
  if (!found) throw new Error(`no paragraph starting with ${start} in ${JSON.stringify(d.paragraphs)}`);
  return found;
}

/** A documentation site's page as generators write it (after mdBook, Sphinx and Docusaurus output). */
const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Widgets - The Widget Book</title>
  <style>body { color: red }</style>
  <script>const searchIndex = "how do I install widgets";</script>
</head>
<body>
  <div id="help-popup"><p>Press S to search in the book</p></div>
  <nav class="sidebar"><ol><li><a href="intro.html">Introduction</a></li><li><a href="install.html">Installation</a></li></ol></nav>
  <div class="page">
    <button id="theme-toggle">Change theme</button>
    <main>
      <h1 id="widgets"><a class="header" href="#widgets">Widgets</a></h1>
      <p>A <strong>widget</strong> is a small tool. See the <a href="https://example.org/guide">online guide</a>
         or the <a href="install.html">install page</a>.</p>
      <h2 id="installing">Installing<a class="headerlink" href="#installing" title="Link to this heading">¶</a></h2>
      <p>Install it with the package manager:</p>
      <pre><code class="language-console">$ cargo install widgets
$ widgets --version</code></pre>
      <h2 id="options">Options</h2>
      <table>
        <thead><tr><th>Option</th><th>Default</th><th>Meaning</th></tr></thead>
        <tbody>
          <tr><td><code>retries</code></td><td>3</td><td>Calls tried again</td></tr>
          <tr><td><code>timeout</code></td><td>10</td><td>Seconds to wait, <em>at most</em></td></tr>
        </tbody>
      </table>
      <dl>
        <dt><code>--offline</code></dt>
        <dd><p>Never touches the network.</p></dd>
      </dl>
      <ul>
        <li>Widgets are <em>fast</em>.</li>
        <li>Widgets are small:
          <ul><li>under 1 MB</li></ul>
        </li>
      </ul>
      <blockquote><p><strong>Note:</strong> widgets need Rust 1.70 or later.</p></blockquote>
      <p>Text with &lt;angle brackets&gt;, a # sign, 1. a number and *stars* stays text.</p>
      <p aria-hidden="true">Decorative text nobody reads.</p>
      <span class="sr-only">Skip to content</span>
      <nav class="nav-wrapper"><a href="next.html">Next chapter</a></nav>
    </main>
    <footer><p>Copyright the widget team</p></footer>
  </div>
</body>
</html>`;

describe('HTML pages: what is read', () => {
  const d = doc(PAGE);
  const all = d.paragraphs.map((p) => p.text).join('\n');

  it('reads the page content only: no head, scripts, styles, menus, buttons, pop-ups, footers or screen-reader text', () => {
    expect(d.title).toBe('Widgets');
    for (const gone of [
      'color: red',
      'searchIndex',
      'Press S',
      'Introduction',
      'Change theme',
      'Next chapter',
      'Copyright',
      'Decorative',
      'Skip to content',
      '¶',
    ]) {
      expect(all).not.toContain(gone);
    }
  });

  it('keeps headings as sections with their ids as anchors, code with its lead-in, tables row by row', () => {
    const lead = para(d, 'Install it with the package manager:');
    expect(lead.section).toEqual(['Installing']);
    expect(lead.anchor).toBe('installing');
    const code = para(d, '$ cargo install widgets');
    expect(code.kind).toBe('code');
    expect(code.group).toBe(lead.group);
    expect(para(d, 'Option: timeout').text).toBe(
      'Option: timeout · Default: 10 · Meaning: Seconds to wait, at most',
    );
    expect(para(d, 'Option: timeout').section).toEqual(['Options']);
  });

  it('reads inline markup as text, links to the web with their address, and a definition term as its heading', () => {
    expect(para(d, 'A widget is a small tool.').text).toBe(
      'A widget is a small tool. See the online guide or the install page.',
    );
    expect(readHtml(PAGE).markdown).toContain('[online guide](https://example.org/guide)');
    expect(para(d, 'Never touches the network.').section).toEqual(['Options', '--offline']);
    expect(para(d, 'Widgets are fast.').kind).toBe('list');
    expect(para(d, 'under 1 MB').kind).toBe('list');
    expect(para(d, 'Note: widgets need Rust 1.70').kind).toBe('text');
    expect(para(d, 'Text with').text).toBe(
      'Text with <angle brackets>, a # sign, 1. a number and *stars* stays text.',
    );
  });

  it('keeps a footnote mark or an exponent apart from the words around it, and an ordinal whole', () => {
    const found = doc(
      '<main><h1>Ferry</h1><p>The ferry<sup>1</sup> leaves at noon<sup><a href="#n2">[2]</a></sup>; the hall is 40 m<sup>2</sup>; water is H<sub>2</sub>O; a note<sup>3</sup>for you on the 21<sup>st</sup>.</p></main>',
    );
    expect(para(found, 'The ferry').text).toBe(
      'The ferry 1 leaves at noon [2]; the hall is 40 m 2; water is H2O; a note 3 for you on the 21st.',
    );
  });

  it("heads a definition with its term even when the term ends with a full stop (an FAQ's entry)", () => {
    const d = doc(`<h1>gitfaq</h1><h2>Cross-Platform Issues</h2>
<div class="dlist"><dl>
<dt class="hdlist1">I&#8217;m on Windows and my text files are detected as binary.</dt>
<dd><p>Git works best when you store text files as UTF-8. Many programs on Windows support UTF-8.</p></dd>
<dt class="hdlist1">Why do I have a file that&#8217;s always modified?</dt>
<dd><p>Internally, Git always stores file names as sequences of bytes.</p></dd>
</dl></div>`);
    expect(para(d, 'Git works best').section).toEqual([
      'Cross-Platform Issues',
      'I\u2019m on Windows and my text files are detected as binary',
    ]);
    expect(para(d, 'Internally, Git').section?.at(-1)).toBe(
      'Why do I have a file that\u2019s always modified?',
    );
  });

  it('heads one definition with the terms written in a row over it (an option and its short form)', () => {
    const d = doc(`<h1>git-stash(1)</h1><h2>OPTIONS</h2>
<div class="dlist"><dl>
<dt class="hdlist1">-u</dt>
<dt class="hdlist1">--include-untracked</dt>
<dt class="hdlist1">--no-include-untracked</dt>
<dd><p>When used with the push and save commands, all untracked files are also stashed.</p></dd>
<dt class="hdlist1">--only-untracked</dt>
<dd><p>This option is only valid for the show command.</p></dd>
<dt class="hdlist1">--index</dt>
<dd></dd>
<dt class="hdlist1">-q</dt>
<dd><p>Quiet, suppress feedback messages.</p></dd>
</dl></div>`);
    expect(para(d, 'When used with the push').section).toEqual([
      'OPTIONS',
      '-u, --include-untracked, --no-include-untracked',
    ]);
    expect(para(d, 'This option is only valid').section?.at(-1)).toBe('--only-untracked');
    // A term whose definition came (empty) stands alone: the next term heads its own.
    expect(para(d, 'Quiet,').section?.at(-1)).toBe('-q');
    // Terms are measured as a reader sees them: a link's address does not count, and two terms
    // that read longer than a bold title do not join (the first stands alone).
    const measured = doc(`<h1>cargo-add(1)</h1><h2>OPTIONS</h2><dl>
<dt><a href="#option-cargo-add--F"><code>-F</code> <em>features</em></a></dt>
<dt><a href="#option-cargo-add---features"><code>--features</code> <em>features</em></a></dt>
<dd><p>Space or comma separated list of features to activate.</p></dd>
<dt><code>--max_old_space_size_in_mb_for_the_worker</code></dt>
<dt><code>--max_new_space_size_in_mb_for_the_worker_x</code></dt>
<dd><p>Sets the sizes of the heap.</p></dd></dl>`);
    expect(para(measured, 'Space or comma').section?.at(-1)).toBe('-F features, --features features');
    expect(para(measured, 'Sets the sizes').section?.at(-1)).toBe(
      '--max_new_space_size_in_mb_for_the_worker_x',
    );
    // A long run of terms (a glossary without definitions) never grows one heading unbounded.
    const run = doc(
      `<h1>Glossary</h1><dl>${Array.from({ length: 500 }, (_, i) => `<dt>term number ${i}</dt>`).join('')}<dd><p>Shared text.</p></dd></dl>`,
    );
    expect(para(run, 'Shared text').section?.at(-1)?.length).toBeLessThanOrEqual(80);
  });

  it('reads a page without <main> whole, chrome aside, and titles it from <title> when it has no <h1>', () => {
    const plain = doc(
      '<html><head><title>House rules</title></head><body><nav><a href="/">Home</a></nav><h2>Rule 1</h2><p>Be kind to everyone.</p><footer>Made with a site builder</footer></body></html>',
    );
    expect(plain.title).toBe('House rules');
    expect(para(plain, 'Be kind').section).toEqual(['Rule 1']);
    expect(plain.paragraphs.map((p) => p.text).join(' ')).not.toMatch(/Home|site builder/);
    const roles = doc(
      '<body><div role="navigation"><p>Home · Blog</p></div><div role="banner"><p>Site name</p></div><h2>Rule 2</h2><p>No spam.</p><div role="contentinfo"><p>Copyright</p></div></body>',
    );
    expect(roles.paragraphs.map((p) => p.text)).toEqual(['Rule 2', 'No spam.']);
    // A fragment, as a help-centre export writes it.
    expect(para(doc('<p>Reset your password from <b>Settings</b>.</p>'), 'Reset').text).toBe(
      'Reset your password from Settings.',
    );
  });

  it('reads Sphinx output: the role="main" body, a section id or the ¶ link as the heading anchor, the sidebar left out', () => {
    const sphinx = doc(`<html><body><div class="document"><div class="body" role="main">
<section id="quickstart"><h1>Quickstart<a class="headerlink" href="#quickstart" title="Link to this heading">¶</a></h1>
<p>Eager to get started?</p>
<section id="requests"><h2>Make a Request</h2><p>Making a request is simple.</p>
<div class="highlight-pycon"><div class="highlight"><pre><span class="gp">&gt;&gt;&gt; </span><span class="kn">import</span> requests
</pre></div></div></section></section></div></div>
<div class="sphinxsidebar" role="navigation"><h3>Navigation</h3><p>Quick search</p></div></body></html>`);
    expect(sphinx.title).toBe('Quickstart');
    expect(para(sphinx, 'Making a request').section).toEqual(['Make a Request']);
    expect(para(sphinx, 'Making a request').anchor).toBe('requests');
    expect(para(sphinx, '>>> import requests').kind).toBe('code');
    expect(sphinx.paragraphs.map((p) => p.text).join(' ')).not.toMatch(/Navigation|Quick search|¶/);
  });

  it('keeps links whose address has parentheses, and a page whose redirect is only in a comment', () => {
    expect(
      readHtml(
        '<p>See <a href="https://en.wikipedia.org/wiki/Smiley_:)">the smiley article</a> for more.</p>',
      ).markdown,
    ).toContain('[the smiley article](https://en.wikipedia.org/wiki/Smiley_:%29) for more.');
    const commented = readHtml(
      '<!-- <meta http-equiv="refresh" content="0; url=gone.html"> --><h1>Rules</h1><p>Be kind to everyone, always.</p>',
    );
    expect(commented.redirect).toBeUndefined();
    expect(commented.markdown).toContain('Be kind to everyone, always.');
  });

  it('reports a page that only redirects, with its target', () => {
    const page = readHtml(
      '<html><head><meta http-equiv="refresh" content="0; URL=../reference/build-cache.html"></head><body><p>Redirecting to <a href="../reference/build-cache.html">../reference/build-cache.html</a>.</p></body></html>',
    );
    expect(page.redirect).toBe('../reference/build-cache.html');
    expect(page.markdown).toBe('');
  });
});

describe('HTML pages: what exported pages do', () => {
  const texts = (html: string) => doc(html).paragraphs.map((p) => p.text);

  it('reads a wiki\'s page without its [edit] links, footnote marks, categories and "Retrieved from" line', () => {
    const d = doc(`<div id="content" class="mw-body" role="main"><h1 id="firstHeading">Guild rules</h1>
<div id="siteSub" class="noprint">From Pixel Wiki</div><div class="mw-parser-output">
<p>These rules apply to every guild channel.</p>
<h2><span class="mw-headline" id="Loot">Loot</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="/w/index.php?action=edit&amp;section=1">edit</a><span class="mw-editsection-bracket">]</span></span></h2>
<p>Loot is shared by need before greed.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup> Officers settle disputes.</p>
<ol class="references"><li id="cite_note-1"><a href="#cite_ref-1">↑</a> <span class="reference-text">Decided at the 2023 guild meeting.</span></li></ol>
</div><div class="printfooter">Retrieved from "<a href="https://wiki.example.org/index.php?oldid=42">https://wiki.example.org/index.php?oldid=42</a>"</div>
<div id="catlinks" class="catlinks"><a href="/wiki/Special:Categories">Categories</a>: <ul><li><a href="/wiki/Category:Rules">Rules</a></li></ul></div></div>`);
    // Before: "Loot[edit]", "need before greed.[1]", "Retrieved from …" and "Categories: Rules" as text.
    expect(para(d, 'Loot is shared')).toMatchObject({
      text: 'Loot is shared by need before greed. Officers settle disputes.',
      section: ['Loot'],
    });
    const all = d.paragraphs.map((p) => p.text).join('\n');
    expect(all).not.toMatch(/\[edit\]|Retrieved from|Categories|From Pixel Wiki/);
    // The footnotes themselves stay: they are the page's text.
    expect(all).toContain('Decided at the 2023 guild meeting.');
  });

  it("reads a code block's language from its class, or from Sphinx's block around it", () => {
    const d = doc(
      '<h1>Install</h1><p>Import it:</p><div class="highlight-python notranslate"><div class="highlight"><pre><span class="kn">import</span> kiwi</pre></div></div>' +
        '<p>Build it:</p><pre><code class="language-rust">cargo build</code></pre>' +
        '<p>Run it:</p><div class="highlight-default notranslate"><div class="highlight"><pre>kiwi run</pre></div></div>',
    );
    expect(para(d, 'import kiwi')).toMatchObject({ kind: 'code', lang: 'python' });
    expect(para(d, 'cargo build')).toMatchObject({ kind: 'code', lang: 'rust' });
    // Sphinx's "default" names no language.
    expect(para(d, 'kiwi run').lang).toBeUndefined();
  });

  it("takes a word processor's Title paragraph for the page's title (a Google Docs export)", () => {
    const d = doc(
      '<html><head><style>.c1{color:#000}</style></head><body class="c5 doc-content">' +
        '<p class="c2 title" id="h.abc123"><span class="c1">Guild Handbook</span></p>' +
        '<h1 class="c3" id="h.xyz"><span>Joining the guild</span></h1>' +
        '<p class="c2"><span class="c1">To join, fill in the application form.</span></p>' +
        '<h2 id="h.q1"><span>Raid schedule</span></h2><p class="c2"><span>Raids are on Tuesdays.</span></p></body></html>',
    );
    // Before: titled "Joining the guild", and "Guild Handbook" a passage of its own.
    expect(d.title).toBe('Guild Handbook');
    expect(para(d, 'To join').section).toEqual(['Joining the guild']);
    expect(para(d, 'Raids are').section).toEqual(['Joining the guild', 'Raid schedule']);
    expect(d.paragraphs.filter((p) => p.kind === 'text').map((p) => p.text)).not.toContain('Guild Handbook');
    // A paragraph styled so after the page's text, or after its <h1>, is text as before.
    expect(doc('<p>Intro.</p><p class="title">Later</p><p>More text here.</p>').title).not.toBe('Later');
    expect(texts('<h1>Page</h1><p class="title">Subtitle line</p><p>Body.</p>')).toContain('Subtitle line');
  });

  it('chooses the content from the parsed page: a <main> in a code sample, article cards or a thin <main> leave the body read', () => {
    expect(
      texts(
        '<h1>Layouts</h1><pre><code>&lt;div role="main"&gt;…&lt;/div&gt;</code></pre><p>Screen readers jump there.</p>',
      ),
    ).toEqual(['Layouts', '<div role="main">…</div>', 'Screen readers jump there.']);
    expect(
      texts(
        '<div><h2>Fees</h2><p>Adults pay fifty pounds a year, juniors twenty, and families can pay monthly.</p></div><article class="card"><p>Related</p></article><article class="card"><p>More</p></article>',
      ),
    ).toEqual([
      'Fees',
      'Adults pay fifty pounds a year, juniors twenty, and families can pay monthly.',
      'Related',
      'More',
    ]);
    expect(
      texts(
        '<main><p>Banner</p></main><div><h2>Rules</h2><p>Be kind to every member of the server, always and everywhere.</p></div>',
      ),
    ).toContain('Be kind to every member of the server, always and everywhere.');
  });

  it('reads what a click shows and what a form wraps: hidden tab panels, accordion questions, admonitions in the content', () => {
    const d = doc(`<form id="aspnetForm"><main>
      <h3><button aria-expanded="false">How do I reset my password?</button></h3><div hidden><p>Use the Forgot link.</p></div>
      <aside class="admonition"><p>Requires Node 18.</p></aside>
      <div role="tabpanel"><p>npm install widgets</p></div><div role="tabpanel" hidden><p>yarn add widgets</p></div>
    </main></form>`);
    expect(para(d, 'Use the Forgot link.').section).toEqual(['How do I reset my password?']);
    expect(d.paragraphs.map((p) => p.text)).toEqual(
      expect.arrayContaining(['Requires Node 18.', 'yarn add widgets']),
    );
  });

  it('leaves out a table of contents inside the content, as in Markdown', () => {
    const d =
      doc(`<main><article><h1>Install</h1><h2 id="requirements">Requirements</h2><p>Node 20 or later.</p>
      <h2 id="steps">Steps</h2><p>Run the installer, then restart.</p></article>
      <div class="toc"><ul><li><a href="#requirements">Requirements</a></li><li><a href="#steps">Steps</a></li></ul></div></main>`);
    expect(d.paragraphs.filter((p) => p.kind === 'list')).toEqual([]);
    expect(para(d, 'Run the installer').section).toEqual(['Steps']);
  });

  it('keeps every cell under its header when a cell spans columns', () => {
    const found = texts(
      '<table><tr><th>Plan</th><th colspan="2">Price</th><th>Seats</th></tr><tr><td>Team</td><td>$8</td><td>a month</td><td>10</td></tr><tr><td colspan="3">Enterprise, on request</td><td>any</td></tr></table>',
    );
    expect(found).toEqual([
      'Plan: Team · Price: $8 · Price: a month · Seats: 10',
      'Plan: Enterprise, on request · Seats: any',
    ]);
  });

  it('names each column by every header row above it, and repeats a value that spans rows', () => {
    // Before: a row "OS: x64 · Architecture: arm64" of headers, and which value was arm64's lost.
    const found = texts(
      '<table><thead><tr><th rowspan="2">OS</th><th colspan="2">Architecture</th></tr><tr><th>x64</th><th>arm64</th></tr></thead><tbody><tr><td>Linux</td><td>Supported</td><td>Experimental</td></tr><tr><td>Windows</td><td>Supported</td><td>Not supported</td></tr></tbody></table>',
    );
    expect(found).toEqual([
      'OS: Linux · Architecture x64: Supported · Architecture arm64: Experimental',
      'OS: Windows · Architecture x64: Supported · Architecture arm64: Not supported',
    ]);
    const spanning = texts(
      '<table><tr><th>Region</th><th>City</th><th>Office</th></tr><tr><td rowspan="2">Europe</td><td>Paris</td><td>Rue de Rivoli</td></tr><tr><td>Berlin</td><td>Unter den Linden</td></tr><tr><td>Asia</td><td>Tokyo</td><td>Ginza</td></tr></table>',
    );
    expect(spanning).toEqual([
      'Region: Europe · City: Paris · Office: Rue de Rivoli',
      'Region: Europe · City: Berlin · Office: Unter den Linden',
      'Region: Asia · City: Tokyo · Office: Ginza',
    ]);
  });

  it('reads a layout table as blocks, and a table of row headers as rows', () => {
    const d = doc(
      '<table><tr><td><h2>Joining</h2><p>Fill in the form.</p></td><td><h2>Fees</h2><p>Fifty pounds.</p></td></tr></table>',
    );
    expect(para(d, 'Fill in the form.').section).toEqual(['Joining']);
    expect(para(d, 'Fifty pounds.').section).toEqual(['Fees']);
    const captioned = doc(
      '<table><caption>Membership fees</caption><tr><th>Plan</th><th>Price</th></tr><tr><td>Adult</td><td>50</td></tr></table>',
    );
    expect(para(captioned, 'Membership fees:').group).toBe(para(captioned, 'Plan: Adult').group);
    const notion = texts(
      '<table><tr><th>Owner</th><td>Alex</td></tr><tr><th>Status</th><td>Done | shipped</td></tr></table>',
    );
    expect(notion).toEqual(['Owner · Alex', 'Status · Done | shipped']);
  });

  it('keeps numbered steps, symbols and CJK text as written, and ends a definition list where it ends', () => {
    expect(texts('<p>1. Open settings</p><p>2024.</p><p>- 5 degrees</p>')).toEqual([
      '1. Open settings',
      '2024.',
      '- 5 degrees',
    ]);
    expect(texts('<p>To get a slice, use <a href="../primitive.reference.html">&amp;</a>.</p>')).toEqual([
      'To get a slice, use &.',
    ]);
    expect(texts('<p><strong>注意：</strong>请先安装。</p>')).toEqual(['注意：请先安装。']);
    expect(
      texts(
        '<p>Returns <code><a href="https://doc.rust-lang.org/std/option/">Option</a>&lt;T&gt;</code>.</p>',
      ),
    ).toEqual(['Returns Option<T>.']);
    const d = doc(
      '<h1>Server rules</h1><h2>Glossary</h2><dl><dt>Ban</dt><dd>Removal from the server.</dd></dl><p>To appeal a ban, email us.</p>',
    );
    expect(para(d, 'Removal').section).toEqual(['Glossary', 'Ban']);
    expect(para(d, 'To appeal').section).toEqual(['Glossary']);
  });
});

describe('HTML pages: hostile input', () => {
  it('converts deep nesting, unclosed tags, long text and stray closing tags without throwing', () => {
    // Nested far past MAX_NESTING, with stray closing tags the parser looks for all the way down.
    const deep = `${'<div>'.repeat(MAX_NESTING * 200)}deep text${'</span>'.repeat(200_000)}`;
    expect(doc(deep).paragraphs.map((p) => p.text)).toEqual(['deep text']);
    // Read as plain text, an entity named like an Object.prototype property stays as written.
    const odd = `${'<div>'.repeat(MAX_NESTING * 2)}a &constructor; b &amp; c`;
    expect(doc(odd).paragraphs.map((p) => p.text)).toEqual(['a &constructor; b & c']);
    const marks = `<p>${'<b><i><a href="https://x.org">'.repeat(3_000)}marked</p>`;
    expect(
      doc(marks)
        .paragraphs.map((p) => p.text)
        .join(' '),
    ).toContain('marked');
    const lists = `${'<ul><li>item'.repeat(400)}`;
    expect(doc(lists).paragraphs.length).toBeGreaterThan(0);
    const long = `<p>${'word &amp; <code>x</code> '.repeat(20_000)}</p><table>${'<tr><td>a<td>b'.repeat(5_000)}`;
    expect(doc(long).paragraphs.length).toBeGreaterThan(1);
    // A ragged table (one row of many cells over many short rows), code of backticks, deep
    // quotes, tags that never end: bounded output, no exception.
    const ragged = `<table><tr>${'<td>c</td>'.repeat(20_000)}</tr>${'<tr><td>r</td></tr>'.repeat(20_000)}</table>`;
    expect(readHtml(ragged).markdown.length).toBeLessThan(ragged.length * 5);
    expect(() =>
      readHtml(`<pre>${'`'.repeat(50_000)}</pre><p><code>${'` '.repeat(150_000)}</code></p>`),
    ).not.toThrow();
    const quotes = `${'<blockquote>'.repeat(400)}${'<p>x</p>'.repeat(2_000)}`;
    expect(readHtml(quotes).markdown.length).toBeLessThan(quotes.length * 5);
    expect(() => doc(`<p>${'<a '.repeat(100_000)}`)).not.toThrow();
    // Unclosed <li><p> pairs nest as the parser reads them (no tag count shows it): plain text.
    const pairs = `<ul>${'<li><p>step '.repeat(20_000)}`;
    expect(readHtml(pairs).markdown.match(/step/g)?.length).toBe(20_000);
    // One wide row over many one-cell rows: rows are not padded to the widest.
    const wide = `<table><tr>${'<th>h</th>'.repeat(32)}</tr>${'<tr><td>x'.repeat(20_000)}</table>`;
    expect(readHtml(wide).markdown.length).toBeLessThan(wide.length * 2);
  });

  it('reads a page too deep to parse as its text only: no script, style, head or navigation', () => {
    const page = (body: string) =>
      `<html><head><title>Hippo</title><script>var secretjs=1</script><style>.cssrule{}</style></head>` +
      `<body><!-- <p>commented out</p> --><nav>navchrome</nav><header>Hippo news</header>${body}</body>`;
    const texts = (html: string) =>
      doc(html)
        .paragraphs.map((p) => p.text)
        .join(' ');
    for (const deep of [
      `${'<font>zebra '.repeat(MAX_NESTING + 100)}`,
      `<p>Hippos swim.</p>${'<b>'.repeat(20_000)}hippo four<script>var hippo=4;`,
    ]) {
      const text = texts(page(deep));
      expect(text).toMatch(/zebra|hippo four/);
      expect(text).toContain('Hippo news');
      expect(text).not.toMatch(/secretjs|cssrule|navchrome|commented out|var hippo/);
    }
    // Thousands of unclosed elements it leaves out cost one pass, and keep the text after them.
    const navs = `${'<nav>'.repeat(20_000)}${'<div>'.repeat(MAX_NESTING + 10)}still here`;
    expect(texts(navs)).toContain('still here');
  });

  it('reads such a page right with letters longer in lower case, icons and empty comments', () => {
    const deep = '<div>'.repeat(MAX_NESTING + 10);
    const md = (page: string) => readHtml(`${deep}${page}`).markdown;
    // `İ` is two characters lower-cased: positions found in a lower-cased copy cut elsewhere.
    const turkish = md(
      `<p>${'İzmir İstanbul '.repeat(40)}</p><script>var secretjs = 1;</script><p>Ankara kept</p>`,
    );
    expect(turkish).toContain('Ankara kept');
    expect(turkish).not.toContain('secretjs');
    // A self-closing icon holds nothing: it must not swallow the text up to a later </svg>.
    expect(
      md(
        '<p><svg class="icon" viewBox="0 0 1 1"/> Install with npm install widget.</p><p><svg><path/></svg></p>',
      ),
    ).toContain('Install with npm install widget');
    // `<!-->` is an empty comment, not the start of one running to the next `-->`.
    expect(md('<!--><p>Kept paragraph one.</p><p>two</p><!-- note -->')).toContain('Kept paragraph one');
  });
});

describe('HTML pages: character sets', () => {
  beforeAll(() => prepareReaders(['x.html']));

  it('decodes a page that is not UTF-8 by the character set its <meta> declares; other files must be UTF-8', () => {
    const bytes = Buffer.from(
      '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 cr\xe8me \x93quoted\x94 \x80 5</p></body></html>',
      'latin1',
    );
    const page = parseFile('menu.html', bytes);
    expect(page.kind === 'document' && page.file.paragraphs.map((p) => p.text)).toEqual([
      'Café crème “quoted” € 5',
    ]);
    const sjis = new Uint8Array([
      ...Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>'),
      0x93,
      0xfa,
      0x96,
      0x7b,
      ...Buffer.from('</p>'),
    ]);
    const japanese = parseFile('jp.html', sjis);
    expect(japanese.kind === 'document' && japanese.file.paragraphs.map((p) => p.text)).toEqual(['日本']);
    expect(parseFile('menu.txt', bytes)).toEqual({
      kind: 'skipped',
      warning: 'skipped menu.txt: it is not valid UTF-8 text (save it as UTF-8)',
    });
    // A page that says it is UTF-16 in ASCII-readable bytes is not: never read as UTF-16 garbage.
    expect(parseFile('u.html', Buffer.from('<meta charset="utf-16"><p>Caf\xe9</p>', 'latin1'))).toEqual({
      kind: 'skipped',
      warning: 'skipped u.html: it is not valid UTF-8 text (save it as UTF-8)',
    });
    expect(parseFile('odd.html', Buffer.from('<meta charset="x-no-such"><p>caf\xe9</p>', 'latin1'))).toEqual({
      kind: 'skipped',
      warning:
        'skipped odd.html: it declares the character set x-no-such, which is not known (save it as UTF-8)',
    });
  });
});

describe('HTML pages: in the seeds folder', () => {
  let dir = '';
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  it('reads .html and .htm files, skips a redirect page with a warning naming it, and answers with the section', async () => {
    expect(isDocumentName('page.html') && isDocumentName('PAGE.HTM')).toBe(true);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbot-html-'));
    fs.writeFileSync(path.join(dir, 'widgets.html'), PAGE);
    fs.writeFileSync(
      path.join(dir, 'old.htm'),
      '<meta http-equiv="refresh" content="0; url=widgets.html"><p>Moved.</p>',
    );
    fs.writeFileSync(path.join(dir, 'other.md'), '# Other\n\nNothing about widgets here, only gardens.\n');
    fs.writeFileSync(path.join(dir, 'third.txt'), 'A third document about boats.\n');
    const corpus = await loadCorpus(dir);
    expect(corpus.files.map((f) => f.source).sort()).toEqual(['other.md', 'third.txt', 'widgets.html']);
    expect(corpus.warnings).toEqual(['skipped old.htm: it only redirects to widgets.html']);
    const answer = Engine.create(corpus).answer('how do I install widgets?');
    expect(answer.answer?.source).toBe('widgets.html');
    expect(answer.results[0]?.section).toBe('Installing');
    expect(answer.results[0]?.text).toContain('cargo install widgets');
  });
});

describe('HTML pages without a <main>: chrome around the content', () => {
  it('are left out: a cookie banner does not answer "do you use cookies?"', () => {
    const d = doc(`<!doctype html><html><head><title>Guide</title></head><body>
<header><div class="logo">Acme</div><div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div></header>
<div class="content">
<h1>Guide</h1>
<p>The widget tracks parcels from door to door.</p>
<article><header><p>Written by the support team.</p></header><p>Install the widget with the installer.</p></article>
<div class="card"><div class="card-footer"><p>Retention can be raised to 365 days on the Pro plan.</p></div></div>
<h2>Cookies</h2><div class="cookies"><p>The widget sets one cookie, for the session.</p></div>
</div>
<div class="footer-links"><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · Was this page helpful? Yes No</div>
</body></html>`);
    const texts = d.paragraphs.map((p) => p.text);
    // Before: the cookie banner and the footer links were passages.
    expect(texts.join('\n')).not.toMatch(/Accept all cookies|Privacy|helpful/);
    expect(texts).toContain('The widget tracks parcels from door to door.');
    // Content whose class only looks like chrome is content.
    expect(texts).toContain('Written by the support team.');
    expect(texts).toContain('Retention can be raised to 365 days on the Pro plan.');
    expect(texts).toContain('The widget sets one cookie, for the session.');
  });
});
