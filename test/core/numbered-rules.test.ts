/**
 * A server's rules written as a numbered Markdown list, asked about by number, as members do
 * ("what is rule 3?"): the list's items keep their numbers, and the answer is the rule itself.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/index.js';
import { corpusOf } from '../helpers.js';

const RULES = `# Server Rules

Please read these before posting.

1. Be respectful to everyone. No harassment, hate speech or personal attacks.
2. No spam or self-promotion outside the #promo channel.
3. Keep NSFW content out of all channels.
4. Do not ping @everyone or moderators for help.
5. Use English in the main channels.
6. Follow the Discord Terms of Service.
`;

describe('numbered rules in Markdown', () => {
  const engine = Engine.create(
    corpusOf({
      'rules.md': RULES,
      'faq.md': '# FAQ\n\n## How do I reset my password?\n\nUse the reset link on the login page.\n',
      'events.md': '# Events\n\nGame nights are on Fridays.\n',
    }),
  );

  it('answers "what is rule 3?" with rule 3', () => {
    // Before: "Not in the documents: 3": the list's numbers were read as bullets.
    for (const [question, rule] of [
      ['what is rule 3?', 'Keep NSFW content out of all channels.'],
      ['rule 4', 'Do not ping @everyone or moderators for help.'],
      ['What does rule 6 say?', 'Follow the Discord Terms of Service.'],
    ] as const) {
      const a = engine.answer(question);
      expect(a.notFound).toEqual([]);
      expect(a.answer?.text.replace(/\*\*/g, '')).toBe(rule);
    }
  });

  it('shows each rule with its number in the passage, not a bullet', () => {
    const text = engine.answer('what is rule 5?').results[0]?.text ?? '';
    expect(text).toContain('5. Use English in the main channels.');
    expect(text).not.toContain('\u2022');
  });
});

describe('a numbered Markdown list of years', () => {
  it('keeps numbers of one to three digits only: a year is no rule number', () => {
    const engine = Engine.create(
      corpusOf({
        'history.md':
          '# History\n\n2019. The club was founded in a garage\n2020. First tournament held online\n2021. Moved to the town hall\n',
        'rules.md': RULES,
        'events.md': '# Events\n\nGame nights are on Fridays.\n',
      }),
    );
    // Before: answered "The club was founded in a garage\n2020.", the next year read as its end.
    const a = engine.answer('when was the club founded?');
    expect(a.answer?.text ?? '').not.toContain('2020');
    expect(a.results[0]?.text).toContain('The club was founded in a garage');
  });
});
