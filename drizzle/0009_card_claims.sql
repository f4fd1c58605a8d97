ALTER TABLE "leave_approval_steps" ADD COLUMN "card_claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "swap_requests" ADD COLUMN "card_claimed_at" timestamp with time zone;