import { auth } from "@clerk/nextjs/server";
import { redirect } from "next/navigation";
import { InviteForm } from "./invite-form";

export default async function TeamPage() {
  const { isAuthenticated, orgId } = await auth();
  if (!isAuthenticated) redirect("/sign-in");
  if (!orgId) return <p>Select an organization.</p>;
  return (
    <main>
      <h1>Team</h1>
      <InviteForm />
    </main>
  );
}
