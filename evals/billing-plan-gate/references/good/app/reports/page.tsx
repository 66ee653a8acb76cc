import { PricingTable } from "@clerk/nextjs";
import { auth } from "@clerk/nextjs/server";
import { redirect } from "next/navigation";
import { listReports } from "@/lib/reports";

export default async function ReportsPage() {
  const { isAuthenticated, userId, has } = await auth();
  if (!isAuthenticated) redirect("/sign-in");
  if (!has({ feature: "reports" })) {
    return (
      <main>
        <p>Reports are part of the Pro plan.</p>
        <PricingTable />
      </main>
    );
  }
  const reports = await listReports(userId);
  return (
    <ul>
      {reports.map((r) => (
        <li key={r.id}>{r.title}</li>
      ))}
    </ul>
  );
}
