/* test-report-charts.c: the report's downtime bars, risk heat map and SVG rendering.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "lb-core.h"

#define W 320
#define H 200

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
} Canvas;

static Canvas
canvas_new (int w,
            int h)
{
  Canvas c;

  c.surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  c.cr = cairo_create (c.surface);
  return c;
}

static void
canvas_free (Canvas *c)
{
  cairo_destroy (c->cr);
  cairo_surface_destroy (c->surface);
}

/* Pixels within @tolerance (0..255 per channel) of @rgb, inside the given box. */
static guint
count_color (Canvas       *c,
             const double  rgb[3],
             int           tolerance,
             int           x0,
             int           y0,
             int           x1,
             int           y1)
{
  const guchar *data;
  int stride;
  guint n = 0;

  cairo_surface_flush (c->surface);
  data = cairo_image_surface_get_data (c->surface);
  stride = cairo_image_surface_get_stride (c->surface);
  for (int y = MAX (y0, 0); y < MIN (y1, cairo_image_surface_get_height (c->surface)); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, cairo_image_surface_get_width (c->surface)); x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);
        int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

        if (ABS (r - (int) round (rgb[0] * 255)) <= tolerance && ABS (g - (int) round (rgb[1] * 255)) <= tolerance &&
            ABS (b - (int) round (rgb[2] * 255)) <= tolerance)
          n++;
      }
  return n;
}

/* Adwaita red 3, orange 3 and blue 3: the bar colours the chart promises. */
static const double bad_rgb[3] = { 0.88, 0.11, 0.14 };
static const double missed_rgb[3] = { 1.0, 0.47, 0.0 };
static const double ok_rgb[3] = { 0.21, 0.52, 0.89 };

static void
test_downtime_failed_bar (void)
{
  LbDowntimePoint points[] = {
    { "#1", 95, 120, FALSE },
    { "#2", 80, 120, TRUE },
  };
  Canvas c = canvas_new (W, H);
  guint left_ok, left_bad, right_bad, right_ok;

  lb_downtime_chart_draw (c.cr, W, H, points, G_N_ELEMENTS (points), FALSE);
  g_assert_cmpint (cairo_status (c.cr), ==, CAIRO_STATUS_SUCCESS);
  left_ok = count_color (&c, ok_rgb, 3, 0, 0, W / 2, H);
  left_bad = count_color (&c, bad_rgb, 3, 0, 0, W / 2, H);
  right_bad = count_color (&c, bad_rgb, 3, W / 2, 0, W, H);
  right_ok = count_color (&c, ok_rgb, 3, W / 2, 0, W, H);
  /* The first rehearsal met its target: a blue bar; the failed second one is red. */
  g_assert_cmpuint (left_ok, >, 500);
  g_assert_cmpuint (left_bad, ==, 0);
  g_assert_cmpuint (right_bad, >, 400);
  g_assert_cmpuint (right_ok, ==, 0);
  /* The taller bar is taller: more of its colour. */
  g_assert_cmpuint (left_ok, >, right_bad);
  canvas_free (&c);
}

static void
test_downtime_missed_target (void)
{
  LbDowntimePoint points[] = { { "#1", 150, 120, FALSE } };
  Canvas c = canvas_new (W, H);
  double dark_text[3] = { 0.14, 0.14, 0.16 };
  int cx = 34 + (W - 34 - 8) / 2;

  lb_downtime_chart_draw (c.cr, W, H, points, 1, FALSE);
  g_assert_cmpuint (count_color (&c, missed_rgb, 3, 0, 0, W, H), >, 500);
  g_assert_cmpuint (count_color (&c, ok_rgb, 3, 0, 0, W, H), ==, 0);
  /* The target tick crosses the bar below its top: dark pixels in the bar's column. */
  g_assert_cmpuint (count_color (&c, dark_text, 40, cx - 2, 40, cx + 3, H - 30), >, 0);
  canvas_free (&c);
}

static void
test_downtime_empty (void)
{
  Canvas c = canvas_new (W, H);

  lb_downtime_chart_draw (c.cr, W, H, NULL, 0, TRUE);
  g_assert_cmpint (cairo_status (c.cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (count_color (&c, bad_rgb, 3, 0, 0, W, H), ==, 0);
  canvas_free (&c);
}

static void
test_heat_map_cells (void)
{
  LbRiskHeatMap map = { 0 };
  Canvas c = canvas_new (300, 300);
  double critical[3], low[3], medium[3];
  guint n_critical_empty, n_critical, n_low, n_low_quadrant;

  lb_report_band_color (LB_RISK_BAND_CRITICAL, FALSE, critical);
  lb_report_band_color (LB_RISK_BAND_LOW, FALSE, low);
  lb_report_band_color (LB_RISK_BAND_MEDIUM, FALSE, medium);

  /* Nothing counted: no cell in a full band colour. */
  lb_heat_map_draw (c.cr, 300, 300, &map, FALSE);
  n_critical_empty = count_color (&c, critical, 2, 0, 0, 300, 300);
  g_assert_cmpuint (n_critical_empty, ==, 0);
  g_assert_cmpuint (count_color (&c, low, 2, 0, 0, 300, 300), ==, 0);

  /* Three risks at likelihood 5 × impact 5 (top right), one at 1 × 1 (bottom left). */
  map.cells[4][4] = 3;
  map.cells[0][0] = 1;
  lb_heat_map_draw (c.cr, 300, 300, &map, FALSE);
  n_critical = count_color (&c, critical, 2, 150, 0, 300, 150);
  n_low_quadrant = count_color (&c, low, 2, 0, 150, 150, 300);
  n_low = count_color (&c, low, 2, 0, 0, 300, 300);
  g_assert_cmpuint (n_critical, >, 1000);
  g_assert_cmpuint (count_color (&c, critical, 2, 0, 150, 150, 300), ==, 0);
  g_assert_cmpuint (n_low_quadrant, >, 1000);
  g_assert_cmpuint (n_low, ==, n_low_quadrant);
  /* Exactly one cell of each: the two cells are the same size, less the digit. */
  g_assert_cmpuint (ABS ((int) n_critical - (int) n_low), <, 400);
  g_assert_cmpuint (count_color (&c, medium, 2, 0, 0, 300, 300), ==, 0);
  canvas_free (&c);
}

static void
test_heat_map_count_drawn (void)
{
  LbRiskHeatMap one = { 0 }, many = { 0 };
  Canvas a = canvas_new (300, 300), b = canvas_new (300, 300);
  double critical[3];
  guint white_one, white_many;
  double white[3] = { 1, 1, 1 };

  lb_report_band_color (LB_RISK_BAND_CRITICAL, FALSE, critical);
  one.cells[4][4] = 1;
  many.cells[4][4] = 88;
  lb_heat_map_draw (a.cr, 300, 300, &one, FALSE);
  lb_heat_map_draw (b.cr, 300, 300, &many, FALSE);
  /* The count is written in white on the red cell; two digits take more ink than one. */
  white_one = count_color (&a, white, 10, 230, 0, 300, 60);
  white_many = count_color (&b, white, 10, 230, 0, 300, 60);
  g_assert_cmpuint (white_one, >, 10);
  g_assert_cmpuint (white_many, >, white_one);
  canvas_free (&a);
  canvas_free (&b);
}

static void
draw_heat_map_cb (cairo_t *cr,
                  double   width,
                  double   height,
                  gpointer data)
{
  lb_heat_map_draw (cr, width, height, data, FALSE);
}

static void
test_svg (void)
{
  g_autoptr(GError) error = NULL;
  LbRiskHeatMap map = { 0 };
  g_autofree char *svg = NULL;

  map.cells[2][3] = 2;
  svg = lb_render_to_svg (200, 150, draw_heat_map_cb, &map, &error);
  g_assert_no_error (error);
  g_assert_nonnull (svg);
  g_assert_true (g_str_has_prefix (svg, "<svg"));
  g_assert_null (strstr (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "200pt"));
  g_assert_nonnull (strstr (svg, "</svg>"));
  /* Vector cells, not a bitmap. */
  g_assert_null (strstr (svg, "<image"));
  g_assert_nonnull (strstr (svg, "<path"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report-charts/downtime/failed-bar", test_downtime_failed_bar);
  g_test_add_func ("/report-charts/downtime/missed-target", test_downtime_missed_target);
  g_test_add_func ("/report-charts/downtime/empty", test_downtime_empty);
  g_test_add_func ("/report-charts/heat-map/cells", test_heat_map_cells);
  g_test_add_func ("/report-charts/heat-map/count", test_heat_map_count_drawn);
  g_test_add_func ("/report-charts/svg", test_svg);
  return g_test_run ();
}
