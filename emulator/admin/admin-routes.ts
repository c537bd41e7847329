import { z } from 'zod';
import type { EmulatorCredentials } from '../credentials.js';
import { StreamBody, type ApiRequest, type ApiResponse, type TopRoute } from '../http/api-types.js';
import { parseJsonBody } from '../http/request-body.js';
import { bulkJobFaultRuleSchema } from '../bulk/job-fault-rules.js';
import { SaveError } from '../store/save-error.js';
import { faultRuleSchema } from '../faults/fault-rule.js';
import type { EmulatorAdmin } from './emulator-admin.js';
import { mutateRequestSchema } from './org-mutations.js';

const recordsSchema = z.object({ records: z.array(z.record(z.string(), z.unknown())) });
const idsSchema = z.object({ ids: z.array(z.string()) });
const faultsSchema = z.object({ rules: z.array(faultRuleSchema) });
const bulkFaultsSchema = z.object({ rules: z.array(bulkJobFaultRuleSchema) });
const count = z.number().int().nonnegative();
const advanceSchema = z.object({ ms: count });
const spendSchema = z.object({ calls: count });
const limitSchema = z.object({ max: count });

/** The admin API over HTTP: `/__admin/...`, JSON in and out, no authentication (local use only). */
export function adminRoutes(admin: EmulatorAdmin, credentials: () => EmulatorCredentials): TopRoute[] {
  const route = (methods: string[], template: string, handle: (request: ApiRequest, params: Record<string, string>) => Promise<unknown>): TopRoute => ({
    methods,
    template: `/__admin${template}`,
    handler: async (request, params) => {
      try {
        const result = await handle(request, params);
        return result instanceof StreamBody ? { status: 200, body: result } : { status: 200, body: result ?? { ok: true } };
      } catch (error) {
        return adminError(error);
      }
    },
  });
  const body = (request: ApiRequest): unknown => parseJsonBody(request.rawBody, request.headers['content-type']) ?? {};
  return [
    route(['POST'], '/faults', (request) => admin.injectFaults(faultsSchema.parse(body(request)).rules)),
    route(['DELETE'], '/faults', () => admin.clearFaults()),
    route(['GET'], '/clock', async () => ({ now: await admin.now() })),
    route(['POST'], '/clock/advance', async (request) => ({ now: await admin.advanceClock(advanceSchema.parse(body(request)).ms) })),
    route(['POST'], '/mutate', (request) => admin.mutate(mutateRequestSchema.parse(body(request)))),
    route(['GET'], '/records/:object', (request, params) => Promise.resolve(new StreamBody(
      ndjson(admin.records(params['object'] ?? '', { includeDeleted: request.query.get('includeDeleted') === 'true' })),
      'application/x-ndjson',
    ))),
    route(['POST'], '/records/:object', async (request, params) => ({ ids: await admin.insertRecords(params['object'] ?? '', recordsSchema.parse(body(request)).records) })),
    route(['PATCH'], '/records/:object', async (request, params) => ({ ids: await admin.updateRecords(params['object'] ?? '', recordsSchema.parse(body(request)).records) })),
    route(['DELETE'], '/records/:object', async (request, params) => ({ ids: await admin.deleteRecords(params['object'] ?? '', idsSchema.parse(body(request)).ids) })),
    route(['GET'], '/api-usage', () => admin.apiUsage()),
    route(['DELETE'], '/api-usage', () => admin.resetApiUsage()),
    route(['POST'], '/api-usage/spend', (request) => admin.spendApiCalls(spendSchema.parse(body(request)).calls)),
    route(['PUT'], '/api-usage/limit', (request) => admin.setDailyApiLimit(limitSchema.parse(body(request)).max)),
    route(['GET'], '/call-counts', () => admin.callCounts()),
    route(['DELETE'], '/call-counts', () => admin.resetCallCounts()),
    route(['POST'], '/tokens/expire', () => admin.expireTokens()),
    route(['GET'], '/credentials', () => Promise.resolve(credentials())),
    route(['POST'], '/bulk/faults', (request) => admin.addBulkJobFaults(bulkFaultsSchema.parse(body(request)).rules)),
    route(['DELETE'], '/bulk/faults', () => admin.clearBulkJobFaults()),
    route(['POST'], '/bulk/jobs/:id/release', (_request, params) => admin.releaseBulkJob(params['id'] ?? '')),
    route(['GET'], '/bulk/jobs', async () => ({ jobs: await admin.bulkJobs() })),
  ];
}

async function* ndjson(records: AsyncIterable<Record<string, unknown>>): AsyncIterable<string> {
  for await (const record of records) yield `${JSON.stringify(record)}\n`;
}

function adminError(error: unknown): ApiResponse {
  if (error instanceof SaveError) return { status: 400, body: { error: error.message, errors: error.items } };
  if (error instanceof z.ZodError) return { status: 400, body: { error: 'invalid request body', issues: error.issues } };
  return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
}
