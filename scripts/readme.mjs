// Regenerate the rules table in README.md from rule metadata: npm run readme
import fs from "node:fs";
import { withRulesTable } from "../dist/util/rules-table.js";

const file = new URL("../README.md", import.meta.url);
fs.writeFileSync(file, withRulesTable(fs.readFileSync(file, "utf8")));
console.log("README.md rules table updated");
