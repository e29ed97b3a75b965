import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
} from 'discord.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Context, isCommand, matchDocuments, type Outcome, Sessions } from '../../commands/_shared.js';
import ask from '../../commands/ask.js';
import askTheSources from '../../commands/ask-the-sources.js';
import sources from '../../commands/sources.js';
import { CoreError, Engine } from '../../src/core/index.js';
import { slash, strict } from '../fakes.js';
import { corpusOf } from '../helpers.js';

const engine = Engine.create(
  corpusOf({
    'ferries.txt': [
      'Harbour ferries',
      ...Array.from(
        { length: 8 },
        (_, i) => `Ferry route ${i + 1} leaves the harbour at ${i + 6} o'clock every morning.`,
      ),
    ].join('\n'),
    'guide.md': '# Visitor guide\n\n## Tickets\n\nTickets are sold at the harbour kiosk.\n',
  }),
);
let now = 0;
let ctx: Context;
beforeEach(() => {
  now = 0;
  ctx = { engine: () => engine, sessions: new Sessions(10 * 60_000, () => now) };
});

const buttonFor = (userId: string) => strict<ButtonInteraction>({ user: strict({ id: userId }) });

describe('command modules', () => {
  it('are valid commands with the documented options', () => {
    for (const c of [ask, sources, askTheSources]) expect(isCommand(c)).toBe(true);
    const json = ask.data.toJSON() as {
      options: { name: string; required?: boolean; max_length?: number; autocomplete?: boolean }[];
    };
    expect(json.options.map((o) => o.name)).toEqual(['question', 'source', 'private']);
    expect(json.options[0]).toMatchObject({ required: true, max_length: 300 });
    expect(json.options[1]).toMatchObject({ autocomplete: true });
    expect(askTheSources.data.toJSON()).toMatchObject({ name: 'Ask the sources', type: 3 });
  });
});

describe('/ask', () => {
  it('answers with the first page and a session only the asker can page or open', () => {
    const out = ask.execute(
      slash<ChatInputCommandInteraction>('u1', { question: 'ferry route harbour morning' }),
      ctx,
    ) as Outcome;
    expect(out.view.kind).toBe('answer');
    expect(out.ephemeral).toBe(false);
    if (out.view.kind !== 'answer') return;
    expect(out.view.offset).toBe(0);
    expect(out.view.answer.results.length).toBeGreaterThan(3);
    const session = out.view.session;
    const page = ask.button?.(buttonFor('u1'), ctx, 'more', [session, '3']) as Outcome;
    expect(page).toMatchObject({ update: true, view: { kind: 'answer', offset: 3 } });
    const other = ask.button?.(buttonFor('u2'), ctx, 'more', [session, '3']) as Outcome;
    expect(other).toMatchObject({ ephemeral: true, view: { kind: 'problem' } });
    const para = ask.button?.(buttonFor('u1'), ctx, 'para', [session, '0']) as Outcome;
    expect(para).toMatchObject({ ephemeral: true, view: { kind: 'paragraphs' } });
    const peek = ask.button?.(buttonFor('u2'), ctx, 'para', [session, '0']) as Outcome;
    expect(peek).toMatchObject({ ephemeral: true, view: { kind: 'problem' } });
  });

  it('is private when asked so', () => {
    const out = ask.execute(
      slash<ChatInputCommandInteraction>('u1', { question: 'tickets', private: true }),
      ctx,
    ) as Outcome;
    expect(out.ephemeral).toBe(true);
  });

  it('answers nothing-found privately with the missing words and suggestions', () => {
    const none = ask.execute(
      slash<ChatInputCommandInteraction>('u1', { question: 'pancake recipes' }),
      ctx,
    ) as Outcome;
    expect(none).toMatchObject({ ephemeral: true, view: { kind: 'nothing' } });
    if (none.view.kind === 'nothing') {
      expect(none.view.answer.notFound).toEqual(['pancake', 'recipes']);
      expect(none.view.suggestions.length).toBeGreaterThan(0);
    }
  });

  it('throws CoreError for an unknown source, for the router to explain', () => {
    expect(() =>
      ask.execute(slash<ChatInputCommandInteraction>('u1', { question: 'x', source: 'nope' }), ctx),
    ).toThrow(CoreError);
  });

  it('expires its buttons after 10 minutes', () => {
    const out = ask.execute(
      slash<ChatInputCommandInteraction>('u1', { question: 'ferry route' }),
      ctx,
    ) as Outcome;
    if (out.view.kind !== 'answer') throw new Error('expected an answer');
    now = 10 * 60_000 + 1;
    const late = ask.button?.(buttonFor('u1'), ctx, 'more', [out.view.session, '3']) as Outcome;
    expect(late).toMatchObject({
      ephemeral: true,
      view: { kind: 'problem', message: expect.stringContaining('expired') },
    });
  });

  it('autocompletes documents by title or file name', () => {
    const choices = ask.autocomplete?.(slash<AutocompleteInteraction>('u1', {}, 'visitor'), ctx);
    expect(choices).toEqual([{ name: 'Visitor guide (guide.md)', value: 'guide.md' }]);
  });
});

describe('Ask the sources', () => {
  const target = (content: string) =>
    strict<MessageContextMenuCommandInteraction>({
      user: strict({ id: 'u1' }),
      targetMessage: strict({ content }),
    });

  it('uses the message text as the question', () => {
    expect((askTheSources.execute(target('Where are tickets sold?'), ctx) as Outcome).view.kind).toBe(
      'answer',
    );
  });

  it('explains when the message has no text', () => {
    expect(askTheSources.execute(target('  '), ctx)).toMatchObject({
      ephemeral: true,
      view: { kind: 'problem' },
    });
  });
});

describe('/sources', () => {
  it('lists every document, and details one', () => {
    const list = sources.execute(slash<ChatInputCommandInteraction>('u1', {}), ctx) as Outcome;
    expect(list.view).toMatchObject({ kind: 'sources', page: 0 });
    if (list.view.kind === 'sources')
      expect(list.view.documents.map((d) => d.source)).toEqual(['ferries.txt', 'guide.md']);
    const one = sources.execute(
      slash<ChatInputCommandInteraction>('u1', { document: 'guide' }),
      ctx,
    ) as Outcome;
    expect(one.view).toMatchObject({
      kind: 'source',
      headings: ['Tickets'],
      opening: 'Tickets are sold at the harbour kiosk.',
    });
  });

  it('pages with its buttons', () => {
    expect(sources.button?.(buttonFor('u1'), ctx, 'page', ['1'])).toMatchObject({
      update: true,
      view: { kind: 'sources', page: 1 },
    });
  });
});

describe('matchDocuments', () => {
  it('ranks prefix matches first and keeps document order otherwise', () => {
    const docs = engine.documents;
    expect(matchDocuments(docs, '').map((c) => c.value)).toEqual(['ferries.txt', 'guide.md']);
    expect(matchDocuments(docs, 'harbour').map((c) => c.value)).toEqual(['ferries.txt']);
    expect(matchDocuments(docs, 'zzz')).toEqual([]);
  });
});
