/**
 * GitHub Actions expressions (`${{ … }}`), enough of them to evaluate the project's workflows
 * in tests: literals, context property access (names may hold `-`), `!`, `==`, `!=`, `<`,
 * `<=`, `>`, `>=`, `&&`, `||` (which return an operand, as GitHub's do), parentheses, and the
 * functions contains, startsWith, endsWith, format, join, toJSON, fromJSON, and the status
 * functions success, failure, always, cancelled. Anything else is an error, so a workflow that
 * uses more than this is noticed rather than mis-evaluated.
 */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export interface Status {
  /** No earlier step (or, for a job, no needed job) failed. */
  success: boolean;
}

export interface ExpressionContext {
  contexts: Record<string, Value>;
  status?: Status;
}

type Token = { kind: 'str' | 'num' | 'name' | 'op'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new Error(`unterminated string in: ${source}`);
        if (source[i] === "'" && source[i + 1] === "'") {
          text += "'";
          i += 2;
        } else if (source[i] === "'") {
          i++;
          break;
        } else {
          text += source[i++];
        }
      }
      tokens.push({ kind: 'str', text });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ kind: 'num', text: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i))!;
      tokens.push({ kind: 'name', text: match[0] });
      i += match[0].length;
    } else {
      const op = ['==', '!=', '<=', '>=', '&&', '||'].find((o) => source.startsWith(o, i)) ?? c;
      if (!['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', '.', ','].includes(op)) throw new Error(`unexpected "${op}" in: ${source}`);
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    }
  }
  return tokens;
}

const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled'];

/** Evaluates one expression (the text between `${{` and `}}`, or a whole `if:`). */
export function evaluate(source: string, ctx: ExpressionContext): Value {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = (text?: string): Token => {
    const token = tokens[pos];
    if (!token || (text !== undefined && token.text !== text)) throw new Error(`expected ${text ?? 'a token'} at ${pos} in: ${source}`);
    pos++;
    return token;
  };
  const or = (): Value => {
    let left = and();
    while (peek()?.text === '||') {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): Value => {
    let left = comparison();
    while (peek()?.text === '&&') {
      take();
      const right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const comparison = (): Value => {
    let left = unary();
    while (['==', '!=', '<', '<=', '>', '>='].includes(peek()?.text ?? '') && peek()?.kind === 'op') {
      const op = take().text;
      left = compare(op, left, unary());
    }
    return left;
  };
  const unary = (): Value => {
    if (peek()?.text === '!' && peek()?.kind === 'op') {
      take();
      return !truthy(unary());
    }
    return postfix(primary());
  };
  const postfix = (value: Value): Value => {
    for (;;) {
      if (peek()?.text === '.' && peek()?.kind === 'op') {
        take();
        value = property(value, take().text);
      } else if (peek()?.text === '[' && peek()?.kind === 'op') {
        take();
        const key = or();
        take(']');
        value = property(value, String(key));
      } else {
        return value;
      }
    }
  };
  const primary = (): Value => {
    const token = take();
    if (token.kind === 'str') return token.text;
    if (token.kind === 'num') return Number(token.text);
    if (token.kind === 'op') {
      if (token.text !== '(') throw new Error(`unexpected "${token.text}" in: ${source}`);
      const value = or();
      take(')');
      return value;
    }
    if (token.text === 'true') return true;
    if (token.text === 'false') return false;
    if (token.text === 'null') return null;
    if (peek()?.text === '(' && peek()?.kind === 'op') {
      take();
      const args: Value[] = [];
      while (peek()?.text !== ')') {
        args.push(or());
        if (peek()?.text === ',') take();
      }
      take(')');
      return call(token.text, args, ctx);
    }
    if (!(token.text in ctx.contexts)) throw new Error(`unknown context "${token.text}" in: ${source}`);
    return ctx.contexts[token.text]!;
  };
  const value = or();
  if (pos !== tokens.length) throw new Error(`unexpected "${tokens[pos]!.text}" in: ${source}`);
  return value;
}

function call(name: string, args: Value[], ctx: ExpressionContext): Value {
  const text = (v: Value | undefined) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  switch (name) {
    case 'success':
      return ctx.status?.success ?? true;
    case 'failure':
      return !(ctx.status?.success ?? true);
    case 'always':
      return true;
    case 'cancelled':
      return false;
    case 'contains':
      return Array.isArray(args[0]) ? args[0].some((v) => compare('==', v, args[1] ?? null) === true) : text(args[0]).toLowerCase().includes(text(args[1]).toLowerCase());
    case 'startsWith':
      return text(args[0]).toLowerCase().startsWith(text(args[1]).toLowerCase());
    case 'endsWith':
      return text(args[0]).toLowerCase().endsWith(text(args[1]).toLowerCase());
    case 'format':
      return text(args[0]).replace(/\{(\d+)\}/g, (_, i: string) => text(args[Number(i) + 1]));
    case 'join':
      return Array.isArray(args[0]) ? args[0].map(text).join(args[1] === undefined ? ',' : text(args[1])) : text(args[0]);
    case 'toJSON':
      return JSON.stringify(args[0] ?? null, null, 2);
    case 'fromJSON':
      return JSON.parse(text(args[0])) as Value;
    default:
      throw new Error(`unsupported function ${name}()`);
  }
}

function property(value: Value, key: string): Value {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return key in value ? value[key]! : null;
}

export function truthy(value: Value): boolean {
  return !(value === false || value === null || value === '' || value === 0 || Number.isNaN(value));
}

/** GitHub compares strings case-insensitively and coerces differing types to numbers. */
function compare(op: string, a: Value, b: Value): boolean {
  let x: unknown = a;
  let y: unknown = b;
  if (typeof a === 'string' && typeof b === 'string') {
    x = a.toLowerCase();
    y = b.toLowerCase();
  } else if (typeof a !== typeof b || (typeof a === 'object' && a !== null)) {
    x = toNumber(a);
    y = toNumber(b);
  }
  switch (op) {
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return (x as number) < (y as number);
    case '<=':
      return (x as number) <= (y as number);
    case '>':
      return (x as number) > (y as number);
    default:
      return (x as number) >= (y as number);
  }
}

function toNumber(value: Value): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  return Number.NaN;
}

/** Every `${{ … }}` in a string replaced by its value as text. */
export function interpolate(text: string, ctx: ExpressionContext): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, source: string) => {
    const value = evaluate(source, ctx);
    return typeof value === 'string' ? value : value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** An `if:` condition: `${{ … }}` or bare; without a status function, success() && (…) as GitHub does. */
export function condition(source: string | boolean | undefined, ctx: ExpressionContext): boolean {
  if (source === undefined) return ctx.status?.success ?? true;
  if (typeof source === 'boolean') return source && (ctx.status?.success ?? true);
  const bare = source.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const usesStatus = STATUS_FUNCTIONS.some((name) => new RegExp(`\\b${name}\\s*\\(`).test(bare));
  const value = truthy(evaluate(bare, ctx));
  return usesStatus ? value : value && (ctx.status?.success ?? true);
}

/** Every expression source in a string (for checks that must see each one). */
export function expressionsIn(text: string): string[] {
  return [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1]!.trim());
}
