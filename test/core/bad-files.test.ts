/** Files that are not documents: each skipped with a warning that names it, the rest served. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFile, prepareReaders } from '../../src/core/corpus.js';
import { openSeeds } from '../../src/core/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'seedbot-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a folder of bad files', () => {
  it('skips each with a named warning and serves the good one', async () => {
    const seeds = path.join(dir, 'seeds');
    mkdirSync(path.join(seeds, 'loop'), { recursive: true });
    writeFileSync(path.join(seeds, 'good.txt'), 'Opening hours\nThe library opens at nine.\n');
    writeFileSync(path.join(seeds, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    writeFileSync(path.join(seeds, 'empty.md'), '');
    writeFileSync(path.join(seeds, 'latin1.txt'), Buffer.from('caf\xe9 au lait\n', 'latin1'));
    writeFileSync(path.join(seeds, 'one-line.txt'), 'x'.repeat(50 * 1024 * 1024 - 1));
    symlinkSync('..', path.join(seeds, 'loop', 'back'));
    const secret = path.join(seeds, 'secret.txt');
    writeFileSync(secret, 'Hidden text.\n');
    chmodSync(secret, 0o000);
    const root = process.getuid?.() === 0;

    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null });
    const text = warnings.join('\n');
    expect(text).toContain('skipped binary.txt: it looks binary');
    expect(text).toContain('skipped empty.md: it has no text');
    expect(text).toContain('skipped latin1.txt: it is not valid UTF-8');
    expect(text).toMatch(/skipped one-line\.txt: it is 50 MB, over the 20 MB/);
    expect(text).toMatch(/skipped folder loop\/back: it links back to a folder already read/);
    if (!root) expect(text).toContain('skipped secret.txt: permission denied');
    expect(engine.documents.map((d) => d.source)).toEqual(root ? ['good.txt', 'secret.txt'] : ['good.txt']);
    expect(engine.answer('When does the library open?').answer?.source).toBe('good.txt');
  });

  it('skips a file with a line too long to be prose', async () => {
    const seeds = path.join(dir, 'long-line');
    mkdirSync(seeds);
    writeFileSync(path.join(seeds, 'ok.txt'), 'The pool opens at eight.\n');
    writeFileSync(path.join(seeds, 'dump.txt'), `Header\n${'word '.repeat(300_000)}\n`);
    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null });
    expect(warnings.join('\n')).toMatch(/skipped dump\.txt: it has a line of 1,500,000 characters/);
    expect(engine.documents.map((d) => d.source)).toEqual(['ok.txt']);
  });

  it('reads pages whose only long line is no prose: an inline image, minified HTML, lines ended by CR', async () => {
    const seeds = path.join(dir, 'not-long');
    mkdirSync(seeds);
    const image = `data:image/png;base64,${'iVBORw0KGgo'.repeat(110_000)}`;
    writeFileSync(
      path.join(seeds, 'saved.html'),
      `<html><head><title>Mooring guide</title></head><body>\n<p>The mooring fee is twelve euros.</p>\n<p><img alt="map" src="${image}"></p>\n</body></html>\n`,
    );
    const paragraphs = Array.from(
      { length: 14_000 },
      (_, i) => `<p>Note ${i}: keepers log the weather at dawn.</p>`,
    );
    writeFileSync(
      path.join(seeds, 'minified.html'),
      `<html><body><h1>Keepers</h1><p>The lighthouse opens to visitors on Saturdays.</p>${paragraphs.join('')}</body></html>`,
    );
    writeFileSync(
      path.join(seeds, 'faq.md'),
      `# FAQ\n\nThe harbour master answers on channel sixteen.\n\n![map](${image})\n`,
    );
    const para = 'The ferry office keeps lost property for thirty days and answers questions about fees.\r';
    writeFileSync(
      path.join(seeds, 'handbook.txt'),
      `Ferry handbook\r\rThe night ferry leaves from pier four.\r\r${`Section\r\r${para.repeat(3)}\r`.repeat(3000)}`,
    );
    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null });
    // Before: each of them "skipped …: it has a line of 1,2…,… characters, which is data".
    expect(warnings).toEqual([]);
    expect(engine.documents.map((d) => d.source).sort()).toEqual([
      'faq.md',
      'handbook.txt',
      'minified.html',
      'saved.html',
    ]);
    expect(engine.answer('when does the lighthouse open to visitors?').answer?.source).toBe('minified.html');
    expect(engine.answer('which channel does the harbour master answer on?').answer?.source).toBe('faq.md');
    expect(engine.answer('where does the night ferry leave from?').answer?.source).toBe('handbook.txt');
    expect(engine.answer('mooring fee').results[0]?.source).toBe('saved.html');
  });

  it('reads a page with a 10 MB inline image, and skips data an inline address does not excuse', async () => {
    const seeds = path.join(dir, 'big-image');
    mkdirSync(seeds);
    const payload = 'iVBORw0KGgoAAAANSUhEUgAA'.repeat(400_000);
    writeFileSync(
      path.join(seeds, 'page.md'),
      `# Map\n\nThe harbour map shows the moorings.\n\n![map](data:image/png;base64,${payload})\n`,
    );
    // A text file of addresses is data; so is a minified page of 1.2 million paragraphs.
    writeFileSync(
      path.join(seeds, 'dump.txt'),
      `Dump\n\ndata:image/png;base64,${payload.slice(0, 1_200_000)}\n`,
    );
    writeFileSync(path.join(seeds, 'table.html'), `<html><body>${'<p>a</p>'.repeat(600_000)}</body></html>`);
    writeFileSync(path.join(seeds, 'ok.txt'), 'The pool opens at eight.\n');
    // Before: "Maximum call stack size exceeded" from the address's regex, and no start at all.
    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null });
    expect(engine.documents.map((d) => d.source).sort()).toEqual(['ok.txt', 'page.md']);
    expect(warnings.join('\n')).toMatch(/skipped dump\.txt: it has a line of 1,200,022 characters/);
    expect(warnings.join('\n')).toMatch(/skipped table\.html: it has 1,200,00\d lines/);
    const map = engine.answer('what does the harbour map show?');
    expect(map.answer?.source).toBe('page.md');
    expect(map.results.map((r) => r.text).join(' ')).not.toContain('iVBOR');
  });

  it('reads a reStructuredText page with an inline image; keeps a short data: address of a code example', async () => {
    const seeds = path.join(dir, 'rst-image');
    mkdirSync(seeds);
    const payload = 'QUJD'.repeat(300_000);
    writeFileSync(
      path.join(seeds, 'harbour.rst'),
      `Harbour\n=======\n\nThe map below shows the quay.\n\n.. |map| image:: data:image/png;base64,${payload}\n\n|map|\n\nThe harbour opens at nine.\n`,
    );
    const icon = `data:image/png;base64,${'iVBORw0K'.repeat(40)}`;
    writeFileSync(
      path.join(seeds, 'css.md'),
      `# Icons\n\nSet the icon in CSS:\n\n\`\`\`css\n.icon { background: url(${icon}); }\n\`\`\`\n`,
    );
    writeFileSync(path.join(seeds, 'ok.txt'), 'The pool opens at eight.\n');
    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null });
    // Before: "skipped harbour.rst: it has a line of 1,200,039 characters".
    expect(warnings).toEqual([]);
    expect(engine.answer('when does the harbour open?').answer?.source).toBe('harbour.rst');
    // A 320-character address in a code example is text as written.
    expect(
      engine
        .answer('how do I set the icon in css?')
        .results.map((r) => r.text)
        .join('\n'),
    ).toContain(icon);
  });

  it('holds an HTML page read as plain text, when reading it as a page fails, to the limits of text', async () => {
    await prepareReaders(['a.html']);
    // A one-line page whose table's rowspans would make its text far larger than the file: read
    // as plain text instead, its 1.3 million character line is data.
    const rows = `<tr><td rowspan="1000">${'word '.repeat(40)}</td><td>x</td></tr>`.repeat(2000);
    let page = `<html><body><h1>Title</h1><p>Some text.</p><table><tr><th>A</th><th>B</th></tr>${rows}</table>`;
    while (page.length < 1_300_000) page += `<p>${'lorem ipsum '.repeat(10)}</p>`;
    const parsed = parseFile('a.html', Buffer.from(`${page}</body></html>`));
    // Before: a document of one 1.3 MB paragraph, its tags in the text.
    expect(parsed.kind).toBe('skipped');
    expect(parsed.kind === 'skipped' && parsed.warning).toMatch(
      /skipped a\.html: it has a line of 1,3\d\d,\d\d\d characters/,
    );
  });

  it('skips a file of more lines than documentation has, before parsing it', async () => {
    const seeds = path.join(dir, 'many-lines');
    mkdirSync(seeds);
    writeFileSync(path.join(seeds, 'ok.txt'), 'The pool opens at eight.\n');
    // 1.2 million one-letter paragraphs in 3.6 MB: taken, it held gigabytes for a minute.
    writeFileSync(path.join(seeds, 'list.txt'), 'a\n\n'.repeat(600_000));
    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null });
    expect(warnings.join('\n')).toContain(
      'skipped list.txt: it has 1,200,001 lines, over the 1,000,000 a document may have, which is data, not paragraphs (split it)',
    );
    expect(engine.documents.map((d) => d.source)).toEqual(['ok.txt']);
  });
});
