/**
 * The analysis core on stacks other than Next.js: framework detection from package.json, file
 * roles gated by it, the endpoint model of each stack, Express/Fastify/Hono routes and what runs
 * in front of them (across files), and client bundles by import reachability.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { resetAnalysisCaches } from "../../src/analysis/caches.js";
import { clientBundle, clientEntries, isClientCode } from "../../src/analysis/client-boundary.js";
import { routeGuarded } from "../../src/analysis/detectors/auth-checks.js";
import { endpointsOf, handlerRegistrations, serverRoutes } from "../../src/analysis/endpoints.js";
import { classifyFile } from "../../src/analysis/next-files.js";
import { projectInfoFor } from "../../src/analysis/project-info.js";
import { getProjectIndex } from "../../src/analysis/project/index.js";
import { jsonParserBefore, middlewareBefore, routeCalls } from "../../src/analysis/server-routes.js";
import { stackOf } from "../../src/analysis/stack.js";

const tmp: string[] = [];
function project(dependencies: Record<string, string>, files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-stacks-"));
  tmp.push(dir);
  const all = { "package.json": JSON.stringify({ name: "app", dependencies }), ...files };
  for (const [rel, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return fs.realpathSync(dir);
}
const moduleOf = (root: string, rel: string) => getProjectIndex(root).module(path.join(root, rel))!;

beforeEach(() => resetAnalysisCaches());
afterAll(() => {
  for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
});

describe("stackOf", () => {
  it("tells frameworks from dependencies, and keeps Next.js conventions only where they apply", () => {
    const rr = stackOf(new Map([["@clerk/react-router", "^3.6.0"], ["@react-router/dev", "^7.9.0"], ["react-router", "^7.9.0"]]));
    expect([...rr.frameworks]).toEqual(["react-router"]);
    expect(rr.next).toBe(false);
    expect(rr.spa).toBe(false);
    const expressVite = stackOf(new Map([["express", "^5.1.0"], ["@clerk/express", "^2.1.0"], ["vite", "^7.0.0"], ["@clerk/react", "^6.18.0"]]));
    expect(expressVite.spa).toBe(true);
    expect(expressVite.next).toBe(false);
    expect([...expressVite.clerk].sort()).toEqual(["@clerk/express", "@clerk/react"]);
    // no framework known: the Next.js conventions of before
    expect(stackOf(new Map([["react", "^19.0.0"]])).next).toBe(true);
    // Next.js with a Vite-based test runner is still Next.js, not a SPA
    const nextVitest = stackOf(new Map([["next", "^16.0.0"], ["vite", "^7.0.0"]]));
    expect(nextVitest.next).toBe(true);
    expect(nextVitest.spa).toBe(false);
    // library-mode React Router in a Vite app is a SPA
    expect(stackOf(new Map([["react-router", "^7.9.0"], ["vite", "^7.0.0"]])).spa).toBe(true);
  });

  it("a layout.tsx is a Next.js layout only in a Next.js project", () => {
    const root = project({ "@clerk/react-router": "^3.6.0", "@react-router/dev": "^7.9.0" }, { "app/layout.tsx": "export function Layout() { return null; }" });
    const info = projectInfoFor(path.join(root, "app/layout.tsx"));
    expect(classifyFile(root, path.join(root, "app/layout.tsx"), info.stack.next).appKind).toBeNull();
    expect(moduleOf(root, "app/layout.tsx").role.appKind).toBeNull();
    expect(classifyFile(root, path.join(root, "app/layout.tsx")).appKind).toBe("layout");
  });
});

describe("endpoints of other stacks", () => {
  it("React Router loaders and actions; a webhook action is reached by the webhook", () => {
    const root = project(
      { "@clerk/react-router": "^3.6.0", "@react-router/dev": "^7.9.0" },
      {
        "app/routes/projects.tsx": `export async function loader() { return null; }
export async function action({ request }: { request: Request }) { return request.formData(); }
export default function Projects() { return null; }`,
        "app/routes/api.webhooks.clerk.ts": `import { verifyWebhook } from "@clerk/react-router/webhooks";
export async function action({ request }: { request: Request }) { const evt = await verifyWebhook(request); return new Response(evt.type); }`,
      },
    );
    expect(endpointsOf(moduleOf(root, "app/routes/projects.tsx")).map((e) => `${e.kind}:${e.reach}:${e.method}`)).toEqual(["loader:render:GET", "action:http:POST"]);
    expect(endpointsOf(moduleOf(root, "app/routes/api.webhooks.clerk.ts")).map((e) => `${e.kind}:${e.reach}`)).toEqual(["action:webhook"]);
  });

  it("TanStack Start server functions (RPC) and server route handlers", () => {
    const root = project(
      { "@clerk/tanstack-react-start": "^1.5.0", "@tanstack/react-start": "^1.168.0", "@tanstack/react-router": "^1.170.0" },
      {
        "src/server/todos.ts": `import { createServerFn } from "@tanstack/react-start";
export const addTodo = createServerFn({ method: "POST" }).inputValidator((t: string) => t).handler(async ({ data }) => data);`,
        "src/routes/api/items.ts": `import { createFileRoute } from "@tanstack/react-router";
export const Route = createFileRoute("/api/items")({ server: { handlers: { GET: async () => Response.json([]), POST: async ({ request }) => Response.json(await request.json()) } } });`,
      },
    );
    expect(endpointsOf(moduleOf(root, "src/server/todos.ts")).map((e) => `${e.kind}:${e.name}`)).toEqual(["server-function:addTodo"]);
    expect(endpointsOf(moduleOf(root, "src/routes/api/items.ts")).map((e) => `${e.kind}:${e.name}`)).toEqual(["file-route-handler:GET /api/items", "file-route-handler:POST /api/items"]);
  });

  it("Expo API routes, Astro endpoints and Nuxt server routes, by file convention of their own stack only", () => {
    const expo = project({ "@clerk/expo": "^3.1.0", expo: "^54.0.0" }, { "app/api/items+api.ts": "export async function POST(r: Request) { return Response.json(await r.json()); }", "app/index.tsx": "export default function Home() { return null; }" });
    expect(endpointsOf(moduleOf(expo, "app/api/items+api.ts")).map((e) => e.kind)).toEqual(["expo-api"]);
    expect(endpointsOf(moduleOf(expo, "app/index.tsx"))).toEqual([]);
    const astro = project({ "@clerk/astro": "^4.0.0", astro: "^5.0.0" }, { "src/pages/api/items.ts": "export const POST = async ({ request }: { request: Request }) => new Response(await request.text());" });
    expect(endpointsOf(moduleOf(astro, "src/pages/api/items.ts")).map((e) => `${e.kind}:${e.method}`)).toEqual(["astro-endpoint:POST"]);
    const nuxt = project({ "@clerk/nuxt": "^3.0.0", nuxt: "^4.0.0" }, { "server/api/items.post.ts": "export default defineEventHandler(async (event) => readBody(event));" });
    expect(endpointsOf(moduleOf(nuxt, "server/api/items.post.ts")).map((e) => `${e.kind}:${e.name}`)).toEqual(["nuxt-handler:POST /api/items"]);
  });
});

describe("Convex functions", () => {
  const mutationFile = `import { mutation } from "./_generated/server";
import { v } from "convex/values";
export const send = mutation({ args: { body: v.string(), author: v.string() }, handler: async (ctx, args) => { await ctx.db.insert("messages", args); } });`;
  it("are public RPC endpoints of a package that depends on convex", () => {
    const root = project({ "@clerk/react": "^6.18.0", convex: "^1.28.0", vite: "^7.0.0" }, { "convex/messages.ts": mutationFile });
    expect(endpointsOf(moduleOf(root, "convex/messages.ts")).map((e) => `${e.kind}:${e.reach}:${e.name}`)).toEqual(["convex-function:rpc:send"]);
  });
  it("are not recognised in a convex/ folder of a package without convex (a docs example, a copied snippet)", () => {
    const root = project({ "@clerk/nextjs": "^7.9.0", next: "^16.1.0" }, { "convex/messages.ts": mutationFile });
    expect(endpointsOf(moduleOf(root, "convex/messages.ts"))).toEqual([]);
  });
});

describe("Express, Fastify and Hono routes", () => {
  const files = {
    "src/index.ts": `import express from "express";
import { clerkMiddleware, requireAuth } from "@clerk/express";
import { adminRouter } from "./admin.js";
import publicRouter from "./public.js";
const app = express();
app.use(express.json());
app.use(clerkMiddleware());
app.use("/public", publicRouter);
app.use("/admin", requireAuth(), adminRouter);
app.listen(3000);`,
    "src/admin.ts": `import { Router } from "express";
import { banUser } from "./controllers.js";
export const adminRouter = Router();
adminRouter.route("/users/:id").delete(banUser).get((req, res) => res.end());`,
    "src/public.ts": `const { Router } = require("express");
const router = Router();
router.post("/contact", (req, res) => res.end());
module.exports = router;`,
    "src/controllers.ts": `export async function banUser(req: unknown, res: { end(): void }) { res.end(); }`,
  };

  it("finds registrations on apps and routers by provenance (ESM, require, router.route chains)", () => {
    const root = project({ "@clerk/express": "^2.1.0", express: "^5.1.0" }, files);
    expect(routeCalls(moduleOf(root, "src/admin.ts")).map((r) => `${r.method} ${r.path}`)).toEqual(["DELETE /users/:id", "GET /users/:id"]);
    expect(routeCalls(moduleOf(root, "src/public.ts")).map((r) => `${r.framework} ${r.method} ${r.path}`)).toEqual(["express POST /contact"]);
    expect(routeCalls(moduleOf(root, "src/index.ts")).map((r) => `${r.method} ${r.path ?? "*"}`)).toEqual(["USE *", "USE *", "USE /public", "USE /admin"]);
  });

  it("reads what runs in front of a route through the mount in another file, and whether it guards", () => {
    const root = project({ "@clerk/express": "^2.1.0", express: "^5.1.0" }, files);
    const index = getProjectIndex(root);
    const admin = moduleOf(root, "src/admin.ts");
    const del = routeCalls(admin)[0]!;
    expect(middlewareBefore(index, admin, del).entries.map((e) => e.module.getText(e.node))).toEqual(["express.json()", "clerkMiddleware()", "requireAuth()"]);
    expect(routeGuarded(index, admin, del)).toBe(true);
    const pub = moduleOf(root, "src/public.ts");
    expect(routeGuarded(index, pub, routeCalls(pub)[0]!)).toBe(false);
    expect(jsonParserBefore(index, pub, routeCalls(pub)[0]!)?.module.getText(jsonParserBefore(index, pub, routeCalls(pub)[0]!)!.node)).toBe("express.json()");
  });

  it("a controller registered in a routes module is an endpoint there", () => {
    const root = project({ "@clerk/express": "^2.1.0", express: "^5.1.0" }, files);
    const index = getProjectIndex(root);
    const controllers = moduleOf(root, "src/controllers.ts");
    const fn = controllers.topLevelFunction("banUser")!;
    expect(handlerRegistrations(index, controllers, fn).map((e) => e.name)).toEqual(["DELETE /users/:id"]);
    expect(serverRoutes(moduleOf(root, "src/admin.ts"), index).map((e) => `${e.name}${e.module ? " (imported)" : ""}`)).toEqual(["DELETE /users/:id (imported)", "GET /users/:id"]);
  });

  it("Fastify plugins and Hono apps", () => {
    const root = project(
      { "@clerk/fastify": "^3.1.0", fastify: "^5.0.0", hono: "^4.0.0" },
      {
        "src/plugin.ts": `import type { FastifyInstance } from "fastify";
export default async function routes(app: FastifyInstance) {
  app.addHook("preHandler", async () => {});
  app.post("/items", { schema: {} }, async () => ({}));
  app.route({ method: "DELETE", url: "/items/:id", handler: async () => ({}) });
}`,
        "src/hono.ts": `import { Hono } from "hono";
const app = new Hono().basePath("/api");
app.use("/admin/*", async (c, next) => next());
app.on("PUT", "/items/:id", (c) => c.json({}));
export default app;`,
      },
    );
    expect(routeCalls(moduleOf(root, "src/plugin.ts")).map((r) => `${r.framework} ${r.method} ${r.path}`)).toEqual(["fastify POST /items", "fastify DELETE /items/:id"]);
    expect(routeCalls(moduleOf(root, "src/hono.ts")).map((r) => `${r.framework} ${r.method} ${r.path}`)).toEqual(["hono USE /admin/*", "hono PUT /items/:id"]);
  });
});

describe("client bundles", () => {
  it("a Vite SPA ships what index.html reaches; the Express server beside it does not", () => {
    const root = project(
      { "@clerk/react": "^6.18.0", "@clerk/express": "^2.1.0", express: "^5.1.0", vite: "^7.0.0" },
      {
        "index.html": `<!doctype html><html><body><script type="module" src="/src/client/main.tsx"></script></body></html>`,
        "src/client/main.tsx": `import { App } from "./App"; import type { AppRouter } from "../server/router"; import "./styles"; export { App };`,
        "src/client/App.tsx": `export * from "./shared"; export function App() { return null; }`,
        "src/client/shared.ts": `export const title = "Acme";`,
        "src/client/styles.ts": `document.title = "Acme";`,
        "src/server/router.ts": `import express from "express"; export const router = express.Router(); export type AppRouter = typeof router;`,
      },
    );
    const index = getProjectIndex(root);
    expect(clientEntries(index, root).map((f) => path.relative(root, f))).toEqual(["src/client/main.tsx"]);
    expect([...clientBundle(index, root)].map((f) => path.relative(root, f)).sort()).toEqual(["src/client/App.tsx", "src/client/main.tsx", "src/client/shared.ts", "src/client/styles.ts"]);
    expect(isClientCode(index, moduleOf(root, "src/client/shared.ts"))).toBe(true);
    expect(isClientCode(index, moduleOf(root, "src/server/router.ts"))).toBe(false);
  });

  it("an Expo app ships its screens and what they import; API routes and server middleware run on a server", () => {
    const root = project(
      { "@clerk/expo": "^3.1.0", expo: "^54.0.0", "expo-router": "^6.0.0" },
      {
        "app/index.tsx": `import { load } from "../lib/data"; export default function Home() { return load(); }`,
        "app/api/items+api.ts": `import { secret } from "../../lib/secret"; export async function GET() { return Response.json(secret); }`,
        "app/+middleware.ts": `export default function middleware() {}`,
        "lib/data.ts": `export const load = () => null;`,
        "lib/secret.ts": `export const secret = process.env.CLERK_SECRET_KEY;`,
      },
    );
    const bundle = [...clientBundle(getProjectIndex(root), root)].map((f) => path.relative(root, f)).sort();
    expect(bundle).toEqual(["app/index.tsx", "lib/data.ts"]);
  });
});
