import type { Budget } from '../../config/sync-config.js';
import { count, percent } from './format.js';

/** Why a sync waits: the org near its cap, sfsync over its own share, or the cap already spent. */
export type PauseReason = 'REQUEST_LIMIT_EXCEEDED' | 'ORG_THRESHOLD' | 'CALLER_SHARE';

export type BudgetDecision =
  | { action: 'proceed' }
  | {
      action: 'pause';
      reason: PauseReason;
      /** For operators: the figures behind the pause. */
      detail: string;
      /** ISO 8601: when the budget is worth checking again. */
      resumeAt: string;
    };

export interface BudgetPolicyInput {
  /** The org's rolling 24 h DailyApiRequests usage; undefined when it could not be read. */
  orgUsage: { used: number; max: number } | undefined;
  /** Salesforce answered 403 REQUEST_LIMIT_EXCEEDED (docs/salesforce-api.md §2.7) while the usage was being read. */
  requestLimitExceeded?: boolean;
  /** Calls sfsync itself made in the last rolling 24 h, every worker process together. */
  callerCallsLast24h: number;
  budget: Pick<Budget, 'throttleAt' | 'callerShare' | 'recheckMinutes'>;
  /** Epoch milliseconds. */
  now: number;
  /** Epoch ms at which enough of sfsync's own calls leave the rolling window to bring it under its share. */
  callerShareFreesAt?: number;
}

interface Pause {
  reason: PauseReason;
  detail: string;
  resumeAt: number;
}

/**
 * The one budget decision, pure so it reads as a table. Each condition that holds adds a pause; the most
 * severe names the reason (the cap spent, then the org's throttle threshold, then sfsync's own share) and
 * the sync resumes only when every one of them may have cleared. Usage of other integrations cannot be
 * predicted, so org-wide pauses re-check after `recheckMinutes`; sfsync's own calls are in the ledger, so a
 * share pause lasts until enough of them have aged out of the rolling day when that time is known.
 */
export function decideBudget(input: BudgetPolicyInput): BudgetDecision {
  const { orgUsage, budget, now } = input;
  const recheckAt = now + budget.recheckMinutes * 60_000;
  const pauses: Pause[] = [];

  // An org without an allocation (max 0) reports nothing useful: its usage counts as unknown.
  const org = orgUsage && orgUsage.max > 0
    ? { ratio: orgUsage.used / orgUsage.max, text: `${count(orgUsage.used)} of ${count(orgUsage.max)} (${percent(orgUsage.used / orgUsage.max)})` }
    : undefined;
  if (org !== undefined && org.ratio >= 1) {
    pauses.push({ reason: 'REQUEST_LIMIT_EXCEEDED', detail: `the org has spent its daily API requests: ${org.text}`, resumeAt: recheckAt });
  } else if (input.requestLimitExceeded === true) {
    pauses.push({
      reason: 'REQUEST_LIMIT_EXCEEDED',
      detail: org === undefined
        ? "Salesforce refused a call with REQUEST_LIMIT_EXCEEDED: the org's daily API requests are spent"
        // The same error answers too many concurrent long-running requests (docs/salesforce-api.md §2.7).
        : `Salesforce refused a call with REQUEST_LIMIT_EXCEEDED while org API usage is ${org.text}: ` +
          'too many concurrent long-running requests, or usage rose since it was read',
      resumeAt: recheckAt,
    });
  } else if (org !== undefined && org.ratio >= budget.throttleAt) {
    pauses.push({
      reason: 'ORG_THRESHOLD',
      detail: `org API usage ${org.text} is at or above the throttle threshold of ${percent(budget.throttleAt)}`,
      resumeAt: recheckAt,
    });
  }

  const share = budget.callerShare;
  if (share !== undefined && input.callerCallsLast24h >= share) {
    const freesAt = input.callerShareFreesAt !== undefined && input.callerShareFreesAt > now ? input.callerShareFreesAt : undefined;
    pauses.push({
      reason: 'CALLER_SHARE',
      detail: `sfsync made ${count(input.callerCallsLast24h)} API calls in the last 24 h, its share is ${count(share)}` +
        (freesAt === undefined ? '' : `; enough of them age out of the rolling day by ${new Date(freesAt).toISOString()}`),
      resumeAt: freesAt ?? recheckAt,
    });
  }

  const [first] = pauses;
  if (first === undefined) return { action: 'proceed' };
  const resumeAt = Math.max(...pauses.map((pause) => pause.resumeAt));
  return {
    action: 'pause',
    reason: first.reason,
    detail: pauses.map((pause) => pause.detail).join('; '),
    resumeAt: new Date(resumeAt).toISOString(),
  };
}
