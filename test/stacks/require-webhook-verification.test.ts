/**
 * require-webhook-verification beyond Next.js: Express, Fastify and Hono routes, React Router
 * actions, TanStack Start server routes, Expo API routes, Astro endpoints, Nuxt server routes
 * and Convex httpActions. Each stack: a handler that forges nothing (verified) and one that
 * trusts the payload.
 */
import path from "node:path";
import rule from "../../src/rules/require-webhook-verification.js";
import { PROJECTS, runRuleTests } from "../helpers.js";

const at = (project: string, rel: string) => path.join(PROJECTS, project, rel);

runRuleTests("require-webhook-verification (stacks)", rule, {
  valid: [
    {
      name: "Express: express.raw on the route and verifyWebhook from @clerk/express/webhooks",
      filename: at("express2", "src/routes/webhooks.ts"),
      code: `import express, { Router } from "express";
import { verifyWebhook } from "@clerk/express/webhooks";
import { upsertUser } from "../lib/users.js";

export const webhooks = Router();

webhooks.post("/clerk", express.raw({ type: "application/json" }), async (req, res) => {
  try {
    const evt = await verifyWebhook(req);
    if (evt.type === "user.created") await upsertUser(evt.data);
    res.status(200).send("ok");
  } catch {
    res.status(400).send("invalid signature");
  }
});`,
    },
    {
      name: "Express: an orders route that reads req.body and mentions no webhook is not a webhook handler",
      filename: at("express2", "src/routes/orders.ts"),
      code: `import { Router } from "express";
import { getAuth } from "@clerk/express";
import { db } from "../db.js";

export const orders = Router();

orders.post("/", async (req, res) => {
  const { userId } = getAuth(req);
  if (!userId) return res.status(401).end();
  const order = await db.order.create({ data: { userId, items: req.body.items } });
  res.status(201).json(order);
});`,
    },
    {
      name: "Hono: verifyWebhook over the raw request (c.req.raw)",
      filename: at("hono", "src/webhooks.ts"),
      code: `import { Hono } from "hono";
import { verifyWebhook } from "@clerk/backend/webhooks";

export const webhooks = new Hono();

webhooks.post("/clerk", async (c) => {
  try {
    const evt = await verifyWebhook(c.req.raw);
    console.log("clerk event", evt.type);
    return c.text("ok");
  } catch {
    return c.text("invalid signature", 400);
  }
});`,
    },
    {
      name: "React Router resource route: action verifies with @clerk/react-router/webhooks",
      filename: at("react-router3", "app/routes/api.webhooks.clerk.ts"),
      code: `import { verifyWebhook } from "@clerk/react-router/webhooks";
import type { Route } from "./+types/api.webhooks.clerk";

export async function action({ request }: Route.ActionArgs) {
  try {
    const evt = await verifyWebhook(request);
    if (evt.type === "user.deleted") console.log("deleted", evt.data.id);
    return new Response("ok");
  } catch {
    return new Response("invalid signature", { status: 400 });
  }
}`,
    },
    {
      name: "Convex httpAction: svix over request.text()",
      filename: at("convex-react", "convex/http.ts"),
      code: `import { httpRouter } from "convex/server";
import { Webhook } from "svix";
import { httpAction } from "./_generated/server";
import { internal } from "./_generated/api";

const http = httpRouter();

http.route({
  path: "/clerk-users-webhook",
  method: "POST",
  handler: httpAction(async (ctx, request) => {
    const payload = await request.text();
    const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);
    let evt: { type: string; data: { id: string } };
    try {
      evt = wh.verify(payload, {
        "svix-id": request.headers.get("svix-id")!,
        "svix-timestamp": request.headers.get("svix-timestamp")!,
        "svix-signature": request.headers.get("svix-signature")!,
      }) as typeof evt;
    } catch {
      return new Response("invalid signature", { status: 400 });
    }
    if (evt.type === "user.created") await ctx.runMutation(internal.users.upsertFromClerk, { data: evt.data });
    return new Response(null, { status: 200 });
  }),
});

export default http;`,
    },
  ],
  invalid: [
    {
      name: "Express: a Clerk webhook route that switches on the event type of req.body, unverified",
      filename: at("express2", "src/routes/clerk-webhook.ts"),
      code: `import { Router } from "express";
import { prisma } from "../db.js";

export const clerkWebhook = Router();

clerkWebhook.post("/webhooks/clerk", async (req, res) => {
  const evt = req.body;
  switch (evt.type) {
    case "user.created":
      await prisma.user.create({ data: { clerkId: evt.data.id, email: evt.data.email_addresses[0].email_address } });
      break;
    case "user.deleted":
      await prisma.user.delete({ where: { clerkId: evt.data.id } });
      break;
  }
  res.sendStatus(200);
});`,
      errors: [{ messageId: "unverified", line: 6, data: { entry: "@clerk/express/webhooks" } }],
    },
    {
      name: "Express: verification failure logged in the catch, then the handler carries on",
      filename: at("express2", "src/routes/hooks.ts"),
      code: `import express, { Router } from "express";
import { Webhook } from "svix";

export const hooks = Router();

hooks.post("/webhooks/clerk", express.raw({ type: "application/json" }), async (req, res) => {
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);
  let evt: any;
  try {
    evt = wh.verify(req.body, req.headers as Record<string, string>);
  } catch (err) {
    console.error("bad signature", err);
  }
  console.log(evt?.type);
  res.send("ok");
});`,
      errors: [{ messageId: "failureIgnored", line: 11 }],
    },
    {
      name: "Fastify: the webhook route of a plugin reads request.body without verifying",
      filename: at("fastify3", "src/routes/webhooks.ts"),
      code: `import type { FastifyInstance } from "fastify";

export default async function webhookRoutes(app: FastifyInstance) {
  app.post("/webhooks/clerk", async (request, reply) => {
    const evt = request.body as { type: string; data: { id: string } };
    if (evt.type === "user.created") app.log.info({ id: evt.data.id }, "new user");
    return reply.send({ ok: true });
  });
}`,
      errors: [{ messageId: "unverified", line: 4, data: { entry: "@clerk/fastify/webhooks" } }],
    },
    {
      name: "Hono: c.req.json() of a Clerk webhook, unverified",
      filename: at("hono", "src/routes/clerk.ts"),
      code: `import { Hono } from "hono";
import { db } from "../db";
import { users } from "../schema";

export const clerkRoutes = new Hono();

clerkRoutes.post("/webhooks/clerk", async (c) => {
  const evt = await c.req.json();
  if (evt.type === "user.created") await db.insert(users).values({ clerkId: evt.data.id });
  return c.json({ received: true });
});`,
      errors: [{ messageId: "unverified", line: 7, data: { entry: "@clerk/backend/webhooks" } }],
    },
    {
      name: "React Router: a webhook action that trusts request.json()",
      filename: at("react-router3", "app/routes/api.webhooks.clerk.ts"),
      code: `import type { Route } from "./+types/api.webhooks.clerk";
import { db } from "~/lib/db.server";

export async function action({ request }: Route.ActionArgs) {
  const evt = await request.json();
  if (evt.type === "user.created") await db.user.create({ data: { clerkId: evt.data.id } });
  return new Response("ok");
}`,
      errors: [{ messageId: "unverified", line: 4, data: { entry: "@clerk/react-router/webhooks" } }],
    },
    {
      name: "TanStack Start: a server route whose POST handler reads request.json() unverified",
      filename: at("tanstack1", "src/routes/api/webhooks/clerk.ts"),
      code: `import { createFileRoute } from "@tanstack/react-router";
import { db } from "~/server/db";

export const Route = createFileRoute("/api/webhooks/clerk")({
  server: {
    handlers: {
      POST: async ({ request }) => {
        const evt = await request.json();
        if (evt.type === "user.created") await db.user.create({ data: { clerkId: evt.data.id } });
        return new Response("ok");
      },
    },
  },
});`,
      errors: [{ messageId: "unverified", line: 7, data: { entry: "@clerk/tanstack-react-start/webhooks" } }],
    },
    {
      name: "Expo Router API route: webhooks+api.ts parses the event without verifying",
      filename: at("expo3", "app/api/webhooks+api.ts"),
      code: `export async function POST(request: Request) {
  const evt = await request.json();
  if (evt.type === "user.created") console.log("welcome", evt.data.id);
  return Response.json({ ok: true });
}`,
      errors: [{ messageId: "unverified", line: 1, data: { entry: "@clerk/backend/webhooks" } }],
    },
    {
      name: "Astro endpoint: src/pages/api/webhooks/clerk.ts reads request.json()",
      filename: at("astro4", "src/pages/api/webhooks/clerk.ts"),
      code: `import type { APIRoute } from "astro";

export const POST: APIRoute = async ({ request }) => {
  const evt = await request.json();
  if (evt.type === "user.created") console.log("welcome", evt.data.id);
  return new Response("ok");
};`,
      errors: [{ messageId: "unverified", line: 3, data: { entry: "@clerk/astro/webhooks" } }],
    },
    {
      name: "Nuxt server route: readBody(event) of a Clerk webhook",
      filename: at("nuxt3", "server/api/webhooks/clerk.post.ts"),
      code: `export default defineEventHandler(async (event) => {
  const evt = await readBody(event);
  if (evt.type === "user.created") console.log("welcome", evt.data.id);
  return { ok: true };
});`,
      errors: [{ messageId: "unverified", line: 1, data: { entry: "@clerk/nuxt/webhooks" } }],
    },
    {
      name: "Convex httpAction: request.json() of a Clerk event, no svix",
      filename: at("convex-react", "convex/http.ts"),
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
import { internal } from "./_generated/api";

const http = httpRouter();

export const clerkWebhook = httpAction(async (ctx, request) => {
  const evt = await request.json();
  if (evt.type === "user.created") await ctx.runMutation(internal.users.create, { clerkId: evt.data.id });
  return new Response(null, { status: 200 });
});

http.route({ path: "/clerk", method: "POST", handler: clerkWebhook });
export default http;`,
      errors: [{ messageId: "unverified", line: 7, data: { entry: "@clerk/backend/webhooks" } }],
    },
  ],
});
