// App helpers that webhook examples import from "@/lib/users" (a block of the same group that
// defines lib/users.ts replaces this file).
import type { UserJSON } from "@clerk/backend";
import { db } from "./db.js";

export async function upsertUser(data: UserJSON) {
  const email = data.email_addresses.find((e) => e.id === data.primary_email_address_id)?.email_address ?? null;
  return db.user.upsert({ where: { clerkId: data.id }, create: { clerkId: data.id, email }, update: { email } });
}

export async function deleteUser(clerkId: string) {
  await db.user.deleteMany({ where: { clerkId } });
}
