/**
 * The skill pack and the CLAUDE.md template are correct by construction:
 * frontmatter follows the portable skill format, every correct code example passes
 * every rule and type-checks against the real Clerk/Next/React/Express types, every
 * wrong example produces the finding it claims, and together the skills name every rule.
 */
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rules } from "../src/rules/index.js";
import { type CodeBlock, type Judged, cleanupBlocks, describeBlock, extractBlocks, formatProblems, judgeBlocks } from "./doc-blocks.js";
import { REPO } from "./helpers.js";

const SKILLS = path.join(REPO, "skills");
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
const skillNames = fs.existsSync(SKILLS) ? fs.readdirSync(SKILLS).filter((d) => fs.statSync(path.join(SKILLS, d)).isDirectory()) : [];

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (entry.name.endsWith(".md")) out.push(full);
  }
  return out.sort();
}

const ALLOWED_KEYS = new Set(["name", "description", "license", "compatibility", "metadata", "allowed-tools"]);

/** Problems with one SKILL.md's frontmatter (empty when valid). */
export function frontmatterProblems(folder: string, text: string): string[] {
  const problems: string[] = [];
  let data: Record<string, unknown>;
  try {
    data = matter(text).data as Record<string, unknown>;
  } catch (error) {
    return [`frontmatter does not parse: ${(error as Error).message}`];
  }
  for (const key of Object.keys(data)) if (!ALLOWED_KEYS.has(key)) problems.push(`unknown frontmatter key '${key}' (allowed: ${[...ALLOWED_KEYS].join(", ")})`);
  const name = data.name;
  if (typeof name !== "string") problems.push("'name' is required");
  else {
    if (!/^[a-z0-9-]{1,64}$/.test(name)) problems.push(`'name' must be 1-64 lowercase letters, digits or hyphens: '${name}'`);
    if (name !== folder) problems.push(`'name' (${name}) must equal the folder name (${folder})`);
  }
  const description = data.description;
  if (typeof description !== "string" || description.trim() === "") problems.push("'description' is required");
  else {
    if (description.length > 1024) problems.push(`'description' is ${description.length} characters (max 1024)`);
    if (/[<>]/.test(description)) problems.push("'description' must not contain '<' or '>'");
    if (!/\buse (it )?when\b/i.test(description)) problems.push("'description' should say when to use the skill ('Use when …')");
  }
  const metadata = data.metadata as Record<string, unknown> | undefined;
  if (metadata !== undefined && (typeof metadata !== "object" || metadata === null)) problems.push("'metadata' must be a mapping");
  if (metadata && metadata.version !== undefined && String(metadata.version) !== pkg.version) {
    problems.push(`'metadata.version' (${String(metadata.version)}) must equal package.json's version (${pkg.version})`);
  }
  return problems;
}

describe("skill frontmatter", () => {
  it("rejects bad frontmatter with a clear message", () => {
    expect(frontmatterProblems("x", "---\nname: X_Y\ndescription: Does things. Use when asked.\n---\n")).toEqual([
      "'name' must be 1-64 lowercase letters, digits or hyphens: 'X_Y'",
      "'name' (X_Y) must equal the folder name (x)",
    ]);
    expect(frontmatterProblems("a", "---\nname: a\ndescription: Renders <b>. Use when asked.\nmodel: opus\n---\n")).toEqual([
      "unknown frontmatter key 'model' (allowed: name, description, license, compatibility, metadata, allowed-tools)",
      "'description' must not contain '<' or '>'",
    ]);
    expect(frontmatterProblems("a", `---\nname: a\ndescription: ${"x".repeat(1030)} Use when asked.\n---\n`)[0]).toMatch(/max 1024/);
  });

  it.each(skillNames)("skills/%s/SKILL.md is valid and under ~200 lines", (folder) => {
    const file = path.join(SKILLS, folder, "SKILL.md");
    expect(fs.existsSync(file), `${folder} has no SKILL.md`).toBe(true);
    const text = fs.readFileSync(file, "utf8");
    expect(frontmatterProblems(folder, text)).toEqual([]);
    expect(text.split("\n").length).toBeLessThanOrEqual(220);
    const data = matter(text).data as { metadata?: { version?: string } };
    expect(String(data.metadata?.version)).toBe(pkg.version);
  });

  it("the always-on cost (every skill's name and description) stays under 1,500 tokens", () => {
    // Estimated at 3.3 characters per token: conservative, since Claude's tokenizer measured
    // 3.9 characters per token on these descriptions (884 tokens for 10 skills).
    const chars = skillNames.reduce((sum, folder) => {
      const data = matter(fs.readFileSync(path.join(SKILLS, folder, "SKILL.md"), "utf8")).data as { name: string; description: string };
      return sum + data.name.length + data.description.length;
    }, 0);
    expect(skillNames.length).toBeGreaterThanOrEqual(10);
    expect(Math.ceil(chars / 3.3)).toBeLessThan(1500);
  });

  it("every reference file is mentioned by its SKILL.md", () => {
    const missing: string[] = [];
    for (const folder of skillNames) {
      const refs = path.join(SKILLS, folder, "references");
      if (!fs.existsSync(refs)) continue;
      const skill = fs.readFileSync(path.join(SKILLS, folder, "SKILL.md"), "utf8");
      for (const ref of fs.readdirSync(refs)) if (!skill.includes(`references/${ref}`)) missing.push(`${folder}/references/${ref}`);
    }
    expect(missing).toEqual([]);
  });
});

const docs = [...(fs.existsSync(SKILLS) ? markdownFiles(SKILLS) : []), path.join(REPO, "CLAUDE.md")].filter((f) => fs.existsSync(f));
const blocks: CodeBlock[] = docs.flatMap((d) => extractBlocks(d));
const ruleIds = new Set(Object.keys(rules));

let judged: Judged[] = [];
beforeAll(() => {
  judged = judgeBlocks(blocks, ruleIds);
}, 300_000);
afterAll(cleanupBlocks);

describe("skill and CLAUDE.md code examples", () => {
  it("exist, and every ts/tsx/js/jsx block names its file", () => {
    expect(blocks.length).toBeGreaterThan(20);
    const untitled = blocks.filter((b) => !b.title).map(describeBlock);
    expect(untitled).toEqual([]);
  });

  it("wrong examples name what catches them: existing rules, tsc, or none", () => {
    const unknown = blocks.flatMap((b) => b.wrong.filter((r) => r !== "tsc" && !ruleIds.has(r)).map((r) => `${describeBlock(b)}: ${r}`));
    expect(unknown).toEqual([]);
    expect(blocks.filter((b) => b.isWrong && b.wrong.length === 0 && !b.uncaught).map(describeBlock)).toEqual([]);
  });

  it("behave as documented: correct ones pass every rule and type-check against the real SDK types; wrong ones are caught as claimed", () => {
    const problems = formatProblems(judged);
    expect(problems, problems.join("\n\n")).toEqual([]);
  });

  it("every correct block is type-checked, or its document says which part is not and why", () => {
    const unsaid: string[] = [];
    for (const j of judged) {
      if (!j.typecheckSkipped || j.block.isWrong) continue;
      const text = fs.readFileSync(j.block.doc, "utf8");
      if (!/not type-checked/i.test(text)) unsaid.push(`${describeBlock(j.block)}: not type-checked (${j.typecheckSkipped}) and the document does not say so`);
    }
    expect(unsaid).toEqual([]);
  });

  it("wrong examples that no rule reports are caught by the type checker or documented as not caught", () => {
    const silent = judged.filter((j) => j.block.isWrong && j.messages.length === 0 && !j.block.uncaught && !(j.typeErrors && j.typeErrors.length > 0));
    expect(silent.map((j) => describeBlock(j.block))).toEqual([]);
  });
});

describe("coverage", () => {
  const allText = docs.filter((d) => d.startsWith(SKILLS)).map((d) => fs.readFileSync(d, "utf8")).join("\n");

  it("every rule of the catalog is named by at least one skill", () => {
    const unnamed = Object.keys(rules).filter((id) => !new RegExp(`\\b${id}\\b`).test(allText));
    expect(unnamed).toEqual([]);
  });

  it.each([
    ["clerk-nextjs-setup", ["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "CLERK_SECRET_KEY", "ClerkProvider", "proxy.ts", "middleware.ts", "clerkMiddleware", "<SignIn />"]],
    ["clerk-server-client", ["auth()", "currentUser()", "clerkClient()", "useAuth", "useUser", "useOrganization", "isLoaded", "auth.protect()", "use cache"]],
    ["clerk-webhooks-sync", ["verifyWebhook", "CLERK_WEBHOOK_SIGNING_SECRET", "400", "req.text()", "user.created", "user.deleted", "upsert"]],
    ["clerk-orgs-authorization", ["OrganizationSwitcher", "<Show", "has(", "permission", "publicMetadata", "sessionClaims", "CustomJwtSessionClaims", "unsafeMetadata", "createOrganizationInvitation", "enterprise_sso", "TaskChooseOrganization", "treatPendingAsSignedOut"]],
    ["clerk-other-backends", ["@clerk/express", "getAuth(req)", "401", "@clerk/clerk-sdk-node", "getToken({ template", "ConvexProviderWithClerk", "auth.config.ts", "getUserIdentity", "@clerk/fastify", "clerkPlugin", "@hono/clerk-auth", "getAuth(c)"]],
    ["clerk-upgrade", ["Core 2", "Core 3", "await-auth", "no-legacy-api", "clerk-guard check", "15.2.8", "16.0.10"]],
    ["clerk-frameworks", ["@clerk/react", "@clerk/react-router", "rootAuthLoader", "@clerk/tanstack-react-start", "createStart", "@clerk/expo", "tokenCache", "expo-secure-store", "useSSO", "@clerk/astro", "locals.auth()", "@clerk/nuxt", "event.context.auth()", "@clerk/vue", "@clerk/chrome-extension", "syncHost", "Core 2", "Core 3"]],
    ["clerk-billing", ["PricingTable", "has({ plan", "feature", "auth.protect({ feature", "subscriptionItem", "unsafeMetadata"]],
    ["clerk-custom-ui", ["useSignIn", "useSignUp", "finalize", "errors.fields", "fetchStatus", "/legacy", "appearance", "variables", "elements"]],
    ["clerk-testing", ["@clerk/testing", "clerkSetup", "setupClerkTestingToken", "clerk.signIn", "storageState", "+clerk_test", "424242"]],
  ])("skill %s covers its topic", (folder, terms) => {
    const dir = path.join(SKILLS, folder);
    expect(fs.existsSync(path.join(dir, "SKILL.md")), `missing skill ${folder}`).toBe(true);
    const text = markdownFiles(dir).map((f) => fs.readFileSync(f, "utf8")).join("\n");
    for (const term of terms) expect(text, `${folder} should mention ${term}`).toContain(term);
    expect(text).toContain("npx clerk-guard check");
  });
});
