import rule from "../../src/rules/webhook-raw-body.js";
import { file, runRuleTests } from "../helpers.js";

runRuleTests("webhook-raw-body", rule, {
  valid: [
    {
      name: "verifyWebhook(req) in try/catch, payload from evt.data",
      filename: file("app/api/webhooks/clerk/route.ts"),
      code: `import { verifyWebhook } from "@clerk/nextjs/webhooks";
import type { NextRequest } from "next/server";

export async function POST(req: NextRequest) {
  try {
    const evt = await verifyWebhook(req);
    return Response.json({ id: evt.data.id });
  } catch {
    return new Response("Invalid signature", { status: 400 });
  }
}`,
    },
    {
      name: "manual svix over await req.text()",
      filename: file("src/app/api/webhooks/clerk/route.ts", "next6"),
      code: `import { Webhook } from "svix";
import type { WebhookEvent } from "@clerk/nextjs/server";

export async function POST(req: Request) {
  const payload = await req.text();
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);
  try {
    const evt = wh.verify(payload, Object.fromEntries(req.headers)) as WebhookEvent;
    return Response.json({ type: evt.type });
  } catch {
    return new Response("Invalid signature", { status: 400 });
  }
}`,
    },
    {
      name: "Express route with express.raw: req.body is a Buffer",
      filename: file("src/routes/webhooks.ts", "express2"),
      code: `import express from "express";
import { Webhook } from "svix";

export const webhooks = express.Router();

webhooks.post("/clerk", express.raw({ type: "application/json" }), (req, res) => {
  try {
    const evt = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(req.body, req.headers as Record<string, string>);
    res.json({ evt });
  } catch {
    res.status(400).send("Invalid signature");
  }
});`,
    },
    {
      name: "Pages Router with bodyParser off and the raw Buffer",
      filename: file("pages/api/webhooks/clerk.ts", "next5"),
      code: `import type { NextApiRequest, NextApiResponse } from "next";
import { Webhook } from "svix";
import getRawBody from "raw-body";

export const config = { api: { bodyParser: false } };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const raw = await getRawBody(req);
  try {
    const evt = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(raw.toString("utf8"), req.headers as Record<string, string>);
    res.status(200).json(evt);
  } catch {
    res.status(400).end();
  }
}`,
    },
    {
      name: "a clone is read before verifyWebhook, and a rebuilt Request is verified",
      filename: file("app/api/webhooks/clerk/route.ts"),
      code: `import { verifyWebhook } from "@clerk/nextjs/webhooks";

export async function POST(req: Request) {
  const size = (await req.clone().text()).length;
  if (size > 1_000_000) return new Response("Too large", { status: 413 });
  const body = await req.text();
  try {
    const evt = await verifyWebhook(new Request(req.url, { method: "POST", headers: req.headers, body }));
    return Response.json({ type: evt.type });
  } catch {
    return new Response("Invalid signature", { status: 400 });
  }
}`,
    },
    {
      name: "JSON.stringify of something that is not the request body",
      filename: file("app/api/webhooks/outbound/route.ts"),
      code: `import { Webhook } from "standardwebhooks";

export async function POST() {
  const payload = JSON.stringify({ type: "report.ready", at: Date.now() });
  const wh = new Webhook(process.env.OUTBOUND_SECRET!);
  const signature = wh.sign("msg_1", new Date(), payload);
  wh.verify(payload, { "webhook-id": "msg_1", "webhook-timestamp": "0", "webhook-signature": signature });
  return Response.json({ signature });
}`,
    },
    {
      name: "no webhook library imported: nothing to check",
      filename: file("app/api/echo/route.ts"),
      code: `export async function POST(req: Request) {
  return new Response(JSON.stringify(await req.json()));
}`,
    },
  ],
  invalid: [
    {
      name: "the 2023-2025 Clerk docs pattern: JSON.stringify(await req.json())",
      filename: file("app/api/webhooks/clerk/route.ts", "next6"),
      code: `import { Webhook } from "svix";
import { headers } from "next/headers";
import type { WebhookEvent } from "@clerk/nextjs/server";

export async function POST(req: Request) {
  const headerPayload = await headers();
  const body = JSON.stringify(await req.json());
  const wh = new Webhook(process.env.SIGNING_SECRET!);
  let evt: WebhookEvent;
  try {
    evt = wh.verify(body, {
      "svix-id": headerPayload.get("svix-id")!,
      "svix-timestamp": headerPayload.get("svix-timestamp")!,
      "svix-signature": headerPayload.get("svix-signature")!,
    }) as WebhookEvent;
  } catch {
    return new Response("Error: Verification error", { status: 400 });
  }
  return new Response(evt.type);
}`,
      errors: [
        {
          messageId: "reserialized",
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 48,
          suggestions: [
            {
              messageId: "useRawText",
              data: { req: "req" },
              output: `import { Webhook } from "svix";
import { headers } from "next/headers";
import type { WebhookEvent } from "@clerk/nextjs/server";

export async function POST(req: Request) {
  const headerPayload = await headers();
  const body = await req.text();
  const wh = new Webhook(process.env.SIGNING_SECRET!);
  let evt: WebhookEvent;
  try {
    evt = wh.verify(body, {
      "svix-id": headerPayload.get("svix-id")!,
      "svix-timestamp": headerPayload.get("svix-timestamp")!,
      "svix-signature": headerPayload.get("svix-signature")!,
    }) as WebhookEvent;
  } catch {
    return new Response("Error: Verification error", { status: 400 });
  }
  return new Response(evt.type);
}`,
            },
          ],
        },
      ],
    },
    {
      name: "stringify inline in the verify call, payload parsed first into a variable",
      filename: file("app/api/webhooks/clerk/route.ts", "next5"),
      code: `import { Webhook } from "svix";

export async function POST(req: Request) {
  const payload = await req.json();
  const evt = new Webhook(process.env.WEBHOOK_SECRET!).verify(JSON.stringify(payload), Object.fromEntries(req.headers));
  return Response.json(evt);
}`,
      errors: [{ messageId: "reserialized", line: 5, column: 63, suggestions: [] }],
    },
    {
      name: "Express with express.json(): JSON.stringify(req.body)",
      filename: file("src/routes/clerk-webhook.ts", "express2"),
      code: `import { Router } from "express";
import { Webhook } from "svix";

export const router = Router();
const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);

router.post("/webhooks/clerk", (req, res) => {
  try {
    const evt = wh.verify(JSON.stringify(req.body), req.headers as Record<string, string>);
    res.json(evt);
  } catch {
    res.status(400).end();
  }
});`,
      errors: [{ messageId: "reserialized", line: 9, column: 27, suggestions: [] }],
    },
    {
      name: "req.json() consumed before verifyWebhook(req)",
      filename: file("app/api/webhooks/clerk/route.ts"),
      code: `import { verifyWebhook } from "@clerk/nextjs/webhooks";
import type { NextRequest } from "next/server";

export async function POST(req: NextRequest) {
  const body = await req.json();
  console.log("Received webhook", body.type);
  try {
    const evt = await verifyWebhook(req);
    return Response.json({ id: evt.data.id });
  } catch {
    return new Response("Invalid signature", { status: 400 });
  }
}`,
      errors: [{ messageId: "consumedBefore", line: 5, column: 22, endLine: 5, endColumn: 32, data: { req: "req" } }],
    },
    {
      name: "req.text() consumed before verifyWebhook(request) in an arrow handler",
      filename: file("src/app/api/clerk/webhook/route.ts"),
      code: `import { verifyWebhook } from "@clerk/nextjs/webhooks";

export const POST = async (request: Request) => {
  const raw = await request.text();
  const evt = await verifyWebhook(request);
  return Response.json({ bytes: raw.length, type: evt.type });
};`,
      errors: [{ messageId: "consumedBefore", line: 4, column: 21, data: { req: "request" } }],
    },
  ],
});
