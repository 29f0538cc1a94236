/* test-page-insights.c: what the record pages show from the core's rules — the readiness
 * gate's verdict, a capacity test's findings, the cost summary and the risk heat map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-page-insights"

#include "config.h"

#include <string.h>

#include "lb-page-insights.h"
#include "lb-record-list-page.h"

#include "ui-test-common.h"

typedef struct
{
  char             *dir;
  LbStore          *store;
  gint64            project_id;
  GtkWindow        *window;
  LbRecordListPage *page;
} Fixture;

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
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);

  f->dir = ui_test_make_dir ("insights");
  path = g_build_filename (f->dir, "insights.db", NULL);
  f->store = lb_store_open (path, &error);
  g_assert_no_error (error);
  ui_test_set_fields (project, "name", "ERP Plant 1", "source_server", "sqlprod01", "source_database", "ERP",
                      "target_tier", "general_purpose", "target_vcores", "8", "downtime_target_min", "120", NULL);
  f->project_id = insert (f->store, project);
}

static void
show_page (Fixture            *f,
           const LbRecordKind *kind)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 800);
  f->page = LB_RECORD_LIST_PAGE (lb_record_list_page_new (kind));
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  lb_record_list_page_set_store (f->page, f->store);
  lb_record_list_page_set_project_id (f->page, f->project_id);
  ui_test_show_window (f->window);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  if (f->window != NULL)
    ui_test_destroy_window (f->window);
  g_clear_object (&f->store);
  g_free (f->dir);
}

static GtkWidget *
widget_with_class (GtkWidget  *widget,
                   const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = widget_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
widget_named (GtkWidget  *widget,
              const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = widget_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
label_text (GtkWidget  *widget,
            const char *css_class)
{
  GtkWidget *label = widget_with_class (widget, css_class);

  g_assert_nonnull (label);
  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static const char *
named_label_text (GtkWidget  *widget,
                  const char *name)
{
  GtkWidget *label = widget_named (widget, name);

  g_assert_nonnull (label);
  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static guint
count_with_class (GtkWidget  *widget,
                  const char *css_class)
{
  guint n = gtk_widget_has_css_class (widget, css_class) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_with_class (child, css_class);
  return n;
}

/* ---- readiness ------------------------------------------------------------------------------ */

static gint64
add_control (Fixture    *f,
             const char *control,
             const char *status)
{
  LbReadinessItem *item = lb_record_new (&lb_readiness_item_kind);

  item->project_id = f->project_id;
  ui_test_set_fields (item, "kind", "control", "control", control, "title", control, "status", status, NULL);
  return insert (f->store, item);
}

static void
assert_gate (Fixture *f,
             gboolean ready)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbReadinessVerdict) verdict = lb_readiness_gate_evaluate_project (f->store, f->project_id, &error);
  GtkWidget *header = lb_record_list_page_get_header (f->page);

  g_assert_no_error (error);
  g_assert_nonnull (header);
  g_assert_true (gtk_widget_has_css_class (header, "readiness-gate"));
  g_assert_cmpint (verdict->production_ready, ==, ready);
  g_assert_true (gtk_widget_has_css_class (header, ready ? "success" : "warning"));
  g_assert_false (gtk_widget_has_css_class (header, ready ? "warning" : "success"));
  /* The core's sentence, word for word, and its counts. */
  g_assert_cmpstr (label_text (header, "verdict-summary"), ==, verdict->summary);
  g_assert_true (g_str_has_prefix (verdict->summary, ready ? "Production-ready" : "Not production-ready"));
  g_assert_cmpstr (label_text (header, "verdict-detail"), ==,
                   ready ? "5 of 5 controls clear · no prerequisites recorded"
                         : "4 of 5 controls clear · no prerequisites recorded");
}

static void
test_readiness_gate (Fixture      *f,
                     gconstpointer data)
{
  static const char *const controls[] = {
    "owner", "dependencies", "permission_boundary", "monitoring_signal", "rollback_evidence",
  };
  gint64 rollback = 0;
  LbReadinessItem *item;

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      gint64 id = add_control (f, controls[i], i == 4 ? "in_progress" : "clear");

      if (i == 4)
        rollback = id;
    }
  show_page (f, &lb_readiness_item_kind);

  /* Rollback evidence in progress: not ready, and the sentence names it. */
  assert_gate (f, FALSE);
  g_assert_nonnull (strstr (label_text (lb_record_list_page_get_header (f->page), "verdict-summary"),
                            "rollback evidence"));
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "insights-readiness-not-ready.png"));

  /* Clear it: the verdict follows the store without a reload by hand. */
  item = lb_store_get (f->store, &lb_readiness_item_kind, rollback, NULL);
  ui_test_set_fields (item, "status", "clear", NULL);
  g_assert_true (lb_store_update (f->store, item, NULL));
  lb_record_free (item);
  ui_test_spin (50);
  assert_gate (f, TRUE);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "insights-readiness-ready.png"));
}

/* ---- capacity ------------------------------------------------------------------------------- */

static void
test_capacity_findings (Fixture      *f,
                        gconstpointer data)
{
  LbCapacityTest *test = lb_record_new (&lb_capacity_test_kind);
  g_autoptr(LbCapacityResult) result = NULL;
  const LbCapacityFinding *log_rate = NULL;
  g_autofree char *headroom = NULL;
  GtkWidget *row;
  gint64 id;

  test->project_id = f->project_id;
  ui_test_set_fields (test, "tested_at", "2026-11-02 10:00", "method", "workload_replay",
                      "target_tier", "general_purpose", "target_vcores", "8",
                      "log_gen_peak_mibps", "48", "log_gen_p95_mibps", "41", NULL);
  result = lb_capacity_evaluate (test);
  id = insert (f->store, test);
  show_page (f, &lb_capacity_test_kind);

  row = lb_record_list_page_get_row (f->page, &lb_capacity_test_kind, id);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  /* The row says the core's verdict. */
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, result->summary);
  g_assert_true (g_str_has_prefix (result->summary, "Fail: "));

  /* Expanded: one row per finding, the log-rate one with its cap and how far over. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_assert_cmpuint (count_with_class (row, "capacity-finding"), ==, result->findings->len);
  for (guint i = 0; i < result->findings->len; i++)
    {
      const LbCapacityFinding *finding = g_ptr_array_index (result->findings, i);

      if (finding->check == LB_CAPACITY_CHECK_LOG_RATE)
        log_rate = finding;
    }
  g_assert_nonnull (log_rate);
  headroom = lb_page_insights_headroom_text (log_rate);
  g_assert_cmpstr (headroom, ==, "36 MiB/s cap, 14 % over");
  {
    GtkWidget *finding_row = widget_with_class (row, "capacity-finding");
    gboolean found = FALSE;

    for (; finding_row != NULL; finding_row = gtk_widget_get_next_sibling (finding_row))
      if (ADW_IS_ACTION_ROW (finding_row) &&
          g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (finding_row)), headroom) == 0)
        {
          g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (finding_row)), ==, log_rate->message);
          found = TRUE;
        }
    g_assert_true (found);
  }
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget_with_class (row, "capacity-details"))),
                   ==, "General Purpose · 8 vCores · 48 MiB/s log peak");
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "insights-capacity.png"));
}

/* ---- costs ---------------------------------------------------------------------------------- */

static gint64
add_cost (Fixture    *f,
          const char *category,
          const char *amount,
          const char *currency,
          const char *period,
          const char *months)
{
  LbCostItem *item = lb_record_new (&lb_cost_item_kind);

  item->project_id = f->project_id;
  ui_test_set_fields (item, "category", category, "description", category, "amount", amount, "currency", currency,
                      "period", period, "months", months, NULL);
  return insert (f->store, item);
}

static void
test_cost_summary (Fixture      *f,
                   gconstpointer data)
{
  GtkWidget *header;
  gint64 compute_id;

  compute_id = add_cost (f, "mi_compute", "4200.00", "EUR", "monthly", "6");
  g_assert_true (lb_cost_tags_set (f->store, compute_id, "env", "prod", NULL));
  g_assert_true (lb_cost_tags_set (f->store, compute_id, "capex", NULL, NULL));
  add_cost (f, "storage", "150.50", "EUR", "monthly", "");
  add_cost (f, "support_effort", "11500", "EUR", "one_off", "");
  add_cost (f, "licensing", "900", "USD", "one_off", "");
  show_page (f, &lb_cost_item_kind);

  header = lb_record_list_page_get_header (f->page);
  g_assert_nonnull (header);
  g_assert_cmpuint (count_with_class (header, "cost-currency"), ==, 2);
  /* EUR: 11,500 once; 4,350.50 a month; 11,500 + 6 × 4,200 (storage is open-ended). */
  g_assert_cmpstr (named_label_text (header, "cost-one-off-EUR"), ==, "11,500.00 EUR");
  g_assert_cmpstr (named_label_text (header, "cost-monthly-EUR"), ==, "4,350.50 EUR");
  g_assert_cmpstr (named_label_text (header, "cost-total-EUR"), ==, "36,700.00 EUR");
  g_assert_cmpstr (named_label_text (header, "cost-category-EUR-mi_compute"), ==, "25,200.00 EUR");
  g_assert_cmpstr (named_label_text (header, "cost-category-EUR-support_effort"), ==, "11,500.00 EUR");
  g_assert_cmpstr (named_label_text (header, "cost-total-USD"), ==, "900.00 USD");
  g_assert_null (widget_named (header, "cost-category-USD-mi_compute"));
  /* By tag: only the tagged compute item, 6 × 4,200. USD has no tags, so no such row. */
  g_assert_cmpstr (named_label_text (header, "cost-tag-EUR-env=prod"), ==, "25,200.00 EUR");
  g_assert_cmpstr (named_label_text (header, "cost-tag-EUR-capex"), ==, "25,200.00 EUR");
  g_assert_cmpuint (count_with_class (header, "cost-tags"), ==, 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget_with_class (header, "cost-categories")), TRUE);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "insights-costs.png"));
}

/* ---- risks ---------------------------------------------------------------------------------- */

static gint64
add_risk (Fixture    *f,
          const char *title,
          const char *likelihood,
          const char *impact,
          const char *status)
{
  LbRisk *risk = lb_record_new (&lb_risk_kind);

  risk->project_id = f->project_id;
  ui_test_set_fields (risk, "title", title, "likelihood", likelihood, "impact", impact, "status", status, NULL);
  return insert (f->store, risk);
}

static gboolean
cell_is (gpointer data)
{
  Fixture *f = data;
  int likelihood, impact;

  lb_record_list_page_get_risk_cell (f->page, &likelihood, &impact);
  return likelihood == GPOINTER_TO_INT (g_object_get_data (G_OBJECT (f->page), "want"));
}

static void
click_cell (Fixture *f,
            int      likelihood,
            int      impact)
{
  GtkWidget *area = widget_named (lb_record_list_page_get_header (f->page), "risk-heat-map");
  GtkEventController *click = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (area);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        click = controller;
    }
  g_assert_nonnull (click);
  /* Cells are 44 px, after a 28 px axis; likelihood 5 is the top row. */
  g_signal_emit_by_name (click, "released", 1, 28 + (impact - 0.5) * 44, (5 - likelihood + 0.5) * 44);
}

static void
press_key (Fixture *f,
           guint    keyval)
{
  GtkWidget *area = widget_named (lb_record_list_page_get_header (f->page), "risk-heat-map");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (area);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
}

static void
test_risk_heat_map (Fixture      *f,
                    gconstpointer data)
{
  GtkWidget *header;
  GtkWidget *area;
  gint64 log_growth, month_end, closed;
  g_autofree char *description = NULL;
  int likelihood, impact;

  log_growth = add_risk (f, "Log growth", "4", "5", "open");
  month_end = add_risk (f, "Month-end load", "4", "5", "mitigating");
  add_risk (f, "Old driver", "2", "3", "open");
  closed = add_risk (f, "Closed one", "4", "5", "closed");
  show_page (f, &lb_risk_kind);

  header = lb_record_list_page_get_header (f->page);
  g_assert_nonnull (header);
  area = widget_named (header, "risk-heat-map");
  g_assert_true (GTK_IS_DRAWING_AREA (area));
  /* The counts, for people who cannot see the colours: closed risks are not in it. */
  description = g_strdup (gtk_widget_get_tooltip_text (area));
  g_assert_cmpstr (description, ==, "likelihood 4 × impact 5: 2 risks; likelihood 2 × impact 3: 1 risk");
  g_assert_cmpuint (lb_record_list_page_get_n_records (f->page), ==, 4);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "insights-risks.png"));

  /* Click 4 × 5: only its two open risks. */
  g_object_set_data (G_OBJECT (f->page), "want", GINT_TO_POINTER (4));
  click_cell (f, 4, 5);
  ui_test_wait_until (cell_is, f, 10000, "the heat-map filter");
  lb_record_list_page_get_risk_cell (f->page, &likelihood, &impact);
  g_assert_cmpint (impact, ==, 5);
  g_assert_cmpuint (lb_record_list_page_get_n_records (f->page), ==, 2);
  g_assert_nonnull (lb_record_list_page_get_row (f->page, &lb_risk_kind, log_growth));
  g_assert_nonnull (lb_record_list_page_get_row (f->page, &lb_risk_kind, month_end));
  g_assert_null (lb_record_list_page_get_row (f->page, &lb_risk_kind, closed));
  g_assert_nonnull (widget_with_class (lb_record_list_page_get_header (f->page), "heat-map-filter"));
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "insights-risks-filtered.png"));

  /* The same cell again: everything. */
  g_object_set_data (G_OBJECT (f->page), "want", GINT_TO_POINTER (0));
  click_cell (f, 4, 5);
  ui_test_wait_until (cell_is, f, 10000, "the heat-map filter cleared");
  g_assert_cmpuint (lb_record_list_page_get_n_records (f->page), ==, 4);
  g_assert_null (widget_with_class (lb_record_list_page_get_header (f->page), "heat-map-filter"));

  /* The keyboard: from 5 × 5 down one row, then Enter. */
  g_assert_true (gtk_widget_get_focusable (widget_named (lb_record_list_page_get_header (f->page), "risk-heat-map")));
  /* Up and Right clamp at the edges: the cursor is on 5 × 5 wherever it was. */
  for (int i = 0; i < LB_RISK_SCALE; i++)
    {
      press_key (f, GDK_KEY_Up);
      press_key (f, GDK_KEY_Right);
    }
  press_key (f, GDK_KEY_Down);
  g_object_set_data (G_OBJECT (f->page), "want", GINT_TO_POINTER (4));
  press_key (f, GDK_KEY_Return);
  ui_test_wait_until (cell_is, f, 10000, "the heat-map filter from the keyboard");
  g_assert_cmpuint (lb_record_list_page_get_n_records (f->page), ==, 2);
  lb_record_list_page_set_risk_cell (f->page, 0, 0);

  /* Set and cleared through the page as well. */
  lb_record_list_page_set_risk_cell (f->page, 2, 3);
  g_assert_cmpuint (lb_record_list_page_get_n_records (f->page), ==, 1);
  lb_record_list_page_set_risk_cell (f->page, 0, 0);
  g_assert_cmpuint (lb_record_list_page_get_n_records (f->page), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

#define ADD(path, func) g_test_add ("/ui/page-insights/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("readiness-gate", test_readiness_gate);
  ADD ("capacity-findings", test_capacity_findings);
  ADD ("cost-summary", test_cost_summary);
  ADD ("risk-heat-map", test_risk_heat_map);
#undef ADD

  return g_test_run ();
}
