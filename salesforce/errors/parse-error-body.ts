import { z } from 'zod';

/**
 * Recognises every error body shape Salesforce sends (docs/salesforce-api.md §1.8, §2.3, §2.7):
 * REST error arrays, the single-object variant, save-result errors (`statusCode`),
 * OAuth error objects, and non-JSON bodies such as HTML pages from Salesforce Edge.
 */
export type ParsedErrorBody =
  | { kind: 'api'; errorCode: string; message: string; fields: readonly string[]; count: number }
  | { kind: 'oauth'; error: string; description?: string }
  | { kind: 'text'; snippet: string }
  | { kind: 'empty' };

const apiErrorItemSchema = z
  .object({
    message: z.string(),
    errorCode: z.string().optional(),
    // Errors inside save results use `statusCode` instead of `errorCode` (docs/salesforce-api.md §2.3).
    statusCode: z.string().optional(),
    fields: z.array(z.string()).optional(),
  })
  .refine((item) => item.errorCode !== undefined || item.statusCode !== undefined);

const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

const SNIPPET_LENGTH = 300;

export function parseErrorBody(body: unknown): ParsedErrorBody {
  const value = typeof body === 'string' || Buffer.isBuffer(body) ? decodeText(body) : { json: body };
  if ('text' in value) return value.text.trim() === '' ? { kind: 'empty' } : { kind: 'text', snippet: snippetOf(value.text) };
  return parseJson(value.json);
}

function decodeText(body: string | Buffer): { json: unknown } | { text: string } {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return { text };
  }
}

function parseJson(json: unknown): ParsedErrorBody {
  if (json === null || json === undefined) return { kind: 'empty' };
  const items = z.array(apiErrorItemSchema).min(1).safeParse(json);
  if (items.success) return apiError(items.data);
  const single = apiErrorItemSchema.safeParse(json);
  if (single.success) return apiError([single.data]);
  const oauth = oauthErrorSchema.safeParse(json);
  if (oauth.success) {
    const { error, error_description: description } = oauth.data;
    return description === undefined ? { kind: 'oauth', error } : { kind: 'oauth', error, description };
  }
  return { kind: 'text', snippet: snippetOf(JSON.stringify(json)) };
}

function apiError(items: ReadonlyArray<z.infer<typeof apiErrorItemSchema>>): ParsedErrorBody {
  const [first] = items;
  if (first === undefined) return { kind: 'empty' };
  return {
    kind: 'api',
    errorCode: first.errorCode ?? first.statusCode ?? 'UNKNOWN',
    // Several errors at once (jsforce calls this MULTIPLE_API_ERRORS): keep every message, lead with the first code.
    message: items.map((item) => item.message).join('; '),
    fields: [...new Set(items.flatMap((item) => item.fields ?? []))],
    count: items.length,
  };
}

/** A short, single-line rendering of a non-JSON body: the HTML <title> if any, otherwise the text without tags. */
function snippetOf(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]+>/gi, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > SNIPPET_LENGTH ? `${plain.slice(0, SNIPPET_LENGTH)}…` : plain;
}
