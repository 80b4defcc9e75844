-- The audit log is append-only: the database itself refuses to change or remove an entry, whatever
-- code (or person with a SQL prompt through the app's connection) asks it to.
CREATE TRIGGER "AuditEvent_append_only_update"
BEFORE UPDATE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: AuditEvent rows cannot be changed');
END;

CREATE TRIGGER "AuditEvent_append_only_delete"
BEFORE DELETE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: AuditEvent rows cannot be deleted');
END;
