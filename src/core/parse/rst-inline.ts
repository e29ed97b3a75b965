/**
 * reStructuredText's inline markup as Markdown: roles read as their text (code roles as code),
 * ``literals`` as code spans, `text <url>`_ as links, substitutions as their text, references
 * and footnote marks as their words only; and what Markdown would read otherwise than RST
 * (a tag, an entity, a line start read as structure), escaped.
 */

import { codeSpan, link } from './markdown-out.js';
import type { Shared } from './rst-sections.js';

/** Substitutions Sphinx fills in when the site is built. */
const BUILD_VALUES = new Set(['version', 'release', 'today']);

/** Roles whose text is code. */
const CODE_ROLES =
  /^(?:(?:py|c|cpp|js|std):)?(?:func|meth|class|attr|mod|data|obj|exc|const|member|var|type|macro|struct|union|enum|enumerator|func|envvar|file|program|option|command|samp|kbd|code|literal|makevar|mimetype|regexp|confval)$/;

/**
 * What reStructuredText reads as text and Markdown would not, escaped outside code spans: `<word>`
 * (an HTML tag, dropped), `&lt;` (an entity, decoded), `a*b*c` (emphasis; RST never starts it
 * inside a word).
 */
export function escapeInline(text: string): string {
  return text.replace(
    /(`+)[^`]*?\1|<(?=[A-Za-z/!?])|&(?=#?\w+;)|(?<=[\p{L}\p{N}])\*(?=[\p{L}\p{N}])/gu,
    (m) => (m.startsWith('`') ? m : `\\${m}`),
  );
}

/**
 * A line start Markdown (or a dialect the Markdown reader knows) would read as structure the
 * RST text does not have (a heading, a list, a rule, `:::`, `{{`), and what escapeInline escapes.
 */
export function escapeLine(line: string): string {
  // A number's dot is escaped after its digits (`1\\.`: a backslash before a digit is no escape).
  const start = line
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^(#{1,6}(?:\s|$)|>|[-+*]\s|={3,}|-{3,}|~{3,}|:::|!!!|\{[{%])/, '\\$1');
  return escapeInline(start);
}

/** Inline markup: roles, literals, links, references and footnote marks. */
export function inlineText(text: string, shared: Shared, substitute = true): string {
  // A footnote or citation reference takes the next automatic id, as a section whose title
  // needs one does (see sectionId): counted in the order they come.
  if (text.includes(']_')) {
    const refs = text.replace(/``[\s\S]+?``/g, '').match(/\[(?:#[\w-]*|\*|\d+|[A-Za-z][\w.-]*)\]_/g);
    if (refs) shared.numbered.set('id', (shared.numbered.get('id') ?? 0) + refs.length);
  }
  // Inline literals and code roles are set aside first, out of the way of every other rule
  // (a literal may hold `:all:` or `|`, and may run over a line's end), and put back last.
  const held: string[] = [];
  const hold = (code: string) => `\uE000${held.push(code.replace(/\s+/g, ' ')) - 1}\uE001`;
  const out = text
    .replace(/``([\s\S]+?)``/g, (_m, code: string) => hold(code))
    // :role:`text <target>` / :role:`~a.b.c` / :role:`text`
    .replace(/:((?:[\w-]+:)?[\w-]+):`([^`]+)`/g, (_m, role: string, body: string) => {
      const labelled = /\S\s*<[^<>]*>\s*$/.test(body);
      let shown = labelled ? body.slice(0, body.lastIndexOf('<')).trim() : body.trim();
      if (shown.startsWith('~')) shown = shown.slice(1).split('.').pop() ?? shown;
      shown = shown.replace(/^[!]/, '');
      // A cross-reference without a label reads as its target's words (`../topics/vcs-support`).
      if (!labelled && /^(?:std:)?(?:doc|ref)$/.test(role)) {
        shown = (shown.split('/').pop() ?? shown).replace(/[-_]+/g, ' ').trim() || shown;
      }
      if (/^(?:rfc|pep)$/i.test(role)) return `${role.toUpperCase()} ${shown}`;
      return CODE_ROLES.test(role) ? hold(shown) : shown;
    });
  return markup(out, shared, substitute)
    .replace(/\\ /g, '')
    .replace(/\uE000(\d+)\uE001/g, (_m, k: string) => codeSpan(held[Number(k)] ?? ''));
}

/** Links, references, substitutions and footnote marks of text whose literals are set aside. */
function markup(text: string, shared: Shared, substitute: boolean): string {
  return (
    text
      // `text <url>`_ → [text](url); `<url>`_ → url; `text <target_>`_ → text
      // (`[^`<]*`, not lazy with `\s*` after it: a backtick before a long run of spaces costs
      // one scan, not one per space)
      .replace(/`([^`<]*)<([^<>`]+)>`__?/g, (_m, written: string, target: string) => {
        const label = written.trimEnd();
        if (/^[a-z][\w+.-]*:/i.test(target) || target.startsWith('/'))
          return label ? link(label, target) : target;
        return label || target.replace(/_$/, '');
      })
      // `text`_ → text
      .replace(/`([^`]+)`__?(?![\w`])/g, '$1')
      // |substitution| → its text (read as inline markup itself, once); one defined as an
      // image or a date, or Sphinx's |version|, |release| and |today|, whose values come
      // from the build, → nothing
      .replace(/\|([^|\s][^|]*)\|(?:__?)?/g, (m, name: string) => {
        const value = shared.substitutions.get(name);
        if (value !== undefined && value.length <= shared.budget) {
          shared.budget -= value.length;
          return substitute ? inlineText(value, shared, false) : value;
        }
        if (value !== undefined) return /^\w[\w\s-]*$/.test(name) ? name : '';
        if (BUILD_VALUES.has(name)) return '';
        return /^\w[\w\s-]*$/.test(name) ? name : m;
      })
      // footnote and citation marks: [1]_, [#]_, [#note]_, [CIT2002]_
      .replace(/\s?\[(?:#[\w-]*|\d+|\*|[A-Za-z][\w-]*)\]_/g, '')
      // word_ (a reference to a target) → word
      .replace(/(^|[\s(])([A-Za-z][\w-]*[A-Za-z0-9])__?(?=[\s.,;:!?)]|$)/g, '$1$2')
      // a role after its text: `text`:role:
      .replace(/`([^`]+)`:[\w-]+:/g, '`$1`')
  );
}
