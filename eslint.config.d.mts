// Types for what tests import from eslint.config.mjs.
import type { Linter } from "eslint";

export const typeAwareRules: Linter.RulesRecord;
declare const config: Linter.Config[];
export default config;
