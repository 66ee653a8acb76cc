import { auth } from "@clerk/nextjs/server";
import { cacheLife } from "next/cache";

export interface Stats {
  projects: number;
  lastActive: string;
}

export async function getStats(): Promise<Stats> {
  "use cache";
  cacheLife("hours");
  const { userId } = await auth();
  return { projects: userId?.length ?? 0, lastActive: new Date(0).toISOString() };
}
