/**
 * Reads ClickHouse's `EXPLAIN AST` answer (one node a line, one space of indent per level, `(children
 * N)` at the end) and says what the query touches: its tables (as the server printed them), its
 * functions and its table functions. The reading fails closed: a line that is not a node, a node
 * type it does not know, or a children count that does not match the lines below is an error, so
 * a name that smuggles a newline or a fake `(children N)` into the answer cannot hide a node.
 */

export interface AstNode {
  type: string;
  /** The text after the type, without ` (children N)`. */
  text: string;
  children: AstNode[];
}

export class AstError extends Error {}

const LINE = /^( *)([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z]+)?)(?: (.*))?$/;
const CHILDREN = / ?\(children (\d+)\)$/;

/** Parses the lines of an EXPLAIN AST answer into one tree. */
export function parseAst(lines: string[]): AstNode {
  const roots: AstNode[] = [];
  const stack: { node: AstNode; declared: number }[] = [];
  const close = (depth: number) => {
    while (stack.length > depth) {
      const { node, declared } = stack.pop()!;
      if (node.children.length !== declared) throw new AstError(`${node.type} declares ${declared} children and has ${node.children.length}`);
    }
  };
  for (const line of lines) {
    if (line === '') continue;
    const m = LINE.exec(line);
    if (!m) throw new AstError(`not a node: ${JSON.stringify(line.slice(0, 80))}`);
    const depth = m[1].length;
    let text = m[3] ?? '';
    let declared = 0;
    const c = CHILDREN.exec(text);
    if (c) {
      declared = Number(c[1]);
      text = text.slice(0, c.index);
    }
    if (depth > stack.length) throw new AstError(`a node two levels below its parent: ${JSON.stringify(line.slice(0, 80))}`);
    close(depth);
    const node: AstNode = { type: m[2], text, children: [] };
    if (depth === 0) roots.push(node);
    else stack[depth - 1].node.children.push(node);
    stack.push({ node, declared });
  }
  close(0);
  if (roots.length !== 1) throw new AstError(`${roots.length} root nodes`);
  return roots[0];
}

/** What a query touches, per its AST. */
export interface Touched {
  /** Tables as printed: `t` or `db.t` (the server joins the parts with dots, quoting none). */
  tables: string[];
  functions: string[];
  tableFunctions: string[];
  /** Clauses and nodes a chart never needs (SETTINGS, FORMAT, INTO OUTFILE, query parameters, …). */
  refused: string[];
}

/** Nodes that only structure a SELECT: walked, nothing to record. */
const STRUCTURE = new Set([
  'SelectWithUnionQuery', 'SelectIntersectExceptQuery', 'SelectQuery', 'ExpressionList', 'Subquery', 'TablesInSelectQuery',
  'TablesInSelectQueryElement', 'TableJoin', 'Literal', 'Asterisk', 'QualifiedAsterisk', 'ColumnsRegexpMatcher', 'ColumnsListMatcher',
  'QualifiedColumnsRegexpMatcher', 'QualifiedColumnsListMatcher', 'ColumnsTransformerList', 'ColumnsExceptTransformer',
  'ColumnsReplaceTransformer', 'ColumnsReplaceTransformer::Replacement', 'WithElement', 'OrderByElement', 'WindowDefinition',
  'WindowListElement', 'ArrayJoin', 'SampleRatio', 'Identifier', 'InterpolateElement',
]);

/** Functions whose second argument, when a bare name, is a table (`x IN db.t`). */
const IN_FAMILY = new Set(['in', 'notin', 'globalin', 'globalnotin', 'nullin', 'notnullin', 'globalnullin', 'globalnotnullin']);

/**
 * A printed name: the first word (a name never read as anything else), then at most an alias. A
 * name with a space, a parenthesis or a quote in it is refused: its printing is ambiguous.
 */
const NAME = /^([^\s()'"`]+)(?: \(alias [^()\n]*\))?$/;

export function nameOf(node: AstNode): string {
  const m = NAME.exec(node.text);
  if (!m) throw new AstError(`${node.type} ${JSON.stringify(node.text.slice(0, 80))} cannot be read unambiguously`);
  return m[1];
}

/** Walks the tree and lists what it touches; throws AstError on a node it does not know. */
export function touchedBy(root: AstNode): Touched {
  const t: Touched = { tables: [], functions: [], tableFunctions: [], refused: [] };
  if (root.type !== 'SelectWithUnionQuery') t.refused.push(`a ${root.type} statement`);
  // FORMAT and INTO OUTFILE are children of the outermost union after its list of selects.
  if (root.children.length > 1) t.refused.push('FORMAT or INTO OUTFILE');
  const walk = (node: AstNode, parent: AstNode | undefined): void => {
    switch (node.type) {
      case 'TableIdentifier':
        t.tables.push(nameOf(node));
        break;
      case 'Identifier':
        // Older servers print a table in FROM as an Identifier under its TableExpression.
        if (parent?.type === 'TableExpression') t.tables.push(nameOf(node));
        break;
      case 'TableExpression':
        for (const c of node.children) if (c.type === 'Function') t.tableFunctions.push(nameOf(c));
        break;
      case 'Function': {
        const name = nameOf(node);
        if (parent?.type !== 'TableExpression') t.functions.push(name);
        if (IN_FAMILY.has(name.toLowerCase())) {
          const right = node.children[0]?.children[1];
          if (right?.type === 'Identifier') t.tables.push(nameOf(right));
        }
        break;
      }
      case 'Set':
        t.refused.push('SETTINGS');
        break;
      case 'QueryParameter':
        t.refused.push('a query parameter');
        break;
      default:
        if (!STRUCTURE.has(node.type)) throw new AstError(`the node type ${node.type} is not one a chart's SELECT has`);
    }
    for (const c of node.children) walk(c, node);
  };
  walk(root, undefined);
  return t;
}
