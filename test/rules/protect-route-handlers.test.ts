import fs from "node:fs";
import path from "node:path";
import rule from "../../src/rules/protect-route-handlers.js";
import { REPO, file, runRuleTests } from "../helpers.js";

/** Files of the small projects under fixtures/rule-projects (each has a real middleware/proxy on disk). */
const rp = (project: string, rel: string) => path.join(REPO, "fixtures", "rule-projects", project, rel);

function withProtect(code: string, fnLine: number, importAfter?: number, call = "  await auth.protect()"): string {
  const lines = code.split("\n");
  lines.splice(fnLine, 0, call);
  if (importAfter !== undefined) lines.splice(importAfter, 0, 'import { auth } from "@clerk/nextjs/server"');
  return lines.join("\n");
}

const UNCHECKED_POST = `import { NextResponse } from "next/server"
import { db } from "@/lib/db"
export async function POST(req: Request) {
  const { name } = await req.json()
  const project = await db.project.create({ data: { name } })
  return NextResponse.json({ project }, { status: 201 })
}`;

const MIXED = `import { auth, clerkClient } from "@clerk/nextjs/server"
import { sql } from "@vercel/postgres"
export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const client = await clerkClient()
  await client.users.deleteUser(id)
  return new Response(null, { status: 204 })
}
async function update(req: Request) {
  const { id, name } = await req.json()
  await sql\`UPDATE members SET name = \${name} WHERE id = \${id}\`
  return Response.json({ ok: true })
}
export { update as PUT }
export async function GET() {
  const { userId } = await auth()
  return Response.json({ userId })
}`;

const V5 = `import prisma from "@/lib/db"
export async function POST(req: Request) {
  const { name } = await req.json()
  return Response.json(await prisma.project.create({ data: { name } }))
}`;

runRuleTests("protect-route-handlers", rule, {
  valid: [
    {
      name: "a clerkMiddleware handler passed by name protects the route (followed like an inline one)",
      filename: rp("mw-named-handler", "app/api/reports/route.ts"),
      code: fs.readFileSync(rp("mw-named-handler", "app/api/reports/route.ts"), "utf8"),
    },
    {
      name: "a public feedback form: the only POST is the bot check's verification call (Turnstile siteverify)",
      filename: file("src/app/api/feedback/route.ts"),
      code: `import { NextResponse } from "next/server"
import { sendMail } from "@/lib/mailer"
async function passedBotCheck(token: string, ip: string | null) {
  const res = await fetch("https://challenges.cloudflare.com/turnstile/v0/siteverify", {
    method: "POST",
    body: new URLSearchParams({ secret: process.env.TURNSTILE_SECRET_KEY ?? "", response: token, remoteip: ip ?? "" }),
  })
  const verdict = (await res.json()) as { success: boolean }
  return verdict.success
}
export async function POST(req: Request) {
  const { message, token } = await req.json()
  if (!(await passedBotCheck(token, req.headers.get("x-forwarded-for")))) {
    return NextResponse.json({ error: "Bot check failed" }, { status: 400 })
  }
  await sendMail({ to: "team@example.com", subject: "Feedback", text: String(message).slice(0, 2000) })
  return NextResponse.json({ ok: true })
}`,
    },
    {
      name: "await auth() with a 401, and await auth.protect() (Core 3)",
      filename: file("src/app/api/projects/[id]/route.ts"),
      code: `import { NextResponse } from "next/server"
import { auth } from "@clerk/nextjs/server"
import { prisma } from "@/lib/db"
export async function POST(req: Request) {
  const { userId } = await auth()
  if (!userId) return NextResponse.json({ error: "Unauthorized" }, { status: 401 })
  return NextResponse.json(await prisma.project.create({ data: { ...(await req.json()), ownerId: userId } }))
}
export async function PATCH(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { userId } = await auth.protect()
  const { id } = await params
  await prisma.project.updateMany({ where: { id, ownerId: userId }, data: await req.json() })
  return NextResponse.json({ ok: true })
}
export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { isAuthenticated, userId } = await auth()
  if (!isAuthenticated) return new Response("Unauthorized", { status: 401 })
  const { id } = await params
  await prisma.project.deleteMany({ where: { id, ownerId: userId } })
  return new Response(null, { status: 204 })
}`,
    },
    {
      name: "GET handlers are not judged, even when they write",
      filename: file("app/api/views/route.ts"),
      code: `import { db } from "@/lib/db"
export async function GET(req: Request) {
  await db.pageView.create({ data: { path: new URL(req.url).pathname } })
  return new Response("ok")
}`,
    },
    {
      name: "verified Clerk webhook",
      filename: file("app/api/webhooks/clerk/route.ts"),
      code: `import { verifyWebhook } from "@clerk/nextjs/webhooks"
import { db } from "@/lib/db"
export async function POST(req: Request) {
  let evt
  try { evt = await verifyWebhook(req) } catch { return new Response("Invalid signature", { status: 400 }) }
  if (evt.type === "user.deleted" && evt.data.id) await db.user.deleteMany({ where: { clerkId: evt.data.id } })
  return new Response("ok")
}`,
    },
    {
      name: "an unverified Clerk webhook is left to require-webhook-verification",
      filename: file("app/api/webhooks/clerk/route.ts"),
      code: `import type { WebhookEvent } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
export async function POST(req: Request) {
  const evt = (await req.json()) as WebhookEvent
  if (evt.type === "user.deleted") await db.user.deleteMany({ where: { clerkId: evt.data.id } })
  return new Response("ok")
}`,
    },
    {
      name: "Stripe webhook verified with constructEvent; HMAC signature; cron secret; API key",
      filename: file("app/api/integrations/route.ts"),
      code: `import Stripe from "stripe"
import { createHmac, timingSafeEqual } from "node:crypto"
import { verifyApiKey } from "@/lib/api-keys"
import { db } from "@/lib/db"
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!)
export async function POST(req: Request) {
  const body = await req.text()
  const event = stripe.webhooks.constructEvent(body, req.headers.get("stripe-signature")!, process.env.STRIPE_WEBHOOK_SECRET!)
  await db.payment.create({ data: { stripeId: event.id } })
  return new Response("ok")
}
export async function PUT(req: Request) {
  const body = await req.text()
  const signature = req.headers.get("x-hub-signature-256") ?? ""
  const expected = "sha256=" + createHmac("sha256", process.env.GITHUB_SECRET!).update(body).digest("hex")
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    return new Response("Bad signature", { status: 401 })
  }
  await db.push.create({ data: { payload: body } })
  return new Response("ok")
}
export async function DELETE(req: Request) {
  if (req.headers.get("authorization") !== \`Bearer \${process.env.CRON_SECRET}\`) {
    return new Response("Unauthorized", { status: 401 })
  }
  await db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } })
  return new Response(null, { status: 204 })
}
export async function PATCH(req: Request) {
  const key = await verifyApiKey(req.headers.get("x-api-key") ?? "")
  if (!key) return new Response("Invalid API key", { status: 401 })
  await db.project.updateMany({ where: { ownerId: key.ownerId }, data: await req.json() })
  return new Response(null, { status: 204 })
}`,
    },
    {
      name: "path listed public in the middleware (a contact form on purpose)",
      filename: rp("protect-endpoints", "app/api/contact/route.ts"),
      code: `import { db } from "@/lib/db"
export async function POST(req: Request) {
  const { email, message } = await req.json()
  await db.contactMessage.create({ data: { email, message } })
  return new Response(null, { status: 204 })
}`,
    },
    {
      name: "path protected by the middleware's protected list",
      filename: rp("protect-endpoints", "app/api/admin/users/[id]/route.ts"),
      code: `import { clerkClient } from "@clerk/nextjs/server"
export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const client = await clerkClient()
  await client.users.deleteUser((await params).id)
  return new Response(null, { status: 204 })
}`,
    },
    {
      name: "v6 middleware protecting everything but the public list",
      filename: rp("protect-all-v6", "src/app/api/invoices/route.ts"),
      code: UNCHECKED_POST,
    },
    {
      name: "v5 authMiddleware protects everything but publicRoutes; ignoredRoutes are public",
      filename: rp("protect-all-v5", "app/api/health/route.ts"),
      code: `import prisma from "@/lib/db"
export async function POST() {
  await prisma.heartbeat.create({ data: { at: new Date() } })
  return new Response("ok")
}`,
    },
    {
      name: "a middleware that redirects signed-out users away from non-public paths protects them",
      filename: rp("redirect-gate", "app/api/tasks/route.ts"),
      code: UNCHECKED_POST,
    },
    {
      name: "…and the paths of its public list are public on purpose",
      filename: rp("redirect-gate", "app/api/newsletter/route.ts"),
      code: UNCHECKED_POST,
    },
    {
      name: "v5: sync auth() with a check",
      filename: file("app/api/projects/route.ts", "next5"),
      code: `import { auth } from "@clerk/nextjs/server"
import prisma from "@/lib/db"
export async function POST(req: Request) {
  const { userId } = auth()
  if (!userId) return new Response("Unauthorized", { status: 401 })
  return Response.json(await prisma.project.create({ data: { ...(await req.json()), ownerId: userId } }))
}`,
    },
    {
      name: "wrapped handlers are judged by their wrapper",
      filename: file("app/api/todos/route.ts"),
      code: `import { withAuth } from "@/lib/with-auth"
import { db } from "@/lib/db"
export const POST = withAuth(async (req: Request, userId: string) => Response.json(await db.todo.create({ data: { userId, ...(await req.json()) } })))`,
    },
    {
      name: "Pages Router API routes and other files are out of scope; so are projects without @clerk/nextjs",
      filename: file("app/api/items/route.ts", "plain"),
      code: UNCHECKED_POST,
    },
    {
      name: "pages/api",
      filename: file("pages/api/items.ts"),
      code: `import { db } from "@/lib/db"
export default async function handler(req: any, res: any) { await db.item.create({ data: req.body }); res.status(201).end() }`,
    },
  ],
  invalid: [
    {
      name: "a clerkMiddleware handler passed by name does not protect this route: the unchecked POST is reported",
      filename: rp("mw-named-handler", "app/api/projects/route.ts"),
      code: fs.readFileSync(rp("mw-named-handler", "app/api/projects/route.ts"), "utf8"),
      errors: [
        {
          messageId: "unprotected",
          line: 3,
          column: 23,
          suggestions: [
            {
              messageId: "addProtect",
              output: `import { db } from "@/lib/db";
import { auth } from "@clerk/nextjs/server";

export async function POST(req: Request) {
  await auth.protect();
  const { name } = await req.json();
  const project = await db.project.create({ data: { name } });
  return Response.json(project, { status: 201 });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "POST creates a record with no check, and the middleware leaves the path to the handler",
      filename: rp("protect-endpoints", "app/api/projects/route.ts"),
      code: UNCHECKED_POST,
      errors: [
        {
          messageId: "unprotected",
          line: 3,
          column: 23,
          endColumn: 27,
          data: { name: "POST", path: "/api/projects", write: "`db.project.create(…)` on line 5" },
          suggestions: [{ messageId: "addProtect", data: { call: "await auth.protect()" }, output: withProtect(UNCHECKED_POST, 3, 2) }],
        },
      ],
    },
    {
      name: "Clerk user deletion and raw SQL in a dynamic route; no middleware at all; PUT exported by name",
      filename: file("app/api/members/[id]/route.ts"),
      code: MIXED,
      errors: [
        {
          messageId: "unprotected",
          line: 3,
          column: 23,
          data: { name: "DELETE", path: "/api/members/[id]", write: "`client.users.deleteUser(…)` on line 6" },
          suggestions: [{ messageId: "addProtect", output: withProtect(MIXED, 3) }],
        },
        {
          messageId: "unprotected",
          line: 14,
          column: 20,
          data: { name: "PUT", path: "/api/members/[id]", write: "`sql`…`` on line 11" },
          suggestions: [{ messageId: "addProtect", output: withProtect(MIXED, 9) }],
        },
      ],
    },
    {
      name: "the middleware protects pages only: its matcher skips /api",
      filename: rp("narrow-matcher", "app/api/notes/route.ts"),
      code: UNCHECKED_POST,
      errors: [{ messageId: "unprotected", line: 3, column: 23, data: { name: "POST", path: "/api/notes", write: "`db.project.create(…)` on line 5" }, suggestions: [{ messageId: "addProtect", output: withProtect(UNCHECKED_POST, 3, 2) }] }],
    },
    {
      name: "v5: the suggestion uses auth().protect()",
      filename: file("app/api/projects/route.ts", "next5"),
      code: V5,
      errors: [
        {
          messageId: "unprotected",
          line: 2,
          column: 23,
          suggestions: [{ messageId: "addProtect", data: { call: "auth().protect()" }, output: withProtect(V5, 2, 1, "  auth().protect()") }],
        },
      ],
    },
  ],
});
