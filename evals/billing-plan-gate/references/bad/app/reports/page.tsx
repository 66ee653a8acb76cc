import { PricingTable, Show } from "@clerk/nextjs";
import { auth } from "@clerk/nextjs/server";
import { redirect } from "next/navigation";
import { listReports } from "@/lib/reports";

export default async function ReportsPage() {
  const { isAuthenticated, userId } = await auth();
  if (!isAuthenticated) redirect("/sign-in");
  const reports = await listReports(userId);
  return (
    <Show when={{ feature: "reports" }} fallback={<PricingTable />}>
      <ul>
        {reports.map((r) => (
          <li key={r.id}>{r.title}</li>
        ))}
      </ul>
    </Show>
  );
}
