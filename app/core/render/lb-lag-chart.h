/* lb-lag-chart.h: the replication-lag chart, drawn on any cairo_t — the Lag page's widget,
 * a PNG, an SVG, a PDF page — from one description of what to show.
 *
 * The lag is drawn per pixel column from the series' min/max pyramid: a line through the
 * column means and a band from each column's min to its max, so a single-sample spike is
 * always visible. Recorded gaps break the line and are shaded; time above the approved
 * threshold is shaded; rehearsal markers are labelled along the top.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "../lag/lb-lag-series.h"

G_BEGIN_DECLS

typedef struct
{
  gint64      t;       /* UTC ms */
  gint64      end;     /* LB_UNSET_INT for a point in time */
  const char *label;
} LbChartMarker;

typedef struct
{
  LbLagSeries         *series;
  gint64               from, to;      /* the visible window, UTC ms */
  double               threshold_s;   /* NAN: none */
  const LbChartMarker *markers;
  guint                n_markers;
  gboolean             show_send_queue;
  gboolean             show_redo_queue;
  gboolean             log_scale;
  gboolean             dark;
  const char          *title;         /* nullable */
  GTimeZone           *tz;            /* nullable: local time */
} LbLagChartSpec;

typedef struct
{
  double x, y, width, height;
} LbChartRect;

/* Where the data goes inside a chart of @width × @height. */
void   lb_lag_chart_get_plot_area (const LbLagChartSpec *spec,
                                   double                width,
                                   double                height,
                                   LbChartRect          *plot);
void   lb_lag_chart_draw          (cairo_t              *cr,
                                   double                width,
                                   double                height,
                                   const LbLagChartSpec *spec);
/* The value axis' upper end for the spec's window (s): a "nice" number above the data. */
double lb_lag_chart_get_value_max (const LbLagChartSpec *spec,
                                   guint                 n_columns);

/* Writes the chart to @path as PNG, SVG or PDF, by its extension. */
gboolean lb_lag_chart_export      (const LbLagChartSpec *spec,
                                   int                   width,
                                   int                   height,
                                   const char           *path,
                                   GError              **error);

G_END_DECLS
