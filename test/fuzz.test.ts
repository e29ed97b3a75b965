/**
 * Fuzzing the path from a question to a Discord payload: thousands of random questions (every
 * Unicode plane, zero-width and bidi marks, markdown, mentions, prototype names, 6,000-character
 * bombs, real corpus words mixed with junk) go to the core's answer() and through /ask to the
 * renderer, over the real seeds and over a corpus whose own paragraphs are hostile, so the
 * excerpts shown carry markdown and mentions too. The answers' buttons are pressed as Discord
 * would send them: the question is read back from the rendered message and asked again.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AskAction, askIds, PAGE_SIZE, QUESTION_MAX, questionOf } from '../commands/_ask-ids.js';
import type { Context, Outcome, Request } from '../commands/_contract.js';
import { answerQuestion, pressButton } from '../commands/ask.js';
import askTheSources from '../commands/ask-the-sources.js';
import type { ReplyPayload } from '../src/bot/payload.js';
import { render } from '../src/bot/views/index.js';
import { parseFile, prepareReaders } from '../src/core/corpus.js';
import {
  type Answer,
  CoreError,
  cutText,
  Engine,
  isCoreError,
  loadCorpus,
  MAX_LIMIT,
  MAX_QUESTION_LENGTH,
} from '../src/core/index.js';
import { normalizeForMatch, questionLines } from '../src/core/normalize.js';
import { readHtml } from '../src/core/parse/html.js';
import { rstToMarkdown } from '../src/core/parse/rst.js';
import { assertWithinLimits, boldCount, embedTextLength, everyString, LONE_SURROGATE } from './e2e/limits.js';
import { strict } from './fakes.js';
import { corpusOf } from './helpers.js';

// ---------------------------------------------------------------------------------------------------------
// Engines
// ---------------------------------------------------------------------------------------------------------

const SEEDS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'seeds');

/** Paragraphs whose text is itself hostile, each with a marker word no other paragraph has. */
const HOSTILE: { marker: string; text: string }[] = [
  {
    marker: 'zanzibarite',
    text: 'Zanzibarite alert: @everyone and @here must read the **bold** zanzibarite notice from <@123456789012345678> today.',
  },
  {
    marker: 'marmoset',
    text: '# Heading marmoset paragraph that starts like a heading, with > quote and - list and 1. item about the marmoset.',
  },
  {
    marker: 'vexillon',
    text: '> Quoted vexillon line with ||spoiler vexillon|| and ~~strike~~ and __under__ and [vexillon link](http://evil.example) here.',
  },
  {
    marker: 'mirrorquill',
    text: 'Mirrorquill \u202Eevil reversed\u202C text with \u200Fright-to-left\u200E marks and \u2066isolated\u2069 mirrorquill words.',
  },
  {
    marker: 'ghostwrite',
    text: 'Ghostwr\u200Bite ghostwrite zero\u200Bwidth \uFEFFjoiners\u200D\u200C and more ghostwrite between\u2060words.',
  },
  {
    marker: 'emojiburst',
    text: 'Emojiburst 😀 👍🏽 👨‍👩‍👧‍👦 🇺🇸 1️⃣ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 emojiburst celebration 🎉 with 𠜎 ideographs.',
  },
  {
    marker: 'pingstorm',
    text: 'Pingstorm <@!42> <@&77> <#99> </ask:1> </ask-the-sources:123> @everyone ＠here ＠everyone pingstorm again.',
  },
  {
    marker: 'fencepost',
    text: 'Fencepost ```js\nconsole.log("@everyone")\n``` and `inline fencepost code` and *** and \\*escaped\\* and ** alone.',
  },
  {
    marker: 'prototypal',
    text: 'Prototypal words: constructor __proto__ toString hasOwnProperty valueOf prototype isPrototypeOf are all here.',
  },
  {
    marker: 'qalamoun',
    text: 'عربي مرحبا Arabic greeting شكرا with Hebrew שלום and the word qalamoun mixed into right-to-left text.',
  },
];

/**
 * A long paragraph of hostile sentences on one line, longer than a description. Kept out of the
 * fuzzed corpus because it is slow to render as Show paragraph (25 ms warm, up to ~200 ms seen
 * mid-run: discord.js escapeMarkdown is quadratic in line length), so it gets cases of its own.
 */
const LONGHAUL = Array.from(
  { length: 60 },
  (_, i) => `Longhaul sentence ${i} mentions @everyone and **bold ${i}** and <@${i}1> and ||s${i}||.`,
).join(' ');

/** Lines of a code block, over 4,096 characters in all: hostile line starts survive in code. */
const LONG_CODE = Array.from(
  { length: 140 },
  (_, i) =>
    [
      `> quixotry quote ${i} @everyone`,
      `# quixotry heading ${i} <@&${i}5>`,
      `- quixotry item ${i} </x:${i}>`,
      `-# quixotry subtext **${i}** ||${i}||`,
    ][i % 4],
).join('\n');

/** A Markdown file: code keeps its lines, so line starts (`>`, `#`, `-`) reach the renderer. */
const CODE_MD = [
  '# Hostile **code** <@1> @everyone',
  '',
  'Intro paragraph about the quixotry of fences.',
  '',
  '```',
  LONG_CODE,
  '```',
  '',
].join('\n');

const hostileCorpus = corpusOf(
  {
    'hostile/@everyone_**x**_<@1>_||s||.txt': [
      '@everyone **Hostile** <@1> ||headline|| `x`',
      '',
      ...HOSTILE.flatMap((p) => [p.text, '']),
    ].join('\n'),
    'hostile/code.md': CODE_MD,
  },
  'zanzibarite, @everyone\nmarmoset, <@1>\nconstructor, __proto__\n',
);

const engines = {
  seeds: Engine.create(await loadCorpus(SEEDS)),
  hostile: Engine.create(hostileCorpus),
};
/** The one-line long paragraph, with a short neighbour. */
const longEngine = Engine.create(
  corpusOf({ 'long/@here_<#1>.txt': `Long <@1> **file**\n\nA short longhaul note @here.\n\n${LONGHAUL}\n` }),
);

const WORD = /[\p{L}\p{N}]+/gu;
/** Three or more words joined by hyphens. */
const CHAIN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+){2,}/gu;
/** Words as the engine reads them (zero-width and bidi marks dropped). */
const wordsIn = (text: string) => normalizeForMatch(text).match(WORD) ?? [];
const wordsOf = (texts: readonly string[]) => [
  ...new Set(texts.flatMap(wordsIn).filter((w) => w.length >= 2)),
];
const SEED_WORDS = wordsOf(engines.seeds.paragraphs.map((p) => p.text));
const HOSTILE_WORDS = wordsOf(engines.hostile.paragraphs.map((p) => p.text));

// ---------------------------------------------------------------------------------------------------------
// Questions
// ---------------------------------------------------------------------------------------------------------

const ZW_BIDI = [
  ...Array.from({ length: 5 }, (_, i) => String.fromCharCode(0x200b + i)),
  ...Array.from({ length: 5 }, (_, i) => String.fromCharCode(0x202a + i)),
  ...Array.from({ length: 4 }, (_, i) => String.fromCharCode(0x2066 + i)),
  '\uFEFF',
  '\u2060',
];
const MARKDOWN = [
  '**',
  '__',
  '~~',
  '`',
  '```',
  '>',
  '>>>',
  '#',
  '##',
  '-',
  '-#',
  '||',
  '*',
  '_',
  '\\',
  '[x](http://y)',
];
const MENTIONS = [
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123>',
  '<#123>',
  '<@&123>',
  '</cmd:1>',
  '＠everyone',
  '@EVERYONE',
];
const PROTO = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
  'isPrototypeOf',
];
/** Characters that leave nothing once a question is normalised. */
const BLANK = [' ', '\t', '\n', '\r', '\u00A0', '\u3000', '\u200B', '\uFEFF', '\u2060', ...ZW_BIDI];
const PUNCT = ['.', ',', '?', '!', '-', '…', '¿', ':', ';', '"', "'", '(', ')', '—', '·'];

const zw = fc.constantFrom(...ZW_BIDI);
/**
 * Any code point but a surrogate, as fast-check's `unit: 'binary'` draws it (the same numbers
 * mapped the same way), with an unmapper that needs no table: fast-check's own builds a map of
 * all 1,112,064 code points (1.5-3 s) to shrink the strings it tries first.
 */
const SURROGATES = 0xe000 - 0xd800;
const binary = fc.nat({ max: 0x10ffff - SURROGATES }).map(
  (n) => String.fromCodePoint(n < 0xd800 ? n : n + SURROGATES),
  (value) => {
    const cp = typeof value === 'string' && value.length > 0 ? (value.codePointAt(0) as number) : -1;
    if (cp < 0 || String.fromCodePoint(cp) !== value || (cp >= 0xd800 && cp < 0xe000)) {
      throw new Error('not one code point');
    }
    return cp < 0xd800 ? cp : cp - SURROGATES;
  },
);
const id = fc.bigInt({ min: 0n, max: 10n ** 19n }).map(String);
const mention = fc.oneof(
  fc.constantFrom(...MENTIONS),
  id.map((n) => `<@${n}>`),
  id.map((n) => `<@!${n}>`),
  id.map((n) => `<#${n}>`),
  id.map((n) => `<@&${n}>`),
  fc.tuple(fc.stringMatching(/^[\w-]{1,12}$/), id).map(([c, n]) => `</${c}:${n}>`),
);
const separator = fc.constantFrom(' ', ' ', ' ', '', '\n', '\t', '  ');
const junk = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: binary, maxLength: 8 }),
);

/** Tokens joined by random separators. */
const joined = (token: fc.Arbitrary<string>, maxLength = 24, minLength = 0) =>
  fc
    .array(fc.tuple(token, separator), { minLength, maxLength })
    .map((parts) => parts.map(([t, s]) => t + s).join(''));

/** Drops a high surrogate left at the end (a cut must not produce a lone half). */
const whole = (s: string) => (/[\uD800-\uDBFF]$/.test(s) ? s.slice(0, -1) : s);
/** A pattern repeated to `n` characters. */
const repeatTo = (pattern: string, n: number) =>
  pattern ? whole(pattern.repeat(Math.ceil(n / pattern.length)).slice(0, n)) : pattern;

/** Every kind of question, with words of the engine's own corpus (`own`) and of the other. */
function questionsWith(own: fc.Arbitrary<string>) {
  const word = fc.oneof(
    { arbitrary: own, weight: 3 },
    { arbitrary: fc.constantFrom(...SEED_WORDS, ...HOSTILE_WORDS), weight: 1 },
  );
  const kinds: Record<string, { arbitrary: fc.Arbitrary<string>; weight: number }> = {
    grapheme: { arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }), weight: 1 },
    binary: { arbitrary: fc.string({ unit: binary, maxLength: 80 }), weight: 1 },
    zeroWidth: {
      arbitrary: joined(
        fc.oneof(
          word,
          zw,
          zw.map((z) => z.repeat(3)),
        ),
      ),
      weight: 1,
    },
    interleaved: {
      arbitrary: fc
        .tuple(fc.array(word, { minLength: 1, maxLength: 8 }), zw)
        .map(([ws, z]) => ws.map((w) => [...w].join(z)).join(z)),
      weight: 1,
    },
    markdown: {
      arbitrary: joined(
        fc.oneof(
          fc.constantFrom(...MARKDOWN),
          word,
          fc.constantFrom(...MARKDOWN).map((m) => `${m}x${m}`),
        ),
      ),
      weight: 1,
    },
    mentions: {
      arbitrary: joined(
        fc.oneof(
          mention,
          word,
          fc.constantFrom(...MENTIONS).map((m) => `**${m}**`),
        ),
      ),
      weight: 1,
    },
    proto: { arbitrary: joined(fc.oneof(fc.constantFrom(...PROTO), word), 8), weight: 1 },
    blank: {
      arbitrary: fc.array(fc.constantFrom(...BLANK, ...PUNCT), { maxLength: 40 }).map((cs) => cs.join('')),
      weight: 1,
    },
    wordsAndJunk: { arbitrary: joined(fc.oneof(word, word, junk)), weight: 2 },
    // Enough plain corpus words that many questions reach the answer view.
    words: { arbitrary: joined(own, 6, 1), weight: 4 },
    long: {
      arbitrary: fc
        .tuple(
          joined(fc.oneof(word, mention, fc.constantFrom(...MARKDOWN, ...PROTO), zw, junk), 12),
          fc.constantFrom(6000, 2001, 4097),
        )
        .map(([pattern, n]) => repeatTo(pattern || '@everyone **x** ', n)),
      weight: 1,
    },
  };
  return fc.oneof(...Object.values(kinds));
}

type EngineName = keyof typeof engines;
/** A question and the engine to ask, mostly with words of that engine's corpus. */
const asked: fc.Arbitrary<[string, EngineName]> = fc.oneof(
  questionsWith(fc.constantFrom(...SEED_WORDS)).map((q): [string, EngineName] => [q, 'seeds']),
  questionsWith(fc.constantFrom(...HOSTILE_WORDS)).map((q): [string, EngineName] => [q, 'hostile']),
);

// ---------------------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------------------

/** A live mention (the renderer inserts U+200B after `@` and `<`). */
const LIVE_MENTION = /@everyone|@here|＠everyone|＠here|<@!?\d|<@&\d|<#\d|<\/[\w-]+:\d/i;

/** The payload as sent to Discord (snake_case), for assertWithinLimits. */
function toWire(p: ReplyPayload): unknown {
  const { allowedMentions, ...rest } = p;
  return { ...rest, allowed_mentions: allowedMentions };
}

/** Everything wrong with a payload, as readable lines (empty when it is fine). */
function problems(p: ReplyPayload): string[] {
  const out: string[] = [];
  const bad = (what: string, s: string) => out.push(`${what}: ${JSON.stringify(s.slice(0, 200))}`);
  if (JSON.stringify(p.allowedMentions) !== '{"parse":[]}') out.push('allowedMentions is not { parse: [] }');
  if ((p.content ?? '').length > 2000) out.push('content over 2000');
  if (p.embeds.length > 10) out.push('more than 10 embeds');
  let total = 0;
  for (const e of p.embeds) {
    if ((e.title ?? '').length > 256) bad('title over 256', e.title ?? '');
    if ((e.description ?? '').length > 4096) bad('description over 4096', e.description ?? '');
    if ((e.footer?.text ?? '').length > 2048) bad('footer over 2048', e.footer?.text ?? '');
    if ((e.author?.name ?? '').length > 256) bad('author over 256', e.author?.name ?? '');
    if (e.description === '') out.push('empty description');
    if ((e.fields ?? []).length > 25) out.push('more than 25 fields');
    for (const f of e.fields ?? []) {
      if (f.name.length < 1 || f.name.length > 256) bad('field name not 1..256', f.name);
      if (f.value.length < 1 || f.value.length > 1024) bad('field value not 1..1024', f.value);
    }
    total += embedTextLength(e);
  }
  if (total > 6000) out.push(`embed text totals ${total} > 6000`);
  if (p.components.length > 5) out.push('more than 5 rows');
  for (const row of p.components) {
    if (row.components.length > 5) out.push('more than 5 buttons in a row');
    for (const b of row.components) {
      if ('label' in b && b.label !== undefined && (b.label.length < 1 || b.label.length > 80))
        bad('label not 1..80', b.label);
      if ('custom_id' in b && (b.custom_id.length < 1 || b.custom_id.length > 100))
        bad('custom id not 1..100', b.custom_id);
    }
  }
  // Author names and footers show no markdown (the renderer rightly leaves them unescaped, and a
  // footer may carry the question as typed): no bold check.
  const plain = new Set(p.embeds.flatMap((e) => [e.author?.name, e.footer?.text]));
  for (const s of everyString(p)) {
    // Discord renders no mention inside a code block (its lines are shown as written).
    if (LIVE_MENTION.test(s.replace(/^```(?:[a-z0-9][\w+#.-]{0,23})?\n[\s\S]*?\n```/gm, '')))
      bad('live mention', s);
    if (!plain.has(s) && boldCount(s) % 2 !== 0) bad('unbalanced **', s);
    if (LONE_SURROGATE.test(s)) bad('lone surrogate', s);
  }
  return out;
}

/** Asserts a payload is fine: within every limit, no live mention, bold in pairs, no lone surrogate. */
function expectFine(p: ReplyPayload, _question?: string): void {
  expect(problems(p)).toEqual([]);
  assertWithinLimits(toWire(p));
}

/** A context over one engine. */
const contextOf = (engine: Engine): Context => ({ engine: () => engine });

/** The user who asks (a Discord id: the custom ids of /ask's buttons carry it). */
const USER = '123456789012345678';

/** What /ask shows for a question, a CoreError rendered the way the router does. */
function ask(ctx: Context, q: string): { outcome: Outcome; payload: ReplyPayload } {
  let outcome: Outcome;
  try {
    outcome = answerQuestion(ctx, USER, q);
  } catch (error) {
    if (!isCoreError(error)) throw error;
    outcome = { view: { kind: 'problem', message: error.reason }, private: true };
  }
  return { outcome, payload: render(outcome.view) };
}

/** Presses a button of a rendered answer, as Discord sends it: its custom id and the message it is on. */
function press(ctx: Context, payload: ReplyPayload, action: AskAction): Outcome {
  const customId = payload.components
    .flatMap((r) => r.components)
    .map((b) => ('custom_id' in b ? b.custom_id : ''))
    .find((id) => askIds.parse(id)?.action === action);
  expect(customId, `no ${action} button`).toBeDefined();
  const message = { id: 'm1', content: '', embeds: payload.embeds };
  return pressButton(ctx, strict<Request>({ userId: USER, customId, message }, 'request'));
}

/** The question an answer message gives back to its buttons. */
const readBack = (p: ReplyPayload) => questionOf({ id: '1', content: '', embeds: p.embeds }) ?? '';

/**
 * A question as the renderer shows it on one line: control characters separate words (as they do
 * for the search), bidirectional controls and zero-width characters go, whitespace folds.
 */
const oneLine = (s: string) =>
  s
    .replace(/\p{Cc}/gu, ' ')
    .replace(/[\p{Bidi_Control}\u200B-\u200D\u2060\uFEFF]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Where a page's results are from. */
const places = (o: Outcome) =>
  o.view.kind === 'answer' ? o.view.answer.results.map((r) => `${r.source} ¶${r.paragraph}`) : [];

/** Empty as the engine reads it: nothing but whitespace, control and invisible characters. */
const isEmpty = (q: string) => questionLines(cutText(q, MAX_QUESTION_LENGTH)) === '';

function checkAnswer(a: Answer, q: string, limit: number): void {
  expect(a.question).toBe(cutText(q, MAX_QUESTION_LENGTH).trim());
  expect(a.results.length).toBeLessThanOrEqual(limit);
  expect(a.empty === null).toBe(a.results.length > 0);
  // No direct answer: no results, or results that are only related (and say why).
  expect(a.answer === null).toBe(a.results.length === 0 || a.related !== null);
  expect(a.related === null || a.results.length > 0).toBe(true);
  const texts = new Set<string>();
  let previous = Number.POSITIVE_INFINITY;
  for (const r of a.results) {
    expect(typeof r.source).toBe('string');
    expect(r.source.length).toBeGreaterThan(0);
    expect(Number.isInteger(r.paragraph) && r.paragraph >= 1).toBe(true);
    expect(typeof r.text).toBe('string');
    expect(r.text.length).toBeGreaterThan(0);
    expect(typeof r.excerpt).toBe('string');
    for (const [s, e] of r.marks) {
      expect(Number.isInteger(s) && Number.isInteger(e)).toBe(true);
      expect(0 <= s && s < e && e <= r.excerpt.length, `mark [${s}, ${e}) in ${r.excerpt.length}`).toBe(true);
    }
    expect(Number.isFinite(r.score)).toBe(true);
    expect(r.score).toBeLessThanOrEqual(previous);
    previous = r.score;
    expect(texts.has(r.text), `duplicate result text ${r.text.slice(0, 80)}`).toBe(false);
    texts.add(r.text);
  }
  if (a.answer) {
    const top = a.results[0];
    expect([a.answer.source, a.answer.paragraph]).toEqual([top?.source, top?.paragraph]);
    for (const [s, e] of a.answer.marks) expect(0 <= s && s < e && e <= a.answer.text.length).toBe(true);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------

/**
 * Runs per property: 1,150 generated cases in all, ~4 s of CPU, with a new seed every run (fast-check
 * prints the seed of a failure to replay it). `FUZZ_RUNS=10 npx vitest run test/fuzz.test.ts`
 * multiplies them for a deeper search (`npm run fuzz`); `npm test` keeps the suite quick.
 */
const SCALE = Math.max(1, Number(process.env.FUZZ_RUNS) || 1);
const RUNS = Object.fromEntries(
  Object.entries({ answer: 400, render: 250, paragraphs: 150, match: 100, readBack: 250, readers: 150 }).map(
    ([k, n]) => [k, Math.round(n * SCALE)],
  ),
) as Record<'answer' | 'render' | 'paragraphs' | 'match' | 'readBack' | 'readers', number>;

describe('fuzzing answer()', () => {
  it('throws only CoreError EMPTY_QUESTION, for empty questions; results are well formed', () => {
    fc.assert(
      fc.property(asked, fc.integer({ min: 1, max: MAX_LIMIT }), ([q, name], limit) => {
        let a: Answer;
        try {
          a = engines[name].answer(q, { limit });
        } catch (error) {
          expect(error).toBeInstanceOf(CoreError);
          expect((error as CoreError).code).toBe('EMPTY_QUESTION');
          expect(isEmpty(q)).toBe(true);
          return;
        }
        expect(isEmpty(q)).toBe(false);
        checkAnswer(a, q, limit);
      }),
      { numRuns: RUNS.answer },
    );
  });

  it('reads chat phrasing of any length without stalling (greetings, closings, examples, paths)', () => {
    // Runs of the pieces the question's chat rules look for, up to the 500 characters a question
    // is cut to: a rule that could cut a run two ways would take exponential time on them.
    const piece = fc.constantFrom(
      'pls',
      'thanks',
      'thank you',
      'hey',
      'ok so',
      'quick question:',
      'like',
      'e.g.',
      'or',
      '/a',
      'a@b.',
      'http://x',
      '<@1>',
      '```',
      'at x (a:1:1)',
      ':1',
      '?',
      '!',
      ',',
      '"',
      ' ',
      '  ',
      'x',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 250 }), (pieces) => {
        const q = pieces.join(' ');
        if (isEmpty(q)) return;
        checkAnswer(engines.seeds.answer(q, { limit: 3 }), q, 3);
      }),
      { numRuns: RUNS.answer },
    );
  });

  it('finds a hostile paragraph from its own words, junk around them', () => {
    // Noise without letters or digits: words not in the corpus would make the question weak.
    const SYMBOLS = [...MARKDOWN, '<@', '</', '@', '<#'].filter((m) => !/[\p{L}\p{N}]/u.test(m));
    // Parts of hyphen chains (`right-to-left`) are left out: see the known bugs below.
    const chained = (text: string) =>
      new Set((normalizeForMatch(text).match(CHAIN) ?? []).flatMap((c) => c.split('-')));
    const markers = HOSTILE.map((p) => ({
      ...p,
      words: wordsIn(p.text).filter((w) => !chained(p.text).has(w)),
    }));
    for (const m of markers)
      expect(HOSTILE.filter((o) => o.text.toLowerCase().includes(m.marker))).toHaveLength(1);
    fc.assert(
      fc.property(
        fc
          .constantFrom(...markers)
          .chain((m) =>
            fc.tuple(
              fc.constant(m),
              fc.subarray(m.words, { maxLength: 4 }),
              fc.array(fc.oneof(zw, fc.constantFrom(...SYMBOLS)), { maxLength: 4 }),
            ),
          ),
        ([m, words, noise]) => {
          const q = [m.marker, ...words, ...noise].join(' ');
          const a = engines.hostile.answer(q, { limit: MAX_LIMIT });
          // Lines of a paragraph are joined with a space.
          expect(
            a.results.map((r) => r.text),
            q,
          ).toContain(m.text.replace(/\n/g, ' '));
        },
      ),
      { numRuns: RUNS.match },
    );
  });
});

/** Pieces of reStructuredText, HTML and Markdown syntax, put together at random with junk. */
const syntax = fc.constantFrom(
  '\n',
  '\n\n',
  '  ',
  '    ',
  '::',
  '.. ',
  '.. note::',
  '.. code-block:: py',
  '.. py:class:: C',
  '.. |s| replace:: x',
  '``',
  '`',
  ':ref:`a <b>`',
  '`t <http://x.org>`_',
  '_',
  '|',
  '+---+---+',
  '| a | b |',
  '===',
  '---',
  '~~~',
  '* ',
  '1. ',
  '#. ',
  '>>> ',
  ':param x:',
  '[#]_',
  '\\ ',
  '<',
  '>',
  '<p>',
  '</p>',
  '<main>',
  '</main>',
  '<article>',
  '<table>',
  '<tr>',
  '<td>',
  '<th>',
  '</td>',
  '<pre>',
  '</pre>',
  '<code>',
  '</code>',
  '<a href="#x">',
  '<a href="http://x.org">',
  '</a>',
  '<h2 id="a">',
  '</h2>',
  '<ul>',
  '<li>',
  '</ul>',
  '<dl>',
  '<dt>',
  '<dd>',
  '</dl>',
  '<details>',
  '<summary>',
  '<blockquote>',
  '</blockquote>',
  '&amp;',
  '&#x1F600;',
  '&lt;b&gt;',
  '<script>',
  '</script>',
  '<!--',
  '-->',
  '<b>',
  '</b>',
  '<br>',
  '<meta charset="shift_jis">',
  '# ',
  '**',
  '[x](y)',
  '<details>',
  'word',
  'Title',
  // Names of Object.prototype's properties where the readers look names up.
  '.. constructor::',
  '.. __proto__:: x',
  '<constructor>',
  '&constructor;',
  '&__proto__;',
  // Later additions: spans, shortcuts, line blocks, CSV headers, exponents.
  '<td colspan="99999">',
  '<th colspan="3">',
  'Ctrl+',
  'Control-',
  '.. csv-table::\n   :header: a, b\n\n   ',
  '<sup>',
);
const document = fc
  .array(fc.oneof({ weight: 4, arbitrary: syntax }, { weight: 1, arbitrary: junk }), { maxLength: 120 })
  .map((parts) => parts.join(''));

describe('fuzzing the document readers', () => {
  beforeAll(() => prepareReaders(['x.html']));

  it('reads any .rst, .html or .md file without throwing: a document of non-empty paragraphs, or skipped with a reason', () => {
    fc.assert(
      fc.property(document, fc.constantFrom('x.rst', 'x.html', 'x.md'), (text, name) => {
        // The converters themselves never throw (the corpus would read the file as plain text).
        if (name === 'x.rst') rstToMarkdown(text);
        if (name === 'x.html') readHtml(text);
        const read = parseFile(name, Buffer.from(text));
        if (read.kind === 'skipped') expect(read.warning).toMatch(/^skipped x\./);
        else if (read.kind === 'document')
          for (const p of read.file.paragraphs) expect(p.text.trim().length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS.readers },
    );
  });
});

describe('the question of an answer', () => {
  const base = engines.hostile.answer('zanzibarite pingstorm marmoset', { limit: MAX_LIMIT });

  it('reads back from the rendered message as asked, whatever the question', () => {
    expect(base.results.length).toBeGreaterThan(PAGE_SIZE);
    fc.assert(
      fc.property(asked, fc.boolean(), ([q], changed) => {
        // What the engine keeps of a question.
        const question = cutText(q, MAX_QUESTION_LENGTH).trim();
        fc.pre(oneLine(question) !== '');
        const payload = render({
          kind: 'answer',
          answer: { ...base, question },
          offset: 0,
          asker: USER,
          tag: 't',
          changed,
        });
        expectFine(payload, q);
        expect(oneLine(readBack(payload))).toBe(oneLine(question));
      }),
      { numRuns: RUNS.readBack },
    );
  });
});

describe('fuzzing /ask through the renderer', () => {
  it('every answer stays within the limits, with no live mention and bold marks in pairs', () => {
    const contexts = { seeds: contextOf(engines.seeds), hostile: contextOf(engines.hostile) };
    fc.assert(
      fc.property(asked, ([q, name]) => {
        const ctx = contexts[name];
        const { outcome, payload } = ask(ctx, q);
        expect(['answer', 'nothing', 'problem']).toContain(outcome.view.kind);
        expect(outcome.view.kind === 'problem').toBe(isEmpty(q));
        expectFine(payload, q);
        if (outcome.view.kind === 'answer') {
          // The message gives the question back, and every page, asked again from it, is the same.
          expect(oneLine(readBack(payload))).toBe(oneLine(outcome.view.answer.question));
          const total = outcome.view.answer.results.length;
          let page = payload;
          for (let offset = PAGE_SIZE; offset < total; offset += PAGE_SIZE) {
            const next = press(ctx, page, 'more');
            expect(next.update).toBe(true);
            expect(places(next)).toEqual(places(outcome));
            page = render(next.view);
            expectFine(page, q);
          }
        }
      }),
      { numRuns: RUNS.render },
    );
  });

  it('Show paragraph of every page stays within the limits, with no live mention', () => {
    const contexts = { seeds: contextOf(engines.seeds), hostile: contextOf(engines.hostile) };
    fc.assert(
      fc.property(asked, ([q, name]) => {
        const ctx = contexts[name];
        const { outcome, payload } = ask(ctx, q);
        if (outcome.view.kind !== 'answer') return;
        let page = payload;
        for (let offset = 0; offset < outcome.view.answer.results.length; offset += PAGE_SIZE) {
          const para = press(ctx, page, 'para');
          expect(para.view.kind).toBe('paragraphs');
          expect(para.private).toBe(true);
          expectFine(render(para.view), q);
          page = render(press(ctx, page, 'more').view);
        }
      }),
      { numRuns: RUNS.paragraphs },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Targeted examples
// ---------------------------------------------------------------------------------------------------------

describe('hostile questions, by hand', () => {
  const MARKDOWN_BOMB = repeatTo('**__~~`||> # - [x](http://y) ```<@1> @here \\* ', 6000);
  const cases: [string, string][] = [
    ['6,000 × @everyone', '@everyone '.repeat(600)],
    ['only zero-width characters', ZW_BIDI.join('').repeat(20)],
    ['<@&1> constructor', '<@&1> constructor'],
    ['a 6,000-character markdown bomb', MARKDOWN_BOMB],
    ['hostile corpus words in hostile markup', `**zanzibarite** <@1> pingstorm __proto__ ${'~~'.repeat(50)}`],
  ];

  for (const [name, q] of cases) {
    it(name, () => {
      for (const engine of Object.values(engines)) {
        const ctx = contextOf(engine);
        const { outcome, payload } = ask(ctx, q);
        expectFine(payload);
        if (outcome.view.kind === 'answer') expectFine(render(press(ctx, payload, 'para').view));
      }
    });
  }

  it('only zero-width characters is a question with no words, not an error', () => {
    const { outcome } = ask(contextOf(engines.seeds), ZW_BIDI.join(''));
    expect(outcome.view.kind).toBe('nothing');
  });

  it('a one-line paragraph over 4,096 characters renders within the limits, on every view', () => {
    const ctx = contextOf(longEngine);
    for (const q of ['longhaul', 'everyone bold sentence 42', '@everyone **s7** <@71> mentions']) {
      const { outcome, payload } = ask(ctx, q);
      expect(outcome.view.kind).toBe('answer');
      expectFine(payload);
      if (outcome.view.kind !== 'answer') continue;
      // The paragraph is read in windows: each result is a part of it, short enough to show.
      const parts = outcome.view.answer.results.filter((r) => LONGHAUL.includes(r.text));
      expect(parts.length).toBeGreaterThan(0);
      for (const r of parts) expect(r.text.length).toBeLessThan(LONGHAUL.length);
      const para = render(press(ctx, payload, 'para').view);
      expectFine(para);
    }
  });

  it('the hostile corpus answers with hostile excerpts, rendered harmless', () => {
    const ctx = contextOf(engines.hostile);
    const { outcome, payload } = ask(ctx, 'zanzibarite pingstorm quixotry');
    expect(outcome.view.kind).toBe('answer');
    const text = everyString(payload).join('\n');
    expect(text).toContain('@\u200Beveryone');
    expect(text).toContain('<\u200B@');
    expectFine(payload);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Bugs this fuzzing found, fixed, and kept as regression tests.
// ---------------------------------------------------------------------------------------------------------

describe('found by fuzzing', () => {
  // A chain of three or more hyphenated words used to index only its last part.
  it('every part of a hyphen chain finds its paragraph', () => {
    const engine = Engine.create(
      corpusOf({ 'a.txt': 'Head line\n\nThe Russia-Iran-Iraq-Syria alliance met.\n' }),
    );
    for (const word of ['Russia', 'Iran', 'Iraq', 'Syria'])
      expect(engine.answer(word).results, word).toHaveLength(1);
  });

  // Cutting a question at MAX_QUESTION_LENGTH (engine) or QUESTION_MAX (Ask the sources) used to
  // split a surrogate pair, and the lone half reached the payload.
  it('a question cut by the engine keeps no half of an emoji', () => {
    const a = engines.seeds.answer(`Iraq${' '.repeat(MAX_QUESTION_LENGTH - 5)}😀`);
    expect(a.question).not.toMatch(LONE_SURROGATE);
  });

  it('Ask the sources on a long message with an emoji at the cut renders no half of it', () => {
    const content = `${'x'.repeat(QUESTION_MAX - 1)}😀`;
    const request = strict<Request>(
      { userId: USER, guildId: null, message: { id: 'm1', content, embeds: [] } },
      'request',
    );
    const outcome = askTheSources.execute(request, contextOf(engines.seeds)) as Outcome;
    expect(problems(render(outcome.view))).toEqual([]);
  });
});
