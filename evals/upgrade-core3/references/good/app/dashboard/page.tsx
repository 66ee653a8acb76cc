import { auth, clerkClient } from "@clerk/nextjs/server";

export default async function DashboardPage() {
  const { userId } = await auth.protect();
  const client = await clerkClient();
  const user = await client.users.getUser(userId);
  return <h1>Welcome back, {user.firstName ?? "there"}</h1>;
}
