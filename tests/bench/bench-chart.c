/* bench-chart.c: one frame of the lag chart at 1600×400 over 1 and 10 million samples,
 * decimated (the series' min/max pyramid, as the Lag page draws) beside the naive path
 * (stroking every raw sample), in the same run; spike fidelity read from the pixels; the
 * memory the series takes per sample.
 *
 *   build-bench/tests/bench/bench-chart [--samples N]
 *
 * Prints "bench: <name> <value> <unit>" lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lb-core.h"

#define W 1600
#define H 400
#define T0 G_GINT64_CONSTANT (1767225600000)
#define STEP_MS 1000
#define N_SPIKES 200
#define SPIKE_S 60.0

/* A random walk around a second with 200 single-sample spikes of 60 s, spread evenly. */
static LbLagSeries *
make_series (guint   n,
             GArray *spikes)
{
  LbLagSeriesBuilder *builder = lb_lag_series_builder_new ();
  GRand *rand = g_rand_new_with_seed (7);
  guint every = n / N_SPIKES;
  double lag = 1;

  for (guint i = 0; i < n; i++)
    {
      gboolean spike = i % every == every / 2;

      lag = CLAMP (lag + g_rand_double_range (rand, -0.05, 0.05), 0.2, 5);
      lb_lag_series_builder_add (builder, T0 + (gint64) i * STEP_MS, spike ? SPIKE_S : lag, lag * 100, NAN);
      if (spike)
        {
          gint64 t = T0 + (gint64) i * STEP_MS;

          g_array_append_val (spikes, t);
        }
    }
  g_rand_free (rand);
  return lb_lag_series_builder_end (builder);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* The median of @runs frames of @spec, in ms. */
static double
time_frames (cairo_t              *cr,
             const LbLagChartSpec *spec,
             guint                 runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      lb_lag_chart_draw (cr, W, H, spec);
      cairo_surface_flush (cairo_get_target (cr));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

/* Every raw sample in one antialiased path, as a chart without decimation draws. */
static double
time_naive (cairo_t              *cr,
            LbLagSeries          *series,
            const LbLagChartSpec *spec)
{
  LbChartRect plot;
  guint n = lb_lag_series_get_n_samples (series);
  gint64 start = g_get_monotonic_time ();
  double max = 100;

  lb_lag_chart_get_plot_area (spec, W, H, &plot);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.2, 0.5, 0.9);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < n; i++)
    {
      double lag;
      double x = plot.x + plot.width * (double) (lb_lag_series_get_time (series, i) - spec->from) /
                 (double) (spec->to - spec->from);

      lb_lag_series_get_values (series, i, &lag, NULL, NULL);
      if (i == 0)
        cairo_move_to (cr, x, plot.y + plot.height * (1 - lag / max));
      else
        cairo_line_to (cr, x, plot.y + plot.height * (1 - lag / max));
    }
  cairo_stroke (cr);
  cairo_surface_flush (cairo_get_target (cr));
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* How many spikes show above 45 s in their column (±1 px) of a full-range frame. */
static guint
visible_spikes (cairo_surface_t      *surface,
                const LbLagChartSpec *spec,
                GArray               *spikes)
{
  LbChartRect plot;
  guint32 *pixels = (guint32 *) cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface) / 4;
  double max = lb_lag_chart_get_value_max (spec, W);
  guint seen = 0;

  lb_lag_chart_get_plot_area (spec, W, H, &plot);
  for (guint s = 0; s < spikes->len; s++)
    {
      gint64 t = g_array_index (spikes, gint64, s);
      int column = (int) (plot.x + plot.width * (double) (t - spec->from) / (double) (spec->to - spec->from));
      int row = (int) (plot.y + plot.height * (1 - 45.0 / max));
      gboolean found = FALSE;

      for (int x = column - 1; x <= column + 1 && !found; x++)
        {
          guint32 p = pixels[row * stride + x];
          int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

          found = b > r + 40 && b > g + 10;
        }
      seen += found;
    }
  return seen;
}

static void
run (guint n)
{
  g_autoptr(GArray) spikes = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 build_start = g_get_monotonic_time ();
  g_autoptr(LbLagSeries) series = make_series (n, spikes);
  double build_ms = (g_get_monotonic_time () - build_start) / 1000.0;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  LbLagChartSpec spec = { .series = series, .threshold_s = 30, .tz = utc };
  double full_ms, pan_ms, naive_ms;
  guint seen;
  const char *label = n >= 10000000 ? "10M" : n >= 1000000 ? "1M" : "n";

  lb_lag_series_get_extent (series, &spec.from, &spec.to);
  spec.to++;
  full_ms = time_frames (cr, &spec, 15);
  {
    g_autofree LbLagColumn *columns = g_new (LbLagColumn, W);
    gint64 start = g_get_monotonic_time ();

    for (guint r = 0; r < 15; r++)
      lb_lag_series_columns (series, spec.from, spec.to, W, columns);
    g_print ("bench: chart_%s_columns %.2f ms\n", n >= 10000000 ? "10M" : "1M",
             (g_get_monotonic_time () - start) / 15000.0);
  }
  seen = visible_spikes (surface, &spec, spikes);

  /* A pan step: a tenth of the range, moved by a twentieth of it. */
  {
    gint64 span = (spec.to - spec.from) / 10;
    LbLagChartSpec pan = spec;
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint step = 0; step < 15; step++)
      {
        gint64 start = g_get_monotonic_time ();
        double ms;

        pan.from = spec.from + (gint64) step * span / 20;
        pan.to = pan.from + span;
        lb_lag_chart_draw (cr, W, H, &pan);
        cairo_surface_flush (surface);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (times, ms);
      }
    g_array_sort (times, compare_doubles);
    pan_ms = g_array_index (times, double, times->len / 2);
  }
  naive_ms = time_naive (cr, series, &spec);

  g_print ("bench: chart_%s_series_build %.1f ms\n", label, build_ms);
  g_print ("bench: chart_%s_frame_full %.2f ms\n", label, full_ms);
  g_print ("bench: chart_%s_frame_pan %.2f ms\n", label, pan_ms);
  g_print ("bench: chart_%s_frame_naive %.1f ms\n", label, naive_ms);
  g_print ("bench: chart_%s_ratio %.0f x\n", label, naive_ms / full_ms);
  g_print ("bench: chart_%s_spikes_visible %u/%u\n", label, seen, spikes->len);
  g_print ("bench: chart_%s_memory %.1f bytes/sample\n", label, (double) lb_lag_series_get_size (series) / n);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  gint64 samples = 0;

  if (argc == 3 && g_str_equal (argv[1], "--samples"))
    samples = g_ascii_strtoll (argv[2], NULL, 10);
  if (samples > 0)
    run ((guint) samples);
  else
    {
      run (1000000);
      run (10000000);
    }
  g_print ("Decimated frames draw the whole chart (axes, labels, threshold, band and line) from the series' min/max "
           "pyramid; the naive frame strokes every sample as one antialiased path.\n");
  return 0;
}
