/**
 * The rule skeleton: typescript-eslint's RuleCreator with docs URLs pointing at
 * rules/<id>.md, plus clerk-guard's own metadata (configs, severity, versions),
 * and a guard so an internal error never takes an ESLint run down. A rule that
 * throws reports a problem of its own (messageId `internalError`: the rule id
 * and a one-line, redacted cause) in every host: ESLint, editors, the CLI (which
 * maps it to an `internal-error` finding), so a crashed security check never
 * passes in silence.
 */
import { ESLintUtils, type TSESLint } from "@typescript-eslint/utils";
import { redactSecretsIn } from "../analysis/secrets.js";

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

/** CLERK_GUARD_DEBUG=1 lets a rule's exception through (with its stack) instead of reporting it. */
const rethrow = (): boolean => !!process.env.CLERK_GUARD_DEBUG;

/** The messageId of the problem a crashing rule reports; the CLI maps it to the `internal-error` finding. */
export const INTERNAL_ERROR = "internalError";
/** messageId of the Markdown processor's warning on an example presented as wrong that no rule reports. */
export const STALE_EXAMPLE = "staleExample";
const INTERNAL_ERROR_TEXT = "clerk-guard/{{rule}} crashed on this file ({{cause}}), so its checks did not run here. Please report it to clerk-guard.";

/** What a crash may say about itself: one line, secrets redacted, at most 200 characters. */
export function causeOf(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = redactSecretsIn(text.split("\n")[0] ?? "").trim();
  return line.length > 200 ? line.slice(0, 199) + "…" : line;
}

type Reporter = (error: unknown, at: unknown) => void;

function guard<T extends (...args: never[]) => unknown>(report: Reporter, fn: T): T {
  return ((...args: Parameters<T>) => {
    try {
      return fn(...args);
    } catch (error) {
      if (rethrow()) throw error;
      report(error, args[0]);
      return undefined;
    }
  }) as T;
}

/**
 * Create a rule; every listener is guarded so a bug reports an internal-error problem instead of crashing.
 * ESLint >= 9.15 (our peer range) merges `meta.defaultOptions` into `context.options`
 * itself, so the rule receives those directly instead of merging them again per file.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, ClerkGuardDocs>>,
) {
  const name = rule.name;
  const withInternal = { ...rule, meta: { ...rule.meta, messages: { ...rule.meta.messages, [INTERNAL_ERROR]: INTERNAL_ERROR_TEXT } } };
  const created = createRuleBase<Options, MessageIds>(withInternal);
  const defaults = (rule.meta.defaultOptions ?? []) as unknown as Options;
  created.create = (context) => {
    let reported = false;
    // once per file: a listener that throws on every node still says it once
    const report: Reporter = (error, at) => {
      if (reported) return;
      reported = true;
      const loc = at && typeof at === "object" && "loc" in at && (at as { loc?: unknown }).loc ? (at as { loc: TSESLint.AST.SourceLocation }).loc : { line: 1, column: 0 };
      (context.report as (d: unknown) => void)({ loc, messageId: INTERNAL_ERROR, data: { rule: name, cause: causeOf(error) } });
    };
    const options = (context.options.length > 0 ? context.options : defaults) as Options;
    const listeners = guard(report, () => rule.create(context, options))();
    if (!listeners) return {};
    const wrapped: TSESLint.RuleListener = {};
    for (const [key, fn] of Object.entries(listeners)) {
      if (typeof fn === "function") (wrapped as Record<string, unknown>)[key] = guard(report, fn as (...a: never[]) => unknown);
    }
    return wrapped;
  };
  return created;
}
