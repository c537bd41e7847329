import type { Budget } from '../../config/sync-config.js';

/** The alert points of a connection's budget, ascending and without duplicates. */
export function alertThresholds(budget: Pick<Budget, 'warnAt' | 'throttleAt'>): number[] {
  return [...new Set([budget.warnAt, budget.throttleAt])].sort((a, b) => a - b);
}

/**
 * Thresholds usage rose to or past since the previous reading, and those it fell back below. A threshold
 * fires once per crossing: it fires again only after a reading under it has re-armed it (the window is
 * rolling, so usage falls as old calls age out). No previous reading counts as zero usage.
 */
export function thresholdCrossings(
  previousRatio: number | null,
  ratio: number,
  thresholds: readonly number[],
): { crossed: number[]; recovered: number[] } {
  const before = previousRatio ?? 0;
  return {
    crossed: thresholds.filter((threshold) => before < threshold && ratio >= threshold),
    recovered: thresholds.filter((threshold) => before >= threshold && ratio < threshold),
  };
}
