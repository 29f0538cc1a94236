/* lb-risk-score.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-risk-score"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-risk-score.h"

static const LbEnumValue lb_risk_band_values[] = {
  [LB_RISK_BAND_LOW] = { "low", N_("Low") },
  [LB_RISK_BAND_MEDIUM] = { "medium", N_("Medium") },
  [LB_RISK_BAND_HIGH] = { "high", N_("High") },
  [LB_RISK_BAND_CRITICAL] = { "critical", N_("Critical") },
};

const LbEnumInfo lb_risk_band_enum = { "lb_risk_band_enum", lb_risk_band_values, G_N_ELEMENTS (lb_risk_band_values) };

G_STATIC_ASSERT (G_N_ELEMENTS (lb_risk_band_values) == LB_RISK_N_BANDS);

static gboolean
on_scale (gint64 value)
{
  return value >= 1 && value <= LB_RISK_SCALE;
}

gint64
lb_risk_score (const LbRisk *risk)
{
  g_return_val_if_fail (risk != NULL, 0);

  if (!on_scale (risk->likelihood) || !on_scale (risk->impact))
    return 0;
  return risk->likelihood * risk->impact;
}

int
lb_risk_band_for_score (gint64 score)
{
  if (score < 1 || score > LB_RISK_SCALE * LB_RISK_SCALE)
    return LB_UNSET_ENUM;
  if (score >= LB_RISK_BAND_CRITICAL_MIN)
    return LB_RISK_BAND_CRITICAL;
  if (score >= LB_RISK_BAND_HIGH_MIN)
    return LB_RISK_BAND_HIGH;
  if (score >= LB_RISK_BAND_MEDIUM_MIN)
    return LB_RISK_BAND_MEDIUM;
  return LB_RISK_BAND_LOW;
}

gboolean
lb_risk_is_open_high (const LbRisk *risk)
{
  g_return_val_if_fail (risk != NULL, FALSE);

  if (lb_risk_score (risk) < LB_RISK_OPEN_HIGH_MIN || risk->status == LB_RISK_CLOSED)
    return FALSE;
  /* Accepting a risk closes it for the gate only once its mitigation is accepted too. */
  return !(risk->status == LB_RISK_ACCEPTED && risk->mitigation_accepted);
}

gboolean
lb_risk_is_overdue (const LbRisk *risk,
                    gint64        now_ms)
{
  g_return_val_if_fail (risk != NULL, FALSE);

  return risk->due_at != LB_UNSET_INT && risk->due_at < now_ms &&
         (risk->status == LB_RISK_OPEN || risk->status == LB_RISK_MITIGATING);
}

void
lb_risk_heat_map (GPtrArray     *risks,
                  gboolean       include_closed,
                  LbRiskHeatMap *out)
{
  g_return_if_fail (risks != NULL);
  g_return_if_fail (out != NULL);

  *out = (LbRiskHeatMap) { 0 };
  for (guint i = 0; i < risks->len; i++)
    {
      const LbRisk *risk = g_ptr_array_index (risks, i);

      if (risk->status == LB_RISK_CLOSED && !include_closed)
        continue;
      if (lb_risk_score (risk) == 0)
        out->n_unscored++;
      else
        out->cells[risk->likelihood - 1][risk->impact - 1]++;
    }
}

void
lb_risk_summarize (GPtrArray     *risks,
                   gint64         now_ms,
                   LbRiskSummary *out)
{
  g_return_if_fail (risks != NULL);
  g_return_if_fail (out != NULL);

  *out = (LbRiskSummary) { 0 };
  out->n_risks = risks->len;
  for (guint i = 0; i < risks->len; i++)
    {
      const LbRisk *risk = g_ptr_array_index (risks, i);
      int band;

      if (risk->status == LB_RISK_CLOSED)
        {
          out->n_closed++;
          continue;
        }
      band = lb_risk_band_for_score (lb_risk_score (risk));
      if (band != LB_UNSET_ENUM)
        out->by_band[band]++;
      if (lb_risk_is_open_high (risk))
        out->n_open_high++;
      if (lb_risk_is_overdue (risk, now_ms))
        out->n_overdue++;
    }
  lb_risk_heat_map (risks, FALSE, &out->heat_map);
}

gboolean
lb_risk_summary_load (LbStore       *store,
                      gint64         project_id,
                      gint64         now_ms,
                      LbRiskSummary *out,
                      GError       **error)
{
  g_autoptr(GPtrArray) risks = NULL;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  risks = lb_store_list_for_project (store, &lb_risk_kind, project_id, error);
  if (risks == NULL)
    return FALSE;
  lb_risk_summarize (risks, now_ms, out);
  return TRUE;
}
