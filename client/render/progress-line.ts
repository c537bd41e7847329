import type { SyncProgress } from '../../common/sync-progress.js';

const BAR_WIDTH = 24;

/** `Account   [#########---------------]  1200/3200  37%  reading  rest  api 14` */
export function progressLine(progress: Pick<SyncProgress, 'object' | 'phase' | 'recordsProcessed' | 'expectedCount' | 'route' | 'apiCalls'>, nameWidth = 16): string {
  const expected = progress.expectedCount;
  const ratio = progress.phase === 'done' ? 1 : expected ? Math.min(progress.recordsProcessed / expected, 1) : 0;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const count = expected === null ? `${progress.recordsProcessed}` : `${progress.recordsProcessed}/${expected}`;
  return [
    progress.object.padEnd(nameWidth),
    bar,
    count.padStart(13),
    `${Math.round(ratio * 100)}%`.padStart(4),
    progress.phase.padEnd(8),
    (progress.route ?? '-').padEnd(4),
    `api ${progress.apiCalls}`,
  ].join('  ');
}
