/* lb-lag-chart-view.c
 *
 * The chart is recorded into a render node once per window, size, data or palette change;
 * hovering only draws the crosshair over that node. The series is immutable and shared,
 * so nothing here copies samples.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-lag-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "lb-lag-chart-view.h"

struct _LbLagChartView
{
  GtkWidget      parent_instance;

  LbLagSeries   *series;
  GArray        *markers;
  char          *title;
  double         threshold_s;
  gint64         from, to;
  gboolean       show_queues;
  gboolean       log_scale;

  GskRenderNode *rendered;     /* the chart without the crosshair */
  int            rendered_width, rendered_height;
  double         hover_x;      /* < 0: not hovering */
  gint64         drag_from, drag_to;
  double         zoom_scale;   /* of the pinch, at its start */
};

G_DEFINE_FINAL_TYPE (LbLagChartView, lb_lag_chart_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_WINDOW_FROM, PROP_WINDOW_TO, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
invalidate (LbLagChartView *self)
{
  g_clear_pointer (&self->rendered, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lb_lag_chart_view_get_spec (LbLagChartView *self,
                            LbLagChartSpec *spec)
{
  g_return_if_fail (LB_IS_LAG_CHART_VIEW (self));

  *spec = (LbLagChartSpec) {
    .series = self->series,
    .from = self->from,
    .to = self->to,
    .threshold_s = self->threshold_s,
    .markers = self->markers != NULL ? (const LbChartMarker *) self->markers->data : NULL,
    .n_markers = self->markers != NULL ? self->markers->len : 0,
    .show_send_queue = self->show_queues,
    .show_redo_queue = self->show_queues,
    .log_scale = self->log_scale,
    .dark = adw_style_manager_get_dark (adw_style_manager_get_default ()),
    .title = self->title,
  };
}

static gboolean
data_extent (LbLagChartView *self,
             gint64         *first,
             gint64         *last)
{
  if (self->series == NULL || !lb_lag_series_get_extent (self->series, first, last))
    return FALSE;
  /* A day at least, so that a short history is not stretched over the whole width. */
  if (*last - *first < 24 * G_GINT64_CONSTANT (3600000))
    *first = *last - 24 * G_GINT64_CONSTANT (3600000);
  return TRUE;
}

void
lb_lag_chart_view_set_window (LbLagChartView *self,
                              gint64          from,
                              gint64          to)
{
  gint64 first, last, span;

  g_return_if_fail (LB_IS_LAG_CHART_VIEW (self));

  if (!data_extent (self, &first, &last))
    return;
  span = CLAMP (to - from, LB_LAG_CHART_MIN_SPAN_MS, last - first + LB_LAG_CHART_MIN_SPAN_MS);
  /* Keep the window over the data. */
  from = CLAMP (from, first - span / 2, last - span / 2);
  if (from == self->from && from + span == self->to)
    return;
  self->from = from;
  self->to = from + span;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_FROM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_TO]);
}

void
lb_lag_chart_view_get_window (LbLagChartView *self,
                              gint64         *from,
                              gint64         *to)
{
  g_return_if_fail (LB_IS_LAG_CHART_VIEW (self));

  if (from != NULL)
    *from = self->from;
  if (to != NULL)
    *to = self->to;
}

void
lb_lag_chart_view_show_last (LbLagChartView *self,
                             gint64          span_ms)
{
  gint64 first, last;

  g_return_if_fail (LB_IS_LAG_CHART_VIEW (self));

  if (!data_extent (self, &first, &last))
    return;
  last += 1;
  lb_lag_chart_view_set_window (self, span_ms > 0 ? last - span_ms : first, last);
}

void
lb_lag_chart_view_zoom (LbLagChartView *self,
                        double          factor,
                        double          anchor)
{
  gint64 span, at, new_span;

  g_return_if_fail (LB_IS_LAG_CHART_VIEW (self));

  if (self->series == NULL || !(factor > 0))
    return;
  span = self->to - self->from;
  anchor = CLAMP (anchor, 0, 1);
  at = self->from + (gint64) (span * anchor);
  new_span = MAX ((gint64) (span * factor), LB_LAG_CHART_MIN_SPAN_MS);
  lb_lag_chart_view_set_window (self, at - (gint64) (new_span * anchor), at - (gint64) (new_span * anchor) + new_span);
}

void
lb_lag_chart_view_pan (LbLagChartView *self,
                       double          fraction)
{
  gint64 shift;

  g_return_if_fail (LB_IS_LAG_CHART_VIEW (self));

  shift = (gint64) ((self->to - self->from) * fraction);
  lb_lag_chart_view_set_window (self, self->from + shift, self->to + shift);
}

void
lb_lag_chart_view_set_data (LbLagChartView *self,
                            LbLagSeries    *series,
                            GArray         *markers,
                            double          threshold_s,
                            const char     *title,
                            gboolean        keep_window)
{
  gint64 from = self->from, to = self->to;
  gboolean had_data = self->series != NULL;

  g_return_if_fail (LB_IS_LAG_CHART_VIEW (self));

  if (series != self->series)
    {
      g_clear_pointer (&self->series, lb_lag_series_unref);
      self->series = series != NULL ? lb_lag_series_ref (series) : NULL;
    }
  if (markers != self->markers)
    {
      g_clear_pointer (&self->markers, g_array_unref);
      self->markers = markers != NULL ? g_array_ref (markers) : NULL;
    }
  self->threshold_s = threshold_s;
  g_free (self->title);
  self->title = g_strdup (title);
  self->from = self->to = 0;
  if (keep_window && had_data && to > from)
    lb_lag_chart_view_set_window (self, from, to);
  else
    lb_lag_chart_view_show_last (self, 0);
  invalidate (self);
}

void
lb_lag_chart_view_extend (LbLagChartView *self,
                          LbLagSeries    *series)
{
  gint64 old_last = 0, new_last = 0;
  gboolean following;

  g_return_if_fail (LB_IS_LAG_CHART_VIEW (self));
  g_return_if_fail (series != NULL);

  if (self->series == NULL || !lb_lag_series_get_extent (self->series, NULL, &old_last))
    {
      lb_lag_chart_view_set_data (self, series, self->markers, self->threshold_s, self->title, FALSE);
      return;
    }
  following = self->to > old_last;
  lb_lag_series_ref (series);
  lb_lag_series_unref (self->series);
  self->series = series;
  lb_lag_series_get_extent (series, NULL, &new_last);
  if (following && new_last > old_last)
    lb_lag_chart_view_set_window (self, self->from + (new_last - old_last), self->to + (new_last - old_last));
  invalidate (self);
}

LbLagSeries *
lb_lag_chart_view_get_series (LbLagChartView *self)
{
  g_return_val_if_fail (LB_IS_LAG_CHART_VIEW (self), NULL);
  return self->series;
}

void
lb_lag_chart_view_set_show_queues (LbLagChartView *self,
                                   gboolean        show)
{
  g_return_if_fail (LB_IS_LAG_CHART_VIEW (self));
  self->show_queues = show;
  invalidate (self);
}

void
lb_lag_chart_view_set_log_scale (LbLagChartView *self,
                                 gboolean        log_scale)
{
  g_return_if_fail (LB_IS_LAG_CHART_VIEW (self));
  self->log_scale = log_scale;
  invalidate (self);
}

/* ---- hover -------------------------------------------------------------------------------- */

static gboolean
plot_time_at (LbLagChartView *self,
              double          x,
              gint64         *t,
              LbChartRect    *plot)
{
  LbLagChartSpec spec;

  if (self->series == NULL || self->to <= self->from)
    return FALSE;
  lb_lag_chart_view_get_spec (self, &spec);
  lb_lag_chart_get_plot_area (&spec, gtk_widget_get_width (GTK_WIDGET (self)),
                              gtk_widget_get_height (GTK_WIDGET (self)), plot);
  if (x < plot->x || x > plot->x + plot->width)
    return FALSE;
  *t = self->from + (gint64) ((self->to - self->from) * (x - plot->x) / plot->width);
  return TRUE;
}

static char *
format_kb (double kb)
{
  return isnan (kb) ? g_strdup ("—") : kb >= 1024 ? g_strdup_printf ("%.1f MB", kb / 1024)
                                                  : g_strdup_printf ("%.0f KB", kb);
}

char *
lb_lag_chart_view_describe_point (LbLagChartView *self,
                                  double          x,
                                  double          y)
{
  LbChartRect plot;
  gint64 t, sample_t;
  int index;
  double lag, send, redo;
  g_autofree char *when = NULL;
  g_autofree char *send_text = NULL;
  g_autofree char *redo_text = NULL;
  GString *text;

  g_return_val_if_fail (LB_IS_LAG_CHART_VIEW (self), NULL);

  if (!plot_time_at (self, x, &t, &plot) || (index = lb_lag_series_nearest (self->series, t)) < 0)
    return NULL;
  sample_t = lb_lag_series_get_time (self->series, index);
  /* Nothing within a few pixels: a gap or no data there. */
  if (llabs (sample_t - t) > MAX ((self->to - self->from) / plot.width * 4, 1000))
    return NULL;
  lb_lag_series_get_values (self->series, index, &lag, &send, &redo);
  when = lb_time_format_local (sample_t);
  send_text = format_kb (send);
  redo_text = format_kb (redo);
  text = g_string_new (NULL);
  /* TRANSLATORS: the chart's tooltip, "2026-11-26 19:38 · lag 1.2 s" */
  g_string_append_printf (text, isnan (lag) ? _("%s · lag unknown") : _("%s · lag %.1f s"), when, lag);
  g_string_append_printf (text, "\n%s %s · %s %s", _("Log send queue"), send_text, _("Redo queue"), redo_text);

  /* The nearest marker within 40 px. */
  if (self->markers != NULL)
    {
      const LbChartMarker *best = NULL;
      gint64 best_distance = (gint64) ((self->to - self->from) / plot.width * 40);

      for (guint i = 0; i < self->markers->len; i++)
        {
          const LbChartMarker *m = &g_array_index (self->markers, LbChartMarker, i);
          gint64 distance = m->end != LB_UNSET_INT && t >= m->t && t <= m->end ? 0 : llabs (m->t - t);

          if (m->label != NULL && distance <= best_distance)
            {
              best = m;
              best_distance = distance;
            }
        }
      if (best != NULL)
        g_string_append_printf (text, "\n%s", best->label);
    }
  return g_string_free (text, FALSE);
}

static gboolean
on_query_tooltip (LbLagChartView *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  g_autofree char *text = keyboard ? NULL : lb_lag_chart_view_describe_point (self, x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_motion (LbLagChartView           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->hover_x = x;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (LbLagChartView           *self,
          GtkEventControllerMotion *controller)
{
  self->hover_x = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- zoom and pan ------------------------------------------------------------------------- */

static double
anchor_at (LbLagChartView *self,
           double          x)
{
  LbLagChartSpec spec;
  LbChartRect plot;

  lb_lag_chart_view_get_spec (self, &spec);
  lb_lag_chart_get_plot_area (&spec, gtk_widget_get_width (GTK_WIDGET (self)),
                              gtk_widget_get_height (GTK_WIDGET (self)), &plot);
  return (x - plot.x) / plot.width;
}

static gboolean
on_scroll (LbLagChartView           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  /* Vertical scrolling (with or without Ctrl) zooms around the pointer; horizontal pans. */
  if (dy != 0)
    lb_lag_chart_view_zoom (self, pow (1.25, dy), self->hover_x >= 0 ? anchor_at (self, self->hover_x) : 0.5);
  if (dx != 0)
    lb_lag_chart_view_pan (self, dx * 0.05);
  return TRUE;
}

static void
on_drag_begin (LbLagChartView *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  self->drag_from = self->from;
  self->drag_to = self->to;
}

static void
on_drag_update (LbLagChartView *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  LbLagChartSpec spec;
  LbChartRect plot;
  gint64 shift;

  lb_lag_chart_view_get_spec (self, &spec);
  lb_lag_chart_get_plot_area (&spec, gtk_widget_get_width (GTK_WIDGET (self)),
                              gtk_widget_get_height (GTK_WIDGET (self)), &plot);
  /* Dragging right shows earlier times. */
  shift = (gint64) (-(self->drag_to - self->drag_from) * dx / plot.width);
  lb_lag_chart_view_set_window (self, self->drag_from + shift, self->drag_to + shift);
}

static void
on_zoom_begin (LbLagChartView *self,
               GdkEventSequence *sequence,
               GtkGestureZoom   *gesture)
{
  self->zoom_scale = 1;
}

static void
on_zoom_changed (LbLagChartView *self,
                 double          scale,
                 GtkGestureZoom *gesture)
{
  double x, y;

  if (!(scale > 0))
    return;
  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  lb_lag_chart_view_zoom (self, self->zoom_scale / scale, anchor_at (self, x));
  self->zoom_scale = scale;
}

static gboolean
on_key_pressed (LbLagChartView        *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      lb_lag_chart_view_zoom (self, 0.5, 0.5);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      lb_lag_chart_view_zoom (self, 2, 0.5);
      return TRUE;
    case GDK_KEY_Left:
      lb_lag_chart_view_pan (self, -0.1);
      return TRUE;
    case GDK_KEY_Right:
      lb_lag_chart_view_pan (self, 0.1);
      return TRUE;
    default:
      return FALSE;
    }
}

/* ---- drawing ------------------------------------------------------------------------------ */

static void
lb_lag_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LbLagChartView *self = LB_LAG_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  LbLagChartSpec spec;

  if (self->series == NULL || self->to <= self->from || width < 50 || height < 50)
    return;
  lb_lag_chart_view_get_spec (self, &spec);
  if (self->rendered == NULL)
    {
      GtkSnapshot *inner = gtk_snapshot_new ();
      cairo_t *cr = gtk_snapshot_append_cairo (inner, &GRAPHENE_RECT_INIT (0, 0, width, height));

      lb_lag_chart_draw (cr, width, height, &spec);
      cairo_destroy (cr);
      self->rendered = gtk_snapshot_free_to_node (inner);
      self->rendered_width = width;
      self->rendered_height = height;
    }
  if (self->rendered != NULL)
    gtk_snapshot_append_node (snapshot, self->rendered);

  if (self->hover_x >= 0)
    {
      LbChartRect plot;

      lb_lag_chart_get_plot_area (&spec, width, height, &plot);
      if (self->hover_x >= plot.x && self->hover_x <= plot.x + plot.width)
        {
          GdkRGBA colour = { 0.5, 0.5, 0.5, 0.7 };

          gtk_snapshot_append_color (snapshot, &colour,
                                     &GRAPHENE_RECT_INIT (floor (self->hover_x), plot.y, 1, plot.height));
        }
    }
}

/* The page around the chart is laid out again whenever a label changes (the sampler's
 * status, every few seconds): only a new size draws the chart again. */
static void
lb_lag_chart_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  LbLagChartView *self = LB_LAG_CHART_VIEW (widget);

  if (width != self->rendered_width || height != self->rendered_height)
    invalidate (self);
}

static void
on_dark_changed (LbLagChartView  *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  invalidate (self);
}

static void
lb_lag_chart_view_dispose (GObject *object)
{
  LbLagChartView *self = LB_LAG_CHART_VIEW (object);

  g_clear_pointer (&self->rendered, gsk_render_node_unref);
  g_clear_pointer (&self->series, lb_lag_series_unref);
  g_clear_pointer (&self->markers, g_array_unref);
  G_OBJECT_CLASS (lb_lag_chart_view_parent_class)->dispose (object);
}

static void
lb_lag_chart_view_finalize (GObject *object)
{
  LbLagChartView *self = LB_LAG_CHART_VIEW (object);

  g_free (self->title);
  G_OBJECT_CLASS (lb_lag_chart_view_parent_class)->finalize (object);
}

static void
lb_lag_chart_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LbLagChartView *self = LB_LAG_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_WINDOW_FROM:
      g_value_set_int64 (value, self->from);
      break;
    case PROP_WINDOW_TO:
      g_value_set_int64 (value, self->to);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_lag_chart_view_class_init (LbLagChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_lag_chart_view_dispose;
  object_class->finalize = lb_lag_chart_view_finalize;
  object_class->get_property = lb_lag_chart_view_get_property;
  widget_class->snapshot = lb_lag_chart_view_snapshot;
  widget_class->size_allocate = lb_lag_chart_view_size_allocate;

  properties[PROP_WINDOW_FROM] =
    g_param_spec_int64 ("window-from", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WINDOW_TO] =
    g_param_spec_int64 ("window-to", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "lagchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lb_lag_chart_view_init (LbLagChartView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->threshold_s = NAN;
  self->hover_x = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (on_zoom_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_dark_changed), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
lb_lag_chart_view_new (void)
{
  return g_object_new (LB_TYPE_LAG_CHART_VIEW, NULL);
}
