/* test-runbook-dialog.c: the Runbooks window — the built-in runbook, the first change
 * making an editable copy, adding a step with a downtime role, moving and removing steps,
 * resetting; and a drill started afterwards gets the edited runbook.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lb-ordered-row.h"
#include "lb-record-dialog.h"
#include "lb-runbook-dialog.h"
#include "ui-test-common.h"

typedef struct
{
  char            *dir;
  LbStore         *store;
  LbRunbookDialog *dialog;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = ui_test_make_dir ("runbook");
  path = g_build_filename (f->dir, "runbook.db", NULL);
  f->store = lb_store_open (path, &error);
  g_assert_no_error (error);
  f->dialog = lb_runbook_dialog_new (NULL, f->store, LB_REHEARSAL_CUTOVER);
  ui_test_show_window (GTK_WINDOW (f->dialog));
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  GtkWindow *window;

  while ((window = ui_test_find_window (LB_TYPE_RECORD_DIALOG)) != NULL)
    gtk_window_destroy (window);
  ui_test_destroy_window (GTK_WINDOW (f->dialog));
  g_clear_object (&f->store);
  g_free (f->dir);
}

static void
click (Fixture    *f,
       guint       index,
       const char *css_class)
{
  GtkWidget *button = ui_test_find_with_class (lb_runbook_dialog_get_row (f->dialog, index), css_class);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static const char *
title_at (Fixture *f,
          guint    index)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (lb_runbook_dialog_get_row (f->dialog, index)));
}

typedef struct
{
  Fixture    *f;
  guint       n;
  const char *title; /* of the row at @index */
  guint       index;
} Shown;

static gboolean
shown (gpointer data)
{
  Shown *s = data;

  return lb_runbook_dialog_get_n_steps (s->f->dialog) == s->n &&
         (s->title == NULL || g_strcmp0 (title_at (s->f, s->index), s->title) == 0);
}

static gboolean
no_record_dialog (gpointer data)
{
  return ui_test_find_window (LB_TYPE_RECORD_DIALOG) == NULL;
}

static void
test_edit_runbook (Fixture      *f,
                   gconstpointer data)
{
  guint n = lb_runbook_builtin (LB_REHEARSAL_CUTOVER)->n_steps;
  LbRecordDialog *editor;
  AdwMessageDialog *confirm;
  Shown wait = { f, n + 1, "Tell the plant floor", n };
  g_autoptr(GPtrArray) runbook = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  LbRunbookStep *added;

  /* Built-in: the documented runbook, Reset disabled, nothing stored. */
  g_assert_false (lb_runbook_dialog_get_edited (f->dialog));
  g_assert_cmpuint (lb_runbook_dialog_get_n_steps (f->dialog), ==, n);
  g_assert_cmpstr (title_at (f, 1), ==, "Stop the workload on the SQL Server primary");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lb_runbook_dialog_get_row (f->dialog, 1))), ==,
                   "Downtime starts (workload stopped)");
  g_assert_false (gtk_widget_is_sensitive (ui_test_find_with_class (lb_runbook_dialog_get_row (f->dialog, 0), "move-up")));
  g_assert_cmpint (lb_store_count (f->store, &lb_runbook_step_kind, NULL, 0, NULL), ==, 0);
  ui_test_spin (100);
  g_free (ui_test_screenshot (GTK_WIDGET (f->dialog), "runbooks.png"));

  /* Add a step: the runbook becomes an edited copy and the step comes last. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "runbook.add", NULL));
  editor = LB_RECORD_DIALOG (ui_test_find_window (LB_TYPE_RECORD_DIALOG));
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Runbook Step");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "record.save", NULL));
  g_assert_nonnull (lb_record_form_get_error (lb_record_dialog_get_form (editor), "name")); /* a name is needed */
  g_assert_true (lb_record_form_set_text (lb_record_dialog_get_form (editor), "name", "Tell the plant floor"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "record.save", NULL));
  ui_test_wait_until (no_record_dialog, NULL, 15000, "the step dialog to close");
  ui_test_wait_until (shown, &wait, 15000, "the new step");
  g_assert_true (lb_runbook_dialog_get_edited (f->dialog));

  /* Move it up one place, before the rollback. */
  click (f, n, "move-up");
  wait.index = n - 1;
  ui_test_wait_until (shown, &wait, 15000, "the step to move up");

  /* Edit the validation step through its form. */
  click (f, 6, "edit");
  editor = LB_RECORD_DIALOG (ui_test_find_window (LB_TYPE_RECORD_DIALOG));
  g_assert_nonnull (editor);
  g_assert_true (lb_record_form_set_text (lb_record_dialog_get_form (editor), "notes", "Smoke tests by the plant."));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "record.save", NULL));
  ui_test_wait_until (no_record_dialog, NULL, 15000, "the step dialog to close");

  /* Remove the first step after confirming. */
  click (f, 0, "delete");
  confirm = ADW_MESSAGE_DIALOG (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "delete");
  gtk_window_destroy (GTK_WINDOW (confirm));
  wait.n = n;
  wait.title = "Stop the workload on the SQL Server primary";
  wait.index = 0;
  ui_test_wait_until (shown, &wait, 15000, "the first step to go");

  /* A drill started now gets exactly this runbook, roles included. */
  runbook = lb_runbook_load (f->store, LB_REHEARSAL_CUTOVER, NULL, NULL);
  steps = lb_runbook_instantiate (runbook, 1);
  g_assert_cmpuint (steps->len, ==, n);
  g_assert_cmpint (((LbRehearsalStep *) steps->pdata[0])->role, ==, LB_STEP_ROLE_DOWNTIME_START);
  added = runbook->pdata[n - 2];
  g_assert_cmpstr (added->name, ==, "Tell the plant floor");
  g_assert_cmpstr (((LbRunbookStep *) runbook->pdata[5])->notes, ==, "Smoke tests by the plant.");
  ui_test_spin (100);
  g_free (ui_test_screenshot (GTK_WIDGET (f->dialog), "runbooks-edited.png"));

  /* Reset, after confirming. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "runbook.reset", NULL));
  confirm = ADW_MESSAGE_DIALOG (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (confirm, "reset");
  gtk_window_destroy (GTK_WINDOW (confirm));
  wait.n = n;
  wait.title = "Pre-check: link healthy and connected";
  ui_test_wait_until (shown, &wait, 15000, "the built-in runbook");
  g_assert_false (lb_runbook_dialog_get_edited (f->dialog));
  g_assert_cmpint (lb_store_count (f->store, &lb_runbook_step_kind, NULL, 0, NULL), ==, 0);

  /* Other kinds have their own runbook. */
  lb_runbook_dialog_set_kind (f->dialog, LB_REHEARSAL_FAILBACK);
  g_assert_cmpuint (lb_runbook_dialog_get_n_steps (f->dialog), ==, lb_runbook_builtin (LB_REHEARSAL_FAILBACK)->n_steps);
  g_assert_cmpstr (title_at (f, 1), ==, "Stop the workload on the managed instance");
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/ui/runbook-dialog/edit", Fixture, NULL, fixture_setup, test_edit_runbook, fixture_teardown);
  return g_test_run ();
}
