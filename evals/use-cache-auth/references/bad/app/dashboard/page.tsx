import { auth } from "@clerk/nextjs/server";
import { getStats } from "@/lib/stats";

export default async function DashboardPage() {
  await auth.protect();
  const stats = await getStats();
  return (
    <p>
      {stats.projects} projects, last active {stats.lastActive}
    </p>
  );
}
