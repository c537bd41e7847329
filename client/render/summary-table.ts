import type { OrgSyncSummary } from '../../common/sync-org-input.js';
import { renderTable } from './table.js';

/** The final per-object table of an org-wide sync. */
export function orgSummaryTable(summary: OrgSyncSummary): string {
  const rows = summary.objects.map((o) => [
    o.object,
    o.status,
    o.route ?? '-',
    o.upserted ?? 0,
    o.deleted ?? 0,
    o.apiCalls ?? 0,
    o.durationMs === undefined ? '-' : (o.durationMs / 1000).toFixed(1),
    o.error ? `${o.error.type}: ${o.error.message}`.slice(0, 120) : '',
  ]);
  const table = renderTable(['object', 'status', 'route', 'upserted', 'deleted', 'api calls', 'seconds', 'error'], rows);
  const totals =
    `${summary.synced} synced, ${summary.failed} failed, ${summary.skipped} skipped; ` +
    `${summary.upserted} upserted, ${summary.deleted} deleted, ${summary.apiCalls} API calls in ${(summary.durationMs / 1000).toFixed(1)} s`;
  return `${table}\n${totals}`;
}
