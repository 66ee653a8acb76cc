import path from "node:path";
import { fileURLToPath } from "node:url";
import * as vitest from "vitest";
import { RuleTester } from "@typescript-eslint/rule-tester";
import tsParser from "@typescript-eslint/parser";
import { fastParser } from "../src/engine/fast-parser.js";

RuleTester.afterAll = vitest.afterAll;
RuleTester.describe = vitest.describe;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;
RuleTester.itSkip = vitest.it.skip;

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PROJECTS = path.join(REPO, "fixtures", "projects");
export const APPS = path.join(REPO, "fixtures", "apps");

/**
 * Mini projects under fixtures/projects: each is a package.json pinning one
 * Clerk line (next7, next6, next5, next4, express2, plain = no Clerk), so
 * version-dependent rules see a real project. Files need not exist on disk.
 */
export type Project = "next7" | "next6" | "next5" | "next4" | "express2" | "plain";

/** A realistic filename inside a fixture project: file("app/api/webhooks/clerk/route.ts"). */
export function file(rel: string, project: Project = "next7"): string {
  return path.join(PROJECTS, project, rel);
}

/** A file inside a fixture app under fixtures/apps. */
export function appFile(app: string, rel: string): string {
  return path.join(APPS, app, rel);
}

/**
 * The parser rule suites run with: @typescript-eslint/parser (what ESLint users have), or with
 * CLERK_GUARD_RULE_PARSER=cli the CLI engine's oxc-parser adapter (src/engine/fast-parser.ts),
 * so every case is also proved on the trees the CLI lints (vitest.config.ts runs both).
 */
export const RULE_PARSER: unknown = process.env.CLERK_GUARD_RULE_PARSER === "cli" ? fastParser : tsParser;

export function ruleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parser: RULE_PARSER as typeof tsParser,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  });
}

type Tests<M extends string> = import("@typescript-eslint/rule-tester").RunTests<M, readonly unknown[]>;

/**
 * Run RuleTester on a rule. rule-tester ships its own copy of
 * @typescript-eslint/utils, so the rule is passed loosely; message ids stay typed.
 */
export function runRuleTests<M extends string>(name: string, rule: { meta: { messages: Record<M, string> } }, tests: Tests<M>): void {
  ruleTester().run(name, rule as never, tests as never);
}
