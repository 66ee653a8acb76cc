/**
 * no-user-sync-outside-webhook beyond Next.js: user records created from Express auth
 * middleware and controllers (across files), React Router loaders and actions, TanStack Start
 * server functions, Expo API routes, public Convex mutations, Astro and Nuxt endpoints; and the
 * same writes kept silent in the verified webhook of each stack.
 */
import fs from "node:fs";
import path from "node:path";
import rule from "../../src/rules/no-user-sync-outside-webhook.js";
import { PROJECTS, runRuleTests } from "../helpers.js";

const at = (project: string, rel: string) => path.join(PROJECTS, project, rel);
const onDisk = (project: string, rel: string) => ({ filename: at(project, rel), code: fs.readFileSync(at(project, rel), "utf8") });

runRuleTests("no-user-sync-outside-webhook (stacks)", rule, {
  valid: [
    {
      name: "Express: the verified webhook controller creates the user (registered on a webhook route in routes/webhooks.ts)",
      ...onDisk("express-routes", "src/controllers/clerk-webhook.ts"),
    },
    {
      name: "Express: a notes route writes rows keyed by the owner, not user records",
      ...onDisk("express-routes", "src/routes/notes.ts"),
    },
    {
      name: "Convex: the internal mutation the webhook calls upserts users (only the backend reaches it)",
      filename: at("convex-react", "convex/users.ts"),
      code: `import { v } from "convex/values";
import { internalMutation, query } from "./_generated/server";

export const upsertFromClerk = internalMutation({
  args: { data: v.any() },
  handler: async (ctx, { data }) => {
    const existing = await ctx.db.query("users").withIndex("byExternalId", (q) => q.eq("externalId", data.id)).unique();
    if (existing) await ctx.db.patch(existing._id, { name: data.first_name });
    else await ctx.db.insert("users", { externalId: data.id, name: data.first_name });
  },
});

export const current = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    return ctx.db.query("users").withIndex("byExternalId", (q) => q.eq("externalId", identity.subject)).unique();
  },
});`,
    },
    {
      name: "TanStack Start: a server function that creates a project owned by the caller",
      filename: at("tanstack1", "src/server/projects.ts"),
      code: `import { createServerFn } from "@tanstack/react-start";
import { auth } from "@clerk/tanstack-react-start/server";
import { db } from "./db";

export const createProject = createServerFn({ method: "POST" })
  .inputValidator((data: { name: string }) => data)
  .handler(async ({ data }) => {
    const { userId } = await auth();
    if (!userId) throw new Error("Unauthorized");
    return db.project.create({ data: { name: data.name, ownerId: userId } });
  });`,
    },
  ],
  invalid: [
    {
      name: "Express: a controller registered on POST /api/account/sync upserts the Clerk user",
      ...onDisk("express-routes", "src/controllers/account.ts"),
      errors: [{ messageId: "direct", line: 13 }],
    },
    {
      name: "Express: find-or-create in the auth middleware every route runs",
      filename: at("express2", "src/middleware/with-user.ts"),
      code: `import type { NextFunction, Request, Response } from "express";
import { clerkClient, getAuth } from "@clerk/express";
import { prisma } from "../db.js";

export async function withUser(req: Request, res: Response, next: NextFunction) {
  const { userId } = getAuth(req);
  if (!userId) return res.status(401).end();
  let user = await prisma.user.findUnique({ where: { clerkId: userId } });
  if (!user) {
    const clerkUser = await clerkClient.users.getUser(userId);
    user = await prisma.user.create({ data: { clerkId: userId, email: clerkUser.emailAddresses[0]!.emailAddress } });
  }
  res.locals.user = user;
  next();
}`,
      errors: [{ messageId: "direct", line: 11 }],
    },
    {
      name: "React Router: the dashboard loader creates the profile on first visit",
      filename: at("react-router3", "app/routes/dashboard.tsx"),
      code: `import { getAuth } from "@clerk/react-router/server";
import { redirect } from "react-router";
import type { Route } from "./+types/dashboard";
import { db } from "~/lib/db.server";

export async function loader(args: Route.LoaderArgs) {
  const { userId } = await getAuth(args);
  if (!userId) throw redirect("/sign-in");
  const profile = (await db.profile.findUnique({ where: { clerkId: userId } })) ?? (await db.profile.create({ data: { clerkId: userId } }));
  return { profile };
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  return <h1>Welcome back, {loaderData.profile.clerkId}</h1>;
}`,
      errors: [{ messageId: "direct", line: 9 }],
    },
    {
      name: "TanStack Start: an ensureUser server function keyed on auth().userId",
      filename: at("tanstack1", "src/server/users.ts"),
      code: `import { createServerFn } from "@tanstack/react-start";
import { auth, clerkClient } from "@clerk/tanstack-react-start/server";
import { db } from "./db";

export const ensureUser = createServerFn({ method: "POST" }).handler(async () => {
  const { userId } = await auth();
  if (!userId) throw new Error("Unauthorized");
  const existing = await db.user.findUnique({ where: { clerkId: userId } });
  if (existing) return existing;
  const clerkUser = await clerkClient().users.getUser(userId);
  return db.user.create({ data: { clerkId: userId, email: clerkUser.primaryEmailAddress?.emailAddress ?? "" } });
});`,
      errors: [{ messageId: "direct", line: 11 }],
    },
    {
      name: "Convex: a public mutation the client calls after sign-in stores the identity",
      filename: at("convex-react", "convex/users.ts"),
      code: `import { mutation } from "./_generated/server";

export const store = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not signed in");
    const user = await ctx.db.query("users").withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier)).unique();
    if (user) return user._id;
    return await ctx.db.insert("users", { tokenIdentifier: identity.tokenIdentifier, name: identity.name ?? "" });
  },
});`,
      errors: [{ messageId: "direct", line: 10 }],
    },
    {
      name: "Expo API route: POST /api/users inserts the user the app sends",
      filename: at("expo3", "app/api/users+api.ts"),
      code: `import { verifyToken } from "@clerk/backend";
import { sql } from "../../lib/db";

export async function POST(request: Request) {
  const token = request.headers.get("authorization")?.replace("Bearer ", "");
  if (!token) return new Response("Unauthorized", { status: 401 });
  const claims = await verifyToken(token, { secretKey: process.env.CLERK_SECRET_KEY });
  const { email } = await request.json();
  await sql\`insert into users (clerk_id, email) values (\${claims.sub}, \${email})\`;
  return Response.json({ ok: true });
}`,
      errors: [{ messageId: "direct", line: 9 }],
    },
    {
      name: "Astro endpoint: the onboarding POST creates a member row from locals.auth()",
      filename: at("astro4", "src/pages/api/onboarding.ts"),
      code: `import type { APIRoute } from "astro";
import { db, Members } from "astro:db";

export const POST: APIRoute = async ({ locals, request }) => {
  const { userId } = locals.auth();
  if (!userId) return new Response("Unauthorized", { status: 401 });
  const form = await request.formData();
  await db.insert(Members).values({ clerkId: userId, displayName: String(form.get("name")) });
  return new Response(null, { status: 204 });
};`,
      errors: [{ messageId: "direct", line: 8 }],
    },
  ],
});
