// The one module every worker registers: explicit re-exports of all workflow types.
export { backfillWorkflow } from './backfill.js';
export { diagnoseWorkflow } from './diagnose.js';
export { monitorLimitsWorkflow } from './monitor-limits.js';
export { syncObjectWorkflow } from './sync-object.js';
export { syncOrgWorkflow } from './sync-org.js';
