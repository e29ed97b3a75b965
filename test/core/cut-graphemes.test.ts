/**
 * Text the core cuts (excerpts, direct answers, long sentences made windows, autocomplete values)
 * is cut between graphemes: never half an emoji (a lone surrogate, which Discord refuses) nor a
 * family emoji split from its members.
 */
import { describe, expect, it } from 'vitest';
import { documentChoices, Engine } from '../../src/core/index.js';
import { LONE_SURROGATE } from '../e2e/limits.js';
import { corpusOf } from '../helpers.js';

const FAMILY = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}';

describe('cuts between graphemes', () => {
  const files = corpusOf({
    // A decorative banner of emoji in community rules: a run with no space to cut at.
    'rules.md': `# Rules\n\nThe salamanders ${'\u{1F600}'.repeat(700)} salamander end.\n\nBe kind to the newts and the axolotls.\n`,
    'family.md': `# Family\n\nThe otters ${FAMILY.repeat(400)} otter end.\n\nOtters hold hands while they sleep.\n`,
    'other.md': '# Other\n\nNothing about amphibians here.\n',
  });
  const engine = Engine.create(files);

  it('never leaves half an emoji in an excerpt, a direct answer or a passage', () => {
    for (const q of ['salamanders', 'salamander end', 'otters', 'otter end']) {
      const a = engine.answer(q);
      expect(a.results.length).toBeGreaterThan(0);
      for (const text of [a.answer?.text ?? '', ...a.results.flatMap((r) => [r.excerpt, r.text])]) {
        expect(text).not.toMatch(LONE_SURROGATE);
        // A family emoji is whole or absent at each end of the text.
        expect(text.replace(new RegExp(FAMILY, 'gu'), '')).not.toMatch(/\u200D|\u{1F469}\u200D?$/u);
      }
    }
  });

  it('offers an autocomplete value that is whole text, however long the path', () => {
    const path = `deep/${'\u{1F600}'.repeat(60)}.md`;
    const docs = Engine.create(
      corpusOf({ [path]: '# Deep\n\nA file deep down.\n', 'a.md': '# A\n\nA.\n', 'b.md': '# B\n\nB.\n' }),
    ).documents;
    const choices = documentChoices(docs, '');
    const deep = choices.find((c) => c.name.includes('Deep'));
    expect(deep?.value.length).toBeLessThanOrEqual(100);
    expect(deep?.value).not.toMatch(LONE_SURROGATE);
  });
});
