import { describe, expect, it } from 'vitest';
import type { FakeRequest } from './fake-salesforce.js';
import { API_VERSION, testClient } from './fake-salesforce.js';

const root = `/services/data/${API_VERSION}`;
const record = (n: number) => ({ attributes: { type: 'Account', url: `${root}/sobjects/Account/001${n}` }, Id: `001${n}`, Name: `A${n}` });

/** Three pages of two records each, served by locator. */
function pagedQuery(request: FakeRequest) {
  const offset = request.url.pathname.startsWith(`${root}/query/01gCURSOR-`) ? Number(request.url.pathname.split('-').at(-1)) : 0;
  const done = offset >= 4;
  return {
    status: 200,
    body: {
      totalSize: 6,
      done,
      ...(done ? {} : { nextRecordsUrl: `${root}/query/01gCURSOR-${offset + 2}` }),
      records: [record(offset), record(offset + 1)],
    },
  };
}

describe('queryPages and query', () => {
  it('follows nextRecordsUrl until done and flattens records', async () => {
    const { client, fake } = testClient();
    fake.on('GET', /\/query/, pagedQuery);
    const pages = [];
    for await (const page of client.queryPages('SELECT Id, Name FROM Account')) pages.push(page);
    expect(pages.map((page) => page.done)).toEqual([false, false, true]);
    expect(pages[2]).not.toHaveProperty('nextRecordsUrl');
    const ids = [];
    for await (const row of client.query('SELECT Id, Name FROM Account')) ids.push(row.Id);
    expect(ids).toEqual(['0010', '0011', '0012', '0013', '0014', '0015']);
    const first = fake.requests.find((request) => request.url.pathname === `${root}/query`);
    expect(first?.url.searchParams.get('q')).toBe('SELECT Id, Name FROM Account');
  });

  it('sends the batch size on every page and rejects sizes Salesforce does not accept', async () => {
    const { client, fake } = testClient();
    fake.on('GET', /\/query/, pagedQuery);
    for await (const _page of client.queryPages('SELECT Id FROM Account', { batchSize: 500 })) {
      // drain
    }
    const queryCalls = fake.requests.filter((request) => request.url.pathname.startsWith(`${root}/query`));
    expect(queryCalls.map((request) => request.headers['sforce-query-options'])).toEqual(Array(3).fill('batchSize=500'));
    await expect(client.queryPages('SELECT Id FROM Account', { batchSize: 100 })[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('uses queryAll when asked', async () => {
    const { client, fake } = testClient();
    fake.on('GET', `${root}/queryAll`, { status: 200, body: { totalSize: 0, done: true, records: [] } });
    for await (const _page of client.queryPages('SELECT Id FROM Account', { all: true })) {
      // drain
    }
    expect(fake.requestsTo(`${root}/queryAll`)).toHaveLength(1);
  });

  it('resumes an open cursor from a nextRecordsUrl', async () => {
    const { client, fake } = testClient();
    fake.on('GET', /\/query/, pagedQuery);
    const ids = [];
    for await (const row of client.query('ignored', { resumeFrom: `${root}/query/01gCURSOR-4` })) ids.push(row.Id);
    expect(ids).toEqual(['0014', '0015']);
    expect(fake.requestsTo(`${root}/query`)).toHaveLength(0);
  });

  it('refuses to follow a nextRecordsUrl outside the pinned version', async () => {
    const { client, fake } = testClient();
    fake.on('GET', `${root}/query`, { status: 200, body: { totalSize: 4, done: false, nextRecordsUrl: 'https://evil.example.com/steal', records: [record(0)] } });
    const pages = client.queryPages('SELECT Id FROM Account')[Symbol.asyncIterator]();
    await pages.next();
    await expect(pages.next()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(client.query('x', { resumeFrom: '/services/data/v50.0/query/01gX-2' })[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('surfaces an expired cursor as INVALID_QUERY_LOCATOR so the caller can restart from its watermark', async () => {
    const { client, fake } = testClient();
    fake.on('GET', /\/query/, pagedQuery);
    fake.on('GET', `${root}/query/01gCURSOR-2`, { status: 400, body: [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }] });
    const seen: unknown[] = [];
    await expect(async () => {
      for await (const row of client.query('SELECT Id FROM Account')) seen.push(row.Id);
    }).rejects.toMatchObject({ code: 'INVALID_QUERY_LOCATOR', retryable: false });
    expect(seen).toEqual(['0010', '0011']);
  });

  it('stops between pages when the signal is aborted', async () => {
    const { client, fake } = testClient();
    fake.on('GET', /\/query/, pagedQuery);
    const controller = new AbortController();
    const seen: unknown[] = [];
    await expect(async () => {
      for await (const page of client.queryPages('SELECT Id FROM Account', { signal: controller.signal })) {
        seen.push(page);
        controller.abort();
      }
    }).rejects.toMatchObject({ code: 'ABORTED', retryable: false });
    expect(seen).toHaveLength(1);
  });

  it('counts with the totalSize of the first page', async () => {
    const { client, fake } = testClient();
    fake.on('GET', `${root}/query`, { status: 200, body: { totalSize: 3222, done: true, records: [] } });
    fake.on('GET', `${root}/queryAll`, { status: 200, body: { totalSize: 3300, done: true, records: [] } });
    await expect(client.count('SELECT COUNT() FROM Contact')).resolves.toBe(3222);
    await expect(client.count('SELECT COUNT() FROM Contact', { all: true })).resolves.toBe(3300);
  });

  it('rejects a page that is not a query result', async () => {
    const { client, fake } = testClient();
    fake.on('GET', `${root}/query`, { status: 200, body: { done: true, records: 'nope' } });
    await expect(client.count('SELECT COUNT() FROM Contact')).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it.each([
    ['a record that is not an object', [{ attributes: { type: 'Account' }, Id: '001' }, 'nope']],
    ['a record whose attributes lack a type', [{ attributes: { url: '/x' }, Id: '001' }]],
  ])('rejects a page with %s', async (_case, records) => {
    const { client, fake } = testClient();
    fake.on('GET', `${root}/query`, { status: 200, body: { totalSize: 2, done: true, records } });
    await expect(async () => {
      for await (const page of client.queryPages('SELECT Id FROM Account')) expect(page).toBeUndefined();
    }).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });
});
