/* lb-lag-page.c
 *
 * The series is read on a worker thread (lb_lag_series_load() opens its own connection),
 * and new samples are read and appended there too (lb_lag_series_append()), so following
 * a live link costs the new samples, not the history. The statistics of each window are
 * computed on a worker as well: a newer request makes older results stale
 * (a generation counter), so panning never waits for them. Markers and the threshold are
 * small and read on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-lag-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lb-error-dialog.h"
#include "lb-lag-page.h"
#include "lb-profile-chooser.h"
#include "lb-sampler-text.h"
#include "lb-settings.h"

#define HOUR_MS G_GINT64_CONSTANT (3600000)

struct _LbLagPage
{
  GtkWidget        parent_instance;

  GtkStack        *stack;
  AdwStatusPage   *empty_page;
  AdwStatusPage   *error_page;
  LbLagChartView  *chart;
  GtkToggleButton *presets[5];
  GtkWidget       *stats_labels[8];
  GtkLabel        *stats_title;

  LbStore         *store;
  gint64           project_id;
  GCancellable    *cancellable;   /* the series being read */
  guint            stats_generation;
  guint            stats_idle;
  guint            reload_idle;
  LbLagStats       stats;
  gboolean         has_stats;
  gboolean         setting_preset;
  gboolean         samples_changed;  /* since the last refresh */
  gboolean         markers_changed;
  GCancellable    *import_cancellable; /* while a CSV file is imported */
  LbLagCsvReport  *last_import;

  /* Live sampling: the window's samplers, shown for the project in view. */
  LbSamplers      *samplers;
  GtkWidget       *sampling_bar;
  AdwActionRow    *sampling_row;
  LbProfileChooser *chooser;
  GtkWidget       *sampling_spinner;
  GtkWidget       *start_button;
  GtkWidget       *stop_button;
  GtkWidget       *profiles_button;
  char            *sampling_status;
  guint            countdown_id;  /* while reconnecting: the seconds left */
  gboolean         show_live;     /* the window follows the live edge (until the user moves it) */
  gboolean         moving_window; /* the page moves it, not the user */
};

/* While a link is sampled, the chart shows its samples since sampling started, from one
 * minute up to this much before the newest. */
#define LIVE_SPAN_MS (10 * G_GINT64_CONSTANT (60000))

G_DEFINE_FINAL_TYPE (LbLagPage, lb_lag_page, GTK_TYPE_WIDGET)

static const struct { const char *label; gint64 span; } presets[] = {
  { N_("1 h"), HOUR_MS }, { N_("24 h"), 24 * HOUR_MS }, { N_("7 d"), 7 * 24 * HOUR_MS },
  { N_("30 d"), 30 * 24 * HOUR_MS }, { N_("All"), 0 },
};

enum { SIGNAL_ADD_TOAST, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { STAT_SAMPLES, STAT_P50, STAT_P95, STAT_P99, STAT_MAX, STAT_ABOVE, STAT_BREACH, STAT_GAPS, N_STATS };

static void update_sampling (LbLagPage *self);

static gboolean
is_sampled (LbLagPage *self)
{
  return self->samplers != NULL && self->project_id != 0 &&
         lb_sampler_status_is_active (lb_samplers_get_status (self->samplers, self->project_id));
}

/* A day's window (the chart's least) shows a few seconds of new samples as a dot at its
 * edge: while sampling, the last minutes are what the user watches. */
static void
show_live_edge (LbLagPage *self)
{
  LbLagSeries *series = lb_lag_chart_view_get_series (self->chart);
  const LbSamplerStatus *status;
  gint64 first = 0, last = 0, since;

  if (!self->show_live || !is_sampled (self) || series == NULL || !lb_lag_series_get_extent (series, &first, &last))
    return;
  /* What came since the sampler started, or the history's end when it has none yet. */
  status = lb_samplers_get_status (self->samplers, self->project_id);
  since = status->last.t != LB_UNSET_INT ? last - (gint64) status->n_samples * status->interval_ms : last;
  self->moving_window = TRUE;
  lb_lag_chart_view_show_last (self->chart, CLAMP (last - MAX (first, since), LB_LAG_CHART_MIN_SPAN_MS, LIVE_SPAN_MS));
  self->moving_window = FALSE;
}

/* ---- statistics --------------------------------------------------------------------------- */

typedef struct
{
  LbLagSeries *series;
  gint64       from, to;
  double       threshold_s;
  guint        generation;
  LbLagStats   stats;
} StatsJob;

static void
stats_job_free (gpointer data)
{
  StatsJob *job = data;

  lb_lag_series_unref (job->series);
  g_free (job);
}

static void
stats_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  StatsJob *job = data;

  lb_lag_stats_compute (job->series, job->from, job->to, job->threshold_s, &job->stats);
  g_task_return_boolean (task, TRUE);
}

static char *
format_s (double v)
{
  return isnan (v) ? g_strdup ("—") : g_strdup_printf (_("%.1f s"), v);
}

static void
show_stats (LbLagPage *self)
{
  const LbLagStats *s = &self->stats;
  g_autofree char *texts[N_STATS] = { NULL };
  g_autofree char *description = NULL;
  g_autofree char *max_at = s->max_at != LB_UNSET_INT ? lb_time_format_local (s->max_at) : NULL;

  texts[STAT_SAMPLES] = g_strdup_printf ("%u", s->n_samples);
  texts[STAT_P50] = format_s (s->p50);
  texts[STAT_P95] = format_s (s->p95);
  texts[STAT_P99] = format_s (s->p99);
  texts[STAT_MAX] = format_s (s->max);
  if (isnan (s->threshold_s))
    texts[STAT_ABOVE] = g_strdup (_("No threshold set"));
  else
    texts[STAT_ABOVE] = g_strdup_printf (_("%.1f %% (over %g s)"), s->pct_above, s->threshold_s);
  texts[STAT_BREACH] = s->longest_breach_ms > 0 ? lb_duration_format (s->longest_breach_ms) : g_strdup ("—");
  {
    g_autofree char *gap = lb_duration_format (s->gap_ms);

    texts[STAT_GAPS] = s->n_gaps > 0 ? g_strdup_printf ("%u, %s", s->n_gaps, gap) : g_strdup (_("None"));
  }
  for (guint i = 0; i < N_STATS; i++)
    gtk_label_set_text (GTK_LABEL (self->stats_labels[i]), texts[i]);
  gtk_widget_set_tooltip_text (self->stats_labels[STAT_MAX], max_at);

  /* What a screen reader says of the chart. */
  description = g_strdup_printf (_("Replication lag in view: maximum %s, p95 %s, %u samples"), texts[STAT_MAX],
                                 texts[STAT_P95], s->n_samples);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
on_stats_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LbLagPage *self = LB_LAG_PAGE (source);
  StatsJob *job = g_task_get_task_data (G_TASK (result));

  /* A newer window was asked for meanwhile: this one is stale. */
  if (job->generation != self->stats_generation || self->chart == NULL)
    return;
  self->stats = job->stats;
  self->has_stats = TRUE;
  show_stats (self);
}

static gboolean
compute_stats (gpointer data)
{
  LbLagPage *self = data;
  LbLagSeries *series;
  LbLagChartSpec spec;
  g_autoptr(GTask) task = NULL;
  StatsJob *job;

  self->stats_idle = 0;
  if (self->chart == NULL || (series = lb_lag_chart_view_get_series (self->chart)) == NULL)
    return G_SOURCE_REMOVE;
  lb_lag_chart_view_get_spec (self->chart, &spec);
  job = g_new0 (StatsJob, 1);
  job->series = lb_lag_series_ref (series);
  job->from = spec.from;
  job->to = spec.to;
  job->threshold_s = spec.threshold_s;
  job->generation = ++self->stats_generation;
  task = g_task_new (self, NULL, on_stats_done, NULL);
  g_task_set_task_data (task, job, stats_job_free);
  g_task_run_in_thread (task, stats_thread);
  return G_SOURCE_REMOVE;
}

static void
on_window_changed (LbLagPage      *self,
                   GParamSpec     *pspec,
                   LbLagChartView *chart)
{
  /* A pan sends many; the statistics follow once it settles. */
  if (self->stats_idle == 0)
    self->stats_idle = g_timeout_add (60, compute_stats, self);
  if (!self->setting_preset)
    for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
      gtk_toggle_button_set_active (self->presets[i], FALSE);
  /* The user chose a window: it stays theirs. */
  if (!self->moving_window)
    self->show_live = FALSE;
}

/* ---- loading ------------------------------------------------------------------------------ */

static void
on_series_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LbLagPage *self = LB_LAG_PAGE (source);
  gboolean keep_window = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbLagSeries) series = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GArray) markers = NULL;
  LbProject *project;

  /* Read for a project or page that is gone meanwhile. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))) || self->chart == NULL)
    return;
  if (series == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      return;
    }
  if (self->store == NULL)
    return;
  project = lb_store_get (self->store, &lb_project_kind, self->project_id, NULL);
  markers = lb_lag_markers_load (self->store, self->project_id, NULL);
  if (lb_lag_series_get_n_samples (series) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      lb_lag_chart_view_set_data (self->chart, NULL, NULL, NAN, NULL, FALSE);
    }
  else
    {
      self->moving_window = TRUE;
      lb_lag_chart_view_set_data (self->chart, series, markers, project != NULL ? project->lag_threshold_s : NAN,
                                  project != NULL ? project->name : NULL, keep_window);
      self->moving_window = FALSE;
      show_live_edge (self);
      gtk_stack_set_visible_child_name (self->stack, "chart");
      compute_stats (self);
    }
  lb_record_free (project);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (task), "path"));
  gint64 project_id = *(gint64 *) data;
  GError *error = NULL;
  LbLagSeries *series = lb_lag_series_load (path, project_id, cancellable, &error);

  if (series == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, series, (GDestroyNotify) lb_lag_series_unref);
}

static void
reload (LbLagPage *self,
        gboolean   keep_window)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL || self->project_id == 0)
    {
      lb_lag_chart_view_set_data (self->chart, NULL, NULL, NAN, NULL, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (!keep_window)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      self->show_live = is_sampled (self);
    }
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_series_loaded, GINT_TO_POINTER (keep_window));
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (lb_store_get_path (self->store)), g_free);
  g_task_set_task_data (task, g_memdup2 (&self->project_id, sizeof self->project_id), g_free);
  g_task_run_in_thread (task, load_thread);
}

/* ---- following new samples ---------------------------------------------------------------- */

typedef struct
{
  char        *path;
  gint64       project_id;
  LbLagSeries *series; /* what the chart shows */
} TailJob;

static void
tail_job_free (gpointer data)
{
  TailJob *job = data;

  g_free (job->path);
  lb_lag_series_unref (job->series);
  g_free (job);
}

/* Reads only what came after the last sample shown, and appends it. */
static void
tail_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  TailJob *job = data;
  gint64 last = 0;
  GError *error = NULL;
  g_autoptr(LbLagSeries) tail = NULL;

  lb_lag_series_get_extent (job->series, NULL, &last);
  if ((tail = lb_lag_series_load_since (job->path, job->project_id, last + 1, cancellable, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, lb_lag_series_append (job->series, tail), (GDestroyNotify) lb_lag_series_unref);
}

static void
on_tail_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LbLagPage *self = LB_LAG_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbLagSeries) series = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))) || self->chart == NULL)
    return;
  if (series == NULL)
    {
      g_debug ("Could not read the new lag samples: %s", error->message);
      return;
    }
  self->moving_window = TRUE;
  lb_lag_chart_view_extend (self->chart, series);
  self->moving_window = FALSE;
  show_live_edge (self);
  if (self->stats_idle == 0)
    self->stats_idle = g_timeout_add (60, compute_stats, self);
}

static void
follow_samples (LbLagPage *self)
{
  LbLagSeries *series = lb_lag_chart_view_get_series (self->chart);
  g_autoptr(GTask) task = NULL;
  TailJob *job;

  /* Nothing shown yet (or still loading): read it all. */
  if (series == NULL || self->cancellable == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "chart") != 0)
    {
      reload (self, TRUE);
      return;
    }
  job = g_new0 (TailJob, 1);
  job->path = g_strdup (lb_store_get_path (self->store));
  job->project_id = self->project_id;
  job->series = lb_lag_series_ref (series);
  task = g_task_new (self, self->cancellable, on_tail_loaded, NULL);
  g_task_set_task_data (task, job, tail_job_free);
  g_task_run_in_thread (task, tail_thread);
}

/* Rehearsals (the markers) or the project (its threshold) changed: the samples did not. */
static void
refresh_markers (LbLagPage *self)
{
  LbLagSeries *series = lb_lag_chart_view_get_series (self->chart);
  g_autoptr(GArray) markers = NULL;
  LbProject *project;

  if (series == NULL || self->store == NULL)
    return;
  project = lb_store_get (self->store, &lb_project_kind, self->project_id, NULL);
  markers = lb_lag_markers_load (self->store, self->project_id, NULL);
  lb_lag_chart_view_set_data (self->chart, series, markers, project != NULL ? project->lag_threshold_s : NAN,
                              project != NULL ? project->name : NULL, TRUE);
  lb_record_free (project);
  if (self->stats_idle == 0)
    self->stats_idle = g_timeout_add (60, compute_stats, self);
}

static gboolean
reload_when_idle (gpointer data)
{
  LbLagPage *self = data;

  self->reload_idle = 0;
  if (self->samples_changed)
    follow_samples (self);
  if (self->markers_changed)
    refresh_markers (self);
  self->samples_changed = self->markers_changed = FALSE;
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (LbLagPage  *self,
                  const char *entity,
                  gint64      id,
                  LbStore    *store)
{
  /* New samples, rehearsals (markers) or the project (its threshold). */
  gboolean any = g_strcmp0 (entity, "*") == 0;

  /* Samples of another project (one being sampled in the background) change nothing here. */
  self->samples_changed |= any || (g_strcmp0 (entity, "lag_sample") == 0 && (id == 0 || id == self->project_id));
  self->markers_changed |= any || g_strcmp0 (entity, "rehearsal") == 0 || g_strcmp0 (entity, "rehearsal_step") == 0 ||
                           g_strcmp0 (entity, "project") == 0;
  if (!self->samples_changed && !self->markers_changed)
    return;
  if (self->reload_idle == 0)
    self->reload_idle = g_timeout_add (250, reload_when_idle, self);
}

void
lb_lag_page_set_store (LbLagPage *self,
                       LbStore   *store)
{
  g_return_if_fail (LB_IS_LAG_PAGE (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  self->project_id = 0;
  lb_profile_chooser_set_store (self->chooser, store);
  reload (self, FALSE);
  update_sampling (self);
}

void
lb_lag_page_set_project_id (LbLagPage *self,
                            gint64     project_id)
{
  g_return_if_fail (LB_IS_LAG_PAGE (self));

  if (self->project_id == project_id)
    return;
  self->project_id = project_id;
  self->has_stats = FALSE;
  lb_profile_chooser_set_project_id (self->chooser, project_id);
  reload (self, FALSE);
  update_sampling (self);
}

const char *
lb_lag_page_get_state (LbLagPage *self)
{
  g_return_val_if_fail (LB_IS_LAG_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

LbLagChartView *
lb_lag_page_get_chart (LbLagPage *self)
{
  g_return_val_if_fail (LB_IS_LAG_PAGE (self), NULL);
  return self->chart;
}

const LbLagStats *
lb_lag_page_get_stats (LbLagPage *self)
{
  g_return_val_if_fail (LB_IS_LAG_PAGE (self), NULL);
  return self->has_stats ? &self->stats : NULL;
}

gboolean
lb_lag_page_export (LbLagPage  *self,
                    const char *path,
                    GError    **error)
{
  LbLagChartSpec spec;

  g_return_val_if_fail (LB_IS_LAG_PAGE (self), FALSE);

  lb_lag_chart_view_get_spec (self->chart, &spec);
  if (spec.series == NULL)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("There is no lag history to export"));
      return FALSE;
    }
  /* Exports are for documents: the light palette reads best on paper. */
  spec.dark = FALSE;
  return lb_lag_chart_export (&spec, 1600, 500, path, error);
}

/* ---- controls ----------------------------------------------------------------------------- */

static void
on_preset_toggled (LbLagPage       *self,
                   GtkToggleButton *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "preset"));

  if (!gtk_toggle_button_get_active (button))
    return;
  self->setting_preset = TRUE;
  lb_lag_chart_view_show_last (self->chart, presets[index].span);
  self->setting_preset = FALSE;
}

static void
on_queues_toggled (LbLagPage       *self,
                   GtkToggleButton *button)
{
  lb_lag_chart_view_set_show_queues (self->chart, gtk_toggle_button_get_active (button));
}

static void
on_log_toggled (LbLagPage       *self,
                GtkToggleButton *button)
{
  lb_lag_chart_view_set_log_scale (self->chart, gtk_toggle_button_get_active (button));
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    LbLagPage       *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL && !lb_lag_page_export (self, path, &error))
    lb_error_dialog_show (GTK_WIDGET (self), _("Could Not Export the Chart"), error->message);
  g_object_unref (chooser);
}

/* A native chooser over the page's window, with one filter of @suffixes (NULL-terminated);
 * @on_response gets the page and unrefs the chooser. */
static GtkFileChooserNative *
new_chooser (GtkWidget            *page,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *filter_name,
             const char *const    *suffixes,
             GCallback             on_response)
{
  GtkRoot *root = gtk_widget_get_root (page);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                               action, accept, _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, filter_name);
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", on_response, page);
  return chooser;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  static const char *const suffixes[] = { "png", "svg", "pdf", NULL };
  GtkFileChooserNative *chooser = new_chooser (widget, _("Export Lag Chart"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("PNG, SVG or PDF"), suffixes,
                                               G_CALLBACK (on_export_response));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("lag.png"));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- CSV import ------------------------------------------------------------------------ */

#define SHOWN_REJECTIONS 8

static void
show_import_result (LbLagPage            *self,
                    const LbLagCsvReport *report)
{
  g_autofree char *message = NULL;
  g_autoptr(GString) rows = NULL;
  AdwToast *toast;

  /* TRANSLATORS: a toast, "Imported 1438 lag samples" */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %llu lag sample", "Imported %llu lag samples",
                                          (gulong) report->written),
                             (unsigned long long) report->written);
  toast = adw_toast_new (message);
  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
  g_object_unref (toast);
  if (report->rejected->len == 0)
    return;

  /* Rows left out are the user's to fix: say which and why. */
  rows = g_string_new (NULL);
  for (guint i = 0; i < MIN (report->rejected->len, SHOWN_REJECTIONS); i++)
    {
      const LbLagCsvRejection *r = report->rejected->pdata[i];

      /* TRANSLATORS: "Row 7: the lag “x” is not a number of seconds" */
      g_string_append_printf (rows, _("Row %u: %s\n"), r->row, r->reason);
    }
  if (report->rejected->len > SHOWN_REJECTIONS)
    g_string_append_printf (rows, _("… and %u more rows"), report->rejected->len - SHOWN_REJECTIONS);
  g_free (message);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Row Not Imported", "%u Rows Not Imported",
                                          report->rejected->len),
                             report->rejected->len);
  lb_error_dialog_show (GTK_WIDGET (self), message, g_strchomp (rows->str));
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LbLagPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LbLagCsvReport *report = lb_lag_csv_import_finish (result, &error);
  gboolean disposed = self->chart == NULL;

  g_clear_object (&self->import_cancellable);
  if (!disposed)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "lag.import", TRUE);
  if (report == NULL)
    {
      if (!disposed && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lb_error_dialog_show (GTK_WIDGET (self), _("Nothing Imported"), error->message);
      return;
    }
  g_clear_pointer (&self->last_import, lb_lag_csv_report_free);
  self->last_import = report;
  if (disposed)
    return;
  /* Another connection wrote the samples: every page of this one should see them. */
  if (self->store != NULL && report->written > 0)
    lb_store_notify_changed (self->store, "lag_sample", self->project_id);
  reload (self, FALSE);
  show_import_result (self, report);
}

void
lb_lag_page_import_csv (LbLagPage *self,
                        GFile     *file)
{
  g_return_if_fail (LB_IS_LAG_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL || self->project_id == 0 || self->import_cancellable != NULL)
    return;
  self->import_cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lag.import", FALSE);
  /* The file may hold years of samples: a worker with a store of its own reads it. */
  lb_lag_csv_import_async (lb_store_get_path (self->store), self->project_id, file, self->import_cancellable,
                           on_imported, g_object_ref (self));
}

gboolean
lb_lag_page_get_importing (LbLagPage *self)
{
  g_return_val_if_fail (LB_IS_LAG_PAGE (self), FALSE);
  return self->import_cancellable != NULL;
}

const LbLagCsvReport *
lb_lag_page_get_last_import (LbLagPage *self)
{
  g_return_val_if_fail (LB_IS_LAG_PAGE (self), NULL);
  return self->last_import;
}

static void
on_import_response (GtkNativeDialog *chooser,
                    int              response,
                    LbLagPage       *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    lb_lag_page_import_csv (self, file);
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  static const char *const suffixes[] = { "csv", NULL };

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (new_chooser (widget, _("Import Lag History"),
                                                          GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                                          _("CSV: time, lag_seconds[, queues]"), suffixes,
                                                          G_CALLBACK (on_import_response))));
}

/* ---- live sampling ------------------------------------------------------------------ */

static gboolean
tick_countdown (gpointer data)
{
  LbLagPage *self = data;

  update_sampling (self);
  return G_SOURCE_CONTINUE;
}

static void
update_sampling (LbLagPage *self)
{
  const LbSamplerStatus *status = self->samplers != NULL && self->project_id != 0
                                  ? lb_samplers_get_status (self->samplers, self->project_id) : NULL;
  const LbConnectionProfile *profile = lb_profile_chooser_get_selected (self->chooser);
  gboolean active = lb_sampler_status_is_active (status);
  gboolean can_start = FALSE;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->sampling_bar, self->project_id != 0 && self->samplers != NULL);
  if (status != NULL && (active || profile == NULL || status->message != NULL || status->n_samples > 0))
    text = lb_sampler_status_describe (status, lb_time_now_ms ());
  if (!active)
    {
      if (profile == NULL)
        {
          g_free (text);
          text = g_strdup (_("Add a connection profile for the SQL Server primary to sample the link’s lag live."));
        }
      else if (profile->auth != LB_AUTH_SQL_LOGIN)
        {
          g_free (text);
          text = g_strdup_printf (_("“%s” does not sign in with a SQL login: Windows and Microsoft Entra ID "
                                    "authentication are not supported for connecting yet."), profile->name);
        }
      else
        {
          LbLagSamplerOptions options;

          can_start = TRUE;
          if (text == NULL)
            {
              g_autofree char *server = lb_sql_profile_server_label (profile);

              lb_lag_sampler_options_init (&options);
              lb_settings_prepare_sampler_options (&options);
              /* TRANSLATORS: "Reads the link’s state every 5 s from sql01:1433 with “ERP source”; …" */
              text = g_strdup_printf (_("Reads the link’s state every %d s from %s with “%s”; the samples join the "
                                        "history below."),
                                      (int) (options.interval_ms / 1000), server, profile->name);
            }
        }
    }
  if (g_strcmp0 (text, self->sampling_status) != 0)
    {
      g_free (self->sampling_status);
      self->sampling_status = g_strdup (text);
      adw_action_row_set_subtitle (self->sampling_row, text != NULL ? text : "");
    }

  gtk_widget_set_visible (self->sampling_spinner, status != NULL && status->state != LB_SAMPLER_IDLE &&
                                                  status->state != LB_SAMPLER_SAMPLING);
  gtk_spinner_set_spinning (GTK_SPINNER (self->sampling_spinner), gtk_widget_get_visible (self->sampling_spinner));
  gtk_widget_set_visible (self->start_button, !active && profile != NULL);
  gtk_widget_set_visible (self->stop_button, active);
  gtk_widget_set_visible (self->profiles_button, !active && profile == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->chooser), !active);
  if (active)
    gtk_widget_add_css_class (self->sampling_bar, "sampling");
  else
    gtk_widget_remove_css_class (self->sampling_bar, "sampling");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lag.start-sampling", can_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lag.stop-sampling",
                                 active && status->state != LB_SAMPLER_STOPPING);

  /* A countdown only while reconnecting. */
  if (status != NULL && status->state == LB_SAMPLER_RECONNECTING)
    {
      if (self->countdown_id == 0)
        self->countdown_id = g_timeout_add_seconds (1, tick_countdown, self);
    }
  else
    g_clear_handle_id (&self->countdown_id, g_source_remove);
}

static void
on_samplers_changed (LbLagPage  *self,
                     gint64      project_id,
                     LbSamplers *samplers)
{
  if (project_id == self->project_id)
    update_sampling (self);
}

void
lb_lag_page_set_samplers (LbLagPage  *self,
                          LbSamplers *samplers)
{
  g_return_if_fail (LB_IS_LAG_PAGE (self));
  g_return_if_fail (samplers == NULL || LB_IS_SAMPLERS (samplers));

  if (self->samplers == samplers)
    return;
  if (self->samplers != NULL)
    g_signal_handlers_disconnect_by_func (self->samplers, on_samplers_changed, self);
  g_set_object (&self->samplers, samplers);
  if (samplers != NULL)
    g_signal_connect_object (samplers, "changed", G_CALLBACK (on_samplers_changed), self, G_CONNECT_SWAPPED);
  update_sampling (self);
}

const char *
lb_lag_page_get_sampling_status (LbLagPage *self)
{
  g_return_val_if_fail (LB_IS_LAG_PAGE (self), NULL);
  return self->sampling_status;
}

static void
start_sampling_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LbLagPage *self = LB_LAG_PAGE (widget);
  const LbConnectionProfile *profile = lb_profile_chooser_get_selected (self->chooser);
  g_autoptr(GError) error = NULL;
  LbLagSamplerOptions options;

  if (self->samplers == NULL || self->project_id == 0 || profile == NULL)
    return;
  lb_lag_sampler_options_init (&options);
  lb_settings_prepare_sampler_options (&options);
  /* A thread of its own looks the password up and polls; reports come back as "changed". */
  if (!lb_samplers_start (self->samplers, self->project_id, profile, &options, &error))
    lb_error_dialog_show (widget, _("Could Not Start Sampling"), error->message);
  else
    self->show_live = TRUE;
  update_sampling (self);
}

static void
stop_sampling_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LbLagPage *self = LB_LAG_PAGE (widget);

  if (self->samplers != NULL && self->project_id != 0)
    lb_samplers_stop (self->samplers, self->project_id);
}

static GtkWidget *
new_sampling_bar (LbLagPage *self)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("network-transmit-receive-symbolic");

  gtk_widget_set_margin_top (list, 18);
  gtk_widget_set_margin_start (list, 18);
  gtk_widget_set_margin_end (list, 18);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "sampling-bar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Live sampling"), -1);

  self->sampling_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sampling_row), _("Live Sampling"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->sampling_row), FALSE);
  gtk_widget_add_css_class (icon, "sampling-icon");
  adw_action_row_add_prefix (self->sampling_row, icon);

  self->chooser = LB_PROFILE_CHOOSER (lb_profile_chooser_new ());
  g_signal_connect_object (self->chooser, "changed", G_CALLBACK (update_sampling), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (self->sampling_row, GTK_WIDGET (self->chooser));

  self->sampling_spinner = gtk_spinner_new ();
  gtk_widget_set_valign (self->sampling_spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sampling_spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Connecting"), -1);
  adw_action_row_add_suffix (self->sampling_row, self->sampling_spinner);

  self->start_button = gtk_button_new_with_mnemonic (_("_Start Sampling"));
  gtk_widget_set_valign (self->start_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->start_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->start_button, _("Read the link’s lag from the SQL Server primary at the "
                                                     "interval the preferences set, until stopped"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_button), "lag.start-sampling");
  adw_action_row_add_suffix (self->sampling_row, self->start_button);

  self->stop_button = gtk_button_new_with_mnemonic (_("S_top Sampling"));
  gtk_widget_set_valign (self->stop_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->stop_button), "lag.stop-sampling");
  adw_action_row_add_suffix (self->sampling_row, self->stop_button);

  self->profiles_button = gtk_button_new_with_mnemonic (_("Connection Pro_files…"));
  gtk_widget_set_valign (self->profiles_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->profiles_button), "win.connection-profiles");
  adw_action_row_add_suffix (self->sampling_row, self->profiles_button);

  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->sampling_row));
  return list;
}

static GtkWidget *
new_stats_panel (LbLagPage *self)
{
  static const char *const titles[N_STATS] = {
    N_("Samples"), N_("Median (p50)"), N_("p95"), N_("p99"), N_("Maximum"), N_("Above threshold"),
    N_("Longest breach"), N_("Gaps"),
  };
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("In View"));
  /* The chart takes the width; the figures keep theirs. */
  gtk_widget_set_size_request (group, 260, -1);
  gtk_widget_set_hexpand (group, FALSE);
  for (guint i = 0; i < N_STATS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new ("—");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(titles[i]));
      gtk_widget_add_css_class (label, "numeric");
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      self->stats_labels[i] = label;
    }
  return group;
}

static GtkWidget *
new_toolbar (LbLagPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *queues = gtk_toggle_button_new_with_mnemonic (_("_Queues"));
  GtkWidget *log_scale = gtk_toggle_button_new_with_mnemonic (_("_Log Scale"));
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));
  GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import CSV…"));

  gtk_widget_add_css_class (linked, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(presets[i].label));

      g_object_set_data (G_OBJECT (button), "preset", GUINT_TO_POINTER (i));
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->presets[0]);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (on_preset_toggled), self);
      gtk_box_append (GTK_BOX (linked), button);
      self->presets[i] = GTK_TOGGLE_BUTTON (button);
    }
  gtk_widget_set_tooltip_text (queues, _("Show the log send queue and the redo queue (KB, right axis)"));
  gtk_widget_set_tooltip_text (log_scale, _("A logarithmic lag axis, for spikes far above the usual lag"));
  gtk_widget_set_tooltip_text (export, _("Save the chart in view as PNG, SVG or PDF"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "lag.export");
  gtk_widget_set_tooltip_text (import, _("Add lag samples from a CSV file: time, lag seconds, optionally the queues"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "lag.import");
  g_signal_connect_swapped (queues, "toggled", G_CALLBACK (on_queues_toggled), self);
  g_signal_connect_swapped (log_scale, "toggled", G_CALLBACK (on_log_toggled), self);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (bar), linked);
  gtk_box_append (GTK_BOX (bar), spacer);
  gtk_box_append (GTK_BOX (bar), queues);
  gtk_box_append (GTK_BOX (bar), log_scale);
  gtk_box_append (GTK_BOX (bar), import);
  gtk_box_append (GTK_BOX (bar), export);
  return bar;
}

GtkWidget *
lb_lag_page_new (void)
{
  return g_object_new (LB_TYPE_LAG_PAGE, NULL);
}

static void
lb_lag_page_dispose (GObject *object)
{
  LbLagPage *self = LB_LAG_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->import_cancellable);
  g_clear_pointer (&self->last_import, lb_lag_csv_report_free);
  if (self->chart != NULL)
    g_signal_handlers_disconnect_by_data (self->chart, self);
  g_clear_handle_id (&self->stats_idle, g_source_remove);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (self->samplers != NULL)
    g_signal_handlers_disconnect_by_func (self->samplers, on_samplers_changed, self);
  g_clear_object (&self->samplers);
  g_clear_pointer (&self->sampling_status, g_free);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_object (&self->store);
  /* Stats still running report to a page that ignores them. */
  self->stats_generation++;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->chart = NULL;
  G_OBJECT_CLASS (lb_lag_page_parent_class)->dispose (object);
}

static void
lb_lag_page_class_init (LbLagPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_lag_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_install_action (widget_class, "lag.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "lag.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "lag.start-sampling", NULL, start_sampling_action);
  gtk_widget_class_install_action (widget_class, "lag.stop-sampling", NULL, stop_sampling_action);

  /**
   * LbLagPage::add-toast:
   * @toast: what an import has to say
   */
  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                            NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

static void
lb_lag_page_init (LbLagPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  /* Above every state: sampling is what fills an empty history. */
  self->sampling_bar = new_sampling_bar (self);
  gtk_widget_set_parent (self->sampling_bar, GTK_WIDGET (self));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "network-transmit-receive-symbolic");
  adw_status_page_set_title (self->empty_page, _("No Lag History"));
  adw_status_page_set_description (self->empty_page,
                                   _("Replication lag appears here once the link is sampled or a lag history is "
                                     "imported."));
  {
    GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import CSV…"));

    gtk_widget_add_css_class (import, "pill");
    gtk_widget_set_halign (import, GTK_ALIGN_CENTER);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "lag.import");
    adw_status_page_set_child (self->empty_page, import);
  }
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _("Could Not Read the Lag History"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_box_append (GTK_BOX (box), new_toolbar (self));
  self->chart = LB_LAG_CHART_VIEW (lb_lag_chart_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), 320, 240);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Replication lag chart"), -1);
  g_signal_connect_swapped (self->chart, "notify::window-to", G_CALLBACK (on_window_changed), self);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->chart));
  gtk_box_append (GTK_BOX (content), new_stats_panel (self));
  gtk_box_append (GTK_BOX (box), content);
  /* Narrow windows scroll the page rather than force its width on every other page. */
  {
    GtkWidget *scrolled = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
    gtk_stack_add_named (self->stack, scrolled, "chart");
  }
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_sampling (self);
}
