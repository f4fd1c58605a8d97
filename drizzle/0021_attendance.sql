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
CREATE TABLE "clock_ins" (
	"person_id" text NOT NULL,
	"date" date NOT NULL,
	"shift_code" text NOT NULL,
	"clocked_in" timestamp with time zone,
	"clocked_out" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clock_ins_person_id_date_shift_code_pk" PRIMARY KEY("person_id","date","shift_code")
);
--> statement-breakpoint
ALTER TABLE "attendance_sheet_sends" ADD CONSTRAINT "attendance_sheet_sends_recipient_id_people_slack_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock_ins" ADD CONSTRAINT "clock_ins_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clock_ins_date_idx" ON "clock_ins" USING btree ("date");