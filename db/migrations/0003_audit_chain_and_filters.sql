DROP INDEX "audit_events_org_time_idx";--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "seq" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(coalesce(actor_name, '') || ' ' || coalesce(actor_email, '') || ' ' || target_type || ' ' || coalesce(target_name, '') || ' ' || target_id || ' ' || coalesce(team_name, '') || ' ' || event || ' ' || description)) STORED;--> statement-breakpoint
CREATE INDEX "audit_events_org_team_time_idx" ON "audit_events" USING btree ("org_id","team_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_org_action_time_idx" ON "audit_events" USING btree ("org_id","action","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_org_actor_time_idx" ON "audit_events" USING btree ("org_id","actor_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_search_trgm_idx" ON "audit_events" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_org_seq_idx" ON "audit_events" USING btree ("org_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_org_time_idx" ON "audit_events" USING btree ("org_id","occurred_at","id");