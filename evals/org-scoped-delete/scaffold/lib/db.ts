// The app's data layer (a Prisma-shaped stand-in kept in memory for this eval).
export interface Project {
  id: string;
  orgId: string;
  name: string;
}

const rows = new Map<string, Project>();
type Where = { id?: string; orgId?: string };
const matches = (p: Project, where: Where) => (where.id === undefined || p.id === where.id) && (where.orgId === undefined || p.orgId === where.orgId);

export const db = {
  project: {
    async findMany(args: { where: Where }): Promise<Project[]> {
      return [...rows.values()].filter((p) => matches(p, args.where));
    },
    async delete(args: { where: { id: string } }): Promise<Project> {
      const row = rows.get(args.where.id);
      if (!row) throw new Error("Record to delete does not exist");
      rows.delete(row.id);
      return row;
    },
    async deleteMany(args: { where: Where }): Promise<{ count: number }> {
      let count = 0;
      for (const p of [...rows.values()]) if (matches(p, args.where) && rows.delete(p.id)) count++;
      return { count };
    },
  },
};
