"use server";

import { auth } from "@clerk/nextjs/server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";

export async function deleteProject(id: string) {
  const { orgId } = await auth.protect({ permission: "org:projects:delete" });
  if (!orgId) throw new Error("No active organization");
  await db.project.deleteMany({ where: { id, orgId } });
  revalidatePath("/projects");
}
