/**
 * Many rows into a table with one COPY (text format) instead of INSERT: the server reads them as a
 * stream, without planning a statement or decoding parameters. PGlite reads the rows as an attached
 * blob, postgres.js writes them to the connection of the caller's transaction.
 */
import { finished } from 'node:stream/promises';
import type { Tx } from './client.js';
import { txClient } from './tx-client.js';

export type CopyValue = string | number | boolean | null | undefined;

/** `table` and `columns` are our own names, never input. Null and undefined go as SQL NULL. */
export async function copyRows(tx: Tx, table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  const statement = `copy ${table} (${columns.join(', ')}) from`;
  const text = copyText(rows);
  const driver = txClient(tx);
  if (driver.kind === 'postgres') {
    const stream = await driver.client.unsafe(`${statement} stdin`).writable();
    stream.end(text);
    await finished(stream);
  } else {
    await driver.client.query(`${statement} '/dev/blob'`, [], { blob: new Blob([text]) });
  }
}

function copyText(rows: readonly (readonly CopyValue[])[]): string {
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly CopyValue[];
    let line = '';
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (c > 0) line += '\t';
      line += value === null || value === undefined ? '\\N' : typeof value === 'string' ? escaped(value) : String(value);
    }
    lines[r] = line;
  }
  return `${lines.join('\n')}\n`;
}

const special = /[\\\t\n\r]/;
const everySpecial = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escaped(value: string): string {
  return special.test(value) ? value.replace(everySpecial, (c) => escapes[c] as string) : value;
}
