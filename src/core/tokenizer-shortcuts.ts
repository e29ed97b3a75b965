/**
 * Terms written with marks that the words alone would miss: short command-line options (`-k`,
 * `-fsSL`), keyboard shortcuts (`Ctrl+Shift+P`, the modifiers in a fixed order) and languages
 * named by a letter and a mark (`C#`, `C++17`).
 */

import type { Columns } from './tokenizer-types.js';

/**
 * A short command-line option starting at token i (`-k`, `-L`, `-fsSL`), as written: a term of
 * its own, so "is it safe to pass -k?" finds "use -k". Case counts (`-L` is not `-l`). Long
 * options (`--insecure`) need nothing: their word is a word.
 */
export function optionAt(c: Columns, i: number): string | undefined {
  if (c.value[i] !== '-') return undefined;
  // At the start of a chunk or after an opening mark (`(-k)`, `-L/-l`), never inside a word.
  const before = c.type[i - 1];
  if (i > 0 && (before === 'word' || before === 'number' || c.spaces[i] !== '')) return undefined;
  // A default after a colon (`${LEVEL:-info}`, `TZ:-UTC`) is not an option (`CFLAGS=-O2` is).
  if (i > 0 && (c.value[i - 1] ?? '').endsWith(':')) return undefined;
  // wink reads `-k.` at the end of a sentence as `-` and `k.`.
  const name = c.value[i + 1]?.replace(/\.$/, '');
  if (c.type[i + 1] !== 'word' || c.spaces[i + 1] !== '' || !name || !/^[A-Za-z][A-Za-z0-9]{0,3}$/.test(name))
    return undefined;
  return `-${name}`;
}

/** Modifier keys as a shortcut writes them, and the name each is read as. */
const MODIFIER_KEYS: ReadonlyMap<string, string> = new Map([
  ['ctrl', 'ctrl'],
  ['control', 'ctrl'],
  ['alt', 'alt'],
  ['shift', 'shift'],
  ['cmd', 'cmd'],
  ['command', 'cmd'],
  ['meta', 'meta'],
  ['option', 'option'],
  ['opt', 'option'],
  ['super', 'super'],
  ['win', 'win'],
  ['fn', 'fn'],
]);

/** The order modifiers are named in a shortcut's term, whatever order a text writes them in. */
const MODIFIER_ORDER = [...new Set(MODIFIER_KEYS.values())];
/** Keys named by a word, which may end a shortcut (`Ctrl+Enter`); a letter, digit or F-key may too. */
const KEY_NAMES = new Set([
  'enter',
  'return',
  'tab',
  'space',
  'esc',
  'escape',
  'delete',
  'del',
  'backspace',
  'home',
  'end',
  'pageup',
  'pagedown',
  'pgup',
  'pgdn',
  'up',
  'down',
  'left',
  'right',
  'insert',
  'ins',
  'plus',
  'minus',
  'comma',
  'period',
  'slash',
  'backslash',
  'backtick',
  'semicolon',
  'quote',
  'pause',
  'break',
  'print',
  'prtsc',
]);
const SINGLE_KEY = /^(?:[a-z0-9]|f\d{1,2})$/;

/**
 * Where a text writes a shortcut term (`ctrl+shift+p`): `Ctrl+Shift+P`, `Shift-Ctrl-P`,
 * `Control + Shift + P`, any case, the modifiers in any order; undefined for a term that is no
 * shortcut.
 */
export function shortcutPattern(term: string): RegExp | undefined {
  const keys = term.split('+');
  const key = keys.pop() as string;
  if (keys.length === 0 || !keys.every((k) => MODIFIER_ORDER.includes(k))) return undefined;
  const modifiers = [...MODIFIER_KEYS].filter(([, name]) => keys.includes(name)).map(([written]) => written);
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(?:(?:${modifiers.join('|')}) ?[+-] ?){${keys.length}}${key.replace(/[^a-z0-9]/g, '')}(?![\\p{L}\\p{N}])`,
    'giu',
  );
}

/**
 * Spaces around the plus of a shortcut, closed up (`Ctrl + C` → `Ctrl+C`) before a text is cut
 * into chunks at its spaces, so that the shortcut is one chunk (see keysAt).
 */
export function closeShortcuts(text: string): string {
  return text.includes('+') ? text.replace(SPACED_SHORTCUT, '$1+') : text;
}
const SPACED_SHORTCUT = new RegExp(
  `\\b(${[...MODIFIER_KEYS.keys()].join('|')}) ?\\+ ?(?=[\\p{L}\\p{N}])`,
  'giu',
);

/**
 * A keyboard shortcut starting at token i (`Ctrl+C`, `Ctrl-Shift-P`, `Alt+F4`, `Cmd+Enter`,
 * `Control-Alt-Delete`): one term of its own as well as its words (`ctrl+c`, the modifiers in a
 * fixed order), so "what does ctrl+c do?" finds `Ctrl+C` and not every other Ctrl shortcut (the
 * C alone is no word). The key is a letter, a digit, an F-key or a named key (`Enter`, `Left`);
 * with hyphens, a named key needs two modifiers: "shift-left" and "alt-text" are words.
 */
export function keysAt(c: Columns, i: number): string | undefined {
  const first = MODIFIER_KEYS.get(c.normal[i] ?? '');
  if (c.type[i] !== 'word' || !first) return undefined;
  // Inside a shortcut (the Shift of Ctrl+Shift+P) no other one starts.
  const joined = (k: number) =>
    (c.value[k] === '+' || c.value[k] === '-') && c.spaces[k] === '' && c.spaces[k + 1] === '';
  if (i >= 2 && joined(i - 1) && MODIFIER_KEYS.has(c.normal[i - 2] ?? '')) return undefined;
  const modifiers = new Set([first]);
  let hyphen = false;
  for (let k = i + 1; modifiers.size < 5 && joined(k); k += 2) {
    const key = c.normal[k + 1] ?? '';
    if (c.type[k + 1] !== 'word' && c.type[k + 1] !== 'number') return undefined;
    hyphen ||= c.value[k] === '-';
    const modifier = MODIFIER_KEYS.get(key);
    if (modifier) {
      modifiers.add(modifier);
      continue;
    }
    const single = SINGLE_KEY.test(key);
    if (!single && !(KEY_NAMES.has(key) && (!hyphen || modifiers.size > 1))) return undefined;
    // `ctrl-c-handler` is a name, not a shortcut.
    if (c.value[k + 2] === '-' && c.spaces[k + 2] === '' && c.type[k + 3] === 'word') return undefined;
    return [...MODIFIER_ORDER.filter((m) => modifiers.has(m)), key].join('+');
  }
  return undefined;
}

/**
 * A language named by a letter and a mark (`C#`, `F#`, `C++`, `C++17`) at token i: one term of
 * its own (`c#`, `c++`), where the letter alone would be a stop word and the marks nothing.
 * Returns the term and how many tokens it spans.
 */
export function languageAt(c: Columns, i: number): { name: string; length: number } | undefined {
  const letter = c.value[i];
  if (c.type[i] !== 'word' || !letter || !/^[A-Za-z]$/.test(letter)) return undefined;
  const attached = (k: number) => c.spaces[k] === '' && c.value[k] !== undefined;
  if (attached(i + 1) && c.value[i + 1] === '#' && !(attached(i + 2) && c.type[i + 2] === 'word'))
    return { name: `${letter.toLowerCase()}#`, length: 2 };
  if (attached(i + 1) && c.value[i + 1] === '+' && attached(i + 2) && (c.value[i + 2] ?? '').startsWith('+'))
    return { name: `${letter.toLowerCase()}++`, length: 3 };
  return undefined;
}
