import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { CsvBatch, CsvFormat, IngestRecord } from '../../../../salesforce/bulk2/ingest-csv.js';
import { csvBatches, csvCell } from '../../../../salesforce/bulk2/ingest-csv.js';
import { RowIndex } from '../../../../salesforce/bulk2/row-index.js';

async function collect(records: Iterable<IngestRecord>, maxBytes = 1_000_000, format: CsvFormat = { columnDelimiter: 'COMMA', lineEnding: 'LF' }) {
  const batches: CsvBatch[] = [];
  for await (const batch of csvBatches(records, format, maxBytes)) batches.push(batch);
  return batches;
}

describe('csvCell', () => {
  it('writes null and blank text as #N/A, and leaves an absent value empty (unchanged)', () => {
    expect(csvCell(null, 'Phone', 0)).toBe('#N/A');
    expect(csvCell('', 'Phone', 0)).toBe('#N/A');
    expect(csvCell([], 'Colors__c', 0)).toBe('#N/A');
    expect(csvCell(undefined, 'Phone', 0)).toBe('');
  });

  it('writes booleans, numbers, dates and multi-select picklists as Bulk CSV expects', () => {
    expect([true, false, 12.5, -0.001, 10n ** 20n].map((value) => csvCell(value, 'F', 0))).toEqual(['true', 'false', '12.5', '-0.001', '100000000000000000000']);
    expect(csvCell(new Date('2024-01-02T03:04:05.006Z'), 'When__c', 0)).toBe('2024-01-02T03:04:05.006Z');
    expect(csvCell(['Red', 'Blue'], 'Colors__c', 0)).toBe('Red;Blue');
  });

  it('refuses values with no CSV form, naming the record and field', () => {
    expect(() => csvCell({ nested: 1 }, 'Bad__c', 7)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('record 7, field Bad__c') }));
    expect(() => csvCell(Number.NaN, 'Amount', 0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => csvCell(new Date('nope'), 'When__c', 0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('csvBatches', () => {
  const tricky = [
    { Name: 'Acme, "the" company', Description: 'line one\nline two', Phone: null },
    { Name: 'Rocket 🚀 日本語', Description: 'carriage\rreturn', Phone: '+1 415 555 0100' },
    { Name: '  spaced  ', Description: undefined, Phone: '' },
  ];

  it('writes values a real CSV parser reads back exactly', async () => {
    const [batch] = await collect(tricky);
    expect(batch?.columns).toEqual(['Name', 'Description', 'Phone']);
    expect(parse(batch!.csv, { columns: true })).toEqual([
      { Name: 'Acme, "the" company', Description: 'line one\nline two', Phone: '#N/A' },
      { Name: 'Rocket 🚀 日本語', Description: 'carriage\rreturn', Phone: '+1 415 555 0100' },
      { Name: '  spaced  ', Description: '', Phone: '#N/A' },
    ]);
  });

  it('uses the job delimiter and line ending', async () => {
    const [batch] = await collect([{ Id: '001000000000001AAA', Name: 'a|b' }], 1_000_000, { columnDelimiter: 'PIPE', lineEnding: 'CRLF' });
    expect(batch?.csv.toString('utf8')).toBe('Id|Name\r\n001000000000001AAA|"a|b"\r\n');
  });

  it('splits into batches that each stay within the byte limit, header included', async () => {
    const records = Array.from({ length: 40 }, (_, index) => ({ Name: `Account número ${index}`, Ext__c: `ext-${index}` }));
    const batches = await collect(records, 200);
    expect(batches.length).toBeGreaterThan(4);
    for (const batch of batches) {
      expect(batch.csv.length).toBeLessThanOrEqual(200);
      expect(batch.csv.toString('utf8').startsWith('Name,Ext__c\n')).toBe(true);
    }
    expect(batches.map((batch) => batch.firstIndex)).toEqual(batches.map((_, at) => batches.slice(0, at).reduce((sum, earlier) => sum + earlier.rows.size, 0)));
    expect(batches.flatMap((batch) => parse(batch.csv, { columns: true }))).toEqual(records);
  });

  it('starts a new batch with the union of columns when a record brings a new field', async () => {
    const batches = await collect([{ Id: 'a', Name: 'one' }, { Id: 'b' }, { Id: 'c', Phone: '1' }, { Id: 'd', Name: 'four' }]);
    expect(batches.map((batch) => [batch.columns, batch.firstIndex, batch.rows.size])).toEqual([
      [['Id', 'Name'], 0, 2],
      [['Id', 'Name', 'Phone'], 2, 2],
    ]);
  });

  it('refuses a record that cannot fit in any upload, and a record with no fields', async () => {
    await expect(collect([{ Name: 'x'.repeat(300) }], 100)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(collect([{}])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('record 0 has no fields') });
  });
});

describe('RowIndex', () => {
  it('finds each uploaded row by its cells, and identical rows one result each', () => {
    const index = new RowIndex();
    const rows = [['a', '1'], ['b', '2'], ['a', '1'], ['c', '3']];
    for (const row of rows) index.add(row);
    const match = index.matcher();
    expect([match(['c', '3']), match(['a', '1']), match(['a', '1']), match(['a', '1']), match(['z', '9'])]).toEqual([3, 0, 2, undefined, undefined]);
    expect(index.matcher()(['a', '1'])).toBe(0);
  });

  it('keeps up with many rows', () => {
    const index = new RowIndex();
    for (let row = 0; row < 50_000; row += 1) index.add([`00100000${row}`, `Name ${row % 100}`]);
    const match = index.matcher();
    expect(match(['0010000049999', 'Name 99'])).toBe(49_999);
    expect(match(['001000000', 'Name 0'])).toBe(0);
  });
});
