/**
 * Tokens for the few fixes that need them (the comma after an import specifier, the
 * brace that closes a list). ESLint's parsers give them with the tree; the CLI's
 * oxc-parser tree (src/engine/fast-parser.ts) has none, so the file is tokenized here,
 * once, when a rule first asks. Rules ask these functions, never `sourceCode.getToken*`.
 */
import { createRequire } from "node:module";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

type Token = TSESTree.Token;
type Ranged = { range: TSESTree.Range };
type EstreeParse = typeof import("@typescript-eslint/typescript-estree").parse;

const load = createRequire(import.meta.url);
const tokenized = new WeakMap<object, Token[]>();

type Context = Readonly<{ filename: string; sourceCode: Readonly<TSESLint.SourceCode> }>;

/** The file's tokens (comments excluded) when the tree came without them; undefined when ESLint's token store has them. */
function tokensOf(context: Context): Token[] | undefined {
  const { sourceCode } = context;
  const ast = sourceCode.ast as TSESTree.Program & { tokens?: Token[] };
  if (ast.tokens && (ast.tokens.length > 0 || sourceCode.text.trim() === "")) return undefined;
  let tokens = tokenized.get(ast);
  if (!tokens) {
    const parse = (load("@typescript-eslint/typescript-estree") as { parse: EstreeParse }).parse;
    // the same JSX choice the tree was parsed with: everything but .ts/.mts/.cts
    tokens = parse(sourceCode.text, { jsx: !/\.(m|c)?ts$/.test(context.filename), range: true, loc: true, tokens: true, comment: false }).tokens ?? [];
    tokenized.set(ast, tokens);
  }
  return tokens;
}

/** The first token after `node` (that `filter` accepts), as `sourceCode.getTokenAfter`. */
export function tokenAfter(context: Context, node: Ranged, filter?: (token: Token) => boolean): Token | null {
  const { sourceCode } = context;
  const tokens = tokensOf(context);
  if (!tokens) return (filter ? sourceCode.getTokenAfter(node as never, { filter }) : sourceCode.getTokenAfter(node as never)) as Token | null;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.range[0] < node.range[1]) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < tokens.length; i++) if (!filter || filter(tokens[i]!)) return tokens[i]!;
  return null;
}

/** The last token before `node`, as `sourceCode.getTokenBefore`. */
export function tokenBefore(context: Context, node: Ranged): Token | null {
  const { sourceCode } = context;
  const tokens = tokensOf(context);
  if (!tokens) return sourceCode.getTokenBefore(node as never) as Token | null;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.range[1] <= node.range[0]) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? tokens[lo - 1]! : null;
}
