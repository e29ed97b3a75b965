/**
 * What the documents' acronyms stand for, read from their names: runs of capitalised words and
 * their initials (Mozilla Public License → MPL).
 */
import type { DocumentInfo, Paragraph } from './answer-types.js';
import { fileLabel } from './passages.js';

/**
 * A run of capitalised words (with `of`, `and`, `for`, `the` between them): a name. Each word
 * whole and of at most 41 characters, the run starting where a word does (or after a hyphen:
 * the ex-Prime Minister): tried inside a word, a run of 100,000 capitals (a DNA sequence) was
 * scanned to its end from each of its letters, 16 s for the first question after a build.
 */
const NAME_WORD = "\\p{Lu}[\\p{L}\\p{M}'’-]{0,40}(?![\\p{L}\\p{M}'’-])";
const NAME_RUN = new RegExp(
  `(?<![\\p{L}\\p{M}'’])${NAME_WORD}(?:[ \\t]+(?:(?:of|and|for|the|on|in|de|du|la|von)[ \\t]+)?${NAME_WORD}){1,5}`,
  'gu',
);

/**
 * What acronyms stand for in the documents: the initials of every run of two to six
 * capitalised words (Mozilla Public License → MPL, Prime Minister → PM, and the runs inside a
 * longer name), each kept with its commonest expansion. Read from the text on first need.
 */
export function findAcronyms(
  paragraphs: readonly Paragraph[],
  documents: readonly DocumentInfo[],
): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  const note = (text: string) => {
    for (const { initials, phrase } of nameRuns(text, false)) {
      let byPhrase = counts.get(initials);
      if (!byPhrase) {
        byPhrase = new Map();
        counts.set(initials, byPhrase);
      }
      byPhrase.set(phrase, (byPhrase.get(phrase) ?? 0) + 1);
    }
  };
  for (const d of documents) note(d.title);
  for (const p of paragraphs) note(p.text);
  const out = new Map<string, string>();
  for (const [initials, byPhrase] of counts) {
    let best = '';
    let most = 0;
    for (const [phrase, n] of byPhrase) if (n > most) [best, most] = [phrase, n];
    out.set(initials, best);
  }
  return out;
}

/**
 * The acronyms of the documents' titles, a short name in capitals giving its letter too (GNU
 * Free Documentation License → GFDL, Mozilla Public License → MPL): each to its title's words.
 */
export function findTitleAcronyms(documents: readonly DocumentInfo[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of documents)
    for (const { initials, phrase } of nameRuns(titleCased(d.title), true))
      if (!out.has(initials)) out.set(initials, phrase);
  // A file named by an acronym its text never writes (`BSD-3-Clause.txt`, `LGPL-2.1.txt`): the
  // acronym names the document, whatever its title.
  for (const d of documents)
    for (const part of fileAcronyms(d.source)) if (!out.has(part)) out.set(part, d.title);
  return out;
}

/**
 * The names a project gives its files by custom (`README`, `FAQ`, `TODO`, `NEWS`): they name no
 * subject the documents treat, so no acronym comes of them.
 */
const CUSTOMARY_NAMES = new Set([
  'README',
  'FAQ',
  'TODO',
  'NEWS',
  'NOTES',
  'USAGE',
  'INDEX',
  'INSTALL',
  'AUTHORS',
  'CHANGES',
  'HISTORY',
  'COPYING',
  'THANKS',
  'BUGS',
  'API',
]);
/** Words a file's name joins its parts with (`NOTES_AND_TODO.txt`). */
const JOINING_WORDS = new Set(['AND', 'OR', 'OF', 'FOR', 'THE', 'TO', 'IN', 'ON', 'WITH', 'BY', 'AT']);

/**
 * The acronyms a file's name is made of: `BSD` of `licenses/BSD-3-Clause.txt`, `GPL` of
 * `GPL-2.0.txt`; not its customary names (`FAQ.md`) nor the words that join its parts.
 */
function fileAcronyms(source: string): string[] {
  return fileLabel(source.replace(/^.*\//, ''))
    .split(/[ .]+/)
    .filter((p) => /^\p{Lu}{2,6}$/u.test(p) && !CUSTOMARY_NAMES.has(p) && !JOINING_WORDS.has(p));
}

/**
 * A title set all in capitals, as licences set theirs (`GNU LESSER GENERAL PUBLIC LICENSE`), in
 * title case: its words of four letters or more capitalised, the joining words in lower case
 * (`TERMS AND CONDITIONS OF USE` gives no TACO), the other short ones left as written
 * (`GNU Lesser General Public License`), so it names its document as a title in title case
 * does. In a title, capitals are its style, not shouting.
 */
function titleCased(title: string): string {
  if (/\p{Ll}/u.test(title)) return title;
  return title.replace(/\p{Lu}+/gu, (w) =>
    JOINING_WORDS.has(w) || w === 'A' || w === 'AN'
      ? w.toLowerCase()
      : w.length >= 4
        ? (w[0] as string) + w.slice(1).toLowerCase()
        : w,
  );
}

/**
 * The runs of two to six capitalised words of a text's names (see NAME_RUN), each with its
 * initials; never a run in capitals only ("MOZILLA PUBLIC LICENSE" is shouting, not a name).
 * With `shortCaps`, a short word in capitals inside a name gives its letter (GNU in GNU Free
 * Documentation License); without, a run holding one is left out.
 */
function* nameRuns(text: string, shortCaps: boolean): Generator<{ initials: string; phrase: string }> {
  const caps = (w: string) => /^\p{Lu}+$/u.test(w);
  for (const m of text.matchAll(NAME_RUN)) {
    const words = m[0].split(/[ \t]+/).filter((w) => /^\p{Lu}/u.test(w));
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 2; j <= Math.min(words.length, i + 6); j++) {
        const run = words.slice(i, j);
        if (run.some((w) => w.length < 2 || (caps(w) && (!shortCaps || w.length > 4))) || run.every(caps))
          continue;
        yield { initials: run.map((w) => (w[0] as string).toUpperCase()).join(''), phrase: run.join(' ') };
      }
    }
  }
}
