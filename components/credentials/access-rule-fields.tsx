"use client";

import { IpAllowlistField } from "./ip-allowlist-field";
import { RateLimitField } from "./rate-limit-field";

/** What the form holds for a credential's access rules: the text as typed. */
export type AccessRuleFieldValues = { ipAllowlist: string; rateLimitPerMinute: string };

export const emptyAccessRules = (): AccessRuleFieldValues => ({
  ipAllowlist: "",
  rateLimitPerMinute: "",
});

/** The stored rules as the form shows them. */
export function accessRuleFieldValues(rules: {
  ipAllowlist: readonly string[];
  rateLimitPerMinute: number | null;
}): AccessRuleFieldValues {
  return {
    ipAllowlist: rules.ipAllowlist.join("\n"),
    rateLimitPerMinute: rules.rateLimitPerMinute === null ? "" : String(rules.rateLimitPerMinute),
  };
}

/** IP allowlist and rate limit: the access rules of a key or an OAuth client. */
export function AccessRuleFields({
  idPrefix,
  values,
  onChange,
  errors,
}: {
  idPrefix: string;
  values: AccessRuleFieldValues;
  onChange: (values: AccessRuleFieldValues) => void;
  errors?: Record<string, string[] | undefined>;
}) {
  return (
    <fieldset className="grid gap-4">
      <legend className="mb-1 text-sm font-medium">Access restrictions</legend>
      <IpAllowlistField
        id={`${idPrefix}-ip-allowlist`}
        value={values.ipAllowlist}
        onChange={(ipAllowlist) => onChange({ ...values, ipAllowlist })}
        error={errors?.ipAllowlist?.[0]}
      />
      <RateLimitField
        id={`${idPrefix}-rate-limit`}
        value={values.rateLimitPerMinute}
        onChange={(rateLimitPerMinute) => onChange({ ...values, rateLimitPerMinute })}
        error={errors?.rateLimitPerMinute?.[0]}
      />
    </fieldset>
  );
}
