import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/core/blocks.js';
import { parseText } from '../../src/core/parse/text.js';
import { type ParsedDocument, type ParsedParagraph, parseDocument } from '../../src/core/passages.js';

const blocks = (content: string): Block[] => parseText(content).blocks;
/** The blocks as [kind, text] pairs. */
const kindsAndTexts = (content: string): string[][] => blocks(content).map((b) => [b.kind, b.text]);
const doc = (content: string): ParsedDocument => parseDocument(content, false, 'x.txt');
const headingsOf = (content: string) =>
  blocks(content)
    .filter((b) => b.kind === 'heading')
    .map((b) => [b.text, b.level]);

/** The paragraph whose text starts with `start`, failing the test when there is none. */
function para(d: ParsedDocument, start: string): ParsedParagraph {
  const found = d.paragraphs.find((p) => p.text.startsWith(start));
  if (!found) throw new Error(`no paragraph starting with ${start} in ${JSON.stringify(d.paragraphs)}`);
  return found;
}

const count = (d: ParsedDocument, text: string) => d.paragraphs.filter((p) => p.text === text).length;

const FAQ = `Widget FAQ

 1. Getting Started
  1.1 What is Widget?
  1.2 How do I install Widget?
 2. Troubleshooting
  2.1 Why does Widget crash on start?
   2.1.1 "No printer found"

==============================================================================

1. Getting Started

  1.1 What is Widget?

  Widget is a small command line tool that turns plain text files into
  printable labels. It runs on Linux, macOS and Windows.

  Widget comes in two parts:

  widgetd

    A background service that watches a folder and prints every new label
    file it finds there.

    It starts with the computer and needs no window.

  1.2 How do I install Widget?

  Download the archive for your system from the release page and unpack
  it into a folder of your choice. Then run:

     widget --setup

  The setup asks for your printer and paper size.

2. Troubleshooting

  2.1 Why does Widget crash on start?

  Most crashes on start come from a missing printer driver. Install the
  driver for your printer and start Widget again.

   2.1.1 "No printer found"

   Widget found no printer at all. Check that the printer is switched on
   and connected to the same network as the computer.
`;

describe('parseText: an FAQ with numbered questions, indented answers and a table of contents', () => {
  it('makes every numbered question a heading, levelled by the depth of its number', () => {
    expect(headingsOf(FAQ)).toEqual([
      ['Widget FAQ', 7],
      ['1. Getting Started', 1],
      ['1.1 What is Widget?', 2],
      ['widgetd', 3],
      ['1.2 How do I install Widget?', 2],
      ['2. Troubleshooting', 1],
      ['2.1 Why does Widget crash on start?', 2],
      ['2.1.1 "No printer found"', 3],
    ]);
  });

  it('splits the table of contents into one block per entry, each exactly its heading text', () => {
    const texts = blocks(FAQ).map((b) => b.text);
    expect(texts.slice(1, 7)).toEqual([
      '1. Getting Started',
      '1.1 What is Widget?',
      '1.2 How do I install Widget?',
      '2. Troubleshooting',
      '2.1 Why does Widget crash on start?',
      '2.1.1 "No printer found"',
    ]);
    expect(texts.join('\n')).not.toContain('===');
  });

  it('keeps the indented answers as paragraphs split at blank lines, wrapped lines joined (as before)', () => {
    const texts = blocks(FAQ)
      .filter((b) => b.kind === 'text')
      .map((b) => b.text);
    expect(texts).toContain(
      'Widget is a small command line tool that turns plain text files into printable labels. It runs on Linux, macOS and Windows.',
    );
    expect(texts).toContain(
      'A background service that watches a folder and prints every new label file it finds there.',
    );
    expect(texts).toContain('It starts with the computer and needs no window.');
  });

  it('gives every answer paragraph its numbered heading path, and drops the table of contents', () => {
    const d = doc(FAQ);
    expect(d.title).toBe('Widget FAQ');
    expect(para(d, 'Widget is a small').section).toEqual(['1. Getting Started', '1.1 What is Widget?']);
    expect(para(d, 'A background service').section).toEqual([
      '1. Getting Started',
      '1.1 What is Widget?',
      'widgetd',
    ]);
    expect(para(d, 'It starts with the computer').section).toEqual([
      '1. Getting Started',
      '1.1 What is Widget?',
      'widgetd',
    ]);
    expect(para(d, 'Download the archive').section).toEqual([
      '1. Getting Started',
      '1.2 How do I install Widget?',
    ]);
    expect(para(d, 'The setup asks').section).toEqual(['1. Getting Started', '1.2 How do I install Widget?']);
    expect(para(d, 'Most crashes on start').section).toEqual([
      '2. Troubleshooting',
      '2.1 Why does Widget crash on start?',
    ]);
    expect(para(d, 'Widget found no printer').section).toEqual([
      '2. Troubleshooting',
      '2.1 Why does Widget crash on start?',
      '2.1.1 "No printer found"',
    ]);
    for (const h of ['1.1 What is Widget?', '2.1.1 "No printer found"', '2. Troubleshooting']) {
      expect(count(d, h)).toBe(1);
      expect(para(d, h).kind).toBe('heading');
    }
  });

  it('does not take an indented command line for a heading', () => {
    const command = blocks(FAQ).find((b) => b.text === 'widget --setup');
    expect(command?.kind).toBe('text');
  });
});

describe('parseText: a licence with underlined headings and numbered definitions', () => {
  const licence = `Example Public License
======================

1. Definitions
--------------

1.1. "Contributor"
    means each individual or legal entity that creates, contributes to
    the creation of, or owns Covered Software.

1.2. "Larger Work"
    means a work that combines Covered Software with other material, in
    a separate file or files, that is not Covered Software.

1.3. "Modifications"
    means any of the following:

    (a) any file in Source Code Form that results from an addition to,
        deletion from, or modification of the contents of Covered
        Software; or

    (b) any new file in Source Code Form that contains any Covered
        Software.

2. License Grants and Conditions
--------------------------------

2.1. Grants

Each Contributor hereby grants You a world-wide, royalty-free,
non-exclusive license to use, reproduce and distribute its Contributions.

2.2. Distributing Source Code Form that is Incompatible With Secondary
Licenses

If You choose to distribute Source Code Form that is Incompatible With
Secondary Licenses, You must inform recipients of that fact.
`;

  it('reads underlined titles and numbered definitions as headings', () => {
    expect(headingsOf(licence)).toEqual([
      ['Example Public License', 1],
      ['1. Definitions', 1],
      ['1.1. "Contributor"', 2],
      ['1.2. "Larger Work"', 2],
      ['1.3. "Modifications"', 2],
      ['2. License Grants and Conditions', 1],
      ['2.1. Grants', 2],
      ['2.2. Distributing Source Code Form that is Incompatible With Secondary Licenses', 2],
    ]);
  });

  it('keeps the definitions and their (a)/(b) items as text under their headings', () => {
    const d = doc(licence);
    expect(d.title).toBe('Example Public License');
    expect(para(d, 'means each individual')).toMatchObject({
      kind: 'text',
      text: 'means each individual or legal entity that creates, contributes to the creation of, or owns Covered Software.',
      section: ['1. Definitions', '1.1. "Contributor"'],
    });
    expect(para(d, '(a) any file').section).toEqual(['1. Definitions', '1.3. "Modifications"']);
    expect(para(d, '(b) any new file').section).toEqual(['1. Definitions', '1.3. "Modifications"']);
    expect(para(d, 'Each Contributor hereby').section).toEqual([
      '2. License Grants and Conditions',
      '2.1. Grants',
    ]);
    expect(para(d, 'If You choose').section).toEqual([
      '2. License Grants and Conditions',
      '2.2. Distributing Source Code Form that is Incompatible With Secondary Licenses',
    ]);
    expect(d.paragraphs.map((p) => p.text).join('\n')).not.toMatch(/^[=-]+$/m);
    expect(d.paragraphs.filter((p) => p.kind === 'heading').map((p) => p.text)).toContain(
      '1.2. "Larger Work"',
    );
  });

  it('levels underline styles by first appearance, an overlined title being a style of its own', () => {
    const content = `==========
 Handbook
==========

Welcome to the handbook of the club.

Rules
=====

Members must follow the rules.

Guests
------

Guests must sign in.

----------------------------------------

Fees
====

Fees are due in March.
`;
    expect(headingsOf(content)).toEqual([
      ['Handbook', 1],
      ['Rules', 1],
      ['Guests', 2],
      ['Fees', 1],
    ]);
    const d = doc(content);
    expect(para(d, 'Guests must').section).toEqual(['Rules', 'Guests']);
    expect(para(d, 'Fees are due').section).toEqual(['Fees']);
    // The rule line on its own produces nothing.
    expect(blocks(content).some((b) => /^-+$/.test(b.text))).toBe(false);
  });

  it('reads a boxed section (a frame of asterisks) like the rest of the text', () => {
    const content = `3. Termination
--------------

Your rights end when you break the terms.

************************************************************************
*                                                                      *
*  4. Disclaimer of Warranty                                           *
*  -------------------------                                           *
*                                                                      *
*  Covered Software is provided under this License on an "as is"       *
*  basis, without warranty of any kind.                                *
*                                                                      *
************************************************************************
`;
    expect(blocks(content)).toEqual([
      { kind: 'heading', text: '3. Termination', level: 1 },
      { kind: 'text', text: 'Your rights end when you break the terms.' },
      { kind: 'heading', text: '4. Disclaimer of Warranty', level: 1 },
      {
        kind: 'text',
        text: 'Covered Software is provided under this License on an "as is" basis, without warranty of any kind.',
      },
    ]);
  });
});

describe('parseText: rules with Article, § and ALL-CAPS headings', () => {
  const rules = `CLUB RULES

Article 1 - Name and Purpose

The club is called the Riverside Rowing Club. Its purpose is to promote
rowing on the river for members of all ages.

ARTICLE II
MEMBERSHIP

§ 3 Fees

Members pay the annual fee before the first of March.

§ 4
Guests

Each member may bring two guests per month.

Article 3 - Safety

BOATS

Boats must be washed and returned to the rack after every outing.

LIFE JACKETS

Life jackets are worn by every member under sixteen.
`;

  it('makes Article and § lines headings, § one level below Article, ALL-CAPS lines level 7', () => {
    expect(headingsOf(rules)).toEqual([
      ['CLUB RULES', 7],
      ['Article 1 - Name and Purpose', 1],
      ['ARTICLE II MEMBERSHIP', 1],
      ['§ 3 Fees', 2],
      ['§ 4 Guests', 2],
      ['Article 3 - Safety', 1],
      ['BOATS', 7],
      ['LIFE JACKETS', 7],
    ]);
  });

  it('puts each rule under its article, section and ALL-CAPS heading', () => {
    const d = doc(rules);
    expect(d.title).toBe('CLUB RULES');
    expect(para(d, 'The club is called').section).toEqual(['Article 1 - Name and Purpose']);
    expect(para(d, 'Members pay').section).toEqual(['ARTICLE II MEMBERSHIP', '§ 3 Fees']);
    expect(para(d, 'Each member may bring').section).toEqual(['ARTICLE II MEMBERSHIP', '§ 4 Guests']);
    expect(para(d, 'Boats must').section).toEqual(['Article 3 - Safety', 'BOATS']);
    expect(para(d, 'Life jackets are').section).toEqual(['Article 3 - Safety', 'LIFE JACKETS']);
    expect(d.paragraphs.filter((p) => p.kind === 'text').map((p) => p.text)).toEqual([
      'The club is called the Riverside Rowing Club. Its purpose is to promote rowing on the river for members of all ages.',
      'Members pay the annual fee before the first of March.',
      'Each member may bring two guests per month.',
      'Boats must be washed and returned to the rack after every outing.',
      'Life jackets are worn by every member under sixteen.',
    ]);
  });

  it('reads server rules written as `Rule 2 - No spam` right above the rule, as sections', () => {
    const d = doc(`SERVER RULES

Rule 1 - Be respectful
Treat everyone with respect. No harassment or personal attacks.

Rule 2 - No spam
Do not spam messages or mentions.

Rule #3: Keep it SFW
No NSFW content in any channel.
`);
    expect(para(d, 'Treat everyone').section).toEqual(['Rule 1 - Be respectful']);
    expect(para(d, 'Do not spam').section).toEqual(['Rule 2 - No spam']);
    expect(para(d, 'No NSFW').section).toEqual(['Rule #3: Keep it SFW']);
    // A hard-wrapped sentence that starts like one stays whole.
    const wrapped = doc(
      'Rules\n\nRule 2 - Do not spam the channels or post the same message in many channels\nat once; repeated offenders will be muted by the moderators.\n',
    );
    expect(para(wrapped, 'Rule 2 - Do not spam').text).toContain('at once; repeated offenders');
    // A numbered line with no separated title still reads as a list item of its run.
    expect(
      para(doc('Steps\n\n1. Open the app\n2. Sign in\n3. Tap Settings\n'), '1. Open').section,
    ).toBeUndefined();
  });

  it('splits a numbered heading from the hard-wrapped paragraph right under it', () => {
    const content = `Terms

4. Payment and Refunds
Payments are made monthly by direct debit on the first working day of the
month, and refunds are given only when the club closes for more than a week.
`;
    expect(blocks(content).slice(1)).toEqual([
      { kind: 'heading', text: '4. Payment and Refunds', level: 1 },
      {
        kind: 'text',
        text: 'Payments are made monthly by direct debit on the first working day of the month, and refunds are given only when the club closes for more than a week.',
      },
    ]);
  });
});

describe("parseText: a server's rules, numbered titles over numbered clauses", () => {
  it('makes each numbered title over its own clauses a section, and the next numbered title one too', () => {
    const content = `COMMUNITY RULES

1. General
1.1 Be respectful to everyone, including staff.
1.2 English only in public channels.

2. Content
2.1 No NSFW content.
2.2 No piracy links.

3. Punishments
Breaking a rule leads to a warning, a mute or a ban, depending on how serious it is.
`;
    expect(headingsOf(content)).toEqual([
      ['COMMUNITY RULES', 7],
      ['1. General', 1],
      ['2. Content', 1],
      ['3. Punishments', 1],
    ]);
    const d = doc(content);
    const under = (start: string) => d.paragraphs.find((p) => p.text.startsWith(start))?.section;
    expect(under('1.2 English only')).toEqual(['1. General']);
    expect(under('2.1 No NSFW')).toEqual(['2. Content']);
    expect(under('Breaking a rule')).toEqual(['3. Punishments']);
  });

  it('nests clauses numbered afresh under the indented subsection above them, not at the top', () => {
    // A club's constitution laid out as Debian's is: sections at the margin, subsections at two
    // spaces, and the subsection's own numbered clauses at four, some titled on their own line.
    const content = `RIVERSIDE ROWING CLUB CONSTITUTION

6. Committee

  6.1. Composition

    1. The Committee consists of up to 8 members, and should usually
       have at least 4 members.

  6.2. Procedure

    1. Calling a meeting
       Any member may call a meeting of the Committee with a week's
       notice to every other member of the Committee.
    2. Details regarding voting
       The voting period lasts for one week or until the outcome is no
       longer in doubt. There is a quorum of two. The Chair has a casting
       vote.
    7. Proposing a general resolution.
       When the Committee proposes a general resolution to the club, it
       may delegate the authority to amend it to one of its members.

7. The Secretary

  7.1. Appointment

    The Secretary is appointed by the Chair and the current Secretary
    for a term of two years.
`;
    const d = doc(content);
    const under = (start: string) => para(d, start).section;
    expect(under('The voting period')).toEqual([
      '6. Committee',
      '6.2. Procedure',
      '2. Details regarding voting',
    ]);
    expect(under('When the Committee proposes')?.slice(0, 2)).toEqual(['6. Committee', '6.2. Procedure']);
    // The next section at the margin is at the top again, its subsection under it.
    expect(under('The Secretary is appointed')).toEqual(['7. The Secretary', '7.1. Appointment']);
  });

  it('reads lettered appendices (`A.`, `A.1.`) as sections after the numbered ones, not under the last', () => {
    const content = `RIVERSIDE ROWING CLUB CONSTITUTION

9. Assets

  9.1. Trusted organisations

    Donations must be made to one of the organisations the Chair names.

A. Standard Resolution Procedure

   These rules apply to every vote of the members or the committee.

  A.1. Discussion and Amendment

    The minimum discussion period is 2 weeks. The maximum discussion
    period is 3 weeks.

  A.2. Vote Counting

    Each voter ranks the options in order of preference.

B. Use of language and typography

   The present tense includes the future.
`;
    expect(headingsOf(content).slice(1)).toEqual([
      ['9. Assets', 1],
      ['9.1. Trusted organisations', 2],
      ['A. Standard Resolution Procedure', 1],
      ['A.1. Discussion and Amendment', 2],
      ['A.2. Vote Counting', 2],
      ['B. Use of language and typography', 1],
    ]);
    const d = doc(content);
    expect(para(d, 'The minimum discussion period').section).toEqual([
      'A. Standard Resolution Procedure',
      'A.1. Discussion and Amendment',
    ]);
    expect(para(d, 'The present tense').section).toEqual(['B. Use of language and typography']);
    // Without lettered clauses, `A.` still opens an answer.
    expect(
      kindsAndTexts('Q. Can guests row?\n\nA. Yes, with a member in the boat.\n').map(([k]) => k),
    ).not.toContain('heading');
  });

  it('reads every later number as a section too, with or without clauses, blank lines or not', () => {
    const sectionOf = (content: string, start: string) =>
      doc(content).paragraphs.find((p) => p.text.startsWith(start))?.section;
    const spaced = `RULES

1. General
1.1 Be respectful.
1.2 English only.

2. Content
2.1 No NSFW content.

3. Voice channels
3.1 No soundboards.
3.2 Do not record others.

4. Appeals
Write to the moderators to appeal a ban.
`;
    expect(sectionOf(spaced, '2.1 No NSFW')).toEqual(['2. Content']);
    expect(sectionOf(spaced, '3.2 Do not record')).toEqual(['3. Voice channels']);
    expect(sectionOf(spaced, 'Write to the moderators')).toEqual(['4. Appeals']);
    // Pasted without blank lines: each number up to the next that is not its own.
    const packed =
      'RULES\n\n1. General\n1.1 Be respectful.\n1.2 English only.\n2. Content\n2.1 No NSFW content.\n2.2 No piracy.\n3. Punishments\nBreaking a rule leads to a warning.\n';
    expect(sectionOf(packed, '1.2 English')).toEqual(['1. General']);
    expect(sectionOf(packed, '2.2 No piracy')).toEqual(['2. Content']);
    expect(sectionOf(packed, 'Breaking a rule')).toEqual(['3. Punishments']);
    // A procedure's later steps are not the first step's text.
    const steps =
      'Install\n\n1. Download the archive\n1.1 Unpack it to /opt\n1.2 Run ./configure\n2. Build with make\n3. Install with make install\n';
    expect(sectionOf(steps, '2. Build with make')).toBeUndefined();
  });

  it('finds sections whose clauses stand apart, run on, or start with one, and stops at a list after them', () => {
    const sectionOf = (content: string, start: string) =>
      doc(content).paragraphs.find((p) => p.text.startsWith(start))?.section;
    // A FAQ with a blank line after each answer.
    const faq =
      'FOO FAQ\n\n1. General questions\n1.1 What is Foo?\nFoo is a tool that converts spreadsheets.\n\n1.2 Is Foo free?\nYes, it is free software.\n\n2. Installation\n2.1 How do I install Foo?\nRun the installer from the download page.\n';
    expect(sectionOf(faq, 'Run the installer')).toEqual(['2. Installation', '2.1 How do I install Foo?']);
    // Clauses a blank line apart.
    const apart =
      'Server rules\n\n1. Be respectful\n\n1.1 No harassment of any kind.\n\n1.2 No spamming members.\n\n2. Content\n\n2.1 No NSFW content.\n';
    expect(sectionOf(apart, '2.1 No NSFW')).toEqual(['2. Content']);
    // A first section of one clause, all in one run.
    const tight =
      'Server rules\n\n1. General\n1.1 Be nice to everyone here.\n2. Content\n2.1 No NSFW content.\n2.2 No piracy links.\n';
    expect(sectionOf(tight, '1.1 Be nice')).toEqual(['1. General']);
    expect(sectionOf(tight, '2.2 No piracy')).toEqual(['2. Content']);
    // A numbered list under a later heading is a list, not more sections.
    const appeal = `${tight}\nHow to appeal a ban\n\nIf you were banned, you can appeal.\n\n1. Open a ticket in the appeals server\n\n2. Explain what happened and why\n\n3. Wait for a moderator to answer\n\nAppeals are usually answered within a week.\n`;
    expect(sectionOf(appeal, 'Appeals are usually')?.at(-1)).toBe('How to appeal a ban');
    expect(doc(appeal).paragraphs.find((p) => p.text.startsWith('2. Explain'))?.kind).toBe('text');
    // A numbered heading after another, over indented text (a Vim help file).
    const help =
      'Some intro text about the plugin.\n\n1. Overview\n   The plugin opens zip archives.\n   It needs the unzip program.\n\n2. Usage\n\n   When one edits a zip file, this plugin shows its contents.\n';
    expect(sectionOf(help, 'When one edits')).toEqual(['2. Usage']);
  });

  it('reads a long file of numbered sections in linear time', () => {
    const unit = '1. Title\n1.1 First clause.\n1.2 Second clause.\n';
    // 30,000 sections: each split off its run without copying the rest (it ran out of memory).
    expect(doc(unit.repeat(30_000)).paragraphs.length).toBeGreaterThan(60_000);
  });

  it('keeps a list whose one item has one sub-item a list, and a version number no clause', () => {
    expect(
      headingsOf('Shopping\n\n1. Apples\n\n2. Pears\n2.1 Conference pears only.\n\n3. Milk\n\n4. Bread\n'),
    ).toEqual([['Shopping', 7]]);
    expect(
      headingsOf('Notes\n\n1. Upgrading\n1.0 is the first stable release of the tool, and a good one.\n'),
    ).toEqual([['Notes', 7]]);
  });
});

describe('parseText: a section number alone on its line', () => {
  const content = `Handbook

4.2.1.
Opening hours

The club opens at seven in the morning.

4.2.2.

Closing time

The club closes at ten at night.

4.2.3.

The bar closes an hour earlier.
`;

  it('takes the next line as the title of a bare number', () => {
    expect(headingsOf(content)).toEqual([
      ['Handbook', 7],
      ['4.2.1. Opening hours', 3],
      ['4.2.2. Closing time', 3],
    ]);
  });

  it('never makes a bare number a heading', () => {
    const d = doc(content);
    expect(para(d, 'The club opens').section).toEqual(['4.2.1. Opening hours']);
    expect(para(d, 'The club closes').section).toEqual(['4.2.2. Closing time']);
    for (const p of d.paragraphs) expect(p.section ?? []).not.toContain('4.2.3.');
    expect(d.paragraphs.some((p) => p.kind === 'heading' && /^[\d.]+$/.test(p.text))).toBe(false);
  });
});

describe('parseText: numbered list items and clauses are not headings', () => {
  it('keeps a loose numbered list (items separated by blank lines) as text', () => {
    const content = `Installing

Follow these steps:

1. Download the archive from the release page

2. Unpack it into a folder of your choice

3. Run the installer and follow the prompts

Afterwards, restart your computer.
`;
    expect(headingsOf(content)).toEqual([['Installing', 7]]);
    const d = doc(content);
    expect(d.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['title', 'Installing'],
      ['text', 'Follow these steps:'],
      ['text', '1. Download the archive from the release page'],
      ['text', '2. Unpack it into a folder of your choice'],
      ['text', '3. Run the installer and follow the prompts'],
      ['text', 'Afterwards, restart your computer.'],
    ]);
  });

  it('keeps the last item of a list apart from the next real section heading', () => {
    const content = `1.15 How do I port Widget to my OS?

  Here is a rough step-by-step:

  1. copy a suitable config file as a start for your own system

  2. edit the new config file to match your system and setup

  3. compile the sources and make them into a library

2. Install Related Problems

  2.1 configure fails when using static libraries

  You may find that configure fails to detect the libraries.
`;
    expect(headingsOf(content)).toEqual([
      ['1.15 How do I port Widget to my OS?', 2],
      ['2. Install Related Problems', 1],
      ['2.1 configure fails when using static libraries', 2],
    ]);
  });

  it('does not take a numbered sentence or clause for a heading', () => {
    const content = `Rules

1. Install the package. Then run it

2.1 In these Terms, "Guild", "we" and "us" mean Riverside Makers Guild, a
    non-profit community association that operates a shared workshop.

5.1. The rights granted under this License will terminate automatically.
`;
    expect(headingsOf(content)).toEqual([['Rules', 7]]);
    expect(blocks(content).map((b) => b.text)).toEqual([
      'Rules',
      '1. Install the package. Then run it',
      '2.1 In these Terms, "Guild", "we" and "us" mean Riverside Makers Guild, a non-profit community association that operates a shared workshop.',
      '5.1. The rights granted under this License will terminate automatically.',
    ]);
  });

  it('does not split a paragraph at a line that starts with a section reference', () => {
    const content = `Certificates

Server certificate verification is enabled by default and is often the
reason for problems as explained in the FAQ entry about the CA bundle at
4.12 and the SSLCERTS document. Ask on the mailing list if you are stuck.
`;
    expect(blocks(content).map((b) => b.text)).toEqual([
      'Certificates',
      'Server certificate verification is enabled by default and is often the reason for problems as explained in the FAQ entry about the CA bundle at 4.12 and the SSLCERTS document. Ask on the mailing list if you are stuck.',
    ]);
  });
});

describe('parseText: questions', () => {
  it('makes a Q: line a question block and its A: line text', () => {
    const content = `Membership FAQ

Q: Can I pause my membership?
A: Yes, for up to three months each year.

Question: How do I cancel?
Answer: Write to the office one month ahead.
`;
    expect(kindsAndTexts(content)).toEqual([
      ['heading', 'Membership FAQ'],
      ['question', 'Can I pause my membership?'],
      ['text', 'Yes, for up to three months each year.'],
      ['question', 'How do I cancel?'],
      ['text', 'Write to the office one month ahead.'],
    ]);
  });

  it('reads a Q. question of several sentences over several lines as one question', () => {
    // As in Debian's base-files FAQ: the question states the case, then asks.
    const content = `Frequently Asked Questions

Q. There is a new point release and I've just upgraded my system.
The /etc/debian_version file now says 10.x but /etc/issue still says 10.
Is this ok?

A. Yes. The release managers asked me not to touch /etc/issue, as that's
a file which is often customized by the user.
`;
    expect(kindsAndTexts(content)).toEqual([
      ['heading', 'Frequently Asked Questions'],
      [
        'question',
        "There is a new point release and I've just upgraded my system. The /etc/debian_version file now says 10.x but /etc/issue still says 10. Is this ok?",
      ],
      [
        'text',
        "Yes. The release managers asked me not to touch /etc/issue, as that's a file which is often customized by the user.",
      ],
    ]);
  });

  it('makes a bulleted term over its indented explanation the heading of that explanation', () => {
    // As in man-db's FAQ: the areas where one tool does better, each explained under it.
    const content = `Why use man-db instead of man?
==============================

There are several areas where man-db does a better job than man:

  * Internationalisation

    man uses the obsolete catgets system for translations of its messages.

  * Performance

    Manual pages can normally be found quickly.
`;
    const d = doc(content);
    expect(para(d, 'man uses the obsolete').section).toEqual([
      'Why use man-db instead of man?',
      'Internationalisation',
    ]);
    expect(para(d, 'Manual pages can').section).toEqual(['Why use man-db instead of man?', 'Performance']);
    // A bulleted item over a nested list (not an explanation) stays an item.
    expect(
      blocks('Packing list:\n\n  * Tent\n\n      - poles\n      - pegs\n\n  * Stove\n\nThat is all.').filter(
        (b) => b.kind === 'heading',
      ),
    ).toEqual([]);
  });

  it('reads a bulleted term right above its indented description (no blank line) as its heading', () => {
    const d = doc(
      'Tuning guide for the app.\n\n* Performance\n    The app may be slow on older machines with less than 4 GB of memory.\n\n* Battery\n    Disable sync to save battery.\n',
    );
    // Before: one paragraph "* Performance The app may be slow…", with no section.
    expect(para(d, 'The app may be slow').section).toEqual(['Performance']);
    expect(para(d, 'Disable sync').section).toEqual(['Battery']);
    // A bulleted line that wraps onto the next is still a list item, not a heading.
    expect(
      blocks(
        'Notes:\n\n* This first item of the list is a long sentence that goes on and wraps onto\n  the next line as lists in plain text files often do.\n* Second item.\n',
      ).filter((b) => b.kind === 'heading'),
    ).toEqual([]);
  });

  it('keeps each question of a block whole up to its own line that asks', () => {
    expect(
      kindsAndTexts(
        'FAQ\n\nQ. Is it free?\nA. Yes, it is.\nQ. There is a new release of the tool out today.\nI use the old one on my laptop. Is this ok?\nA. Yes.',
      ),
    ).toEqual([
      ['heading', 'FAQ'],
      ['question', 'Is it free?'],
      ['text', 'Yes, it is.'],
      [
        'question',
        'There is a new release of the tool out today. I use the old one on my laptop. Is this ok?',
      ],
      ['text', 'Yes.'],
    ]);
  });

  it('carries a wrapped line on after a full stop when the wrapping filled it and the next goes on in lower case', () => {
    // As xz's FAQ wraps its answers: "e.g." ends the first line, the sentence goes on.
    const xz = `Q:  How do I stop it from using all my memory?

A:  Set a default memory usage limit for compression. You can do it e.g.
    in a shell initialization script such as ~/.bashrc or /etc/profile:
`;
    expect(kindsAndTexts(xz)).toContainEqual([
      'text',
      'Set a default memory usage limit for compression. You can do it e.g. in a shell initialization script such as ~/.bashrc or /etc/profile:',
    ]);
    // Two statements, a line each, stay two.
    expect(kindsAndTexts('Hours\n\nThe office opens at nine.\nThe shop closes at five.\n').slice(1)).toEqual([
      ['text', 'The office opens at nine.'],
      ['text', 'The shop closes at five.'],
    ]);
  });

  it('keeps notes one per line in a block where a question runs over two lines', () => {
    expect(
      kindsAndTexts(
        'Notes\n\nThe first note says the tool starts faster.\nThe second note says the menu has moved.\nQ. Something changed in the tool today.\nWhat changed?\nA. The menu.',
      ),
    ).toEqual([
      ['heading', 'Notes'],
      ['text', 'The first note says the tool starts faster.'],
      ['text', 'The second note says the menu has moved.'],
      ['question', 'Something changed in the tool today. What changed?'],
      ['text', 'The menu.'],
    ]);
  });

  it('keeps a term over justified text (gaps of spaces) a heading', () => {
    const content = `Options

--verbose
       Print  more  information  about  what  the  program  is   doing   while
       it   runs,   one   line   for   each   file   it   reads   or   writes.
`;
    expect(
      blocks(content)
        .filter((b) => b.kind === 'heading')
        .map((b) => b.text),
    ).toContain('--verbose');
  });

  it('keeps a question without a line that asks as before: its first line, then the answer', () => {
    expect(
      kindsAndTexts(
        'FAQ\n\nQ. Installing on Windows.\nDownload the installer from the website and save it.\nRun it as administrator.\nRestart.',
      ),
    ).toEqual([
      ['heading', 'FAQ'],
      ['question', 'Installing on Windows.'],
      ['text', 'Download the installer from the website and save it.'],
      ['text', 'Run it as administrator.'],
      ['text', 'Restart.'],
    ]);
  });

  it('does not make a heading of a line set in columns (a row of code or a table)', () => {
    // From readline's FAQ on Debian: an .inputrc; its lone last row was a heading.
    const content = `2. key bindings for ESC

   Consider the following .inputrc:

   keymap vi
       "\\M-[D":        backward-char
       "\\M-[C":        forward-char

   keymap emacs

       "\\M-[A":        previous-history
`;
    expect(
      blocks(content)
        .filter((b) => b.kind === 'heading')
        .map((b) => b.text),
    ).toEqual(['2. key bindings for ESC']);
  });

  it('makes an unnumbered question line with an indented answer the heading of that answer', () => {
    const content = `Garden Club FAQ

GENERAL

How do I join the club?
    Fill in the form at the front desk and pay the first monthly fee; a
    volunteer will then show you around the garden.

    Membership starts on the day you pay.

Can I bring my dog?

    Dogs are welcome in the garden on a lead, but not in the greenhouse.
`;
    expect(headingsOf(content)).toEqual([
      ['Garden Club FAQ', 7],
      ['GENERAL', 7],
      ['How do I join the club?', 8],
      ['Can I bring my dog?', 8],
    ]);
    const d = doc(content);
    expect(para(d, 'Fill in the form').section).toEqual(['GENERAL', 'How do I join the club?']);
    expect(para(d, 'Membership starts').section).toEqual(['GENERAL', 'How do I join the club?']);
    expect(para(d, 'Dogs are welcome').section).toEqual(['GENERAL', 'Can I bring my dog?']);
  });
});

describe("parseText: an editor's settings on the first line", () => {
  it('drops -*- text -*- from the first line; the title is the words under it', () => {
    const d = doc(
      '                                                 -*- text -*-\nGNU Wget\n========\n\nGNU Wget is a free utility for downloading files.\n',
    );
    expect(d.title).toBe('GNU Wget');
    expect(d.paragraphs.some((p) => p.text.includes('-*-'))).toBe(false);
    // Set apart at the end of a title line (GNU NEWS files), they go and the title stays.
    expect(blocks('GNU coreutils NEWS                   -*- outline -*-\n\nSome text here.')[0]?.text).toBe(
      'GNU coreutils NEWS',
    );
    // Elsewhere, or with words beside them, the characters stay as written.
    expect(blocks('The marker -*- text -*- sets the mode in Emacs.\n\nMore.')[0]?.text).toBe(
      'The marker -*- text -*- sets the mode in Emacs.',
    );
    expect(blocks('Notes\n\nThe marker -*- text -*- sets the mode in Emacs.').at(-1)?.text).toContain(
      '-*- text -*-',
    );
  });
});

describe('parseText: entries between rule lines', () => {
  // The layout of a Debian package's FAQ: entries apart by a line of stars, each opening with
  // the problem in one sentence (wrapped or not) and answered under it.
  const KNOWN = `This file lists problems reported often, which are bugs elsewhere or settings.

********

If you hit the "Print Screen" key while in a Linux console, your current
application will likely dump core.

The kernel maps that key to ^\\, which sends SIGQUIT by default.

********

Home/End keys don't work in some applications.

The key sequences in terminfo entries are for full-screen applications only.

They are valid only after the application has switched the keypad on.

--------

Thanks to everyone who reported these.
`;

  it('heads each entry with its opening sentence, wrapped or not', () => {
    const d = doc(KNOWN);
    expect(para(d, 'The kernel maps').section).toEqual([
      'If you hit the "Print Screen" key while in a Linux console, your current application will likely dump core.',
    ]);
    expect(para(d, 'The key sequences').section).toEqual(["Home/End keys don't work in some applications."]);
    expect(para(d, 'They are valid').section).toEqual(["Home/End keys don't work in some applications."]);
    // The introduction before the first rule is in no entry; a last line with nothing under it
    // heads nothing.
    expect(para(d, 'This file lists').section).toBeUndefined();
    expect(para(d, 'Thanks to everyone').kind).toBe('text');
    expect(d.paragraphs.filter((p) => p.kind === 'heading')).toHaveLength(2);
  });

  it('opens an entry at a rule with no blank line under it', () => {
    const d = doc(
      "Intro.\n\n********\nHome/End keys don't work in some applications.\n\nThe key sequences are for full-screen applications only.\n",
    );
    expect(para(d, 'The key sequences').section).toEqual(["Home/End keys don't work in some applications."]);
  });

  it('does not carry a rule over a title, or read a table framed by rules as an entry', () => {
    expect(
      blocks('Intro.\n\n-----\n\nInstall\n=======\n\nUse the installer.\n\nIt takes a minute.').map(
        (b) => b.kind,
      ),
    ).toEqual(['text', 'heading', 'text', 'text']);
    const table = blocks(
      '-----\nOption      Meaning\n-----\n-v          verbose\n-q          quiet\n\nOther text here.',
    );
    expect(table.find((b) => b.text.startsWith('-v'))?.kind).toBe('text');
    const rows = blocks('Intro.\n\n-----\n\n-v          verbose\n\nOther text here.');
    expect(rows.filter((b) => b.kind === 'heading')).toEqual([]);
  });

  it('does not make a heading of a paragraph of several sentences, a lead-in or an item after a rule', () => {
    const d = doc(`Intro.

-----

Start the server. Then open the page.

It loads.

-----

To reset it:

Press the button.

-----

- Use the admin panel.

It saves.
`);
    expect(d.paragraphs.filter((p) => p.kind === 'heading')).toEqual([]);
  });
});

describe('parseText: an FAQ numbering its entries', () => {
  it('makes the next numbered entry after a numbered question a heading, stated as a sentence or not', () => {
    // As zlib's FAQ sets them: numbers set flush right, statements among the questions.
    const zlib = `Frequently Asked Questions about the Widget library

 7. Why don't you use GNU autoconf?

    Because we would like to keep the library as portable as possible.

 8. I found a bug in the library.

    Most of the time, such problems are due to an incorrect usage of the
    library. Please try to reproduce the problem with a small program.

 9. Where can I get a Windows DLL version?

    The official release has a Windows DLL in the win32 folder.

10. compress() returns BUF_ERROR.

    Make sure that the output buffer is as large as the input buffer
    plus a few bytes, and not zero.
`;
    expect(headingsOf(zlib).map(([text]) => text)).toEqual([
      'Frequently Asked Questions about the Widget library',
      "7. Why don't you use GNU autoconf?",
      '8. I found a bug in the library.',
      '9. Where can I get a Windows DLL version?',
      '10. compress() returns BUF_ERROR.',
    ]);
    expect(para(doc(zlib), 'Make sure that the output buffer').section).toEqual([
      '10. compress() returns BUF_ERROR.',
    ]);
    // As Valgrind's FAQ sets them: a statement wrapped early, and the first entry of the next part.
    const valgrind = `Widget FAQ

4.4. My program crashes normally, but doesn't under Widget. What's happening?

When a program runs under Widget, its environment is slightly different.

4.5. Widget doesn't report any errors and I know my program has
errors.

There are two possible causes of this.

5.1. When I paste into the editor, every line is indented more than
the one before!

Turn off autoindent in the editor options.
`;
    expect(headingsOf(valgrind).map(([text]) => text)).toEqual([
      'Widget FAQ',
      "4.4. My program crashes normally, but doesn't under Widget. What's happening?",
      "4.5. Widget doesn't report any errors and I know my program has errors.",
      '5.1. When I paste into the editor, every line is indented more than the one before!',
    ]);
  });

  it('keeps the items of a numbered list in an answer as text, even where they go on from its number', () => {
    const content = `Widget FAQ

1. How do I get started?

Read the manual first.

2. How do I install it?

1. Download the archive.

2. Unpack it anywhere.

3. Run the installer.
`;
    expect(headingsOf(content).map(([text]) => text)).toEqual([
      'Widget FAQ',
      '1. How do I get started?',
      '2. How do I install it?',
    ]);
  });
});

describe('parseText: a lead-in over a command', () => {
  it('does not make a heading of a lead-in cut short above its command, and keeps the two together', () => {
    // As the Debian FAQ writes them under "How do I put a package on hold?".
    const content = `7.12. How do I put a package on hold?

    There are three ways of holding back packages, with dpkg, apt or
    aptitude.

    With apt, you can set a package to hold using

    apt-mark hold package_name

    and remove the hold with

    apt-mark unhold package_name

    Then run

    apt-get update

    You can check the status of any service by the command

    service package status

    The service command works with any init system.
`;
    expect(headingsOf(content)).toEqual([['7.12. How do I put a package on hold?', 2]]);
    const d = doc(content);
    const together = (lead: string, command: string) => {
      expect(para(d, lead).kind, lead).toBe('text');
      expect(para(d, lead).group, lead).toBeDefined();
      expect(para(d, command).group, command).toBe(para(d, lead).group);
    };
    together('With apt, you can set a package to hold using', 'apt-mark hold package_name');
    // A verb alone over what it points to ("See" over a list of links, as zlib's FAQ writes it).
    const zlib = ` 3. Where can I get a Visual Basic interface to zlib?

    See
        * http://marknelson.us/1997/01/01/zlib-engine/
        * win32/DLL_FAQ.txt in the zlib distribution

 4. Where can I get a Delphi interface to zlib?

    See the contrib/delphi directory in the zlib distribution, which
    has a unit and a small example program you can build and run.
`;
    expect(headingsOf(zlib).map(([text]) => text)).toEqual([
      '3. Where can I get a Visual Basic interface to zlib?',
      '4. Where can I get a Delphi interface to zlib?',
    ]);
    together('Then run', 'apt-get update');
  });
});

describe('parseText: tables of contents', () => {
  it('drops a bulleted contents whose entries wrap, each entry read whole without its bullet', () => {
    const content = `Widget Frequently Asked Questions

     * 3 Mouse
          + 3.1 How do I enable mouse support?
          + 3.2 How do I get the extension dependent pop-up menu to
            pop up?

3.1 How do I enable mouse support?

   Start the program with the -x option.

3.2 How do I get the extension dependent pop-up menu to
pop up?

   Press the right mouse button.
`;
    const d = doc(content);
    expect(d.paragraphs.map((p) => p.text)).not.toContain('pop up?');
    expect(d.paragraphs.filter((p) => p.text.startsWith('3.2 How do I get')).length).toBe(1);
    expect(para(d, 'Press the right mouse button').section).toEqual([
      '3.2 How do I get the extension dependent pop-up menu to pop up?',
    ]);
  });

  it('gives a contents line with dot leaders and a page number the text of its heading', () => {
    const content = `User Guide

Contents
1. Introduction .................... 2
2. Installation .................... 3
3. Usage ........................... 5

1. Introduction

This guide explains how to use the tool.

2. Installation

Run the installer.

3. Usage

Start the tool from the menu.
`;
    expect(
      blocks(content)
        .map((b) => b.text)
        .slice(0, 5),
    ).toEqual(['User Guide', 'Contents', '1. Introduction', '2. Installation', '3. Usage']);
    const d = doc(content);
    expect(count(d, '1. Introduction')).toBe(1);
    expect(count(d, '3. Usage')).toBe(1);
    expect(para(d, 'Start the tool').section).toEqual(['3. Usage']);
  });

  it('matches a contents entry worded a little differently by its section number', () => {
    const content = `Guide

1. Setup
  1.1 Does it work/build with other libraries?
  1.2 Where are the logs?
  1.3 How do I update it?

1. Setup

1.1 Does it work with other libraries?

Yes, with most of them.

1.2 Where are the logs?

In the logs folder.

1.3 How do I update it?

Run the updater.
`;
    const texts = blocks(content).map((b) => b.text);
    expect(texts.slice(1, 5)).toEqual([
      '1. Setup',
      '1.1 Does it work with other libraries?',
      '1.2 Where are the logs?',
      '1.3 How do I update it?',
    ]);
    const d = doc(content);
    expect(count(d, '1.1 Does it work with other libraries?')).toBe(1);
    expect(d.paragraphs.some((p) => p.text.includes('work/build'))).toBe(false);
  });
});

describe('parseText: layouts that keep working as before', () => {
  it('keeps one paragraph per line for long unwrapped lines', () => {
    const lines = [
      'Officials from the four countries met in Baghdad on Saturday to discuss the fight against the militants who still hold parts of the desert.',
      'What happens next?',
      'Russia is fighting rebels alongside government forces, while Iran is a key ally of both governments and has advisers on the ground.',
    ];
    expect(blocks(lines.join('\n'))).toEqual(lines.map((text) => ({ kind: 'text', text })));
  });

  it('keeps a headline first line, a short standalone heading and wrapped paragraphs', () => {
    const content = `Club Handbook
Members must keep the changing rooms tidy and must not leave their bags on
the benches overnight, as the cleaners need to reach every corner.

Opening Hours

The club opens at seven.
`;
    expect(blocks(content)).toEqual([
      { kind: 'heading', text: 'Club Handbook', level: 7 },
      {
        kind: 'text',
        text: 'Members must keep the changing rooms tidy and must not leave their bags on the benches overnight, as the cleaners need to reach every corner.',
      },
      { kind: 'heading', text: 'Opening Hours', level: 7 },
      { kind: 'text', text: 'The club opens at seven.' },
    ]);
  });

  it('drops a banner of ASCII art', () => {
    const content = `  _   _ ____  _
 | | | |  _ \\| |
 | |_| | |_) | |___
  \\___/|_| \\_\\_____|

FAQ

Read this first.
`;
    expect(blocks(content).map((b) => b.text)).toEqual(['FAQ', 'Read this first.']);
  });
});

describe('parseText: large inputs', () => {
  // A parse that slows down with the input's size would overrun the test's time limit: work
  // growing with the square of the lines (10^10 steps here) or of the characters (10^13).
  it('parses 100,000 short lines and 8 MB of prose', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      lines.push(
        i % 5 === 0 ? `${(i % 97) + 1}.${i % 13} Question number ${i}?` : i % 5 === 4 ? '' : `line ${i}`,
      );
    }
    expect(blocks(lines.join('\n')).length).toBeGreaterThan(1000);

    const sentence = 'The quick brown fox jumps over the lazy dog near the river bank today. ';
    const line = `${sentence.repeat(20).trim()}\n`;
    const prose = line.repeat(Math.ceil(8_000_000 / line.length));
    const wrappedParagraph = `${sentence
      .repeat(20)
      .replace(/(.{60}\S*) /g, '$1\n')
      .trim()}\n\n`;
    const wrapped = wrappedParagraph.repeat(Math.ceil(8_000_000 / wrappedParagraph.length));
    expect(blocks(prose).length).toBeGreaterThan(5_000);
    expect(blocks(wrapped).length).toBeGreaterThan(5_000);
  });
});

describe('parseText: the real fixture documents', () => {
  const root = path.resolve(import.meta.dirname, '../fixtures/faq-curl/docs');

  it('makes every numbered question of the curl FAQ a heading with its answer under it', () => {
    const content = fs.readFileSync(path.join(root, 'curl-FAQ.txt'), 'utf8');
    const lines = content.split('\n');
    const start = lines.findIndex((l) => /^=+$/.test(l));
    // Numbered questions stand on their own line (a blank line before them).
    const questions = lines
      .filter((l, i) => i > start && /^\s*\d+(\.\d+)+\s+\S/.test(l) && !lines[i - 1]?.trim())
      .map((l) => l.trim().replace(/\s+/g, ' '));
    expect(questions.length).toBe(96);
    const d = doc(content);
    for (const q of questions) {
      const i = d.paragraphs.findIndex((p) => p.text === q);
      expect(d.paragraphs[i]?.kind, q).toBe('heading');
      const body = d.paragraphs[i + 1];
      expect(body?.section, q).toContain(q);
      expect(count(d, q), q).toBe(1);
    }
  });

  it('reads the MPL 2.0 sections and definitions as headings', () => {
    const content = fs.readFileSync(path.join(root, 'MPL-2.0.txt'), 'utf8');
    const d = doc(content);
    expect(d.title).toBe('Mozilla Public License Version 2.0');
    expect(para(d, 'means each individual or legal entity').section).toEqual([
      '1. Definitions',
      '1.1. "Contributor"',
    ]);
    expect(para(d, 'Covered Software is provided under this License').section).toEqual([
      '6. Disclaimer of Warranty',
    ]);
    expect(para(d, 'If You choose to distribute Source Code Form').section).toEqual([
      '10. Versions of the License',
      '10.4. Distributing Source Code Form that is Incompatible With Secondary Licenses',
    ]);
    expect(d.paragraphs.some((p) => p.text.includes('*'.repeat(10)))).toBe(false);
    // Every definition (`1.1. "Contributor"` over an indented `means …`) heads its meaning.
    const definitions = d.paragraphs.filter((p) => /^1\.\d+\. "/.test(p.text));
    expect(definitions).toHaveLength(14);
    for (const definition of definitions) {
      expect(definition.kind).toBe('heading');
      const meaning = d.paragraphs[d.paragraphs.indexOf(definition) + 1];
      expect(meaning?.text.startsWith('means')).toBe(true);
      expect(meaning?.section).toEqual(['1. Definitions', definition.text]);
    }
    expect(blocks(content).filter((b) => b.kind === 'heading')).toHaveLength(43);
  });
});

describe('parseText: licences and statutes (titles closed by a full stop, run-in titles, centred headings)', () => {
  const gplLike = `                    EXAMPLE PUBLIC LICENSE
                       Version 3, 29 June 2007

                            Preamble

  The Example General Public License is a free, copyleft license for
software and other kinds of works.

                       TERMS AND CONDITIONS

  0. Definitions.

  "This License" refers to version 3 of the Example General Public License.

  "Copyright" also means copyright-like laws that apply to other kinds of
works, such as semiconductor masks.

  4. Conveying Verbatim Copies.

  You may convey verbatim copies of the Program's source code as you
receive it, in any medium, provided that you conspicuously and
appropriately publish on each copy an appropriate copyright notice.

  5. Conveying Modified Source Versions.

  You may convey a work based on the Program, or the modifications to
produce it from the Program, in the form of source code.

  13. Use with the Example Affero General Public License.

  Notwithstanding any other provision of this License, you have
permission to link or combine any covered work with a work licensed
under version 3 of the Example Affero General Public License.

                     END OF TERMS AND CONDITIONS

            How to Apply These Terms to Your New Programs

  If you develop a new program, and you want it to be of the greatest
possible use to the public, the best way to achieve this is to make it
free software which everyone can redistribute and change under these terms.

  To do so, attach the following notices to the program.  It is safest
to attach them to the start of each source file.
`;

  it('makes numbered titles closed by a full stop headings, without the full stop', () => {
    expect(headingsOf(gplLike).map(([text]) => text)).toEqual([
      'EXAMPLE PUBLIC LICENSE',
      'Preamble',
      'TERMS AND CONDITIONS',
      '0. Definitions',
      '4. Conveying Verbatim Copies',
      '5. Conveying Modified Source Versions',
      '13. Use with the Example Affero General Public License',
      'END OF TERMS AND CONDITIONS',
      'How to Apply These Terms to Your New Programs',
    ]);
  });

  it('puts the text after a centred heading under it, not under the last numbered section', () => {
    const d = doc(gplLike);
    expect(para(d, 'To do so, attach the following notices').section).toEqual([
      'How to Apply These Terms to Your New Programs',
    ]);
    expect(para(d, 'You may convey verbatim copies').section).toEqual(['4. Conveying Verbatim Copies']);
    expect(para(d, 'The Example General Public License is a free').section).toEqual(['Preamble']);
  });

  it('makes the title run into a numbered clause its heading, the rest its text', () => {
    const content = `                                 Example License

   1. Definitions.

      "License" shall mean the terms and conditions for use, reproduction,
      and distribution as defined by Sections 1 through 9 of this document.

   2. Grant of Copyright License. Subject to the terms and conditions of
      this License, each Contributor hereby grants to You a perpetual,
      worldwide, non-exclusive, no-charge, royalty-free, irrevocable
      copyright license to reproduce and distribute the Work.

   6. Trademarks. This License does not grant permission to use the trade
      names, trademarks, service marks, or product names of the Licensor,
      except as required for reasonable and customary use in describing the
      origin of the Work.
`;
    expect(headingsOf(content).map(([text]) => text)).toEqual([
      'Example License',
      '1. Definitions',
      '2. Grant of Copyright License',
      '6. Trademarks',
    ]);
    const d = doc(content);
    expect(para(d, 'This License does not grant permission').section).toEqual(['6. Trademarks']);
    expect(para(d, 'Subject to the terms and conditions').section).toEqual(['2. Grant of Copyright License']);
  });

  it('reads `Section 1. Purpose.` after `Article II` as sections, numbered subsections under sections', () => {
    const content = `ARTICLE II. PURPOSE

Section 1. Purpose.
The purpose of the club is to promote chess among students.

Section 2. Meetings.

Meetings are held monthly on the first Monday of the month.

     3.1. Application of License.
     The Modifications which You create or to which You contribute are
     governed by the terms of this License, including without limitation
     Section 2.2.

     3.2. Availability of Source Code.
     Any Modification which You create or to which You contribute must be
     made available in Source Code form under the terms of this License.
`;
    expect(headingsOf(content)).toEqual([
      ['ARTICLE II. PURPOSE', 1],
      ['Section 1. Purpose', 2],
      ['Section 2. Meetings', 2],
      ['3.1. Application of License', 2],
      ['3.2. Availability of Source Code', 2],
    ]);
  });

  it('keeps a lead-in over an indented list with its list, not as a term heading', () => {
    const content = `3. Individual Developers

  3.1. Powers

   An individual Developer may
    1. make any technical or nontechnical decision with regard to their
       own work;
    2. propose or sponsor draft General Resolutions.

  3.2. Composition

   Glossary
    A list of the words this constitution uses, with what each means.
`;
    expect(headingsOf(content).map(([text]) => text)).toEqual([
      '3. Individual Developers',
      '3.1. Powers',
      '3.2. Composition',
      'Glossary',
    ]);
    // (The first heading is the document's title.)
    expect(para(doc(content), 'An individual Developer may').section).toEqual(['3.1. Powers']);
  });

  it('keeps sentences that end with a full stop, short steps and indented lines as text', () => {
    const content = `Getting started

1. Open the app.

2. Click the button.

Step 1. Open the app.

Step 2. Click the button.

3. Dues. Members pay annual dues of ten dollars.

The tool is run from the command line, with the name of the file to read
as its only argument, and it prints what it found:

        Run It Now

    npm install
`;
    expect(headingsOf(content)).toEqual([['Getting started', 7]]);
  });
});

describe('parseText: a long FAQ with chapters, wrapped questions and a wrapped table of contents', () => {
  const faq = `
                      The Example Linux FAQ

---------------------------------------------------------------------

                            Version 11.0

---------------------------------------------------------------------

Table of Contents

1. Definitions and overview
    1.1. What is this FAQ?
    1.2. What is the difference between Example Linux and other Linux
    distributions? Why should I choose Example over some other
    distribution?
2. The package tools
    2.1. I am still confused. What did you say I should install?
    2.2. Why does the official CD contain symlinks for \`frozen' and
    \`unstable'? I thought this CD contains just \`stable'!

Chapter 1. Definitions and overview

1.1. What is this FAQ?

    This document gives frequently asked questions (with their
    answers!) about the Example distribution and about the project.

1.2. What is the difference between Example Linux and other Linux
distributions? Why should I choose Example over some other
distribution?

    These key features distinguish Example from other Linux
    distributions: its package manager, its social contract and its
    release process.

Chapter 2. The package tools

2.1. I am still confused. What did you say I should install?

    If unsure, the best bet would be the stable distribution.

2.2. Why does the official CD contain symlinks for \`frozen' and
\`unstable'? I thought this CD contains just \`stable'!

    Official CD images indeed contain symlinks like these, so that the
    same image works as a mirror.

    update-alternatives --install /usr/bin/x-window-manager x-window-manager /usr/local/bin/wm 80
`;

  it('makes a numbered question wrapped over two or three lines a heading, however wide a code line runs', () => {
    expect(headingsOf(faq).map(([text]) => text)).toEqual([
      'The Example Linux FAQ',
      'Table of Contents',
      'Chapter 1. Definitions and overview',
      '1.1. What is this FAQ?',
      '1.2. What is the difference between Example Linux and other Linux distributions? Why should I choose Example over some other distribution?',
      'Chapter 2. The package tools',
      '2.1. I am still confused. What did you say I should install?',
      "2.2. Why does the official CD contain symlinks for `frozen' and `unstable'? I thought this CD contains just `stable'!",
    ]);
  });

  it('drops a table of contents whose entries wrap and whose chapters are listed without "Chapter"', () => {
    const d = doc(faq);
    const texts = d.paragraphs.filter((p) => p.kind !== 'heading' && p.kind !== 'title').map((p) => p.text);
    expect(
      texts.some((t) => /^1\.1\. What is this FAQ\?|^distributions\?|^2\. The package tools/.test(t)),
    ).toBe(false);
    expect(para(d, 'These key features').section?.at(-1)).toMatch(/^1\.2\. What is the difference/);
    expect(para(d, 'If unsure, the best bet').section?.at(-1)).toBe(
      '2.1. I am still confused. What did you say I should install?',
    );
  });

  it('reads the same FAQ translated: chapters in German, a question wrapped over four lines', () => {
    const german = `
                      Die Beispiel-Linux-FAQ

Inhaltsverzeichnis

1. Definitionen und Überblick
    1.1. Was ist diese FAQ?
    1.2. Was ist Beispiel-Linux?
3. Eine Distribution auswählen
    3.1.12. Im Augenblick verwende ich Testing (bookworm). Was wird
    passieren, wenn eine neue Veröffentlichung freigegeben wird?
    Werde ich weiterhin Testing haben oder wird auf meinem Rechner
    die neue Stable-Distribution laufen?

Kapitel 1. Definitionen und Überblick

1.1. Was ist diese FAQ?

    Dieses Dokument enthält häufig gestellte Fragen (sowie deren
    Antworten!) über die Beispiel-Distribution.

1.2. Was ist Beispiel-Linux?

    Eine Distribution des Linux-Betriebssystems.

Kapitel 3. Eine Distribution auswählen

3.1.12. Im Augenblick verwende ich Testing (bookworm). Was wird
passieren, wenn eine neue Veröffentlichung freigegeben wird? Werde
ich weiterhin Testing haben oder wird auf meinem Rechner die neue
Stable-Distribution laufen?

    Testing wird zur neuen Stable-Distribution, und Ihr Rechner folgt
    ihr, solange in der sources.list der Codename steht.
`;
    // Before: "Kapitel 1." was text, so "1. Definitionen und Überblick" listed no heading, and
    // the question of four lines was text: the contents stayed among the passages.
    expect(headingsOf(german).map(([text]) => text)).toEqual([
      'Die Beispiel-Linux-FAQ',
      'Inhaltsverzeichnis',
      'Kapitel 1. Definitionen und Überblick',
      '1.1. Was ist diese FAQ?',
      '1.2. Was ist Beispiel-Linux?',
      'Kapitel 3. Eine Distribution auswählen',
      '3.1.12. Im Augenblick verwende ich Testing (bookworm). Was wird passieren, wenn eine neue Veröffentlichung freigegeben wird? Werde ich weiterhin Testing haben oder wird auf meinem Rechner die neue Stable-Distribution laufen?',
    ]);
    const d = doc(german);
    expect(d.paragraphs.filter((p) => p.kind === 'text').map((p) => p.text.slice(0, 20))).toEqual([
      'Dieses Dokument enth',
      'Eine Distribution de',
      'Testing wird zur neu',
    ]);
    expect(para(d, 'Testing wird zur neuen').section?.at(-1)).toMatch(/^3\.1\.12\. Im Augenblick/);
  });

  it('keeps a numbered step of four lines that ends asking a question a step, outside an FAQ', () => {
    const steps = `Installing Foobar

Follow these steps to install Foobar on your computer.

1. Download the installer from the releases page and run it. On
   Windows you may see a SmartScreen warning; click More info and
   then Run anyway, the installer is signed by Foobar Labs. Not
   sure which file to pick?

   Most users want the x64 build.

2. Sign in with the account you created on the website.

   Accounts made before 2020 must be migrated first.
`;
    // Allowed four lines everywhere, it headed the rest of the document (steps 2 and 3 under it).
    expect(headingsOf(steps).map(([text]) => text)).toEqual(['Installing Foobar']);
  });

  it('reads the words that number sections in other languages (Regel 2, Artículo 4, Chapitre 3)', () => {
    const rules =
      'Regel 1 - Kein Spam\n\nWiederholte Nachrichten werden gelöscht.\n\nRegel 2 - Keine Werbung\n\nWerbung nur mit Erlaubnis.\n';
    expect(headingsOf(rules).map(([text]) => text)).toEqual([
      'Regel 1 - Kein Spam',
      'Regel 2 - Keine Werbung',
    ]);
    const es =
      'Artículo 1. Objeto\n\nEste reglamento regula el servidor.\n\nArtículo 2. Ámbito\n\nSe aplica a todos los canales.\n';
    expect(headingsOf(es).map(([text]) => text)).toEqual(['Artículo 1. Objeto', 'Artículo 2. Ámbito']);
    // A translated word numbers by digits or capitals: "Paso a paso" is no step A.
    const guide =
      'Guía de instalación\n\nPaso a paso\n\nPaso 1: Descarga el instalador desde la página oficial del proyecto.\n\nParte de la comunidad\n\nÚnete al servidor de Discord.\n';
    const d = doc(guide);
    expect(para(d, 'Únete al servidor').section).not.toContain('Paso a paso');
  });

  it('keeps a centred version or date out of the headings, a centred title in', () => {
    const content = `                     EXAMPLE PUBLIC LICENSE

                          Version 2.1

This license is a free, copyleft license for software and other
kinds of works, written for the example of this test.

                          Preamble

The licenses for most software are designed to take away your
freedom to share and change it.
`;
    expect(headingsOf(content).map(([text]) => text)).toEqual(['EXAMPLE PUBLIC LICENSE', 'Preamble']);
  });

  it('reads a list item on as one paragraph when its line ends with a quoted question or a colon', () => {
    const content = `12.2.1. What are the rules of the mailing lists?

   When using the mailing lists, please follow these rules:

      * Do not send spam. See the mailing list advertising
        policy on the web site.

      * See section 12.5, “How do I report a bug?”
        for notes on reporting bugs.

      * If security or stability are at all important for you:
        install stable. This is the most preferred way.
`;
    const d = doc(content);
    const texts = d.paragraphs.map((p) => [p.kind, p.text]);
    expect(texts).toContainEqual([
      'text',
      '* See section 12.5, “How do I report a bug?” for notes on reporting bugs.',
    ]);
    expect(texts).toContainEqual([
      'text',
      '* If security or stability are at all important for you: install stable. This is the most preferred way.',
    ]);
    // A `Q.` line is no list item: its answer in lower case stays under it.
    expect(
      kindsAndTexts('Q. Is the service free for students?\nyes, students pay nothing for it.\n'),
    ).toEqual([
      ['question', 'Is the service free for students?'],
      ['text', 'yes, students pay nothing for it.'],
    ]);
    // No part of an item heads the rest of it.
    expect(
      d.paragraphs.filter((p) => p.kind === 'question' || p.kind === 'heading').map((p) => p.text),
    ).toEqual(['12.2.1. What are the rules of the mailing lists?']);
  });
});

describe('parseText: a directory of entries, each with indented fields', () => {
  // Laid out as Debian's list of mailing lists is: an entry's name, then its fields, a field's
  // value wrapped onto lines set where the value starts; some entries open with a field that
  // stands alone above a longer description.
  const LISTS = `Mailing lists
=============

Subscription
------------

  Send a mail to the list's request address to subscribe.

User lists

  There are several user lists where developers and users discuss problems.

  forum-announce@lists.example.org

      Description : Major news and very important changes in the project
                    are announced here.
      Moderated   : yes
      Subscription: open

  forum-chinese@lists.example.org

      Description : forum-user in Chinese

                    Chinese localization issues, documentation and user support.
                    Posts may be in English or Chinese.
      Language    : Chinese, English
      Moderated   : subscribers

  forum-enterprise@lists.example.org

      Description : Discussions about special needs in enterprise
                    environments and ways to fulfill those needs.
      Moderated   : no

  forum-user@lists.example.org

      Description : Support for users who speak English.
      Moderated   : no

Ports to other architectures and to kernels other than the usual one

  The project is ported to several other types of computers.

  forum-arm@lists.example.org

      Description : Porting to ARM boards.
      Moderated   : no
`;

  it('gives every entry its own section under the list heading, whatever the entries before it held', () => {
    const d = doc(LISTS);
    expect(para(d, 'Description : Support for users who speak English.').section).toEqual([
      'Subscription',
      'User lists',
      'forum-user@lists.example.org',
    ]);
    expect(para(d, 'Description : Discussions about special needs').section).toEqual([
      'Subscription',
      'User lists',
      'forum-enterprise@lists.example.org',
    ]);
    expect(para(d, 'Chinese localization issues').section).toEqual([
      'Subscription',
      'User lists',
      'forum-chinese@lists.example.org',
    ]);
  });

  it('reads a section line after the entries as the next section, not as part of the last entry', () => {
    const d = doc(LISTS);
    const ports = 'Ports to other architectures and to kernels other than the usual one';
    expect(para(d, 'The project is ported').section).toEqual(['Subscription', ports]);
    expect(para(d, 'Description : Porting to ARM boards.').section).toEqual([
      'Subscription',
      ports,
      'forum-arm@lists.example.org',
    ]);
  });

  it('reads a wrapped field as one paragraph and a field standing alone as text, neither as a heading', () => {
    const d = doc(LISTS);
    expect(para(d, 'Description : Discussions about special needs').text).toContain(
      'in enterprise environments and ways to fulfill those needs.',
    );
    expect(headingsOf(LISTS).map(([text]) => text)).not.toContain('Description : forum-user in Chinese');
    expect(para(d, 'Description : forum-user in Chinese').kind).toBe('text');
  });

  it('keeps short sections after a guessed heading with terms, or over unindented fields, beside it', () => {
    const glossary = `Bot handbook

GLOSSARY

token
    The secret the bot logs in with, from the developer portal page.

prefix
    What a command starts with in a channel message, for example a mark.

LICENCE

The bot is free software under the MIT licence.
`;
    expect(para(doc(glossary), 'The bot is free software').section).toEqual(['LICENCE']);
    const manual = `Bot manual

Installation

Run the installer and follow its steps.

Connection details

  Host: db.example.org
  Port: 5432

Licence

MIT.
`;
    expect(headingsOf(manual)).toEqual([
      ['Bot manual', 7],
      ['Installation', 7],
      ['Connection details', 7],
      ['Licence', 7],
    ]);
  });

  it('keeps a short line among the sub-terms of a term inside that term, and the next term beside it', () => {
    const manual = `Bot manual

Commands

start
    Starts the bot and connects it to every server it was invited to.

    port
        The port the status page listens on, a number up to 65535.

    Note

    The status page is off unless a port is given.

stop
    Stops the bot and closes its connections in an orderly way.
`;
    const d = doc(manual);
    expect(para(d, 'The status page is off').section).toEqual(['Commands', 'start', 'Note']);
    expect(para(d, 'Stops the bot').section).toEqual(['Commands', 'stop']);
  });

  it('reads a line with a space before its colon as a heading over indented text that is no value of it', () => {
    const guide = `Guide d'installation

Linux : paquets

    Lancez apt install widget en tant que root, puis relancez le service.

Windows : installateur

    Lancez le fichier widget-setup.exe et suivez les étapes affichées.
`;
    expect(para(doc(guide), 'Lancez apt install').section).toEqual(['Linux : paquets']);
    expect(para(doc(guide), 'Lancez le fichier').section).toEqual(['Windows : installateur']);
  });

  it('reads a term whose description happens to start where a value would as a term', () => {
    const tools = `Installing the tool

Debian: apt
\tRun apt install tool as root, then restart the service to load it.
Fedora: dnf
\tRun dnf install tool as root, then restart the service to load it.
`;
    expect(headingsOf(tools).map(([t]) => t)).toEqual(['Installing the tool', 'Debian: apt', 'Fedora: dnf']);
  });

  it('still reads a heading with a colon, and a term over a description, as headings', () => {
    const text = `Setup

Step 2: Install

The installer asks for a folder and copies the files into it.

  libwidget

      A client-side library for talking to widgets.
`;
    expect(headingsOf(text).map(([t]) => t)).toEqual(['Setup', 'Step 2: Install', 'libwidget']);
  });
});

describe('web addresses in wrapped text', () => {
  it('joins an address the wrapping cut, and keeps a whole one apart from the next word', () => {
    const d = doc(
      [
        'Security',
        '',
        '    Debian enables the Security Hardening Build Flags (https://wiki.debian.org/ReleaseGoals/',
        '    SecurityHardeningBuildFlags) in order to enable various protections.',
        '',
        '    The manual is available from our WWW site at https://www.debian.org/releases',
        '    /stable/installmanual and on the first disc.',
        '',
        '    See https://bugs.debian.org/release-critical/',
        '    for more information.',
        '',
      ].join('\n'),
    );
    // Before: "(https://wiki.debian.org/ReleaseGoals/ SecurityHardeningBuildFlags)", a link to half.
    expect(para(d, 'Debian enables').text).toContain(
      '(https://wiki.debian.org/ReleaseGoals/SecurityHardeningBuildFlags) in',
    );
    expect(para(d, 'The manual').text).toContain('https://www.debian.org/releases/stable/installmanual and');
    expect(para(d, 'See').text).toBe('See https://bugs.debian.org/release-critical/ for more information.');
    // A short line's address is whole: a path or a word after it is no part of it.
    const own = doc(
      'Installing\n\nThe package is published at https://example.com/downloads\n/usr/local/bin is where the installer puts the program by default.\n\nSee the bug tracker at https://bugs.example.org\n& mailing lists.\n',
    );
    expect(para(own, 'The package').text).toContain('https://example.com/downloads /usr/local/bin is');
    expect(para(own, 'See the bug').text).toContain('https://bugs.example.org & mailing');
  });
});

describe('parseText: a Usenet FAQ (a header of fields, `1.6:` numbers, `1. )` items, a dateline)', () => {
  const ZSH = `Archive-Name: unix-faq/shell/wsh
Last-Modified: 2020/08/08
Submitted-By: coordinator@wsh.example (A. Maintainer)
Posting-Frequency: Monthly

This document contains a list of frequently-asked questions concerning
the W-shell, a command interpreter for many UNIX systems.


Chapter 1:  Introducing wsh

1.6: Where do I get it?

The official archive site is https://wsh.example/.

A Windows port was created a long time ago, and all recent releases
  compile under Cygwin.

1.7: Why do the cursor (arrow) keys not work?  (And other terminal oddities.)

The cursor keys send different codes depending on the terminal.

As a summary of the status:

  1. ) because of all the options it is not safe to assume a general
     wsh run by a user will behave as if sh compatible;
2. ) Start a new instance of the shell by running the
  command \`wsh -f' from your regular shell prompt.
`;

  it('reads `1.6:` as a numbered section under its chapter, its question aside and all', () => {
    const d = doc(ZSH);
    expect(para(d, 'A Windows port').section).toEqual([
      'Chapter 1: Introducing wsh',
      '1.6: Where do I get it?',
    ]);
    expect(para(d, 'The cursor keys send').section?.at(-1)).toBe(
      '1.7: Why do the cursor (arrow) keys not work? (And other terminal oddities.)',
    );
  });

  it('never reads an item numbered `2. )` as a section', () => {
    expect(headingsOf(ZSH).map(([text]) => text)).not.toContainEqual(expect.stringMatching(/^2\. \)/));
    expect(para(doc(ZSH), '2. ) Start a new instance').section?.at(-1)).toMatch(/^1\.7:/);
  });

  it('keeps the header of fields as one paragraph, and never as the title', () => {
    const d = doc(ZSH);
    expect(d.title).toMatch(/^This document contains a list of frequently-asked questions/);
    expect(para(d, 'Archive-Name: unix-faq/shell/wsh · Last-Modified: 2020/08/08 · Submitted-By:').kind).toBe(
      'text',
    );
  });

  it("takes a header's Subject as the title", () => {
    const d = doc(`From: someone@example.org
Subject: The Widget FAQ
Date: 1 May 1999

Widgets are small. They are found in many places, and are useful.

Another paragraph about widgets.
`);
    expect(d.title).toBe('The Widget FAQ');
  });

  it('takes the title under a dateline, underlined with `=-=-`, from further left than it starts', () => {
    const d = doc(`                                                    jw  21.10.93
                                                        05.05.94

   screen: frequently asked questions -- known problems
=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-

Q:   Why is the fifo gone?

A:   Screen checks the fifo whenever it receives a signal.
`);
    expect(d.title).toBe('screen: frequently asked questions -- known problems');
    expect(d.paragraphs.map((p) => p.text)).not.toContainEqual(expect.stringMatching(/^=-=-/));
  });

  it('reads a lead-in that says something, or a line of code, as no heading', () => {
    const text = `2.3: Why do my csh aliases not work?

First of all, check you are using the syntax
  
    alias newcmd='list of commands'
  
  and not
  
    alias newcmd 'list of commands'
  
  which won't work.

Another method is to put
  
    #!/bin/sh
    TERM=emacs exec wsh
  
  into a file ~/bin/eshell.

  and for C-shell-like shells:
  
    if ( -f ~/bin/wsh ) then
            echo -n "Type Y to run wsh: "
    endif
  

Otherwise, your aliases probably contain references to the command line.
`;
    expect(headingsOf(text).map(([h]) => h)).toEqual(['2.3: Why do my csh aliases not work?']);
    expect(para(doc(text), 'Otherwise, your aliases').section).toEqual([
      '2.3: Why do my csh aliases not work?',
    ]);
  });

  it('keeps a title ending with an English word that German or Spanish write mid-sentence (`What to do`)', () => {
    const text = `Safety

What to do

In a fire, leave by the nearest exit and meet at the car park.

Things you should know

The workshop closes at ten.

Generation Y

Members born after 1980 pay the reduced fee.
`;
    expect(headingsOf(text).map(([h]) => h)).toEqual([
      'Safety',
      'What to do',
      'Things you should know',
      'Generation Y',
    ]);
  });
});

describe('parseText: a licence whose terms open under a title of two lines in capitals', () => {
  it('closes the Preamble at `GNU GENERAL PUBLIC LICENSE` over `TERMS AND CONDITIONS…`', () => {
    const d = doc(`                    GNU GENERAL PUBLIC LICENSE
                       Version 2, June 1991

                            Preamble

  The licenses for most software are designed to take away your
freedom to share and change it.

  The precise terms and conditions for copying, distribution and
modification follow.

                    GNU GENERAL PUBLIC LICENSE
   TERMS AND CONDITIONS FOR COPYING, DISTRIBUTION AND MODIFICATION

  0. This License applies to any program or other work which contains
a notice placed by the copyright holder saying it may be distributed
under the terms of this General Public License.

  1. You may copy and distribute verbatim copies of the Program's
source code as you receive it, in any medium.
`);
    expect(para(d, 'The licenses for most software').section).toEqual(['Preamble']);
    const terms = [
      'GNU GENERAL PUBLIC LICENSE TERMS AND CONDITIONS FOR COPYING, DISTRIBUTION AND MODIFICATION',
    ];
    expect(para(d, '0. This License applies').section).toEqual(terms);
    expect(para(d, '1. You may copy').section).toEqual(terms);
  });

  it('reads no heading in a table of keys in capitals set in from the margin', () => {
    const text = `Keys

The following keys are bound by default in the viewer window; each of them may
be rebound in the configuration file under the keys section, as shown below.

                  CTRL-A       MOVE TO START OF LINE
                  CTRL-E       MOVE TO END OF LINE
                  CTRL-K       KILL TO END OF LINE

Mouse

The mouse wheel scrolls the view; holding shift while scrolling zooms instead of
scrolling, which is handy on laptops without a dedicated zoom gesture at all.
`;
    expect(headingsOf(text).map(([t]) => t)).toEqual(['Keys', 'Mouse']);
  });
});

describe('parseText: what the rules for Usenet FAQs and licences leave alone', () => {
  it('keeps short lines over prose as headings, whatever their last word or verb', () => {
    for (const h of [
      'Running under DOS',
      'Licensed under MIT',
      'Disk usage with du',
      'Hello, world',
      'Simple, fast, reliable',
      "The server won't start",
      'Everything is a file',
      'Costs in $',
    ]) {
      const text = `Intro paragraph that ends a sentence.\n\n${h}\n\nThis section explains the thing in detail. It has two sentences.\n`;
      expect(
        headingsOf(text).map(([t]) => t),
        h,
      ).toEqual([h]);
    }
  });

  it('reads no header of fields in `Q:`/`A:` pairs or `Note:`/`Warning:` lines', () => {
    const qa = doc(
      'Q: How do I install it?\nA: Run make install.\n\nQ: Where are the logs?\nA: In /var/log/foo.\n',
    );
    expect(qa.paragraphs.map((p) => p.text)).not.toContainEqual(expect.stringContaining(' · '));
    const notes = doc(
      'Note: this program needs Python 3.\nWarning: never run it as root.\n\nInstallation\n\nRun the installer.\n',
    );
    expect(para(notes, 'Run the installer').section).toEqual(['Installation']);
  });

  it('reads no title in a command set in from the margin over a rule across the page', () => {
    const text = `To build the program, run:

    make install
------------------------------------------------------------

Configuration

Edit the file config.ini before you start. It has comments.
`;
    expect(headingsOf(text).map(([t]) => t)).toEqual(['Configuration']);
  });

  it('keeps a title of figures and letters (`C++20`, `1984`) as the title: no dateline', () => {
    expect(
      doc('C++20\n\nThe new standard adds modules. It also adds concepts.\n\nRanges are new too.\n').title,
    ).toBe('C++20');
  });
});
