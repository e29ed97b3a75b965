import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { cappedLines } from '../../src/bot/lines.js';
import { runCli } from '../../src/cli.js';
import { closedEarly, entryArgs } from '../entry.js';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'seedbot-cli-'));
/** Index snapshots go here, not to the project's .cache. */
const cache = path.join(tmp, 'cache');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const env = (extra: Record<string, string>) => ({
  ...process.env,
  SEEDS_DIR: '',
  NO_COLOR: '1',
  CACHE_DIR: cache,
  ...extra,
});

/** A stream that keeps what is written to it. */
function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** The questions of `--json` output, one object per line. */
const questionsOf = (out: string): string[] =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).question as string);

/** `npm run ask -- ...args` in this process: what it prints and its exit code. */
async function ask(args: string[], input?: string, extra: Record<string, string> = {}) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, {
    stdin: Readable.from(input ? [input] : []),
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: env(extra),
  });
  return { code, out: stdout.text(), err: stderr.text() };
}

/** The command as its own process, as `npm run ask` starts it. */
function askProcess(args: string[], input: string) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [...entryArgs('src/cli.ts'), ...args], {
      cwd: root,
      env: env({}),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

describe('npm run ask', () => {
  it('cites 002 paragraph 6 for the IS fighters question, readably', async () => {
    const r = await ask(['How many IS fighters are still active in Iraq?']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Q: How many IS fighters are still active in Iraq\?/);
    expect(r.out).toContain('Answer: According to jihadist expert');
    expect(r.out).toContain('[1] ');
    expect(r.out).toContain('002_eb905f6be5fc9974.txt \u00B66');
    expect(r.err).toBe('');
  });

  it('indents every line of a multi-line excerpt under its citation', async () => {
    const dir = mkdtempSync(path.join(tmp, 'indent-'));
    try {
      writeFileSync(
        path.join(dir, 'ferry.md'),
        '# Ferry\n\n## Times\n\nThe ferry leaves at these times:\n\n- 7 am from the north pier\n- 5 pm from the north pier\n',
      );
      writeFileSync(path.join(dir, 'market.md'), '# Market\n\nThe fish market opens at dawn.\n');
      writeFileSync(path.join(dir, 'pier.md'), '# Pier\n\nThe pier is closed on Sundays.\n');
      const r = await ask(['--seeds', dir, 'when does the ferry leave the north pier?']);
      const under = r.out.split('\n[1] ')[1]?.split('\n').slice(1, 4) ?? [];
      // Before: the list's lines after the first started at the margin.
      expect(under).toEqual([
        '    The *ferry* *leaves* at these times:',
        '    • 7 am from the *north* *pier*',
        '    • 5 pm from the *north* *pier*',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps each citation on its line, whatever line breaks a file name holds', async () => {
    const dir = mkdtempSync(path.join(tmp, 'names-'));
    try {
      writeFileSync(path.join(dir, 'a\n[2] forged.txt'), 'Yaks\n\nAbout yaks and their wool.\n');
      writeFileSync(path.join(dir, 'market.md'), '# Market\n\nThe fish market opens at dawn.\n');
      writeFileSync(path.join(dir, 'pier.md'), '# Pier\n\nThe pier is closed on Sundays.\n');
      const r = await ask(['--seeds', dir, 'yaks wool']);
      // Before: the name's line break started a line `[2] forged.txt ¶2`, a citation of its own.
      expect(r.out).toContain('a [2] forged.txt \u00B62');
      expect(r.out.split('\n').some((l) => l.startsWith('[2] forged'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints one JSON object per question with the documented fields', async () => {
    const r = await ask(['--json', '--limit', '2', 'How many IS fighters are still active in Iraq?']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0] ?? '');
    expect(o.question).toBe('How many IS fighters are still active in Iraq?');
    expect(o.answer).toMatchObject({ source: '002_eb905f6be5fc9974.txt', paragraph: 6 });
    expect(o.results).toHaveLength(2);
    expect(Object.keys(o.results[0]).sort()).toEqual([
      'excerpt',
      'paragraph',
      'score',
      'source',
      'text',
      'title',
    ]);
    expect(o.results[0].text).toContain('2,000 IS fighters -- nearly all of them Iraqi');
    expect(o.results[0].excerpt).toContain('**fighters**');
  });

  it('skips a line of only invisible characters and answers the next ones', async () => {
    const r = await ask(
      ['--json'],
      'Who hosted the meeting in Baghdad?\n\u2060\n\u200b\u202e\r\nWho urged his followers to continue?\n',
    );
    // Before: "the question is empty", exit 2, and the last question never answered.
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(questionsOf(r.out)).toEqual([
      'Who hosted the meeting in Baghdad?',
      'Who urged his followers to continue?',
    ]);
  });

  it('keeps at most a few thousand characters of a line read from stdin, however long it runs', async () => {
    // Read as it comes, in pieces: readline kept the whole line (a 600 MB one failed with a stack trace).
    const lines: string[] = [];
    const pieces = ['Who hosted', ' the meeting?\r\nx', 'y'.repeat(50_000), 'y'.repeat(50_000), '\nlast'];
    for await (const line of cappedLines(Readable.from(pieces.map((p) => Buffer.from(p))), 100))
      lines.push(line);
    expect(lines).toEqual(['Who hosted the meeting?', `x${'y'.repeat(99)}`, 'last']);
    // Lines ended by a lone CR (old Mac files), and a CRLF split between two pieces.
    const cr: string[] = [];
    for await (const line of cappedLines(
      Readable.from(['one\rtwo\r', '\nthree\r\n\nfour'].map((p) => Buffer.from(p))),
      100,
    ))
      cr.push(line);
    expect(cr).toEqual(['one', 'two', 'three', '', 'four']);
    const r = await ask(['--json'], `${'word '.repeat(400_000)}\nWho urged his followers to continue?\n`);
    expect(r.code).toBe(0);
    const questions = questionsOf(r.out);
    expect(questions).toHaveLength(2);
    expect(questions[0]?.length).toBeLessThanOrEqual(500);
    expect(questions[1]).toBe('Who urged his followers to continue?');
  });

  it('reads questions from stdin, one JSON line each, in order, skipping blank lines', async () => {
    const r = await ask(
      ['--json'],
      'Who hosted the meeting in Baghdad?\n\nWhat is the recipe for pancakes?\nWho urged his followers to continue?\n',
    );
    expect(r.code).toBe(0);
    const objects = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(objects.map((o) => o.question)).toEqual([
      'Who hosted the meeting in Baghdad?',
      'What is the recipe for pancakes?',
      'Who urged his followers to continue?',
    ]);
    expect(objects[1]).toMatchObject({ answer: null, results: [], notFound: ['recipe', 'pancakes'] });
  });

  it('stops quietly when its reader closes the pipe early (| head)', async () => {
    const r = await closedEarly(
      'src/cli.ts',
      ['--json'],
      env({}),
      'How many IS fighters are still active in Iraq?\n'.repeat(2000),
    );
    expect(r.err).not.toMatch(/EPIPE|Error|at /);
    expect(r.code).toBe(0);
  });

  it('stops quietly when its reader closes standard error too (2>&1 | head)', async () => {
    const dir = path.join(tmp, 'many-skipped');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'good.txt'), 'The library opens at nine.\nIt closes at five.\n');
    // Warnings on standard error, one per file skipped.
    for (let i = 0; i < 300; i++) writeFileSync(path.join(dir, `empty-${i}.txt`), '');
    const r = await new Promise<{ code: number | null; err: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [...entryArgs('src/cli.ts'), '--seeds', dir, 'hello'], {
        cwd: root,
        env: env({}),
      });
      let err = '';
      child.stderr.once('data', (d) => {
        err += String(d);
        // The reader has what it wanted: both ends go, as with 2>&1 | head -c 10.
        child.stderr.destroy();
        child.stdout.destroy();
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(r.err).toContain('warning: skipped');
    expect(r.code).toBe(0);
  });

  it('says plainly when nothing is found', async () => {
    const r = await ask(['What is the recipe for pancakes?']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Nothing in the documents answers “What is the recipe for pancakes?”.');
    expect(r.out).toContain('None of its words are in the documents.');
    expect(r.out).toContain('Not found: recipe, pancakes');
  });

  it('filters by --source and rejects an unknown one with exit code 2 and one line', async () => {
    const ok = await ask(['--json', '--source', '000', 'Iraq intelligence']);
    for (const res of JSON.parse(ok.out).results) expect(res.source).toBe('000_45a6886da7819588.txt');
    const bad = await ask(['--source', 'nope', 'Iraq']);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('no document matches "nope"');
    expect(bad.out).toBe('');
  });

  it('says the chosen document does not match, not that the words are missing, under --source', async () => {
    // "hosted" is in the other article only. Before: "None of its words are in the documents."
    const r = await ask(['--source', '000', 'who hosted']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'The document it was limited to does not match it: ask again without choosing a document.',
    );
    expect(r.out).not.toContain('None of its words');
    const json = JSON.parse((await ask(['--json', '--source', '000', 'who hosted'])).out);
    expect(json).toMatchObject({ answer: null, results: [], notFound: [] });
    // Without the filter the same words are found.
    expect(JSON.parse((await ask(['--json', 'who hosted'])).out).results.length).toBeGreaterThan(0);
  });

  it('rejects an empty question and a bad --limit with exit code 2, no stack trace', async () => {
    for (const args of [[''], ['   '], ['--limit', '0', 'x'], ['--limit', 'abc', 'x'], ['--bogus']]) {
      const r = await ask(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^seedbot: /);
      expect(r.err).not.toMatch(/\bat .+:\d+:\d+/);
    }
  });

  it('reports a missing or empty seeds folder in one line with exit code 2', async () => {
    const missing = await ask(['--seeds', path.join(tmp, 'nope'), 'q']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/seeds folder .*nope does not exist/);
    const empty = path.join(tmp, 'empty');
    mkdirSync(empty);
    const r = await ask(['q'], undefined, { SEEDS_DIR: empty });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/has no readable \.txt, \.md, \.rst or \.html documents/);
  });

  it('skips an unreadable or binary file with a warning and serves the rest', async () => {
    const dir = path.join(tmp, 'mixed');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'good.txt'), 'The library opens at nine.\nIt closes at five.\n');
    writeFileSync(path.join(dir, 'blob.txt'), Buffer.from([0x89, 0x50, 0x00, 0x01, 0xff]));
    writeFileSync(path.join(dir, 'latin1.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const r = await ask(['--seeds', dir, 'When does the library open?']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: skipped blob.txt: it looks binary');
    expect(r.err).toContain('warning: skipped latin1.md: it is not valid UTF-8');
    expect(r.out).toContain('good.txt \u00B61');
  });
});

describe('npm run ask on documents of its own', () => {
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmp, 'seeds-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  };

  it("keeps a document's own asterisks in --json excerpts: only the matched words get **", async () => {
    const dir = folder({
      'plans.md': '# Plans\n\nThe premium rate is 5 * 3 * 2 units a month.\n',
      'a.md': '# A\n\nNothing.\n',
      'b.md': '# B\n\nNothing else.\n',
    });
    const r = await ask(['--seeds', dir, '--json', 'premium rate']);
    const excerpt = JSON.parse(r.out).results[0].excerpt as string;
    // Before: "The **premium** **rate** is 5 ** 3 ** 2 units…"
    expect(excerpt).toContain('is 5 * 3 * 2 units');
    expect(excerpt).toContain('**premium**');
  });

  it('prints no control character from a document to the terminal', async () => {
    const dir = folder({
      'evil.md': '# Ferry\n\nThe ferry \u001b]0;pwned\u0007leaves at \u001b[31mnine\u001b[0m.\n',
      'a.md': '# A\n\nNothing.\n',
      'b.md': '# B\n\nNothing else.\n',
    });
    const r = await ask(['--seeds', dir, 'when does the ferry leave?']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('nine');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
  });

  it('refuses a token pasted into SEEDS_DIR or CACHE_DIR, as npm start does, never printing it', async () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.secret-token-value-0123456789';
    for (const extra of <Record<string, string>[]>[
      { SEEDS_DIR: `/srv/${token}` },
      { CACHE_DIR: `/tmp/cache/${token}` },
      { SEEDS_DIR: '/srv/docs', DISCORD_TOKEN: 'abc.def.ghi', CACHE_DIR: 'abc.def.ghi' },
    ]) {
      const r = await ask(['Iraq'], undefined, extra);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        /(?:SEEDS_DIR|CACHE_DIR) holds a value that looks like a bot token \(not shown\)/,
      );
      expect(r.err + r.out).not.toContain(token);
      expect(r.err + r.out).not.toContain('abc.def.ghi');
    }
  });

  it('prints no control character of the question when nothing answers it', async () => {
    const r = await ask(['\u001b[31mzzzqqq\u0007 xyzzy']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Nothing in the documents answers');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
  });

  it('refuses an empty --seeds and a SOURCES_BASE_URL that is no web address, with exit code 2', async () => {
    // Before: --seeds "" read the current folder (the whole project); the bad base was ignored.
    const empty = await ask(['--seeds', '', 'Iraq']);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('--seeds was given an empty folder name');
    const base = await ask(['Iraq'], undefined, { SOURCES_BASE_URL: 'docs.example.org/{name}' });
    expect(base.code).toBe(2);
    expect(base.err).toContain('SOURCES_BASE_URL must be an http(s) URL');
  });
});

describe('npm run ask, as its own process', () => {
  it('answers questions from standard input with exit code 0, and exits with code 2 on a usage problem', async () => {
    const [answered, refused] = await Promise.all([
      askProcess(['--json'], 'Who hosted the meeting in Baghdad?\n\nWhat is the recipe for pancakes?\n'),
      askProcess(['--source', 'nope', 'Iraq'], ''),
    ]);
    expect(answered.code).toBe(0);
    expect(answered.err).toBe('');
    expect(questionsOf(answered.out)).toEqual([
      'Who hosted the meeting in Baghdad?',
      'What is the recipe for pancakes?',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.err.trim().split('\n')).toHaveLength(1);
    expect(refused.err).toContain('no document matches "nope"');
    expect(refused.out).toBe('');
  });
});
