/**
 * Nothing outside the seeds folder is ever read or served: links that leave it, hidden files,
 * special files and oversized files are skipped, each with one warning naming it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus, readSeeds } from '../../src/core/corpus.js';
import { openSeeds } from '../../src/core/index.js';

let top: string;
let seeds: string;
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.secret-token-value-0123456789';

beforeEach(() => {
  top = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbot-boundary-'));
  seeds = path.join(top, 'seeds');
  fs.mkdirSync(seeds);
  fs.writeFileSync(path.join(top, '.env'), `DISCORD_TOKEN=${TOKEN}\n`);
  fs.writeFileSync(
    path.join(seeds, 'guide.md'),
    '# Guide\n\nThe bot reads DISCORD_TOKEN from its settings.\n\nAsk it about the guide.\n',
  );
});

/**
 * Stops a child process and waits for it: one still renaming or saving in the folder when it is
 * removed refills it meanwhile (the clean-up failed once with ENOTEMPTY on a busy machine).
 */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}

afterEach(() => {
  fs.rmSync(top, { recursive: true, force: true });
});

describe('the seeds folder boundary', () => {
  it('never serves a file that a link points to outside the folder', async () => {
    fs.symlinkSync('../.env', path.join(seeds, 'notes.txt'));
    fs.symlinkSync('/etc/passwd', path.join(seeds, 'passwd.txt'));
    fs.symlinkSync('/proc/self/status', path.join(seeds, 'status.md'));
    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null });
    for (const question of ['DISCORD_TOKEN', 'root x 0 bin bash', 'Pid VmRSS State']) {
      const served = JSON.stringify(engine.answer(question, { limit: 10 }).results);
      expect(served).not.toContain(TOKEN);
      expect(served).not.toMatch(/root:x:0|VmRSS|Pid:/);
    }
    expect(engine.documents.map((d) => d.source)).toEqual(['guide.md']);
    expect(warnings).toEqual([
      'skipped notes.txt: it is a link to outside the seeds folder, which is never read',
      'skipped passwd.txt: it is a link to outside the seeds folder, which is never read',
      'skipped status.md: it is a link to outside the seeds folder, which is never read',
    ]);
  });

  it('does not walk a folder link to the root of the disk', async () => {
    fs.symlinkSync('/', path.join(seeds, 'everything'));
    // Walking the disk would take far longer than the test's time limit, and list its files.
    const corpus = await loadCorpus(seeds);
    expect(corpus.files.map((f) => f.source)).toEqual(['guide.md']);
    expect(corpus.warnings).toEqual([
      'skipped everything: it is a link to outside the seeds folder, which is never read',
    ]);
  });

  it('follows a link that stays inside the folder, and reads a file reached by several paths once', async () => {
    fs.mkdirSync(path.join(seeds, 'docs'));
    fs.mkdirSync(path.join(seeds, 'more'));
    fs.writeFileSync(path.join(seeds, 'docs', 'faq.txt'), 'FAQ\n\nThe answer is inside.');
    fs.writeFileSync(path.join(seeds, 'more', 'notes.txt'), 'Notes\n\nThe notes are here.');
    fs.symlinkSync('more/notes.txt', path.join(seeds, 'latest.txt'));
    // Sixty links to one file were sixty documents of it (108 s and 4.4 GB for a 4.5 MB file).
    for (let i = 0; i < 3; i++) fs.symlinkSync('docs/faq.txt', path.join(seeds, `copy${i}.txt`));
    fs.linkSync(path.join(seeds, 'guide.md'), path.join(seeds, 'guide-again.md'));
    const corpus = await loadCorpus(seeds);
    // A file is read under its own path (not a link's); of two hard links, the first listed.
    expect(corpus.files.map((f) => f.source)).toEqual(['docs/faq.txt', 'guide-again.md', 'more/notes.txt']);
    expect(corpus.warnings).toEqual([
      'skipped copy0.txt: it is the same file as docs/faq.txt (a link to it), which is read once',
      'skipped copy1.txt: it is the same file as docs/faq.txt (a link to it), which is read once',
      'skipped copy2.txt: it is the same file as docs/faq.txt (a link to it), which is read once',
      'skipped guide.md: it is the same file as guide-again.md (a link to it), which is read once',
      'skipped latest.txt: it is the same file as more/notes.txt (a link to it), which is read once',
    ]);
  });

  it('follows the seeds folder itself when it is a link', async () => {
    const link = path.join(top, 'linked-seeds');
    fs.symlinkSync(seeds, link);
    const corpus = await loadCorpus(link);
    expect(corpus.files.map((f) => f.source)).toEqual(['guide.md']);
    expect(corpus.warnings).toEqual([]);
  });

  it('never indexes dot-files such as .env, naming each one', async () => {
    fs.writeFileSync(path.join(seeds, '.env'), `DISCORD_TOKEN=${TOKEN}\n`);
    fs.writeFileSync(path.join(seeds, '.env.local'), `DISCORD_TOKEN=${TOKEN}\n`);
    fs.writeFileSync(path.join(seeds, '.draft.md'), '# Draft\n\nNot yet.');
    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null });
    expect(JSON.stringify(engine.answer('DISCORD_TOKEN'))).not.toContain(TOKEN);
    expect(warnings).toEqual([
      'skipped .draft.md: hidden files and folders are never read',
      'skipped .env: hidden files and folders are never read',
      'skipped .env.local: hidden files and folders are never read',
    ]);
  });

  it('never serves a page its front matter marks unpublished, naming it', async () => {
    fs.writeFileSync(
      path.join(seeds, 'season-5.md'),
      '---\ntitle: Season 5\ndraft: true\n---\n\n# Season 5\n\nThe secret new map is called Frostpeak.\n',
    );
    fs.writeFileSync(
      path.join(seeds, 'jekyll.md'),
      '---\npublished: false\n---\n\nThe walrus plan is not out yet.\n',
    );
    fs.writeFileSync(path.join(seeds, 'out.md'), '---\ndraft: false\n---\n\nThe horse guide is out.\n');
    // Hugo's TOML front matter writes a bare boolean.
    fs.writeFileSync(
      path.join(seeds, 'hugo.md'),
      '+++\ntitle = "Raid night"\ndraft = true # until the patch\n+++\n\nThe raid boss is Glimmerfang.\n',
    );
    fs.writeFileSync(path.join(seeds, 'live.md'), '+++\ndraft = false\n+++\n\nThe lobby opens at noon.\n');
    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null });
    expect(engine.documents.map((d) => d.source)).toEqual(['guide.md', 'live.md', 'out.md']);
    for (const question of ['What is the new map called?', 'walrus plan', 'who is the raid boss?'])
      expect(JSON.stringify(engine.answer(question, { limit: 10 }))).not.toMatch(
        /Frostpeak|walrus plan is|Glimmerfang/,
      );
    expect(warnings).toEqual([
      'skipped hugo.md: its front matter marks it unpublished (draft: true); remove that to serve it',
      'skipped jekyll.md: its front matter marks it unpublished (published: false); remove that to serve it',
      'skipped season-5.md: its front matter marks it unpublished (draft: true); remove that to serve it',
    ]);
  });

  it("never serves an Obsidian vault's comments, and reads %% as written outside one", async () => {
    // A vault in a folder of the seeds: its settings folder marks it.
    fs.mkdirSync(path.join(seeds, 'vault', '.obsidian'), { recursive: true });
    fs.writeFileSync(path.join(seeds, 'vault', '.obsidian', 'app.json'), '{}');
    fs.writeFileSync(
      path.join(seeds, 'batch.md'),
      '# Batch files\n\nIn a batch file write for %%f in (*.txt) do type %%f to print each file.\n',
    );
    fs.writeFileSync(
      path.join(seeds, 'vault', 'raid.md'),
      '# Raid night\n\nThe raid starts at 20:00 in the [[Sunken Keep|sunken keep]].\n%% GM: the keep boss is Vorlag, weak to fire %%\n\n%%\nGM only: the treasure chest is a mimic.\n%%\n\nBring potions.\n',
    );
    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null });
    for (const question of [
      'who is the keep boss?',
      'is the treasure chest a mimic?',
      'when does the raid start?',
    ])
      expect(JSON.stringify(engine.answer(question, { limit: 10 }))).not.toMatch(
        /GM|Vorlag|mimic is|chest is/,
      );
    expect(engine.answer('when does the raid start?').results[0]?.text).toContain('20:00 in the sunken keep');
    expect(engine.answer('how do I print each file in a batch file?').results[0]?.text).toContain(
      'for %%f in (*.txt) do type %%f',
    );
    // The settings folder is no document, and not worth a warning.
    expect(JSON.stringify([engine.documents.map((d) => d.source), warnings])).not.toContain('.obsidian');
  });

  it("hides a note's comments once its folder becomes a vault, whatever the index snapshot holds", async () => {
    const cache = path.join(top, 'cache');
    fs.writeFileSync(
      path.join(seeds, 'camp.md'),
      '# Camp\n\nThe camp is by the river. %% GM: the ferryman is a spy %%\n',
    );
    const before = await openSeeds(seeds, { cacheDir: cache });
    // Not yet a vault: `%%` is text as written.
    expect(JSON.stringify(before.engine.answer('who is the ferryman?'))).toContain('spy');
    fs.mkdirSync(path.join(seeds, '.obsidian'));
    const after = await openSeeds(seeds, { cacheDir: cache });
    expect(JSON.stringify(after.engine.answer('who is the ferryman? where is the camp?'))).not.toMatch(
      /GM|spy/,
    );
    expect(after.snapshot).not.toBe('loaded');
  });

  it('knows a vault by a linked .obsidian, a link to one of its notes, and from a part of it', async () => {
    const secret = '# Camp\n\nThe camp is by the river. %% GM: the ferryman is a spy %%\n';
    // Settings shared by a link; a note linked from outside the vault; the seeds a vault's part.
    fs.mkdirSync(path.join(top, 'settings'));
    fs.mkdirSync(path.join(seeds, 'vault'));
    fs.symlinkSync(path.join(top, 'settings'), path.join(seeds, 'vault', '.obsidian'));
    fs.writeFileSync(path.join(seeds, 'vault', 'camp.md'), secret);
    fs.symlinkSync(path.join(seeds, 'vault', 'camp.md'), path.join(seeds, 'a-camp.md'));
    const asked = (engine: Awaited<ReturnType<typeof openSeeds>>['engine']) =>
      JSON.stringify(engine.answer('where is the camp? who is the ferryman?', { limit: 10 }));
    const linked = await openSeeds(seeds, { cacheDir: null });
    expect(asked(linked.engine)).toContain('by the river');
    expect(asked(linked.engine)).not.toMatch(/GM|spy/);

    const vault = path.join(top, 'vault');
    fs.mkdirSync(path.join(vault, '.obsidian'), { recursive: true });
    fs.mkdirSync(path.join(vault, 'Public'));
    fs.writeFileSync(path.join(vault, 'Public', 'camp.md'), secret);
    const part = await openSeeds(path.join(vault, 'Public'), { cacheDir: null });
    expect(asked(part.engine)).toContain('by the river');
    expect(asked(part.engine)).not.toMatch(/GM|spy/);
  });

  it("never reads a node_modules folder's packages, naming it", async () => {
    fs.mkdirSync(path.join(seeds, 'node_modules', 'left-pad'), { recursive: true });
    fs.writeFileSync(
      path.join(seeds, 'node_modules', 'left-pad', 'README.md'),
      '# left-pad\n\nPads strings.\n',
    );
    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null });
    expect(engine.documents.map((d) => d.source)).toEqual(['guide.md']);
    expect(warnings).toEqual([
      'skipped folder node_modules: a folder of installed packages is never read (point SEEDS_DIR at the documents)',
    ]);
    // Nor through a link of another name.
    fs.symlinkSync('node_modules', path.join(seeds, 'deps'));
    const linked = await openSeeds(seeds, { cacheDir: null });
    expect(linked.engine.documents.map((d) => d.source)).toEqual(['guide.md']);
  });

  it('never serves a hidden file or folder through a link inside the folder', async () => {
    fs.writeFileSync(path.join(seeds, '.env'), `DISCORD_TOKEN=${TOKEN}\n`);
    fs.mkdirSync(path.join(seeds, '.private'));
    fs.writeFileSync(path.join(seeds, '.private', 'plan.md'), '# Plan\n\nThe secret launch date is May.\n');
    fs.symlinkSync('.env', path.join(seeds, 'settings.txt'));
    fs.symlinkSync('.private', path.join(seeds, 'notes'));
    fs.symlinkSync('.private/plan.md', path.join(seeds, 'plan.md'));
    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null });
    expect(engine.documents.map((d) => d.source)).toEqual(['guide.md']);
    for (const question of ['DISCORD_TOKEN', 'When is the secret launch date?'])
      expect(JSON.stringify(engine.answer(question, { limit: 10 }))).not.toMatch(
        /secret-token|launch date is/,
      );
    expect(warnings).toEqual([
      'skipped .env: hidden files and folders are never read',
      'skipped .private: hidden files and folders are never read',
      'skipped notes: it is a link to a hidden file or folder, which is never read',
      'skipped plan.md: it is a link to a hidden file or folder, which is never read',
      'skipped settings.txt: it is a link to a hidden file or folder, which is never read',
    ]);
  });

  it('lets a reload go ahead past files skipped by rule (only unreadable files stop it)', async () => {
    fs.symlinkSync('../.env', path.join(seeds, 'notes.txt'));
    fs.writeFileSync(path.join(seeds, '.draft.md'), '# Draft\n\nNot yet.');
    fs.symlinkSync('missing.md', path.join(seeds, 'broken.md'));
    await expect(openSeeds(seeds, { cacheDir: null, strict: true })).rejects.toThrow(/broken\.md/);
    fs.rmSync(path.join(seeds, 'broken.md'));
    const { engine, warnings } = await openSeeds(seeds, { cacheDir: null, strict: true });
    expect(engine.documents.map((d) => d.source)).toEqual(['guide.md']);
    expect(warnings).toHaveLength(2);
  });

  it('lets a reload go ahead past a broken link or a link loop that held no served document, not past one that did', async () => {
    fs.mkdirSync(path.join(seeds, 'docs'));
    fs.writeFileSync(path.join(seeds, 'docs', 'ferry.md'), '# Ferry\n\nThe last ferry leaves at six.\n');
    const first = await openSeeds(seeds, { cacheDir: null });
    // Each stopped every reload for as long as it was there (the old documents served for good).
    fs.symlinkSync('v2', path.join(seeds, 'latest'));
    fs.symlinkSync('loop', path.join(seeds, 'loop'));
    fs.symlinkSync('../CHANGELOG.md', path.join(seeds, 'CHANGELOG.md'));
    fs.writeFileSync(path.join(seeds, 'docs', 'ferry.md'), '# Ferry\n\nThe last ferry leaves at midnight.\n');
    const second = await openSeeds(seeds, { cacheDir: null, strict: true, previous: first.engine });
    expect(second.engine.answer('When does the last ferry leave?').answer?.text).toContain('midnight');
    expect(second.warnings.join('\n')).toMatch(/skipped latest: .*broken link/);
    expect(second.warnings.join('\n')).toMatch(/skipped loop: it is a symbolic link loop/);
    // A served document that cannot be read now (being replaced, say) still stops the reload.
    fs.rmSync(path.join(seeds, 'docs', 'ferry.md'));
    fs.symlinkSync('ferry-new.md', path.join(seeds, 'docs', 'ferry.md'));
    await expect(openSeeds(seeds, { cacheDir: null, strict: true, previous: second.engine })).rejects.toThrow(
      /docs\/ferry\.md/,
    );
  });

  it('skips a file whose name is not UTF-8 by rule, saying so, and reloads past it', async () => {
    // `Übersicht.md` in Latin-1, as an archive made on Windows unpacks it.
    const name = Buffer.concat([Buffer.from(`${seeds}/`), Buffer.from([0xdc]), Buffer.from('bersicht.md')]);
    fs.writeFileSync(name, '# Übersicht\n\nAlles über die Fähre.\n');
    const first = await openSeeds(seeds, { cacheDir: null });
    expect(first.engine.documents.map((d) => d.source)).toEqual(['guide.md']);
    // Before: "it disappeared while being read", and every reload failed on it.
    expect(first.warnings).toEqual(['skipped \uFFFDbersicht.md: its name is not UTF-8 (rename it)']);
    const again = await openSeeds(seeds, { cacheDir: null, strict: true, previous: first.engine });
    expect(again.engine.documents.map((d) => d.source)).toEqual(['guide.md']);
  });

  it('skips a named pipe instead of waiting on it, saying so', async () => {
    execFileSync('mkfifo', [path.join(seeds, 'pipe.txt')]);
    const corpus = await loadCorpus(seeds);
    expect(corpus.files.map((f) => f.source)).toEqual(['guide.md']);
    expect(corpus.warnings).toEqual([
      'skipped pipe.txt: it is not a regular file (a named pipe, a socket or a device), which is never read',
    ]);
  });

  it('checks the size of a file before reading it', async () => {
    // 3 GB, sparse: reading it would take seconds and gigabytes.
    const huge = path.join(seeds, 'huge.txt');
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, 3 * 1024 ** 3);
    const corpus = await loadCorpus(seeds);
    expect(corpus.files.map((f) => f.source)).toEqual(['guide.md']);
    expect(corpus.warnings).toEqual([
      'skipped huge.txt: it is 3072 MB, over the 20 MB a document may have (split it)',
    ]);
  });

  it('never serves a file outside through a folder swapped for a link between its check and its reading', async () => {
    // A folder inside and a link to a folder outside, holding files of the same names, swapped
    // back and forth by another process while the folder is read again and again.
    const outside = path.join(top, 'outside');
    fs.mkdirSync(outside);
    fs.mkdirSync(path.join(seeds, '.real'));
    for (let i = 0; i < 100; i++) {
      fs.writeFileSync(path.join(seeds, '.real', `f${i}.md`), `Inside document ${i}.\n`);
      fs.writeFileSync(path.join(outside, `f${i}.md`), `SECRET outside file ${i}.\n`);
    }
    fs.symlinkSync(outside, path.join(seeds, '.link'));
    const swapper = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); process.chdir(process.argv[1]);
        for (;;) { for (const from of ['.real', '.link']) { fs.renameSync(from, 'sub'); fs.renameSync('sub', from); } }`,
        seeds,
      ],
      { stdio: 'ignore' },
    );
    try {
      let served = 0;
      let insideRead = 0;
      for (const end = Date.now() + 3000; Date.now() < end; ) {
        const read = await readSeeds(seeds).catch(() => undefined);
        for (const f of read?.files ?? []) {
          if (f.bytes.toString().includes('SECRET')) served++;
          else if (f.source.startsWith('sub/')) insideRead++;
        }
      }
      // The race was run: files under sub/ were read while it was a folder.
      expect(insideRead).toBeGreaterThan(0);
      expect(served).toBe(0);
    } finally {
      await stop(swapper);
    }
  });

  it('reads a file an editor keeps saving by renaming a new one over it, in every read', async () => {
    // The file opened may be replaced before its place is checked: it is then the old version,
    // still inside the folder, and read (not skipped, which a reload would take as removed).
    const file = path.join(seeds, 'notes.md');
    fs.writeFileSync(file, '# Notes\n\nVersion 0.\n');
    const saver = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); const f = process.argv[1];
        for (let i = 1; ; i++) { fs.writeFileSync(f + '.tmp', '# Notes\\n\\nVersion ' + i + '.\\n'); fs.renameSync(f + '.tmp', f); }`,
        file,
      ],
      { stdio: 'ignore' },
    );
    try {
      let reads = 0;
      const missing: string[] = [];
      for (const end = Date.now() + 2000; Date.now() < end; reads++) {
        const read = await readSeeds(seeds);
        if (!read.files.some((f) => f.source === 'notes.md')) missing.push(read.warnings.join('; '));
      }
      expect(reads).toBeGreaterThan(10);
      expect(missing).toEqual([]);
    } finally {
      await stop(saver);
    }
  });

  it('quotes a file name with a line break in its warning, so it cannot forge a log line', async () => {
    fs.writeFileSync(path.join(seeds, 'evil\nINFO fake line.txt'), '');
    const corpus = await loadCorpus(seeds);
    expect(corpus.warnings).toEqual(['skipped "evil\\nINFO fake line.txt": it has no text']);
  });
});
