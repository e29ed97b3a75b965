/**
 * What a parser makes of a file, before sections and passages: a list of blocks in reading
 * order. The Markdown parser (parse/markdown.ts) and the plain-text parser (parse/text.ts) both
 * produce it; passages.ts turns it into numbered paragraphs with their section path.
 */

export type BlockKind = 'heading' | 'text' | 'question' | 'list' | 'code' | 'table';

export interface Block {
  kind: BlockKind;
  /**
   * The block as a reader sees it: Markdown syntax and HTML tags removed (a link or an image
   * keeps its text), wrapped lines joined with a space. Code keeps its lines (no fences). A
   * table row reads `Header: cell · Header: cell`.
   */
  text: string;
  /**
   * A heading's level (smaller is outer): 1–6 for Markdown and HTML headings; in plain text,
   * the depth of a numbered heading (1 for `4.` or `Article 4`, 2 for `4.2`), underline styles
   * in their order of first appearance, one under the enclosing heading for a term line, 7 for
   * an ALL-CAPS or standalone line, 8 for a question standing alone.
   */
  level?: number;
  /**
   * A notice (a GitHub alert, an Obsidian callout `> [!IMPORTANT]`) or a plain-text file's
   * header of fields (`Archive-Name: …`): never the page's title.
   */
  notice?: true;
  /** An anchor the document gives a heading explicitly (`<a id="install"></a>` before it). */
  anchor?: string;
  /**
   * The anchor is the heading's own id (`## Installation {#install}`): the sites that read it
   * give the heading that id instead of a slug of its words, so it takes no slug.
   */
  ownId?: true;
  /**
   * The heading as written, when the text shown differs from it (a FAQ heading `Q: How do
   * I…?` shows without its mark): its slug is the anchor a site gives it.
   */
  written?: string;
  /**
   * Blocks with the same group number belong together in one passage when they fit: the items
   * of one list, the rows of one table, a definition (a term, its `Default:` lines and its
   * description). Numbers are unique within a file; a block without one stands alone.
   */
  group?: number;
  /**
   * An entry of a table of contents the plain-text reader told by the headings it lists (see
   * contentsEntries): never a passage, whatever stands between the entries it lists (a
   * chapter line the text under it never repeats).
   */
  contents?: true;
  /** The first block after a `<details>` section: the summary heading that section ends here. */
  closes?: true;
  /** A code block's language as its fence names it (`js`, `python`), for Discord to highlight. */
  lang?: string;
}

export interface ParsedBlocks {
  /** Front matter fields (Markdown), lower-case keys: `title`, `url`… */
  meta: Record<string, string>;
  blocks: Block[];
}

/**
 * A label a table of contents may have (`Table of Contents`, `Contents:`, `TOC`), also in
 * German, French, Spanish, Portuguese, Italian, Dutch, Polish, Swedish and Russian
 * (`Inhaltsverzeichnis`, `Table des matières`, `Índice`, `Содержание`…).
 */
export const CONTENTS_LABEL =
  /^(?:(?:table of )?contents|toc|inhaltsverzeichnis|inhalt|table des mati[eè]res|sommaire|[íi]ndice|contenidos?|sum[áa]rio|sommario|inhoud(?:sopgave)?|spis tre[śs]ci|inneh[åa]ll(?:sf[öo]rteckning)?|содержание|оглавление):?$/iu;

/** The marks of a FAQ's question and answer written out (`Q: How do I…?`, `A: Run…`). */
export const FAQ_QUESTION = /^\s*(?:Q|Question)\s*[:.)]\s+/i;
export const FAQ_ANSWER = /^\s*(?:[Aa]|[Aa]nswer|ANSWER)\s*(?::|\)|\.(?!\s*\p{Lu}\.))\s+/u;
/** A question ends with a question mark, maybe inside closing quotes or brackets. */
export const ENDS_QUESTION = /\?["'\u201D\u2019)\]]*$/;

/** A text without a mark it opens with; a mark with nothing after it that says anything (`Q: ?`) stays. */
const withoutMark = (text: string, mark: RegExp): string => {
  const rest = text.replace(mark, '');
  return /[\p{L}\p{N}]/u.test(rest) ? rest : text;
};

/** A FAQ's question as a reader takes it: the section, without its `Q:`. */
export const faqQuestion = (text: string): string => withoutMark(text, FAQ_QUESTION);
/** A FAQ's answer as a reader takes it, without its `A:`. */
export const faqAnswer = (text: string): string => withoutMark(text, FAQ_ANSWER);

/** A FAQ's question and answer as a reader takes them, without their marks. */
export const faqEntry = (question: string, answer: string): { question: string; answer: string } => ({
  question: faqQuestion(question),
  answer: faqAnswer(answer),
});

/** Scripts written without spaces between words (Chinese, Japanese), and their punctuation. */
const NO_SPACE =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3001-\\u303F\\u30FC\\uFF01-\\uFF60';
const NO_SPACE_END = new RegExp(`[${NO_SPACE}]$`, 'u');
const NO_SPACE_START = new RegExp(`^[${NO_SPACE}]`, 'u');
const NO_SPACE_ANY = new RegExp(`[${NO_SPACE}]`, 'u');
/** A wrapped line is this long at least (characters), and nearly as long as the block's longest. */
const WRAPPED_MIN = 20;
const WRAPPED_SHARE = 0.8;

/**
 * Whether a line ending so and the next starting so join without a space: Chinese and Japanese,
 * written without spaces, are wrapped anywhere, so a space there would split a word (完美的答 /
 * 案) — when the line was wrapped, as long as the block's longest (`widest`), not an item of
 * a list one per line (禁止刷屏 / 禁止广告 keep their space). Korean, written with spaces,
 * keeps it.
 */
export function joinsWithoutSpace(before: string, after: string, widest: number): boolean {
  const line = before.trim();
  const length = Array.from(line).length;
  return (
    length >= WRAPPED_MIN &&
    length >= WRAPPED_SHARE * widest &&
    NO_SPACE_END.test(line) &&
    NO_SPACE_START.test(after.trimStart())
  );
}

/** A text's line breaks inside wrapped Chinese or Japanese text removed (see joinsWithoutSpace). */
export function joinNoSpaceLines(text: string): string {
  if (!text.includes('\n') || !NO_SPACE_ANY.test(text)) return text;
  const lines = text.split('\n');
  const widest = Math.max(...lines.map((l) => Array.from(l.trim()).length));
  let out = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    out += joinsWithoutSpace(lines[i - 1] as string, line, widest) ? line.trimStart() : `\n${line}`;
  }
  return out;
}
