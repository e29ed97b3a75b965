/** What a reader sees is what the documents say: code blocks, web addresses and names shown as written, no escape doubled. */
import { describe, expect, it } from 'vitest';
import type { Context } from '../../commands/_contract.js';
import { answerQuestion, pressButton } from '../../commands/ask.js';
import { listSources } from '../../commands/sources.js';
import { escapeName } from '../../src/bot/text/escape.js';
import { render } from '../../src/bot/views/index.js';
import { citationLine, resultSource } from '../../src/bot/views/parts.js';
import { Engine } from '../../src/core/index.js';
import { corpusOf } from '../helpers.js';

const contextOf = (docs: Record<string, string>): Context => {
  const engine = Engine.create(corpusOf(docs));
  return { engine: () => engine };
};
const ask = (ctx: Context, q: string) => render(answerQuestion(ctx, '123', q).view);
/** Presses "Show paragraph" on an answer, as its asker. */
const showParagraph = (ctx: Context, answer: ReturnType<typeof render>) => {
  const customId = (answer.components[0]?.components[1] as { custom_id?: string } | undefined)
    ?.custom_id as string;
  const message = { id: 'm', content: '', embeds: answer.embeds };
  return render(
    pressButton(ctx, { customId, userId: '123', message } as unknown as Parameters<typeof pressButton>[1])
      .view,
  );
};

describe('web addresses in names (escapeName)', () => {
  it('a heading with an address keeps the address whole in /sources and in citations', () => {
    const ctx = contextOf({
      'mirror.md':
        '# Mirrors at https://dl.example.org/_releases/\n\nThe tarball mirror is synced nightly.\n',
    });
    const list = render(listSources(ctx).view).embeds[0]?.description ?? '';
    const answer = ask(ctx, 'tarball mirror').embeds[0]?.description ?? '';
    // Discord autolinks `https://dl.example.org/\_releases/`: the backslash shows and is in the link.
    expect(list).not.toContain('https://dl.example.org/\\_releases/');
    expect(answer).not.toContain('https://dl.example.org/\\_releases/');
  });

  it('an address asked about is listed as written among the words not found', () => {
    const ctx = contextOf({ 'kiwi.md': '# Kiwi\n\nThe kiwi bird cannot fly.\n' });
    const text = ask(ctx, 'https://en.wikipedia.org/wiki/Kiwi_(bird)').embeds[0]?.description;
    // An address pasted around a question is not listed (see query.ts); one asked about is.
    expect(text).toMatch(/Not (?:in the documents|found)/);
    // Read lower case and cut, it would link elsewhere: listed as a word, not a live link.
    const listed = (text ?? '').slice((text ?? '').search(/Not (?:in the documents|found)/));
    expect(listed).toContain('en.wikipedia.org/wiki/kiwi');
    expect(listed).not.toMatch(/https?:\/\//);
  });
});

describe('Show paragraph', () => {
  it('shows a code block as written: no zero-width space inside it', () => {
    const ctx = contextOf({
      'html.md':
        '# Templates\n\nWrap the kiwi widget in a div:\n\n```html\n<div class="kiwi">\n  <span>hi</span>\n</div>\n```\n',
    });
    const shown = showParagraph(ctx, ask(ctx, 'kiwi widget div')).embeds[0]?.description ?? '';
    expect(shown).toContain('```');
    expect(shown).toContain('</div>'); // today: `<\u200B/div>`, which breaks the code when copied
  });

  it('a long file name in the title is escaped once', () => {
    const name = `Meeting notes [draft] 2024_(final)_${'very long name '.repeat(16)}.txt`;
    const ctx = contextOf({ [name]: 'Meeting notes\n\nThe kiwi budget was approved.\n' });
    const title = showParagraph(ctx, ask(ctx, 'kiwi budget')).embeds[0]?.title ?? '';
    // today: `Meeting notes \\\[draft\\\] 2024\\\_(final)…`, shown as `\[draft\] 2024\_(final)`
    expect(title).not.toContain('\\\\');
  });

  it('cuts no line of a long code block in half', () => {
    const lines = Array.from(
      { length: 40 },
      (_, i) => `def handler_${i}(event, context):  # process event number ${i}`,
    );
    const ctx = contextOf({ 'h.md': `# Handlers\n\n\`\`\`python\n${lines.join('\n')}\n\`\`\`\n` });
    const shown = showParagraph(ctx, ask(ctx, 'handler 35 event')).embeds[0]?.description ?? '';
    // Fenced with its language, so Discord highlights it.
    expect(shown).toMatch(/^```python\n/m);
    const inside = shown.split('```python')[1]?.split('```')[0]?.split('\n').filter(Boolean) ?? [];
    expect(inside.length).toBeGreaterThan(0);
    // today the block starts with the line `33`, the end of `# process event number 33`
    for (const line of inside) expect(lines).toContain(line);
  });
});

describe('Show paragraph of a long paragraph', () => {
  it('says when it shows only part of the paragraph', () => {
    const filler = (n: number) =>
      Array.from({ length: n }, (_, i) => `Sentence ${i} tells how blocks hold records and keys.`).join(' ');
    const paragraph = `${filler(25)} The zebracorn setting controls compaction. ${filler(25)}`;
    const ctx = contextOf({ 'storage.md': `# Storage\n\n${paragraph}\n` });
    const shown = showParagraph(ctx, ask(ctx, 'zebracorn compaction')).embeds[0]?.description ?? '';
    const whole = shown.startsWith('Sentence 0 ') && shown.includes('Sentence 24 ');
    // today: only the window from "The zebracorn setting…" on, with no "…" and no "(cut — …)" note
    expect(whole || shown.startsWith('…') || /\(cut/.test(shown)).toBe(true);
  });
});

describe('Show paragraph of a paragraph too long for a message', () => {
  it('shows the window that answers, marked as part of the paragraph', () => {
    const filler = (n: number, from: number) =>
      Array.from(
        { length: n },
        (_, i) => `Sentence ${from + i} tells how blocks hold records and keys.`,
      ).join(' ');
    const paragraph = `${filler(60, 0)} The zebracorn setting controls compaction. ${filler(60, 60)}`;
    const ctx = contextOf({ 'storage.md': `# Storage\n\n${paragraph}\n` });
    const shown = showParagraph(ctx, ask(ctx, 'zebracorn compaction')).embeds[0]?.description ?? '';
    expect(shown).toContain('zebracorn setting controls compaction');
    expect(shown.startsWith('\u2026 ')).toBe(true);
    expect(shown.endsWith(' \u2026')).toBe(true);
  });
});

describe('mentions around a code block', () => {
  it('are still neutralised outside the block', () => {
    const ctx = contextOf({
      'ping.md':
        '# Pings\n\nPing <@123> and @everyone about the kiwi widget:\n\n```\n<@456> stays as written\n```\n',
    });
    const shown = showParagraph(ctx, ask(ctx, 'kiwi widget ping')).embeds[0]?.description ?? '';
    expect(shown).toContain('<@456> stays as written');
    expect(shown).not.toMatch(/<@123>|@everyone/);
  });
});

/** The text Discord renders outside code blocks (its code block rule, tried left to right; `\` escapes). */
function outsideCode(text: string): string {
  const block = /^```(?:([a-z0-9_+\-.#]+?)\n)?\n*([^\n][\s\S]*?)\n*```/i;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      out += text.slice(i, i + 2);
      i++;
      continue;
    }
    const m = text[i] === '`' ? block.exec(text.slice(i)) : null;
    if (m) {
      i += m[0].length - 1;
      continue;
    }
    out += text[i];
  }
  return out;
}

/** Whether the character at `i` is escaped by an odd run of backslashes before it. */
const escapedAt = (s: string, i: number) => {
  let n = 0;
  for (let k = i - 1; k >= 0 && s[k] === '\\'; k--) n++;
  return n % 2 === 1;
};

describe('code blocks as Discord reads them', () => {
  it('a block whose text is all controls is left out, so the fences after it pair as before: no live mention', () => {
    const ctx = contextOf({
      'p.md':
        '# Pings\n\nKiwi widget notes:\n\n```\n\u202E\n```\n\nKiwi widget owners are listed below.\n\n```\n<@456> kiwi\n```\n',
    });
    const shown = showParagraph(ctx, ask(ctx, 'kiwi widget owners')).embeds[0]?.description ?? '';
    expect(shown).toContain('<@456> kiwi');
    expect(outsideCode(shown)).not.toMatch(/<@\d/);
  });
});

describe('a web address ending a name', () => {
  const c = {
    source: 'm.md',
    title: 'Mirror https://dl.example.org/win\\',
    paragraph: 3,
    url: 'https://docs.example.org/m',
  };

  it('escapes neither the masked link nor the italics around it', () => {
    const source = resultSource(c);
    expect(escapedAt(source, source.indexOf(']('))).toBe(false);
    const line = citationLine(c, 300);
    expect(escapedAt(line, line.indexOf('*]('))).toBe(false);
    const name = escapeName('see https://a.org/x\\');
    expect(escapedAt(`${name}]`, name.length)).toBe(false);
  });
});

describe('Show paragraph of long paragraphs', () => {
  const filler = (n: number, tag: string) =>
    Array.from(
      { length: n },
      (_, i) => `Sentence ${i} of ${tag} tells how blocks hold records and keys.`,
    ).join(' ');

  it('shows the window that answered when three whole paragraphs would not fit the message', () => {
    const section = (tag: string) =>
      `## ${tag}\n\n${filler(45, tag)} The zebracorn setting of ${tag} controls compaction.\n`;
    const ctx = contextOf({
      'storage.md': `# Storage\n\n${['alpha', 'beta', 'gamma'].map(section).join('\n')}`,
    });
    const shown = showParagraph(ctx, ask(ctx, 'zebracorn setting compaction')).embeds;
    expect(shown.length).toBeGreaterThan(1);
    for (const e of shown) expect(e.description).toContain('zebracorn');
  });

  it('shows a code paragraph just under a message, whose match is at its end, with that match', () => {
    const lines = Array.from(
      { length: 80 },
      (_, i) => `run_step_${i}(ctx)  # plain step number ${i} of the pipeline`,
    );
    lines.push('flush_zebracorn_cache(ctx)  # the zebracorn cache');
    const code = lines.join('\n').slice(-4090);
    const ctx = contextOf({ 'p.md': `# Pipeline\n\n\`\`\`python\n${code}\n\`\`\`\n` });
    const shown = showParagraph(ctx, ask(ctx, 'zebracorn cache')).embeds[0]?.description ?? '';
    expect(shown).toContain('flush_zebracorn_cache');
  });
});
