"use server";

import { auth } from "@clerk/nextjs/server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";

export async function deleteProject(id: string) {
  const { orgRole } = await auth.protect();
  if (orgRole !== "org:admin") throw new Error("Forbidden");
  await db.project.delete({ where: { id } });
  revalidatePath("/projects");
}
