import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import axe from "axe-core";

/**
 * Every rule axe has for WCAG 2.0/2.1 A and AA. Selecting by tag alone would leave out the ones
 * axe still marks experimental, label-content-name-mismatch (WCAG 2.5.3) among them.
 */
const WCAG21_AA_RULES = axe
  .getRules(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
  .map((rule) => rule.ruleId);

/**
 * Fails with the list of WCAG 2.1 A/AA violations axe finds on the page as it is now, outside
 * `exclude` (a selector for embedded third-party markup).
 */
export async function expectNoA11yViolations(page: Page, { exclude }: { exclude?: string } = {}) {
  let builder = new AxeBuilder({ page }).withRules(WCAG21_AA_RULES);
  if (exclude) builder = builder.exclude(exclude);
  const results = await builder.analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
