import type { Client } from '@temporalio/client';

/**
 * Running syncs of a connection that are waiting for the API budget, from Temporal's visibility store
 * (the SfPaused search attribute they set while they wait).
 */
export function createListPausedSyncs(deps: { temporal?: Client | undefined }) {
  return async function listPausedSyncs(input: { connection: string }): Promise<string[]> {
    if (!deps.temporal) return [];
    const connection = input.connection.replaceAll(/[^A-Za-z0-9_.-]/g, '');
    const ids: string[] = [];
    const query = `ExecutionStatus = 'Running' AND SfPaused = true AND SfConnection = '${connection}'`;
    for await (const execution of deps.temporal.workflow.list({ query })) ids.push(execution.workflowId);
    return ids;
  };
}
