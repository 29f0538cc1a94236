/* lb-lag-stats.h: what the lag did in a window of time — one function for the overview,
 * the Lag page, the report and `linkbench-cli lag stats`.
 *
 * Percentiles are over the samples in the window (nearest rank). Time above the threshold
 * is weighted by how long each sample stood (until the next one), and time inside a
 * recorded gap counts neither way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lb-lag-series.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 from, to;          /* the window, UTC ms */
  guint  n_samples;         /* with a known lag */
  double p50, p95, p99;     /* s; NAN without samples */
  double max;
  gint64 max_at;            /* LB_UNSET_INT without samples */
  double threshold_s;       /* NAN: none, and the next four are 0 */
  double pct_above;         /* of the covered time */
  gint64 above_ms;
  gint64 longest_breach_ms;
  gint64 longest_breach_start; /* LB_UNSET_INT when none */
  guint  n_gaps;            /* recorded gaps overlapping the window */
  gint64 gap_ms;            /* their time inside the window */
} LbLagStats;

void      lb_lag_stats_compute (LbLagSeries      *series,
                                gint64            from,
                                gint64            to,
                                double            threshold_s,
                                LbLagStats       *stats);
JsonNode *lb_lag_stats_to_json (const LbLagStats *stats);

/* Nearest rank: the smallest value with at least @p % of the @n @values at or below it.
 * Reorders @values. */
double lb_lag_stats_percentile (float *values,
                                guint  n,
                                double p);

G_END_DECLS
