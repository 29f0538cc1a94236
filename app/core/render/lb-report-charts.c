/* lb-report-charts.c: the rehearsal downtime bars and the risk heat map.
 *
 * Both are drawn in user units (points in a PDF, pixels on an image), with text through
 * one PangoLayout kept on the cairo_t, so a page of charts does not create a Pango context
 * per label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-report-charts"

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "../model/lb-error.h"
#include "../model/lb-record.h"
#include "lb-chart-text.h"
#include "lb-report-charts.h"

typedef struct { double r, g, b; } Rgb;

typedef struct
{
  Rgb background, text, dim, grid, bar, missed, failed, target;
} Palette;

/* Adwaita: blue 3 for a bar within target, orange 3 for a missed target, red 3 for a failed
 * rehearsal; window colours for text and grid, as in lb-lag-chart.c. */
static const Palette light = {
  { 1, 1, 1 }, { 0.14, 0.14, 0.16 }, { 0.45, 0.45, 0.48 }, { 0.88, 0.88, 0.9 },
  { 0.21, 0.52, 0.89 }, { 1.0, 0.47, 0.0 }, { 0.88, 0.11, 0.14 }, { 0.14, 0.14, 0.16 },
};
static const Palette dark = {
  { 0.14, 0.14, 0.16 }, { 0.93, 0.93, 0.95 }, { 0.6, 0.6, 0.63 }, { 0.25, 0.25, 0.28 },
  { 0.38, 0.63, 0.92 }, { 1.0, 0.64, 0.28 }, { 0.96, 0.38, 0.32 }, { 0.93, 0.93, 0.95 },
};

/* Risk bands low … critical: Adwaita green 3, yellow 3, orange 3, red 3 (light); a little
 * deeper on dark backgrounds. */
static const Rgb band_light[LB_RISK_N_BANDS] = {
  { 0.34, 0.89, 0.54 }, { 0.97, 0.83, 0.18 }, { 1.0, 0.47, 0.0 }, { 0.88, 0.11, 0.14 },
};
static const Rgb band_dark[LB_RISK_N_BANDS] = {
  { 0.15, 0.64, 0.41 }, { 0.90, 0.65, 0.04 }, { 0.78, 0.27, 0.0 }, { 0.75, 0.11, 0.16 },
};

/* Tones none, good, warning, bad, muted: Adwaita green 5, orange 4/yellow 5, red 4, and
 * the dim text colour. */
static const Rgb tone_light[] = {
  { 0.14, 0.14, 0.16 }, { 0.15, 0.64, 0.41 }, { 0.78, 0.42, 0.0 }, { 0.75, 0.11, 0.16 }, { 0.45, 0.45, 0.48 },
};
static const Rgb tone_dark[] = {
  { 0.93, 0.93, 0.95 }, { 0.34, 0.89, 0.54 }, { 0.97, 0.76, 0.2 }, { 0.96, 0.38, 0.32 }, { 0.6, 0.6, 0.63 },
};

void
lb_report_band_color (int      band,
                      gboolean is_dark,
                      double   rgb[3])
{
  const Rgb *c;

  if (band < 0 || band >= LB_RISK_N_BANDS)
    {
      rgb[0] = rgb[1] = rgb[2] = 0.6;
      return;
    }
  c = is_dark ? &band_dark[band] : &band_light[band];
  rgb[0] = c->r;
  rgb[1] = c->g;
  rgb[2] = c->b;
}

void
lb_report_tone_color (int      tone,
                      gboolean is_dark,
                      double   rgb[3])
{
  const Rgb *c;

  if (tone < 0 || tone >= (int) G_N_ELEMENTS (tone_light))
    tone = 0;
  c = is_dark ? &tone_dark[tone] : &tone_light[tone];
  rgb[0] = c->r;
  rgb[1] = c->g;
  rgb[2] = c->b;
}

static void
set_rgb (cairo_t   *cr,
         const Rgb *c,
         double     alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, alpha);
}

/* Draws @text anchored at (@x, @y): @xalign 0 left … 1 right, @yalign 0 top … 1 bottom. */
static void
draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      xalign,
           double      yalign,
           gboolean    bold,
           double      size)
{
  g_autoptr(PangoLayout) layout = lb_chart_text_layout (cr, text, bold, size);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
}

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

/* ---- downtime -------------------------------------------------------------------------- */

#define DT_LEFT   34.0
#define DT_RIGHT  8.0
#define DT_TOP    18.0
#define DT_BOTTOM 18.0

void
lb_downtime_chart_draw (cairo_t               *cr,
                        double                 width,
                        double                 height,
                        const LbDowntimePoint *points,
                        guint                  n_points,
                        gboolean               is_dark)
{
  const Palette *p = is_dark ? &dark : &light;
  double font = CLAMP (height / 16, 7, 9.5);
  double plot_x = DT_LEFT, plot_y = DT_TOP;
  double plot_w = MAX (1, width - DT_LEFT - DT_RIGHT);
  double plot_h = MAX (1, height - DT_TOP - DT_BOTTOM);
  double max = 0, step, slot, bar_w;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (points != NULL || n_points == 0);

  cairo_save (cr);
  set_rgb (cr, &p->background, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  for (guint i = 0; i < n_points; i++)
    {
      if (!isnan (points[i].downtime_min))
        max = MAX (max, points[i].downtime_min);
      if (!isnan (points[i].target_min))
        max = MAX (max, points[i].target_min);
    }
  max = nice_ceiling (MAX (max * 1.12, 1));
  step = nice_ceiling (max / 4);

  /* Grid and value axis, in minutes. */
  cairo_set_line_width (cr, 0.5);
  for (double v = 0; v <= max * 1.0001; v += step)
    {
      double y = plot_y + plot_h * (1 - v / max);
      g_autofree char *label = g_strdup_printf ("%g", v);

      set_rgb (cr, &p->grid, 1);
      cairo_move_to (cr, plot_x, y);
      cairo_line_to (cr, plot_x + plot_w, y);
      cairo_stroke (cr);
      set_rgb (cr, &p->dim, 1);
      draw_text (cr, label, plot_x - 4, y, 1, 0.5, FALSE, font);
    }
  set_rgb (cr, &p->dim, 1);
  draw_text (cr, _("min"), plot_x - 4, plot_y - font * 0.7 - 2, 1, 1, FALSE, font);

  if (n_points == 0)
    {
      draw_text (cr, _("No rehearsals recorded"), plot_x + plot_w / 2, plot_y + plot_h / 2, 0.5, 0.5, FALSE, font);
      cairo_restore (cr);
      return;
    }

  slot = plot_w / n_points;
  bar_w = MIN (slot * 0.6, 48);
  for (guint i = 0; i < n_points; i++)
    {
      const LbDowntimePoint *pt = &points[i];
      double cx = plot_x + slot * (i + 0.5);
      gboolean missed = !isnan (pt->downtime_min) && !isnan (pt->target_min) && pt->downtime_min > pt->target_min;

      if (!isnan (pt->downtime_min))
        {
          double top = plot_y + plot_h * (1 - MIN (pt->downtime_min, max) / max);
          g_autofree char *value = g_strdup_printf ("%.0f", pt->downtime_min);

          set_rgb (cr, pt->failed ? &p->failed : missed ? &p->missed : &p->bar, 1);
          cairo_rectangle (cr, cx - bar_w / 2, top, bar_w, plot_y + plot_h - top);
          cairo_fill (cr);
          /* The figure inside the top of the bar when it is tall enough, so it never
           * collides with a target tick above the bar. */
          if (plot_y + plot_h - top > font * 2 && bar_w > font * 2)
            {
              cairo_set_source_rgb (cr, 1, 1, 1);
              draw_text (cr, value, cx, top + 2, 0.5, 0, TRUE, font);
            }
          else
            {
              set_rgb (cr, &p->text, 1);
              draw_text (cr, value, cx, top - 1.5, 0.5, 1, TRUE, font);
            }
        }
      else
        {
          set_rgb (cr, &p->dim, 1);
          draw_text (cr, "?", cx, plot_y + plot_h - 2, 0.5, 1, TRUE, font);
        }
      if (!isnan (pt->target_min))
        {
          double y = plot_y + plot_h * (1 - MIN (pt->target_min, max) / max);
          double half = MIN (slot * 0.45, bar_w / 2 + 6);

          set_rgb (cr, &p->target, 1);
          cairo_set_line_width (cr, 1.6);
          cairo_move_to (cr, cx - half, y);
          cairo_line_to (cr, cx + half, y);
          cairo_stroke (cr);
        }
      if (pt->label != NULL)
        {
          set_rgb (cr, &p->dim, 1);
          draw_text (cr, pt->label, cx, plot_y + plot_h + 3, 0.5, 0, FALSE, font);
        }
    }

  /* The base line and a legend for the target tick. */
  set_rgb (cr, &p->dim, 1);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, plot_x, plot_y + plot_h);
  cairo_line_to (cr, plot_x + plot_w, plot_y + plot_h);
  cairo_stroke (cr);
  {
    g_autoptr(PangoLayout) layout = lb_chart_text_layout (cr, _("Target"), FALSE, font);
    int w, h;
    double x, y = plot_y - 4 - font / 2;

    pango_layout_get_pixel_size (layout, &w, &h);
    x = plot_x + plot_w - w;
    cairo_move_to (cr, x, y - h / 2.0);
    pango_cairo_show_layout (cr, layout);
    set_rgb (cr, &p->target, 1);
    cairo_set_line_width (cr, 1.6);
    cairo_move_to (cr, x - 18, y);
    cairo_line_to (cr, x - 4, y);
    cairo_stroke (cr);
  }
  cairo_restore (cr);
}

/* ---- heat map -------------------------------------------------------------------------- */

void
lb_heat_map_draw (cairo_t             *cr,
                  double               width,
                  double               height,
                  const LbRiskHeatMap *map,
                  gboolean             is_dark)
{
  const Palette *p = is_dark ? &dark : &light;
  double font = CLAMP (MIN (width, height) / 20, 7, 12);
  double left = font * 3.2, bottom = font * 3.2, top = 4, right = 4;
  double cell = MIN ((width - left - right) / LB_RISK_SCALE, (height - top - bottom) / LB_RISK_SCALE);
  double gx, gy;

  g_return_if_fail (cr != NULL && map != NULL);

  cairo_save (cr);
  set_rgb (cr, &p->background, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cell = MAX (cell, 1);
  gx = left + (width - left - right - cell * LB_RISK_SCALE) / 2;
  gy = top;

  for (int l = 1; l <= LB_RISK_SCALE; l++)
    for (int i = 1; i <= LB_RISK_SCALE; i++)
      {
        guint count = map->cells[l - 1][i - 1];
        double x = gx + (i - 1) * cell;
        double y = gy + (LB_RISK_SCALE - l) * cell;
        double rgb[3];

        lb_report_band_color (lb_risk_band_for_score (l * i), is_dark, rgb);
        /* Empty cells in a pale tint of their band, so the eye goes to the counted ones. */
        if (count > 0)
          cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
        else
          {
            const Rgb *bg = &p->background;

            cairo_set_source_rgb (cr, bg->r + (rgb[0] - bg->r) * 0.22, bg->g + (rgb[1] - bg->g) * 0.22,
                                  bg->b + (rgb[2] - bg->b) * 0.22);
          }
        cairo_rectangle (cr, x + 1, y + 1, cell - 2, cell - 2);
        cairo_fill (cr);
        if (count > 0)
          {
            g_autofree char *label = g_strdup_printf ("%u", count);
            int band = lb_risk_band_for_score (l * i);

            /* Dark digits on the light bands, white on orange and red. */
            if (band >= LB_RISK_BAND_HIGH)
              cairo_set_source_rgb (cr, 1, 1, 1);
            else
              cairo_set_source_rgb (cr, 0.14, 0.14, 0.16);
            draw_text (cr, label, x + cell / 2, y + cell / 2, 0.5, 0.5, TRUE, MIN (cell * 0.42, font * 1.4));
          }
      }

  set_rgb (cr, &p->dim, 1);
  for (int k = 1; k <= LB_RISK_SCALE; k++)
    {
      char label[4];

      g_snprintf (label, sizeof label, "%d", k);
      draw_text (cr, label, gx + (k - 0.5) * cell, gy + LB_RISK_SCALE * cell + 2, 0.5, 0, FALSE, font);
      draw_text (cr, label, gx - 4, gy + (LB_RISK_SCALE - k + 0.5) * cell, 1, 0.5, FALSE, font);
    }
  set_rgb (cr, &p->text, 1);
  draw_text (cr, _("Impact"), gx + LB_RISK_SCALE * cell / 2, gy + LB_RISK_SCALE * cell + 4 + font * 1.3, 0.5, 0,
             TRUE, font);
  cairo_save (cr);
  cairo_translate (cr, gx - 6 - font * 1.4, gy + LB_RISK_SCALE * cell / 2);
  cairo_rotate (cr, -G_PI / 2);
  draw_text (cr, _("Likelihood"), 0, 0, 0.5, 1, TRUE, font);
  cairo_restore (cr);
  cairo_restore (cr);
}

/* ---- SVG ------------------------------------------------------------------------------- */

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

char *
lb_render_to_svg (double      width,
                  double      height,
                  LbDrawFunc  draw,
                  gpointer    data,
                  GError    **error)
{
  g_autoptr(GString) svg = g_string_new (NULL);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  const char *start;

  g_return_val_if_fail (draw != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  surface = cairo_svg_surface_create_for_stream (append_to_string, svg, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
  cr = cairo_create (surface);
  draw (cr, width, height, data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("Could not draw the chart as SVG: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  /* Inline SVG wants no XML declaration. */
  start = strstr (svg->str, "<svg");
  if (start == NULL)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("Could not draw the chart as SVG"));
      return NULL;
    }
  return g_strdup (start);
}
