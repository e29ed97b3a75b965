/**
 * Shows how the documents of a folder are read: each file's title, then its paragraphs in order,
 * each with its kind and the section path it sits under (headings indented by depth).
 *   npx tsx scripts/outline.ts DIR [--headings] [--match TEXT]
 * --headings prints the headings only; --match keeps the files whose path contains TEXT.
 */
import { parseSeeds, readSeeds } from '../src/core/index.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--match') ?? './seeds';
const headingsOnly = args.includes('--headings');
const match = args.includes('--match') ? args[args.indexOf('--match') + 1] : undefined;

// Piped into `head`: stop quietly when the reader closes.
process.stdout.on('error', () => process.exit(0));
const corpus = parseSeeds(await readSeeds(dir));
for (const warning of corpus.warnings) console.log(`! ${warning}`);
for (const file of corpus.files) {
  if (match && !file.source.includes(match)) continue;
  console.log(`\n=== ${file.source} — title: ${file.title}`);
  for (const p of file.paragraphs) {
    const depth = p.section?.length ?? 0;
    const short = p.text.replace(/\s+/g, ' ').slice(0, 100);
    if (p.kind === 'heading' || p.kind === 'question') console.log(`${'  '.repeat(depth)}# ${short}`);
    else if (!headingsOnly)
      console.log(
        `${'  '.repeat(depth + 1)}¶${p.number} ${p.kind}${p.group ? ` g${p.group}` : ''}: ${short}`,
      );
  }
}
