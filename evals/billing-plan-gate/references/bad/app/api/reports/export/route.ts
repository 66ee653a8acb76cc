import { currentUser } from "@clerk/nextjs/server";
import { listReports, toCsv } from "@/lib/reports";

export async function GET() {
  const user = await currentUser();
  if (!user) return new Response("Unauthorized", { status: 401 });
  if (user.unsafeMetadata.plan !== "pro") return new Response("Upgrade to export reports", { status: 402 });
  return new Response(toCsv(await listReports(user.id)), { headers: { "content-type": "text/csv" } });
}
