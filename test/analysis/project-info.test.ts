import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareVersions, projectInfoFor, versionFromRange } from "../../src/analysis/project-info.js";
import { PROJECTS } from "../helpers.js";

describe("versionFromRange", () => {
  it("gives the lower bound a range names, and nothing for a bare major or alternatives", () => {
    expect(versionFromRange("^7.3.3")).toBe("7.3.3");
    expect(versionFromRange("~6.12")).toBe("6.12.0");
    expect(versionFromRange("7.9.17")).toBe("7.9.17");
    expect(versionFromRange("npm:@clerk/nextjs@^7.6.1")).toBe("7.6.1");
    expect(versionFromRange("^7")).toBeUndefined();
    expect(versionFromRange("^6.30.0 || ^7.2.0")).toBeUndefined();
    expect(versionFromRange("workspace:*")).toBeUndefined();
  });
  it("compares numerically, not as text", () => {
    expect(compareVersions("7.3.3", "7.5.14")).toBeLessThan(0);
    expect(compareVersions("7.10.0", "7.5.14")).toBeGreaterThan(0);
    expect(compareVersions("7.5.14", "7.5.14")).toBe(0);
  });
});

describe("projectInfoFor: lockfiles and workspaces", () => {
  it("reads the installed version from package-lock.json over the declared range", () => {
    const info = projectInfoFor(path.join(PROJECTS, "next7-lock73", "src/proxy.ts"));
    expect(info.major("@clerk/nextjs")).toBe(7);
    expect(info.version("@clerk/nextjs")).toBe("7.3.3");
  });
  it("a project the pnpm workspace does not list is not described by the workspace lockfile", () => {
    const info = projectInfoFor(path.join(PROJECTS, "mw-outside-workspace", "examples/cache-demo/src/proxy.ts"));
    expect(info.major("next")).toBe(16);
    expect(info.version("@clerk/nextjs")).toBe("7.9.0");
  });
  it("a workspace member reads its own importer section of pnpm-lock.yaml", () => {
    const info = projectInfoFor(path.join(PROJECTS, "mw-outside-workspace", "packages/shared-ui/index.ts"));
    expect(info.major("next")).toBe(15);
    expect(info.version("next")).toBe("15.5.2");
    expect(info.version("@clerk/nextjs")).toBe("7.1.0");
  });
  it("only a major is known from a `clerkVersion: 7` setting", () => {
    const info = projectInfoFor(path.join(PROJECTS, "next7", "app/page.tsx"), { clerkVersion: 7 });
    expect(info.major("@clerk/nextjs")).toBe(7);
    expect(info.version("@clerk/nextjs")).toBeUndefined();
  });
});
