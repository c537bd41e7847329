import { beforeAll, describe, expect, it } from 'vitest';
import { bindQuery } from '../../../emulator/soql/binder.js';
import { parseSoql } from '../../../emulator/soql/parser.js';
import { planQuery } from '../../../emulator/soql/plan.js';
import { executeQuery } from '../../../emulator/soql/execute-query.js';
import { createOrgFixture, type OrgFixture } from './org-fixture.js';

const STAMPS = ['2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z', '2024-01-03T00:00:00.000Z'];
const UPPER = '2024-01-02T12:00:00.000Z';

function keysetQuery(afterStamp: string, afterId: string): string {
  return `SELECT Id, SystemModstamp FROM Account WHERE (SystemModstamp > ${afterStamp} OR (SystemModstamp = ${afterStamp} AND Id > '${afterId}')) AND SystemModstamp <= ${UPPER} ORDER BY SystemModstamp ASC, Id ASC`;
}

describe('keyset paging on (SystemModstamp, Id)', () => {
  let org: OrgFixture;
  let expected: { id: string; stamp: string }[];

  beforeAll(() => {
    org = createOrgFixture();
    // 2,500 records share the first stamp and 1,500 the second: the ties cross page boundaries.
    const records = Array.from({ length: 4_500 }, (_, index) => ({
      Name: `Tie ${index}`,
      SystemModstamp: STAMPS[index < 2_500 ? 0 : index < 4_000 ? 1 : 2],
      CreatedDate: STAMPS[0],
    }));
    const ids = org.insert('Account', records);
    expected = ids
      .map((id, index) => ({ id, stamp: records[index]!.SystemModstamp! }))
      .filter((row) => row.stamp <= UPPER)
      .sort((a, b) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : a.id < b.id ? -1 : 1));
  });

  it('visits every record of the window exactly once, in (SystemModstamp, Id) order, across tie groups', () => {
    const seen: string[] = [];
    let after = { stamp: '2023-12-31T00:00:00.000Z', id: '000000000000000AAA' };
    for (let round = 0; round < 10; round++) {
      const page = org.rows(keysetQuery(after.stamp, after.id), { pageSize: 2000 }).slice(0, 2000);
      if (page.length === 0) break;
      seen.push(...page.map((row) => row['Id'] as string));
      const last = page[page.length - 1]!;
      after = { stamp: (last['SystemModstamp'] as string).replace('+0000', 'Z'), id: last['Id'] as string };
    }
    expect(seen).toEqual(expected.map((row) => row.id));
  });

  it('counts the window from index positions, matching a brute-force count', () => {
    const middle = expected[2_700]!;
    const soql = keysetQuery(middle.stamp, middle.id).replace('SELECT Id, SystemModstamp', 'SELECT COUNT()').replace(/ ORDER BY .*$/, '');
    expect(org.count(soql)).toBe(expected.length - 2_701);
    const plan = planQuery(bindQuery(org.store.schema, parseSoql(soql), org.clock.now()));
    expect(plan).toMatchObject({ kind: 'index', order: 'modstamp', exact: true });
  });

  it('walks an ORDER BY DESC cursor in exact reverse order', () => {
    const descending = org.rows('SELECT Id FROM Account ORDER BY SystemModstamp DESC, Id DESC', { pageSize: 1000 });
    const ascending = org.rows('SELECT Id FROM Account ORDER BY SystemModstamp, Id');
    expect(descending.map((row) => row['Id'])).toEqual(ascending.reverse().map((row) => row['Id']));
  });

  it('serves a page again from its boundary, and only from a boundary', () => {
    const execution = executeQuery(org.store, 'SELECT Id FROM Account ORDER BY SystemModstamp, Id', false);
    if (execution.kind !== 'rows') throw new Error('expected rows');
    const { cursor } = execution;
    cursor.next(1000);
    const second = cursor.next(1000).records.map((record) => record.id);
    expect(cursor.seek(500)).toBe(false);
    expect(cursor.seek(1000)).toBe(true);
    expect(cursor.next(1000).records.map((record) => record.id)).toEqual(second);
    expect(cursor.totalSize).toBe(4_500);
  });
});
