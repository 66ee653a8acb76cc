import { useLoaderData } from "react-router";
import { db } from "~/lib/db.server";

export async function loader() {
  return { projects: await db.project.findMany() };
}

export default function Dashboard() {
  const { projects } = useLoaderData<typeof loader>();
  return (
    <ul>
      {projects.map((p) => (
        <li key={p.id}>{p.name}</li>
      ))}
    </ul>
  );
}
