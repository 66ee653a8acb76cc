import { auth } from "@clerk/nextjs/server";
import { listReports, toCsv } from "@/lib/reports";

export async function GET() {
  const { isAuthenticated, userId, has } = await auth();
  if (!isAuthenticated) return new Response("Unauthorized", { status: 401 });
  if (!has({ feature: "reports" })) return new Response("Upgrade to export reports", { status: 402 });
  return new Response(toCsv(await listReports(userId)), { headers: { "content-type": "text/csv" } });
}
