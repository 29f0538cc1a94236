/* lb-records.c: field tables and cross-field rules of each record kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-records"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "lb-error.h"
#include "lb-records.h"

#define ENUM(id, ...)                                                     \
  static const LbEnumValue id##_values[] = { __VA_ARGS__ };               \
  const LbEnumInfo id = { #id, id##_values, G_N_ELEMENTS (id##_values) }

ENUM (lb_drift_outcome_enum,
      { "none", N_("No drift") },
      { "found", N_("Drift") },
      { "incomplete", N_("Incomplete") });
ENUM (lb_scenario_enum,
      { "migration", N_("Migration") },
      { "reporting_offload", N_("Reporting offload") },
      { "disaster_recovery", N_("Disaster recovery") });
ENUM (lb_project_status_enum,
      { "planning", N_("Planning") },
      { "seeding", N_("Seeding") },
      { "replicating", N_("Replicating") },
      { "rehearsing", N_("Rehearsing") },
      { "ready", N_("Ready") },
      { "cut_over", N_("Cut over") },
      { "rolled_back", N_("Rolled back") },
      { "dr_standby", N_("DR standby") });
ENUM (lb_tier_enum,
      { "general_purpose", N_("General Purpose") },
      { "next_gen_general_purpose", N_("Next-gen General Purpose") },
      { "business_critical", N_("Business Critical") });
ENUM (lb_hardware_enum,
      { "standard", N_("Standard-series (Gen5)") },
      { "premium", N_("Premium-series") },
      { "memory_optimized", N_("Memory-optimized premium-series") });
ENUM (lb_replication_mode_enum,
      { "async", N_("Asynchronous") },
      { "sync", N_("Synchronous") });
ENUM (lb_failover_mode_enum,
      { "none", N_("None (one-way)") },
      { "manual", N_("Manual (two-way)") });
ENUM (lb_link_role_enum,
      { "sqlserver_primary", N_("SQL Server primary") },
      { "mi_primary", N_("Managed Instance primary") });
ENUM (lb_readiness_kind_enum,
      { "control", N_("Production-readiness control") },
      { "prerequisite", N_("Technical prerequisite") });
ENUM (lb_readiness_status_enum,
      { "unknown", N_("Unknown") },
      { "in_progress", N_("In progress") },
      { "clear", N_("Clear") },
      { "blocked", N_("Blocked") });
ENUM (lb_control_enum,
      { "owner", N_("Owner") },
      { "dependencies", N_("Dependencies") },
      { "permission_boundary", N_("Permission boundary") },
      { "monitoring_signal", N_("Monitoring signal") },
      { "rollback_evidence", N_("Rollback evidence") });
ENUM (lb_capacity_method_enum,
      { "workload_replay", N_("Workload replay") },
      { "benchmark", N_("Benchmark") },
      { "production_sampling", N_("Production sampling") });
ENUM (lb_verdict_enum,
      { "pass", N_("Pass") },
      { "fail", N_("Fail") },
      { "inconclusive", N_("Inconclusive") });
ENUM (lb_rehearsal_kind_enum,
      { "planned_failover", N_("Planned failover drill") },
      { "forced_failover", N_("Forced failover drill") },
      { "cutover", N_("Cutover rehearsal") },
      { "failback", N_("Failback") },
      { "dr_drill", N_("DR drill") });
ENUM (lb_outcome_enum,
      { "planned", N_("Planned") },
      { "in_progress", N_("In progress") },
      { "success", N_("Success") },
      { "partial", N_("Partial success") },
      { "failed", N_("Failed") },
      { "aborted", N_("Aborted") });
ENUM (lb_step_outcome_enum,
      { "pending", N_("Pending") },
      { "running", N_("Running") },
      { "done", N_("Done") },
      { "failed", N_("Failed") },
      { "skipped", N_("Skipped") });
ENUM (lb_step_role_enum,
      { "downtime_start", N_("Downtime starts (workload stopped)") },
      { "downtime_end", N_("Downtime ends (applications validated)") },
      { "rollback_end", N_("Service restored on the old primary") });
ENUM (lb_evidence_kind_enum,
      { "file", N_("File") },
      { "text", N_("Text") },
      { "query_result", N_("Query result") },
      { "az_cli_json", N_("Azure CLI JSON") },
      { "arm_json", N_("ARM JSON") });
ENUM (lb_cost_category_enum,
      { "mi_compute", N_("MI compute") },
      { "storage", N_("Storage") },
      { "licensing", N_("Licensing") },
      { "backup_storage", N_("Backup storage") },
      { "network_transfer", N_("Network transfer") },
      { "parallel_run", N_("Parallel-run environment") },
      { "support_effort", N_("Support effort") },
      { "other", N_("Other") });
ENUM (lb_cost_period_enum,
      { "one_off", N_("One-off") },
      { "monthly", N_("Monthly") });
ENUM (lb_cost_basis_enum,
      { "estimate", N_("Estimate") },
      { "actual", N_("Actual") });
ENUM (lb_risk_status_enum,
      { "open", N_("Open") },
      { "mitigating", N_("Mitigating") },
      { "accepted", N_("Accepted") },
      { "closed", N_("Closed") });
ENUM (lb_approval_subject_enum,
      { "go_no_go", N_("Go/no-go") },
      { "rehearsal_acceptance", N_("Rehearsal acceptance") },
      { "design", N_("Design") });
ENUM (lb_decision_enum,
      { "approved", N_("Approved") },
      { "rejected", N_("Rejected") },
      { "deferred", N_("Deferred") });
ENUM (lb_server_side_enum,
      { "sqlserver", N_("SQL Server") },
      { "managed_instance", N_("Managed Instance") });
ENUM (lb_auth_method_enum,
      { "sql_login", N_("SQL login") },
      { "windows", N_("Windows (Kerberos)") },
      { "entra_id", N_("Microsoft Entra ID") });
ENUM (lb_encryption_enum,
      { "require", N_("Required") },
      { "request", N_("If the server offers it") },
      { "off", N_("Off") });
ENUM (lb_audit_action_enum,
      { "insert", N_("Created") },
      { "update", N_("Changed") },
      { "delete", N_("Deleted") },
      { "import", N_("Imported") });

#define FIELD(Type, fname, flabel, ftype, fflags, ...)                             \
  { .name = #fname, .label = flabel, .type = ftype,                               \
    .offset = G_STRUCT_OFFSET (Type, fname), .flags = fflags, __VA_ARGS__ }
#define RANGE(lo, hi) .min = (lo), .max = (hi)
#define NONNEG .min = 0, .max = G_MAXDOUBLE
#define R LB_FIELD_REQUIRED
#define HR LB_FIELD_HAS_RANGE
#define ML LB_FIELD_MULTILINE
#define ID LB_FIELD_IDENTITY
#define PARENT(Type, fname, kind)                                                  \
  FIELD (Type, fname, N_("Project"), LB_FIELD_REF, R | LB_FIELD_PARENT, .ref_kind = &kind)
#define KIND(Type, ktable, klabel, kplural, korder, ktitle, kvalidate)             \
  { .table = ktable, .label = klabel, .plural = kplural, .size = sizeof (Type),    \
    .fields = Type##_fields, .n_fields = G_N_ELEMENTS (Type##_fields),             \
    .order_by = korder, .title_field = ktitle, .validate = kvalidate }

/* "@field must not be before @earlier": shared by every kind with a start and an end. */
static gboolean
check_order (const LbRecordKind *kind,
             gconstpointer       record,
             const char         *earlier,
             const char         *later,
             GError            **error)
{
  const LbFieldInfo *a = lb_record_kind_find_field (kind, earlier);
  const LbFieldInfo *b = lb_record_kind_find_field (kind, later);

  g_assert (a != NULL && b != NULL);
  if (lb_record_field_is_set (a, record) && lb_record_field_is_set (b, record) &&
      lb_record_get_int (b, record) < lb_record_get_int (a, record))
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_ORDER, b->name,
                               /* TRANSLATORS: "Ended: must not be before Started" */
                               _("%s: must not be before %s"), _(b->label), _(a->label));
      return FALSE;
    }
  return TRUE;
}

static const LbFieldInfo LbWave_fields[] = {
  FIELD (LbWave, name, N_("Name"), LB_FIELD_TEXT, R | LB_FIELD_UNIQUE | ID),
  FIELD (LbWave, position, N_("Order"), LB_FIELD_INT, HR, RANGE (0, 10000), .default_value = "0"),
  FIELD (LbWave, window_start, N_("Window start"), LB_FIELD_TIME, 0),
  FIELD (LbWave, window_end, N_("Window end"), LB_FIELD_TIME, 0),
  FIELD (LbWave, notes, N_("Notes"), LB_FIELD_TEXT, ML),
};

static gboolean
validate_wave (const LbRecordKind *kind, gconstpointer record, GError **error)
{
  return check_order (kind, record, "window_start", "window_end", error);
}

const LbRecordKind lb_wave_kind =
  KIND (LbWave, "wave", N_("Wave"), N_("Waves"), "position, name COLLATE NOCASE", "name", validate_wave);

static const LbFieldInfo LbProject_fields[] = {
  FIELD (LbProject, name, N_("Name"), LB_FIELD_TEXT, R | LB_FIELD_UNIQUE | ID),
  FIELD (LbProject, scenario, N_("Scenario"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_scenario_enum,
         .default_value = "migration"),
  FIELD (LbProject, wave_id, N_("Wave"), LB_FIELD_REF, ID, .ref_kind = &lb_wave_kind),
  FIELD (LbProject, status, N_("Status"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_project_status_enum,
         .default_value = "planning"),
  FIELD (LbProject, owner, N_("Owner"), LB_FIELD_TEXT, ID),
  FIELD (LbProject, source_server, N_("Source server"), LB_FIELD_TEXT, ID),
  FIELD (LbProject, source_port, N_("Source port"), LB_FIELD_INT, HR, RANGE (1, 65535)),
  FIELD (LbProject, source_instance, N_("Source instance"), LB_FIELD_TEXT, 0),
  FIELD (LbProject, source_database, N_("Source database"), LB_FIELD_TEXT, ID),
  FIELD (LbProject, source_version, N_("SQL Server version"), LB_FIELD_TEXT, 0),
  FIELD (LbProject, target_instance, N_("Target managed instance"), LB_FIELD_TEXT, ID),
  FIELD (LbProject, target_resource_group, N_("Resource group"), LB_FIELD_TEXT, 0),
  FIELD (LbProject, target_subscription, N_("Subscription"), LB_FIELD_TEXT, 0),
  FIELD (LbProject, target_region, N_("Region"), LB_FIELD_TEXT, 0),
  FIELD (LbProject, target_fqdn, N_("Target FQDN"), LB_FIELD_TEXT, 0),
  FIELD (LbProject, target_tier, N_("Service tier"), LB_FIELD_ENUM, 0, .enum_info = &lb_tier_enum),
  FIELD (LbProject, target_hardware, N_("Hardware"), LB_FIELD_ENUM, 0, .enum_info = &lb_hardware_enum),
  FIELD (LbProject, target_vcores, N_("vCores"), LB_FIELD_INT, HR, RANGE (2, 128)),
  FIELD (LbProject, target_storage_gb, N_("Storage"), LB_FIELD_INT, HR, RANGE (32, 32768), .unit = "GB"),
  FIELD (LbProject, link_name, N_("Link name"), LB_FIELD_TEXT, 0),
  FIELD (LbProject, source_ag, N_("SQL Server availability group"), LB_FIELD_TEXT, 0),
  FIELD (LbProject, target_ag, N_("Managed Instance availability group"), LB_FIELD_TEXT, 0),
  FIELD (LbProject, replication_mode, N_("Replication mode"), LB_FIELD_ENUM, 0,
         .enum_info = &lb_replication_mode_enum, .default_value = "async"),
  FIELD (LbProject, failover_mode, N_("Failover mode"), LB_FIELD_ENUM, 0, .enum_info = &lb_failover_mode_enum),
  FIELD (LbProject, link_role, N_("Link role"), LB_FIELD_ENUM, 0, .enum_info = &lb_link_role_enum,
         .default_value = "sqlserver_primary"),
  FIELD (LbProject, lag_threshold_s, N_("Approved lag threshold"), LB_FIELD_REAL, HR, RANGE (0, 86400),
         .unit = "s", .default_value = "30"),
  FIELD (LbProject, downtime_target_min, N_("Downtime target"), LB_FIELD_INT, HR, RANGE (0, 10080),
         .unit = "min", .default_value = "120"),
  FIELD (LbProject, planned_cutover, N_("Planned cutover"), LB_FIELD_TIME, 0),
  FIELD (LbProject, link_cert_valid_until, N_("Link certificate valid until"), LB_FIELD_TIME, 0),
  FIELD (LbProject, notes, N_("Notes"), LB_FIELD_TEXT, ML),
  FIELD (LbProject, created_at, N_("Created"), LB_FIELD_TIME, LB_FIELD_COMPUTED),
  FIELD (LbProject, updated_at, N_("Changed"), LB_FIELD_TIME, LB_FIELD_COMPUTED),
};

const LbRecordKind lb_project_kind =
  KIND (LbProject, "project", N_("Project"), N_("Projects"), "name COLLATE NOCASE", "name", NULL);

static const LbFieldInfo LbReadinessItem_fields[] = {
  PARENT (LbReadinessItem, project_id, lb_project_kind),
  FIELD (LbReadinessItem, kind, N_("Kind"), LB_FIELD_ENUM, R, .enum_info = &lb_readiness_kind_enum,
         .default_value = "prerequisite"),
  FIELD (LbReadinessItem, control, N_("Control"), LB_FIELD_ENUM, 0, .enum_info = &lb_control_enum),
  FIELD (LbReadinessItem, title, N_("Title"), LB_FIELD_TEXT, R | ID),
  FIELD (LbReadinessItem, status, N_("Status"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_readiness_status_enum,
         .default_value = "unknown"),
  FIELD (LbReadinessItem, owner, N_("Responsible"), LB_FIELD_TEXT, ID),
  FIELD (LbReadinessItem, note, N_("Note"), LB_FIELD_TEXT, ML),
  FIELD (LbReadinessItem, verified_by, N_("Verified by"), LB_FIELD_TEXT, 0),
  FIELD (LbReadinessItem, verified_at, N_("Verified at"), LB_FIELD_TIME, 0),
  FIELD (LbReadinessItem, position, N_("Order"), LB_FIELD_INT, HR, RANGE (0, 10000), .default_value = "0"),
};

static gboolean
validate_readiness_item (const LbRecordKind *kind, gconstpointer record, GError **error)
{
  const LbReadinessItem *item = record;

  /* A control row must say which of the five it is; a prerequisite must not claim one. */
  if (item->kind == LB_READINESS_CONTROL && item->control == LB_UNSET_ENUM)
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_REQUIRED, "control",
                               _("%s: must be set for a production-readiness control"), _("Control"));
      return FALSE;
    }
  if (item->kind == LB_READINESS_PREREQUISITE && item->control != LB_UNSET_ENUM)
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_ENUM, "control",
                               _("%s: only production-readiness controls have one"), _("Control"));
      return FALSE;
    }
  return TRUE;
}

const LbRecordKind lb_readiness_item_kind =
  KIND (LbReadinessItem, "readiness_item", N_("Readiness item"), N_("Readiness items"),
        "kind, position, id", "title", validate_readiness_item);

static const LbFieldInfo LbCapacityTest_fields[] = {
  PARENT (LbCapacityTest, project_id, lb_project_kind),
  FIELD (LbCapacityTest, tested_at, N_("Tested at"), LB_FIELD_TIME, R | ID),
  FIELD (LbCapacityTest, method, N_("Method"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_capacity_method_enum,
         .default_value = "workload_replay"),
  FIELD (LbCapacityTest, target_tier, N_("Service tier"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_tier_enum),
  FIELD (LbCapacityTest, target_hardware, N_("Hardware"), LB_FIELD_ENUM, 0, .enum_info = &lb_hardware_enum),
  FIELD (LbCapacityTest, target_vcores, N_("vCores"), LB_FIELD_INT, R | HR | ID, RANGE (2, 128)),
  FIELD (LbCapacityTest, target_storage_gb, N_("Storage"), LB_FIELD_INT, HR, RANGE (32, 32768), .unit = "GB"),
  FIELD (LbCapacityTest, duration_min, N_("Duration"), LB_FIELD_INT, HR, NONNEG, .unit = "min"),
  FIELD (LbCapacityTest, log_gen_peak_mibps, N_("Log generation peak"), LB_FIELD_REAL, HR, NONNEG, .unit = "MiB/s"),
  FIELD (LbCapacityTest, log_gen_p95_mibps, N_("Log generation p95"), LB_FIELD_REAL, HR, NONNEG, .unit = "MiB/s"),
  FIELD (LbCapacityTest, cpu_pct, N_("CPU"), LB_FIELD_REAL, HR, RANGE (0, 100), .unit = "%"),
  FIELD (LbCapacityTest, iops, N_("IOPS"), LB_FIELD_REAL, HR, NONNEG),
  FIELD (LbCapacityTest, throughput_mibps, N_("Throughput"), LB_FIELD_REAL, HR, NONNEG, .unit = "MiB/s"),
  FIELD (LbCapacityTest, io_latency_ms, N_("IO latency"), LB_FIELD_REAL, HR, NONNEG, .unit = "ms"),
  FIELD (LbCapacityTest, verdict, N_("Verdict"), LB_FIELD_ENUM, ID, .enum_info = &lb_verdict_enum),
  FIELD (LbCapacityTest, findings, N_("Findings"), LB_FIELD_TEXT, ML),
  FIELD (LbCapacityTest, fix, N_("Fix"), LB_FIELD_TEXT, ML),
};

static gboolean
validate_capacity_test (const LbRecordKind *kind, gconstpointer record, GError **error)
{
  const LbCapacityTest *test = record;

  if (!isnan (test->log_gen_peak_mibps) && !isnan (test->log_gen_p95_mibps) &&
      test->log_gen_p95_mibps > test->log_gen_peak_mibps)
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_ORDER, "log_gen_p95_mibps",
                               _("%s: must not exceed %s"), _("Log generation p95"), _("Log generation peak"));
      return FALSE;
    }
  return TRUE;
}

const LbRecordKind lb_capacity_test_kind =
  KIND (LbCapacityTest, "capacity_test", N_("Capacity test"), N_("Capacity tests"),
        "tested_at, id", "tested_at", validate_capacity_test);

static const LbFieldInfo LbRehearsal_fields[] = {
  PARENT (LbRehearsal, project_id, lb_project_kind),
  FIELD (LbRehearsal, kind, N_("Kind"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_rehearsal_kind_enum,
         .default_value = "planned_failover"),
  FIELD (LbRehearsal, title, N_("Title"), LB_FIELD_TEXT, R | ID),
  FIELD (LbRehearsal, started_at, N_("Started"), LB_FIELD_TIME, R | ID),
  FIELD (LbRehearsal, ended_at, N_("Ended"), LB_FIELD_TIME, 0),
  FIELD (LbRehearsal, downtime_target_min, N_("Downtime target"), LB_FIELD_INT, HR, RANGE (0, 10080), .unit = "min"),
  FIELD (LbRehearsal, measured_downtime_min, N_("Measured downtime"), LB_FIELD_REAL, HR | ID, RANGE (0, 10080),
         .unit = "min"),
  FIELD (LbRehearsal, data_loss, N_("Data loss"), LB_FIELD_BOOL, 0, .default_value = "false"),
  FIELD (LbRehearsal, lag_at_start_s, N_("Lag at start"), LB_FIELD_REAL, HR, NONNEG, .unit = "s"),
  FIELD (LbRehearsal, outcome, N_("Outcome"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_outcome_enum,
         .default_value = "planned"),
  FIELD (LbRehearsal, notes, N_("Notes"), LB_FIELD_TEXT, ML),
};

static gboolean
validate_rehearsal (const LbRecordKind *kind, gconstpointer record, GError **error)
{
  return check_order (kind, record, "started_at", "ended_at", error);
}

const LbRecordKind lb_rehearsal_kind =
  KIND (LbRehearsal, "rehearsal", N_("Rehearsal"), N_("Rehearsals"), "started_at, id", "title", validate_rehearsal);

static const LbFieldInfo LbRehearsalStep_fields[] = {
  FIELD (LbRehearsalStep, rehearsal_id, N_("Rehearsal"), LB_FIELD_REF, R | LB_FIELD_PARENT,
         .ref_kind = &lb_rehearsal_kind),
  FIELD (LbRehearsalStep, position, N_("Order"), LB_FIELD_INT, HR, RANGE (0, 10000), .default_value = "0"),
  FIELD (LbRehearsalStep, name, N_("Step"), LB_FIELD_TEXT, R | ID),
  FIELD (LbRehearsalStep, started_at, N_("Started"), LB_FIELD_TIME, ID),
  FIELD (LbRehearsalStep, ended_at, N_("Ended"), LB_FIELD_TIME, 0),
  FIELD (LbRehearsalStep, outcome, N_("Outcome"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_step_outcome_enum,
         .default_value = "pending"),
  FIELD (LbRehearsalStep, notes, N_("Notes"), LB_FIELD_TEXT, ML),
  FIELD (LbRehearsalStep, role, N_("Downtime role"), LB_FIELD_ENUM, 0, .enum_info = &lb_step_role_enum),
};

static gboolean
validate_rehearsal_step (const LbRecordKind *kind, gconstpointer record, GError **error)
{
  return check_order (kind, record, "started_at", "ended_at", error);
}

const LbRecordKind lb_rehearsal_step_kind =
  KIND (LbRehearsalStep, "rehearsal_step", N_("Rehearsal step"), N_("Rehearsal steps"),
        "position, id", "name", validate_rehearsal_step);

static const LbFieldInfo LbRunbookStep_fields[] = {
  FIELD (LbRunbookStep, rehearsal_kind, N_("Rehearsal kind"), LB_FIELD_ENUM, R | ID,
         .enum_info = &lb_rehearsal_kind_enum),
  FIELD (LbRunbookStep, position, N_("Order"), LB_FIELD_INT, HR, RANGE (0, 10000), .default_value = "0"),
  FIELD (LbRunbookStep, name, N_("Step"), LB_FIELD_TEXT, R | ID),
  FIELD (LbRunbookStep, role, N_("Downtime role"), LB_FIELD_ENUM, ID, .enum_info = &lb_step_role_enum),
  FIELD (LbRunbookStep, notes, N_("What to do and what evidence to keep"), LB_FIELD_TEXT, ML),
};

const LbRecordKind lb_runbook_step_kind =
  KIND (LbRunbookStep, "runbook_step", N_("Runbook step"), N_("Runbook steps"), "rehearsal_kind, position, id",
        "name", NULL);

static const LbFieldInfo LbEvidence_fields[] = {
  PARENT (LbEvidence, project_id, lb_project_kind),
  FIELD (LbEvidence, step_id, N_("Rehearsal step"), LB_FIELD_REF, 0, .ref_kind = &lb_rehearsal_step_kind),
  FIELD (LbEvidence, readiness_id, N_("Readiness item"), LB_FIELD_REF, 0, .ref_kind = &lb_readiness_item_kind),
  FIELD (LbEvidence, risk_id, N_("Risk"), LB_FIELD_REF, 0, .ref_kind = &lb_risk_kind),
  FIELD (LbEvidence, approval_id, N_("Approval"), LB_FIELD_REF, 0, .ref_kind = &lb_approval_kind),
  FIELD (LbEvidence, title, N_("Title"), LB_FIELD_TEXT, R | ID),
  FIELD (LbEvidence, kind, N_("Kind"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_evidence_kind_enum,
         .default_value = "text"),
  FIELD (LbEvidence, content, N_("Content"), LB_FIELD_BLOB, R),
  FIELD (LbEvidence, media_type, N_("Media type"), LB_FIELD_TEXT, 0, .default_value = "text/plain"),
  FIELD (LbEvidence, size_bytes, N_("Size"), LB_FIELD_INT, LB_FIELD_COMPUTED | ID, .unit = "B"),
  FIELD (LbEvidence, sha256, N_("SHA-256"), LB_FIELD_TEXT, LB_FIELD_COMPUTED),
  FIELD (LbEvidence, captured_at, N_("Captured at"), LB_FIELD_TIME, R | ID),
  FIELD (LbEvidence, source, N_("Source"), LB_FIELD_TEXT, 0),
};

const LbRecordKind lb_evidence_kind =
  KIND (LbEvidence, "evidence", N_("Evidence"), N_("Evidence"), "captured_at, id", "title", NULL);

static const LbFieldInfo LbCostItem_fields[] = {
  PARENT (LbCostItem, project_id, lb_project_kind),
  FIELD (LbCostItem, category, N_("Category"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_cost_category_enum,
         .default_value = "other"),
  FIELD (LbCostItem, description, N_("Description"), LB_FIELD_TEXT, R | ID),
  FIELD (LbCostItem, amount, N_("Amount"), LB_FIELD_MONEY, R | HR | ID, NONNEG),
  FIELD (LbCostItem, currency, N_("Currency"), LB_FIELD_TEXT, R, .default_value = "USD"),
  FIELD (LbCostItem, period, N_("Period"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_cost_period_enum,
         .default_value = "one_off"),
  FIELD (LbCostItem, months, N_("Months"), LB_FIELD_INT, HR, RANGE (1, 600)),
  FIELD (LbCostItem, basis, N_("Basis"), LB_FIELD_ENUM, R, .enum_info = &lb_cost_basis_enum,
         .default_value = "estimate"),
  FIELD (LbCostItem, source, N_("Source"), LB_FIELD_TEXT, 0),
};

static gboolean
validate_cost_item (const LbRecordKind *kind, gconstpointer record, GError **error)
{
  const LbCostItem *item = record;

  /* ISO 4217: three capital letters. */
  if (item->currency != NULL &&
      (strlen (item->currency) != 3 || !g_ascii_isupper (item->currency[0]) ||
       !g_ascii_isupper (item->currency[1]) || !g_ascii_isupper (item->currency[2])))
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, "currency",
                               _("%s: “%s” is not an ISO 4217 code such as EUR or USD"),
                               _("Currency"), item->currency);
      return FALSE;
    }
  if (item->period == LB_PERIOD_ONE_OFF && item->months != LB_UNSET_INT)
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_RANGE, "months",
                               _("%s: applies to monthly costs only"), _("Months"));
      return FALSE;
    }
  return TRUE;
}

const LbRecordKind lb_cost_item_kind =
  KIND (LbCostItem, "cost_item", N_("Cost item"), N_("Cost items"), "category, id", "description",
        validate_cost_item);

static const LbFieldInfo LbCostTag_fields[] = {
  FIELD (LbCostTag, cost_item_id, N_("Cost item"), LB_FIELD_REF, R | LB_FIELD_PARENT, .ref_kind = &lb_cost_item_kind),
  FIELD (LbCostTag, key, N_("Key"), LB_FIELD_TEXT, R | LB_FIELD_UNIQUE | ID),
  FIELD (LbCostTag, value, N_("Value"), LB_FIELD_TEXT, ID),
};

const LbRecordKind lb_cost_tag_kind =
  KIND (LbCostTag, "cost_tag", N_("Cost tag"), N_("Cost tags"), "key COLLATE NOCASE, id", "key", NULL);

static const LbFieldInfo LbRisk_fields[] = {
  PARENT (LbRisk, project_id, lb_project_kind),
  FIELD (LbRisk, title, N_("Title"), LB_FIELD_TEXT, R | ID),
  FIELD (LbRisk, description, N_("Description"), LB_FIELD_TEXT, ML),
  FIELD (LbRisk, likelihood, N_("Likelihood"), LB_FIELD_INT, R | HR | ID, RANGE (1, 5), .default_value = "3"),
  FIELD (LbRisk, impact, N_("Impact"), LB_FIELD_INT, R | HR | ID, RANGE (1, 5), .default_value = "3"),
  FIELD (LbRisk, owner, N_("Owner"), LB_FIELD_TEXT, ID),
  FIELD (LbRisk, mitigation, N_("Mitigation"), LB_FIELD_TEXT, ML),
  FIELD (LbRisk, mitigation_accepted, N_("Mitigation accepted"), LB_FIELD_BOOL, 0, .default_value = "false"),
  FIELD (LbRisk, status, N_("Status"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_risk_status_enum,
         .default_value = "open"),
  FIELD (LbRisk, due_at, N_("Due"), LB_FIELD_TIME, 0),
};

const LbRecordKind lb_risk_kind =
  KIND (LbRisk, "risk", N_("Risk"), N_("Risks"), "likelihood * impact DESC, id", "title", NULL);

static const LbFieldInfo LbApproval_fields[] = {
  PARENT (LbApproval, project_id, lb_project_kind),
  FIELD (LbApproval, subject, N_("Subject"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_approval_subject_enum,
         .default_value = "go_no_go"),
  FIELD (LbApproval, approver, N_("Approver"), LB_FIELD_TEXT, R | ID),
  FIELD (LbApproval, role, N_("Role"), LB_FIELD_TEXT, 0),
  FIELD (LbApproval, decision, N_("Decision"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_decision_enum),
  FIELD (LbApproval, comment, N_("Comment"), LB_FIELD_TEXT, ML),
  FIELD (LbApproval, decided_at, N_("Decided at"), LB_FIELD_TIME, R | ID),
};

const LbRecordKind lb_approval_kind =
  KIND (LbApproval, "approval", N_("Approval"), N_("Approvals"), "decided_at, id", "approver", NULL);

static const LbFieldInfo LbConnectionProfile_fields[] = {
  FIELD (LbConnectionProfile, project_id, N_("Project"), LB_FIELD_REF, LB_FIELD_PARENT, .ref_kind = &lb_project_kind),
  FIELD (LbConnectionProfile, name, N_("Name"), LB_FIELD_TEXT, R | LB_FIELD_UNIQUE | ID),
  FIELD (LbConnectionProfile, side, N_("Side"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_server_side_enum,
         .default_value = "sqlserver"),
  FIELD (LbConnectionProfile, host, N_("Host"), LB_FIELD_TEXT, R | ID),
  FIELD (LbConnectionProfile, port, N_("Port"), LB_FIELD_INT, HR, RANGE (1, 65535), .default_value = "1433"),
  FIELD (LbConnectionProfile, instance_name, N_("Instance name"), LB_FIELD_TEXT, 0),
  FIELD (LbConnectionProfile, login, N_("Login"), LB_FIELD_TEXT, 0),
  FIELD (LbConnectionProfile, auth, N_("Authentication"), LB_FIELD_ENUM, R, .enum_info = &lb_auth_method_enum,
         .default_value = "sql_login"),
  FIELD (LbConnectionProfile, encryption, N_("Encryption"), LB_FIELD_ENUM, R, .enum_info = &lb_encryption_enum,
         .default_value = "require"),
  FIELD (LbConnectionProfile, trust_server_certificate, N_("Trust any server certificate"), LB_FIELD_BOOL, 0,
         .default_value = "false"),
  FIELD (LbConnectionProfile, login_timeout_s, N_("Login timeout"), LB_FIELD_INT, HR, RANGE (1, 600),
         .unit = "s", .default_value = "15"),
  FIELD (LbConnectionProfile, query_timeout_s, N_("Query timeout"), LB_FIELD_INT, HR, RANGE (1, 86400),
         .unit = "s", .default_value = "30"),
  FIELD (LbConnectionProfile, driver, N_("ODBC driver"), LB_FIELD_TEXT, 0),
};

/* The fields that end up in the FreeTDS configuration file or the ODBC connection string
 * must not be able to add a key of their own there (issue 4: "fields that would break the
 * config file or connection string are refused"). */
static gboolean
validate_connection_profile (const LbRecordKind *kind,
                             gconstpointer       record,
                             GError            **error)
{
  const LbConnectionProfile *profile = record;
  const struct { const char *field; const char *label; const char *value; } texts[] = {
    { "host", N_("Host"), profile->host },
    { "instance_name", N_("Instance name"), profile->instance_name },
    { "login", N_("Login"), profile->login },
    { "driver", N_("ODBC driver"), profile->driver },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *bad;

      if (texts[i].value == NULL)
        continue;
      if ((bad = strpbrk (texts[i].value, ";=[]{}\n\r")) != NULL)
        {
          if (*bad == '\n' || *bad == '\r')
            lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, texts[i].field,
                                     _("%s: a line break is not allowed (it would break the connection settings)"),
                                     _(texts[i].label));
          else
            lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, texts[i].field,
                                     /* TRANSLATORS: "Host: “;” is not allowed (it would break the connection settings)" */
                                     _("%s: “%c” is not allowed (it would break the connection settings)"),
                                     _(texts[i].label), *bad);
          return FALSE;
        }
    }
  return TRUE;
}

const LbRecordKind lb_connection_profile_kind =
  KIND (LbConnectionProfile, "connection_profile", N_("Connection profile"), N_("Connection profiles"),
        "name COLLATE NOCASE", "name", validate_connection_profile);

static const LbFieldInfo LbAzureTarget_fields[] = {
  PARENT (LbAzureTarget, project_id, lb_project_kind),
  FIELD (LbAzureTarget, subscription_id, N_("Subscription ID"), LB_FIELD_TEXT, R | ID),
  FIELD (LbAzureTarget, resource_group, N_("Resource group"), LB_FIELD_TEXT, R | ID),
  FIELD (LbAzureTarget, managed_instance, N_("Managed instance"), LB_FIELD_TEXT, R | ID),
  FIELD (LbAzureTarget, link_name, N_("Link name"), LB_FIELD_TEXT, 0),
  FIELD (LbAzureTarget, tenant_id, N_("Tenant ID"), LB_FIELD_TEXT, 0),
};

const LbRecordKind lb_azure_target_kind =
  KIND (LbAzureTarget, "azure_target", N_("Azure target"), N_("Azure targets"), "id", "managed_instance", NULL);

static const LbFieldInfo LbDesignBaseline_fields[] = {
  PARENT (LbDesignBaseline, project_id, lb_project_kind),
  FIELD (LbDesignBaseline, design_json, N_("Design"), LB_FIELD_TEXT, R | ML),
  FIELD (LbDesignBaseline, approved_by, N_("Approved by"), LB_FIELD_TEXT, R | ID),
  FIELD (LbDesignBaseline, approved_at, N_("Approved at"), LB_FIELD_TIME, R | ID),
  FIELD (LbDesignBaseline, notes, N_("Notes"), LB_FIELD_TEXT, ML),
};

static gboolean
validate_design_baseline (const LbRecordKind *kind, gconstpointer record, GError **error)
{
  const LbDesignBaseline *design = record;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  if (design->design_json == NULL)
    return TRUE;
  if (!json_parser_load_from_data (parser, design->design_json, -1, &local_error))
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, "design_json",
                               _("%s: not valid JSON (%s)"), _("Design"), local_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, "design_json",
                               _("%s: must be a JSON object"), _("Design"));
      return FALSE;
    }
  return TRUE;
}

const LbRecordKind lb_design_baseline_kind =
  KIND (LbDesignBaseline, "design_baseline", N_("Design baseline"), N_("Design baselines"),
        "approved_at, id", "approved_by", validate_design_baseline);

static const LbFieldInfo LbDriftCheck_fields[] = {
  PARENT (LbDriftCheck, project_id, lb_project_kind),
  FIELD (LbDriftCheck, checked_at, N_("Checked at"), LB_FIELD_TIME, R | ID),
  FIELD (LbDriftCheck, baseline_id, N_("Design"), LB_FIELD_REF, 0, .ref_kind = &lb_design_baseline_kind),
  FIELD (LbDriftCheck, link_evidence_id, N_("Link state"), LB_FIELD_REF, 0, .ref_kind = &lb_evidence_kind),
  FIELD (LbDriftCheck, instance_evidence_id, N_("Instance state"), LB_FIELD_REF, 0, .ref_kind = &lb_evidence_kind),
  FIELD (LbDriftCheck, outcome, N_("Outcome"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_drift_outcome_enum),
  FIELD (LbDriftCheck, n_critical, N_("Critical differences"), LB_FIELD_INT, R | HR, NONNEG, .default_value = "0"),
  FIELD (LbDriftCheck, n_warning, N_("Differences to review"), LB_FIELD_INT, R | HR, NONNEG, .default_value = "0"),
  FIELD (LbDriftCheck, n_info, N_("Notes"), LB_FIELD_INT, R | HR, NONNEG, .default_value = "0"),
  FIELD (LbDriftCheck, summary, N_("Summary"), LB_FIELD_TEXT, ID),
  FIELD (LbDriftCheck, result_json, N_("Result"), LB_FIELD_TEXT, R | ML),
};

const LbRecordKind lb_drift_check_kind =
  KIND (LbDriftCheck, "drift_check", N_("Drift check"), N_("Drift checks"), "checked_at, id", "summary", NULL);

static const LbFieldInfo LbPriceCacheEntry_fields[] = {
  FIELD (LbPriceCacheEntry, region, N_("Region"), LB_FIELD_TEXT, R | ID),
  FIELD (LbPriceCacheEntry, sku, N_("SKU"), LB_FIELD_TEXT, R | ID),
  FIELD (LbPriceCacheEntry, meter_name, N_("Meter"), LB_FIELD_TEXT, R | ID),
  FIELD (LbPriceCacheEntry, product_name, N_("Product"), LB_FIELD_TEXT, 0),
  FIELD (LbPriceCacheEntry, unit_of_measure, N_("Unit"), LB_FIELD_TEXT, 0),
  FIELD (LbPriceCacheEntry, unit_price_micros, N_("Unit price (millionths)"), LB_FIELD_INT, R | HR, NONNEG),
  FIELD (LbPriceCacheEntry, currency, N_("Currency"), LB_FIELD_TEXT, R, .default_value = "USD"),
  FIELD (LbPriceCacheEntry, fetched_at, N_("Fetched at"), LB_FIELD_TIME, R),
};

const LbRecordKind lb_price_cache_kind =
  KIND (LbPriceCacheEntry, "price_cache", N_("Cached price"), N_("Cached prices"),
        "region, sku, meter_name", "meter_name", NULL);

static const LbFieldInfo LbAuditEntry_fields[] = {
  FIELD (LbAuditEntry, at, N_("Time"), LB_FIELD_TIME, R | ID),
  FIELD (LbAuditEntry, os_user, N_("User"), LB_FIELD_TEXT, R | ID),
  FIELD (LbAuditEntry, entity, N_("Record kind"), LB_FIELD_TEXT, R | ID),
  FIELD (LbAuditEntry, entity_id, N_("Record"), LB_FIELD_INT, 0),
  FIELD (LbAuditEntry, action, N_("Action"), LB_FIELD_ENUM, R | ID, .enum_info = &lb_audit_action_enum),
  FIELD (LbAuditEntry, before_json, N_("Before"), LB_FIELD_TEXT, ML),
  FIELD (LbAuditEntry, after_json, N_("After"), LB_FIELD_TEXT, ML),
};

const LbRecordKind lb_audit_entry_kind =
  KIND (LbAuditEntry, "audit_log", N_("Audit entry"), N_("Audit log"), "at, id", "entity", NULL);

const LbRecordKind *const lb_record_kinds[] = {
  &lb_wave_kind,
  &lb_project_kind,
  &lb_readiness_item_kind,
  &lb_capacity_test_kind,
  &lb_rehearsal_kind,
  &lb_rehearsal_step_kind,
  &lb_risk_kind,
  &lb_approval_kind,
  &lb_evidence_kind,
  &lb_cost_item_kind,
  &lb_cost_tag_kind,
  &lb_connection_profile_kind,
  &lb_azure_target_kind,
  &lb_design_baseline_kind,
  &lb_price_cache_kind,
  &lb_audit_entry_kind,
  &lb_runbook_step_kind, /* schema v2 */
  &lb_drift_check_kind,  /* schema v4 */
  NULL,
};

const LbRecordKind *
lb_record_kind_lookup (const char *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  for (guint i = 0; lb_record_kinds[i] != NULL; i++)
    if (g_str_equal (lb_record_kinds[i]->table, table))
      return lb_record_kinds[i];
  return NULL;
}
