/**
 * From a file's text to its numbered paragraphs, each with the section it is in: the parsers
 * (parse/markdown.ts, parse/text.ts) find the blocks; this module picks the title, drops tables
 * of contents, turns FAQ questions into headings of their answers, keeps a lead-in ending with
 * `:` with what follows it, and gives every paragraph its heading path and anchor.
 * Every paragraph is numbered, 1-based, in file order, a headline too.
 */
import { type Block, CONTENTS_LABEL, FAQ_QUESTION } from './blocks.js';
import { moreLettersThan } from './normalize.js';
import { parseMarkdown } from './parse/markdown.js';
import { parseText } from './parse/text.js';
import { LIST_ITEM } from './parse/text-headings.js';
import { countWords, SECTION_CHARS } from './sections.js';
import { endsClause, endsSentence, leadsIn, leadsOn, splitSentences } from './sentences.js';

export type ParagraphKind = 'text' | 'title' | 'heading' | 'question' | 'code' | 'list' | 'table';

export interface ParsedParagraph {
  /** 1-based ordinal in the file, counting every paragraph. */
  number: number;
  /** The paragraph as a reader sees it (code keeps its lines). */
  text: string;
  kind: ParagraphKind;
  /** The headings (and FAQ question) the paragraph sits under, outermost first. */
  section?: string[];
  /** The anchor of the innermost of those headings: explicit, else its GitHub-style slug. */
  anchor?: string;
  /** Paragraphs with the same group travel together in one passage (see Block.group). */
  group?: number;
  /** A code block's language (see Block.lang). */
  lang?: string;
}

export interface ParsedDocument {
  title: string;
  /** True when the title was written as one (front matter, `#` heading, headline line). */
  explicitTitle: boolean;
  /** Read by the Markdown reader (its text under the title is a section), or as plain text. */
  markdown: boolean;
  url?: string;
  /** Front matter `slug` (Docusaurus, Hugo): where a docs site serves the page (see documentUrl). */
  slug?: string;
  /**
   * The front matter that marks the page unpublished, when it does (`draft: true` for Hugo,
   * Docusaurus, Astro and others; `published: false` for Jekyll): its site does not serve it.
   */
  draft?: string;
  paragraphs: ParsedParagraph[];
}

const TITLE_MAX = 80;
/** A paragraph after a code block up to this long says what the code does (see parseDocument). */
const FOLLOW_UP_CHARS = 200;
const HEADLINE_MAX = 120;
/** The longest dateline above a headline. */
const DATELINE_MAX = 60;

/** A date written in figures: `21.10.93`, `2024-05-01`, `1/5/2024`. */
const FIGURE_DATE = /\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})\b/;

/**
 * A short line of dates and initials more than words (`jw 21.10.93 05.05.94`): never a
 * document's title. It holds a date in figures (`C++20`, `1984`, `v2.0.0` are titles).
 */
function dateline(text: string): boolean {
  if (text.length > DATELINE_MAX || !FIGURE_DATE.test(text)) return false;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters < 0.4 * text.replace(/\s+/g, '').length;
}
/** A Roman numeral, in capitals (`IV`, `XII`, `MCM`); a lower-case one is tested in capitals. */
const ROMAN = /^(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

/**
 * A heading that is only a number (`4.2.1.`, `§ 3`, `IV.`, `ii.`) says nothing: never a title.
 * Each part is figures or a Roman numeral in one case; a numeral alone counts only with its dot
 * or a `§`: `C`, `CLI` and `VI` name a language, a command line and an editor, and `V8`, `C99`,
 * `Civil.` are words.
 */
function bareNumber(text: string): boolean {
  const t = text.trim();
  const section = t.startsWith('§');
  const body = t.replace(/^§+\s*/, '').replace(/\.$/, '');
  const parts = body.split('.');
  const numeral = (part: string) =>
    /^\d{1,9}$/.test(part) ||
    ((part === part.toUpperCase() || part === part.toLowerCase()) && ROMAN.test(part.toUpperCase()));
  if (!body || !parts.every(numeral)) return false;
  return /\d/.test(body) || section || t.endsWith('.');
}

/** Shortens text to at most `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-\u2013\u2014]+$/, '')}\u2026`;
}

export function isQuestion(text: string): boolean {
  if (FAQ_QUESTION.test(text)) return true;
  return /\?["'\u201D\u2019)]*$/.test(text) && countWords(text) <= 30 && !/[.!?]\s+\S.*\?/.test(text);
}

/**
 * The anchor GitHub gives a heading: lower case, letters, marks, digits and letter numbers
 * (`Ⅱ`, `〇`) kept, hyphens and underscores too, each space a hyphen, everything else dropped
 * (`①`, `½`, punctuation).
 */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The longest item of a plain-text list that travels with the others after a lead-in. */
const SHORT_ITEM = 250;
/** An option over its description (`-s   build…`, `--quiet  …`): an item of a list in plain text too. */
const OPTION_ITEM = /^--?[A-Za-z][\w-]*,?\s+\S/;
/** An item of a list in plain text (`a)`, `(b)`, `1.`, `-`, `*`, an option). */
const plainItem = (text: string) => LIST_ITEM.test(text) || OPTION_ITEM.test(text);

/** Comparable form of a heading, for telling a table of contents from the headings it lists. */
const headingKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Drops a table of contents: the entries the plain-text reader told as one (see Block.contents),
 * and a run of at least three blocks (list items or headings) each of which repeats a heading
 * found after the run.
 */
function dropContents(blocks: Block[]): Block[] {
  const later = new Map<string, number>();
  let longest = 0;
  blocks.forEach((b, i) => {
    if (b.kind !== 'heading' && b.kind !== 'question') return;
    // A contents entry may list a heading as shown or as written (`Q: How do I…?`).
    for (const text of b.written ? [b.text, b.written] : [b.text]) {
      const key = headingKey(text);
      later.set(key, i);
      longest = Math.max(longest, key.length);
    }
  });
  // A block with more letters than any heading's key repeats none (most paragraphs): its key
  // is not worked out.
  const repeats = (b: Block, i: number) =>
    (b.kind === 'list' || b.kind === 'heading' || b.kind === 'text' || b.kind === 'question') &&
    !moreLettersThan(b.text, longest) &&
    (later.get(headingKey(b.text)) ?? -1) > i;
  const drop = new Set<number>();
  blocks.forEach((b, i) => {
    if (b.contents) drop.add(i);
  });
  for (let i = 0; i < blocks.length; ) {
    let j = i;
    while (j < blocks.length && repeats(blocks[j] as Block, j)) j++;
    if (j - i >= 3) {
      for (let k = i; k < j; k++) drop.add(k);
      // Its label right above it goes with it (`Table of Contents` in a plain-text FAQ).
      const label = blocks[i - 1];
      if (
        label &&
        (label.kind === 'text' || label.kind === 'heading') &&
        CONTENTS_LABEL.test(label.text.trim())
      )
        drop.add(i - 1);
    }
    i = Math.max(j, i + 1);
  }
  return drop.size ? blocks.filter((_, i) => !drop.has(i)) : blocks;
}

/** The most blocks after a paragraph whose sentence goes on past it that may finish it. */
const UNFINISHED_BLOCKS = 4;

/** Blocks before a Markdown file's `#` heading that may still leave it the title (see markdownTitle). */
const PREAMBLE_BLOCKS = 3;
/** Characters, at most, of each preamble block: a notice or a line, not the document's text. */
const PREAMBLE_CHARS = 160;

/**
 * The heading that names a Markdown file, if any: its first heading when that is the file's top
 * heading. A `#` heading opening the file is; so is one under a short preamble (a notice such as
 * "This project has moved", a line of text) when no other `#` heading follows. A `##` heading
 * opening the file is only when no other `#` or `##` heading follows: where `## About`,
 * `## Installation` and `## Usage` are siblings, the first is a section like the others.
 */
function markdownTitle(blocks: readonly Block[]): Block | undefined {
  const at = blocks.findIndex((b) => b.kind === 'heading');
  const heading = blocks[at];
  if (!heading || bareNumber(heading.text)) return undefined;
  const level = heading.level ?? 7;
  const another = (top: number) =>
    blocks.some((b, i) => i !== at && b.kind === 'heading' && (b.level ?? 7) <= top);
  if (at === 0) return level === 1 || (level === 2 && !another(2)) ? heading : undefined;
  const preamble = blocks.slice(0, at).every((b) => b.kind === 'text' && b.text.length <= PREAMBLE_CHARS);
  return level === 1 && at <= PREAMBLE_BLOCKS && preamble && !another(1) ? heading : undefined;
}

/** A file or folder name as words: `Validation-and-Serialization.md` → `Validation and Serialization`. */
export function fileLabel(name: string): string {
  return (
    name
      .replace(/\.[^./]{1,10}$/, '')
      .replace(/[-_]+/g, ' ')
      .trim() || name
  );
}

/** Whether a file's label (see fileLabel) says nothing of what its page is about: `README`, `index`. */
export const namesNothing = (label: string): boolean =>
  /^(?:readme|index|_index|home|untitled|notes?)$/i.test(label);

/** Whether two titles say the same, case, spacing and punctuation aside (`+` and `#` count: `C++`, `C#`). */
function sameWords(a: string, b: string): boolean {
  const words = (t: string) =>
    t
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}+#]+/gu)
      ?.join(' ') ?? '';
  return words(a) !== '' && words(a) === words(b);
}

/**
 * Parses one file. `markdown` selects Markdown rules; `name` is the fallback title; `vault`: the
 * file is a note of an Obsidian vault (its `%%` comments are hidden).
 */
export function parseDocument(
  content: string,
  markdown: boolean,
  name: string,
  vault = false,
): ParsedDocument {
  const text = content.replace(/^\uFEFF/, '');
  const parsed = markdown ? parseMarkdown(text, vault) : parseText(text);
  const { meta } = parsed;
  const blocks = dropContents(parsed.blocks);

  let title = meta.title?.trim() ?? '';
  let explicitTitle = title.length > 0;
  // A plain-text file's headline comes after its header of fields and a dateline (`jw
  // 21.10.93 05.05.94`), if any.
  const first = markdown ? blocks[0] : blocks.find((b) => !b.notice && !dateline(b.text));
  let titleBlock: Block | undefined;
  if (!title && first && !bareNumber(first.text)) {
    if (markdown) {
      titleBlock = markdownTitle(blocks);
    } else {
      // A headline: the first block is one line of the file (a banner above it aside).
      const head = text.split(/\r\n|\r|\n/, 40).map((l) => l.trim());
      if (
        head.includes(first.text) &&
        first.text.length <= HEADLINE_MAX &&
        !endsClause(first.text) &&
        blocks.length > 1 &&
        (first.kind === 'text' || first.kind === 'heading')
      ) {
        titleBlock = first;
      }
    }
    if (titleBlock) {
      title = titleBlock.text;
      explicitTitle = true;
    }
  }
  // A page whose front matter title its top heading says again (`title: Installation` over
  // `# Installation`) has that heading as its title, not as a section of the same name.
  if (explicitTitle && !titleBlock && markdown) {
    const heading = markdownTitle(blocks);
    if (heading && sameWords(heading.text, title)) titleBlock = heading;
  }
  // A Markdown page without a title heading or front matter is named by its file, as a notes
  // app names it (`Meeting rules.md`), not by its first sentence (a notice, a line of badges, a
  // sponsor's blurb); a README or an index, whose name says nothing, by its first sentence.
  const label = markdown && !title ? fileLabel(name) : '';
  if (label && !namesNothing(label)) title = label;
  if (!title) {
    // A notice (`> [!IMPORTANT]` above a README), a header of fields or a dateline is no
    // title while other text follows it.
    const firstText =
      blocks.find((b) => b.kind === 'text' && !b.notice && !dateline(b.text))?.text ??
      blocks.find((b) => b.kind === 'text' && !b.notice)?.text ??
      blocks.find((b) => b.kind === 'text')?.text ??
      name;
    const sentence = splitSentences(firstText)[0]?.text ?? firstText;
    title = shorten(sentence, TITLE_MAX);
  }

  // Questions written as paragraphs (FAQ) head the paragraphs that answer them.
  const kinds = blocks.map((b) => b.kind);
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    if (b.kind === 'text' && isQuestion(b.text) && next?.kind === 'text' && !isQuestion(next.text)) {
      kinds[i] = 'question';
    }
  });

  // A lead-in ending with `:` travels with the list, code or table that follows it.
  let nextGroup = blocks.reduce((n, b) => Math.max(n, b.group ?? 0), 0) + 1;
  const groups = blocks.map((b) => b.group);
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    if ((kinds[i] !== 'text' && kinds[i] !== 'list') || !next || !leadsIn(b.text)) return;
    if (next.kind !== 'list' && next.kind !== 'code' && next.kind !== 'table') return;
    // An item of a list leading in to the next, both in its group already: nothing to join (a
    // walk over the group for each such item was quadratic).
    if (groups[i + 1] !== undefined && groups[i] === groups[i + 1]) return;
    const theirs = groups[i + 1] ?? nextGroup++;
    const mine = groups[i] ?? theirs;
    groups[i] = mine;
    for (let k = i + 1; k < blocks.length; k++) {
      const was = groups[k];
      if (k > i + 1 && was !== theirs) break;
      groups[k] = mine;
      if (was === undefined) break;
    }
  });

  // A sentence a blank line cuts (`…please send mail to` / `<listname>-REQUEST@lists.debian.org`
  // / `with the word subscribe as subject.`) travels as one, up to the block that ends it.
  // Without a block that ends it, it ends before the next sentence opens or a heading comes
  // (`With apt, you can set a package to hold using` / `apt-mark hold package_name` / `and
  // remove the hold with` / `apt-mark unhold package_name` / `Then run`), or with the document.
  const join = (from: number, to: number) => {
    const group = nextGroup++;
    for (let j = from; j <= to; j++) groups[j] = group;
  };
  /** Whether block `k` opens something new after the sentence that block `i` leaves unfinished. */
  const opens = (i: number, k: number) => {
    const n = blocks[k];
    if (n === undefined || n.kind === 'heading') return true;
    return (
      k > i + 1 &&
      n.kind === 'text' &&
      /^["'\u201C(]?\p{Lu}/u.test(n.text) &&
      !leadsOn((blocks[k - 1] as Block).text)
    );
  };
  blocks.forEach((b, i) => {
    if (kinds[i] !== 'text' || groups[i] !== undefined || !leadsOn(b.text)) return;
    let size = b.text.length;
    let cut: number | undefined;
    for (let k = i + 1; k <= i + UNFINISHED_BLOCKS; k++) {
      if (cut === undefined && opens(i, k)) cut = k;
      const n = blocks[k];
      if (n === undefined || (kinds[k] !== 'text' && n.kind !== 'code') || groups[k] !== undefined) break;
      size += n.text.length;
      if (size > SECTION_CHARS) return;
      if (n.kind === 'text' && endsSentence(n.text)) {
        join(i, k);
        return;
      }
    }
    if (cut !== undefined && cut > i + 1) join(i, cut - 1);
  });

  // In plain text, where what a lead-in introduces is text too (an indented command, `a)` and
  // `b)` items), it travels with the block after it (and that block's group: a sentence the
  // blank lines cut), and with the items after that one when they are short items (`Options:` /
  // `-v  verbose` / `-q  quiet`), up to a passage's size; long ones, a licence's clauses or
  // definitions, are each a passage.
  if (!markdown)
    blocks.forEach((b, i) => {
      const next = blocks[i + 1];
      if (kinds[i] !== 'text' || !leadsIn(b.text) || next === undefined || kinds[i + 1] !== 'text') return;
      if (groups[i] !== undefined) return;
      const theirs = groups[i + 1];
      if (theirs !== undefined) {
        let size = b.text.length;
        for (let k = i + 1; k < blocks.length && groups[k] === theirs; k++)
          size += (blocks[k] as Block).text.length;
        if (size <= SECTION_CHARS) groups[i] = theirs;
        return;
      }
      let end = i + 1;
      let size = b.text.length + next.text.length;
      if (size > SECTION_CHARS) return;
      if (plainItem(next.text))
        for (let k = i + 2; k < blocks.length; k++) {
          const item = blocks[k] as Block;
          if (kinds[k] !== 'text' || groups[k] !== undefined || !plainItem(item.text)) break;
          // Long items (a licence's definitions) are each a passage: the lead-in goes with the first.
          if (item.text.length > SHORT_ITEM || (next.text.length > SHORT_ITEM && k === i + 2)) break;
          if (size + item.text.length > SECTION_CHARS) break;
          size += item.text.length;
          end = k;
        }
      join(i, end);
    });

  // A code block shows what the paragraph before it says, with or without a colon, and a short
  // sentence after it often says what it does ("Will run the test script in both packages."):
  // they travel together while they fit one passage (the one before first). A paragraph already
  // in a group (a list's last item) keeps to it, and one that leads in to the next code block is
  // that one's.
  blocks.forEach((b, i) => {
    if (b.kind !== 'code') return;
    const mine = groups[i];
    const before =
      mine === undefined && i > 0 && kinds[i - 1] === 'text' && groups[i - 1] === undefined
        ? blocks[i - 1]
        : undefined;
    const after = blocks[i + 1];
    const follows =
      after &&
      kinds[i + 1] === 'text' &&
      groups[i + 1] === undefined &&
      after.text.length <= FOLLOW_UP_CHARS &&
      endsSentence(after.text) &&
      blocks[i + 2]?.kind !== 'code';
    if (!before && !follows) return;
    // The characters of the group the code is in already (a lead-in ending with `:` and it).
    let size = b.text.length + (before?.text.length ?? 0);
    if (mine !== undefined)
      for (let k = i - 1; k >= 0 && groups[k] === mine; k--) size += (blocks[k] as Block).text.length;
    // The paragraph before first: the follow-up only joins what still fits.
    const withAfter = follows && size + after.text.length <= SECTION_CHARS;
    if (size > SECTION_CHARS || (!before && !withAfter)) return;
    const group = mine ?? nextGroup++;
    groups[i] = group;
    if (before) groups[i - 1] = group;
    if (withAfter) groups[i + 1] = group;
  });

  const paragraphs: ParsedParagraph[] = [];
  const headings: { level: number; text: string; anchor: string }[] = [];
  // Every heading takes its GitHub id in the order of the page (the title's and those with an
  // explicit id too, as GitHub gives them one): a repeated one gets -1, -2…, never an id taken.
  const slugs = new Map<string, number>();
  const headingId = (b: Block): string => {
    const base = slug(b.written ?? b.text);
    let id = base;
    while (slugs.has(id)) {
      const n = (slugs.get(base) ?? 0) + 1;
      slugs.set(base, n);
      id = `${base}-${n}`;
    }
    slugs.set(id, 0);
    return id;
  };
  const anchorOf = (b: Block) => {
    if (b.anchor && b.ownId) return b.anchor;
    const id = headingId(b);
    return b.anchor ?? id;
  };
  let question: { text: string; anchor: string } | undefined;
  // The section path and anchor under the headings (and the question): one array for the
  // paragraphs of one section, worked out again only when the headings or the question change.
  let last: { top: unknown; depth: number; q: unknown; section?: string[]; anchor?: string } = {
    top: null,
    depth: -1,
    q: null,
  };
  const where = (q = question): { section?: string[]; anchor?: string } => {
    const top = headings.at(-1);
    if (last.top === top && last.depth === headings.length && last.q === q) return last;
    const section = headings.map((h) => h.text);
    if (q) section.push(q.text);
    const anchor = q?.anchor ?? top?.anchor;
    last = { top, depth: headings.length, q };
    if (section.length) last.section = section;
    if (anchor) last.anchor = anchor;
    return last;
  };
  // A paragraph's properties in a fixed order (the order a snapshot stores them in).
  const paragraph = (
    number: number,
    text: string,
    kind: ParagraphKind,
    at: ReturnType<typeof where>,
    group?: number,
    lang?: string,
  ) => {
    const out: ParsedParagraph = { number, text, kind };
    if (at.section) out.section = at.section;
    if (at.anchor) out.anchor = at.anchor;
    if (group !== undefined) out.group = group;
    if (lang !== undefined && kind === 'code') out.lang = lang;
    return out;
  };
  blocks.forEach((b, i) => {
    const number = i + 1;
    const group = groups[i];
    if (b.closes) question = undefined;
    if (b === titleBlock) {
      if (b.kind === 'heading' && !b.ownId) headingId(b);
      paragraphs.push({ number, text: b.text, kind: 'title' });
      return;
    }
    if (b.kind === 'heading') {
      const level = b.level ?? 7;
      while ((headings.at(-1)?.level ?? 0) >= level) headings.pop();
      question = undefined;
      const outer = where(undefined);
      headings.push({ level, text: b.text, anchor: anchorOf(b) });
      // A heading with nothing under it is searchable text itself.
      const next = blocks[i + 1];
      const empty = !next || (next.kind === 'heading' && (next.level ?? 7) <= level);
      paragraphs.push(paragraph(number, b.text, empty ? 'text' : 'heading', outer, group));
      return;
    }
    if (kinds[i] === 'question') {
      question = undefined;
      paragraphs.push(paragraph(number, b.text, 'question', where(), group));
      // A question in bold or a <summary> is no heading: GitHub gives it no id (one it was given, kept).
      question = { text: b.text, anchor: b.anchor ?? where(undefined).anchor ?? '' };
      return;
    }
    paragraphs.push(paragraph(number, b.text, b.kind, where(), group, b.lang));
  });
  const url = meta.url?.trim();
  // A slug is a path: one with spaces, control characters or `..` is no address of a page.
  const pageSlug = meta.slug?.trim();
  const goodSlug = pageSlug && pageSlug.length <= 200 && !/[\s\p{Cc}?#]|(?:^|\/)\.\.(?:\/|$)/u.test(pageSlug);
  const draft = /^(?:true|yes)$/i.test(meta.draft?.trim() ?? '')
    ? 'draft: true'
    : /^(?:false|no)$/i.test(meta.published?.trim() ?? '')
      ? 'published: false'
      : undefined;
  return {
    title,
    explicitTitle,
    markdown,
    ...(url ? { url } : {}),
    ...(goodSlug ? { slug: pageSlug } : {}),
    ...(draft ? { draft } : {}),
    paragraphs,
  };
}
