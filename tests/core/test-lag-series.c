/* test-lag-series.c: the in-memory lag series — per-column min/max/mean equal a brute-force
 * computation on raw samples, spikes survive, gaps break the line — the statistics equal a
 * direct computation, and loading from a real store with its gaps and markers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lb-core.h"
#include "lb-test-util.h"

#define T0 G_GINT64_CONSTANT (1795957200000) /* 2026-11-29 13:00 UTC */

/* A random walk of @n samples every @step ms, with NANs and a spike every 7919 samples. */
static LbLagSeries *
make_series (guint   n,
             gint64  step,
             GArray *lags)
{
  LbLagSeriesBuilder *builder = lb_lag_series_builder_new ();
  GRand *rand = g_rand_new_with_seed (42);
  double lag = 1;

  for (guint i = 0; i < n; i++)
    {
      double v;

      lag = CLAMP (lag + g_rand_double_range (rand, -0.2, 0.2), 0, 10);
      v = i % 7919 == 100 ? 120.0 : i % 1013 == 5 ? NAN : lag;
      lb_lag_series_builder_add (builder, T0 + i * step, v, i * 0.5, NAN);
      if (lags != NULL)
        g_array_append_val (lags, v);
    }
  g_rand_free (rand);
  return lb_lag_series_builder_end (builder);
}

static void
test_columns_equal_brute_force (void)
{
  const guint n = 300000;
  g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(LbLagSeries) series = make_series (n, 1000, lags);
  const guint widths[] = { 1, 7, 640, 1600, 5000 };
  const gint64 windows[][2] = {
    { T0, T0 + n * G_GINT64_CONSTANT (1000) },                  /* all */
    { T0 + 123456789, T0 + 123456789 + 3600 * 1000 },          /* an hour inside */
    { T0 - 3600 * 1000, T0 + 1800 * 1000 },                    /* starting before the data */
    { T0 + 299000 * 1000, T0 + 301000 * 1000 },                 /* ending after it */
  };

  g_assert_cmpuint (lb_lag_series_get_n_samples (series), ==, n);
  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    for (guint k = 0; k < G_N_ELEMENTS (widths); k++)
      {
        guint width = widths[k];
        g_autofree LbLagColumn *columns = g_new0 (LbLagColumn, width);
        gint64 from = windows[w][0], to = windows[w][1];

        lb_lag_series_columns (series, from, to, width, columns);
        for (guint c = 0; c < width; c++)
          {
            gint64 start = from + (gint64) ((double) (to - from) * c / width);
            gint64 end = from + (gint64) ((double) (to - from) * (c + 1) / width);
            double min = NAN, max = NAN, sum = 0, send = NAN;
            guint count = 0;

            /* Samples i with T0 + i s in [start, end). */
            gint64 first = MAX (0, (start - T0 + 999) / 1000), last = MIN ((gint64) n, (end - T0 + 999) / 1000);

            if (start < T0)
              first = 0;
            for (gint64 i = first; i < last; i++)
              {
                double v = g_array_index (lags, double, i);

                send = (double) i * 0.5;
                if (isnan (v))
                  continue;
                min = count == 0 ? v : MIN (min, v);
                max = count == 0 ? v : MAX (max, v);
                sum += v;
                count++;
              }
            g_assert_cmpuint (columns[c].n, ==, count);
            if (count > 0)
              {
                g_assert_cmpfloat_with_epsilon (columns[c].min, min, 1e-5);
                g_assert_cmpfloat_with_epsilon (columns[c].max, max, 1e-5);
                g_assert_cmpfloat_with_epsilon (columns[c].mean, sum / count, 1e-3);
              }
            else
              g_assert_true (isnan (columns[c].max));
            if (!isnan (send))
              g_assert_cmpfloat_with_epsilon (columns[c].send_max, send, 1e-3 * send + 1e-3);
          }
      }
}

/* Every injected one-sample spike is the max of its column at any width. */
static void
test_spikes_survive (void)
{
  const guint n = 1000000;
  g_autoptr(LbLagSeries) series = make_series (n, 1000, NULL);
  g_autofree LbLagColumn *columns = g_new0 (LbLagColumn, 1600);
  guint spikes = 0, seen = 0;

  lb_lag_series_columns (series, T0, T0 + (gint64) n * 1000, 1600, columns);
  for (guint i = 0; i < n; i++)
    spikes += i % 7919 == 100;
  for (guint c = 0; c < 1600; c++)
    seen += columns[c].max == 120.0f;
  /* Several spikes may share a column: count the columns that must show one. */
  {
    g_autoptr(GHashTable) spike_columns = g_hash_table_new (NULL, NULL);

    for (guint i = 100; i < n; i += 7919)
      g_hash_table_add (spike_columns, GUINT_TO_POINTER ((guint) ((double) i * 1600 / n)));
    g_assert_cmpuint (seen, ==, g_hash_table_size (spike_columns));
  }
  g_assert_cmpuint (spikes, >, 100);
  /* 20 bytes a sample and a small pyramid. */
  g_assert_cmpuint (lb_lag_series_get_size (series), <=, (gsize) n * 24);
}

static void
test_gaps_break_the_line (void)
{
  LbLagSeriesBuilder *builder = lb_lag_series_builder_new ();
  g_autoptr(LbLagSeries) series = NULL;
  LbLagColumn columns[10];

  /* Samples every second from 0 to 99 s and from 200 to 299 s; a recorded gap between. */
  for (int i = 0; i < 100; i++)
    lb_lag_series_builder_add (builder, T0 + i * 1000, 1, NAN, NAN);
  for (int i = 200; i < 300; i++)
    lb_lag_series_builder_add (builder, T0 + i * 1000, 2, NAN, NAN);
  lb_lag_series_builder_add (builder, T0 + 299000, 9, NAN, NAN); /* same instant: ignored */
  lb_lag_series_builder_add_gap (builder, T0 + 99000, T0 + 200000);
  series = lb_lag_series_builder_end (builder);

  g_assert_cmpuint (lb_lag_series_get_n_samples (series), ==, 200);
  g_assert_true (lb_lag_series_gap_between (series, 99, 100));
  g_assert_false (lb_lag_series_gap_between (series, 98, 99));
  g_assert_cmpint (lb_lag_series_nearest (series, T0 + 149000), ==, 99);
  g_assert_cmpint (lb_lag_series_nearest (series, T0 + 1000000), ==, 199);

  /* 30 s columns: 0–3 hold the first part, 4–5 nothing, 6–9 the second; the line breaks. */
  lb_lag_series_columns (series, T0, T0 + 300000, 10, columns);
  for (int c = 0; c < 10; c++)
    {
      g_test_message ("column %d: n %u gap_before %d", c, columns[c].n, columns[c].gap_before);
      g_assert_cmpuint (columns[c].n > 0, ==, c <= 3 || c >= 6);
      g_assert_cmpint (columns[c].gap_before, ==, c == 6);
    }

  /* Without a recorded gap, sparse data is connected across empty columns. */
  lb_lag_series_columns (series, T0, T0 + 100000, 1000, (LbLagColumn[1000]) { 0 });
}

static void
test_stats_equal_direct (void)
{
  LbLagSeriesBuilder *builder = lb_lag_series_builder_new ();
  g_autoptr(LbLagSeries) series = NULL;
  LbLagStats stats;
  g_autoptr(JsonNode) json = NULL;

  /* 100 samples a minute apart: lag i % 10 (0..9 s); a breach of 12 s for minutes 50–54;
   * a gap of 10 minutes after minute 79 (the next sample is at minute 90). */
  for (int i = 0; i < 100; i++)
    {
      if (i >= 80 && i < 90)
        continue;
      lb_lag_series_builder_add (builder, T0 + i * 60000, i >= 50 && i < 55 ? 12 : i % 10, NAN, NAN);
    }
  lb_lag_series_builder_add_gap (builder, T0 + 79 * 60000, T0 + 90 * 60000);
  series = lb_lag_series_builder_end (builder);

  lb_lag_stats_compute (series, T0, T0 + 100 * 60000, 10, &stats);
  g_assert_cmpuint (stats.n_samples, ==, 90);
  g_assert_cmpfloat (stats.max, ==, 12);
  g_assert_cmpint (stats.max_at, ==, T0 + 50 * 60000);
  /* Nearest rank over the 90 values (checked by sorting them by hand): the 45th is 5. */
  g_assert_cmpfloat (stats.p50, ==, 5);
  g_assert_cmpfloat (stats.p95, ==, 12);
  g_assert_cmpfloat (stats.p99, ==, 12);
  /* Five minutes above 10 s out of 89 covered minutes (minute 79 ends at the gap). */
  g_assert_cmpint (stats.above_ms, ==, 5 * 60000);
  g_assert_cmpfloat_with_epsilon (stats.pct_above, 500.0 / 89, 1e-9);
  g_assert_cmpint (stats.longest_breach_ms, ==, 5 * 60000);
  g_assert_cmpint (stats.longest_breach_start, ==, T0 + 50 * 60000);
  g_assert_cmpuint (stats.n_gaps, ==, 1);
  g_assert_cmpint (stats.gap_ms, ==, 11 * 60000);

  /* A window inside: clipped. */
  lb_lag_stats_compute (series, T0 + 85 * 60000, T0 + 95 * 60000, 10, &stats);
  g_assert_cmpuint (stats.n_samples, ==, 5);
  g_assert_cmpint (stats.gap_ms, ==, 5 * 60000);
  g_assert_cmpfloat (stats.max, ==, 4);

  /* No threshold; an empty window. */
  lb_lag_stats_compute (series, T0, T0 + 100 * 60000, NAN, &stats);
  g_assert_cmpint (stats.above_ms, ==, 0);
  json = lb_lag_stats_to_json (&stats);
  g_assert_true (json_object_get_null_member (json_node_get_object (json), "threshold_s"));
  lb_lag_stats_compute (series, T0 - 1000, T0 - 10, 10, &stats);
  g_assert_cmpuint (stats.n_samples, ==, 0);
  g_assert_true (isnan (stats.p50));
}


/* Appending a tail (overlapping the end) gives the same series as building it at once. */
static void
test_append (void)
{
  const guint n = 400000;
  LbLagSeriesBuilder *head_builder = lb_lag_series_builder_new ();
  LbLagSeriesBuilder *tail_builder = lb_lag_series_builder_new ();
  LbLagSeriesBuilder *all_builder = lb_lag_series_builder_new ();
  g_autoptr(LbLagSeries) head = NULL;
  g_autoptr(LbLagSeries) tail = NULL;
  g_autoptr(LbLagSeries) all = NULL;
  g_autoptr(LbLagSeries) joined = NULL;
  g_autofree LbLagColumn *a = g_new0 (LbLagColumn, 1600);
  g_autofree LbLagColumn *b = g_new0 (LbLagColumn, 1600);
  guint n_gaps;

  for (guint i = 0; i < n; i++)
    {
      double lag = (i * 7919 % 1000) / 100.0 + (i == 333333 ? 90 : 0);

      if (i < 300000)
        lb_lag_series_builder_add (head_builder, T0 + i * 1000, lag, i, NAN);
      if (i >= 250000)
        lb_lag_series_builder_add (tail_builder, T0 + i * 1000, lag, i, NAN);
      lb_lag_series_builder_add (all_builder, T0 + i * 1000, lag, i, NAN);
    }
  lb_lag_series_builder_add_gap (head_builder, T0 + 1000, T0 + 2000);
  lb_lag_series_builder_add_gap (tail_builder, T0 + 1000, T0 + 2000);  /* known already */
  lb_lag_series_builder_add_gap (tail_builder, T0 + 350000000, T0 + 350001000);
  lb_lag_series_builder_add_gap (all_builder, T0 + 1000, T0 + 2000);
  lb_lag_series_builder_add_gap (all_builder, T0 + 350000000, T0 + 350001000);
  head = lb_lag_series_builder_end (head_builder);
  tail = lb_lag_series_builder_end (tail_builder);
  all = lb_lag_series_builder_end (all_builder);

  joined = lb_lag_series_append (head, tail);
  g_assert_cmpuint (lb_lag_series_get_n_samples (joined), ==, n);
  lb_lag_series_get_gaps (joined, &n_gaps);
  g_assert_cmpuint (n_gaps, ==, 2);
  g_assert_cmpuint (lb_lag_series_get_size (joined), ==, lb_lag_series_get_size (all));
  for (guint width = 1; width <= 1600; width *= 4)
    {
      lb_lag_series_columns (all, T0, T0 + n * G_GINT64_CONSTANT (1000), width, a);
      lb_lag_series_columns (joined, T0, T0 + n * G_GINT64_CONSTANT (1000), width, b);
      for (guint c = 0; c < width; c++)
        {
          g_assert_cmpuint (a[c].n, ==, b[c].n);
          g_assert_cmpfloat (a[c].max, ==, b[c].max);
          g_assert_cmpfloat (a[c].min, ==, b[c].min);
          g_assert_cmpfloat_with_epsilon (a[c].mean, b[c].mean, 1e-4);
          g_assert_cmpint (a[c].gap_before, ==, b[c].gap_before);
        }
    }
  /* The head is untouched. */
  g_assert_cmpuint (lb_lag_series_get_n_samples (head), ==, 300000);
}

/* The demo's history, read back from a real store on a connection of its own. */
static void
test_load_from_store (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "lag.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbLagSeries) series = NULL;
  g_autoptr(GArray) markers = NULL;
  LbStore *store = lb_store_open (path, &error);
  LbProject *project = lb_record_new (&lb_project_kind);
  LbLagWriter *writer;
  gint64 count = 0, first = 0, last = 0;

  g_assert_no_error (error);
  project->name = g_strdup ("ERP");
  project->planned_cutover = T0 + 3600000;
  g_assert_true (lb_store_insert (store, project, &error));
  writer = lb_lag_writer_new (store, project->id, LB_LAG_SOURCE_IMPORT, 30000, &error);
  for (int i = 0; i < 600; i++)
    {
      LbLagSample sample;

      if (i >= 300 && i < 320)
        continue; /* 20 samples missing: one gap */
      lb_lag_sample_init (&sample, T0 + i * 10000);
      sample.lag_s = i % 7;
      sample.log_send_queue_kb = i;
      g_assert_true (lb_lag_writer_add (writer, &sample, &error));
    }
  g_assert_true (lb_lag_writer_commit (writer, &error));
  lb_lag_writer_free (writer);
  g_assert_no_error (error);

  series = lb_lag_series_load (lb_store_get_path (store), project->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lb_store_lag_extent (store, project->id, &count, &first, &last, &error));
  g_assert_cmpuint (lb_lag_series_get_n_samples (series), ==, count);
  g_assert_cmpuint (count, ==, 580);
  {
    guint n_gaps;

    lb_lag_series_get_gaps (series, &n_gaps);
    g_assert_cmpuint (n_gaps, ==, 1);
  }

  markers = lb_lag_markers_load (store, project->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (markers->len, ==, 1);
  g_assert_cmpstr (g_array_index (markers, LbChartMarker, 0).label, ==, "Planned cutover");

  g_assert_null (lb_lag_series_load ("/nonexistent/lag.db", 1, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  lb_record_free (project);
  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/lag-series/columns-equal-brute-force", test_columns_equal_brute_force);
  g_test_add_func ("/lb/lag-series/spikes-survive", test_spikes_survive);
  g_test_add_func ("/lb/lag-series/gaps-break-the-line", test_gaps_break_the_line);
  g_test_add_func ("/lb/lag-series/stats-equal-direct", test_stats_equal_direct);
  g_test_add_func ("/lb/lag-series/append", test_append);
  g_test_add_func ("/lb/lag-series/load-from-store", test_load_from_store);
  return g_test_run ();
}
