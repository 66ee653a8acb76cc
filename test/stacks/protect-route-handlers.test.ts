/**
 * protect-route-handlers beyond Next.js: Express/Fastify/Hono routes (their own chain, the
 * router's earlier use(), the mount in another file), React Router actions, TanStack Start
 * server routes, Expo API routes, Astro endpoints and Nuxt server routes.
 */
import fs from "node:fs";
import path from "node:path";
import rule from "../../src/rules/protect-route-handlers.js";
import { PROJECTS, runRuleTests } from "../helpers.js";

const at = (project: string, rel: string) => path.join(PROJECTS, project, rel);
const onDisk = (project: string, rel: string) => ({ filename: at(project, rel), code: fs.readFileSync(at(project, rel), "utf8") });

runRuleTests("protect-route-handlers (stacks)", rule, {
  valid: [
    {
      name: "Express: the notes router is mounted behind requireSignedIn in src/index.ts",
      ...onDisk("express-routes", "src/routes/notes.ts"),
    },
    {
      name: "Express: getAuth(req) and a 401 before the write",
      filename: at("express2", "src/routes/projects.ts"),
      code: `import { Router } from "express";
import { getAuth } from "@clerk/express";
import { db } from "../db.js";

export const projects = Router();

projects.post("/", async (req, res) => {
  const { userId } = getAuth(req);
  if (!userId) return res.status(401).json({ error: "Unauthenticated" });
  const project = await db.project.create({ data: { ownerId: userId, name: req.body.name } });
  res.status(201).json(project);
});`,
    },
    {
      name: "Express: requireAuth() in the route's own chain",
      filename: at("express2", "src/routes/tags.ts"),
      code: `import { Router } from "express";
import { requireAuth } from "@clerk/express";
import { db } from "../db.js";

export const tags = Router();

tags.post("/", requireAuth(), async (req, res) => {
  res.json(await db.tag.create({ data: { label: req.body.label } }));
});`,
    },
    {
      name: "Express: an auth package of its own in front (express-oauth2-jwt-bearer)",
      filename: at("express2", "src/routes/machine.ts"),
      code: `import { Router } from "express";
import { auth } from "express-oauth2-jwt-bearer";
import { db } from "../db.js";

export const machine = Router();
machine.use(auth({ audience: "https://api.example.com" }));

machine.put("/jobs/:id", async (req, res) => {
  res.json(await db.job.update({ where: { id: req.params.id }, data: { status: req.body.status } }));
});`,
    },
    {
      name: "Fastify: a preHandler hook that answers 401 guards every route of the plugin",
      filename: at("fastify3", "src/routes/projects.ts"),
      code: `import type { FastifyInstance } from "fastify";
import { getAuth } from "@clerk/fastify";
import { prisma } from "../db.js";

export default async function projectRoutes(app: FastifyInstance) {
  app.addHook("preHandler", async (request, reply) => {
    if (!getAuth(request).isAuthenticated) return reply.code(401).send({ error: "Unauthenticated" });
  });

  app.post("/projects", async (request) => {
    return prisma.project.create({ data: { name: (request.body as { name: string }).name } });
  });
}`,
    },
    {
      name: "Hono: getAuth(c) checked before the insert",
      filename: at("hono", "src/routes/posts.ts"),
      code: `import { Hono } from "hono";
import { getAuth } from "@hono/clerk-auth";
import { db } from "../db";
import { posts } from "../schema";

export const postRoutes = new Hono();

postRoutes.post("/", async (c) => {
  const auth = getAuth(c);
  if (!auth?.userId) return c.json({ error: "Unauthenticated" }, 401);
  const body = await c.req.json();
  await db.insert(posts).values({ authorId: auth.userId, title: body.title });
  return c.json({ ok: true }, 201);
});`,
    },
    {
      name: "React Router: the action reads getAuth(args) and redirects signed-out users",
      filename: at("react-router3", "app/routes/projects.new.tsx"),
      code: `import { getAuth } from "@clerk/react-router/server";
import { redirect } from "react-router";
import type { Route } from "./+types/projects.new";
import { db } from "~/lib/db.server";

export async function action(args: Route.ActionArgs) {
  const { userId } = await getAuth(args);
  if (!userId) throw redirect("/sign-in");
  const form = await args.request.formData();
  await db.project.create({ data: { ownerId: userId, name: String(form.get("name")) } });
  return redirect("/projects");
}`,
    },
    {
      name: "Nuxt: event.context.auth() checked before the write",
      filename: at("nuxt3", "server/api/projects.post.ts"),
      code: `export default defineEventHandler(async (event) => {
  const { userId } = event.context.auth();
  if (!userId) throw createError({ statusCode: 401, statusMessage: "Unauthenticated" });
  const body = await readBody(event);
  return useDb().insert(projects).values({ ownerId: userId, name: body.name });
});`,
    },
  ],
  invalid: [
    {
      name: "Express: POST /invoices writes with nothing in front of it",
      ...onDisk("express-routes", "src/routes/billing.ts"),
      errors: [{ messageId: "unprotectedRoute", line: 6 }],
    },
    {
      name: "Hono: a delete route with only logger and cors in front",
      filename: at("hono", "src/routes/comments.ts"),
      code: `import { Hono } from "hono";
import { logger } from "hono/logger";
import { cors } from "hono/cors";
import { eq } from "drizzle-orm";
import { db } from "../db";
import { comments } from "../schema";

export const commentRoutes = new Hono();
commentRoutes.use(logger());
commentRoutes.use("*", cors());

commentRoutes.delete("/:id", async (c) => {
  await db.delete(comments).where(eq(comments.id, c.req.param("id")));
  return c.body(null, 204);
});`,
      errors: [{ messageId: "unprotectedRoute", line: 12 }],
    },
    {
      name: "React Router: an action that deletes without reading the caller",
      filename: at("react-router3", "app/routes/projects.$id.delete.tsx"),
      code: `import { redirect } from "react-router";
import type { Route } from "./+types/projects.$id.delete";
import { db } from "~/lib/db.server";

export async function action({ params }: Route.ActionArgs) {
  await db.project.delete({ where: { id: params.id } });
  return redirect("/projects");
}`,
      errors: [{ messageId: "unprotectedRoute", line: 5 }],
    },
    {
      name: "TanStack Start: a server route PUT that updates without auth()",
      filename: at("tanstack1", "src/routes/api/projects.$id.ts"),
      code: `import { createFileRoute } from "@tanstack/react-router";
import { db } from "~/server/db";

export const Route = createFileRoute("/api/projects/$id")({
  server: {
    handlers: {
      PUT: async ({ request, params }) => {
        const body = await request.json();
        await db.project.update({ where: { id: params.id }, data: { name: body.name } });
        return Response.json({ ok: true });
      },
    },
  },
});`,
      errors: [{ messageId: "unprotectedRoute", line: 7 }],
    },
    {
      name: "Expo API route: DELETE removes a row for whoever calls",
      filename: at("expo3", "app/api/bookmarks+api.ts"),
      code: `import { sql } from "../../lib/db";

export async function DELETE(request: Request) {
  const { id } = await request.json();
  await sql\`delete from bookmarks where id = \${id}\`;
  return new Response(null, { status: 204 });
}`,
      errors: [{ messageId: "unprotectedRoute", line: 3 }],
    },
    {
      name: "Astro endpoint: POST writes with only Clerk's attaching middleware in front",
      filename: at("astro4", "src/pages/api/comments.ts"),
      code: `import type { APIRoute } from "astro";
import { db, Comments } from "astro:db";

export const POST: APIRoute = async ({ request }) => {
  const { text } = await request.json();
  await db.insert(Comments).values({ text });
  return new Response(null, { status: 201 });
};`,
      errors: [{ messageId: "unprotectedRoute", line: 4 }],
    },
  ],
});
