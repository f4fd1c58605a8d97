CREATE TYPE "public"."approver_role" AS ENUM('lead', 'manager', 'gm');--> statement-breakpoint
CREATE TYPE "public"."leave_status" AS ENUM('pending', 'approved', 'rejected', 'cancelled', 'expired');--> statement-breakpoint
CREATE TYPE "public"."proof_status" AS ENUM('not_needed', 'attached', 'owed');--> statement-breakpoint
CREATE TYPE "public"."approval_step_status" AS ENUM('waiting', 'pending', 'approved', 'rejected', 'cancelled', 'expired');--> statement-breakpoint
CREATE TABLE "comp_time_credits" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"earned_on" date NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leave_approval_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"position" integer NOT NULL,
	"role" "approver_role" NOT NULL,
	"approver_id" text NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "approval_step_status" NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"note" text,
	"message_channel" text,
	"message_ts" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leave_approval_steps_request_position_key" UNIQUE("request_id","position")
);
--> statement-breakpoint
CREATE TABLE "leave_covered_shifts" (
	"request_id" integer NOT NULL,
	"date" date NOT NULL,
	"shift_code" text NOT NULL,
	CONSTRAINT "leave_covered_shifts_request_id_date_shift_code_pk" PRIMARY KEY("request_id","date","shift_code")
);
--> statement-breakpoint
CREATE TABLE "leave_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "leave_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_key" text NOT NULL,
	"person_id" text NOT NULL,
	"team_id" text NOT NULL,
	"type" text NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"reason" text NOT NULL,
	"status" "leave_status" DEFAULT 'pending' NOT NULL,
	"calendar_days" integer NOT NULL,
	"leave_days" integer NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"notice_minutes" integer NOT NULL,
	"late_notice" boolean NOT NULL,
	"proof" "proof_status" NOT NULL,
	"proof_files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leave_requests_submission_key_unique" UNIQUE("submission_key")
);
--> statement-breakpoint
ALTER TABLE "comp_time_credits" ADD CONSTRAINT "comp_time_credits_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_approval_steps" ADD CONSTRAINT "leave_approval_steps_request_id_leave_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."leave_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_approval_steps" ADD CONSTRAINT "leave_approval_steps_approver_id_people_slack_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_approval_steps" ADD CONSTRAINT "leave_approval_steps_decided_by_people_slack_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_covered_shifts" ADD CONSTRAINT "leave_covered_shifts_request_id_leave_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."leave_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_events" ADD CONSTRAINT "leave_events_request_id_leave_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."leave_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_events" ADD CONSTRAINT "leave_events_actor_id_people_slack_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comp_time_credits_person_idx" ON "comp_time_credits" USING btree ("person_id","earned_on");--> statement-breakpoint
CREATE INDEX "leave_approval_steps_approver_idx" ON "leave_approval_steps" USING btree ("approver_id","status");--> statement-breakpoint
CREATE INDEX "leave_events_request_idx" ON "leave_events" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "leave_requests_person_idx" ON "leave_requests" USING btree ("person_id","first_day");--> statement-breakpoint
CREATE INDEX "leave_requests_status_idx" ON "leave_requests" USING btree ("status");