/**
 * Citations that link: with the documents' web address known, the answer, every excerpt and
 * /sources link to the document at its section; without it, nothing links.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { type Context, type Outcome, Sessions } from '../../commands/_shared.js';
import ask from '../../commands/ask.js';
import { listSources } from '../../commands/sources.js';
import { render } from '../../src/bot/render.js';
import { Engine } from '../../src/core/index.js';
import { assertWithinLimits } from '../e2e/limits.js';
import { slash } from '../fakes.js';
import { corpusOf } from '../helpers.js';

const DOCS = {
  'guide/install.md': '# Install\n\n## Requirements\n\nThe server needs Node.js 20 and 2 GB of memory.\n',
  'faq.md':
    '---\ntitle: FAQ\nurl: https://faq.example.org/\n---\n\n## Billing\n\nInvoices are sent monthly.\n',
  'rules.txt': 'House rules\n\nNo pets in the lounge.\n',
};

function contextWith(base?: string): Context {
  const engine = Engine.create(corpusOf(DOCS));
  engine.sourcesBaseUrl = base;
  return { engine: () => engine, sessions: new Sessions() };
}

const askIn = (ctx: Context, question: string) =>
  render(ask.execute(slash<ChatInputCommandInteraction>('u1', { question }), ctx) as Outcome);

describe('citations that link', () => {
  it('link the answer and its excerpt to the document at its section', () => {
    const payload = askIn(
      contextWith('https://github.com/acme/docs/blob/main/'),
      'How much memory does the server need?',
    );
    const embed = payload.embeds[0];
    const url = 'https://github.com/acme/docs/blob/main/guide/install.md#requirements';
    expect(embed?.url).toBe(url);
    expect(embed?.description).toContain(`](${url})`);
    expect(embed?.fields?.[0]?.value).toContain(`](${url})`);
    expect(embed?.fields?.[0]?.name).toContain('Install › Requirements');
    assertWithinLimits(payload);
  });

  it('use a template with {name}, and a front matter url over the base', () => {
    const ctx = contextWith('https://docs.example.org/{name}');
    expect(askIn(ctx, 'How much memory does the server need?').embeds[0]?.url).toBe(
      'https://docs.example.org/guide/install#requirements',
    );
    expect(askIn(ctx, 'When are invoices sent?').embeds[0]?.url).toBe('https://faq.example.org/#billing');
  });

  it('link each document in /sources', () => {
    const text = render(listSources(contextWith('https://github.com/acme/docs/blob/main/'))).embeds[0]
      ?.description;
    expect(text).toContain('](https://github.com/acme/docs/blob/main/rules.txt)');
    expect(text).toContain('](https://faq.example.org/)');
  });

  it('link nothing without an address (but what front matter gives)', () => {
    const payload = askIn(contextWith(undefined), 'How much memory does the server need?');
    expect(payload.embeds[0]?.url).toBeUndefined();
    expect(JSON.stringify(payload)).not.toContain('](http');
    // Only the document whose front matter gives its address.
    const list = render(listSources(contextWith(undefined))).embeds[0]?.description ?? '';
    expect(list.match(/\]\(/g)).toHaveLength(1);
    expect(list).toContain('](https://faq.example.org/)');
  });
});
