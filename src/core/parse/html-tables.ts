/**
 * Data tables of an HTML page: the parts of a table, the state of the table being read (its
 * rows, header rows, caption, the span of the cell being read), and the cells that span down
 * (`rowspan`) carried into the rows below.
 */

import { MAX_COLUMNS } from './markdown.js';

/** The parts of a table: blocks when the table is a layout. */
export const TABLE_PARTS = new Set(['tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption']);

export interface Table {
  rows: string[][];
  row: string[] | undefined;
  /** Its `<caption>`, which leads in to it. */
  caption?: string;
  /** Whether every cell of the first row is a `<th>` (a row of headers, not a column of them). */
  header: boolean;
  /** The columns the cell being read spans (its `colspan`), and the rows (its `rowspan`). */
  span: number;
  rowSpan: number;
  /** Rows from the top made only of `<th>` cells: the header, over one row or several. */
  headerRows: number;
  /** Whether the row being read has a `<td>`. */
  rowHasData: boolean;
  /** Cells of rows above that span down into the next rows, by column: their text and rows left. */
  carried: Map<number, { text: string; left: number }>;
}

/** Rows a cell may span down (`rowspan`), at most. */
export const MAX_ROW_SPAN = 1000;

/**
 * Puts the cells of rows above that span down into this row in their columns, at the row's end
 * so far (and, with `all`, past it: the row is complete).
 */
export function carryInto(table: Table, row: string[], all = false): void {
  for (;;) {
    const carried = table.carried.get(row.length);
    if (!carried) {
      if (!all) return;
      const later = [...table.carried.keys()].filter((c) => c > row.length);
      if (later.length === 0) return;
      row.push('');
      continue;
    }
    row.push(carried.text);
    if (--carried.left === 0) table.carried.delete(row.length - 1);
    if (row.length >= MAX_COLUMNS) return;
  }
}
