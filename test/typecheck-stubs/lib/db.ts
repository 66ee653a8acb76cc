/**
 * A Prisma-shaped database stub for documentation examples (`import { db } from "@/lib/db"`).
 * Type-checking examples against it catches wrong argument shapes without a real schema.
 */
export interface UserRow {
  id: string;
  clerkId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  imageUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export interface ProfileRow {
  id: string;
  userId: string;
  name: string;
  email: string;
  imageUrl: string;
}
export interface ProjectRow {
  id: string;
  name: string;
  ownerId: string;
  orgId: string | null;
  archivedAt: Date | null;
  createdAt: Date;
}
export interface NoteRow {
  id: string;
  authorId: string;
  orgId: string | null;
  text: string | null;
  body: string | null;
  createdAt: Date;
}
export interface SettingRow {
  userId: string;
  theme: string;
}
export interface SessionRow {
  id: string;
  userId: string;
  expiresAt: Date;
}
export interface InvoiceRow {
  id: string;
  orgId: string;
  status: "open" | "paid" | "void";
  amountCents: number;
}
export interface OrganizationRow {
  id: string;
  clerkId: string;
  name: string;
  slug: string | null;
}

/** Prisma-style filters: a value, or an operator object ({ lt: new Date() }, { in: [...] }). */
type Filter<V> = V | { equals?: V; not?: V; in?: V[]; notIn?: V[]; lt?: V; lte?: V; gt?: V; gte?: V };
type Where<T> = { [K in keyof T]?: Filter<T[K]> } & { OR?: Array<Where<T>>; AND?: Array<Where<T>> };
interface Model<T> {
  findUnique(args: { where: Partial<T>; select?: Partial<Record<keyof T, boolean>> }): Promise<T | null>;
  findFirst(args?: { where?: Where<T>; orderBy?: Partial<Record<keyof T, "asc" | "desc">> }): Promise<T | null>;
  findMany(args?: { where?: Where<T>; orderBy?: Partial<Record<keyof T, "asc" | "desc">>; take?: number; skip?: number }): Promise<T[]>;
  create(args: { data: Partial<T> }): Promise<T>;
  upsert(args: { where: Partial<T>; create: Partial<T>; update: Partial<T> }): Promise<T>;
  update(args: { where: Partial<T>; data: Partial<T> }): Promise<T>;
  updateMany(args: { where: Where<T>; data: Partial<T> }): Promise<{ count: number }>;
  delete(args: { where: Partial<T> }): Promise<T>;
  deleteMany(args: { where: Where<T> }): Promise<{ count: number }>;
}

export interface Db {
  user: Model<UserRow>;
  profile: Model<ProfileRow>;
  project: Model<ProjectRow>;
  organization: Model<OrganizationRow>;
  note: Model<NoteRow>;
  setting: Model<SettingRow>;
  session: Model<SessionRow>;
  invoice: Model<InvoiceRow>;
}

export const db: Db = new Proxy({} as never, {
  get() {
    throw new Error("documentation stub");
  },
});
