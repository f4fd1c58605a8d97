CREATE TABLE "cover_calls" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"team_id" text NOT NULL,
	"person_id" text NOT NULL,
	"date" date NOT NULL,
	"shift_code" text NOT NULL,
	"called_by" text NOT NULL,
	"called_at" timestamp with time zone NOT NULL,
	"taken_by" text,
	"taken_at" timestamp with time zone,
	CONSTRAINT "cover_calls_request_shift_key" UNIQUE("request_id","date","shift_code")
);
--> statement-breakpoint
CREATE TABLE "cover_offers" (
	"call_id" integer NOT NULL,
	"person_id" text NOT NULL,
	"message_channel" text,
	"message_ts" text,
	CONSTRAINT "cover_offers_call_id_person_id_pk" PRIMARY KEY("call_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "swap_requests" ADD COLUMN "cover_call_id" integer;--> statement-breakpoint
ALTER TABLE "cover_calls" ADD CONSTRAINT "cover_calls_request_id_leave_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."leave_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_calls" ADD CONSTRAINT "cover_calls_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_calls" ADD CONSTRAINT "cover_calls_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_calls" ADD CONSTRAINT "cover_calls_called_by_people_slack_id_fk" FOREIGN KEY ("called_by") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_calls" ADD CONSTRAINT "cover_calls_taken_by_people_slack_id_fk" FOREIGN KEY ("taken_by") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_offers" ADD CONSTRAINT "cover_offers_call_id_cover_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."cover_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_offers" ADD CONSTRAINT "cover_offers_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_cover_call_id_cover_calls_id_fk" FOREIGN KEY ("cover_call_id") REFERENCES "public"."cover_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD CONSTRAINT "swap_requests_cover_call_key" UNIQUE("cover_call_id");