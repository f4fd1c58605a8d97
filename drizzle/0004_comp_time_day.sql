DROP INDEX "comp_time_credits_person_idx";--> statement-breakpoint
ALTER TABLE "comp_time_credits" ADD CONSTRAINT "comp_time_credits_person_day_key" UNIQUE("person_id","earned_on");