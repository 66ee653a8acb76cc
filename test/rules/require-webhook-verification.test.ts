import fs from "node:fs";
import path from "node:path";
import rule from "../../src/rules/require-webhook-verification.js";
import { PROJECTS, file, runRuleTests } from "../helpers.js";

/** A file of a fixture project that exists on disk (helpers are followed through the project index). */
function fixture(project: string, rel: string): { filename: string; code: string } {
  const filename = path.join(PROJECTS, project, rel);
  return { filename, code: fs.readFileSync(filename, "utf8") };
}

runRuleTests("require-webhook-verification", rule, {
  valid: [
    {
      name: "verifyWebhook(req) in try/catch returning 400",
      filename: file("app/api/webhooks/clerk/route.ts"),
      code: `import { verifyWebhook } from "@clerk/nextjs/webhooks";
import type { NextRequest } from "next/server";

export async function POST(req: NextRequest) {
  try {
    const evt = await verifyWebhook(req);
    if (evt.type === "user.created") console.log("new user", evt.data.id);
    return new Response("OK", { status: 200 });
  } catch (err) {
    console.error("Error verifying webhook", err);
    return new Response("Error verifying webhook", { status: 400 });
  }
}`,
    },
    {
      name: "verifyWebhook without try/catch (fails closed with a 500)",
      filename: file("src/app/api/webhooks/route.ts"),
      code: `import { verifyWebhook } from "@clerk/nextjs/webhooks";
export async function POST(req: Request) {
  const evt = await verifyWebhook(req, { signingSecret: process.env.CLERK_WEBHOOK_SECRET });
  return Response.json({ type: evt.type });
}`,
    },
    {
      name: "manual svix over await req.text(), headers from next/headers",
      filename: file("app/api/webhooks/clerk/route.ts", "next6"),
      code: `import { Webhook } from "svix";
import { headers } from "next/headers";
import type { WebhookEvent } from "@clerk/nextjs/server";

export async function POST(req: Request) {
  const h = await headers();
  const body = await req.text();
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);
  let evt: WebhookEvent;
  try {
    evt = wh.verify(body, {
      "svix-id": h.get("svix-id")!,
      "svix-timestamp": h.get("svix-timestamp")!,
      "svix-signature": h.get("svix-signature")!,
    }) as WebhookEvent;
  } catch {
    return new Response("Bad signature", { status: 400 });
  }
  return Response.json({ received: evt.type });
}`,
    },
    {
      name: "standardwebhooks with a module-level Webhook, exported through a named const",
      filename: file("app/api/clerk/events/route.ts"),
      code: `import { Webhook } from "standardwebhooks";

const webhook = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!.replace("whsec_", ""));

const handler = async (request: Request) => {
  const payload = await request.text();
  try {
    const evt = webhook.verify(payload, Object.fromEntries(request.headers)) as { type: string };
    if (evt.type === "user.deleted") return new Response("deleted");
  } catch {
    return new Response("invalid", { status: 400 });
  }
  return new Response("ok");
};

export { handler as POST };`,
    },
    {
      name: "Pages Router with bodyParser off and a raw Buffer",
      filename: file("pages/api/webhooks/clerk.ts", "next5"),
      code: `import type { NextApiRequest, NextApiResponse } from "next";
import { Webhook } from "svix";
import { buffer } from "micro";

export const config = { api: { bodyParser: false } };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const payload = (await buffer(req)).toString();
  try {
    const evt = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(payload, req.headers as Record<string, string>);
    return res.status(200).json({ evt });
  } catch {
    return res.status(400).json({ error: "invalid signature" });
  }
}`,
    },
    {
      name: "verification in a function of the same file",
      filename: file("app/api/webhooks/clerk/route.ts"),
      code: `import { Webhook } from "svix";
import type { WebhookEvent } from "@clerk/nextjs/webhooks";

function verifyPayload(body: string, headers: Headers): WebhookEvent {
  return new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(body, {
    "svix-id": headers.get("svix-id") ?? "",
    "svix-timestamp": headers.get("svix-timestamp") ?? "",
    "svix-signature": headers.get("svix-signature") ?? "",
  }) as WebhookEvent;
}

export async function POST(req: Request) {
  const body = await req.text();
  let evt: WebhookEvent;
  try {
    evt = verifyPayload(body, req.headers);
  } catch {
    return new Response("Invalid signature", { status: 400 });
  }
  return new Response(evt.type);
}`,
    },
    {
      name: "verification in a lib/ helper (followed through the project index)",
      ...fixture("core-webhooks", "src/app/api/webhooks/clerk/route.ts"),
    },
    {
      name: "verification in a lib/ helper re-exported by a barrel",
      ...fixture("core-webhooks", "src/app/api/webhooks/clerk-legacy/route.ts"),
    },
    {
      name: "a Stripe webhook that updates Clerk metadata is not a Clerk webhook",
      filename: file("app/api/webhooks/stripe/route.ts"),
      code: `import Stripe from "stripe";
import { clerkClient } from "@clerk/nextjs/server";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(req: Request) {
  const body = await req.text();
  const event = stripe.webhooks.constructEvent(body, req.headers.get("stripe-signature")!, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === "checkout.session.completed") {
    const client = await clerkClient();
    await client.users.updateUserMetadata(event.data.object.client_reference_id!, { publicMetadata: { plan: "pro" } });
  }
  return new Response("ok");
}`,
    },
    {
      name: "an API route that filters its own records by an event-type string is not a webhook",
      filename: file("app/api/audit/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server";
import { db } from "@/lib/db";

export async function POST(req: Request) {
  const { userId } = await auth.protect();
  const { cursor } = await req.json();
  const rows = await db.auditEvent.findMany({ where: { actorId: userId, type: "user.created" }, cursor });
  return Response.json(rows);
}`,
    },
    {
      name: "a webhook route that does not read the payload (health check)",
      filename: file("app/api/webhooks/clerk/route.ts"),
      code: `export async function GET() {
  return Response.json({ ok: true });
}`,
    },
    {
      name: "not a route handler",
      filename: file("lib/clerk-webhook-types.ts"),
      code: `import type { WebhookEvent } from "@clerk/nextjs/webhooks";
export const isUserEvent = (evt: WebhookEvent) => evt.type === "user.created" || evt.type === "user.updated";`,
    },
  ],
  invalid: [
    {
      name: "checks that the svix headers exist, then trusts req.json()",
      filename: file("app/api/webhooks/clerk/route.ts"),
      code: `import { headers } from "next/headers";
import type { WebhookEvent } from "@clerk/nextjs/server";
import { db } from "@/lib/db";

export async function POST(req: Request) {
  const h = await headers();
  if (!h.get("svix-id") || !h.get("svix-signature")) {
    return new Response("Missing svix headers", { status: 400 });
  }
  const payload = (await req.json()) as WebhookEvent;
  if (payload.type === "user.created") {
    await db.user.create({ data: { clerkId: payload.data.id } });
  }
  return new Response("OK");
}`,
      errors: [{ messageId: "unverified", line: 5, column: 23, endLine: 5, endColumn: 27 }],
    },
    {
      name: "a generic webhook route branching on Clerk event types",
      filename: file("src/app/api/webhook/route.ts"),
      code: `export const POST = async (request: Request) => {
  const event = await request.json();
  switch (event.type) {
    case "user.created":
      console.log("created", event.data.id);
      break;
    case "user.deleted":
      console.log("deleted", event.data.id);
  }
  return new Response(null, { status: 204 });
};`,
      errors: [{ messageId: "unverified", line: 1, column: 14 }],
    },
    {
      name: "Pages Router handler using req.body unverified",
      filename: file("pages/api/webhooks/clerk.ts", "next5"),
      code: `import type { NextApiRequest, NextApiResponse } from "next";
import type { UserJSON } from "@clerk/nextjs/server";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const user = req.body.data as UserJSON;
  res.status(200).json({ id: user.id });
}`,
      errors: [{ messageId: "unverified", line: 4, column: 1 }],
    },
    {
      name: "a lib/ helper that only parses, imported through a barrel",
      ...fixture("core-webhooks", "src/app/api/webhooks/clerk-orgs/route.ts"),
      errors: [{ messageId: "unverified", line: 4, column: 23 }],
    },
    {
      name: "verification failure is caught and logged, then the handler carries on",
      filename: file("app/api/webhooks/clerk/route.ts"),
      code: `import { verifyWebhook } from "@clerk/nextjs/webhooks";
import type { NextRequest } from "next/server";

export async function POST(req: NextRequest) {
  let evt;
  try {
    evt = await verifyWebhook(req);
  } catch (err) {
    console.warn("Could not verify webhook", err);
  }
  return Response.json({ type: evt?.type });
}`,
      errors: [{ messageId: "failureIgnored", line: 8, column: 5 }],
    },
  ],
});
