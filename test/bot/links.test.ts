/**
 * Citations that link: with the documents' web address known, the answer, every excerpt and
 * /sources link to the document at its section; without it, nothing links and citations name
 * the file instead.
 */
import { describe, expect, it } from 'vitest';
import type { Context } from '../../commands/_contract.js';
import { answerQuestion } from '../../commands/ask.js';
import { listSources } from '../../commands/sources.js';
import { httpUrl } from '../../src/bot/payload.js';
import { oneLine } from '../../src/bot/text/clean.js';
import { escapeText, neutralise } from '../../src/bot/text/escape.js';
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

/**
 * The masked links a Discord client renders in a text: simple-markdown's link rule (which
 * Discord's parser extends), tried at every unescaped `[`.
 */
function liveLinks(text: string): string[] {
  const inside = String.raw`(?:\[[^\]]*\]|[^\[\]]|\](?=[^\[]*\]))*`;
  const href = String.raw`\s*<?((?:\([^)]*\)|[^\s\\])*?)>?(?:\s+['"]([\s\S]*?)['"])?\s*`;
  const link = new RegExp(String.raw`^\[(${inside})\]\(${href}\)`);
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] !== '[') continue;
    const m = link.exec(text.slice(i));
    if (m) {
      out.push(m[2] ?? '');
      i += m[0].length - 1;
    }
  }
  return out;
}

/** Every text of a payload Discord renders as markdown. */
const markdownOf = (payload: ReturnType<typeof render>): string[] =>
  payload.embeds
    .flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])
    .filter((s): s is string => s !== undefined);

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

  it('read a front matter url from the site root on a docs site, and let the base link a url that is no web address', () => {
    const engine = Engine.create(
      corpusOf({
        'mooring.md':
          '---\ntitle: Mooring\nurl: /guides/mooring/\n---\n\n## Fees\n\nVisiting yachts pay twelve euros a night.\n',
        'ferry.md':
          '---\ntitle: Ferry\nurl: "javascript:alert(1)"\n---\n\n## Times\n\nThe night ferry leaves from pier four.\n',
        'rules.txt': 'House rules\n\nNo pets in the lounge.\n',
      }),
    );
    const url = (base: string | undefined, question: string) => {
      engine.sourcesBaseUrl = base;
      return render(answerQuestion({ engine: () => engine }, 'u1', question).view).embeds[0]?.url;
    };
    // Before: no link at all for either page.
    expect(url('https://docs.example.org/{name}/', 'what do visiting yachts pay?')).toBe(
      'https://docs.example.org/guides/mooring/#fees',
    );
    expect(url('https://docs.example.org/{name}/', 'where does the night ferry leave from?')).toBe(
      'https://docs.example.org/ferry/#times',
    );
    // A repository's file view: the file's path, not the site's address.
    expect(url('https://github.com/you/docs/blob/main/', 'what do visiting yachts pay?')).toBe(
      'https://github.com/you/docs/blob/main/mooring.md#fees',
    );
    expect(url(undefined, 'what do visiting yachts pay?')).toBeUndefined();
  });

  it("follow a page's front matter slug on a docs site ({name}), not in a repository's file view", () => {
    const engine = Engine.create(
      corpusOf({
        'docs/intro.md': '---\nslug: /\n---\n# Welcome\n\nThe widget tracks parcels from door to door.\n',
        'docs/guide/setup.md':
          '---\nslug: first-steps\n---\n# Setup\n\nInstall the widget with the installer.\n',
        'docs/other.md': '# Other\n\nNothing else.\n',
      }),
    );
    const url = (base: string, question: string) => {
      engine.sourcesBaseUrl = base;
      return render(answerQuestion({ engine: () => engine }, 'u1', question).view).embeds[0]?.url;
    };
    // Before: https://acme.dev/docs/intro and …/guide/setup, pages the site does not have.
    expect(url('https://acme.dev/{name}', 'what does the widget track?')).toBe('https://acme.dev/');
    expect(url('https://acme.dev/{name}', 'how do I install the widget?')).toBe(
      'https://acme.dev/docs/guide/first-steps',
    );
    expect(url('https://github.com/acme/site/blob/main/', 'how do I install the widget?')).toBe(
      'https://github.com/acme/site/blob/main/docs/guide/setup.md',
    );
  });

  it('link a single-page site by its route, without a section anchor that would replace it', () => {
    const ctx = contextWith('https://docs.example.org/#/{name}');
    expect(askIn(ctx, 'How much memory does the server need?').embeds[0]?.url).toBe(
      'https://docs.example.org/#/guide/install',
    );
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

  it("never link where a document's own title points, and send addresses as well-formed URLs", () => {
    const hostile = {
      'faq.txt':
        '[a](b) FAQ [official help](https://evil.example/login)\n\nInvoices are sent monthly by the billing team.\n',
      'guide.txt':
        'Password reset guide](https://evil.example/phish) [see\n\nTo reset your password open the account settings page.\n',
      'spaced.md':
        '---\ntitle: Getting started\nurl: https://docs.example.org/getting started\n---\n\nThe lighthouse opens at noon.\n',
    };
    for (const base of [undefined, 'https://docs.example.org/{path}']) {
      const engine = Engine.create(corpusOf(hostile));
      engine.sourcesBaseUrl = base;
      const ctx: Context = { engine: () => engine };
      const payloads = [
        askIn(ctx, 'When are invoices sent?'),
        askIn(ctx, 'How do I reset my password?'),
        askIn(ctx, 'When does the lighthouse open?'),
        render(listSources(ctx).view),
      ];
      for (const payload of payloads) {
        for (const text of markdownOf(payload))
          for (const target of liveLinks(text)) expect(target, text).not.toContain('evil');
        for (const e of payload.embeds) if (e.url) expect(new URL(e.url).href).toBe(e.url);
      }
      // The titles still read as written.
      expect(markdownOf(payloads[3] as ReturnType<typeof render>).join('\n')).toContain('official help');
    }
    const spaced = Engine.create(corpusOf(hostile));
    expect(askIn({ engine: () => spaced }, 'When does the lighthouse open?').embeds[0]?.url).toBe(
      'https://docs.example.org/getting%20started',
    );
  });

  it('keep a long address in another script, and show a title of joiners alone as none', () => {
    const cyrillic = `https://ru.wikipedia.org/wiki/${'Ж'.repeat(400)}`;
    // Percent-encoded it would be 2,430 characters, past Discord's 2,048: kept as written.
    expect(httpUrl(cyrillic)).toBe(cyrillic);
    expect(httpUrl('https://ru.wikipedia.org/wiki/Жук (значения)')).toBe(
      'https://ru.wikipedia.org/wiki/%D0%96%D1%83%D0%BA%20%28%D0%B7%D0%BD%D0%B0%D1%87%D0%B5%D0%BD%D0%B8%D1%8F%29',
    );
    // A backslash kept in a query would escape the masked link's closing parenthesis.
    expect(httpUrl('https://a.example/?q=\\')).toBe('https://a.example/?q=%5C');
    expect(httpUrl('https://a.example/p#x\\)')).toBe('https://a.example/p#x%5C%29');
    // Characters a well-formed URI may not hold, which the URL parser keeps in a query or fragment.
    expect(httpUrl('https://x.example/?q=a|b^c{d}`e#f{g}|h')).toBe(
      'https://x.example/?q=a%7Cb%5Ec%7Bd%7D%60e#f%7Bg%7D%7Ch',
    );
    expect(oneLine('\u200D')).toBe('');
    expect(oneLine(' \u200C\u200D ')).toBe('');
    expect(oneLine('a\u200Db')).toBe('a\u200Db');
  });

  it('keep an address holding @here or @everyone as it is, and still break those words in the text', () => {
    const address = 'https://www.npmjs.com/package/@here/harp.gl';
    const engine = Engine.create(
      corpusOf({
        'harp.md': `---\ntitle: harp.gl\nurl: ${address}\n---\n\n## Install\n\nInstall harp.gl with npm install and a bundler; ping @here when done, see ${address} too.\n`,
        'a.md': '# A\n\nNothing here.\n',
        'b.md': '# B\n\nNothing either.\n',
      }),
    );
    const ctx: Context = { engine: () => engine };
    const answer = askIn(ctx, 'how do I install harp.gl with npm?').embeds[0];
    const sources = render(listSources(ctx).view).embeds[0];
    const texts = [
      answer?.description ?? '',
      ...(answer?.fields ?? []).map((f) => f.value),
      sources?.description ?? '',
    ];
    const targets = texts.flatMap((t) => liveLinks(t));
    expect(targets.length).toBeGreaterThan(1);
    // Before, a zero-width space after the @ sent every link to another address.
    for (const t of targets) expect(t.startsWith(address)).toBe(true);
    const all = texts.join('\n');
    expect(all).toContain(`see ${address} too`);
    expect(all).not.toMatch(/ping @here/);
    expect(all).toContain('@\u200Bhere when done');
  });

  it('break @everyone and @here run into an address, where they open no segment of its path', () => {
    const typed = '@everyone [x](http://y)@everyone see https://x.org/a)@here/b and https://x.org/@here/c';
    for (const out of [neutralise(typed), escapeText(typed)]) {
      expect(out).not.toMatch(/@(?:everyone|here)(?!\/)/);
      expect(out).toContain('https://x.org/@here/c');
    }
  });

  it('keep every excerpt and a whole link or file name when the address is too long for a text', () => {
    // 198 Cyrillic letters in a path: 1,213 characters once percent-encoded (Discord takes 2,048).
    const long = `https://docs.example.org/${encodeURIComponent('Руководство'.repeat(18))}`;
    const engine = Engine.create(
      corpusOf({
        'guide.md': `---\ntitle: Guide\nurl: ${long}\n---\n\n## Ports\n\nThe server listens on port 8080 by default.\n\n## Proxy\n\nPut a proxy in front of the server port for TLS.\n\n## Firewall\n\nOpen the server port in the firewall.\n`,
      }),
    );
    const payload = askIn({ engine: () => engine }, 'server port');
    assertWithinLimits(payload);
    const fields = payload.embeds[0]?.fields ?? [];
    expect(fields.length).toBeGreaterThan(1);
    for (const f of fields) {
      // Before, the excerpt had no room left and the link was cut in half.
      expect(f.value).toMatch(/server/i);
      expect(f.value).toMatch(/`guide\.md` ¶\d+$/);
    }
    // The embed's own link still goes to the document.
    expect(payload.embeds[0]?.url).toBe(`${long}#ports`);
  });

  it('list every document in /sources, each on one page, whole, however long their addresses', () => {
    const files: Record<string, string> = {};
    const n = 19;
    for (let i = 0; i < n; i++)
      files[`d${String(i).padStart(2, '0')}.md`] =
        `---\ntitle: Doc ${i}\nurl: https://docs.example.org/${'x'.repeat(360)}/${i}\n---\n\nText ${i}.\n`;
    const engine = Engine.create(corpusOf(files));
    const first = render(listSources({ engine: () => engine }).view);
    const pages = Number(/page 1\/(\d+)/.exec(first.embeds[0]?.footer?.text ?? '')?.[1]);
    expect(pages).toBeGreaterThan(Math.ceil(n / 10));
    const seen: number[] = [];
    for (let page = 0; page < pages; page++) {
      const payload = render(listSources({ engine: () => engine }, page).view);
      assertWithinLimits(payload);
      const description = payload.embeds[0]?.description ?? '';
      expect(description.endsWith('…')).toBe(false);
      for (const m of description.matchAll(/\*\*Doc (\d+)\*\*\]\(https:\/\/docs\.example\.org\/x+\/(\d+)\)/g))
        if (m[1] === m[2]) seen.push(Number(m[1]));
    }
    // Before, ten to a page: the description was cut and the last documents of each page lost.
    expect(seen).toEqual(Array.from({ length: n }, (_, i) => i));
  });
});

describe('section anchors as GitHub makes them', () => {
  /** The anchor each passage links to, by a word of its text. */
  function anchors(files: Record<string, string>): (word: string) => string | undefined {
    const engine = Engine.create(corpusOf(files));
    engine.sourcesBaseUrl = 'https://github.com/you/docs/blob/main/';
    return (word) => {
      const hit = engine.answer(word).results.find((r) => r.text.toLowerCase().includes(word.toLowerCase()));
      return hit?.url?.split('#')[1];
    };
  }

  it('number repeated headings as GitHub does, never giving two sections one anchor', () => {
    const at = anchors({
      'dups.md':
        '# Changelog notes\n\n## Echo\n\nEcho one alpha.\n\n## Echo\n\nEcho two bravo.\n\n## Echo 1\n\nEcho numbered charlie.\n\n## Foxtrot-1\n\nFoxtrot numbered delta.\n\n## Foxtrot\n\nFoxtrot first echoes.\n\n## Foxtrot\n\nFoxtrot second golfs.\n',
      'config.md':
        '# Configuration\n\nThis page explains how to configure the server.\n\n## Options\n\nAll options are optional.\n\n## Configuration\n\nPut the settings in config.yml in the project root.\n',
      'other.md': '# Other\n\nNothing.\n',
    });
    // Before: echo-1 twice, the last Foxtrot at #foxtrot-1 (the first heading's), and the second
    // Configuration at the page's title.
    expect(['alpha', 'bravo', 'charlie'].map(at)).toEqual(['echo', 'echo-1', 'echo-1-1']);
    expect(['delta', 'echoes', 'golfs'].map(at)).toEqual(['foxtrot-1', 'foxtrot', 'foxtrot-2']);
    expect(at('config.yml')).toBe('configuration-1');
  });

  it('count a heading with an id of its own, and give a question in bold or a summary no anchor of its own', () => {
    const at = anchors({
      'install.md':
        '# Tool\n\n<a id="setup"></a>\n## Install\n\nRun the installer from the releases page.\n\n## Install\n\nOn Windows use winget to fetch the package.\n',
      'faq.md':
        '# Bot\n\n## FAQ\n\n**How do I report someone?**\nUse the slash report command in any channel.\n\n<details>\n<summary>Why was my message deleted?</summary>\n\nThe automod removes links from new members.\n\n</details>\n\n## Why was my message deleted?\n\nModerators can also remove messages that break rule seven.\n',
      'other.md': '# Other\n\nNothing.\n',
    });
    expect(at('releases')).toBe('setup');
    // Before: #install, the first section.
    expect(at('winget')).toBe('install-1');
    // Before: #how-do-i-report-someone (no such id) and the later section's id for the summary.
    expect(at('slash')).toBe('faq');
    expect(at('automod')).toBe('faq');
    expect(at('moderators')).toBe('why-was-my-message-deleted');
  });

  it('drop what GitHub drops from an id: numbers that are not digits', () => {
    const at = anchors({
      'steps.md': '# Steps\n\n## Step ① first\n\nPlug the cable in.\n\n## Version ½\n\nHalf a version.\n',
      'a.md': '# A\n\nNothing.\n',
      'b.md': '# B\n\nNothing else.\n',
    });
    expect(at('cable')).toBe('step--first');
    expect(at('half')).toBe('version-');
  });
});
