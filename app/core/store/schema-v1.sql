-- Linkbench schema version 1.
-- Frozen once released: later changes go into schema-v2.sql and so on, run in order by
-- lb-store.c on PRAGMA user_version. Times are UTC Unix milliseconds, money minor units.

CREATE TABLE wave (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  position      INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
  window_start  INTEGER,
  window_end    INTEGER,
  notes         TEXT,
  CHECK (window_end IS NULL OR window_start IS NULL OR window_end >= window_start)
);
CREATE UNIQUE INDEX wave_name ON wave (name COLLATE NOCASE);

CREATE TABLE project (
  id                    INTEGER PRIMARY KEY,
  name                  TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  scenario              TEXT    NOT NULL
                        CHECK (scenario IN ('migration', 'reporting_offload', 'disaster_recovery')),
  wave_id               INTEGER REFERENCES wave (id) ON DELETE SET NULL,
  status                TEXT    NOT NULL DEFAULT 'planning'
                        CHECK (status IN ('planning', 'seeding', 'replicating', 'rehearsing', 'ready',
                                          'cut_over', 'rolled_back', 'dr_standby')),
  owner                 TEXT,
  source_server         TEXT,
  source_port           INTEGER CHECK (source_port BETWEEN 1 AND 65535),
  source_instance       TEXT,
  source_database       TEXT,
  source_version        TEXT,
  target_instance       TEXT,
  target_resource_group TEXT,
  target_subscription   TEXT,
  target_region         TEXT,
  target_fqdn           TEXT,
  target_tier           TEXT
                        CHECK (target_tier IN ('general_purpose', 'next_gen_general_purpose', 'business_critical')),
  target_hardware       TEXT CHECK (target_hardware IN ('standard', 'premium', 'memory_optimized')),
  target_vcores         INTEGER CHECK (target_vcores BETWEEN 2 AND 128),
  target_storage_gb     INTEGER CHECK (target_storage_gb BETWEEN 32 AND 32768),
  link_name             TEXT,
  source_ag             TEXT,
  target_ag             TEXT,
  replication_mode      TEXT CHECK (replication_mode IN ('async', 'sync')),
  failover_mode         TEXT CHECK (failover_mode IN ('none', 'manual')),
  link_role             TEXT CHECK (link_role IN ('sqlserver_primary', 'mi_primary')),
  lag_threshold_s       REAL    CHECK (lag_threshold_s >= 0),
  downtime_target_min   INTEGER CHECK (downtime_target_min >= 0),
  planned_cutover       INTEGER,
  notes                 TEXT,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL
);
CREATE UNIQUE INDEX project_name ON project (name COLLATE NOCASE);
CREATE INDEX project_wave ON project (wave_id);

CREATE TABLE readiness_item (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  kind        TEXT    NOT NULL CHECK (kind IN ('control', 'prerequisite')),
  control     TEXT    CHECK (control IN ('owner', 'dependencies', 'permission_boundary',
                                         'monitoring_signal', 'rollback_evidence')),
  title       TEXT    NOT NULL CHECK (length(trim(title)) > 0),
  status      TEXT    NOT NULL DEFAULT 'unknown'
              CHECK (status IN ('unknown', 'in_progress', 'clear', 'blocked')),
  owner       TEXT,
  note        TEXT,
  verified_by TEXT,
  verified_at INTEGER,
  position    INTEGER NOT NULL DEFAULT 0,
  CHECK ((kind = 'control') = (control IS NOT NULL))
);
CREATE INDEX readiness_item_project ON readiness_item (project_id, kind, position);
CREATE UNIQUE INDEX readiness_item_control ON readiness_item (project_id, control) WHERE control IS NOT NULL;

CREATE TABLE capacity_test (
  id                 INTEGER PRIMARY KEY,
  project_id         INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  tested_at          INTEGER NOT NULL,
  method             TEXT    NOT NULL
                     CHECK (method IN ('workload_replay', 'benchmark', 'production_sampling')),
  target_tier        TEXT    NOT NULL
                     CHECK (target_tier IN ('general_purpose', 'next_gen_general_purpose', 'business_critical')),
  target_hardware    TEXT    CHECK (target_hardware IN ('standard', 'premium', 'memory_optimized')),
  target_vcores      INTEGER NOT NULL CHECK (target_vcores BETWEEN 2 AND 128),
  target_storage_gb  INTEGER CHECK (target_storage_gb BETWEEN 32 AND 32768),
  duration_min       INTEGER CHECK (duration_min >= 0),
  log_gen_peak_mibps REAL    CHECK (log_gen_peak_mibps >= 0),
  log_gen_p95_mibps  REAL    CHECK (log_gen_p95_mibps >= 0),
  cpu_pct            REAL    CHECK (cpu_pct BETWEEN 0 AND 100),
  iops               REAL    CHECK (iops >= 0),
  throughput_mibps   REAL    CHECK (throughput_mibps >= 0),
  io_latency_ms      REAL    CHECK (io_latency_ms >= 0),
  verdict            TEXT    CHECK (verdict IN ('pass', 'fail', 'inconclusive')),
  findings           TEXT,
  fix                TEXT
);
CREATE INDEX capacity_test_project ON capacity_test (project_id, tested_at);

CREATE TABLE rehearsal (
  id                    INTEGER PRIMARY KEY,
  project_id            INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  kind                  TEXT    NOT NULL
                        CHECK (kind IN ('planned_failover', 'forced_failover', 'cutover', 'failback', 'dr_drill')),
  title                 TEXT    NOT NULL CHECK (length(trim(title)) > 0),
  started_at            INTEGER NOT NULL,
  ended_at              INTEGER CHECK (ended_at IS NULL OR ended_at >= started_at),
  downtime_target_min   INTEGER CHECK (downtime_target_min >= 0),
  measured_downtime_min REAL    CHECK (measured_downtime_min >= 0),
  data_loss             INTEGER NOT NULL DEFAULT 0 CHECK (data_loss IN (0, 1)),
  lag_at_start_s        REAL    CHECK (lag_at_start_s >= 0),
  outcome               TEXT    NOT NULL DEFAULT 'planned'
                        CHECK (outcome IN ('planned', 'in_progress', 'success', 'partial', 'failed', 'aborted')),
  notes                 TEXT
);
CREATE INDEX rehearsal_project ON rehearsal (project_id, started_at);

CREATE TABLE rehearsal_step (
  id           INTEGER PRIMARY KEY,
  rehearsal_id INTEGER NOT NULL REFERENCES rehearsal (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL DEFAULT 0,
  name         TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  started_at   INTEGER,
  ended_at     INTEGER CHECK (ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at),
  outcome      TEXT    NOT NULL DEFAULT 'pending'
               CHECK (outcome IN ('pending', 'running', 'done', 'failed', 'skipped')),
  notes        TEXT
);
CREATE INDEX rehearsal_step_rehearsal ON rehearsal_step (rehearsal_id, position);

CREATE TABLE risk (
  id                  INTEGER PRIMARY KEY,
  project_id          INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  title               TEXT    NOT NULL CHECK (length(trim(title)) > 0),
  description         TEXT,
  likelihood          INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact              INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
  owner               TEXT,
  mitigation          TEXT,
  mitigation_accepted INTEGER NOT NULL DEFAULT 0 CHECK (mitigation_accepted IN (0, 1)),
  status              TEXT    NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'mitigating', 'accepted', 'closed')),
  due_at              INTEGER
);
CREATE INDEX risk_project ON risk (project_id, status);

CREATE TABLE approval (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  subject    TEXT    NOT NULL CHECK (subject IN ('go_no_go', 'rehearsal_acceptance', 'design')),
  approver   TEXT    NOT NULL CHECK (length(trim(approver)) > 0),
  role       TEXT,
  decision   TEXT    NOT NULL CHECK (decision IN ('approved', 'rejected', 'deferred')),
  comment    TEXT,
  decided_at INTEGER NOT NULL
);
CREATE INDEX approval_project ON approval (project_id, decided_at);

-- Evidence survives the deletion of what it was attached to (the link is cleared), but
-- not the deletion of its project.
CREATE TABLE evidence (
  id           INTEGER PRIMARY KEY,
  project_id   INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  step_id      INTEGER REFERENCES rehearsal_step (id) ON DELETE SET NULL,
  readiness_id INTEGER REFERENCES readiness_item (id) ON DELETE SET NULL,
  risk_id      INTEGER REFERENCES risk (id) ON DELETE SET NULL,
  approval_id  INTEGER REFERENCES approval (id) ON DELETE SET NULL,
  title        TEXT    NOT NULL CHECK (length(trim(title)) > 0),
  kind         TEXT    NOT NULL
               CHECK (kind IN ('file', 'text', 'query_result', 'az_cli_json', 'arm_json')),
  content      BLOB    NOT NULL,
  media_type   TEXT,
  size_bytes   INTEGER NOT NULL CHECK (size_bytes >= 0),
  sha256       TEXT    NOT NULL CHECK (length(sha256) = 64),
  captured_at  INTEGER NOT NULL,
  source       TEXT
);
CREATE INDEX evidence_project ON evidence (project_id, captured_at);
CREATE INDEX evidence_step ON evidence (step_id) WHERE step_id IS NOT NULL;
CREATE INDEX evidence_readiness ON evidence (readiness_id) WHERE readiness_id IS NOT NULL;
CREATE INDEX evidence_risk ON evidence (risk_id) WHERE risk_id IS NOT NULL;
CREATE INDEX evidence_approval ON evidence (approval_id) WHERE approval_id IS NOT NULL;

CREATE TABLE cost_item (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  category    TEXT    NOT NULL
              CHECK (category IN ('mi_compute', 'storage', 'licensing', 'backup_storage',
                                  'network_transfer', 'parallel_run', 'support_effort', 'other')),
  description TEXT    NOT NULL CHECK (length(trim(description)) > 0),
  amount      INTEGER NOT NULL CHECK (amount >= 0),
  currency    TEXT    NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
  period      TEXT    NOT NULL CHECK (period IN ('one_off', 'monthly')),
  months      INTEGER CHECK (months BETWEEN 1 AND 600),
  basis       TEXT    NOT NULL CHECK (basis IN ('estimate', 'actual')),
  source      TEXT,
  CHECK (period = 'monthly' OR months IS NULL)
);
CREATE INDEX cost_item_project ON cost_item (project_id, category);

CREATE TABLE cost_tag (
  id           INTEGER PRIMARY KEY,
  cost_item_id INTEGER NOT NULL REFERENCES cost_item (id) ON DELETE CASCADE,
  key          TEXT    NOT NULL CHECK (length(trim(key)) > 0),
  value        TEXT
);
CREATE UNIQUE INDEX cost_tag_key ON cost_tag (cost_item_id, key COLLATE NOCASE);
CREATE INDEX cost_tag_pair ON cost_tag (key, value);

CREATE TABLE connection_profile (
  id                       INTEGER PRIMARY KEY,
  project_id               INTEGER REFERENCES project (id) ON DELETE SET NULL,
  name                     TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  side                     TEXT    NOT NULL CHECK (side IN ('sqlserver', 'managed_instance')),
  host                     TEXT    NOT NULL CHECK (length(trim(host)) > 0),
  port                     INTEGER CHECK (port BETWEEN 1 AND 65535),
  instance_name            TEXT,
  login                    TEXT,
  auth                     TEXT    NOT NULL CHECK (auth IN ('sql_login', 'windows', 'entra_id')),
  encryption               TEXT    NOT NULL CHECK (encryption IN ('require', 'request', 'off')),
  trust_server_certificate INTEGER NOT NULL DEFAULT 0 CHECK (trust_server_certificate IN (0, 1)),
  login_timeout_s          INTEGER CHECK (login_timeout_s BETWEEN 1 AND 600),
  query_timeout_s          INTEGER CHECK (query_timeout_s BETWEEN 1 AND 86400),
  driver                   TEXT
);
CREATE UNIQUE INDEX connection_profile_name ON connection_profile (name COLLATE NOCASE);

CREATE TABLE azure_target (
  id               INTEGER PRIMARY KEY,
  project_id       INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  subscription_id  TEXT    NOT NULL,
  resource_group   TEXT    NOT NULL,
  managed_instance TEXT    NOT NULL,
  link_name        TEXT,
  tenant_id        TEXT
);
CREATE INDEX azure_target_project ON azure_target (project_id);

CREATE TABLE design_baseline (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  design_json TEXT    NOT NULL,
  approved_by TEXT    NOT NULL,
  approved_at INTEGER NOT NULL,
  notes       TEXT
);
CREATE INDEX design_baseline_project ON design_baseline (project_id, approved_at);

CREATE TABLE price_cache (
  id                INTEGER PRIMARY KEY,
  region            TEXT    NOT NULL,
  sku               TEXT    NOT NULL,
  meter_name        TEXT    NOT NULL,
  product_name      TEXT,
  unit_of_measure   TEXT,
  unit_price_micros INTEGER NOT NULL CHECK (unit_price_micros >= 0),
  currency          TEXT    NOT NULL,
  fetched_at        INTEGER NOT NULL
);
CREATE UNIQUE INDEX price_cache_meter ON price_cache (region, sku, meter_name, currency);

-- Who changed what: one row per write, in the write's own transaction.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  os_user     TEXT    NOT NULL,
  entity      TEXT    NOT NULL,
  entity_id   INTEGER,
  action      TEXT    NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'import')),
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- Replication lag. One row per project and instant; WITHOUT ROWID keeps the clustered
-- (project, time) order that every chart and statistic reads. The enum checks are OR
-- chains: SQLite evaluates a CHECK with IN (…) through a temporary table per row, which
-- made bulk ingest four times slower.
CREATE TABLE lag_sample (
  project_id             INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  t                      INTEGER NOT NULL,
  lag_s                  REAL,
  secondary_lag_s        REAL,
  log_send_queue_kb      REAL,
  redo_queue_kb          REAL,
  send_rate_bps          REAL,
  redo_rate_bps          REAL,
  sync_state             TEXT CHECK (sync_state = 'not_synchronizing' OR
                                     sync_state = 'synchronizing' OR
                                     sync_state = 'synchronized' OR
                                     sync_state = 'reverting' OR
                                     sync_state = 'initializing'),
  sync_health            TEXT CHECK (sync_health = 'not_healthy' OR
                                     sync_health = 'partially_healthy' OR
                                     sync_health = 'healthy'),
  source                 TEXT NOT NULL CHECK (source = 'sqlserver' OR
                                     source = 'arm' OR
                                     source = 'import' OR
                                     source = 'demo'),
  PRIMARY KEY (project_id, t)
) WITHOUT ROWID;

-- Rollups of lag_s per bucket, kept in step with every insert into lag_sample.
CREATE TABLE lag_rollup_minute (
  project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  bucket     INTEGER NOT NULL,
  min_lag_s  REAL    NOT NULL,
  max_lag_s  REAL    NOT NULL,
  sum_lag_s  REAL    NOT NULL,
  n          INTEGER NOT NULL CHECK (n > 0),
  PRIMARY KEY (project_id, bucket)
) WITHOUT ROWID;

CREATE TABLE lag_rollup_hour (
  project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  bucket     INTEGER NOT NULL,
  min_lag_s  REAL    NOT NULL,
  max_lag_s  REAL    NOT NULL,
  sum_lag_s  REAL    NOT NULL,
  n          INTEGER NOT NULL CHECK (n > 0),
  PRIMARY KEY (project_id, bucket)
) WITHOUT ROWID;

-- Stretches where the sampler expected samples and got none: drawn as gaps, never bridged.
CREATE TABLE lag_gap (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  start_t    INTEGER NOT NULL,
  end_t      INTEGER NOT NULL CHECK (end_t > start_t),
  reason     TEXT
);
CREATE INDEX lag_gap_project ON lag_gap (project_id, start_t);
