/* lb-lag-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-lag-stats"

#include "config.h"

#include <math.h>

#include "../model/lb-record.h"
#include "../model/lb-time.h"
#include "lb-lag-stats.h"

/* The k-th smallest of @values[0..n) (0-based), reordering them: quickselect (Hoare), O(n). */
static float
select_kth (float *values,
            gssize n,
            gssize k)
{
  gssize lo = 0, hi = n - 1;

  while (hi > lo)
    {
      float pivot = values[lo + (hi - lo) / 2];
      gssize i = lo, j = hi;

      while (i <= j)
        {
          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i <= j)
            {
              float swap = values[i];

              values[i++] = values[j];
              values[j--] = swap;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return values[k];
    }
  return values[k];
}

double
lb_lag_stats_percentile (float *values,
                         guint  n,
                         double p)
{
  guint rank = (guint) ceil (p / 100.0 * n);

  return select_kth (values, n, rank > 0 ? rank - 1 : 0);
}

void
lb_lag_stats_compute (LbLagSeries *series,
                      gint64       from,
                      gint64       to,
                      double       threshold_s,
                      LbLagStats  *stats)
{
  guint first, last;
  g_autofree float *values = NULL;
  guint n = 0;
  gint64 breach_start = LB_UNSET_INT;
  const gint64 *gaps;
  guint n_gaps;
  gint64 covered_ms = 0;

  g_return_if_fail (series != NULL);
  g_return_if_fail (stats != NULL);

  *stats = (LbLagStats) {
    .from = from, .to = to, .p50 = NAN, .p95 = NAN, .p99 = NAN, .max = NAN, .max_at = LB_UNSET_INT,
    .threshold_s = threshold_s, .longest_breach_start = LB_UNSET_INT,
  };
  if (to <= from)
    return;

  first = lb_lag_series_lower_bound (series, from);
  last = lb_lag_series_lower_bound (series, to);
  values = g_new (float, MAX (last - first, 1));
  for (guint i = first; i < last; i++)
    {
      double lag;
      gint64 t = lb_lag_series_get_time (series, i);
      gint64 until = to;

      lb_lag_series_get_values (series, i, &lag, NULL, NULL);
      /* How long this sample stood: until the next one, unless a gap follows it. */
      if (i + 1 < lb_lag_series_get_n_samples (series))
        until = lb_lag_series_gap_between (series, i, i + 1) ? t : MIN (to, lb_lag_series_get_time (series, i + 1));
      if (isnan (lag))
        {
          breach_start = LB_UNSET_INT;
          continue;
        }
      values[n++] = lag;
      if (isnan (stats->max) || lag > stats->max)
        {
          stats->max = lag;
          stats->max_at = t;
        }
      covered_ms += until - t;
      if (!isnan (threshold_s) && lag > threshold_s)
        {
          if (breach_start == LB_UNSET_INT)
            breach_start = t;
          stats->above_ms += until - t;
          if (until - breach_start > stats->longest_breach_ms)
            {
              stats->longest_breach_ms = until - breach_start;
              stats->longest_breach_start = breach_start;
            }
          if (until == t) /* a gap ends the breach */
            breach_start = LB_UNSET_INT;
        }
      else
        breach_start = LB_UNSET_INT;
    }

  stats->n_samples = n;
  if (n > 0)
    {
      stats->p50 = lb_lag_stats_percentile (values, n, 50);
      stats->p95 = lb_lag_stats_percentile (values, n, 95);
      stats->p99 = lb_lag_stats_percentile (values, n, 99);
    }
  if (covered_ms > 0 && !isnan (threshold_s))
    stats->pct_above = 100.0 * stats->above_ms / covered_ms;

  gaps = lb_lag_series_get_gaps (series, &n_gaps);
  for (guint g = 0; g < n_gaps; g++)
    {
      gint64 start = MAX (gaps[2 * g], from), end = MIN (gaps[2 * g + 1], to);

      if (end > start)
        {
          stats->n_gaps++;
          stats->gap_ms += end - start;
        }
    }
}

static void
add_double (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

static void
add_time (JsonBuilder *b,
          const char  *name,
          gint64       ms)
{
  g_autofree char *text = ms != LB_UNSET_INT ? lb_time_format_iso_utc (ms) : NULL;

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, text);
}

JsonNode *
lb_lag_stats_to_json (const LbLagStats *stats)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (stats != NULL, NULL);

  json_builder_begin_object (b);
  add_time (b, "from", stats->from);
  add_time (b, "to", stats->to);
  json_builder_set_member_name (b, "samples");
  json_builder_add_int_value (b, stats->n_samples);
  add_double (b, "p50_s", stats->p50);
  add_double (b, "p95_s", stats->p95);
  add_double (b, "p99_s", stats->p99);
  add_double (b, "max_s", stats->max);
  add_time (b, "max_at", stats->max_at);
  add_double (b, "threshold_s", stats->threshold_s);
  add_double (b, "pct_above_threshold", isnan (stats->threshold_s) ? NAN : stats->pct_above);
  json_builder_set_member_name (b, "above_threshold_ms");
  json_builder_add_int_value (b, stats->above_ms);
  json_builder_set_member_name (b, "longest_breach_ms");
  json_builder_add_int_value (b, stats->longest_breach_ms);
  add_time (b, "longest_breach_start", stats->longest_breach_start);
  json_builder_set_member_name (b, "gaps");
  json_builder_add_int_value (b, stats->n_gaps);
  json_builder_set_member_name (b, "gap_ms");
  json_builder_add_int_value (b, stats->gap_ms);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
