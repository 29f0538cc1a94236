/* lb-portfolio.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-portfolio"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "../model/lb-time.h"
#include "lb-cost-summary.h"
#include "lb-portfolio.h"
#include "lb-readiness-gate.h"
#include "lb-rehearsal-metrics.h"
#include "lb-risk-score.h"

void
lb_portfolio_row_free (LbPortfolioRow *row)
{
  if (row == NULL)
    return;
  lb_record_free (row->project);
  g_free (row->wave);
  g_free (row->readiness_summary);
  lb_record_free (row->last_rehearsal);
  g_clear_pointer (&row->costs, lb_cost_summary_free);
  g_free (row);
}

static gboolean
load_row (LbStore        *store,
          LbPortfolioRow *row,
          GError        **error)
{
  const LbProject *project = row->project;
  g_autoptr(LbReadinessVerdict) verdict = NULL;
  g_autoptr(GPtrArray) rehearsals = NULL;
  LbRiskSummary risks;

  row->wave_position = G_MAXINT64;
  if (project->wave_id != 0)
    {
      LbWave *wave = lb_store_get (store, &lb_wave_kind, project->wave_id, NULL);

      if (wave != NULL)
        {
          row->wave = g_strdup (wave->name);
          row->wave_position = wave->position != LB_UNSET_INT ? wave->position : G_MAXINT64 - 1;
        }
      lb_record_free (wave);
    }
  if ((verdict = lb_readiness_gate_evaluate_project (store, project->id, error)) == NULL ||
      (row->costs = lb_cost_summary_load (store, project->id, error)) == NULL ||
      (rehearsals = lb_store_list_for_project (store, &lb_rehearsal_kind, project->id, error)) == NULL ||
      !lb_risk_summary_load (store, project->id, lb_time_now_ms (), &risks, error))
    return FALSE;

  row->production_ready = verdict->production_ready;
  row->readiness_summary = g_strdup (verdict->summary);
  row->open_high_risks = risks.n_open_high;

  /* Rehearsals are listed by start time: the last one is the latest. */
  row->downtime_ms = LB_UNSET_INT;
  row->downtime_target_min = LB_UNSET_INT;
  if (rehearsals->len > 0)
    {
      g_autoptr(LbRehearsalDowntime) downtime = NULL;

      row->last_rehearsal = lb_record_copy (rehearsals->pdata[rehearsals->len - 1]);
      downtime = lb_rehearsal_downtime_load (store, row->last_rehearsal->id, NULL);
      if (downtime != NULL)
        {
          row->downtime_ms = downtime->downtime_ms;
          row->downtime_target_min = downtime->target_min;
        }
    }

  row->lag_s = NAN;
  row->lag_at = LB_UNSET_INT;
  if (!lb_store_lag_latest (store, project->id, &row->lag_at, &row->lag_s, error) && *error != NULL)
    return FALSE;
  return TRUE;
}

GPtrArray *
lb_portfolio_load (LbStore *store,
                   GError **error)
{
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_portfolio_row_free);
  GError *local_error = NULL;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  if ((projects = lb_store_list (store, &lb_project_kind, NULL, 0, error)) == NULL)
    return NULL;
  for (guint i = 0; i < projects->len; i++)
    {
      LbPortfolioRow *row = g_new0 (LbPortfolioRow, 1);

      row->project = lb_record_copy (projects->pdata[i]);
      g_ptr_array_add (rows, row);
      if (!load_row (store, row, &local_error))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
    }
  return g_steal_pointer (&rows);
}

char *
lb_portfolio_row_rehearsal_text (const LbPortfolioRow *row)
{
  const LbFieldInfo *outcome = lb_record_kind_find_field (&lb_rehearsal_kind, "outcome");
  const char *label;

  g_return_val_if_fail (row != NULL, NULL);

  if (row->last_rehearsal == NULL)
    return g_strdup ("—");
  label = lb_enum_info_label (outcome->enum_info, row->last_rehearsal->outcome);
  if (row->downtime_ms == LB_UNSET_INT)
    return g_strdup (label);
  if (row->downtime_target_min == LB_UNSET_INT)
    return g_strdup_printf (_("%s, %lld min"), label, (long long) (row->downtime_ms / 60000));
  /* TRANSLATORS: last rehearsal: "Success, 73/120 min" */
  return g_strdup_printf (_("%s, %lld/%lld min"), label, (long long) (row->downtime_ms / 60000),
                          (long long) row->downtime_target_min);
}

char *
lb_portfolio_row_monthly_text (const LbPortfolioRow *row)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (row != NULL, NULL);

  for (guint i = 0; row->costs != NULL && i < row->costs->currencies->len; i++)
    {
      const LbCostTotals *totals = row->costs->currencies->pdata[i];
      g_autofree char *amount = lb_money_to_string (totals->amounts.monthly);

      g_string_append_printf (text, "%s%s %s", i ? " + " : "", amount, totals->currency);
    }
  if (text->len == 0)
    g_string_append (text, "—");
  return g_string_free (text, FALSE);
}

char *
lb_portfolio_row_lag_text (const LbPortfolioRow *row)
{
  g_return_val_if_fail (row != NULL, NULL);

  if (isnan (row->lag_s))
    return g_strdup ("—");
  if (isnan (row->project->lag_threshold_s))
    return g_strdup_printf (_("%.1f s"), row->lag_s);
  /* TRANSLATORS: current lag against the approved threshold: "1.2/30 s" */
  return g_strdup_printf (_("%.1f/%g s"), row->lag_s, row->project->lag_threshold_s);
}

JsonNode *
lb_portfolio_row_to_json (const LbPortfolioRow *row)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const LbFieldInfo *status = lb_record_kind_find_field (&lb_project_kind, "status");
  const LbFieldInfo *scenario = lb_record_kind_find_field (&lb_project_kind, "scenario");
  const LbFieldInfo *outcome = lb_record_kind_find_field (&lb_rehearsal_kind, "outcome");

  g_return_val_if_fail (row != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, row->project->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, row->project->name);
  json_builder_set_member_name (b, "wave");
  json_builder_add_string_value (b, row->wave);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, lb_enum_info_nick (scenario->enum_info, row->project->scenario));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, lb_enum_info_nick (status->enum_info, row->project->status));
  json_builder_set_member_name (b, "production_ready");
  json_builder_add_boolean_value (b, row->production_ready);
  json_builder_set_member_name (b, "readiness");
  json_builder_add_string_value (b, row->readiness_summary);
  json_builder_set_member_name (b, "last_rehearsal_outcome");
  json_builder_add_string_value (b, row->last_rehearsal != NULL
                                      ? lb_enum_info_nick (outcome->enum_info, row->last_rehearsal->outcome) : NULL);
  json_builder_set_member_name (b, "last_rehearsal_downtime_ms");
  if (row->downtime_ms != LB_UNSET_INT)
    json_builder_add_int_value (b, row->downtime_ms);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "downtime_target_min");
  if (row->downtime_target_min != LB_UNSET_INT)
    json_builder_add_int_value (b, row->downtime_target_min);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "open_high_risks");
  json_builder_add_int_value (b, row->open_high_risks);
  json_builder_set_member_name (b, "monthly_costs");
  json_builder_begin_array (b);
  for (guint i = 0; i < row->costs->currencies->len; i++)
    {
      const LbCostTotals *totals = row->costs->currencies->pdata[i];
      g_autofree char *amount = lb_money_to_string (totals->amounts.monthly);
      g_autofree char *text = g_strdup_printf ("%s %s", amount, totals->currency);

      json_builder_add_string_value (b, text);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "lag_s");
  if (!isnan (row->lag_s))
    json_builder_add_double_value (b, row->lag_s);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
