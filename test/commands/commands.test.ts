import { describe, expect, it } from 'vitest';
import { askIds } from '../../commands/_ask-ids.js';
import { type Context, isCommand, type Outcome } from '../../commands/_contract.js';
import ask, { pressButton } from '../../commands/ask.js';
import askTheSources from '../../commands/ask-the-sources.js';
import sources, { sourcesIds } from '../../commands/sources.js';
import { render } from '../../src/bot/views/index.js';
import { CoreError, Engine, loadCorpus, matchDocuments } from '../../src/core/index.js';
import { request } from '../fakes.js';
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
const ctx: Context = { engine: () => engine };

/** The message an outcome's view would be on, as Discord hands it back with a button. */
const messageOf = (out: Outcome) => ({ id: 'm1', content: '', embeds: render(out.view).embeds });

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
  const first = () =>
    ask.execute(
      request({ userId: '111', options: { question: 'ferry route harbour morning' } }),
      ctx,
    ) as Outcome;
  const press = (out: Outcome, userId: string, action: 'more' | 'para', offset: number) => {
    if (out.view.kind !== 'answer') throw new Error('expected an answer');
    const customId = askIds.encode({
      action,
      asker: out.view.asker,
      offset,
      source: null,
      tag: out.view.tag,
    });
    return pressButton(ctx, request({ userId, customId, message: messageOf(out) }));
  };

  it('answers with a first page whose buttons page it again, for the asker only', () => {
    const out = first();
    expect(out.view).toMatchObject({ kind: 'answer', offset: 0, asker: '111', tag: engine.tag });
    if (out.view.kind !== 'answer') return;
    expect(out.view.answer.results.length).toBeGreaterThan(3);
    const page = press(out, '111', 'more', 3);
    expect(page).toMatchObject({ update: true, view: { kind: 'answer', offset: 3, changed: false } });
    // The same results as the first answer: the question was read back from the message.
    if (page.view.kind === 'answer') expect(page.view.answer.results).toEqual(out.view.answer.results);
    expect(press(out, '222', 'more', 3)).toMatchObject({ private: true, view: { kind: 'problem' } });
    expect(press(out, '111', 'para', 0)).toMatchObject({ private: true, view: { kind: 'paragraphs' } });
    expect(press(out, '222', 'para', 0)).toMatchObject({ private: true, view: { kind: 'problem' } });
  });

  it('is private when asked so, by its own rule', () => {
    expect(typeof ask.private === 'function' && ask.private(request({ options: { private: true } }))).toBe(
      true,
    );
    expect(typeof ask.private === 'function' && ask.private(request({ options: {} }))).toBe(false);
  });

  it('answers nothing-found privately with the missing words and suggestions', () => {
    const none = ask.execute(request({ options: { question: 'pancake recipes' } }), ctx) as Outcome;
    expect(none).toMatchObject({ private: true, view: { kind: 'nothing' } });
    if (none.view.kind === 'nothing') {
      expect(none.view.answer.notFound).toEqual(['pancake', 'recipes']);
      expect(none.view.suggestions.length).toBeGreaterThan(0);
    }
  });

  it('throws CoreError for an unknown source, for the router to explain', () => {
    expect(() => ask.execute(request({ options: { question: 'x', source: 'nope' } }), ctx)).toThrow(
      CoreError,
    );
  });

  it('never expires its buttons, and says when the documents changed since the answer', () => {
    const out = first();
    if (out.view.kind !== 'answer') throw new Error('expected an answer');
    const stale = { ...out, view: { ...out.view, tag: 'oldtag00' } };
    expect(press(stale, '111', 'more', 3)).toMatchObject({ view: { kind: 'answer', changed: true } });
  });

  it('autocompletes documents by title or file name, and accepts what it offers', () => {
    const choices = ask.autocomplete?.(request({ focused: 'visitor' }), ctx);
    expect(choices).toEqual([{ name: 'Visitor guide (guide.md)', value: 'guide.md' }]);
    for (const c of ask.autocomplete?.(request({ focused: 'harbour' }), ctx) ?? []) {
      expect(() =>
        ask.execute(request({ options: { question: 'tickets', source: c.value } }), ctx),
      ).not.toThrow();
    }
  });
});

describe('Ask the sources', () => {
  const target = (content: string) => request({ message: { id: 'm1', content, embeds: [] } });

  it('uses the message text as the question', () => {
    expect((askTheSources.execute(target('Where are tickets sold?'), ctx) as Outcome).view.kind).toBe(
      'answer',
    );
  });

  it('asks a long message up to its last whole word, never a fragment of one', () => {
    // 300 characters end inside "kiosks": the fragment "kios" was asked as a word of its own.
    let head = 'Where are tickets sold?';
    while (head.length < 290) head += ' today';
    head = `${head.padEnd(295, 'y')} `;
    const message = `${head}kiosks nearby?`;
    expect(message.slice(296, 300)).toBe('kios');
    const outcome = askTheSources.execute(target(message), ctx) as Outcome;
    const { answer } = outcome.view as Extract<Outcome['view'], { kind: 'answer' }>;
    expect(answer.question).not.toContain('kios');
    expect(answer.notFound).not.toContain('kios');
  });

  it('explains when the message has no text', () => {
    expect(askTheSources.execute(target('  '), ctx)).toMatchObject({
      private: true,
      view: { kind: 'problem' },
    });
  });

  it('pages a question of several lines (a code block) as it was asked', async () => {
    const undici = Engine.create(await loadCorpus('test/fixtures/docs-undici/docs'));
    const docs: Context = { engine: () => undici };
    const asked = request({
      userId: '111',
      message: { id: 'm1', content: '```ts\nagent.close()\n```', embeds: [] },
    });
    const out = askTheSources.execute(asked, docs) as Outcome;
    if (out.view.kind !== 'answer') throw new Error('expected an answer');
    const first = out.view.answer.results.map((r) => `${r.source}#${r.paragraph}`);
    const message = { id: 'm2', content: '', embeds: render(out.view).embeds };
    for (const action of ['more', 'para'] as const) {
      const customId = askIds.encode({ action, asker: '111', offset: 0, source: null, tag: out.view.tag });
      const pressed = pressButton(docs, request({ userId: '111', customId, message }));
      expect(pressed.view.kind, JSON.stringify(pressed.view)).not.toBe('problem');
      if (pressed.view.kind === 'answer')
        expect(pressed.view.answer.results.map((r) => `${r.source}#${r.paragraph}`)).toEqual(first);
    }
  });
});

describe('/sources', () => {
  it('lists every document, and details one', () => {
    const list = sources.execute(request(), ctx) as Outcome;
    expect(list.view).toMatchObject({ kind: 'sources', page: 0 });
    if (list.view.kind === 'sources')
      expect(list.view.documents.map((d) => d.source)).toEqual(['ferries.txt', 'guide.md']);
    const one = sources.execute(request({ options: { document: 'guide' } }), ctx) as Outcome;
    expect(one.view).toMatchObject({
      kind: 'source',
      headings: ['Tickets'],
      opening: 'Tickets are sold at the harbour kiosk.',
    });
  });

  it('lists documents in the order a reader expects: part 2 before part 10', () => {
    const parts = Engine.create(
      corpusOf({
        'part-10.md': '# Ten\n\nThe tenth part.\n',
        'part-2.md': '# Two\n\nThe second part.\n',
        'Part-3.md': '# Three\n\nThe third part.\n',
        'appendix.md': '# Appendix\n\nThe end.\n',
      }),
    );
    const list = sources.execute(request(), { engine: () => parts }) as Outcome;
    if (list.view.kind !== 'sources') throw new Error('not a list');
    // Before: part-10.md before part-2.md, and Part-3.md first of all.
    expect(list.view.documents.map((d) => d.source)).toEqual([
      'appendix.md',
      'part-2.md',
      'Part-3.md',
      'part-10.md',
    ]);
  });

  it('pages with its buttons', () => {
    expect(sources.button?.(request({ customId: sourcesIds.page(1) }), ctx)).toMatchObject({
      update: true,
      view: { kind: 'sources', page: 1 },
    });
  });
});

describe('documents offered and accepted', () => {
  const long = `guides/${'networking/'.repeat(12)}socket-reuse.md`;
  const docs = Engine.create(
    corpusOf({
      'README.md': 'Project\n\nThe project ships a harbour map.\n',
      'readme.md': 'Notes\n\nThe notes list the ferry times.\n',
      [long]: '# Socket reuse\n\nSockets are reused between requests.\n',
      'other.md': '# Other\n\nNothing about the rest.\n',
    }),
  );
  const lookup: Context = { engine: () => docs };

  it('accepts every name it offers, a path of over 100 characters and names that differ in case', () => {
    for (const typed of ['readme', 'socket', '']) {
      const choices = ask.autocomplete?.(request({ focused: typed }), lookup) ?? [];
      expect(choices.length).toBeGreaterThan(0);
      for (const c of choices) {
        expect(c.value.length).toBeLessThanOrEqual(100);
        const outcome = ask.execute(
          request({ options: { question: 'what is there?', source: c.value } }),
          lookup,
        );
        expect((outcome as { view: { kind: string } }).view.kind).not.toBe('problem');
      }
    }
    const offered = (ask.autocomplete?.(request({ focused: 'socket' }), lookup) ?? []).map((c) => c.name);
    expect(offered).toEqual([`Socket reuse (${long})`]);
    expect(docs.resolveSource('readme.md').source).toBe('readme.md');
    expect(docs.resolveSource('README.md').source).toBe('README.md');
  });

  it('offers the 25 closest, as many as Discord shows', () => {
    const many = Engine.create(
      corpusOf(
        Object.fromEntries(
          Array.from({ length: 40 }, (_, i) => [`note-${i}.txt`, `Note ${i}\n\nText ${i}.\n`]),
        ),
      ),
    );
    const choices = sources.autocomplete?.(request({ focused: 'note' }), { engine: () => many }) ?? [];
    expect(choices).toHaveLength(25);
    expect(choices[0]?.value).toBe('note-0.txt');
  });
});

/** A context whose knowledge-gaps log keeps what is recorded. */
function recording(on: Engine): { ctx: Context; recorded: unknown[] } {
  const recorded: unknown[] = [];
  const ctx: Context = {
    engine: () => on,
    gaps: {
      record: async (event) => {
        recorded.push(event);
      },
      report: async () => {
        throw new Error('not used');
      },
    },
  };
  return { ctx, recorded };
}

describe('a vote', () => {
  it('is recorded against the passage the answer showed', async () => {
    // On these documents the direct answer depends on how many results are asked for.
    const engine = Engine.create(await loadCorpus('test/fixtures/docs-datefns/docs'));
    const { ctx: voting, recorded } = recording(engine);
    const question = 'what should I name the folder for my new locale?';
    const out = ask.execute(request({ userId: '111', options: { question } }), voting) as Outcome;
    if (out.view.kind !== 'answer' || !out.view.answer.answer) throw new Error('expected a direct answer');
    const shown = out.view.answer.answer;
    const customId = askIds.encode({
      action: 'down',
      asker: '111',
      offset: 0,
      source: null,
      tag: out.view.tag,
    });
    const message = { id: 'm1', content: '', embeds: render(out.view).embeds };
    await ask.button?.(request({ userId: '222', customId, message }), voting);
    expect(recorded[0]).toMatchObject({ source: shown.source, paragraph: shown.paragraph, vote: 'down' });
  });
});

describe('a question asked privately', () => {
  it('is not recorded for /gaps, and none of its pages offers a vote', () => {
    const { ctx: logging, recorded } = recording(engine);
    const votesOn = (out: Outcome) => JSON.stringify(render(out.view).components).includes('👍');
    // Unanswered (a word the documents lack): recorded when asked in public, not in private.
    const question = 'when does the ferry to atlantis leave the harbour?';
    ask.execute(request({ userId: '111', options: { question } }), logging);
    expect(recorded).toHaveLength(1);
    ask.execute(request({ userId: '111', options: { question, private: true } }), logging);
    expect(recorded).toHaveLength(1);
    const mine = ask.execute(
      request({ userId: '111', options: { question: 'ferry route', private: true } }),
      logging,
    ) as Outcome;
    expect(mine.view.kind).toBe('answer');
    expect(votesOn(mine)).toBe(false);
    // Its next page has no vote either; a public answer's does.
    const next = (out: Outcome) => {
      const more =
        JSON.stringify(render(out.view).components).match(/"custom_id":"(ask:more:[^"]+)"/)?.[1] ?? '';
      return ask.button?.(
        request({ userId: '111', customId: more, message: messageOf(out) }),
        logging,
      ) as Outcome;
    };
    expect(votesOn(next(mine))).toBe(false);
    const open = ask.execute(
      request({ userId: '111', options: { question: 'ferry route' } }),
      logging,
    ) as Outcome;
    expect(votesOn(open)).toBe(true);
    expect(votesOn(next(open))).toBe(true);
  });
});

describe('matchDocuments', () => {
  it('ranks prefix matches first and keeps document order otherwise', () => {
    const docs = engine.documents;
    expect(matchDocuments(docs, '').map((d) => d.source)).toEqual(['ferries.txt', 'guide.md']);
    expect(matchDocuments(docs, 'harbour').map((d) => d.source)).toEqual(['ferries.txt']);
    expect(matchDocuments(docs, 'zzz')).toEqual([]);
  });
});
