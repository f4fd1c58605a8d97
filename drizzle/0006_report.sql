CREATE TABLE "report_misses" (
	"person_id" text NOT NULL,
	"team_id" text NOT NULL,
	"week_start" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_misses_person_id_week_start_pk" PRIMARY KEY("person_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "report_notices" (
	"kind" text NOT NULL,
	"week_start" date NOT NULL,
	"person_id" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "report_notices_kind_week_start_person_id_pk" PRIMARY KEY("kind","week_start","person_id")
);
--> statement-breakpoint
CREATE TABLE "report_runs" (
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"week_start" date NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "report_runs_kind_scope_week_start_pk" PRIMARY KEY("kind","scope","week_start")
);
--> statement-breakpoint
CREATE TABLE "weekly_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"team_id" text NOT NULL,
	"week_start" date NOT NULL,
	"done" text NOT NULL,
	"improve" text NOT NULL,
	"late" boolean NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "weekly_reports_person_week_key" UNIQUE("person_id","week_start")
);
--> statement-breakpoint
ALTER TABLE "report_misses" ADD CONSTRAINT "report_misses_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_misses" ADD CONSTRAINT "report_misses_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_notices" ADD CONSTRAINT "report_notices_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_reports" ADD CONSTRAINT "weekly_reports_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_reports" ADD CONSTRAINT "weekly_reports_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "weekly_reports_team_week_idx" ON "weekly_reports" USING btree ("team_id","week_start");