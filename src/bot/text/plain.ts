/**
 * A rendered payload as plain text, for the local console: escapes and zero-width spaces
 * removed, bold as ANSI (or `*word*` without colour), links as `text <url>`, buttons in brackets.
 */
import type { ReplyPayload } from '../payload.js';
import { ZWSP } from './escape.js';

const BOLD_ON = '\u001b[1m';
const BOLD_OFF = '\u001b[22m';
/** A markdown link as the views write it: `[text](http…)`, escapes allowed in the text. */
const LINK = /\[((?:\\.|[^\\\]\n])*)\]\((https?:\/\/[^\s()<>]+)\)/y;

/** Rendered markdown back to plain text. */
function plain(text: string, color: boolean): string {
  const s = text.replaceAll(ZWSP, '');
  let out = '';
  let bold = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    const next = s.charAt(i + 1);
    if (c === '\\' && /[!-/:-@[-`{-~]/.test(next)) {
      out += next;
      i++;
    } else if (c === '*' && next === '*') {
      bold = !bold;
      out += color ? (bold ? BOLD_ON : BOLD_OFF) : '*';
      i++;
    } else if (c === '[') {
      LINK.lastIndex = i;
      const link = LINK.exec(s);
      if (!link) out += c;
      else {
        out += `${plain(link[1] ?? '', color)} <${link[2]}>`;
        i += link[0].length - 1;
      }
    } else out += c;
  }
  if (bold && color) out += BOLD_OFF;
  return out;
}

/** Footers and author names are plain text already: only the zero-width spaces go. */
const bare = (text: string) => text.replaceAll(ZWSP, '');

/**
 * A payload as readable plain text: content, embeds (title with its link, description, fields,
 * footer), then the buttons, disabled ones in parentheses. `private` says only the user sees it.
 */
export function toText(payload: ReplyPayload, options: { color?: boolean; private?: boolean } = {}): string {
  const p = (s: string) => plain(s, options.color === true);
  const blocks: string[] = [];
  if (options.private) blocks.push('(only you can see this)');
  if (payload.content) blocks.push(p(payload.content));
  for (const e of payload.embeds) {
    const lines: string[] = [];
    if (e.author?.name) lines.push(bare(e.author.name));
    if (e.title) lines.push(p(e.title) + (e.url ? ` <${e.url}>` : ''));
    if (e.description) lines.push(p(e.description));
    for (const f of e.fields ?? []) lines.push(`${p(f.name)}\n  ${p(f.value).split('\n').join('\n  ')}`);
    if (e.footer?.text) lines.push(bare(e.footer.text));
    blocks.push(lines.join('\n'));
  }
  for (const r of payload.components) {
    const labels = r.components.map((b) => {
      const label =
        'label' in b && b.label ? bare(b.label) : 'emoji' in b && b.emoji?.name ? b.emoji.name : '?';
      return b.disabled ? `(${label})` : `[${label}]`;
    });
    if (labels.length) blocks.push(labels.join(' '));
  }
  return blocks.join('\n\n');
}
