import { auth } from "@clerk/nextjs/server";
import { getStats } from "@/lib/stats";

export default async function DashboardPage() {
  const { userId } = await auth.protect();
  const stats = await getStats(userId);
  return (
    <p>
      {stats.projects} projects, last active {stats.lastActive}
    </p>
  );
}
