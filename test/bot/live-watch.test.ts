/**
 * Watching the seeds folder for weeks: reloads under constant change, a folder deleted and
 * created again, editors' swap and temporary files, and saves that replace a file by renaming.
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveEngine } from '../../src/bot/live.js';
import { createLogger } from '../../src/bot/logger.js';
import { isDocumentPath } from '../../src/bot/seeds-files.js';
import { openSeeds } from '../../src/core/index.js';

let dir: string;
let seeds: string;
let logs: string[];
let live: LiveEngine | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small document of three paragraphs. */
const doc = (title: string, line: string) => `${title}\n${line}\nAsk at the harbour office for more.\n`;

const write = (name: string, text: string) => {
  mkdirSync(path.dirname(path.join(seeds, name)), { recursive: true });
  writeFileSync(path.join(seeds, name), text);
};

/** The text the served engine holds for one document, or undefined when it has none. */
const served = (l: LiveEngine, source: string): string | undefined => {
  const texts = l
    .engine()
    .paragraphs.filter((p) => p.source === source)
    .map((p) => p.text);
  return texts.length > 0 ? texts.join('\n') : undefined;
};

const count = (message: string) => logs.filter((line) => line.includes(message)).length;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seedbot-watch-'));
  seeds = path.join(dir, 'seeds');
  logs = [];
  write('ferry.txt', doc('Ferry times', 'The ferry leaves at nine every morning.'));
  write('museum.md', doc('# Museum', 'The museum opens at ten.'));
});
afterEach(() => {
  live?.close();
  live = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Reads the folder and watches it. `meanwhile` changes it in between, as edits saved while the
 * bot starts do (the live engine is then told when the documents were read).
 */
async function start(
  options: { debounceMs?: number; maxWaitMs?: number; pollMs?: number } = {},
  meanwhile?: () => void,
) {
  const readAt = Date.now();
  const { engine } = await openSeeds(seeds, { cacheDir: null });
  meanwhile?.();
  live = new LiveEngine(engine, {
    ...(meanwhile ? { readAt } : {}),
    seedsDir: seeds,
    cacheDir: null,
    logger: createLogger('debug', (line) => logs.push(line)),
    debounceMs: 100,
    pollMs: 200,
    ...options,
  });
  live.watch();
  return live;
}

/** Open file handles of watchers (fs.watch) in this process. */
const watchers = () => process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap').length;

describe('changes made while the bot was starting', () => {
  /** Watching begins after `meanwhile` changed the folder read a moment before (its times past the read's). */
  async function startAround(meanwhile: () => void) {
    await sleep(150);
    return start({}, meanwhile);
  }

  it('are reloaded once watching begins: a file added, one edited, one deleted', async () => {
    const l = await startAround(() => {
      write('late.md', doc('# Late', 'The night bus runs until two.'));
      write('ferry.txt', doc('Ferry times', 'The ferry leaves at ten every morning.'));
      unlinkSync(path.join(seeds, 'museum.md'));
    });
    for (let i = 0; i < 100 && count('documents reloaded') === 0; i++) await sleep(50);
    // Before, none of them was seen until some later edit.
    expect(count('documents changed while starting')).toBe(1);
    expect(served(l, 'late.md')).toContain('night bus');
    expect(served(l, 'ferry.txt')).toContain('at ten');
    expect(served(l, 'museum.md')).toBeUndefined();
  });

  it('are reloaded when the one change is a file deleted (its folder changed)', async () => {
    const l = await startAround(() => unlinkSync(path.join(seeds, 'museum.md')));
    for (let i = 0; i < 100 && count('documents reloaded') === 0; i++) await sleep(50);
    expect(served(l, 'museum.md')).toBeUndefined();
    expect(served(l, 'ferry.txt')).toContain('at nine');
  });

  it('are reloaded when a file is rewritten with its old time kept (cp -p, rsync -t)', async () => {
    const hourAgo = Date.now() / 1000 - 3600;
    for (const f of ['ferry.txt', 'museum.md', '.']) utimesSync(path.join(seeds, f), hourAgo, hourAgo);
    const l = await startAround(() => {
      write('museum.md', doc('# Museum', 'The museum opens at noon.'));
      utimesSync(path.join(seeds, 'museum.md'), hourAgo, hourAgo);
    });
    for (let i = 0; i < 100 && count('documents reloaded') === 0; i++) await sleep(50);
    expect(served(l, 'museum.md')).toContain('noon');
  });

  it('cost nothing for a file dated in the future (a clock ahead), nor for a folder it may not read', async () => {
    const hourAhead = Date.now() / 1000 + 3600;
    utimesSync(path.join(seeds, 'ferry.txt'), hourAhead, hourAhead);
    const root = process.getuid?.() === 0;
    if (!root) {
      mkdirSync(path.join(seeds, 'lost+found'));
      chmodSync(path.join(seeds, 'lost+found'), 0);
    }
    const l = await startAround(() => {});
    const before = l.engine();
    await sleep(400);
    if (!root) chmodSync(path.join(seeds, 'lost+found'), 0o755);
    expect(count('documents changed while starting')).toBe(0);
    expect(l.engine()).toBe(before);
  });

  it('cost nothing when there were none', async () => {
    const l = await startAround(() => {});
    const before = l.engine();
    await sleep(400);
    expect(count('documents changed while starting')).toBe(0);
    expect(count('reloading documents')).toBe(0);
    expect(l.engine()).toBe(before);
  });
});

describe('watching the seeds folder', () => {
  it('reloads at least every maxWaitMs while a file keeps changing', async () => {
    const l = await start({ debounceMs: 500, maxWaitMs: 1000 });
    let writing = true;
    let last = 0;
    const writer = (async () => {
      const end = Date.now() + 3000;
      while (Date.now() < end) {
        last++;
        write('tide.md', doc('# Tide gauge', `The tide gauge shows reading ${last}.`));
        await sleep(100);
      }
      writing = false;
    })();
    // The first reload serving the file comes while the writes go on, not after they stop.
    let seenWhileWriting: boolean | undefined;
    await expect
      .poll(
        () => {
          if (seenWhileWriting === undefined && served(l, 'tide.md')) seenWhileWriting = writing;
          return seenWhileWriting;
        },
        { timeout: 10_000, interval: 20 },
      )
      .toBeDefined();
    expect(seenWhileWriting).toBe(true);
    await writer;
    // After the writes stop, the last one is served.
    await expect.poll(() => served(l, 'tide.md'), { timeout: 10_000 }).toContain(`reading ${last}.`);
    expect(count('reloading documents')).toBeGreaterThanOrEqual(2);
  });

  it('picks up a seeds folder deleted and created again, without /reindex; /reindex works after', async () => {
    const l = await start();
    rmSync(seeds, { recursive: true });
    await sleep(500);
    write('tours.md', doc('# Tours', 'Boat tours start at the pier at noon.'));
    await expect.poll(() => served(l, 'tours.md'), { timeout: 10_000 }).toContain('noon');
    expect(served(l, 'ferry.txt')).toBeUndefined();
    // Edits to the new folder are watched too.
    write('tours.md', doc('# Tours', 'Boat tours start at the pier at one.'));
    await expect.poll(() => served(l, 'tours.md'), { timeout: 10_000 }).toContain('at one');
    // And /reindex (reload) works on the new folder.
    write('ferry.txt', doc('Ferry times', 'The ferry leaves at eight.'));
    const report = await l.reload('test');
    expect(report.added).toContain('ferry.txt');
    expect(served(l, 'ferry.txt')).toContain('eight');
    // Closing stops every watcher, so the process can exit.
    expect(watchers()).toBeGreaterThan(0);
    l.close();
    await expect.poll(watchers, { timeout: 5000 }).toBe(0);
  });

  it('picks up a seeds folder deleted and created again at once (the new folder may reuse the inode number)', async () => {
    // The folder is not looked for again within this test: its watcher must notice.
    const l = await start({ pollMs: 60_000 });
    rmSync(seeds, { recursive: true });
    write('tours.md', doc('# Tours', 'Boat tours start at the pier at noon.'));
    await expect.poll(() => served(l, 'tours.md'), { timeout: 10_000 }).toContain('noon');
    // The new folder itself is watched: a document added later is served too.
    await sleep(300);
    write('walks.md', doc('# Walks', 'The cliff walk takes two hours.'));
    await expect.poll(() => served(l, 'walks.md'), { timeout: 10_000 }).toContain('cliff');
  });

  it('watches the new folder after /reindex on a seeds folder deleted and created again', async () => {
    // The folder is not looked for again within this test: only /reindex can find it.
    const l = await start({ pollMs: 60_000 });
    rmSync(seeds, { recursive: true });
    await sleep(300);
    write('tours.md', doc('# Tours', 'Boat tours start at the pier at noon.'));
    const report = await l.reload('test');
    expect(report.added).toEqual(['tours.md']);
    // The new folder is watched: an edit is served without another /reindex.
    write('tours.md', doc('# Tours', 'Boat tours start at the pier at one.'));
    await expect.poll(() => served(l, 'tours.md'), { timeout: 10_000 }).toContain('at one');
  });

  it('does not reload for editor swap and temporary files, but does for documents and folders of them', async () => {
    const l = await start();
    write('.notes.md.swp', 'swap');
    write('notes.md~', doc('Backup', 'An editor backup.'));
    write('#notes.md#', doc('Autosave', 'An editor autosave.'));
    write('4913', '');
    unlinkSync(path.join(seeds, '4913'));
    write('4913', '');
    write('x.tmp', 'temporary');
    write('notes.md.tmp', 'temporary');
    write('.goutputstream-ABC123', 'temporary');
    mkdirSync(path.join(seeds, '.git'));
    write('.git/index.md', 'not a document');
    await sleep(1000);
    expect(count('reloading documents')).toBe(0);
    write('new.md', doc('# New', 'A new document about lighthouses.'));
    await expect.poll(() => served(l, 'new.md'), { timeout: 10_000 }).toContain('lighthouses');
    expect(count('reloading documents')).toBe(1);
    // Folders of documents count too: added, renamed, removed.
    write('guides/walks.md', doc('# Walks', 'The cliff walk takes two hours.'));
    await expect.poll(() => served(l, 'guides/walks.md'), { timeout: 10_000 }).toContain('cliff');
    renameSync(path.join(seeds, 'guides'), path.join(seeds, 'trails'));
    await expect.poll(() => served(l, 'trails/walks.md'), { timeout: 10_000 }).toContain('cliff');
    expect(served(l, 'guides/walks.md')).toBeUndefined();
    write('trails/walks.md', doc('# Walks', 'The cliff walk takes three hours.'));
    await expect.poll(() => served(l, 'trails/walks.md'), { timeout: 10_000 }).toContain('three');
    renameSync(path.join(seeds, 'trails'), path.join(dir, 'elsewhere'));
    await expect.poll(() => served(l, 'trails/walks.md'), { timeout: 10_000 }).toBeUndefined();
  });

  it('picks up every save of an editor that writes a temporary file and renames it over the document', async () => {
    const l = await start();
    for (const hour of ['eleven', 'noon', 'one']) {
      write('.goutputstream-XYZ', doc('# Museum', `The museum opens at ${hour}.`));
      renameSync(path.join(seeds, '.goutputstream-XYZ'), path.join(seeds, 'museum.md'));
      await expect.poll(() => served(l, 'museum.md'), { timeout: 10_000 }).toContain(hour);
    }
  });
});

describe('isDocumentPath', () => {
  it('takes documents, aliases.txt and folders; never swap, backup or hidden files', () => {
    for (const p of [
      'a.txt',
      'b.md',
      'C.MD',
      'd.markdown',
      'e.MarkDown',
      'g.mdx',
      'h.rst',
      'docs/I.REST',
      'j.html',
      'k.HTM',
      'aliases.txt',
      'sub/f.md',
      'a/b/c.txt',
      'README',
      'docs/FAQ',
      'x.mkd',
      'notes.text',
    ]) {
      expect(isDocumentPath(p), p).toBe(true);
    }
    for (const p of [
      '.x.md.swp',
      'x.md.swp',
      'x.md~',
      '#x.md#',
      '.#x.md',
      '4913',
      'x.md.tmp',
      'x.tmp',
      '.goutputstream-ABC123',
      '.hidden.md',
      '.git/notes.md',
      'sub/.cache/x.txt',
      'node_modules/left-pad/README.md',
      'docs/node_modules/x/readme.md',
      'image.png',
      'Makefile',
      'README.bak',
      'guide.adoc',
    ]) {
      expect(isDocumentPath(p), p).toBe(false);
    }
    expect(isDocumentPath('guides', true)).toBe(true);
    expect(isDocumentPath('guides.md', true)).toBe(true);
    expect(isDocumentPath('.git', true)).toBe(false);
    expect(isDocumentPath('sub/.git/objects', true)).toBe(false);
    expect(isDocumentPath('node_modules', true)).toBe(false);
  });

  it('agrees with the documents the core reads', async () => {
    const names = [
      'a.txt',
      'b.md',
      'C.MD',
      'd.markdown',
      'e.MarkDown',
      'g.mdx',
      'h.rst',
      'j.html',
      'sub/f.md',
      '.x.md.swp',
      'x.md~',
      '#x.md#',
      '4913',
      'x.md.tmp',
      '.goutputstream-ABC123',
      '.hidden.md',
      '.git/notes.md',
      'sub/.cache/g.txt',
      'README',
      'docs/FAQ',
      'notes.mkd',
      'Makefile',
      'guide.adoc',
    ];
    for (const [i, name] of names.entries())
      write(name, doc(`Title ${i}`, `Paragraph number ${i} of the test.`));
    const { engine } = await openSeeds(seeds, { cacheDir: null });
    const expected = ['ferry.txt', 'museum.md', ...names].filter((n) => isDocumentPath(n)).sort();
    expect(engine.documents.map((d) => d.source).sort()).toEqual(expected);
  });
});
