/* test-drill-mode.c: drill mode on the Rehearsals page — starting a drill from its dialog,
 * logging its steps one at a time, picking it up again in a new window, and finishing it
 * with its outcome and the downtime measured from the steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-drill-mode"

#include "config.h"

#include <string.h>

#include "lb-drill-panel.h"
#include "lb-record-list-page.h"

#include "ui-test-common.h"

typedef struct
{
  char             *dir;
  char             *path;
  LbStore          *store;
  gint64            project_id;
  GtkWindow        *window;
  LbRecordListPage *page;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);

  f->dir = ui_test_make_dir ("drill");
  f->path = g_build_filename (f->dir, "drill.db", NULL);
  f->store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  ui_test_set_fields (project, "name", "ERP Plant 1", "source_server", "sqlprod01", "source_database", "ERP",
                      "target_tier", "general_purpose", "target_vcores", "8", "downtime_target_min", "120", NULL);
  lb_store_insert (f->store, project, &error);
  g_assert_no_error (error);
  f->project_id = project->id;
  lb_record_free (project);
}

static void
show_page (Fixture *f)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 1000);
  f->page = LB_RECORD_LIST_PAGE (lb_record_list_page_new (&lb_rehearsal_kind));
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  lb_record_list_page_set_store (f->page, f->store);
  lb_record_list_page_set_project_id (f->page, f->project_id);
  ui_test_show_window (f->window);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  GtkWindow *dialog;

  while ((dialog = ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  if (f->window != NULL)
    ui_test_destroy_window (f->window);
  g_clear_object (&f->store);
  g_free (f->path);
  g_free (f->dir);
}

static LbDrillPanel *
panel (Fixture *f)
{
  GtkWidget *widget = lb_record_list_page_get_drill_panel (f->page);

  g_assert_nonnull (widget);
  g_assert_true (LB_IS_DRILL_PANEL (widget));
  return LB_DRILL_PANEL (widget);
}

static const char *
button_label (Fixture *f,
              guint    index)
{
  GtkWidget *button = lb_drill_panel_get_step_button (panel (f), index);

  g_assert_nonnull (button);
  return gtk_button_get_label (GTK_BUTTON (button));
}

static gboolean
button_gone (gpointer data)
{
  return *(GtkWidget **) data == NULL;
}

/* Presses a step's button as a keyboard user would (Enter/Space activate a GtkButton). */
static void
press (Fixture *f,
       guint    index)
{
  GtkWidget *button = lb_drill_panel_get_step_button (panel (f), index);

  g_assert_nonnull (button);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_get_focusable (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_object_add_weak_pointer (G_OBJECT (button), (gpointer *) &button);
  /* A GtkButton emits "clicked" a moment after its activation, as after a key press. */
  gtk_widget_activate (button);
  ui_test_wait_until (button_gone, &button, 15000, "the step to be saved");
}

static gboolean
find_text (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_text (child, text))
      return TRUE;
  return FALSE;
}

static GPtrArray *
load_steps (Fixture *f,
            gint64   rehearsal_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *steps = lb_store_list (f->store, &lb_rehearsal_step_kind, "rehearsal_id", rehearsal_id, &error);

  g_assert_no_error (error);
  return steps;
}

/* Moves the start of the step that stops the workload @minutes before the end of the
 * step that validates the applications. */
static void
set_downtime (Fixture *f,
              gint64   rehearsal_id,
              gint64   minutes)
{
  g_autoptr(GPtrArray) steps = load_steps (f, rehearsal_id);
  g_autoptr(GError) error = NULL;
  LbRehearsalStep *start = NULL;
  LbRehearsalStep *end = NULL;

  for (guint i = 0; i < steps->len; i++)
    {
      LbRehearsalStep *step = steps->pdata[i];

      if (step->role == LB_STEP_ROLE_DOWNTIME_START)
        start = step;
      else if (step->role == LB_STEP_ROLE_DOWNTIME_END)
        end = step;
    }
  g_assert_nonnull (start);
  g_assert_nonnull (end);
  g_assert_cmpint (end->ended_at, !=, LB_UNSET_INT);
  start->started_at = end->ended_at - minutes * 60000;
  lb_store_update (f->store, start, &error);
  g_assert_no_error (error);
}

static void
test_drill_mode (Fixture      *f,
                 gconstpointer data)
{
  const LbRunbookTemplate *runbook = lb_runbook_builtin (LB_REHEARSAL_CUTOVER);
  const char *cutover = lb_enum_info_label (lb_record_kind_find_field (&lb_rehearsal_kind, "kind")->enum_info,
                                            LB_REHEARSAL_CUTOVER);
  g_autoptr(GError) error = NULL;
  g_autofree char *first_title = NULL;
  g_autofree char *expected_title = NULL;
  GtkWindow *dialog;
  LbRehearsal *rehearsal;
  gint64 id;
  guint n;

  show_page (f);
  g_assert_null (lb_record_list_page_get_drill_panel (f->page));
  g_assert_cmpstr (lb_record_list_page_get_state (f->page), ==, "empty");

  /* Start Drill: kind and a title that follows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "list.start-drill", NULL));
  dialog = ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  first_title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (lb_drill_start_dialog_get_title_row (GTK_WIDGET (dialog)))));
  g_assert_nonnull (strstr (first_title, ", "));
  adw_combo_row_set_selected (ADW_COMBO_ROW (lb_drill_start_dialog_get_kind_row (GTK_WIDGET (dialog))), LB_REHEARSAL_CUTOVER);
  expected_title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (lb_drill_start_dialog_get_title_row (GTK_WIDGET (dialog)))));
  g_assert_true (g_str_has_prefix (expected_title, cutover));
  g_assert_cmpstr (expected_title + strlen (cutover), ==, strchr (first_title, ','));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "start");
  gtk_window_destroy (dialog);
  ui_test_spin (50);

  /* The rehearsal is in progress with its runbook, all pending. */
  g_assert_cmpuint (lb_record_list_page_get_n_records (f->page), ==, 1);
  id = lb_record_list_page_get_record_id (f->page, 0);
  rehearsal = lb_store_get (f->store, &lb_rehearsal_kind, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rehearsal->outcome, ==, LB_OUTCOME_IN_PROGRESS);
  g_assert_cmpint (rehearsal->kind, ==, LB_REHEARSAL_CUTOVER);
  g_assert_cmpstr (rehearsal->title, ==, expected_title);
  g_assert_cmpint (rehearsal->started_at, !=, LB_UNSET_INT);
  g_assert_cmpint (rehearsal->project_id, ==, f->project_id);
  lb_record_free (rehearsal);

  n = lb_drill_panel_get_n_steps (panel (f));
  g_assert_cmpuint (n, ==, runbook->n_steps);
  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpint (lb_drill_panel_get_rehearsal_id (panel (f)), ==, id);
  g_assert_cmpint (lb_drill_panel_get_next_step (panel (f)), ==, 0);
  g_assert_cmpstr (button_label (f, 0), ==, "Start");
  g_assert_null (lb_drill_panel_get_step_button (panel (f), 1));
  g_assert_true (g_str_has_prefix (lb_drill_panel_get_clock_text (panel (f)), "Elapsed 0:00:0"));

  /* Step 1 runs: it is saved at once, and the next step cannot start. */
  press (f, 0);
  g_assert_cmpint (lb_drill_panel_get_step_outcome (panel (f), 0), ==, LB_STEP_RUNNING);
  {
    g_autoptr(GPtrArray) steps = load_steps (f, id);

    for (guint i = 0; i < steps->len; i++)
      {
        LbRehearsalStep *step = steps->pdata[i];

        g_assert_cmpint (step->outcome, ==, step->position == 1 ? LB_STEP_RUNNING : LB_STEP_PENDING);
        g_assert_cmpint (step->started_at != LB_UNSET_INT, ==, step->position == 1);
      }
  }
  g_assert_cmpstr (button_label (f, 0), ==, "Finish");
  g_assert_cmpstr (button_label (f, 1), ==, "Start");
  g_assert_false (gtk_widget_get_sensitive (lb_drill_panel_get_step_button (panel (f), 1)));
  press (f, 0);
  g_assert_cmpint (lb_drill_panel_get_step_outcome (panel (f), 0), ==, LB_STEP_DONE);
  g_assert_true (gtk_widget_get_sensitive (lb_drill_panel_get_step_button (panel (f), 1)));
  press (f, 1);
  press (f, 1);
  g_assert_cmpint (lb_drill_panel_get_next_step (panel (f)), ==, 2);

  /* A new window on the same database file picks the drill up where it was. */
  ui_test_destroy_window (f->window);
  f->window = NULL;
  g_clear_object (&f->store);
  f->store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  show_page (f);
  g_assert_cmpint (lb_drill_panel_get_rehearsal_id (panel (f)), ==, id);
  g_assert_cmpint (lb_drill_panel_get_step_outcome (panel (f), 0), ==, LB_STEP_DONE);
  g_assert_cmpint (lb_drill_panel_get_step_outcome (panel (f), 1), ==, LB_STEP_DONE);
  g_assert_cmpint (lb_drill_panel_get_step_outcome (panel (f), 2), ==, LB_STEP_PENDING);
  g_assert_cmpint (lb_drill_panel_get_next_step (panel (f)), ==, 2);
  g_assert_cmpstr (button_label (f, 2), ==, "Start");
  g_assert_null (lb_drill_panel_get_step_button (panel (f), 0));

  /* The keys of drill mode: Ctrl+Return moves on, Ctrl+Shift+K skips, wherever the focus
   * is in the window. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (panel (f)));
    g_autoptr(GString) bound = g_string_new (NULL);

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;
        g_assert_cmpint (gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)), ==,
                         GTK_SHORTCUT_SCOPE_GLOBAL);
        for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
            g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
            g_autofree char *action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

            g_string_append_printf (bound, "%s=%s;", trigger, action);
          }
      }
    g_assert_nonnull (strstr (bound->str, "<Control>Return=action(drill.advance);"));
    g_assert_nonnull (strstr (bound->str, "<Shift><Control>k=action(drill.skip-step);"));
  }
  /* The rest of the runbook; step 3 started and skipped from the keyboard, the others done. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel (f)), "drill.advance", NULL));
  g_assert_cmpint (lb_drill_panel_get_step_outcome (panel (f), 2), ==, LB_STEP_RUNNING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel (f)), "drill.skip-step", NULL));
  g_assert_cmpint (lb_drill_panel_get_step_outcome (panel (f), 2), ==, LB_STEP_SKIPPED);
  for (guint i = 3; i < n; i++)
    {
      press (f, i);
      if (i == 4)
        {
          ui_test_spin (100);
          g_free (ui_test_screenshot (GTK_WIDGET (f->window), "drill-mode.png"));
        }
      press (f, i);
    }
  g_assert_cmpint (lb_drill_panel_get_next_step (panel (f)), ==, -1);

  /* Over the target, the clock says so. */
  set_downtime (f, id, 130);
  g_assert_true (lb_drill_panel_get_over_target (panel (f)));
  g_assert_nonnull (strstr (lb_drill_panel_get_clock_text (panel (f)), "downtime 2:10:00 of 120 min target"));
  set_downtime (f, id, 73);
  g_assert_false (lb_drill_panel_get_over_target (panel (f)));

  /* Finish Drill: outcome and data loss; the downtime comes from the steps. */
  dialog = GTK_WINDOW (lb_drill_panel_ask_finish (panel (f)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (lb_drill_finish_dialog_get_outcome_row (GTK_WIDGET (dialog))), 1);
  gtk_switch_set_active (GTK_SWITCH (lb_drill_finish_dialog_get_data_loss (GTK_WIDGET (dialog))), TRUE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "finish");
  gtk_window_destroy (dialog);
  ui_test_spin (50);

  rehearsal = lb_store_get (f->store, &lb_rehearsal_kind, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rehearsal->outcome, ==, LB_OUTCOME_PARTIAL);
  g_assert_true (rehearsal->data_loss);
  g_assert_cmpint (rehearsal->ended_at, !=, LB_UNSET_INT);
  g_assert_cmpfloat_with_epsilon (rehearsal->measured_downtime_min, 73.0, 0.001);
  lb_record_free (rehearsal);

  g_assert_null (lb_record_list_page_get_drill_panel (f->page));
  {
    GtkWidget *row = lb_record_list_page_get_row (f->page, &lb_rehearsal_kind, id);

    g_assert_nonnull (row);
    g_assert_true (find_text (row, lb_enum_info_label (lb_record_kind_find_field (&lb_rehearsal_kind, "outcome")->enum_info,
                                                       LB_OUTCOME_PARTIAL)));
    g_assert_true (find_text (row, "73 min of 120 min target"));
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/ui/drill-mode/run", Fixture, NULL, fixture_setup, test_drill_mode, fixture_teardown);

  return g_test_run ();
}
