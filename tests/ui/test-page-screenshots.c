/* test-page-screenshots.c: the portfolio and every page of a project on the demo portfolio
 * (two days of lag samples), in the light and the dark style, as PNG files in the test build
 * folder (light-*.png, dark-*.png) for people to look at; and a few checks that the pages
 * show the demo's records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-page-screenshots"

#include "config.h"

#include <string.h>

#include "lb-history-page.h"
#include "lb-lag-page.h"
#include "lb-record-dialog.h"
#include "lb-record-list-page.h"
#include "lb-record-summary.h"
#include "lb-window.h"

#include "ui-test-common.h"

static const char *const page_names[] = {
  "overview", "readiness", "capacity", "rehearsals", "evidence", "costs", "risks", "approvals", "lag", "history",
};

typedef struct
{
  char     *dir;
  char     *path;
  LbWindow *window;
} Fixture;

/* @data: the days of lag samples the demo generates. */
static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = NULL;
  LbDemoOptions options;

  f->dir = ui_test_make_dir ("pages");
  f->path = g_build_filename (f->dir, "demo.db", NULL);
  store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  lb_demo_options_init (&options);
  options.lag_days = GPOINTER_TO_INT (data);
  lb_demo_generate (store, &options, NULL, &error);
  g_assert_no_error (error);

  f->window = lb_window_new (ui_test_get_application (), f->path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  ui_test_show_window (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  ui_test_destroy_window (GTK_WINDOW (f->window));
  g_free (f->path);
  g_free (f->dir);
}

static gint64
find_project (LbWindow   *window,
              const char *name)
{
  return ui_test_project_id (lb_window_get_store (window), name);
}

/* Opens the expander row of the page's record at @position, to show its children. */
static void
expand (Fixture    *f,
        const char *page_name,
        guint       position)
{
  LbRecordListPage *page = LB_RECORD_LIST_PAGE (lb_window_get_page (f->window, page_name));
  GtkWidget *row;

  if (position >= lb_record_list_page_get_n_records (page))
    return;
  row = lb_record_list_page_get_row (page, lb_record_list_page_get_kind (page),
                                     lb_record_list_page_get_record_id (page, position));
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

/* The lag page has read its series off the main thread: a chart with its statistics, or
 * the empty state. */
static gboolean
lag_settled (gpointer data)
{
  const char *state = lb_lag_page_get_state (data);

  return g_strcmp0 (state, "empty") == 0 ||
         (g_strcmp0 (state, "chart") == 0 && lb_lag_page_get_stats (data) != NULL);
}

static void
screenshot_pages (Fixture    *f,
                  const char *prefix)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.png", prefix, page_names[i]);
      GtkWidget *page = lb_window_get_page (f->window, page_names[i]);

      if (page == NULL)
        continue;
      lb_window_show_page (f->window, page_names[i]);
      if (LB_IS_LAG_PAGE (page))
        {
          ui_test_wait_until (lag_settled, page, 30000, "the lag page");
          ui_test_spin (100);
        }
      g_free (ui_test_screenshot (GTK_WIDGET (f->window), name));
    }
}

/* A record dialog opened by @action on @page_name; with the NULL-terminated field/text
 * pairs set and Create or Save pressed when some are given, to show the last field's
 * value refused under its row. */
static void
screenshot_dialog (Fixture    *f,
                   const char *page_name,
                   const char *action,
                   GVariant   *target,
                   const char *name,
                   ...)
{
  GtkWidget *page = lb_window_get_page (f->window, page_name);
  const char *field;
  const char *last = NULL;
  GtkWindow *dialog;
  LbRecordForm *form;
  va_list args;

  lb_window_show_page (f->window, page_name);
  g_assert_true (gtk_widget_activate_action_variant (page, action, target));
  dialog = ui_test_find_window (LB_TYPE_RECORD_DIALOG);
  g_assert_nonnull (dialog);
  form = lb_record_dialog_get_form (LB_RECORD_DIALOG (dialog));
  ui_test_show_window (dialog);

  va_start (args, name);
  while ((field = va_arg (args, const char *)) != NULL)
    {
      g_assert_true (lb_record_form_set_text (form, field, va_arg (args, const char *)));
      last = field;
    }
  va_end (args);
  if (last != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (dialog), "record.save", NULL);
      g_assert_nonnull (lb_record_form_get_error (form, last));
    }
  g_free (ui_test_screenshot (GTK_WIDGET (dialog), name));
  gtk_window_destroy (dialog);
}

typedef struct
{
  LbRecordListPage *page;
  gint64            id;
  const char       *downtime;
  gboolean          in_subtitle; /* narrow: the value leads the subtitle */
} WidthCheck;

static gboolean
value_placed (gpointer data)
{
  WidthCheck *check = data;
  GtkWidget *row = lb_record_list_page_get_row (check->page, &lb_rehearsal_kind, check->id);

  return row != NULL &&
         g_str_has_prefix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), check->downtime) == check->in_subtitle;
}

static void
test_demo_pages (Fixture      *f,
                 gconstpointer data)
{
  LbProjectList *list = lb_window_get_project_list (f->window);
  gint64 erp = find_project (f->window, "Luma Manufacturing — Plant ERP");

  g_assert_cmpint (erp, >, 0);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "light-portfolio.png"));
  lb_window_open_project (f->window, erp);
  g_assert_cmpint (lb_project_list_get_selected_project_id (list), ==, erp);
  ui_test_spin (400); /* the crossfade from the portfolio */
  expand (f, "rehearsals", 2);
  expand (f, "costs", 1);
  /* A change to show in the history. */
  {
    LbStore *store = lb_window_get_store (f->window);
    g_autoptr(GPtrArray) risks = lb_store_list (store, &lb_risk_kind, "project_id", erp, NULL);
    LbRisk *risk = g_ptr_array_index (risks, risks->len - 1);

    ui_test_set_fields (risk, "likelihood", "3", "status", "open", "owner", "Julia Becker", NULL);
    lb_store_update (store, risk, NULL);
  }
  screenshot_pages (f, "light");
  g_assert_cmpstr (lb_lag_page_get_state (LB_LAG_PAGE (lb_window_get_page (f->window, "lag"))), ==, "chart");
  {
    LbHistoryPage *history = LB_HISTORY_PAGE (lb_window_get_page (f->window, "history"));

    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (lb_history_page_get_entry_row (history, 0)), TRUE);
    g_free (ui_test_screenshot (GTK_WIDGET (f->window), "page-history-expanded.png"));
  }
  /* The core's views: capacity findings, cost categories, a heat-map cell. */
  {
    LbRecordListPage *capacity = LB_RECORD_LIST_PAGE (lb_window_get_page (f->window, "capacity"));
    LbRecordListPage *costs = LB_RECORD_LIST_PAGE (lb_window_get_page (f->window, "costs"));
    LbRecordListPage *risks = LB_RECORD_LIST_PAGE (lb_window_get_page (f->window, "risks"));
    GtkWidget *row = lb_record_list_page_get_row (capacity, &lb_capacity_test_kind,
                                                  lb_record_list_page_get_record_id (capacity, 0));
    GtkWidget *header = lb_record_list_page_get_header (costs);
    LbRisk *risk = NULL;

    /* The first open, scored risk: its cell is not empty. */
    for (guint i = 0; risk == NULL && i < lb_record_list_page_get_n_records (risks); i++)
      {
        risk = lb_store_get (lb_window_get_store (f->window), &lb_risk_kind,
                             lb_record_list_page_get_record_id (risks, i), NULL);
        if (risk->status == LB_RISK_CLOSED || lb_risk_score (risk) == 0)
          g_clear_pointer (&risk, lb_record_free);
      }

    g_assert_true (ADW_IS_EXPANDER_ROW (row));
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    lb_window_show_page (f->window, "capacity");
    g_free (ui_test_screenshot (GTK_WIDGET (f->window), "page-capacity-expanded.png"));

    g_assert_nonnull (header);
    lb_window_show_page (f->window, "costs");
    g_free (ui_test_screenshot (GTK_WIDGET (f->window), "page-costs-summary.png"));

    g_assert_nonnull (risk);
    g_assert_nonnull (lb_record_list_page_get_header (risks));
    lb_record_list_page_set_risk_cell (risks, (int) risk->likelihood, (int) risk->impact);
    g_assert_cmpuint (lb_record_list_page_get_n_records (risks), >, 0);
    lb_window_show_page (f->window, "risks");
    g_free (ui_test_screenshot (GTK_WIDGET (f->window), "page-risks-filtered.png"));
    lb_record_list_page_set_risk_cell (risks, 0, 0);
    lb_record_free (risk);
  }

  /* Dialogs: one new record refused under its row, and two edits. */
  screenshot_dialog (f, "risks", "list.add", g_variant_new_int32 (0), "dialog-risk-refused.png",
                     "title", "Certificate expiry breaks the link", "likelihood", "7", NULL);
  screenshot_dialog (f, "rehearsals", "list.add", g_variant_new_int32 (0), "dialog-rehearsal-refused.png",
                     "title", "Cutover rehearsal 3", "ended_at", "2000-01-01", NULL);
  {
    LbRecordListPage *evidence = LB_RECORD_LIST_PAGE (lb_window_get_page (f->window, "evidence"));
    LbRecordListPage *capacity = LB_RECORD_LIST_PAGE (lb_window_get_page (f->window, "capacity"));
    LbRecordListPage *costs = LB_RECORD_LIST_PAGE (lb_window_get_page (f->window, "costs"));

    screenshot_dialog (f, "evidence", "list.edit",
                       g_variant_new ("(sx)", "evidence", lb_record_list_page_get_record_id (evidence, 0)),
                       "dialog-evidence.png", NULL);
    screenshot_dialog (f, "capacity", "list.edit",
                       g_variant_new ("(sx)", "capacity_test", lb_record_list_page_get_record_id (capacity, 0)),
                       "dialog-capacity.png", NULL);
    screenshot_dialog (f, "costs", "list.add-child", g_variant_new_int64 (lb_record_list_page_get_record_id (costs, 0)),
                       "dialog-tag.png", NULL);
  }

  /* Every page of the demo's ERP project lists records. */
  for (guint i = 1; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkWidget *page = lb_window_get_page (f->window, page_names[i]);

      if (LB_IS_RECORD_LIST_PAGE (page))
        {
          g_assert_cmpstr (lb_record_list_page_get_state (LB_RECORD_LIST_PAGE (page)), ==, "list");
          g_assert_cmpuint (lb_record_list_page_get_n_records (LB_RECORD_LIST_PAGE (page)), >, 0);
        }
    }

  /* Narrow: the switcher moves to the bottom bar. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 420, 760);
  ui_test_spin (500);
  g_signal_emit_by_name (list, "project-activated", erp);
  ui_test_spin (500);
  lb_window_show_page (f->window, "risks");
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "page-narrow-risks.png"));
  lb_window_show_page (f->window, "rehearsals");
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "page-narrow-rehearsals.png"));

  /* Narrow rows carry their value in the subtitle, not beside the title. */
  {
    LbRecordListPage *page = LB_RECORD_LIST_PAGE (lb_window_get_page (f->window, "rehearsals"));
    gint64 id = lb_record_list_page_get_record_id (page, 0);
    GtkWidget *row = lb_record_list_page_get_row (page, &lb_rehearsal_kind, id);
    LbStore *store = lb_window_get_store (f->window);
    LbRehearsal *rehearsal = lb_store_get (store, &lb_rehearsal_kind, id, NULL);
    LbProject *project = lb_store_get (store, &lb_project_kind, erp, NULL);
    g_autoptr(GPtrArray) steps = lb_store_list (store, &lb_rehearsal_step_kind, "rehearsal_id", id, NULL);
    g_autofree char *downtime = lb_record_summary_downtime (rehearsal, steps, project);

    WidthCheck narrow = { page, id, downtime, TRUE };

    g_assert_nonnull (row);
    g_assert_nonnull (downtime);
    ui_test_wait_until (value_placed, &narrow, 15000, "the value in the subtitle");
    lb_record_free (rehearsal);
    lb_record_free (project);

    /* Wide again: beside the title (the relayout takes a few frames). */
    gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
    {
      WidthCheck wide = { page, id, downtime, FALSE };

      ui_test_wait_until (value_placed, &wide, 15000, "the value beside the title again");
    }
  }
}

static void
test_empty_pages (Fixture      *f,
                  gconstpointer data)
{
  LbStore *store = lb_window_get_store (f->window);
  LbProjectList *list = lb_window_get_project_list (f->window);
  LbProject *project = lb_record_new (&lb_project_kind);
  g_autoptr(GError) error = NULL;

  ui_test_set_fields (project, "name", "Brand-new Database", NULL);
  lb_store_insert (store, project, &error);
  g_assert_no_error (error);
  lb_window_open_project (f->window, project->id);
  g_assert_cmpint (lb_project_list_get_selected_project_id (list), ==, project->id);
  ui_test_spin (400);
  screenshot_pages (f, "empty");

  for (guint i = 1; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkWidget *page = lb_window_get_page (f->window, page_names[i]);

      if (LB_IS_RECORD_LIST_PAGE (page))
        g_assert_cmpstr (lb_record_list_page_get_state (LB_RECORD_LIST_PAGE (page)), ==, "empty");
    }
  lb_record_free (project);
}

/* Every page in the dark style, the portfolio first. */
static void
test_dark_pages (Fixture      *f,
                 gconstpointer data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "dark-portfolio.png"));
  lb_window_open_project (f->window, find_project (f->window, "Luma Manufacturing — Plant ERP"));
  ui_test_spin (400); /* the crossfade from the portfolio, and the view switcher revealed */
  screenshot_pages (f, "dark");
  g_assert_cmpstr (lb_lag_page_get_state (LB_LAG_PAGE (lb_window_get_page (f->window, "lag"))), ==, "chart");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/ui/pages/demo", Fixture, GINT_TO_POINTER (2), fixture_setup, test_demo_pages, fixture_teardown);
  g_test_add ("/ui/pages/empty", Fixture, GINT_TO_POINTER (0), fixture_setup, test_empty_pages, fixture_teardown);
  g_test_add ("/ui/pages/dark", Fixture, GINT_TO_POINTER (2), fixture_setup, test_dark_pages, fixture_teardown);

  return g_test_run ();
}
