import { parseDateLiteral, parseDateTimeInput } from '../values/datetime.js';
import type { CompareOperator, Condition, FieldPath, Literal, OrderItem, SelectItem, SoqlQuery } from './ast.js';
import { tokenize, type Token } from './lexer.js';
import { SoqlError, soqlError } from './soql-error.js';

/** Parses the SOQL subset clients send (docs/salesforce-api.md §4); errors are MALFORMED_QUERY with Salesforce's caret diagram. */
export function parseSoql(source: string): SoqlQuery {
  if (source.trim() === '') throw new SoqlError('MALFORMED_QUERY', 'SOQL statements cannot be empty or null');
  return new Parser(source).query();
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  query(): SoqlQuery {
    this.keyword('SELECT');
    const select = this.selectList();
    this.keyword('FROM');
    const fromToken = this.expect('ident');
    const query: SoqlQuery = {
      source: this.source, select, from: { name: fromToken.text, position: fromToken.position },
      where: null, orderBy: [], limit: null, offset: null,
    };
    if (this.acceptKeyword('WHERE')) query.where = this.condition();
    if (this.acceptKeyword('ORDER')) {
      this.keyword('BY');
      query.orderBy = this.orderList();
    }
    if (this.acceptKeyword('LIMIT')) query.limit = this.integer().value;
    if (this.acceptKeyword('OFFSET')) query.offset = this.integer();
    if (this.peek().kind !== 'eof') throw this.unexpected();
    return query;
  }

  private selectList(): SelectItem[] {
    const items: SelectItem[] = [];
    do {
      const token = this.peek();
      if (this.isKeyword(token, 'COUNT') && this.peek(1).text === '(') {
        this.index += 2;
        const path = this.peek().text === ')' ? null : this.fieldPath();
        this.punct(')');
        const aliasToken = this.peek();
        const alias = aliasToken.kind === 'ident' && !this.isKeyword(aliasToken, 'FROM') ? this.next().text : null;
        items.push({ kind: 'count', path, alias, position: token.position });
      } else {
        items.push({ kind: 'field', path: this.fieldPath() });
      }
    } while (this.acceptPunct(','));
    return items;
  }

  private orderList(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const path = this.fieldPath();
      let descending = false;
      if (this.acceptKeyword('DESC')) descending = true;
      else this.acceptKeyword('ASC');
      let nullsLast: boolean | null = null;
      if (this.acceptKeyword('NULLS')) {
        if (this.acceptKeyword('LAST')) nullsLast = true;
        else {
          this.keyword('FIRST');
          nullsLast = false;
        }
      }
      items.push({ path, descending, nullsLast });
    } while (this.acceptPunct(','));
    return items;
  }

  /** AND and OR may not be mixed without parentheses, as in Salesforce. */
  private condition(): Condition {
    const first = this.unary();
    const joiner = this.isKeyword(this.peek(), 'AND') ? 'AND' : this.isKeyword(this.peek(), 'OR') ? 'OR' : null;
    if (joiner === null) return first;
    const items = [first];
    while (this.acceptKeyword(joiner)) items.push(this.unary());
    const other = joiner === 'AND' ? 'OR' : 'AND';
    if (this.isKeyword(this.peek(), other)) throw this.unexpected();
    return { kind: joiner === 'AND' ? 'and' : 'or', items };
  }

  private unary(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', item: this.unary() };
    if (this.acceptPunct('(')) {
      const inner = this.condition();
      this.punct(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const path = this.fieldPath();
    const token = this.peek();
    if (token.kind === 'op') {
      this.index++;
      const operator = (token.text === '<>' ? '!=' : token.text) as CompareOperator;
      return { kind: 'compare', path, operator, value: this.literal() };
    }
    if (this.acceptKeyword('LIKE')) return { kind: 'like', path, pattern: this.literal() };
    if (this.acceptKeyword('IN')) return { kind: 'in', path, negated: false, values: this.literalList() };
    if (this.isKeyword(token, 'NOT') && this.isKeyword(this.peek(1), 'IN')) {
      this.index += 2;
      return { kind: 'in', path, negated: true, values: this.literalList() };
    }
    if (this.acceptKeyword('INCLUDES')) return { kind: 'includes', path, negated: false, values: this.literalList() };
    if (this.acceptKeyword('EXCLUDES')) return { kind: 'includes', path, negated: true, values: this.literalList() };
    throw this.unexpected();
  }

  private literalList(): Literal[] {
    this.punct('(');
    const values = [this.literal()];
    while (this.acceptPunct(',')) values.push(this.literal());
    this.punct(')');
    return values;
  }

  private literal(): Literal {
    const token = this.next();
    const position = token.position;
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.text, position };
      case 'number':
        return { kind: 'number', value: Number(token.text), position };
      case 'date': {
        const value = parseDateLiteral(token.text);
        if (value === null) throw this.invalidLiteral(token);
        return { kind: 'date', value, position };
      }
      case 'datetime': {
        const value = parseDateTimeInput(token.text);
        if (value === null) throw this.invalidLiteral(token);
        return { kind: 'datetime', value, position };
      }
      case 'punct':
        if (token.text === '-' || token.text === '+') {
          const number = this.expect('number');
          return { kind: 'number', value: Number(token.text + number.text), position };
        }
        break;
      case 'ident': {
        const upper = token.text.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE', position };
        if (upper === 'NULL') return { kind: 'null', position };
        if (this.acceptPunct(':')) return { kind: 'relative', name: upper, n: this.integer().value, position };
        return { kind: 'relative', name: upper, n: null, position };
      }
      default:
        break;
    }
    this.index--;
    throw this.unexpected();
  }

  private fieldPath(): FieldPath {
    const first = this.expect('ident');
    const parts = [first.text];
    while (this.acceptPunct('.')) parts.push(this.expect('ident').text);
    return { parts, position: first.position };
  }

  private integer(): { value: number; position: number } {
    const token = this.expect('number');
    if (!/^\d+$/.test(token.text)) throw soqlError('MALFORMED_QUERY', this.source, token.position, `unexpected token: '${token.text}'`);
    return { value: Number(token.text), position: token.position };
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private expect(kind: Token['kind']): Token {
    if (this.peek().kind !== kind) throw this.unexpected();
    return this.next();
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'ident' && token.text.toUpperCase() === keyword;
  }

  private keyword(keyword: string): void {
    if (!this.acceptKeyword(keyword)) throw this.unexpected();
  }

  private acceptKeyword(keyword: string): boolean {
    if (!this.isKeyword(this.peek(), keyword)) return false;
    this.index++;
    return true;
  }

  private punct(text: string): void {
    if (!this.acceptPunct(text)) throw this.unexpected();
  }

  private acceptPunct(text: string): boolean {
    const token = this.peek();
    if (token.kind !== 'punct' || token.text !== text) return false;
    this.index++;
    return true;
  }

  private unexpected(): SoqlError {
    const token = this.peek();
    return soqlError('MALFORMED_QUERY', this.source, token.position, `unexpected token: '${token.text}'`);
  }

  private invalidLiteral(token: Token): SoqlError {
    return soqlError('MALFORMED_QUERY', this.source, token.position, `invalid date or datetime literal: ${token.text}`);
  }
}
