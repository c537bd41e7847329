/**
 * One sync per (connection, object) at a time, cluster-wide: every starter (CLI, org sync, schedule) uses
 * this id, and Temporal refuses a second running execution with the same id.
 */
export function objectSyncWorkflowId(connection: string, object: string): string {
  return `sfsync:${connection}:${object}`;
}

export function orgSyncWorkflowId(connection: string): string {
  return `sfsync:${connection}:org`;
}
