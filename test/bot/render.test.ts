import { type APIEmbed, ButtonStyle, ComponentType } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { askIds, PAGE_SIZE, QUESTION_LINE, questionOf, sourceKey } from '../../commands/_ask-ids.js';
import type { Choice, View } from '../../commands/_contract.js';
import { sourcesIds } from '../../commands/sources.js';
import { fitPayload, LIMITS, type ReplyPayload } from '../../src/bot/payload.js';
import { cutText } from '../../src/bot/text/cut.js';
import { escapeName, escapeText } from '../../src/bot/text/escape.js';
import { highlight } from '../../src/bot/text/highlight.js';
import { render, renderChoices, renderOops, toText } from '../../src/bot/views/index.js';
import { fitPlace } from '../../src/bot/views/parts.js';
import type { Answer, DirectAnswer, DocumentInfo, Result } from '../../src/core/index.js';
import { boldCount, LONE_SURROGATE } from '../e2e/limits.js';

// ---------------------------------------------------------------------------------------------------------
// Hostile inputs
// ---------------------------------------------------------------------------------------------------------

const HOSTILE =
  '@everyone <@123> <@!321> <@&456> <#789> </ask:42> @here **bold** __u__ ~~s~~ `code` ```block``` ||spoiler|| ' +
  '> quote # heading - list 1. item [link](http://x) \\ *** _i_ <https://a.b/*c*> ＠everyone';
const HOSTILE_LINES = [
  '# heading',
  '## sub',
  '- list',
  '* star',
  '1. one',
  '> quote',
  '>>> more',
  '-# subtext',
  '```js',
  'code',
  '```',
  HOSTILE,
].join('\n');
const QUESTION_300 = `${HOSTILE} `.repeat(3).slice(0, 300);
const SENTENCE = 'The council met on Tuesday to discuss the budget and agreed to publish the minutes. ';
const LONG_SENTENCES = SENTENCE.repeat(80).slice(0, 6000);
const LONG_WORDS = 'lorem ipsum dolor sit amet consectetur '.repeat(160).slice(0, 6000);
const LONG_TOKEN = 'x'.repeat(6000);
const EMOJI = '😀'.repeat(3000);

const result = (i: number, over: Partial<Result> = {}): Result => ({
  source: `folder/doc_${i}_name.txt`,
  title: `Document ${i}`,
  paragraph: i + 1,
  text: `Paragraph ${i} full text with alpha and beta.`,
  excerpt: `Paragraph ${i} excerpt with alpha and beta.`,
  marks: [[25, 30]],
  score: 10 - i / 10,
  ...over,
});

const direct = (over: Partial<DirectAnswer> = {}): DirectAnswer => ({
  source: 'folder/doc_0_name.txt',
  title: 'Document 0',
  paragraph: 1,
  text: 'Alpha is the answer to this.',
  marks: [[0, 5]],
  ...over,
});

const answerOf = (over: Partial<Answer> = {}): Answer => ({
  question: 'What is alpha?',
  answer: direct(),
  results: [result(0), result(1), result(2)],
  notFound: [],
  need: [],
  corrections: [],
  empty: null,
  related: null,
  coverage: 1,
  searched: 1234,
  tookMs: 3.4,
  ...over,
});

const ASKER = '123456789012345678';
const TAG = 'tag12345';

/** A page of an answer, as /ask gives it. */
const answerView = (
  answer: Answer,
  offset = 0,
  over: Partial<Extract<View, { kind: 'answer' }>> = {},
): View => ({
  kind: 'answer',
  answer,
  offset,
  asker: ASKER,
  tag: TAG,
  ...over,
});

/** The custom id of a button of that answer. */
const askId = (action: 'more' | 'para', offset: number, source: string | null = null) =>
  askIds.encode({ action, asker: ASKER, offset, source, tag: TAG });

// ---------------------------------------------------------------------------------------------------------
// Invariants every payload must hold
// ---------------------------------------------------------------------------------------------------------

const MENTION = /@everyone|@here|＠everyone|<@|<#|<\//i;
/** A text without its code blocks (a line opening with ` ``` ` and a language, to the next such line). */
const outsideCode = (s: string) => s.replace(/^```(?:[a-z0-9][\w+#.-]{0,23})?\n[\s\S]*?\n```/gm, '');

/** Text Discord renders as markdown: content, titles, descriptions, fields. */
function markdownStrings(p: ReplyPayload): string[] {
  const out: string[] = [];
  if (p.content !== undefined) out.push(p.content);
  for (const e of p.embeds) {
    for (const s of [e.title, e.description]) if (s !== undefined) out.push(s);
    for (const f of e.fields ?? []) out.push(f.name, f.value);
  }
  return out;
}

/** Text Discord shows as it is: footers and author names (a question may carry `**` there). */
const plainStrings = (p: ReplyPayload): string[] =>
  p.embeds.flatMap((e) => [e.footer?.text, e.author?.name]).filter((s): s is string => s !== undefined);

function embedTotal(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function check(p: ReplyPayload): ReplyPayload {
  expect(p.allowedMentions).toEqual({ parse: [] });
  // Privacy is the router's: a payload carries no flags.
  expect(Object.keys(p).sort()).toEqual(
    ['allowedMentions', 'components', 'embeds', ...(p.content === undefined ? [] : ['content'])].sort(),
  );
  expect((p.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
  expect(p.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  let total = 0;
  for (const e of p.embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(LIMITS.footer);
    expect((e.author?.name ?? '').length).toBeLessThanOrEqual(LIMITS.authorName);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    if (e.url !== undefined) expect(e.url).toMatch(/^https?:\/\//);
    total += embedTotal(e);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
  expect(p.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
  const ids = new Set<string>();
  for (const r of p.components) {
    expect(r.type).toBe(ComponentType.ActionRow);
    expect(r.components.length).toBeLessThanOrEqual(5);
    for (const b of r.components) {
      if ('label' in b && b.label !== undefined)
        expect(b.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
      if ('custom_id' in b) {
        expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
        expect(ids.has(b.custom_id)).toBe(false);
        ids.add(b.custom_id);
      }
    }
  }
  // Discord renders no mention inside a code block (its lines are shown as written).
  for (const s of [...markdownStrings(p), ...plainStrings(p)]) expect(outsideCode(s)).not.toMatch(MENTION);
  expect(JSON.stringify(p.components)).not.toMatch(MENTION);
  for (const s of markdownStrings(p)) expect(boldCount(s) % 2, s).toBe(0);
  for (const s of [...markdownStrings(p), ...plainStrings(p)]) {
    expect(s, 'lone surrogate').not.toMatch(LONE_SURROGATE);
  }
  return p;
}

const buttons = (p: ReplyPayload) => p.components.flatMap((r) => r.components);
const ids = (p: ReplyPayload) => buttons(p).map((b) => ('custom_id' in b ? b.custom_id : ''));
const labels = (p: ReplyPayload) => buttons(p).map((b) => ('label' in b ? b.label : ''));
const firstEmbed = (p: ReplyPayload) => p.embeds[0] as APIEmbed;
const names = (p: ReplyPayload) => firstEmbed(p).fields?.map((f) => f.name) ?? [];
/** The question an answer message gives back to its buttons. */
const readBack = (p: ReplyPayload) => questionOf({ id: '1', content: '', embeds: p.embeds });

// ---------------------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------------------

describe('cutText', () => {
  it('leaves short text alone', () => {
    expect(cutText('short.', 10)).toBe('short.');
    expect(cutText('', 10)).toBe('');
  });

  it('prefers a sentence boundary, then a word boundary, ending with …', () => {
    const s = cutText('One sentence here. Another one that goes on and on.', 30);
    expect(s).toBe('One sentence here. …');
    const w = cutText('lorem ipsum dolor sit amet consectetur adipiscing', 20);
    expect(w.length).toBeLessThanOrEqual(20);
    expect(w).toBe('lorem ipsum dolor…');
    expect(cutText(LONG_TOKEN, 100)).toBe(`${'x'.repeat(99)}…`);
  });

  it('respects tiny and zero budgets', () => {
    expect(cutText('abcdef', 1)).toBe('…');
    expect(cutText('abcdef', 0)).toBe('');
  });

  it('never splits a surrogate pair (or an emoji from its modifiers)', () => {
    for (let max = 1; max < 40; max++) {
      const out = cutText(EMOJI, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(LONE_SURROGATE);
      expect(out.endsWith('…')).toBe(true);
    }
    const thumbs = '👍🏽'.repeat(20);
    for (let max = 2; max < 30; max++) {
      const out = cutText(thumbs, max).slice(0, -1);
      expect(out.length % 4).toBe(0);
    }
  });

  it('fits every string into every budget', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: 0, max: 300 }),
        (s, max) => {
          const out = cutText(s, max);
          expect(out.length).toBeLessThanOrEqual(Math.max(max, 0));
          if (s.length <= max) expect(out).toBe(s);
          expect(out).not.toMatch(LONE_SURROGATE);
        },
      ),
    );
  });
});

describe('escapeText', () => {
  it('escapes markdown and neutralises every mention', () => {
    const out = escapeText(HOSTILE_LINES);
    expect(out).not.toMatch(MENTION);
    expect(out).toContain('@\u200Beveryone');
    expect(out).toContain('@\u200Bhere');
    expect(out).toContain('<\u200B@123>');
    expect(out).toContain('<\u200B@&456>');
    expect(out).toContain('<\u200B#789>');
    expect(out).toContain('<\u200B/ask:42>');
    expect(out).toContain('\\*\\*bold\\*\\*');
    expect(out).toContain('\\_\\_u\\_\\_');
    expect(out).toContain('\\~\\~s\\~\\~');
    expect(out).toContain('\\`code\\`');
    expect(out).toContain('\\|\\|spoiler\\|\\|');
    expect(out).toMatch(/^\\# heading$/m);
    expect(out).toMatch(/^\\- list$/m);
    expect(out).toMatch(/^1\\\. one$/m);
    expect(out).toMatch(/^\\> quote$/m);
    expect(out).toMatch(/^\\-# subtext$/m);
    expect(out).toContain('\\[link](http://x)');
    expect(boldCount(out)).toBe(0);
  });

  it('escapes long runs without spaces (escaped in pieces) as thoroughly', () => {
    /** Unescaped characters, escaped ones blanked. */
    const bare = (s: string) => s.replace(/\\./g, ' ');
    expect(bare(escapeText('~'.repeat(601)))).not.toContain('~~');
    expect(bare(escapeText(`a${'|'.repeat(600)}`))).not.toContain('||');
    const link = escapeText(`[click](https://evil.example/${'a'.repeat(400)})`);
    expect(link.startsWith('\\[click]')).toBe(true);
    const mixed = escapeText(`${'a*b_c`d<@1>'.repeat(60)}`);
    expect(mixed).not.toMatch(MENTION);
    for (let i = 0; i < mixed.length; i++) {
      if (mixed[i] === '\\') i++;
      else expect(mixed[i]).not.toMatch(/[*`]/);
    }
  });

  it('lets no masked link form, however many a line holds, and leaves web addresses whole', () => {
    /** Unescaped characters, escaped ones blanked. */
    const bare = (s: string) => s.replace(/\\./g, '  ');
    const line =
      'Read [the museum](https://museum.example) and [Click here to claim free Nitro](https://phish.example/nitro) now.';
    expect(bare(escapeText(line))).not.toContain('[');
    expect(bare(escapeText(`${'word '.repeat(120)}${line}`))).not.toContain('[');
    // A long text is escaped in pieces: its addresses keep their underscores (no `\_` in a path).
    const url = 'https://github.com/psf/requests/blob/main/docs/user_guide.md#session_objects';
    for (const text of [`See ${url} for more.`, `${'word '.repeat(120)}See ${url} for more.`])
      expect(escapeText(text)).toContain(url);
    // An address with parentheses (Wikipedia's), and one a long text's pieces would cut through.
    const wiki = 'https://en.wikipedia.org/wiki/C_(programming_language)#Data_types';
    expect(escapeText(`see ${wiki} ok`)).toContain(wiki);
    for (let at = 100; at < 140; at += 7) {
      const long = `https://github.com/psf/requests/blob/main/docs/user_guide/advanced_usage_of_sessions_and_adapters/connection_pool_host_and_timeouts#default_values`;
      const text = `${'w'.repeat(at)} ${long} ${'word '.repeat(100)}`;
      expect(escapeText(text)).toContain(long);
    }
    // No backslash inside an address, short text or long: its asterisks and backticks are
    // percent-encoded, its tildes and bars kept (a browser reads `\*` in a path as `/*`).
    for (const pad of ['', 'word '.repeat(120)]) {
      const escaped = escapeText(`${pad}Search with https://example.com/search?q=*&x=\`y\`&t=a~~b||c today`);
      expect(escaped).toContain('https://example.com/search?q=%2A&x=%60y%60&t=a~~b||c today');
    }
    // After `<:` on a line (a Scala type bound), underscores still make no italics.
    expect(bare(escapeText('T <: Upper. Import _root_.scala and call the __tapir__ helpers.'))).not.toContain(
      '_',
    );
  });

  it('drops half an emoji (a lone surrogate, which Discord refuses) and keeps whole ones', () => {
    expect(escapeText(`a\uD83D b \uDE00c \u{1F600}`)).toBe('a b c \u{1F600}');
  });

  it('leaves no unescaped asterisk or backtick, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('*', '`', '\\', '_', '~', '|', 'a', ' ', '\n', 'h', ':', '/') }),
        (s) => {
          const out = escapeText(s);
          for (let i = 0; i < out.length; i++) {
            if (out[i] === '\\') i++;
            else expect(out[i]).not.toMatch(/[*`]/);
          }
        },
      ),
    );
  });
});

describe('escapeName', () => {
  it('keeps an underscore bare only between ASCII letters or digits, where Discord forms no italics', () => {
    expect(escapeName('max_retries.md')).toBe('max_retries.md');
    // Discord's italic rule reads a word boundary as JavaScript does: é is no word character.
    expect(escapeName('Fiche_élève_été')).toBe('Fiche\\_élève\\_été');
    expect(escapeName('данные_пользователя')).toBe('данные\\_пользователя');
    expect(escapeName('_init_')).toBe('\\_init\\_');
  });
});

describe('highlight', () => {
  it('bolds marks at the very start and the very end', () => {
    expect(
      highlight(
        'alpha beta gamma',
        [
          [0, 5],
          [11, 16],
        ],
        100,
      ),
    ).toBe('**alpha** beta **gamma**');
  });

  it('merges overlapping, touching and unsorted marks, and ignores bad ones', () => {
    const out = highlight(
      'alpha beta gamma',
      [
        [6, 10],
        [0, 3],
        [2, 5],
        [5, 6],
        [40, 50],
        [9, 2],
      ],
      100,
    );
    expect(out).toBe('**alpha beta** gamma');
    expect(
      highlight(
        'alpha beta gamma',
        [
          [0, 5],
          [6, 10],
        ],
        100,
      ),
    ).toBe('**alpha** **beta** gamma');
    expect(
      highlight(
        'alphabeta',
        [
          [5, 9],
          [0, 5],
        ],
        100,
      ),
    ).toBe('**alphabeta**');
    expect(
      highlight(
        'alpha beta',
        [
          [0, 6],
          [5, 10],
        ],
        100,
      ),
    ).toBe('**alpha beta**');
  });

  it('escapes markdown around and inside marks', () => {
    const text = 'say **alpha** and @everyone <@1>';
    const out = highlight(
      text,
      [
        [6, 11],
        [19, 27],
      ],
      200,
    );
    expect(out).toBe('say \\*\\***alpha**\\*\\* and @\u200B**everyone** <\u200B@1>');
    expect(boldCount(out) % 2).toBe(0);
  });

  it('cuts the raw text first and drops marks past the cut', () => {
    const text = `${SENTENCE.repeat(20)}alpha`;
    const out = highlight(
      text,
      [
        [4, 11],
        [text.length - 5, text.length],
      ],
      200,
    );
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out.startsWith('The **council**')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(boldCount(out)).toBe(2);
  });

  it('fits text that grows when escaped', () => {
    const stars = '*'.repeat(3000);
    const out = highlight(stars, [], 1024);
    expect(out.length).toBeLessThanOrEqual(1024);
    expect(boldCount(out)).toBe(0);
  });

  it('keeps marks on emoji whole at the cut point', () => {
    const out = highlight(
      EMOJI,
      [
        [0, 2],
        [10, 30],
        [5999, 6000],
      ],
      51,
    );
    expect(out.length).toBeLessThanOrEqual(51);
    expect(out).not.toMatch(LONE_SURROGATE);
    expect(boldCount(out) % 2).toBe(0);
  });

  it('holds its guarantees for any text, marks and budget', () => {
    const unit = fc.constantFrom(
      '*',
      '`',
      '\\',
      '_',
      '@',
      '<',
      '#',
      '>',
      '-',
      ' ',
      '\n',
      'a',
      'everyone',
      '😀',
      '.',
      '/',
    );
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 200 }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 400 }), fc.integer({ min: -5, max: 400 })), {
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 300 }),
        (text, marks, max) => {
          const out = highlight(text, marks, max);
          expect(out.length).toBeLessThanOrEqual(max);
          expect(boldCount(out) % 2).toBe(0);
          expect(out).not.toMatch(MENTION);
          expect(out).not.toMatch(LONE_SURROGATE);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------------------

describe('render answer', () => {
  it('renders the question, the direct answer with its citation, the other results and two buttons', () => {
    const p = check(render(answerView(answerOf())));
    const e = firstEmbed(p);
    expect(p.embeds).toHaveLength(1);
    expect(e.title).toBe('What is alpha?');
    expect(e.description).toBe(
      '**Alpha** is the answer to this. [1]\n— *Document 0*, `folder/doc_0_name.txt` ¶1',
    );
    expect(names(p)).toEqual(['[2] Document 1', '[3] Document 2']);
    expect(e.fields?.[0]?.value).toBe(
      'Paragraph 1 excerpt with **alpha** and beta.\n`folder/doc_1_name.txt` ¶2',
    );
    expect(e.footer?.text).toBe('Searched 1,234 passages in 3 ms');
    expect(e.color).toEqual(expect.any(Number));
    expect(labels(p)).toEqual(['More results', 'Show paragraph']);
    expect(ids(p)).toEqual([askId('more', PAGE_SIZE), askId('para', 0)]);
    expect(buttons(p).map((b) => b.disabled)).toEqual([true, false]);
  });

  it('shows the direct answer once: result 1, whose passage it comes from, gets no field', () => {
    const text = 'Alpha is the answer to this.';
    const answer = answerOf({ results: [result(0, { excerpt: text, text }), result(1), result(2)] });
    const p = check(render(answerView(answer)));
    const shown = JSON.stringify(p.embeds);
    expect(shown.split('is the answer to this.')).toHaveLength(2);
    expect(shown).not.toContain('doc_0_name.txt` ¶1\\n');
    expect(names(p)).toEqual(['[2] Document 1', '[3] Document 2']);
    // Show paragraph still shows the page from result 1.
    expect(ids(p)[1]).toBe(askId('para', 0));
    // With only the answer's result there is no field and no marker.
    const alone = check(render(answerView(answerOf({ results: [result(0)] }))));
    expect(firstEmbed(alone).fields).toEqual([]);
    expect(firstEmbed(alone).description).toBe(
      '**Alpha** is the answer to this.\n— *Document 0*, `folder/doc_0_name.txt` ¶1',
    );
  });

  it('shows every result of the page when the answer is not result 1', () => {
    const answer = answerOf({ answer: direct({ source: 'other.txt', paragraph: 9, title: 'Other' }) });
    const p = check(render(answerView(answer)));
    expect(firstEmbed(p).description).toBe('**Alpha** is the answer to this.\n— *Other*, `other.txt` ¶9');
    expect(names(p)).toEqual(['[1] Document 0', '[2] Document 1', '[3] Document 2']);
  });

  it('leads citations with the title and section, linked when the address is known', () => {
    const url = 'https://docs.example.org/guide#install';
    const place = { title: 'Guide', section: 'Setup › Install', url };
    const answer = answerOf({
      answer: direct({ ...place, through: 3 }),
      results: [
        result(0, { ...place, through: 3 }),
        result(1, { ...place, paragraph: 7 }),
        result(2, { title: 'Notes', section: 'Tips' }),
        result(3, {
          title: 'A document with a very long title indeed',
          section: 'And a section whose name goes on and on',
        }),
      ],
    });
    const p = check(render(answerView(answer)));
    const e = firstEmbed(p);
    expect(e.url).toBe(url);
    // The file shows only where there is no address.
    expect(e.description).toBe(
      `**Alpha** is the answer to this. [1]\n— [*Guide › Setup › Install*](${url}) ¶1–3`,
    );
    expect(e.fields?.map((f) => [f.name, f.value.split('\n').at(-1)])).toEqual([
      ['[2] Guide › Setup › Install', `[¶7 in Guide](${url})`],
      ['[3] Notes › Tips', '`folder/doc_2_name.txt` ¶3'],
    ]);
    const long = check(render(answerView(answer, 3)));
    const name = names(long)[0] ?? '';
    // The title gives way first: the section says what the passage is about.
    expect(name).toBe('[4] A document… › And a section whose name goes on and on');
    expect(name.length).toBeLessThanOrEqual(60);
    // A deep path keeps its title and last heading; the headings between give way, and the
    // page's own heading repeating its title shows once. A heading that cannot fit beside the
    // title shows alone.
    const deep = check(
      render(
        answerView(
          answerOf({
            results: [
              result(0),
              result(1, {
                title: 'Reply (Fastify)',
                section: 'Reply › Reply › Methods › .redirect(dest, [code])',
              }),
              result(2, {
                title: 'The Debian GNU/Linux FAQ',
                section:
                  'Chapter 7. Basics of the Debian package management system › 7.12 How do I keep a package from being upgraded?',
              }),
            ],
          }),
          0,
        ),
      ),
    );
    expect(names(deep)).toEqual([
      '[2] Reply (Fastify) › Methods › .redirect(dest, \\[code\\])',
      '[3] 7.12 How do I keep a package from being upgraded?',
    ]);
    expect(
      fitPlace(
        { title: 'Guide', section: 'Installing the tools › On Linux › From source › Build dependencies' },
        56,
      ),
    ).toBe('Guide › … › On Linux › From source › Build dependencies');
  });

  it('labels related passages when nothing answers directly, each result a field', () => {
    const partial = check(render(answerView(answerOf({ answer: null, related: 'partial' }))));
    expect(firstEmbed(partial).description).toBe(
      '**Nothing in the documents answers this directly; related passages:**',
    );
    expect(names(partial)).toEqual(['[1] Document 0', '[2] Document 1', '[3] Document 2']);
    expect(firstEmbed(partial).url).toBeUndefined();

    const missing = answerOf({
      answer: null,
      related: 'missing',
      // An empty word (none comes from the engine) is left out: `**` would pair with a bold mark.
      notFound: ['pancakes', '', 'syrup', 'pancakes', '\u200B'],
    });
    const p = check(render(answerView(missing)));
    expect(firstEmbed(p).description).toBe(
      'Not in the documents: *pancakes*, *syrup*\n' +
        '**Nothing in the documents answers this directly; related passages:**',
    );
    expect(names(p)).toHaveLength(3);
  });

  it('says when the documents changed since the answer, on the answer and on its paragraphs', () => {
    const note = 'The documents changed since this answer.';
    const p = check(render(answerView(answerOf(), 0, { changed: true })));
    expect(firstEmbed(p).footer?.text).toBe(`Searched 1,234 passages in 3 ms\n${note}`);
    expect(firstEmbed(check(render(answerView(answerOf())))).footer?.text).not.toContain(note);
    const para = check(
      render({ kind: 'paragraphs', question: 'q', results: [result(0), result(1)], changed: true }),
    );
    expect(para.embeds.map((e) => e.footer?.text)).toEqual([undefined, note]);
  });

  it("shows a passage's code as a code block in Show paragraph, its lines as written", () => {
    const text =
      "Install it, then call *basename*:\nconst base = path.basename('/a/b_c/*.html');\n// @everyone ```\nIt returns the last part.";
    const start = text.indexOf('const');
    const end = text.indexOf('\nIt returns');
    const p = check(
      render({ kind: 'paragraphs', question: 'q', results: [result(0, { text, code: [[start, end]] })] }),
    );
    // Before: "const base = path.basename('/a/b\\_c/\\*.html');" in a proportional font.
    expect(firstEmbed(p).description).toBe(
      "Install it, then call \\*basename\\*:\n```\nconst base = path.basename('/a/b_c/*.html');\n// @everyone ˋˋˋ\n```\nIt returns the last part.",
    );
  });

  it("fences a code block with its language for Discord to highlight, and only with a language's name", () => {
    const text = 'Run:\nnpm install pino\nThen <@123> @everyone.';
    const end = text.indexOf('\nThen');
    const shown = (lang: string) =>
      firstEmbed(
        check(
          render({
            kind: 'paragraphs',
            question: 'q',
            results: [result(0, { text, code: [[text.indexOf('npm'), end, lang]] })],
          }),
        ),
      ).description;
    expect(shown('bash')).toBe('Run:\n```bash\nnpm install pino\n```\nThen <\u200B@123> @\u200Beveryone.');
    expect(shown('c++')).toContain('```c++\nnpm install pino\n```');
    // What is no language's name is left out, never written into the fence.
    for (const bad of ['js\n@everyone', 'a b', '`x', 'Bash', '', 'x'.repeat(25)])
      expect(shown(bad)).toContain('Run:\n```\nnpm install pino\n```');
  });

  it('carries the buttons: who asked, the page, the document it was limited to, the documents tag', () => {
    const p = check(render(answerView(answerOf(), 0, { source: 'guides/a b.md', asker: 'console' })));
    const key = sourceKey('guides/a b.md');
    expect(ids(p)).toEqual([
      askIds.encode({ action: 'more', asker: 'console', offset: 3, source: key, tag: TAG }),
      askIds.encode({ action: 'para', asker: 'console', offset: 0, source: key, tag: TAG }),
    ]);
    expect(askIds.parse(ids(p)[1] ?? '')).toEqual({
      action: 'para',
      asker: 'console',
      offset: 0,
      source: key,
      tag: TAG,
    });
  });

  const many = answerOf({ results: Array.from({ length: 27 }, (_, i) => result(i)) });

  it('pages through 27 results', () => {
    const first = check(render(answerView(many, 0)));
    expect(firstEmbed(first).footer?.text).toBe('Searched 1,234 passages in 3 ms · results 1–3 of 27');
    expect(names(first).map((n) => n.slice(0, 3))).toEqual(['[2]', '[3]']);
    expect(buttons(first)[0]).toMatchObject({
      label: 'More results',
      custom_id: askId('more', 3),
      disabled: false,
    });

    const middle = check(render(answerView(many, 12)));
    expect(names(middle).map((n) => n.slice(0, 4))).toEqual(['[13]', '[14]', '[15]']);
    // The answer stays on every page, marked as result 1.
    expect(firstEmbed(middle).description).toContain('**Alpha** is the answer to this. [1]\n');
    expect(ids(middle)).toEqual([askId('more', 15), askId('para', 12)]);

    const last = check(render(answerView(many, 24)));
    expect(firstEmbed(last).footer?.text).toContain('results 25–27 of 27');
    expect(buttons(last)[0]).toMatchObject({
      label: 'Back to first',
      custom_id: askId('more', 0),
      disabled: false,
    });
  });

  it('shows the last page, whole, for an offset past the end (the documents changed since)', () => {
    const p = check(render(answerView(many, 999)));
    expect(names(p).map((n) => n.slice(0, 4))).toEqual(['[25]', '[26]', '[27]']);
  });

  it('survives a 300-character hostile question, hostile corpus text and 6,000-character excerpts', () => {
    const results = [
      result(0, {
        excerpt: LONG_SENTENCES,
        text: LONG_SENTENCES,
        marks: [
          [4, 11],
          [5990, 6000],
        ],
      }),
      result(1, { excerpt: LONG_WORDS, marks: [[0, 5]] }),
      result(2, {
        excerpt: HOSTILE_LINES,
        title: HOSTILE,
        section: HOSTILE,
        source: `${'<@1>'.repeat(80)}.txt`,
        url: `https://x.example/${'<@1>'.repeat(10)}`,
        marks: [[0, 9]],
      }),
      ...Array.from({ length: 30 }, (_, i) => result(i + 3, { excerpt: LONG_TOKEN, title: LONG_TOKEN })),
    ];
    const answer = answerOf({
      question: QUESTION_300,
      answer: direct({
        text: LONG_SENTENCES,
        marks: [
          [0, 3],
          [5997, 6000],
        ],
        title: HOSTILE,
        source: HOSTILE,
      }),
      results,
      notFound: Array.from({ length: 50 }, (_, i) => `@everyone${i}`),
      corrections: [{ from: '<@123>', to: ['**x**', '@here'] }],
    });
    for (const offset of [0, 3, 30]) {
      for (const changed of [false, true]) {
        const p = check(render(answerView(answer, offset, { changed, source: HOSTILE })));
        expect(firstEmbed(p).title?.length).toBeLessThanOrEqual(256);
        expect(readBack(p)).toBe(QUESTION_300.trim());
      }
    }
    const p = render(answerView(answer));
    expect(firstEmbed(p).title).toContain('@\u200Beveryone');
    expect(firstEmbed(p).fields).toHaveLength(3);
  });
});

describe('the question of an answer', () => {
  it('is the title, which reads back as asked', () => {
    for (const question of [
      'What is max_retries for *this* server?',
      'Is 1. the # first > <@1> @everyone `x` ~~y~~ ||z|| [a](http://b) \\ one?',
      'How do I set `level` in pino.child()?',
      'Can developers 👩‍💻 use the 🏳️‍🌈 flag? می‌خواهم',
    ]) {
      const p = check(render(answerView(answerOf({ question }))));
      expect(firstEmbed(p).footer?.text).toBe('Searched 1,234 passages in 3 ms');
      expect(readBack(p)).toBe(question);
    }
    expect(firstEmbed(render(answerView(answerOf({ question: 'max_retries' })))).title).toBe('max_retries');
  });

  it('is on a footer line when it does not fit the title whole', () => {
    const question = `Why ${'does the very long question go on '.repeat(8)}?`.slice(0, 290);
    const p = check(render(answerView(answerOf({ question }), 0, { changed: true })));
    const e = firstEmbed(p);
    expect(e.title?.endsWith('…')).toBe(true);
    expect(e.footer?.text.split('\n')).toEqual([
      'Searched 1,234 passages in 3 ms',
      `${QUESTION_LINE}${question}`,
      'The documents changed since this answer.',
    ]);
    expect(readBack(p)).toBe(question);
  });

  it('is on a footer line when the title cannot give it back (an underscore that must stay escaped)', () => {
    const question = 'What does _private mean?';
    const p = check(render(answerView(answerOf({ question }))));
    expect(firstEmbed(p).title).toBe('What does \\_private mean?');
    expect(firstEmbed(p).footer?.text.split('\n')[1]).toBe(`${QUESTION_LINE}${question}`);
    expect(readBack(p)).toBe(question);
  });

  it('reads back a question that holds the line-break mark itself, on one line or several', () => {
    const long = `${'⏎ like '.repeat(40)}⏎`;
    for (const question of [long, `first line ⏎ with a mark\nsecond line ${'x '.repeat(150)}end`]) {
      const p = check(render(answerView(answerOf({ question }))));
      expect(firstEmbed(p).footer?.text).toContain(QUESTION_LINE);
      expect(readBack(p)).toBe(question);
    }
  });

  it('neutralises mentions on the footer line, which still reads back', () => {
    const question = `${'@everyone <@1> **x** '.repeat(20)}end`;
    const p = check(render(answerView(answerOf({ question }))));
    expect(firstEmbed(p).footer?.text).toContain('@\u200Beveryone <\u200B@1> **x**');
    expect(readBack(p)).toBe(question);
  });
});

describe('render nothing', () => {
  it('names the question, the words not found, why, and suggestions; no buttons', () => {
    for (const [empty, why] of [
      ['no-terms', /only common words/],
      ['not-found', /None of its words are in the documents/],
      ['weak', /Too little of the question/],
      ['not-in-source', /The document it was limited to does not match it/],
    ] as const) {
      const answer = answerOf({ answer: null, results: [], empty, notFound: ['pancakes', 'recipe'] });
      const view: View = { kind: 'nothing', answer, suggestions: ['Who hosted the meeting?', '/sources'] };
      const p = check(render(view));
      expect(p.components).toEqual([]);
      expect(firstEmbed(p).title).toBe('Nothing found');
      const d = firstEmbed(p).description ?? '';
      expect(d).toContain('What is alpha?');
      expect(d).toMatch(why);
      expect(d).toContain('*pancakes*, *recipe*');
      expect(d).toContain('Try:');
      expect(d).toContain('Who hosted the meeting?');
    }
  });

  it('survives hostile and huge inputs', () => {
    const answer = answerOf({
      question: QUESTION_300,
      answer: null,
      results: [],
      empty: 'not-found',
      notFound: Array.from({ length: 500 }, () => HOSTILE),
    });
    check(render({ kind: 'nothing', answer, suggestions: Array.from({ length: 40 }, () => LONG_SENTENCES) }));
  });
});

describe('render paragraphs', () => {
  it('shows each result in full, one embed each, with the citation as title', () => {
    const linked = result(2, { section: 'Usage', url: 'https://x.example/d2#usage', through: 5 });
    const p = check(
      render({
        kind: 'paragraphs',
        question: 'q?',
        results: [result(0), result(1, { section: 'Intro' }), linked],
      }),
    );
    expect(p.embeds.map((e) => e.title)).toEqual([
      'Document 0 — folder/doc_0_name.txt ¶1',
      'Document 1 › Intro — folder/doc_1_name.txt ¶2',
      'Document 2 › Usage ¶3–5',
    ]);
    expect(p.embeds.map((e) => e.url)).toEqual([undefined, undefined, 'https://x.example/d2#usage']);
    expect(firstEmbed(p).description).toBe('Paragraph 0 full text with alpha and beta.');
    expect(firstEmbed(p).author?.name).toBe('q?');
  });

  it('fits three 6,000-character paragraphs into 6,000 characters, cut at sentences, saying so', () => {
    const results = [
      result(0, { text: LONG_SENTENCES }),
      result(1, { text: LONG_WORDS }),
      result(2, { text: 'A short one.' }),
    ];
    const p = check(render({ kind: 'paragraphs', question: QUESTION_300, results }));
    expect(p.embeds).toHaveLength(3);
    const [a, b, c] = p.embeds.map((e) => e.description ?? '');
    expect(c).toBe('A short one.');
    expect(a).toMatch(/minutes\. …\n\n\(cut — [\d,]+ more characters in folder\/doc_0_name\.txt ¶1\)$/);
    expect(b).toMatch(/\(cut — [\d,]+ more characters in folder\/doc_1_name\.txt ¶2\)$/);
    const kept = (a ?? '').split('\n\n')[0]?.replace(/ …$/, '') ?? '';
    const more = Number(/cut — ([\d,]+) more/.exec(a ?? '')?.[1]?.replace(/,/g, ''));
    expect(kept.length + more).toBe(LONG_SENTENCES.length);
  });

  it('handles 12 results (10 embeds at most), hostile text, emoji and one-word paragraphs', () => {
    const texts = [HOSTILE_LINES.repeat(40), EMOJI, LONG_TOKEN, LONG_WORDS, LONG_SENTENCES];
    const results = Array.from({ length: 12 }, (_, i) =>
      result(i, { text: texts[i % texts.length] as string, title: HOSTILE, source: '<#1>.md' }),
    );
    const p = check(render({ kind: 'paragraphs', question: QUESTION_300, results, changed: true }));
    expect(p.embeds).toHaveLength(10);
    expect(p.embeds[9]?.footer?.text).toBe(
      '2 more results not shown\nThe documents changed since this answer.',
    );
  });

  it('renders a problem when there is nothing to show', () => {
    const p = check(render({ kind: 'paragraphs', question: 'q', results: [] }));
    expect(firstEmbed(p).description).toBe('There is no paragraph to show.');
  });
});

describe('render sources', () => {
  const docs: DocumentInfo[] = Array.from({ length: 200 }, (_, i) => ({
    source: i % 7 === 0 ? `${HOSTILE}_${i}.md` : `docs/file_${i}.txt`,
    title: i % 5 === 0 ? LONG_TOKEN : `Title ${i}`,
    hash: `h${i}`,
    paragraphs: i,
    words: i * 1000,
  }));

  it('lists 10 documents a page with Previous/Next', () => {
    const p = check(render({ kind: 'sources', documents: docs, page: 0, passages: 5000 }));
    const e = firstEmbed(p);
    expect(e.title).toBe('Sources');
    expect(e.footer?.text).toBe('200 documents · 5,000 passages searched · page 1/20');
    expect(e.description).toContain('**Title 1**\ndocs/file\\_1.txt · 1 paragraph · 1,000 words');
    expect(e.description?.match(/\n\n/g)).toHaveLength(9);
    expect(ids(p)).toEqual([sourcesIds.page(-1), sourcesIds.page(1)]);
    expect(buttons(p).map((b) => b.disabled)).toEqual([true, false]);
    expect(labels(p)).toEqual(['Previous', 'Next']);
  });

  it('pages to the end and clamps pages out of range', () => {
    for (const page of [5, 19, 50, -3, Number.NaN])
      check(render({ kind: 'sources', documents: docs, page, passages: 1 }));
    const last = render({ kind: 'sources', documents: docs, page: 50, passages: 1 });
    expect(firstEmbed(last).footer?.text).toContain('page 20/20');
    expect(buttons(last).map((b) => b.disabled)).toEqual([false, true]);
    expect(ids(last)).toEqual([sourcesIds.page(18), sourcesIds.page(20)]);
  });

  it('has no buttons with one page, and copes with none', () => {
    expect(
      render({ kind: 'sources', documents: docs.slice(0, 10), page: 0, passages: 1 }).components,
    ).toEqual([]);
    const none = check(render({ kind: 'sources', documents: [], page: 0, passages: 0 }));
    expect(firstEmbed(none).footer?.text).toBe('0 documents · 0 passages searched · page 1/1');
  });
});

describe('render source', () => {
  const document: DocumentInfo = {
    source: 'guides/a_b.md',
    title: 'A guide',
    hash: 'h',
    url: 'https://example.com/a',
    paragraphs: 12,
    words: 3456,
  };

  it('shows the document with its fields, opening and headings', () => {
    const p = check(
      render({ kind: 'source', document, headings: ['Intro', 'Usage'], opening: 'It begins.' }),
    );
    const e = firstEmbed(p);
    expect(e.title).toBe('A guide');
    expect(e.url).toBe('https://example.com/a');
    expect(e.fields?.map((f) => [f.name, f.value])).toEqual([
      ['File', '`guides/a_b.md`'],
      ['Paragraphs', '12'],
      ['Words', '3,456'],
    ]);
    expect(e.description).toBe('It begins.\n\n**Sections**\n• Intro\n• Usage');
  });

  it('drops a url that is not http(s) and fits huge openings and 2,000 headings', () => {
    const p = check(
      render({
        kind: 'source',
        document: {
          ...document,
          url: 'javascript:alert(1)',
          title: HOSTILE.repeat(10),
          source: HOSTILE.repeat(30),
        },
        headings: Array.from({ length: 2000 }, (_, i) => `${HOSTILE} ${i}`),
        opening: LONG_SENTENCES,
      }),
    );
    expect(firstEmbed(p).url).toBeUndefined();
    expect((firstEmbed(p).description ?? '').split('\n\n')[0]?.length).toBeLessThanOrEqual(600);
    expect(firstEmbed(p).description).toMatch(/… and [\d]+ more$/);
  });
});

describe('render problem and oops', () => {
  it('escapes the message', () => {
    const p = check(render({ kind: 'problem', message: `${HOSTILE} ${LONG_TOKEN}` }));
    expect(p.components).toEqual([]);
    expect(firstEmbed(p).description).toContain('<\u200B@123>');
  });

  it('renders an oops with the reference (privacy is the router’s)', () => {
    const p = check(renderOops('1234567890'));
    expect(p.content).toBe('Something went wrong while answering. It has been logged (ref 1234567890).');
    expect(check(renderOops('<@1> **x')).content).toContain('(ref <\u200B@1> \\*\\*x)');
  });
});

describe('renderChoices', () => {
  it('keeps at most 25 choices, cuts names to 100 and drops values that do not fit', () => {
    const choices: Choice[] = Array.from({ length: 40 }, (_, i) => ({
      name: `${i} ${'n'.repeat(150)}`,
      value: i % 3 === 0 ? 'v'.repeat(150) : `value-${i}`,
    }));
    choices.push(
      { name: 'empty value', value: '' },
      { name: '', value: 'nameless' },
      { name: '   ', value: 'blank' },
    );
    const out = renderChoices(choices);
    expect(out).toHaveLength(25);
    for (const c of out) {
      expect(c.name.length).toBeGreaterThanOrEqual(1);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeGreaterThanOrEqual(1);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(out.some((c) => c.value.startsWith('vvv'))).toBe(false);
    expect(
      renderChoices([
        { name: '', value: 'nameless' },
        { name: '  ', value: 'blank' },
      ]),
    ).toEqual([
      { name: 'nameless', value: 'nameless' },
      { name: 'blank', value: 'blank' },
    ]);
    expect(renderChoices([{ name: EMOJI, value: 'e' }])[0]?.name).not.toMatch(LONE_SURROGATE);
  });
});

describe('fitPayload', () => {
  it('brings an oversized payload within every limit', () => {
    const field = { name: `${HOSTILE}${'n'.repeat(300)}`, value: `**${'v'.repeat(2000)}**` };
    const embed: APIEmbed = {
      title: 'T'.repeat(400),
      description: `**${'d'.repeat(5000)}** <@1>`,
      fields: Array.from({ length: 30 }, () => ({ ...field })),
      footer: { text: 'f'.repeat(3000) },
      author: { name: `@everyone ${'a'.repeat(300)}` },
      url: 'ftp://x',
    };
    const big: ReplyPayload = {
      content: `@here ${'c'.repeat(3000)}`,
      embeds: Array.from({ length: 12 }, () => structuredClone(embed)),
      components: Array.from({ length: 7 }, (_, r) => ({
        type: ComponentType.ActionRow,
        components: Array.from({ length: 7 }, (_, i) => ({
          type: ComponentType.Button as const,
          style: ButtonStyle.Secondary as const,
          label: 'L'.repeat(100),
          custom_id: `${r}:${i}:${'x'.repeat(120)}`,
        })),
      })),
      allowedMentions: { parse: [] },
    };
    const p = check(fitPayload(big));
    expect(p.embeds.length).toBeGreaterThan(0);
    // A custom id cut short would name another button: such buttons are disabled.
    expect(buttons(p).every((b) => b.disabled)).toBe(true);
  });

  it('cuts a footer as plain text and leaves a payload within the limits as it is', () => {
    const p = fitPayload({
      embeds: [{ footer: { text: `**${'f'.repeat(3000)}` } }],
      components: [],
      allowedMentions: { parse: [] },
    });
    expect(p.embeds[0]?.footer?.text.startsWith('**fff')).toBe(true);
    expect(p.embeds[0]?.footer?.text.length).toBeLessThanOrEqual(LIMITS.footer);
    const fine = render(answerView(answerOf()));
    expect(fitPayload(fine)).toEqual(fine);
  });
});

describe('toText', () => {
  const p = render(
    answerView(
      answerOf({
        question: 'Is *this* @everyone?',
        results: [
          result(0),
          result(1, { section: 'Part', url: 'https://x.example/1' }),
          result(2),
          result(3),
        ],
      }),
    ),
  );

  it('renders a payload readably, without escapes or zero-width spaces, links as text <url>', () => {
    const text = toText(p);
    expect(text).toBe(
      [
        'Is *this* @everyone?',
        '*Alpha* is the answer to this. [1]',
        '— *Document 0*, `folder/doc_0_name.txt` ¶1',
        '[2] Document 1 › Part',
        '  Paragraph 1 excerpt with *alpha* and beta.',
        '  ¶2 in Document 1 <https://x.example/1>',
        '[3] Document 2',
        '  Paragraph 2 excerpt with *alpha* and beta.',
        '  `folder/doc_2_name.txt` ¶3',
        'Searched 1,234 passages in 3 ms · results 1–3 of 4',
        '',
        '[More results] [Show paragraph]',
      ].join('\n'),
    );
    expect(text).not.toContain('\u200B');
  });

  it('uses ANSI bold with color, shows disabled buttons in parentheses, and says when a reply is private', () => {
    expect(toText(p, { color: true })).toContain('\u001b[1mAlpha\u001b[22m is the answer');
    const single = toText(render(answerView(answerOf())), { private: true });
    expect(single.startsWith('(only you can see this)\n\n')).toBe(true);
    expect(single).toContain('(More results) [Show paragraph]');
    expect(toText(p)).not.toContain('only you');
    expect(toText(renderOops('42'), { private: true })).toBe(
      '(only you can see this)\n\nSomething went wrong while answering. It has been logged (ref 42).',
    );
  });

  it('shows a footer as it is: the question line keeps its characters', () => {
    const question = `${'Why **this** a\\_b '.repeat(20)}?`;
    const text = toText(render(answerView(answerOf({ question }))));
    expect(text).toContain(`\n${QUESTION_LINE}${question}`);
  });
});
