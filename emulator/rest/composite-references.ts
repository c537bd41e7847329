/**
 * `@{referenceId.path}` references between composite subrequests (docs/salesforce-api.md §5.1): `@{newAccount.id}`,
 * `@{query.records[0].Id}`. A string that is exactly one reference takes the referenced value's type.
 */
const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])+)\}/g;
const WHOLE_REFERENCE = /^@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])+)\}$/;

export class UnresolvedReference extends Error {
  constructor(readonly referenceId: string, readonly expression: string) {
    super(`Invalid reference specified. No value for ${expression} found in ${referenceId}. Provided referenceId ${referenceId} is unavailable.`);
    this.name = 'UnresolvedReference';
  }
}

/** Replaces references in a URL or body using earlier results; `allowNull` (v52+) lets a null field resolve. */
export function resolveReferences(value: unknown, results: ReadonlyMap<string, unknown>, allowNull: boolean): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value);
    if (whole !== null) return lookup(whole[1] as string, whole[2] as string, results, allowNull);
    return value.replace(REFERENCE, (_match, id: string, path: string) => String(lookup(id, path, results, allowNull)));
  }
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, results, allowNull));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveReferences(item, results, allowNull)]));
  }
  return value;
}

function lookup(referenceId: string, path: string, results: ReadonlyMap<string, unknown>, allowNull: boolean): unknown {
  const expression = `${referenceId}${path}`;
  if (!results.has(referenceId)) throw new UnresolvedReference(referenceId, expression);
  let current = results.get(referenceId);
  for (const step of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
    if (current === null || typeof current !== 'object') throw new UnresolvedReference(referenceId, expression);
    const key = step.startsWith('.') ? step.slice(1) : Number(step.slice(1, -1));
    const container = current as Record<string | number, unknown>;
    if (!(key in container)) throw new UnresolvedReference(referenceId, expression);
    current = container[key];
  }
  if (current === undefined || (current === null && !allowNull)) throw new UnresolvedReference(referenceId, expression);
  return current;
}
