// The app's data layer (a Prisma-shaped stand-in kept in memory for this eval).
export interface User {
  id: string;
  clerkId: string;
  email: string | null;
  name: string | null;
}

type UserData = Omit<User, "id">;
const rows = new Map<string, User>();

export const db = {
  user: {
    async findUnique(args: { where: { clerkId: string } }): Promise<User | null> {
      return rows.get(args.where.clerkId) ?? null;
    },
    async create(args: { data: UserData }): Promise<User> {
      if (rows.has(args.data.clerkId)) throw new Error("Unique constraint failed on clerkId");
      const row = { id: crypto.randomUUID(), ...args.data };
      rows.set(row.clerkId, row);
      return row;
    },
    async upsert(args: { where: { clerkId: string }; create: UserData; update: Partial<UserData> }): Promise<User> {
      const existing = rows.get(args.where.clerkId);
      const row = existing ? { ...existing, ...args.update } : { id: crypto.randomUUID(), ...args.create };
      rows.set(row.clerkId, row);
      return row;
    },
    async deleteMany(args: { where: { clerkId: string } }): Promise<{ count: number }> {
      return { count: rows.delete(args.where.clerkId) ? 1 : 0 };
    },
  },
};
