/* test-record-summary.c: what the record pages' rows say, without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-record-summary"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "lb-record-summary.h"

#include "ui-test-common.h"

static void
test_money (void)
{
  static const struct { gint64 minor; const char *currency; const char *expected; } cases[] = {
    { 0, "EUR", "0.00 EUR" },
    { 5, "EUR", "0.05 EUR" },
    { 152040, "EUR", "1,520.40 EUR" },
    { 99999, NULL, "999.99" },
    { 123456789012, "USD", "1,234,567,890.12 USD" },
    { -152040, "EUR", "−1,520.40 EUR" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lb_record_summary_format_money (cases[i].minor, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_cost_amount (void)
{
  LbCostItem *item = lb_record_new (&lb_cost_item_kind);
  g_autofree char *monthly_months = NULL;
  g_autofree char *monthly = NULL;
  g_autofree char *one_off = NULL;

  ui_test_set_fields (item, "amount", "1520.40", "currency", "EUR", "period", "monthly", "months", "12", NULL);
  monthly_months = lb_record_summary_cost_amount (item);
  g_assert_cmpstr (monthly_months, ==, "1,520.40 EUR / month × 12");
  ui_test_set_fields (item, "months", "", NULL);
  monthly = lb_record_summary_cost_amount (item);
  g_assert_cmpstr (monthly, ==, "1,520.40 EUR / month");
  ui_test_set_fields (item, "period", "one_off", "amount", "11500", "currency", "USD", NULL);
  one_off = lb_record_summary_cost_amount (item);
  g_assert_cmpstr (one_off, ==, "11,500.00 USD one-off");
  ui_test_set_fields (item, "amount", "", NULL);
  g_assert_null (lb_record_summary_cost_amount (item));
  lb_record_free (item);
}

static void
test_downtime (void)
{
  LbRehearsal *rehearsal = lb_record_new (&lb_rehearsal_kind);
  LbProject *project = lb_record_new (&lb_project_kind);
  g_autofree char *both = NULL;
  g_autofree char *from_project = NULL;
  g_autofree char *fraction = NULL;
  g_autofree char *target_only = NULL;

  ui_test_set_fields (rehearsal, "measured_downtime_min", "73", "downtime_target_min", "120", NULL);
  both = lb_record_summary_downtime (rehearsal, NULL, NULL);
  g_assert_cmpstr (both, ==, "73 min of 120 min target");

  /* No target of its own: the project's (120 by default; 30 here). */
  ui_test_set_fields (rehearsal, "downtime_target_min", "", NULL);
  ui_test_set_fields (project, "downtime_target_min", "30", NULL);
  from_project = lb_record_summary_downtime (rehearsal, NULL, project);
  g_assert_cmpstr (from_project, ==, "73 min of 30 min target");

  ui_test_set_fields (rehearsal, "measured_downtime_min", "7.5", NULL);
  fraction = lb_record_summary_downtime (rehearsal, NULL, NULL);
  g_assert_cmpstr (fraction, ==, "7.5 min");

  ui_test_set_fields (rehearsal, "measured_downtime_min", "", "downtime_target_min", "45", NULL);
  target_only = lb_record_summary_downtime (rehearsal, NULL, NULL);
  g_assert_cmpstr (target_only, ==, "45 min target");

  ui_test_set_fields (rehearsal, "downtime_target_min", "", NULL);
  g_assert_null (lb_record_summary_downtime (rehearsal, NULL, NULL));

  /* From the runbook's steps, as the core measures it: from the start of the step that
   * stops the workload to the end of the validation, over the project's target. */
  {
    g_autoptr(GPtrArray) runbook = lb_runbook_builtin_steps (LB_REHEARSAL_PLANNED_FAILOVER);
    g_autoptr(GPtrArray) steps = lb_runbook_instantiate (runbook, 0);
    g_autofree char *from_steps = NULL;
    LbRecordSummary summary;
    gint64 t0 = 0;

    g_assert_true (lb_time_parse ("2026-11-26 19:30", NULL, &t0));
    for (guint i = 0; i < steps->len; i++)
      {
        LbRehearsalStep *step = g_ptr_array_index (steps, i);

        step->started_at = t0 + (gint64) i * 10 * 60000;
        step->ended_at = step->started_at + 10 * 60000;
      }
    ui_test_set_fields (rehearsal, "measured_downtime_min", "5", NULL);
    ui_test_set_fields (project, "downtime_target_min", "30", NULL);
    from_steps = lb_record_summary_downtime (rehearsal, steps, project);
    /* Steps win over the recorded 5 min: ten-minute steps from the stop of the workload
     * (the second) to the end of the validation (the seventh). */
    g_assert_cmpstr (from_steps, ==, "60 min of 30 min target");

    lb_record_summary_init_full (&summary, rehearsal, steps, project, 0);
    g_assert_cmpstr (summary.value, ==, from_steps);
    g_assert_cmpint (summary.value_tone, ==, LB_TONE_ERROR);
    g_assert_true (g_str_has_prefix (summary.value_tooltip, "Downtime "));
    g_assert_nonnull (strstr (summary.value_tooltip, "over the"));
    lb_record_summary_clear (&summary);

    /* The steps the downtime is measured by say so; the others do not. */
    lb_record_summary_init (&summary, steps->pdata[1], NULL, 0);
    g_assert_true (g_str_has_suffix (summary.subtitle, " · 10 min · Downtime starts (workload stopped)"));
    lb_record_summary_clear (&summary);
    lb_record_summary_init (&summary, steps->pdata[0], NULL, 0);
    g_assert_true (g_str_has_suffix (summary.subtitle, " · 10 min"));
    lb_record_summary_clear (&summary);
  }
  lb_record_free (rehearsal);
  lb_record_free (project);
}

static void
test_risk (void)
{
  LbRisk *risk = lb_record_new (&lb_risk_kind);
  gint64 now = 0;
  LbRecordSummary summary;

  g_assert_true (lb_time_parse ("2026-12-01 12:00", NULL, &now));
  ui_test_set_fields (risk, "title", "Log growth", "likelihood", "4", "impact", "5", "owner", "Jana Novak",
                      "due_at", "2026-11-30", NULL);
  g_assert_cmpint (lb_risk_score (risk), ==, 20);
  g_assert_true (lb_risk_is_overdue (risk, now));

  lb_record_summary_init (&summary, risk, NULL, now);
  g_assert_cmpstr (summary.title, ==, "Log growth");
  g_assert_cmpstr (summary.subtitle, ==, "Likelihood 4 × impact 5 · Jana Novak · Due 2026-11-30 00:00");
  g_assert_cmpstr (summary.value, ==, "score 20");
  g_assert_cmpint (summary.value_tone, ==, LB_TONE_ERROR);
  g_assert_cmpstr (summary.badge, ==, "Open");
  g_assert_true (summary.overdue);
  lb_record_summary_clear (&summary);

  /* Mitigating is still overdue; accepted and closed are not, and not alarming. */
  ui_test_set_fields (risk, "status", "mitigating", NULL);
  g_assert_true (lb_risk_is_overdue (risk, now));
  ui_test_set_fields (risk, "status", "accepted", NULL);
  g_assert_false (lb_risk_is_overdue (risk, now));
  lb_record_summary_init (&summary, risk, NULL, now);
  g_assert_cmpint (summary.value_tone, ==, LB_TONE_NONE);
  lb_record_summary_clear (&summary);

  /* Not due yet. */
  ui_test_set_fields (risk, "status", "open", "due_at", "2026-12-02", NULL);
  g_assert_false (lb_risk_is_overdue (risk, now));
  /* The core's bands: 12 is high (a warning), 8 medium (no colour). */
  ui_test_set_fields (risk, "likelihood", "3", "impact", "4", NULL);
  lb_record_summary_init (&summary, risk, NULL, now);
  g_assert_cmpint (summary.value_tone, ==, LB_TONE_WARNING);
  lb_record_summary_clear (&summary);
  ui_test_set_fields (risk, "likelihood", "2", "impact", "4", NULL);
  lb_record_summary_init (&summary, risk, NULL, now);
  g_assert_cmpint (summary.value_tone, ==, LB_TONE_NONE);
  lb_record_summary_clear (&summary);
  lb_record_free (risk);
}

/* The badge follows the core's verdict; a recorded verdict the figures contradict shows
 * both, in the warning tone. */
static void
test_capacity_verdict (void)
{
  LbCapacityTest *test = lb_record_new (&lb_capacity_test_kind);
  LbRecordSummary summary;

  ui_test_set_fields (test, "tested_at", "2026-11-20 10:00", "method", "benchmark", "target_tier",
                      "general_purpose", "target_vcores", "8", "log_gen_peak_mibps", "58", "log_gen_p95_mibps",
                      "41", NULL);
  lb_record_summary_init (&summary, test, NULL, 0);
  g_assert_cmpstr (summary.badge, ==, "Fail");
  g_assert_cmpint (summary.badge_tone, ==, LB_TONE_ERROR);
  g_assert_true (g_str_has_prefix (summary.subtitle, "Fail: log generation p95 41 MiB/s exceeds"));
  lb_record_summary_clear (&summary);

  ui_test_set_fields (test, "verdict", "pass", NULL);
  lb_record_summary_init (&summary, test, NULL, 0);
  g_assert_cmpstr (summary.badge, ==, "Pass");
  g_assert_cmpint (summary.badge_tone, ==, LB_TONE_WARNING);
  g_assert_true (g_str_has_prefix (summary.subtitle, "Recorded as Pass; the figures say Fail: "));
  lb_record_summary_clear (&summary);

  ui_test_set_fields (test, "verdict", "fail", NULL);
  lb_record_summary_init (&summary, test, NULL, 0);
  g_assert_cmpstr (summary.badge, ==, "Fail");
  g_assert_cmpint (summary.badge_tone, ==, LB_TONE_ERROR);
  lb_record_summary_clear (&summary);
  lb_record_free (test);
}

static void
test_badges_and_generic (void)
{
  LbReadinessItem *item = lb_record_new (&lb_readiness_item_kind);
  LbWave *wave = lb_record_new (&lb_wave_kind);
  LbRecordSummary summary;

  ui_test_set_fields (item, "kind", "control", "control", "owner", "title", "Owner named", "status", "blocked",
                      "owner", "Mara Lindqvist", "verified_by", "Tomasz Nowak", NULL);
  lb_record_summary_init (&summary, item, NULL, 0);
  g_assert_cmpstr (summary.subtitle, ==, "Owner · Mara Lindqvist · Verified by Tomasz Nowak");
  g_assert_cmpstr (summary.badge, ==, "Blocked");
  g_assert_cmpint (summary.badge_tone, ==, LB_TONE_ERROR);
  g_assert_null (summary.value);
  lb_record_summary_clear (&summary);

  /* A prerequisite leads with the first line of its note: what a probe found. */
  ui_test_set_fields (item, "kind", "prerequisite", "control", "", "title", "Full recovery model",
                      "note", "Fail: the database uses the SIMPLE recovery model\nSwitch it to FULL.", NULL);
  lb_record_summary_init (&summary, item, NULL, 0);
  g_assert_cmpstr (summary.subtitle, ==,
                   "Fail: the database uses the SIMPLE recovery model\nMara Lindqvist · Verified by Tomasz Nowak");
  lb_record_summary_clear (&summary);

  g_assert_cmpint (lb_record_summary_tone_for_nick ("clear"), ==, LB_TONE_SUCCESS);
  g_assert_cmpint (lb_record_summary_tone_for_nick ("in_progress"), ==, LB_TONE_ACCENT);
  g_assert_cmpint (lb_record_summary_tone_for_nick ("inconclusive"), ==, LB_TONE_WARNING);
  g_assert_cmpint (lb_record_summary_tone_for_nick ("planned"), ==, LB_TONE_NONE);
  g_assert_cmpstr (lb_record_summary_tone_class (LB_TONE_ERROR), ==, "error");
  g_assert_null (lb_record_summary_tone_class (LB_TONE_NONE));

  /* A kind without its own words: the title field and the identity fields. */
  ui_test_set_fields (wave, "name", "Wave 1", NULL);
  lb_record_summary_init (&summary, wave, NULL, 0);
  g_assert_cmpstr (summary.title, ==, "Wave 1");
  g_assert_null (summary.subtitle);
  lb_record_summary_clear (&summary);

  lb_record_free (wave);
  lb_record_free (item);
}

int
main (int   argc,
      char *argv[])
{
  /* Plain formatting: no display needed. */
  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_add_func ("/ui/record-summary/money", test_money);
  g_test_add_func ("/ui/record-summary/cost-amount", test_cost_amount);
  g_test_add_func ("/ui/record-summary/downtime", test_downtime);
  g_test_add_func ("/ui/record-summary/risk", test_risk);
  g_test_add_func ("/ui/record-summary/badges-and-generic", test_badges_and_generic);
  g_test_add_func ("/ui/record-summary/capacity-verdict", test_capacity_verdict);

  return g_test_run ();
}
