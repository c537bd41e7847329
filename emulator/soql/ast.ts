/** The parsed (not yet resolved) SOQL subset this emulator understands. */
export interface FieldPath {
  /** `Account.Owner.Name` → ['Account', 'Owner', 'Name'], as written. */
  parts: string[];
  position: number;
}

export type SelectItem =
  | { kind: 'field'; path: FieldPath }
  | { kind: 'count'; path: FieldPath | null; alias: string | null; position: number };

export type Literal =
  | { kind: 'string'; value: string; position: number }
  | { kind: 'number'; value: number; position: number }
  | { kind: 'boolean'; value: boolean; position: number }
  | { kind: 'null'; position: number }
  | { kind: 'date'; value: string; position: number }
  | { kind: 'datetime'; value: number; position: number }
  /** TODAY, LAST_N_DAYS:7, ... */
  | { kind: 'relative'; name: string; n: number | null; position: number };

export type CompareOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; path: FieldPath; operator: CompareOperator; value: Literal }
  | { kind: 'in'; path: FieldPath; negated: boolean; values: Literal[] }
  | { kind: 'like'; path: FieldPath; pattern: Literal }
  | { kind: 'includes'; path: FieldPath; negated: boolean; values: Literal[] };

export interface OrderItem {
  path: FieldPath;
  descending: boolean;
  /** Null when the query leaves the default (nulls first). */
  nullsLast: boolean | null;
}

export interface SoqlQuery {
  source: string;
  select: SelectItem[];
  from: { name: string; position: number };
  where: Condition | null;
  orderBy: OrderItem[];
  limit: number | null;
  offset: { value: number; position: number } | null;
}
