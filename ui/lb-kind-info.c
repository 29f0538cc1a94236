/* lb-kind-info.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-kind-info"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-kind-info.h"
#include "lb-settings.h"

#define N_ELEMENTS(a) G_N_ELEMENTS (a)
#define FIELDS(...) ((const char *const[]) { __VA_ARGS__, NULL })

/* ---- project ------------------------------------------------------------------------------ */

static const LbRecordFormGroup project_groups[] = {
  { N_("General"), NULL, FIELDS ("name", "scenario", "status", "wave_id", "owner") },
  { N_("Source"), N_("The SQL Server database and its instance"),
    FIELDS ("source_server", "source_instance", "source_port", "source_database", "source_version") },
  { N_("Target"), N_("The Azure SQL Managed Instance the database is linked to"),
    FIELDS ("target_instance", "target_fqdn", "target_region", "target_resource_group", "target_subscription",
            "target_tier", "target_hardware", "target_vcores", "target_storage_gb") },
  { N_("Link"), N_("The distributed availability group between the two"),
    FIELDS ("link_name", "source_ag", "target_ag", "replication_mode", "failover_mode", "link_role") },
  { N_("Targets"), N_("What the cutover must meet"),
    FIELDS ("lag_threshold_s", "downtime_target_min", "planned_cutover") },
  { NULL, NULL, FIELDS ("notes") },
};

/* ---- readiness ---------------------------------------------------------------------------- */

static gboolean
is_control (gconstpointer record)
{
  return ((const LbReadinessItem *) record)->kind == LB_READINESS_CONTROL;
}

static gboolean
is_prerequisite (gconstpointer record)
{
  return ((const LbReadinessItem *) record)->kind != LB_READINESS_CONTROL;
}

static void
prepare_control (gpointer record)
{
  ((LbReadinessItem *) record)->kind = LB_READINESS_CONTROL;
}

static void
prepare_prerequisite (gpointer record)
{
  ((LbReadinessItem *) record)->kind = LB_READINESS_PREREQUISITE;
}

static const LbKindSection readiness_sections[] = {
  { N_("Production-Readiness Controls"),
    N_("Owner, dependencies, permission boundary, monitoring signal and rollback evidence: every link needs all five"),
    N_("Add _Control"), is_control, prepare_control },
  { N_("Technical Prerequisites"), N_("What the link needs on both sides, checked by a probe or by hand"),
    N_("Add _Prerequisite"), is_prerequisite, prepare_prerequisite },
};

static const LbRecordFormGroup readiness_groups[] = {
  { N_("Item"), NULL, FIELDS ("kind", "control", "title", "status", "owner", "position") },
  { N_("Verification"), NULL, FIELDS ("verified_by", "verified_at") },
  { NULL, NULL, FIELDS ("note") },
};

/* ---- capacity ----------------------------------------------------------------------------- */

static const LbKindSection capacity_sections[] = {
  { NULL, N_("Measured source workload against the target's limits"), N_("_Add Test"), NULL, NULL },
};

static const LbRecordFormGroup capacity_groups[] = {
  { N_("Test"), NULL, FIELDS ("tested_at", "method", "duration_min") },
  { N_("Target"), N_("The managed instance the workload was measured against"),
    FIELDS ("target_tier", "target_hardware", "target_vcores", "target_storage_gb") },
  { N_("Measured on the Source"), NULL,
    FIELDS ("log_gen_peak_mibps", "log_gen_p95_mibps", "cpu_pct", "iops", "throughput_mibps", "io_latency_ms") },
  { N_("Result"), NULL, FIELDS ("verdict", "findings", "fix") },
};

/* ---- rehearsals --------------------------------------------------------------------------- */

static const LbKindSection rehearsal_sections[] = {
  { NULL, N_("Failover drills and cutover rehearsals against the downtime target"), N_("_Add Rehearsal"),
    NULL, NULL },
};

static const LbRecordFormGroup rehearsal_groups[] = {
  { N_("Rehearsal"), NULL, FIELDS ("title", "kind", "outcome") },
  { N_("Timing"), NULL,
    FIELDS ("started_at", "ended_at", "downtime_target_min", "measured_downtime_min", "lag_at_start_s",
            "data_loss") },
  { NULL, NULL, FIELDS ("notes") },
};

static const LbRecordFormGroup step_groups[] = {
  { N_("Step"), NULL, FIELDS ("name", "position", "outcome", "started_at", "ended_at") },
  { N_("Downtime"), N_("The downtime runs from the start of the step that stops the workload to the end of "
                       "the one that validates the applications."), FIELDS ("role") },
  { NULL, NULL, FIELDS ("notes") },
};

/* The kind and place of a runbook step are the Runbooks window's; the form edits the rest. */
static const LbRecordFormGroup runbook_step_groups[] = {
  { N_("Step"), NULL, FIELDS ("name", "role") },
  { NULL, NULL, FIELDS ("notes") },
};

/* Waves are ordered in the Waves window. */
static const LbRecordFormGroup wave_groups[] = {
  { N_("Wave"), NULL, FIELDS ("name") },
  { N_("Planned Window"), NULL, FIELDS ("window_start", "window_end") },
  { NULL, NULL, FIELDS ("notes") },
};

/* ---- evidence ----------------------------------------------------------------------------- */

static const LbKindSection evidence_sections[] = {
  { NULL, N_("Files and text kept in the database, with the SHA-256 taken when they were captured"), NULL,
    NULL, NULL },
};

static const LbRecordFormGroup evidence_groups[] = {
  { N_("Evidence"), NULL, FIELDS ("title", "kind", "media_type", "captured_at", "source") },
  { N_("Supports"), N_("What this evidence backs up, if anything in particular"),
    FIELDS ("step_id", "readiness_id", "risk_id", "approval_id") },
};

/* ---- costs -------------------------------------------------------------------------------- */

static const LbKindSection cost_sections[] = {
  { NULL, N_("Estimates and actuals of the move and of running the target"), N_("_Add Cost"), NULL, NULL },
};

static const LbRecordFormGroup cost_groups[] = {
  { N_("Cost"), NULL, FIELDS ("description", "category", "basis") },
  { N_("Amount"), N_("Monthly costs run for the given number of months"),
    FIELDS ("amount", "currency", "period", "months") },
  { NULL, NULL, FIELDS ("source") },
};

static const LbRecordFormGroup tag_groups[] = {
  { NULL, NULL, FIELDS ("key", "value") },
};

/* ---- risks -------------------------------------------------------------------------------- */

static const LbKindSection risk_sections[] = {
  { NULL, N_("Highest score (likelihood × impact) first"), N_("_Add Risk"), NULL, NULL },
};

static const LbRecordFormGroup risk_groups[] = {
  { N_("Risk"), NULL, FIELDS ("title", "description") },
  { N_("Assessment"), N_("Likelihood and impact from 1 (low) to 5 (high)"),
    FIELDS ("likelihood", "impact", "status", "owner", "due_at") },
  { N_("Mitigation"), NULL, FIELDS ("mitigation", "mitigation_accepted") },
};

/* ---- approvals ---------------------------------------------------------------------------- */

static const LbKindSection approval_sections[] = {
  { NULL, N_("Design, rehearsal acceptance and go/no-go decisions"), N_("_Add Approval"), NULL, NULL },
};

static const LbRecordFormGroup approval_groups[] = {
  { N_("Decision"), NULL, FIELDS ("subject", "decision", "decided_at") },
  { N_("Approver"), NULL, FIELDS ("approver", "role") },
  { NULL, NULL, FIELDS ("comment") },
};

/* ---- connection profiles ------------------------------------------------------------------ */

static const LbRecordFormGroup profile_groups[] = {
  { N_("Profile"), NULL, FIELDS ("name", "side") },
  { N_("Server"), N_("A host with its port, or with the name of an instance"), FIELDS ("host", "port", "instance_name") },
  { N_("Sign-In"), N_("The password is never kept in the project database: set it from the list of profiles and it "
                      "goes to the keyring"),
    FIELDS ("auth", "login") },
  { N_("Encryption"), N_("Required by default, with the server’s certificate checked against the system’s "
                         "certificate authorities"),
    FIELDS ("encryption", "trust_server_certificate") },
  { N_("Timeouts"), NULL, FIELDS ("login_timeout_s", "query_timeout_s") },
  { N_("Driver"), N_("FreeTDS’s ODBC driver unless another is named: a path, or a registered driver such as "
                     "“ODBC Driver 18 for SQL Server”"),
    FIELDS ("driver") },
};

/* What the chosen settings mean for the connection, as the user makes them: the core's
 * words for a weakened connection, and that only SQL logins connect for now. */
static void
profile_form_hints (LbRecordForm *form)
{
  LbConnectionProfile *profile = lb_record_form_peek_record (form);
  g_autofree char *warning = lb_sql_profile_security_warning (profile);

  lb_record_form_set_hint (form, "trust_server_certificate", warning, TRUE);
  lb_record_form_set_hint (form, "auth",
                           profile->auth != LB_AUTH_SQL_LOGIN
                           ? _("Not supported for connecting yet: Test Connection, the checks and lag sampling sign in "
                               "with SQL logins only.")
                           : NULL,
                           TRUE);
  lb_record_free (profile);
}

/* ---- the table ---------------------------------------------------------------------------- */

#define SECTIONS(s) s, N_ELEMENTS (s)
#define GROUPS(g) g, N_ELEMENTS (g)

static const LbKindInfo kind_infos[] = {
  { &lb_readiness_item_kind, "readiness", N_("Readiness"), "emblem-ok-symbolic",
    N_("New Readiness Item"), N_("Edit Readiness Item"), N_("No Readiness Items Yet"),
    N_("Record the five production-readiness controls and the technical prerequisites of the link."),
    N_("Evidence linked to it stays, without the link."),
    SECTIONS (readiness_sections), GROUPS (readiness_groups), NULL },
  { &lb_capacity_test_kind, "capacity", N_("Capacity"), "power-profile-performance-symbolic",
    N_("New Capacity Test"), N_("Edit Capacity Test"), N_("No Capacity Tests Yet"),
    N_("Record what the source workload needs — log generation, CPU, IOPS — and whether the target keeps up."),
    N_("This cannot be undone."),
    SECTIONS (capacity_sections), GROUPS (capacity_groups), NULL },
  { &lb_rehearsal_kind, "rehearsals", N_("Rehearsals"), "media-playlist-repeat-symbolic",
    N_("New Rehearsal"), N_("Edit Rehearsal"), N_("No Rehearsals Yet"),
    N_("Log failover drills and cutover rehearsals step by step, with the downtime they took."),
    N_("Its steps are deleted with it."),
    SECTIONS (rehearsal_sections), GROUPS (rehearsal_groups), &lb_rehearsal_step_kind, N_("Add Step") },
  { &lb_evidence_kind, "evidence", N_("Evidence"), "mail-attachment-symbolic",
    N_("New Evidence"), N_("Edit Evidence"), N_("No Evidence Yet"),
    N_("Attach files or paste text: query results, CLI output, screenshots. Each is kept with its SHA-256."),
    N_("Its content is deleted from the database."),
    SECTIONS (evidence_sections), GROUPS (evidence_groups), NULL },
  { &lb_cost_item_kind, "costs", N_("Costs"), "x-office-spreadsheet-symbolic",
    N_("New Cost"), N_("Edit Cost"), N_("No Costs Yet"),
    N_("Record compute, storage, licensing and the effort of the move, as estimates or actuals."),
    N_("Its tags are deleted with it."),
    SECTIONS (cost_sections), GROUPS (cost_groups), &lb_cost_tag_kind, N_("Add Tag") },
  { &lb_risk_kind, "risks", N_("Risks"), "dialog-warning-symbolic",
    N_("New Risk"), N_("Edit Risk"), N_("No Risks Yet"),
    N_("Record what could delay or break the cutover, how likely it is and what it would cost."),
    N_("Evidence linked to it stays, without the link."),
    SECTIONS (risk_sections), GROUPS (risk_groups), NULL },
  { &lb_approval_kind, "approvals", N_("Approvals"), "emblem-default-symbolic",
    N_("New Approval"), N_("Edit Approval"), N_("No Approvals Yet"),
    N_("Record who approved the design, accepted the rehearsals and decided go or no-go."),
    N_("Evidence linked to it stays, without the link."),
    SECTIONS (approval_sections), GROUPS (approval_groups), NULL },

  /* Kinds without a page of their own. */
  { &lb_project_kind, NULL, N_("Projects"), "network-server-symbolic",
    N_("New Project"), N_("Edit Project"), N_("No Projects"), NULL,
    N_("The project and all its readiness items, capacity tests, rehearsals, evidence, costs, risks, "
       "approvals and lag history will be deleted. This cannot be undone."),
    NULL, 0, GROUPS (project_groups), NULL },
  { &lb_rehearsal_step_kind, NULL, N_("Steps"), "view-list-ordered-symbolic",
    N_("New Step"), N_("Edit Step"), N_("No Steps Yet"), NULL,
    N_("Evidence linked to it stays, without the link."),
    NULL, 0, GROUPS (step_groups), NULL },
  { &lb_cost_tag_kind, NULL, N_("Tags"), "bookmark-new-symbolic",
    N_("New Tag"), N_("Edit Tag"), N_("No Tags Yet"), NULL,
    N_("This cannot be undone."),
    NULL, 0, GROUPS (tag_groups), NULL },
  { &lb_runbook_step_kind, NULL, N_("Runbook Steps"), "view-list-ordered-symbolic",
    N_("New Runbook Step"), N_("Edit Runbook Step"), N_("No Steps"), NULL,
    N_("Drills already started keep their steps."),
    NULL, 0, GROUPS (runbook_step_groups), NULL },
  { &lb_wave_kind, NULL, N_("Waves"), "view-list-ordered-symbolic",
    N_("New Wave"), N_("Edit Wave"), N_("No Waves"), NULL,
    N_("Its projects are kept, without a wave."),
    NULL, 0, GROUPS (wave_groups), NULL },
  { &lb_connection_profile_kind, NULL, N_("Connection Profiles"), "network-server-symbolic",
    N_("New Connection Profile"), N_("Edit Connection Profile"), N_("No Connection Profiles Yet"),
    N_("A profile says how to reach the project’s SQL Server or managed instance, to check the link’s "
       "prerequisites and sample its lag."),
    N_("Its password stays in the keyring, where profiles for the same server and login find it."),
    NULL, 0, GROUPS (profile_groups), NULL, NULL, profile_form_hints },
};

/* The first seven entries have pages. */
#define N_PAGES 7

const LbKindInfo *
lb_kind_info_lookup (const LbRecordKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_infos); i++)
    if (kind_infos[i].kind == kind)
      return &kind_infos[i];
  return NULL;
}

const LbKindInfo *
lb_kind_info_lookup_page (const char *page_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_infos); i++)
    if (g_strcmp0 (kind_infos[i].page_name, page_name) == 0)
      return &kind_infos[i];
  return NULL;
}

const LbKindInfo *const *
lb_kind_info_get_pages (guint *n_pages)
{
  static const LbKindInfo *pages[N_PAGES];

  if (pages[0] == NULL)
    for (guint i = 0; i < N_PAGES; i++)
      pages[i] = &kind_infos[i];
  if (n_pages != NULL)
    *n_pages = N_PAGES;
  return pages;
}

/* Fields a user fills in with the moment they record something. */
static const char *const now_fields[] = { "tested_at", "decided_at", "captured_at", "started_at", NULL };

gpointer
lb_kind_info_new_record (const LbKindInfo    *info,
                         const LbKindSection *section,
                         gint64               parent_id)
{
  const LbFieldInfo *parent;
  gpointer record;
  gint64 now = lb_time_now_ms ();

  g_return_val_if_fail (info != NULL, NULL);

  record = lb_record_new (info->kind);
  parent = lb_record_kind_parent_field (info->kind);
  if (parent != NULL && parent_id != 0)
    lb_record_set_int (parent, record, parent_id);
  lb_settings_prepare_record (record);
  if (section != NULL && section->prepare != NULL)
    section->prepare (record);

  /* Steps are started when they are run, not when they are written down. */
  if (info->kind != &lb_rehearsal_step_kind)
    for (guint i = 0; now_fields[i] != NULL; i++)
      {
        const LbFieldInfo *field = lb_record_kind_find_field (info->kind, now_fields[i]);

        if (field != NULL && field->type == LB_FIELD_TIME && !lb_record_field_is_set (field, record))
          lb_record_set_int (field, record, now - now % 60000);
      }
  return record;
}
