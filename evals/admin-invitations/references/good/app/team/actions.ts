"use server";

import { auth, clerkClient } from "@clerk/nextjs/server";
import { revalidatePath } from "next/cache";

export async function inviteMember(formData: FormData) {
  const { userId, orgId } = await auth.protect({ role: "org:admin" });
  if (!orgId) throw new Error("No active organization");
  const emailAddress = String(formData.get("email") ?? "").trim();
  if (!emailAddress.includes("@")) return { error: "Enter an email address" };

  const client = await clerkClient();
  await client.organizations.createOrganizationInvitation({
    organizationId: orgId,
    inviterUserId: userId,
    emailAddress,
    role: "org:member",
  });
  revalidatePath("/team");
  return { error: null };
}
