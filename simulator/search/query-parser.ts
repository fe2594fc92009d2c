/**
 * Shopify's search syntax, as the `query` argument of orders, customers, products, ... takes it:
 *
 *   updated_at:>'2026-01-01T00:00:00Z' status:open -tag:wholesale (financial_status:paid OR financial_status:partially_paid)
 *
 * Terms are `field:value` with an optional comparator after the colon (`>`, `>=`, `<`, `<=`), or
 * free text. Whitespace between terms means AND; `AND`, `OR` and `NOT` (upper case) combine them,
 * `-` before a term negates it, parentheses group, and values may be quoted with '…' or "…"
 * (a backslash escapes a quote). OR binds looser than AND, as in Shopify.
 */

export type Comparator = ':' | '>' | '>=' | '<' | '<=';

export type SearchNode =
  | { kind: 'and'; children: SearchNode[] }
  | { kind: 'or'; children: SearchNode[] }
  | { kind: 'not'; child: SearchNode }
  | { kind: 'term'; field: string; comparator: Comparator; value: string; quoted: boolean }
  | { kind: 'text'; value: string; quoted: boolean }
  | { kind: 'all' };

export class SearchSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

type Token =
  | { type: 'lparen'; position: number }
  | { type: 'rparen'; position: number }
  | { type: 'minus'; position: number }
  | { type: 'word'; text: string; quoted: boolean; position: number };

const SPECIAL = new Set(['(', ')', ' ', '\t', '\n', '\r']);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    const char = input[index]!;
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      index++;
      continue;
    }
    if (char === '(') {
      tokens.push({ type: 'lparen', position: index++ });
      continue;
    }
    if (char === ')') {
      tokens.push({ type: 'rparen', position: index++ });
      continue;
    }
    if (char === '-') {
      const next = input[index + 1];
      if (next === undefined || next === ')' || /\s/.test(next)) {
        throw new SearchSyntaxError('Negation needs a term after it', index);
      }
      tokens.push({ type: 'minus', position: index++ });
      continue;
    }
    // A word runs to whitespace or a parenthesis; quoted parts inside it (field:'a b') are kept whole.
    const start = index;
    let text = '';
    let quoted = false;
    while (index < input.length && !SPECIAL.has(input[index]!)) {
      const current = input[index]!;
      if (current === '"' || current === "'") {
        const closing = findClosingQuote(input, index);
        if (closing < 0) throw new SearchSyntaxError(`Unterminated quoted value starting at ${index}`, index);
        text += unescape(input.slice(index + 1, closing));
        quoted = true;
        index = closing + 1;
        continue;
      }
      text += current;
      index++;
    }
    tokens.push({ type: 'word', text, quoted, position: start });
  }
  return tokens;
}

function findClosingQuote(input: string, openIndex: number): number {
  const quote = input[openIndex];
  for (let index = openIndex + 1; index < input.length; index++) {
    if (input[index] === '\\') {
      index++;
      continue;
    }
    if (input[index] === quote) return index;
  }
  return -1;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

const COMPARATORS: Comparator[] = ['>=', '<=', '>', '<'];

function termFromWord(token: Extract<Token, { type: 'word' }>, raw: string): SearchNode {
  // The field name is the part before the first colon, if it looks like a field name and the colon
  // was not inside quotes (a quoted word such as "a:b" is free text).
  const match = /^([A-Za-z_][A-Za-z0-9_.]*):(.*)$/s.exec(raw);
  if (!match || raw.startsWith('"') || raw.startsWith("'")) {
    return { kind: 'text', value: token.text, quoted: token.quoted };
  }
  const field = match[1]!.toLowerCase();
  let rest = token.text.slice(match[1]!.length + 1);
  let comparator: Comparator = ':';
  for (const candidate of COMPARATORS) {
    if (rest.startsWith(candidate)) {
      comparator = candidate;
      rest = rest.slice(candidate.length);
      break;
    }
  }
  return { kind: 'term', field, comparator, value: rest, quoted: token.quoted };
}

/** Parses a search string into an AST; an empty string is `{ kind: 'all' }`. */
export function parseSearchQuery(input: string): SearchNode {
  const tokens = tokenize(input);
  const raws = rawWords(input, tokens);
  let position = 0;

  const peek = () => tokens[position];
  const isKeyword = (token: Token | undefined, keyword: string) =>
    token?.type === 'word' && !token.quoted && token.text === keyword;

  function parseOr(): SearchNode {
    const children = [parseAnd()];
    while (isKeyword(peek(), 'OR')) {
      position++;
      if (!peek() || peek()!.type === 'rparen')
        throw new SearchSyntaxError('OR needs a term after it', input.length);
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  function parseAnd(): SearchNode {
    const children: SearchNode[] = [];
    for (;;) {
      const token = peek();
      if (!token || token.type === 'rparen' || isKeyword(token, 'OR')) break;
      if (isKeyword(token, 'AND')) {
        position++;
        if (children.length === 0) throw new SearchSyntaxError('AND needs a term before it', token.position);
        continue;
      }
      children.push(parseUnary());
    }
    if (children.length === 0) {
      const token = peek();
      throw new SearchSyntaxError('Expected a search term', token?.position ?? input.length);
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  function parseUnary(): SearchNode {
    const token = peek()!;
    if (isKeyword(token, 'NOT') || token.type === 'minus') {
      position++;
      if (!peek() || peek()!.type === 'rparen')
        throw new SearchSyntaxError('Negation needs a term after it', token.position);
      return { kind: 'not', child: parseUnary() };
    }
    if (token.type === 'lparen') {
      position++;
      if (peek()?.type === 'rparen') throw new SearchSyntaxError('Empty parentheses', token.position);
      const inner = parseOr();
      if (peek()?.type !== 'rparen')
        throw new SearchSyntaxError('Missing closing parenthesis', token.position);
      position++;
      return inner;
    }
    if (token.type === 'rparen')
      throw new SearchSyntaxError('Unexpected closing parenthesis', token.position);
    position++;
    return termFromWord(token as Extract<Token, { type: 'word' }>, raws.get(token) ?? '');
  }

  if (tokens.length === 0) return { kind: 'all' };
  const tree = parseOr();
  if (position < tokens.length) {
    const token = tokens[position]!;
    throw new SearchSyntaxError(
      token.type === 'rparen' ? 'Unexpected closing parenthesis' : 'Unexpected input',
      token.position,
    );
  }
  return tree;
}

/** The raw text of every word token (with quotes), to tell `field:"x"` from `"field:x"`. */
function rawWords(input: string, tokens: Token[]): Map<Token, string> {
  const raws = new Map<Token, string>();
  for (const token of tokens) {
    if (token.type !== 'word') continue;
    let end = token.position;
    while (end < input.length && !SPECIAL.has(input[end]!)) {
      const char = input[end]!;
      if (char === '"' || char === "'") {
        end = findClosingQuote(input, end) + 1;
        continue;
      }
      end++;
    }
    raws.set(token, input.slice(token.position, end));
  }
  return raws;
}

/** Prints an AST back in a canonical form (used in tests and in the search warnings). */
export function formatSearchNode(node: SearchNode): string {
  switch (node.kind) {
    case 'all':
      return '*';
    case 'and':
      return `(${node.children.map(formatSearchNode).join(' AND ')})`;
    case 'or':
      return `(${node.children.map(formatSearchNode).join(' OR ')})`;
    case 'not':
      return `NOT ${formatSearchNode(node.child)}`;
    case 'term':
      return `${node.field}${node.comparator === ':' ? ':' : `:${node.comparator}`}${JSON.stringify(node.value)}`;
    case 'text':
      return JSON.stringify(node.value);
  }
}
