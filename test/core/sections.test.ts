/** Passages the size of an answer: sections, groups, windows. */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import { corpusOf } from '../helpers.js';

const engine = (files: Record<string, string>) =>
  Engine.create(corpusOf({ ...files, 'other.txt': 'Other\n\nUnrelated words here.\n' }));

describe('passages', () => {
  it('keep a notice above the title apart from the introduction under it', () => {
    const e = engine({
      'bench.md':
        '_We are moving to a new home: the old site closes in June._\n\n# Tinybench\n\nBenchmark your code easily with Tinybench.\n\n## Installing\n\nRun npm install.\n',
    });
    const r = e.answer('how do I benchmark my code?').results;
    expect(r[0]?.text).toBe('Benchmark your code easily with Tinybench.');
    expect(e.answer('is the old site closing?').results[0]?.text).toBe(
      'We are moving to a new home: the old site closes in June.',
    );
  });

  it('keep a short section whole, its heading path cited, the heading not a result of its own', () => {
    const e = engine({
      'api.md':
        '# API\n\n## Options\n\n### maxRetries\n\nDefault: 3\n\nHow many times a request is retried.\n',
    });
    const r = e.answer('how many times is a request retried by default?').results;
    expect(r[0]).toMatchObject({ section: 'Options › maxRetries', paragraph: 4, through: 5 });
    expect(r[0]?.text).toBe('Default: 3\nHow many times a request is retried.');
    expect(r.some((x) => x.text === 'maxRetries')).toBe(false);
  });

  it('split a long section at its paragraphs, each keeping the section', () => {
    const para = (n: number) =>
      `Paragraph ${n} of the long section speaks about topic${n} at length. `.repeat(6);
    const e = engine({ 'long.md': `# Doc\n\n## Long\n\n${[1, 2, 3, 4].map(para).join('\n\n')}\n` });
    const r = e.answer('topic3').results[0];
    expect(r).toMatchObject({ section: 'Long', paragraph: 5 });
    expect(r?.through).toBeUndefined();
  });

  it('keep a lead-in ending with a colon with the code and list it introduces', () => {
    const filler = 'Background words to make this section longer than one message. '.repeat(30);
    const e = engine({
      'setup.md': `# Setup\n\n## Install\n\n${filler}\n\nInstall with npm:\n\n\`\`\`sh\nnpm install widget\n\`\`\`\n`,
    });
    const r = e.answer('How do I install it with npm?').results[0];
    expect(r?.text).toBe('Install with npm:\nnpm install widget');
  });

  it('keep a code block with the paragraph that shows it and the short one that says what it does', () => {
    const filler = 'Background words to make this section longer than one message. '.repeat(30);
    // Enough packages that the two groups do not fit one packed passage together.
    const packages = Array.from({ length: 30 }, (_, n) => `"packages/p${n}"`).join(', ');
    const e = engine({
      'workspaces.md': [
        '# Workspaces\n\n## Running commands\n',
        filler,
        'You could also run the command within the workspace.',
        '```\ncd packages/a && npm run test\n```',
        'Either will run the test script defined within the package.',
        'Commands run in each workspace in the order they appear in your package.json',
        `\`\`\`json\n{ "workspaces": [${packages}] }\n\`\`\``,
      ].join('\n\n'),
    });
    expect(e.answer('how do I run the test script inside one workspace?').results[0]?.text).toBe(
      'You could also run the command within the workspace.\ncd packages/a && npm run test\nEither will run the test script defined within the package.',
    );
    // A paragraph right before a code block is that block's, not the one before.
    expect(e.answer('in which order do commands run in each workspace?').results[0]?.text).toBe(
      `Commands run in each workspace in the order they appear in your package.json\n{ "workspaces": [${packages}] }`,
    );
  });

  it('keep a list, a lead-in with its code, and a label apart, and never grow a group past one passage', () => {
    const filler = 'Background words to make this section longer than one message. '.repeat(30);
    const settings = Array.from({ length: 45 }, (_, n) => `npm config set option${n} value${n}`).join('\n');
    const items = Array.from({ length: 14 }, (_, n) => `- Option ${n} controls one behaviour of the tool.`);
    const e = engine({
      'config.md': [
        '# Config\n\n## Settings\n',
        filler,
        'Set every option with:',
        `\`\`\`sh\n${settings}\n\`\`\``,
        `This writes each option into your user npmrc file. ${'It keeps them for later runs. '.repeat(3)}`,
        items.join('\n'),
        '```sh\nnpm --version\n```',
        '**Conclusion**',
      ].join('\n\n'),
    });
    // The lead-in keeps its long code; the sentence after them would not fit with both.
    const set = e.answer('set every option with npm config set option7 value7').results[0]?.text ?? '';
    expect(set.startsWith(`Set every option with:\n${settings.slice(0, 40)}`)).toBe(true);
    expect(set).not.toContain('npmrc');
    expect(e.answer('user npmrc file later runs').results[0]?.text).toMatch(/^This writes each option/);
    // The list stays one passage: the code after its last item does not join it.
    const list = e.answer('which option controls one behaviour?').results[0]?.text ?? '';
    expect(list.split('\n')).toHaveLength(14);
    expect(e.answer('npm version').results[0]?.text).toBe('npm --version');
    // Without a colon too: the paragraph before keeps the code when the one after would not fit.
    const plain = engine({
      'config.md': [
        '# Config\n\n## Settings\n',
        filler,
        'Every option can be set at once',
        `\`\`\`sh\n${settings}\n\`\`\``,
        `This writes each option into your user npmrc file. ${'It keeps them for later runs. '.repeat(3)}`,
      ].join('\n\n'),
    });
    const all = plain.answer('can every option be set at once with npm config set option7 value7?')
      .results[0];
    expect(all?.text.startsWith('Every option can be set at once\nnpm config set option0')).toBe(true);
    expect(all?.text).not.toContain('npmrc');
  });

  it("keep an example's lead-in with its code in a list too long to be one passage", () => {
    const item = (n: number, what: string, command: string) =>
      `${n}. ${what} ${'This is one of the common ways to read the dependency graph of a workspace. '.repeat(4)}It goes:\n\n   \`\`\`\n   ${command}\n   \`\`\``;
    const e = engine({
      'cargo-tree.md': [
        '# cargo-tree\n\n## Examples\n',
        item(1, 'Display the tree for the package in the current directory.', 'cargo tree'),
        item(2, 'Display all the packages that depend on the syn package.', 'cargo tree -i syn'),
        item(3, 'Show the features enabled on each package.', 'cargo tree --format "{p} {f}"'),
        item(4, 'Show all packages that are built multiple times.', 'cargo tree -d'),
        item(5, 'Explain why features are enabled for the syn package.', 'cargo tree -e features -i syn'),
        item(6, 'Show the dependencies of the build scripts only.', 'cargo tree -e build'),
      ].join('\n\n'),
    });
    const top = e.answer('how do I list the packages that depend on syn?').results[0]?.text ?? '';
    expect(top).toContain('depend on the syn package');
    expect(top).toContain('cargo tree -i syn');
    expect(top).not.toContain('cargo tree -d');
  });

  it('keep a command with the line that leads in to it, though the command looks like a label', () => {
    const filler = 'APT is the package tool of the system and retrieves packages from many sources. '.repeat(
      20,
    );
    const e = engine({
      'faq.txt': [
        '8. Package tools',
        '',
        '8.1. APT',
        '',
        filler,
        '',
        'Some common ways to use apt are:',
        '',
        '  * To install the foo package and all its dependencies, run:',
        '',
        '    apt install foo',
        '',
        '  * To remove the foo package from your system, run:',
        '',
        '    apt remove foo',
        '',
        '  * To remove the foo package and its configuration files, run:',
        '',
        '    apt purge foo',
        '',
      ].join('\n'),
    });
    const top =
      e.answer('how do I remove the foo package and its configuration files?').results[0]?.text ?? '';
    expect(top).toContain('its configuration files, run:');
    expect(top).toContain('apt purge foo');
  });

  it('read a table of contents as nothing, and its headings as sections', () => {
    const e = engine({
      'faq.txt':
        'FAQ\n\n 1. Billing\n  1.1 When are invoices sent?\n 2. Access\n  2.1 How do I reset my card?\n\n1. Billing\n\n  1.1 When are invoices sent?\n\n  Invoices go out on the first of the month.\n\n2. Access\n\n  2.1 How do I reset my card?\n\n  Ask at the front desk.\n',
    });
    const r = e.answer('When are invoices sent?', { limit: 5 }).results;
    expect(r[0]).toMatchObject({ section: '1. Billing › 1.1 When are invoices sent?' });
    expect(r[0]?.text).toBe('Invoices go out on the first of the month.');
    expect(r.every((x) => !x.text.includes('2.1 How do I reset'))).toBe(true);
    // Its label goes with it.
    const labelled = engine({
      'faq.txt':
        'FAQ\n\nTable of Contents\n\n 1. Billing\n  1.1 When are invoices sent?\n 2. Access\n  2.1 How do I reset my card?\n\n1. Billing\n\n  1.1 When are invoices sent?\n\n  Invoices go out on the first of the month.\n\n2. Access\n\n  2.1 How do I reset my card?\n\n  Ask at the front desk.\n',
    });
    expect(labelled.answer('table of contents').results).toEqual([]);
  });

  it("pack a long section's short paragraphs into passages of up to 500 characters", () => {
    const options = (n: number) =>
      `Option ${n} of the parser is described here with its default value and the reasons to change it. `.repeat(
        4,
      );
    const e = engine({
      'parsers.md': [
        '# Body parsers',
        '## Content types',
        'The server parses application/json and text/plain bodies by default, with a charset of utf-8.',
        'To support other content types, use the addParser API or an existing plugin.',
        ...[1, 2, 3, 4].map(options),
      ].join('\n\n'),
    });
    const r = e.answer('how do I accept a content type the server does not parse by default?').results[0];
    // The one-line paragraph travels with the one before it: together they answer.
    expect(r).toMatchObject({ section: 'Content types', paragraph: 3, through: 4 });
    expect(r?.text).toContain('use the addParser API');
    // Paragraphs too long to pack (about 400 characters each, two over 500) stay apart.
    const option = e.answer('option 3 of the parser').results[0];
    expect(option).toMatchObject({ paragraph: 7 });
    expect(option?.through).toBeUndefined();
  });

  it('keep the short paragraphs of plain text under no heading apart (a news article)', () => {
    const e = engine({
      'news.txt':
        'The council met on Monday.\n\nThe mayor spoke first about the new bridge.\n\nThe budget was approved later that evening.\n',
    });
    expect(e.answer('when was the budget approved?').results[0]?.text).toBe(
      'The budget was approved later that evening.',
    );
  });

  it('read a very long paragraph as windows of at most 1,000 characters', () => {
    const long = Array.from({ length: 200 }, (_, i) => `Sentence ${i} mentions word${i} here.`).join(' ');
    const e = engine({ 'big.txt': `Big\n\n${long}\n` });
    const r = e.answer('word150').results[0];
    expect(r?.text).toContain('word150');
    expect(r?.text.length).toBeLessThanOrEqual(1000);
  });

  it("cut a long code block's windows between its lines, never inside one", () => {
    const lines = Array.from(
      { length: 40 },
      (_, i) => `def handler_${i}(event, context):  # process event number ${i}`,
    );
    const e = engine({ 'h.md': `# Handlers\n\n\`\`\`python\n${lines.join('\n')}\n\`\`\`\n` });
    const found = e.answer('handler 35 event').results;
    const shown = found.flatMap((r) => r.text.split('\n'));
    expect(shown.some((l) => l.includes('handler_35'))).toBe(true);
    for (const line of shown) expect(lines).toContain(line);
    // The passage knows its whole paragraph (Show paragraph shows it).
    expect(found[0]?.paragraphText).toMatchObject({ text: lines.join('\n'), code: true });
  });
});
