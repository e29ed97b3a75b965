/**
 * Display safety: what document and user text can make Discord show. No control character or
 * bidirectional override gets through, no grapheme is cut in half, no bold mark lands inside a
 * link or a mention-like token, and Discord's timestamps and custom emoji show as text.
 */
import type { APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReplyPayload } from '../../src/bot/payload.js';
import { cutText } from '../../src/bot/text/cut.js';
import { highlight } from '../../src/bot/text/highlight.js';
import { render } from '../../src/bot/views/index.js';
import {
  type Answer,
  cutText as cutQuestion,
  type DirectAnswer,
  type DocumentInfo,
  type Result,
} from '../../src/core/index.js';
import { assertWithinLimits, everyString, LONE_SURROGATE } from '../e2e/limits.js';

// ---------------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------------

/** Control characters (tab included: it becomes a space) and bidirectional controls; newline aside. */
const isUnsafe = (c: number) =>
  (c < 0x20 && c !== 0x0a) ||
  (c >= 0x7f && c <= 0x9f) ||
  [0x061c, 0x200e, 0x200f].includes(c) ||
  (c >= 0x202a && c <= 0x202e) ||
  (c >= 0x2066 && c <= 0x2069);
/** The control and bidirectional characters in `text`, as code points. */
const unsafeIn = (text: string) =>
  Array.from(text, (ch) => ch.codePointAt(0) ?? 0)
    .filter(isUnsafe)
    .map((c) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
/** A title and a file name that try to reverse the text, break the line and ring a bell. */
const EVIL_TITLE = 'Budget\u202E\n\u0007 report';
const EVIL_SOURCE = 'minutes\u2066\u0007\n2024\u200F.txt';
/** What they show as. */
const TITLE = 'Budget report';
const SOURCE = 'minutes 2024.txt';

const result = (over: Partial<Result> = {}): Result => ({
  source: 'notes.txt',
  title: 'Notes',
  paragraph: 1,
  text: 'The fighters met at dawn.',
  excerpt: 'The fighters met at dawn.',
  marks: [[4, 12]],
  score: 1,
  ...over,
});

const direct = (over: Partial<DirectAnswer> = {}): DirectAnswer => ({
  source: 'notes.txt',
  title: 'Notes',
  paragraph: 1,
  text: 'The fighters met at dawn.',
  marks: [[4, 12]],
  ...over,
});

const answerOf = (over: Partial<Answer> = {}): Answer => ({
  question: 'Who are the fighters?',
  answer: direct(),
  results: [result()],
  notFound: [],
  need: [],
  corrections: [],
  empty: null,
  related: null,
  coverage: 1,
  searched: 10,
  tookMs: 1,
  ...over,
});

const document = (over: Partial<DocumentInfo> = {}): DocumentInfo => ({
  source: 'notes.txt',
  title: 'Notes',
  hash: 'h',
  paragraphs: 3,
  words: 40,
  ...over,
});

const answer = (a: Answer) => render({ kind: 'answer', answer: a, offset: 0, asker: '1', tag: 't' });
const paragraphs = (results: Result[]) => render({ kind: 'paragraphs', question: 'q', results });
const firstEmbed = (p: ReplyPayload) => p.embeds[0] as APIEmbed;

/** Asserts a payload is within Discord's limits and shows no control or bidirectional character. */
function checkClean(p: ReplyPayload): void {
  assertWithinLimits(p);
  for (const s of everyString(p)) {
    expect(unsafeIn(s), JSON.stringify(s)).toEqual([]);
    expect(s, JSON.stringify(s)).not.toMatch(LONE_SURROGATE);
  }
}

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'grapheme' });
const graphemes = (text: string) => Array.from(SEGMENTER.segment(text), (s) => s.segment);
/** Every offset of `text` where a grapheme starts or ends. */
function boundaries(text: string): Set<number> {
  const out = new Set([text.length]);
  for (const s of SEGMENTER.segment(text)) out.add(s.index);
  return out;
}

/** Graphemes of many kinds: flags, ZWJ sequences, tag sequences, skin tones, keycaps, marks, conjuncts. */
const GRAPHEMES = {
  flag: '🇫🇷',
  family: '👨‍👩‍👧‍👦',
  scotland: '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  skinTone: '👍🏽',
  keycap: '1️⃣',
  combining: 'e\u0301\u0323',
  devanagari: 'क्षि',
  hangul: '\u1100\u1161\u11A8',
};

// ---------------------------------------------------------------------------------------------------------
// Control and bidirectional characters
// ---------------------------------------------------------------------------------------------------------

describe('control and bidirectional characters', () => {
  it('are removed from file names and titles in an answer citation, /sources and a source', () => {
    const evil = { title: EVIL_TITLE, source: EVIL_SOURCE, section: `Intro\u202E\u0007` };
    const a = answer(
      answerOf({ answer: direct(evil), results: [result(evil), result({ ...evil, paragraph: 2 })] }),
    );
    checkClean(a);
    // The answer is result 1: the field is result 2's.
    expect(firstEmbed(a).fields?.map((f) => [f.name, f.value.split('\n').at(-1)])).toEqual([
      [`[2] ${TITLE} › Intro`, `\`${SOURCE}\` ¶2`],
    ]);
    expect(firstEmbed(a).description).toBe(
      `The **fighters** met at dawn. [1]\n— *${TITLE} › Intro*, \`${SOURCE}\` ¶1`,
    );

    const list = render({ kind: 'sources', documents: [document(evil)], page: 0, passages: 3 });
    checkClean(list);
    expect(firstEmbed(list).description).toBe(`**${TITLE}**\n${SOURCE} · 3 paragraphs · 40 words`);

    const one = render({ kind: 'source', document: document(evil), headings: [], opening: '' });
    checkClean(one);
    expect(firstEmbed(one).title).toBe(TITLE);
    expect(firstEmbed(one).fields?.[0]).toMatchObject({ name: 'File', value: `\`${SOURCE}\`` });
  });

  it('are removed from document text, headings, echoed questions and reload reports; newlines stay', () => {
    const text = 'First\u0000 line\u202E\r\nsecond\tline\u0085';
    const shown = paragraphs([result({ text })]);
    checkClean(shown);
    expect(firstEmbed(shown).description).toBe('First line\nsecond line');

    const asked = answer(answerOf({ question: 'Who\u202E are the\u0007 fighters?\u2069' }));
    checkClean(asked);
    expect(firstEmbed(asked).title).toBe('Who are the fighters?');

    const one = render({
      kind: 'source',
      document: document(),
      headings: ['Intro\u202E\u0008'],
      opening: text,
    });
    checkClean(one);
    expect(firstEmbed(one).description).toBe('First line\nsecond line\n\n**Sections**\n• Intro');

    const report = render({
      kind: 'reindex',
      report: {
        added: [EVIL_SOURCE],
        removed: [],
        changed: [],
        documents: 1,
        paragraphs: 3,
        passages: 3,
        previousParagraphs: 0,
        ms: 5,
        warnings: ['skipped\u202E bin\u0007ary.bin: not text'],
      },
    });
    checkClean(report);
    expect(firstEmbed(report).fields?.[0]?.value).toBe(`\`${SOURCE}\``);
    expect(firstEmbed(report).fields?.at(-1)?.value).toBe('skipped binary.bin: not text');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Graphemes
// ---------------------------------------------------------------------------------------------------------

describe('cutting Chinese and Japanese text', () => {
  it('cuts after a full stop (。！？), which no space follows, when one keeps half', () => {
    const text = `${'这份文档回答了关于软件包管理的常见问题。'.repeat(3)}${'以及完美的答案和示例'.repeat(5)}`;
    // Before: cut in the middle of the fourth sentence, as no space follows 。.
    expect(cutText(text, 70)).toBe(`${'这份文档回答了关于软件包管理的常见问题。'.repeat(3)}…`);
  });
});

describe('cutting never splits a grapheme', () => {
  it('cuts flags, ZWJ sequences, skin tones, keycaps, marks and conjuncts only between graphemes', () => {
    for (const [kind, g] of Object.entries(GRAPHEMES)) {
      const text = `ab${g.repeat(4)}`;
      const ends = boundaries(text);
      for (let max = 1; max <= text.length; max++) {
        for (const [how, out] of [
          ['cutText', cutText(text, max)],
          ['highlight', highlight(text, [], max)],
        ] as const) {
          expect(out.length, `${how} ${kind} at ${max}`).toBeLessThanOrEqual(max);
          const kept = out.endsWith('…') ? out.slice(0, -1) : out;
          expect(text.startsWith(kept), `${how} ${kind} at ${max}: ${JSON.stringify(out)}`).toBe(true);
          expect(ends.has(kept.length), `${how} ${kind} at ${max}: ${JSON.stringify(out)}`).toBe(true);
        }
      }
    }
  });

  it('cuts any mix of graphemes, short or long, with or without spaces, only between graphemes', () => {
    const tricky = fc.constantFrom(...Object.values(GRAPHEMES), '🇫', '\u200d', '\u0301', '日', '\u0600');
    const text = fc.oneof(
      fc.string({ unit: fc.oneof(tricky, fc.constantFrom('a', ' ', '.', '\n')), maxLength: 1500 }),
      fc.string({ unit: tricky, minLength: 200, maxLength: 1500 }),
    );
    fc.assert(
      fc.property(text, fc.nat(), (s, n) => {
        const max = n % (s.length + 2);
        const out = cutText(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        // What was kept, without the '…' (or ' …' after a sentence).
        const kept = out === s ? [out] : [out.slice(0, -1), out.slice(0, -2)];
        const ends = boundaries(s);
        expect(
          kept.some((k) => s.startsWith(k) && ends.has(k.length)),
          JSON.stringify(out.slice(-12)),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('cuts a question of 255 flag characters to a title of whole flags', () => {
    const question = Array.from('🇫🇷'.repeat(128)).slice(0, 255).join('');
    const p = answer(answerOf({ question }));
    checkClean(p);
    const title = firstEmbed(p).title ?? '';
    expect(title.endsWith('…')).toBe(true);
    const shown = graphemes(title.slice(0, -1));
    expect(shown.length).toBeGreaterThan(50);
    expect(shown.filter((g) => g !== '🇫🇷')).toEqual([]);
  });

  it('cuts a question to the core limit between flags', () => {
    const question = `Where is ${'🇫🇷'.repeat(100)}`;
    for (const max of [299, 300, 301, 302]) {
      const cut = cutQuestion(question, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(
        graphemes(cut.slice(9)).filter((g) => g !== '🇫🇷'),
        `at ${max}`,
      ).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Bold marks, links and mention-like tokens
// ---------------------------------------------------------------------------------------------------------

describe('bold marks', () => {
  const URL = 'https://example.com/fighters/report';

  it('are not put inside a link, which stays intact', () => {
    const text = `See ${URL} about the fighters.`;
    const marks: [number, number][] = [
      [24, 32],
      [text.length - 9, text.length - 1],
    ];
    expect(highlight(text, marks, 200)).toBe(`See ${URL} about the **fighters**.`);
    // The excerpt of result 2 (result 1 is the answer's own passage, shown once, as the answer).
    const p = answer(
      answerOf({
        answer: direct({ text, marks }),
        results: [result({ excerpt: text, marks }), result({ excerpt: text, marks, paragraph: 2 })],
      }),
    );
    checkClean(p);
    expect(firstEmbed(p).description).toContain(`See ${URL} about the **fighters**.`);
    expect(firstEmbed(p).fields?.[0]?.value).toBe(`See ${URL} about the **fighters**.\n\`notes.txt\` ¶2`);
  });

  it('keep the part of a mark before a link', () => {
    expect(highlight(`fighters ${URL}`, [[0, 24]], 200)).toBe(`**fighters** ${URL}`);
  });

  it('are not put inside a timestamp, a custom emoji or a broken mention', () => {
    const text = '<:fighters:123456789012345678> at <t:1700000000:R>, <@123> and the fighters';
    const at = (word: string) => text.indexOf(word);
    const marks: [number, number][] = [
      [at('fighters'), at('fighters') + 8],
      [at('1700000000'), at('1700000000') + 10],
      [at('123>'), at('123>') + 3],
      [text.length - 8, text.length],
    ];
    expect(highlight(text, marks, 200)).toBe(
      '<\u200B:fighters:123456789012345678> at <\u200Bt:1700000000:R>, <\u200B@123> and the **fighters**',
    );
  });
});

describe('bold marks around graphemes', () => {
  it('take a letter with its accents whole (text written decomposed, as macOS exports it)', () => {
    const text = 'The cafe\u0301 opens at nine.';
    // The word the index matched ends before the accent.
    expect(highlight(text, [[4, 8]], 200)).toBe('The **cafe\u0301** opens at nine.');
    // Marks ending between a letter and its accent: after `Cre`, after `brûle`.
    expect(
      highlight(
        'Cre\u0300me bru\u0302le\u0301e',
        [
          [0, 3],
          [7, 13],
        ],
        200,
      ),
    ).toBe('**Cre\u0300**me **bru\u0302le\u0301**e');
  });

  it('take a flag, a skin tone and a family whole', () => {
    const flag = '\u{1F1EB}\u{1F1F7}';
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const text = `${flag} ${family} \u{1F44D}\u{1F3FD} end`;
    // Marks that end inside each grapheme: after one regional indicator, one person, the thumb.
    const marks: [number, number][] = [
      [0, 2],
      [5, 7],
      [14, 16],
    ];
    expect(highlight(text, marks, 200)).toBe(`**${flag}** **${family}** **\u{1F44D}\u{1F3FD}** end`);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Timestamps, custom emoji and other Discord tokens
// ---------------------------------------------------------------------------------------------------------

describe('Discord tokens from documents and questions', () => {
  const TOKENS = '<t:1700000000:R> <:party:123456789012345678> <a:dance:987654321098765432> <id:customize>';
  const SHOWN =
    '<\u200Bt:1700000000:R> <\u200B:party:123456789012345678> <\u200Ba:dance:987654321098765432> <\u200Bid:customize>';
  const LIVE = /<(?:t:|a?:|id:|\/)/;

  it('show as text in a paragraph, an excerpt and a source opening', () => {
    const shown = paragraphs([result({ text: TOKENS })]);
    expect(firstEmbed(shown).description).toBe(SHOWN);

    const a = answer(answerOf({ answer: direct({ text: TOKENS, marks: [] }), results: [] }));
    expect(firstEmbed(a).description?.split('\n')[0]).toBe(SHOWN);

    const one = render({ kind: 'source', document: document(), headings: [TOKENS], opening: TOKENS });
    expect(firstEmbed(one).description).toBe(`${SHOWN}\n\n**Sections**\n• ${SHOWN}`);
    for (const p of [shown, a, one]) for (const s of everyString(p)) expect(s).not.toMatch(LIVE);
  });

  it('show as text in an echoed question and a file name', () => {
    const question = 'When is <t:1700000000:R> for </ask:42>?';
    const a = answer(answerOf({ question, answer: direct({ source: '<:party:1>.txt' }), results: [] }));
    expect(firstEmbed(a).title).toBe('When is <\u200Bt:1700000000:R> for <\u200B/ask:42>?');
    expect(firstEmbed(a).description).toContain('`<\u200B:party:1>.txt`');
    for (const s of everyString(a)) expect(s).not.toMatch(LIVE);
  });
});
