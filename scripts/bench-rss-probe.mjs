// Preloaded into a CLI process by the memory benchmark (node --import): on exit it writes the
// process's peak resident set size (kilobytes, from getrusage) to $CLERK_GUARD_BENCH_RSS_FILE.
// A process killed by the OOM handler never reaches "exit", so a missing file means a crash.
import fs from "node:fs";

const out = process.env.CLERK_GUARD_BENCH_RSS_FILE;
if (out) {
  process.on("exit", () => {
    try {
      fs.writeFileSync(out, String(process.resourceUsage().maxRSS));
    } catch {
      // the benchmark reports a missing figure
    }
  });
}
