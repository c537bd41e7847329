import type { Logger } from 'pino';
import { request, type Dispatcher } from 'undici';
import { percent } from './format.js';

/** The webhook body: one threshold of the org's daily API requests, crossed upward. */
export interface BudgetAlert {
  kind: 'sfsync.api_budget';
  connection: string;
  /** Org id as Salesforce's usage header was keyed, or null when no response named it. */
  org: string | null;
  threshold: number;
  ratio: number;
  used: number;
  max: number;
  /** ISO 8601: when the usage was read. */
  at: string;
}

/** Where alerts are counted; the worker's metrics implement it. */
export interface AlertCounter {
  countBudgetAlert(connection: string, threshold: number): void;
}

export interface BudgetAlertsDeps {
  logger: Logger;
  /** `alerts.webhookUrl` of the config; no webhook when unset. */
  webhookUrl?: string | undefined;
  counter?: AlertCounter | undefined;
  /** The whole POST, connect to response body; an alert is not worth holding up the activity for. */
  timeoutMs?: number;
  /** Defaults to undici's global dispatcher. */
  dispatcher?: Dispatcher;
}

export interface BudgetAlerts {
  /** Logs, counts and posts one alert. Never throws: a failed webhook is logged. */
  send(alert: Omit<BudgetAlert, 'kind'>): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 5_000;

export function createBudgetAlerts(deps: BudgetAlertsDeps): BudgetAlerts {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Webhook URLs often carry their secret in the path (Slack, Teams): only the origin is ever logged.
  const webhook = deps.webhookUrl === undefined ? undefined : { url: deps.webhookUrl, origin: new URL(deps.webhookUrl).origin };

  async function post(body: BudgetAlert, url: string, origin: string): Promise<void> {
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        ...(deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher }),
      });
      await response.body.dump();
      if (response.statusCode >= 300) {
        deps.logger.warn({ webhook: origin, status: response.statusCode, connection: body.connection }, 'API budget alert webhook refused the alert');
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message.replaceAll(url, origin) : String(error);
      deps.logger.warn({ webhook: origin, connection: body.connection, reason }, 'API budget alert webhook failed');
    }
  }

  return {
    async send(alert) {
      const body: BudgetAlert = { kind: 'sfsync.api_budget', ...alert };
      deps.logger.warn(body, `API usage of ${alert.connection} crossed ${percent(alert.threshold)} of the daily limit`);
      deps.counter?.countBudgetAlert(alert.connection, alert.threshold);
      if (webhook !== undefined) await post(body, webhook.url, webhook.origin);
    },
  };
}
