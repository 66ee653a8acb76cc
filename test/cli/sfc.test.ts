/**
 * Astro and Vue components through every path a file takes in the CLI: `check` on a directory and
 * on named files, `check --staged`, SARIF, `ci`, and the Claude Code hook after an edit.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-run.js";
import { TempRepo } from "../git-repo.js";
import { tempProject } from "../temp.js";

const NUXT_PKG = JSON.stringify({ name: "nuxt-dashboard", private: true, dependencies: { nuxt: "^3.17.0", vue: "^3.5.0", "@clerk/nuxt": "^2.1.0", "@clerk/vue": "^2.1.0" } });
const ASTRO_PKG = JSON.stringify({ name: "astro-shop", type: "module", dependencies: { astro: "^5.7.0", "@clerk/astro": "^3.0.4" } });

/** A Nuxt component that asks Clerk's Backend API from the browser. */
const ORG_SWITCHER = `<script setup lang="ts">
import { useAuth } from "@clerk/vue";
import { clerkClient } from "@clerk/nuxt/server";

const { orgId } = useAuth();
const org = await clerkClient(useEvent()).organizations.getOrganization({ organizationId: orgId.value! });
</script>

<template>
  <p>{{ org.name }}</p>
</template>
`;

const PROFILE = `<script setup lang="ts">
import { useUser } from "@clerk/vue";
const { user } = useUser();
</script>

<template>
  <p v-if="user">{{ user.fullName }}</p>
</template>
`;

/** An Astro page: the secret in the frontmatter is fine, the same read in the <script> is not. */
const ORDERS_PAGE = `---
const secretKey = import.meta.env.CLERK_SECRET_KEY;
const { userId } = Astro.locals.auth();
---
<main data-user={userId}>
  <script>
    const key = import.meta.env.CLERK_SECRET_KEY;
    fetch("/api/orders", { headers: { "x-clerk-key": key } });
  </script>
</main>
`;

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; column: number }>;
}

function found(root: string, stdout: string): string[] {
  return (JSON.parse(stdout) as JsonResult[])
    .flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath).split(path.sep).join("/")}:${m.line}:${m.column} ${m.ruleId ?? "parse-error"}`))
    .sort();
}

describe("clerk-guard check on components", () => {
  it("walks a directory into .vue and .astro files and reports at their lines; named files too", () => {
    const nuxt = tempProject({
      "package.json": NUXT_PKG,
      "components/OrgSwitcher.vue": ORG_SWITCHER,
      "components/Profile.vue": PROFILE,
      "components/Counter.vue": `<script setup>\nimport { ref } from "vue";\nconst n = ref(0);\n</script>\n<template><button @click="n++">{{ n }}</button></template>\n`,
    });
    const run = runCli(["check", "-f", "json"], { cwd: nuxt });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(found(nuxt, run.stdout)).toEqual(["components/OrgSwitcher.vue:3:10 clerk-guard/no-server-helpers-in-client"]);
    const named = runCli(["check", "components/Profile.vue", "components/Counter.vue"], { cwd: nuxt });
    expect(named).toEqual({ status: 0, stdout: "", stderr: "" });

    const astro = tempProject({ "package.json": ASTRO_PKG, "src/pages/orders.astro": ORDERS_PAGE });
    const page = runCli(["check", "src/pages/orders.astro", "-f", "json"], { cwd: astro });
    expect(page.status).toBe(1);
    expect(found(astro, page.stdout)).toEqual(["src/pages/orders.astro:7:17 clerk-guard/no-secret-exposure"]);
  });

  it("SARIF points at the component and its line", () => {
    const nuxt = tempProject({ "package.json": NUXT_PKG, "components/OrgSwitcher.vue": ORG_SWITCHER });
    const run = runCli(["check", ".", "-f", "sarif"], { cwd: nuxt });
    expect(run.status).toBe(1);
    const sarif = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }> }> };
    const results = sarif.runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine, r.locations[0]!.physicalLocation.region.startColumn])).toEqual([
      ["clerk-guard/no-server-helpers-in-client", "components/OrgSwitcher.vue", 3, 10],
    ]);
  });

  it("--staged lints the staged version of a component", () => {
    const repo = new TempRepo("clerk-guard-sfc-staged-");
    repo.write("package.json", NUXT_PKG);
    repo.write("components/Profile.vue", PROFILE);
    repo.commit("profile");
    repo.write("components/Profile.vue", ORG_SWITCHER);
    repo.git("add", "components/Profile.vue");
    // the working tree goes back to the clean version: the staged one is what is checked
    repo.write("components/Profile.vue", PROFILE);
    const run = runCli(["check", "--staged", "-f", "json"], { cwd: repo.dir });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(found(repo.dir, run.stdout)).toEqual(["components/Profile.vue:3:10 clerk-guard/no-server-helpers-in-client"]);
  });

  it("ci reports the component a pull request adds as new", () => {
    const repo = new TempRepo("clerk-guard-sfc-ci-");
    repo.write("package.json", NUXT_PKG);
    repo.write("components/Profile.vue", PROFILE);
    repo.commit("base");
    repo.git("checkout", "-q", "-b", "pr");
    repo.write("components/OrgSwitcher.vue", ORG_SWITCHER);
    repo.commit("pr: org switcher");
    const env = { GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", GITHUB_OUTPUT: "", GITHUB_BASE_REF: "", GITHUB_HEAD_REF: "", GITHUB_REF_NAME: "" };
    const run = runCli(["ci", "--base", "main", "-f", "report"], { cwd: repo.dir, env });
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; path: string; line: number; isNew: boolean }> };
    expect(report.findings.map((f) => [f.ruleId, f.path, f.line, f.isNew])).toEqual([["clerk-guard/no-server-helpers-in-client", "components/OrgSwitcher.vue", 3, true]]);
    expect(run.status).toBe(1);
  });
});

describe("clerk-guard hook claude on components", () => {
  it("blocks after a Write of a .vue component with a server-only import, and says nothing on a component without Clerk", () => {
    const repo = new TempRepo("clerk-guard-sfc-hook-");
    repo.write("package.json", NUXT_PKG);
    repo.write("components/Profile.vue", PROFILE);
    repo.commit("initial");
    repo.write("components/OrgSwitcher.vue", ORG_SWITCHER);
    repo.write("components/Counter.vue", `<script setup>\nimport { ref } from "vue";\nconst n = ref(0);\n</script>\n`);
    const hook = (rel: string) =>
      runCli(["hook", "claude", "--timeout", "120s"], {
        cwd: repo.dir,
        input: JSON.stringify({ hook_event_name: "PostToolUse", cwd: repo.dir, tool_name: "Write", tool_input: { file_path: path.join(repo.dir, rel), content: "" } }),
        env: { CLAUDE_PROJECT_DIR: repo.dir, CLERK_GUARD_DAEMON: "0" },
      });
    const run = hook("components/OrgSwitcher.vue");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { decision: string; reason: string };
    expect(out.decision).toBe("block");
    expect(out.reason.split("\n")[1]).toMatch(/^components\/OrgSwitcher\.vue:3:10 no-server-helpers-in-client: `clerkClient` comes from "@clerk\/nuxt\/server"/);
    expect(hook("components/Counter.vue")).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(hook("components/Profile.vue")).toEqual({ status: 0, stdout: "", stderr: "" });
  });
});
