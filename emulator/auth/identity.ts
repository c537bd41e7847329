import { identityUrl, type OrgRuntime } from '../org-runtime.js';
import { readScalar } from '../store/stored-record.js';
import { formatDateTime } from '../values/datetime.js';

/** Per-user service URLs; Salesforce leaves the literal `{version}` placeholder in them (docs/salesforce-api.md §1.9). */
function serviceUrls(runtime: OrgRuntime, userId: string): Record<string, string> {
  const data = `${runtime.baseUrl()}/services/data/v{version}`;
  return {
    enterprise: `${runtime.baseUrl()}/services/Soap/c/{version}/${runtime.secrets.orgId.slice(0, 15)}`,
    metadata: `${runtime.baseUrl()}/services/Soap/m/{version}/${runtime.secrets.orgId.slice(0, 15)}`,
    partner: `${runtime.baseUrl()}/services/Soap/u/{version}/${runtime.secrets.orgId.slice(0, 15)}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    tooling_soap: `${runtime.baseUrl()}/services/Soap/T/{version}/${runtime.secrets.orgId.slice(0, 15)}`,
    tooling_rest: `${data}/tooling/`,
    profile: `${runtime.baseUrl()}/${userId}`,
    feeds: `${data}/chatter/feeds`,
    groups: `${data}/chatter/groups`,
    users: `${data}/chatter/users`,
    feed_items: `${data}/chatter/feed-items`,
    feed_elements: `${data}/chatter/feed-elements`,
    custom_domain: runtime.baseUrl(),
  };
}

function photos(runtime: OrgRuntime): Record<string, string> {
  return { picture: `${runtime.baseUrl()}/profilephoto/005/F`, thumbnail: `${runtime.baseUrl()}/profilephoto/005/T` };
}

function userFields(runtime: OrgRuntime, userId: string): (name: string) => unknown {
  const users = runtime.store.table('User');
  const record = users?.get(userId);
  return (name) => (record === undefined || users === undefined ? null : readScalar(record, users.schema, name));
}

/** The document `GET <identity URL>` returns. */
export function identityDocument(runtime: OrgRuntime, userId: string): Record<string, unknown> {
  const field = userFields(runtime, userId);
  const modified = field('LastModifiedDate');
  return {
    id: identityUrl(runtime, userId),
    asserted_user: true,
    user_id: userId,
    organization_id: runtime.secrets.orgId,
    username: field('Username'),
    nick_name: field('Alias'),
    display_name: field('Name'),
    email: field('Email'),
    email_verified: true,
    first_name: field('FirstName'),
    last_name: field('LastName'),
    timezone: field('TimeZoneSidKey'),
    photos: photos(runtime),
    addr_street: null, addr_city: null, addr_state: null, addr_country: null, addr_zip: null,
    mobile_phone: field('MobilePhone'),
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    ...accountFields(runtime, userId, field),
    last_modified_date: typeof modified === 'number' ? formatDateTime(modified) : null,
    is_app_installed: true,
  };
}

/** The OpenID Connect UserInfo document (`/services/oauth2/userinfo`). */
export function userInfoDocument(runtime: OrgRuntime, userId: string): Record<string, unknown> {
  const field = userFields(runtime, userId);
  const modified = field('LastModifiedDate');
  return {
    sub: identityUrl(runtime, userId),
    user_id: userId,
    organization_id: runtime.secrets.orgId,
    preferred_username: field('Username'),
    nickname: field('Alias'),
    name: field('Name'),
    email: field('Email'),
    email_verified: true,
    given_name: field('FirstName'),
    family_name: field('LastName'),
    zoneinfo: field('TimeZoneSidKey'),
    photos: photos(runtime),
    profile: `${runtime.baseUrl()}/${userId}`,
    picture: `${runtime.baseUrl()}/profilephoto/005/F`,
    address: {},
    is_salesforce_integration_user: false,
    ...accountFields(runtime, userId, field),
    updated_at: typeof modified === 'number' ? formatDateTime(modified) : null,
    is_app_installed: true,
  };
}

/** The keys both documents share, in the order both send them. */
function accountFields(runtime: OrgRuntime, userId: string, field: (name: string) => unknown): Record<string, unknown> {
  return {
    urls: serviceUrls(runtime, userId),
    active: field('IsActive') === true,
    user_type: 'STANDARD',
    language: field('LanguageLocaleKey'),
    locale: field('LocaleSidKey'),
    utcOffset: 0,
  };
}
