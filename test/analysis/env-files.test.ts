import path from "node:path";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { envAsScript, isEnvExample, isEnvFile, parseEnv } from "../../src/analysis/env-files.js";
import plugin from "../../src/index.js";

/** A key that looks real (random base62), built at run time so no key-shaped literal sits in the repository. */
const KEY_BODY = "4fQmZ8rT2wXc7LpN9bVd3KhYs6JgA1Ue5Rk0Mi";
const live = ["sk", "live", KEY_BODY].join("_");
const test = ["sk", "test", KEY_BODY.split("").reverse().join("")].join("_");

function lintEnv(text: string, name = ".env.production"): Linter.LintMessage[] {
  const linter = new Linter({ configType: "flat" });
  return linter.verify(
    text,
    [
      { files: ["**/.env*"], plugins: { "clerk-guard": plugin as never }, processor: "clerk-guard/env" },
      { files: ["**/*.js"], plugins: { "clerk-guard": plugin as never }, rules: { "clerk-guard/no-secret-exposure": "error" } },
    ],
    path.join(process.cwd(), "fixtures", name),
  );
}

describe("dotenv files", () => {
  it("knows env files by name", () => {
    for (const f of [".env", ".env.local", ".env.production", ".env.development.vercel", "/a/b/.env.local.nx"]) expect(isEnvFile(f), f).toBe(true);
    for (const f of [".envrc", "env.ts", "src/.environment", "x.env"]) expect(isEnvFile(f), f).toBe(false);
    expect(isEnvExample(".env.example")).toBe(true);
    expect(isEnvExample(".env.local.sample")).toBe(true);
    expect(isEnvExample(".env.production")).toBe(false);
  });

  it("parses names, quoted and unquoted values, export prefixes and comments", () => {
    const entries = parseEnv(`# comment\nexport CLERK_SECRET_KEY="${live}"\nNEXT_PUBLIC_X=abc # trailing\n\nEMPTY=\n`);
    expect(entries.map((e) => [e.name, e.value, e.line, e.valueColumn])).toEqual([
      ["CLERK_SECRET_KEY", live, 2, 25],
      ["NEXT_PUBLIC_X", "abc", 3, 14],
      ["EMPTY", "", 5, 6],
    ]);
  });

  it("keeps line numbers in the script it lints", () => {
    const { code } = envAsScript(`A=1\n# x\nB="two"`);
    expect(code.split("\n")).toEqual([`process.env.A = "1";`, "", `process.env.B = "two";`]);
  });

  it("reports a committed Clerk secret at its line and column, redacted", () => {
    const messages = lintEnv(`# production\nSTRIPE_SECRET_KEY=${test}\nCLERK_SECRET_KEY=${live}\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: "clerk-guard/no-secret-exposure", messageId: "committedEnvSecret", line: 3, column: 18 });
    expect(messages[0]!.message).toContain("`CLERK_SECRET_KEY` in `.env.production`");
    expect(messages[0]!.message).not.toContain(live);
  });

  it("stays silent on placeholders, other vendors' keys and publishable keys", () => {
    expect(lintEnv(`CLERK_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx\nCLERK_SECRET_KEY=sk_test_...\nCLERK_SECRET_KEY=**********\n`, ".env.example")).toEqual([]);
    expect(lintEnv(`WORKOS_API_KEY=${test}\nSTRIPE_SECRET_KEY=${live}\n`, ".env.test")).toEqual([]);
    expect(lintEnv(`NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k\n`, ".env")).toEqual([]);
  });

  it("reports a Clerk secret under a public name at the name", () => {
    const messages = lintEnv(`NEXT_PUBLIC_CLERK_SECRET_KEY=${live}\n`, ".env.local");
    expect(messages.map((m) => [m.messageId, m.line, m.column])).toEqual([
      ["publicEnvName", 1, 1],
      ["committedEnvSecret", 1, 30],
    ]);
  });
});
