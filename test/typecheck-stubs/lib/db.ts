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
export interface ProjectRow {
  id: string;
  name: string;
  ownerId: string;
  orgId: string | null;
  createdAt: Date;
}
export interface OrganizationRow {
  id: string;
  clerkId: string;
  name: string;
  slug: string | null;
}

type Where<T> = Partial<T> & { OR?: Array<Partial<T>>; AND?: Array<Partial<T>> };
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

export const db: {
  user: Model<UserRow>;
  project: Model<ProjectRow>;
  organization: Model<OrganizationRow>;
} = new Proxy({} as never, {
  get() {
    throw new Error("documentation stub");
  },
});
