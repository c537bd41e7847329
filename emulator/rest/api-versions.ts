/**
 * REST API versions. v31.0 up to the current release are served; v21.0–v30.0 were retired in Summer '25 and
 * older ones before, and a retired version answers 410 (docs/salesforce-api.md §2.1).
 */
export const OLDEST_SUPPORTED_VERSION = 31;
/** Summer '25, the first release after v21.0–v30.0 were retired. */
export const DEFAULT_LATEST_VERSION = 64;

export interface ApiVersionInfo {
  label: string;
  url: string;
  version: string;
}

/** Three releases a year since v20.0 = Winter '11: Winter, Spring, Summer. */
export function versionLabel(major: number): string {
  const sinceWinter11 = major - 20;
  const season = ['Winter', 'Spring', 'Summer'][((sinceWinter11 % 3) + 3) % 3] as string;
  const year = 11 + Math.floor(sinceWinter11 / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

export function supportedVersions(latest: number): ApiVersionInfo[] {
  const versions: ApiVersionInfo[] = [];
  for (let major = OLDEST_SUPPORTED_VERSION; major <= latest; major++) {
    versions.push({ label: versionLabel(major), url: `/services/data/v${major}.0`, version: `${major}.0` });
  }
  return versions;
}

/** `v62.0` → 62; null for text that is not a version segment. */
export function parseVersionSegment(segment: string): number | null {
  const match = /^v(\d{1,3})\.0$/.exec(segment);
  return match === null ? null : Number(match[1]);
}
