// The app's data layer (a stand-in kept in memory for this eval).
export interface Project {
  id: string;
  ownerId: string;
  name: string;
}

const projects: Project[] = [];

export const db = {
  project: {
    async findMany(args: { where?: { ownerId?: string } } = {}): Promise<Project[]> {
      return projects.filter((p) => args.where?.ownerId === undefined || p.ownerId === args.where.ownerId);
    },
  },
};
