-- A person's swaps (those they asked for) and the shifts their pending swaps hold are in the read model
-- too, so a change to either sends the person's Slack id on `shiftdesk_people_changed` (0010).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('swap_requests', 'SELECT requester_id FROM %1$s'),
    ('swap_holds', 'SELECT person_id FROM %1$s')
  ) AS tables(name, people_of) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed(%L)', t.name || '_inserted', t.name, t.people_of);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed(%L)', t.name || '_updated', t.name, t.people_of);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed(%L)', t.name || '_deleted', t.name, t.people_of);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION shiftdesk_notify_people_changed()', t.name || '_truncated', t.name);
  END LOOP;
END $$;
