import { MockError } from '../../errors/catalogue.js';
import { keywordOf, type Token } from '../lexer.js';
import { listValues, scalarValue } from '../params.js';

/**
 * Turns a chart's SQL (`:name` params, `dl_in(column, :name)`) into the text ClickHouse runs, with
 * every param value either bound as a native query parameter (`{p0:Nullable(String)}` with
 * `param_p0`, newer servers) or written as a string literal the emulator escapes itself (older
 * servers, which have no query parameters). Either way a value is data, never SQL.
 *
 * The text sent is rebuilt from the lexer's tokens: comments become a space, so the server reads
 * exactly the tokens the isolation guard checked.
 */

export type Binding = 'native' | 'literal';

export interface CompiledQuery {
  sql: string;
  /** Values of native query parameters (empty with literal binding). */
  queryParams: Record<string, unknown>;
}

/**
 * A ClickHouse string literal: backslash and quote escaped, and every control character written
 * as \xHH, so that no byte of the value can end the literal or reach the parser.
 */
export function stringLiteral(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}

/** An Array(String) literal, typed even when empty. */
export function arrayLiteral(values: string[]): string {
  return `CAST([${values.map(stringLiteral).join(', ')}] AS Array(String))`;
}

/** Index of the `)` that closes the `(` at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].text === '(') depth++;
    else if (tokens[i].text === ')' && --depth === 0) return i;
  }
  throw new MockError('INVALID_SQL', { field: 'sql', message: `The chart SQL has a "(" at offset ${tokens[open].start} that is never closed.` });
}

/** `tokens` are the whole token list (spaces and comments included). */
export function compileClickHouse(tokens: Token[], params: Record<string, unknown>, binding: Binding): CompiledQuery {
  const queryParams: Record<string, unknown> = {};
  const bind = (value: unknown, type: 'Nullable(String)' | 'Array(String)'): string => {
    if (binding === 'native') {
      const name = `dl_p${Object.keys(queryParams).length}`;
      queryParams[name] = value;
      return `{${name}:${type}}`;
    }
    if (type === 'Array(String)') return arrayLiteral(value as string[]);
    return value === null ? 'NULL' : stringLiteral(String(value));
  };
  const meaningful = (i: number, step: 1 | -1): number => {
    let j = i + step;
    while (j >= 0 && j < tokens.length && (tokens[j].kind === 'space' || tokens[j].kind === 'comment')) j += step;
    return j;
  };

  const emit = (from: number, to: number): string => {
    let out = '';
    for (let i = from; i < to; i++) {
      const t = tokens[i];
      if (t.kind === 'comment') out += ' ';
      else if (t.kind === 'param') out += bind(scalarValue(params[t.value]), 'Nullable(String)');
      else if (keywordOf(t) === 'DL_IN' && tokens[meaningful(i, 1)]?.text === '(') {
        const open = meaningful(i, 1);
        const close = closing(tokens, open);
        // dl_in(<column expression>, :param): the param is the last argument.
        const param = meaningful(close, -1);
        const comma = meaningful(param, -1);
        if (tokens[param]?.kind !== 'param' || tokens[comma]?.text !== ',' || comma <= open) {
          throw new MockError('INVALID_SQL', { field: 'sql', message: `dl_in at offset ${t.start} must be dl_in(column, :param): its last argument is one param.` });
        }
        const column = emit(open + 1, comma).trim();
        const list = bind(listValues(params[tokens[param].value]), 'Array(String)');
        out += `(length(${list}) = 0 OR has(${list}, toString(${column})))`;
        i = close;
      } else out += t.text;
    }
    return out;
  };
  return { sql: emit(0, tokens.length), queryParams };
}
