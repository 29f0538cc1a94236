/* lb-lag-chart.c
 *
 * Coordinates: the plot area is divided into one column per pixel; column values come
 * from lb_lag_series_columns(). Lines are drawn at pixel centres with a width of one
 * device pixel, so they stay crisp at any scale factor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-lag-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "../model/lb-error.h"
#include "../model/lb-record.h"
#include "lb-chart-text.h"
#include "lb-lag-chart.h"
#include "lb-time-axis.h"

#define LEFT_AXIS   56.0
#define RIGHT_AXIS  64.0
#define TOP         30.0
#define BOTTOM      26.0
#define MARKER_ROW  16.0

typedef struct { double r, g, b; } Rgb;

typedef struct
{
  Rgb background, text, dim, grid, lag, send, redo, threshold, breach, gap, marker;
} Palette;

/* Adwaita's palette: blue 3 for the lag, orange and purple for the queues, red for the
 * threshold; text and grid from the light or dark window colours. */
static const Palette light = {
  { 1, 1, 1 }, { 0.14, 0.14, 0.16 }, { 0.45, 0.45, 0.48 }, { 0.88, 0.88, 0.9 },
  { 0.21, 0.52, 0.89 }, { 0.90, 0.38, 0.0 }, { 0.57, 0.25, 0.67 }, { 0.75, 0.11, 0.16 },
  { 0.88, 0.11, 0.14 }, { 0.6, 0.6, 0.6 }, { 0.24, 0.24, 0.27 },
};
static const Palette dark = {
  { 0.14, 0.14, 0.16 }, { 0.93, 0.93, 0.95 }, { 0.6, 0.6, 0.63 }, { 0.25, 0.25, 0.28 },
  { 0.38, 0.63, 0.92 }, { 1.0, 0.64, 0.28 }, { 0.75, 0.5, 0.86 }, { 0.96, 0.38, 0.32 },
  { 0.96, 0.38, 0.32 }, { 0.5, 0.5, 0.52 }, { 0.8, 0.8, 0.83 },
};

static void
set_rgb (cairo_t   *cr,
         const Rgb *c,
         double     alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, alpha);
}

static gboolean
has_queues (const LbLagChartSpec *spec)
{
  return spec->show_send_queue || spec->show_redo_queue;
}

void
lb_lag_chart_get_plot_area (const LbLagChartSpec *spec,
                            double                width,
                            double                height,
                            LbChartRect          *plot)
{
  double top = TOP + (spec->n_markers > 0 ? MARKER_ROW : 0);

  plot->x = LEFT_AXIS;
  plot->y = top;
  plot->width = MAX (1, width - LEFT_AXIS - (has_queues (spec) ? RIGHT_AXIS : 16));
  plot->height = MAX (1, height - top - BOTTOM);
}

/* 1, 2, 2.5, 5 × 10^k at or above @value. */
static double
nice_ceiling (double value)
{
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  double magnitude;

  if (!(value > 0))
    return 1;
  magnitude = pow (10, floor (log10 (value)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= value * (1 - 1e-9))
      return steps[i] * magnitude;
  return 10 * magnitude;
}

static double
columns_max (const LbLagColumn *columns,
             guint              n,
             gboolean           send,
             gboolean           redo)
{
  double max = 0;

  for (guint c = 0; c < n; c++)
    {
      if (!send && !redo && columns[c].n > 0)
        max = MAX (max, columns[c].max);
      if (send && !isnan (columns[c].send_max))
        max = MAX (max, columns[c].send_max);
      if (redo && !isnan (columns[c].redo_max))
        max = MAX (max, columns[c].redo_max);
    }
  return max;
}

static double
value_max (const LbLagChartSpec *spec,
           const LbLagColumn    *columns,
           guint                 n)
{
  double max = columns_max (columns, n, FALSE, FALSE);

  if (!isnan (spec->threshold_s))
    max = MAX (max, spec->threshold_s * 1.25);
  return nice_ceiling (MAX (max * 1.05, spec->log_scale ? 1 : 0.5));
}

double
lb_lag_chart_get_value_max (const LbLagChartSpec *spec,
                            guint                 n_columns)
{
  g_autofree LbLagColumn *columns = g_new0 (LbLagColumn, MAX (n_columns, 1));

  g_return_val_if_fail (spec != NULL && spec->series != NULL, 1);

  lb_lag_series_columns (spec->series, spec->from, spec->to, n_columns, columns);
  return value_max (spec, columns, n_columns);
}

/* The row of lag @v in the plot. */
static double
y_of (const LbLagChartSpec *spec,
      const LbChartRect    *plot,
      double                max,
      double                v)
{
  double fraction;

  if (spec->log_scale)
    {
      double lo = log10 (0.1);

      fraction = (log10 (MAX (v, 0.1)) - lo) / (log10 (max) - lo);
    }
  else
    fraction = v / max;
  return plot->y + plot->height * (1 - CLAMP (fraction, 0, 1));
}

static double
x_of (const LbLagChartSpec *spec,
      const LbChartRect    *plot,
      gint64                t)
{
  return plot->x + plot->width * (double) (t - spec->from) / (double) (spec->to - spec->from);
}

/* Draws @text with its anchor at (@x, @y): @xalign 0 left … 1 right, @yalign likewise. */
static double
draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      xalign,
           double      yalign,
           gboolean    bold,
           double      size)
{
  PangoLayout *layout = lb_chart_text_layout (cr, text, bold, size);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, round (x - xalign * w), round (y - yalign * h));
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  return w;
}

static char *
format_seconds (double v)
{
  if (v >= 1 || v == 0)
    return g_strdup_printf ("%g s", v);
  return g_strdup_printf ("%g s", round (v * 1000) / 1000);
}

/* The unit the queue axis counts in, by its largest value in KB. */
static double
queue_unit (double max_kb,
            const char **name)
{
  if (max_kb >= 1048576)
    {
      *name = "GB";
      return 1048576;
    }
  if (max_kb >= 1024)
    {
      *name = "MB";
      return 1024;
    }
  *name = "KB";
  return 1;
}

static void
draw_value_axis (cairo_t              *cr,
                 const LbLagChartSpec *spec,
                 const LbChartRect    *plot,
                 const Palette        *p,
                 double                max,
                 double                px)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

  if (spec->log_scale)
    for (double v = 0.1; v <= max * 1.0001; v *= 10)
      g_array_append_val (values, v);
  else
    {
      double step = nice_ceiling (max / 5);

      for (double v = 0; v <= max * 1.0001; v += step)
        g_array_append_val (values, v);
    }

  /* All grid lines in one stroke: each stroke costs a pass over the surface. They sit on
   * pixel centres, so antialiasing would only slow them down. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  set_rgb (cr, &p->grid, 1);
  for (guint i = 0; i < values->len; i++)
    {
      double y = floor (y_of (spec, plot, max, g_array_index (values, double, i))) + px / 2;

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
    }
  cairo_stroke (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  set_rgb (cr, &p->dim, 1);
  for (guint i = 0; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);
      g_autofree char *label = format_seconds (v);

      draw_text (cr, label, plot->x - 6, floor (y_of (spec, plot, max, v)) + px / 2, 1, 0.5, FALSE, 11);
    }
  g_array_unref (values);
}

static void
draw_time_axis (cairo_t              *cr,
                const LbLagChartSpec *spec,
                const LbChartRect    *plot,
                const Palette        *p,
                double                px)
{
  g_autoptr(GTimeZone) local = spec->tz == NULL ? g_time_zone_new_local () : NULL;
  GArray *ticks = lb_time_ticks (spec->from, spec->to, MAX (2, (guint) (plot->width / 110)),
                                 spec->tz != NULL ? spec->tz : local);
  double last_right = -G_MAXDOUBLE;

  /* The tick lines, minor then major, each set in one stroke. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (int major = 0; major <= 1; major++)
    {
      set_rgb (cr, major ? &p->dim : &p->grid, major ? 0.5 : 1);
      for (guint i = 0; i < ticks->len; i++)
        {
          const LbTimeTick *tick = &g_array_index (ticks, LbTimeTick, i);
          double x = floor (x_of (spec, plot, tick->t)) + px / 2;

          if (tick->major != major)
            continue;
          cairo_move_to (cr, x, plot->y);
          cairo_line_to (cr, x, plot->y + plot->height + 4);
        }
      cairo_stroke (cr);
    }
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);

  for (guint i = 0; i < ticks->len; i++)
    {
      const LbTimeTick *tick = &g_array_index (ticks, LbTimeTick, i);
      double x = floor (x_of (spec, plot, tick->t)) + px / 2;
      PangoLayout *layout;
      int w, h;

      /* Labels that would overlap the previous one are left out. */
      layout = lb_chart_text_layout (cr, tick->label, tick->major, 11);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (x - w / 2.0 > last_right + 8 && x + w / 2.0 <= plot->x + plot->width + RIGHT_AXIS)
        {
          set_rgb (cr, tick->major ? &p->text : &p->dim, 1);
          cairo_move_to (cr, round (x - w / 2.0), plot->y + plot->height + 6);
          pango_cairo_show_layout (cr, layout);
          last_right = x + w / 2.0;
        }
      g_object_unref (layout);
    }
  lb_time_ticks_free (ticks);
}

static void
draw_markers (cairo_t              *cr,
              const LbLagChartSpec *spec,
              const LbChartRect    *plot,
              const Palette        *p,
              double                px)
{
  double last_right = -G_MAXDOUBLE;
  static const double dash[] = { 3, 3 };

  for (guint i = 0; i < spec->n_markers; i++)
    {
      const LbChartMarker *m = &spec->markers[i];
      gint64 end = m->end != LB_UNSET_INT ? m->end : m->t;
      double x, x_end;

      if (end < spec->from || m->t > spec->to)
        continue;
      x = floor (x_of (spec, plot, MAX (m->t, spec->from))) + px / 2;
      x_end = floor (x_of (spec, plot, MIN (end, spec->to))) + px / 2;
      if (x_end - x >= 2)
        {
          set_rgb (cr, &p->marker, 0.06);
          cairo_rectangle (cr, x, plot->y, x_end - x, plot->height);
          cairo_fill (cr);
        }
      cairo_save (cr);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      set_rgb (cr, &p->marker, 0.55);
      cairo_move_to (cr, x, plot->y - 2);
      cairo_line_to (cr, x, plot->y + plot->height);
      cairo_stroke (cr);
      cairo_restore (cr);

      if (m->label != NULL && m->t >= spec->from && x > last_right + 6)
        {
          PangoLayout *layout = lb_chart_text_layout (cr, m->label, FALSE, 10.5);
          int w, h;

          pango_layout_set_width (layout, 150 * PANGO_SCALE);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_get_pixel_size (layout, &w, &h);
          set_rgb (cr, &p->text, 0.85);
          cairo_move_to (cr, round (x + 3), plot->y - MARKER_ROW);
          pango_cairo_show_layout (cr, layout);
          g_object_unref (layout);
          last_right = x + 3 + w;
        }
    }
}

/* The lag: per-column min–max strokes, and a line through the column means that breaks
 * where there is no data for a gap or a recorded gap lies between two columns. */
static void
draw_lag (cairo_t              *cr,
          const LbLagChartSpec *spec,
          const LbChartRect    *plot,
          const Palette        *p,
          const LbLagColumn    *columns,
          guint                 n,
          double                max,
          double                px)
{
  gboolean drawing = FALSE;
  double last_x = 0, last_y = 0;
  guint run = 0;

  /* The band: one pixel-wide box per column, which pixman fills without tessellating. */
  set_rgb (cr, &p->lag, 0.45);
  for (guint c = 0; c < n; c++)
    {
      double top, bottom;

      if (columns[c].n == 0 || columns[c].max - columns[c].min <= 0)
        continue;
      top = floor (y_of (spec, plot, max, columns[c].max));
      bottom = ceil (y_of (spec, plot, max, columns[c].min));
      cairo_rectangle (cr, plot->x + c, top, 1, MAX (bottom - top, 1));
    }
  cairo_fill (cr);

  set_rgb (cr, &p->lag, 1);
  cairo_set_line_width (cr, 1.5 * px);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  for (guint c = 0; c < n; c++)
    {
      double x = plot->x + c + 0.5;
      double y;

      if (columns[c].n == 0)
        continue;
      y = y_of (spec, plot, max, columns[c].mean);
      if (drawing && !columns[c].gap_before)
        {
          cairo_line_to (cr, x, y);
          run++;
        }
      else
        {
          if (drawing && run == 0)
            cairo_rectangle (cr, last_x - 1, last_y - 1, 2, 2); /* a lone sample: a dot */
          cairo_move_to (cr, x, y);
          drawing = TRUE;
          run = 0;
        }
      last_x = x;
      last_y = y;
    }
  if (drawing && run == 0)
    cairo_rectangle (cr, last_x - 1, last_y - 1, 2, 2);
  cairo_stroke (cr);
  cairo_set_line_width (cr, px);
}

static void
draw_queue (cairo_t           *cr,
            const LbChartRect *plot,
            const Rgb         *colour,
            const LbLagColumn *columns,
            guint              n,
            gboolean           send,
            double             max,
            double             px)
{
  gboolean drawing = FALSE;

  set_rgb (cr, colour, 0.9);
  for (guint c = 0; c < n; c++)
    {
      float v = send ? columns[c].send_max : columns[c].redo_max;
      double y;

      if (isnan (v))
        continue;
      y = plot->y + plot->height * (1 - CLAMP (v / max, 0, 1));
      if (drawing && !columns[c].gap_before)
        cairo_line_to (cr, plot->x + c + 0.5, y);
      else
        cairo_move_to (cr, plot->x + c + 0.5, y);
      drawing = TRUE;
    }
  cairo_stroke (cr);
}

static void
draw_legend (cairo_t              *cr,
             const LbLagChartSpec *spec,
             double                width,
             const Palette        *p)
{
  struct { const char *label; const Rgb *colour; gboolean shown; } items[] = {
    { _("Lag"), &p->lag, TRUE },
    { _("Log send queue"), &p->send, spec->show_send_queue },
    { _("Redo queue"), &p->redo, spec->show_redo_queue },
    { _("Threshold"), &p->threshold, !isnan (spec->threshold_s) },
  };
  double x = width - 12;

  for (int i = G_N_ELEMENTS (items) - 1; i >= 0; i--)
    {
      double w;

      if (!items[i].shown)
        continue;
      set_rgb (cr, &p->text, 1);
      w = draw_text (cr, items[i].label, x, 8, 1, 0, FALSE, 11);
      set_rgb (cr, items[i].colour, 1);
      cairo_rectangle (cr, x - w - 16, 12, 10, 3);
      cairo_fill (cr);
      x -= w + 30;
    }
  if (spec->title != NULL)
    {
      set_rgb (cr, &p->text, 1);
      draw_text (cr, spec->title, 12, 6, 0, 0, TRUE, 13);
    }
}

void
lb_lag_chart_draw (cairo_t              *cr,
                   double                width,
                   double                height,
                   const LbLagChartSpec *spec)
{
  const Palette *p;
  LbChartRect plot;
  g_autofree LbLagColumn *columns = NULL;
  guint n;
  double max, px = 1, py = 1;
  const gint64 *gaps;
  guint n_gaps;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (spec != NULL && spec->series != NULL);
  g_return_if_fail (spec->to > spec->from);

  p = spec->dark ? &dark : &light;
  lb_lag_chart_get_plot_area (spec, width, height, &plot);
  n = (guint) plot.width;
  columns = g_new0 (LbLagColumn, MAX (n, 1));
  lb_lag_series_columns (spec->series, spec->from, spec->to, n, columns);
  max = value_max (spec, columns, n);

  cairo_save (cr);
  /* One device pixel, whatever the scale. */
  cairo_device_to_user_distance (cr, &px, &py);
  px = fabs (px);
  cairo_set_line_width (cr, px);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);

  set_rgb (cr, &p->background, 1);
  cairo_paint (cr);

  /* Time above the threshold, as full-height strips. */
  if (!isnan (spec->threshold_s))
    {
      set_rgb (cr, &p->breach, 0.10);
      for (guint c = 0; c < n; c++)
        if (columns[c].n > 0 && columns[c].max > spec->threshold_s)
          cairo_rectangle (cr, plot.x + c, plot.y, 1, plot.height);
      cairo_fill (cr);
    }
  /* Recorded gaps: hatched grey. */
  gaps = lb_lag_series_get_gaps (spec->series, &n_gaps);
  set_rgb (cr, &p->gap, 0.18);
  for (guint g = 0; g < n_gaps; g++)
    if (gaps[2 * g + 1] > spec->from && gaps[2 * g] < spec->to)
      {
        double x0 = x_of (spec, &plot, MAX (gaps[2 * g], spec->from));
        double x1 = x_of (spec, &plot, MIN (gaps[2 * g + 1], spec->to));

        cairo_rectangle (cr, x0, plot.y, MAX (x1 - x0, px), plot.height);
      }
  cairo_fill (cr);

  draw_value_axis (cr, spec, &plot, p, max, px);
  draw_time_axis (cr, spec, &plot, p, px);
  draw_markers (cr, spec, &plot, p, px);

  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y - 1, plot.width, plot.height + 2);
  cairo_clip (cr);
  if (has_queues (spec))
    {
      double data_max = MAX (columns_max (columns, n, spec->show_send_queue, spec->show_redo_queue), 1);
      const char *unit_name;
      double unit = queue_unit (data_max, &unit_name);
      /* A round number in the axis' own unit: "400 MB", not "409600 KB". */
      double queue_max = nice_ceiling (data_max * 1.05 / unit) * unit;

      if (spec->show_send_queue)
        draw_queue (cr, &plot, &p->send, columns, n, TRUE, queue_max, px);
      if (spec->show_redo_queue)
        draw_queue (cr, &plot, &p->redo, columns, n, FALSE, queue_max, px);
      cairo_restore (cr);
      cairo_save (cr);
      for (int i = 0; i <= 4; i++)
        {
          g_autofree char *label = g_strdup_printf ("%g %s", queue_max / unit * i / 4, unit_name);

          set_rgb (cr, &p->dim, 1);
          draw_text (cr, label, plot.x + plot.width + 6, plot.y + plot.height * (1 - i / 4.0), 0, 0.5, FALSE, 11);
        }
      cairo_rectangle (cr, plot.x, plot.y - 1, plot.width, plot.height + 2);
      cairo_clip (cr);
    }
  draw_lag (cr, spec, &plot, p, columns, n, max, px);
  if (!isnan (spec->threshold_s))
    {
      static const double dash[] = { 6, 4 };
      double y = floor (y_of (spec, &plot, max, spec->threshold_s)) + px / 2;

      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      set_rgb (cr, &p->threshold, 1);
      cairo_move_to (cr, plot.x, y);
      cairo_line_to (cr, plot.x + plot.width, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  cairo_restore (cr);

  /* The frame of the plot. */
  set_rgb (cr, &p->dim, 0.6);
  cairo_rectangle (cr, plot.x + px / 2, plot.y + px / 2, plot.width - px, plot.height - px);
  cairo_stroke (cr);
  draw_legend (cr, spec, width, p);
  cairo_restore (cr);
}

gboolean
lb_lag_chart_export (const LbLagChartSpec *spec,
                     int                   width,
                     int                   height,
                     const char           *path,
                     GError              **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean png = g_str_has_suffix (lower, ".png");

  g_return_val_if_fail (spec != NULL && path != NULL, FALSE);

  if (width < 200 || height < 120 || width > 10000 || height > 10000)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("A chart must be between 200 × 120 and 10000 × 10000 pixels"));
      return FALSE;
    }
  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (path, width, height);
  else
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("“%s”: the chart is written as .png, .svg or .pdf"), path);
      return FALSE;
    }

  cr = cairo_create (surface);
  lb_lag_chart_draw (cr, width, height, spec);
  cairo_destroy (cr);
  if (png)
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
