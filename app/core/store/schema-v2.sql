-- Linkbench schema version 2: runbook steps carry their downtime role, and runbook
-- templates can be edited.
--
-- Version 1 recognised the steps that start and end downtime by their names. Those names
-- are the built-in templates' (lb-rehearsal-metrics.c); steps with them get their role
-- here, so rehearsals measured before keep their downtime.

ALTER TABLE rehearsal_step ADD COLUMN role TEXT
  CHECK (role IS NULL OR role IN ('downtime_start', 'downtime_end', 'rollback_end'));

UPDATE rehearsal_step SET role = 'downtime_start'
 WHERE lower(trim(name)) IN ('stop the workload on the sql server primary',
                             'stop the workload on the managed instance');
UPDATE rehearsal_step SET role = 'downtime_end'
 WHERE lower(trim(name)) IN ('validate the application on the managed instance',
                             'validate reads and writes on the managed instance',
                             'validate the application on sql server');
UPDATE rehearsal_step SET role = 'rollback_end'
 WHERE lower(trim(name)) IN ('fail back to sql server and return the link to asynchronous',
                             'roll back: fail back to sql server');

CREATE TABLE runbook_step (
  id             INTEGER PRIMARY KEY,
  rehearsal_kind TEXT    NOT NULL
                 CHECK (rehearsal_kind IN ('planned_failover', 'forced_failover', 'cutover', 'failback',
                                           'dr_drill')),
  position       INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
  name           TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  role           TEXT    CHECK (role IS NULL OR role IN ('downtime_start', 'downtime_end', 'rollback_end')),
  notes          TEXT
);
CREATE INDEX runbook_step_kind ON runbook_step (rehearsal_kind, position);
