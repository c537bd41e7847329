import type { Client, WorkflowHandle } from '@temporalio/client';
import type { SyncProgress } from '../common/sync-progress.js';
import type { OrgProgress } from '../workflows/queries.js';
import { progressLine } from './render/progress-line.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Line = Parameters<typeof progressLine>[0] & { status?: string };

/** Redraws a block of lines in place on a terminal; elsewhere prints a line only when it changes. */
class LiveBlock {
  #drawn = 0;
  readonly #last = new Map<string, string>();
  constructor(private readonly out: NodeJS.WriteStream) {}

  draw(lines: readonly string[]): void {
    if (this.out.isTTY) {
      if (this.#drawn > 0) this.out.write(`\x1b[${this.#drawn}A`);
      for (const line of lines) this.out.write(`\x1b[2K${line}\n`);
      this.#drawn = lines.length;
      return;
    }
    for (const line of lines) {
      const key = line.slice(0, 16);
      // Unchanged lines are not repeated in logs.
      if (this.#last.get(key) !== line) this.out.write(`${line}\n`);
      this.#last.set(key, line);
    }
  }
}

async function queryProgress(client: Client, workflowId: string): Promise<SyncProgress | undefined> {
  try {
    return await client.workflow.getHandle(workflowId).query<SyncProgress>('progress');
  } catch {
    // Not started yet, already closed, or its worker is busy: nothing new to show for this poll.
    return undefined;
  }
}

function pendingLine(object: string, status: string): Line {
  return { object, phase: status as SyncProgress['phase'], recordsProcessed: 0, expectedCount: null, route: null, apiCalls: 0 };
}

/** Polls the sync workflows' `progress` queries and draws one bar per object until `done` settles. */
export async function watchProgress<T>(
  client: Client,
  done: Promise<T>,
  objects: () => Promise<Array<{ object: string; workflowId: string; status?: string }>>,
  options: { out?: NodeJS.WriteStream; intervalMs?: number } = {},
): Promise<T> {
  const block = new LiveBlock(options.out ?? process.stdout);
  const last = new Map<string, Line>();
  let settled = false;
  const finished = done.finally(() => {
    settled = true;
  });
  finished.catch(() => undefined);
  const redraw = async () => {
    const list = await objects().catch(() => []);
    const lines = await Promise.all(
      list.map(async ({ object, workflowId, status }) => {
        const progress = status === 'pending' ? undefined : await queryProgress(client, workflowId);
        const line: Line = progress ?? last.get(object) ?? pendingLine(object, status ?? 'pending');
        const shown: Line = status === 'failed' || status === 'skipped' ? { ...line, phase: status as SyncProgress['phase'] } : line;
        last.set(object, shown);
        return progressLine(shown);
      }),
    );
    block.draw(lines);
  };
  while (!settled) {
    await redraw();
    await Promise.race([sleep(options.intervalMs ?? 500), finished.catch(() => undefined)]);
  }
  await redraw();
  return finished;
}

/** The objects of an org-wide sync, from its `orgProgress` query. */
export function orgObjects(handle: WorkflowHandle): () => Promise<OrgProgress['objects']> {
  return async () => (await handle.query<OrgProgress>('orgProgress')).objects;
}
