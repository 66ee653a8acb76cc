/**
 * The CommonJS entry (`require("clerk-guard")`, e.g. in eslint.config.cjs): the plugin
 * object itself, the same instance that `import clerkGuard from "clerk-guard"` gives.
 * It loads the ES module build with require(esm), which Node.js has without a flag
 * since 20.19 and 22.12 (the `engines` range); older versions get a one-line reason.
 */
type PluginModule = typeof import("./index.js");

function load(): PluginModule {
  try {
    return require("./index.js") as PluginModule;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_REQUIRE_ESM") {
      throw new Error(
        `clerk-guard: require("clerk-guard") needs Node.js ^20.19.0 or >=22.12.0 (require of ES modules); this is Node.js ${process.versions.node}. Use an ES module config (eslint.config.mjs) or a newer Node.js.`,
      );
    }
    throw error;
  }
}

export = load().default;
