import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { typeAwareRules } from "../../eslint.config.mjs";

// The layers of ARCHITECTURE.md are enforced by eslint.config.mjs; these snippets are linted as if
// they sat at the given path, so a zone that stops matching fails here, not in review.
const root = path.resolve(import.meta.dirname, "../..");
const layerRules = new Set(["import/no-restricted-paths", "no-restricted-imports"]);

let eslint: ESLint;
beforeAll(() => {
  // The snippets are not files of the TypeScript project, so they are linted without type info.
  eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      files: ["**/*.{ts,tsx}"],
      languageOptions: { parserOptions: { projectService: false } },
      rules: Object.fromEntries(Object.keys(typeAwareRules).map((rule) => [rule, "off"])),
    },
  });
});

async function layerErrors(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId && layerRules.has(m.ruleId)).map((m) => m.ruleId);
}

describe("layer rules", { timeout: 120_000 }, () => {
  it.each([
    ["components/x.tsx", `import { getDb } from "@/db/client";\nexport const x = getDb;\n`],
    [
      "components/x.tsx",
      `import { switchOrganization } from "@/app/(app)/actions";\nexport const x = switchOrganization;\n`,
    ],
    [
      "lib/x.ts",
      `import { setupSchema } from "@/app/(auth)/setup/schema";\nexport const x = setupSchema;\n`,
    ],
    ["lib/x.ts", `import { machineApp } from "@/machine/app";\nexport const x = machineApp;\n`],
    ["db/queries/x.ts", `import { log } from "@/lib/log";\nexport const x = log;\n`],
    ["db/queries/x.ts", `import { log } from "../../lib/log";\nexport const x = log;\n`],
    ["proxy.ts", `import { getDb } from "./db/client";\nexport const x = getDb;\n`],
    [
      "machine/x.ts",
      `import { Button } from "@/components/ui/button";\nexport const x = Button;\n`,
    ],
    ["lib/x.ts", `import { sql } from "drizzle-orm";\nexport const x = sql;\n`],
  ])("%s may not: %s", async (file, code) => {
    expect(await layerErrors(file, code)).not.toHaveLength(0);
  });

  it.each([
    [
      "app/(app)/x.ts",
      `import { getDb } from "@/db/client";\nimport { log } from "@/lib/log";\nimport { Button } from "@/components/ui/button";\nexport const x = [getDb, log, Button];\n`,
    ],
    [
      "machine/x.ts",
      `import { getDb } from "@/db/client";\nimport { log } from "@/lib/log";\nexport const x = [getDb, log];\n`,
    ],
    ["lib/x.ts", `import { getDb } from "@/db/client";\nexport const x = getDb;\n`],
    ["db/queries/x.ts", `import { sql } from "drizzle-orm";\nexport const x = sql;\n`],
  ])("%s may: %s", async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
