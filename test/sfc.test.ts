/**
 * The script parts of Astro and Vue components: which parts are read and where each runs
 * (src/analysis/sfc.ts), the rules' findings at the component's own lines and columns through the
 * plugin's `configs.astro`/`configs.vue` (what the README tells users to write), and the CLI engine.
 */
import fs from "node:fs";
import path from "node:path";
import { ESLint, type Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { astroBlocks, blockText, sfcPartOf, vueBlocks } from "../src/analysis/sfc.js";
import { Engine } from "../src/engine/lint.js";
import { isInertText, kindOf } from "../src/engine/files.js";
import plugin from "../src/index.js";
import { rng } from "./random.js";
import { tempProject } from "./temp.js";

const ASTRO_PKG = JSON.stringify({ name: "astro-shop", type: "module", dependencies: { astro: "^5.7.0", "@clerk/astro": "^3.0.4" } });
const NUXT_PKG = JSON.stringify({ name: "nuxt-dashboard", private: true, dependencies: { nuxt: "^3.17.0", vue: "^3.5.0", "@clerk/nuxt": "^2.1.0", "@clerk/vue": "^2.1.0" } });

const ASTRO_PAGE = `---
import Layout from "../layouts/Layout.astro";
import { clerkClient } from "@clerk/astro/server";

const { userId } = Astro.locals.auth();
const secretKey = import.meta.env.CLERK_SECRET_KEY;
const user = userId ? await clerkClient(Astro).users.getUser(userId) : null;
---
<Layout title="Account">
  <!-- <script>import { clerkClient } from "@clerk/astro/server";</script> -->
  <h1>{user ? \`Hi \${user.firstName}\` : "Welcome"}</h1>
  <p>{"<script> tags in a string are text"}</p>
  <style>
    h1 { color: rebeccapurple; }
  </style>
  <script>
    const key = import.meta.env.CLERK_SECRET_KEY;
    fetch("/api/orders", { headers: { authorization: key } });
  </script>
</Layout>
`;

const VUE_MENU = `<template>
  <div class="menu">
    <template v-if="isSignedIn">
      <p>{{ user?.firstName }}</p>
    </template>
    <!-- <script setup>import { clerkClient } from "@clerk/nuxt/server"</script> -->
  </div>
</template>

<script setup lang="ts">
import { useAuth, useUser } from "@clerk/vue";
import { clerkClient } from "@clerk/nuxt/server";

const { isSignedIn } = useAuth();
const { user } = useUser();
const orgs = await clerkClient(useEvent()).users.getOrganizationMembershipList({ userId: user.value!.id });
</script>

<style scoped>
.menu { display: flex; }
</style>
`;

const VUE_CLEAN = `<script setup lang="ts">
import { useAuth, useUser } from "@clerk/vue";
const { isSignedIn, userId } = useAuth();
const { user } = useUser();
</script>

<template>
  <p v-if="isSignedIn">{{ user?.firstName }} ({{ userId }})</p>
</template>
`;

describe("component parts: what is read, and where it runs", () => {
  it("Astro: the frontmatter, bundled and inline scripts; not comments, strings, styles or JSON-LD", () => {
    const text = ASTRO_PAGE + `<script type="application/ld+json">{"@type": "Organization"}</script>\n<script is:inline>window.dataLayer = [];</script>\n`;
    const { blocks, error } = astroBlocks(text);
    expect(error).toBeUndefined();
    expect(blocks.map((b) => [b.part, b.lang, text.slice(b.start, b.end).trim().split("\n")[0]])).toEqual([
      ["astro-frontmatter", "ts", 'import Layout from "../layouts/Layout.astro";'],
      ["astro-script", "ts", "const key = import.meta.env.CLERK_SECRET_KEY;"],
      ["astro-inline-script", "ts", "window.dataLayer = [];"],
    ]);
    // a part keeps the file's layout: same length, same lines, nothing else left
    const script = blockText(text, blocks[1]!);
    expect(script).toHaveLength(text.length);
    expect(script.split("\n")).toHaveLength(text.split("\n").length);
    expect(script.trim()).toBe(text.slice(blocks[1]!.start, blocks[1]!.end).trim());
  });

  it("Vue: <script> and <script setup> with their lang, past nested templates and comments", () => {
    const text = `<script lang="ts">\nexport default { name: "UserMenu" };\n</script>\n` + VUE_MENU;
    const { blocks, error } = vueBlocks(text);
    expect(error).toBeUndefined();
    expect(blocks.map((b) => [b.part, b.lang, text.slice(b.start, b.end).trim().split("\n")[0]])).toEqual([
      ["vue-script", "ts", 'export default { name: "UserMenu" };'],
      ["vue-script-setup", "ts", 'import { useAuth, useUser } from "@clerk/vue";'],
    ]);
    expect(vueBlocks(`<script setup>\nconst a = 1;\n</script>`).blocks[0]!.lang).toBe("js");
    expect(vueBlocks(`<script setup lang="coffee">\na = 1\n</script>`).blocks).toEqual([]);
    expect(vueBlocks(`<script src="./menu.ts"></script>`).blocks).toEqual([]);
  });

  it("malformed components give an error with its place, never an exception", () => {
    expect(astroBlocks("---\nimport { auth } from '@clerk/astro/server';\n<div>\n").error).toEqual({ message: "the frontmatter opened with `---` on line 1 is never closed", offset: 0 });
    expect(astroBlocks("---\nconst a = 1;\n---\n<p>x</p>\n<script>\nconst b = 2;\n").error?.message).toBe("the <script> tag on line 5 is never closed");
    expect(vueBlocks("<template>\n  <div>\n</div>\n").error?.message).toBe("the <template> block on line 1 is never closed");
    for (const text of ["", "---", "<", "<script", "{", "<template><template>", "---\n---\n{`${", "<p title='{'>x</p>", "\uFEFF---\nconst a = 1;\n---\n"]) {
      expect(() => astroBlocks(text)).not.toThrow();
      expect(() => vueBlocks(text)).not.toThrow();
    }
  });

  it("the core reads the part from the virtual file name: frontmatter on the server, scripts in the browser, Nuxt server components on the server", () => {
    expect(sfcPartOf("/app/src/pages/index.astro/0_astro-frontmatter.ts")).toMatchObject({ part: "astro-frontmatter", client: false, container: "/app/src/pages/index.astro" });
    expect(sfcPartOf("/app/src/pages/index.astro/1_astro-script.ts")).toMatchObject({ part: "astro-script", client: true });
    expect(sfcPartOf("/app/components/UserMenu.vue/0_vue-script-setup.ts")).toMatchObject({ part: "vue-script-setup", client: true, container: "/app/components/UserMenu.vue" });
    expect(sfcPartOf("/app/components/Stats.server.vue/0_vue-script-setup.ts")).toMatchObject({ client: false });
    // hosts that parse the whole component (vue-eslint-parser: the scripts; astro-eslint-parser: the frontmatter)
    expect(sfcPartOf("/app/components/UserMenu.vue")).toMatchObject({ part: "vue-script", client: true });
    expect(sfcPartOf("/app/src/pages/index.astro")).toMatchObject({ part: "astro-frontmatter", client: false });
    // the <script> tags eslint-plugin-astro's processor hands to ESLint
    expect(sfcPartOf("/app/src/pages/index.astro/1_1.ts")).toMatchObject({ part: "astro-script", client: true, container: "/app/src/pages/index.astro" });
    expect(sfcPartOf("/app/src/pages/index.ts")).toBeUndefined();
  });

  it("file kinds and the no-op gate: a component that names nothing of Clerk is not linted", () => {
    expect(kindOf("src/pages/index.astro")).toBe("astro");
    expect(kindOf("components/UserMenu.vue")).toBe("vue");
    expect(isInertText("components/Counter.vue", `<script setup>\nimport { ref } from "vue";\nconst n = ref(0);\n</script>\n`)).toBe(true);
    expect(isInertText("components/UserMenu.vue", VUE_CLEAN)).toBe(false);
    expect(isInertText("src/pages/index.astro", `---\nconst key = "sk_live_Zq8Hf3kLp0Wx7Rt2Yb5Nc9Vd4Gm6Js1Qa";\n---\n`)).toBe(false);
  });
});

/** Lint a component through the plugin's configs, as the README's ESLint set-up does. */
async function eslintMessages(root: string, rel: string): Promise<Linter.LintMessage[]> {
  const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [plugin.configs.recommended, plugin.configs.astro, plugin.configs.vue] as Linter.Config[], cwd: root, ignore: false });
  const [result] = await eslint.lintFiles([path.join(root, rel)]);
  return result!.messages;
}

const brief = (messages: readonly Pick<Linter.LintMessage, "ruleId" | "line" | "column">[]) => messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? "parse-error"}`);

describe("Astro components (configs.astro)", () => {
  const root = tempProject({
    "package.json": ASTRO_PKG,
    "src/pages/account.astro": ASTRO_PAGE,
    "src/pages/index.astro": `---\nimport { SignedIn, UserButton } from "@clerk/astro/components";\n---\n<SignedIn><UserButton /></SignedIn>\n`,
    "src/components/Broken.astro": `---\nimport { Show } from "@clerk/astro/components";\nconst { userId } = Astro.locals.auth();\n<Show when="signed-in"><p>{userId}</p></Show>\n`,
  });

  it("reports the secret read and the server-only import in the <script>, at the component's line and column; the frontmatter doing the same is silent", async () => {
    const messages = await eslintMessages(root, "src/pages/account.astro");
    expect(brief(messages)).toEqual(["17:17 clerk-guard/no-secret-exposure"]);
    expect(messages[0]!.message).toMatch(/^`import\.meta\.env\.CLERK_SECRET_KEY` in a `<script>` of an Astro component \(bundled for the browser\)/);
    // the same import moved into the script
    const moved = ASTRO_PAGE.replace("  <script>\n", '  <script>\n    import { clerkClient } from "@clerk/astro/server";\n');
    const dir = tempProject({ "package.json": ASTRO_PKG, "src/pages/account.astro": moved });
    const again = await eslintMessages(dir, "src/pages/account.astro");
    expect(brief(again)).toEqual(["17:14 clerk-guard/no-server-helpers-in-client", "18:17 clerk-guard/no-secret-exposure"]);
    expect(again[0]!.message).toMatch(/Call it in the component's frontmatter/);
  });

  it("reports control components Core 3 removed, imported in the frontmatter, without rewriting the import the template still uses", async () => {
    const messages = await eslintMessages(root, "src/pages/index.astro");
    expect(brief(messages)).toEqual(["2:10 clerk-guard/no-legacy-api"]);
    expect(messages[0]!.message).toMatch(/`SignedIn` from "@clerk\/astro\/components" was removed in @clerk\/astro 3/);
    expect(messages[0]!.fix).toBeUndefined();
  });

  it("an unterminated frontmatter is a parse error at its fence", async () => {
    const messages = await eslintMessages(root, "src/components/Broken.astro");
    expect(messages).toMatchObject([{ ruleId: null, fatal: true, line: 1, column: 1, message: "Parsing error: the frontmatter opened with `---` on line 1 is never closed" }]);
  });
});

describe("Vue and Nuxt components (configs.vue)", () => {
  const root = tempProject({
    "package.json": NUXT_PKG,
    "components/UserMenu.vue": VUE_MENU,
    "components/Greeting.vue": VUE_CLEAN,
    "components/OrgStats.server.vue": `<script setup lang="ts">\nimport { clerkClient } from "@clerk/nuxt/server";\nconst secret = process.env.CLERK_SECRET_KEY;\n</script>\n<template><p>stats</p></template>\n`,
    "components/Broken.vue": `<script setup lang="ts">\nimport { useAuth } from "@clerk/vue";\nconst { userId } = useAuth(;\n</script>\n<template><p>{{ userId }}</p></template>\n`,
  });

  it("reports clerkClient from @clerk/nuxt/server in <script setup>, at its line and column", async () => {
    const messages = await eslintMessages(root, "components/UserMenu.vue");
    expect(brief(messages)).toEqual(["12:10 clerk-guard/no-server-helpers-in-client"]);
    expect(messages[0]!.message).toMatch(/^`clerkClient` comes from "@clerk\/nuxt\/server", which is server-only, but this is the `<script setup>` of a Vue component/);
  });

  it("keeps useAuth()/useUser() from @clerk/vue and a Nuxt server component silent", async () => {
    expect(await eslintMessages(root, "components/Greeting.vue")).toEqual([]);
    expect(await eslintMessages(root, "components/OrgStats.server.vue")).toEqual([]);
  });

  it("a suggestion's fix applies to the component's own text (no mapping needed)", async () => {
    const text = `<script setup lang="ts">\nimport { useAuth } from "@clerk/vue";\nconst { userId } = useAuth();\nconst key = import.meta.env.VITE_CLERK_SECRET_KEY;\n</script>\n<template><p>{{ userId }}</p></template>\n`;
    const dir = tempProject({ "package.json": NUXT_PKG, "components/Billing.vue": text });
    const messages = await eslintMessages(dir, "components/Billing.vue");
    expect(brief(messages)).toEqual(["4:29 clerk-guard/no-secret-exposure"]);
    const fix = messages[0]!.suggestions![0]!.fix;
    expect(text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1])).toBe(text.replace("VITE_CLERK_SECRET_KEY", "CLERK_SECRET_KEY"));
  });

  it("a script that does not parse is a parse error at the component's line", async () => {
    const messages = await eslintMessages(root, "components/Broken.vue");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: null, fatal: true, line: 3 });
  });
});

describe("the CLI engine on components", () => {
  it("finds the same, with a secret redacted and findings at the component's lines", () => {
    const root = tempProject({
      "package.json": NUXT_PKG,
      "components/UserMenu.vue": VUE_MENU,
      "pages/billing.vue": `<script setup lang="ts">\nimport { SignedIn } from "@clerk/vue";\nconst key = "sk_live_Zq8Hf3kLp0Wx7Rt2Yb5Nc9Vd4Gm6Js1Qa";\n</script>\n<template><SignedIn>billing</SignedIn></template>\n`,
    });
    const engine = new Engine({ cwd: root });
    const lint = (rel: string) => {
      const file = path.join(root, rel);
      return engine.lint(file, rel, fs.readFileSync(file, "utf8")).findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
    };
    expect(lint("components/UserMenu.vue")).toEqual(["12:10 no-server-helpers-in-client"]);
    expect(lint("pages/billing.vue")).toEqual(["2:10 no-legacy-api", "3:13 no-secret-exposure"]);
  });
});

describe("with the ecosystem's parser: a whole .vue file through vue-eslint-parser (eslint-plugin-vue set-ups, as the README shows)", () => {
  it("reports in the component's scripts at their lines, and keeps a clean component silent", async () => {
    const { default: vueParser } = await import("vue-eslint-parser");
    const { default: tsParser } = await import("@typescript-eslint/parser");
    const root = tempProject({
      "package.json": NUXT_PKG,
      "components/UserMenu.vue": VUE_MENU,
      "components/Greeting.vue": VUE_CLEAN,
      "components/AuthGate.vue": `<template>\n  <SignedIn><slot /></SignedIn>\n</template>\n\n<script setup lang="ts">\nimport { SignedIn } from "@clerk/nuxt/components";\n</script>\n`,
    });
    const eslint = new ESLint({
      overrideConfigFile: true,
      cwd: root,
      overrideConfig: [
        plugin.configs.recommended,
        // what eslint-plugin-vue's flat configs set for .vue files
        { files: ["**/*.vue"], languageOptions: { parser: vueParser, parserOptions: { parser: tsParser, sourceType: "module" } } },
        {
          files: ["**/*.vue"],
          plugins: { "clerk-guard": plugin },
          rules: { "clerk-guard/no-secret-exposure": "error", "clerk-guard/no-server-helpers-in-client": "error", "clerk-guard/no-legacy-api": "error" },
        },
      ] as Linter.Config[],
    });
    const results = await eslint.lintFiles([path.join(root, "components")]);
    const byFile = Object.fromEntries(results.map((r) => [path.basename(r.filePath), brief(r.messages)]));
    expect(byFile).toEqual({
      "AuthGate.vue": ["6:10 clerk-guard/no-legacy-api"],
      "Greeting.vue": [],
      "UserMenu.vue": ["12:10 clerk-guard/no-server-helpers-in-client"],
    });
    const menu = results.find((r) => r.filePath.endsWith("UserMenu.vue"))!;
    expect(menu.messages[0]!.message).toMatch(/but this is a script of a Vue component: it ships to every user's browser/);
  });
});

describe("never a crash on a mangled component", () => {
  it("reads 400 random cuts and splices of real components without throwing, and the engine gives parse errors, never an internal error", () => {
    const next = rng(1405);
    const pieces = [ASTRO_PAGE, VUE_MENU, VUE_CLEAN, "---", "<script>", "</script>", "<script setup lang=\"ts\">", "<template>", "</template>", "<!--", "-->", "{", "}", "'", '"', "`", "${", "<style>", "is:inline", "\r\n", "\uFEFF"];
    const root = tempProject({ "package.json": NUXT_PKG });
    const engine = new Engine({ cwd: root });
    const kinds = new Set<string>();
    for (let i = 0; i < 400; i++) {
      let text = "";
      for (let n = 1 + Math.floor(next() * 6); n > 0; n--) {
        const piece = pieces[Math.floor(next() * pieces.length)]!;
        const from = Math.floor(next() * piece.length);
        text += next() < 0.5 ? piece : piece.slice(from, from + Math.floor(next() * 200));
      }
      expect(() => astroBlocks(text)).not.toThrow();
      expect(() => vueBlocks(text)).not.toThrow();
      const file = path.join(root, i % 2 ? "components/Card.vue" : "src/pages/card.astro");
      const findings = engine.lint(file, path.relative(root, file), text).findings;
      for (const f of findings) kinds.add(f.ruleId);
      expect(findings.filter((f) => f.ruleId === "internal-error")).toEqual([]);
    }
    // the fuzz reached the rules and the parse errors, not only the no-op gate
    expect(kinds.has("parse-error")).toBe(true);
    expect(kinds.has("no-server-helpers-in-client")).toBe(true);
  });
});
