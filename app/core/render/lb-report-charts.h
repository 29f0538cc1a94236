/* lb-report-charts.h: the small charts of the cutover report — rehearsal downtime against
 * the target, and the 5×5 risk heat map — drawn on any cairo_t, so the PDF draws them as
 * vectors and the HTML embeds the same drawing as inline SVG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "../workbench/lb-risk-score.h"

G_BEGIN_DECLS

typedef struct
{
  const char *label;        /* short, under the bar: "#3" or a date */
  double      downtime_min; /* NAN when unknown */
  double      target_min;   /* NAN when none */
  gboolean    failed;       /* the rehearsal failed or lost data: drawn in the bad tone */
} LbDowntimePoint;

/* Bars of downtime per rehearsal (oldest left) with each target as a tick across its bar. */
void  lb_downtime_chart_draw (cairo_t               *cr,
                              double                 width,
                              double                 height,
                              const LbDowntimePoint *points,
                              guint                  n_points,
                              gboolean               dark);

/* The 5×5 matrix (likelihood up, impact across) in the band colours of lb-risk-score.h,
 * each cell with its count. */
void  lb_heat_map_draw       (cairo_t               *cr,
                              double                 width,
                              double                 height,
                              const LbRiskHeatMap   *map,
                              gboolean               dark);

/* The colours the charts and the PDF tables use, so every output agrees: a risk band
 * (LbRiskBand) and a report tone (LbReportTone: 0 none, 1 good, 2 warning, 3 bad, 4 muted),
 * as red, green, blue in 0..1. */
void  lb_report_band_color   (int                    band,
                              gboolean               dark,
                              double                 rgb[3]);
void  lb_report_tone_color   (int                    tone,
                              gboolean               dark,
                              double                 rgb[3]);

typedef void (*LbDrawFunc) (cairo_t *cr,
                            double   width,
                            double   height,
                            gpointer data);

/* Runs @draw on a cairo SVG surface of @width × @height pt and returns the SVG document
 * (without the XML declaration, ready to inline in HTML). */
char *lb_render_to_svg       (double                 width,
                              double                 height,
                              LbDrawFunc             draw,
                              gpointer               data,
                              GError               **error);

G_END_DECLS
