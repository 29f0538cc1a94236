/* lb-risk-score.h: risk score, bands, open high risks, overdue risks and the heat map.
 *
 * Score = likelihood × impact on the 1–5 × 1–5 scale of LbRisk (1 to 25). The bands are
 * Linkbench's own convention for a 5×5 matrix (domain.md sets none), kept in the
 * constants below so that reports and the GUI cannot disagree about them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../model/lb-records.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

#define LB_RISK_SCALE 5            /* likelihood and impact run from 1 to this */
#define LB_RISK_BAND_MEDIUM_MIN 5  /* low: 1–4 */
#define LB_RISK_BAND_HIGH_MIN 10   /* medium: 5–9 */
#define LB_RISK_BAND_CRITICAL_MIN 15 /* high: 10–14; critical: 15–25 */
/* "Open high risk" in go/no-go terms: the critical band, still open. */
#define LB_RISK_OPEN_HIGH_MIN 15

typedef enum
{
  LB_RISK_BAND_LOW,
  LB_RISK_BAND_MEDIUM,
  LB_RISK_BAND_HIGH,
  LB_RISK_BAND_CRITICAL,
} LbRiskBand;

#define LB_RISK_N_BANDS 4

extern const LbEnumInfo lb_risk_band_enum; /* nicks low, medium, high, critical */

/* 0 when likelihood or impact is outside 1–5 (not set). */
gint64   lb_risk_score          (const LbRisk *risk);
/* LbRiskBand, or LB_UNSET_ENUM for a score outside 1–25. */
int      lb_risk_band_for_score (gint64        score);
/* Score ≥ 15, not closed, and not accepted with its mitigation accepted. */
gboolean lb_risk_is_open_high   (const LbRisk *risk);
/* Due before @now_ms (UTC ms) while open or mitigating. */
gboolean lb_risk_is_overdue     (const LbRisk *risk,
                                 gint64        now_ms);

typedef struct
{
  guint cells[LB_RISK_SCALE][LB_RISK_SCALE]; /* [likelihood − 1][impact − 1] */
  guint n_unscored;                          /* risks outside the scale, not in any cell */
} LbRiskHeatMap;

/* Counts @risks (LbRisk) into the 5×5 matrix; closed risks only with @include_closed. */
void     lb_risk_heat_map       (GPtrArray     *risks,
                                 gboolean       include_closed,
                                 LbRiskHeatMap *out);

typedef struct
{
  guint         n_risks;               /* all, closed included */
  guint         n_closed;
  guint         by_band[LB_RISK_N_BANDS]; /* risks not closed, by band */
  guint         n_open_high;
  guint         n_overdue;
  LbRiskHeatMap heat_map;              /* risks not closed */
} LbRiskSummary;

void     lb_risk_summarize      (GPtrArray     *risks,
                                 gint64         now_ms,
                                 LbRiskSummary *out);
/* Summarises a project's risks; LB_ERROR_NOT_FOUND for an unknown project. */
gboolean lb_risk_summary_load   (LbStore       *store,
                                 gint64         project_id,
                                 gint64         now_ms,
                                 LbRiskSummary *out,
                                 GError       **error);

G_END_DECLS
