import type { OrgStore } from '../store/org-store.js';
import { createRecord } from '../store/record-writer.js';

/** The people who own seeded records besides the integration user. */
const OWNERS = [
  { FirstName: 'Avery', LastName: 'Adams', Alias: 'aadams' },
  { FirstName: 'Björn', LastName: 'Berg', Alias: 'bberg' },
  { FirstName: '伟', LastName: '陈', Alias: 'wchen' },
  { FirstName: 'Dana', LastName: "O'Connor", Alias: 'doconnor' },
] as const;

/**
 * Makes sure the org has its integration user (the one credentials log in as) and a few owners.
 * Returns the integration user's ID. Idempotent: an existing org keeps its users.
 */
export function ensureOrgUsers(store: OrgStore, username: string): string {
  const table = store.tableFor(store.schema.object('User') ?? missingUser());
  const existing = table.findByUnique('Username', username)[0];
  if (existing !== undefined) return existing.id;
  const userObject = table.schema;
  return store.write(() => {
    const integrationId = store.ids.allocate(userObject.keyPrefix);
    const common = { TimeZoneSidKey: 'GMT', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US' };
    createRecord(store, userObject, {
      Id: integrationId, Username: username, FirstName: 'Integration', LastName: 'User', Alias: 'integ',
      Email: 'integration@sfsync-emulator.example', Title: 'API Integration', ...common,
    }, integrationId, { trusted: true });
    for (const owner of OWNERS) {
      createRecord(store, userObject, {
        ...owner, ...common,
        Username: `${owner.Alias}@sfsync-emulator.example`, Email: `${owner.Alias}@sfsync-emulator.example`,
      }, integrationId, { trusted: true });
    }
    return integrationId;
  });
}

function missingUser(): never {
  throw new Error('the org schema has no User object');
}
