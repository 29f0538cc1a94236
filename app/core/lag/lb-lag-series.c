/* lb-lag-series.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-lag-series"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "../model/lb-error.h"
#include "lb-lag-series.h"

#define BLOCK_SHIFT 6 /* blocks of 64, 4 096, 262 144 … samples */
#define MAX_LEVELS  5

typedef struct
{
  float   min, max;   /* lag; NAN when n == 0 */
  float   send_max;   /* NAN when none known */
  float   redo_max;
  double  sum;
  guint32 n;
} Agg;

struct _LbLagSeries
{
  gatomicrefcount ref_count;
  guint           n;
  gint64         *t;
  float          *lag;
  float          *send;
  float          *redo;
  GArray         *gaps;              /* gint64 pairs */
  guint           n_levels;
  Agg            *levels[MAX_LEVELS]; /* level k: blocks of 64^(k+1) samples */
  guint           level_len[MAX_LEVELS];
};

struct _LbLagSeriesBuilder
{
  GArray *t, *lag, *send, *redo, *gaps;
};

static void
agg_clear (Agg *agg)
{
  agg->min = agg->max = agg->send_max = agg->redo_max = NAN;
  agg->sum = 0;
  agg->n = 0;
}

static inline float
max_known (float a,
           float b)
{
  return isnan (a) ? b : isnan (b) ? a : MAX (a, b);
}

static inline void
agg_add_sample (Agg  *agg,
                float lag,
                float send,
                float redo)
{
  if (!isnan (lag))
    {
      if (agg->n == 0)
        agg->min = agg->max = lag;
      else
        {
          agg->min = MIN (agg->min, lag);
          agg->max = MAX (agg->max, lag);
        }
      agg->sum += lag;
      agg->n++;
    }
  agg->send_max = max_known (agg->send_max, send);
  agg->redo_max = max_known (agg->redo_max, redo);
}

static inline void
agg_merge (Agg       *agg,
           const Agg *other)
{
  if (other->n > 0)
    {
      if (agg->n == 0)
        {
          agg->min = other->min;
          agg->max = other->max;
        }
      else
        {
          agg->min = MIN (agg->min, other->min);
          agg->max = MAX (agg->max, other->max);
        }
      agg->sum += other->sum;
      agg->n += other->n;
    }
  agg->send_max = max_known (agg->send_max, other->send_max);
  agg->redo_max = max_known (agg->redo_max, other->redo_max);
}

/* ---- building --------------------------------------------------------------------------- */

LbLagSeriesBuilder *
lb_lag_series_builder_new (void)
{
  LbLagSeriesBuilder *builder = g_new0 (LbLagSeriesBuilder, 1);

  builder->t = g_array_new (FALSE, FALSE, sizeof (gint64));
  builder->lag = g_array_new (FALSE, FALSE, sizeof (float));
  builder->send = g_array_new (FALSE, FALSE, sizeof (float));
  builder->redo = g_array_new (FALSE, FALSE, sizeof (float));
  builder->gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  return builder;
}

void
lb_lag_series_builder_add (LbLagSeriesBuilder *builder,
                           gint64              t,
                           double              lag_s,
                           double              send_queue_kb,
                           double              redo_queue_kb)
{
  float lag = lag_s, send = send_queue_kb, redo = redo_queue_kb;

  g_return_if_fail (builder != NULL);

  if (builder->t->len > 0)
    {
      gint64 last = g_array_index (builder->t, gint64, builder->t->len - 1);

      g_return_if_fail (t >= last);
      if (t == last)
        return;
    }
  g_array_append_val (builder->t, t);
  g_array_append_val (builder->lag, lag);
  g_array_append_val (builder->send, send);
  g_array_append_val (builder->redo, redo);
}

void
lb_lag_series_builder_add_gap (LbLagSeriesBuilder *builder,
                               gint64              start,
                               gint64              end)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (end > start);

  g_array_append_val (builder->gaps, start);
  g_array_append_val (builder->gaps, end);
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  gint64 ga = *(const gint64 *) a, gb = *(const gint64 *) b;

  return ga < gb ? -1 : ga > gb;
}

/* Builds the pyramid; the first @reuse[level] blocks of each level are already there (an
 * appended series keeps the complete blocks of the one it extends). */
static void
build_levels (LbLagSeries *series,
              const guint *reuse)
{
  guint below_len = series->n;

  for (guint level = 0; level < MAX_LEVELS; level++)
    {
      guint len = below_len >> BLOCK_SHIFT;
      Agg *aggs;

      if (len == 0)
        break;
      aggs = g_renew (Agg, series->levels[level], len);
      for (guint b = reuse != NULL ? MIN (reuse[level], len) : 0; b < len; b++)
        {
          agg_clear (&aggs[b]);
          for (guint i = b << BLOCK_SHIFT; i < (b + 1) << BLOCK_SHIFT; i++)
            {
              if (level == 0)
                agg_add_sample (&aggs[b], series->lag[i], series->send[i], series->redo[i]);
              else
                agg_merge (&aggs[b], &series->levels[level - 1][i]);
            }
        }
      series->levels[level] = aggs;
      series->level_len[level] = len;
      series->n_levels = level + 1;
      below_len = len;
    }
}

LbLagSeries *
lb_lag_series_builder_end (LbLagSeriesBuilder *builder)
{
  LbLagSeries *series;

  g_return_val_if_fail (builder != NULL, NULL);

  series = g_new0 (LbLagSeries, 1);
  g_atomic_ref_count_init (&series->ref_count);
  series->n = builder->t->len;
  series->t = (gint64 *) g_array_free (builder->t, FALSE);
  series->lag = (float *) g_array_free (builder->lag, FALSE);
  series->send = (float *) g_array_free (builder->send, FALSE);
  series->redo = (float *) g_array_free (builder->redo, FALSE);
  series->gaps = builder->gaps;
  /* Pairs sort by their start (the first member of each pair). */
  if (series->gaps->len > 0)
    qsort (series->gaps->data, series->gaps->len / 2, 2 * sizeof (gint64), compare_gaps);
  g_free (builder);
  build_levels (series, NULL);
  return series;
}

LbLagSeries *
lb_lag_series_append (LbLagSeries *series,
                      LbLagSeries *tail)
{
  LbLagSeries *joined;
  guint skip = 0, n;
  gint64 last = G_MININT64;
  guint reuse[MAX_LEVELS] = { 0 };

  g_return_val_if_fail (series != NULL && tail != NULL, NULL);

  if (series->n > 0)
    last = series->t[series->n - 1];
  while (skip < tail->n && tail->t[skip] <= last)
    skip++;
  n = series->n + (tail->n - skip);

  joined = g_new0 (LbLagSeries, 1);
  g_atomic_ref_count_init (&joined->ref_count);
  joined->n = n;
  joined->t = g_new (gint64, MAX (n, 1));
  joined->lag = g_new (float, MAX (n, 1));
  joined->send = g_new (float, MAX (n, 1));
  joined->redo = g_new (float, MAX (n, 1));
  memcpy (joined->t, series->t, series->n * sizeof (gint64));
  memcpy (joined->lag, series->lag, series->n * sizeof (float));
  memcpy (joined->send, series->send, series->n * sizeof (float));
  memcpy (joined->redo, series->redo, series->n * sizeof (float));
  memcpy (joined->t + series->n, tail->t + skip, (tail->n - skip) * sizeof (gint64));
  memcpy (joined->lag + series->n, tail->lag + skip, (tail->n - skip) * sizeof (float));
  memcpy (joined->send + series->n, tail->send + skip, (tail->n - skip) * sizeof (float));
  memcpy (joined->redo + series->n, tail->redo + skip, (tail->n - skip) * sizeof (float));

  /* The gaps: the series' own, and the tail's that it does not know. */
  joined->gaps = g_array_copy (series->gaps);
  for (guint g = 0; g < tail->gaps->len; g += 2)
    {
      gint64 start = g_array_index (tail->gaps, gint64, g), end = g_array_index (tail->gaps, gint64, g + 1);
      gboolean known = FALSE;

      for (guint k = 0; k < series->gaps->len && !known; k += 2)
        known = g_array_index (series->gaps, gint64, k) == start && g_array_index (series->gaps, gint64, k + 1) == end;
      if (!known)
        {
          g_array_append_val (joined->gaps, start);
          g_array_append_val (joined->gaps, end);
        }
    }
  if (joined->gaps->len > 0)
    qsort (joined->gaps->data, joined->gaps->len / 2, 2 * sizeof (gint64), compare_gaps);

  /* Complete blocks stay as they are; only the new ones are summarised. */
  for (guint level = 0; level < series->n_levels; level++)
    {
      reuse[level] = series->level_len[level];
      joined->levels[level] = g_memdup2 (series->levels[level], series->level_len[level] * sizeof (Agg));
      joined->level_len[level] = series->level_len[level];
    }
  joined->n_levels = series->n_levels;
  build_levels (joined, reuse);
  return joined;
}

/* ---- loading ---------------------------------------------------------------------------- */

static gboolean
sqlite_failed (sqlite3    *db,
               const char *path,
               GError    **error)
{
  g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("Could not read the lag history of “%s”: %s"), path,
               db != NULL ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

static double
column_or_nan (sqlite3_stmt *stmt,
               int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

LbLagSeries *
lb_lag_series_load (const char   *db_path,
                    gint64        project_id,
                    GCancellable *cancellable,
                    GError      **error)
{
  return lb_lag_series_load_since (db_path, project_id, G_MININT64, cancellable, error);
}

LbLagSeries *
lb_lag_series_load_since (const char   *db_path,
                          gint64        project_id,
                          gint64        since,
                          GCancellable *cancellable,
                          GError      **error)
{
  LbLagSeriesBuilder *builder = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;
  guint rows = 0;

  g_return_val_if_fail (db_path != NULL, NULL);

  /* A reader of its own: WAL lets it run beside the application's connection. */
  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      sqlite3_busy_timeout (db, 5000) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT t, lag_s, log_send_queue_kb, redo_queue_kb FROM lag_sample"
                              " WHERE project_id = ?1 AND t >= ?2 ORDER BY t", -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  builder = lb_lag_series_builder_new ();
  sqlite3_bind_int64 (stmt, 1, project_id);
  sqlite3_bind_int64 (stmt, 2, since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      lb_lag_series_builder_add (builder, sqlite3_column_int64 (stmt, 0), column_or_nan (stmt, 1),
                                 column_or_nan (stmt, 2), column_or_nan (stmt, 3));
      if (++rows % 65536 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto cancelled;
    }
  if (rc != SQLITE_DONE)
    goto failed;
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT start_t, end_t FROM lag_gap WHERE project_id = ?1 AND end_t > ?2"
                              " ORDER BY start_t", -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, project_id);
  sqlite3_bind_int64 (stmt, 2, since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_int64 (stmt, 1) > sqlite3_column_int64 (stmt, 0))
      lb_lag_series_builder_add_gap (builder, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));
  if (rc != SQLITE_DONE)
    goto failed;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return lb_lag_series_builder_end (builder);

failed:
  sqlite_failed (db, db_path, error);
cancelled:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (builder != NULL)
    lb_lag_series_unref (lb_lag_series_builder_end (builder));
  return NULL;
}

/* ---- queries ---------------------------------------------------------------------------- */

LbLagSeries *
lb_lag_series_ref (LbLagSeries *series)
{
  g_return_val_if_fail (series != NULL, NULL);
  g_atomic_ref_count_inc (&series->ref_count);
  return series;
}

void
lb_lag_series_unref (LbLagSeries *series)
{
  if (series == NULL || !g_atomic_ref_count_dec (&series->ref_count))
    return;
  g_free (series->t);
  g_free (series->lag);
  g_free (series->send);
  g_free (series->redo);
  g_array_unref (series->gaps);
  for (guint level = 0; level < series->n_levels; level++)
    g_free (series->levels[level]);
  g_free (series);
}

guint
lb_lag_series_get_n_samples (LbLagSeries *series)
{
  g_return_val_if_fail (series != NULL, 0);
  return series->n;
}

gboolean
lb_lag_series_get_extent (LbLagSeries *series,
                          gint64      *first,
                          gint64      *last)
{
  g_return_val_if_fail (series != NULL, FALSE);

  if (series->n == 0)
    return FALSE;
  if (first != NULL)
    *first = series->t[0];
  if (last != NULL)
    *last = series->t[series->n - 1];
  return TRUE;
}

gint64
lb_lag_series_get_time (LbLagSeries *series,
                        guint        index)
{
  g_return_val_if_fail (series != NULL && index < series->n, 0);
  return series->t[index];
}

void
lb_lag_series_get_values (LbLagSeries *series,
                          guint        index,
                          double      *lag_s,
                          double      *send_queue_kb,
                          double      *redo_queue_kb)
{
  g_return_if_fail (series != NULL && index < series->n);

  if (lag_s != NULL)
    *lag_s = series->lag[index];
  if (send_queue_kb != NULL)
    *send_queue_kb = series->send[index];
  if (redo_queue_kb != NULL)
    *redo_queue_kb = series->redo[index];
}

guint
lb_lag_series_lower_bound (LbLagSeries *series,
                           gint64       t)
{
  guint lo = 0, hi;

  g_return_val_if_fail (series != NULL, 0);

  hi = series->n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (series->t[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

int
lb_lag_series_nearest (LbLagSeries *series,
                       gint64       t)
{
  guint i;

  g_return_val_if_fail (series != NULL, -1);

  if (series->n == 0)
    return -1;
  i = lb_lag_series_lower_bound (series, t);
  if (i == series->n)
    return series->n - 1;
  if (i > 0 && t - series->t[i - 1] < series->t[i] - t)
    return i - 1;
  return i;
}

const gint64 *
lb_lag_series_get_gaps (LbLagSeries *series,
                        guint       *n_gaps)
{
  g_return_val_if_fail (series != NULL, NULL);

  if (n_gaps != NULL)
    *n_gaps = series->gaps->len / 2;
  return (const gint64 *) series->gaps->data;
}

gboolean
lb_lag_series_gap_between (LbLagSeries *series,
                           guint        a,
                           guint        b)
{
  const gint64 *gaps;
  guint lo = 0, hi;

  g_return_val_if_fail (series != NULL && a < b && b < series->n, FALSE);

  /* The first gap ending after sample a; it separates a and b if it starts before b. */
  gaps = (const gint64 *) series->gaps->data;
  hi = series->gaps->len / 2;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (gaps[2 * mid + 1] <= series->t[a])
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint g = lo; g < series->gaps->len / 2 && gaps[2 * g] < series->t[b]; g++)
    if (gaps[2 * g] >= series->t[a] && gaps[2 * g + 1] <= series->t[b])
      return TRUE;
  return FALSE;
}

/* Adds samples [a, b) to @agg: the whole blocks of @level inside the range, and the ragged
 * ends through the levels below. */
static void
aggregate_level (LbLagSeries *series,
                 int          level,
                 guint        a,
                 guint        b,
                 Agg         *agg)
{
  guint shift, first, last;

  if (a >= b)
    return;
  if (level < 0)
    {
      for (guint i = a; i < b; i++)
        agg_add_sample (agg, series->lag[i], series->send[i], series->redo[i]);
      return;
    }
  shift = BLOCK_SHIFT * (level + 1);
  first = (a + (1u << shift) - 1) >> shift;
  last = MIN (b >> shift, series->level_len[level]);
  if (first >= last)
    {
      aggregate_level (series, level - 1, a, b, agg);
      return;
    }
  aggregate_level (series, level - 1, a, first << shift, agg);
  for (guint block = first; block < last; block++)
    agg_merge (agg, &series->levels[level][block]);
  aggregate_level (series, level - 1, last << shift, b, agg);
}

static void
aggregate (LbLagSeries *series,
           guint        a,
           guint        b,
           Agg         *agg)
{
  agg_clear (agg);
  aggregate_level (series, (int) series->n_levels - 1, a, b, agg);
}

void
lb_lag_series_columns (LbLagSeries *series,
                       gint64       from,
                       gint64       to,
                       guint        n_columns,
                       LbLagColumn *columns)
{
  guint start;
  int previous_last = -1; /* the last sample of the latest column with data */

  g_return_if_fail (series != NULL);
  g_return_if_fail (to > from);
  g_return_if_fail (columns != NULL || n_columns == 0);

  start = lb_lag_series_lower_bound (series, from);
  for (guint c = 0; c < n_columns; c++)
    {
      /* Column c covers [from + c·w, from + (c+1)·w), computed without drift. */
      gint64 end_t = from + (gint64) ((double) (to - from) * (c + 1) / n_columns);
      guint limit = MIN (series->n, start + 64);
      guint end = start;
      Agg agg;

      /* A few steps for sparse columns; a binary search for dense ones. */
      while (end < limit && series->t[end] < end_t)
        end++;
      if (end == limit && end < series->n && series->t[end] < end_t)
        end = lb_lag_series_lower_bound (series, end_t);

      aggregate (series, start, end, &agg);
      columns[c].n = agg.n;
      columns[c].min = agg.min;
      columns[c].max = agg.max;
      columns[c].mean = agg.n > 0 ? (float) (agg.sum / agg.n) : NAN;
      columns[c].send_max = agg.send_max;
      columns[c].redo_max = agg.redo_max;
      columns[c].gap_before = FALSE;
      if (end > start)
        {
          columns[c].gap_before = previous_last >= 0 && lb_lag_series_gap_between (series, previous_last, start);
          previous_last = end - 1;
        }
      start = end;
    }
}

gsize
lb_lag_series_get_size (LbLagSeries *series)
{
  gsize size;

  g_return_val_if_fail (series != NULL, 0);

  size = sizeof *series + series->n * (sizeof (gint64) + 3 * sizeof (float)) + series->gaps->len * sizeof (gint64);
  for (guint level = 0; level < series->n_levels; level++)
    size += series->level_len[level] * sizeof (Agg);
  return size;
}
