/**
 * Inline text of an HTML page: the elements read as code and as emphasis, text escaped so that
 * Markdown reads it as written (and a line start that would read as structure), and the text
 * being read as pieces that an inline element's Markdown rewrites.
 */

/** Inline elements read as code. */
export const CODE = new Set(['code', 'kbd', 'samp', 'tt', 'var']);
/** Emphasis tags and their Markdown marks (a Map: a tag named `constructor` is no emphasis). */
export const EMPHASIS: ReadonlyMap<string, string> = new Map([
  ['strong', '**'],
  ['b', '**'],
  ['em', '*'],
  ['i', '*'],
]);
/** Inline marks nested deeper than this are left out (each one rewrites its text). */
export const MAX_MARKS = 8;

/** Text escaped so that Markdown reads it as written. */
export const escapeText = (text: string): string => text.replace(/[\\`*_[\]<>#|~&]/g, '\\$&');

/**
 * A line start Markdown (or the dialects the Markdown reader knows) would read as structure: a
 * list marker, a number and its dot (`1\\.`, the escape goes after the digits), a rule, `:::`,
 * `!!!`, `===`, `{{`, `{%`.
 */
export const escapeStart = (line: string): string =>
  line.replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2').replace(/^([-+=:!{])/, '\\$1');

/**
 * The text being read, as pieces: an inline element's Markdown rewrites only the pieces it
 * holds (the text before it is never copied), so marks cost what they hold.
 */
export class Inline {
  private parts: string[] = [];

  get length(): number {
    return this.parts.length;
  }

  push(text: string): void {
    if (text) this.parts.push(text);
  }

  /** Takes the pieces from `start` on, as one string. */
  take(start: number): string {
    return start >= this.parts.length ? '' : this.parts.splice(start).join('');
  }

  /** Takes all of it. */
  text(): string {
    return this.take(0);
  }

  clear(): void {
    this.parts = [];
  }

  /** Whether its last piece has text (not only whitespace or a `; ` separator). */
  endsInText(): boolean {
    const last = this.parts.at(-1);
    return last !== undefined && last !== '; ' && /\S/.test(last);
  }

  /** Whether its last piece ends with a letter. */
  endsInLetter(): boolean {
    return /\p{L}$/u.test(this.parts.at(-1) ?? '');
  }

  /** Whether it is empty or ends with whitespace. */
  endsInSpace(): boolean {
    const last = this.parts.at(-1);
    return last === undefined || /\s$/.test(last);
  }
}
