import { verifyWebhook } from "@clerk/nextjs/webhooks";
import type { NextRequest } from "next/server";
import { db } from "@/lib/db";

export async function POST(req: NextRequest) {
  let evt;
  try {
    evt = await verifyWebhook(req);
  } catch {
    return new Response("Invalid signature", { status: 400 });
  }

  if (evt.type === "user.created" || evt.type === "user.updated") {
    const data = evt.data;
    const email = data.email_addresses.find((e) => e.id === data.primary_email_address_id)?.email_address ?? null;
    const name = [data.first_name, data.last_name].filter(Boolean).join(" ") || null;
    await db.user.upsert({
      where: { clerkId: data.id },
      create: { clerkId: data.id, email, name },
      update: { email, name },
    });
  } else if (evt.type === "user.deleted" && evt.data.id) {
    await db.user.deleteMany({ where: { clerkId: evt.data.id } });
  }
  return new Response("OK", { status: 200 });
}
