/**
 * The local `ask` command: answers questions from the seeds folder on the command line.
 *
 *   npm run ask -- "How many fighters are still active?"
 *   npm run ask -- --json --limit 5 --source 002 "question"
 *   printf 'q1\nq2\n' | npm run ask -- --json
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import 'dotenv/config';
import {
  type Answer,
  DEFAULT_CACHE_DIR,
  type Engine,
  isCoreError,
  MAX_LIMIT,
  type Mark,
  openSeeds,
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

function parse(argv: string[]): Options | 'help' {
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
  const seeds = values.seeds ?? (process.env.SEEDS_DIR?.trim() || './seeds');
  const question = positionals.length > 0 ? positionals.join(' ') : undefined;
  return {
    json: values.json === true,
    seeds,
    ...(limit !== undefined ? { limit } : {}),
    ...(values.source !== undefined ? { source: values.source } : {}),
    ...(question !== undefined ? { question } : {}),
  };
}

/** Wraps marked ranges: bold on a terminal, `*…*` elsewhere. */
function highlight(text: string, marks: Mark[], tty: boolean): string {
  const [open, close] = tty ? ['\x1b[1m', '\x1b[22m'] : ['*', '*'];
  let out = '';
  let at = 0;
  for (const [s, e] of marks) {
    out += `${text.slice(at, s)}${open}${text.slice(s, e)}${close}`;
    at = e;
  }
  return out + text.slice(at);
}

export function formatText(a: Answer, tty = false): string {
  const lines = [`Q: ${a.question}`, ''];
  if (a.corrections.length > 0) {
    lines.push(
      `(read ${a.corrections.map((c) => `"${c.from}" as "${c.to.join('" or "')}"`).join(', ')})`,
      '',
    );
  }
  const cite = (r: Answer['results'][number]) =>
    `${r.title}${r.section ? ` \u203A ${r.section}` : ''} \u2014 ${r.source} \u00B6${r.paragraph}${r.through ? `\u2013${r.through}` : ''}${r.url ? ` <${r.url}>` : ''}`;
  if (!a.answer && a.results.length > 0) {
    lines.push(
      a.related === 'missing'
        ? `Nothing in the documents answers this directly: they do not mention ${a.notFound.join(', ')}. Related passages:`
        : 'Nothing in the documents answers this directly; related passages:',
      '',
    );
    a.results.forEach((r, i) => {
      lines.push(`[${i + 1}] ${cite(r)}`);
      lines.push(`    ${highlight(r.excerpt, r.marks, tty)}`);
    });
    return lines.join('\n');
  }
  if (!a.answer) {
    if (a.empty === 'no-terms')
      lines.push(
        'Nothing to search for: the question has only common words. Ask with the words you want found.',
      );
    else if (a.empty === 'weak') {
      lines.push(
        `Nothing relevant found: too little of the question is in the documents (not found: ${a.notFound.join(', ')}).`,
      );
    } else lines.push(`Nothing found in the documents for: ${a.notFound.join(', ')}.`);
    return lines.join('\n');
  }
  lines.push(`Answer: ${highlight(a.answer.text, a.answer.marks, tty)} [1]`, '');
  a.results.forEach((r, i) => {
    lines.push(`[${i + 1}] ${cite(r)}`);
    lines.push(`    ${highlight(r.excerpt, r.marks, tty)}`);
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
      excerpt: highlight(r.excerpt, r.marks, false).replace(/\*([^*]+)\*/g, '**$1**'),
      score: r.score,
    })),
    notFound: a.notFound,
  });
}

async function main(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (options.question !== undefined && !options.question.trim()) {
    throw new UsageError(
      'the question is empty: type what you want to know, e.g. npm run ask -- "who hosted the meeting?"',
    );
  }
  const base = process.env.SOURCES_BASE_URL?.trim();
  const { engine, warnings } = await openSeeds(options.seeds, {
    cacheDir: process.env.CACHE_DIR?.trim() || DEFAULT_CACHE_DIR,
    ...(base ? { sourcesBaseUrl: base } : {}),
  });
  for (const w of warnings) console.error(`warning: ${w}`);
  if (options.source !== undefined) engine.resolveSource(options.source);
  const tty = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const ask = (engine: Engine, question: string) => {
    const a = engine.answer(question, {
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.source !== undefined ? { source: options.source } : {}),
    });
    return options.json ? toJson(a) : formatText(a, tty);
  };
  if (options.question !== undefined) {
    console.log(ask(engine, options.question));
    return 0;
  }
  let first = true;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (!line.trim()) continue;
    if (!options.json && !first) console.log('');
    console.log(ask(engine, line));
    first = false;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || isCoreError(error)) {
      console.error(
        error instanceof UsageError ? `seedbot: ${error.message}\n${USAGE.split('\n')[0]}` : error.message,
      );
      process.exitCode = 2;
      return;
    }
    console.error(`seedbot: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
