/**
 * SARIF output validates against the SARIF 2.1.0 JSON schema (vendored in
 * test/data) and carries what GitHub code scanning needs.
 */
import fs from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-run.js";
import { APPS, REPO } from "../helpers.js";
import { CLIENT_WITH_SERVER_HELPER, TempRepo } from "../git-repo.js";
import { tempDir } from "../temp.js";

function validator() {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, "test", "data", "sarif-2.1.0-rtm.5.json"), "utf8")) as Record<string, unknown>;
  // draft-04 → the draft-07 dialect ajv 8 speaks: only the identifier keywords differ in this schema
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat("uri", (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && !/\s/.test(s));
  ajv.addFormat("uri-reference", (s: string) => !/\s/.test(s));
  ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

interface Sarif {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; helpUri: string; properties: { tags: string[]; "security-severity": string } }> } };
    automationDetails: { id: string };
    invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      suppressions?: unknown;
      partialFingerprints: Record<string, string>;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }>;
    }>;
  }>;
}

describe("SARIF 2.1.0", () => {
  const validate = validator();

  it("the schema rejects broken logs (the validation is not vacuous)", () => {
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: "2.0.0", runs: [] })).toBe(false);
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" }, level: "fatal" }] }] })).toBe(false);
  });

  it("check on the AI-written app: schema-valid, complete rule metadata, relative URIs, fingerprints, no suppressed results", () => {
    const app = path.join(APPS, "ai-written");
    const run = runCli(["check", ".", "-f", "sarif"], { cwd: app });
    expect(run.status).toBe(1);
    const sarif = JSON.parse(run.stdout) as Sarif;
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    const r = sarif.runs[0]!;
    expect(r.automationDetails.id).toBe("clerk-guard/");
    for (const rule of r.tool.driver.rules) {
      expect(rule.shortDescription.text).not.toBe("");
      expect(rule.fullDescription.text).not.toBe("");
      expect(rule.help.text).not.toBe("");
      expect(rule.help.markdown).toMatch(/How to fix/);
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(Number(rule.properties["security-severity"])).toBeGreaterThan(0);
      expect(rule.properties.tags).toContain("clerk");
    }
    expect(r.results.length).toBeGreaterThan(10);
    for (const res of r.results) {
      expect(r.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(res.suppressions).toBeUndefined();
      expect(res.partialFingerprints["clerkGuardFingerprint/v1"]).toMatch(/^[0-9a-f]{32}$/);
      const loc = res.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe("%SRCROOT%");
      // relative to the repository root (this repo), never absolute
      expect(loc.artifactLocation.uri).toMatch(/^fixtures\/apps\/ai-written\//);
    }
    const critical = r.tool.driver.rules.find((x) => x.id === "clerk-guard/require-webhook-verification")!;
    expect(critical.properties["security-severity"]).toBe("9.5");
    expect(critical.properties.tags).toContain("security");
  });

  it("ci on a repo with unicode and spaces in paths, a changed file that does not parse and a suppressed finding: schema-valid", () => {
    const repo = new TempRepo("clerk-guard-sarif-");
    repo.copyApp("core3-clean");
    repo.commit("base");
    repo.git("checkout", "-q", "-b", "pr");
    repo.write("src/app/my stuff/ünïcode card.tsx", CLIENT_WITH_SERVER_HELPER);
    repo.write("src/lib/broken.ts", "export const = ;\n");
    repo.write("src/components/hidden.tsx", `'use client'\n// eslint-disable-next-line clerk-guard/no-server-helpers-in-client -- reviewed: type import only\nimport { auth } from "@clerk/nextjs/server";\nexport const a = auth;\n`);
    repo.commit("pr");
    const out = path.join(tempDir("clerk-guard-sarif-out-"), "out.sarif");
    const run = runCli(["ci", "--base", "main", "-f", `sarif=${out}`], { cwd: repo.dir, env: { GITHUB_STEP_SUMMARY: "", GITHUB_OUTPUT: "" } });
    expect(run.status).toBe(1);
    const sarif = JSON.parse(fs.readFileSync(out, "utf8")) as Sarif;
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    const r = sarif.runs[0]!;
    // the file that does not parse is a result of its own (not-analyzed, it fails the gate) and a tool notification
    expect(r.results.map((x) => `${x.ruleId} ${x.locations[0]!.physicalLocation.artifactLocation.uri}`)).toEqual([
      "clerk-guard/no-server-helpers-in-client src/app/my%20stuff/%C3%BCn%C3%AFcode%20card.tsx",
      "clerk-guard/not-analyzed src/lib/broken.ts",
    ]);
    expect(r.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text)).toEqual([expect.stringMatching(/^Could not analyse src\/lib\/broken\.ts: .*does not parse/)]);
  });
});
