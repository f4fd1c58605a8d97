import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsvTable } from '../src/csv.js';
import { checkHeader, type CsvTable } from '../src/policy/table.js';

function table(text: string): CsvTable {
  const parsed = parseCsvTable(text);
  if ('problems' in parsed) throw new Error(`unexpected problems ${JSON.stringify(parsed.problems)}`);
  return parsed.table;
}

describe('parseCsvTable', () => {
  it('keys values by header and keeps the line each row starts on, past blank lines and quoted line breaks', () => {
    const t = table('\uFEFFa,b\r\n1, 2 \r\n\r\n,\r\n"x\r\ny",3\r\n4,5');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      { line: 2, fields: { a: '1', b: '2' } },
      { line: 5, fields: { a: 'x\ny', b: '3' } },
      { line: 7, fields: { a: '4', b: '5' } },
    ]);
  });

  it('reports every row with the wrong number of values', () => {
    expect(parseCsvTable('a,b\n1\n2,3\n4,5,6\n')).toEqual({
      problems: [
        { line: 2, code: 'import.field_count', params: { count: 1, expected: 2 } },
        { line: 4, code: 'import.field_count', params: { count: 3, expected: 2 } },
      ],
    });
  });

  it('reports a file it cannot read as CSV, and an empty one', () => {
    expect(parseCsvTable('a,b\n1,"2\n3,4\n')).toEqual({ problems: [{ line: 3, code: 'import.unclosed_quote', params: {} }] });
    expect(parseCsvTable('a,b\n1,2"x",3\n')).toEqual({ problems: [{ line: 2, code: 'import.misplaced_quote', params: {} }] });
    expect(parseCsvTable('\n \n')).toEqual({ problems: [{ line: 0, code: 'import.empty_file', params: {} }] });
  });
});

describe('checkHeader', () => {
  const spec = { required: ['a', 'b'], optional: ['c'] };

  it('accepts the required columns in any order, with or without the optional ones', () => {
    expect(checkHeader(table('b,a\n'), spec)).toEqual([]);
    expect(checkHeader(table('c,a,b\n'), spec)).toEqual([]);
  });

  it('names each missing, unknown or repeated column on the header line', () => {
    expect(checkHeader(table('\na,a,x\n'), spec)).toEqual([
      { line: 2, code: 'import.duplicate_column', params: { column: 'a' } },
      { line: 2, code: 'import.unknown_column', params: { column: 'x', columns: 'a,b,c' } },
      { line: 2, code: 'import.missing_column', params: { column: 'b', columns: 'a,b' } },
    ]);
  });
});

describe('formatCsv', () => {
  it('quotes only values that need it, and reads back the same', () => {
    const text = formatCsv(
      ['name', 'note'],
      [
        ['王伟', 'plain'],
        ['Li, Na', 'say "hi"'],
      ],
    );
    expect(text).toBe('name,note\n王伟,plain\n"Li, Na","say ""hi"""\n');
    expect(table(text).rows.map((r) => r.fields)).toEqual([
      { name: '王伟', note: 'plain' },
      { name: 'Li, Na', note: 'say "hi"' },
    ]);
  });
});
