/* test-portfolio-view.c: the portfolio home over the demo portfolio — what it shows,
 * sorting, search and wave filter, opening a project and coming back, moving a project to
 * another wave — and the Waves dialog: create, rename, reorder and delete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lb-portfolio-item.h"
#include "lb-portfolio-view.h"
#include "lb-record-dialog.h"
#include "lb-wave-dialog.h"
#include "lb-window.h"
#include "ui-test-common.h"

typedef struct
{
  char            *dir;
  char            *path;
  LbWindow        *window;
  LbStore         *store;
  LbPortfolioView *view;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbDemoOptions options;

  f->dir = ui_test_make_dir ("portfolio");
  f->path = g_build_filename (f->dir, "demo.db", NULL);
  {
    g_autoptr(LbStore) store = lb_store_open (f->path, &error);

    g_assert_no_error (error);
    lb_demo_options_init (&options);
    options.lag_days = 1;
    g_assert_true (lb_demo_generate (store, &options, NULL, &error));
    g_assert_no_error (error);
  }
  f->window = lb_window_new (ui_test_get_application (), f->path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1440, 760);
  ui_test_show_window (GTK_WINDOW (f->window));
  f->store = lb_window_get_store (f->window);
  f->view = lb_window_get_portfolio_view (f->window);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  GtkWindow *dialog;

  while ((dialog = ui_test_find_window (LB_TYPE_WAVE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  ui_test_destroy_window (GTK_WINDOW (f->window));
  g_free (f->path);
  g_free (f->dir);
}

static LbPortfolioItem *
item_at (Fixture *f,
         guint    position)
{
  GListModel *model = lb_portfolio_view_get_model (f->view);
  LbPortfolioItem *item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_object_unref (item); /* the model keeps it */
  return item;
}

static guint
n_shown (Fixture *f)
{
  return g_list_model_get_n_items (lb_portfolio_view_get_model (f->view));
}

static GtkColumnViewColumn *
column (Fixture    *f,
        const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (lb_portfolio_view_get_column_view (f->view));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (c), title) == 0)
        return c; /* the column view keeps it */
    }
  g_error ("no column %s", title);
  return NULL;
}

static gint64
wave_id (Fixture    *f,
         const char *name)
{
  LbWave *wave = lb_store_find (f->store, &lb_wave_kind, "name", name, NULL);
  gint64 id;

  g_assert_nonnull (wave);
  id = wave->id;
  lb_record_free (wave);
  return id;
}

/* ---- the home table ------------------------------------------------------------------- */

static void
test_home (Fixture      *f,
           gconstpointer data)
{
  const LbPortfolioRow *erp = NULL;
  gint64 n_projects = lb_store_count (f->store, &lb_project_kind, NULL, 0, NULL);
  GtkWidget *summary;

  /* A database opens on its portfolio: every project, waves in plan order. */
  g_assert_true (lb_window_get_showing_portfolio (f->window));
  g_assert_cmpstr (lb_window_get_state (f->window), ==, "projects");
  g_assert_cmpuint (lb_portfolio_view_get_n_projects (f->view), ==, n_projects);
  g_assert_cmpuint (n_shown (f), ==, n_projects);
  for (guint i = 1; i < n_shown (f); i++)
    g_assert_cmpint (lb_portfolio_item_get_row (item_at (f, i - 1))->wave_position, <=,
                     lb_portfolio_item_get_row (item_at (f, i))->wave_position);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (lb_portfolio_view_get_column_view (f->view))),
                    ==, 9);

  for (guint i = 0; i < n_shown (f); i++)
    if (g_str_equal (lb_portfolio_item_get_row (item_at (f, i))->project->name, "Luma Manufacturing — Plant ERP"))
      erp = lb_portfolio_item_get_row (item_at (f, i));
  g_assert_nonnull (erp);
  g_assert_true (erp->production_ready);

  summary = ui_test_find_with_class (GTK_WIDGET (f->view), "portfolio-summary");
  g_assert_nonnull (summary);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (summary)), "projects production-ready"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (summary)), "open high risk"));

  /* The broker portal's last drill failed and ran over its target: flagged, as text too. */
  for (guint i = 0; i < n_shown (f); i++)
    {
      LbPortfolioItem *item = item_at (f, i);

      if (g_str_equal (lb_portfolio_item_get_row (item)->project->name, "Parkview Insurance — Broker Portal"))
        {
          g_autofree char *text = lb_portfolio_row_rehearsal_text (lb_portfolio_item_get_row (item));

          g_assert_true (lb_portfolio_item_rehearsal_missed (item));
          g_assert_cmpstr (text, ==, "Failed, 99/60 min");
        }
    }
  ui_test_spin (200);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "portfolio.png"));
}

static void
test_sort (Fixture      *f,
           gconstpointer data)
{
  GtkColumnView *view = lb_portfolio_view_get_column_view (f->view);

  gtk_column_view_sort_by_column (view, column (f, "Project"), GTK_SORT_DESCENDING);
  for (guint i = 1; i < n_shown (f); i++)
    g_assert_cmpint (g_utf8_collate (lb_portfolio_item_get_row (item_at (f, i - 1))->project->name,
                                     lb_portfolio_item_get_row (item_at (f, i))->project->name), >=, 0);

  gtk_column_view_sort_by_column (view, column (f, "High Risks"), GTK_SORT_DESCENDING);
  g_assert_cmpuint (lb_portfolio_item_get_row (item_at (f, 0))->open_high_risks, >=, 1);
  for (guint i = 1; i < n_shown (f); i++)
    g_assert_cmpuint (lb_portfolio_item_get_row (item_at (f, i - 1))->open_high_risks, >=,
                      lb_portfolio_item_get_row (item_at (f, i))->open_high_risks);

  /* Ready projects first. */
  gtk_column_view_sort_by_column (view, column (f, "Readiness"), GTK_SORT_ASCENDING);
  g_assert_true (lb_portfolio_item_get_row (item_at (f, 0))->production_ready);
  g_assert_false (lb_portfolio_item_get_row (item_at (f, n_shown (f) - 1))->production_ready);
}

static void
test_search_and_wave_filter (Fixture      *f,
                             gconstpointer data)
{
  guint total = n_shown (f);
  guint in_waves = 0;
  g_autoptr(GPtrArray) waves = lb_store_list (f->store, &lb_wave_kind, NULL, 0, NULL);
  const LbWave *first_wave = waves->pdata[0];

  /* Every word must match, whatever its case, in name, wave, status, owner or server. */
  lb_portfolio_view_set_search_text (f->view, "BROKER portal");
  g_assert_cmpuint (n_shown (f), ==, 1);
  g_assert_cmpstr (lb_portfolio_item_get_row (item_at (f, 0))->project->name, ==,
                   "Parkview Insurance — Broker Portal");
  lb_portfolio_view_set_search_text (f->view, "no such project anywhere");
  g_assert_cmpuint (n_shown (f), ==, 0);
  ui_test_spin (100);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "portfolio-no-match.png"));
  lb_portfolio_view_set_search_text (f->view, NULL);
  g_assert_cmpuint (n_shown (f), ==, total);

  g_assert_true (lb_portfolio_view_set_wave_filter (f->view, first_wave->id));
  g_assert_cmpuint (n_shown (f), >, 0);
  for (guint i = 0; i < n_shown (f); i++)
    g_assert_cmpint (lb_portfolio_item_get_row (item_at (f, i))->project->wave_id, ==, first_wave->id);
  in_waves = n_shown (f);
  g_assert_true (lb_portfolio_view_set_wave_filter (f->view, LB_PORTFOLIO_NO_WAVE));
  for (guint i = 0; i < n_shown (f); i++)
    g_assert_null (lb_portfolio_item_get_row (item_at (f, i))->wave);
  g_assert_cmpuint (in_waves + n_shown (f), <=, total);
  g_assert_false (lb_portfolio_view_set_wave_filter (f->view, 987654));
  g_assert_true (lb_portfolio_view_set_wave_filter (f->view, LB_PORTFOLIO_ALL_WAVES));
  g_assert_cmpuint (n_shown (f), ==, total);
}

static void
test_open_and_return (Fixture      *f,
                      gconstpointer data)
{
  gint64 id = ui_test_project_id (f->store, "Parkview Insurance — Broker Portal");

  g_assert_true (lb_portfolio_view_select_project (f->view, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "portfolio.open", NULL));
  g_assert_false (lb_window_get_showing_portfolio (f->window));
  g_assert_cmpint (lb_project_list_get_selected_project_id (lb_window_get_project_list (f->window)), ==, id);
  g_assert_cmpstr (lb_project_page_get_title (lb_window_get_project_page (f->window)), ==,
                   "Parkview Insurance — Broker Portal");

  /* Home again: the same project stays selected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-portfolio", NULL));
  g_assert_true (lb_window_get_showing_portfolio (f->window));
  g_assert_cmpint (lb_portfolio_view_get_selected_project_id (f->view), ==, id);

  /* Activating a row (double-click, Enter) opens it too. */
  g_signal_emit_by_name (lb_portfolio_view_get_column_view (f->view), "activate", 0);
  g_assert_false (lb_window_get_showing_portfolio (f->window));
  g_assert_cmpint (lb_project_list_get_selected_project_id (lb_window_get_project_list (f->window)), ==,
                   lb_portfolio_item_get_project_id (item_at (f, 0)));
}

static gboolean
row_in_wave (gpointer data)
{
  Fixture *f = data;
  gint64 id = lb_portfolio_view_get_selected_project_id (f->view);

  for (guint i = 0; i < n_shown (f); i++)
    {
      const LbPortfolioRow *row = lb_portfolio_item_get_row (item_at (f, i));

      if (row->project->id == id)
        return row->wave == NULL;
    }
  return FALSE;
}

static void
test_move_to_wave (Fixture      *f,
                   gconstpointer data)
{
  gint64 id = ui_test_project_id (f->store, "Luma Manufacturing — Plant ERP");
  GtkDropDown *move;
  GListModel *names;
  LbProject *project;

  g_assert_true (lb_portfolio_view_select_project (f->view, id));
  move = GTK_DROP_DOWN (ui_test_find_by_type (GTK_WIDGET (f->view), GTK_TYPE_DROP_DOWN,
                                      "Move the project to another wave"));
  g_assert_nonnull (move);
  names = gtk_drop_down_get_model (move);
  /* The drop-down shows the project's wave; its last entry is "No Wave". */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), gtk_drop_down_get_selected (move)), ==,
                   "Wave 2 — Core ERP");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), g_list_model_get_n_items (names) - 1), ==,
                   "No Wave");
  gtk_drop_down_set_selected (move, g_list_model_get_n_items (names) - 1);

  project = lb_store_get (f->store, &lb_project_kind, id, NULL);
  g_assert_cmpint (project->wave_id, ==, 0);
  lb_record_free (project);
  ui_test_wait_until (row_in_wave, f, 15000, "the portfolio to reload");
  /* The selection survives the reload. */
  g_assert_cmpint (lb_portfolio_view_get_selected_project_id (f->view), ==, id);
}

/* ---- waves ---------------------------------------------------------------------------- */

static gboolean
no_record_dialog (gpointer data)
{
  return ui_test_find_window (LB_TYPE_RECORD_DIALOG) == NULL;
}

static gboolean
n_waves_is (gpointer data)
{
  gpointer *args = data;

  return lb_wave_dialog_get_n_waves (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
click_in_row (LbWaveDialog *dialog,
              gint64        wave,
              const char   *css_class)
{
  GtkWidget *row = lb_wave_dialog_get_row (dialog, wave);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = ui_test_find_with_class (row, css_class);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static char *
plan (Fixture *f)
{
  g_autoptr(GPtrArray) waves = lb_store_list (f->store, &lb_wave_kind, NULL, 0, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < waves->len; i++)
    g_strv_builder_add (names, ((LbWave *) waves->pdata[i])->name);
  strv = g_strv_builder_end (names);
  return g_strjoinv (" | ", strv);
}

static void
test_waves_dialog (Fixture      *f,
                   gconstpointer data)
{
  LbWaveDialog *dialog;
  LbRecordDialog *editor;
  g_autoptr(GPtrArray) waves = lb_store_list (f->store, &lb_wave_kind, NULL, 0, NULL);
  guint n = waves->len;
  gint64 first = ((LbWave *) waves->pdata[0])->id;
  gint64 second = ((LbWave *) waves->pdata[1])->id;
  gint64 added;
  gpointer args[2];
  g_autofree char *before = plan (f);
  g_autofree char *after = NULL;

  g_assert_cmpuint (n, >=, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.manage-waves", NULL));
  dialog = LB_WAVE_DIALOG (ui_test_find_window (LB_TYPE_WAVE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (lb_wave_dialog_get_n_waves (dialog), ==, n);
  ui_test_spin (100);
  g_free (ui_test_screenshot (GTK_WIDGET (dialog), "waves.png"));

  /* Reorder: the first wave cannot move up; the second one can, and takes its place. */
  g_assert_false (gtk_widget_is_sensitive (ui_test_find_with_class (lb_wave_dialog_get_row (dialog, first), "move-up")));
  click_in_row (dialog, second, "move-up");
  after = plan (f);
  g_assert_cmpstr (after, !=, before);
  waves = (g_ptr_array_unref (waves), lb_store_list (f->store, &lb_wave_kind, NULL, 0, NULL));
  g_assert_cmpint (((LbWave *) waves->pdata[0])->id, ==, second);
  g_assert_cmpint (((LbWave *) waves->pdata[1])->id, ==, first);

  /* Rename through the wave's own form; an empty name is refused. */
  click_in_row (dialog, first, "edit");
  editor = LB_RECORD_DIALOG (ui_test_find_window (LB_TYPE_RECORD_DIALOG));
  g_assert_nonnull (editor);
  g_assert_true (lb_record_form_set_text (lb_record_dialog_get_form (editor), "name", ""));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "record.save", NULL));
  g_assert_nonnull (lb_record_form_get_error (lb_record_dialog_get_form (editor), "name"));
  g_assert_true (lb_record_form_set_text (lb_record_dialog_get_form (editor), "name", "Wave 9 — Renamed"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "record.save", NULL));
  ui_test_wait_until (no_record_dialog, NULL, 15000, "the wave dialog to close");
  g_assert_cmpint (wave_id (f, "Wave 9 — Renamed"), ==, first);

  /* A new wave comes last. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "waves.new", NULL));
  editor = LB_RECORD_DIALOG (ui_test_find_window (LB_TYPE_RECORD_DIALOG));
  g_assert_true (lb_record_form_set_text (lb_record_dialog_get_form (editor), "name", "Wave 4 — Stragglers"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "record.save", NULL));
  ui_test_wait_until (no_record_dialog, NULL, 15000, "the wave dialog to close");
  added = wave_id (f, "Wave 4 — Stragglers");
  waves = (g_ptr_array_unref (waves), lb_store_list (f->store, &lb_wave_kind, NULL, 0, NULL));
  g_assert_cmpint (((LbWave *) waves->pdata[waves->len - 1])->id, ==, added);
  args[0] = dialog;
  args[1] = GUINT_TO_POINTER (n + 1);
  ui_test_wait_until (n_waves_is, args, 15000, "the new wave's row");

  /* Deleting a wave keeps its projects, without a wave. */
  {
    gint64 n_in_first = lb_store_count (f->store, &lb_project_kind, "wave_id", first, NULL);
    gint64 n_without = lb_store_count (f->store, &lb_project_kind, NULL, 0, NULL) -
                       lb_store_count (f->store, &lb_project_kind, "wave_id", second, NULL) -
                       n_in_first;
    AdwMessageDialog *confirm;

    g_assert_cmpint (n_in_first, >, 0);
    click_in_row (dialog, first, "delete");
    confirm = ADW_MESSAGE_DIALOG (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (confirm);
    adw_message_dialog_response (confirm, "delete");
    gtk_window_destroy (GTK_WINDOW (confirm));
    g_assert_null (lb_store_find (f->store, &lb_wave_kind, "name", "Wave 9 — Renamed", NULL));
    g_assert_cmpint (lb_store_count (f->store, &lb_project_kind, NULL, 0, NULL) -
                     lb_store_count (f->store, &lb_project_kind, "wave_id", second, NULL), ==,
                     n_without + n_in_first);
    args[1] = GUINT_TO_POINTER (n);
    ui_test_wait_until (n_waves_is, args, 15000, "the deleted wave's row to go");
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lb/ui/portfolio/home", test_home);
  ADD ("/lb/ui/portfolio/sort", test_sort);
  ADD ("/lb/ui/portfolio/search-and-wave-filter", test_search_and_wave_filter);
  ADD ("/lb/ui/portfolio/open-and-return", test_open_and_return);
  ADD ("/lb/ui/portfolio/move-to-wave", test_move_to_wave);
  ADD ("/lb/ui/portfolio/waves-dialog", test_waves_dialog);
#undef ADD

  return g_test_run ();
}
