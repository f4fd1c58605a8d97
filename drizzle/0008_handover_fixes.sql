CREATE TABLE "handover_missed_shifts" (
	"team_id" text NOT NULL,
	"shift_date" date NOT NULL,
	"shift_code" text NOT NULL,
	"rostered" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "handover_missed_shifts_team_id_shift_date_shift_code_pk" PRIMARY KEY("team_id","shift_date","shift_code")
);
--> statement-breakpoint
ALTER TABLE "handover_missed_shifts" ADD CONSTRAINT "handover_missed_shifts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
INSERT INTO "handover_missed_shifts" ("team_id", "shift_date", "shift_code", "rostered", "recorded_at") SELECT "team_id", "shift_date", "shift_code", count(*)::int, min("recorded_at") FROM "handover_misses" GROUP BY "team_id", "shift_date", "shift_code";
