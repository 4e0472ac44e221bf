import { keywordOf, nameOf, significant, tokenize, type Token } from '../../datasources/lexer.js';

/**
 * The tables a chart's SQL reads from its own database: the names after FROM and JOIN (not a
 * subquery, not a table function), minus the names its WITH clause defines. A qualified
 * `db.table` is left out: the guard refuses another database, and the own one is not known here.
 */
export function tablesRead(sql: string): string[] {
  let tokens: Token[];
  try {
    tokens = significant(tokenize(sql, 'clickhouse'));
  } catch {
    return [];
  }
  const defined = new Set<string>();
  tokens.forEach((t, i) => {
    if (keywordOf(tokens[i + 1]) === 'AS' && tokens[i + 2]?.text === '(' && nameOf(t)) defined.add(nameOf(t)!);
  });
  const tables = new Set<string>();
  tokens.forEach((t, i) => {
    const kw = keywordOf(t);
    if (kw !== 'FROM' && !(kw === 'JOIN' && keywordOf(tokens[i - 1]) !== 'ARRAY')) return;
    const name = nameOf(tokens[i + 1]);
    const after = tokens[i + 2]?.text;
    if (name === undefined || after === '(' || after === '.' || keywordOf(tokens[i + 1]) === 'SELECT') return;
    if (!defined.has(name)) tables.add(name);
  });
  return [...tables];
}
