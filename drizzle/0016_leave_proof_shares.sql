CREATE TYPE "public"."proof_share_status" AS ENUM('sharing', 'shared', 'failed');--> statement-breakpoint
CREATE TABLE "leave_proof_shares" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"file_id" text NOT NULL,
	"approver_id" text NOT NULL,
	"status" "proof_share_status" NOT NULL,
	"shared_file_id" text,
	"permalink" text,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leave_proof_shares_request_file_approver_key" UNIQUE("request_id","file_id","approver_id")
);
--> statement-breakpoint
ALTER TABLE "leave_proof_shares" ADD CONSTRAINT "leave_proof_shares_request_id_leave_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."leave_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_proof_shares" ADD CONSTRAINT "leave_proof_shares_approver_id_people_slack_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."people"("slack_id") ON DELETE no action ON UPDATE no action;