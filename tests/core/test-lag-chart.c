/* test-lag-chart.c: the time axis (spans from a minute to years, a DST day) and the lag
 * chart drawn on an image surface — spikes at the right columns, the threshold at the
 * right row, gaps left empty — and exported as PNG, SVG and PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lb-core.h"
#include "lb-test-util.h"

static gint64
local_ms (GTimeZone  *tz,
          int         y,
          int         mo,
          int         d,
          int         h,
          int         mi)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, mo, d, h, mi, 0);

  return g_date_time_to_unix (dt) * 1000;
}

static char *
labels (GArray *ticks)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ticks->len; i++)
    g_string_append_printf (text, "%s%s", i ? "|" : "", g_array_index (ticks, LbTimeTick, i).label);
  return g_string_free (text, FALSE);
}

static void
test_time_ticks (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  static const struct
  {
    int from[5], to[5];
    guint max;
    const char *expected;
  } cases[] = {
    /* A minute: every 10 seconds. */
    { { 2026, 11, 29, 13, 0 }, { 2026, 11, 29, 13, 1 }, 8,
      "13:00:00|13:00:10|13:00:20|13:00:30|13:00:40|13:00:50|13:01:00" },
    /* An hour: every 10 minutes. */
    { { 2026, 11, 29, 13, 0 }, { 2026, 11, 29, 14, 0 }, 8, "13:00|13:10|13:20|13:30|13:40|13:50|14:00" },
    /* A day around midnight: every 6 hours, the midnight named. */
    { { 2026, 11, 28, 18, 0 }, { 2026, 11, 29, 18, 0 }, 5, "18:00|Sun 29 Nov|06:00|12:00|18:00" },
    /* A week: days. */
    { { 2026, 11, 23, 0, 0 }, { 2026, 11, 29, 0, 0 }, 8,
      "Mon 23 Nov|Tue 24 Nov|Wed 25 Nov|Thu 26 Nov|Fri 27 Nov|Sat 28 Nov|Sun 29 Nov" },
    /* A year: months. */
    { { 2026, 1, 1, 0, 0 }, { 2026, 12, 31, 0, 0 }, 12,
      "Jan 2026|Feb 2026|Mar 2026|Apr 2026|May 2026|Jun 2026|Jul 2026|Aug 2026|Sep 2026|Oct 2026|Nov 2026|Dec 2026" },
    /* The spring DST day: 2 a.m. does not exist, 3-hourly ticks stay on the wall clock. */
    { { 2026, 3, 29, 0, 0 }, { 2026, 3, 29, 23, 0 }, 8, "Sun 29 Mar|03:00|06:00|09:00|12:00|15:00|18:00|21:00" },
    /* The autumn DST day has 25 hours; days are still midnights. */
    { { 2026, 10, 24, 0, 0 }, { 2026, 10, 27, 0, 0 }, 4, "Sat 24 Oct|Sun 25 Oct|Mon 26 Oct|Tue 27 Oct" },
    /* Years. */
    { { 2020, 1, 1, 0, 0 }, { 2026, 6, 1, 0, 0 }, 8, "2020|2021|2022|2023|2024|2025|2026" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 from = local_ms (berlin, cases[i].from[0], cases[i].from[1], cases[i].from[2], cases[i].from[3],
                              cases[i].from[4]);
      gint64 to = local_ms (berlin, cases[i].to[0], cases[i].to[1], cases[i].to[2], cases[i].to[3], cases[i].to[4]);
      GArray *ticks = lb_time_ticks (from, to, cases[i].max, berlin);
      g_autofree char *text = labels (ticks);

      g_test_message ("case %u: %s", i, text);
      g_assert_cmpstr (text, ==, cases[i].expected);
      g_assert_cmpuint (ticks->len, <=, cases[i].max + 1);
      lb_time_ticks_free (ticks);
    }

  /* The autumn day's midnight-to-midnight is 25 hours: hourly ticks count 26. */
  {
    GArray *ticks = lb_time_ticks (local_ms (berlin, 2026, 10, 25, 0, 0), local_ms (berlin, 2026, 10, 26, 0, 0), 30,
                                   berlin);

    g_assert_cmpuint (ticks->len, ==, 26);
    lb_time_ticks_free (ticks);
  }
  g_assert_cmpint (lb_time_ticks_step (0, 60000, 6), ==, 10000);
}

/* ---- drawing ---------------------------------------------------------------------------- */

#define T0 G_GINT64_CONSTANT (1795957200000)
#define W 1200
#define H 400

static LbLagSeries *
chart_series (void)
{
  LbLagSeriesBuilder *builder = lb_lag_series_builder_new ();

  /* 2 hours at 1 s: lag 1 s, spikes of 40 s at 30 min and 90 min; a gap 60–70 min. */
  for (gint64 s = 0; s < 7200; s++)
    {
      if (s >= 3600 && s < 4200)
        continue;
      lb_lag_series_builder_add (builder, T0 + s * 1000, s == 1800 || s == 5400 ? 40 : 1, NAN, NAN);
    }
  lb_lag_series_builder_add_gap (builder, T0 + 3599 * 1000, T0 + 4200 * 1000);
  return lb_lag_series_builder_end (builder);
}

static gboolean
is_lag_colour (guint32 pixel)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  /* The lag's blue, at any blend with the white background. */
  return b > r + 40 && b > g + 10;
}

static gboolean
is_threshold_colour (guint32 pixel)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return r > 150 && g < 90 && b < 90;
}

static void
test_draw (void)
{
  g_autoptr(LbLagSeries) series = chart_series ();
  LbChartMarker markers[] = { { T0 + 600000, T0 + 1200000, "Drill 1" } };
  LbLagChartSpec spec = {
    .series = series, .from = T0, .to = T0 + 7200 * 1000, .threshold_s = 30, .markers = markers,
    .n_markers = G_N_ELEMENTS (markers), .tz = g_time_zone_new_identifier ("Europe/Berlin"),
  };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);
  LbChartRect plot;
  guint32 *pixels;
  int stride;
  double max = lb_lag_chart_get_value_max (&spec, W);

  lb_lag_chart_draw (cr, W, H, &spec);
  cairo_surface_flush (surface);
  pixels = (guint32 *) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  lb_lag_chart_get_plot_area (&spec, W, H, &plot);
  g_assert_cmpfloat (max, ==, 50); /* 40 s spikes × 1.05 → 50 */

  /* Each spike reaches above 35 s in its own column. */
  for (guint s = 0; s < 2; s++)
    {
      int column = (int) (plot.x + plot.width * (s == 0 ? 1800.0 : 5400.0) / 7200);
      int y35 = (int) (plot.y + plot.height * (1 - 35.0 / max));
      gboolean found = FALSE;

      for (int x = column - 1; x <= column + 1 && !found; x++)
        found = is_lag_colour (pixels[y35 * stride + x]);
      g_assert_true (found);
    }
  /* The threshold line: at its row, red across the plot (dashed: most of it). */
  {
    int row = (int) floor (plot.y + plot.height * (1 - 30.0 / max));
    int red = 0;

    for (int x = (int) plot.x + 5; x < (int) (plot.x + plot.width) - 5; x++)
      red += is_threshold_colour (pixels[row * stride + x]);
    g_assert_cmpint (red, >, plot.width * 0.4);
  }
  /* The gap: no lag drawn between 60 and 70 minutes. */
  {
    int x0 = (int) (plot.x + plot.width * 3700 / 7200.0), x1 = (int) (plot.x + plot.width * 4100 / 7200.0);

    for (int x = x0; x < x1; x++)
      for (int y = (int) plot.y + 1; y < (int) (plot.y + plot.height) - 1; y++)
        g_assert_false (is_lag_colour (pixels[y * stride + x]));
  }
  /* And next to the gap, the lag is drawn at 1 s. */
  {
    int x = (int) (plot.x + plot.width * 3000 / 7200.0);
    int y1 = (int) (plot.y + plot.height * (1 - 1.0 / max));
    gboolean found = FALSE;

    for (int y = y1 - 2; y <= y1 + 2; y++)
      found |= is_lag_colour (pixels[y * stride + x]);
    g_assert_true (found);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_time_zone_unref (spec.tz);
}

static void
test_export (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autoptr(LbLagSeries) series = chart_series ();
  LbLagChartSpec spec = { .series = series, .from = T0, .to = T0 + 7200 * 1000, .threshold_s = NAN,
                          .show_send_queue = TRUE, .dark = TRUE, .log_scale = TRUE, .title = "ERP" };
  static const char *const names[] = { "chart.png", "chart.SVG", "chart.pdf" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (lb_lag_chart_export (&spec, 800, 300, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      if (i == 0)
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (path);

          g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
          g_assert_cmpint (cairo_image_surface_get_height (png), ==, 300);
          cairo_surface_destroy (png);
        }
      else if (i == 1)
        g_assert_nonnull (g_strstr_len (contents, length, "<svg"));
      else
        g_assert_true (g_str_has_prefix (contents, "%PDF-"));
    }

  {
    g_autofree char *path = g_build_filename (dir, "chart.bmp", NULL);

    g_assert_false (lb_lag_chart_export (&spec, 800, 300, path, &error));
    g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
    g_clear_error (&error);
    g_assert_false (lb_lag_chart_export (&spec, 10, 300, path, &error));
    g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
    g_clear_error (&error);
    g_assert_false (lb_lag_chart_export (&spec, 800, 300, "/nonexistent/dir/chart.png", &error));
    g_assert_error (error, LB_ERROR, LB_ERROR_IO);
  }
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/lag-chart/time-ticks", test_time_ticks);
  g_test_add_func ("/lb/lag-chart/draw", test_draw);
  g_test_add_func ("/lb/lag-chart/export", test_export);
  return g_test_run ();
}
