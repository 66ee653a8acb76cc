import { auth } from "@clerk/nextjs/server";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { deleteProject } from "./actions";

export default async function ProjectsPage() {
  const { isAuthenticated, orgId } = await auth();
  if (!isAuthenticated) redirect("/sign-in");
  if (!orgId) return <p>Select an organization.</p>;
  const projects = await db.project.findMany({ where: { orgId } });
  return (
    <ul>
      {projects.map((p) => (
        <li key={p.id}>
          {p.name}
          <form action={deleteProject.bind(null, p.id)}>
            <button type="submit">Delete</button>
          </form>
        </li>
      ))}
    </ul>
  );
}
