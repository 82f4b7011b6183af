-- Unlogged (edited by hand; drizzle-kit cannot express it): request counters need no crash safety,
-- and skipping the WAL spares every rate-limited request a WAL write and a commit flush.
CREATE UNLOGGED TABLE "credential_rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "ip_allowlist" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "rate_limit_per_minute" integer;--> statement-breakpoint
ALTER TABLE "oauth_clients" ADD COLUMN "previous_secret_hash" text;--> statement-breakpoint
ALTER TABLE "oauth_clients" ADD COLUMN "previous_secret_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "oauth_clients" ADD COLUMN "ip_allowlist" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "oauth_clients" ADD COLUMN "rate_limit_per_minute" integer;--> statement-breakpoint
CREATE INDEX "credential_rate_limits_expire_idx" ON "credential_rate_limits" USING btree ("expire");--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_clients_previous_secret_hash_idx" ON "oauth_clients" USING btree ("previous_secret_hash");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_rate_limit_range" CHECK ("api_keys"."rate_limit_per_minute" is null or "api_keys"."rate_limit_per_minute" between 1 and 1000000);--> statement-breakpoint
ALTER TABLE "oauth_clients" ADD CONSTRAINT "oauth_clients_rate_limit_range" CHECK ("oauth_clients"."rate_limit_per_minute" is null or "oauth_clients"."rate_limit_per_minute" between 1 and 1000000);