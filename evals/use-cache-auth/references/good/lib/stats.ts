import { cacheLife } from "next/cache";

// Expensive per-user statistics (a stand-in for a slow aggregate query).
export interface Stats {
  projects: number;
  lastActive: string;
}

export async function getStats(userId: string): Promise<Stats> {
  "use cache";
  cacheLife("hours");
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { projects: userId.length, lastActive: new Date(0).toISOString() };
}
