/**
 * Unit tests of the analysis core's primitives: the Module (imports, provenance,
 * shape), value flow, control flow, export following, the call graph, endpoints,
 * the client boundary and the middleware gate. Single modules are parsed from text;
 * cross-file questions run on small projects written to a temporary folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TSESTree } from "@typescript-eslint/utils";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { type Node, walk } from "../../src/analysis/ast.js";
import { resetAnalysisCaches } from "../../src/analysis/caches.js";
import { isClientCode } from "../../src/analysis/client-boundary.js";
import { decisionOf, deniesAccess, exitsIn } from "../../src/analysis/control-flow.js";
import { endpointsOf } from "../../src/analysis/endpoints.js";
import { routeAccess, routeGate } from "../../src/analysis/middleware/gate.js";
import { readMiddleware } from "../../src/analysis/middleware/reader.js";
import type { Module } from "../../src/analysis/module.js";
import { classifyFile, routeUrl } from "../../src/analysis/next-files.js";
import { importersOf, usesOfExport } from "../../src/analysis/project/call-graph.js";
import { calleeTarget, followExport } from "../../src/analysis/project/exports.js";
import { getProjectIndex, moduleFromText } from "../../src/analysis/project/index.js";
import { IDENTITY_SOURCES, identityFacts } from "../../src/analysis/sources.js";
import { forwardUses, objectLiteralsOf, originsOf, resolveConst } from "../../src/analysis/value-flow.js";

const ROOT = "/project";
const parse = (code: string, file = "app/page.tsx"): Module => moduleFromText(ROOT, path.join(ROOT, file), code)!;

/** The first node of a type (and optional predicate) in a module. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function find(mod: Module, type: `${Node["type"]}`, pred: (n: any) => boolean = () => true): any {
  let out: Node | undefined;
  walk(mod.program, (n) => {
    if (!out && n.type === type && pred(n)) out = n;
    return undefined;
  });
  if (!out) throw new Error(`no ${type}`);
  return out;
}
const ident = (mod: Module, name: string, nth = 0) => {
  const all: TSESTree.Identifier[] = [];
  walk(mod.program, (n) => {
    if (n.type === "Identifier" && n.name === name) all.push(n);
    return undefined;
  });
  return all[nth]!;
};

const tmp: string[] = [];
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-core-"));
  tmp.push(dir);
  const all = { "package.json": JSON.stringify({ dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.1.0" } }), "tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@/*": ["./*"] } } }), ...files };
  for (const [rel, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return fs.realpathSync(dir);
}
beforeEach(() => resetAnalysisCaches());
afterAll(() => {
  for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
});

describe("Module: imports, provenance and shape", () => {
  it("binds static, namespace, dynamic and require imports, and sees through shadowing", () => {
    const mod = parse(`import { auth as a } from "@clerk/nextjs/server"
import * as clerk from "@clerk/nextjs"
import type { User } from "@clerk/nextjs/server"
const { currentUser } = await import("@clerk/nextjs/server")
const legacy = require("@clerk/clerk-sdk-node")
export default async function Page() {
  const a2 = await a()
  function inner(a: () => void) { a() }
  return <clerk.SignedIn>{String(a2)}</clerk.SignedIn>
}`);
    expect(mod.imports.bindings.map((b) => `${b.local}:${b.imported}:${b.kind}${b.typeOnly ? ":type" : ""}`)).toEqual([
      "a:auth:static",
      "clerk:*:static",
      "User:User:static:type",
      "currentUser:currentUser:dynamic",
      "legacy:*:require",
    ]);
    expect(mod.exportOf(ident(mod, "a", 1))?.exportName).toBe("auth");
    expect(mod.exportOf(ident(mod, "a", 3))).toBeUndefined(); // the parameter shadows the import
    const jsx = find(mod, "JSXOpeningElement");
    expect(mod.exportOf(jsx.name as Node)).toMatchObject({ exportName: "SignedIn" });
    expect(mod.uses({ sources: ["@clerk/nextjs/server"], exports: ["auth"] })).toHaveLength(1);
  });

  it("reads exports: declarations, destructuring, defaults, re-exports and stars", () => {
    const mod = parse(`import { x } from "./x"
export const { handlers, auth } = NextAuth({})
export async function POST() {}
const helper = () => 1
export { helper as h, x }
export { default as Button } from "./button"
export * from "./more"
export default helper`, "lib/mod.ts");
    const shape = mod.shape;
    expect([...shape.exports.keys()]).toEqual(["handlers", "auth", "POST", "h", "x", "Button", "default"]);
    expect(shape.exports.get("auth")).toMatchObject({ kind: "local", path: ["auth"] });
    expect(shape.exports.get("Button")).toMatchObject({ kind: "reexport", source: "./button", imported: "default" });
    expect(shape.starSources).toEqual(["./more"]);
    expect(mod.topLevelFunction("helper")?.type).toBe("ArrowFunctionExpression");
  });
});

describe("value flow", () => {
  it("resolves consts, follows reads with their paths and heads", () => {
    const mod = parse(`'use client'
import { useUser } from "@clerk/nextjs"
const LIST = ["/a", "/b"]
const alias = LIST
export function C() {
  const { user } = useUser()
  const meta = user?.unsafeMetadata
  const { role } = meta as { role?: string }
  const plan = meta?.plan || "free"
  return role === "admin" && plan === "pro"
}`);
    expect(resolveConst(ident(mod, "LIST", 1), mod).type).toBe("ArrayExpression");
    const metaRead = find(mod, "MemberExpression", (m) => !m.computed && m.property.type === "Identifier" && m.property.name === "unsafeMetadata");
    const uses = forwardUses(metaRead, mod).filter((u) => u.path.length === 1);
    expect(uses.map((u) => u.path[0])).toEqual(expect.arrayContaining(["role", "plan"]));
    expect(uses.find((u) => u.path[0] === "plan")!.head!.type).toBe("MemberExpression");
  });

  it("finds where a value comes from: the Clerk user's profile and id, through objects, spreads and local functions", () => {
    const mod = parse(`import { currentUser, auth } from "@clerk/nextjs/server"
function fullName(u: any) { return u.firstName + " " + u.lastName }
export async function GET() {
  const user = await currentUser()
  const { userId } = await auth()
  const base = { email: user?.emailAddresses[0]?.emailAddress }
  let row
  row = { ...base, clerkId: userId, name: fullName(user) }
  return row
}`, "app/api/me/route.ts");
    const ret = find(mod, "ReturnStatement", (r) => r.argument?.type === "Identifier" && r.argument.name === "row");
    const [row] = objectLiteralsOf(ret.argument!, mod);
    expect(row!.properties).toHaveLength(3);
    const field = (name: string) => (row!.properties.find((p) => p.type === "Property" && (p.key as TSESTree.Identifier).name === name) as TSESTree.Property).value as Node;
    expect(identityFacts(originsOf(field("clerkId"), mod, IDENTITY_SOURCES)).identity).toBe(true);
    expect([...identityFacts(originsOf(ret.argument!, mod, IDENTITY_SOURCES)).profile].sort()).toEqual(["emailAddresses", "firstName", "lastName"]);
    expect(originsOf(field("name"), mod, IDENTITY_SOURCES).map((o) => o.path[0])).toEqual(expect.arrayContaining(["firstName", "lastName"]));
  });
});

describe("control flow", () => {
  const mod = parse(`export function C({ role, router }: any) {
  const isAdmin = role === "admin"
  if (!isAdmin) router.push("/")
  if (role !== "vendor") return null
  if (role === "vendor") return "/vendor"
  return isAdmin && "admin"
}`, "components/c.tsx");
  it("tells which branch runs when the tested value does not match", () => {
    const tests = [] as TSESTree.IfStatement[];
    walk(mod.program, (n) => {
      if (n.type === "IfStatement") tests.push(n);
      return undefined;
    });
    const vendorRead = (tests[1]!.test as TSESTree.BinaryExpression).left as Node;
    const decision = decisionOf(vendorRead)!;
    expect(decision.kind).toBe("if");
    expect(deniesAccess(decision.mismatch)).toBe(true);
    const positive = decisionOf((tests[2]!.test as TSESTree.BinaryExpression).left as Node)!;
    expect(positive.mismatch).toBeUndefined();
    expect(deniesAccess(tests[2]!.consequent)).toBe(false); // returning a value is not a denial
  });
  it("knows which statements leave the function", () => {
    const ifs = [] as TSESTree.IfStatement[];
    walk(mod.program, (n) => {
      if (n.type === "IfStatement") ifs.push(n);
      return undefined;
    });
    expect(exitsIn(ifs[1]!.consequent)).toEqual({ exits: true, hard: false });
    expect(exitsIn(ifs[0]!.consequent)).toEqual({ exits: false, hard: false });
  });
});

describe("export following and the call graph", () => {
  const dir = project({
    "lib/users.ts": `export async function createUser(id: string) { return db.user.create({ data: { clerkId: id } }) }\nconst db: any = {}`,
    "lib/index.ts": `export * from "./users"\nexport { createUser as makeUser } from "./users"`,
    "app/api/webhooks/clerk/route.ts": `import { createUser } from "@/lib"\nexport async function POST() { await createUser("x") }`,
    "app/onboarding/page.tsx": `import * as lib from "../../lib"\nexport default async function Page() { await lib.makeUser("y"); return null }`,
    "app/other/page.tsx": `export default async function Page() { const { createUser } = await import("@/lib/users"); await createUser("z"); return null }`,
  });
  it("follows an export through a barrel's star and named re-exports", () => {
    const index = getProjectIndex(dir);
    expect(followExport(index, path.join(dir, "lib/index.ts"), "createUser")?.module.file).toBe(path.join(dir, "lib/users.ts"));
    const made = followExport(index, path.join(dir, "lib/index.ts"), "makeUser")!;
    expect(made.local).toBe("createUser");
    const page = index.module(path.join(dir, "app/onboarding/page.tsx"))!;
    const call = find(page, "CallExpression", (c) => c.callee.type === "MemberExpression");
    expect(calleeTarget(index, page, call.callee)?.label).toBe("lib/users.ts:createUser");
  });
  it("finds every use of an export: named, namespace, re-exported and dynamic imports", () => {
    const index = getProjectIndex(dir);
    expect(importersOf(index, path.join(dir, "lib/users.ts")).map((m) => path.relative(dir, m.file)).sort()).toEqual(["app/other/page.tsx", "lib/index.ts"]);
    const uses = usesOfExport(index, path.join(dir, "lib/users.ts"), "createUser");
    expect(uses.map((u) => `${path.relative(dir, u.module.file)}:${u.kind}`).sort()).toEqual([
      "app/api/webhooks/clerk/route.ts:call",
      "app/onboarding/page.tsx:call",
      "app/other/page.tsx:call",
    ]);
  });
});

describe("endpoints", () => {
  it("lists route handlers (wrapped and by name), server actions (exported and inline), pages and the middleware", () => {
    const route = parse(`import { withRateLimit } from "@/lib/limit"
async function handler(req: Request) { return new Response() }
export const GET = withRateLimit(handler)
export async function POST() { return new Response() }
export { handler as DELETE }
export const dynamic = "force-dynamic"`, "app/api/items/route.ts");
    expect(endpointsOf(route).map((e) => `${e.kind}:${e.name}:${e.reach}`)).toEqual(["route-handler:GET:http", "route-handler:POST:http", "route-handler:DELETE:http"]);
    const actions = parse(`"use server"
export async function save() {}
export const remove = async () => {}
export function notAsync() {}`, "app/actions.ts");
    expect(endpointsOf(actions).map((e) => e.name)).toEqual(["save", "remove"]);
    const page = parse(`export default async function Page() {
  async function act() { "use server" }
  return <form action={act} />
}`);
    expect(endpointsOf(page).map((e) => `${e.kind}:${e.name}`)).toEqual(["server-action:act", "page:default"]);
    const proxy = parse(`import { clerkMiddleware } from "@clerk/nextjs/server"
export default clerkMiddleware(async (auth) => { await auth.protect() })`, "proxy.ts");
    expect(endpointsOf(proxy).map((e) => e.kind)).toEqual(["middleware"]);
  });
  it("tells Convex public functions from internal ones", () => {
    const convex = parse(`import { mutation, internalMutation, httpAction } from "./_generated/server"
export const store = mutation({ args: {}, handler: async (ctx) => {} })
export const sync = internalMutation({ args: {}, handler: async (ctx) => {} })
export const hook = httpAction(async (ctx, req) => new Response())`, "convex/users.ts");
    expect(endpointsOf(convex).map((e) => `${e.kind}:${e.name}:${e.reach}`)).toEqual(["convex-function:store:rpc", "convex-http:hook:http"]);
  });
});

describe("client boundary", () => {
  it("counts a module only client modules import as client code, and stops at 'use server' and shared modules", () => {
    const dir = project({
      "hooks/use-thing.ts": `export function useThing() { return 1 }`,
      "lib/shared.ts": `export const x = 1`,
      "lib/actions.ts": `"use server"\nexport async function act() {}`,
      "components/a.tsx": `"use client"\nimport { useThing } from "@/hooks/use-thing"\nimport { x } from "@/lib/shared"\nimport { act } from "@/lib/actions"\nexport const A = () => useThing() + x`,
      "app/page.tsx": `import { x } from "@/lib/shared"\nexport default function Page() { return x }`,
    });
    const index = getProjectIndex(dir);
    const mod = (rel: string) => index.module(path.join(dir, rel))!;
    expect(isClientCode(index, mod("hooks/use-thing.ts"))).toBe(true);
    expect(isClientCode(index, mod("lib/shared.ts"))).toBe(false);
    expect(isClientCode(index, mod("lib/actions.ts"))).toBe(false);
  });
});

describe("middleware gate", () => {
  const url = (rel: string) => routeUrl(classifyFile("/p", `/p/${rel}`));
  const gate = (code: string, rel: string) => routeGate(readMiddleware(parse(code, "proxy.ts"), "proxy"), url(rel));
  it("protects what the handler protects, and names the list that leaves a route public", () => {
    const code = `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isPublicRoute = createRouteMatcher(["/", "/sign-in(.*)", "/api/webhooks(.*)"])
export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req)) await auth.protect()
})`;
    expect(gate(code, "app/api/projects/route.ts")).toMatchObject({ status: "protected", reason: "not-in-public-list" });
    expect(gate(code, "app/api/webhooks/clerk/route.ts")).toMatchObject({ status: "public", listedPublic: true });
  });
  it("follows a handler passed by name, and reads authMiddleware's lists", () => {
    const named = `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isProtected = createRouteMatcher(["/dashboard(.*)"])
async function handler(auth: any, req: any) { if (isProtected(req)) await auth.protect() }
export default clerkMiddleware(handler)`;
    expect(gate(named, "app/dashboard/page.tsx")).toMatchObject({ status: "protected", reason: "in-protected-list" });
    expect(gate(named, "app/api/items/route.ts")).toEqual({ status: "public" });
    const legacy = `import { authMiddleware } from "@clerk/nextjs/server"
export default authMiddleware({ publicRoutes: ["/"], ignoredRoutes: ["/api/cron(.*)"] })`;
    expect(gate(legacy, "app/api/cron/daily/route.ts")).toMatchObject({ status: "not-run", listedPublic: true });
    expect(gate(legacy, "app/api/items/route.ts")).toMatchObject({ status: "protected", reason: "not-in-public-list" });
    expect(gate(`import { clerkMiddleware } from "@clerk/nextjs/server"\nexport default clerkMiddleware(handler)`, "app/x/page.tsx")).toEqual({ status: "unknown" });
  });
  it("answers for a route of a project: protected, listed public, or open", () => {
    const dir = project({
      "proxy.ts": `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isPublic = createRouteMatcher(["/api/public(.*)"])
export default clerkMiddleware(async (auth, req) => { if (req.nextUrl.pathname.startsWith("/api/admin")) await auth.protect() })
export const config = { matcher: ["/(api|trpc)(.*)"] }`,
      "app/api/admin/route.ts": "export async function POST() {}",
      "app/api/public/route.ts": "export async function POST() {}",
      "app/api/open/route.ts": "export async function POST() {}",
    });
    const index = getProjectIndex(dir);
    const access = (rel: string) => routeAccess(index, classifyFile(dir, path.join(dir, rel)), 16);
    expect(access("app/api/admin/route.ts")).toBe("protected");
    expect(access("app/api/public/route.ts")).toBe("listed-public");
    expect(access("app/api/open/route.ts")).toBe("open");
  });
});
