CREATE TYPE "public"."handover_case_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."handover_status" AS ENUM('submitted', 'refused', 'taken_over');--> statement-breakpoint
CREATE TABLE "handover_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"opened_in" integer NOT NULL,
	"what" text NOT NULL,
	"promise" text,
	"due_at" timestamp with time zone,
	"owner_id" text NOT NULL,
	"status" "handover_case_status" DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"resolved_in" integer,
	"due_reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handover_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"handover_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"reason" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "handover_misses" (
	"team_id" text NOT NULL,
	"shift_date" date NOT NULL,
	"shift_code" text NOT NULL,
	"person_id" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "handover_misses_team_id_shift_date_shift_code_person_id_pk" PRIMARY KEY("team_id","shift_date","shift_code","person_id")
);
--> statement-breakpoint
CREATE TABLE "handover_recipients" (
	"handover_id" integer NOT NULL,
	"person_id" text NOT NULL,
	"channel_id" text,
	"message_ts" text,
	CONSTRAINT "handover_recipients_handover_id_person_id_pk" PRIMARY KEY("handover_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "handover_versions" (
	"handover_id" integer NOT NULL,
	"version" integer NOT NULL,
	"submission_key" text NOT NULL,
	"author_id" text NOT NULL,
	"content" jsonb NOT NULL,
	"addendum" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "handover_versions_handover_id_version_pk" PRIMARY KEY("handover_id","version"),
	CONSTRAINT "handover_versions_submission_key_unique" UNIQUE("submission_key")
);
--> statement-breakpoint
CREATE TABLE "handovers" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"shift_date" date NOT NULL,
	"shift_code" text NOT NULL,
	"next_date" date NOT NULL,
	"next_shift_code" text NOT NULL,
	"author_id" text NOT NULL,
	"status" "handover_status" DEFAULT 'submitted' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"content" jsonb NOT NULL,
	"taken_over_version" integer,
	"taken_over_by" text,
	"taken_over_at" timestamp with time zone,
	"last_refusal_reason" text,
	"last_refusal_note" text,
	"last_refused_by" text,
	"take_over_due_at" timestamp with time zone NOT NULL,
	"unanswered_alerted_at" timestamp with time zone,
	"channel_id" text,
	"message_ts" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handovers_team_shift_key" UNIQUE("team_id","shift_date","shift_code")
);
--> statement-breakpoint
ALTER TABLE "handover_cases" ADD CONSTRAINT "handover_cases_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_cases" ADD CONSTRAINT "handover_cases_opened_in_handovers_id_fk" FOREIGN KEY ("opened_in") REFERENCES "public"."handovers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_cases" ADD CONSTRAINT "handover_cases_owner_id_people_slack_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_cases" ADD CONSTRAINT "handover_cases_resolved_by_people_slack_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_cases" ADD CONSTRAINT "handover_cases_resolved_in_handovers_id_fk" FOREIGN KEY ("resolved_in") REFERENCES "public"."handovers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_events" ADD CONSTRAINT "handover_events_handover_id_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."handovers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_events" ADD CONSTRAINT "handover_events_actor_id_people_slack_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_misses" ADD CONSTRAINT "handover_misses_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_misses" ADD CONSTRAINT "handover_misses_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_recipients" ADD CONSTRAINT "handover_recipients_handover_id_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."handovers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_recipients" ADD CONSTRAINT "handover_recipients_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_versions" ADD CONSTRAINT "handover_versions_handover_id_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."handovers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_versions" ADD CONSTRAINT "handover_versions_author_id_people_slack_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_author_id_people_slack_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_taken_over_by_people_slack_id_fk" FOREIGN KEY ("taken_over_by") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_last_refused_by_people_slack_id_fk" FOREIGN KEY ("last_refused_by") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "handover_cases_team_status_idx" ON "handover_cases" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "handover_cases_due_idx" ON "handover_cases" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "handover_events_handover_idx" ON "handover_events" USING btree ("handover_id");--> statement-breakpoint
CREATE INDEX "handover_misses_person_idx" ON "handover_misses" USING btree ("person_id","shift_date");--> statement-breakpoint
CREATE INDEX "handovers_status_idx" ON "handovers" USING btree ("status","take_over_due_at");