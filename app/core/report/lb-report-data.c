/* lb-report-data.c: reading a project's evidence for the report and judging it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "../azure/lb-drift-check.h"
#include "../lag/lb-lag-markers.h"
#include "../model/lb-error.h"
#include "../model/lb-time.h"
#include "../workbench/lb-rehearsal-metrics.h"
#include "lb-report-data.h"

#define DAY_MS (24 * 3600 * (gint64) 1000)
#define DEFAULT_CHART_WINDOW_MS (7 * DAY_MS)

static const LbEnumValue lb_paper_size_values[] = {
  { "a4", N_("A4") },
  { "letter", N_("Letter") },
};
const LbEnumInfo lb_paper_size_enum = { "lb_paper_size_enum", lb_paper_size_values,
                                        G_N_ELEMENTS (lb_paper_size_values) };

void
lb_report_options_init (LbReportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->cutover_at = LB_UNSET_INT;
  options->window_from = LB_UNSET_INT;
  options->window_to = LB_UNSET_INT;
  options->window_span_ms = DEFAULT_CHART_WINDOW_MS;
  lb_go_no_go_policy_init_defaults (&options->policy);
  options->paper = LB_PAPER_A4;
  options->generated_at = lb_time_now_ms ();
}

void
lb_report_options_clear (LbReportOptions *options)
{
  g_clear_pointer (&options->organisation, g_free);
  g_clear_pointer (&options->author, g_free);
}

static int
compare_rehearsals (gconstpointer a,
                    gconstpointer b)
{
  const LbRehearsal *x = *(LbRehearsal *const *) a;
  const LbRehearsal *y = *(LbRehearsal *const *) b;

  /* Not yet started ones (unset: the smallest gint64) would come first; put them last. */
  gint64 tx = x->started_at == LB_UNSET_INT ? G_MAXINT64 : x->started_at;
  gint64 ty = y->started_at == LB_UNSET_INT ? G_MAXINT64 : y->started_at;

  return tx < ty ? -1 : tx > ty ? 1 : (x->id > y->id) - (x->id < y->id);
}

static int
compare_capacity_tests (gconstpointer a,
                        gconstpointer b)
{
  const LbCapacityTest *x = *(LbCapacityTest *const *) a;
  const LbCapacityTest *y = *(LbCapacityTest *const *) b;

  return x->tested_at < y->tested_at ? -1 : x->tested_at > y->tested_at ? 1 : (x->id > y->id) - (x->id < y->id);
}

static int
compare_risks (gconstpointer a,
               gconstpointer b)
{
  const LbRisk *x = *(LbRisk *const *) a;
  const LbRisk *y = *(LbRisk *const *) b;
  gint64 sx = lb_risk_score (x), sy = lb_risk_score (y);

  if (sx != sy)
    return sx > sy ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

static int
compare_approvals (gconstpointer a,
                   gconstpointer b)
{
  const LbApproval *x = *(LbApproval *const *) a;
  const LbApproval *y = *(LbApproval *const *) b;

  return x->decided_at > y->decided_at ? -1 : x->decided_at < y->decided_at ? 1 : (x->id > y->id) - (x->id < y->id);
}

static int
compare_evidence (gconstpointer a,
                  gconstpointer b)
{
  const LbEvidence *x = *(LbEvidence *const *) a;
  const LbEvidence *y = *(LbEvidence *const *) b;

  return x->captured_at < y->captured_at ? -1 : x->captured_at > y->captured_at ? 1 : (x->id > y->id) - (x->id < y->id);
}

static gboolean
load_lag (LbStore               *store,
          LbProjectReport       *report,
          const LbReportOptions *options,
          GCancellable          *cancellable,
          GError               **error)
{
  double threshold = report->project->lag_threshold_s;
  gint64 first = 0, last = 0;

  report->series = lb_lag_series_load (lb_store_get_path (store), report->project->id, cancellable, error);
  if (report->series == NULL)
    return FALSE;
  report->has_lag = lb_lag_series_get_extent (report->series, &first, &last);
  if (!report->has_lag)
    first = last = options->generated_at;

  report->lag_to = options->window_to != LB_UNSET_INT ? options->window_to : last;
  if (options->window_from != LB_UNSET_INT)
    report->lag_from = options->window_from;
  else if (options->window_span_ms > 0)
    report->lag_from = MAX (first, report->lag_to - options->window_span_ms);
  else
    report->lag_from = first;
  if (report->lag_to <= report->lag_from)
    {
      /* A single sample or none: show the hour around it. */
      report->lag_from -= 30 * 60000;
      report->lag_to += 30 * 60000;
    }
  /* Both windows end at the newest sample at most, so a stale link shows as old
   * statistics (their dates say so) rather than as an empty window. */
  lb_lag_stats_compute (report->series, report->lag_from, report->lag_to, threshold, &report->lag_window);
  lb_lag_stats_compute (report->series, MAX (first, last - options->policy.lag_window_ms), last + 1, threshold,
                        &report->lag_recent);
  report->markers = lb_lag_markers_load (store, report->project->id, error);
  return report->markers != NULL;
}

static gboolean
load_rehearsals (LbStore         *store,
                 LbProjectReport *report,
                 GError         **error)
{
  report->rehearsals = lb_store_list_for_project (store, &lb_rehearsal_kind, report->project->id, error);
  if (report->rehearsals == NULL)
    return FALSE;
  g_ptr_array_sort (report->rehearsals, compare_rehearsals);
  report->downtimes = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_rehearsal_downtime_free);
  report->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < report->rehearsals->len; i++)
    {
      const LbRehearsal *rehearsal = report->rehearsals->pdata[i];
      GPtrArray *steps = lb_store_list (store, &lb_rehearsal_step_kind, "rehearsal_id", rehearsal->id, error);

      if (steps == NULL)
        return FALSE;
      g_ptr_array_add (report->steps, steps);
      g_ptr_array_add (report->downtimes, lb_rehearsal_downtime_compute (rehearsal, steps, report->project));
    }
  return TRUE;
}

static void
evaluate (LbProjectReport       *report,
          const LbReportOptions *options,
          gboolean               has_design,
          const LbDriftCheck    *drift_check,
          const LbDriftResult   *drift)
{
  LbGoNoGoInputs inputs = {
    .project = report->project,
    .readiness_items = report->readiness_items,
    .rehearsals = report->rehearsals,
    .downtimes = report->downtimes,
    .lag = report->has_lag ? &report->lag_recent : NULL,
    .capacity_tests = report->capacity_tests,
    .risks = report->risks,
    .approvals = report->approvals,
    .has_design = has_design,
    /* The newest check of the newest design; until one has run, a recorded design leaves
     * this rule without evidence. */
    .drift_checked = drift_check != NULL && drift != NULL,
    .n_drift = drift != NULL ? drift->n_critical + drift->n_warning : 0,
    .drift = drift,
    .drift_checked_at = drift_check != NULL ? drift_check->checked_at : LB_UNSET_INT,
    .cert_valid_until = report->project->link_cert_valid_until,
  };

  if (options->cutover_at != LB_UNSET_INT)
    inputs.cutover_at = options->cutover_at;
  else if (report->project->planned_cutover != LB_UNSET_INT)
    inputs.cutover_at = report->project->planned_cutover;
  else
    inputs.cutover_at = options->generated_at;
  report->go_no_go = lb_go_no_go_evaluate (&inputs, &options->policy);
}

LbProjectReport *
lb_project_report_load (LbStore               *store,
                        gint64                 project_id,
                        const LbReportOptions *options,
                        GCancellable          *cancellable,
                        GError               **error)
{
  g_autoptr(LbProjectReport) report = g_new0 (LbProjectReport, 1);
  g_autoptr(LbDriftResult) drift = NULL;
  g_autoptr(GError) local_error = NULL;
  LbDriftCheck *drift_check;
  gint64 n_designs;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report->wave_position = G_MAXINT64;
  if ((report->project = lb_store_get (store, &lb_project_kind, project_id, error)) == NULL)
    return NULL;
  if (report->project->wave_id != 0)
    {
      LbWave *wave = lb_store_get (store, &lb_wave_kind, report->project->wave_id, error);

      if (wave == NULL)
        return NULL;
      report->wave_name = g_strdup (wave->name);
      report->wave_position = wave->position;
      lb_record_free (wave);
    }

  if ((report->readiness_items = lb_store_list_for_project (store, &lb_readiness_item_kind, project_id, error)) == NULL)
    return NULL;
  report->readiness = lb_readiness_gate_evaluate (report->readiness_items);
  if (!load_rehearsals (store, report, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!load_lag (store, report, options, cancellable, error))
    return NULL;

  if ((report->capacity_tests = lb_store_list_for_project (store, &lb_capacity_test_kind, project_id, error)) == NULL)
    return NULL;
  g_ptr_array_sort (report->capacity_tests, compare_capacity_tests);
  report->capacity_results = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_capacity_result_free);
  for (guint i = 0; i < report->capacity_tests->len; i++)
    g_ptr_array_add (report->capacity_results, lb_capacity_evaluate (report->capacity_tests->pdata[i]));

  if (!lb_cost_items_load (store, project_id, &report->cost_items, &report->cost_tags, error))
    return NULL;
  if ((report->costs = lb_cost_summary_compute (report->cost_items, report->cost_tags, error)) == NULL)
    return NULL;

  if ((report->risks = lb_store_list_for_project (store, &lb_risk_kind, project_id, error)) == NULL)
    return NULL;
  g_ptr_array_sort (report->risks, compare_risks);
  lb_risk_summarize (report->risks, options->generated_at, &report->risk_summary);

  if ((report->approvals = lb_store_list_for_project (store, &lb_approval_kind, project_id, error)) == NULL)
    return NULL;
  g_ptr_array_sort (report->approvals, compare_approvals);
  if ((report->evidence = lb_store_list_for_project (store, &lb_evidence_kind, project_id, error)) == NULL)
    return NULL;
  g_ptr_array_sort (report->evidence, compare_evidence);

  n_designs = lb_store_count (store, &lb_design_baseline_kind, "project_id", project_id, error);
  if (n_designs < 0)
    return NULL;
  drift_check = lb_drift_check_latest (store, project_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (drift_check != NULL && (drift = lb_drift_result_from_json (drift_check->result_json, error)) == NULL)
    {
      lb_record_free (drift_check);
      return NULL;
    }
  evaluate (report, options, n_designs > 0, drift_check, drift);
  if (drift_check != NULL)
    lb_record_free (drift_check);
  return g_steal_pointer (&report);
}

void
lb_project_report_free (LbProjectReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->project, lb_record_free);
  g_free (report->wave_name);
  g_clear_pointer (&report->readiness_items, g_ptr_array_unref);
  g_clear_pointer (&report->readiness, lb_readiness_verdict_free);
  g_clear_pointer (&report->rehearsals, g_ptr_array_unref);
  g_clear_pointer (&report->downtimes, g_ptr_array_unref);
  g_clear_pointer (&report->steps, g_ptr_array_unref);
  g_clear_pointer (&report->series, lb_lag_series_unref);
  g_clear_pointer (&report->markers, g_array_unref);
  g_clear_pointer (&report->capacity_tests, g_ptr_array_unref);
  g_clear_pointer (&report->capacity_results, g_ptr_array_unref);
  g_clear_pointer (&report->cost_items, g_ptr_array_unref);
  g_clear_pointer (&report->cost_tags, g_ptr_array_unref);
  g_clear_pointer (&report->costs, lb_cost_summary_free);
  g_clear_pointer (&report->risks, g_ptr_array_unref);
  g_clear_pointer (&report->approvals, g_ptr_array_unref);
  g_clear_pointer (&report->evidence, g_ptr_array_unref);
  g_clear_pointer (&report->go_no_go, lb_go_no_go_result_free);
  g_free (report);
}

GPtrArray *
lb_project_report_top_reasons (const LbProjectReport *report,
                               guint                  max)
{
  /* Failures decide a NO-GO, missing evidence holds a GO back; passes back a GO. */
  static const LbRuleStatus order[] = { LB_RULE_FAIL, LB_RULE_NO_EVIDENCE, LB_RULE_PASS };
  GPtrArray *reasons = g_ptr_array_new_with_free_func (g_free);

  for (guint o = 0; o < G_N_ELEMENTS (order); o++)
    for (guint i = 0; i < LB_N_RULES && reasons->len < max; i++)
      {
        const LbRuleResult *rule = &report->go_no_go->rules[i];

        if (rule->status == order[o])
          g_ptr_array_add (reasons, g_strdup (rule->finding));
      }
  return reasons;
}

static int
compare_project_reports (gconstpointer a,
                         gconstpointer b)
{
  const LbProjectReport *x = *(LbProjectReport *const *) a;
  const LbProjectReport *y = *(LbProjectReport *const *) b;

  if (x->wave_position != y->wave_position)
    return x->wave_position < y->wave_position ? -1 : 1;
  if (x->project->wave_id != y->project->wave_id)
    return x->project->wave_id < y->project->wave_id ? -1 : 1;
  return g_utf8_collate (x->project->name, y->project->name);
}

LbPortfolioReport *
lb_portfolio_report_load (LbStore               *store,
                          const LbReportOptions *options,
                          LbReportProgressFunc   progress,
                          gpointer               user_data,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_autoptr(LbPortfolioReport) report = g_new0 (LbPortfolioReport, 1);
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) waves = NULL;
  g_autoptr(GHashTable) used_waves = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint total = 0, done = 0;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (options->wave_id != 0)
    {
      LbWave *wave = lb_store_get (store, &lb_wave_kind, options->wave_id, error);

      if (wave == NULL)
        return NULL;
      lb_record_free (wave);
    }
  if ((projects = lb_store_list (store, &lb_project_kind, NULL, 0, error)) == NULL)
    return NULL;
  if ((waves = lb_store_list (store, &lb_wave_kind, NULL, 0, error)) == NULL)
    return NULL;
  for (guint i = 0; i < projects->len; i++)
    total += options->wave_id == 0 || ((LbProject *) projects->pdata[i])->wave_id == options->wave_id;

  report->projects = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_project_report_free);
  for (guint i = 0; i < projects->len; i++)
    {
      const LbProject *project = projects->pdata[i];
      LbProjectReport *project_report;

      if (options->wave_id != 0 && project->wave_id != options->wave_id)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if ((project_report = lb_project_report_load (store, project->id, options, cancellable, error)) == NULL)
        return NULL;
      g_ptr_array_add (report->projects, project_report);
      if (project->wave_id != 0)
        g_hash_table_add (used_waves, &project_report->project->wave_id);
      if (progress != NULL)
        progress (++done, total, user_data);
    }
  g_ptr_array_sort (report->projects, compare_project_reports);

  report->waves = lb_record_array_new ();
  for (guint i = 0; i < waves->len; i++)
    if (g_hash_table_contains (used_waves, &((LbWave *) waves->pdata[i])->id))
      g_ptr_array_add (report->waves, lb_record_copy (waves->pdata[i]));
  return g_steal_pointer (&report);
}

void
lb_portfolio_report_free (LbPortfolioReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->waves, g_ptr_array_unref);
  g_clear_pointer (&report->projects, g_ptr_array_unref);
  g_free (report);
}
