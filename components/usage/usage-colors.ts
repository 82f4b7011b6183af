import type { ChartConfig } from "@/components/ui/chart";
import { usageOutcomeLabels, usageOutcomes } from "@/lib/usage/outcomes";

// Succeeded in the theme's success green; each refusal reason its own hue, dark-mode variants
// lighter, chosen to keep 3:1 contrast against the card in both themes.
const colors: Record<(typeof usageOutcomes)[number], { light: string; dark: string }> = {
  succeeded: { light: "oklch(0.527 0.154 150.069)", dark: "oklch(0.792 0.209 151.711)" },
  invalid: { light: "oklch(0.505 0.213 27.518)", dark: "oklch(0.704 0.191 22.216)" },
  expired: { light: "oklch(0.555 0.163 48.998)", dark: "oklch(0.828 0.189 84.429)" },
  revoked: { light: "oklch(0.396 0.141 25.723)", dark: "oklch(0.808 0.114 19.571)" },
  insufficient_scope: { light: "oklch(0.496 0.265 301.924)", dark: "oklch(0.714 0.203 305.504)" },
  rate_limited: { light: "oklch(0.553 0.195 38.402)", dark: "oklch(0.75 0.183 55.934)" },
  ip_not_allowed: { light: "oklch(0.488 0.243 264.376)", dark: "oklch(0.707 0.165 254.624)" },
  plan_required: { light: "oklch(0.446 0.043 257.281)", dark: "oklch(0.704 0.04 256.788)" },
};

export const usageChartConfig: ChartConfig = Object.fromEntries(
  usageOutcomes.map((o) => [o, { label: usageOutcomeLabels[o], color: colors[o] }]),
);
