/**
 * Which findings are new: the comparison `ci` (head against base) and the
 * Claude Code hook (a file against its HEAD version) share. Findings match by
 * fingerprint (model.ts), as multisets: two identical findings before and three
 * after leave one new.
 */
import { type Finding, relocateFindings } from "./model.js";

/** A multiset of fingerprints. */
export class FingerprintBag {
  private counts = new Map<string, number>();

  constructor(fingerprints: Iterable<string> = []) {
    for (const fp of fingerprints) this.add(fp);
  }

  add(fp: string): void {
    this.counts.set(fp, (this.counts.get(fp) ?? 0) + 1);
  }

  /** Remove one `fp`; true when there was one. */
  take(fp: string): boolean {
    const n = this.counts.get(fp) ?? 0;
    if (n <= 0) return false;
    this.counts.set(fp, n - 1);
    return true;
  }

  get size(): number {
    return this.counts.size;
  }
}

/** For each of `after`, whether `before` had it (each finding of `before` matches once). */
export function matchFindings(after: readonly Finding[], before: readonly Finding[]): boolean[] {
  const bag = new FingerprintBag(before.map((f) => f.fingerprint));
  return after.map((f) => bag.take(f.fingerprint));
}

/** Path-free fingerprints of one file's findings (same order): for files moved with edits (delete + add). */
export function pathlessFingerprints(findings: readonly Finding[]): string[] {
  return relocateFindings(findings, "", "").map((f) => f.fingerprint);
}

export interface TreeFile {
  relPath: string;
  findings: Finding[];
}

export interface TreeComparisonInput {
  /** Head files with their findings. */
  headFiles: readonly TreeFile[];
  /** Head findings that are not lint findings of a file (anti-gaming); matched by fingerprint only. */
  headExtra: readonly Finding[];
  /** Base files with their findings, at their base paths. */
  baseFiles: readonly TreeFile[];
  baseExtra: readonly Finding[];
  /** Base path → head path, for renames and copies git detected. */
  renamedFrom: ReadonlyMap<string, string>;
  /** Base paths git saw deleted, and head paths it saw added: a move with edits. */
  deleted: ReadonlySet<string>;
  added: ReadonlySet<string>;
}

export interface TreeComparison {
  /** Every head finding (files in order, then the extras) with whether base had it. */
  head: Array<{ finding: Finding; existed: boolean }>;
  /** Base findings with no counterpart at head (renamed ones under their head path), parse errors left out. */
  fixed: Finding[];
}

/** Compare two trees' findings: new at head, and fixed since base. */
export function compareTrees(input: TreeComparisonInput): TreeComparison {
  // base findings as they would be named at head (renames followed)
  const baseAtHead = input.baseFiles.map((b) => {
    const to = input.renamedFrom.get(b.relPath);
    return to ? relocateFindings(b.findings, to, b.findings[0]?.filePath ?? "") : b.findings;
  });
  const head = [...input.headFiles.flatMap((h) => h.findings), ...input.headExtra].map((finding) => ({ finding, existed: false }));

  // pass 1: exact fingerprints (path-aware, detected renames followed)
  const remaining = new FingerprintBag([...baseAtHead.flat(), ...input.baseExtra].map((f) => f.fingerprint));
  for (const h of head) h.existed = remaining.take(h.finding.fingerprint);

  // pass 2: a file moved with edits shows as delete + add; match its findings path-free
  const pool = new FingerprintBag();
  for (const b of input.baseFiles) if (input.deleted.has(b.relPath)) for (const fp of pathlessFingerprints(b.findings)) pool.add(fp);
  const moved = new FingerprintBag();
  if (pool.size > 0) {
    const prints = new Map<Finding, string>();
    for (const h of input.headFiles) {
      if (!input.added.has(h.relPath)) continue;
      const p = pathlessFingerprints(h.findings);
      h.findings.forEach((f, i) => prints.set(f, p[i]!));
    }
    for (const h of head) {
      const print = prints.get(h.finding);
      if (h.existed || !print || !pool.take(print)) continue;
      h.existed = true;
      moved.add(print);
    }
  }

  // fixed: base findings with no counterpart at head (neither by fingerprint nor moved)
  const atHead = new FingerprintBag(head.map((h) => h.finding.fingerprint));
  const fixed: Finding[] = [];
  input.baseFiles.forEach((b, k) => {
    const prints = input.deleted.has(b.relPath) ? pathlessFingerprints(b.findings) : [];
    baseAtHead[k]!.forEach((f, i) => {
      if (atHead.take(f.fingerprint)) return;
      if (prints[i] && moved.take(prints[i]!)) return;
      if (f.ruleId !== "parse-error") fixed.push(f);
    });
  });
  return { head, fixed };
}
