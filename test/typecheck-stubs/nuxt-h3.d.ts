// What the @clerk/nuxt module generates into .nuxt/types/clerk.d.ts (addTypeTemplate in
// @clerk/nuxt 3's module.js): inside a Nuxt app, `event.context.auth` is Clerk's auth function.
import type { AuthFn } from "@clerk/nuxt/server";

declare module "h3" {
  interface H3EventContext {
    auth: AuthFn;
  }
}
