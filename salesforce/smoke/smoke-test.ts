import type { SalesforceClient } from '../client/salesforce-client.js';
import { isSalesforceError } from '../errors/salesforce-error.js';
import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';
import type { ApiUsage } from '../usage/limit-info.js';

export interface SmokeStep {
  name: string;
  ok: boolean;
  durationMs: number;
  /** HTTP status of the step's last call, when one was answered. */
  status?: number;
  detail: string;
  /** What a person should check when the step failed. */
  hint?: string;
}

export interface SmokeReport {
  ok: boolean;
  steps: SmokeStep[];
  usage?: ApiUsage;
  durationMs: number;
}

const HINTS: Record<number, string> = {
  401: 'check the token and credentials (consumer key, user pre-authorization, certificate), the connected app\'s OAuth scopes (api), and that the user has the "API Enabled" permission',
  403: 'check the org\'s login IP ranges and the connected app\'s IP relaxation policy, and that the user\'s profile or permission set has "API Enabled"',
};

/** Authenticates, checks the API version, and describes Account: the least that proves a connection works. */
export async function runSmokeTest(client: SalesforceClient, clock: Clock = systemClock): Promise<SmokeReport> {
  const started = clock.now();
  let lastStatus: number | undefined;
  const onCall = (call: { status?: number }) => {
    lastStatus = call.status;
  };
  client.usage.on('api-call', onCall);
  const steps: SmokeStep[] = [];
  async function step(name: string, run: () => Promise<string>): Promise<boolean> {
    const stepStarted = clock.now();
    lastStatus = undefined;
    try {
      const detail = await run();
      steps.push({ name, ok: true, durationMs: clock.now() - stepStarted, detail, ...(lastStatus === undefined ? {} : { status: lastStatus }) });
      return true;
    } catch (error) {
      const status = isSalesforceError(error) ? error.status : lastStatus;
      const hint = status === undefined ? undefined : HINTS[status];
      steps.push({
        name,
        ok: false,
        durationMs: clock.now() - stepStarted,
        detail: isSalesforceError(error) ? `${error.code}: ${error.message}` : String(error),
        ...(status === undefined ? {} : { status }),
        ...(hint === undefined ? {} : { hint }),
      });
      return false;
    }
  }
  try {
    const connected = await step('authenticate and check API version', async () => {
      await client.connect();
      return `${client.apiVersion} offered`;
    });
    if (connected) {
      await step('describe Account', async () => `${(await client.describe('Account')).fields.length} fields`);
    }
  } finally {
    client.usage.off('api-call', onCall);
  }
  const usage = [...client.usage.snapshot().values()].at(-1);
  return { ok: steps.every((s) => s.ok), steps, durationMs: clock.now() - started, ...(usage === undefined ? {} : { usage }) };
}

export function formatSmokeReport(connection: string, report: SmokeReport): string {
  const lines = [`sfsync smoke test: connection ${connection}`];
  for (const step of report.steps) {
    const status = step.status === undefined ? '' : ` [HTTP ${step.status}]`;
    lines.push(`  ${step.ok ? 'PASS' : 'FAIL'}  ${step.name}: ${step.detail}${status} (${step.durationMs} ms)`);
    if (step.hint !== undefined) lines.push(`        ${step.hint}`);
  }
  if (report.usage !== undefined) {
    const percent = report.usage.max > 0 ? ((100 * report.usage.used) / report.usage.max).toFixed(1) : '?';
    lines.push(`  API usage: ${report.usage.used}/${report.usage.max} (${percent}%) of the rolling 24 h limit`);
  }
  lines.push(`${report.ok ? 'PASS' : 'FAIL'} in ${report.durationMs} ms`);
  return lines.join('\n');
}
