/**
 * The rule suites use the RuleTester the run asks for: typescript-eslint's under `npm test`,
 * oxlint's (through test/oxlint/rule-tester.ts) under vitest.oxlint.config.ts, so the oxlint job
 * cannot pass by running ESLint's tester again.
 */
import { RuleTester } from "@typescript-eslint/rule-tester";
import { expect, it } from "vitest";
import { RuleTester as OxlintShim } from "./rule-tester.js";

it(`rule suites run through ${process.env.CLERK_GUARD_RULE_TESTER === "oxlint" ? "oxlint's" : "typescript-eslint's"} RuleTester`, () => {
  if (process.env.CLERK_GUARD_RULE_TESTER === "oxlint") expect(RuleTester).toBe(OxlintShim);
  else expect(RuleTester).not.toBe(OxlintShim);
});
