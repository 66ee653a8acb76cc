/** Temporary git repositories for CLI tests (check --staged, ci, baseline). */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { APPS } from "./helpers.js";
import { tempDir } from "./temp.js";

export class TempRepo {
  readonly dir: string;

  constructor(prefix = "clerk-guard-git-") {
    this.dir = tempDir(prefix); // removed after the test file

    this.git("init", "-q", "-b", "main");
    this.git("config", "user.name", "clerk-guard tests");
    this.git("config", "user.email", "tests@example.com");
    this.git("config", "commit.gpgsign", "false");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  }

  path(rel: string): string {
    return path.join(this.dir, ...rel.split("/"));
  }

  write(rel: string, content: string | Buffer): void {
    const f = this.path(rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, content);
  }

  read(rel: string): string {
    return fs.readFileSync(this.path(rel), "utf8");
  }

  /** git mv (creating the target directory). */
  move(from: string, to: string): void {
    fs.mkdirSync(path.dirname(this.path(to)), { recursive: true });
    this.git("mv", from, to);
  }

  remove(rel: string): void {
    fs.rmSync(this.path(rel), { force: true });
  }

  /** Copy a fixture app (or a directory of it) into the repo. */
  copyApp(app: string, to = ""): void {
    fs.cpSync(path.join(APPS, app), to ? this.path(to) : this.dir, { recursive: true });
  }

  commit(message: string): string {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.git("rev-parse", "HEAD").trim();
  }

  /** Hash of every working-tree file (path → content), for "byte-identical" assertions. */
  snapshot(): Map<string, string> {
    const out = new Map<string, string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === ".git") continue;
        const f = path.join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else out.set(path.relative(this.dir, f), fs.readFileSync(f).toString("base64") + ":" + fs.statSync(f).mtimeMs);
      }
    };
    walk(this.dir);
    return out;
  }
}

/** A clean Core 3 route handler that a PR can break. */
export const CLEAN_ROUTE = `import { auth } from "@clerk/nextjs/server";
import { NextResponse } from "next/server";

export async function GET() {
  const { userId } = await auth();
  if (!userId) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  return NextResponse.json({ userId });
}
`;

/** A 'use client' component importing a server-only helper (critical: no-server-helpers-in-client). */
export const CLIENT_WITH_SERVER_HELPER = `'use client'
import { currentUser } from "@clerk/nextjs/server";

export function Profile() {
  return <button onClick={async () => console.log(await currentUser())}>me</button>;
}
`;

/** The same file, fixed. */
export const CLIENT_FIXED = `'use client'
import { useUser } from "@clerk/nextjs";

export function Profile() {
  const { user } = useUser();
  return <span>{user?.firstName}</span>;
}
`;
