/**
 * Escaping: text from documents and users shows on Discord as it was written. Markdown is escaped,
 * anything that could ping or render as a mention, a timestamp or a custom emoji gets a zero-width
 * space, control and bidirectional characters are removed, and names are put on one line.
 */
import { escapeMarkdown } from 'discord.js';
import { oneLine, stripControls } from './clean.js';
import { cutText, graphemeBoundary } from './cut.js';

export const ZWSP = '\u200B';

const ALL_MARKDOWN = {
  codeBlock: true,
  inlineCode: true,
  bold: true,
  italic: true,
  underline: true,
  strikethrough: true,
  spoiler: true,
  codeBlockContent: true,
  inlineCodeContent: true,
  escape: true,
  heading: true,
  bulletedList: true,
  numberedList: true,
  maskedLink: true,
} as const;

/** Escapes the given characters wherever they are not escaped already (after escapeMarkdown). */
function escapeLeft(text: string, chars: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      out += c + text.charAt(i + 1);
      i++;
    } else if (chars.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/** Escapes unescaped `~~` and `||` (pairs that pieces escaped apart could leave behind). */
function escapePairs(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      out += c + text.charAt(i + 1);
      i++;
    } else if ((c === '~' || c === '|') && text.charAt(i + 1) === c) {
      out += `\\${c}\\${c}`;
      i++;
    } else out += c;
  }
  return out;
}

/** Where to split a long run of non-space characters: between two letters or digits if possible. */
function pieces(run: string, size: number): string[] {
  const out: string[] = [];
  const word = /[\p{L}\p{N}]/u;
  let rest = run;
  while (rest.length > size) {
    let at = graphemeBoundary(rest, size);
    for (let i = size; i > size / 2; i--) {
      if (word.test(rest.charAt(i - 1)) && word.test(rest.charAt(i))) {
        at = i;
        break;
      }
    }
    if (at <= 0) at = size;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  out.push(rest);
  return out;
}

/** Pieces of at most about `size` characters, cut after a space when there is one, else inside the run. */
function spacedPieces(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const space = rest.lastIndexOf(' ', size);
    if (space > size / 2) {
      out.push(rest.slice(0, space + 1));
      rest = rest.slice(space + 1);
      continue;
    }
    const [first = '', ...others] = pieces(rest.slice(0, 2 * size), size);
    out.push(first);
    rest = others.join('') + rest.slice(2 * size);
  }
  out.push(rest);
  return out;
}

/**
 * escapeMarkdown with every option. Its patterns rescan runs of non-space characters and whole
 * lines, which is quadratic (a 4,000-character token takes 100 ms): long text is escaped in
 * pieces of about 256 characters, cut at spaces where possible.
 */
function escapeAll(text: string): string {
  if (text.length <= 512 && !/\S{257}/.test(text)) return escapeMarkdown(text, ALL_MARKDOWN);
  // Web addresses are set apart first (a piece cut inside one would get backslashes in it).
  let out = '';
  text.split(WEB_ADDRESS).forEach((part, i) => {
    if (i % 2 === 1) out += part;
    else for (const piece of spacedPieces(part, 256)) out += escapeMarkdown(piece, ALL_MARKDOWN);
  });
  // Pairs can span pieces: escape what is left of them (outside web addresses, see below).
  return outsideAddresses(out, escapePairs);
}

/**
 * `change` applied to the text between web addresses, which stay as written (see neutralise), or
 * as `inAddress` changes them.
 */
function outsideAddresses(
  text: string,
  change: (part: string) => string,
  inAddress: (address: string) => string = (a) => a,
): string {
  return text
    .split(WEB_ADDRESS)
    .map((part, i) => (i % 2 === 1 ? inAddress(part) : change(part)))
    .join('');
}

/**
 * Markdown escapes only (no mentions): escapeMarkdown with every option, block quotes and
 * subtext, and every asterisk and backtick it leaves (odd runs; inside web addresses they are
 * percent-encoded, see linkable), so the only unescaped `**` are the bold marks a renderer adds
 * and no code span can swallow them; and every bracket and underscore it leaves outside web
 * addresses, so no masked link forms
 * (escapeMarkdown escapes the first `[` of a line only: a second link on the line stayed live)
 * and no underscore turns text italic (it leaves those after a `<:` on the line, as in
 * `T <: Upper`). Brackets and underscores in a web address stay as written: a backslash there
 * would send its link elsewhere.
 */
export function escapeMarkdownOnly(text: string): string {
  const escaped = escapeAll(text)
    .replace(/^(\s*)>/gm, '$1\\>')
    .replace(/^(\s*)-#/gm, '$1\\-#');
  return escaped
    .split(WEB_ADDRESS)
    .map((part, i) => (i % 2 === 1 ? linkable(part) : escapeLeft(escapeLeft(part, '*`'), '[_')))
    .join('');
}

/**
 * A web address as its link works: no backslash in it (a browser reads one in the path as `/`,
 * and one in a query goes to the server), and its asterisks and backticks percent-encoded (as a
 * browser sends a backtick; `%2A` for `*`, which servers read alike), so none can close a bold
 * mark or open a code span around it. Tildes and bars form nothing inside an address.
 */
function linkable(address: string): string {
  return address
    .replace(/\\([*`~|])/g, '$1')
    .replace(/\*/g, '%2A')
    .replace(/`/g, '%60');
}

/**
 * Inserts a zero-width space into everything that could ping or render as a mention, a timestamp
 * (`<t:…>`), a custom emoji (`<:name:id>`, `<a:name:id>`), a guide link (`<id:…>`) or a command.
 */
export function neutralise(text: string): string {
  // A code block is left as it is: Discord shows its text as written, no mention in it renders,
  // and a character inserted would be copied with the code (`<\u200B/div>`). Only the blocks
  // escapeWithCode makes are fenced: every other backtick is escaped.
  return text
    .split(CODE_BLOCK)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : // A web address is left as it is where `@everyone` or `@here` opens a segment of its
          // path (an npm scope such as `@here/harp.gl` is no mention there, and a character
          // inserted would send its link elsewhere); anywhere else in it (`http://y)@everyone`,
          // an address run into the next word) the word is broken as in the text.
          outsideAddresses(
            part,
            (words) =>
              words
                .replace(/@(?=(?:\*\*)?(?:everyone|here))/gi, `@${ZWSP}`)
                .replace(/<(?=(?:\*\*)?(?:[@#/]|[ta]?:|id:))/gi, `<${ZWSP}`)
                .replace(/＠(?=(?:everyone|here))/gi, `＠${ZWSP}`),
            (address) => address.replace(/(?<!\/)([@＠])(?=everyone|here)/gi, `$1${ZWSP}`),
          ),
    )
    .join('');
}

/**
 * A fenced code block as escapeWithCode makes it: from a line that opens with ` ``` ` (and its
 * language, see CODE_LANGUAGE) to the next.
 */
const CODE_BLOCK = /(^```(?:[a-z0-9][\w+#.-]{0,23})?\n(?!\n*```)[\s\S]*?\n```)/m;

/** A code block's language as its fence may name it: what codeLanguage (core) lets through. */
const CODE_LANGUAGE = /^[a-z0-9][\w+#.-]{0,23}$/;

/**
 * A web address as Discord links it: from `http(s)://` to a space or an angle bracket, its
 * parentheses included (`…/wiki/C_(programming_language)`), not a closing punctuation mark
 * after it (`(see https://x.org/a).`).
 */
const WEB_ADDRESS = /(https?:\/\/[^\s<>]*[^\s<>.,:;"')\]])/i;

/**
 * Removes control and bidirectional characters (newlines stay), escapes Discord markdown and
 * neutralises mentions (`@everyone`, `@here`, `<@id>`, `<#id>`, `</cmd:id>`, `<t:…>`…).
 */
export function escapeText(text: string): string {
  return neutralise(escapeMarkdownOnly(stripControls(text)));
}

/**
 * escapeText for a text whose `code` ranges (a passage's code blocks, each on lines of its own)
 * are shown as code blocks: their lines as written, in a fixed font, never read as markdown or
 * mentions (Discord shows a code block's text as it is). A fence inside one (` ``` `) is
 * shown with look-alike marks, so the block cannot end early.
 */
export function escapeWithCode(
  text: string,
  code: readonly (readonly [start: number, end: number, lang?: string])[] | undefined,
): string {
  if (!code || code.length === 0) return escapeText(text);
  let out = '';
  let at = 0;
  for (const [start, end, lang] of code) {
    if (start < at || end <= start || end > text.length) continue;
    const lines = stripControls(text.slice(start, end)).replace(/```/g, '\u02CB\u02CB\u02CB');
    // Discord forms no block of line breaks alone: its fences would pair with the next ones.
    if (!/[^\n]/.test(lines)) continue;
    out += escapeText(text.slice(at, start));
    // Its language, when the fence named one, lets Discord highlight it (` ```bash `).
    const fence = lang !== undefined && CODE_LANGUAGE.test(lang) ? lang : '';
    out += `\`\`\`${fence}\n${lines}\n\`\`\``;
    at = end;
  }
  return out + escapeText(text.slice(at));
}

/**
 * escapeText for a question shown as a title: underscores between ASCII letters or digits stay
 * bare (`max_retries`), as they form no markdown there and the title must read back as typed.
 */
export function escapeTitle(text: string): string {
  return escapeText(text).replace(/(?<=[A-Za-z0-9])\\_(?=[A-Za-z0-9])/g, '_');
}

/**
 * Escapes a one-line name (field name, citation, file) only where markdown could form, so file
 * names like `a_b.txt` keep no needless backslash; control and bidirectional characters are
 * removed and mentions neutralised.
 */
export function escapeName(text: string): string {
  // Discord's italics need no word boundary (JavaScript's \b: ASCII letters and digits only) on
  // the inside: an underscore between two such characters forms none (`a_b.txt`), one between
  // accented or other letters may (`Fiche_élève_été`).
  const word = /[A-Za-z0-9]/;
  // A web address (`Mirrors at https://dl.example.org/_releases/`) stays as its link works: a
  // backslash in it would show and send the link elsewhere. Its brackets, parentheses and
  // backslashes are percent-encoded, so it cannot close or escape a masked link or italics
  // around it.
  const escaped = stripControls(text)
    .replace(/\s+/g, ' ')
    .split(WEB_ADDRESS)
    .map((part, i) => (i % 2 === 1 ? linkable(part).replace(/[[\]()\\]/g, percentEncoded) : namePart(part)))
    .join('');
  return neutralise(escaped);

  function namePart(part: string): string {
    return (
      part
        .replace(/[\\*`]/g, '\\$&')
        .replace(/~~/g, '\\~\\~')
        .replace(/\|\|/g, '\\|\\|')
        .replace(/_/g, (_m, at: number, s: string) =>
          word.test(s.charAt(at - 1)) && word.test(s.charAt(at + 1)) ? '_' : '\\_',
        )
        // Every bracket: a name inside a citation's own masked link must not close it or open one.
        // And no `](` at all: Discord's link rule reads one across an escaped bracket.
        .replace(/[[\]]/g, '\\$&')
        .replace(/\](?=\()/g, `]${ZWSP}`)
    );
  }
}

const percentEncoded = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/**
 * A file name as inline code, on one line, within `max`: code shows backslashes, so backticks
 * are replaced, not escaped.
 */
export function codeName(source: string, max: number): string {
  const clean = oneLine(source).replace(/`/g, "'");
  return `\`${neutralise(cutText(clean, Math.max(1, max - 2)))}\``;
}
