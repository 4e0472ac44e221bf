import { MockError, type ReasonCode } from '../errors/catalogue.js';
import { keywordOf, LexError, significant, tokenize, type Dialect, type Token } from './lexer.js';

/** ClickHouse clauses a chart never needs (in SQLite these words are plain names). */
const CLICKHOUSE_KEYWORDS: Record<string, string> = {
  SETTINGS: 'SETTINGS would let a chart change the limits the emulator sets (row cap, timeout)',
  FORMAT: 'the emulator chooses the result format',
  INTO: 'SELECT … INTO OUTFILE writes a file',
  OUTFILE: 'SELECT … INTO OUTFILE writes a file',
  TRUNCATE: 'a chart only reads',
  OPTIMIZE: 'a chart only reads',
  RENAME: 'a chart only reads',
  GRANT: 'a chart only reads',
  REVOKE: 'a chart only reads',
  KILL: 'a chart only reads',
};

/** Keywords a chart's read never needs on any backend; refused wherever they stand (outside strings and comments). */
const REFUSED_KEYWORDS: Record<string, string> = {
  ATTACH: 'ATTACH opens another database',
  DETACH: 'DETACH changes the server',
  PRAGMA: 'PRAGMA reads or changes the connection',
  INSERT: 'a chart only reads',
  UPDATE: 'a chart only reads',
  DELETE: 'a chart only reads',
  ALTER: 'a chart only reads',
  CREATE: 'a chart only reads',
  DROP: 'a chart only reads',
};


/** The meaningful tokens of a chart's SQL; a lexing problem is the author's, so a 400. */
export function lex(sql: string, dialect: Dialect, field = 'sql'): Token[] {
  try {
    return significant(tokenize(sql, dialect));
  } catch (e) {
    if (e instanceof LexError) throw new MockError('INVALID_SQL', { field, message: `The chart SQL cannot be read: ${e.message}.` });
    throw e;
  }
}

/**
 * The shape every chart query has on every backend: exactly one statement (one `;` at the very end
 * at most), starting with SELECT or WITH, without any write keyword, and on ClickHouse without
 * SETTINGS, FORMAT or INTO OUTFILE. `FORMAT` and `SETTINGS` followed by `(` are function calls (SQLite's format()), not
 * clauses. Returns the tokens without the trailing `;`. `refusal` is the reason thrown: the embedded
 * data source keeps its INVALID_SQL, partner connections PARTNER_SQL_FORBIDDEN.
 */
export function checkStatement(tokens: Token[], field = 'sql', refusal: ReasonCode = 'PARTNER_SQL_FORBIDDEN', dialect: Dialect = 'clickhouse'): Token[] {
  const forbidden = (message: string, f: string) => new MockError(refusal, { field: f, message });
  const refused = dialect === 'clickhouse' ? { ...REFUSED_KEYWORDS, ...CLICKHOUSE_KEYWORDS } : REFUSED_KEYWORDS;
  let body = tokens;
  if (body.at(-1)?.text === ';') body = body.slice(0, -1);
  if (body.length === 0) throw new MockError('INVALID_SQL', { field, message: 'The chart SQL is empty.' });
  const first = keywordOf(body[0]);
  if (first !== 'SELECT' && first !== 'WITH') {
    throw forbidden(`The chart SQL must be one read-only SELECT (or WITH … SELECT); it starts with ${JSON.stringify(body[0].text)}.`, field);
  }
  body.forEach((t, i) => {
    if (t.text === ';') throw forbidden(`The chart SQL must be one statement: a ";" at offset ${t.start} starts another.`, field);
    const kw = keywordOf(t);
    if (kw && Object.hasOwn(refused, kw) && body[i + 1]?.text !== '(' && body[i - 1]?.text !== '.') {
      throw forbidden(`The chart SQL uses ${kw} (offset ${t.start}), which is refused: ${refused[kw]}.`, field);
    }
  });
  return body;
}
