/* test-history-page.c: a project's history from the audit log — its own records only,
 * newest first, each change as before → after in words people read, and the filter by
 * record kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-history-page"

#include "config.h"

#include <string.h>

#include "lb-history-page.h"
#include "lb-record-dialog.h"
#include "lb-record-list-page.h"
#include "lb-window.h"

#include "ui-test-common.h"

typedef struct
{
  char          *dir;
  char          *path;
  LbWindow      *window;
  LbStore       *store;
  LbHistoryPage *page;
  gint64         erp_id;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = ui_test_make_dir ("history");
  f->path = g_build_filename (f->dir, "portfolio.db", NULL);
  {
    g_autoptr(LbStore) store = lb_store_open (f->path, &error);

    g_assert_no_error (error);
    ui_test_fill_portfolio (store);
  }
  f->window = lb_window_new (ui_test_get_application (), f->path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  ui_test_show_window (GTK_WINDOW (f->window));
  f->store = lb_window_get_store (f->window);
  f->erp_id = ui_test_project_id (f->store, "ERP Plant 1");
  f->page = LB_HISTORY_PAGE (lb_window_get_page (f->window, "history"));
  g_assert_true (LB_IS_HISTORY_PAGE (f->page));
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  GtkWindow *dialog;

  while ((dialog = ui_test_find_window (LB_TYPE_RECORD_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  ui_test_destroy_window (GTK_WINDOW (f->window));
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
has_change (LbHistoryPage *page,
            guint          index,
            const char    *change)
{
  const char *const *changes = lb_history_page_get_entry_changes (page, index);

  return changes != NULL && g_strv_contains (changes, change);
}

static gint64
risk_id (Fixture    *f,
         const char *title)
{
  LbRisk *risk = lb_store_find (f->store, &lb_risk_kind, "title", title, NULL);
  gint64 id;

  g_assert_nonnull (risk);
  id = risk->id;
  lb_record_free (risk);
  return id;
}

static gboolean
no_record_dialog (gpointer data)
{
  return ui_test_find_window (LB_TYPE_RECORD_DIALOG) == NULL;
}

static void
test_edit_shows_before_and_after (Fixture      *f,
                                  gconstpointer data)
{
  LbRecordListPage *risks = LB_RECORD_LIST_PAGE (lb_window_get_page (f->window, "risks"));
  gint64 id = risk_id (f, "Log growth");
  LbRecordDialog *dialog;
  GtkWidget *row;
  GtkWidget *change = NULL;
  guint n_before;

  lb_window_show_page (f->window, "history");
  n_before = lb_history_page_get_n_entries (f->page);
  /* The portfolio wrote ERP Plant 1 and its 22 records, 2 cost items … as inserts. */
  g_assert_cmpuint (n_before, ==, 1 + 5 + 3 + 2 + 4 + 3 + 2 + 1 + 2);
  g_assert_cmpstr (lb_history_page_get_entry_title (f->page, n_before - 1), ==, "Project “ERP Plant 1”");
  g_assert_true (g_str_has_prefix (lb_history_page_get_entry_subtitle (f->page, n_before - 1), "Created by "));
  g_assert_true (has_change (f->page, n_before - 1, "Name: ERP Plant 1"));
  g_assert_true (has_change (f->page, n_before - 1, "Service tier: Business Critical"));
  g_assert_true (has_change (f->page, n_before - 1, "Planned cutover: 2026-12-06 22:00"));
  g_assert_true (has_change (f->page, n_before - 1, "Wave: Wave 1 — Finance"));

  /* Edit the risk through its page, as a user would. */
  lb_window_show_page (f->window, "risks");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (risks), "list.edit", "(sx)", "risk", id));
  dialog = LB_RECORD_DIALOG (ui_test_find_window (LB_TYPE_RECORD_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (lb_record_form_set_text (lb_record_dialog_get_form (dialog), "likelihood", "5"));
  g_assert_true (lb_record_form_set_text (lb_record_dialog_get_form (dialog), "status", "Mitigating"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "record.save", NULL));
  ui_test_wait_until (no_record_dialog, NULL, 15000, "the dialog to close");

  /* Newest first: the change, with what it changed. */
  lb_window_show_page (f->window, "history");
  g_assert_cmpuint (lb_history_page_get_n_entries (f->page), ==, n_before + 1);
  g_assert_cmpstr (lb_history_page_get_entry_title (f->page, 0), ==, "Risk “Log growth”");
  g_assert_true (g_str_has_prefix (lb_history_page_get_entry_subtitle (f->page, 0), "Changed by "));
  g_assert_true (g_str_has_suffix (lb_history_page_get_entry_subtitle (f->page, 0), " · Likelihood, Status"));
  g_assert_true (has_change (f->page, 0, "Likelihood: 3 → 5"));
  g_assert_true (has_change (f->page, 0, "Status: Open → Mitigating"));
  g_assert_cmpuint (g_strv_length ((char **) lb_history_page_get_entry_changes (f->page, 0)), ==, 2);

  /* Expanded, the row lists the changes. */
  row = lb_history_page_get_entry_row (f->page, 0);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  {
    /* The first row under it that shows a change, breadth-first. */
    g_autoptr(GQueue) queue = g_queue_new ();

    g_queue_push_tail (queue, row);
    while (!g_queue_is_empty (queue) && change == NULL)
      {
        GtkWidget *w = g_queue_pop_head (queue);

        if (ADW_IS_ACTION_ROW (w) && gtk_widget_has_css_class (w, "history-change"))
          change = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_queue_push_tail (queue, c);
      }
  }
  g_assert_nonnull (change);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (change)), ==, "Likelihood");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (change)), ==, "3 → 5");
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "history-edit.png"));
}

static gint64
insert (LbStore *store,
        gpointer record)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  lb_store_insert (store, record, &error);
  g_assert_no_error (error);
  id = LB_RECORD_ID (record);
  lb_record_free (record);
  return id;
}

static void
test_only_this_project (Fixture      *f,
                        gconstpointer data)
{
  gint64 payroll = ui_test_project_id (f->store, "Payroll");
  g_autoptr(GPtrArray) rehearsals = lb_store_list (f->store, &lb_rehearsal_kind, "project_id", f->erp_id, NULL);
  LbRisk *risk = lb_record_new (&lb_risk_kind);
  LbRehearsal *other = lb_record_new (&lb_rehearsal_kind);
  LbRehearsalStep *step;
  LbCostItem *cost = lb_record_new (&lb_cost_item_kind);
  LbCostTag *tag;
  LbProject *project;
  gint64 other_id;
  gint64 cost_id;
  guint n;

  lb_window_show_page (f->window, "history");
  n = lb_history_page_get_n_entries (f->page);

  /* Another project's records stay out, its rehearsals' steps too. */
  risk->project_id = payroll;
  ui_test_set_fields (risk, "title", "Payroll risk", NULL);
  insert (f->store, risk);
  other->project_id = payroll;
  ui_test_set_fields (other, "title", "Payroll drill", "started_at", "2026-11-01 20:00", NULL);
  other_id = insert (f->store, other);
  step = lb_record_new (&lb_rehearsal_step_kind);
  step->rehearsal_id = other_id;
  ui_test_set_fields (step, "name", "Payroll step", NULL);
  insert (f->store, step);
  g_assert_cmpuint (lb_history_page_get_n_entries (f->page), ==, n);

  /* This project's steps and tags are in, found through their parents. */
  step = lb_record_new (&lb_rehearsal_step_kind);
  step->rehearsal_id = LB_RECORD_ID (g_ptr_array_index (rehearsals, 0));
  ui_test_set_fields (step, "name", "Fail over", "started_at", "2026-11-10 21:05", NULL);
  insert (f->store, step);
  g_assert_cmpuint (lb_history_page_get_n_entries (f->page), ==, n + 1);
  g_assert_cmpstr (lb_history_page_get_entry_title (f->page, 0), ==, "Rehearsal step “Fail over”");
  g_assert_true (has_change (f->page, 0, "Started: 2026-11-10 21:05"));
  /* The parent is what the page is about: not listed as a change. */
  g_assert_false (has_change (f->page, 0, "Rehearsal: Drill 1"));

  cost->project_id = f->erp_id;
  ui_test_set_fields (cost, "description", "Licensing", "category", "licensing", "amount", "1520.40",
                      "currency", "EUR", "period", "monthly", "months", "12", NULL);
  cost_id = insert (f->store, cost);
  tag = lb_record_new (&lb_cost_tag_kind);
  tag->cost_item_id = cost_id;
  ui_test_set_fields (tag, "key", "env", "value", "prod", NULL);
  insert (f->store, tag);
  g_assert_cmpuint (lb_history_page_get_n_entries (f->page), ==, n + 3);
  g_assert_cmpstr (lb_history_page_get_entry_title (f->page, 0), ==, "Cost tag “env = prod”");
  g_assert_cmpstr (lb_history_page_get_entry_title (f->page, 1), ==, "Cost item “Licensing”");
  g_assert_true (has_change (f->page, 1, "Amount: 1,520.40"));
  g_assert_true (has_change (f->page, 1, "Period: Monthly"));

  /* A deleted record shows what it was. */
  lb_store_delete (f->store, &lb_cost_item_kind, cost_id, NULL);
  g_assert_cmpstr (lb_history_page_get_entry_title (f->page, 0), ==, "Cost item “Licensing”");
  g_assert_true (g_str_has_prefix (lb_history_page_get_entry_subtitle (f->page, 0), "Deleted by "));
  g_assert_true (has_change (f->page, 0, "Currency: EUR"));

  /* The project itself, edited elsewhere. */
  project = lb_store_get (f->store, &lb_project_kind, f->erp_id, NULL);
  ui_test_set_fields (project, "owner", "Ravi Iyer", "target_vcores", "24", NULL);
  lb_store_update (f->store, project, NULL);
  lb_record_free (project);
  g_assert_cmpstr (lb_history_page_get_entry_title (f->page, 0), ==, "Project “ERP Plant 1”");
  g_assert_true (has_change (f->page, 0, "Owner: Jana Novak → Ravi Iyer"));
  g_assert_true (has_change (f->page, 0, "vCores: 16 → 24"));
  /* "Changed" (updated_at) is the store's own; it is not a change people made. */
  g_assert_cmpuint (g_strv_length ((char **) lb_history_page_get_entry_changes (f->page, 0)), ==, 2);
}

static void
test_filter_by_kind (Fixture      *f,
                     gconstpointer data)
{
  guint n;

  lb_window_show_page (f->window, "history");
  n = lb_history_page_get_n_entries (f->page);
  g_assert_null (lb_history_page_get_filter (f->page));

  lb_history_page_set_filter (f->page, &lb_risk_kind);
  g_assert_cmpuint (lb_history_page_get_n_entries (f->page), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_true (g_str_has_prefix (lb_history_page_get_entry_title (f->page, i), "Risk “"));
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "history-filtered.png"));

  /* A kind without changes: a row says so. */
  lb_history_page_set_filter (f->page, &lb_design_baseline_kind);
  g_assert_cmpuint (lb_history_page_get_n_entries (f->page), ==, 0);

  lb_history_page_set_filter (f->page, NULL);
  g_assert_cmpuint (lb_history_page_get_n_entries (f->page), ==, n);

  /* Another project: its own history (the project's insert only). */
  g_assert_true (lb_project_list_select_project (lb_window_get_project_list (f->window),
                                                 ui_test_project_id (f->store, "Payroll")));
  g_assert_cmpuint (lb_history_page_get_n_entries (f->page), ==, 1);
  g_assert_cmpstr (lb_history_page_get_entry_title (f->page, 0), ==, "Project “Payroll”");
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/ui/history/edit-shows-before-and-after", Fixture, NULL, fixture_setup,
              test_edit_shows_before_and_after, fixture_teardown);
  g_test_add ("/ui/history/only-this-project", Fixture, NULL, fixture_setup, test_only_this_project,
              fixture_teardown);
  g_test_add ("/ui/history/filter-by-kind", Fixture, NULL, fixture_setup, test_filter_by_kind, fixture_teardown);

  return g_test_run ();
}
