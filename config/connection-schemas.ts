import type { ConnectionSync } from './sync-config.js';

// PostgreSQL truncates identifiers beyond NAMEDATALEN - 1 bytes, which would silently merge two long names.
const MAX_SCHEMA_LENGTH = 63;

/**
 * The default schema of a connection: the destination's schema name as a prefix, then the connection's name
 * with dots and dashes as underscores, all lower case (`salesforce_prod`, `salesforce_my_sandbox`), so it needs
 * no quoting in hand-written SQL.
 */
export function defaultConnectionSchema(prefix: string, connection: string): string {
  return `${prefix}_${connection}`.toLowerCase().replaceAll(/[.-]/g, '_');
}

/**
 * Each connection's destination schema: `syncs.NAME.schema` when configured, else the default. Every connection
 * keeps its rows and bookkeeping apart (a sandbox keeps its production org's record ids), so two connections
 * resolving to one schema are refused with the reason and the fix.
 */
export function resolveConnectionSchemas(
  connections: Iterable<string>,
  syncs: Readonly<Record<string, Pick<ConnectionSync, 'schema'>>>,
  prefix: string,
): { schemas: Map<string, string> } | { problem: string } {
  const schemas = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const connection of connections) {
    const configured = syncs[connection]?.schema;
    const schema = configured ?? defaultConnectionSchema(prefix, connection);
    const source = configured === undefined ? `by its name (prefix ${prefix})` : `by syncs.${connection}.schema`;
    if (schema.length > MAX_SCHEMA_LENGTH) {
      return { problem: `connection ${connection}: its schema ${schema} (${source}) is longer than ${MAX_SCHEMA_LENGTH} characters; set syncs.${connection}.schema to a shorter name` };
    }
    const other = owners.get(schema);
    if (other !== undefined) {
      return {
        problem: `connections ${other} and ${connection} both resolve to the destination schema ${schema}, so one org's rows would overwrite the other's; `
          + `give one of them a schema of its own with syncs.${connection}.schema (or syncs.${other}.schema)`,
      };
    }
    owners.set(schema, connection);
    schemas.set(connection, schema);
  }
  return { schemas };
}
