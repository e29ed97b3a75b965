/**
 * Inputs that could stall or break the tokenizer: long runs without spaces, in questions and
 * in documents. Checked by their results (a capped input answers like its capped form), not
 * by timing.
 */
import { describe, expect, it } from 'vitest';
import { Engine, MAX_QUESTION_LENGTH } from '../../src/core/index.js';
import { MAX_RUN, normalizeForMatch } from '../../src/core/normalize.js';
import { terms } from '../../src/core/tokenizer.js';
import { corpusOf } from '../helpers.js';

const base64 = Buffer.from(Array.from({ length: 45_000 }, (_, i) => (i * 7919) % 256)).toString('base64');
const bangs = '!?'.repeat(30_000);

describe('long runs without spaces', () => {
  it('are cut to MAX_RUN characters before tokenising', () => {
    expect(normalizeForMatch(`a ${bangs} b`)).toBe(`a ${'!?'.repeat(MAX_RUN / 2)} b`);
    expect(terms(base64)).toEqual(terms(base64.slice(0, MAX_RUN)));
  });

  it('in a question give the same answer as the question capped', () => {
    const e = Engine.create(corpusOf({ 'a.txt': 'The ferry leaves at nine.\nThe museum opens at ten.\n' }));
    for (const junk of [base64, bangs, `ferry ${'x'.repeat(60_000)}`]) {
      const a = e.answer(junk);
      const capped = e.answer(normalizeForMatch(junk.slice(0, MAX_QUESTION_LENGTH)));
      expect(a.results).toEqual(capped.results);
      expect(a.question.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
    }
  });

  it('in a document leave the rest of the document searchable', () => {
    const e = Engine.create(
      corpusOf({
        'blob.txt': `Attachment follows.\n${base64}\n${bangs}\nThe ferry leaves at nine.\n`,
        'b.txt': 'Nothing else.\nReally.\n',
      }),
    );
    expect(e.answer('When does the ferry leave?').results[0]?.paragraph).toBe(4);
  });
});

describe('questions made to stall the reading of chat courtesies', () => {
  // The one timed check here: an answer has to come within Discord's 3 s. A run of spaces
  // before a run of closings was cut every way by the closings regex: 10 s for this question.
  it('answer within 3 s', { timeout: 3_000 }, () => {
    const e = Engine.create(
      corpusOf({ 'a.txt': 'Set a timeout with the timeout option.\nThe ferry leaves at nine.\n' }),
    );
    const fill = (head: string, unit: string) => {
      let s = `${head}${' '.repeat(300)}`;
      while (s.length + unit.length <= MAX_QUESTION_LENGTH) s += unit;
      return s;
    };
    for (const q of [
      fill('how do i set a timeout', ' ty'),
      fill('how do i set a timeout', '. is that possible'),
    ])
      expect(e.answer(q).results[0]?.text).toBe('Set a timeout with the timeout option.');
  });
});

describe('documents made to stall the reading of names', () => {
  // A run of capitals without a space (a DNA sequence, a key in capitals) was read for names
  // from each of its letters: 16 s for the first question with an acronym after a build.
  it('answer within 3 s', { timeout: 3_000 }, () => {
    let seed = 7;
    const dna = Array.from({ length: 100_000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return 'ACGT'[seed % 4];
    }).join('');
    const e = Engine.create(
      corpusOf({
        'a.md': `# Notes\n\nThe PCR product was sequenced.\n\n${dna}\n\nThe DNA was extracted with a kit.\n`,
        'b.md': `---\ntitle: "${dna}"\n---\n\nUnrelated text about boats.\n`,
      }),
    );
    expect(e.answer('what is PCR?').results[0]?.text).toBe('The PCR product was sequenced.');
    expect(e.answer('how was the DNA extracted? link').results[0]?.text).toBe(
      'The DNA was extracted with a kit.',
    );
    // Runs of capitals between hyphens (each after a hyphen may start a name) read in time too.
    const hyphens = Engine.create(
      corpusOf({ 'a.md': `# Notes\n\nThe PCR product was sequenced.\n\n${'A-'.repeat(50_000)}\n` }),
    );
    expect(hyphens.answer('what is PCR?').results[0]?.text).toBe('The PCR product was sequenced.');
  });

  it('still read a name after a hyphen: "the PM" is the ex-Prime Minister', () => {
    const e = Engine.create(
      corpusOf({
        'pm.md': '# Notes\n\nThe ex-Prime Minister opened the library.\n\nThe mayor opened the pool.\n',
        'x.md': '# Other\n\nThe library and the pool are closed on Mondays.\n',
      }),
    );
    const a = e.answer('what did the PM open');
    expect(a.notFound).not.toContain('pm');
    expect(a.results[0]?.text).toContain('ex-Prime Minister');
  });
});
