/* test-record-pages.c: the project's record pages — add, edit and delete through each,
 * the same validators as everywhere (refused input is shown under its row and nothing is
 * written), and what each kind's rows say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-record-pages"

#include "config.h"

#include <string.h>

#include "lb-profiles-dialog.h"
#include "lb-record-dialog.h"
#include "lb-record-list-page.h"
#include "lb-window.h"

#include "ui-test-common.h"

typedef struct
{
  char      *dir;
  char      *path;
  LbWindow  *window;
  LbStore   *store;   /* the window's */
  gint64     erp_id;
  GPtrArray *toasts;  /* titles of the toasts the pages asked for */
} Fixture;

static void
on_add_toast (Fixture  *f,
              AdwToast *toast)
{
  g_ptr_array_add (f->toasts, g_strdup (adw_toast_get_title (toast)));
}

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AdwViewStack *stack;
  GtkSelectionModel *pages;

  f->dir = ui_test_make_dir ("pages");
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
  f->toasts = g_ptr_array_new_with_free_func (g_free);

  /* The ERP project is selected first. */
  g_assert_cmpint (lb_project_list_get_selected_project_id (lb_window_get_project_list (f->window)), ==, f->erp_id);

  stack = lb_window_get_view_stack (f->window);
  pages = adw_view_stack_get_pages (stack);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (LB_IS_RECORD_LIST_PAGE (child))
        g_signal_connect_swapped (child, "add-toast", G_CALLBACK (on_add_toast), f);
    }
  g_object_unref (pages);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  GtkWindow *dialog;

  while ((dialog = ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL ||
         (dialog = ui_test_find_window (LB_TYPE_RECORD_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  ui_test_destroy_window (GTK_WINDOW (f->window));
  g_ptr_array_unref (f->toasts);
  g_free (f->path);
  g_free (f->dir);
}

static LbRecordListPage *
get_page (Fixture    *f,
          const char *name)
{
  GtkWidget *page = lb_window_get_page (f->window, name);

  g_assert_true (LB_IS_RECORD_LIST_PAGE (page));
  lb_window_show_page (f->window, name);
  return LB_RECORD_LIST_PAGE (page);
}

static gint64
count (Fixture            *f,
       const LbRecordKind *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) other = lb_store_open (f->path, &error);

  /* As another program would see the file. */
  g_assert_no_error (error);
  return lb_store_count (other, kind, NULL, 0, NULL);
}

static LbRecordDialog *
find_dialog (void)
{
  GtkWindow *dialog = ui_test_find_window (LB_TYPE_RECORD_DIALOG);

  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  return LB_RECORD_DIALOG (dialog);
}

static gboolean
no_record_dialog (gpointer data)
{
  return ui_test_find_window (LB_TYPE_RECORD_DIALOG) == NULL;
}

static gboolean
no_message_dialog (gpointer data)
{
  return ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static LbRecordDialog *
open_add (LbRecordListPage *page,
          int               section)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "list.add", "i", section));
  return find_dialog ();
}

static LbRecordDialog *
open_add_child (LbRecordListPage *page,
                gint64            parent_id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "list.add-child", "x", parent_id));
  return find_dialog ();
}

static void
set (LbRecordDialog *dialog,
     const char     *field,
     const char     *text)
{
  g_assert_true (lb_record_form_set_text (lb_record_dialog_get_form (dialog), field, text));
}

/* Create/Save must be refused with the message under @field's row, the dialog still open
 * and the database as it was. */
static void
assert_refused (Fixture            *f,
                LbRecordDialog     *dialog,
                const char         *field,
                const char         *message_part,
                const LbRecordKind *kind,
                gint64              expected_count)
{
  LbRecordForm *form = lb_record_dialog_get_form (dialog);
  const char *message;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "record.save", NULL));
  ui_test_spin (30);
  message = lb_record_form_get_error (form, field);
  if (message == NULL || strstr (message, message_part) == NULL)
    g_error ("Expected “%s” under %s, got “%s” (dialog: “%s”)", message_part, field,
             message != NULL ? message : "nothing", lb_record_dialog_get_message (dialog));
  g_assert_true (gtk_widget_has_css_class (lb_record_form_get_row (form, field), "error"));
  g_assert_null (lb_record_dialog_get_message (dialog));
  g_assert_true (ui_test_find_window (LB_TYPE_RECORD_DIALOG) == GTK_WINDOW (dialog));
  g_assert_cmpint (count (f, kind), ==, expected_count);
}

static gint64
save (LbRecordDialog *dialog)
{
  gint64 id;

  g_object_ref (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "record.save", NULL));
  if (lb_record_dialog_get_message (dialog) != NULL)
    g_error ("Not saved: %s", lb_record_dialog_get_message (dialog));
  id = lb_record_dialog_get_record_id (dialog);
  g_object_unref (dialog);
  ui_test_wait_until (no_record_dialog, NULL, 15000, "the dialog to close");
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The text of the first label in @widget's tree with @css_class, or NULL. */
static const char *
label_with_class (GtkWidget  *widget,
                  const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = label_with_class (child, css_class);

      if (text != NULL)
        return text;
    }
  return NULL;
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

static const char *
row_subtitle (GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (row))
    return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static const char *
last_toast (Fixture *f)
{
  return f->toasts->len > 0 ? g_ptr_array_index (f->toasts, f->toasts->len - 1) : NULL;
}

static gpointer
get_record (Fixture            *f,
            const LbRecordKind *kind,
            gint64              id)
{
  g_autoptr(GError) error = NULL;
  gpointer record = lb_store_get (f->store, kind, id, &error);

  g_assert_no_error (error);
  return record;
}

/* ---- one form per kind ---------------------------------------------------------------------- */

static void
test_readiness_form (Fixture      *f,
                     gconstpointer data)
{
  LbRecordListPage *page = get_page (f, "readiness");
  gint64 before = count (f, &lb_readiness_item_kind);
  LbRecordDialog *dialog;
  LbReadinessItem *item;
  gint64 id;

  /* The portfolio's five items are prerequisites: the controls group says "None yet". */
  g_assert_cmpuint (lb_record_list_page_get_n_records (page), ==, 5);
  g_assert_nonnull (widget_with_class (lb_record_list_page_get_section (page, 0), "placeholder-row"));
  g_assert_null (widget_with_class (lb_record_list_page_get_section (page, 1), "placeholder-row"));

  /* Add Control: a control must say which of the five it is. */
  dialog = open_add (page, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "New Readiness Item");
  g_assert_null (lb_record_form_get_row (lb_record_dialog_get_form (dialog), "project_id"));
  set (dialog, "title", "Rollback path evidenced");
  assert_refused (f, dialog, "control", "Must be set for a production-readiness control",
                  &lb_readiness_item_kind, before);
  set (dialog, "control", "Rollback evidence");
  set (dialog, "status", "Blocked");
  id = save (dialog);

  item = get_record (f, &lb_readiness_item_kind, id);
  g_assert_cmpint (item->project_id, ==, f->erp_id);
  g_assert_cmpint (item->kind, ==, LB_READINESS_CONTROL);
  g_assert_cmpint (item->control, ==, LB_CONTROL_ROLLBACK_EVIDENCE);
  lb_record_free (item);

  /* It is listed with the controls, its status as a badge. */
  g_assert_true (gtk_widget_is_ancestor (lb_record_list_page_get_row (page, &lb_readiness_item_kind, id),
                                         lb_record_list_page_get_section (page, 0)));
  g_assert_cmpstr (label_with_class (lb_record_list_page_get_row (page, &lb_readiness_item_kind, id), "record-badge"),
                   ==, "Blocked");
  g_assert_null (widget_with_class (lb_record_list_page_get_section (page, 0), "placeholder-row"));
  g_assert_cmpstr (last_toast (f), ==, "“Rollback path evidenced” added");

  /* Add Prerequisite: one must not claim a control. */
  dialog = open_add (page, 1);
  set (dialog, "title", "Trace flags");
  set (dialog, "control", "Owner");
  assert_refused (f, dialog, "control", "Only production-readiness controls have one",
                  &lb_readiness_item_kind, before + 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_capacity_form (Fixture      *f,
                    gconstpointer data)
{
  LbRecordListPage *page = get_page (f, "capacity");
  gint64 before = count (f, &lb_capacity_test_kind);
  LbRecordDialog *dialog = open_add (page, 0);
  LbRecordForm *form = lb_record_dialog_get_form (dialog);
  GtkWidget *row;
  gint64 id;

  /* When it was tested starts as now; the rest is the user's. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lb_record_form_get_row (form, "tested_at"))), !=, "");
  set (dialog, "target_tier", "General Purpose");
  set (dialog, "target_vcores", "1");
  assert_refused (f, dialog, "target_vcores", "Must be between 2 and 128", &lb_capacity_test_kind, before);

  set (dialog, "target_vcores", "8");
  set (dialog, "log_gen_peak_mibps", "20");
  set (dialog, "log_gen_p95_mibps", "25");
  assert_refused (f, dialog, "log_gen_p95_mibps", "Must not exceed", &lb_capacity_test_kind, before);

  set (dialog, "log_gen_p95_mibps", "12.5");
  set (dialog, "cpu_pct", "63");
  set (dialog, "verdict", "Fail");
  set (dialog, "tested_at", "2026-11-20 09:00");
  id = save (dialog);

  row = lb_record_list_page_get_row (page, &lb_capacity_test_kind, id);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Workload replay, 2026-11-20 09:00");
  /* The recorded verdict contradicts the figures: both are said, the badge warns; what was
   * tested is inside. */
  g_assert_cmpstr (row_subtitle (row), ==,
                   "Recorded as Fail; the figures say Pass: log generation p95 12.5 MiB/s is within GP 8-vCore "
                   "cap 36 MiB/s (65.3% headroom)");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget_with_class (row, "capacity-details"))),
                   ==, "General Purpose · 8 vCores · 20 MiB/s log peak · CPU 63 %");
  g_assert_cmpstr (label_with_class (row, "record-badge"), ==, "Fail");
  g_assert_true (gtk_widget_has_css_class (widget_with_class (row, "record-badge"), "warning"));
}

static void
test_rehearsal_and_step_forms (Fixture      *f,
                               gconstpointer data)
{
  LbRecordListPage *page = get_page (f, "rehearsals");
  gint64 before = count (f, &lb_rehearsal_kind);
  LbRecordDialog *dialog = open_add (page, 0);
  GtkWidget *row;
  LbRehearsalStep *step;
  gint64 id;
  gint64 step_id;

  set (dialog, "title", "Cutover rehearsal 1");
  set (dialog, "kind", "Cutover rehearsal");
  set (dialog, "started_at", "2026-11-28 22:00");
  set (dialog, "ended_at", "2026-11-28 21:00");
  assert_refused (f, dialog, "ended_at", "Must not be before Started", &lb_rehearsal_kind, before);

  set (dialog, "ended_at", "2026-11-28 23:40");
  set (dialog, "downtime_target_min", "120");
  set (dialog, "measured_downtime_min", "73");
  set (dialog, "outcome", "Success");
  id = save (dialog);

  /* Outcome badge, and the downtime against its target. */
  row = lb_record_list_page_get_row (page, &lb_rehearsal_kind, id);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_cmpstr (label_with_class (row, "record-badge"), ==, "Success");
  g_assert_cmpstr (label_with_class (row, "record-value"), ==, "73 min of 120 min target");
  g_assert_cmpstr (row_subtitle (row), ==, "Cutover rehearsal · 2026-11-28 22:00 · 1 h 40 min");

  /* Without a target of its own, the project's (30 min for ERP Plant 1) applies. */
  {
    LbRehearsal *rehearsal = get_record (f, &lb_rehearsal_kind, id);

    rehearsal->downtime_target_min = LB_UNSET_INT;
    lb_store_update (f->store, rehearsal, NULL);
    lb_record_free (rehearsal);
    row = lb_record_list_page_get_row (page, &lb_rehearsal_kind, id);
    g_assert_cmpstr (label_with_class (row, "record-value"), ==, "73 min of 30 min target");
    g_assert_true (gtk_widget_has_css_class (widget_with_class (row, "record-value"), "error"));
  }

  /* A step of it: the same order rule. */
  dialog = open_add_child (page, id);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "New Step");
  g_assert_null (lb_record_form_get_row (lb_record_dialog_get_form (dialog), "rehearsal_id"));
  set (dialog, "name", "Stop application writes");
  set (dialog, "started_at", "2026-11-28 22:10");
  set (dialog, "ended_at", "2026-11-28 22:00");
  assert_refused (f, dialog, "ended_at", "Must not be before Started", &lb_rehearsal_step_kind, 0);
  set (dialog, "ended_at", "2026-11-28 22:14");
  set (dialog, "outcome", "Done");
  step_id = save (dialog);

  step = get_record (f, &lb_rehearsal_step_kind, step_id);
  g_assert_cmpint (step->rehearsal_id, ==, id);
  g_assert_cmpint (step->position, ==, 1);
  lb_record_free (step);

  /* Shown inside the rehearsal's row, which stays open across the reload. */
  row = lb_record_list_page_get_row (page, &lb_rehearsal_step_kind, step_id);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_ancestor (row, lb_record_list_page_get_row (page, &lb_rehearsal_kind, id)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Stop application writes");
  g_assert_cmpstr (label_with_class (row, "record-badge"), ==, "Done");

  /* The second step goes after the first. */
  dialog = open_add_child (page, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lb_record_form_get_row (lb_record_dialog_get_form (dialog),
                                                                                "position"))), ==, "2");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_evidence_form (Fixture      *f,
                    gconstpointer data)
{
  LbRecordListPage *page = get_page (f, "evidence");
  gint64 id = lb_record_list_page_get_record_id (page, 0);
  g_autofree char *title = NULL;
  LbRecordDialog *dialog;
  LbRecordForm *form;
  LbEvidence *evidence;

  evidence = get_record (f, &lb_evidence_kind, id);
  title = g_strdup (evidence->title);
  lb_record_free (evidence);

  /* Activating a row edits its record. */
  g_signal_emit_by_name (lb_record_list_page_get_row (page, &lb_evidence_kind, id), "activated");
  dialog = find_dialog ();
  form = lb_record_dialog_get_form (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Evidence");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lb_record_form_get_row (form, "title"))), ==, title);
  g_assert_null (lb_record_form_get_row (form, "content"));
  g_assert_null (lb_record_form_get_row (form, "sha256"));

  set (dialog, "title", "  ");
  assert_refused (f, dialog, "title", "Must not be empty", &lb_evidence_kind, 4);
  evidence = get_record (f, &lb_evidence_kind, id);
  g_assert_cmpstr (evidence->title, ==, title);
  lb_record_free (evidence);

  /* What it supports: this project's records only. */
  set (dialog, "title", "Failover log");
  set (dialog, "risk_id", "Log growth");
  save (dialog);
  evidence = get_record (f, &lb_evidence_kind, id);
  g_assert_cmpstr (evidence->title, ==, "Failover log");
  g_assert_cmpint (evidence->risk_id, !=, 0);
  g_assert_nonnull (evidence->content);
  lb_record_free (evidence);
  g_assert_cmpstr (last_toast (f), ==, "“Failover log” saved");
}

static void
test_cost_and_tag_forms (Fixture      *f,
                         gconstpointer data)
{
  LbRecordListPage *page = get_page (f, "costs");
  gint64 before = count (f, &lb_cost_item_kind);
  LbRecordDialog *dialog = open_add (page, 0);
  GtkWidget *row;
  gint64 id;

  set (dialog, "description", "MI compute, 8 vCores");
  set (dialog, "category", "MI compute");
  set (dialog, "amount", "1520.40");
  set (dialog, "currency", "euro");
  assert_refused (f, dialog, "currency", "is not an ISO 4217 code", &lb_cost_item_kind, before);

  set (dialog, "currency", "EUR");
  set (dialog, "months", "12");
  assert_refused (f, dialog, "months", "Applies to monthly costs only", &lb_cost_item_kind, before);

  set (dialog, "amount", "1,520.40");
  set (dialog, "period", "Monthly");
  assert_refused (f, dialog, "amount", "is not an amount such as", &lb_cost_item_kind, before);

  set (dialog, "amount", "1520.40");
  id = save (dialog);
  row = lb_record_list_page_get_row (page, &lb_cost_item_kind, id);
  g_assert_cmpstr (label_with_class (row, "record-value"), ==, "1,520.40 EUR / month × 12");
  g_assert_cmpstr (row_subtitle (row), ==, "MI compute · Estimate");

  /* Tags: a key is needed, and unique within the cost item whatever its case. */
  dialog = open_add_child (page, id);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "New Tag");
  set (dialog, "value", "prod");
  assert_refused (f, dialog, "key", "Must not be empty", &lb_cost_tag_kind, 0);
  set (dialog, "key", "env");
  save (dialog);

  dialog = open_add_child (page, id);
  set (dialog, "key", "ENV");
  assert_refused (f, dialog, "key", "already in use", &lb_cost_tag_kind, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_nonnull (label_with_class (lb_record_list_page_get_row (page, &lb_cost_item_kind, id), "record-value"));
}

static void
test_risk_form (Fixture      *f,
                gconstpointer data)
{
  LbRecordListPage *page = get_page (f, "risks");
  LbRecordDialog *dialog = open_add (page, 0);
  LbRecordForm *form = lb_record_dialog_get_form (dialog);
  GtkWidget *row;
  gint64 id;

  set (dialog, "title", "Certificate expiry breaks the link");
  set (dialog, "likelihood", "7");
  assert_refused (f, dialog, "likelihood", "Must be between 1 and 5", &lb_risk_kind, 2);
  g_assert_cmpstr (lb_record_form_get_error (form, "likelihood"), ==, "Must be between 1 and 5");
  g_assert_null (lb_record_form_get_error (form, "impact"));

  set (dialog, "likelihood", "4");
  set (dialog, "impact", "5");
  set (dialog, "due_at", "2020-01-01");
  id = save (dialog);

  /* Highest score first: 20 before the portfolio's two 9s. */
  g_assert_cmpint (lb_record_list_page_get_record_id (page, 0), ==, id);
  row = lb_record_list_page_get_row (page, &lb_risk_kind, id);
  g_assert_cmpstr (label_with_class (row, "record-value"), ==, "score 20");
  g_assert_true (gtk_widget_has_css_class (widget_with_class (row, "record-value"), "error"));
  g_assert_cmpstr (row_subtitle (row), ==, "Likelihood 4 × impact 5 · Due 2020-01-01 00:00");

  /* Due in the past and still open: overdue. */
  g_assert_true (gtk_widget_has_css_class (row, "overdue"));
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "risks-overdue.png"));
  g_assert_cmpstr (label_with_class (row, "record-badge"), ==, "Overdue");
  g_assert_true (gtk_widget_has_css_class (widget_with_class (row, "record-badge"), "error"));

  /* Closed, it is not overdue any more. */
  {
    LbRisk *risk = get_record (f, &lb_risk_kind, id);

    risk->status = LB_RISK_CLOSED;
    lb_store_update (f->store, risk, NULL);
    lb_record_free (risk);
  }
  row = lb_record_list_page_get_row (page, &lb_risk_kind, id);
  g_assert_false (gtk_widget_has_css_class (row, "overdue"));
  g_assert_cmpstr (label_with_class (row, "record-badge"), ==, "Closed");
}

static void
test_approval_form (Fixture      *f,
                    gconstpointer data)
{
  LbRecordListPage *page = get_page (f, "approvals");
  LbRecordDialog *dialog = open_add (page, 0);
  GtkWidget *row;
  gint64 id;

  set (dialog, "subject", "Go/no-go");
  set (dialog, "approver", "Anja Petersen");
  set (dialog, "role", "CIO");
  assert_refused (f, dialog, "decision", "Must not be empty", &lb_approval_kind, 1);
  set (dialog, "decision", "Approved");
  set (dialog, "decided_at", "2026-12-05 18:00");
  id = save (dialog);

  row = lb_record_list_page_get_row (page, &lb_approval_kind, id);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Go/no-go");
  g_assert_cmpstr (row_subtitle (row), ==, "Anja Petersen (CIO) · 2026-12-05 18:00");
  g_assert_cmpstr (label_with_class (row, "record-badge"), ==, "Approved");
}

/* ---- edit and delete ------------------------------------------------------------------------ */

static AdwMessageDialog *
ask_delete (LbRecordListPage   *page,
            const LbRecordKind *kind,
            gint64              id,
            const char         *heading)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "list.delete", "(sx)", kind->table, id));
  dialog = ADW_MESSAGE_DIALOG (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  return dialog;
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_test_wait_until (no_message_dialog, NULL, 15000, "the confirmation to close");
}

static void
test_edit_and_delete (Fixture      *f,
                      gconstpointer data)
{
  LbRecordListPage *page = get_page (f, "risks");
  gint64 id = lb_record_list_page_get_record_id (page, 1);
  GtkWidget *row = lb_record_list_page_get_row (page, &lb_risk_kind, id);
  g_autofree char *heading = NULL;
  LbRecordDialog *dialog;
  GtkWidget *trash;

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Month-end load");
  /* The trash button says what it deletes. */
  trash = widget_with_class (row, "flat");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (trash), ==, "Delete");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (trash)), ==, "list.delete");

  /* Edit by activating the row. */
  g_signal_emit_by_name (row, "activated");
  dialog = find_dialog ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Risk");
  set (dialog, "impact", "5");
  set (dialog, "owner", "Ravi Iyer");
  save (dialog);
  g_assert_cmpstr (last_toast (f), ==, "“Month-end load” saved");

  /* Score 15 now comes first; the row says so. */
  g_assert_cmpint (lb_record_list_page_get_record_id (page, 0), ==, id);
  row = lb_record_list_page_get_row (page, &lb_risk_kind, id);
  g_assert_cmpstr (row_subtitle (row), ==, "Likelihood 3 × impact 5 · Ravi Iyer");
  g_assert_cmpstr (label_with_class (row, "record-value"), ==, "score 15");

  /* Cancel keeps it; Delete removes it. */
  respond (ask_delete (page, &lb_risk_kind, id, "Delete “Month-end load”?"), "cancel");
  g_assert_cmpint (count (f, &lb_risk_kind), ==, 2);
  respond (ask_delete (page, &lb_risk_kind, id, "Delete “Month-end load”?"), "delete");
  g_assert_cmpint (count (f, &lb_risk_kind), ==, 1);
  g_assert_null (lb_record_list_page_get_row (page, &lb_risk_kind, id));
  g_assert_cmpuint (lb_record_list_page_get_n_records (page), ==, 1);
  g_assert_cmpstr (last_toast (f), ==, "“Month-end load” deleted");

  /* The last one goes: the empty state offers to add one. */
  id = lb_record_list_page_get_record_id (page, 0);
  respond (ask_delete (page, &lb_risk_kind, id, "Delete “Log growth”?"), "delete");
  g_assert_cmpstr (lb_record_list_page_get_state (page), ==, "empty");
  g_assert_cmpint (lb_project_page_get_count (lb_window_get_project_page (f->window), &lb_risk_kind), ==, 0);

  /* Steps go with their rehearsal (the confirmation says so). */
  page = get_page (f, "rehearsals");
  id = lb_record_list_page_get_record_id (page, 0);
  {
    LbRehearsalStep *step = lb_record_new (&lb_rehearsal_step_kind);

    step->rehearsal_id = id;
    ui_test_set_fields (step, "name", "Fail over", NULL);
    lb_store_insert (f->store, step, NULL);
    lb_record_free (step);
  }
  {
    AdwMessageDialog *confirm = ask_delete (page, &lb_rehearsal_kind, id, "Delete “Drill 1”?");

    g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "steps"));
    respond (confirm, "delete");
  }
  g_assert_cmpint (count (f, &lb_rehearsal_step_kind), ==, 0);

  /* A tag alone. */
  page = get_page (f, "costs");
  id = lb_record_list_page_get_record_id (page, 0);
  {
    LbCostTag *tag = lb_record_new (&lb_cost_tag_kind);

    tag->cost_item_id = id;
    ui_test_set_fields (tag, "key", "env", "value", "prod", NULL);
    lb_store_insert (f->store, tag, NULL);
    heading = g_strdup_printf ("Delete “%s”?", "env");
    respond (ask_delete (page, &lb_cost_tag_kind, tag->id, heading), "delete");
    lb_record_free (tag);
  }
  g_assert_cmpint (count (f, &lb_cost_tag_kind), ==, 0);
  g_assert_cmpint (count (f, &lb_cost_item_kind), ==, 3);
}

/* Every page: activating a row edits its record (saved unchanged), its trash button
 * deletes it. */
static void
test_edit_and_delete_on_every_page (Fixture      *f,
                                    gconstpointer data)
{
  static const struct { const char *page; const LbRecordKind *kind; const char *edit_title; } pages[] = {
    { "readiness", &lb_readiness_item_kind, "Edit Readiness Item" },
    { "capacity", &lb_capacity_test_kind, "Edit Capacity Test" },
    { "rehearsals", &lb_rehearsal_kind, "Edit Rehearsal" },
    { "evidence", &lb_evidence_kind, "Edit Evidence" },
    { "costs", &lb_cost_item_kind, "Edit Cost" },
    { "risks", &lb_risk_kind, "Edit Risk" },
    { "approvals", &lb_approval_kind, "Edit Approval" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      LbRecordListPage *page = get_page (f, pages[i].page);
      guint n = lb_record_list_page_get_n_records (page);
      gint64 id = lb_record_list_page_get_record_id (page, 0);
      gint64 before = count (f, pages[i].kind);
      GtkWidget *row = lb_record_list_page_get_row (page, pages[i].kind, id);
      LbRecordDialog *dialog;
      g_autofree char *name = NULL;
      g_autofree char *saved = NULL;
      g_autofree char *heading = NULL;

      g_assert_cmpuint (n, >, 0);
      g_assert_cmpint (lb_record_list_page_get_project_id (page), ==, f->erp_id);
      {
        gpointer record = get_record (f, pages[i].kind, id);

        name = lb_record_describe (record);
        lb_record_free (record);
      }

      /* Expander rows (rehearsals, costs) edit from their pencil button. */
      if (ADW_IS_EXPANDER_ROW (row))
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "list.edit", "(sx)", pages[i].kind->table, id));
      else
        g_signal_emit_by_name (row, "activated");
      dialog = find_dialog ();
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, pages[i].edit_title);
      g_assert_cmpint (lb_record_dialog_get_record_id (dialog), ==, id);
      save (dialog);
      saved = g_strdup_printf ("“%s” saved", name);
      g_assert_cmpstr (last_toast (f), ==, saved);
      g_assert_cmpint (count (f, pages[i].kind), ==, before);

      heading = g_strdup_printf ("Delete “%s”?", name);
      respond (ask_delete (page, pages[i].kind, id, heading), "delete");
      g_assert_cmpint (count (f, pages[i].kind), ==, before - 1);
      g_assert_cmpuint (lb_record_list_page_get_n_records (page), ==, n - 1);
      g_assert_null (lb_record_list_page_get_row (page, pages[i].kind, id));
    }
}

/* Another project shows its own records; switching back shows the first project's again. */
static void
test_follows_project (Fixture      *f,
                      gconstpointer data)
{
  LbRecordListPage *page = get_page (f, "risks");
  LbProjectList *list = lb_window_get_project_list (f->window);
  gint64 payroll = ui_test_project_id (f->store, "Payroll");
  LbRisk *risk = lb_record_new (&lb_risk_kind);

  g_assert_cmpuint (lb_record_list_page_get_n_records (page), ==, 2);
  g_assert_true (lb_project_list_select_project (list, payroll));
  g_assert_cmpint (lb_record_list_page_get_project_id (page), ==, payroll);
  g_assert_cmpstr (lb_record_list_page_get_state (page), ==, "empty");

  /* A write from elsewhere in the program shows up: the store signals it. */
  risk->project_id = payroll;
  ui_test_set_fields (risk, "title", "Payroll run overlaps the window", NULL);
  lb_store_insert (f->store, risk, NULL);
  lb_record_free (risk);
  g_assert_cmpuint (lb_record_list_page_get_n_records (page), ==, 1);

  g_assert_true (lb_project_list_select_project (list, f->erp_id));
  g_assert_cmpuint (lb_record_list_page_get_n_records (page), ==, 2);
}

/* Evidence may point at the steps of this project's rehearsals only. */
static void
test_step_choices_limited_to_project (Fixture      *f,
                                      gconstpointer data)
{
  gint64 payroll = ui_test_project_id (f->store, "Payroll");
  LbRecordListPage *page;
  LbRecordDialog *dialog;
  GListModel *choices;
  g_autoptr(GPtrArray) rehearsals = lb_store_list (f->store, &lb_rehearsal_kind, "project_id", f->erp_id, NULL);
  LbRehearsal *other = lb_record_new (&lb_rehearsal_kind);
  const char *const names[] = { "Stop writes", "Fail over" };

  /* A step under an ERP rehearsal, and one under Payroll's. */
  for (guint i = 0; i < 2; i++)
    {
      LbRehearsalStep *step = lb_record_new (&lb_rehearsal_step_kind);

      if (i == 1)
        {
          other->project_id = payroll;
          ui_test_set_fields (other, "title", "Payroll drill", "started_at", "2026-11-01 20:00", NULL);
          lb_store_insert (f->store, other, NULL);
          step->rehearsal_id = other->id;
        }
      else
        step->rehearsal_id = LB_RECORD_ID (g_ptr_array_index (rehearsals, 0));
      ui_test_set_fields (step, "name", names[i], NULL);
      lb_store_insert (f->store, step, NULL);
      lb_record_free (step);
    }
  lb_record_free (other);

  page = get_page (f, "evidence");
  g_signal_emit_by_name (lb_record_list_page_get_row (page, &lb_evidence_kind, lb_record_list_page_get_record_id (page, 0)),
                         "activated");
  dialog = find_dialog ();
  choices = adw_combo_row_get_model (ADW_COMBO_ROW (lb_record_form_get_row (lb_record_dialog_get_form (dialog),
                                                                            "step_id")));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==, "None");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 1), ==, "Drill 1 › Stop writes");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_icons_and_titles (Fixture      *f,
                       gconstpointer data)
{
  static const char *const expected[] = {
    "overview", "readiness", "capacity", "rehearsals", "evidence", "costs", "risks", "approvals",
  };
  AdwViewStack *stack = lb_window_get_view_stack (f->window);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), >=, G_N_ELEMENTS (expected));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      const char *icon = adw_view_stack_page_get_icon_name (page);

      if (i < G_N_ELEMENTS (expected))
        g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, expected[i]);
      g_assert_nonnull (adw_view_stack_page_get_title (page));
      g_assert_true (g_str_has_suffix (icon, "-symbolic"));
      if (!gtk_icon_theme_has_icon (theme, icon))
        g_error ("The icon theme has no %s", icon);
    }
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The overview's record-count cards open the page of their records. */
static void
test_count_cards_open_pages (Fixture      *f,
                             gconstpointer data)
{
  static const char *const pages[] = {
    "readiness", "capacity", "rehearsals", "evidence", "costs", "risks", "approvals", NULL, NULL,
  };
  GtkFlowBox *box = GTK_FLOW_BOX (find_descendant (GTK_WIDGET (lb_window_get_project_page (f->window)),
                                                   GTK_TYPE_FLOW_BOX));
  AdwViewStack *stack = lb_window_get_view_stack (f->window);

  g_assert_nonnull (box);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (box, (int) i);

      g_assert_nonnull (child);
      lb_window_show_page (f->window, "overview");
      g_signal_emit_by_name (box, "child-activated", child);
      /* Lag samples have no page: nothing happens. Connection profiles open their window. */
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, pages[i] != NULL ? pages[i] : "overview");
      if (i == 7)
        {
          GtkWindow *profiles = ui_test_find_window (LB_TYPE_PROFILES_DIALOG);

          g_assert_nonnull (profiles);
          g_assert_cmpint (lb_profiles_dialog_get_project_id (LB_PROFILES_DIALOG (profiles)), ==,
                           lb_project_list_get_selected_project_id (lb_window_get_project_list (f->window)));
          g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (child)));
          gtk_window_destroy (profiles);
        }
      else
        g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (child)) == (pages[i] != NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

#define ADD(path, func) g_test_add ("/ui/record-pages/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("icons-and-titles", test_icons_and_titles);
  ADD ("count-cards-open-pages", test_count_cards_open_pages);
  ADD ("readiness-form", test_readiness_form);
  ADD ("capacity-form", test_capacity_form);
  ADD ("rehearsal-and-step-forms", test_rehearsal_and_step_forms);
  ADD ("evidence-form", test_evidence_form);
  ADD ("cost-and-tag-forms", test_cost_and_tag_forms);
  ADD ("risk-form", test_risk_form);
  ADD ("approval-form", test_approval_form);
  ADD ("edit-and-delete", test_edit_and_delete);
  ADD ("edit-and-delete-on-every-page", test_edit_and_delete_on_every_page);
  ADD ("follows-project", test_follows_project);
  ADD ("step-choices-limited-to-project", test_step_choices_limited_to_project);
#undef ADD

  return g_test_run ();
}
