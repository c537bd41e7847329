/** The one task queue every sfsync worker polls; override with SFSYNC_TASK_QUEUE to isolate environments. */
export const DEFAULT_TASK_QUEUE = 'sfsync';
