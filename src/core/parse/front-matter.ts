/**
 * A Markdown file's front matter: YAML between `---` lines or TOML between `+++` lines, its
 * top-level text values kept (`title`, `url`…), and the body after it.
 */

import { isMap, parseDocument as parseYamlDocument } from 'yaml';

/**
 * A block between `---` lines this long or shorter is front matter; a longer one (a page's
 * hundred redirect aliases) only when it reads as a YAML mapping (a page that opens with a rule
 * keeps its text), up to LONG_FRONT_MATTER_LINES.
 */
const FRONT_MATTER_LINES = 100;
const LONG_FRONT_MATTER_LINES = 2_000;
/** Characters of a YAML front matter read as YAML, at most (a longer block is read line by line). */
const FRONT_MATTER_CHARS = 16_384;
/** Characters of a long front matter read to tell it is YAML, at most. */
const LONG_FRONT_MATTER_CHARS = 256 * 1024;

/**
 * Reads a front matter block: YAML between `---` and `---` (or `...`), read by a YAML parser
 * (quoted and folded values, comments), or TOML between `+++` lines (Hugo). Only its top-level
 * text values are kept (`title`, `url`…), keys in lower case. YAML the parser refuses is read
 * line by line (`key: value`), so a sloppy block still gives its title.
 */
export function splitFrontMatter(text: string): { meta: Record<string, string>; body: string } {
  const meta: Record<string, string> = {};
  const fence = /^[ \t]*(---|\+\+\+)[ \t]*(?:\n|$)/.exec(text)?.[1];
  if (!fence) return { meta, body: text };
  const lines = text.split('\n', LONG_FRONT_MATTER_LINES + 1);
  const toml = fence === '+++';
  const end = lines.findIndex(
    (l, i) => i > 0 && (toml ? l.trim() === '+++' : l.trim() === '---' || l.trim() === '...'),
  );
  if (end < 0) return { meta, body: text };
  const inside = lines.slice(1, end);
  if (toml) readToml(inside, meta);
  else {
    const source = inside.join('\n');
    const long = end > FRONT_MATTER_LINES;
    const mapping =
      source.length <= (long ? LONG_FRONT_MATTER_CHARS : FRONT_MATTER_CHARS)
        ? yamlMapping(source)
        : undefined;
    // A long block is front matter only as YAML of few distinct keys: it is long for its lists
    // (aliases, tags), where a FAQ of `Q:` and `A:` lines repeats its keys and a glossary of
    // `Term: meaning` lines has one per term.
    if (long && !(mapping?.distinct && Object.keys(mapping.data).length <= LONG_FRONT_MATTER_KEYS))
      return { meta, body: text };
    readYaml(inside, meta, mapping?.data);
  }
  const length = lines.slice(0, end + 1).reduce((n, line) => n + line.length + 1, 0);
  return { meta, body: text.slice(length) };
}

/** Levels of nesting a front matter may have before the YAML parser is not trusted with it. */
const YAML_DEPTH_MAX = 64;

/**
 * Whether a YAML block nests deeper than YAML_DEPTH_MAX: flow brackets (`[[[…`, `{{{…`) open at
 * once, or a line's indent and its markers (`- - - x`, `? ? x`) counted two columns a level.
 */
function nestsDeep(source: string): boolean {
  let depth = 0;
  for (const line of source.split('\n')) {
    const lead = /^[ \t]*(?:[-?:][ \t]+)*/.exec(line)?.[0] ?? '';
    if (lead.length > 2 * YAML_DEPTH_MAX) return true;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 91 || c === 123) {
        if (++depth > YAML_DEPTH_MAX) return true;
      } else if ((c === 93 || c === 125) && depth > 0) depth--;
    }
  }
  return false;
}

/** Top-level keys a long front matter may have: it is long for its lists, not its keys. */
const LONG_FRONT_MATTER_KEYS = 40;

/**
 * A YAML block's top-level mapping, read by the YAML parser, or undefined when it is none:
 * every value as the text written (`title: 2.10` is "2.10", not the number 2.1); repeated keys
 * counted (`distinct`), not refused (the parser's check is quadratic in their number); at most
 * 100 aliases (the parser's default), so an alias bomb costs nothing. A block nested deeper than
 * any front matter is (see nestsDeep) is not given to the parser: it recurses per level, and
 * near the stack's end a second such block crashed the process.
 */
function yamlMapping(source: string): { data: Record<string, unknown>; distinct: boolean } | undefined {
  if (nestsDeep(source)) return undefined;
  try {
    const doc = parseYamlDocument(source, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length > 0) return undefined;
    const data: unknown = doc.toJS({ maxAliasCount: 100 });
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
    const pairs = isMap(doc.contents) ? doc.contents.items.length : 0;
    return { data: data as Record<string, unknown>, distinct: pairs === Object.keys(data).length };
  } catch {
    return undefined;
  }
}

/** A YAML front matter's text values: its mapping's (see yamlMapping), else its `key: value` lines. */
function readYaml(lines: string[], meta: Record<string, string>, data?: Record<string, unknown>): void {
  if (data) {
    for (const [key, value] of Object.entries(data))
      if (typeof value === 'string') meta[key.toLowerCase()] = value.trim();
    return;
  }
  for (const line of lines) {
    const m = /^([A-Za-z_][\w-]*)[ \t]*:(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) meta[m[1].toLowerCase()] = m[2].trim().replace(/^(["'])(.*)\1$/, '$2');
  }
}

/**
 * TOML's `key = "text"` lines: basic strings (escapes read), literal strings, and either kind
 * tripled on one line (`title = '''Don't panic'''`), and bare booleans (`draft = true`, Hugo's
 * way of marking a page unpublished) as their text; tables and arrays are not read.
 */
function readToml(lines: string[], meta: Record<string, string>): void {
  for (const line of lines) {
    if (/^\s*\[/.test(line)) break; // a [table]: past the top-level keys
    const m =
      /^\s*([A-Za-z_][\w-]*)\s*=\s*(?:"""(.*?)"""|'''(.*?)'''|"((?:[^"\\]|\\.)*)"|'([^']*)'|(true|false))\s*(?:#.*)?$/.exec(
        line,
      );
    if (!m?.[1]) continue;
    const basic = m[2] ?? m[4];
    let value = m[3] ?? m[5] ?? m[6] ?? '';
    if (basic !== undefined) {
      try {
        // TOML's escapes are JSON's, and \UXXXXXXXX.
        value = JSON.parse(
          `"${basic.replace(/\\U([0-9A-Fa-f]{8})/g, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))}"`,
        );
      } catch {
        value = basic;
      }
    }
    meta[m[1].toLowerCase()] = value.trim();
  }
}
