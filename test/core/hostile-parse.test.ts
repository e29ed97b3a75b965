/**
 * Files a folder may hold that took the parsers minutes (a long run of spaces or colons on one
 * line, thousands of list items leading in to the next, a word of 20,000 characters): each is
 * read, its words kept, in about linear time. The sizes make the quadratic code they replaced
 * take 20 s to many minutes; the bounds are generous, for a busy machine.
 */
import { describe, expect, it } from 'vitest';
import { rstToMarkdown } from '../../src/core/parse/rst.js';
import { parseDocument } from '../../src/core/passages.js';

const spaces = ' '.repeat(200_000);

/** The paragraphs of a file read as `kind`, and the milliseconds it took. */
function timed(kind: 'txt' | 'md' | 'rst', content: string): { texts: string[]; ms: number } {
  const started = performance.now();
  const doc =
    kind === 'rst'
      ? parseDocument(rstToMarkdown(content), true, 'x.rst')
      : parseDocument(content, kind === 'md', `x.${kind}`);
  return { texts: doc.paragraphs.map((p) => p.text), ms: performance.now() - started };
}

describe('hostile files', () => {
  it.each([
    [
      'a first line with a long run of spaces (an editor mode line was looked for)',
      'txt',
      `a${spaces}b\n\nBody.`,
      'Body.',
    ],
    [
      'a contents line with a long run of spaces (a dot leader was looked for)',
      'txt',
      `Intro\n=====\n\nSome text here.\n\n1. Intro\nx${spaces}x\n`,
      'Some text here.',
    ],
    [
      'a definition term with a long run of spaces',
      'rst',
      `Title\n=====\n\na${spaces}b\n   definition\n`,
      'definition',
    ],
    [
      'a literal block lead-in with a long run of spaces',
      'rst',
      `Title\n=====\n\na${spaces}b ::\n\n   code\n`,
      'code',
    ],
    ['a title of a long run of spaces', 'rst', `Intro text.\n\n\`a${spaces}b\n-----\n\nBody.\n`, 'Body.'],
    [
      'a title of a long run of colons',
      'rst',
      `Intro text.\n\n:${':'.repeat(200_000)}a\n-----\n\nBody.\n`,
      'Body.',
    ],
    ['a role with a long run of spaces', 'rst', `See :ref:\`x${spaces}y <t>\` now.\n`, 'now.'],
    [
      'a long run of spaces before an MDX comment left open',
      'md',
      `# T\n\nSome text${spaces}{/* unclosed\n\nBody.\n`,
      'Body.',
    ],
  ] as const)('reads %s', (_, kind, content, kept) => {
    const { texts, ms } = timed(kind, content);
    expect(texts.join('\n')).toContain(kept);
    expect(ms).toBeLessThan(5_000);
  });

  it.each([
    ['125,000 list items each leading in to the next', '- item:\n'.repeat(125_000), 'item:'],
    [
      '100,000 headings before 80,000 paragraphs',
      `${'## h\n'.repeat(100_000)}${'para\n\n'.repeat(80_000)}`,
      'para',
    ],
    ['a megabyte of empty nested quotes before shallower lines', '> > > > \n> x\n'.repeat(76_923), 'x'],
    ['a megabyte of empty nested quotes before text', '> > > > \nx\n'.repeat(90_909), 'x'],
    ['fifty paragraphs of one 20,000-character word', `${'a.'.repeat(9_990)}@\n\n`.repeat(50), 'a.a.'],
    [
      'fifty paragraphs of one 20,000-character address',
      `www.a${'?!'.repeat(9_995)}\n\n`.repeat(50),
      'www.a',
    ],
  ] as const)('reads a Markdown file of %s', (_, content, kept) => {
    const { texts, ms } = timed('md', content);
    expect(texts.join('\n')).toContain(kept);
    expect(ms).toBeLessThan(10_000);
  });
});
