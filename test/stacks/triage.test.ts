/**
 * Shapes found by running clerk-guard on real Clerk apps of other stacks (React Router,
 * Fastify, Express + Mongoose): each false positive keeps a trap silent here, each miss
 * finds its defect. The projects are written to a temporary folder (removed afterwards)
 * because their layout is the point: a layout route's provider, a model module, a guard
 * module.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import protectRoutesRule from "../../src/rules/protect-route-handlers.js";
import userSyncRule from "../../src/rules/no-user-sync-outside-webhook.js";
import providerRule from "../../src/rules/require-clerk-provider.js";
import secretRule from "../../src/rules/no-secret-exposure.js";
import { runRuleTests } from "../helpers.js";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "cg-triage-"));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

/** Write a project's files; returns the absolute path of a file in it. */
function project(name: string, files: Record<string, string>): (rel: string) => { filename: string; code: string } {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(TMP, name, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return (rel) => ({ filename: path.join(TMP, name, rel), code: files[rel]! });
}

// ── React Router 7: <ClerkProvider> in a layout route, not in root.tsx ─────────────
const RR_PACKAGE = JSON.stringify({
  name: "rr-layout-provider",
  private: true,
  type: "module",
  dependencies: { "@clerk/react-router": "^1.4.0", "@react-router/node": "^7.5.0", "react-router": "^7.5.0", react: "^19.1.0" },
  devDependencies: { "@react-router/dev": "^7.5.0" },
});
const RR_ROOT_BARE = `import { Links, Meta, Outlet, Scripts } from "react-router";

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}
`;
const rrLayout = project("rr-layout-provider", {
  "package.json": RR_PACKAGE,
  "app/root.tsx": RR_ROOT_BARE,
  "app/routes.ts": `import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  index("routes/landing.tsx"),
  layout("routes/account/shell.tsx", [
    route("login/*", "routes/account/login.tsx"),
    route("settings", "routes/account/settings.tsx"),
  ]),
] satisfies RouteConfig;
`,
  "app/routes/landing.tsx": `export default function Landing() {
  return <h1>Plan your week</h1>;
}
`,
  "app/routes/account/shell.tsx": `import { ClerkProvider } from "@clerk/react-router";
import { rootAuthLoader } from "@clerk/react-router/ssr.server";
import { Outlet } from "react-router";
import type { Route } from "./+types/shell";

export const loader = (args: Route.LoaderArgs) => rootAuthLoader(args);

export default function AccountShell({ loaderData }: Route.ComponentProps) {
  return (
    <ClerkProvider loaderData={loaderData} signInFallbackRedirectUrl="/settings">
      <Outlet />
    </ClerkProvider>
  );
}
`,
  "app/routes/account/login.tsx": `import { LoginCard } from "../../ui/login-card";

export default function Login() {
  return <LoginCard />;
}
`,
  "app/ui/login-card.tsx": `import { SignIn } from "@clerk/react-router";

export function LoginCard() {
  return (
    <section className="card">
      <SignIn />
    </section>
  );
}
`,
  "app/routes/account/settings.tsx": `import { UserProfile } from "@clerk/react-router";

export default function Settings() {
  return <UserProfile />;
}
`,
});

const rrMissing = project("rr-no-provider", {
  "package.json": RR_PACKAGE.replace("rr-layout-provider", "rr-no-provider"),
  "app/root.tsx": RR_ROOT_BARE,
  "app/routes/settings.tsx": `import { UserProfile } from "@clerk/react-router";

export default function Settings() {
  return <UserProfile />;
}
`,
});

runRuleTests("require-clerk-provider (real-world shapes)", providerRule, {
  valid: [
    {
      name: "React Router: the provider sits in a layout route that wraps the routes using Clerk; root.tsx has none",
      ...rrLayout("app/root.tsx"),
    },
  ],
  invalid: [
    {
      name: "React Router: no module renders the provider while a route renders <UserProfile/>",
      ...rrMissing("app/root.tsx"),
      errors: [{ messageId: "missingProvider", data: { what: "React Router root (app/root.tsx)", count: 1, example: "app/routes/settings.tsx", where: "around everything it renders" } }],
    },
  ],
});

// ── Fastify + @clerk/backend: a Bearer guard that verifies the token, then finds or creates the user ──
const FASTIFY_PACKAGE = JSON.stringify({
  name: "fastify-bearer-guard",
  private: true,
  type: "module",
  dependencies: { "@clerk/backend": "^1.25.0", fastify: "^5.2.0", "drizzle-orm": "^0.39.0", pg: "^8.13.0" },
});
const fastifyGuard = project("fastify-bearer-guard", {
  "package.json": FASTIFY_PACKAGE,
  "src/db/schema.ts": `import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const accounts = pgTable("accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  clerkSubject: text("clerk_subject").notNull().unique(),
  seenAt: timestamp("seen_at"),
});
export const notes = pgTable("notes", { id: uuid("id").primaryKey().defaultRandom(), ownerId: uuid("owner_id"), body: text("body") });
`,
  "src/db/client.ts": `import { drizzle } from "drizzle-orm/node-postgres";

export const db = drizzle(process.env.DATABASE_URL!);
`,
  "src/hooks/require-member.ts": `import type { FastifyReply, FastifyRequest } from "fastify";
import { verifyToken } from "@clerk/backend";
import { eq } from "drizzle-orm";
import { db } from "../db/client.js";
import { accounts } from "../db/schema.js";

async function memberFor(subject: string) {
  const found = await db.select().from(accounts).where(eq(accounts.clerkSubject, subject)).limit(1);
  if (found[0]) return found[0].id;
  const created = await db.insert(accounts).values({ clerkSubject: subject, seenAt: new Date() }).returning({ id: accounts.id });
  return created[0]!.id;
}

export async function requireMember(request: FastifyRequest, reply: FastifyReply) {
  const header = request.headers.authorization;
  if (!header?.startsWith("Bearer ")) return reply.code(401).send({ error: "Missing token" });
  try {
    const claims = await verifyToken(header.slice(7), { secretKey: process.env.CLERK_SECRET_KEY! });
    request.memberId = await memberFor(claims.sub);
  } catch {
    return reply.code(401).send({ error: "Invalid token" });
  }
}
`,
  "src/hooks/require-token.ts": `import type { FastifyReply, FastifyRequest } from "fastify";
import { verifyToken } from "@clerk/backend";
import { eq } from "drizzle-orm";
import { db } from "../db/client.js";
import { accounts } from "../db/schema.js";

export async function requireToken(request: FastifyRequest, reply: FastifyReply) {
  const header = request.headers.authorization;
  if (!header?.startsWith("Bearer ")) return reply.code(401).send({ error: "Missing token" });
  try {
    const claims = await verifyToken(header.slice(7), { secretKey: process.env.CLERK_SECRET_KEY! });
    const rows = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.clerkSubject, claims.sub)).limit(1);
    if (!rows[0]) return reply.code(403).send({ error: "No account yet" });
    request.memberId = rows[0].id;
  } catch {
    return reply.code(401).send({ error: "Invalid token" });
  }
}
`,
});

// ── Next.js: a session-reading helper two calls below the page that answers for it ──
const nextChain = project("next-lazy-chain", {
  "package.json": JSON.stringify({ name: "next-lazy-chain", private: true, dependencies: { "@clerk/nextjs": "^6.12.0", next: "15.2.4", "@prisma/client": "^6.4.0" } }),
  "lib/db.ts": `import { PrismaClient } from "@prisma/client";

export const db = new PrismaClient();
`,
  "lib/members.ts": `import { currentUser } from "@clerk/nextjs/server";
import { db } from "./db";

async function memberRow(clerkId: string, email: string) {
  const existing = await db.user.findUnique({ where: { clerkId } });
  if (existing) return existing;
  return db.user.create({ data: { clerkId, email } });
}

export async function currentMember() {
  const person = await currentUser();
  if (!person) return null;
  return memberRow(person.id, person.emailAddresses[0]?.emailAddress ?? "");
}
`,
  "lib/roles.ts": `import { currentMember } from "./members";

export async function memberRoles() {
  const member = await currentMember();
  return member ? ["member"] : [];
}
`,
  "app/dashboard/page.tsx": `import { memberRoles } from "@/lib/roles";

export default async function Dashboard() {
  const roles = await memberRoles();
  return <p>{roles.join(", ")}</p>;
}
`,
  "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] } } }),
});

// ── Hono + Kysely: a "user" table that also holds people without a login (family members) ──
const honoHousehold = project("hono-household", {
  "package.json": JSON.stringify({ name: "hono-household", private: true, type: "module", dependencies: { "@hono/clerk-auth": "^3.0.1", "@clerk/backend": "^2.4.0", hono: "^4.8.0", kysely: "^0.28.0" } }),
  "src/db.ts": `import { Kysely } from "kysely";

export const db = new Kysely<any>({ dialect: undefined as never });
`,
  "src/ids.ts": `export function newId(prefix: string) {
  return prefix + "_" + crypto.randomUUID();
}
`,
  "src/routes/household.ts": `import { Hono } from "hono";
import { clerkMiddleware, getAuth } from "@hono/clerk-auth";
import { db } from "../db";
import { newId } from "../ids";

export const household = new Hono();
household.use("*", clerkMiddleware());

household.post("/:householdId/people", async (c) => {
  const auth = getAuth(c);
  if (!auth?.userId) return c.json({ error: "Unauthorized" }, 401);
  const body = await c.req.json<{ name: string; birthYear?: number }>();
  const personId = newId("p");
  await db.insertInto("user").values({ id: personId, name: body.name, birth_year: body.birthYear ?? null, added_by: auth.userId }).execute();
  await db.insertInto("user_household").values({ user_id: personId, household_id: c.req.param("householdId") }).execute();
  return c.json({ id: personId }, 201);
});

household.post("/profile/sync", async (c) => {
  const auth = getAuth(c);
  if (!auth?.userId) return c.json({ error: "Unauthorized" }, 401);
  const body = await c.req.json<{ id: string; name: string }>();
  await db.insertInto("user").values({ id: body.id, name: body.name }).onConflict((oc) => oc.column("id").doUpdateSet({ name: body.name })).execute();
  return c.json({ ok: true });
});

household.post("/kiosk-login", async (c) => {
  const body = await c.req.json<{ email: string; pin: string }>();
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body.pin));
  await db.insertInto("user").values({ id: newId("u"), email: body.email, password_hash: btoa(String.fromCharCode(...new Uint8Array(digest))) }).execute();
  return c.json({ ok: true });
});
`,
});

runRuleTests("no-user-sync-outside-webhook (real-world shapes)", userSyncRule, {
  valid: [
    {
      name: "Next.js: the session-reading helper is reached from a page two calls up, which answers for it (not reported in the helper)",
      ...nextChain("lib/members.ts"),
    },
    {
      name: "Fastify: a Bearer guard that verifies the token and only looks the account up (the webhook creates it)",
      ...fastifyGuard("src/hooks/require-token.ts"),
    },
  ],
  invalid: [
    {
      name: "Fastify: a Bearer guard verifies the Clerk token, then finds or creates the account row keyed by its sub",
      ...fastifyGuard("src/hooks/require-member.ts"),
      errors: [{ messageId: "viaHelper", line: 19 }],
    },
    {
      name: "Next.js: the page that reaches the find-or-create through two helpers is where it is reported",
      ...nextChain("app/dashboard/page.tsx"),
      errors: [{ messageId: "viaHelper", line: 4 }],
    },
    {
      name: "Hono: a family member with an id made here is no account copy (silent), but a row keyed by the id the client sends is, and so is one holding a password hash",
      ...honoHousehold("src/routes/household.ts"),
      errors: [
        { messageId: "direct", line: 23 },
        { messageId: "direct", line: 30 },
      ],
    },
  ],
});

// ── Express: security-hardening middleware (helmet, xss-clean, express-mongo-sanitize, hpp) is no guard ──
const EXPRESS_PACKAGE = JSON.stringify({
  name: "express-hardened",
  private: true,
  type: "module",
  dependencies: { "@clerk/express": "^1.4.0", express: "^4.21.0", helmet: "^8.0.0", "xss-clean": "^0.1.4", "express-mongo-sanitize": "^2.2.0", hpp: "^0.2.3", mongoose: "^8.9.0", multer: "^1.4.5-lts.1", passport: "^0.7.0" },
});
const expressHardened = project("express-hardened", {
  "package.json": EXPRESS_PACKAGE,
  "src/server.js": `import express from "express";
import helmet from "helmet";
import xss from "xss-clean";
import mongoSanitize from "express-mongo-sanitize";
import hpp from "hpp";
import { clerkMiddleware, requireAuth } from "@clerk/express";
import listings from "./routes/listings.js";
import reviews from "./routes/reviews.js";

const app = express();
app.use(express.json());
app.use(helmet());
app.use(xss());
app.use(mongoSanitize());
app.use(hpp());
app.use(clerkMiddleware());

app.use("/api/listings", listings);
app.use("/api/reviews", requireAuth(), reviews);

app.listen(4000);
`,
  "src/models/Listing.js": `import mongoose from "mongoose";

const listingSchema = new mongoose.Schema({ title: String, price: Number, ownerId: String });
export default mongoose.model("Listing", listingSchema);
`,
  "src/models/Review.js": `import mongoose from "mongoose";

const reviewSchema = new mongoose.Schema({ listingId: String, stars: Number, authorId: String });
export default mongoose.model("Review", reviewSchema);
`,
  "src/controllers/listings.js": `import Listing from "../models/Listing.js";

export const publishListing = async (req, res) => {
  const listing = await Listing.create({ title: req.body.title, price: req.body.price });
  res.status(201).json(listing);
};
`,
  "src/routes/listings.js": `import express from "express";
import { publishListing } from "../controllers/listings.js";

const router = express.Router();
router.post("/", publishListing);

export default router;
`,
  "src/config/uploads.js": `import multer from "multer";

const uploads = multer({ storage: multer.memoryStorage(), limits: { fileSize: 5_000_000 } });
export default uploads;
`,
  "src/config/partner-auth.js": `import passport from "passport";

export const partnerOnly = passport.authenticate("partner-jwt", { session: false });
`,
  "src/routes/photos.js": `import express from "express";
import uploads from "../config/uploads.js";
import Listing from "../models/Listing.js";

const router = express.Router();
router.post("/:id/photos", uploads.single("photo"), async (req, res) => {
  await Listing.findByIdAndUpdate(req.params.id, { $push: { photos: req.file.originalname } });
  res.status(204).end();
});

export default router;
`,
  "src/routes/partners.js": `import express from "express";
import { partnerOnly } from "../config/partner-auth.js";
import Listing from "../models/Listing.js";

const router = express.Router();
router.put("/:id/price", partnerOnly, async (req, res) => {
  res.json(await Listing.findByIdAndUpdate(req.params.id, { price: req.body.price }));
});

export default router;
`,
  "src/routes/reviews.js": `import express from "express";
import { getAuth } from "@clerk/express";
import Review from "../models/Review.js";

const router = express.Router();
router.post("/", async (req, res) => {
  const { userId } = getAuth(req);
  res.status(201).json(await Review.create({ listingId: req.body.listingId, stars: req.body.stars, authorId: userId }));
});

export default router;
`,
});

runRuleTests("protect-route-handlers (real-world shapes)", protectRoutesRule, {
  valid: [
    {
      name: "Express: the reviews router is mounted behind requireAuth(), after the same hardening middleware",
      ...expressHardened("src/routes/reviews.js"),
    },
    {
      name: "Express: a passport strategy created in a config module of the project and used in front of the write",
      ...expressHardened("src/routes/partners.js"),
    },
  ],
  invalid: [
    {
      name: "Express: helmet, xss-clean, express-mongo-sanitize and hpp in front of a route that creates a listing guard nothing",
      ...expressHardened("src/routes/listings.js"),
      errors: [{ messageId: "unprotectedRoute", line: 5 }],
    },
    {
      name: "Express: multer created in a config module of the project is an upload parser, not a guard",
      ...expressHardened("src/routes/photos.js"),
      errors: [{ messageId: "unprotectedRoute", line: 6 }],
    },
  ],
});

// ── Vite + Hono on Workers: the SPA imports the worker's app type for its RPC client ──
const viteWorker = project("vite-hono-worker", {
  "package.json": JSON.stringify({
    name: "vite-hono-worker",
    private: true,
    type: "module",
    dependencies: { "@clerk/clerk-react": "^5.33.0", "@clerk/backend": "^2.4.0", "@hono/clerk-auth": "^3.0.1", hono: "^4.8.0", react: "^19.1.0", "react-dom": "^19.1.0" },
    devDependencies: { vite: "^6.3.0", "@vitejs/plugin-react": "^4.5.0", "@cloudflare/vite-plugin": "^1.7.0" },
  }),
  "index.html": `<!doctype html>
<html lang="en">
  <body>
    <div id="root"></div>
    <script type="module" src="/src/web/main.tsx"></script>
  </body>
</html>
`,
  "src/web/main.tsx": `import { createRoot } from "react-dom/client";
import { ClerkProvider } from "@clerk/clerk-react";
import { hc } from "hono/client";
import { ApiType } from "../worker/app";
import { PLAN_LIMITS } from "../worker/limits";
import { queryClient } from "../shared/clients";

const api = hc<ApiType>("/");

function Plans() {
  return <p>{PLAN_LIMITS.free} boards on the free plan</p>;
}

createRoot(document.getElementById("root")!).render(
  <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
    <Plans />
  </ClerkProvider>,
);
export { api, queryClient };
`,
  "src/worker/app.ts": `import { Hono } from "hono";
import { clerkMiddleware, getAuth } from "@hono/clerk-auth";
import { createClerkClient } from "@clerk/backend";

type Env = { Bindings: { CLERK_SECRET_KEY: string; CLERK_PUBLISHABLE_KEY: string } };

const app = new Hono<Env>()
  .use("/api/*", clerkMiddleware())
  .get("/api/me", async (c) => {
    const auth = getAuth(c);
    if (!auth?.userId) return c.json({ error: "Unauthorized" }, 401);
    const clerk = createClerkClient({ secretKey: c.env.CLERK_SECRET_KEY });
    return c.json(await clerk.users.getUser(auth.userId));
  });

export type ApiType = typeof app;
export default app;
`,
  "src/worker/limits.ts": `import { createClerkClient } from "@clerk/backend";
import { settings } from "./settings";

export const PLAN_LIMITS = { free: 3, pro: 50 };

export const adminClient = () => createClerkClient({ secretKey: settings.clerkSecret });
`,
  "src/worker/settings.ts": `export const settings = { clerkSecret: "" as string, region: "eu" };
`,
  "src/shared/clients.ts": `import { QueryClient } from "@tanstack/react-query";
import { createClerkClient } from "@clerk/backend";
import type { Context } from "hono";

export const queryClient = new QueryClient();

export const clerkFor = (context: Context<{ Bindings: { CLERK_SECRET_KEY: string } }>) =>
  createClerkClient({ secretKey: context.env.CLERK_SECRET_KEY });
`,
});

runRuleTests("no-secret-exposure (real-world shapes)", secretRule, {
  valid: [
    {
      name: "Vite + Hono: the worker module is imported by the SPA only for its type (hc<ApiType>), so it never ships",
      ...viteWorker("src/worker/app.ts"),
    },
    {
      name: "Vite + Hono: a module the SPA bundles passes the Worker's binding (context.env) as secretKey: no key is in the bundle",
      ...viteWorker("src/shared/clients.ts"),
    },
  ],
  invalid: [
    {
      name: "Vite + Hono: a worker module the SPA imports a value from ships with it",
      ...viteWorker("src/worker/limits.ts"),
      errors: [{ messageId: "secretKeyInClient", line: 6 }],
    },
  ],
});

// ── Hono: the check sits two helpers deep, as "return the id if signed in, else throw" ──
const honoHelpers = project("hono-helper-guards", {
  "package.json": JSON.stringify({ name: "hono-helper-guards", private: true, type: "module", dependencies: { "@hono/clerk-auth": "^3.0.1", hono: "^4.8.0", kysely: "^0.28.0" } }),
  "src/db.ts": `import { Kysely } from "kysely";

export const db = new Kysely<any>({ dialect: undefined as never });
`,
  "src/auth/clerk-id.ts": `import type { Context } from "hono";
import { getAuth } from "@hono/clerk-auth";

export const clerkIdOrFail = (c: Context) => {
  const auth = getAuth(c);
  if (auth && auth.isAuthenticated) {
    return auth.userId;
  }
  throw new Error("Not authenticated");
};

export const clerkIdOrNull = (c: Context) => {
  const auth = getAuth(c);
  if (auth && auth.isAuthenticated) {
    return auth.userId;
  }
  return null;
};
`,
  "src/auth/account.ts": `import type { Context } from "hono";
import { db } from "../db";
import { clerkIdOrFail } from "./clerk-id";

export const accountIdOrFail = async (c: Context) => {
  const clerkId = clerkIdOrFail(c);
  const row = await db.selectFrom("account").select("id").where("clerk_id", "=", clerkId).executeTakeFirstOrThrow();
  return row.id;
};
`,
  "src/boards/create-board.ts": `import type { Context } from "hono";
import { db } from "../db";
import { accountIdOrFail } from "../auth/account";

export const createBoard = async (c: Context, title: string) => {
  const ownerId = await accountIdOrFail(c);
  const id = crypto.randomUUID();
  await db.insertInto("board").values({ id, title, owner_id: ownerId }).execute();
  return { id, title };
};
`,
  "src/boards/log-visit.ts": `import type { Context } from "hono";
import { db } from "../db";
import { clerkIdOrNull } from "../auth/clerk-id";

export const logVisit = async (c: Context, boardId: string) => {
  const clerkId = clerkIdOrNull(c);
  await db.insertInto("board_visit").values({ board_id: boardId, clerk_id: clerkId }).execute();
};
`,
  "src/routes/boards.ts": `import { Hono } from "hono";
import { clerkMiddleware } from "@hono/clerk-auth";
import { createBoard } from "../boards/create-board";

export const boards = new Hono()
  .use("*", clerkMiddleware())
  .post("/", async (c) => {
    const { title } = await c.req.json<{ title: string }>();
    return c.json(await createBoard(c, title), 201);
  });
`,
  "src/routes/visits.ts": `import { Hono } from "hono";
import { clerkMiddleware } from "@hono/clerk-auth";
import { logVisit } from "../boards/log-visit";

export const visits = new Hono()
  .use("*", clerkMiddleware())
  .post("/:boardId", async (c) => {
    await logVisit(c, c.req.param("boardId"));
    return c.body(null, 204);
  });
`,
});

runRuleTests("protect-route-handlers (helper guards)", protectRoutesRule, {
  valid: [
    {
      name: "Hono: the service calls a helper whose helper returns the Clerk id when signed in and throws otherwise",
      ...honoHelpers("src/routes/boards.ts"),
    },
  ],
  invalid: [
    {
      name: "Hono: a helper that returns null for signed-out callers checks nothing; the insert runs anyway",
      ...honoHelpers("src/routes/visits.ts"),
      errors: [{ messageId: "unprotectedRoute", line: 7 }],
    },
  ],
});

// ── Express (CommonJS) + pg: the SQL text lives in a module of its own ──
const expressSql = project("express-sql-modules", {
  "package.json": JSON.stringify({ name: "express-sql-modules", private: true, dependencies: { "@clerk/express": "^1.7.0", "@clerk/backend": "^2.4.0", express: "^4.21.0", pg: "^8.13.0" } }),
  "db/pool.js": `const { Pool } = require("pg");

module.exports = new Pool({ connectionString: process.env.DATABASE_URL });
`,
  "sql/insert-member.js": `const INSERT_MEMBER = "INSERT INTO users (clerk_user_id, display_name, email) VALUES ($1, $2, $3) RETURNING *";

module.exports = INSERT_MEMBER;
`,
  "sql/member-by-email.js": `module.exports = "SELECT EXISTS (SELECT 1 FROM users WHERE email = $1)";
`,
  "controllers/members.js": `const pool = require("../db/pool");
const INSERT_MEMBER = require("../sql/insert-member");
const MEMBER_BY_EMAIL = require("../sql/member-by-email");

exports.registerMember = async (req, res) => {
  const { clerk_user_id, display_name, email } = req.body;
  const result = await pool.query(INSERT_MEMBER, [clerk_user_id, display_name, email]);
  res.status(201).json(result.rows[0]);
};

exports.memberExists = async (req, res) => {
  const result = await pool.query(MEMBER_BY_EMAIL, [req.body.email]);
  res.json({ exists: result.rows[0].exists });
};
`,
  "routes/members.js": `const express = require("express");
const { requireAuth } = require("@clerk/express");
const controller = require("../controllers/members");

const router = express.Router();
router.post("/exists", controller.memberExists);
router.post("/register", requireAuth(), controller.registerMember);

module.exports = router;
`,
});

runRuleTests("no-user-sync-outside-webhook (SQL from another module)", userSyncRule, {
  valid: [],
  invalid: [
    {
      name: "Express: an INSERT INTO users whose text another module exports creates the user outside the webhook; its SELECT neighbour does not",
      ...expressSql("controllers/members.js"),
      errors: [{ messageId: "direct", line: 7 }],
    },
  ],
});
