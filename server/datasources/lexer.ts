/**
 * A lexer for chart SQL that knows both dialects the emulator runs (SQLite and ClickHouse): string
 * literals with '' and backslash escapes, identifiers quoted with "…", `…` or […], the three comment
 * forms (--, # and /* *\/), numbers, named params (:name, @name, $name) and operators. Every check on
 * chart SQL reads these tokens, never the raw text, so no check can be fooled by a comment, a
 * quote or a keyword inside a string.
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'op' | 'comment' | 'space';

export interface Token {
  kind: TokenKind;
  /** The exact source text. */
  text: string;
  /**
   * `word`: the name as written; `quoted`: the unquoted name; `string`: the literal's value;
   * `param`: the param name (no sigil); otherwise the text.
   */
  value: string;
  start: number;
}

export class LexError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DIGIT = /[0-9]/;
/** Printable ASCII and ASCII whitespace: all ClickHouse reads outside strings, quoted names and comments. */
const ASCII_TEXT = /[\x20-\x7e\t\n\r\f\v]/;
const OPERATORS = ['::', '||', '<=', '>=', '<>', '!=', '==', '->', '<<', '>>'];

/** Reads a quoted run ending with `close`; doubled `close` and (unless sqlite-bracket) backslash escape. */
function readQuoted(sql: string, i: number, close: string, backslash: boolean): { end: number; value: string } {
  let value = '';
  let j = i + 1;
  for (;;) {
    if (j >= sql.length) throw new LexError(`unterminated ${close === "'" ? 'string' : 'quoted name'} starting at offset ${i}`, i);
    const c = sql[j];
    if (backslash && c === '\\') {
      if (j + 1 >= sql.length) throw new LexError(`unterminated string starting at offset ${i}`, i);
      value += unescape(sql[j + 1]);
      j += 2;
      continue;
    }
    if (c === close) {
      if (sql[j + 1] === close) {
        value += close;
        j += 2;
        continue;
      }
      return { end: j + 1, value };
    }
    value += c;
    j++;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', a: '\x07', v: '\v', e: '\x1b' };
const unescape = (c: string): string => ESCAPES[c] ?? c;

export type Dialect = 'sqlite' | 'clickhouse';

/**
 * Splits SQL into tokens as `dialect` reads it. ClickHouse: backslash escapes in strings and quoted
 * names, `# ` comments. SQLite: a backslash is a plain character, `[name]` quotes a name.
 *
 * Where two server versions could read the same text differently, the lexer refuses the text
 * instead of guessing: a block comment that contains `/*` (newer ClickHouse nests them, older does
 * not), and in ClickHouse any `$` that is not a param's sigil (newer versions read `$$…$$` and
 * `$tag$…$tag$` as strings) and any non-ASCII or control character outside strings, quoted names
 * and comments (newer versions skip Unicode spaces). The text sent is rebuilt from these tokens.
 */
export function tokenize(sql: string, dialect: Dialect = 'clickhouse'): Token[] {
  const ch = dialect === 'clickhouse';
  const wordStart = ch ? /[A-Za-z_]/ : WORD_START;
  const wordPart = ch ? /[A-Za-z0-9_]/ : WORD_PART;
  const space = ch ? /[ \t\n\r\f\v]/ : /\s/;
  const out: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number, value = sql.slice(i, end)) => {
    out.push({ kind, text: sql.slice(i, end), value, start: i });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1] ?? '';
    if (ch && !ASCII_TEXT.test(c)) {
      // Newer servers skip Unicode spaces between tokens, older ones refuse them: outside strings,
      // quoted names and comments only ASCII is read the same by every version.
      throw new LexError(`the character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at offset ${i} is outside a string or a quoted name; quote the name or use ASCII`, i);
    }
    if (space.test(c)) {
      let j = i + 1;
      while (j < sql.length && space.test(sql[j])) j++;
      push('space', j);
    } else if ((c === '-' && next === '-') || (ch && c === '#' && (next === ' ' || next === '!'))) {
      const nl = sql.indexOf('\n', i);
      push('comment', nl < 0 ? sql.length : nl);
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) throw new LexError(`unterminated /* comment starting at offset ${i}`, i);
      if (sql.slice(i + 2, close).includes('/*')) throw new LexError(`a /* comment inside a /* comment at offset ${i} (servers disagree on nesting)`, i);
      push('comment', close + 2);
    } else if (c === "'") {
      const { end, value } = readQuoted(sql, i, "'", ch);
      push('string', end, value);
    } else if (c === '"' || c === '`') {
      const { end, value } = readQuoted(sql, i, c, ch);
      push('quoted', end, value);
    } else if (!ch && c === '[' && /^\[[^\]]*\]/.test(sql.slice(i)) && !isValueBefore(out)) {
      // SQLite's [name] quoting (in ClickHouse `[` is always an array).
      const close = sql.indexOf(']', i);
      push('quoted', close + 1, sql.slice(i + 1, close));
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(next))) {
      const m = /^(0x[0-9a-fA-F]+|0b[01]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(sql.slice(i))!;
      push('number', i + m[0].length);
    } else if ((c === ':' || c === '@' || c === '$') && wordStart.test(next) && !(c === ':' && sql[i - 1] === ':')) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_]/.test(sql[j])) j++;
      if (ch && sql[j] === '$') throw new LexError(`"${sql.slice(i, j + 1)}" at offset ${i} opens a heredoc string on newer ClickHouse versions; rename the param`, i);
      push('param', j, sql.slice(i + 1, j));
    } else if (wordStart.test(c)) {
      let j = i + 1;
      while (j < sql.length && wordPart.test(sql[j])) j++;
      push('word', j);
    } else if (ch && c === '$') {
      throw new LexError(`"$" at offset ${i} is not a param; newer ClickHouse versions read $$…$$ as a string`, i);
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i));
      push('op', i + (op?.length ?? 1));
    }
  }
  return out;
}

/** A token that ends a value (so a following `[` indexes it). */
function isValueBefore(tokens: Token[]): boolean {
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.kind === 'space' || t.kind === 'comment') continue;
    if (t.kind === 'word') return !KEYWORDS_BEFORE_VALUE.has(t.value.toUpperCase());
    return t.kind === 'quoted' || t.kind === 'string' || t.kind === 'number' || t.kind === 'param' || t.text === ')' || t.text === ']';
  }
  return false;
}
const KEYWORDS_BEFORE_VALUE = new Set(['SELECT', 'FROM', 'JOIN', 'WHERE', 'AND', 'OR', 'NOT', 'ON', 'IN', 'BY', 'AS', 'WHEN', 'THEN', 'ELSE', 'HAVING', 'CASE', 'ARRAY']);

/** The tokens that carry meaning: no spaces, no comments. */
export function significant(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

/** A name token (bare or quoted): its name; otherwise undefined. */
export function nameOf(t: Token | undefined): string | undefined {
  return t && (t.kind === 'word' || t.kind === 'quoted') ? t.value : undefined;
}

/** The keyword a bare word token spells, upper-cased; undefined for anything else. */
export function keywordOf(t: Token | undefined): string | undefined {
  return t?.kind === 'word' ? t.value.toUpperCase() : undefined;
}
