/**
 * `@typescript-eslint/rule-tester`'s RuleTester, as the rule suites use it, run by oxlint's
 * RuleTester (`oxlint/plugins-dev`, Node.js >= 22). vitest.oxlint.config.ts puts this module in
 * place of `@typescript-eslint/rule-tester`, so every suite under test/rules runs unchanged
 * through oxlint's parser, AST, scope manager, fixer and suggestion machinery.
 *
 * What is translated: ESLint-compatible columns (`eslintCompat`), JSX from the suite's parser
 * options (oxlint picks the language from each case's filename), and the typescript-eslint
 * test-case fields oxlint does not know (the parser object, `skip`, `dependencyConstraints`).
 * Nothing is dropped from what a case expects: messages, ids, data, positions, fixes and
 * suggestions are checked by oxlint's tester as written.
 */
import { RuleTester as OxlintRuleTester } from "oxlint/plugins-dev";

type Case = Record<string, unknown> & { code: string; skip?: boolean; languageOptions?: Record<string, unknown> };
type Tests = { valid: Array<string | Case>; invalid: Case[] };

/** typescript-eslint's languageOptions → oxlint's (no parser objects: oxlint parses every case itself). */
function languageOptions(options: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!options) return undefined;
  const { parser: _parser, parserOptions, ...rest } = options as { parser?: unknown; parserOptions?: { ecmaFeatures?: { jsx?: boolean } } };
  const out: Record<string, unknown> = { ...rest };
  if (parserOptions?.ecmaFeatures) out.parserOptions = { ecmaFeatures: { jsx: parserOptions.ecmaFeatures.jsx } };
  return out;
}

function translate(test: string | Case): string | Case {
  if (typeof test === "string") return test;
  const { skip: _skip, dependencyConstraints: _constraints, languageOptions: options, ...rest } = test;
  const out: Case = { ...rest };
  const lo = languageOptions(options);
  if (lo) out.languageOptions = lo;
  return out;
}

/**
 * typescript-eslint's multi-pass `output: [pass1, pass2, …]` becomes one oxlint case per pass:
 * pass N is oxlint's fixer with N - 1 extra passes (`recursive`), so every pass's text is checked.
 */
function passes(test: Case): Case[] {
  if (!Array.isArray(test.output)) return [test];
  const outputs = test.output as string[];
  return outputs.map((output, i) => ({ ...test, name: `${String(test.name ?? test.code)} (fix pass ${i + 1} of ${outputs.length})`, output, recursive: i }));
}

export class RuleTester {
  /** typescript-eslint's tester registers an afterAll hook; oxlint's has none to set. */
  static afterAll: unknown;
  static itSkip: ((name: string, fn: () => void) => void) | undefined;
  static set describe(fn: (name: string, body: () => void) => void) {
    OxlintRuleTester.describe = fn;
  }
  static get describe(): (name: string, body: () => void) => void {
    return OxlintRuleTester.describe;
  }
  static set it(fn: (name: string, body: () => void) => void) {
    OxlintRuleTester.it = fn;
  }
  static get it(): (name: string, body: () => void) => void {
    return OxlintRuleTester.it;
  }
  static set itOnly(fn: (name: string, body: () => void) => void) {
    OxlintRuleTester.itOnly = fn;
  }
  static get itOnly(): (name: string, body: () => void) => void {
    return OxlintRuleTester.itOnly;
  }

  private readonly tester: OxlintRuleTester;

  constructor(config: { languageOptions?: Record<string, unknown> } = {}) {
    this.tester = new OxlintRuleTester({ eslintCompat: true, languageOptions: languageOptions(config.languageOptions) } as never);
  }

  run(name: string, rule: unknown, tests: Tests): void {
    const skipped = [...tests.valid, ...tests.invalid].filter((t) => typeof t !== "string" && t.skip);
    for (const t of skipped) RuleTester.itSkip?.(String((t as Case).name ?? (t as Case).code), () => undefined);
    const keep = (t: string | Case) => typeof t === "string" || !t.skip;
    this.tester.run(name, rule as never, {
      valid: tests.valid.filter(keep).map(translate) as never,
      invalid: tests.invalid.filter(keep).map(translate).flatMap((t) => passes(t as Case)) as never,
    });
  }
}
