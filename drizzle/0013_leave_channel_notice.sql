ALTER TABLE "leave_requests" ADD COLUMN "notice_channel" text;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD COLUMN "notice_ts" text;