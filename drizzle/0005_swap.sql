CREATE TYPE "public"."swap_status" AS ENUM('pending_colleague', 'pending_lead', 'approved', 'declined', 'rejected', 'expired', 'cancelled');--> statement-breakpoint
CREATE TABLE "swap_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"swap_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "swap_holds" (
	"person_id" text NOT NULL,
	"date" date NOT NULL,
	"shift_code" text NOT NULL,
	"swap_id" integer NOT NULL,
	CONSTRAINT "swap_holds_person_id_date_shift_code_pk" PRIMARY KEY("person_id","date","shift_code")
);
--> statement-breakpoint
CREATE TABLE "swap_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_key" text NOT NULL,
	"team_id" text NOT NULL,
	"requester_id" text NOT NULL,
	"colleague_id" text NOT NULL,
	"give_date" date NOT NULL,
	"give_shift" text NOT NULL,
	"take_date" date,
	"take_shift" text,
	"note" text DEFAULT '' NOT NULL,
	"status" "swap_status" DEFAULT 'pending_colleague' NOT NULL,
	"lead_id" text,
	"deadline" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"end_reason" text,
	"colleague_message_channel" text,
	"colleague_message_ts" text,
	"lead_message_channel" text,
	"lead_message_ts" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "swap_requests_submission_key_unique" UNIQUE("submission_key")
);
--> statement-breakpoint
ALTER TABLE "swap_events" ADD CONSTRAINT "swap_events_swap_id_swap_requests_id_fk" FOREIGN KEY ("swap_id") REFERENCES "public"."swap_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_events" ADD CONSTRAINT "swap_events_actor_id_people_slack_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_holds" ADD CONSTRAINT "swap_holds_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_holds" ADD CONSTRAINT "swap_holds_swap_id_swap_requests_id_fk" FOREIGN KEY ("swap_id") REFERENCES "public"."swap_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_requester_id_people_slack_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_colleague_id_people_slack_id_fk" FOREIGN KEY ("colleague_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_lead_id_people_slack_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_decided_by_people_slack_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "swap_events_swap_idx" ON "swap_events" USING btree ("swap_id");--> statement-breakpoint
CREATE INDEX "swap_holds_swap_idx" ON "swap_holds" USING btree ("swap_id");--> statement-breakpoint
CREATE INDEX "swap_requests_requester_idx" ON "swap_requests" USING btree ("requester_id","give_date");--> statement-breakpoint
CREATE INDEX "swap_requests_colleague_idx" ON "swap_requests" USING btree ("colleague_id","give_date");--> statement-breakpoint
CREATE INDEX "swap_requests_status_idx" ON "swap_requests" USING btree ("status","deadline");