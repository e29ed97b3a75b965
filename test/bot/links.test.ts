/**
 * Citations that link: with the documents' web address known, the answer, every excerpt and
 * /sources link to the document at its section; without it, nothing links and citations name
 * the file instead.
 */
import { describe, expect, it } from 'vitest';
import type { Context } from '../../commands/_contract.js';
import { answerQuestion } from '../../commands/ask.js';
import { listSources } from '../../commands/sources.js';
import { render } from '../../src/bot/views/index.js';
import { Engine } from '../../src/core/index.js';
import { assertWithinLimits } from '../e2e/limits.js';
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
  return { engine: () => engine };
}

const askIn = (ctx: Context, question: string) => render(answerQuestion(ctx, 'u1', question).view);

describe('citations that link', () => {
  it('link the answer and the other excerpts to the document at its section', () => {
    // Two results: the answer (result 1, shown once, in the description) and FAQ › Billing.
    const payload = askIn(contextWith('https://github.com/acme/docs/blob/main/'), 'server memory invoices');
    const embed = payload.embeds[0];
    const url = 'https://github.com/acme/docs/blob/main/guide/install.md#requirements';
    expect(embed?.url).toBe(url);
    expect(embed?.description).toContain(`— [*Install › Requirements*](${url}) ¶3`);
    expect(embed?.fields?.map((f) => f.name)).toEqual(['[2] FAQ › Billing']);
    expect(embed?.fields?.[0]?.value).toContain('](https://faq.example.org/#billing)');
    // With an address, no file name is shown.
    expect(JSON.stringify(payload)).not.toContain('install.md`');
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
    const text = render(listSources(contextWith('https://github.com/acme/docs/blob/main/')).view).embeds[0]
      ?.description;
    expect(text).toContain('](https://github.com/acme/docs/blob/main/rules.txt)');
    expect(text).toContain('](https://faq.example.org/)');
  });

  it('link nothing without an address (but what front matter gives), naming the file instead', () => {
    const payload = askIn(contextWith(undefined), 'How much memory does the server need?');
    expect(payload.embeds[0]?.url).toBeUndefined();
    expect(JSON.stringify(payload)).not.toContain('](http');
    expect(payload.embeds[0]?.description).toContain('— *Install › Requirements*, `guide/install.md` ¶3');
    // Only the document whose front matter gives its address.
    const list = render(listSources(contextWith(undefined)).view).embeds[0]?.description ?? '';
    expect(list.match(/\]\(/g)).toHaveLength(1);
    expect(list).toContain('](https://faq.example.org/)');
  });
});
