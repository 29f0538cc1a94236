/* lb-lag-chart-view.h: the lag chart as a widget — the renderer of lb-lag-chart.h on a
 * snapshot, with zoom (scroll, pinch, + and −), pan (drag, horizontal scroll, arrow keys)
 * and a hover crosshair whose tooltip gives the time, the lag, the queues and the nearest
 * marker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_LAG_CHART_VIEW (lb_lag_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (LbLagChartView, lb_lag_chart_view, LB, LAG_CHART_VIEW, GtkWidget)

/* Spans the view may show: from a minute to the data's whole extent (and a day at least). */
#define LB_LAG_CHART_MIN_SPAN_MS G_GINT64_CONSTANT (60000)

GtkWidget   *lb_lag_chart_view_new             (void);
/* @series: (nullable) (transfer none); @markers: (nullable) an array of LbChartMarker,
 * kept (ref). Shows the whole extent unless @keep_window and the window still fits. */
void         lb_lag_chart_view_set_data        (LbLagChartView *self,
                                                LbLagSeries    *series,
                                                GArray         *markers,
                                                double          threshold_s,
                                                const char     *title,
                                                gboolean        keep_window);
LbLagSeries *lb_lag_chart_view_get_series      (LbLagChartView *self);
/* Replaces the series (one with more samples, while a link is followed), keeping the
 * markers and the threshold. A window that showed the latest sample moves with the data. */
void         lb_lag_chart_view_extend          (LbLagChartView *self,
                                                LbLagSeries    *series);
/* The visible window, UTC ms. */
void         lb_lag_chart_view_get_window      (LbLagChartView *self,
                                                gint64         *from,
                                                gint64         *to);
/* Clamped to the allowed spans; emits notify::window. */
void         lb_lag_chart_view_set_window      (LbLagChartView *self,
                                                gint64          from,
                                                gint64          to);
/* The last @span_ms of the data; 0: all of it. */
void         lb_lag_chart_view_show_last       (LbLagChartView *self,
                                                gint64          span_ms);
/* @factor < 1 zooms in, around the time at @anchor (0 … 1 across the plot). */
void         lb_lag_chart_view_zoom            (LbLagChartView *self,
                                                double          factor,
                                                double          anchor);
/* Moves by @fraction of the visible span (negative: earlier). */
void         lb_lag_chart_view_pan             (LbLagChartView *self,
                                                double          fraction);
void         lb_lag_chart_view_set_show_queues (LbLagChartView *self,
                                                gboolean        show);
void         lb_lag_chart_view_set_log_scale   (LbLagChartView *self,
                                                gboolean        log_scale);
/* The chart as drawn now, for export. The spec's pointers stay owned by the view. */
void         lb_lag_chart_view_get_spec        (LbLagChartView *self,
                                                LbLagChartSpec *spec);
/* The tooltip text for the point at (@x, @y) of the widget, or NULL outside the data. */
char        *lb_lag_chart_view_describe_point  (LbLagChartView *self,
                                                double          x,
                                                double          y);

G_END_DECLS
