/** Reset every analysis cache: a cold start, as a fresh CLI process would have. */
import { clearFsCaches } from "./fs-cache.js";
import { clearProjectInfoCaches } from "./project-info.js";
import { resetProjectIndexes } from "./project/index.js";
import { clearResolveCache } from "./project/resolve.js";

export function resetAnalysisCaches(): void {
  clearFsCaches();
  clearProjectInfoCaches();
  clearResolveCache();
  resetProjectIndexes();
}
