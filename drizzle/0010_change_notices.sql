-- Every committed change to a person's org row, roster, leave or comp time sends the person's Slack id
-- on the channel `shiftdesk_people_changed` ('*' after a TRUNCATE: everyone). Notices go out only when
-- the transaction commits, and identical ones within it are sent once; every app copy listens and
-- reads those people again, whichever process wrote.
-- TG_ARGV[0] selects the changed people from a transition table named by %1$s.
CREATE FUNCTION shiftdesk_notify_people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('shiftdesk_people_changed', '*');
    RETURN NULL;
  END IF;
  changed := CASE TG_OP
    WHEN 'INSERT' THEN format(TG_ARGV[0], 'new_rows')
    WHEN 'DELETE' THEN format(TG_ARGV[0], 'old_rows')
    ELSE format(TG_ARGV[0], 'new_rows') || ' UNION ALL ' || format(TG_ARGV[0], 'old_rows')
  END;
  EXECUTE format('SELECT pg_notify(''shiftdesk_people_changed'', person_id) FROM (SELECT DISTINCT person_id FROM (%s) AS changed(person_id)) AS people', changed);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER people_inserted AFTER INSERT ON people REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT slack_id FROM %1$s');--> statement-breakpoint
CREATE TRIGGER people_updated AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT slack_id FROM %1$s');--> statement-breakpoint
CREATE TRIGGER people_deleted AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT slack_id FROM %1$s');--> statement-breakpoint
CREATE TRIGGER people_truncated AFTER TRUNCATE ON people FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed();--> statement-breakpoint
CREATE TRIGGER roster_entries_inserted AFTER INSERT ON roster_entries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT person_id FROM %1$s');--> statement-breakpoint
CREATE TRIGGER roster_entries_updated AFTER UPDATE ON roster_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT person_id FROM %1$s');--> statement-breakpoint
CREATE TRIGGER roster_entries_deleted AFTER DELETE ON roster_entries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT person_id FROM %1$s');--> statement-breakpoint
CREATE TRIGGER roster_entries_truncated AFTER TRUNCATE ON roster_entries FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed();--> statement-breakpoint
CREATE TRIGGER leave_requests_inserted AFTER INSERT ON leave_requests REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT person_id FROM %1$s');--> statement-breakpoint
CREATE TRIGGER leave_requests_updated AFTER UPDATE ON leave_requests REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT person_id FROM %1$s');--> statement-breakpoint
CREATE TRIGGER leave_requests_deleted AFTER DELETE ON leave_requests REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT person_id FROM %1$s');--> statement-breakpoint
CREATE TRIGGER leave_requests_truncated AFTER TRUNCATE ON leave_requests FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed();--> statement-breakpoint
CREATE TRIGGER leave_covered_shifts_inserted AFTER INSERT ON leave_covered_shifts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT r.person_id FROM %1$s c JOIN leave_requests r ON r.id = c.request_id');--> statement-breakpoint
CREATE TRIGGER leave_covered_shifts_updated AFTER UPDATE ON leave_covered_shifts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT r.person_id FROM %1$s c JOIN leave_requests r ON r.id = c.request_id');--> statement-breakpoint
CREATE TRIGGER leave_covered_shifts_deleted AFTER DELETE ON leave_covered_shifts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT r.person_id FROM %1$s c JOIN leave_requests r ON r.id = c.request_id');--> statement-breakpoint
CREATE TRIGGER leave_covered_shifts_truncated AFTER TRUNCATE ON leave_covered_shifts FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed();--> statement-breakpoint
CREATE TRIGGER comp_time_credits_inserted AFTER INSERT ON comp_time_credits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT person_id FROM %1$s');--> statement-breakpoint
CREATE TRIGGER comp_time_credits_updated AFTER UPDATE ON comp_time_credits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT person_id FROM %1$s');--> statement-breakpoint
CREATE TRIGGER comp_time_credits_deleted AFTER DELETE ON comp_time_credits REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed('SELECT person_id FROM %1$s');--> statement-breakpoint
CREATE TRIGGER comp_time_credits_truncated AFTER TRUNCATE ON comp_time_credits FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed();
