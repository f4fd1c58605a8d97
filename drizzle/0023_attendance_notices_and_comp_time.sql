CREATE TABLE "absence_notices" (
	"person_id" text NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"recipient_id" text NOT NULL,
	"days" jsonb NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "absence_notices_person_id_kind_period_recipient_id_pk" PRIMARY KEY("person_id","kind","period","recipient_id")
);
--> statement-breakpoint
CREATE TABLE "attendance_checks" (
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attendance_checks_kind_period_pk" PRIMARY KEY("kind","period")
);
--> statement-breakpoint
CREATE TABLE "comp_time_proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"month" text NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"manager_id" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"decided_hours" numeric(6, 1),
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"card_claimed_by" text,
	"card_claimed_at" timestamp with time zone,
	"card_channel" text,
	"card_ts" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comp_time_proposals_person_month_key" UNIQUE("person_id","month")
);
--> statement-breakpoint
ALTER TABLE "absence_notices" ADD CONSTRAINT "absence_notices_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_notices" ADD CONSTRAINT "absence_notices_recipient_id_people_slack_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comp_time_proposals" ADD CONSTRAINT "comp_time_proposals_person_id_people_slack_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comp_time_proposals" ADD CONSTRAINT "comp_time_proposals_manager_id_people_slack_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comp_time_proposals" ADD CONSTRAINT "comp_time_proposals_decided_by_people_slack_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "absence_notices_unsent_idx" ON "absence_notices" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "comp_time_proposals_manager_idx" ON "comp_time_proposals" USING btree ("manager_id","status");