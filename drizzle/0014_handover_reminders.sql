CREATE TABLE "handover_reminders" (
	"team_id" text NOT NULL,
	"shift_date" date NOT NULL,
	"shift_code" text NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "handover_reminders_team_id_shift_date_shift_code_kind_pk" PRIMARY KEY("team_id","shift_date","shift_code","kind")
);
--> statement-breakpoint
ALTER TABLE "handover_reminders" ADD CONSTRAINT "handover_reminders_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;