import { auth } from "@clerk/nextjs/server";
import { listReports, toCsv } from "@/lib/reports";

export async function GET() {
  const { isAuthenticated, userId } = await auth();
  if (!isAuthenticated) return new Response("Unauthorized", { status: 401 });
  return new Response(toCsv(await listReports(userId)), { headers: { "content-type": "text/csv" } });
}
