// `import { prisma } from "@/lib/prisma"`: the same Prisma-shaped stub as `@/lib/db`.
export { db as prisma } from "./db.js";
