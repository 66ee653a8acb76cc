import { getAuth } from "@clerk/react-router/server";
import { redirect, useLoaderData } from "react-router";
import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/lib/db.server";

export async function loader(args: LoaderFunctionArgs) {
  const { userId } = getAuth(args);
  if (!userId) throw redirect("/sign-in");
  return { projects: await db.project.findMany({ where: { ownerId: userId } }) };
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
