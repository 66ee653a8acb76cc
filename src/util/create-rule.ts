/**
 * The rule skeleton: typescript-eslint's RuleCreator with docs URLs pointing at
 * rules/<id>.md, plus clerk-guard's own metadata (configs, severity, versions),
 * and a guard so an internal error never takes an ESLint run down.
 */
import { ESLintUtils, type TSESLint } from "@typescript-eslint/utils";
import { notice } from "../analysis/fs-cache.js";
import type { Framework } from "../analysis/stack.js";

export const REPO_URL = "https://github.com/clerk-guard/clerk-guard";
export const docsUrl = (name: string): string => `${REPO_URL}/blob/main/rules/${name}.md`;

export type ConfigName = "recommended" | "strict" | "all";
/** Weight class used by the PR score and SARIF `security-severity`. */
export type Severity = "critical" | "high" | "medium" | "low";

export interface ClerkGuardDocs {
  description: string;
  /** The first config that turns the rule on; every later config includes it. */
  config: ConfigName;
  severity: Severity;
  /** Clerk versions the rule applies to, as shown in docs and the README table. */
  versions: string;
  /** The stacks the rule covers (README "Frameworks" column). */
  frameworks: readonly Framework[];
  /** Project rules read other files through the project index. */
  projectRule?: boolean;
  /** Security rules are tagged for SARIF. */
  security?: boolean;
  /** One-line recipe shown to agents (hooks) and in summaries. */
  fix: string;
  /**
   * Message ids that are advisory (a deprecation, not a removal). ESLint shows
   * them at the configured severity; the clerk-guard CLI reports them as warnings.
   */
  warnMessageIds?: readonly string[];
  recommended?: boolean;
  requiresTypeChecking?: false;
}

const createRuleBase = ESLintUtils.RuleCreator<ClerkGuardDocs>(docsUrl);

const rethrow = (): boolean => !!(process.env.VITEST || process.env.CLERK_GUARD_DEBUG);

function guard<T extends (...args: never[]) => unknown>(rule: string, file: string, fn: T): T {
  return ((...args: Parameters<T>) => {
    try {
      return fn(...args);
    } catch (error) {
      if (rethrow()) throw error;
      notice(`internal error in clerk-guard/${rule} on ${file}: ${(error as Error).message}`);
      return undefined;
    }
  }) as T;
}

/**
 * Create a rule; every listener is wrapped so a bug reports a notice instead of crashing.
 * ESLint >= 9.15 (our peer range) merges `meta.defaultOptions` into `context.options`
 * itself, so the rule receives those directly instead of merging them again per file.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, ClerkGuardDocs>>,
) {
  const name = rule.name;
  const created = createRuleBase<Options, MessageIds>(rule);
  const defaults = (rule.meta.defaultOptions ?? []) as unknown as Options;
  created.create = (context) => {
    const options = (context.options.length > 0 ? context.options : defaults) as Options;
    const listeners = guard(name, context.filename, () => rule.create(context, options))();
    if (!listeners) return {};
    const wrapped: TSESLint.RuleListener = {};
    for (const [key, fn] of Object.entries(listeners)) {
      if (typeof fn === "function") (wrapped as Record<string, unknown>)[key] = guard(name, context.filename, fn as (...a: never[]) => unknown);
    }
    return wrapped;
  };
  return created;
}
