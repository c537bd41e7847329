// The one module every worker registers: explicit re-exports of all workflow types.
export { diagnoseWorkflow } from './diagnose.js';
