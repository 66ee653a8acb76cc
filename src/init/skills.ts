/**
 * Copy the package's skills (skills/<name>/**) into .claude/skills/ (or
 * ~/.claude/skills/ with --global). A manifest beside them records the hash of
 * every file init wrote, so a re-run updates files the user has not touched
 * and refuses, skill by skill, to overwrite one the user changed (--force
 * overwrites it and keeps a backup, in a folder git ignores).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Action, type InitContext, PACKAGE_ROOT, type Write, backupOf, display, target } from "./plan.js";

export const MANIFEST = ".clerk-guard-manifest.json";

interface Manifest {
  files: Record<string, string>;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else if (entry.isFile()) out.push(path.relative(base, full).split(path.sep).join("/"));
  }
  return out.sort();
}

/** Skill directories shipped in the package: those with a SKILL.md. */
export function packageSkills(source = path.join(PACKAGE_ROOT, "skills")): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(source);
  } catch {
    return [];
  }
  return names.filter((n) => fs.existsSync(path.join(source, n, "SKILL.md"))).sort();
}

export function planSkills(ctx: InitContext, destRoot: string, source = path.join(PACKAGE_ROOT, "skills")): Action[] {
  const skills = packageSkills(source);
  if (skills.length === 0) return [{ kind: "skip", target: display(ctx, destRoot), summary: "this clerk-guard package has no skills to install" }];
  const manifestFile = target(ctx, path.join(destRoot, MANIFEST));
  let manifest: Manifest = { files: {} };
  if (manifestFile.content !== undefined) {
    try {
      const parsed = JSON.parse(manifestFile.content) as Partial<Manifest>;
      if (parsed.files && typeof parsed.files === "object") manifest = { files: { ...parsed.files } };
    } catch {
      // an unreadable manifest only means init cannot tell its own files from the user's
    }
  }
  const recorded = { ...manifest.files };
  const actions: Action[] = [];
  for (const skill of skills) {
    const files = listFiles(path.join(source, skill));
    const writes: Write[] = [];
    const pending: Array<[string, string]> = [];
    const changedByUser: string[] = [];
    let existing = 0;
    for (const rel of files) {
      const key = `${skill}/${rel}`;
      const content = fs.readFileSync(path.join(source, skill, rel), "utf8");
      const dest = target(ctx, path.join(destRoot, skill, rel));
      if (dest.content !== undefined) existing++;
      if (dest.content === content) {
        recorded[key] = sha256(content);
        continue;
      }
      pending.push([key, sha256(content)]);
      if (dest.content !== undefined && recorded[key] !== sha256(dest.content)) {
        changedByUser.push(rel);
        writes.push({ file: dest.path, content, backup: backupOf(ctx, dest.path).path });
      } else writes.push({ file: dest.path, content });
    }
    const where = `${display(ctx, path.join(destRoot, skill))}/`;
    if (changedByUser.length > 0 && !ctx.force) {
      actions.push({
        kind: "skip",
        target: where,
        summary: `${changedByUser.join(", ")} ${changedByUser.length === 1 ? "differs" : "differ"} from what clerk-guard installed (changed by you?); --force overwrites, keeping a backup in ${backupOf(ctx, path.join(destRoot, skill)).folder}`,
      });
      continue;
    }
    for (const [key, hash] of pending) recorded[key] = hash;
    if (writes.length === 0) actions.push({ kind: "unchanged", target: where, summary: "up to date" });
    else if (existing === 0) actions.push({ kind: "create", target: where, summary: `${files.length} ${files.length === 1 ? "file" : "files"}`, writes });
    else
      actions.push({
        kind: "update",
        target: where,
        summary: `${writes.length} of ${files.length} files${changedByUser.length > 0 ? ` (--force: overwrites your changes to ${changedByUser.join(", ")}, backups kept)` : ""}`,
        writes,
      });
  }
  const sorted = Object.fromEntries(Object.entries(recorded).sort(([a], [b]) => (a < b ? -1 : 1)));
  const content = JSON.stringify({ generator: "clerk-guard init", files: sorted }, null, 2) + "\n";
  if (content !== manifestFile.content) {
    actions.push({
      kind: manifestFile.content === undefined ? "create" : "update",
      target: display(ctx, path.join(destRoot, MANIFEST)),
      summary: "hashes of the installed skill files (how init tells your edits from its own)",
      writes: [{ file: manifestFile.path, content }],
    });
  }
  return actions;
}
