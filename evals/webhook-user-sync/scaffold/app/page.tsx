import { auth } from "@clerk/nextjs/server";
import { db } from "@/lib/db";

export default async function HomePage() {
  const { userId } = await auth();
  const me = userId ? await db.user.findUnique({ where: { clerkId: userId } }) : null;
  return <h1>{me ? `Hello ${me.name ?? me.email ?? "there"}` : "Welcome"}</h1>;
}
