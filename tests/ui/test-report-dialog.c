/* test-report-dialog.c: "Export Report…" from a project and from the portfolio — the
 * choices and preferences reach the report's options, a PDF is written on a worker and
 * the window offers to open it, Cancel and closing the dialog leave nothing behind, and a
 * failed export says why and keeps the dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lb-report-dialog.h"
#include "lb-settings.h"
#include "lb-window.h"
#include "ui-test-common.h"

typedef struct
{
  char     *dir;
  char     *out_dir;
  char     *db_path;
  LbWindow *window;
  LbStore  *store;
  char     *exported;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(LbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = ui_test_make_dir ("report-dialog");
  f->out_dir = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out_dir, 0700), ==, 0);
  f->db_path = g_build_filename (f->dir, "report.db", NULL);
  store = lb_store_open (f->db_path, &error);
  g_assert_no_error (error);
  ui_test_fill_portfolio (store);
  g_clear_object (&store);

  f->window = lb_window_new (ui_test_get_application (), f->db_path);
  ui_test_show_window (GTK_WINDOW (f->window));
  f->store = lb_window_get_store (f->window);
  g_assert_nonnull (f->store);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  GtkWindow *window;

  while ((window = ui_test_find_window (LB_TYPE_REPORT_DIALOG)) != NULL ||
         (window = ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (window);
  ui_test_destroy_window (GTK_WINDOW (f->window));
  g_free (f->exported);
  g_free (f->db_path);
  g_free (f->out_dir);
  g_free (f->dir);
}

static void
on_exported (LbReportDialog *dialog,
             const char     *path,
             Fixture        *f)
{
  g_free (f->exported);
  f->exported = g_strdup (path);
}

/* Opens the dialog as the user does, through the window's action. */
static LbReportDialog *
open_dialog (Fixture *f)
{
  LbReportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-report", NULL));
  dialog = LB_REPORT_DIALOG (ui_test_find_window (LB_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  ui_test_show_window (GTK_WINDOW (dialog));
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), f);
  return dialog;
}

static gboolean
export_finished (gpointer data)
{
  const char *state = lb_report_dialog_get_state (data);

  return g_strcmp0 (state, "running") != 0;
}

static guint
n_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
test_project_pdf (Fixture      *f,
                  gconstpointer data)
{
  gint64 project_id = ui_test_project_id (f->store, "ERP Plant 1");
  g_autofree char *path = g_build_filename (f->out_dir, "plant.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  LbReportDialog *dialog;
  gint64 cutover;

  lb_window_open_project (f->window, project_id);
  dialog = open_dialog (f);
  g_assert_cmpint (lb_report_dialog_get_project_id (dialog), ==, project_id);
  g_free (ui_test_screenshot (GTK_WIDGET (dialog), "report-dialog.png"));
  g_assert_null (ui_test_find_named (GTK_WIDGET (dialog), "wave"));

  name = lb_report_dialog_get_suggested_name (dialog);
  g_assert_cmpstr (name, ==, "ERP Plant 1 — cutover report.pdf");
  lb_report_dialog_set_format (dialog, LB_REPORT_FORMAT_CSV);
  g_clear_pointer (&name, g_free);
  name = lb_report_dialog_get_suggested_name (dialog);
  g_assert_cmpstr (name, ==, "ERP Plant 1 — cutover report");
  lb_report_dialog_set_format (dialog, LB_REPORT_FORMAT_PDF);

  /* The choices reach the options. */
  lb_report_dialog_set_cutover_text (dialog, "2026-12-12 22:00");
  lb_report_dialog_set_lag_window (dialog, LB_REPORT_WINDOW_DAY);
  {
    g_auto(LbReportOptions) options;

    lb_report_options_init (&options);
    g_assert_true (lb_report_dialog_fill_options (dialog, &options, &error));
    g_assert_no_error (error);
    g_assert_true (lb_time_parse ("2026-12-12 22:00", NULL, &cutover));
    g_assert_cmpint (options.cutover_at, ==, cutover);
    g_assert_cmpint (options.window_span_ms, ==, 24 * 3600 * 1000);
  }

  /* A date that is not one: the row says so and Export is off. */
  lb_report_dialog_set_cutover_text (dialog, "next Friday");
  g_assert_true (gtk_widget_has_css_class (ui_test_find_named (GTK_WIDGET (dialog), "cutover"), "error"));
  {
    g_auto(LbReportOptions) options;

    lb_report_options_init (&options);
    g_assert_false (lb_report_dialog_fill_options (dialog, &options, &error));
    g_assert_nonnull (strstr (error->message, "next Friday"));
    g_clear_error (&error);
  }
  lb_report_dialog_set_cutover_text (dialog, "");

  /* Export: the dialog closes, the file is a PDF, the window offers to open it. */
  g_object_ref (dialog);
  lb_report_dialog_export_to (dialog, path);
  g_assert_cmpstr (lb_report_dialog_get_state (dialog), ==, "running");
  ui_test_wait_until (export_finished, dialog, 60000, "the export to finish");
  g_assert_cmpstr (lb_report_dialog_get_state (dialog), ==, "done");
  g_assert_cmpstr (lb_report_dialog_get_output_path (dialog), ==, path);
  g_assert_cmpstr (f->exported, ==, path);
  g_assert_null (ui_test_find_window (LB_TYPE_REPORT_DIALOG));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (n_files (f->out_dir), ==, 1); /* no temporary file left beside it */
  g_object_unref (dialog);

  /* The toast's Open button opens the file's URI. */
  {
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    GtkWidget *open = NULL;
    GVariant *target;

    ui_test_spin (100);
    open = ui_test_find_with_action (GTK_WIDGET (f->window), "win.open-uri");
    g_assert_nonnull (open);
    target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open));
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
    g_assert_true (gtk_widget_is_sensitive (open));
  }
}

static void
test_portfolio_cancel (Fixture      *f,
                       gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->out_dir, "portfolio.pdf", NULL);
  g_autofree char *name = NULL;
  LbReportDialog *dialog;
  GtkWidget *wave_row;

  lb_window_show_portfolio (f->window);
  dialog = open_dialog (f);
  g_assert_cmpint (lb_report_dialog_get_project_id (dialog), ==, 0);
  wave_row = ui_test_find_named (GTK_WIDGET (dialog), "wave");
  g_assert_true (ADW_IS_COMBO_ROW (wave_row));
  /* "Every wave" and the fixture's two waves. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (wave_row))), ==, 3);
  name = lb_report_dialog_get_suggested_name (dialog);
  g_assert_cmpstr (name, ==, "Portfolio — cutover report.pdf");
  adw_combo_row_set_selected (ADW_COMBO_ROW (wave_row), 1);
  g_clear_pointer (&name, g_free);
  name = lb_report_dialog_get_suggested_name (dialog);
  g_assert_cmpstr (name, ==, "Wave 1 — Finance — cutover report.pdf");
  {
    g_auto(LbReportOptions) options;
    g_autoptr(GError) error = NULL;
    LbWave *wave = lb_store_find (f->store, &lb_wave_kind, "name", "Wave 1 — Finance", &error);

    g_assert_no_error (error);
    lb_report_options_init (&options);
    g_assert_true (lb_report_dialog_fill_options (dialog, &options, NULL));
    g_assert_cmpint (options.wave_id, ==, wave->id);
    lb_record_free (wave);
  }

  /* Cancelled at once: nothing is written, the dialog stays and says so. */
  lb_report_dialog_export_to (dialog, path);
  lb_report_dialog_cancel (dialog);
  ui_test_wait_until (export_finished, dialog, 60000, "the export to stop");
  g_assert_cmpstr (lb_report_dialog_get_state (dialog), ==, "cancelled");
  g_assert_cmpstr (lb_report_dialog_get_progress_text (dialog), ==, "Cancelled: nothing was written");
  g_assert_nonnull (ui_test_find_window (LB_TYPE_REPORT_DIALOG));
  g_assert_null (f->exported);
  g_assert_cmpuint (n_files (f->out_dir), ==, 0);
  g_free (ui_test_screenshot (GTK_WIDGET (dialog), "report-dialog-cancelled.png"));

  /* Closing the dialog while it writes stops the export too. */
  lb_report_dialog_export_to (dialog, path);
  gtk_window_close (GTK_WINDOW (dialog));
  /* Finalized once the worker has stopped and dropped the dialog. */
  ui_test_wait_finalized (dialog);
  g_assert_null (f->exported);
  g_assert_cmpuint (n_files (f->out_dir), ==, 0);
}

static void
test_failure (Fixture      *f,
              gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->out_dir, "no-such-folder", "report.html", NULL);
  LbReportDialog *dialog;

  lb_window_open_project (f->window, ui_test_project_id (f->store, "ERP Plant 1"));
  dialog = open_dialog (f);
  lb_report_dialog_set_format (dialog, LB_REPORT_FORMAT_HTML);
  lb_report_dialog_export_to (dialog, path);
  ui_test_wait_until (export_finished, dialog, 60000, "the export to fail");
  g_assert_cmpstr (lb_report_dialog_get_state (dialog), ==, "failed");
  g_assert_nonnull (lb_report_dialog_get_error (dialog));
  g_assert_nonnull (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (ui_test_find_window (LB_TYPE_REPORT_DIALOG));
  g_assert_null (f->exported);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/ui/report-dialog/project-pdf", Fixture, NULL, fixture_setup, test_project_pdf, fixture_teardown);
  g_test_add ("/ui/report-dialog/portfolio-cancel", Fixture, NULL, fixture_setup, test_portfolio_cancel,
              fixture_teardown);
  g_test_add ("/ui/report-dialog/failure", Fixture, NULL, fixture_setup, test_failure, fixture_teardown);
  return g_test_run ();
}
