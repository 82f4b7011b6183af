// Apart from the form fields, so a details page that only shows the rules loads no form.

/** The rules as rows of a details page's description list. */
export function accessRuleRows(rules: {
  ipAllowlist: readonly string[];
  rateLimitPerMinute: number | null;
}): [string, React.ReactNode][] {
  return [
    [
      "IP allowlist",
      rules.ipAllowlist.length === 0 ? (
        <span key="ip" className="text-muted-foreground">
          Any address
        </span>
      ) : (
        <ul key="ip" className="font-mono text-xs">
          {rules.ipAllowlist.map((entry) => (
            <li key={entry}>{entry}</li>
          ))}
        </ul>
      ),
    ],
    [
      "Rate limit",
      rules.rateLimitPerMinute === null ? (
        <span key="rl" className="text-muted-foreground">
          No limit
        </span>
      ) : (
        `${rules.rateLimitPerMinute.toLocaleString("en-US")} requests per minute`
      ),
    ],
  ];
}
