CREATE TYPE "public"."role" AS ENUM('agent', 'lead', 'manager', 'gm', 'qa', 'hr');--> statement-breakpoint
CREATE TYPE "public"."roster_status" AS ENUM('scheduled', 'on_leave', 'swapped');--> statement-breakpoint
CREATE TABLE "people" (
	"slack_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"team_id" text NOT NULL,
	"role" "role" NOT NULL,
	"reports_to" text,
	"locale" text,
	"timezone" text,
	"annual_leave_days" numeric(5, 1),
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roster_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"team_id" text NOT NULL,
	"date" date NOT NULL,
	"shift_code" text NOT NULL,
	"status" "roster_status" DEFAULT 'scheduled' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roster_entries_person_date_shift_key" UNIQUE("person_id","date","shift_code")
);
--> statement-breakpoint
CREATE TABLE "team_shift_minimums" (
	"team_id" text NOT NULL,
	"shift_code" text NOT NULL,
	"minimum" integer NOT NULL,
	CONSTRAINT "team_shift_minimums_team_id_shift_code_pk" PRIMARY KEY("team_id","shift_code")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"timezone" text NOT NULL,
	"announce_channel" text,
	"handover_channel" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_reports_to_people_slack_id_fk" FOREIGN KEY ("reports_to") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_entries" ADD CONSTRAINT "roster_entries_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_entries" ADD CONSTRAINT "roster_entries_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_shift_minimums" ADD CONSTRAINT "team_shift_minimums_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_team_idx" ON "people" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "people_reports_to_idx" ON "people" USING btree ("reports_to");--> statement-breakpoint
CREATE INDEX "roster_entries_team_date_idx" ON "roster_entries" USING btree ("team_id","date");--> statement-breakpoint
CREATE INDEX "roster_entries_date_idx" ON "roster_entries" USING btree ("date");