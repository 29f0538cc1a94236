/* test-lag-page.c: the Lag page over the demo portfolio — the chart appears after the
 * series is read off the main thread; presets, zoom and pan move the window and the
 * statistics follow; the tooltip describes the nearest sample; export writes PNG, SVG and
 * PDF; a project without samples shows the empty state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lb-lag-page.h"
#include "lb-window.h"
#include "ui-test-common.h"

#define HOUR_MS G_GINT64_CONSTANT (3600000)

typedef struct
{
  char      *dir;
  char      *path;
  LbWindow  *window;
  LbLagPage *page;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbDemoOptions options;

  f->dir = ui_test_make_dir ("lag");
  f->path = g_build_filename (f->dir, "demo.db", NULL);
  {
    g_autoptr(LbStore) store = lb_store_open (f->path, &error);

    g_assert_no_error (error);
    lb_demo_options_init (&options);
    options.lag_days = 2;
    g_assert_true (lb_demo_generate (store, &options, NULL, &error));
  }
  f->window = lb_window_new (ui_test_get_application (), f->path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 800);
  ui_test_show_window (GTK_WINDOW (f->window));
  f->page = LB_LAG_PAGE (lb_window_get_page (f->window, "lag"));
  g_assert_nonnull (f->page);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  ui_test_destroy_window (GTK_WINDOW (f->window));
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
state_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (lb_lag_page_get_state (args[0]), args[1]) == 0;
}

static gboolean
has_stats (gpointer data)
{
  gpointer *args = data;
  const LbLagStats *stats = lb_lag_page_get_stats (args[0]);
  gint64 from;

  lb_lag_chart_view_get_window (lb_lag_page_get_chart (args[0]), &from, NULL);
  return stats != NULL && stats->from == from;
}

static void
open_project (Fixture    *f,
              const char *name)
{
  lb_window_open_project (f->window, ui_test_project_id (lb_window_get_store (f->window), name));
  lb_window_show_page (f->window, "lag");
}

static void
test_chart (Fixture      *f,
            gconstpointer data)
{
  LbLagChartView *chart = lb_lag_page_get_chart (f->page);
  gpointer args[2] = { f->page, (gpointer) "chart" };
  gint64 from, to, first, last;
  const LbLagStats *stats;
  guint all_samples;
  g_autofree char *tooltip = NULL;

  open_project (f, "Luma Manufacturing — Plant ERP");
  ui_test_wait_until (state_is, args, 30000, "the lag series");
  ui_test_wait_until (has_stats, args, 15000, "the statistics");

  /* All of it at first: two days of samples. */
  g_assert_true (lb_lag_series_get_extent (lb_lag_chart_view_get_series (chart), &first, &last));
  lb_lag_chart_view_get_window (chart, &from, &to);
  g_assert_cmpint (from, <=, first);
  g_assert_cmpint (to, >, last);
  stats = lb_lag_page_get_stats (f->page);
  all_samples = stats->n_samples;
  g_assert_cmpuint (all_samples, ==, lb_lag_series_get_n_samples (lb_lag_chart_view_get_series (chart)));
  g_assert_cmpfloat (stats->threshold_s, ==, 30);
  ui_test_spin (200);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "page-lag.png"));

  /* The 1 h preset: the last hour. */
  {
    GtkWidget *scrolled = gtk_stack_get_child_by_name (GTK_STACK (gtk_widget_get_last_child (GTK_WIDGET (f->page))),
                                                       "chart");
    GtkWidget *box = gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled))));
    GtkWidget *toolbar = gtk_widget_get_first_child (box);
    GtkWidget *presets = gtk_widget_get_first_child (toolbar);
    GtkWidget *one_hour = gtk_widget_get_first_child (presets);

    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (one_hour)), ==, "1 h");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (one_hour), TRUE);
    lb_lag_chart_view_get_window (chart, &from, &to);
    g_assert_cmpint (to - from, ==, HOUR_MS);
    g_assert_cmpint (to, ==, last + 1);
    ui_test_wait_until (has_stats, args, 15000, "the hour's statistics");
    g_assert_cmpuint (lb_lag_page_get_stats (f->page)->n_samples, <, all_samples);
  }

  /* Zoom to five minutes around the middle and back out; pan an hour earlier. */
  lb_lag_chart_view_zoom (chart, 5.0 / 60, 0.5);
  lb_lag_chart_view_get_window (chart, &from, &to);
  g_assert_cmpint (to - from, ==, 5 * 60000);
  lb_lag_chart_view_zoom (chart, 0.001, 0.5); /* no closer than a minute */
  lb_lag_chart_view_get_window (chart, &from, &to);
  g_assert_cmpint (to - from, ==, LB_LAG_CHART_MIN_SPAN_MS);
  lb_lag_chart_view_zoom (chart, 60, 0.5);
  lb_lag_chart_view_pan (chart, -1);
  lb_lag_chart_view_get_window (chart, &from, &to);
  g_assert_cmpint (to - from, ==, HOUR_MS);
  g_assert_cmpint (to, <, last - HOUR_MS / 2);
  ui_test_wait_until (has_stats, args, 15000, "the statistics after panning");
  ui_test_spin (100);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "page-lag-hour.png"));

  /* The tooltip names the sample under the pointer. */
  {
    LbLagChartSpec spec;
    LbChartRect plot;

    lb_lag_chart_view_get_spec (chart, &spec);
    lb_lag_chart_get_plot_area (&spec, gtk_widget_get_width (GTK_WIDGET (chart)),
                                gtk_widget_get_height (GTK_WIDGET (chart)), &plot);
    tooltip = lb_lag_chart_view_describe_point (chart, plot.x + plot.width / 2, plot.y + 10);
    g_assert_nonnull (tooltip);
    g_assert_nonnull (strstr (tooltip, " · lag "));
    g_assert_nonnull (strstr (tooltip, "Log send queue"));
    g_assert_null (lb_lag_chart_view_describe_point (chart, 2, 2)); /* outside the plot */
  }

  /* Export, in each format. */
  {
    static const char *const names[] = { "lag.png", "lag.svg", "lag.pdf" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
        g_autoptr(GError) error = NULL;
        g_autofree char *contents = NULL;
        gsize length = 0;

        g_assert_true (lb_lag_page_export (f->page, path, &error));
        g_assert_no_error (error);
        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        g_assert_cmpuint (length, >, 1000);
      }
  }
}


static gboolean
has_samples (gpointer data)
{
  gpointer *args = data;
  LbLagSeries *series = lb_lag_chart_view_get_series (lb_lag_page_get_chart (args[0]));

  return series != NULL && lb_lag_series_get_n_samples (series) == GPOINTER_TO_UINT (args[1]);
}

/* New samples written while the page is open are appended, and a window showing the
 * latest sample moves with them. */
static void
test_follow (Fixture      *f,
             gconstpointer data)
{
  LbLagChartView *chart = lb_lag_page_get_chart (f->page);
  LbStore *store = lb_window_get_store (f->window);
  gint64 project_id = ui_test_project_id (store, "Luma Manufacturing — Plant ERP");
  gpointer args[2] = { f->page, (gpointer) "chart" };
  g_autoptr(GError) error = NULL;
  LbLagWriter *writer;
  gint64 last, from, to, new_from, new_to;
  guint n;

  open_project (f, "Luma Manufacturing — Plant ERP");
  ui_test_wait_until (state_is, args, 30000, "the lag series");
  lb_lag_chart_view_show_last (chart, HOUR_MS);
  n = lb_lag_series_get_n_samples (lb_lag_chart_view_get_series (chart));
  lb_lag_series_get_extent (lb_lag_chart_view_get_series (chart), NULL, &last);
  lb_lag_chart_view_get_window (chart, &from, &to);

  writer = lb_lag_writer_new (store, project_id, LB_LAG_SOURCE_IMPORT, 0, &error);
  g_assert_no_error (error);
  for (int i = 1; i <= 60; i++)
    {
      LbLagSample sample;

      lb_lag_sample_init (&sample, last + i * 5000);
      sample.lag_s = i == 30 ? 25 : 0.5;
      g_assert_true (lb_lag_writer_add (writer, &sample, &error));
    }
  g_assert_true (lb_lag_writer_commit (writer, &error));
  lb_lag_writer_free (writer);

  args[1] = GUINT_TO_POINTER (n + 60);
  ui_test_wait_until (has_samples, args, 15000, "the new samples");
  lb_lag_chart_view_get_window (chart, &new_from, &new_to);
  g_assert_cmpint (new_to - new_from, ==, to - from);
  g_assert_cmpint (new_to - to, ==, 60 * 5000);
}

static void
test_empty (Fixture      *f,
            gconstpointer data)
{
  gpointer args[2] = { f->page, (gpointer) "empty" };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "none.png", NULL);

  open_project (f, "Parkview Insurance — Claims Archive");
  ui_test_wait_until (state_is, args, 30000, "the empty state");
  g_assert_false (lb_lag_page_export (f->page, path, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "page-lag-empty.png"));
}

static gboolean
overview_counts_720 (gpointer data)
{
  return lb_project_page_get_lag_sample_count (data) == 720;
}

static gboolean
not_importing (gpointer data)
{
  return !lb_lag_page_get_importing (data);
}

static void
on_add_toast (GPtrArray *toasts,
              AdwToast  *toast)
{
  g_ptr_array_add (toasts, g_strdup (adw_toast_get_title (toast)));
}

/* An empty project gets its history from CSV: the chart appears, the bad row is shown in
 * a dialog, the overview's count follows, and the toast says how many samples. */
static void
test_import (Fixture      *f,
             gconstpointer data)
{
  gpointer empty[2] = { f->page, (gpointer) "empty" };
  gpointer chart[2] = { f->page, (gpointer) "chart" };
  g_autofree char *csv = g_build_filename (f->dir, "lag.csv", NULL);
  g_autoptr(GString) text = g_string_new ("time,lag_seconds,log_send_queue_kb\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_free);
  const LbLagCsvReport *report;
  GtkWindow *dialog;

  for (int i = 0; i < 720; i++)
    g_string_append_printf (text, "%d,%.1f,%d\n", 1795989600 + i * 10, 1.0 + (i % 60) / 10.0, 100 + i % 50);
  g_string_append (text, "1795997000,lots,1\n");
  g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));
  file = g_file_new_for_path (csv);
  g_signal_connect_swapped (f->page, "add-toast", G_CALLBACK (on_add_toast), toasts);

  open_project (f, "Parkview Insurance — Claims Archive");
  ui_test_wait_until (state_is, empty, 30000, "the empty state");
  /* The empty state offers the import (the chooser itself is the desktop's). */
  g_assert_nonnull (ui_test_find_with_action (GTK_WIDGET (f->page), "lag.import"));
  lb_lag_page_import_csv (f->page, file);
  g_assert_true (lb_lag_page_get_importing (f->page));
  ui_test_wait_until (not_importing, f->page, 30000, "the import");
  report = lb_lag_page_get_last_import (f->page);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->written, ==, 720);
  g_assert_cmpuint (report->rejected->len, ==, 1);
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_cmpstr (toasts->pdata[0], ==, "Imported 720 lag samples");
  dialog = ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "1 Row Not Imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Row 722: the lag “lots”"));
  gtk_window_destroy (dialog);
  ui_test_wait_until (state_is, chart, 30000, "the chart");
  /* The overview, reading through the window's store, was told of the other connection's write. */
  ui_test_wait_until (overview_counts_720, lb_window_get_project_page (f->window), 30000, "the overview's count");
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lb/ui/lag-page/chart", test_chart);
  ADD ("/lb/ui/lag-page/empty", test_empty);
  ADD ("/lb/ui/lag-page/follow", test_follow);
  ADD ("/lb/ui/lag-page/import", test_import);
#undef ADD
  return g_test_run ();
}
