import { z } from 'zod';

const kindOnly = <K extends string>(kind: K) => z.object({ kind: z.literal(kind) });

/** What a fault does to a matching request. */
export const faultKindSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { kind: value } : value),
  z.discriminatedUnion('kind', [
    /** 503 with Salesforce's JSON error array: `SERVER_UNAVAILABLE`. */
    kindOnly('server-unavailable'),
    /** 502/503/504 with an HTML page, as Salesforce Edge sends them (docs/salesforce-api.md §2.7). */
    z.object({ kind: z.literal('edge-html'), status: z.union([z.literal(502), z.literal(503), z.literal(504)]) }),
    /** 403 `REQUEST_LIMIT_EXCEEDED`, as when the daily allocation is spent. */
    kindOnly('request-limit-exceeded'),
    /** 400 `UNABLE_TO_LOCK_ROW` (per record inside an sObject Collections response). */
    kindOnly('unable-to-lock-row'),
    /** 401 `INVALID_SESSION_ID`, and the presented token really stops working (early expiry). */
    kindOnly('invalid-session'),
    /** The request is served normally after an extra delay. */
    z.object({ kind: z.literal('latency'), ms: z.number().int().nonnegative() }),
    /** The request is processed (its writes happen), then the connection is reset halfway through the body. */
    kindOnly('connection-reset'),
  ]),
);

export const faultRuleSchema = z
  .object({
    /** Glob over the request path (`*` within a segment, `**` across segments), or `re:<regular expression>`. */
    route: z.string().min(1),
    /** Only this HTTP method; any method when absent. */
    method: z.string().optional(),
    /** With `fault`: the chance each matching request fails (default 1), rolled from the rule's seeded generator. */
    probability: z.number().min(0).max(1).optional(),
    fault: faultKindSchema.optional(),
    /** Scripted: the n-th matching request gets the n-th entry (`null` = passes); the rule is spent afterwards. */
    sequence: z.array(faultKindSchema.nullable()).optional(),
    /** Seed of this rule's generator; defaults to the emulator seed and the rule's position. */
    seed: z.union([z.number(), z.string()]).optional(),
    /** Stop after firing this many times. */
    times: z.number().int().positive().optional(),
  })
  .refine((rule) => (rule.fault === undefined) !== (rule.sequence === undefined), {
    message: 'a fault rule needs exactly one of `fault` (with optional `probability`) or `sequence`',
  });

export type FaultKind = z.output<typeof faultKindSchema>;
/** A fault rule; over HTTP a fault kind without parameters may also be given as its name (`"server-unavailable"`). */
export type FaultRule = z.output<typeof faultRuleSchema>;
