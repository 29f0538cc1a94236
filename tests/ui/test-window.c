/* test-window.c: the main window on real databases, under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "lb-demo-database.h"
#include "lb-project-dialog.h"
#include "lb-project-row.h"
#include "lb-window.h"

#include "ui-test-common.h"

typedef struct
{
  char     *dir;
  char     *path;
  LbWindow *window;
} Fixture;

static void
fixture_open (Fixture  *f,
              gboolean  with_portfolio)
{
  g_autoptr(GError) error = NULL;

  f->dir = ui_test_make_dir ("window");
  f->path = g_build_filename (f->dir, "portfolio.db", NULL);
  if (with_portfolio)
    {
      g_autoptr(LbStore) store = lb_store_open (f->path, &error);

      g_assert_no_error (error);
      ui_test_fill_portfolio (store);
    }
  f->window = lb_window_new (ui_test_get_application (), f->path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  ui_test_show_window (GTK_WINDOW (f->window));
}

static void
fixture_setup_portfolio (Fixture      *f,
                         gconstpointer data)
{
  fixture_open (f, TRUE);
}

static void
fixture_setup_empty (Fixture      *f,
                     gconstpointer data)
{
  fixture_open (f, FALSE);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  GtkWindow *dialog;

  while ((dialog = ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL ||
         (dialog = ui_test_find_window (LB_TYPE_PROJECT_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  ui_test_destroy_window (GTK_WINDOW (f->window));
  g_free (f->path);
  g_free (f->dir);
}

/* A second connection, as another program would see the file. */
static LbStore *
open_again (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LbStore *store = lb_store_open (f->path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
count_projects (Fixture *f)
{
  g_autoptr(LbStore) store = open_again (f);

  return lb_store_count (store, &lb_project_kind, NULL, 0, NULL);
}

static LbProjectRow *
row_at (Fixture *f,
        int      index)
{
  GtkListBox *list_box = lb_project_list_get_list_box (lb_window_get_project_list (f->window));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box, index);

  return row != NULL ? LB_PROJECT_ROW (row) : NULL;
}

static LbProjectRow *
row_named (Fixture    *f,
           const char *name)
{
  LbProjectRow *row;

  for (int i = 0; (row = row_at (f, i)) != NULL; i++)
    if (g_strcmp0 (lb_project_row_get_title (row), name) == 0)
      return row;
  return NULL;
}

static const char *
header_text (LbProjectRow *row)
{
  GtkWidget *header = gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row));

  return GTK_IS_LABEL (header) ? gtk_label_get_text (GTK_LABEL (header)) : NULL;
}

static LbProjectDialog *
open_new_project_dialog (Fixture *f)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-project", NULL));
  dialog = ui_test_find_window (LB_TYPE_PROJECT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (f->window));
  return LB_PROJECT_DIALOG (dialog);
}

static gboolean
no_project_dialog (gpointer data)
{
  return ui_test_find_window (LB_TYPE_PROJECT_DIALOG) == NULL;
}

static void
set_text (LbProjectDialog *dialog,
          const char      *field,
          const char      *text)
{
  g_assert_true (lb_record_form_set_text (lb_project_dialog_get_form (dialog), field, text));
}

/* ---- sidebar ------------------------------------------------------------------------------ */

static gboolean
lag_counted (gpointer data)
{
  return lb_project_page_get_lag_sample_count (data) >= 0;
}

static void
test_sidebar_groups_by_wave (Fixture      *f,
                             gconstpointer data)
{
  static const char *const expected[] = {
    "ERP Plant 1", "Payroll", "Treasury",                   /* Wave 1 */
    "Fleet Tracking", "Legacy Billing", "Warehouse Ops",    /* Wave 2 */
    "Finance DR", "Intranet CMS",                           /* no wave, last */
  };
  LbProjectList *list = lb_window_get_project_list (f->window);
  LbProjectPage *page = lb_window_get_project_page (f->window);
  g_autofree char *basename = g_path_get_basename (f->path);

  g_assert_cmpstr (lb_window_get_state (f->window), ==, "projects");
  g_assert_cmpstr (lb_window_get_path (f->window), ==, f->path);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), basename));
  g_assert_cmpuint (lb_project_list_get_n_projects (list), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (lb_project_row_get_title (row_at (f, i)), ==, expected[i]);
  g_assert_null (row_at (f, G_N_ELEMENTS (expected)));

  /* One header per wave, "No Wave" last. */
  g_assert_cmpstr (header_text (row_at (f, 0)), ==, "Wave 1 — Finance");
  g_assert_null (header_text (row_at (f, 1)));
  g_assert_null (header_text (row_at (f, 2)));
  g_assert_cmpstr (header_text (row_at (f, 3)), ==, "Wave 2 — Operations");
  g_assert_null (header_text (row_at (f, 4)));
  g_assert_cmpstr (header_text (row_at (f, 6)), ==, "No Wave");
  g_assert_null (header_text (row_at (f, 7)));

  /* Name, "source → target" and status. */
  g_assert_cmpstr (lb_project_row_get_subtitle (row_at (f, 0)), ==, "sqlprod01/ERP → mi-erp-weu");
  g_assert_cmpstr (lb_project_row_get_subtitle (row_named (f, "Intranet CMS")), ==, "sqlweb03/Intranet → not set");
  g_assert_cmpint (lb_project_row_get_status (row_at (f, 0)), ==, LB_STATUS_REPLICATING);
  g_assert_cmpint (lb_project_row_get_status (row_named (f, "Legacy Billing")), ==, LB_STATUS_ROLLED_BACK);

  /* The first project is selected and shown with its record counts. */
  g_assert_cmpint (lb_project_list_get_selected_project_id (list), ==,
                   lb_project_row_get_project_id (row_at (f, 0)));
  g_assert_cmpstr (lb_project_page_get_title (page), ==, "ERP Plant 1");
  g_assert_cmpint (lb_project_page_get_count (page, &lb_readiness_item_kind), ==, 5);
  g_assert_cmpint (lb_project_page_get_count (page, &lb_capacity_test_kind), ==, 3);
  g_assert_cmpint (lb_project_page_get_count (page, &lb_rehearsal_kind), ==, 2);
  g_assert_cmpint (lb_project_page_get_count (page, &lb_evidence_kind), ==, 4);
  g_assert_cmpint (lb_project_page_get_count (page, &lb_cost_item_kind), ==, 3);
  g_assert_cmpint (lb_project_page_get_count (page, &lb_risk_kind), ==, 2);
  g_assert_cmpint (lb_project_page_get_count (page, &lb_approval_kind), ==, 1);
  g_assert_cmpint (lb_project_page_get_count (page, &lb_connection_profile_kind), ==, 2);

  /* Lag samples are counted on a worker thread. */
  ui_test_wait_until (lag_counted, page, 10000, "the lag samples to be counted");
  g_assert_cmpint (lb_project_page_get_lag_sample_count (page), ==, 120);

  /* Selecting another project shows it. */
  g_assert_true (lb_project_list_select_project (list, lb_project_row_get_project_id (row_named (f, "Payroll"))));
  g_assert_cmpstr (lb_project_page_get_title (page), ==, "Payroll");
  g_assert_cmpint (lb_project_page_get_count (page, &lb_risk_kind), ==, 0);
  ui_test_wait_until (lag_counted, page, 10000, "the lag samples to be counted");
  g_assert_cmpint (lb_project_page_get_lag_sample_count (page), ==, 0);
}

typedef struct
{
  Fixture    *f;
  const char *visible;
} FilterWait;

static gboolean
filter_applied (gpointer data)
{
  FilterWait *w = data;
  LbProjectRow *row;
  guint visible = 0;

  for (int i = 0; (row = row_at (w->f, i)) != NULL; i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
      {
        visible++;
        if (g_strcmp0 (lb_project_row_get_title (row), w->visible) != 0)
          return FALSE;
      }
  return visible == 1;
}

static void
test_sidebar_search (Fixture      *f,
                     gconstpointer data)
{
  LbProjectList *list = lb_window_get_project_list (f->window);
  GtkWidget *entry;
  FilterWait wait = { f, "Payroll" };
  LbPortfolioView *portfolio = lb_window_get_portfolio_view (f->window);

  /* On the portfolio (home), Ctrl+F searches the table… */
  g_assert_true (lb_window_get_showing_portfolio (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_true (lb_portfolio_view_get_search_mode (portfolio));
  g_assert_false (lb_project_list_get_search_mode (list));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_false (lb_portfolio_view_get_search_mode (portfolio));

  /* …and with a project open, the sidebar. */
  lb_window_open_project (f->window, lb_project_list_get_selected_project_id (list));
  g_assert_false (lb_window_get_showing_portfolio (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_true (lb_project_list_get_search_mode (list));
  /* The search entry sits in the list's search bar. */
  entry = NULL;
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (list)); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_SEARCH_BAR (w))
      entry = gtk_search_bar_get_child (GTK_SEARCH_BAR (w));
  g_assert_true (GTK_IS_SEARCH_ENTRY (entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "pay");
  ui_test_wait_until (filter_applied, &wait, 15000, "the search filter");

  /* Words match anywhere: the target instance of Fleet Tracking and Warehouse Ops is shared. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "fleet neu");
  wait.visible = "Fleet Tracking";
  ui_test_wait_until (filter_applied, &wait, 15000, "the second search filter");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_false (lb_project_list_get_search_mode (list));
}

/* ---- create --------------------------------------------------------------------------------- */

static void
test_create_project (Fixture      *f,
                     gconstpointer data)
{
  LbProjectDialog *dialog = open_new_project_dialog (f);
  LbProjectList *list = lb_window_get_project_list (f->window);
  g_autoptr(LbStore) store = NULL;
  LbProject *project;
  LbProjectRow *row;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "New Project");
  set_text (dialog, "name", "Customer Portal");
  set_text (dialog, "status", "Seeding");
  set_text (dialog, "wave_id", "Wave 2 — Operations");
  set_text (dialog, "source_server", "sqlweb09");
  set_text (dialog, "source_database", "Portal");
  set_text (dialog, "target_instance", "mi-web-neu");
  set_text (dialog, "target_tier", "General Purpose");
  set_text (dialog, "target_vcores", "8");
  set_text (dialog, "lag_threshold_s", "45");
  set_text (dialog, "planned_cutover", "2027-01-17 22:00");
  set_text (dialog, "notes", "Two lines\nof notes");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "project.save", NULL));
  ui_test_wait_until (no_project_dialog, NULL, 15000, "the dialog to close");

  store = open_again (f);
  project = lb_store_find (store, &lb_project_kind, "name", "Customer Portal", NULL);
  g_assert_nonnull (project);
  g_assert_cmpint (project->status, ==, LB_STATUS_SEEDING);
  g_assert_cmpint (project->scenario, ==, LB_SCENARIO_MIGRATION); /* the default */
  g_assert_cmpint (project->target_tier, ==, LB_TIER_GENERAL_PURPOSE);
  g_assert_cmpint (project->target_vcores, ==, 8);
  g_assert_cmpfloat (project->lag_threshold_s, ==, 45);
  g_assert_cmpint (project->downtime_target_min, ==, 120); /* the default */
  g_assert_cmpstr (project->notes, ==, "Two lines\nof notes");
  {
    LbWave *wave = lb_store_get (store, &lb_wave_kind, project->wave_id, NULL);

    g_assert_nonnull (wave);
    g_assert_cmpstr (wave->name, ==, "Wave 2 — Operations");
    lb_record_free (wave);
  }

  /* In the sidebar, in its wave, selected and shown. */
  row = row_named (f, "Customer Portal");
  g_assert_nonnull (row);
  g_assert_cmpstr (lb_project_row_get_wave_name (row), ==, "Wave 2 — Operations");
  g_assert_cmpstr (lb_project_row_get_subtitle (row), ==, "sqlweb09/Portal → mi-web-neu");
  g_assert_cmpint (lb_project_list_get_selected_project_id (list), ==, project->id);
  g_assert_cmpstr (lb_project_page_get_title (lb_window_get_project_page (f->window)), ==, "Customer Portal");
  lb_record_free (project);
}

static void
test_create_with_enter (Fixture      *f,
                        gconstpointer data)
{
  LbProjectDialog *dialog = open_new_project_dialog (f);
  GtkWidget *name_row = lb_record_form_get_row (lb_project_dialog_get_form (dialog), "name");

  gtk_editable_set_text (GTK_EDITABLE (name_row), "Keyboard Project");
  g_signal_emit_by_name (name_row, "entry-activated");
  ui_test_wait_until (no_project_dialog, NULL, 15000, "the dialog to close");
  g_assert_nonnull (row_named (f, "Keyboard Project"));
  g_assert_cmpint (count_projects (f), ==, 9);
}

/* Create must be refused with the message under the right row, the dialog open and the
 * database untouched. */
static void
assert_refused (Fixture         *f,
                LbProjectDialog *dialog,
                const char      *field,
                const char      *message_part)
{
  LbRecordForm *form = lb_project_dialog_get_form (dialog);
  const char *message;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "project.save", NULL));
  ui_test_spin (50);

  message = lb_record_form_get_error (form, field);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, message_part));
  g_assert_true (gtk_widget_has_css_class (lb_record_form_get_row (form, field), "error"));
  g_assert_true (ui_test_find_window (LB_TYPE_PROJECT_DIALOG) == GTK_WINDOW (dialog));
  g_assert_null (lb_project_dialog_get_message (dialog));
  g_assert_cmpint (count_projects (f), ==, 8);
}

static void
test_create_invalid (Fixture      *f,
                     gconstpointer data)
{
  LbProjectDialog *dialog = open_new_project_dialog (f);
  LbRecordForm *form = lb_project_dialog_get_form (dialog);

  /* Empty name: "Name: must not be empty" shows as "Must not be empty" under Name. */
  assert_refused (f, dialog, "name", "Must not be empty");
  g_assert_null (lb_record_form_get_error (form, "lag_threshold_s"));

  /* Editing the row takes the message away. */
  set_text (dialog, "name", "payroll");
  g_assert_null (lb_record_form_get_error (form, "name"));
  g_assert_false (gtk_widget_has_css_class (lb_record_form_get_row (form, "name"), "error"));

  /* A name in use, whatever its case. */
  assert_refused (f, dialog, "name", "is already in use");

  /* A number that is not one, and one out of range: both rows are marked at once. */
  set_text (dialog, "name", "New One");
  set_text (dialog, "lag_threshold_s", "abc");
  set_text (dialog, "source_port", "14 33");
  assert_refused (f, dialog, "lag_threshold_s", "is not a number");
  g_assert_nonnull (lb_record_form_get_error (form, "source_port"));
  g_assert_null (lb_record_form_get_error (form, "name"));

  /* The store's range rule, reported under its row. */
  set_text (dialog, "lag_threshold_s", "30");
  set_text (dialog, "source_port", "1433");
  set_text (dialog, "target_vcores", "1");
  assert_refused (f, dialog, "target_vcores", "Must be between 2 and 128");

  /* A date that is not one. */
  set_text (dialog, "target_vcores", "4");
  set_text (dialog, "planned_cutover", "next tuesday");
  assert_refused (f, dialog, "planned_cutover", "2026-11-29 14:30");

  /* Fixed: now it goes through. */
  set_text (dialog, "planned_cutover", "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "project.save", NULL));
  ui_test_wait_until (no_project_dialog, NULL, 15000, "the dialog to close");
  g_assert_cmpint (count_projects (f), ==, 9);
}

static void
test_cancel_writes_nothing (Fixture      *f,
                            gconstpointer data)
{
  LbProjectDialog *dialog = open_new_project_dialog (f);

  set_text (dialog, "name", "Never Saved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  ui_test_wait_until (no_project_dialog, NULL, 15000, "the dialog to close");
  g_assert_cmpint (count_projects (f), ==, 8);
  g_assert_null (row_named (f, "Never Saved"));
}

static void
test_edit_project (Fixture      *f,
                   gconstpointer data)
{
  LbProjectList *list = lb_window_get_project_list (f->window);
  LbProjectDialog *dialog;
  LbRecordForm *form;
  g_autoptr(LbStore) store = NULL;
  LbProject *project;
  gint64 id;

  id = lb_project_row_get_project_id (row_named (f, "ERP Plant 1"));
  lb_project_list_select_project (list, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-project", NULL));
  dialog = LB_PROJECT_DIALOG (ui_test_find_window (LB_TYPE_PROJECT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Project");
  form = lb_project_dialog_get_form (dialog);

  /* The form shows the stored values the way they are typed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lb_record_form_get_row (form, "name"))), ==, "ERP Plant 1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lb_record_form_get_row (form, "lag_threshold_s"))), ==, "15");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lb_record_form_get_row (form, "planned_cutover"))), ==,
                   "2026-12-06 22:00");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (lb_record_form_get_row (form, "status"))), ==,
                    LB_STATUS_REPLICATING);

  set_text (dialog, "owner", "Ravi Iyer");
  set_text (dialog, "status", "Rehearsing");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "project.save", NULL));
  ui_test_wait_until (no_project_dialog, NULL, 15000, "the dialog to close");

  store = open_again (f);
  project = lb_store_get (store, &lb_project_kind, id, NULL);
  g_assert_cmpstr (project->owner, ==, "Ravi Iyer");
  g_assert_cmpint (project->status, ==, LB_STATUS_REHEARSING);
  g_assert_cmpstr (project->notes, ==, "Plant 1 closes its books on the 5th; cut over after the close.");
  g_assert_cmpint (project->planned_cutover, !=, LB_UNSET_INT);
  lb_record_free (project);
  g_assert_cmpint (lb_project_row_get_status (row_named (f, "ERP Plant 1")), ==, LB_STATUS_REHEARSING);
  g_assert_cmpint (lb_project_list_get_selected_project_id (list), ==, id);
}

/* ---- delete --------------------------------------------------------------------------------- */

static AdwMessageDialog *
ask_delete (Fixture    *f,
            const char *name)
{
  LbProjectList *list = lb_window_get_project_list (f->window);
  AdwMessageDialog *dialog;
  g_autofree char *heading = g_strdup_printf ("Delete “%s”?", name);

  g_assert_true (lb_project_list_select_project (list, lb_project_row_get_project_id (row_named (f, name))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-project", NULL));
  dialog = ADW_MESSAGE_DIALOG (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  return dialog;
}

/* What a click on a response button does: respond, then close. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
no_message_dialog (gpointer data)
{
  return ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static void
test_delete_project (Fixture      *f,
                     gconstpointer data)
{
  LbProjectList *list = lb_window_get_project_list (f->window);
  AdwMessageDialog *dialog;

  /* Cancel keeps it. */
  dialog = ask_delete (f, "Treasury");
  respond (dialog, "cancel");
  ui_test_wait_until (no_message_dialog, NULL, 15000, "the confirmation to close");
  g_assert_cmpint (count_projects (f), ==, 8);
  g_assert_nonnull (row_named (f, "Treasury"));

  /* Delete removes it from the database and the sidebar; its neighbour is selected. */
  dialog = ask_delete (f, "Treasury");
  respond (dialog, "delete");
  ui_test_wait_until (no_message_dialog, NULL, 15000, "the confirmation to close");
  g_assert_cmpint (count_projects (f), ==, 7);
  g_assert_null (row_named (f, "Treasury"));
  g_assert_cmpuint (lb_project_list_get_n_projects (list), ==, 7);
  g_assert_cmpint (lb_project_list_get_selected_project_id (list), ==,
                   lb_project_row_get_project_id (row_named (f, "Fleet Tracking")));

  /* Records go with the project. */
  dialog = ask_delete (f, "ERP Plant 1");
  respond (dialog, "delete");
  ui_test_wait_until (no_message_dialog, NULL, 15000, "the confirmation to close");
  {
    g_autoptr(LbStore) store = open_again (f);

    g_assert_cmpint (lb_store_count (store, &lb_readiness_item_kind, NULL, 0, NULL), ==, 0);
  }
}

/* ---- states ------------------------------------------------------------------------------- */

static void
test_empty_state (Fixture      *f,
                  gconstpointer data)
{
  LbProjectDialog *dialog;
  g_autofree char *shot = NULL;

  g_assert_cmpstr (lb_window_get_state (f->window), ==, "empty");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (f->window)));
  shot = ui_test_screenshot (GTK_WIDGET (f->window), "empty.png");

  /* The first project takes the window out of the empty state. */
  dialog = open_new_project_dialog (f);
  set_text (dialog, "name", "First Project");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "project.save", NULL));
  ui_test_wait_until (no_project_dialog, NULL, 15000, "the dialog to close");
  g_assert_cmpstr (lb_window_get_state (f->window), ==, "projects");
  g_assert_cmpstr (lb_project_page_get_title (lb_window_get_project_page (f->window)), ==, "First Project");

  /* …and deleting the last one brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-project", NULL));
  respond (ADW_MESSAGE_DIALOG (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)), "delete");
  ui_test_wait_until (no_message_dialog, NULL, 15000, "the confirmation to close");
  g_assert_cmpstr (lb_window_get_state (f->window), ==, "empty");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-project", NULL);
  g_assert_null (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_unreadable_database (void)
{
  g_autofree char *dir = ui_test_make_dir ("unreadable");
  g_autofree char *garbage = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *after = NULL;
  LbWindow *window;
  sqlite3 *db = NULL;

  /* Not a database at all. */
  write_file (garbage, "These are my notes, not a database.\n");
  window = lb_window_new (ui_test_get_application (), garbage);
  ui_test_show_window (GTK_WINDOW (window));
  g_assert_cmpstr (lb_window_get_state (window), ==, "error");
  g_assert_nonnull (lb_window_get_error_message (window));
  g_assert_nonnull (strstr (lb_window_get_error_message (window), garbage));
  g_assert_null (lb_window_get_store (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-project", NULL);
  g_assert_null (ui_test_find_window (LB_TYPE_PROJECT_DIALOG));
  g_file_get_contents (garbage, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, "These are my notes, not a database.\n");
  g_free (ui_test_screenshot (GTK_WIDGET (window), "error.png"));
  ui_test_destroy_window (GTK_WINDOW (window));

  /* A Linkbench database from a newer version: refused, not changed. */
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1282558818; PRAGMA user_version = 99;"
                                     "CREATE TABLE future (x);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  window = lb_window_new (ui_test_get_application (), newer);
  ui_test_show_window (GTK_WINDOW (window));
  g_assert_cmpstr (lb_window_get_state (window), ==, "error");
  g_assert_nonnull (strstr (lb_window_get_error_message (window), "newer"));
  ui_test_destroy_window (GTK_WINDOW (window));
}

/* ---- demo ----------------------------------------------------------------------------------- */

static gboolean
not_generating (gpointer data)
{
  return g_strcmp0 (lb_window_get_state (data), "generating") != 0;
}

static void
test_open_demo (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *demo = lb_demo_database_get_path ();
  g_autofree char *demo_dir = g_path_get_dirname (demo);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *shot = NULL;
  const char *name;

  g_assert_true (g_str_has_prefix (demo, g_get_user_cache_dir ()));
  g_assert_cmpstr (lb_window_get_state (f->window), ==, "empty");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-demo", NULL));
  /* Generation runs on a worker: the window answers meanwhile. */
  g_assert_cmpstr (lb_window_get_state (f->window), ==, "generating");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-project", NULL) &&
                  ui_test_find_window (LB_TYPE_PROJECT_DIALOG) != NULL);
  ui_test_spin (200);
  if (g_strcmp0 (lb_window_get_state (f->window), "generating") == 0)
    shot = ui_test_screenshot (GTK_WIDGET (f->window), "generating.png");
  ui_test_wait_until (not_generating, f->window, 240000, "the demo portfolio");

  if (g_file_test (demo, G_FILE_TEST_EXISTS))
    {
      /* The generator works: the demo is shown, apart from the user's database. */
      g_assert_cmpstr (lb_window_get_path (f->window), ==, demo);
      g_assert_cmpstr (lb_window_get_state (f->window), ==, "projects");
      g_assert_cmpint (count_projects (f), ==, 0);
      g_free (ui_test_screenshot (GTK_WIDGET (f->window), "demo.png"));

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-demo", NULL));
      g_assert_cmpstr (lb_window_get_path (f->window), ==, f->path);
      g_assert_cmpstr (lb_window_get_state (f->window), ==, "empty");
    }
  else
    {
      /* It failed: the error is shown and the window is back where it was. */
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));

      g_test_message ("The demo generator failed; checking the failure path");
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open the Demo Portfolio");
      g_assert_cmpstr (lb_window_get_path (f->window), ==, f->path);
      g_assert_cmpstr (lb_window_get_state (f->window), ==, "empty");
      respond (dialog, "close");
    }

  /* Nothing half-written is left in the cache. */
  dir = g_dir_open (demo_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".part"));
}

/* ---- screenshots and settings --------------------------------------------------------------- */

static void
test_screenshots (Fixture      *f,
                  gconstpointer data)
{
  LbProjectDialog *dialog;
  g_autofree char *window_shot = NULL;
  g_autofree char *dialog_shot = NULL;
  g_autofree char *error_shot = NULL;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >=, 1100);
  lb_window_open_project (f->window, lb_project_list_get_selected_project_id (lb_window_get_project_list (f->window)));
  window_shot = ui_test_screenshot (GTK_WIDGET (f->window), "window.png");
  g_assert_true (g_file_test (window_shot, G_FILE_TEST_IS_REGULAR));

  /* The lower half of the overview: link, plan and notes. */
  {
    GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (lb_window_get_project_page (f->window)));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    g_free (ui_test_screenshot (GTK_WIDGET (f->window), "window-bottom.png"));
  }

  dialog = open_new_project_dialog (f);
  ui_test_show_window (GTK_WINDOW (dialog));
  dialog_shot = ui_test_screenshot (GTK_WIDGET (dialog), "dialog.png");

  set_text (dialog, "name", "Payroll");
  set_text (dialog, "status", "Planning");
  set_text (dialog, "owner", "Jana Novak");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "project.save", NULL);
  ui_test_spin (300);
  error_shot = ui_test_screenshot (GTK_WIDGET (dialog), "dialog-error.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* About, from the application's action. */
  {
    GtkWindow *about;

    g_action_group_activate_action (G_ACTION_GROUP (ui_test_get_application ()), "about", NULL);
    about = ui_test_find_window (ADW_TYPE_ABOUT_WINDOW);
    g_assert_nonnull (about);
    g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Linkbench");
    g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
    g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()), APP_ID));
    ui_test_show_window (about);
    g_free (ui_test_screenshot (GTK_WIDGET (about), "about.png"));
    gtk_window_destroy (about);
  }

  /* Narrow: the sidebar folds away. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 700);
  ui_test_spin (500);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "window-narrow.png"));
  lb_window_show_portfolio (f->window);
  ui_test_spin (300);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "portfolio-narrow.png"));
}

static void
test_window_size_is_kept (void)
{
  g_autofree char *dir = ui_test_make_dir ("settings");
  g_autofree char *path = g_build_filename (dir, "size.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.linkbench.Linkbench");
  g_autofree char *last = NULL;
  LbWindow *window;
  int width, height;

  window = lb_window_new (ui_test_get_application (), path);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  ui_test_show_window (GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (window));
  ui_test_spin (100);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  last = g_settings_get_string (settings, "last-database");
  g_assert_cmpstr (last, ==, path);

  /* The next window starts at that size. */
  window = lb_window_new (ui_test_get_application (), path);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  ui_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/ui/window/sidebar-groups-by-wave", Fixture, NULL,
              fixture_setup_portfolio, test_sidebar_groups_by_wave, fixture_teardown);
  g_test_add ("/ui/window/sidebar-search", Fixture, NULL,
              fixture_setup_portfolio, test_sidebar_search, fixture_teardown);
  g_test_add ("/ui/window/create-project", Fixture, NULL,
              fixture_setup_portfolio, test_create_project, fixture_teardown);
  g_test_add ("/ui/window/create-with-enter", Fixture, NULL,
              fixture_setup_portfolio, test_create_with_enter, fixture_teardown);
  g_test_add ("/ui/window/create-invalid", Fixture, NULL,
              fixture_setup_portfolio, test_create_invalid, fixture_teardown);
  g_test_add ("/ui/window/cancel-writes-nothing", Fixture, NULL,
              fixture_setup_portfolio, test_cancel_writes_nothing, fixture_teardown);
  g_test_add ("/ui/window/edit-project", Fixture, NULL,
              fixture_setup_portfolio, test_edit_project, fixture_teardown);
  g_test_add ("/ui/window/delete-project", Fixture, NULL,
              fixture_setup_portfolio, test_delete_project, fixture_teardown);
  g_test_add ("/ui/window/empty-state", Fixture, NULL,
              fixture_setup_empty, test_empty_state, fixture_teardown);
  g_test_add_func ("/ui/window/unreadable-database", test_unreadable_database);
  g_test_add ("/ui/window/open-demo", Fixture, NULL,
              fixture_setup_empty, test_open_demo, fixture_teardown);
  g_test_add ("/ui/window/screenshots", Fixture, NULL,
              fixture_setup_portfolio, test_screenshots, fixture_teardown);
  g_test_add_func ("/ui/window/size-is-kept", test_window_size_is_kept);

  return g_test_run ();
}
