import { soqlError } from './soql-error.js';

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Source text (for strings: the unescaped value). */
  text: string;
  /** Offset of the token in the query, for error carets. */
  position: number;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^\d+(?:\.\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = ['!=', '<>', '<=', '>=', '=', '<', '>'] as const;
const PUNCTUATION = '(),.:';
/**
 * Backslash escapes inside SOQL string literals. `\%` and `\_` stay escaped: they only mean
 * something to LIKE, which reads them as literal wildcard characters.
 */
const ESCAPES: Record<string, string> = {
  n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', '%': '\\%', _: '\\_',
};

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source.charAt(i);
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const rest = source.slice(i);
    const dateTime = DATE_TIME.exec(rest) ?? null;
    const date = dateTime === null ? DATE.exec(rest) : null;
    if (dateTime !== null || date !== null) {
      const text = (dateTime ?? date)?.[0] ?? '';
      tokens.push({ kind: dateTime !== null ? 'datetime' : 'date', text, position: i });
      i += text.length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number !== null) {
      tokens.push({ kind: 'number', text: number[0], position: i });
      i += number[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident !== null) {
      tokens.push({ kind: 'ident', text: ident[0], position: i });
      i += ident[0].length;
      continue;
    }
    if (char === "'") {
      const { value, end } = readString(source, i);
      tokens.push({ kind: 'string', text: value, position: i });
      i = end;
      continue;
    }
    const operator = OPERATORS.find((op) => rest.startsWith(op));
    if (operator !== undefined) {
      tokens.push({ kind: 'op', text: operator, position: i });
      i += operator.length;
      continue;
    }
    if (PUNCTUATION.includes(char) || char === '-' || char === '+') {
      tokens.push({ kind: 'punct', text: char, position: i });
      i++;
      continue;
    }
    throw soqlError('MALFORMED_QUERY', source, i, `unexpected token: '${char}'`);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', position: source.length });
  return tokens;
}

function readString(source: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const char = source.charAt(i);
    if (char === "'") return { value, end: i + 1 };
    if (char === '\\') {
      const escaped = ESCAPES[source.charAt(i + 1)];
      if (escaped === undefined) throw soqlError('MALFORMED_QUERY', source, i, `Invalid string literal '${source.slice(start, i + 2)}'. Illegal character sequence '${source.slice(i, i + 2)}' in string literal.`);
      value += escaped;
      i += 2;
      continue;
    }
    value += char;
    i++;
  }
  throw soqlError('MALFORMED_QUERY', source, start, 'unterminated string literal');
}
