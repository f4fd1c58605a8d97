ALTER TABLE "leave_requests" ADD COLUMN "proof_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD COLUMN "proof_overdue_at" timestamp with time zone;