import type { OrgSchema } from '../schema/org-schema.js';
import { bindQuery } from '../soql/binder.js';
import type { BoundPath } from '../soql/bound-query.js';
import { tokenize, type Token } from '../soql/lexer.js';
import { parseSoql } from '../soql/parser.js';
import { unsupportedQuery } from './bulk-errors.js';

/**
 * Messages of queries Bulk API 2.0 refuses when the job is created. The compound-field and subquery texts were
 * captured from real orgs (salesforcer's tests, Airbyte, Estuary); the aggregate text is what Salesforce's
 * Data Loader tests expect. OFFSET and TYPEOF are documented as unsupported but their wording is not
 * [FLAG docs/salesforce-api.md §6.4].
 */
export const UNSUPPORTED_QUERY = {
  compound: 'Selecting compound data not supported in Bulk Query',
  subquery: 'Aggregate Relationships not supported in Bulk V2 Query with CSV content type',
  aggregate: 'Aggregate Relationships not supported in Bulk Query',
  offset: 'OFFSET clause is not supported in Bulk V2 Query',
  typeOf: 'TYPEOF clause is not supported in Bulk V2 Query',
} as const;

const AGGREGATE_FUNCTIONS = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

/** A query Bulk can run: its object and its columns in SELECT order. */
export interface BulkQueryPlan {
  objectName: string;
  columns: BoundPath[];
}

/**
 * Checks a query as Bulk API 2.0 does before it accepts the job: the constructs Bulk cannot run (docs/salesforce-api.md
 * §6.4), and ordinary SOQL errors with the same codes and caret diagrams as REST. LIMIT and ORDER BY are
 * accepted.
 */
export function checkBulkQuery(schema: OrgSchema, soql: string, now: number): BulkQueryPlan {
  const unsupported = unsupportedConstruct(tokenize(soql));
  if (unsupported !== null) throw unsupportedQuery(unsupported);
  const parsed = parseSoql(soql);
  if (parsed.offset !== null) throw unsupportedQuery(UNSUPPORTED_QUERY.offset);
  const bound = bindQuery(schema, parsed, now);
  if (bound.select.kind !== 'fields') throw unsupportedQuery(UNSUPPORTED_QUERY.aggregate);
  const compound = bound.select.paths.some((path) => path.field.type === 'address' || path.field.type === 'location');
  if (compound) throw unsupportedQuery(UNSUPPORTED_QUERY.compound);
  return { objectName: bound.object.name, columns: bound.select.paths };
}

/** Constructs the SOQL parser does not model, found in the token stream: subqueries, GROUP BY, TYPEOF, aggregates. */
function unsupportedConstruct(tokens: readonly Token[]): string | null {
  const keyword = (token: Token | undefined): string => (token?.kind === 'ident' ? token.text.toUpperCase() : '');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    if (token.kind === 'punct' && token.text === '(' && keyword(next) === 'SELECT') return UNSUPPORTED_QUERY.subquery;
    const word = keyword(token);
    if (word === 'TYPEOF') return UNSUPPORTED_QUERY.typeOf;
    if (word === 'GROUP' && keyword(next) === 'BY') return UNSUPPORTED_QUERY.aggregate;
    if (AGGREGATE_FUNCTIONS.has(word) && next?.kind === 'punct' && next.text === '(') return UNSUPPORTED_QUERY.aggregate;
  }
  return null;
}
