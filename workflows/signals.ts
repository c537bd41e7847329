import { defineSignal } from '@temporalio/workflow';

/** Operator override: stop waiting for the API budget and carry on for the rest of this sync. */
export const overrideBudgetSignal = defineSignal<[{ by?: string; reason?: string }?]>('overrideBudget');

/** Check the budget now instead of at the scheduled time (sent by the limits monitor when usage recovers). */
export const recheckBudgetSignal = defineSignal('recheckBudget');
