// Packages that are not Clerk's and are not installed: examples import them (often in ❌ blocks,
// to show what clerk-guard reports), and their own API is not what the examples verify.
declare module "bcrypt";
declare module "bcryptjs";
declare module "jsonwebtoken";
declare module "next-auth";
declare module "next-auth/*";
declare module "next-themes";
declare module "iron-session";
declare module "lucia";
declare module "mongoose";
declare module "mongodb";
declare module "firebase/firestore";
declare module "firebase/app";
declare module "@supabase/supabase-js";

declare module "@prisma/client" {
  export class PrismaClient {
    user: import("./lib/db").Db["user"];
    project: import("./lib/db").Db["project"];
    organization: import("./lib/db").Db["organization"];
    $disconnect(): Promise<void>;
  }
}
