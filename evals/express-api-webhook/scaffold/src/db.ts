// The API's data layer (a stand-in kept in memory for this eval).
export interface Project {
  id: string;
  ownerId: string;
  name: string;
}
export interface User {
  clerkId: string;
  email: string | null;
}

const projects: Project[] = [];
const users = new Map<string, User>();

export const db = {
  project: {
    async findMany(args: { where: { ownerId: string } }): Promise<Project[]> {
      return projects.filter((p) => p.ownerId === args.where.ownerId);
    },
    async create(args: { data: Omit<Project, "id"> }): Promise<Project> {
      const row = { id: crypto.randomUUID(), ...args.data };
      projects.push(row);
      return row;
    },
  },
  user: {
    async upsert(args: { where: { clerkId: string }; create: User; update: Partial<User> }): Promise<User> {
      const row = { ...(users.get(args.where.clerkId) ?? args.create), ...args.update };
      users.set(args.where.clerkId, row);
      return row;
    },
  },
};
