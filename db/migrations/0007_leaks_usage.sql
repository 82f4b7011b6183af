CREATE TABLE "usage_daily" (
	"credential_id" uuid NOT NULL,
	"day" date NOT NULL,
	"outcome" text NOT NULL,
	"credential_type" text NOT NULL,
	"org_id" uuid NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_daily_credential_id_day_outcome_pk" PRIMARY KEY("credential_id","day","outcome")
);
--> statement-breakpoint
CREATE INDEX "usage_daily_day_idx" ON "usage_daily" USING btree ("day");