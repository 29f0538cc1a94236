/* test-drift.c: the drift rules, one table row per design member and severity; the
 * outcome and summary; the stored result round-trips; and a drift check of a demo project
 * reads its imported az CLI evidence, is kept, and turns go/no-go rule 6 into a verdict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "core-test-demo.h"
#include "lb-core.h"
#include "lb-test-util.h"

#define DAY_MS (24 * 3600 * G_GINT64_CONSTANT (1000))
/* The state structs own their strings; these borrow literals and are never freed. */
#define S(literal) ((char *) (literal))
#define NOW G_GINT64_CONSTANT (1795957500000) /* 2026-11-30 */

static const char design_text[] =
  "{\"managedInstance\": \"luma-mi-erp-weu\", \"resourceGroup\": \"rg-luma-erp\","
  " \"subscription\": \"11111111-2222-3333-4444-555555555555\", \"region\": \"westeurope\","
  " \"sku\": {\"name\": \"BC_Gen5\", \"tier\": \"BusinessCritical\", \"family\": \"Gen5\", \"capacity\": 16},"
  " \"isGeneralPurposeV2\": false, \"storageSizeInGb\": 1024, \"databaseFormat\": \"SQLServer2022\","
  " \"licenseType\": \"BasePrice\", \"hybridSecondaryUsage\": \"Passive\", \"certificateMinValidityDays\": 30,"
  " \"link\": {\"name\": \"DAG_PlantERP\", \"databaseName\": \"PlantERP\","
  "  \"partnerAvailabilityGroupName\": \"AG_PlantERP\", \"instanceAvailabilityGroupName\": \"AG_PlantERP_MI\","
  "  \"partnerEndpoint\": \"TCP://10.20.1.4:5022\", \"instanceLinkRole\": \"Secondary\","
  "  \"replicationMode\": \"Async\", \"failoverMode\": \"Manual\", \"seedingMode\": \"Automatic\"},"
  " \"targets\": {\"lagThresholdSeconds\": 30}, \"network\": {\"connectivity\": \"ExpressRoute\"}}";

typedef struct
{
  JsonParser      *parser;
  JsonObject      *design;
  LbLinkState      link;
  LbLinkDatabase   database;
  GPtrArray       *databases;
  LbInstanceState  instance;
  gboolean         no_link, no_instance;
} State;

/* A link and an instance exactly as designed. */
static void
state_init (State *s)
{
  memset (s, 0, sizeof *s);
  s->parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (s->parser, design_text, -1, NULL));
  s->design = json_node_get_object (json_parser_get_root (s->parser));

  s->database.database_name = S ("PlantERP");
  s->database.cert_expires_at = NOW + 200 * DAY_MS;
  s->database.last_hardened_at = LB_UNSET_INT;
  s->databases = g_ptr_array_new ();
  g_ptr_array_add (s->databases, &s->database);
  s->link = (LbLinkState) {
    .name = S ("DAG_PlantERP"), .new_schema = TRUE, .managed_instance = S ("luma-mi-erp-weu"),
    .resource_group = S ("rg-luma-erp"), .subscription = S ("11111111-2222-3333-4444-555555555555"),
    .replication_mode = S ("Async"), .failover_mode = S ("Manual"), .seeding_mode = S ("Automatic"),
    .instance_link_role = S ("Secondary"), .partner_link_role = S ("Primary"), .instance_ag_name = S ("AG_PlantERP_MI"),
    .partner_ag_name = S ("AG_PlantERP"), .partner_endpoint = S ("TCP://10.20.1.4:5022"), .databases = s->databases,
  };
  s->instance = (LbInstanceState) {
    .name = S ("luma-mi-erp-weu"), .resource_group = S ("rg-luma-erp"), .subscription = S ("11111111-2222-3333-4444-555555555555"),
    .location = S ("westeurope"), .sku_name = S ("BC_Gen5"), .tier = S ("BusinessCritical"), .family = S ("Gen5"), .vcores = 16,
    .storage_gb = 1024, .is_general_purpose_v2 = 0, .state = S ("Ready"), .database_format = S ("SQLServer2022"),
    .hybrid_secondary_usage = S ("Passive"), .license_type = S ("BasePrice"),
  };
}

static void
state_clear (State *s)
{
  g_ptr_array_unref (s->databases);
  g_object_unref (s->parser);
}

static LbDriftResult *
compare (State *s)
{
  return lb_drift_compare (s->design, s->no_link ? NULL : &s->link, s->no_instance ? NULL : &s->instance, NOW);
}

typedef struct
{
  const char *name;
  void      (*change) (State *s);
  const char *key;      /* the one difference expected; NULL: none */
  int         severity;
  int         outcome;
} Case;

static void nothing (State *s) { }
static void failover_none (State *s) { s->link.failover_mode = S ("None"); }
static void replication_sync (State *s) { s->link.replication_mode = S ("Sync"); }
static void seeding_manual (State *s) { s->link.seeding_mode = S ("Manual"); }
static void role_primary (State *s) { s->link.instance_link_role = S ("Primary"); }
static void endpoint_moved (State *s) { s->link.partner_endpoint = S ("TCP://10.20.1.9:5022"); }
static void ag_renamed (State *s) { s->link.partner_ag_name = S ("AG_Other"); }
static void case_differs (State *s) { s->link.failover_mode = S ("manual"); s->instance.tier = S ("businesscritical"); }
static void database_missing (State *s) { s->database.database_name = S ("OtherDb"); }
static void tier_gp (State *s) { s->instance.tier = S ("GeneralPurpose"); }
static void family_g8 (State *s) { s->instance.family = S ("G8IM"); }
static void fewer_vcores (State *s) { s->instance.vcores = 8; }
static void more_vcores (State *s) { s->instance.vcores = 24; }
static void less_storage (State *s) { s->instance.storage_gb = 512; }
static void more_storage (State *s) { s->instance.storage_gb = 2048; }
static void always_up_to_date (State *s) { s->instance.database_format = S ("AlwaysUpToDate"); }
static void licence_included (State *s) { s->instance.license_type = S ("LicenseIncluded"); }
static void secondary_active (State *s) { s->instance.hybrid_secondary_usage = S ("Active"); }
static void gpv2 (State *s) { s->instance.is_general_purpose_v2 = 1; }
static void region_spelled (State *s) { s->instance.location = S ("West Europe"); }
static void region_moved (State *s) { s->instance.location = S ("northeurope"); }
static void other_instance (State *s) { s->instance.name = S ("luma-mi-erp-neu"); }
static void cert_soon (State *s) { s->database.cert_expires_at = NOW + 10 * DAY_MS; }
static void cert_expired (State *s) { s->database.cert_expires_at = NOW - DAY_MS; }
static void no_instance (State *s) { s->no_instance = TRUE; }
static void no_link (State *s) { s->no_link = TRUE; }
static void mode_unreported (State *s) { s->link.failover_mode = NULL; }
static void cert_unknown (State *s) { s->database.cert_expires_at = LB_UNSET_INT; }

static const Case cases[] = {
  { "matches", nothing, NULL, 0, LB_DRIFT_NONE },
  { "case-insensitive", case_differs, NULL, 0, LB_DRIFT_NONE },
  { "region-spelling", region_spelled, NULL, 0, LB_DRIFT_NONE },
  { "failover-mode", failover_none, "link.failoverMode", LB_DRIFT_CRITICAL, LB_DRIFT_FOUND },
  { "replication-mode", replication_sync, "link.replicationMode", LB_DRIFT_WARNING, LB_DRIFT_FOUND },
  { "seeding-mode", seeding_manual, "link.seedingMode", LB_DRIFT_INFO, LB_DRIFT_NONE },
  { "link-role", role_primary, "link.instanceLinkRole", LB_DRIFT_WARNING, LB_DRIFT_FOUND },
  { "endpoint", endpoint_moved, "link.partnerEndpoint", LB_DRIFT_CRITICAL, LB_DRIFT_FOUND },
  { "ag-name", ag_renamed, "link.partnerAvailabilityGroupName", LB_DRIFT_WARNING, LB_DRIFT_FOUND },
  { "database-missing", database_missing, "link.databaseName", LB_DRIFT_CRITICAL, LB_DRIFT_FOUND },
  { "tier", tier_gp, "sku.tier", LB_DRIFT_CRITICAL, LB_DRIFT_FOUND },
  { "hardware", family_g8, "sku.family", LB_DRIFT_WARNING, LB_DRIFT_FOUND },
  { "fewer-vcores", fewer_vcores, "sku.capacity", LB_DRIFT_CRITICAL, LB_DRIFT_FOUND },
  { "more-vcores", more_vcores, "sku.capacity", LB_DRIFT_INFO, LB_DRIFT_NONE },
  { "less-storage", less_storage, "storageSizeInGb", LB_DRIFT_CRITICAL, LB_DRIFT_FOUND },
  { "more-storage", more_storage, "storageSizeInGb", LB_DRIFT_INFO, LB_DRIFT_NONE },
  { "update-policy", always_up_to_date, "databaseFormat", LB_DRIFT_CRITICAL, LB_DRIFT_FOUND },
  { "licence", licence_included, "licenseType", LB_DRIFT_WARNING, LB_DRIFT_FOUND },
  { "secondary-use", secondary_active, "hybridSecondaryUsage", LB_DRIFT_WARNING, LB_DRIFT_FOUND },
  { "gpv2", gpv2, "isGeneralPurposeV2", LB_DRIFT_WARNING, LB_DRIFT_FOUND },
  { "region", region_moved, "region", LB_DRIFT_CRITICAL, LB_DRIFT_FOUND },
  { "other-instance", other_instance, "managedInstance", LB_DRIFT_CRITICAL, LB_DRIFT_FOUND },
  { "certificate-soon", cert_soon, "certificateMinValidityDays", LB_DRIFT_WARNING, LB_DRIFT_FOUND },
  { "certificate-expired", cert_expired, "certificateMinValidityDays", LB_DRIFT_CRITICAL, LB_DRIFT_FOUND },
  { "no-instance", no_instance, NULL, 0, LB_DRIFT_INCOMPLETE },
  { "no-link", no_link, NULL, 0, LB_DRIFT_INCOMPLETE },
  { "unreported-member", mode_unreported, NULL, 0, LB_DRIFT_INCOMPLETE },
  { "certificate-unknown", cert_unknown, NULL, 0, LB_DRIFT_INCOMPLETE },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(LbDriftResult) result = NULL;
  g_autofree char *summary = NULL;
  State s;

  state_init (&s);
  c->change (&s);
  result = compare (&s);
  summary = lb_drift_result_summary (result);
  g_test_message ("%s", summary);

  g_assert_cmpint (lb_drift_result_outcome (result), ==, c->outcome);
  if (c->key == NULL)
    g_assert_cmpuint (result->differences->len, ==, 0);
  else
    {
      const LbDriftDifference *d;

      g_assert_cmpuint (result->differences->len, ==, 1);
      d = result->differences->pdata[0];
      g_assert_cmpstr (d->key, ==, c->key);
      g_assert_cmpint (d->severity, ==, c->severity);
      g_assert_nonnull (d->approved);
      g_assert_nonnull (d->found);
      /* The summary names the difference with both values. */
      g_assert_nonnull (strstr (summary, d->label));
      g_assert_nonnull (strstr (summary, d->found));
    }
  if (c->outcome == LB_DRIFT_INCOMPLETE)
    g_assert_cmpuint (result->unchecked->len, >, 0);
  else
    g_assert_cmpuint (result->unchecked->len, ==, 0);
  state_clear (&s);
}

/* No link: one line for all the link's members, not one per member. */
static void
test_missing_sources (void)
{
  g_autoptr(LbDriftResult) result = NULL;
  State s;

  state_init (&s);
  s.no_link = s.no_instance = TRUE;
  result = compare (&s);
  g_assert_cmpuint (result->unchecked->len, ==, 2);
  g_assert_nonnull (strstr (result->unchecked->pdata[0], "instance"));
  g_assert_nonnull (strstr (result->unchecked->pdata[1], "link"));
  g_assert_cmpuint (result->n_compared, ==, 0);
  state_clear (&s);
}

/* Several differences: the most severe first, and all of them survive the stored JSON. */
static void
test_order_and_json (void)
{
  g_autoptr(LbDriftResult) result = NULL;
  g_autoptr(LbDriftResult) back = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  State s;

  state_init (&s);
  replication_sync (&s);
  failover_none (&s);
  more_vcores (&s);
  licence_included (&s);
  s.link.seeding_mode = NULL;
  result = compare (&s);
  g_assert_cmpuint (result->differences->len, ==, 4);
  g_assert_cmpint (((LbDriftDifference *) result->differences->pdata[0])->severity, ==, LB_DRIFT_CRITICAL);
  g_assert_cmpint (((LbDriftDifference *) result->differences->pdata[3])->severity, ==, LB_DRIFT_INFO);
  /* Within a severity, the design's order: licence before replication mode. */
  g_assert_cmpstr (((LbDriftDifference *) result->differences->pdata[1])->key, ==, "licenseType");
  g_assert_cmpstr (((LbDriftDifference *) result->differences->pdata[2])->key, ==, "link.replicationMode");
  g_assert_cmpuint (result->n_critical, ==, 1);
  g_assert_cmpuint (result->n_warning, ==, 2);
  g_assert_cmpuint (result->n_info, ==, 1);
  summary = lb_drift_result_summary (result);
  g_assert_true (g_str_has_prefix (summary, "3 differences from the approved design: Failover mode (approved Manual, "
                                            "found None)"));

  json = lb_drift_result_to_json (result);
  text = json_to_string (json, FALSE);
  back = lb_drift_result_from_json (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->differences->len, ==, 4);
  g_assert_cmpuint (back->unchecked->len, ==, 1);
  g_assert_cmpuint (back->n_compared, ==, result->n_compared);
  g_assert_cmpuint (back->n_critical, ==, 1);
  g_assert_cmpstr (((LbDriftDifference *) back->differences->pdata[0])->found, ==, "None");

  g_assert_null (lb_drift_result_from_json ("{\"version\": 9}", &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (lb_drift_result_from_json ("[1, 2", &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  state_clear (&s);
}

/* ---- against the store ------------------------------------------------------------------ */

static gint64
project_id (LbStore    *store,
            const char *name)
{
  LbProject *project = lb_store_find (store, &lb_project_kind, "name", name, NULL);
  gint64 id;

  g_assert_nonnull (project);
  id = project->id;
  lb_record_free (project);
  return id;
}

static void
test_check_demo (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LbStore) store = core_test_demo_open (NOW, &dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbProjectReport) report = NULL;
  g_auto(LbReportOptions) options;
  gint64 id = project_id (store, "Luma Manufacturing — Plant ERP");
  LbDriftCheck *check, *latest;

  /* The demo's own check: its az output matches its design, and rule 6 passes. */
  lb_report_options_init (&options);
  report = lb_project_report_load (store, id, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->go_no_go->rules[LB_RULE_DRIFT].status, ==, LB_RULE_PASS);
  g_clear_pointer (&report, lb_project_report_free);
  latest = lb_drift_check_latest (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (latest);
  g_assert_cmpint (latest->outcome, ==, LB_DRIFT_NONE);
  lb_record_free (latest);

  /* Checked again: no drift, both state documents named, the newest check is this one. */
  check = lb_drift_check_run (store, id, NOW + 100, &error);
  g_assert_no_error (error);
  g_assert_nonnull (check);
  g_test_message ("%s", check->summary);
  g_assert_cmpint (check->outcome, ==, LB_DRIFT_NONE);
  g_assert_cmpint (check->n_critical + check->n_warning, ==, 0);
  g_assert_cmpint (check->link_evidence_id, >, 0);
  g_assert_cmpint (check->instance_evidence_id, >, 0);
  g_assert_true (g_str_has_prefix (check->summary, "No drift"));
  latest = lb_drift_check_latest (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (latest->id, ==, check->id);
  lb_record_free (latest);
  lb_record_free (check);

  /* A new design that asks for a synchronous link: the earlier checks say nothing about
   * it (rule 6 has no evidence); the next check finds drift, every check stays in the
   * history, and rule 6 fails with the difference as evidence. */
  {
    g_autoptr(GPtrArray) designs = lb_store_list_for_project (store, &lb_design_baseline_kind, id, &error);
    LbDesignBaseline *design = lb_record_copy (designs->pdata[designs->len - 1]);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *link;
    LbDriftCheck *drift;

    g_assert_true (json_parser_load_from_data (parser, design->design_json, -1, NULL));
    link = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "link");
    g_assert_cmpstr (json_object_get_string_member (link, "replicationMode"), ==, "Async");
    json_object_set_string_member (link, "replicationMode", "Sync");
    g_free (design->design_json);
    design->design_json = json_to_string (json_parser_get_root (parser), FALSE);
    design->id = 0;
    design->approved_at = NOW + 500;
    g_assert_true (lb_store_insert (store, design, &error));
    lb_record_free (design);

    g_assert_null (lb_drift_check_latest (store, id, &error));
    g_assert_no_error (error);
    report = lb_project_report_load (store, id, &options, NULL, &error);
    g_assert_cmpint (report->go_no_go->rules[LB_RULE_DRIFT].status, ==, LB_RULE_NO_EVIDENCE);
    g_clear_pointer (&report, lb_project_report_free);

    drift = lb_drift_check_run (store, id, NOW + 1000, &error);
    g_assert_no_error (error);
    g_assert_cmpint (drift->outcome, ==, LB_DRIFT_FOUND);
    g_assert_cmpint (drift->n_warning, ==, 1);
    g_assert_nonnull (strstr (drift->summary, "Replication mode (approved Sync, found Async)"));
    lb_record_free (drift);
  }
  g_assert_cmpint (lb_store_count (store, &lb_drift_check_kind, "project_id", id, NULL), ==, 3);
  report = lb_project_report_load (store, id, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->go_no_go->rules[LB_RULE_DRIFT].status, ==, LB_RULE_FAIL);
  {
    GPtrArray *evidence = report->go_no_go->rules[LB_RULE_DRIFT].evidence;
    gboolean named = FALSE;

    for (guint i = 0; i < evidence->len; i++)
      named |= strstr (evidence->pdata[i], "Replication mode approved Sync, found Async") != NULL;
    g_assert_true (named);
  }

  g_clear_object (&store);
  core_test_demo_remove (g_steal_pointer (&dir));
}

/* The demo's Warehouse WMS link was left synchronous: its check found it. */
static void
test_demo_drift (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LbStore) store = core_test_demo_open (NOW, &dir);
  g_autoptr(GError) error = NULL;
  LbDriftCheck *latest = lb_drift_check_latest (store, project_id (store, "Luma Manufacturing — Warehouse WMS"), &error);

  g_assert_no_error (error);
  g_assert_nonnull (latest);
  g_assert_cmpint (latest->outcome, ==, LB_DRIFT_FOUND);
  g_assert_cmpstr (latest->summary, ==,
                   "1 difference from the approved design: Replication mode (approved Async, found Sync).");
  lb_record_free (latest);
  g_clear_object (&store);
  core_test_demo_remove (g_steal_pointer (&dir));
}

/* A design recorded from the state finds no drift against that state; with drift found
 * before (Warehouse WMS runs Sync, approved Async), recording the present as the design
 * clears it. A project without any Azure state is refused. */
static void
test_record_design (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LbStore) store = core_test_demo_open (NOW, &dir);
  g_autoptr(GError) error = NULL;
  gint64 wms = project_id (store, "Luma Manufacturing — Warehouse WMS");
  g_autoptr(JsonParser) parser = json_parser_new ();
  LbDesignBaseline *baseline = lb_drift_design_record (store, wms, "A. Architect", "from the load test's state",
                                                       NOW + 1000, &error);
  LbDriftCheck *check;
  JsonObject *design, *link;

  g_assert_no_error (error);
  g_assert_nonnull (baseline);
  g_assert_true (json_parser_load_from_data (parser, baseline->design_json, -1, &error));
  design = json_node_get_object (json_parser_get_root (parser));
  link = json_object_get_object_member (design, "link");
  g_assert_cmpstr (json_object_get_string_member (link, "replicationMode"), ==, "Sync");
  g_assert_true (json_object_has_member (design, "sku"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (design, "sku"), "capacity"), >, 0);
  check = lb_drift_check_run (store, wms, NOW + 2000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (check->outcome, ==, LB_DRIFT_NONE);
  lb_record_free (check);
  lb_record_free (baseline);

  {
    LbProject *bare = lb_record_new (&lb_project_kind);

    bare->name = g_strdup ("Nothing imported yet");
    g_assert_true (lb_store_insert (store, bare, &error));
    g_assert_null (lb_drift_design_record (store, bare->id, "A. Architect", NULL, NOW, &error));
    g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
    lb_test_assert_contains (error->message, "no link or managed instance state");
    lb_record_free (bare);
  }
  g_clear_object (&store);
  core_test_demo_remove (g_steal_pointer (&dir));
}

/* No design: refused with a message that says what to do. */
static void
test_check_without_design (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LbStore) store = core_test_demo_open (NOW, &dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) projects = lb_store_list (store, &lb_project_kind, NULL, 0, &error);
  gboolean found = FALSE;

  for (guint i = 0; i < projects->len && !found; i++)
    {
      const LbProject *project = projects->pdata[i];

      if (lb_store_count (store, &lb_design_baseline_kind, "project_id", project->id, NULL) > 0)
        continue;
      found = TRUE;
      g_assert_null (lb_drift_check_run (store, project->id, NOW, &error));
      g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "Record the design"));
    }
  g_assert_true (found);
  g_clear_object (&store);
  core_test_demo_remove (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/drift/rule/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/drift/missing-sources", test_missing_sources);
  g_test_add_func ("/drift/order-and-json", test_order_and_json);
  g_test_add_func ("/drift/check/demo", test_check_demo);
  g_test_add_func ("/drift/check/demo-drift", test_demo_drift);
  g_test_add_func ("/drift/check/without-design", test_check_without_design);
  g_test_add_func ("/drift/record-design", test_record_design);
  return g_test_run ();
}
