/**
 * The parser the CLI's engine gives ESLint for TypeScript files: oxc-parser (native,
 * several times faster than typescript-estree, and it does not load TypeScript)
 * producing the tree @typescript-eslint/parser produces, with typescript-eslint's
 * scope analysis and visitor keys. Where oxc-parser is not the right tool (no native
 * binary, a parse error — whose message must be typescript-estree's, word for word —
 * an HTML entity in JSX, a hashbang line) the file goes to @typescript-eslint/parser
 * itself, loaded only then.
 *
 * The tree carries no tokens: clerk-guard's rules ask for tokens only through
 * analysis/tokens.ts, which tokenizes the file when the tree came without them.
 * ESLint users keep @typescript-eslint/parser (src/index.ts); only the CLI, which
 * runs nothing but clerk-guard's rules, uses this parser.
 */
import { createRequire } from "node:module";
import { analyze } from "@typescript-eslint/scope-manager";
import type { TSESTree } from "@typescript-eslint/utils";
import { visitorKeys } from "@typescript-eslint/visitor-keys";
import { parseForLinter } from "../analysis/project/parse.js";

type ParseForESLint = (text: string, options?: Record<string, unknown>) => unknown;

const load = createRequire(import.meta.url);
let typescriptParser: ParseForESLint | undefined;

function fallback(text: string, options?: Record<string, unknown>): unknown {
  typescriptParser ??= (load("@typescript-eslint/parser") as { parseForESLint: ParseForESLint }).parseForESLint;
  return typescriptParser(text, options);
}

export interface ParserOptions {
  filePath?: unknown;
  sourceType?: unknown;
  ecmaFeatures?: { globalReturn?: boolean; jsx?: boolean };
  ecmaVersion?: unknown;
  jsxPragma?: string | null;
  jsxFragmentName?: string | null;
  lib?: string[];
}

export const fastParser = {
  meta: { name: "clerk-guard/oxc-parser", version: "1" },
  parseForESLint(text: string, options?: ParserOptions): unknown {
    const file = options?.filePath;
    // oxc-parser reads every file as a module; a script stays with typescript-estree. (Plain .js files reach this
    // parser only as the blocks a processor makes: the engine parses physical .js files with espree.)
    if (typeof file !== "string" || !/\.(m|c)?[jt]sx?$/.test(file) || options?.sourceType !== "module") return fallback(text, options as Record<string, unknown>);
    const parsed = parseForLinter(file, text);
    if (!parsed) return fallback(text, options as Record<string, unknown>);
    const program = parsed.program as TSESTree.Program & { comments: TSESTree.Comment[]; tokens: TSESTree.Token[]; sourceType: string };
    program.comments = parsed.comments;
    program.tokens = [];
    program.sourceType = "module";
    // the options @typescript-eslint/parser passes scope analysis when it has no TypeScript program
    const scopeManager = analyze(program, {
      globalReturn: options.ecmaFeatures?.globalReturn,
      jsxFragmentName: options.jsxFragmentName,
      jsxPragma: options.jsxPragma,
      lib: options.lib as never,
      sourceType: "module",
    });
    return { ast: program, scopeManager, services: { program: null, emitDecoratorMetadata: false, experimentalDecorators: false, isolatedDeclarations: false }, visitorKeys };
  },
};
