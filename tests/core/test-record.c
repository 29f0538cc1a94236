/* test-record.c: generic record access, parsing, validation and JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lb-core.h"

static void
test_defaults (void)
{
  LbProject *project = lb_record_new (&lb_project_kind);

  g_assert_true (lb_record_get_kind (project) == &lb_project_kind);
  g_assert_cmpint (project->id, ==, 0);
  g_assert_null (project->name);
  g_assert_cmpint (project->scenario, ==, LB_SCENARIO_MIGRATION);
  g_assert_cmpint (project->status, ==, LB_STATUS_PLANNING);
  g_assert_cmpint (project->target_tier, ==, LB_UNSET_ENUM);
  g_assert_cmpint (project->target_vcores, ==, LB_UNSET_INT);
  g_assert_cmpint (project->wave_id, ==, 0);
  g_assert_cmpfloat (project->lag_threshold_s, ==, 30.0);
  g_assert_cmpint (project->downtime_target_min, ==, 120);
  lb_record_free (project);
}

static void
test_every_kind_defaults_parse (void)
{
  /* lb_record_new() parses each default like user input; a bad default would g_critical,
   * which G_DEBUG=fatal-warnings turns into a failure. */
  for (guint i = 0; lb_record_kinds[i] != NULL; i++)
    {
      gpointer record = lb_record_new (lb_record_kinds[i]);
      gpointer copy = lb_record_copy (record);

      g_assert_true (lb_record_get_kind (copy) == lb_record_kinds[i]);
      lb_record_free (record);
      lb_record_free (copy);
    }
}

static void
test_set_from_string (void)
{
  LbProject *project = lb_record_new (&lb_project_kind);
  LbCostItem *cost = lb_record_new (&lb_cost_item_kind);
  LbRisk *risk = lb_record_new (&lb_risk_kind);
  g_autoptr(GError) error = NULL;

  g_assert_true (lb_record_set_from_string (project, "name", "  Plant ERP  ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (project->name, ==, "Plant ERP");
  g_assert_true (lb_record_set_from_string (project, "scenario", "disaster_recovery", &error));
  g_assert_cmpint (project->scenario, ==, LB_SCENARIO_DISASTER_RECOVERY);
  g_assert_true (lb_record_set_from_string (project, "scenario", "Reporting offload", &error));
  g_assert_cmpint (project->scenario, ==, LB_SCENARIO_REPORTING_OFFLOAD);
  g_assert_true (lb_record_set_from_string (project, "target_vcores", "16", &error));
  g_assert_cmpint (project->target_vcores, ==, 16);
  g_assert_true (lb_record_set_from_string (project, "lag_threshold_s", "12.5", &error));
  g_assert_cmpfloat (project->lag_threshold_s, ==, 12.5);
  g_assert_true (lb_record_set_from_string (project, "planned_cutover", "2026-12-12T02:00:00Z", &error));
  g_assert_cmpint (project->planned_cutover, ==, G_GINT64_CONSTANT (1797040800000));
  g_assert_true (lb_record_set_from_string (project, "target_vcores", "", &error));
  g_assert_cmpint (project->target_vcores, ==, LB_UNSET_INT);
  g_assert_true (lb_record_set_from_string (project, "owner", "   ", &error));
  g_assert_null (project->owner);

  g_assert_true (lb_record_set_from_string (cost, "amount", "1250.5", &error));
  g_assert_cmpint (cost->amount, ==, 125050);
  g_assert_true (lb_record_set_from_string (cost, "amount", "99", &error));
  g_assert_cmpint (cost->amount, ==, 9900);
  g_assert_true (lb_record_set_from_string (cost, "amount", "0.07", &error));
  g_assert_cmpint (cost->amount, ==, 7);

  g_assert_true (lb_record_set_from_string (risk, "mitigation_accepted", "yes", &error));
  g_assert_true (risk->mitigation_accepted);
  g_assert_true (lb_record_set_from_string (risk, "mitigation_accepted", "FALSE", &error));
  g_assert_false (risk->mitigation_accepted);

  lb_record_free (project);
  lb_record_free (cost);
  lb_record_free (risk);
}

static void
assert_refused (gpointer    record,
                const char *field,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) before = lb_record_to_json (record);
  g_autoptr(JsonNode) after = NULL;

  g_assert_false (lb_record_set_from_string (record, field, text, &error));
  g_assert_error (error, LB_VALIDATION_ERROR, error->code);
  g_assert_cmpstr (lb_validation_error_get_field (error), ==, field);
  /* The record is unchanged. */
  after = lb_record_to_json (record);
  g_assert_true (json_node_equal (before, after));
}

static void
test_set_from_string_rejects (void)
{
  LbProject *project = lb_record_new (&lb_project_kind);
  LbCostItem *cost = lb_record_new (&lb_cost_item_kind);
  LbRisk *risk = lb_record_new (&lb_risk_kind);
  g_autoptr(GError) error = NULL;

  assert_refused (project, "target_vcores", "sixteen");
  assert_refused (project, "target_vcores", "16.5");
  assert_refused (project, "target_vcores", "99999999999999999999999");
  assert_refused (project, "lag_threshold_s", "abc");
  assert_refused (project, "lag_threshold_s", "nan");
  assert_refused (project, "lag_threshold_s", "inf");
  assert_refused (project, "scenario", "big_bang");
  assert_refused (project, "planned_cutover", "next friday");
  assert_refused (cost, "amount", "1,250.00");
  assert_refused (cost, "amount", "12.345");
  assert_refused (cost, "amount", "12.");
  assert_refused (cost, "amount", "$12");
  assert_refused (risk, "mitigation_accepted", "maybe");
  assert_refused (project, "name", "\xff\xfe");

  g_assert_false (lb_record_set_from_string (project, "no_such_field", "x", &error));
  g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_FORMAT);

  lb_record_free (project);
  lb_record_free (cost);
  lb_record_free (risk);
}

static void
assert_invalid (gpointer    record,
                int         code,
                const char *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lb_record_validate (record, &error));
  g_assert_error (error, LB_VALIDATION_ERROR, code);
  g_assert_cmpstr (lb_validation_error_get_field (error), ==, field);
  g_assert_nonnull (strstr (error->message, ":"));
}

static void
test_validate (void)
{
  LbProject *project = lb_record_new (&lb_project_kind);
  LbRisk *risk = lb_record_new (&lb_risk_kind);
  LbRehearsal *rehearsal = lb_record_new (&lb_rehearsal_kind);
  LbCostItem *cost = lb_record_new (&lb_cost_item_kind);
  LbWave *wave = lb_record_new (&lb_wave_kind);
  LbReadinessItem *item = lb_record_new (&lb_readiness_item_kind);
  LbDesignBaseline *design = lb_record_new (&lb_design_baseline_kind);
  LbCapacityTest *capacity = lb_record_new (&lb_capacity_test_kind);
  g_autoptr(GError) error = NULL;

  /* Empty names */
  assert_invalid (project, LB_VALIDATION_ERROR_REQUIRED, "name");
  project->name = g_strdup (" \t ");
  assert_invalid (project, LB_VALIDATION_ERROR_REQUIRED, "name");
  lb_record_set_from_string (project, "name", "ERP", NULL);
  g_assert_true (lb_record_validate (project, &error));
  g_assert_no_error (error);

  /* Ranges */
  project->source_port = 70000;
  assert_invalid (project, LB_VALIDATION_ERROR_RANGE, "source_port");
  project->source_port = LB_UNSET_INT;
  project->lag_threshold_s = -1;
  assert_invalid (project, LB_VALIDATION_ERROR_RANGE, "lag_threshold_s");
  project->lag_threshold_s = 30;
  project->downtime_target_min = -5;
  assert_invalid (project, LB_VALIDATION_ERROR_RANGE, "downtime_target_min");
  project->downtime_target_min = 120;

  /* Unknown enum values */
  project->status = 42;
  assert_invalid (project, LB_VALIDATION_ERROR_ENUM, "status");
  project->status = LB_STATUS_PLANNING;
  g_assert_true (lb_record_validate (project, NULL));

  /* Likelihood and impact 1–5 */
  risk->project_id = 1;
  lb_record_set_from_string (risk, "title", "Forced failover loses data", NULL);
  g_assert_true (lb_record_validate (risk, NULL));
  risk->likelihood = 0;
  assert_invalid (risk, LB_VALIDATION_ERROR_RANGE, "likelihood");
  risk->likelihood = 6;
  assert_invalid (risk, LB_VALIDATION_ERROR_RANGE, "likelihood");
  risk->likelihood = 3;
  risk->impact = 9;
  assert_invalid (risk, LB_VALIDATION_ERROR_RANGE, "impact");

  /* End before start; negative durations */
  rehearsal->project_id = 1;
  lb_record_set_from_string (rehearsal, "title", "Cutover rehearsal 1", NULL);
  rehearsal->started_at = 2000000;
  rehearsal->ended_at = 1000000;
  assert_invalid (rehearsal, LB_VALIDATION_ERROR_ORDER, "ended_at");
  rehearsal->ended_at = 3000000;
  g_assert_true (lb_record_validate (rehearsal, NULL));
  rehearsal->measured_downtime_min = -3;
  assert_invalid (rehearsal, LB_VALIDATION_ERROR_RANGE, "measured_downtime_min");

  wave->name = g_strdup ("Wave 1");
  wave->window_start = 5000;
  wave->window_end = 4000;
  assert_invalid (wave, LB_VALIDATION_ERROR_ORDER, "window_end");
  wave->window_end = LB_UNSET_INT;
  g_assert_true (lb_record_validate (wave, NULL));

  capacity->project_id = 1;
  capacity->tested_at = 1;
  capacity->target_tier = LB_TIER_GENERAL_PURPOSE;
  capacity->target_vcores = 8;
  capacity->duration_min = -10;
  assert_invalid (capacity, LB_VALIDATION_ERROR_RANGE, "duration_min");
  capacity->duration_min = 60;
  capacity->log_gen_peak_mibps = 30;
  capacity->log_gen_p95_mibps = 41;
  assert_invalid (capacity, LB_VALIDATION_ERROR_ORDER, "log_gen_p95_mibps");
  capacity->cpu_pct = 140;
  capacity->log_gen_peak_mibps = 52;
  assert_invalid (capacity, LB_VALIDATION_ERROR_RANGE, "cpu_pct");

  /* Money, currency and months */
  cost->project_id = 1;
  lb_record_set_from_string (cost, "description", "MI compute GP 8 vCores", NULL);
  cost->amount = 150000;
  g_assert_true (lb_record_validate (cost, NULL));
  lb_record_set_from_string (cost, "currency", "eur", NULL);
  assert_invalid (cost, LB_VALIDATION_ERROR_FORMAT, "currency");
  lb_record_set_from_string (cost, "currency", "EUR", NULL);
  cost->months = 12;
  assert_invalid (cost, LB_VALIDATION_ERROR_RANGE, "months");
  cost->period = LB_PERIOD_MONTHLY;
  g_assert_true (lb_record_validate (cost, NULL));
  cost->amount = -1;
  assert_invalid (cost, LB_VALIDATION_ERROR_RANGE, "amount");

  /* Controls name which of the five they are */
  item->project_id = 1;
  lb_record_set_from_string (item, "title", "Rollback evidence", NULL);
  item->kind = LB_READINESS_CONTROL;
  assert_invalid (item, LB_VALIDATION_ERROR_REQUIRED, "control");
  item->control = LB_CONTROL_ROLLBACK_EVIDENCE;
  g_assert_true (lb_record_validate (item, NULL));

  design->project_id = 1;
  design->approved_by = g_strdup ("A. Architect");
  design->approved_at = 1;
  design->design_json = g_strdup ("{\"replicationMode\": ");
  assert_invalid (design, LB_VALIDATION_ERROR_FORMAT, "design_json");
  lb_record_set_text (lb_record_kind_find_field (&lb_design_baseline_kind, "design_json"), design, "[1, 2]");
  assert_invalid (design, LB_VALIDATION_ERROR_FORMAT, "design_json");
  lb_record_set_text (lb_record_kind_find_field (&lb_design_baseline_kind, "design_json"), design,
                      "{\"replicationMode\": \"Async\"}");
  g_assert_true (lb_record_validate (design, NULL));

  lb_record_free (project);
  lb_record_free (risk);
  lb_record_free (rehearsal);
  lb_record_free (cost);
  lb_record_free (wave);
  lb_record_free (item);
  lb_record_free (design);
  lb_record_free (capacity);
}

static void
test_json (void)
{
  LbProject *project = lb_record_new (&lb_project_kind);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  lb_record_set_from_string (project, "name", "Plant ERP", NULL);
  lb_record_set_from_string (project, "planned_cutover", "2026-12-12T02:00:00Z", NULL);
  lb_record_set_from_string (project, "target_tier", "business_critical", NULL);
  project->id = 7;

  node = lb_record_to_json (project);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Plant ERP");
  g_assert_cmpstr (json_object_get_string_member (object, "planned_cutover"), ==, "2026-12-12T02:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (object, "target_tier"), ==, "business_critical");
  g_assert_true (json_object_get_null_member (object, "target_vcores"));
  g_assert_true (json_object_get_null_member (object, "wave_id"));
  g_assert_cmpfloat (json_object_get_double_member (object, "lag_threshold_s"), ==, 30.0);
  lb_record_free (project);
}

static void
test_display (void)
{
  LbCostItem *cost = lb_record_new (&lb_cost_item_kind);
  LbProject *project = lb_record_new (&lb_project_kind);
  const LbFieldInfo *amount = lb_record_kind_find_field (&lb_cost_item_kind, "amount");
  const LbFieldInfo *threshold = lb_record_kind_find_field (&lb_project_kind, "lag_threshold_s");
  const LbFieldInfo *tier = lb_record_kind_find_field (&lb_project_kind, "target_tier");
  g_autofree char *amount_text = NULL;
  g_autofree char *threshold_text = NULL;
  g_autofree char *tier_text = NULL;
  g_autofree char *unset_text = NULL;
  g_autofree char *described = NULL;

  cost->amount = 125050;
  amount_text = lb_record_field_to_string (amount, cost);
  g_assert_cmpstr (amount_text, ==, "1250.50");
  threshold_text = lb_record_field_to_display (threshold, project);
  g_assert_cmpstr (threshold_text, ==, "30 s");
  unset_text = lb_record_field_to_display (tier, project);
  g_assert_null (unset_text);
  project->target_tier = LB_TIER_BUSINESS_CRITICAL;
  tier_text = lb_record_field_to_display (tier, project);
  g_assert_cmpstr (tier_text, ==, "Business Critical");
  project->id = 3;
  described = lb_record_describe (project);
  g_assert_cmpstr (described, ==, "#3");
  lb_record_free (cost);
  lb_record_free (project);
}

static void
test_array (void)
{
  GPtrArray *array = lb_record_array_new ();

  g_ptr_array_add (array, lb_record_new (&lb_wave_kind));
  g_ptr_array_add (array, lb_record_new (&lb_evidence_kind));
  /* Frees records of different kinds; ASan reports any leak. */
  g_ptr_array_unref (array);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/record/defaults", test_defaults);
  g_test_add_func ("/lb/record/every-kind-defaults", test_every_kind_defaults_parse);
  g_test_add_func ("/lb/record/set-from-string", test_set_from_string);
  g_test_add_func ("/lb/record/set-from-string-rejects", test_set_from_string_rejects);
  g_test_add_func ("/lb/record/validate", test_validate);
  g_test_add_func ("/lb/record/json", test_json);
  g_test_add_func ("/lb/record/display", test_display);
  g_test_add_func ("/lb/record/array", test_array);

  return g_test_run ();
}
