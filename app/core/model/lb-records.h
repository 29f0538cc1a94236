/* lb-records.h: the record kinds of the data model (DESIGN.md, "Data model").
 *
 * The enums' order matches their LbEnumInfo tables in lb-records.c; nicks are what the
 * database stores and the command line accepts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-record.h"

G_BEGIN_DECLS

typedef enum { LB_SCENARIO_MIGRATION, LB_SCENARIO_REPORTING_OFFLOAD, LB_SCENARIO_DISASTER_RECOVERY } LbScenario;
typedef enum
{
  LB_STATUS_PLANNING, LB_STATUS_SEEDING, LB_STATUS_REPLICATING, LB_STATUS_REHEARSING,
  LB_STATUS_READY, LB_STATUS_CUT_OVER, LB_STATUS_ROLLED_BACK, LB_STATUS_DR_STANDBY,
} LbProjectStatus;
typedef enum { LB_TIER_GENERAL_PURPOSE, LB_TIER_NEXT_GEN_GENERAL_PURPOSE, LB_TIER_BUSINESS_CRITICAL } LbTier;
typedef enum { LB_HARDWARE_STANDARD, LB_HARDWARE_PREMIUM, LB_HARDWARE_MEMORY_OPTIMIZED } LbHardware;
typedef enum { LB_REPLICATION_ASYNC, LB_REPLICATION_SYNC } LbReplicationMode;
typedef enum { LB_FAILOVER_MODE_NONE, LB_FAILOVER_MODE_MANUAL } LbFailoverMode;
typedef enum { LB_LINK_ROLE_SQLSERVER_PRIMARY, LB_LINK_ROLE_MI_PRIMARY } LbLinkRole;
typedef enum { LB_READINESS_CONTROL, LB_READINESS_PREREQUISITE } LbReadinessKind;
typedef enum { LB_READINESS_UNKNOWN, LB_READINESS_IN_PROGRESS, LB_READINESS_CLEAR, LB_READINESS_BLOCKED } LbReadinessStatus;
typedef enum { LB_CAPACITY_WORKLOAD_REPLAY, LB_CAPACITY_BENCHMARK, LB_CAPACITY_PRODUCTION_SAMPLING } LbCapacityMethod;
typedef enum { LB_VERDICT_PASS, LB_VERDICT_FAIL, LB_VERDICT_INCONCLUSIVE } LbVerdict;
typedef enum
{
  LB_REHEARSAL_PLANNED_FAILOVER, LB_REHEARSAL_FORCED_FAILOVER, LB_REHEARSAL_CUTOVER,
  LB_REHEARSAL_FAILBACK, LB_REHEARSAL_DR_DRILL,
} LbRehearsalKind;
typedef enum
{
  LB_OUTCOME_PLANNED, LB_OUTCOME_IN_PROGRESS, LB_OUTCOME_SUCCESS, LB_OUTCOME_PARTIAL,
  LB_OUTCOME_FAILED, LB_OUTCOME_ABORTED,
} LbOutcome;
typedef enum { LB_STEP_PENDING, LB_STEP_RUNNING, LB_STEP_DONE, LB_STEP_FAILED, LB_STEP_SKIPPED } LbStepOutcome;
/* What a runbook step means for the downtime a rehearsal measures; most steps have none
 * (LB_STEP_ROLE_NONE, the field unset). */
typedef enum
{
  LB_STEP_ROLE_DOWNTIME_START, /* the workload stops */
  LB_STEP_ROLE_DOWNTIME_END,   /* the applications are validated on the new primary */
  LB_STEP_ROLE_ROLLBACK_END,   /* service is back on the old primary: ends downtime when
                                * the validation failed */
} LbStepRole;
#define LB_STEP_ROLE_NONE LB_UNSET_ENUM
typedef enum
{
  LB_EVIDENCE_FILE, LB_EVIDENCE_TEXT, LB_EVIDENCE_QUERY_RESULT, LB_EVIDENCE_AZ_CLI_JSON,
  LB_EVIDENCE_ARM_JSON,
} LbEvidenceKind;
typedef enum
{
  LB_COST_MI_COMPUTE, LB_COST_STORAGE, LB_COST_LICENSING, LB_COST_BACKUP_STORAGE,
  LB_COST_NETWORK_TRANSFER, LB_COST_PARALLEL_RUN, LB_COST_SUPPORT_EFFORT, LB_COST_OTHER,
} LbCostCategory;
typedef enum { LB_PERIOD_ONE_OFF, LB_PERIOD_MONTHLY } LbCostPeriod;
typedef enum { LB_COST_ESTIMATE, LB_COST_ACTUAL } LbCostBasis;
typedef enum { LB_RISK_OPEN, LB_RISK_MITIGATING, LB_RISK_ACCEPTED, LB_RISK_CLOSED } LbRiskStatus;
typedef enum { LB_SUBJECT_GO_NO_GO, LB_SUBJECT_REHEARSAL_ACCEPTANCE, LB_SUBJECT_DESIGN } LbApprovalSubject;
typedef enum { LB_DECISION_APPROVED, LB_DECISION_REJECTED, LB_DECISION_DEFERRED } LbDecision;
typedef enum { LB_SIDE_SQLSERVER, LB_SIDE_MANAGED_INSTANCE } LbServerSide;
typedef enum { LB_AUTH_SQL_LOGIN, LB_AUTH_WINDOWS, LB_AUTH_ENTRA_ID } LbAuthMethod;
typedef enum { LB_ENCRYPTION_REQUIRE, LB_ENCRYPTION_REQUEST, LB_ENCRYPTION_OFF } LbEncryption;
typedef enum { LB_DRIFT_NONE, LB_DRIFT_FOUND, LB_DRIFT_INCOMPLETE } LbDriftOutcome;
typedef enum { LB_ACTION_INSERT, LB_ACTION_UPDATE, LB_ACTION_DELETE, LB_ACTION_IMPORT } LbAuditAction;

/* The five production-readiness controls every link must have, in order. */
typedef enum
{
  LB_CONTROL_OWNER, LB_CONTROL_DEPENDENCIES, LB_CONTROL_PERMISSION_BOUNDARY,
  LB_CONTROL_MONITORING_SIGNAL, LB_CONTROL_ROLLBACK_EVIDENCE,
} LbControl;

extern const LbEnumInfo lb_drift_outcome_enum;
extern const LbEnumInfo lb_scenario_enum;
extern const LbEnumInfo lb_project_status_enum;
extern const LbEnumInfo lb_tier_enum;
extern const LbEnumInfo lb_hardware_enum;
extern const LbEnumInfo lb_control_enum;
extern const LbEnumInfo lb_audit_action_enum;
extern const LbEnumInfo lb_rehearsal_kind_enum;
extern const LbEnumInfo lb_step_role_enum;

typedef struct
{
  gint64 id;
  char  *name;
  gint64 position;
  gint64 window_start;
  gint64 window_end;
  char  *notes;
} LbWave;

typedef struct
{
  gint64 id;
  char  *name;
  int    scenario;
  gint64 wave_id;
  int    status;
  char  *owner;
  char  *source_server;
  gint64 source_port;
  char  *source_instance;
  char  *source_database;
  char  *source_version;
  char  *target_instance;
  char  *target_resource_group;
  char  *target_subscription;
  char  *target_region;
  char  *target_fqdn;
  int    target_tier;
  int    target_hardware;
  gint64 target_vcores;
  gint64 target_storage_gb;
  char  *link_name;
  char  *source_ag;
  char  *target_ag;
  int    replication_mode;
  int    failover_mode;
  int    link_role;
  double lag_threshold_s;
  gint64 downtime_target_min;
  gint64 planned_cutover;
  gint64 link_cert_valid_until; /* the endpoint certificate's expiry, when known */
  char  *notes;
  gint64 created_at;
  gint64 updated_at;
} LbProject;

typedef struct
{
  gint64 id;
  gint64 project_id;
  int    kind;
  int    control;
  char  *title;
  int    status;
  char  *owner;
  char  *note;
  char  *verified_by;
  gint64 verified_at;
  gint64 position;
} LbReadinessItem;

typedef struct
{
  gint64 id;
  gint64 project_id;
  gint64 tested_at;
  int    method;
  int    target_tier;
  int    target_hardware;
  gint64 target_vcores;
  gint64 target_storage_gb;
  gint64 duration_min;
  double log_gen_peak_mibps;
  double log_gen_p95_mibps;
  double cpu_pct;
  double iops;
  double throughput_mibps;
  double io_latency_ms;
  int    verdict;
  char  *findings;
  char  *fix;
} LbCapacityTest;

typedef struct
{
  gint64 id;
  gint64 project_id;
  int    kind;
  char  *title;
  gint64 started_at;
  gint64 ended_at;
  gint64 downtime_target_min;
  double measured_downtime_min;
  gboolean data_loss;
  double lag_at_start_s;
  int    outcome;
  char  *notes;
} LbRehearsal;

typedef struct
{
  gint64 id;
  gint64 rehearsal_id;
  gint64 position;
  char  *name;
  gint64 started_at;
  gint64 ended_at;
  int    outcome;
  char  *notes;
  int    role;    /* LbStepRole */
} LbRehearsalStep;

/* One step of a runbook template the user edited; kinds without any use the built-in
 * template (lb-rehearsal-metrics.h). */
typedef struct
{
  gint64 id;
  int    rehearsal_kind;
  gint64 position;
  char  *name;
  char  *notes;
  int    role;    /* LbStepRole */
} LbRunbookStep;

typedef struct
{
  gint64  id;
  gint64  project_id;
  gint64  step_id;
  gint64  readiness_id;
  gint64  risk_id;
  gint64  approval_id;
  char   *title;
  int     kind;
  GBytes *content;
  char   *media_type;
  gint64  size_bytes;
  char   *sha256;
  gint64  captured_at;
  char   *source;
} LbEvidence;

typedef struct
{
  gint64 id;
  gint64 project_id;
  int    category;
  char  *description;
  gint64 amount;
  char  *currency;
  int    period;
  gint64 months;
  int    basis;
  char  *source;
} LbCostItem;

typedef struct
{
  gint64 id;
  gint64 cost_item_id;
  char  *key;
  char  *value;
} LbCostTag;

typedef struct
{
  gint64   id;
  gint64   project_id;
  char    *title;
  char    *description;
  gint64   likelihood;
  gint64   impact;
  char    *owner;
  char    *mitigation;
  gboolean mitigation_accepted;
  int      status;
  gint64   due_at;
} LbRisk;

typedef struct
{
  gint64 id;
  gint64 project_id;
  int    subject;
  char  *approver;
  char  *role;
  int    decision;
  char  *comment;
  gint64 decided_at;
} LbApproval;

typedef struct
{
  gint64   id;
  gint64   project_id;
  char    *name;
  int      side;
  char    *host;
  gint64   port;
  char    *instance_name;
  char    *login;
  int      auth;
  int      encryption;
  gboolean trust_server_certificate;
  gint64   login_timeout_s;
  gint64   query_timeout_s;
  char    *driver;
} LbConnectionProfile;

typedef struct
{
  gint64 id;
  gint64 project_id;
  char  *subscription_id;
  char  *resource_group;
  char  *managed_instance;
  char  *link_name;
  char  *tenant_id;
} LbAzureTarget;

typedef struct
{
  gint64 id;
  gint64 project_id;
  char  *design_json;
  char  *approved_by;
  gint64 approved_at;
  char  *notes;
} LbDesignBaseline;

/* One comparison of the newest link and instance state with the approved design; kept so
 * that the history shows when drift appeared (schema v4). */
typedef struct
{
  gint64 id;
  gint64 project_id;
  gint64 checked_at;
  gint64 baseline_id;          /* the design compared with; 0 once it is deleted */
  gint64 link_evidence_id;     /* the link state read; 0 when there was none */
  gint64 instance_evidence_id; /* the instance state read; 0 when there was none */
  int    outcome;              /* LbDriftOutcome */
  gint64 n_critical;
  gint64 n_warning;
  gint64 n_info;
  char  *summary;              /* one line for people */
  char  *result_json;          /* lb_drift_result_to_json() */
} LbDriftCheck;

typedef struct
{
  gint64 id;
  char  *region;
  char  *sku;
  char  *meter_name;
  char  *product_name;
  char  *unit_of_measure;
  gint64 unit_price_micros; /* millionths of the currency unit: retail prices have 4+ decimals */
  char  *currency;
  gint64 fetched_at;
} LbPriceCacheEntry;

typedef struct
{
  gint64 id;
  gint64 at;
  char  *os_user;
  char  *entity;
  gint64 entity_id;
  int    action;
  char  *before_json;
  char  *after_json;
} LbAuditEntry;

extern const LbRecordKind lb_wave_kind;
extern const LbRecordKind lb_project_kind;
extern const LbRecordKind lb_readiness_item_kind;
extern const LbRecordKind lb_capacity_test_kind;
extern const LbRecordKind lb_rehearsal_kind;
extern const LbRecordKind lb_rehearsal_step_kind;
extern const LbRecordKind lb_runbook_step_kind;
extern const LbRecordKind lb_evidence_kind;
extern const LbRecordKind lb_cost_item_kind;
extern const LbRecordKind lb_cost_tag_kind;
extern const LbRecordKind lb_risk_kind;
extern const LbRecordKind lb_approval_kind;
extern const LbRecordKind lb_connection_profile_kind;
extern const LbRecordKind lb_azure_target_kind;
extern const LbRecordKind lb_design_baseline_kind;
extern const LbRecordKind lb_drift_check_kind;
extern const LbRecordKind lb_price_cache_kind;
extern const LbRecordKind lb_audit_entry_kind;

/* Every kind above, NULL-terminated, in the order the schema creates them. */
extern const LbRecordKind *const lb_record_kinds[];
const LbRecordKind *lb_record_kind_lookup (const char *table);

G_END_DECLS
