import { describe, expect, it } from "vitest";
import { findWrites } from "../../src/analysis/detectors/writes.js";
import { moduleFromText } from "../../src/analysis/project/index.js";

/** The source text of every write found in `code`. */
function writes(code: string): string[] {
  const mod = moduleFromText("/p", "/p/lib/x.tsx", code)!;
  return findWrites(mod.program, mod).map((w) => code.slice(w.node.range[0], w.node.range[1]).split("(")[0]!.split("`")[0]!);
}

describe("findWrites", () => {
  it("recognises ORM, driver and SQL writes", () => {
    expect(
      writes(`
await prisma.user.update({ where: { id }, data })
await tx.post.deleteMany()
await db.insert(todos).values({ text })
await db.update(todos).set({ done: true }).where(eq(todos.id, id))
await db.delete(todos).where(eq(todos.id, id))
await supabase.from("todos").upsert({ id })
await knex("todos").del()
await db.insertInto("todos").values({ text }).execute()
await Todo.create({ text })
await Todo.findByIdAndDelete(id)
await db.collection("todos").insertOne({ text })
const doc = new Todo({ text }); await doc.save()
await pool.query("UPDATE todos SET done = true WHERE id = $1", [id])
await sql\`DELETE FROM todos WHERE id = \${id}\`
await prisma.$executeRaw\`TRUNCATE todos\`
await firestore.collection("todos").doc(id).set({ text })
`),
    ).toEqual([
      "prisma.user.update",
      "tx.post.deleteMany",
      "db.insert",
      "db.update",
      "db.delete",
      'supabase.from',
      'knex',
      "db.insertInto",
      "Todo.create",
      "Todo.findByIdAndDelete",
      'db.collection',
      "doc.save",
      "pool.query",
      "sql",
      "prisma.$executeRaw",
      'firestore.collection',
    ]);
  });

  it("recognises Clerk Backend API mutations, Firestore functions, Convex and HTTP writes", () => {
    expect(
      writes(`
import { addDoc, getDocs } from "firebase/firestore"
import { fetchMutation, fetchQuery } from "convex/nextjs"
import axios from "axios"
await client.users.updateUserMetadata(userId, { publicMetadata: { role } })
await (await clerkClient()).organizations.deleteOrganization(orgId)
await client.invitations.revokeInvitation(id)
await addDoc(collection(db, "todos"), { text })
await fetchMutation(api.todos.add, { text })
await convex.mutation(api.todos.add, { text })
await axios.post("/api/todos", { text })
await fetch("/api/todos", { method: "DELETE" })
`),
    ).toEqual([
      "client.users.updateUserMetadata",
      "",
      "client.invitations.revokeInvitation",
      "addDoc",
      "fetchMutation",
      "convex.mutation",
      "axios.post",
      "fetch",
    ]);
  });

  it("ignores reads, Map/URL/cookie APIs and other SDKs' create/update", () => {
    expect(
      writes(`
import { getDocs } from "firebase/firestore"
await prisma.user.findMany({ where: { id } })
await client.users.getUser(id)
await fetch("/api/todos")
await fetch("/api/todos", { method: "GET" })
await fetch(url, { method })
url.searchParams.delete("q")
cache.delete(key)
this.sessions.delete(id)
;(await cookies()).delete("theme")
headers.set("x", "y")
Object.create(null)
await stripe.checkout.sessions.create({ mode: "payment", line_items })
await stripe.customers.update(customerId, { email })
createHmac("sha256", secret).update(body)
crypto.createHash("sha256").update(body)
await getDocs(q)
await pool.query("SELECT * FROM todos")
await sql\`SELECT 1\`
`),
    ).toEqual([]);
  });
});
