// Stand-in for Convex's generated API references.
import { anyApi } from "convex/server";

export const api = anyApi;
export const internal = anyApi;
