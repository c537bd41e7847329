export { decideBudget, type BudgetDecision, type BudgetPolicyInput, type PauseReason } from './budget-policy.js';
export { createCheckBudget, type BudgetCheck, type BudgetUsage, type CheckBudgetDeps, type CheckBudgetInput, type UsageSource } from './check-budget.js';
export { callerShareFreesAt, ROLLING_DAY_MS, type CallerShareQuery } from './caller-share.js';
export {
  countsAgainstDailyLimit, recordApiCallsToLedger, type ApiCallLedger, type ApiCallLedgerDeps,
} from './api-call-ledger.js';
export {
  createSnapshotLimits, limitUsage, LIMIT_NAMES, type BudgetClients, type LimitsSummary, type LimitUsage, type SnapshotLimitsDeps,
} from './snapshot-limits.js';
export { createBudgetAlerts, type AlertCounter, type BudgetAlert, type BudgetAlerts, type BudgetAlertsDeps } from './alerts.js';
export { alertThresholds, thresholdCrossings } from './threshold-crossings.js';
export { followUsage, type ObservedUsage, type UsageFollower } from './live-usage.js';
