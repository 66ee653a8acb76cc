"use server";

import { clerkClient } from "@clerk/nextjs/server";

export async function inviteMember(formData: FormData) {
  const client = await clerkClient();
  await client.organizations.createOrganizationInvitation({
    organizationId: String(formData.get("orgId")),
    emailAddress: String(formData.get("email")),
    role: "org:member",
  });
}
