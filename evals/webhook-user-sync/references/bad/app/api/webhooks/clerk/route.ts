import { Webhook } from "svix";
import type { WebhookEvent } from "@clerk/nextjs/server";
import { db } from "@/lib/db";

export async function POST(req: Request) {
  const payload = await req.json();
  const body = JSON.stringify(payload);
  const wh = new Webhook(process.env.WEBHOOK_SECRET!);
  let evt: WebhookEvent;
  try {
    evt = wh.verify(body, {
      "svix-id": req.headers.get("svix-id")!,
      "svix-timestamp": req.headers.get("svix-timestamp")!,
      "svix-signature": req.headers.get("svix-signature")!,
    }) as WebhookEvent;
  } catch {
    return new Response("Bad signature", { status: 400 });
  }
  if (evt.type === "user.created") {
    await db.user.create({ data: { clerkId: evt.data.id, email: evt.data.email_addresses[0]?.email_address ?? null, name: evt.data.first_name } });
  }
  return new Response("OK");
}
