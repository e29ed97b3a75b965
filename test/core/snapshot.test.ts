import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSeeds } from '../../src/core/corpus.js';
import { openSeeds } from '../../src/core/index.js';
import {
  codeInputs,
  indexPackageVersions,
  loadSnapshot,
  saveSnapshot,
  snapshotKey,
  snapshotPath,
} from '../../src/core/snapshot.js';
import { scriptWith } from '../entry.js';

let dir: string;
let seeds: string;
let cache: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seedbot-snap-'));
  seeds = path.join(dir, 'seeds');
  cache = path.join(dir, 'cache');
  writeCorpus();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeCorpus(extra = '') {
  rmSync(seeds, { recursive: true, force: true });
  const files: Record<string, string> = {
    'a.txt': `Harbour news\nThe ferry to the island leaves at nine every morning.\nTickets cost 2,500 pesos.${extra}\n`,
    'guide.md':
      '---\ntitle: Visitor guide\n---\n\n## Tickets\n\nTickets are sold at the kiosk. The constructor of the pier was Dutch.\n',
    'aliases.txt': 'ferry, boat\n',
  };
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(seeds, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

const ask = async (q: string) =>
  (await openSeeds(seeds, { cacheDir: cache })).engine.answer(q, { limit: 10 });
const snapshotFile = () => path.join(cache, readdirSync(cache)[0] as string);

describe('index snapshots', () => {
  it('builds and saves on the first start, loads on the next, with identical answers', async () => {
    const first = await openSeeds(seeds, { cacheDir: cache });
    expect(first.snapshot).toBe('built');
    const second = await openSeeds(seeds, { cacheDir: cache });
    expect(second.snapshot).toBe('loaded');
    expect(second.warnings).toEqual([]);
    for (const q of [
      'When does the boat leave?',
      'how much are tickets',
      'Visitor guide kiosk',
      'pancakes',
    ]) {
      const a = first.engine.answer(q, { limit: 10 });
      const b = second.engine.answer(q, { limit: 10 });
      expect({ ...b, tookMs: 0 }).toEqual({ ...a, tookMs: 0 });
    }
    expect(second.engine.documents).toEqual(first.engine.documents);
    expect(second.engine.paragraphs).toEqual(first.engine.paragraphs);
  });

  it("keeps each code block's language, from Markdown, HTML and reStructuredText, through a snapshot", async () => {
    writeFileSync(
      path.join(seeds, 'install.md'),
      '# Install\n\nInstall with npm:\n\n```bash title="shell"\nnpm install harbourkit\n```\n',
    );
    writeFileSync(
      path.join(seeds, 'build.html'),
      '<html><body><h1>Build</h1><p>Compile it:</p><pre><code class="language-rust">cargo build --release</code></pre></body></html>',
    );
    writeFileSync(
      path.join(seeds, 'setup.rst'),
      'Setup\n=====\n\nImport the client:\n\n.. code-block:: python\n\n   import harbourclient\n',
    );
    const languages = (engine: Awaited<ReturnType<typeof openSeeds>>['engine']) =>
      ['install harbourkit', 'cargo build release', 'import harbourclient'].map((q) =>
        engine.answer(q, { limit: 1 }).results[0]?.code?.map((c) => c[2]),
      );
    const built = await openSeeds(seeds, { cacheDir: cache });
    expect(built.snapshot).toBe('built');
    expect(languages(built.engine)).toEqual([['bash'], ['rust'], ['python']]);
    const loaded = await openSeeds(seeds, { cacheDir: cache });
    expect(loaded.snapshot).toBe('loaded');
    expect(languages(loaded.engine)).toEqual([['bash'], ['rust'], ['python']]);
    expect(loaded.engine.paragraphs).toEqual(built.engine.paragraphs);
  });

  it('rebuilds after an edit, and answers from the edited text', async () => {
    await openSeeds(seeds, { cacheDir: cache });
    writeCorpus(' The last ferry returns at midnight.');
    const again = await openSeeds(seeds, { cacheDir: cache });
    expect(again.snapshot).toBe('built');
    expect(again.engine.answer('When does the last ferry return?').answer?.text).toContain('midnight');
    expect((await openSeeds(seeds, { cacheDir: cache })).snapshot).toBe('loaded');
  });

  it('gives documents that shared a title their own back once they no longer share it, through a snapshot', async () => {
    rmSync(seeds, { recursive: true, force: true });
    mkdirSync(seeds);
    writeFileSync(path.join(seeds, 'a.md'), '# Overview\n\nAlpha explains the ferry.\n');
    writeFileSync(path.join(seeds, 'b.md'), '# Overview\n\nBeta explains the harbour.\n');
    const first = await openSeeds(seeds, { cacheDir: cache });
    expect(first.engine.documents.map((d) => d.title)).toEqual(['a (Overview)', 'b (Overview)']);
    const restarted = await openSeeds(seeds, { cacheDir: cache });
    expect(restarted.snapshot).toBe('loaded');
    expect(restarted.engine.documents.map((d) => d.title)).toEqual(['a (Overview)', 'b (Overview)']);
    rmSync(path.join(seeds, 'a.md'));
    // The reload reuses b.md's unit from the snapshot: its own title is "Overview".
    const reloaded = await openSeeds(seeds, { cacheDir: cache, previous: restarted.engine });
    expect(reloaded.engine.documents.map((d) => d.title)).toEqual(['Overview']);
    expect(reloaded.engine.answer('What explains the harbour?').results[0]?.title).toBe('Overview');
    expect((await openSeeds(seeds, { cacheDir: cache })).engine.documents.map((d) => d.title)).toEqual([
      'Overview',
    ]);
  });

  it('never takes one file named with line breaks for the files its name spells', async () => {
    rmSync(seeds, { recursive: true, force: true });
    mkdirSync(seeds);
    const ferry = 'The ferry leaves at nine.\n';
    const museum = 'The museum opens at ten.\n';
    const sha1 = (await import('node:crypto')).createHash('sha1').update(ferry).digest('hex');
    const odd = path.join(seeds, `x.txt\n${ferry.length}\n${sha1}\ny.txt`);
    writeFileSync(odd, museum);
    await openSeeds(seeds, { cacheDir: cache });
    rmSync(odd);
    writeFileSync(path.join(seeds, 'x.txt'), ferry);
    writeFileSync(path.join(seeds, 'y.txt'), museum);
    const two = await openSeeds(seeds, { cacheDir: cache });
    expect(two.snapshot).toBe('built');
    expect(two.engine.documents.map((d) => d.source)).toEqual(['x.txt', 'y.txt']);
  });

  it('ignores a corrupt snapshot with a warning and replaces it', async () => {
    await openSeeds(seeds, { cacheDir: cache });
    const file = snapshotFile();
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] as number) ^ 0xff;
    writeFileSync(file, bytes);
    const damaged = await openSeeds(seeds, { cacheDir: cache });
    expect(damaged.snapshot).toBe('built');
    expect(damaged.warnings.join('\n')).toMatch(
      /ignored the index snapshot .*checksum mismatch; rebuilding it/,
    );
    writeFileSync(file, 'not a snapshot at all');
    const foreign = await openSeeds(seeds, { cacheDir: cache });
    expect(foreign.snapshot).toBe('built');
    expect(foreign.warnings.join('\n')).toMatch(/ignored the index snapshot/);
    expect((await openSeeds(seeds, { cacheDir: cache })).snapshot).toBe('loaded');
  });

  it('never uses a snapshot written for other settings, another version or another format', async () => {
    const read = await readSeeds(seeds);
    const key = await snapshotKey(read, {});
    expect(await snapshotKey(read, { titleWeight: 2 })).not.toBe(key);
    // Every ranking setting is part of the key, not only the index's.
    expect(await snapshotKey(read, { answerCoverage: 0.9 })).not.toBe(key);
    await openSeeds(seeds, { cacheDir: cache });
    expect((await loadSnapshot(snapshotFile(), 'another-version-key')).status).toBe('stale');
    const other = await openSeeds(seeds, { cacheDir: cache, engine: { titleWeight: 2 } });
    expect(other.snapshot).toBe('built');
    expect(other.warnings).toEqual([]);
  });

  it('keys a snapshot by the installed Markdown and HTML parsers and tokenizer, so an upgrade rebuilds it', async () => {
    const installed = (name: string) =>
      (
        JSON.parse(readFileSync(path.join('node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    const versions = [
      'marked',
      'yaml',
      'htmlparser2',
      'entities',
      'wink-nlp',
      'wink-eng-lite-web-model',
      'wink-bm25-text-search',
      'porter2',
      'snowball-stemmers',
    ].map((n) => `${n}@${installed(n)}`);
    // Every version is read (htmlparser2 and entities do not export their package.json).
    for (const v of versions) expect(v).toMatch(/@\d+\.\d+\.\d+/);
    expect(await indexPackageVersions()).toEqual(versions);
    // They are hashed into the key with the core's source.
    const inputs = (await codeInputs()).map(String);
    for (const v of versions) expect(inputs).toContain(`\n${v}`);
    expect(inputs.some((p) => /^\ntokenizer\.(ts|js)\n$/.test(p))).toBe(true);
  });

  it('answers questions holding Object.prototype names on built and loaded indexes', async () => {
    for (const expected of ['built', 'loaded']) {
      const opened = await openSeeds(seeds, { cacheDir: cache });
      expect(opened.snapshot).toBe(expected);
      expect(opened.engine.answer('Who was the constructor of the pier?').answer?.text).toContain(
        'constructor',
      );
      for (const q of ['__proto__', 'toString hasOwnProperty', 'constructor prototype __defineGetter__']) {
        expect(() => opened.engine.answer(q)).not.toThrow();
      }
    }
  });

  it('writes atomically where the cache folder says', async () => {
    const read = await readSeeds(seeds);
    const file = snapshotPath(cache, read.root);
    const { engine } = await openSeeds(seeds, { cacheDir: null });
    await saveSnapshot(file, 'k', engine.parts, []);
    expect(readdirSync(cache)).toEqual([path.basename(file)]);
    expect((await loadSnapshot(file, 'k')).status).toBe('hit');
  });
});

describe('ask through snapshots', () => {
  it('answers the same whether built or loaded', async () => {
    const a = await ask('ferry island');
    const b = await ask('ferry island');
    expect(b.results.map((r) => r.paragraph)).toEqual(a.results.map((r) => r.paragraph));
  });
});

describe('temporary snapshot files', () => {
  it('are removed when left by a write that was killed, once they are a quarter of an hour old', async () => {
    mkdirSync(cache, { recursive: true });
    const stale = path.join(cache, 'index-0123456789abcdef.snapshot.4242.m0abc.tmp');
    const fresh = path.join(cache, 'index-0123456789abcdef.snapshot.4343.m0abd.tmp');
    const mine = path.join(cache, 'notes.tmp');
    for (const f of [stale, fresh, mine]) writeFileSync(f, 'partial');
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(stale, hourAgo, hourAgo);
    utimesSync(mine, hourAgo, hourAgo);
    await openSeeds(seeds, { cacheDir: cache });
    const left = readdirSync(cache);
    // Before, each stop during a save left its partial file for good (up to the snapshot's size).
    expect(left).not.toContain(path.basename(stale));
    // Another process may be writing this one; and what is not a snapshot's is not touched.
    expect(left).toContain(path.basename(fresh));
    expect(left).toContain(path.basename(mine));
  });

  it('are removed when the process exits during the write (SIGTERM while saving)', () => {
    const core = scriptWith('src/core/index.ts');
    const snap = scriptWith('src/core/snapshot.ts');
    const root = path.resolve(import.meta.dirname, '../..');
    // Saves the snapshot of a larger folder and exits as soon as its temporary file is there.
    const script = `
      import { existsSync, readdirSync } from 'node:fs';
      import { openSeeds } from ${JSON.stringify(core.module)};
      import { saveSnapshot } from ${JSON.stringify(snap.module)};
      const [seeds, cache] = process.argv.slice(2);
      const { engine } = await openSeeds(seeds, { cacheDir: null });
      const file = cache + '/index-0123456789abcdef.snapshot';
      void saveSnapshot(file, 'k', engine.parts, []);
      const seen = () => existsSync(cache) && readdirSync(cache).some((n) => n.endsWith('.tmp'));
      const wait = () => (seen() ? process.exit(0) : existsSync(file) ? process.exit(3) : setImmediate(wait));
      wait();
    `;
    const file = path.join(dir, 'exit.mjs');
    writeFileSync(file, script);
    let caught = 0;
    for (let attempt = 0; attempt < 5 && caught === 0; attempt++) {
      rmSync(cache, { recursive: true, force: true });
      try {
        execFileSync(
          process.execPath,
          [...core.args(file), path.join(root, 'test/fixtures/docs-node/docs'), cache],
          {
            cwd: root,
          },
        );
        caught++;
      } catch (error) {
        // Exit code 3: the write finished before it was seen; try again.
        if ((error as { status?: number }).status !== 3) throw error;
      }
      if (caught) expect(readdirSync(cache).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
    expect(caught).toBe(1);
  });
});
