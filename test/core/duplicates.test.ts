/**
 * Duplicate passages are found by a hash of their duplicate key (lower case, every run of
 * characters other than letters and digits one space). The build hashes most passages without
 * making the key: that shortcut must give the hash of the key, whatever the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateKey } from '../../src/core/normalize.js';
import { duplicateHash, hash53 } from '../../src/core/units.js';

const viaKey = (text: string) => {
  const key = duplicateKey(text);
  return key ? hash53(key) : -1;
};

describe('duplicateHash', () => {
  it('hashes texts that differ only in case, spacing and punctuation alike', () => {
    const a = duplicateHash('The ferry leaves at 7 -- every day.');
    expect(duplicateHash('  the FERRY leaves, at 7; every day!')).toBe(a);
    expect(duplicateHash('The ferry leaves at 8 every day.')).not.toBe(a);
    expect(duplicateHash('... --- !!!')).toBe(-1);
  });

  it('equals the hash of the duplicate key, for any text (property)', () => {
    const unit = fc.constantFrom(
      'a',
      'Z',
      'q',
      '7',
      ' ',
      '  ',
      '-',
      '.',
      '\n',
      '\t',
      '~',
      'é',
      '’',
      '\u200B',
      'ﬁ',
      '—',
      'ééééééééééééééééééééééé',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
        expect(duplicateHash(text)).toBe(viaKey(text));
      }),
      { numRuns: 3000 },
    );
  });
});
