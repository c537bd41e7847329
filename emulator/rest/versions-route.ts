import type { TopRoute } from '../http/api-types.js';
import { supportedVersions } from './api-versions.js';

/** `GET /services/data/`: no authentication, not counted, no Sforce-Limit-Info (docs/salesforce-api.md §2.1). */
export function versionsRoute(latestVersion: number): TopRoute {
  return { methods: ['GET'], template: '/services/data', handler: () => ({ status: 200, body: supportedVersions(latestVersion) }) };
}
