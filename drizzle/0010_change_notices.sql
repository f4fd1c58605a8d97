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
-- Four triggers per table the app keeps in memory, each table with how its rows name their person.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('people', 'SELECT slack_id FROM %1$s'),
    ('roster_entries', 'SELECT person_id FROM %1$s'),
    ('leave_requests', 'SELECT person_id FROM %1$s'),
    ('leave_covered_shifts', 'SELECT r.person_id FROM %1$s c JOIN leave_requests r ON r.id = c.request_id'),
    ('comp_time_credits', 'SELECT person_id FROM %1$s')
  ) AS tables(name, people_of) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed(%L)', t.name || '_inserted', t.name, t.people_of);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed(%L)', t.name || '_updated', t.name, t.people_of);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed(%L)', t.name || '_deleted', t.name, t.people_of);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed()', t.name || '_truncated', t.name);
  END LOOP;
END $$;
