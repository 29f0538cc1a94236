-- Linkbench schema version 4: drift checks. Each compares the newest link and instance
-- state (imported or synced evidence) with the approved design; they are kept, not
-- replaced, so the history shows when a difference appeared and when it was fixed.

CREATE TABLE drift_check (
  id                   INTEGER PRIMARY KEY,
  project_id           INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  checked_at           INTEGER NOT NULL,
  baseline_id          INTEGER REFERENCES design_baseline (id) ON DELETE SET NULL,
  link_evidence_id     INTEGER REFERENCES evidence (id) ON DELETE SET NULL,
  instance_evidence_id INTEGER REFERENCES evidence (id) ON DELETE SET NULL,
  outcome              TEXT    NOT NULL CHECK (outcome IN ('none', 'found', 'incomplete')),
  n_critical           INTEGER NOT NULL DEFAULT 0 CHECK (n_critical >= 0),
  n_warning            INTEGER NOT NULL DEFAULT 0 CHECK (n_warning >= 0),
  n_info               INTEGER NOT NULL DEFAULT 0 CHECK (n_info >= 0),
  summary              TEXT,
  result_json          TEXT    NOT NULL
);
CREATE INDEX drift_check_project ON drift_check (project_id, checked_at);
