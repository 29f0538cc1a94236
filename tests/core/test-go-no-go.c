/* test-go-no-go.c: each rule of the cutover decision from tables of inputs (pass, fail,
 * not enough evidence, not applicable), and how the verdict follows from the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "lb-core.h"

#define H (3600 * (gint64) 1000)
#define DAY (24 * H)
#define CUTOVER ((gint64) 1796000000000) /* 2026-12-01-ish */

/* A project, its records and the inputs pointing at them: every rule passes. */
typedef struct
{
  LbProject      *project;
  GPtrArray      *items, *rehearsals, *downtimes, *tests, *risks, *approvals;
  LbLagStats      lag;
  LbGoNoGoInputs  in;
  LbGoNoGoPolicy  policy;
} Case;

static void
add_readiness (Case       *c,
               int         kind,
               int         control,
               int         status)
{
  LbReadinessItem *item = lb_record_new (&lb_readiness_item_kind);

  item->kind = kind;
  item->control = control;
  item->status = status;
  item->title = g_strdup_printf ("Item %u", c->items->len + 1);
  item->id = c->items->len + 1;
  g_ptr_array_add (c->items, item);
}

static LbRehearsal *
add_rehearsal (Case    *c,
               int      outcome,
               gint64   started,
               double   downtime_min,
               gboolean data_loss)
{
  LbRehearsal *r = lb_record_new (&lb_rehearsal_kind);
  g_autoptr(GPtrArray) no_steps = g_ptr_array_new ();

  r->id = c->rehearsals->len + 1;
  r->title = g_strdup_printf ("Drill %u", c->rehearsals->len + 1);
  r->kind = LB_REHEARSAL_CUTOVER;
  r->outcome = outcome;
  r->started_at = started;
  r->ended_at = started + 3 * H;
  r->measured_downtime_min = downtime_min;
  r->data_loss = data_loss;
  g_ptr_array_add (c->rehearsals, r);
  g_ptr_array_add (c->downtimes, lb_rehearsal_downtime_compute (r, no_steps, c->project));
  return r;
}

static void
recompute_downtimes (Case *c)
{
  g_autoptr(GPtrArray) no_steps = g_ptr_array_new ();

  g_ptr_array_set_size (c->downtimes, 0);
  for (guint i = 0; i < c->rehearsals->len; i++)
    g_ptr_array_add (c->downtimes, lb_rehearsal_downtime_compute (c->rehearsals->pdata[i], no_steps, c->project));
}

static LbCapacityTest *
add_capacity_test (Case   *c,
                   gint64  vcores,
                   double  log_p95)
{
  LbCapacityTest *t = lb_record_new (&lb_capacity_test_kind);

  t->id = c->tests->len + 1;
  t->tested_at = CUTOVER - 30 * DAY + c->tests->len * DAY;
  t->target_tier = LB_TIER_BUSINESS_CRITICAL;
  t->target_hardware = LB_HARDWARE_STANDARD;
  t->target_vcores = vcores;
  t->log_gen_p95_mibps = log_p95;
  t->log_gen_peak_mibps = log_p95 * 1.1;
  t->io_latency_ms = 3;
  t->iops = 1000;
  t->throughput_mibps = 50;
  t->cpu_pct = 40;
  g_ptr_array_add (c->tests, t);
  return t;
}

static LbRisk *
add_risk (Case   *c,
          gint64  likelihood,
          gint64  impact,
          int     status)
{
  LbRisk *r = lb_record_new (&lb_risk_kind);

  r->id = c->risks->len + 1;
  r->title = g_strdup_printf ("Risk %u", c->risks->len + 1);
  r->likelihood = likelihood;
  r->impact = impact;
  r->status = status;
  g_ptr_array_add (c->risks, r);
  return r;
}

static void
add_approval (Case       *c,
              int         subject,
              const char *approver,
              int         decision,
              gint64      at)
{
  LbApproval *a = lb_record_new (&lb_approval_kind);

  a->id = c->approvals->len + 1;
  a->subject = subject;
  a->approver = g_strdup (approver);
  a->decision = decision;
  a->decided_at = at;
  g_ptr_array_add (c->approvals, a);
}

static void
case_init (Case *c)
{
  memset (c, 0, sizeof *c);
  c->project = lb_record_new (&lb_project_kind);
  c->project->id = 1;
  c->project->name = g_strdup ("ERP");
  c->project->lag_threshold_s = 30;
  c->project->downtime_target_min = 120;
  c->project->target_tier = LB_TIER_BUSINESS_CRITICAL;
  c->project->target_hardware = LB_HARDWARE_STANDARD;
  c->project->target_vcores = 16;
  c->items = lb_record_array_new ();
  c->rehearsals = lb_record_array_new ();
  c->downtimes = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_rehearsal_downtime_free);
  c->tests = lb_record_array_new ();
  c->risks = lb_record_array_new ();
  c->approvals = lb_record_array_new ();
  lb_go_no_go_policy_init_defaults (&c->policy);

  for (int control = 0; control < LB_N_CONTROLS; control++)
    add_readiness (c, LB_READINESS_CONTROL, control, LB_READINESS_CLEAR);
  add_readiness (c, LB_READINESS_PREREQUISITE, LB_UNSET_ENUM, LB_READINESS_IN_PROGRESS);
  add_rehearsal (c, LB_OUTCOME_SUCCESS, CUTOVER - 20 * DAY, 96, FALSE);
  add_rehearsal (c, LB_OUTCOME_SUCCESS, CUTOVER - 5 * DAY, 73, FALSE);
  add_capacity_test (c, 16, 20);
  add_risk (c, 3, 4, LB_RISK_OPEN);
  add_approval (c, LB_SUBJECT_GO_NO_GO, "COO", LB_DECISION_APPROVED, CUTOVER - 2 * DAY);
  add_approval (c, LB_SUBJECT_DESIGN, "Architect", LB_DECISION_REJECTED, CUTOVER - 40 * DAY);

  c->lag.n_samples = 17280;
  c->lag.from = CUTOVER - 3 * DAY;
  c->lag.to = CUTOVER - 2 * DAY;
  c->lag.p50 = 0.7;
  c->lag.p95 = 1.1;
  c->lag.p99 = 1.3;
  c->lag.max = 11.6;
  c->lag.threshold_s = 30;
  c->lag.longest_breach_ms = 0;

  c->in.project = c->project;
  c->in.cutover_at = CUTOVER;
  c->in.readiness_items = c->items;
  c->in.rehearsals = c->rehearsals;
  c->in.downtimes = c->downtimes;
  c->in.lag = &c->lag;
  c->in.capacity_tests = c->tests;
  c->in.risks = c->risks;
  c->in.approvals = c->approvals;
  c->in.cert_valid_until = LB_UNSET_INT;
}

static void
case_clear (Case *c)
{
  lb_record_free (c->project);
  g_ptr_array_unref (c->items);
  g_ptr_array_unref (c->rehearsals);
  g_ptr_array_unref (c->downtimes);
  g_ptr_array_unref (c->tests);
  g_ptr_array_unref (c->risks);
  g_ptr_array_unref (c->approvals);
}

/* ---- the table ------------------------------------------------------------------------- */

typedef struct
{
  const char  *name;
  void       (*change) (Case *c);
  LbRuleId     rule;
  LbRuleStatus expected;
  const char  *finding_contains; /* NULL: not checked */
} RuleRow;

static void change_nothing (Case *c) { (void) c; }
static void readiness_control_blocked (Case *c) { ((LbReadinessItem *) c->items->pdata[2])->status = LB_READINESS_BLOCKED; }
static void readiness_prerequisite_blocked (Case *c) { ((LbReadinessItem *) c->items->pdata[5])->status = LB_READINESS_BLOCKED; }
static void readiness_control_in_progress (Case *c) { ((LbReadinessItem *) c->items->pdata[4])->status = LB_READINESS_IN_PROGRESS; }
static void readiness_control_missing (Case *c) { g_ptr_array_remove_index (c->items, 0); }
static void rehearsals_only_one (Case *c) { g_ptr_array_remove_index (c->rehearsals, 0); recompute_downtimes (c); }
static void rehearsals_none (Case *c) { g_ptr_array_set_size (c->rehearsals, 0); recompute_downtimes (c); }
static void rehearsals_latest_failed (Case *c) { add_rehearsal (c, LB_OUTCOME_FAILED, CUTOVER - 2 * DAY, 99, FALSE); }
static void rehearsals_latest_over_target (Case *c) { add_rehearsal (c, LB_OUTCOME_SUCCESS, CUTOVER - 2 * DAY, 121, FALSE); }
static void rehearsals_latest_lost_data (Case *c) { add_rehearsal (c, LB_OUTCOME_SUCCESS, CUTOVER - 2 * DAY, 60, TRUE); }
static void rehearsals_latest_unmeasured (Case *c) { add_rehearsal (c, LB_OUTCOME_SUCCESS, CUTOVER - 2 * DAY, NAN, FALSE)->ended_at = LB_UNSET_INT; recompute_downtimes (c); }
static void rehearsals_planned_ignored (Case *c) { add_rehearsal (c, LB_OUTCOME_PLANNED, CUTOVER - DAY, NAN, FALSE); }
static void rehearsals_three_required (Case *c) { c->policy.rehearsals_required = 3; }
static void rehearsals_earlier_failure_forgiven (Case *c) { ((LbRehearsal *) c->rehearsals->pdata[0])->outcome = LB_OUTCOME_FAILED; c->policy.rehearsals_required = 1; }
static void lag_p95_over (Case *c) { c->lag.p95 = 31; }
static void lag_p95_at_threshold (Case *c) { c->lag.p95 = 30; }
static void lag_long_breach (Case *c) { c->lag.longest_breach_ms = 5 * 60 * 1000 + 1; }
static void lag_breach_at_limit (Case *c) { c->lag.longest_breach_ms = 5 * 60 * 1000; }
static void lag_no_samples (Case *c) { c->in.lag = NULL; }
static void lag_no_threshold (Case *c) { c->project->lag_threshold_s = NAN; }
static void capacity_failing (Case *c) { add_capacity_test (c, 16, 500); }
static void capacity_other_sku_only (Case *c) { g_ptr_array_set_size (c->tests, 0); add_capacity_test (c, 8, 20); }
static void capacity_no_target (Case *c) { c->project->target_tier = LB_UNSET_ENUM; }
static void capacity_inconclusive (Case *c) { add_capacity_test (c, 16, NAN); }
static void capacity_old_failure_superseded (Case *c) { g_ptr_array_set_size (c->tests, 0); add_capacity_test (c, 16, 500); add_capacity_test (c, 16, 20); }
static void risks_open_critical (Case *c) { add_risk (c, 4, 4, LB_RISK_MITIGATING); }
static void risks_critical_accepted (Case *c) { LbRisk *r = add_risk (c, 5, 5, LB_RISK_ACCEPTED); r->mitigation = g_strdup ("Failback rehearsed"); r->mitigation_accepted = TRUE; }
static void risks_critical_closed (Case *c) { add_risk (c, 5, 5, LB_RISK_CLOSED); }
static void risks_none (Case *c) { g_ptr_array_set_size (c->risks, 0); }
static void drift_design_unchecked (Case *c) { c->in.has_design = TRUE; }
static void drift_none (Case *c) { c->in.has_design = TRUE; c->in.drift_checked = TRUE; }
static void drift_found (Case *c) { c->in.has_design = TRUE; c->in.drift_checked = TRUE; c->in.n_drift = 2; }
/* A check that compared the link but saw no instance: not evidence of no drift. */
static LbDriftResult *incomplete_drift;
static void drift_incomplete (Case *c) { drift_none (c); c->in.drift = incomplete_drift; }
static void cert_long (Case *c) { c->in.cert_valid_until = CUTOVER + 90 * DAY; }
static void cert_exactly_horizon (Case *c) { c->in.cert_valid_until = CUTOVER + 30 * DAY; }
static void cert_short (Case *c) { c->in.cert_valid_until = CUTOVER + 29 * DAY; }
static void approval_none (Case *c) { g_ptr_array_remove_index (c->approvals, 0); }
static void approval_rejected (Case *c) { add_approval (c, LB_SUBJECT_GO_NO_GO, "CIO", LB_DECISION_REJECTED, CUTOVER - DAY); }
static void approval_deferred (Case *c) { add_approval (c, LB_SUBJECT_GO_NO_GO, "CIO", LB_DECISION_DEFERRED, CUTOVER - DAY); }
static void approval_rejection_revised (Case *c) { add_approval (c, LB_SUBJECT_GO_NO_GO, "coo", LB_DECISION_REJECTED, CUTOVER - 3 * DAY); }
static void approval_changed_to_rejection (Case *c) { add_approval (c, LB_SUBJECT_GO_NO_GO, "COO", LB_DECISION_REJECTED, CUTOVER - DAY); }

static const RuleRow rule_rows[] = {
  { "readiness/clear", change_nothing, LB_RULE_READINESS, LB_RULE_PASS, NULL },
  { "readiness/control-blocked", readiness_control_blocked, LB_RULE_READINESS, LB_RULE_FAIL, NULL },
  { "readiness/prerequisite-blocked", readiness_prerequisite_blocked, LB_RULE_READINESS, LB_RULE_FAIL, NULL },
  { "readiness/control-in-progress", readiness_control_in_progress, LB_RULE_READINESS, LB_RULE_NO_EVIDENCE, NULL },
  { "readiness/control-missing", readiness_control_missing, LB_RULE_READINESS, LB_RULE_NO_EVIDENCE, NULL },
  { "rehearsals/two-successes", change_nothing, LB_RULE_REHEARSALS, LB_RULE_PASS, "73 of 120 min" },
  { "rehearsals/only-one", rehearsals_only_one, LB_RULE_REHEARSALS, LB_RULE_NO_EVIDENCE, "1 of 2" },
  { "rehearsals/none", rehearsals_none, LB_RULE_REHEARSALS, LB_RULE_NO_EVIDENCE, NULL },
  { "rehearsals/latest-failed", rehearsals_latest_failed, LB_RULE_REHEARSALS, LB_RULE_FAIL, "did not succeed" },
  { "rehearsals/latest-over-target", rehearsals_latest_over_target, LB_RULE_REHEARSALS, LB_RULE_FAIL, "121 of 120 min" },
  { "rehearsals/latest-lost-data", rehearsals_latest_lost_data, LB_RULE_REHEARSALS, LB_RULE_FAIL, "lost data" },
  { "rehearsals/latest-unmeasured", rehearsals_latest_unmeasured, LB_RULE_REHEARSALS, LB_RULE_NO_EVIDENCE, NULL },
  { "rehearsals/planned-ignored", rehearsals_planned_ignored, LB_RULE_REHEARSALS, LB_RULE_PASS, NULL },
  { "rehearsals/three-required", rehearsals_three_required, LB_RULE_REHEARSALS, LB_RULE_NO_EVIDENCE, "2 of 3" },
  { "rehearsals/earlier-failure-forgiven", rehearsals_earlier_failure_forgiven, LB_RULE_REHEARSALS, LB_RULE_PASS, NULL },
  { "lag/within", change_nothing, LB_RULE_LAG, LB_RULE_PASS, "1.10 s" },
  { "lag/p95-over", lag_p95_over, LB_RULE_LAG, LB_RULE_FAIL, "31.00 s" },
  { "lag/p95-at-threshold", lag_p95_at_threshold, LB_RULE_LAG, LB_RULE_PASS, NULL },
  { "lag/long-breach", lag_long_breach, LB_RULE_LAG, LB_RULE_FAIL, NULL },
  { "lag/breach-at-limit", lag_breach_at_limit, LB_RULE_LAG, LB_RULE_PASS, NULL },
  { "lag/no-samples", lag_no_samples, LB_RULE_LAG, LB_RULE_NO_EVIDENCE, NULL },
  { "lag/no-threshold", lag_no_threshold, LB_RULE_LAG, LB_RULE_NO_EVIDENCE, NULL },
  { "capacity/passing", change_nothing, LB_RULE_CAPACITY, LB_RULE_PASS, NULL },
  { "capacity/latest-failing", capacity_failing, LB_RULE_CAPACITY, LB_RULE_FAIL, NULL },
  { "capacity/other-sku-only", capacity_other_sku_only, LB_RULE_CAPACITY, LB_RULE_NO_EVIDENCE, "16 vCores" },
  { "capacity/no-target", capacity_no_target, LB_RULE_CAPACITY, LB_RULE_NO_EVIDENCE, NULL },
  { "capacity/inconclusive", capacity_inconclusive, LB_RULE_CAPACITY, LB_RULE_NO_EVIDENCE, NULL },
  { "capacity/old-failure-superseded", capacity_old_failure_superseded, LB_RULE_CAPACITY, LB_RULE_PASS, NULL },
  { "risks/none-high", change_nothing, LB_RULE_RISKS, LB_RULE_PASS, NULL },
  { "risks/open-critical", risks_open_critical, LB_RULE_RISKS, LB_RULE_FAIL, "1 open high risk" },
  { "risks/critical-accepted", risks_critical_accepted, LB_RULE_RISKS, LB_RULE_PASS, NULL },
  { "risks/critical-closed", risks_critical_closed, LB_RULE_RISKS, LB_RULE_PASS, NULL },
  { "risks/no-register", risks_none, LB_RULE_RISKS, LB_RULE_NO_EVIDENCE, NULL },
  { "drift/no-design", change_nothing, LB_RULE_DRIFT, LB_RULE_NOT_APPLICABLE, NULL },
  { "drift/unchecked", drift_design_unchecked, LB_RULE_DRIFT, LB_RULE_NO_EVIDENCE, NULL },
  { "drift/none", drift_none, LB_RULE_DRIFT, LB_RULE_PASS, NULL },
  { "drift/found", drift_found, LB_RULE_DRIFT, LB_RULE_FAIL, "2 differences" },
  { "drift/incomplete", drift_incomplete, LB_RULE_DRIFT, LB_RULE_NO_EVIDENCE, "1 part of the design could not" },
  { "certificate/unknown", change_nothing, LB_RULE_CERTIFICATE, LB_RULE_NOT_APPLICABLE, NULL },
  { "certificate/long", cert_long, LB_RULE_CERTIFICATE, LB_RULE_PASS, "90 days" },
  { "certificate/exactly-horizon", cert_exactly_horizon, LB_RULE_CERTIFICATE, LB_RULE_PASS, NULL },
  { "certificate/short", cert_short, LB_RULE_CERTIFICATE, LB_RULE_FAIL, "29 days" },
  { "approval/approved", change_nothing, LB_RULE_APPROVAL, LB_RULE_PASS, NULL },
  { "approval/none", approval_none, LB_RULE_APPROVAL, LB_RULE_NO_EVIDENCE, NULL },
  { "approval/rejected", approval_rejected, LB_RULE_APPROVAL, LB_RULE_FAIL, NULL },
  { "approval/deferred", approval_deferred, LB_RULE_APPROVAL, LB_RULE_NO_EVIDENCE, NULL },
  { "approval/rejection-revised", approval_rejection_revised, LB_RULE_APPROVAL, LB_RULE_PASS, NULL },
  { "approval/changed-to-rejection", approval_changed_to_rejection, LB_RULE_APPROVAL, LB_RULE_FAIL, NULL },
};

static void
test_rule (gconstpointer data)
{
  const RuleRow *row = data;
  g_autoptr(LbGoNoGoResult) result = NULL;
  const LbRuleResult *rule;
  Case c;

  case_init (&c);
  row->change (&c);
  result = lb_go_no_go_evaluate (&c.in, &c.policy);
  rule = &result->rules[row->rule];
  g_test_message ("%s: %s", lb_enum_info_nick (&lb_rule_status_enum, rule->status), rule->finding);
  g_assert_cmpint (rule->id, ==, row->rule);
  g_assert_cmpstr (lb_enum_info_nick (&lb_rule_status_enum, rule->status), ==,
                   lb_enum_info_nick (&lb_rule_status_enum, row->expected));
  g_assert_nonnull (rule->requirement);
  g_assert_nonnull (rule->finding);
  if (row->finding_contains != NULL)
    g_assert_nonnull (strstr (rule->finding, row->finding_contains));
  case_clear (&c);
}

/* ---- the verdict ----------------------------------------------------------------------- */

static void
test_verdict_go (void)
{
  g_autoptr(LbGoNoGoResult) result = NULL;
  Case c;

  case_init (&c);
  result = lb_go_no_go_evaluate (&c.in, &c.policy);
  g_assert_cmpint (result->verdict, ==, LB_GO);
  g_assert_true (g_str_has_prefix (result->summary, "GO"));
  case_clear (&c);
}

static void
test_verdict_no_go_names_failures (void)
{
  g_autoptr(LbGoNoGoResult) result = NULL;
  Case c;

  case_init (&c);
  rehearsals_latest_failed (&c);
  risks_open_critical (&c);
  approval_none (&c); /* missing evidence does not soften a failure */
  result = lb_go_no_go_evaluate (&c.in, &c.policy);
  g_assert_cmpint (result->verdict, ==, LB_NO_GO);
  g_assert_nonnull (strstr (result->summary, "2. Rehearsals"));
  g_assert_nonnull (strstr (result->summary, "5. Open high risks"));
  g_assert_null (strstr (result->summary, "Go/no-go approval"));
  case_clear (&c);
}

static void
test_verdict_not_enough_names_missing (void)
{
  g_autoptr(LbGoNoGoResult) result = NULL;
  Case c;

  case_init (&c);
  approval_none (&c);
  capacity_other_sku_only (&c);
  drift_design_unchecked (&c);
  result = lb_go_no_go_evaluate (&c.in, &c.policy);
  g_assert_cmpint (result->verdict, ==, LB_NOT_ENOUGH_EVIDENCE);
  g_assert_nonnull (strstr (result->summary, "4. Capacity"));
  g_assert_nonnull (strstr (result->summary, "6. Design drift"));
  g_assert_nonnull (strstr (result->summary, "8. Go/no-go approval"));
  g_assert_null (strstr (result->summary, "Rehearsals"));
  case_clear (&c);
}

/* Not applicable rules neither fail nor hold the verdict back. */
static void
test_verdict_not_applicable_is_neutral (void)
{
  g_autoptr(LbGoNoGoResult) result = NULL;
  Case c;

  case_init (&c);
  result = lb_go_no_go_evaluate (&c.in, &c.policy);
  g_assert_cmpint (result->rules[LB_RULE_DRIFT].status, ==, LB_RULE_NOT_APPLICABLE);
  g_assert_cmpint (result->rules[LB_RULE_CERTIFICATE].status, ==, LB_RULE_NOT_APPLICABLE);
  g_assert_cmpint (result->verdict, ==, LB_GO);
  case_clear (&c);
}

static void
test_json (void)
{
  g_autoptr(LbGoNoGoResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  JsonArray *rules;
  Case c;

  case_init (&c);
  cert_short (&c);
  result = lb_go_no_go_evaluate (&c.in, &c.policy);
  node = lb_go_no_go_result_to_json (result);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "ruleset_version"), ==, LB_GO_NO_GO_RULESET_VERSION);
  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==, "no_go");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "policy"),
                                               "rehearsals_required"), ==, 2);
  rules = json_object_get_array_member (object, "rules");
  g_assert_cmpuint (json_array_get_length (rules), ==, LB_N_RULES);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rules, 6), "status"), ==, "fail");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rules, 6), "rule"), ==,
                   "certificate");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (rules, 1),
                                                                         "evidence")), ==, 2);
  case_clear (&c);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  incomplete_drift = lb_drift_result_from_json ("{\"version\": 1, \"compared\": 9, \"differences\": [],"
                                                " \"unchecked\": [\"the managed instance\"]}", NULL);
  g_assert_nonnull (incomplete_drift);

  for (guint i = 0; i < G_N_ELEMENTS (rule_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/go-no-go/rule/%s", rule_rows[i].name);

      g_test_add_data_func (path, &rule_rows[i], test_rule);
    }
  g_test_add_func ("/go-no-go/verdict/go", test_verdict_go);
  g_test_add_func ("/go-no-go/verdict/no-go-names-failures", test_verdict_no_go_names_failures);
  g_test_add_func ("/go-no-go/verdict/not-enough-names-missing", test_verdict_not_enough_names_missing);
  g_test_add_func ("/go-no-go/verdict/not-applicable-is-neutral", test_verdict_not_applicable_is_neutral);
  g_test_add_func ("/go-no-go/json", test_json);
  status = g_test_run ();
  lb_drift_result_free (incomplete_drift);
  return status;
}
