// Regenerate the tables generated from rule metadata: the rules table in README.md
// and the legacy API table in rules/no-legacy-api.md. `npm run readme`
import fs from "node:fs";
import { withRulesTable } from "../dist/util/rules-table.js";
import { updateLegacyDoc } from "./legacy-table.mjs";

const file = new URL("../README.md", import.meta.url);
fs.writeFileSync(file, withRulesTable(fs.readFileSync(file, "utf8")));
await updateLegacyDoc();
console.log("README.md rules table and rules/no-legacy-api.md table updated");
