/**
 * The local `ask` command: answers questions from the seeds folder on the command line.
 *
 *   npm run ask -- "How many fighters are still active?"
 *   npm run ask -- --json --limit 5 --source 002 "question"
 *   printf 'q1\nq2\n' | npm run ask -- --json
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import 'dotenv/config';
import { folderSettingProblem, sourcesBaseUrlProblem } from './bot/config.js';
import { cappedLines, MAX_INPUT_LINE } from './bot/lines.js';
import { progressReporter } from './bot/progress.js';
import { endOnClosedOutput } from './bot/stdout.js';
import { stripControls, stripMarked } from './bot/text/clean.js';
import {
  type Answer,
  DEFAULT_CACHE_DIR,
  type Engine,
  isCoreError,
  MAX_LIMIT,
  type Mark,
  openSeeds,
  RELATED,
  whyNothing,
} from './core/index.js';

const USAGE = `usage: npm run ask -- [options] "question"
       (no question: reads questions from standard input, one per line)
options:
  --json          one JSON object per question
  --limit K       how many excerpts, 1 to ${MAX_LIMIT} (default 3)
  --source NAME   only the document NAME (file name, path or title)
  --seeds DIR     the documents folder (default: SEEDS_DIR or ./seeds)
  --help          this text`;

/** A problem with how the command was called: one line on stderr, exit code 2. */
class UsageError extends Error {}

interface Options {
  json: boolean;
  limit?: number;
  source?: string;
  seeds: string;
  question?: string;
}

function parse(argv: string[], env: NodeJS.ProcessEnv): Options | 'help' {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof spec; allowPositionals: true }>>;
  const spec = {
    json: { type: 'boolean' },
    limit: { type: 'string' },
    source: { type: 'string' },
    seeds: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  try {
    parsed = parseArgs({ args: argv, options: spec, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}, not "${values.limit}"`);
    }
  }
  if (values.seeds !== undefined && !values.seeds.trim())
    // `--seeds "$DOCS"` with DOCS unset: the current folder would be read, the whole project.
    throw new UsageError(
      '--seeds was given an empty folder name: name the documents folder, or leave --seeds out',
    );
  const seeds = values.seeds ?? (env.SEEDS_DIR?.trim() || './seeds');
  const question = positionals.length > 0 ? positionals.join(' ') : undefined;
  return {
    json: values.json === true,
    seeds,
    ...(limit !== undefined ? { limit } : {}),
    ...(values.source !== undefined ? { source: values.source } : {}),
    ...(question !== undefined ? { question } : {}),
  };
}

/**
 * Wraps marked ranges: bold on a terminal, between `between` elsewhere (`*…*`, `**…**` in JSON).
 * Printed as text, a document's control characters go first (an escape sequence, a bell: a
 * terminal would run them), the marks moved to match, as the bot's views clean their text.
 */
function highlight(text: string, marks: Mark[], tty: boolean, between = '*'): string {
  const [open, close] = tty ? ['\x1b[1m', '\x1b[22m'] : [between, between];
  const shown = between === '**' ? { text, marks } : stripMarked(text, marks);
  let out = '';
  let at = 0;
  for (const [s, e] of shown.marks) {
    out += `${shown.text.slice(at, s)}${open}${shown.text.slice(s, e)}${close}`;
    at = e;
  }
  return out + shown.text.slice(at);
}

/** An excerpt under its citation: every line of it indented (code, a list, a table's rows). */
const indented = (text: string) => text.replace(/^(?=.)/gm, '    ');

export function formatText(a: Answer, tty = false): string {
  const lines = [`Q: ${stripControls(a.question)}`, ''];
  if (a.corrections.length > 0) {
    lines.push(
      `(read ${a.corrections.map((c) => `"${c.from}" as "${c.to.join('" or "')}"`).join(', ')})`,
      '',
    );
  }
  // On one line: a file name with a line break in it must not start a line of its own.
  const cite = (r: Answer['results'][number]) =>
    stripControls(
      `${r.title}${r.section ? ` \u203A ${r.section}` : ''} \u2014 ${r.source} \u00B6${r.paragraph}${r.through ? `\u2013${r.through}` : ''}${r.url ? ` <${r.url}>` : ''}`,
    ).replace(/\s*\n\s*/g, ' ');
  if (!a.answer && a.results.length > 0) {
    if (a.notFound.length > 0) lines.push(`Not in the documents: ${stripControls(a.notFound.join(', '))}`);
    lines.push(RELATED, '');
    a.results.forEach((r, i) => {
      lines.push(`[${i + 1}] ${cite(r)}`);
      lines.push(indented(highlight(r.excerpt, r.marks, tty)));
    });
    return lines.join('\n');
  }
  if (!a.answer) {
    // The same words as the bot's "nothing found" reply.
    lines.push(`Nothing in the documents answers “${stripControls(a.question)}”.`, whyNothing(a));
    if (a.notFound.length > 0) lines.push(`Not found: ${stripControls(a.notFound.join(', '))}`);
    return lines.join('\n');
  }
  lines.push(`Answer: ${highlight(a.answer.text, a.answer.marks, tty)} [1]`, '');
  a.results.forEach((r, i) => {
    lines.push(`[${i + 1}] ${cite(r)}`);
    lines.push(indented(highlight(r.excerpt, r.marks, tty)));
  });
  if (a.notFound.length > 0) lines.push('', `Not found anywhere: ${a.notFound.join(', ')}`);
  return lines.join('\n');
}

export function toJson(a: Answer): string {
  return JSON.stringify({
    question: a.question,
    answer: a.answer
      ? {
          text: a.answer.text,
          source: a.answer.source,
          paragraph: a.answer.paragraph,
          ...(a.answer.section ? { section: a.answer.section } : {}),
          ...(a.answer.url ? { url: a.answer.url } : {}),
        }
      : null,
    ...(a.related ? { related: a.related } : {}),
    results: a.results.map((r) => ({
      source: r.source,
      title: r.title,
      ...(r.section ? { section: r.section } : {}),
      ...(r.url ? { url: r.url } : {}),
      paragraph: r.paragraph,
      ...(r.through ? { through: r.through } : {}),
      text: r.text,
      excerpt: highlight(r.excerpt, r.marks, false, '**'),
      score: r.score,
    })),
    notFound: a.notFound,
  });
}

/** Where the command reads and writes, and the settings it reads (SEEDS_DIR, CACHE_DIR, ...). */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs the command with these arguments (without `node` and the script) and returns its exit
 * code: 0 done, 2 a usage or documents problem (one line on stderr), 1 anything unexpected.
 */
export async function runCli(
  argv: string[],
  io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const env = io.env ?? process.env;
  const print = (text: string) => io.stdout.write(`${text}\n`);
  const printError = (text: string) => io.stderr.write(`${text}\n`);
  try {
    return await main(argv, io, env, print, printError);
  } catch (error) {
    if (error instanceof UsageError || isCoreError(error)) {
      printError(
        error instanceof UsageError ? `seedbot: ${error.message}\n${USAGE.split('\n')[0]}` : error.message,
      );
      return 2;
    }
    printError(`seedbot: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function main(
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  print: (text: string) => void,
  printError: (text: string) => void,
): Promise<number> {
  const options = parse(argv, env);
  if (options === 'help') {
    print(USAGE);
    return 0;
  }
  if (options.question !== undefined && !options.question.trim()) {
    throw new UsageError(
      'the question is empty: type what you want to know, e.g. npm run ask -- "how do I get started?"',
    );
  }
  const base = env.SOURCES_BASE_URL?.trim();
  const baseProblem = base ? sourcesBaseUrlProblem(base, env.DISCORD_TOKEN?.trim()) : undefined;
  if (baseProblem) throw new UsageError(baseProblem);
  // As npm start refuses them: a folder name is printed in messages about the folder.
  const folderProblem =
    folderSettingProblem(
      options.seeds === env.SEEDS_DIR?.trim() ? 'SEEDS_DIR' : '--seeds',
      options.seeds,
      env.DISCORD_TOKEN?.trim(),
    ) ?? folderSettingProblem('CACHE_DIR', env.CACHE_DIR?.trim(), env.DISCORD_TOKEN?.trim());
  if (folderProblem) throw new UsageError(folderProblem);
  const { engine, warnings } = await openSeeds(options.seeds, {
    cacheDir: env.CACHE_DIR?.trim() || DEFAULT_CACHE_DIR,
    // A long build says how far it is on stderr (one updating line on a terminal).
    progress: progressReporter(io.stderr as NodeJS.WritableStream & { isTTY?: boolean }),
    ...(base ? { sourcesBaseUrl: base } : {}),
  });
  for (const w of warnings) printError(`warning: ${w}`);
  if (options.source !== undefined) engine.resolveSource(options.source);
  const tty = io.stdout.isTTY === true && !env.NO_COLOR;
  const ask = (engine: Engine, question: string) => {
    const a = engine.answer(question, {
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.source !== undefined ? { source: options.source } : {}),
    });
    return options.json ? toJson(a) : formatText(a, tty);
  };
  if (options.question !== undefined) {
    print(ask(engine, options.question));
    return 0;
  }
  let first = true;
  for await (const line of cappedLines(io.stdin, MAX_INPUT_LINE)) {
    if (!line.trim()) continue;
    let answered: string;
    try {
      answered = ask(engine, line);
    } catch (error) {
      // A line of only invisible characters (a zero-width space, a control) asks nothing: the
      // next lines are still answered.
      if (isCoreError(error) && error.code === 'EMPTY_QUESTION') continue;
      throw error;
    }
    if (!options.json && !first) print('');
    print(answered);
    first = false;
  }
  return 0;
}

// `npm run ask` (this file run, not imported): the process's arguments and streams.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  endOnClosedOutput();
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
