/**
 * Section titles of reStructuredText: the adornment that under- (and over-) lines them, what
 * the converters of one document share (the adornment styles in the order first seen, which
 * give the levels, and the ids given so far), and the id docutils gives a section.
 */

/** Punctuation that can adorn a section title (docutils' recommended set and the rest). */
export const ADORNMENT = /^([!-/:-@[-`{-~])\1{2,}\s*$/;

/** What the converters of one document share: title styles, substitutions, the section level. */
export interface Shared {
  /** Adornment styles in the order first seen: a style's index is its level - 1. */
  styles: string[];
  substitutions: Map<string, string>;
  /** The level of the section being read (0 before any title). */
  level: number;
  /**
   * Characters substitutions may still add: a short file of many `|a|` for a long `replace::`
   * would otherwise grow without bound. Past it, a substitution reads as its name.
   */
  budget: number;
  /** Section ids given so far (see sectionId), and the last number given after each prefix. */
  ids: Set<string>;
  numbered: Map<string, number>;
}

/** Letters NFKD does not take apart, as docutils reads them into ids (see sectionId). */
const ID_LETTERS: Record<string, string> = {
  ß: 'sz',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ł: 'l',
  ŀ: 'l',
  ŧ: 't',
  þ: 'th',
};

/**
 * The id docutils (Sphinx, Read the Docs, GitHub's view of a .rst file) gives a section: its
 * title's text in lower case, as ASCII letters and digits, every other run a hyphen, without
 * leading digits or hyphens (`Using ``Session.mount()``` → `using-session-mount`, `Version
 * 2.0.1` → `version-2-0-1`, `Ünïcode Héading` → `unicode-heading`). A title whose id is taken,
 * or with no ASCII letter or digit, gets the next automatic id, `id1`, `id2`…, as Sphinx numbers
 * them (its `auto_id_prefix` is `id`; plain docutils 0.18 and later would write `section-1`).
 */
export function sectionId(title: string, shared: Shared): string {
  const text = title
    .replace(/(?<![\w.:+-]):[\w.:+-]+:(?=`)/g, '') // a role's name (:func:`get`)
    .replace(/`([^`<]*)<[^<>`]*>`_{0,2}/g, (_, text: string) => text.trimEnd()); // a link's target (`text <url>`_)
  const base = text
    .toLowerCase()
    .replace(/[ßæœøđðħıłŀŧþ]/g, (c) => ID_LETTERS[c] ?? c)
    .normalize('NFKD')
    .replace(/\P{ASCII}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[-0-9]+|-+$/g, '');
  let id = base;
  if (!id || shared.ids.has(id)) {
    do {
      const n = (shared.numbered.get('id') ?? 0) + 1;
      shared.numbered.set('id', n);
      id = `id${n}`;
    } while (shared.ids.has(id));
  }
  shared.ids.add(id);
  return id;
}
