/**
 * The Markdown parser: CommonMark + GFM blocks reduced to what a reader sees, noise dropped,
 * explicit anchors kept, and hostile input parsed without throwing (checked by outcome, not by
 * timing).
 */
import fc from 'fast-check';
import { Lexer, type Token } from 'marked';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Block } from '../../src/core/blocks.js';
import { codeLanguage, noInlineMarkup, parseMarkdown } from '../../src/core/parse/markdown.js';
import { type ParsedDocument, type ParsedParagraph, parseDocument } from '../../src/core/passages.js';

const blocks = (content: string): Block[] => parseMarkdown(content).blocks;
const doc = (content: string): ParsedDocument => parseDocument(content, true, 'x.md');
const texts = (content: string): string[] => blocks(content).map((b) => b.text);

/** The paragraph whose text starts with `start`, failing the test when there is none. */
function para(d: ParsedDocument, start: string): ParsedParagraph {
  const found = d.paragraphs.find((p) => p.text.startsWith(start));
  if (!found) throw new Error(`no paragraph starting with ${start} in ${JSON.stringify(d.paragraphs)}`);
  return found;
}

const README = `<h1 align="center">pino</h1>

<p align="center">
  <a href="https://www.npmjs.com/package/pino"><img src="https://img.shields.io/npm/v/pino.svg"></a>
</p>

[![npm version](https://img.shields.io/npm/v/pino)](https://www.npmjs.com/package/pino)
[![Build Status](https://img.shields.io/github/actions/workflow/status/pinojs/pino/ci.yml)](https://github.com/pinojs/pino/actions)
![coverage](https://img.shields.io/badge/coverage-100%25-brightgreen)

[Very low overhead](#low-overhead) JavaScript logger.

## Documentation

* [Benchmarks ⇗](/docs/benchmarks.md)
* [API ⇗](/docs/api.md)

<a id="install"></a>
## Install

Install with npm:

\`\`\`sh
npm install pino
\`\`\`

Or with yarn:

    yarn add pino

## Usage

\`\`\`js
const logger = require('pino')()

logger.info('hello world')
\`\`\`

> **Note**: the default level is \`info\`. See the
> [API](./docs/api.md) for more.

## Low overhead

Logging should be fast &amp; cheap: messages tend to pile up over time.

***

[api]: ./docs/api.md
`;

const API = `---
title: "API reference"
url: https://getpino.io/#/docs/api
---

# API

* [pino() => logger](#export)
  * [options](#options)
  * [destination](#destination)
* [Logger Instance](#logger)
  * [logger.level](#logger-level)

<a id="export"></a>
## \`pino([options], [destination]) => logger\`

The exported \`pino\` function takes two optional arguments,
[\`options\`](#options) and [\`destination\`](#destination).

<a id=options></a>
### \`options\` (Object)

An options object.

#### \`level\` (String)

Default: \`'info'\`

The minimum level to log: one of \`'fatal'\`, \`'error'\`, \`'warn'\` or \`'info'\`.

#### \`redact\` (Array|Object)

Default: \`undefined\`

| Option | Type | Description |
|--------|------|-------------|
| \`paths\` | \`string[]\` | Paths to *redact* |
| \`censor\` | \`String\` |  |

### \`destination\` (Stream)

Default: \`pino.destination(1)\` (STDOUT)
`;

describe('parseMarkdown: a README', () => {
  it('reads an HTML title, drops badges and HTML without text, keeps code without fences, with its language', () => {
    const found = blocks(README);
    const group = found.find((b) => b.kind === 'list')?.group;
    expect(group).toBeGreaterThan(0);
    expect(found).toEqual([
      { kind: 'heading', text: 'pino', level: 1 },
      { kind: 'text', text: 'Very low overhead JavaScript logger.' },
      { kind: 'heading', text: 'Documentation', level: 2 },
      { kind: 'list', text: 'Benchmarks ⇗', group },
      { kind: 'list', text: 'API ⇗', group },
      { kind: 'heading', text: 'Install', level: 2, anchor: 'install' },
      { kind: 'text', text: 'Install with npm:' },
      { kind: 'code', text: 'npm install pino', lang: 'sh' },
      { kind: 'text', text: 'Or with yarn:' },
      { kind: 'code', text: 'yarn add pino' },
      { kind: 'heading', text: 'Usage', level: 2 },
      { kind: 'code', text: "const logger = require('pino')()\n\nlogger.info('hello world')", lang: 'js' },
      { kind: 'text', text: 'Note: the default level is info. See the API for more.' },
      { kind: 'heading', text: 'Low overhead', level: 2 },
      { kind: 'text', text: 'Logging should be fast & cheap: messages tend to pile up over time.' },
    ]);
  });

  it('takes the HTML heading as title and gives the lead-in and its code one section', () => {
    const d = doc(README);
    expect(d.title).toBe('pino');
    expect(d.explicitTitle).toBe(true);
    const lead = para(d, 'Install with npm:');
    const code = para(d, 'npm install pino');
    expect(lead).toMatchObject({ section: ['Install'], anchor: 'install' });
    expect(code).toMatchObject({ kind: 'code', section: ['Install'], anchor: 'install' });
    expect(code.group).toBeDefined();
    expect(code.group).toBe(lead.group);
    expect(para(d, 'Note: the default')).toMatchObject({ section: ['Usage'], anchor: 'usage' });
    expect(d.paragraphs.map((p) => p.text).join('\n')).not.toMatch(/shields|<|>|\[!|```/);
  });
});

describe('parseMarkdown: an API reference', () => {
  it('reads the front matter, drops the table of contents, keeps explicit anchors', () => {
    const parsed = parseMarkdown(API);
    expect(parsed.meta).toEqual({ title: 'API reference', url: 'https://getpino.io/#/docs/api' });
    const table = parsed.blocks.find((b) => b.kind === 'table')?.group;
    expect(table).toBeGreaterThan(0);
    expect(parsed.blocks).toEqual([
      { kind: 'heading', text: 'API', level: 1 },
      { kind: 'heading', text: 'pino([options], [destination]) => logger', level: 2, anchor: 'export' },
      {
        kind: 'text',
        text: 'The exported pino function takes two optional arguments, options and destination.',
      },
      { kind: 'heading', text: 'options (Object)', level: 3, anchor: 'options' },
      { kind: 'text', text: 'An options object.' },
      { kind: 'heading', text: 'level (String)', level: 4 },
      { kind: 'text', text: "Default: 'info'" },
      { kind: 'text', text: "The minimum level to log: one of 'fatal', 'error', 'warn' or 'info'." },
      { kind: 'heading', text: 'redact (Array|Object)', level: 4 },
      { kind: 'text', text: 'Default: undefined' },
      {
        kind: 'table',
        text: 'Option: paths \u00b7 Type: string[] \u00b7 Description: Paths to redact',
        group: table,
      },
      { kind: 'table', text: 'Option: censor \u00b7 Type: String', group: table },
      { kind: 'heading', text: 'destination (Stream)', level: 3 },
      { kind: 'text', text: 'Default: pino.destination(1) (STDOUT)' },
    ]);
  });

  it('gives paragraphs their heading path, with explicit anchors or GitHub slugs', () => {
    const d = doc(API);
    expect(d.title).toBe('API reference');
    expect(d.url).toBe('https://getpino.io/#/docs/api');
    expect(para(d, 'The exported pino function')).toMatchObject({
      section: ['API', 'pino([options], [destination]) => logger'],
      anchor: 'export',
    });
    expect(para(d, 'An options object.')).toMatchObject({
      section: ['API', 'pino([options], [destination]) => logger', 'options (Object)'],
      anchor: 'options',
    });
    expect(para(d, "Default: 'info'")).toMatchObject({
      section: ['API', 'pino([options], [destination]) => logger', 'options (Object)', 'level (String)'],
      anchor: 'level-string',
    });
    expect(para(d, 'Option: censor')).toMatchObject({ kind: 'table', anchor: 'redact-arrayobject' });
    expect(para(d, 'Default: pino.destination(1)')).toMatchObject({
      section: ['API', 'pino([options], [destination]) => logger', 'destination (Stream)'],
      anchor: 'destination-stream',
    });
    expect(d.paragraphs.some((p) => p.text === 'Logger Instance' || p.text === 'options')).toBe(false);
  });

  it('slugs a code heading without an explicit anchor the way GitHub does', () => {
    expect(para(doc('### `options` (Object)\n\nText.'), 'Text.').anchor).toBe('options-object');
  });
});

describe('parseMarkdown: heading ids of docs sites', () => {
  // Docusaurus, MkDocs, kramdown and Pandoc write a heading's id after it; their sites link
  // the section by it.
  const SITE = `---
title: Installation
---

## Install the CLI {#install}

Run \`npm install -g widget\`.

### Proxy settings { #proxy .advanced }

Set HTTPS_PROXY first.

## Upgrading {: #upgrade}

Read the changelog.

## Snake\\_case names {#snake}

Escapes read as text.

## Unnumbered {.unnumbered}

No id here.

## Templates use {curly braces}

Not an attribute block.

## The \`{#each}\` block

Code keeps its braces.

## Escaped \\{#literal\\}

Escaped braces are text.
`;

  it('leaves the attribute block out of the section and takes its id as the anchor', () => {
    const d = doc(SITE);
    expect(para(d, 'Run npm install')).toMatchObject({ section: ['Install the CLI'], anchor: 'install' });
    expect(para(d, 'Set HTTPS_PROXY')).toMatchObject({
      section: ['Install the CLI', 'Proxy settings'],
      anchor: 'proxy',
    });
    expect(para(d, 'Read the changelog')).toMatchObject({ section: ['Upgrading'], anchor: 'upgrade' });
    expect(para(d, 'Escapes read as text')).toMatchObject({ section: ['Snake_case names'], anchor: 'snake' });
    // A class alone names no anchor: the slug of the words stands.
    expect(para(d, 'No id here')).toMatchObject({ section: ['Unnumbered'], anchor: 'unnumbered' });
  });

  it('shows a FAQ heading without its Q: mark, linked by the slug of the heading as written', () => {
    const d = doc(
      '# FAQ\n\n#### **Q: Can I get the bot on my server?**\n\nThere is no way to invite it.\n\n## Q: and A: explained\n\nA heading that asks nothing keeps its words.\n',
    );
    expect(para(d, 'There is no way')).toMatchObject({
      section: ['Can I get the bot on my server?'],
      anchor: 'q-can-i-get-the-bot-on-my-server',
    });
    expect(para(d, 'A heading that asks nothing').section).toEqual(['Q: and A: explained']);
  });

  it('keeps braces that are words, code or escaped', () => {
    const d = doc(SITE);
    expect(para(d, 'Not an attribute block').section).toEqual(['Templates use {curly braces}']);
    expect(para(d, 'Code keeps its braces').section).toEqual(['The {#each} block']);
    expect(para(d, 'Escaped braces are text').section).toEqual(['Escaped {#literal}']);
  });
});

describe('parseMarkdown: MDX components, definition lists and markers', () => {
  it("reads an accordion's title as the question it answers, and a tab's, step's or field's name as its lead", () => {
    const d = doc(`---
title: FAQ
---

<AccordionGroup>
  <Accordion title="How do I reset my password?">
    Open Settings, choose Security and click Reset password.
  </Accordion>
  <Accordion title="Can I change my username?">
    Usernames are permanent once chosen.
  </Accordion>
</AccordionGroup>

## Installing

<Tabs>
  <Tab title="Yarn">
    \`\`\`bash
    yarn add widget
    \`\`\`
  </Tab>
</Tabs>

<Steps>
  <Step title="Create a token">
    Generate an API token in the dashboard.
  </Step>
</Steps>

<ParamField path="user_id" type="string" required>
  The id of the user to fetch.
</ParamField>

<Accordion title="Does it work offline?">

Yes, after the first sync.

</Accordion>

After the accordion.

<A NAME="old"></A><P TITLE="x">Old HTML in capitals.</P>
`);
    expect(para(d, 'Open Settings').section).toEqual(['How do I reset my password?']);
    expect(para(d, 'Usernames are permanent').section).toEqual(['Can I change my username?']);
    // A tab's code is code (MDX reads a component's content as Markdown), led by the tab's name.
    const yarn = d.paragraphs.findIndex((p) => p.text === 'Yarn:');
    expect(d.paragraphs[yarn + 1]).toMatchObject({ kind: 'code', text: 'yarn add widget' });
    expect(d.paragraphs.map((p) => p.text)).toEqual(
      expect.arrayContaining([
        'Create a token: Generate an API token in the dashboard.',
        'user_id: The id of the user to fetch.',
        'Old HTML in capitals.',
      ]),
    );
    expect(para(d, 'Yes, after the first sync').section).toEqual(['Installing', 'Does it work offline?']);
    expect(para(d, 'After the accordion').section).toEqual(['Installing']);
  });

  it("reads a GitBook or Hugo tab's title and a titled code block's as leads, and drops other template tags", () => {
    const d = doc(`# Unsubscribe

## Request example

{% tabs %}
{% tab title="cURL" %}
{% code title="unsubscribe.sh" overflow="wrap" %}
\`\`\`bash
wscat -c wss://example.org/ws
\`\`\`
{% endcode %}
{% endtab %}
{% endtabs %}

{% hint style="warning" %}
At most 50 subscriptions per connection.
{% endhint %}

{{< tab name="Docker" >}}
Run the image.
{{< /tab >}}

{% include figure.html title="A figure" %}
`);
    expect(d.paragraphs.map((p) => p.text)).toEqual([
      'Unsubscribe',
      'Request example',
      'cURL:',
      'unsubscribe.sh:',
      'wscat -c wss://example.org/ws',
      'At most 50 subscriptions per connection.',
      'Docker: Run the image.',
    ]);
  });

  it("reads a code block's title in its fence as its lead (Docusaurus title=, VitePress [label])", () => {
    const d = doc(
      '# Install\n\n::: code-group\n\n```sh [npm]\nnpm i widget\n```\n\n```sh [pnpm]\npnpm add widget\n```\n\n:::\n\n```js title="widget.config.js" showLineNumbers\nexport default {}\n```\n\n```js\nplain()\n```\n',
    );
    expect(d.paragraphs.map((p) => p.text)).toEqual([
      'Install',
      'npm:',
      'npm i widget',
      'pnpm:',
      'pnpm add widget',
      'widget.config.js:',
      'export default {}',
      'plain()',
    ]);
  });

  it('gives no label from a component that wraps nothing, an expression, a media name or an HTML tag in capitals', () => {
    const d = doc(`# Page

<Card title="Speed">
  <Icon name="star" /> Builds in under a second.
</Card>

<YouTube id="abc123" title="Getting started video" />
Then install the package with npm.

<Diagram name="sharing_state_child" height={367}>
The child reads the state.
</Diagram>

<TabItem value="npm" label={"npm"}>
Run npm i widget.
</TabItem>

<Img title="Figure 1">A proxy sits in front.</Img>

<ResponseField name="status" type="string">
Either active or suspended.
</ResponseField>

<Expandable title="properties">
The nested fields.
</Expandable>
`);
    expect(d.paragraphs.map((p) => p.text)).toEqual([
      'Page',
      'Speed: Builds in under a second.',
      'Then install the package with npm.',
      'The child reads the state.',
      'Run npm i widget.',
      'A proxy sits in front.',
      'status: Either active or suspended.',
      // An expandable group of fields is no FAQ's question: its title only leads it.
      'properties: The nested fields.',
    ]);
    expect(para(d, 'properties:').section).toBeUndefined();
  });

  it('leaves marks that are text: an initial after "A.", a code fence\'s line numbers, quoted attribute values', () => {
    const d = doc(`# FAQ

## Q: Who wrote it?

A. J. Smith wrote it in 2019.

## Q: How do I cache it?

A. e.g. run npm ci in the build.

## Q: How do I install it?

A: Run npm i widget.

## Output {data-x="a #b" #out}

\`\`\`python [1]
print(1)
\`\`\`

\`\`\`ts [!code highlight]
x()
\`\`\`

{% code-block title="x" %}

{{< code lang="js" title="app.js" >}}
run()
{{< /code >}}
`);
    expect(d.paragraphs.map((p) => p.text)).toEqual([
      'FAQ',
      'Who wrote it?',
      'A. J. Smith wrote it in 2019.',
      'How do I cache it?',
      'e.g. run npm ci in the build.',
      'How do I install it?',
      'Run npm i widget.',
      'Output',
      'print(1)',
      'x()',
      'app.js: run()',
    ]);
    expect(para(d, 'print(1)').anchor).toBe('out');
  });

  it("keeps a library's component named like an HTML section, JSX expressions' strings and code out of the way", () => {
    const d = doc(`# Page

<Aside type="caution" title="Breaking change in v4">
The config moved.
</Aside>

<Tab title="&nbsp;">
No label at all.
</Tab>

<Foo a={"}"} title="Real">
Braces in a string.
</Foo>

<Button onClick={() => setOpen(true)} title="Open">
Opens the panel.
</Button>

1. Write this in your page:

        <Foo bar={x} />
`);
    const texts = d.paragraphs.map((p) => p.text);
    expect(texts).toContain('Breaking change in v4: The config moved.');
    expect(texts).toContain('No label at all.');
    expect(texts).toContain('Real: Braces in a string.');
    expect(texts).toContain('Open: Opens the panel.');
    // Code in a list item is left as written.
    expect(texts.some((t) => t.includes('<Foo bar={x} />'))).toBe(true);
    expect(texts.some((t) => /^:/.test(t))).toBe(false);
  });

  it('reads a definition list as terms and what they mean, and drops MDX comments and table of contents markers', () => {
    const d = doc(`# Options

{/* truncate */}

[[toc]]

* TOC
{:toc}

[TOC]

Retry count
: How many times a failed request is retried.
: Never more than ten.

Timeout
: Seconds before a request gives up.

The ratio is 3
to 4.
`);
    expect(d.paragraphs.map((p) => p.text)).toEqual([
      'Options',
      'Retry count: How many times a failed request is retried. Never more than ten.',
      'Timeout: Seconds before a request gives up.',
      'The ratio is 3 to 4.',
    ]);
  });
  it('drops an MDX comment written inside a line, in text and headings, but not in a code span', () => {
    const d = doc(`# Plugins {/* rename to Extensions? */}

Plugins add features {/* TODO: link the list */} to the server.

Call \`register()\` {/* since v2 */}, or \`{/* kept */}\` as written, and {/* gone */}then start.
`);
    expect(d.paragraphs.map((p) => p.text)).toEqual([
      'Plugins',
      'Plugins add features to the server.',
      'Call register(), or {/* kept */} as written, and then start.',
    ]);
  });
});

describe('parseMarkdown: blocks', () => {
  it('reads ATX and Setext headings of every level, without closing hashes', () => {
    const found = blocks(
      '# One #\n\n## Two\n\n###### Six ######\n\nSetext one\n===\n\nSetext two\n---\n\nText.',
    );
    expect(found.map((b) => [b.kind, b.text, b.level])).toEqual([
      ['heading', 'One', 1],
      ['heading', 'Two', 2],
      ['heading', 'Six', 6],
      ['heading', 'Setext one', 1],
      ['heading', 'Setext two', 2],
      ['text', 'Text.', undefined],
    ]);
  });

  it('makes each item of a nested list a block, all in the group of the top-level list', () => {
    const found = blocks(`Before you deploy:

- Build the app
  - run \`npm run build\`
  - check the *dist* folder
- Configure the server
  1. copy \`.env.example\`
  2. set \`PORT\`

  Restart it afterwards.
- Done

1. Another list
`);
    const group = found[1]?.group;
    expect(group).toBeGreaterThan(0);
    expect(found).toEqual([
      { kind: 'text', text: 'Before you deploy:' },
      { kind: 'list', text: 'Build the app', group },
      { kind: 'list', text: 'run npm run build', group },
      { kind: 'list', text: 'check the dist folder', group },
      { kind: 'list', text: 'Configure the server', group },
      { kind: 'list', text: '1. copy .env.example', group },
      { kind: 'list', text: '2. set PORT', group },
      { kind: 'text', text: 'Restart it afterwards.', group },
      { kind: 'list', text: 'Done', group },
      // An ordered list's items keep their numbers.
      { kind: 'list', text: '1. Another list', group: (group ?? 0) + 1 },
    ]);
    const d = doc(`# Guide\n\n## Deploy\n\nBefore you deploy:\n\n- Build\n  - run it\n- Done\n`);
    expect(para(d, 'run it')).toMatchObject({
      kind: 'list',
      section: ['Deploy'],
      group: para(d, 'Before').group,
    });
  });

  it('keeps a code block inside a list item as code in the group of the list', () => {
    const found = blocks('1. Install:\n\n   ```sh\n   npm i pino\n   ```\n2. Run it.');
    expect(found).toEqual([
      { kind: 'list', text: '1. Install:', group: 1 },
      { kind: 'code', text: 'npm i pino', group: 1, lang: 'sh' },
      { kind: 'list', text: '2. Run it.', group: 1 },
    ]);
  });

  it("reads a code fence's language as a highlighter names it, or none", () => {
    expect(codeLanguage('js title="app.js"')).toBe('js');
    expect(codeLanguage('sh [npm]')).toBe('sh');
    expect(codeLanguage('{.python}')).toBe('python');
    expect(codeLanguage('{r, echo=FALSE}')).toBe('r');
    expect(codeLanguage('C++')).toBe('c++');
    expect(codeLanguage('Dockerfile')).toBe('dockerfile');
    expect(codeLanguage('ts:line-numbers {1}')).toBe('ts');
    expect(codeLanguage('ts{1,4}')).toBe('ts');
    for (const none of [undefined, '', '   ', '<script>', '@everyone', '{}', 'x'.repeat(25), '-x'])
      expect(codeLanguage(none)).toBeUndefined();
  });

  it('drops task list boxes, empty items and empty cells', () => {
    expect(blocks('- [ ] write docs\n- [x] ship\n-\n')).toEqual([
      { kind: 'list', text: 'write docs', group: 1 },
      { kind: 'list', text: 'ship', group: 1 },
    ]);
  });

  it('keeps fenced and indented code text without fences, lines and indentation kept', () => {
    expect(blocks('~~~yaml\na:\n  b: 1\n\nc: 2\n~~~\n\nText:\n\n    line one\n      line two\n')).toEqual([
      { kind: 'code', text: 'a:\n  b: 1\n\nc: 2', lang: 'yaml' },
      { kind: 'text', text: 'Text:' },
      { kind: 'code', text: 'line one\n  line two' },
    ]);
  });

  it('reads a table row per block, header names with the cells, one group per table', () => {
    expect(
      blocks('| Plan | Price |\n| --- | :---: |\n| Adult | 300 |\n| Student | |\n\n| A |\n|---|\n| x |'),
    ).toEqual([
      { kind: 'table', text: 'Plan: Adult \u00b7 Price: 300', group: 1 },
      { kind: 'table', text: 'Plan: Student', group: 1 },
      { kind: 'table', text: 'A: x', group: 2 },
    ]);
  });

  it('reads block quotes as their content, nested ones too', () => {
    expect(
      texts(
        '> First quoted paragraph.\n>\n> Second **quoted**\n> paragraph.\n>\n> > Nested.\n\n> - quoted item',
      ),
    ).toEqual(['First quoted paragraph.', 'Second quoted paragraph.', 'Nested.', 'quoted item']);
  });

  it('produces nothing for thematic breaks, link definitions, comments and blank space', () => {
    expect(
      blocks(
        'One.\n\n***\n\n- - -\n\n[ref]: https://example.com "Title"\n\n<!-- hidden\nnote -->\n\n\n\nTwo.',
      ),
    ).toEqual([
      { kind: 'text', text: 'One.' },
      { kind: 'text', text: 'Two.' },
    ]);
  });
});

describe('parseMarkdown: text as a reader sees it', () => {
  it('removes inline markup, keeps link and image text, resolves escapes and entities', () => {
    const md = [
      'Use **bold**, *em*, _under_, ~~old~~, `a && b`, [a link](https://x.y "t"), ![an image](i.png),',
      '<https://example.com>, www.example.org, \\*not em\\*, AT&amp;T &lt;tag&gt; &quot;q&quot; &#39;s&#39;',
      'a&nbsp;b &#169; &#x263A;, <kbd>Ctrl</kbd>+<kbd>C</kbd>, line<br>break, hard  ',
      'break and a soft',
      'wrap.',
    ].join('\n');
    expect(texts(md)).toEqual([
      'Use bold, em, under, old, a && b, a link, an image, https://example.com, www.example.org, *not em*, AT&T <tag> "q" \'s\' a b \u00a9 \u263a, Ctrl+C, line break, hard break and a soft wrap.',
    ]);
  });

  it('uses reference links and keeps snake_case words whole', () => {
    expect(
      texts('See [the guide][g] and [other] for my_var_name.\n\n[g]: ./guide.md\n[other]: ./o.md'),
    ).toEqual(['See the guide and other for my_var_name.']);
  });

  it('reduces raw HTML to its text, and HTML without text to nothing', () => {
    const md = `<div align="center">
  <img src="logo.png" width="200">
  <h2 id="tagline">A <em>fast</em> logger</h2>
  <p>Made with care &amp; love.<br>Since 2016.</p>
</div>

<a id="top"></a>

<img src="diagram.png">

<!-- comment -->

<details>
<summary>More</summary>

Hidden *text*.

</details>`;
    expect(blocks(md)).toEqual([
      { kind: 'heading', text: 'A fast logger', level: 2, anchor: 'tagline' },
      { kind: 'text', text: 'Made with care & love. Since 2016.' },
      { kind: 'question', text: 'More' },
      { kind: 'text', text: 'Hidden text.' },
    ]);
  });

  it('reads what documentation sites add to Markdown as what a reader sees, and leaves fenced code alone', () => {
    const d = doc(`---
title: Installation
---

import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

:::tip[Before you start]

Use the latest LTS release of Node.js.

:::

<Tabs>
  <TabItem value="npm" label="npm">

\`\`\`bash
npm install my-lib
\`\`\`

  </TabItem>
</Tabs>

## Configuration

!!! note "Config file"
    The config file lives in the home folder.

{% include warning.html %}

Set apiKey in the config file to your key.[^1]

[^1]: Keys are issued in the dashboard.

=== "Windows"

    Run my-lib.exe start.

\`\`\`js
import x from 'y';
:::
\`\`\`
`);
    expect(d.paragraphs.map((p) => p.text)).toEqual([
      'Before you start: Use the latest LTS release of Node.js.',
      // The tab's label leads its code.
      'npm:',
      'npm install my-lib',
      'Configuration',
      'Config file: The config file lives in the home folder.',
      'Set apiKey in the config file to your key.',
      'Keys are issued in the dashboard.',
      'Windows: Run my-lib.exe start.',
      "import x from 'y';\n:::",
    ]);
    expect(para(d, 'Windows:').section).toEqual(['Configuration']);
  });

  it('reads VitePress and Pandoc fences, nested admonitions and a body that starts with code', () => {
    expect(
      texts(`::: tip
This is a VitePress tip.
:::

::: warning Custom Title
Be careful here.
:::

::: {.callout-note}
Quarto callout body.
:::

::::info[Outer]
:::tip[Inner]
Nested body.
:::
::::

:::tip[Faster installs]
\`npm ci\` is faster than \`npm install\`.
:::

:::info[Why Node 20?]
Because it is LTS.
:::
`),
    ).toEqual([
      'This is a VitePress tip.',
      'Custom Title: Be careful here.',
      'Quarto callout body.',
      'Outer:',
      'Inner: Nested body.',
      'Faster installs: npm ci is faster than npm install.',
      'Why Node 20? Because it is LTS.',
    ]);
    // MyST and Quarto directives: the title after the braces or in title="…", option lines gone.
    expect(
      texts(
        ':::{admonition} Rate limits apply\n:class: warning\n\nThe API allows 50 requests a second.\n:::\n\n::: {.callout-tip title="Cache keys"}\nKeys expire after a day.\n:::\n\n:::tip[Setup]\n<script>var x = 1;</script>\nRun it.\n:::\n',
      ),
    ).toEqual([
      'Rate limits apply: The API allows 50 requests a second.',
      'Cache keys: Keys expire after a day.',
      'Setup:',
      'Run it.',
    ]);
    // A Pandoc div has no option lines: `:bulb:` opening its text stays.
    expect(texts('::: {.callout-tip}\n:bulb: Use the cache.\n:::\n')).toEqual([':bulb: Use the cache.']);
  });

  it('leaves code alone among those dialects: in code spans, list items, indented blocks and fences', () => {
    const d = doc(`# Templates

Match with \`[^/]+\` or \`[^\\s]\`, not a footnote.[^n]

[^n]: A real footnote.

1. Render the template:

   \`\`\`jinja
   {% for user in users %}
   {{ user.name }}
   {% endfor %}
   \`\`\`

    {{ .Values.image.repository }}

Text with \`\`\`inline code\`\`\` , more.

\`\`\`jinja
{% if admin %}
\`\`\`js
\`\`\`

=== "Win"

    ---
    Run app.exe.
`);
    const all = d.paragraphs.map((p) => p.text);
    expect(all).toContain('Match with [^/]+ or [^\\s], not a footnote.');
    expect(all).toContain('A real footnote.');
    expect(all).toContain('{% for user in users %}\n{{ user.name }}\n{% endfor %}');
    expect(all.join('\n')).toContain('{{ .Values.image.repository }}');
    expect(all).toContain('{% if admin %}\n```js');
    expect(texts("[^1]: note\n\n    grep '[^1]' file.txt\n")).toEqual(['note', "grep '[^1]' file.txt"]);
    // A mark after a word, a quote or emphasis goes; one in indented code stays (C#'s `items[^1]`).
    expect(
      texts("'this'[^1] **bold**[^1] `code`[^1] end.[^1]\n\n    var last = items[^1];\n\n[^1]: note\n"),
    ).toEqual(["'this' bold code end.", 'var last = items[^1];', 'note']);
    // A mark after a word goes, in a nested list item too.
    expect(texts('- Item one\n    - Nested item cites a source[^1].\n\n[^1]: The source.\n')).toEqual([
      'Item one',
      'Nested item cites a source.',
      'The source.',
    ]);
    // A label before a block that is not prose stands as its lead-in, not a Setext heading.
    expect(all).toContain('Win:');
    expect(d.paragraphs.find((p) => p.kind === 'heading' && p.text.startsWith('Win'))).toBeUndefined();
  });

  it('splits a FAQ entry or a titled item written as one paragraph: its bold first line heads the rest', () => {
    const d = doc(`# FAQ

**Q: How do I get the Member role?**
A: React with a tick in #welcome after reading the rules.

**How do I report someone?**
Use the /report command or write to a moderator.

Q: Can I stream games? A: Yes, in the Gaming voice channels only.

**Bold lead-in** that is not a question stays one paragraph.

**Rule 2 - No spam**
Do not spam messages or mentions.

**Note:**
A bold lead-in line ending with a colon heads nothing.
`);
    expect(para(d, 'React with a tick').section).toEqual(['How do I get the Member role?']);
    expect(para(d, 'Use the /report').section).toEqual(['How do I report someone?']);
    expect(para(d, 'Yes, in the Gaming').section).toEqual(['Can I stream games?']);
    // A bold lead-in that asks nothing is no question: its paragraph stays whole.
    expect(para(d, 'Bold lead-in').text).toBe('Bold lead-in that is not a question stays one paragraph.');
    // A short bold line titles the lines under it, as a rule's title does.
    expect(para(d, 'Do not spam').section).toEqual(['Rule 2 - No spam']);
    expect(para(d, 'Note: A bold lead-in').section).toEqual(['Rule 2 - No spam']);
    // In a quote, a bold first line is emphasis (a callout), as a heading is there.
    const quoted = doc('# Guide\n\n> **Note**\n> The old API is deprecated.\n\nMore text.\n');
    expect(para(quoted, 'More text').section).toBeUndefined();
    expect(quoted.paragraphs.some((p) => p.kind === 'question')).toBe(false);
  });

  it('reads an HTML table row by row, as a Markdown table: each cell with its header, the table one group', () => {
    const found = blocks(`<table>
  <tr><th>Option</th><th>Default</th><th>Description</th></tr>
  <tr><td><code>maxRetries</code></td><td>3</td><td>How many times a failed request is <em>sent</em> again.</td></tr>
  <tr><td>timeout</td><td></td><td><p>Milliseconds before a request is abandoned.</p></td></tr>
</table>`);
    expect(found).toEqual([
      {
        kind: 'table',
        text: 'Option: maxRetries · Default: 3 · Description: How many times a failed request is sent again.',
        group: 1,
      },
      {
        kind: 'table',
        text: 'Option: timeout · Description: Milliseconds before a request is abandoned.',
        group: 1,
      },
    ]);
    expect(texts('<table><tr><th>Only</th><th>headers</th></tr></table>')).toEqual(['Only · headers']);
  });

  it('reads an HTML table with a caption, spanning cells, a nested table, or no end', () => {
    expect(
      texts(`<table>
<caption>Retry options</caption>
<thead><tr><th>Name</th><th colspan="2">Value</th><th>Notes</th></tr></thead>
<tr><td>retries</td><td colspan="2">3</td><td>How many times to retry.</td></tr>
<tr><td>nested</td><td><table><tr><td>a</td></tr></table> inner</td><td>x</td><td>Still the outer row.</td></tr>
</table>`),
    ).toEqual([
      'Retry options',
      'Name: retries · Value: 3 · Notes: How many times to retry.',
      'Name: nested · Value: a inner · x · Notes: Still the outer row.',
    ]);
    // A heading in a cell is the cell's text (a feature grid), a nested table's caption too.
    expect(
      texts(
        '<table><tr><td><h3>Fast</h3>Starts in a second.</td><td><h3>Small</h3>Tiny.</td></tr><tr><td>A</td><td>B</td></tr></table>',
      ),
    ).toEqual(['Fast Starts in a second. · Small Tiny.', 'A · B']);
    expect(
      texts(
        '<table><tr><th>Opt</th><th>Desc</th></tr><tr><td>wait</td><td>How long. <table><caption>Units</caption><tr><td>ms</td></tr></table> Default 30s.</td></tr></table>',
      ),
    ).toEqual(['Opt: wait · Desc: How long. Units ms Default 30s.']);
    // A heading ends a table left open (outside a cell); in a cell, even an <h2> is its text.
    expect(
      blocks('<table>\n<tr><td>cell</td>\n<h2>Next</h2>\n<p>text</p>').map((b) => [b.kind, b.text]),
    ).toEqual([
      ['table', 'cell'],
      ['heading', 'Next'],
      ['text', 'text'],
    ]);
    expect(
      texts(
        '<table><tr><td><h2>Fast</h2>Builds in seconds.</td><td><h2>Safe</h2>Typed.</td></tr><tr><td>a</td><td>b</td></tr></table>',
      ),
    ).toEqual(['Fast Builds in seconds. · Safe Typed.', 'a · b']);
    // A row wider than 64 columns joins the rest to its last: once, in linear time.
    const row = blocks(`<table><tr>${'<td>x</td>'.repeat(20_000)}</tr></table>`);
    expect(row[0]?.text.split(' · ')).toHaveLength(64);
    // A row spanning thousands of columns is read as at most 64 cells.
    const wide = blocks(`<table><tr>${'<td colspan="50">x</td>'.repeat(100)}</tr></table>`);
    expect(wide[0]?.text.split(' · ').length).toBeLessThanOrEqual(64);
    // A table left open ends at the next heading; the text after its rows is kept, in order.
    const found = blocks(
      '<table><tr><td>open</td><td>cell</td></tr>\n<p>After the rows.</p><h2>Limits</h2><p>Limit text.</p>',
    );
    expect(found.map((b) => [b.kind, b.text])).toEqual([
      ['table', 'open · cell'],
      ['text', 'After the rows.'],
      ['heading', 'Limits'],
      ['text', 'Limit text.'],
    ]);
  });

  it('gives a collapsible <details> section its <summary> as the heading of what it holds', () => {
    const d = doc(`# dotenv

## Advanced

<details><summary>bun</summary><br>

\`\`\`sh
bun add dotenv
\`\`\`

</details>
<details><summary>Multiline values</summary><br>

If you need multiline variables, for example private keys, those are supported with line breaks.

</details>

## FAQ

Plain text under a heading again.
`);
    expect(para(d, 'bun add').section).toEqual(['Advanced', 'bun']);
    expect(para(d, 'If you need multiline').section).toEqual(['Advanced', 'Multiline values']);
    expect(para(d, 'Plain text').section).toEqual(['FAQ']);
    // The summary itself is not a passage of its own: it heads its body.
    expect(d.paragraphs.find((p) => p.text === 'bun')?.kind).toBe('question');
    // It heads nothing after its </details>.
    const after = doc(
      '# Install\n\n<details><summary>Windows</summary>\n\nRun the installer.\n\n</details>\n\nAfter installing on any system, run init.\n',
    );
    expect(para(after, 'Run the installer').section).toEqual(['Windows']);
    expect(para(after, 'After installing').section).toBeUndefined();
  });

  it('gives a heading the anchor of an <a id> or <a name> in it or just before it', () => {
    const found = blocks(`<a name="faq"></a>

## FAQ

## <a id="why"></a>Why pino?

Text <a id="ignored"></a>

<a id="not-a-heading"></a>

Plain paragraph.

### Plain heading`);
    expect(found.filter((b) => b.kind === 'heading')).toEqual([
      { kind: 'heading', text: 'FAQ', level: 2, anchor: 'faq' },
      { kind: 'heading', text: 'Why pino?', level: 2, anchor: 'why' },
      { kind: 'heading', text: 'Plain heading', level: 3 },
    ]);
    expect(texts('<a id="x"></a>\n\nText.')).toEqual(['Text.']);
  });

  it('drops a bar of links (a language switcher, a site menu), keeps links with words around them', () => {
    expect(
      texts(
        [
          '**English** | [Русский](./README.ru.md) | [简体中文](./README.zh-CN.md) | [Bahasa Indonesia](./README.id-ID.md)',
          '[Docs](https://x.dev/docs) · [Blog](https://x.dev/blog) · [Discord](https://x.dev/chat)',
          // All in bold (before: kept, and the document titled by it).
          '**[English](./README.en.md) | [在线文档](https://x.dev) | [更新日志](./CHANGELOG.md) | QQ Group: 958278438**',
          'Read the [guide](./guide.md) | [FAQ](./faq.md) before you ask.',
          '[Docs](https://x.dev/docs) [Blog](https://x.dev/blog)',
          '[How to install it on a server](./install.md) | [Upgrading](./upgrade.md)',
          'Formats: [JSON](json.md) | [YAML](yaml.md)',
        ].join('\n\n'),
      ),
    ).toEqual([
      'Read the guide | FAQ before you ask.',
      'Docs Blog',
      'How to install it on a server | Upgrading',
      'Formats: JSON | YAML',
    ]);
  });

  it("drops a language switcher under a read-me's first heading, whatever its level", () => {
    // cnchar's read-me: an <h3> banner, then the switcher in bold. Before: the switcher was a
    // passage, and the document's title.
    expect(
      texts(
        '<h3>🚀 汉字拼音笔画 js 库</h3>\n\n**[English](./README.en.md) | [在线文档](https://x.dev) | [更新日志](./CHANGELOG.md)**\n\n### 安装\n\nnpm i cnchar',
      ),
    ).toEqual(['🚀 汉字拼音笔画 js 库', '安装', 'npm i cnchar']);
    // A bar without a language's name there may be the section's answer: kept.
    expect(texts('## Contact\n\n[Discord](a) | [GitHub](b) | [Email](c)')).toEqual([
      'Contact',
      'Discord | GitHub | Email',
    ]);
  });

  it('drops a bar of links written in HTML, keeps HTML links with words around them', () => {
    expect(
      texts(
        [
          '<p align="center">\n  <a href="#installation">Installation</a> •\n  <a href="#usage">Usage</a> •\n  <a href="https://foo.dev/docs">Docs</a>\n</p>',
          '<p align="center"><b>English</b> | <a href="README.ja.md">日本語</a> | <a href="README.zh.md">中文</a></p>',
          '<p>Read <a href="guide.md">the guide</a> | <a href="faq.md">FAQ</a> before you ask.</p>',
          '<p><a id="top"></a><a href="a.md">One</a> <a href="b.md">Two</a></p>',
        ].join('\n\n'),
      ),
    ).toEqual(['Read the guide | FAQ before you ask.', 'One Two']);
  });

  it('keeps a line of links that may be an answer: in a section, of two entries, or with code', () => {
    expect(
      texts(
        '# Foo\n\n## Where do I get help?\n\n[Support server](https://x) · [Issue tracker](https://y) · [Email](mailto:z)',
      ),
    ).toEqual(['Foo', 'Where do I get help?', 'Support server · Issue tracker · Email']);
    expect(texts('# Foo\n\n[Email us](mailto:a) | [Call us](tel:1)')).toEqual(['Foo', 'Email us | Call us']);
    // A notice above the title does not begin a section: the bar under the title goes.
    expect(
      texts('> [!WARNING]\n> No longer maintained.\n\n# Foo\n\n[Docs](a) · [Blog](b) · [Discord](c)'),
    ).toEqual(['Warning: No longer maintained.', 'Foo']);
    // Under a # section of a file with # sections, it stays.
    expect(texts('# Foo\n\n# Help\n\n[A](https://a) · [B](https://b) · [C](https://c)')).toEqual([
      'Foo',
      'Help',
      'A · B · C',
    ]);
    expect(texts('# Foo\n\n`npm install foo` · [Docs](https://x) · [Changelog](https://y)')).toEqual([
      'Foo',
      'npm install foo · Docs · Changelog',
    ]);
    // In HTML too, and a table's cells never count as a bar: the text after it stays.
    expect(
      texts('## Contact\n\n<p><a href="a">Discord</a> | <a href="b">GitHub</a> | <a href="c">Email</a></p>'),
    ).toEqual(['Contact', 'Discord | GitHub | Email']);
    expect(
      texts(
        '<div>\n<table><tr><td><a href="a">A</a> | <a href="b">B</a> | <a href="c">C</a> |</td></tr></table>\nReboot the router\n</div>',
      ),
    ).toEqual(['A | B | C |', 'Reboot the router']);
  });

  it('drops a paragraph that only links within the document ("Back to top"), keeps one that says more', () => {
    expect(
      texts(
        [
          '## Usage',
          'Call parse() on the text.',
          '[Back to top][toc]',
          '[⬆ back to top](#contents)',
          'See [the options](#options) for more.',
          '[toc]: #table-of-contents',
        ].join('\n\n'),
      ),
    ).toEqual(['Usage', 'Call parse() on the text.', 'See the options for more.']);
  });

  it('drops paragraphs made only of badges, keeps paragraphs with words around images', () => {
    expect(
      texts(
        '[![a](a.svg)](https://a) [![b](b.svg)](https://b)\n![c](c.svg)\n\nSee ![the chart](c.png) below.',
      ),
    ).toEqual(['See the chart below.']);
  });

  it("drops the badges and logos beside a heading's words, keeps the text of a heading of images alone", () => {
    expect(
      blocks(
        '# dotenv [![NPM version](https://img.shields.io/npm/v/dotenv.svg)](https://www.npmjs.com/package/dotenv) [![downloads](https://img.shields.io/npm/dw/dotenv)](https://npm.im/dotenv)\n\n## ![logo](logo.svg) Usage [guide](./guide.md)\n\n# ![Project Tern](tern.svg)',
      ),
    ).toEqual([
      { kind: 'heading', text: 'dotenv', level: 1 },
      { kind: 'heading', text: 'Usage guide', level: 2 },
      { kind: 'heading', text: 'Project Tern', level: 1 },
    ]);
    // Words of a heading stay, "logo" among them; an image between words keeps its text.
    expect(blocks('## Changing the logo\n\n## App icon\n\n# Press ![Enter](e.png) to continue')).toEqual([
      { kind: 'heading', text: 'Changing the logo', level: 2 },
      { kind: 'heading', text: 'App icon', level: 2 },
      { kind: 'heading', text: 'Press Enter to continue', level: 1 },
    ]);
    // A logo's text names the project, not the logo.
    expect(
      blocks(
        '# ![Tern logo](tern.svg)\n\n<h1 align="center"><img src="logo.png" alt="fast-check logo"></h1>',
      ),
    ).toEqual([
      { kind: 'heading', text: 'Tern', level: 1 },
      { kind: 'heading', text: 'fast-check', level: 1 },
    ]);
  });

  it('drops a list of links to anchors (a table of contents), keeps other link lists', () => {
    expect(blocks('- [Install](#install)\n  - [npm](#npm)\n- [Usage](#usage)\n\nText.')).toEqual([
      { kind: 'text', text: 'Text.' },
    ]);
    expect(texts('- [Install](#install)\n- [Guide](./guide.md)\n- Plain')).toEqual([
      'Install',
      'Guide',
      'Plain',
    ]);
  });

  it("drops a table of contents' label of text with it, keeps a heading or a sentence above it", () => {
    const toc = '- [Features](#features)\n- [Installation](#installation)';
    expect(texts(`Queue for promises.\n\n**Table of Contents**\n\n${toc}\n\n## Features`)).toEqual([
      'Queue for promises.',
      'Features',
    ]);
    expect(texts(`Contents:\n\n${toc}`)).toEqual([]);
    expect(texts(`Table of Contents\n\n${toc}`)).toEqual([]);
    // A heading that only names it goes too; another heading stays.
    expect(
      texts(`# FP Guide\n\nFunctions that curry.\n\n## Table of Contents\n\n${toc}\n\n## Usage`),
    ).toEqual(['FP Guide', 'Functions that curry.', 'Usage']);
    // A tagline or a note above it is not its label.
    expect(texts(`# got\n\nA tiny HTTP client\n\n${toc}`)).toEqual(['got', 'A tiny HTTP client']);
    expect(texts(`> **Note**: beta software\n\n${toc}`)).toEqual(['Note: beta software']);
    expect(texts(`### Pino v7+ Compatible\n\n${toc}`)).toEqual(['Pino v7+ Compatible']);
    expect(texts(`See the sections below.\n\n${toc}`)).toEqual(['See the sections below.']);
  });

  it('reads a long front matter (a hundred redirect aliases) when it is YAML, and text between two rules as text', () => {
    const aliases = Array.from({ length: 110 }, (_, i) => `  - /old/harbour/page-${i}`).join('\n');
    const parsed = parseMarkdown(
      `---\ntitle: "Mooring guide"\nurl: https://docs.example.org/mooring/\naliases:\n${aliases}\nweight: 10\n---\n# Fees\n\nVisiting yachts pay twelve euros.\n`,
    );
    // Before: past 100 lines the block was text, its first line the title, the aliases passages.
    expect(parsed.meta).toMatchObject({
      title: 'Mooring guide',
      url: 'https://docs.example.org/mooring/',
      weight: '10',
    });
    expect(parsed.blocks).toEqual([
      { kind: 'heading', text: 'Fees', level: 1 },
      { kind: 'text', text: 'Visiting yachts pay twelve euros.' },
    ]);
    // A page that opens with a rule, 150 lines of prose, and another rule keeps its prose.
    const prose = Array.from({ length: 150 }, (_, i) => `Line ${i} of the notice, in plain words.`).join(
      '\n',
    );
    const page = parseMarkdown(`---\n${prose}\n---\n\nThe end.\n`);
    expect(page.meta).toEqual({});
    expect(JSON.stringify(page.blocks)).toContain('Line 149 of the notice');
    // So do a FAQ of Q: and A: lines and a glossary of Term: meaning lines, valid YAML as they are.
    const faq = Array.from(
      { length: 60 },
      (_, i) => `Q: Can I book mooring ${i}?\nA: Yes, at the office ${i}.`,
    ).join('\n');
    expect(JSON.stringify(parseMarkdown(`---\n${faq}\n---\n`).blocks)).toContain('Can I book mooring 59?');
    const glossary = Array.from({ length: 120 }, (_, i) => `Term${i}: what term ${i} means`).join('\n');
    expect(JSON.stringify(parseMarkdown(`---\n${glossary}\n---\n`).blocks)).toContain('what term 119 means');
  });

  it('survives front matter nested a thousand deep, read again and again (it crashed the process)', () => {
    for (const nested of ['- '.repeat(1000), '? '.repeat(3000), `tags: ${'['.repeat(3000)}`])
      for (let i = 0; i < 3; i++)
        expect(texts(`---\ntitle: Deep\n${nested}x\n---\n# Top\n\nBody text.\n`)).toEqual([
          'Top',
          'Body text.',
        ]);
    // A front matter nested as deep as real ones still reads as YAML.
    const real = 'title: Nested\nnav:\n  - guide:\n      - setup: [a, [b, {c: d}]]\n';
    expect(doc(`---\n${real}---\n\nBody.\n`).title).toBe('Nested');
  });

  it('reads front matter closed by ..., with lower-case keys and unquoted values', () => {
    const parsed = parseMarkdown(
      '---\nTitle: \'Club Handbook\'\nURL: "https://example.com/h"\nauthor: Someone\n...\n# Welcome\n',
    );
    expect(parsed.meta).toEqual({ title: 'Club Handbook', url: 'https://example.com/h', author: 'Someone' });
    expect(parsed.blocks).toEqual([{ kind: 'heading', text: 'Welcome', level: 1 }]);
  });

  it('reads YAML front matter as YAML: quotes, folded values, comments; and TOML front matter', () => {
    // Before: the title ">-", "Don''t panic", a URL with " # canonical address" in it, and
    // Hugo's TOML block read as the first paragraph.
    const yaml = parseMarkdown(
      "---\ntitle: >-\n  Installing the\n  server\nsubtitle: 'Don''t panic'\nurl: https://docs.example.org/panic # canonical address\ntags: [a, b]\n---\n\nText.\n",
    );
    expect(yaml.meta).toEqual({
      title: 'Installing the server',
      subtitle: "Don't panic",
      url: 'https://docs.example.org/panic',
    });
    const toml = parseMarkdown(
      '+++\ntitle = "Installing \\"Hugo\\""\ndate = 2024-01-01\nurl = \'https://gohugo.io/install/\' # where\n[params]\ntitle = "not this"\n+++\n\nHugo is available for every platform.\n',
    );
    expect(toml.meta).toEqual({ title: 'Installing "Hugo"', url: 'https://gohugo.io/install/' });
    expect(toml.blocks).toEqual([{ kind: 'text', text: 'Hugo is available for every platform.' }]);
    // YAML the parser refuses still gives its title, line by line.
    expect(parseMarkdown('---\ntitle: Notes: part 1\n: odd\n---\nText.\n').meta.title).toBe('Notes: part 1');
  });

  it('parses CRLF and CR line endings like LF', () => {
    const lf = parseMarkdown(API);
    expect(parseMarkdown(API.replace(/\n/g, '\r\n'))).toEqual(lf);
    expect(parseMarkdown(API.replace(/\n/g, '\r'))).toEqual(lf);
  });
});

describe('parseMarkdown: hostile input', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const lines = (n: number, line: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => line(i)).join('\n');
  const words = (found: Block[]) => found.flatMap((b) => b.text.split(' '));

  it('reads deeply indented list items (indentation cut to 32 columns)', () => {
    // 3,000 lines indented up to 6,000 columns: 9 million characters.
    const found = blocks(lines(3_000, (i) => `${' '.repeat(2 * i)}- a`));
    expect(found).toHaveLength(3_000);
    expect(found.every((b) => b.kind === 'list' && b.text === 'a' && b.group === 1)).toBe(true);
  });

  it('reads growing runs of > (cut to 8 levels) and of list markers', () => {
    // Up to 3,000 levels: 4.5 million characters of markers.
    const quotes = blocks(lines(3_000, (i) => `${'>'.repeat(i + 1)} a`));
    expect(quotes.length).toBeLessThanOrEqual(8);
    expect(words(quotes)).toEqual(Array(3_000).fill('a'));
    const bullets = blocks(lines(3_000, (i) => `${'- '.repeat(i + 1)}a`));
    expect(bullets.filter((b) => b.text === 'a')).toHaveLength(3_000);
    expect(bullets.every((b) => b.kind === 'list')).toBe(true);
  });

  it('reads runs of emphasis, bracket and tag openers as their characters', () => {
    expect(blocks('*a'.repeat(50_000))).toEqual([{ kind: 'text', text: 'a'.repeat(50_000) }]);
    expect(blocks('_a'.repeat(50_000))).toEqual([{ kind: 'text', text: `a${'_a'.repeat(49_999)}` }]);
    expect(blocks('['.repeat(50_000))).toEqual([{ kind: 'text', text: '['.repeat(50_000) }]);
    expect(blocks('<a'.repeat(50_000))).toEqual([{ kind: 'text', text: '<a'.repeat(50_000) }]);
    // Many paragraphs just under the length limit, dense with delimiters.
    const dense = blocks(Array(20).fill('_*a'.repeat(6_000)).join('\n\n'));
    expect(dense).toHaveLength(20);
    expect(dense.every((b) => b.text.replace(/[^a]/g, '').length === 6_000)).toBe(true);
  });

  it('reads a table of 10,000 columns', () => {
    const found = blocks(`${'|a'.repeat(10_000)}|\n${'|-'.repeat(10_000)}|\n${'|b'.repeat(10_000)}|\n`);
    expect(found).toEqual([{ kind: 'table', text: Array(10_000).fill('a: b').join(' \u00b7 '), group: 1 }]);
  });

  it('reads 10,000 link definitions and the references to them', () => {
    const defs = lines(10_000, (i) => `[l${i}]: https://example.com/${i} "t"`);
    const refs = Array.from({ length: 1_000 }, (_, i) => `[x${i}][l${i * 10}]`).join(' ');
    expect(texts(`${defs}\n\n${refs}`)).toEqual([Array.from({ length: 1_000 }, (_, i) => `x${i}`).join(' ')]);
  });

  it('reads 100,000 list items as one group', () => {
    const found = blocks(lines(100_000, (i) => `- item ${i}`));
    expect(found).toHaveLength(100_000);
    expect(found[99_999]).toEqual({ kind: 'list', text: 'item 99999', group: 1 });
  });

  it('reads a line of 1,000,000 characters as one paragraph, without inline markup', () => {
    const found = blocks('**word** '.repeat(111_111));
    expect(found).toHaveLength(1);
    expect(found[0]?.text).toBe(Array(111_111).fill('word').join(' '));
  });

  it('reads list items continued by 100,000 lazy or indented lines', () => {
    for (const line of ['b', '  b']) {
      const found = blocks(`- a\n${`${line}\n`.repeat(100_000)}`);
      expect(words(found)).toEqual(['a', ...Array(100_000).fill('b')]);
      expect(found[0]).toMatchObject({ kind: 'list' });
    }
    const mixed = blocks(`- a\n${`  b\n${'c\n'.repeat(10)}\n`.repeat(20_000)}`);
    expect(words(mixed).filter((w) => w === 'c')).toHaveLength(200_000);
  });

  it('reads lines indented by thousands of spaces', () => {
    const found = blocks(lines(2_000, (i) => `${' '.repeat(2 * i)}a`));
    expect(words(found).filter((w) => w === 'a')).toHaveLength(2_000);
  });

  it('falls back to plain paragraphs when the lexer throws', () => {
    vi.spyOn(Lexer.prototype, 'blockTokens').mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    const parsed = parseMarkdown('---\ntitle: T\n---\n# Title\n\nOne\ntwo.\n\n\nThree.');
    expect(parsed).toEqual({
      meta: { title: 'T' },
      blocks: [
        { kind: 'text', text: '# Title' },
        { kind: 'text', text: 'One two.' },
        { kind: 'text', text: 'Three.' },
      ],
    });
  });
});

describe('prose with no inline markup', () => {
  it('is read as the inline lexer reads it: one text token, as written', () => {
    const lexer = new Lexer({ gfm: true });
    const lexed = (src: string) => {
      const out: Token[] = [];
      lexer.inlineTokens(src, out);
      return out;
    };
    const chars = [...'ab Zé9.,;:?\'"()-/#%$+={}^\n\t*_`[]!<>&@|\\~w'];
    let plain = 0;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...chars), maxLength: 60 }), (src) => {
        if (!noInlineMarkup(src)) return;
        plain++;
        expect(lexed(src)).toEqual([expect.objectContaining({ type: 'text', raw: src, text: src })]);
        expect(lexed(src)[0]).not.toHaveProperty('tokens');
      }),
      { numRuns: 3000 },
    );
    expect(plain).toBeGreaterThan(100);
    for (const src of [
      'see https://x.io',
      'a *b*',
      'a  \nb',
      'mail me@x.io',
      'www.x.io',
      'a | b',
      'a &amp; b',
    ])
      expect(noInlineMarkup(src)).toBe(false);
  });
});

describe('a bold title inside an admonition', () => {
  it('heads the admonition only: the text after the box is back in the section', () => {
    const box = (open: string, close: string, indent = '') =>
      doc(
        `# Guide\n\n## Limits\n\n${open}\n${indent}**Rate limits**\n${indent}The API allows 100 requests per minute.\n${close}\nUploads are limited to 50 MB per file.\n\n## Other\n\nElse.\n`,
      );
    const cases = [
      box(':::caution', ':::\n'), // Docusaurus, VitePress
      box('{{< hint warning >}}', '{{< /hint >}}\n'), // Hugo
      box('{% hint style="warning" %}', '{% endhint %}\n'), // GitBook
      box('!!! warning', '', '    '), // MkDocs: the body ends where its indentation does
    ];
    for (const d of cases) {
      expect(para(d, 'The API allows').section).toEqual(['Limits', 'Rate limits']);
      // Before: ['Limits', 'Rate limits'], a section the upload limit is not in.
      expect(para(d, 'Uploads are limited').section).toEqual(['Limits']);
    }
  });
});

describe('MkDocs Material markup', () => {
  it('reads as what a reader sees: no attribute lists, icons, snippet lines or abbreviation lines', () => {
    const d = doc(`# Widget

[Get started](install.md){ .md-button .md-button--primary }

- :material-lock: **Secure**: data never leaves your browser
- :material-lightning-bolt: **Fast**: answers in a blink
{ .annotate }

## :material-cog: Configuration

Press ++ctrl+c++ to stop. The ==highlighted== setting matters; \`{ .literal }\` stays as code.

--8<-- "docs/snippets/footer.md"

*[CSV]: Comma-separated values
`);
    const all = d.paragraphs
      .map((p) => p.text)
      .join('\n')
      .replace('{ .literal }', '');
    expect(all).not.toMatch(/\{ ?\.|:material-|--8<--|\*\[CSV\]|\+\+|==/);
    expect(para(d, 'Get started').text).toBe('Get started');
    expect(para(d, 'Secure').text).toBe('Secure: data never leaves your browser');
    // A heading's icon is no word of it, nor of its anchor (MkDocs links #configuration).
    const settings = para(d, 'Press ctrl+c to stop.');
    expect(settings.section).toEqual(['Configuration']);
    expect(settings.anchor).toBe('configuration');
    expect(settings.text).toBe(
      'Press ctrl+c to stop. The highlighted setting matters; { .literal } stays as code.',
    );
  });
});

describe('MDX (Docusaurus): what components hold', () => {
  it('is Markdown however indented: prose, code and inline markup as a reader sees them', () => {
    const d = doc(`---
title: Install
---
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

export const Highlight = ({children, color}) => (
  <span style={{backgroundColor: color}}>
    {children}
  </span>
);

<Tabs>
  <TabItem value="mac" label="macOS" default>

    Install with Homebrew, which also keeps the CLI up to date:

    \`\`\`bash
    brew install widget
    \`\`\`
  </TabItem>
  <TabItem value="cli" label="CLI">
    Run \`acme login\` and paste the **personal access token** from [your settings](https://acme.dev/settings).
  </TabItem>
</Tabs>

Indented after the tabs, this is code again:

    npm run build
`);
    // Before: the prose and the fence were one code paragraph, and the CLI tab read its markup.
    expect(para(d, 'macOS: Install with Homebrew').kind).toBe('text');
    expect(d.paragraphs.find((p) => p.text === 'brew install widget')?.kind).toBe('code');
    expect(para(d, 'CLI: Run').text).toBe(
      'CLI: Run acme login and paste the personal access token from your settings.',
    );
    // A component defined in the page (an export over several lines) is no passage.
    expect(d.paragraphs.some((p) => /backgroundColor|children/.test(p.text))).toBe(false);
    expect(d.paragraphs.find((p) => p.text === 'npm run build')?.kind).toBe('code');
  });
});

describe('Jekyll and Hugo template tags', () => {
  it('read as the site renders them: a callout include keeps its text, links keep their paths', () => {
    const d = doc(`# Upgrading

{% include callout.html type="warning" content="Upgrading deletes the old cache folder." %}

Before upgrading, read the [release notes]({{ site.baseurl }}/changelog) and the [migration guide]({% link docs/migrate.md %}).

See the {{< ref "config.md" >}} page or [configuration]({{< relref "config.md#ports" >}}).

The current release is {{< param "version" >}} and works with {{% latest-k8s %}} clusters.

{{< tab "Linux" >}}
Run the installer script.
{{< /tab >}}
`);
    // Before: the callout was dropped whole, and the tags were shown as written (links unparsed).
    expect(d.paragraphs.map((p) => p.text)).toEqual([
      'Upgrading',
      'Upgrading deletes the old cache folder.',
      'Before upgrading, read the release notes and the migration guide.',
      'See the config.md page or configuration.',
      'The current release is and works with clusters.',
      'Linux: Run the installer script.',
    ]);
  });
});

describe('an Obsidian vault', () => {
  it('reads wikilinks as their text and leaves embeds out', () => {
    expect(
      texts(
        'Read the [[Loot Rules|loot rules]], the [[Calendar]] and [[Raid Guide#Roles]].\n\n![[raid-map.png]]\n\nSee ![[Other note]] there.',
      ),
    ).toEqual(['Read the loot rules, the Calendar and Raid Guide \u203A Roles.', 'See there.']);
    // A shell test in prose is no link; a link in code is code.
    expect(texts('Use [[ -f file ]] to test, or `[[Page]]`.')).toEqual([
      'Use [[ -f file ]] to test, or [[Page]].',
    ]);
  });

  /** The paragraphs of a note of an Obsidian vault. */
  const note = (content: string): string[] => parseMarkdown(content, true).blocks.map((b) => b.text);

  it('never reads a comment, on one line or over several, and leaves code as written', () => {
    const found = note(
      'Before %% ask Bob about May %% after.\n\n%%\nSecret plan: the raid leader changes in May.\n%%\n\nVisible, `a %% b` in code.\n\n```c\nprintf("100%%");\n```\n\nLast %% open\nstill hidden\nclosed %% and shown.',
    );
    // Before: "Secret plan: …" was a passage, served to anyone who asked.
    expect(found).toEqual([
      'Before after.',
      'Visible, a %% b in code.',
      'printf("100%%");',
      'Last and shown.',
    ]);
    expect(found.join('\n')).not.toMatch(/Bob|Secret|hidden/);
  });

  it('never serves a comment in a list item, an HTML block, a quote, a table, or after code as CommonMark ends it', () => {
    const cases = [
      '- Raid night\n\t%% GM: the boss has 2 phases %%\n- Loot\n    %% GM: the chest\n    is a mimic %%\n- Rules',
      '<div>\n%% GM: the door code is 4471 %%\n</div>\n\nText',
      '> Lore\n> ```\n> printf("%%d kept", n);\n> ```\n>\n> %% GM: the king is the traitor %%\n\nAfter.',
      '> ```\n> a fence its quote never closes\n\n%% GM: the well is cursed %%\n\nShown.',
      '- Item\n  ```\n  code\nOut of the item %% GM: Mira lies %%\n\nEnd.',
      '| Room | Trap |\n|---|---|\n| Hall %% GM: pit %% | none |',
      '# Dungeon %% GM: unfinished %%\n\nBody.',
      // Fences as CommonMark reads them (a review found each of these serving the comment).
      '  ```\ncode\n```\n\nPublic.\n\n%% GM: one %%\n\n%%\nGM: two\n%%\n\nEnd.',
      '- Step\n\n    ```\n  code\n  ```\n\n  %% GM: three %%\n',
      '1.\t```\n    x\n    ```\n\n    %% GM: four %%\n',
      '```\n    ```\n```\n\n%% GM: five %%\n\nText',
      '<details>\n```\n</details>\n\n%% GM: six %%\n\nText',
      'Run:\n    ```\n    %% GM: seven %%\n\nText',
      '- > ```\n  > %%\n  > ```\n\n%%\nGM: eight\n%%\n',
      'Example:\n\n    %%\n\nVisible.\n\n%%\nGM: nine\n%%\n',
      // An escaped backtick opens no code span.
      'Press \\` for the console, type `god` %% GM: also `noclip` works %% to cheat.',
    ];
    const found = cases.map((c) => note(c).join('\n')).join('\n');
    expect(found).not.toMatch(/GM|phases|mimic|4471|traitor|cursed|Mira|pit|unfinished|noclip/);
    expect(found).toMatch(/printf\("%%d kept", n\);/);
    expect(note(cases[0] as string)).toEqual(['Raid night', 'Loot', 'Rules']);
    expect(note(cases[15] as string)).toEqual(['Press ` for the console, type god to cheat.']);
  });

  it('never serves a comment whatever code before it holds, even where code is misread', () => {
    // Read both with code apart and as if there were none, a comment is hidden if either hides it.
    const cases = [
      '```\nx = "%%"\n```\n\nShown.\n\n%% GM: secret one %%\n\nEnd.',
      '```md\n> ```\n```\nAfter %% GM: secret two %% text\n',
      '1. item\n   ```\n   code\n  tail %% GM: secret three %%\n',
      'para\n<span>\n```\ncode\n\n```\nAfter %% GM: secret four %% text\n',
      '| a | b | c |\n|---|---|---|\n| `x | %% GM: secret five %% | y` |\n',
      '!!! note "Hi"\n    First para.\n\n    Second %% GM: secret six %% para.\n',
      '```js title="%% GM: secret seven %%"\nx\n```\n',
    ];
    const found = cases.map((c) => note(c).join('\n')).join('\n');
    expect(found).not.toMatch(/GM|secret/);
    expect(found).toMatch(/Shown\.[\s\S]*End\./);
    expect(found).toMatch(/After\s+text/);
  });

  it('serves nothing of a note whose comments cannot be told apart (a line too long for the regex engine)', () => {
    // Both readings threw on 3.5 million quote marks and hid nothing: the comment was served.
    const blocks = parseMarkdown(`${'>'.repeat(3_500_000)} %% GM: secret %%\n\nShown.`, true).blocks;
    expect(JSON.stringify(blocks)).not.toContain('GM');
  });

  it('reads a %% that closes nothing as text, and one opening its line as a comment to the end', () => {
    expect(
      note('Use %% to print a percent sign.\n\nWidth comes next.\n\n```c\nprintf("100%%");\n```\n\nThe end.'),
    ).toEqual(['Use %% to print a percent sign.', 'Width comes next.', 'printf("100%%");', 'The end.']);
    // One a later line of its paragraph closes is a comment; past a blank line, text.
    expect(note('Para %% a note\nover two lines %% read on.\n\nNext %% alone.')).toEqual([
      'Para read on.',
      'Next %% alone.',
    ]);
    // Obsidian hides the rest of a note after a comment left open at a line's start: so does the bot.
    expect(note('Shown.\n\n%% GM notes\nthe vault key is 9\n\nmore secrets')).toEqual(['Shown.']);
  });

  it('reads %% as written outside a vault: MATLAB sections, batch files, Mermaid and IPython', () => {
    const pages = [
      'MATLAB sections start with a line:\n\n%% Load data\n\nThen the code.\n\n## Plotting\n\nUse plot().',
      'In a batch file write for %%f in (*.txt) do type %%f, and use %%DATE%% for the date.',
      '::: mermaid\ngraph TD\n%% this is a comment\nA-->B\n:::\n\n## Deploy\n\nRun the pipeline.',
      '- %%time: time the cell\n- %%bash: run bash\n\n## Line magics\n\nThey start with one %.',
    ];
    for (const page of pages) {
      const read = blocks(page)
        .map((b) => b.text)
        .join('\n');
      // (The `::: mermaid` marker is a block's fence, read as such.)
      for (const words of page.match(/[A-Za-z]{4,}/g) ?? [])
        if (words !== 'mermaid') expect(read).toContain(words);
    }
  });

  it("reads a callout's title before its text, its kind when it has none, folded or not", () => {
    expect(
      texts(
        '> [!warning] Bring consumables\n> Flasks and food are mandatory.\n\n> [!tip]- Optional tip\n> Use voice chat.\n\n> [!note]\n> Plain note.\n\n> [!NOTE] Back up first.',
      ),
    ).toEqual([
      'Bring consumables: Flasks and food are mandatory.',
      'Optional tip: Use voice chat.',
      'Note: Plain note.',
      'Note: Back up first.',
    ]);
  });
});

describe('site markup: what only looks like it stays', () => {
  it('keeps text that braces, tags and exports only resemble', () => {
    const d = doc(`---
title: Cases
---
export const sadFace = ':(';

# Cases

Liquid escapes tags with {% raw %}{{ page.title }}{% endraw %} on this page.

Hugo: write {{</* figure src="x.png" */>}} to show a figure.

Vue uses the mustache syntax {{ message }} for text interpolation.

Shell uses \${#name} for the length, and the set {x=1} is math.

*[Breaking]: the run command now needs a config file.*

1. List the containers:

        docker ps --format "{{.ID}}: {{.Names}}"

## Limits

**Rate limits**
The API allows 100 requests per minute.

{{< highlight bash >}}
curl -i https://api.example.com
{{< /highlight >}}

Requests over the limit get status 429.
`);
    const texts = d.paragraphs.map((p) => p.text);
    // Before these were mended: the whole page after the export was lost (its ':(' kept it open).
    expect(texts).toContain('Liquid escapes tags with {{ page.title }} on this page.');
    expect(texts).toContain('Hugo: write {{< figure src="x.png" >}} to show a figure.');
    expect(texts).toContain('Vue uses the mustache syntax {{ message }} for text interpolation.');
    expect(texts).toContain('Shell uses \u0024{#name} for the length, and the set {x=1} is math.');
    expect(texts).toContain('[Breaking]: the run command now needs a config file.');
    expect(texts.some((t) => t.includes('docker ps --format "{{.ID}}: {{.Names}}"'))).toBe(true);
    // A highlight block closes no box: the bold title still heads what follows it (`# Cases`
    // says the front matter title again: it is the page's title, not a section).
    expect(para(d, 'Requests over the limit').section).toEqual(['Limits', 'Rate limits']);
  });
});

describe('site markup, after a second review', () => {
  it('is read in list content, after icons, and leaves Hugo text and a question in a box as they are', () => {
    const texts = (md: string) => doc(md).paragraphs.map((p) => p.text);
    // MkDocs list content is indented four spaces: its markup is read there too.
    expect(
      texts(
        '# T\n\n1. Open.\n\n    Press ++ctrl+alt+t++, click :material-cog: Settings.\n\n2. Get it:\n\n    [Download](s.exe){ .md-button }\n',
      ),
    ).toEqual(['T', '1. Open. Press ctrl+alt+t, click Settings.', '2. Get it: Download']);
    // An attribute list right after an icon (Material's grid cards).
    expect(texts('# T\n\n-   :material-clock-fast:{ .lg .middle } __Set up in 5 minutes__\n')).toEqual([
      'T',
      'Set up in 5 minutes',
    ]);
    // Hugo shows an escaped shortcode as written, and never runs templates in content.
    expect(
      texts('# T\n\nUse {{</* ref "a.md" */>}} to link. In Hugo, {{ .Site.Title }} prints the title.\n'),
    ).toEqual(['T', 'Use {{< ref "a.md" >}} to link. In Hugo, {{ .Site.Title }} prints the title.']);
    // A question inside a box heads that box only.
    const d = doc(
      '# Page\n\n:::info\nQ: How do I reset my password?\nA: Use the reset page.\n:::\n\nBilling is monthly.\n',
    );
    expect(para(d, 'Billing is monthly').section).toBeUndefined();
  });

  it('keeps the space before a code span in a text with braces (Node.js types, `{Object}`)', () => {
    // A page with a line the site-markup reader looks at (an import in a code block).
    const d = doc(
      "# Timers\n\n* `signal` {AbortSignal} An optional `AbortSignal` to cancel it.\n\n```js\nimport x from 'y';\n```\n\nSet to `false` to {Object} keep the `Timeout` running.\n",
    );
    // Before: "An optionalAbortSignal", "Set tofalse".
    expect(para(d, 'signal').text).toBe('signal {AbortSignal} An optional AbortSignal to cancel it.');
    expect(para(d, 'Set to').text).toBe('Set to false to {Object} keep the Timeout running.');
  });

  it('reads a long run of spaces after an attribute list at once', () => {
    // Before: 34 s for 200,000 spaces (a pattern rescanning the run from every space).
    const d = doc(`# T\n\n{.a} x${' '.repeat(200_000)}y\n`);
    expect(d.paragraphs.at(-1)?.text).toBe('{.a} x y');
  });
});
