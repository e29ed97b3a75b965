/**
 * reStructuredText tables read as rows of cells: grid tables (`+---+---+` borders), simple
 * tables (`=====  =====` borders), and the bodies of `.. list-table::` and `.. csv-table::`.
 * The converter writes the rows as a pipe table, their cells' inline markup read.
 */

import { MAX_COLUMNS } from './markdown.js';
import { BLANK } from './rst-lines.js';

export const GRID_BORDER = /^\+(?:[-=]+\+)+\s*$/;
export const SIMPLE_BORDER = /^=+(?:\s+=+)+\s*$/;

/** A table read from lines: its rows, whether the first is its header, and the line after it. */
export interface Rows {
  rows: string[][];
  header: boolean;
  end: number;
}

/** A grid table (`+---+---+` borders, `|` between cells): its rows, its header, the line after it. */
export function gridRows(lines: string[], from: number, to: number): Rows {
  const border = lines[from] as string;
  // Column edges: the border's `+` marks (at most MAX_COLUMNS columns; the rest join the last).
  const cuts: number[] = [];
  for (let c = 0; c < border.length; c++) if (border[c] === '+') cuts.push(c);
  if (cuts.length > MAX_COLUMNS + 1) cuts.splice(MAX_COLUMNS, cuts.length - MAX_COLUMNS - 1);
  const edge = new Set(cuts);
  const rows: string[][] = [];
  let header = -1;
  let cells: string[][] = cuts.slice(1).map(() => []);
  const save = () => {
    if (cells.some((c) => c.length)) rows.push(cells.map((c) => c.join(' ').trim()));
    cells = cuts.slice(1).map(() => []);
  };
  let i = from + 1;
  for (; i < to; i++) {
    const line = lines[i] as string;
    if (line.startsWith('+')) {
      // A border, whole or partial (a cell spanning rows): the row above ends.
      save();
      if (/^\+=/.test(line)) header = rows.length;
      continue;
    }
    if (!line.startsWith('|')) break;
    // A cell runs from one `|` on a column edge to the next (a cell spanning columns has none
    // between them): its text goes to its first column.
    let column = 0;
    let start = 0;
    for (let c = 1; c <= line.length; c++) {
      if (c < line.length && !(line[c] === '|' && edge.has(c))) continue;
      const text = line.slice(start + 1, c).trim();
      if (text) cells[Math.min(column, cells.length - 1)]?.push(text);
      while (column < cuts.length - 1 && (cuts[column + 1] as number) <= c) column++;
      start = c;
    }
  }
  save();
  return { rows, header: header === 1, end: i };
}

/** A simple table (`=====  =====` borders, columns by the gaps): its rows, its header, the line after it. */
export function simpleRows(lines: string[], from: number, to: number): Rows {
  const border = lines[from] as string;
  const spans: [number, number][] = [];
  const re = /=+/g;
  for (let m = re.exec(border); m; m = re.exec(border)) spans.push([m.index, m.index + m[0].length]);
  if (spans.length > MAX_COLUMNS) spans.length = MAX_COLUMNS;
  const rows: string[][] = [];
  let borders = 1;
  let header = false;
  let i = from + 1;
  for (; i < to; i++) {
    const line = lines[i] as string;
    if (SIMPLE_BORDER.test(line) || /^=+\s*$/.test(line)) {
      borders++;
      if (borders === 2 && lines[i + 1] !== undefined && !BLANK.test(lines[i + 1] as string)) {
        header = rows.length === 1;
        continue;
      }
      i++;
      break;
    }
    if (BLANK.test(line)) continue;
    if (/^-+(?:\s+-+)*\s*$/.test(line)) continue;
    const row = spans.map(([s, e], c) => line.slice(s, c === spans.length - 1 ? undefined : e).trim());
    // A line whose first column is empty continues the row above.
    if (!row[0] && rows.length) {
      const above = rows.at(-1) as string[];
      row.forEach((cell, c) => {
        if (cell) above[c] = `${above[c] ?? ''} ${cell}`.trim();
      });
    } else rows.push(row);
  }
  return { rows, header, end: i };
}

/** The rows of a `.. list-table::`: rows as `* - cell` items. */
export function listTableRows(body: string[]): string[][] {
  const rows: string[][] = [];
  let row: string[] | undefined;
  for (const line of body) {
    const m = /^(\*|-)\s+-\s+(.*)$/.exec(line);
    if (m) {
      row = [m[2] ?? ''];
      rows.push(row);
      continue;
    }
    const cell = /^\s+-\s+(.*)$/.exec(line);
    if (cell && row) {
      row.push(cell[1] ?? '');
      continue;
    }
    if (row && /^\s+\S/.test(line)) row[row.length - 1] = `${row.at(-1) ?? ''} ${line.trim()}`.trim();
  }
  return rows;
}

/**
 * The rows of a `.. csv-table::` with its rows in its body; its `:header:` option (a CSV line)
 * is the header row, as are the first rows (joined column by column) with `:header-rows: N`.
 */
export function csvTableRows(
  body: string[],
  options: string,
): { rows: string[][]; header: boolean } | undefined {
  // Rows kept in another file or at an address are not read: no table, rather than a header alone.
  if (/^:(?:file|url):/m.test(options)) return undefined;
  const rows = body.filter((l) => !BLANK.test(l)).map(csvFields);
  const header = /^:header:\s*(.+)$/m.exec(options)?.[1];
  if (header) rows.unshift(csvFields(header));
  // `:header-rows: 2`: the first rows, column by column, make one header row.
  const headerRows = header ? 1 : Math.min(Number(/^:header-rows:\s*(\d+)/m.exec(options)?.[1] ?? 0), 8);
  if (headerRows > 1) {
    const top = rows.splice(0, headerRows);
    const width = Math.max(...top.map((r) => r.length));
    rows.unshift(
      Array.from({ length: width }, (_, i) =>
        top
          .map((r) => r[i] ?? '')
          .filter(Boolean)
          .join(' '),
      ),
    );
  }
  return { rows, header: headerRows > 0 };
}

/** The fields of one CSV line (quotes with doubled quotes inside, empty fields kept). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k] as string;
    if (quoted) {
      if (c === '"' && line[k + 1] === '"') {
        field += '"';
        k++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && !field.trim()) quoted = true;
    else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}
