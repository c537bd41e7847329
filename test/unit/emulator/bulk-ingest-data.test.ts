import { describe, expect, it } from 'vitest';
import { csvFormat } from '../../../emulator/bulk/csv-format.js';
import { bindColumns } from '../../../emulator/bulk/ingest-columns.js';
import { InvalidUpload, indexUpload, readRows, rowText } from '../../../emulator/bulk/ingest-data.js';
import { cellInput, errorText } from '../../../emulator/bulk/ingest-values.js';
import { OrgSchema } from '../../../emulator/schema/org-schema.js';

const LF = csvFormat('COMMA', 'LF');

function invalidUpload(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidUpload) return error.message;
    throw error;
  }
  throw new Error('expected the upload to be refused');
}

describe('ingest uploads', () => {
  it('indexes rows with quoted delimiters, quotes and line breaks, and echoes each row as uploaded', () => {
    const csv = 'Name,Description\n"Acme, Inc.","say ""hi""\nthere"\nŁódź 🚀,\n';
    const data = indexUpload(Buffer.from(csv), LF, 'LF');
    expect(data.header).toEqual(['Name', 'Description']);
    expect(data.headerText).toBe('Name,Description');
    expect(data.rowCount).toBe(2);
    expect([rowText(data, 0), rowText(data, 1)]).toEqual(['"Acme, Inc.","say ""hi""\nthere"', 'Łódź 🚀,']);
    expect(readRows(data, LF, 0, 2)).toEqual([['Acme, Inc.', 'say "hi"\nthere'], ['Łódź 🚀', '']]);
    expect(readRows(data, LF, 1, 2)).toEqual([['Łódź 🚀', '']]);
  });

  it('reads other delimiters and CRLF line endings, and a last row without a line ending', () => {
    const data = indexUpload(Buffer.from('Name|Phone\r\nA|1\r\nB|2'), csvFormat('PIPE', 'CRLF'), 'CRLF');
    expect(readRows(data, csvFormat('PIPE', 'CRLF'), 0, 2)).toEqual([['A', '1'], ['B', '2']]);
    expect(rowText(data, 1)).toBe('B|2');
  });

  it('fails the job when the file does not use the job\'s line ending', () => {
    expect(invalidUpload(() => indexUpload(Buffer.from('Name\r\nA\r\n'), LF, 'LF')))
      .toBe('ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF');
    expect(invalidUpload(() => indexUpload(Buffer.from('Name\nA\n'), csvFormat('COMMA', 'CRLF'), 'CRLF')))
      .toBe('ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF');
  });

  it('fails the job on malformed CSV', () => {
    expect(invalidUpload(() => indexUpload(Buffer.from('Name,Phone\nA,1,extra\n'), LF, 'LF'))).toMatch(/^ClientInputError : /);
    expect(invalidUpload(() => indexUpload(Buffer.from('Name\n"unterminated\n'), LF, 'LF'))).toMatch(/^ClientInputError : /);
  });

  it('binds header names case-insensitively, lookups by external ID, and refuses unknown names as Salesforce words it', () => {
    const schema = new OrgSchema();
    const caseObject = schema.object('Case')!;
    const columns = bindColumns(schema, caseObject, ['subject', 'Contact.Legacy_Id__c'], false);
    expect(columns[0]).toMatchObject({ kind: 'field', field: { name: 'Subject' } });
    expect(columns[1]).toMatchObject({ kind: 'reference', lookup: { name: 'ContactId' }, target: { name: 'Contact' }, key: { name: 'Legacy_Id__c' } });
    expect(invalidUpload(() => bindColumns(schema, caseObject, ['Subject', 'Foo__c'], false))).toBe('InvalidBatch : Field name not found : Foo__c');
    // Only external ID fields can name a parent.
    expect(invalidUpload(() => bindColumns(schema, caseObject, ['Contact.LastName'], false))).toBe('InvalidBatch : Field name not found : Contact.LastName');
    expect(bindColumns(schema, schema.object('Contact')!, ['Id', 'LastName'], true).map((column) => column.kind)).toEqual(['field', 'ignored']);
  });
});

describe('ingest cell values', () => {
  const account = new OrgSchema().object('Account')!;
  const field = (name: string) => account.field(name)!;

  it('reads booleans, numbers in scientific notation, dates and datetimes', () => {
    expect(cellInput(field('Is_Partner__c'), 'TRUE', 1)).toEqual({ ok: true, value: true });
    expect(cellInput(field('Is_Partner__c'), '0', 1)).toEqual({ ok: true, value: false });
    expect(cellInput(field('NumberOfEmployees'), '1.2e3', 1)).toEqual({ ok: true, value: 1200 });
    expect(cellInput(field('Customer_Since__c'), '2024-02-29', 1)).toEqual({ ok: true, value: '2024-02-29' });
    expect(cellInput(field('Name'), ' spaced ', 1)).toEqual({ ok: true, value: ' spaced ' });
  });

  it('reports a value that does not fit its type with the column number', () => {
    expect(cellInput(field('NumberOfEmployees'), 'many', 3)).toMatchObject({
      ok: false, error: { message: "Failed to deserialize field at col 3. Due to, 'many' is not a valid value for the type xsd:int" },
    });
    expect(cellInput(field('Customer_Since__c'), '2024-13-01', 1).ok).toBe(false);
  });

  it('formats sf__Error as STATUS_CODE:message:fields --', () => {
    expect(errorText({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }))
      .toBe('REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --');
    expect(errorText({ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] })).toBe('ENTITY_IS_DELETED:entity is deleted:--');
  });
});
