CREATE TABLE "attendance_sheet_sends" (
	"month" text NOT NULL,
	"recipient_id" text NOT NULL,
	"kind" text NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "attendance_sheet_sends_month_recipient_id_kind_pk" PRIMARY KEY("month","recipient_id","kind")
);
--> statement-breakpoint
ALTER TABLE "attendance_sheet_sends" ADD CONSTRAINT "attendance_sheet_sends_recipient_id_people_slack_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;