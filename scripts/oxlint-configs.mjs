// Regenerate the oxlint configs shipped in the package (oxlint/recommended.json, strict.json,
// all.json) from the plugin's configs. `npm run oxlint-configs`
import fs from "node:fs";
import { OXLINT_CONFIG_DIR, oxlintConfigFiles } from "../dist/util/oxlint-configs.js";

const dir = new URL(`../${OXLINT_CONFIG_DIR}/`, import.meta.url);
fs.mkdirSync(dir, { recursive: true });
const files = oxlintConfigFiles();
for (const [name, text] of Object.entries(files)) fs.writeFileSync(new URL(name, dir), text);
for (const name of fs.readdirSync(dir)) if (!(name in files)) fs.rmSync(new URL(name, dir));
console.log(`${OXLINT_CONFIG_DIR}/: ${Object.keys(files).join(", ")} updated`);
