/**
 * An HTML page read as plain text, the fallback for a page nested too deep for the parser: the
 * elements it leaves out (scripts, styles, navigation…) and comments cut by their tags alone,
 * then its tags dropped and its entities decoded, one paragraph per line.
 */

import { SKIPPED } from './html-chrome.js';
import { escapeText } from './html-inline.js';

/** Elements whose text is never a page's own (a script, a style sheet), read to their end tag or to the page's end. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'template', 'noscript']);

/**
 * The page without the elements it leaves out when parsed (SKIPPED: scripts, styles, the head,
 * navigation, footers…) and without comments, found by their tags alone: each from its start
 * tag to the first end tag of its name (a script or a style with none runs to the page's end;
 * another element with none loses its tag only). Linear: each name's end tag is searched for
 * forward only.
 */
function withoutSkipped(html: string): string {
  // Searched case-insensitively in the page itself (a lower-cased copy may be longer: `İ`).
  const ends = new Map<string, { pattern: RegExp; at: number }>();
  const endOf = (name: string, from: number): number => {
    let end = ends.get(name);
    if (!end) {
      // `</head` is no end of a head when it is `</header`.
      end = { pattern: new RegExp(`</${name}(?![a-z0-9-])`, 'gi'), at: -2 };
      ends.set(name, end);
    }
    if (end.at === -1 || end.at >= from) return end.at;
    end.pattern.lastIndex = from;
    end.at = end.pattern.exec(html)?.index ?? -1;
    return end.at;
  };
  const start = /<!--|<([a-z][a-z0-9-]*)\b/gi;
  let out = '';
  let at = 0;
  for (let m = start.exec(html); m; m = start.exec(html)) {
    const name = m[1]?.toLowerCase();
    let next: number;
    if (name === undefined) {
      // `<!-->` and `<!--->` are empty comments.
      if (html.startsWith('<!-->', m.index)) next = m.index + 5;
      else if (html.startsWith('<!--->', m.index)) next = m.index + 6;
      else {
        const close = html.indexOf('-->', m.index + 4);
        next = close === -1 ? html.length : close + 3;
      }
    } else if (SKIPPED.has(name)) {
      const gt = html.indexOf('>', m.index);
      // `<svg … />` holds nothing.
      if (gt !== -1 && html.charAt(gt - 1) === '/') next = gt + 1;
      else {
        const close = endOf(name, m.index + 1);
        if (close === -1 && !RAW_TEXT.has(name)) continue;
        const end = close === -1 ? -1 : html.indexOf('>', close);
        next = end === -1 ? html.length : end + 1;
      }
    } else continue;
    out += `${html.slice(at, m.index)} `;
    at = next;
    start.lastIndex = at;
  }
  return out + html.slice(at);
}

/** The page's text without its tags, one paragraph per line: the fallback for hostile nesting. */
export function plainText(page: string): string {
  const html = withoutSkipped(page);
  const entities = new Map([
    ['amp', '&'],
    ['lt', '<'],
    ['gt', '>'],
    ['quot', '"'],
    ['apos', "'"],
    ['nbsp', ' '],
  ]);
  return html
    .replace(/<\/?(?:p|div|li|h[1-6]|tr|br|pre|section|article)\b[^<>]*>/gi, '\n\n')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (m, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return entities.get(name.toLowerCase()) ?? m;
    })
    .split(/\n\s*\n/)
    .map((p) => escapeText(p.replace(/\s+/g, ' ').trim()))
    .filter((p) => p !== '')
    .join('\n\n');
}
