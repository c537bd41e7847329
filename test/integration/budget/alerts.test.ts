import { afterEach, describe, expect, it } from 'vitest';
import { createBudgetAlerts } from '../../../activities/budget/index.js';
import { capturedLogger } from './log-capture.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

const alert = { connection: 'prod', org: '00D000000000001EAA', threshold: 0.7, ratio: 0.71, used: 10_650, max: 15_000, at: '2025-03-01T12:00:00.000Z' };

describe('budget alerts', () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('logs a warning, counts the alert and posts it as JSON to the webhook', async () => {
    receiver = await startWebhookReceiver();
    const { logger, lines } = capturedLogger();
    const counted: Array<[string, number]> = [];
    const alerts = createBudgetAlerts({ logger, webhookUrl: receiver.url, counter: { countBudgetAlert: (c, t) => counted.push([c, t]) } });
    await alerts.send(alert);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({
      method: 'POST',
      path: '/hooks/T000/B000/secret-token-in-path',
      headers: { 'content-type': 'application/json' },
      body: { kind: 'sfsync.api_budget', ...alert },
    });
    expect(counted).toEqual([['prod', 0.7]]);
    expect(lines).toEqual([expect.objectContaining({ level: 40, kind: 'sfsync.api_budget', ...alert, msg: 'API usage of prod crossed 70% of the daily limit' })]);
  });

  it('logs and counts without a webhook', async () => {
    const { logger, lines } = capturedLogger();
    const counted: number[] = [];
    await createBudgetAlerts({ logger, counter: { countBudgetAlert: (_c, t) => counted.push(t) } }).send({ ...alert, threshold: 0.75 });
    expect(counted).toEqual([0.75]);
    expect(lines).toHaveLength(1);
  });

  it('logs a refusing webhook and does not throw', async () => {
    receiver = await startWebhookReceiver((response) => response.writeHead(500).end('nope'));
    const { logger, lines, text } = capturedLogger();
    await createBudgetAlerts({ logger, webhookUrl: receiver.url }).send(alert);
    expect(lines.at(-1)).toMatchObject({ level: 40, status: 500, webhook: new URL(receiver.url).origin, msg: 'API budget alert webhook refused the alert' });
    expect(text()).not.toContain('secret-token-in-path');
  });

  it('gives up on a webhook that does not answer within the timeout, without throwing', async () => {
    receiver = await startWebhookReceiver(() => undefined);
    const { logger, lines, text } = capturedLogger();
    const started = performance.now();
    await createBudgetAlerts({ logger, webhookUrl: receiver.url, timeoutMs: 150 }).send(alert);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(receiver.received).toHaveLength(1);
    expect(lines.at(-1)).toMatchObject({ level: 40, msg: 'API budget alert webhook failed' });
    expect(text()).not.toContain('secret-token-in-path');
  });

  it('logs an unreachable webhook without its secret path and does not throw', async () => {
    receiver = await startWebhookReceiver();
    const url = receiver.url;
    await receiver.close();
    receiver = undefined;
    const { logger, lines, text } = capturedLogger();
    await createBudgetAlerts({ logger, webhookUrl: url }).send(alert);
    expect(lines.at(-1)).toMatchObject({ level: 40, msg: 'API budget alert webhook failed', reason: expect.stringContaining('ECONNREFUSED') });
    expect(text()).not.toContain('secret-token-in-path');
  });
});
