import path from "node:path";
import { ESLint, type Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { onNotice } from "../src/analysis/fs-cache.js";
import plugin from "../src/index.js";
import { classifyLabel, declaredIn, extractMarkdownBlocks } from "../src/markdown/blocks.js";
import { blockFileName } from "../src/markdown/projects.js";
import { PROJECTS, REPO } from "./helpers.js";

const FENCE = "```";

const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [plugin.configs.all, plugin.configs.markdown] as Linter.Config[], cwd: REPO, ignore: false });

async function lintMarkdown(text: string, doc: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(text, { filePath: doc });
  return result!.messages;
}

const notes: string[] = [];
onNotice((m) => notes.push(m));

describe("Markdown code blocks: what a block says about itself", () => {
  it("reads fences (``` and ~~~, indented in lists), skips front matter and non-code languages", () => {
    const text = [
      "---",
      "title: x",
      "```ts",
      "---",
      "# Guide",
      "",
      `${FENCE}bash`,
      "npm i @clerk/nextjs",
      FENCE,
      "",
      "1. Step",
      "",
      `   ${FENCE}tsx title="app/page.tsx"`,
      "   export default function Page() {",
      "     return <p />;",
      "   }",
      `   ${FENCE}`,
      "",
      "~~~~typescript",
      "// app/api/hello/route.ts",
      "export const GET = () => new Response('hi');",
      "~~~~",
    ].join("\n");
    const blocks = extractMarkdownBlocks(text);
    expect(blocks.map((b) => [b.line, b.indent, b.lang, b.title])).toEqual([
      [13, 3, "tsx", "app/page.tsx"],
      [19, 0, "typescript", "app/api/hello/route.ts"],
    ]);
    expect(blocks[0]!.code).toBe("export default function Page() {\n  return <p />;\n}\n");
    expect(text.slice(blocks[1]!.offset).startsWith("// app/api/hello/route.ts")).toBe(true);
  });

  it("takes the title from the fence (title=, filename=, a bare path) or a first-line comment, never one that climbs out", () => {
    const titles = [
      `${FENCE}ts filename="proxy.ts"\nexport {};\n${FENCE}`,
      `${FENCE}ts app/layout.tsx\nexport {};\n${FENCE}`,
      `${FENCE}ts\n// proxy.ts (Next.js <=15: middleware.ts)\nexport {};\n${FENCE}`,
      `${FENCE}ts\n// Server Component\nexport {};\n${FENCE}`,
      `${FENCE}ts title="../../etc/passwd.ts"\nexport {};\n${FENCE}`,
    ].map((t) => extractMarkdownBlocks(t)[0]!.title);
    expect(titles).toEqual(["proxy.ts", "app/layout.tsx", "proxy.ts", undefined, undefined]);
  });

  it("tells a label from a sentence", () => {
    expect(["❌ Don't", "**Before**", "Wrong:", "### ❌ Using authMiddleware", "**Bad:**", "Don't do this:", "Avoid (Core 2):"].map(classifyLabel)).toEqual(Array(7).fill("wrong"));
    expect(["✅ Correct", "**After**", "Do this instead:", "✅ Don't forget the matcher"].map(classifyLabel)).toEqual(Array(4).fill("right"));
    expect(["Before you begin, install the SDK and set the keys in your environment.", "Never mind the styling here; it is only there to make the example look finished.", "## Setup", "Wrong ❌ then right ✅"].map(classifyLabel)).toEqual(Array(4).fill(undefined));
  });

  it("marks mistakes from the fence, a first-line comment, the label above, or the heading of the section's first block", () => {
    const text = [
      "## ❌ Incorrect",
      `${FENCE}ts`,
      "export const a = 1;",
      FENCE,
      `${FENCE}ts`,
      "export const b = 1;",
      FENCE,
      "## Patterns",
      "❌ Don't:",
      "",
      `${FENCE}ts`,
      "export const c = 1;",
      FENCE,
      "Before you begin, install the SDK and set the keys in your environment.",
      `${FENCE}ts`,
      "// ❌ wrong",
      "export const d = 1;",
      FENCE,
    ].join("\n");
    expect(extractMarkdownBlocks(text).map((b) => [b.isWrong, b.wrongFrom])).toEqual([
      [true, "heading"],
      [false, undefined],
      [true, "prose"],
      [true, "comment"],
    ]);
  });

  it("in a document that marks mistakes in its fences, only the fences count", () => {
    const text = ["## ❌ Incorrect", `${FENCE}ts title="proxy.ts" group="g"`, "export {};", FENCE, `${FENCE}ts title="app/api/x/route.ts" group="g" wrong="protect-route-handlers"`, "export {};", FENCE].join("\n");
    expect(extractMarkdownBlocks(text).map((b) => [b.isWrong, b.wrong])).toEqual([
      [false, []],
      [true, ["protect-route-handlers"]],
    ]);
  });

  it("reads a declared Clerk line from headings and callouts, not from prose that mentions one", () => {
    expect(declaredIn("Core 2 only")).toEqual({ kind: "core2" });
    expect(declaredIn("> Works with @clerk/nextjs 6 and later")).toEqual({ kind: "package", pkg: "@clerk/nextjs", major: 6 });
    expect(declaredIn("Upgrading from Core 2 to Core 3")).toBeUndefined();
    const text = [
      "## Core 2 only",
      `${FENCE}ts`,
      "export {};",
      FENCE,
      "## Today",
      "The Core 2 shape no longer exists:",
      `${FENCE}ts`,
      "export {};",
      FENCE,
      "## Migration",
      "> [!NOTE] For @clerk/nextjs@6",
      "",
      `${FENCE}ts`,
      "export {};",
      FENCE,
    ].join("\n");
    expect(extractMarkdownBlocks(text).map((b) => b.declared)).toEqual([{ kind: "core2" }, undefined, { kind: "package", pkg: "@clerk/nextjs", major: 6 }]);
  });

  it("names untitled blocks by what they are: a middleware, a route handler, TSX in a typescript fence", () => {
    const [mw, route, jsx, generic] = extractMarkdownBlocks(
      [
        `${FENCE}typescript`,
        "import { clerkMiddleware } from '@clerk/nextjs/server';",
        "export default clerkMiddleware();",
        FENCE,
        `${FENCE}ts`,
        "export async function POST(req: Request) { return new Response(); }",
        FENCE,
        `${FENCE}typescript`,
        "export default function Page() { return <SignIn appearance={{}} />; }",
        FENCE,
        `${FENCE}ts`,
        "export async function load(): Promise<User> { return get<User>(); }",
        FENCE,
      ].join("\n"),
    );
    const next16 = { next: "^16.1.0", "@clerk/nextjs": "^7.9.0" };
    expect(blockFileName(mw!, next16)).toBe("proxy.ts");
    expect(blockFileName(mw!, { next: "^15.1.0", "@clerk/nextjs": "^6.12.0" })).toBe("middleware.ts");
    expect(blockFileName(route!, next16)).toBe("app/api/example-5/route.ts");
    expect(blockFileName(route!, { express: "^5.0.0" })).toBe("example-5.ts");
    expect(blockFileName(jsx!, next16)).toBe("example-8.tsx");
    expect(blockFileName(generic!, next16)).toBe("example-11.ts");
  });
});

describe("clerk-guard/markdown processor", () => {
  const next7Doc = path.join(PROJECTS, "next7", "docs", "auth.md");
  const next6Doc = path.join(PROJECTS, "next6", "docs", "auth.md");
  const syncAuth = ["import { auth } from '@clerk/nextjs/server';", "", "export default async function Page() {", "  const { userId } = auth();", "  return <p>{userId}</p>;", "}"];

  it("reports findings at Markdown lines and columns, inside list items too", async () => {
    const text = ["# Auth", "", "1. Read the user:", "", `    ${FENCE}tsx title="app/page.tsx"`, ...syncAuth.map((l) => (l ? "    " + l : l)), `    ${FENCE}`, ""].join("\n");
    const messages = await lintMarkdown(text, next7Doc);
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["clerk-guard/await-auth", 9, 26]]);
    expect(text.split("\n")[8]!.slice(25)).toMatch(/^auth\(\)/);
  });

  it("lints each block against the Clerk version of the project it sits in, or the one it declares", async () => {
    const block = [`${FENCE}tsx title="app/page.tsx"`, ...syncAuth, FENCE].join("\n");
    expect((await lintMarkdown(block, next7Doc)).map((m) => m.ruleId)).toEqual(["clerk-guard/await-auth"]);
    expect((await lintMarkdown(block, next6Doc)).map((m) => m.ruleId)).toEqual(["clerk-guard/await-auth"]);
    expect((await lintMarkdown(`## Core 2 only\n\n${block}`, next7Doc)).map((m) => m.message)).toEqual([]);
    expect(await lintMarkdown(block.replace('title="app/page.tsx"', 'title="app/page.tsx" project="next5"'), next7Doc)).toEqual([]);
    // a document outside any Clerk project: the current line of the package the block imports
    expect((await lintMarkdown(block, path.join(PROJECTS, "plain", "README.md"))).map((m) => m.ruleId)).toEqual(["clerk-guard/await-auth"]);
  });

  it("does not report a block presented as wrong, and warns when such a Clerk example is reported by nothing (stale)", async () => {
    const wrong = ["❌ Don't:", "", `${FENCE}tsx title="app/page.tsx"`, ...syncAuth, FENCE].join("\n");
    expect(await lintMarkdown(wrong, next7Doc)).toEqual([]);
    const stale = ["❌ Don't:", "", `${FENCE}tsx title="app/page.tsx"`, "import { auth } from '@clerk/nextjs/server';", "export default async function Page() {", "  const { userId } = await auth();", "  return <p>{userId}</p>;", "}", FENCE].join("\n");
    const messages = await lintMarkdown(stale, next7Doc);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: null, severity: 1, line: 3, column: 1 });
    expect(messages[0]!.message).toContain("stale example");
    const named = [`${FENCE}tsx title="app/page.tsx" wrong="no-custom-auth"`, ...syncAuth, FENCE].join("\n");
    expect((await lintMarkdown(named, next7Doc)).map((m) => m.message)).toEqual([expect.stringContaining("no-custom-auth does not report it")]);
    // a mistake that is not Clerk code is not ours to call stale
    expect(await lintMarkdown(["❌ Don't:", `${FENCE}ts`, "const password = 'hunter2';", FENCE].join("\n"), next7Doc)).toEqual([]);
  });

  it("in a block that uses no Clerk package, only the rules that read Clerk names speak", async () => {
    // a vendored Next.js guide: its server action leaves auth out to illustrate mutations
    const guide = [`${FENCE}tsx`, "// app/actions.ts", "'use server';", "import { db } from '@/lib/db';", "", "export async function removeNote(id: string) {", "  await db.note.delete({ where: { id } });", "}", FENCE].join("\n");
    expect(await lintMarkdown(guide, next7Doc)).toEqual([]);
    // the same action next to Clerk code is a Clerk example and is judged as one
    const clerkAction = guide.replace("import { db } from '@/lib/db';", "import { db } from '@/lib/db';\nimport { currentUser } from '@clerk/nextjs/server';\nexport const me = () => currentUser();");
    expect((await lintMarkdown(clerkAction, next7Doc)).map((m) => m.ruleId)).toEqual(["clerk-guard/protect-server-actions"]);
    // a Clerk secret behind a public prefix is wrong in any block
    const env = [`${FENCE}ts`, "export const key = process.env.NEXT_PUBLIC_CLERK_SECRET_KEY;", FENCE].join("\n");
    expect((await lintMarkdown(env, next7Doc)).map((m) => m.ruleId)).toEqual(["clerk-guard/no-secret-exposure"]);
  });

  it("lints the blocks of a group as one project (a middleware and the route it leaves public)", async () => {
    const text = [
      `${FENCE}ts title="middleware.ts" group="app"`,
      "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';",
      "const isPublic = createRouteMatcher(['/', '/sign-in(.*)']);",
      "export default clerkMiddleware(async (auth, req) => { if (!isPublic(req)) await auth.protect(); });",
      "export const config = { matcher: ['/((?!_next|.*\\\\..*).*)', '/(api|trpc)(.*)'] };",
      FENCE,
      "",
      `${FENCE}ts title="app/api/webhooks/route.ts" group="app"`,
      "import { verifyWebhook } from '@clerk/nextjs/webhooks';",
      "export async function POST(req: Request) {",
      "  const evt = await verifyWebhook(req);",
      "  return Response.json({ type: evt.type });",
      "}",
      FENCE,
    ].join("\n");
    const messages = await lintMarkdown(text, path.join(PROJECTS, "next6", "docs", "webhooks.md"));
    // reported on the public route list of the middleware block, which leaves the webhook out
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["clerk-guard/webhook-route-public", 3]]);
    expect(messages[0]!.message).toContain("`/api/webhooks`");
  });

  it("skips a fragment that does not parse with a notice, and lints the rest", async () => {
    notes.length = 0;
    // an event payload described with types in value places: not a program
    const text = [`${FENCE}ts`, "{", "  type: 'user.created',", "  id: string,", "}", FENCE, `${FENCE}tsx title="app/page.tsx"`, ...syncAuth, FENCE].join("\n");
    const messages = await lintMarkdown(text, next7Doc);
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["clerk-guard/await-auth", 11]]);
    expect(notes.some((n) => n.includes("auth.md:1: code block skipped"))).toBe(true);
  });

  it("applies fixes and suggestions at the block's place in the document", async () => {
    const text = ["Intro", "", `${FENCE}tsx title="app/page.tsx"`, ...syncAuth, FENCE, ""].join("\n");
    const messages = await lintMarkdown(text, next7Doc);
    const suggestion = messages[0]!.suggestions![0]!;
    const fixed = text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]);
    expect(fixed).toContain("const { userId } = await auth();");
    expect(fixed.startsWith("Intro\n\n```tsx")).toBe(true);
  });

  it("offers no fix where the block is not the document's text verbatim (indented, CRLF)", async () => {
    const crlf = ["Intro", "", `${FENCE}tsx title="app/page.tsx"`, ...syncAuth, FENCE, ""].join("\r\n");
    const messages = await lintMarkdown(crlf, next7Doc);
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["clerk-guard/await-auth", 7]]);
    expect(messages[0]!.suggestions).toBeUndefined();
  });

  it("lints a bare JSX snippet as a fragment, at its own columns", async () => {
    const text = ["Signed-in content:", "", `${FENCE}tsx`, "<SignedIn>", "  <UserButton />", "</SignedIn>", "<Show when='signed-out'>Hi</Show>", FENCE].join("\n");
    const [block] = extractMarkdownBlocks(text);
    expect(block!.prefix).toBeGreaterThan(0);
    // a snippet names no import, so no provenance: nothing to report, and above all no parse error
    expect(await lintMarkdown(text, next7Doc)).toEqual([]);
    const imported = [`${FENCE}tsx`, "<SignedIn>hi</SignedIn>", FENCE].join("\n");
    expect(extractMarkdownBlocks(imported)[0]!.code.startsWith("export default (<><SignedIn>")).toBe(true);
  });
});
