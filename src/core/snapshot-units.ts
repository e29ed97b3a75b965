/**
 * The file units in a snapshot: their columns concatenated over the files when written, and
 * read back as views into them, each unit checked to fit its columns.
 */
import type { Paragraph } from './engine.js';
import type { Header, Section } from './snapshot-format.js';
import { type FileUnit, UNIT_COLUMNS } from './units.js';

/** The file units' columns, each concatenated over the files, and every unit's lengths. */
export function unitSections(units: readonly FileUnit[]): Record<string, Section> {
  const columns = [...UNIT_COLUMNS, 'spanFirst', 'spanLast', 'spanStart', 'spanEnd'] as const;
  const of = (u: FileUnit, c: (typeof columns)[number]) =>
    c === 'spanFirst'
      ? u.spans.first
      : c === 'spanLast'
        ? u.spans.last
        : c === 'spanStart'
          ? u.spans.start
          : c === 'spanEnd'
            ? u.spans.end
            : u[c];
  const lengths = new Uint32Array(units.length * columns.length);
  const out: Record<string, Section> = {};
  columns.forEach((c, k) => {
    let total = 0;
    units.forEach((u, i) => {
      const n = of(u, c).length;
      lengths[i * columns.length + k] = n;
      total += n;
    });
    const all = c === 'dupes' ? new Float64Array(total) : new Uint32Array(total);
    let at = 0;
    for (const u of units) {
      const a = of(u, c);
      all.set(a as never, at);
      at += a.length;
    }
    out[`unit.${c}`] = all;
  });
  out.unitLengths = lengths;
  return out;
}

type SectionReader = <T>(
  name: string,
  View: new (b: ArrayBuffer, o: number, l: number) => T,
  size: number,
) => T;

/** The file units of a snapshot (views into its columns), checked; undefined when it has none. */
export function readUnits(
  header: Header,
  section: SectionReader,
  paragraphs: Paragraph[],
  termCount: number,
  wordCount: number,
): FileUnit[] | undefined {
  if (!header.unitsKey || header.unitKeys.length !== header.documents.length) return undefined;
  const columns = [...UNIT_COLUMNS, 'spanFirst', 'spanLast', 'spanStart', 'spanEnd'] as const;
  const lengths = section('unitLengths', Uint32Array, 4);
  if (lengths.length !== header.unitKeys.length * columns.length) throw new Error('file units are damaged');
  const all = new Map<string, Uint32Array | Float64Array>();
  for (const c of columns)
    all.set(c, c === 'dupes' ? section(`unit.${c}`, Float64Array, 8) : section(`unit.${c}`, Uint32Array, 4));
  for (const [c, limit] of [
    ['contextIds', termCount],
    ['bodyIds', termCount],
    ['contextWords', wordCount],
    ['words', wordCount],
  ] as const) {
    if ((all.get(c) as Uint32Array).some((id) => id >= limit)) throw new Error('file units are damaged');
  }
  const at = new Map<string, number>(columns.map((c) => [c, 0]));
  const units: FileUnit[] = [];
  let paragraph = 0;
  const titles = header.unitTitles;
  if (typeof titles !== 'object' || titles === null) throw new Error('file units are damaged');
  header.documents.forEach((served, i) => {
    // The unit's own title, where the engine named it by its file too (see distinctTitles).
    const own = Object.hasOwn(titles, i) ? titles[i] : undefined;
    if (own !== undefined && typeof own !== 'string') throw new Error('file units are damaged');
    const document = own === undefined ? served : { ...served, title: own };
    const taken = paragraphs.slice(paragraph, paragraph + document.paragraphs);
    const take = <T extends Uint32Array | Float64Array>(c: (typeof columns)[number]): T => {
      const from = at.get(c) as number;
      const n = lengths[i * columns.length + columns.indexOf(c)] as number;
      const whole = all.get(c) as T;
      if (from + n > whole.length) throw new Error('file units are damaged');
      at.set(c, from + n);
      return whole.subarray(from, from + n) as T;
    };
    const unit: FileUnit = {
      key: header.unitKeys[i] as string,
      document,
      paragraphs: own === undefined ? taken : taken.map((p) => ({ ...p, title: own })),
      spans: {
        first: take('spanFirst'),
        last: take('spanLast'),
        start: take('spanStart'),
        end: take('spanEnd'),
      },
      dupes: take('dupes'),
      context: take('context'),
      contextOffsets: take('contextOffsets'),
      contextIds: take('contextIds'),
      contextWordOffsets: take('contextWordOffsets'),
      contextWords: take('contextWords'),
      bodyOffsets: take('bodyOffsets'),
      bodyIds: take('bodyIds'),
      wordOffsets: take('wordOffsets'),
      words: take('words'),
    };
    paragraph += document.paragraphs;
    checkUnit(unit);
    units.push(unit);
  });
  if (paragraph !== paragraphs.length) throw new Error('file units are damaged');
  return units;
}

/** Throws when a unit's columns do not fit each other (a damaged snapshot). */
function checkUnit(u: FileUnit): void {
  const n = u.dupes.length;
  const offsets = (o: Uint32Array, count: number, data: number) =>
    o.length === count + 1 &&
    o[0] === 0 &&
    o[count] === data &&
    o.every((x, i) => i === 0 || x >= (o[i - 1] as number));
  const contexts = u.contextOffsets.length - 1;
  const ok =
    u.paragraphs.length === u.document.paragraphs &&
    [u.spans.first, u.spans.last, u.spans.start, u.spans.end, u.context].every((a) => a.length === n) &&
    u.spans.last.every((p, i) => p < u.paragraphs.length && (u.spans.first[i] as number) <= p) &&
    contexts >= 0 &&
    u.context.every((c) => c < contexts) &&
    offsets(u.contextOffsets, contexts, u.contextIds.length) &&
    offsets(u.contextWordOffsets, contexts, u.contextWords.length) &&
    offsets(u.bodyOffsets, n, u.bodyIds.length) &&
    offsets(u.wordOffsets, n, u.words.length);
  if (!ok) throw new Error('file units are damaged');
}
