/**
 * `npm run gaps`: the knowledge-gaps report of /gaps on the command line.
 *   npm run gaps                   everything kept (GAPS_RETENTION_DAYS), as text
 *   npm run gaps -- --days 7       the last 7 days
 *   npm run gaps -- --json         one JSON object (needs, answers, documents, skipped)
 * Reads DATA_DIR (and .env); exit code 2 with one line for a usage or settings problem.
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readConfig } from './bot/config.js';
import { GapsStore } from './bot/gaps-store.js';
import { quoted } from './bot/logger.js';
import { endOnClosedOutput } from './bot/stdout.js';
import { type GapsReport, GapsTally } from './core/index.js';

const USAGE = 'usage: npm run gaps -- [--days N] [--json]';

/** A word or a path from the log, its control characters escaped as `quoted` escapes them. */
const plain = (text: string): string => quoted(text).slice(1, -1);

function textOf(report: GapsReport, skipped: number): string {
  const out: string[] = [
    `Knowledge gaps over ${report.days ? `the last ${report.days} days` : 'everything kept'}: ${report.events} events.`,
  ];
  if (skipped)
    out.push(`${skipped} record(s) could not be read (a write cut short by a crash) and were skipped.`);
  out.push('', 'Questions the documents could not answer (rephrasings counted together):');
  if (report.needs.length === 0) out.push('  none');
  for (const n of report.needs) {
    out.push(
      `  ${n.people} ${n.people === 1 ? 'person' : 'people'}, asked ${n.asked}x: ${quoted(n.question)}`,
    );
    if (n.also.length) out.push(`      also asked as: ${n.also.map(quoted).join(', ')}`);
    if (n.missing.length) out.push(`      not in the documents: ${n.missing.map(plain).join(', ')}`);
  }
  out.push('', 'Answers voted down:');
  if (report.answers.length === 0) out.push('  none');
  for (const a of report.answers) {
    out.push(
      `  -${a.down} +${a.up}: ${quoted(a.question)} (${a.source === null ? 'no passage' : plain(a.source)}${a.paragraph ? ` ¶${a.paragraph}` : ''})`,
    );
    for (const r of a.reasons) out.push(`      reason: ${quoted(r)}`);
  }
  out.push('', 'Documents whose answers were voted down:');
  if (report.documents.length === 0) out.push('  none');
  for (const d of report.documents) out.push(`  ${plain(d.source)}: -${d.down} +${d.up}`);
  return out.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let values: { days?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { days: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`seedbot: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const days = values.days === undefined ? null : Number(values.days);
  if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 3650)) {
    console.error(
      `seedbot: --days must be a whole number of days from 1 to 3650, not "${values.days}"\n${USAGE}`,
    );
    return 2;
  }
  const config = readConfig(console.error);
  if (!config) return 2;
  // A DATA_DIR that is not there (a typo, another folder than the bot's) would read as no gaps.
  const where = await stat(config.dataDir).catch(
    (error: NodeJS.ErrnoException) => error.code ?? 'unreadable',
  );
  if (typeof where !== 'string' && !where.isDirectory()) {
    console.error(
      `seedbot: DATA_DIR (${config.dataDir}) is a file, not a folder: set it to the bot's DATA_DIR`,
    );
    return 2;
  }
  if (where === 'ENOENT')
    console.error(
      `note: DATA_DIR (${config.dataDir}) does not exist, so nothing was ever recorded there: set DATA_DIR to the folder the bot uses (by default .data in its folder)`,
    );
  endOnClosedOutput();
  const store = new GapsStore({ dir: config.dataDir, retentionDays: config.gapsRetentionDays });
  const tally = new GapsTally();
  const { skipped } = await store.scan(days ?? undefined, (e) => tally.add(e));
  const report = tally.report(days);
  if (values.json) console.log(JSON.stringify({ ...report, skipped }));
  else console.log(textOf(report, skipped));
  if (!config.gaps) console.error('note: GAPS=off, so nothing new is being recorded.');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `seedbot: could not read the knowledge-gaps log: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  },
);
