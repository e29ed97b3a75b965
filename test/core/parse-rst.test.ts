/**
 * reStructuredText (Sphinx documentation): converted to Markdown and read as Markdown, so a
 * `.rst` page has the sections, code, tables and prose a reader of the built page sees; hostile
 * input converts without throwing (checked by outcome, not by timing).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isDocumentName, loadCorpus } from '../../src/core/corpus.js';
import { Engine } from '../../src/core/engine.js';
import { rstToMarkdown } from '../../src/core/parse/rst.js';
import { type ParsedDocument, type ParsedParagraph, parseDocument } from '../../src/core/passages.js';

const doc = (rst: string): ParsedDocument => parseDocument(rstToMarkdown(rst), true, 'x.rst');

/** The paragraph whose text starts with `start`, failing the test when there is none. */
function para(d: ParsedDocument, start: string): ParsedParagraph {
  const found = d.paragraphs.find((p) => p.text.startsWith(start));
  if (!found) throw new Error(`no paragraph starting with ${start} in ${JSON.stringify(d.paragraphs)}`);
  return found;
}

/** A Sphinx page as projects write them (after the Requests and CMake documentation). */
const GUIDE = `.. _top:

=============
Widget Guide
=============

.. contents:: On this page
   :local:

.. |project| replace:: Widgetron

Welcome to |project|. See :ref:\`install <install>\` and :doc:\`usage/first-steps\`.

Installation
============

Install it with pip::

    $ pip install widgetron

.. note::
   Widgetron needs Python 3.9 or later.

.. warning:: Never run it as root.

Configuration
=============

.. code-block:: ini
   :linenos:

   [widget]
   retries = 3

The settings are read from \`\`widget.ini\`\` [#]_.

.. [#] Or from the \`\`WIDGET_CONFIG\`\` environment variable.

max_retries
    How many times a failed call is tried again. Default: \`\`3\`\`.

Options
-------

+------------+---------+----------------------------+
| Option     | Default | Meaning                    |
+============+=========+============================+
| retries    | 3       | Calls tried again          |
+------------+---------+----------------------------+
| timeout    | 10      | Seconds to wait, at most   |
|            |         | for one call               |
+------------+---------+----------------------------+

=======  ===========
Level    Description
=======  ===========
debug    Everything
info     Normal work
=======  ===========

.. list-table:: Exit codes
   :header-rows: 1

   * - Code
     - Meaning
   * - 2
     - Bad configuration

API
---

.. function:: connect(host, port=443)

   Opens a connection to *host* and returns a :class:\`~widgetron.client.Client\`.

   :param host: The server's name.

.. autoclass:: widgetron.Client
   :members:

..
   A comment nobody reads.

.. versionadded:: 2.1
   The \`\`port\`\` argument.

FAQ
---

Why does it fail on Windows?
    Because the \`socket module <https://docs.python.org/3/library/socket.html>\`_ differs there.

>>> import widgetron
>>> widgetron.ping()
True
`;

describe('reStructuredText: structure', () => {
  const d = doc(GUIDE);

  it('reads section titles as headings, their levels in the order each adornment style first appears', () => {
    expect(d.title).toBe('Widget Guide');
    expect(para(d, 'Install it with pip').section).toEqual(['Installation']);
    expect(para(d, 'Option: retries').section).toEqual(['Configuration', 'Options']);
    expect(para(d, 'Opens a connection').section).toEqual([
      'Configuration',
      'API',
      'connect(host, port=443)',
    ]);
  });

  it('reads a literal block after "::" and a code-block directive as code, the lead-in with it', () => {
    const lead = para(d, 'Install it with pip:');
    expect(lead.text).toBe('Install it with pip:');
    const code = para(d, '$ pip install widgetron');
    expect(code.kind).toBe('code');
    expect(code.group).toBe(lead.group);
    expect(para(d, '[widget]').kind).toBe('code');
    expect(para(d, '>>> import widgetron').kind).toBe('code');
  });

  it('keeps an admonition and a version note, led by their title; drops comments, targets, toctree-like and autodoc directives', () => {
    expect(para(d, 'Note: Widgetron needs Python 3.9').kind).toBe('text');
    expect(para(d, 'Warning: Never run it as root.').kind).toBe('text');
    expect(para(d, 'New in version 2.1: The port argument.').kind).toBe('text');
    const all = d.paragraphs.map((p) => p.text).join('\n');
    for (const gone of [
      'comment nobody reads',
      'On this page',
      'autoclass',
      'members',
      'replace::',
      '.. _top',
      'linenos',
    ]) {
      expect(all).not.toContain(gone);
    }
  });

  it('reads tables (grid, simple, list-table) row by row with their headers', () => {
    expect(para(d, 'Option: timeout').text).toBe(
      'Option: timeout · Default: 10 · Meaning: Seconds to wait, at most for one call',
    );
    expect(para(d, 'Level: info').text).toBe('Level: info · Description: Normal work');
    expect(para(d, 'Code: 2').text).toBe('Code: 2 · Meaning: Bad configuration');
  });

  it('lets a definition list term head its definition, and an object description head its body', () => {
    expect(para(d, 'How many times a failed call').section).toEqual(['Configuration', 'max_retries']);
    expect(para(d, 'Because the socket module').section).toEqual([
      'Configuration',
      'FAQ',
      'Why does it fail on Windows?',
    ]);
    expect(para(d, 'param host').kind).toBe('list');
  });

  it('reads inline markup as its text: substitutions, roles, literals, links, footnote marks', () => {
    expect(para(d, 'Welcome to').text).toBe('Welcome to Widgetron. See install and first steps.');
    expect(para(d, 'Opens a connection').text).toBe('Opens a connection to host and returns a Client.');
    expect(para(d, 'The settings are read').text).toBe('The settings are read from widget.ini.');
    expect(para(d, 'Or from the WIDGET_CONFIG').kind).toBe('text');
    const md = rstToMarkdown(GUIDE);
    expect(md).toContain('[socket module](https://docs.python.org/3/library/socket.html)');
  });

  it('keeps a link whose URL is on the next line, and text that looks like HTML or Markdown as text', () => {
    const d2 = doc(
      'Intro\n=====\n\nAdd a `changelog entry\n<https://example.org/changelog>`__ first.\n\nReplace <token> with yours\n# not a heading, and 1. not a list\n',
    );
    expect(para(d2, 'Add a changelog entry').text).toBe('Add a changelog entry first.');
    expect(para(d2, 'Replace').text).toBe('Replace <token> with yours # not a heading, and 1. not a list');
    // A paragraph that starts like a list or a site generator's syntax stays text.
    const d3 = doc('Intro\n=====\n\nSome text.\n\n2024.\n\n::: not a fence\n\n{{ not a template }}\n');
    expect(d3.paragraphs.filter((p) => p.kind !== 'title').map((p) => p.text)).toEqual([
      'Some text.',
      '2024.',
      '::: not a fence',
      '{{ not a template }}',
    ]);
    expect(rstToMarkdown('Add a `changelog entry\n<https://example.org/changelog>`__ first.\n')).toContain(
      '[changelog entry](https://example.org/changelog)',
    );
  });
});

describe('reStructuredText: what Sphinx projects write (after a review against docutils)', () => {
  const texts = (rst: string) =>
    doc(rst)
      .paragraphs.filter((p) => p.kind !== 'title')
      .map((p) => p.text);

  it('reads a class with its methods, each signature heading its description, and text after it in the section', () => {
    const d = doc(`API
===

.. py:class:: Client(host)

   A connection to *host*.

   .. method:: close()

      Closes the connection.

.. option:: -S <path-to-source>

   Where the sources are.

After the options, a word on errors.
`);
    expect(para(d, 'A connection to host.').section).toEqual(['Client(host)']);
    expect(para(d, 'Closes the connection.').section).toEqual(['close()']);
    expect(para(d, 'Where the sources are.').section).toEqual(['-S <path-to-source>']);
    expect(para(d, 'After the options').section).toBeUndefined();
  });

  it('keeps a definition whole, placeholders in titles, terms and cells, and a literal block inside a list item', () => {
    const d = doc(`Settings
========

CMAKE_<LANG>_COMPILER
---------------------

max_attempts
   An integer representing the maximum number of attempts that will be made for
   a single request, including the first.

<name>
   The package's name.

* Use the compute engine::

      from google.auth import compute_engine

+---------+---------+
| Value   | Meaning |
+=========+=========+
| <value> | a | b   |
+---------+---------+
`);
    expect(para(d, 'An integer').text).toBe(
      'An integer representing the maximum number of attempts that will be made for a single request, including the first.',
    );
    expect(para(d, 'An integer').section).toEqual(['CMAKE_<LANG>_COMPILER', 'max_attempts']);
    expect(para(d, "The package's name.").section).toEqual(['CMAKE_<LANG>_COMPILER', '<name>']);
    expect(para(d, 'from google.auth import compute_engine').kind).toBe('code');
    expect(para(d, 'Value: <value>').text).toBe('Value: <value> · Meaning: a | b');
  });

  it('reads literals as written, even with roles, pipes or a line break inside', () => {
    expect(
      texts('Pass ``:all:`` to ``--no-binary``, or ``(RUNTIME|LIBRARY)``; ``pip\nlist`` lists.\n'),
    ).toEqual(['Pass :all: to --no-binary, or (RUNTIME|LIBRARY); pip list lists.']);
    expect(texts('Release v\\ |version|. Foo\\ s are fine.\n\n~~~ not a fence\n')).toEqual([
      'Release v. Foos are fine.',
      '~~~ not a fence',
    ]);
    expect(texts('Multiply a*b*c or 2*3*4; write &lt; for less-than, *not* emphasis.\n')).toEqual([
      'Multiply a*b*c or 2*3*4; write &lt; for less-than, not emphasis.',
    ]);
    expect(texts('.. |Req| replace:: :class:`requests.Request`\n\nBuild a |Req| first.\n')).toEqual([
      'Build a requests.Request first.',
    ]);
  });

  it('reads what the built page shows: only-html bodies, rubrics, containers, quotes after an empty comment; not test set-up code', () => {
    const all = texts(`Page
====

.. only:: html

   Shown on the web.

.. rubric:: Footnotes

.. container:: highlight-box

   Boxed text.

..

   A quote after an empty comment.

.. testsetup:: *

   from cachetools import cached

.. code-tab:: python

   import widgets
`).join('\n');
    for (const shown of [
      'Shown on the web.',
      'Footnotes',
      'Boxed text.',
      'A quote after an empty comment.',
      'import widgets',
    ])
      expect(all).toContain(shown);
    expect(all).not.toMatch(/highlight-box|cachetools|python:/);
  });

  it('reads grid tables with cells spanning rows or columns, and CSV with empty fields', () => {
    const grid = texts(`+-------+-------+
| Name  | Notes |
+=======+=======+
| alpha | first |
+-------+       |
| beta  |       |
+-------+-------+
| a cell span   |
+---------------+
`);
    expect(grid).toEqual(['Name: alpha · Notes: first', 'Name: beta', 'Name: a cell span']);
    expect(texts('.. csv-table::\n\n   "a, b",,c\n')).toEqual(['a, b · c']);
    // The header as an option, or as the first row.
    expect(
      texts(
        '.. csv-table:: Prices\n   :header: "Plan", "Price"\n   :widths: 20, 10\n\n   "Team", "$8"\n   Pro, $20\n',
      ),
    ).toEqual(['Prices:', 'Plan: Team · Price: $8', 'Plan: Pro · Price: $20']);
    expect(texts('.. csv-table::\n   :header-rows: 1\n\n   Plan, Price\n   Team, $8\n')).toEqual([
      'Plan: Team · Price: $8',
    ]);
    // A header option over two lines; two header rows; rows kept in a file (not read).
    expect(texts('.. csv-table::\n   :header: "Plan",\n      "Price"\n\n   Team, $8\n')).toEqual([
      'Plan: Team · Price: $8',
    ]);
    expect(
      texts('.. csv-table::\n   :header-rows: 2\n\n   Plan, Price\n   name, a month\n   Team, $8\n'),
    ).toEqual(['Plan name: Team · Price a month: $8']);
    expect(texts('Intro.\n\n.. csv-table:: Data\n   :file: data.csv\n   :header: a, b\n\nAfter.\n')).toEqual([
      'Intro.',
      'After.',
    ]);
  });

  it("drops the field list that opens a file (Sphinx's metadata), not one in its text", () => {
    const d = doc(`:allow_comments: False
:tocdepth: 2

.. _doc_requirements:

System requirements
===================

Storage
-------

:Minimum: 200 MB
:Recommended: 2 GB
`);
    const texts = d.paragraphs.map((p) => p.text);
    expect(texts.some((t) => /allow_comments|tocdepth/.test(t))).toBe(false);
    expect(texts.join('\n')).toContain('200 MB');
    expect(d.title).toBe('System requirements');
    // Fields a reader sees at the top of a README (docutils shows them as a table) stay.
    const readme = doc(':Version: 2.4.1\n:License: BSD 3-Clause\n\nFoo\n===\n\nA tool.\n');
    expect(readme.paragraphs.map((p) => p.text).join('\n')).toContain('BSD 3-Clause');
  });

  it('reads a line block (an address) as its lines, without the bars', () => {
    const found = texts(
      'Contact\n=======\n\n| Ferry Office\n| 12 Pier Road\n|\n| Harbourtown\n\nWrite to us.\n',
    );
    expect(found[0]).toMatch(/^Ferry Office\s+12 Pier Road\s+Harbourtown$/);
    expect(found.join(' ')).not.toContain('|');
  });

  it('reads a short underline under a longer line as text, as docutils does', () => {
    expect(texts('Intro\n=====\n\nSee the list below for all of it\n---\n')).toEqual([
      'See the list below for all of it ---',
    ]);
  });
});

describe('reStructuredText: hostile input', () => {
  it('converts deep nesting, a long line and unclosed markup without throwing', () => {
    const deep = Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}* item ${i}`).join('\n');
    expect(doc(deep).paragraphs.length).toBeGreaterThan(0);
    const quotes = Array.from({ length: 1_500 }, (_, i) => `${' '.repeat(i * 2)}quoted ${i}\n`).join('\n');
    expect(
      doc(quotes)
        .paragraphs.map((p) => p.text)
        .join(' '),
    ).toContain('quoted 1499');
    const long = `Title\n=====\n\n${':ref:`x '.repeat(20_000)}\`\`open ${'|a '.repeat(20_000)}\n`;
    expect(doc(long).paragraphs.length).toBeGreaterThan(1);
    const directives = `${'.. note::\n'.repeat(2_000)}   body\n`;
    expect(() => doc(directives)).not.toThrow();
    // A link's backtick before a long run of spaces; a literal block and a table too long to
    // spread into one call; a ragged table (one wide row over many short ones).
    expect(() => rstToMarkdown(`\`${' '.repeat(200_000)}x\n`)).not.toThrow();
    expect(() => rstToMarkdown(`Code::\n\n${'    line\n'.repeat(150_000)}`)).not.toThrow();
    const ragged = `${'=== '.repeat(2_000)}\n${'a\n'.repeat(2_000)}${'=== '.repeat(2_000)}\n`;
    expect(rstToMarkdown(ragged).length).toBeLessThan(ragged.length * 10);
    // A long substitution used thousands of times: what substitutions add is bounded.
    const subs = `.. |a| replace:: ${'word '.repeat(200)}\n\n${'|a| '.repeat(20_000)}\n`;
    expect(rstToMarkdown(subs).length).toBeLessThan(subs.length * 3 + 200_000);
    // Directives named like Object.prototype's properties are unknown directives, not a crash.
    expect(rstToMarkdown('.. constructor:: x\n\n   body text\n\n.. toString::\n\n   more\n')).toBe(
      'x: body text\n\nmore\n',
    );
    // A link address with parentheses stays whole.
    expect(rstToMarkdown('See `the article <https://x.org/Smiley_:)>`_ now.\n')).toContain(
      '(https://x.org/Smiley_:%29) now.',
    );
  });
});

describe('reStructuredText: in the seeds folder', () => {
  let dir = '';
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  it('reads .rst files and answers from them with their section', async () => {
    expect(isDocumentName('guide.rst')).toBe(true);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbot-rst-'));
    fs.writeFileSync(path.join(dir, 'guide.rst'), GUIDE);
    fs.writeFileSync(path.join(dir, 'other.md'), '# Other\n\nNothing about widgets here, only gardens.\n');
    fs.writeFileSync(path.join(dir, 'third.txt'), 'A third document about boats.\n');
    const corpus = await loadCorpus(dir);
    expect(corpus.files.map((f) => f.source)).toContain('guide.rst');
    const answer = Engine.create(corpus).answer('how do I install widgetron?');
    expect(answer.answer?.source).toBe('guide.rst');
    expect(answer.results[0]?.section).toBe('Installation');
    expect(answer.results[0]?.text).toContain('pip install widgetron');
  });
});

describe('section links of a .rst page', () => {
  it('link each section by the id docutils gives it, so a Sphinx or Read the Docs page opens there', () => {
    const d = doc(`Changes
=======

Using \`\`Session.mount()\`\`
-------------------------

Mount an adapter on a prefix.

Version 2.0.1
-------------

Fixed a crash when the proxy closed the connection.

Setting \`\`max_retries\`\` & timeouts
----------------------------------

Retries are set on the adapter.

Ünïcode Héading
---------------

Text under a heading with accents.

Version 2.0.1
-------------

The same title again.

安装
----

Installation.

3 Steps to :func:\`get\`
----------------------

Roles.
`);
    // Each id as Sphinx makes it for these titles (docutils with auto_id_prefix 'id'; Sphinx reads a
    // role as its text).
    expect(para(d, 'Mount an adapter').anchor).toBe('using-session-mount');
    expect(para(d, 'Fixed a crash').anchor).toBe('version-2-0-1');
    expect(para(d, 'Retries are set').anchor).toBe('setting-max-retries-timeouts');
    expect(para(d, 'Text under a heading').anchor).toBe('unicode-heading');
    expect(para(d, 'The same title again').anchor).toBe('id1');
    expect(para(d, 'Installation.').anchor).toBe('id2');
    expect(para(d, 'Roles.').anchor).toBe('steps-to-get');
    // The id is no word of the section's title.
    expect(para(d, 'Retries are set').section).toEqual(['Setting max_retries & timeouts']);
  });
});

describe('section ids after footnotes', () => {
  it('count footnote and citation references, which take automatic ids before them', () => {
    const d = doc(`Page
====

See the note [#n]_ and the paper [CIT2002]_.

Version 2.0.1
-------------

First.

Version 2.0.1
-------------

Second.

.. [#n] A footnote.
.. [CIT2002] A citation.
`);
    // As Sphinx (docutils with auto_id_prefix 'id'): id1 and id2 are the two references.
    expect(para(d, 'Second.').anchor).toBe('id3');
  });
});
