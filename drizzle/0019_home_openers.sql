CREATE TABLE "home_openers" (
	"person_id" text PRIMARY KEY NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"inbox_offset" integer DEFAULT 0 NOT NULL
);
