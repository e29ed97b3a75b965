import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moreLettersThan } from '../../src/core/normalize.js';
import {
  type ParsedDocument,
  type ParsedParagraph,
  parseDocument,
  shorten,
} from '../../src/core/passages.js';

const text = (content: string, name = 'doc.txt'): ParsedDocument => parseDocument(content, false, name);
const md = (content: string, name = 'doc.md'): ParsedDocument => parseDocument(content, true, name);

/** The paragraph numbered `n` (1-based), failing the test when there is none. */
function para(doc: ParsedDocument, n: number): ParsedParagraph {
  const found = doc.paragraphs.find((p) => p.number === n);
  if (!found) throw new Error(`no paragraph ${n} in ${JSON.stringify(doc.paragraphs)}`);
  return found;
}

const texts = (doc: ParsedDocument): string[] => doc.paragraphs.map((p) => p.text);
const kinds = (doc: ParsedDocument): string[] => doc.paragraphs.map((p) => p.kind);
const headings = (doc: ParsedDocument): (string | undefined)[] =>
  doc.paragraphs.map((p) => (p.section ? p.section.join(' › ') : undefined));

/** Every paragraph is numbered 1..n in file order. */
function expectNumbered(doc: ParsedDocument): void {
  expect(doc.paragraphs.map((p) => p.number)).toEqual(doc.paragraphs.map((_, i) => i + 1));
}

describe('shorten', () => {
  it('returns short text unchanged, with whitespace collapsed and trimmed', () => {
    expect(shorten('  Opening   hours\n of the\tclub  ', 80)).toBe('Opening hours of the club');
  });

  it('keeps text of exactly the maximum length whole', () => {
    const exact = 'a'.repeat(10);
    expect(shorten(exact, 10)).toBe(exact);
  });

  it('cuts long text at a word boundary, within the limit, ending with an ellipsis', () => {
    const long = 'Members must renew their membership every year before the first of March or lose access';
    const short = shorten(long, 40);
    expect(short.length).toBeLessThanOrEqual(40);
    expect(short.endsWith('\u2026')).toBe(true);
    const kept = short.slice(0, -1);
    expect(long.startsWith(kept)).toBe(true);
    // The cut falls between words: the next character of the original is a space.
    expect(long[kept.length]).toBe(' ');
    expect(short).toBe('Members must renew their membership\u2026');
  });

  it('drops punctuation left dangling before the ellipsis', () => {
    const short = shorten('Fees, refunds, and cancellations are explained in this section of the guide', 16);
    expect(short).toBe('Fees, refunds\u2026');
    expect(short).not.toMatch(/[,;:.\s]\u2026$/);
  });

  it('hard-cuts a single long word', () => {
    const short = shorten('x'.repeat(200), 20);
    expect(short).toBe(`${'x'.repeat(19)}\u2026`);
    expect(short).toHaveLength(20);
  });

  it('hard-cuts when the only space is too early to cut at', () => {
    const short = shorten(`ab ${'c'.repeat(100)}`, 20);
    expect(short).toHaveLength(20);
    expect(short.startsWith('ab c')).toBe(true);
    expect(short.endsWith('\u2026')).toBe(true);
  });
});

describe('parseDocument: one paragraph per line', () => {
  const news = [
    'Officials from the four countries met in Baghdad on Saturday to discuss the fight against the militants who still hold parts of the desert.',
    'The defence ministry said it had received delegations led by their deputy chiefs of staff, to strengthen cooperation and coordination.',
    'Talks ended late.',
    'Russia is fighting rebels alongside government forces, while Iran is a key ally of both governments and has advisers on the ground.',
    'The four countries had created joint operations rooms to coordinate the fight, now driven out of all urban centres in the region.',
  ].join('\n');

  it('makes each long line its own paragraph, numbered 1..n', () => {
    const doc = text(news);
    expect(texts(doc)).toEqual(news.split('\n'));
    expect(kinds(doc)).toEqual(['text', 'text', 'text', 'text', 'text']);
    expectNumbered(doc);
  });

  it('keeps a short line between long lines as its own paragraph (not joined)', () => {
    const doc = text(news);
    expect(para(doc, 3).text).toBe('Talks ended late.');
  });

  it('treats a short headline line above the long lines as the title, paragraph 1', () => {
    const doc = text(`Four countries agree to share intelligence\n${news}`);
    expect(doc.title).toBe('Four countries agree to share intelligence');
    expect(doc.explicitTitle).toBe(true);
    expect(para(doc, 1)).toEqual({ number: 1, text: doc.title, kind: 'title' });
    expect(doc.paragraphs).toHaveLength(6);
    expect(para(doc, 2).text.startsWith('Officials from the four countries')).toBe(true);
    expectNumbered(doc);
  });

  it('makes every line of a block of short complete sentences its own paragraph', () => {
    const doc = text('The pool opens at seven.\nThe gym opens at six.\nThe sauna opens at nine.');
    expect(texts(doc)).toEqual([
      'The pool opens at seven.',
      'The gym opens at six.',
      'The sauna opens at nine.',
    ]);
  });
});

describe('parseDocument: hard-wrapped text', () => {
  const wrapped = `Club Handbook

The membership agreement covers every member of the club and sets out
the rules that apply to them while they use the facilities and take
part in club activities throughout the season.

Members must renew their membership each year before the first of
March, otherwise their access card stops working on that day and must
be reactivated at the front desk by a member of staff.`;

  it('joins the wrapped lines of a paragraph with single spaces', () => {
    const doc = text(wrapped);
    expect(texts(doc)).toEqual([
      'Club Handbook',
      'The membership agreement covers every member of the club and sets out the rules that apply to them while they use the facilities and take part in club activities throughout the season.',
      'Members must renew their membership each year before the first of March, otherwise their access card stops working on that day and must be reactivated at the front desk by a member of staff.',
    ]);
    for (const p of doc.paragraphs) {
      expect(p.text).not.toMatch(/\s{2,}|\n/);
    }
    expectNumbered(doc);
  });

  it('splits a block where a line ends a sentence well short of the width', () => {
    const doc = text(`Guest Rules

Members may bring up to two guests each month. Guests must sign in at
the front desk and show a photo ID.
Guests under sixteen must be accompanied by an adult at all times while
they are inside the club building or on the outdoor courts.`);
    expect(texts(doc)).toEqual([
      'Guest Rules',
      'Members may bring up to two guests each month. Guests must sign in at the front desk and show a photo ID.',
      'Guests under sixteen must be accompanied by an adult at all times while they are inside the club building or on the outdoor courts.',
    ]);
  });

  it('does not split where a sentence ends close to the full width', () => {
    const doc = text(`Lockers

Lockers are available to every member free of charge for the day only.
Members who want to keep a locker for the whole season can rent one at
the front desk for a small fee.`);
    expect(doc.paragraphs).toHaveLength(2);
    expect(para(doc, 2).text).toBe(
      'Lockers are available to every member free of charge for the day only. Members who want to keep a locker for the whole season can rent one at the front desk for a small fee.',
    );
  });

  it('keeps the last paragraph of a block whole even when it ends short', () => {
    const doc = text(`Parking

Parking is free for members in the car park behind the main building
for up to four hours.`);
    expect(texts(doc)).toEqual([
      'Parking',
      'Parking is free for members in the car park behind the main building for up to four hours.',
    ]);
  });
});

describe('parseDocument: lists and FAQs', () => {
  it('makes numbered items their own paragraphs, joining wrapped continuation lines', () => {
    const doc = text(`Joining the Club

Before you start, check the following:

1. Your membership card is valid and has not expired within the
   last month.
2. The locker you chose is free.
3) You have signed the health declaration at the front desk with a
   member of staff present.`);
    expect(texts(doc)).toEqual([
      'Joining the Club',
      'Before you start, check the following:',
      '1. Your membership card is valid and has not expired within the last month.',
      '2. The locker you chose is free.',
      '3) You have signed the health declaration at the front desk with a member of staff present.',
    ]);
    expectNumbered(doc);
  });

  it('makes bulleted items their own paragraphs, joining wrapped continuation lines', () => {
    const doc = text(`What to Bring

- A towel and a padlock for the locker, which you can also buy at the
  front desk.
* Indoor shoes with clean soles
\u2022 Your membership card`);
    expect(texts(doc)).toEqual([
      'What to Bring',
      '- A towel and a padlock for the locker, which you can also buy at the front desk.',
      '* Indoor shoes with clean soles',
      '\u2022 Your membership card',
    ]);
  });

  it('splits list items from an introductory line in the same block', () => {
    const doc = text(`Opening Hours

The club is open on these days, except on public holidays:
1. Monday to Friday from seven in the morning until ten at night
2. Saturday from eight in the morning until eight in the evening
3. Sunday from nine until six`);
    expect(texts(doc)).toEqual([
      'Opening Hours',
      'The club is open on these days, except on public holidays:',
      '1. Monday to Friday from seven in the morning until ten at night',
      '2. Saturday from eight in the morning until eight in the evening',
      '3. Sunday from nine until six',
    ]);
  });

  it('makes a Q: line a question and gives its text to the answer as heading', () => {
    const doc = text(`Frequently Asked Questions

Q: Can I pause my membership?
A: Yes. You can pause it for up to three months each year by asking at
the front desk.

Q: How do I cancel my membership?
A: Write to the office one month ahead.`);
    expect(texts(doc)).toEqual([
      'Frequently Asked Questions',
      'Can I pause my membership?',
      'Yes. You can pause it for up to three months each year by asking at the front desk.',
      'How do I cancel my membership?',
      'Write to the office one month ahead.',
    ]);
    expect(kinds(doc)).toEqual(['title', 'question', 'text', 'question', 'text']);
    expect(para(doc, 3).section?.join(' › ')).toBe('Can I pause my membership?');
    // The next question replaces the previous one.
    expect(para(doc, 5).section?.join(' › ')).toBe('How do I cancel my membership?');
    expectNumbered(doc);
  });

  it('gives the question to every paragraph of a multi-paragraph answer', () => {
    const doc = text(`Membership FAQ

Q: What happens if I lose my card?
A: Report it at the front desk straight away so that nobody else can use it.

A new card costs ten euros and is ready the next working day.`);
    expect(kinds(doc)).toEqual(['title', 'question', 'text', 'text']);
    expect(para(doc, 3).section?.join(' › ')).toBe('What happens if I lose my card?');
    expect(para(doc, 4).section?.join(' › ')).toBe('What happens if I lose my card?');
  });

  it('joins a question wrapped over two lines and keeps it apart from the answer', () => {
    const doc = text(`Booking FAQ

Q: Can I book a tennis court for a whole afternoon if nobody else has
booked it before me?
A: No, a booking lasts at most two hours.`);
    expect(para(doc, 2)).toMatchObject({
      kind: 'question',
      text: 'Can I book a tennis court for a whole afternoon if nobody else has booked it before me?',
    });
    expect(para(doc, 3)).toMatchObject({
      text: 'No, a booking lasts at most two hours.',
      section: ['Can I book a tennis court for a whole afternoon if nobody else has booked it before me?'],
    });
  });

  it('keeps the section heading along with the question for answers under a heading', () => {
    const doc = text(`Club FAQ

BOOKINGS

Q: How do I book a court?
A: Use the app or call the front desk.`);
    expect(para(doc, 3)).toMatchObject({ kind: 'question', section: ['BOOKINGS'] });
    const answer = para(doc, 4);
    expect(answer.section?.join(' › ')).toContain('BOOKINGS');
    expect(answer.section?.join(' › ')).toContain('How do I book a court?');
  });
});

describe('parseDocument: plain-text headings', () => {
  const terms = `Terms of Membership

4. Payment and Refunds

Payments are made monthly by direct debit on the first working day.

Refunds are given only when the club closes for more than a week.

MEMBERSHIP AND FEES

The annual fee is three hundred euros, payable in advance.`;

  it('recognises short standalone lines without final punctuation as headings', () => {
    const doc = text(terms);
    expect(kinds(doc)).toEqual(['title', 'heading', 'text', 'text', 'heading', 'text']);
    expect(para(doc, 2).text).toBe('4. Payment and Refunds');
    expect(para(doc, 5).text).toBe('MEMBERSHIP AND FEES');
  });

  it('counts headings in the paragraph numbering', () => {
    const doc = text(terms);
    expectNumbered(doc);
    expect(para(doc, 6).text).toBe('The annual fee is three hundred euros, payable in advance.');
  });

  it('gives the following paragraphs their heading path, until the next heading', () => {
    const doc = text(terms);
    // A numbered heading (level 1) holds an ALL-CAPS heading (level 7) below it.
    expect(headings(doc)).toEqual([
      undefined,
      undefined,
      '4. Payment and Refunds',
      '4. Payment and Refunds',
      '4. Payment and Refunds',
      '4. Payment and Refunds › MEMBERSHIP AND FEES',
    ]);
  });

  it('does not take a short standalone sentence for a heading', () => {
    const doc = text(`Club Rules

Late fees apply.

Members must pay within thirty days of the invoice date.`);
    expect(para(doc, 2)).toEqual({ number: 2, text: 'Late fees apply.', kind: 'text' });
    expect(para(doc, 3).section).toBeUndefined();
  });

  it('keeps a heading with nothing under it searchable as text', () => {
    const doc = text(`Club Rules

PART ONE

GUESTS

Guests must sign in.`);
    expect(para(doc, 2)).toMatchObject({ text: 'PART ONE', kind: 'text' });
    expect(para(doc, 3)).toMatchObject({ text: 'GUESTS', kind: 'heading' });
    expect(para(doc, 4).section?.join(' › ')).toBe('GUESTS');
  });
});

describe('parseDocument: Markdown', () => {
  it('names a Markdown page without a title heading by its file, a README by its first sentence', () => {
    const note = md(
      '> [!IMPORTANT]\n> Bring your own lock.\n\nLockers are free for members.',
      'Locker rules.md',
    );
    expect(note.title).toBe('Locker rules');
    expect(md('Lockers are free for members. Bring a lock.', 'locker-rules.md').title).toBe('locker rules');
    expect(md('Lockers are free for members. Bring a lock.', 'README.md').title).toBe(
      'Lockers are free for members.',
    );
    // A notice above a README's first words is no title; alone, it still names the page.
    expect(
      md('> [!IMPORTANT]\n> Get support plans here.\n\nA small locker booking tool.', 'README.md').title,
    ).toBe('A small locker booking tool.');
    expect(md('> [!NOTE]\n> This project has moved.', 'README.md').title).toBe(
      'Note: This project has moved.',
    );
    // A title heading or front matter still names it; plain text keeps its first sentence.
    expect(md('# Lockers\n\nFree for members.', 'Locker rules.md').title).toBe('Lockers');
    expect(text('Lockers are free for members. Bring a lock.', 'locker-rules.txt').title).toBe(
      'Lockers are free for members.',
    );
  });

  it('reads title and url from YAML front matter, which is not a paragraph', () => {
    const doc = md(`---
title: "Club Handbook"
url: https://example.com/handbook
author: Someone
---

Welcome to the club.`);
    expect(doc.title).toBe('Club Handbook');
    expect(doc.explicitTitle).toBe(true);
    expect(doc.url).toBe('https://example.com/handbook');
    expect(doc.paragraphs).toEqual([{ number: 1, text: 'Welcome to the club.', kind: 'text' }]);
    expect(texts(doc).join(' ')).not.toContain('author');
  });

  it('has no url when the front matter gives none', () => {
    const doc = md('---\ntitle: Club Handbook\n---\n\nWelcome.');
    expect(doc.url).toBeUndefined();
    expect('url' in doc).toBe(false);
  });

  it('keeps a # heading under a front matter title as a heading, not the title', () => {
    const doc = md(`---
title: Club Handbook
---

# Welcome

Intro text.`);
    expect(doc.title).toBe('Club Handbook');
    expect(para(doc, 1)).toMatchObject({ text: 'Welcome', kind: 'heading' });
    expect(para(doc, 2).section?.join(' › ')).toBe('Welcome');
  });

  it('reads a # heading that says the front matter title again as the title, not a section of that name', () => {
    const doc = md(`---
title: Installation
sidebar_position: 2
---

# Installation

Install the package with npm.

## Configuration

Create \`widget.config.js\` at the root.`);
    expect(doc.title).toBe('Installation');
    expect(para(doc, 1)).toMatchObject({ text: 'Installation', kind: 'title' });
    expect(para(doc, 2).section).toBeUndefined();
    expect(headings(doc).at(-1)).toBe('Configuration');
    // `C++` is no `C`: that heading stays a section.
    expect(para(md('---\ntitle: C++\n---\n\n# C\n\nText.'), 1)).toMatchObject({ text: 'C', kind: 'heading' });
    // Said otherwise ("Getting started" under "Getting Started!"), it is still the title.
    expect(
      para(md('---\ntitle: Getting Started!\n---\n\n# Getting  started\n\nText.'), 2).section,
    ).toBeUndefined();
  });

  it('takes the first # heading as title when there is no front matter, counted as paragraph 1', () => {
    const doc = md(`# The Handbook

Some text here.

## Section A

Text A.`);
    expect(doc.title).toBe('The Handbook');
    expect(doc.explicitTitle).toBe(true);
    expect(para(doc, 1)).toEqual({ number: 1, text: 'The Handbook', kind: 'title' });
    expect(para(doc, 2)).toEqual({ number: 2, text: 'Some text here.', kind: 'text' });
    expectNumbered(doc);
  });

  it('takes a # heading under a short notice as the title; the notice stays a paragraph', () => {
    const doc = md(`_We are moving to a new home: the old site closes in June._

# Tinybench

Benchmark your code easily.

## Installing

Run npm install -D tinybench.`);
    expect(doc.title).toBe('Tinybench');
    expect(doc.explicitTitle).toBe(true);
    expect(kinds(doc)).toEqual(['text', 'title', 'text', 'heading', 'text']);
    // The sections sit under the title, not under a heading named like it.
    expect(para(doc, 5).section).toEqual(['Installing']);
    expectNumbered(doc);
  });

  it('does not take a # heading as the title after the text has begun, or when others follow', () => {
    const prose =
      md(`This guide explains the club's rules in detail, with examples for each of them, so that members know what is expected of them at meetings, at events and online. Read it once before you join, and again whenever a rule changes: the changes are listed at the end, with the date of each.

# Rules

Be kind.`);
    expect(prose.explicitTitle).toBe(false);
    expect(prose.title).not.toBe('Rules');
    const parts = md(`A note.

# Installation

Run the installer.

# Usage

Run it.`);
    expect(parts.explicitTitle).toBe(false);
    expect(para(parts, 2)).toMatchObject({ kind: 'heading', text: 'Installation' });
  });

  it('reads a ## heading opening a file as a section when other ## headings are its siblings', () => {
    // A package README whose logo (dropped) stands where a # heading would be.
    const doc = md(
      `## About

discord.js is a powerful Node.js module that allows you to easily interact with the Discord API.

## Installation

npm install discord.js

## Links

The website.`,
      'README.md',
    );
    expect(doc.explicitTitle).toBe(false);
    expect(doc.title).toBe('discord.js is a powerful Node.js module that allows you to easily interact…');
    expect(para(doc, 1)).toMatchObject({ kind: 'heading', text: 'About' });
    expect(para(doc, 2).section).toEqual(['About']);
    // A ## heading over ### sections is still the title.
    const top = md('## Club Rules\n\nBe kind.\n\n### Meetings\n\nOn Mondays.');
    expect(top.title).toBe('Club Rules');
    expect(kinds(top)).toEqual(['title', 'text', 'heading', 'text']);
  });

  it('takes the first # heading as title when the front matter has only a url', () => {
    const doc = md(`---
url: https://example.com/rules
---
# Club Rules

Be kind.`);
    expect(doc.title).toBe('Club Rules');
    expect(doc.url).toBe('https://example.com/rules');
    expect(para(doc, 1)).toMatchObject({ kind: 'title', text: 'Club Rules' });
  });

  it('uses ## and ### headings as context for the paragraphs under them', () => {
    const doc = md(`# The Handbook

## Section A

Text A.

### Sub

Text sub.

## Section B

Text B.`);
    expect(texts(doc)).toEqual([
      'The Handbook',
      'Section A',
      'Text A.',
      'Sub',
      'Text sub.',
      'Section B',
      'Text B.',
    ]);
    expect(kinds(doc)).toEqual(['title', 'heading', 'text', 'heading', 'text', 'heading', 'text']);
    expect(headings(doc)).toEqual([
      undefined,
      undefined,
      'Section A',
      'Section A',
      'Section A › Sub',
      undefined,
      'Section B',
    ]);
  });

  it('joins soft-wrapped lines into one paragraph', () => {
    const doc = md(`# Hours

The club opens at
seven in the morning.
It closes at ten.

Second paragraph.`);
    expect(texts(doc)).toEqual([
      'Hours',
      'The club opens at seven in the morning. It closes at ten.',
      'Second paragraph.',
    ]);
  });

  it('keeps a code fence whole as one code paragraph, newlines and blank lines included, with its lead-in', () => {
    const doc = md(`# Setup

Run these:

\`\`\`sh
# install
npm install

npm start
\`\`\`

Then open the app.`);
    expect(kinds(doc)).toEqual(['title', 'text', 'code', 'text']);
    expect(para(doc, 3).text).toBe('# install\nnpm install\n\nnpm start');
    expect(para(doc, 4).text).toBe('Then open the app.');
    // "Run these:" travels with the code it introduces.
    expect(para(doc, 2).group).toBeDefined();
    expect(para(doc, 3).group).toBe(para(doc, 2).group);
    expectNumbered(doc);
  });

  it('keeps a ~~~ fence whole too, and gives it the heading it sits under', () => {
    const doc = md(`# Guide

## Config

~~~
a: 1

b: 2
~~~
`);
    expect(para(doc, 3)).toEqual({
      number: 3,
      text: 'a: 1\n\nb: 2',
      kind: 'code',
      section: ['Config'],
      anchor: 'config',
    });
  });

  it('reads Setext headings', () => {
    const doc = md(`Club Guide
==========

Welcome.

Opening Hours
-------------

Seven to ten.`);
    expect(doc.title).toBe('Club Guide');
    expect(doc.explicitTitle).toBe(true);
    expect(texts(doc)).toEqual(['Club Guide', 'Welcome.', 'Opening Hours', 'Seven to ten.']);
    expect(kinds(doc)).toEqual(['title', 'text', 'heading', 'text']);
    expect(para(doc, 4).section?.join(' › ')).toBe('Opening Hours');
    expect(texts(doc).join('\n')).not.toMatch(/^[=-]+$/m);
  });

  it('keeps a sentence that blank lines cut together (a lead-in ending with "to", the address, the rest)', () => {
    const doc = parseDocument(
      `Mailing lists

Subscription

  Anyone is able to subscribe or unsubscribe on their own to any mailing list.

  To subscribe or unsubscribe from a mailing list, please send mail to

        <listname>-REQUEST@lists.example.org

  with the word subscribe or unsubscribe as subject.

  Please remember the -REQUEST part of the address.
`,
      false,
      'lists.txt',
    );
    const at = (start: string) => doc.paragraphs.find((p) => p.text.startsWith(start));
    const lead = at('To subscribe or unsubscribe');
    expect(lead?.kind).toBe('text');
    expect(lead?.group).toBeDefined();
    expect(at('<listname>-REQUEST')?.group).toBe(lead?.group);
    expect(at('with the word subscribe')?.group).toBe(lead?.group);
    // The next sentence is a paragraph of its own.
    expect(at('Please remember')?.group).toBeUndefined();
  });

  it('keeps a plain-text lead-in ending with a colon with the text it introduces: a command, short items, the first long item', () => {
    const doc = text(`13. How can I make a Unix shared library?

    By default a shared (and a static) library is built for Unix.  So:

    make distclean
    ./configure
    make

14. Which options does the build take?

    The configure script takes these options:

    -s   build a static library only

    -z   use the system zlib

15. What must I do to convey object code?

    You may convey such object code under terms of your choice, provided
    that you do both of the following:

    a) Give prominent notice with each copy of the object code that the
    Library is used in it and that the Library and its use are covered by
    this License, wherever the object code is conveyed to anyone at all,
    in a place where a user of the object code would expect to see such
    notices, such as an about box or the documentation shipped with it.

    b) Accompany the object code with a copy of the GNU GPL and this
    license document, and with the source of any changes you made to it.
`);
    const at = (start: string) => doc.paragraphs.find((p) => p.text.startsWith(start));
    const together = (a: string, b: string) => {
      expect(at(a)?.group, a).toBeDefined();
      expect(at(b)?.group, b).toBe(at(a)?.group);
    };
    together('By default a shared', 'make distclean');
    together('The configure script takes', '-s');
    together('The configure script takes', '-z');
    together('You may convey such object code', 'a) Give prominent notice');
    // After a long item, the next is a passage of its own.
    expect(at('b) Accompany')?.group).toBeUndefined();
  });

  it('keeps a lead-in ending ", run" (no heading) with the commands and the "followed by" after it', () => {
    const doc = text(`Keeping your system up to date

9.1.1. aptitude

    Edit the sources.list file to say where packages come from.

    To update your system from the command line, run

    aptitude update

    followed by

    aptitude full-upgrade

    Answer any questions that might come up, and your system will be
    upgraded.

    Note that aptitude is not the tool for upgrades between releases.
`);
    const at = (start: string) => doc.paragraphs.find((p) => p.text.startsWith(start));
    const lead = at('To update your system');
    expect(lead?.kind).toBe('text');
    expect(lead?.group).toBeDefined();
    for (const start of ['aptitude update', 'followed by', 'aptitude full-upgrade', 'Answer any questions'])
      expect(at(start)?.group, start).toBe(lead?.group);
    expect(at('Note that aptitude')?.section?.at(-1)).toBe('9.1.1. aptitude');
    expect(at('Note that aptitude')?.group).toBeUndefined();
  });

  it('keeps a German or French paragraph ending with a preposition ("gefolgt von", "suivi de") with what follows', () => {
    for (const [lead, joint] of [
      ['Zum Aktualisieren des Systems ist folgender Befehl auszuführen:', 'gefolgt von'],
      ['Pour mettre à jour votre système, exécutez :', 'suivi de'],
    ] as const) {
      const doc = text(`Aktualisieren

    ${lead}

    aptitude update

    ${joint}

    aptitude full-upgrade

    Das System wird aktualisiert.
`);
      const at = (start: string) => doc.paragraphs.find((p) => p.text.startsWith(start));
      expect(at(joint)?.group, joint).toBeDefined();
      expect(at('aptitude full-upgrade')?.group, joint).toBe(at(joint)?.group);
    }
  });

  it('makes a table row a paragraph that names its columns, the rows of a table one group', () => {
    const doc = md(`# Prices

| Plan | Price |
| --- | :---: |
| Adult | 300 |
| Student | 150 |

After the table.`);
    expect(texts(doc)).toEqual([
      'Prices',
      'Plan: Adult · Price: 300',
      'Plan: Student · Price: 150',
      'After the table.',
    ]);
    expect(para(doc, 2).group).toBe(para(doc, 3).group);
    expectNumbered(doc);
  });

  it('reads block quotes without the > markers, joining their lines', () => {
    const doc = md(`# Quotes

> The best club
> in town.

Said a member.`);
    expect(texts(doc)).toEqual(['Quotes', 'The best club in town.', 'Said a member.']);
  });

  it('makes list items their own paragraphs, joining continuation lines', () => {
    const doc = md(`# Bring

- a towel
  and a padlock
- indoor shoes
1. first
2. second`);
    // A numbered item keeps its number ("what is rule 2?" asks by it).
    expect(texts(doc)).toEqual(['Bring', 'a towel and a padlock', 'indoor shoes', '1. first', '2. second']);
    expect(kinds(doc)).toEqual(['title', 'list', 'list', 'list', 'list']);
  });

  it('does not split soft-wrapped Markdown lines at sentence ends (unlike plain text)', () => {
    const content = 'Intro\n\nThe pool opens at seven.\nThe gym opens at six.';
    expect(texts(md(content))).toEqual(['Intro', 'The pool opens at seven. The gym opens at six.']);
    expect(texts(text(content))).toEqual(['Intro', 'The pool opens at seven.', 'The gym opens at six.']);
  });

  it('drops HTML comments and thematic breaks', () => {
    const doc = md('# T\n\n<!-- hidden -->\n\nOne.\n\n***\n\nTwo.');
    expect(texts(doc)).toEqual(['T', 'One.', 'Two.']);
  });

  it("falls back to a README's first sentence for the title when there is no front matter or # heading", () => {
    const doc = md('Some intro paragraph. Second sentence.\n\n## Section\n\nMore.', 'README.md');
    expect(doc.title).toBe('Some intro paragraph.');
    expect(doc.explicitTitle).toBe(false);
    expect(para(doc, 1).kind).toBe('text');
  });
});

describe('parseDocument: titles of plain text', () => {
  it('takes a short first line without a final full stop as the title', () => {
    const doc = text('Opening Hours\n\nThe club opens at seven.');
    expect(doc.title).toBe('Opening Hours');
    expect(doc.explicitTitle).toBe(true);
    expect(para(doc, 1)).toEqual({ number: 1, text: 'Opening Hours', kind: 'title' });
    expect(para(doc, 2)).toEqual({ number: 2, text: 'The club opens at seven.', kind: 'text' });
    // The title is not a heading for the text under it.
    expect(para(doc, 2).section).toBeUndefined();
  });

  it('does not take a first line that is a full sentence as the title', () => {
    const first =
      'The annual general meeting of the members of the club will be held on the third Saturday of March in the main hall. All members may vote.';
    const doc = text(
      `${first}\nThe agenda is sent to every member two weeks ahead of the meeting by email, and by post on request.`,
    );
    expect(doc.explicitTitle).toBe(false);
    expect(para(doc, 1)).toEqual({ number: 1, text: first, kind: 'text' });
    // The first sentence, shortened to 80 characters at most, with an ellipsis.
    expect(doc.title.length).toBeLessThanOrEqual(80);
    expect(doc.title.endsWith('\u2026')).toBe(true);
    expect(first.startsWith(doc.title.slice(0, -1))).toBe(true);
    expect(doc.title).not.toContain('All members');
    expect(doc.title).toBe('The annual general meeting of the members of the club will be held on the\u2026');
  });

  it('uses a short first sentence as the title as is, without an ellipsis', () => {
    const doc = text(
      'The club is closed today. Staff are on a training day and will be back tomorrow morning at seven.\n\nSecond paragraph.',
    );
    expect(doc.title).toBe('The club is closed today.');
    expect(doc.explicitTitle).toBe(false);
    expect(para(doc, 1).kind).toBe('text');
  });

  it('falls back to the file name for an empty document', () => {
    const doc = text('', 'empty.txt');
    expect(doc.paragraphs).toEqual([]);
    expect(doc.title).toBe('empty.txt');
    expect(doc.explicitTitle).toBe(false);
  });

  it('does not take the only line of a one-line document as a title-only document', () => {
    const doc = text('Closed on Sunday');
    expect(doc.paragraphs).toEqual([{ number: 1, text: 'Closed on Sunday', kind: 'text' }]);
    expect(doc.title).toBe('Closed on Sunday');
  });
});

describe('parseDocument: line endings and byte order mark', () => {
  const plain = `Club Rules

1. Payment

Fees are due on the first day of each month and are paid by direct
debit.
Late fees apply to every payment that arrives after the tenth day of
the month.

Q: Can I pay in cash?
A: Yes, at the front desk.`;

  const markdown = `---
title: Handbook
url: https://example.com/h
---

# Welcome

Soft wrapped
text.

\`\`\`
code line

after blank
\`\`\`

Setext
------

| a | b |
|---|---|
| 1 | 2 |`;

  for (const [label, content, isMarkdown] of [
    ['plain text', plain, false],
    ['Markdown', markdown, true],
  ] as const) {
    it(`parses ${label} with CRLF, CR, or a BOM exactly as with LF`, () => {
      const lf = parseDocument(content, isMarkdown, 'doc');
      expect(lf.paragraphs.length).toBeGreaterThan(3);
      expect(parseDocument(content.replace(/\n/g, '\r\n'), isMarkdown, 'doc')).toEqual(lf);
      expect(parseDocument(`\uFEFF${content}`, isMarkdown, 'doc')).toEqual(lf);
      expect(parseDocument(`\uFEFF${content.replace(/\n/g, '\r\n')}`, isMarkdown, 'doc')).toEqual(lf);
      expect(parseDocument(content.replace(/\n/g, '\r'), isMarkdown, 'doc')).toEqual(lf);
    });
  }

  it('leaves no carriage returns or BOM in the parsed text', () => {
    const doc = text(`\uFEFF${plain.replace(/\n/g, '\r\n')}`);
    expect(doc.title).toBe('Club Rules');
    expect(doc.explicitTitle).toBe(true);
    for (const p of doc.paragraphs) expect(p.text).not.toMatch(/[\r\uFEFF]/);
    const mdDoc = md(`\uFEFF${markdown.replace(/\n/g, '\r\n')}`);
    expect(mdDoc.title).toBe('Handbook');
    expect(mdDoc.url).toBe('https://example.com/h');
    expect(mdDoc.paragraphs.find((p) => p.kind === 'code')?.text).toBe('code line\n\nafter blank');
  });

  it('numbers every paragraph, title and headings included', () => {
    const doc = text(plain);
    expect(texts(doc)).toEqual([
      'Club Rules',
      '1. Payment',
      'Fees are due on the first day of each month and are paid by direct debit.',
      'Late fees apply to every payment that arrives after the tenth day of the month.',
      'Can I pay in cash?',
      'Yes, at the front desk.',
    ]);
    expect(kinds(doc)).toEqual(['title', 'heading', 'text', 'text', 'question', 'text']);
    expectNumbered(doc);
  });
});

const paras = (c: string, md = false) => parseDocument(c, md, 'doc').paragraphs.map((p) => p.text);

describe('layouts found while reviewing', () => {
  it('A: a wrapped sentence is not cut in two when most lines of its block end a sentence', () => {
    const doc = `Billing

Fees are due on the first day of each month and are paid by direct
debit from the account the member named when joining.
Late fees apply.
Members who pay late three times in a row lose their locker.`;
    expect(paras(doc)).toEqual([
      'Billing',
      'Fees are due on the first day of each month and are paid by direct debit from the account the member named when joining.',
      'Late fees apply.',
      'Members who pay late three times in a row lose their locker.',
    ]);
  });

  it('A2: a compact FAQ block keeps a wrapped answer whole', () => {
    const doc = `Membership FAQ

Q: Can I pause my membership?
A: Yes, for up to three months each year, by asking at the front desk
in person.
Q: How do I cancel?
A: Write to the office.`;
    expect(paras(doc)).toContain(
      'Yes, for up to three months each year, by asking at the front desk in person.',
    );
  });

  it('B: the fallback title is the first sentence, not an abbreviation', () => {
    const a = parseDocument(
      'Mr. Assad met the delegation in Baghdad on Sunday.\nThe talks went on for hours in the capital and ended late at night without a statement.',
      false,
      'a.txt',
    );
    expect(a.title).toBe('Mr. Assad met the delegation in Baghdad on Sunday.');
    const b = parseDocument(
      'U.S. officials said the deal would be signed next week.\n\nSecond paragraph.',
      false,
      'b.txt',
    );
    expect(b.title).toBe('U.S. officials said the deal would be signed next week.');
  });

  it('C: a blank > line separates paragraphs inside a Markdown block quote', () => {
    expect(paras('# Quotes\n\n> First quoted paragraph.\n>\n> Second quoted paragraph.', true)).toEqual([
      'Quotes',
      'First quoted paragraph.',
      'Second quoted paragraph.',
    ]);
  });

  it('D: a headline directly above hard-wrapped text is still the title', () => {
    const doc = parseDocument(
      `Club Rules
Members must keep the changing rooms tidy and must not leave their bags on
the benches overnight, as the cleaners need to reach every corner.`,
      false,
      'rules.txt',
    );
    expect(doc.title).toBe('Club Rules');
    expect(doc.paragraphs[0]).toEqual({ number: 1, text: 'Club Rules', kind: 'title' });
  });
});

describe('telling a paragraph from a listed heading, cheaply', () => {
  // The comparable form the tables of contents are matched by: letters and digits, runs of
  // anything else as one space.
  const key = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();

  it('says a text has more letters than a key only when its comparable form is longer', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.nat(60), (t, max) => {
        if (moreLettersThan(t, max)) expect(key(t).length).toBeGreaterThan(max);
      }),
      { numRuns: 2000 },
    );
    expect(moreLettersThan('Getting started', 14)).toBe(false);
    expect(moreLettersThan('The client sends a request again after a failure.', 14)).toBe(true);
  });

  it('still drops a table of contents that lists the headings after it', () => {
    const doc = md(
      '# Guide\n\n- Install\n- Configure\n- Run\n\n## Install\n\nnpm i x\n\n## Configure\n\nEdit the file.\n\n## Run\n\nStart it.\n',
    );
    expect(doc.paragraphs.map((p) => p.text)).not.toContain('Install\nConfigure\nRun');
    expect(doc.paragraphs.filter((p) => p.kind === 'list')).toEqual([]);
  });
});
