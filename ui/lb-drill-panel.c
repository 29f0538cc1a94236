/* lb-drill-panel.c
 *
 * The panel reads its rehearsal and steps again whenever the store reports a change to
 * them and builds its rows again; the clock only rewrites its label once a second.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-drill-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-drill-panel.h"
#include "lb-error-dialog.h"

struct _LbDrillPanel
{
  GtkWidget    parent_instance;

  LbStore     *store;
  gint64       rehearsal_id;
  LbRehearsal *rehearsal;   /* nullable */
  LbProject   *project;     /* nullable: its downtime target counts when the drill has none */
  GPtrArray   *steps;       /* LbRehearsalStep*, by position */
  GPtrArray   *buttons;     /* GtkWidget* or NULL per step, owned by their rows */
  GtkWidget   *group;
  GtkWidget   *clock_label;
  char        *clock_text;
  guint        clock_id;
  gulong       changed_id;
  gboolean     over_target;
};

G_DEFINE_FINAL_TYPE (LbDrillPanel, lb_drill_panel, GTK_TYPE_WIDGET)

static const char *
field_label (const LbRecordKind *kind,
             const char         *field,
             int                 value)
{
  return lb_enum_info_label (lb_record_kind_find_field (kind, field)->enum_info, value);
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const LbRehearsalStep *x = *(LbRehearsalStep *const *) a;
  const LbRehearsalStep *y = *(LbRehearsalStep *const *) b;

  return (x->position > y->position) - (x->position < y->position);
}

static LbRehearsalStep *
find_step (LbDrillPanel *self,
           int           outcome)
{
  for (guint i = 0; self->steps != NULL && i < self->steps->len; i++)
    {
      LbRehearsalStep *step = self->steps->pdata[i];

      if (step->outcome == outcome)
        return step;
    }
  return NULL;
}

/* ---- clock ---------------------------------------------------------------------------------- */

static char *
format_clock (gint64 ms)
{
  gint64 s = MAX (ms, 0) / 1000;

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int) (s / 60 % 60), (int) (s % 60));
}

static void
update_clock (LbDrillPanel *self)
{
  g_autoptr(LbRehearsalDowntime) downtime = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *so_far = NULL;
  gint64 now = lb_time_now_ms ();
  gint64 downtime_ms = LB_UNSET_INT;

  if (self->rehearsal == NULL)
    return;
  elapsed = format_clock (self->rehearsal->started_at != LB_UNSET_INT ? now - self->rehearsal->started_at : 0);
  downtime = lb_rehearsal_downtime_compute (self->rehearsal, self->steps, self->project);
  if (downtime->source == LB_DOWNTIME_FROM_STEPS)
    downtime_ms = downtime->downtime_ms;
  else
    /* Under way: from the start of the step that stopped the workload until now. */
    for (guint i = 0; i < self->steps->len; i++)
      {
        LbRehearsalStep *step = self->steps->pdata[i];

        if (step->role == LB_STEP_ROLE_DOWNTIME_START && step->started_at != LB_UNSET_INT)
          {
            downtime_ms = now - step->started_at;
            break;
          }
      }

  self->over_target = downtime_ms != LB_UNSET_INT && downtime->target_min != LB_UNSET_INT &&
                      downtime_ms > downtime->target_min * 60000;
  if (downtime_ms == LB_UNSET_INT)
    so_far = downtime->target_min != LB_UNSET_INT
             /* TRANSLATORS: drill mode before the workload was stopped, "no downtime yet, 120 min target" */
             ? g_strdup_printf (_("no downtime yet, %" G_GINT64_FORMAT " min target"), downtime->target_min)
             : g_strdup (_("no downtime yet"));
  else
    {
      g_autofree char *clock = format_clock (downtime_ms);

      so_far = downtime->target_min != LB_UNSET_INT
               /* TRANSLATORS: drill mode, "downtime 0:05:12 of 120 min target" */
               ? g_strdup_printf (_("downtime %s of %" G_GINT64_FORMAT " min target"), clock, downtime->target_min)
               : g_strdup_printf (_("downtime %s"), clock);
    }
  g_free (self->clock_text);
  /* TRANSLATORS: drill mode's clock, "Elapsed 0:12:03 · downtime 0:05:12 of 120 min target" */
  self->clock_text = g_strdup_printf (_("Elapsed %s · %s"), elapsed, so_far);
  if (self->clock_label != NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->clock_label), self->clock_text);
      if (self->over_target)
        {
          gtk_widget_add_css_class (self->clock_label, "error");
          gtk_widget_remove_css_class (self->clock_label, "dim-label");
        }
      else
        {
          gtk_widget_remove_css_class (self->clock_label, "error");
          gtk_widget_add_css_class (self->clock_label, "dim-label");
        }
    }
}

static gboolean
on_clock_tick (gpointer data)
{
  update_clock (LB_DRILL_PANEL (data));
  return G_SOURCE_CONTINUE;
}

/* ---- steps ---------------------------------------------------------------------------------- */

static gboolean
save_step (LbDrillPanel    *self,
           LbRehearsalStep *step)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_object_ref (self);
  ok = lb_store_update (self->store, step, &error);
  if (!ok)
    lb_error_dialog_show (GTK_WIDGET (self), _("Could Not Save the Step"), error->message);
  g_object_unref (self);
  return ok;
}

static void
on_start_clicked (LbDrillPanel *self)
{
  LbRehearsalStep *step = find_step (self, LB_STEP_PENDING);

  /* As linkbench-cli rehearsal step start: one step runs at a time. */
  if (step == NULL || find_step (self, LB_STEP_RUNNING) != NULL)
    return;
  step->started_at = lb_time_now_ms ();
  step->outcome = LB_STEP_RUNNING;
  save_step (self, step);
}

gboolean
lb_drill_panel_finish_step (LbDrillPanel *self,
                            int           outcome)
{
  LbRehearsalStep *step;

  g_return_val_if_fail (LB_IS_DRILL_PANEL (self), FALSE);
  g_return_val_if_fail (outcome == LB_STEP_DONE || outcome == LB_STEP_FAILED || outcome == LB_STEP_SKIPPED, FALSE);

  step = find_step (self, LB_STEP_RUNNING);
  if (step == NULL)
    {
      /* A pending step may be skipped without being started. */
      step = find_step (self, LB_STEP_PENDING);
      if (step == NULL || outcome != LB_STEP_SKIPPED)
        return FALSE;
      step->started_at = LB_UNSET_INT;
    }
  step->ended_at = lb_time_now_ms ();
  step->outcome = outcome;
  return save_step (self, step);
}

static void
on_finish_clicked (LbDrillPanel *self)
{
  lb_drill_panel_finish_step (self, LB_STEP_DONE);
}

static void
on_failed_clicked (LbDrillPanel *self)
{
  lb_drill_panel_finish_step (self, LB_STEP_FAILED);
}

static void
on_skip_clicked (LbDrillPanel *self)
{
  lb_drill_panel_finish_step (self, LB_STEP_SKIPPED);
}

/* Keyboard: one key moves the drill on — start the next step, or finish the running one —
 * so that a DBA at the console does not reach for the mouse mid-drill. */
static void
advance_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LbDrillPanel *self = LB_DRILL_PANEL (widget);

  if (find_step (self, LB_STEP_RUNNING) != NULL)
    lb_drill_panel_finish_step (self, LB_STEP_DONE);
  else
    on_start_clicked (self);
}

static void
fail_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lb_drill_panel_finish_step (LB_DRILL_PANEL (widget), LB_STEP_FAILED);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lb_drill_panel_finish_step (LB_DRILL_PANEL (widget), LB_STEP_SKIPPED);
}

static GtkWidget *
new_step_button (LbDrillPanel *self,
                 const char   *label,
                 const char   *tooltip,
                 GCallback     callback,
                 gboolean      main)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (main)
    gtk_widget_add_css_class (button, "suggested-action");
  else
    gtk_widget_add_css_class (button, "flat");
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static char *
step_subtitle (const LbRehearsalStep *step)
{
  const char *outcome = field_label (&lb_rehearsal_step_kind, "outcome", step->outcome);
  g_autofree char *start = NULL;

  if (step->started_at == LB_UNSET_INT)
    return g_strdup (outcome);
  start = lb_time_format_local (step->started_at);
  if (step->ended_at != LB_UNSET_INT)
    {
      g_autofree char *duration = lb_duration_format (step->ended_at - step->started_at);

      /* TRANSLATORS: a drill step, "Done · 2026-11-29 18:40 · 5 min" */
      return g_strdup_printf (_("%s · %s · %s"), outcome, start, duration);
    }
  /* TRANSLATORS: a running drill step, "Running · since 2026-11-29 18:40" */
  return g_strdup_printf (_("%s · since %s"), outcome, start);
}

static const char *
step_icon (int outcome)
{
  switch (outcome)
    {
    case LB_STEP_RUNNING: return "media-playback-start-symbolic";
    case LB_STEP_DONE: return "object-select-symbolic";
    case LB_STEP_FAILED: return "dialog-error-symbolic";
    case LB_STEP_SKIPPED: return "media-seek-forward-symbolic";
    default: return "content-loading-symbolic";
    }
}

static void
on_finish_drill_clicked (LbDrillPanel *self)
{
  lb_drill_panel_ask_finish (self);
}

static void
rebuild (LbDrillPanel *self)
{
  g_autoptr(GError) error = NULL;
  LbRehearsalStep *next = NULL;
  gboolean running;
  GtkWidget *row;
  GtkWidget *finish;
  GtkWidget *list;

  if (self->group != NULL)
    gtk_widget_unparent (self->group);
  self->group = NULL;
  self->clock_label = NULL;
  g_ptr_array_set_size (self->buttons, 0);
  g_clear_pointer (&self->rehearsal, lb_record_free);
  g_clear_pointer (&self->project, lb_record_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);

  self->rehearsal = lb_store_get (self->store, &lb_rehearsal_kind, self->rehearsal_id, NULL);
  if (self->rehearsal != NULL)
    self->project = lb_store_get (self->store, &lb_project_kind, self->rehearsal->project_id, NULL);
  self->steps = lb_store_list (self->store, &lb_rehearsal_step_kind, "rehearsal_id", self->rehearsal_id, &error);
  if (self->steps == NULL)
    {
      g_warning ("Could not list the drill's steps: %s", error->message);
      self->steps = lb_record_array_new ();
    }
  g_ptr_array_sort (self->steps, compare_position);
  if (self->rehearsal == NULL)
    return;

  /* A heading with the clock and "Finish Drill", then the steps in a boxed list. */
  self->group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->group, GTK_WIDGET (self));
  gtk_widget_add_css_class (self->group, "drill-panel");
  {
    GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
    /* TRANSLATORS: drill mode's heading, "Drill in progress: Cutover rehearsal, 2026-11-29 18:40" */
    g_autofree char *title = g_strdup_printf (_("Drill in progress: %s"), self->rehearsal->title);
    GtkWidget *heading = gtk_label_new (title);

    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
    gtk_widget_add_css_class (heading, "heading");
    gtk_widget_set_hexpand (titles, TRUE);
    gtk_box_append (GTK_BOX (titles), heading);

    self->clock_label = gtk_label_new (NULL);
    gtk_label_set_xalign (GTK_LABEL (self->clock_label), 0);
    gtk_label_set_wrap (GTK_LABEL (self->clock_label), TRUE);
    gtk_widget_add_css_class (self->clock_label, "numeric");
    gtk_widget_add_css_class (self->clock_label, "dim-label");
    gtk_box_append (GTK_BOX (titles), self->clock_label);
    gtk_box_append (GTK_BOX (header), titles);

    finish = gtk_button_new_with_mnemonic (_("_Finish Drill…"));
    gtk_widget_set_valign (finish, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (finish, "pill");
    g_signal_connect_swapped (finish, "clicked", G_CALLBACK (on_finish_drill_clicked), self);
    gtk_box_append (GTK_BOX (header), finish);
    gtk_box_append (GTK_BOX (self->group), header);
  }
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (self->group), list);
  update_clock (self);

  running = find_step (self, LB_STEP_RUNNING) != NULL;
  next = find_step (self, LB_STEP_PENDING);
  for (guint i = 0; i < self->steps->len; i++)
    {
      LbRehearsalStep *step = self->steps->pdata[i];
      g_autofree char *title = g_strdup_printf ("%" G_GINT64_FORMAT ". %s", step->position, step->name);
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autofree char *subtitle = step_subtitle (step);
      GtkWidget *icon = gtk_image_new_from_icon_name (step_icon (step->outcome));
      GtkWidget *button = NULL;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (step->outcome == LB_STEP_FAILED)
        gtk_widget_add_css_class (icon, "error");
      else if (step->outcome == LB_STEP_DONE)
        gtk_widget_add_css_class (icon, "success");
      else if (step->outcome == LB_STEP_RUNNING)
        gtk_widget_add_css_class (icon, "accent");
      else
        gtk_widget_add_css_class (row, "dim-label");

      if (step->outcome == LB_STEP_RUNNING)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     new_step_button (self, _("Skip"), _("Finish the step as skipped"),
                                                      G_CALLBACK (on_skip_clicked), FALSE));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     new_step_button (self, _("Failed"), _("Finish the step as failed"),
                                                      G_CALLBACK (on_failed_clicked), FALSE));
          button = new_step_button (self, _("Finish"), _("Finish the step as done"),
                                    G_CALLBACK (on_finish_clicked), TRUE);
        }
      else if (step == next)
        {
          button = new_step_button (self, _("Start"), NULL, G_CALLBACK (on_start_clicked), TRUE);
          gtk_widget_remove_css_class (row, "dim-label");
          if (running)
            {
              /* As linkbench-cli: one step runs at a time. */
              gtk_widget_set_sensitive (button, FALSE);
              gtk_widget_set_tooltip_text (button, _("Finish the running step first"));
            }
          else
            gtk_widget_set_tooltip_text (button, _("Start the step now"));
        }
      if (button != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_ptr_array_add (self->buttons, button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
}

static void
on_store_changed (LbDrillPanel *self,
                  const char   *entity,
                  gint64        id,
                  LbStore      *store)
{
  if (g_strcmp0 (entity, "*") == 0 || g_strcmp0 (entity, lb_rehearsal_kind.table) == 0 ||
      g_strcmp0 (entity, lb_rehearsal_step_kind.table) == 0 || g_strcmp0 (entity, lb_project_kind.table) == 0)
    rebuild (self);
}

/* ---- finishing the drill -------------------------------------------------------------------- */

static const int finish_outcomes[] = { LB_OUTCOME_SUCCESS, LB_OUTCOME_PARTIAL, LB_OUTCOME_FAILED, LB_OUTCOME_ABORTED };

GtkWidget *
lb_drill_finish_dialog_get_outcome_row (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "outcome-row");
}

GtkWidget *
lb_drill_finish_dialog_get_data_loss (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "data-loss");
}

static void
on_finish_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LbDrillPanel     *self)
{
  g_autoptr(LbRehearsalDowntime) downtime = NULL;
  g_autoptr(GError) error = NULL;
  LbRehearsal *rehearsal;
  guint selected;

  if (!g_str_equal (response, "finish"))
    return;
  rehearsal = lb_store_get (self->store, &lb_rehearsal_kind, self->rehearsal_id, &error);
  if (rehearsal == NULL)
    {
      lb_error_dialog_show (GTK_WIDGET (self), _("Could Not Finish the Drill"), error->message);
      return;
    }
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (lb_drill_finish_dialog_get_outcome_row (GTK_WIDGET (dialog))));
  rehearsal->outcome = finish_outcomes[MIN (selected, G_N_ELEMENTS (finish_outcomes) - 1)];
  rehearsal->data_loss = gtk_switch_get_active (GTK_SWITCH (lb_drill_finish_dialog_get_data_loss (GTK_WIDGET (dialog))));
  rehearsal->ended_at = lb_time_now_ms ();

  /* As linkbench-cli rehearsal finish: the downtime from the logged steps; a drill without
   * them keeps what was recorded. */
  downtime = lb_rehearsal_downtime_load (self->store, rehearsal->id, NULL);
  if (downtime != NULL && downtime->source == LB_DOWNTIME_FROM_STEPS)
    rehearsal->measured_downtime_min = downtime->downtime_ms / 60000.0;
  g_object_ref (self);
  if (!lb_store_update (self->store, rehearsal, &error))
    lb_error_dialog_show (GTK_WIDGET (self), _("Could Not Finish the Drill"), error->message);
  g_object_unref (self);
  lb_record_free (rehearsal);
}

GtkWidget *
lb_drill_panel_ask_finish (LbDrillPanel *self)
{
  GtkRoot *root;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *outcome_row;
  GtkWidget *loss_row;
  GtkWidget *loss;
  GtkStringList *outcomes;

  g_return_val_if_fail (LB_IS_DRILL_PANEL (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Finish the Drill?"),
                                   _("The drill ends now. Its downtime is measured from the steps, from "
                                     "stopping the workload to validating the applications."));
  outcomes = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (finish_outcomes); i++)
    gtk_string_list_append (outcomes, field_label (&lb_rehearsal_kind, "outcome", finish_outcomes[i]));
  outcome_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (outcome_row), _("Outcome"));
  adw_combo_row_set_model (ADW_COMBO_ROW (outcome_row), G_LIST_MODEL (outcomes));
  g_object_unref (outcomes);
  loss_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (loss_row), _("Data Loss"));
  loss = gtk_switch_new ();
  gtk_widget_set_valign (loss, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (loss_row), loss);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (loss_row), loss);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), outcome_row);
  gtk_list_box_append (GTK_LIST_BOX (list), loss_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "outcome-row", outcome_row);
  g_object_set_data (G_OBJECT (dialog), "data-loss", loss);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "finish", _("_Finish Drill"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "finish", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "finish");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_finish_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ---- starting a drill ----------------------------------------------------------------------- */

typedef struct
{
  LbStore *store;
  gint64   project_id;
  gint64   started_at;
  char    *default_title;
} StartData;

static void
start_data_free (gpointer data)
{
  StartData *start = data;

  g_clear_object (&start->store);
  g_free (start->default_title);
  g_free (start);
}

GtkWidget *
lb_drill_start_dialog_get_kind_row (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "kind-row");
}

GtkWidget *
lb_drill_start_dialog_get_title_row (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "title-row");
}

static void
on_kind_selected (GtkWidget *dialog)
{
  StartData *start = g_object_get_data (G_OBJECT (dialog), "start");
  GtkWidget *title_row = lb_drill_start_dialog_get_title_row (dialog);
  guint kind = adw_combo_row_get_selected (ADW_COMBO_ROW (lb_drill_start_dialog_get_kind_row (dialog)));
  g_autofree char *day = lb_time_format_local (start->started_at);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (title_row));

  /* The title follows the kind until it is edited. */
  if (start->default_title != NULL && *text != '\0' && !g_str_equal (text, start->default_title))
    return;
  g_free (start->default_title);
  /* TRANSLATORS: a drill's default title: "Cutover rehearsal, 2026-11-29 22:00" */
  start->default_title = g_strdup_printf (_("%s, %s"), field_label (&lb_rehearsal_kind, "kind", (int) kind), day);
  gtk_editable_set_text (GTK_EDITABLE (title_row), start->default_title);
}

static void
on_start_response (AdwMessageDialog *dialog,
                   const char       *response)
{
  StartData *start = g_object_get_data (G_OBJECT (dialog), "start");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  LbRehearsal *rehearsal;

  if (!g_str_equal (response, "start"))
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (lb_drill_start_dialog_get_title_row (GTK_WIDGET (dialog))))));
  rehearsal = lb_record_new (&lb_rehearsal_kind);
  rehearsal->project_id = start->project_id;
  rehearsal->kind = (int) adw_combo_row_get_selected (ADW_COMBO_ROW (lb_drill_start_dialog_get_kind_row (GTK_WIDGET (dialog))));
  rehearsal->title = g_strdup (*title != '\0' ? title : start->default_title);
  rehearsal->started_at = lb_time_now_ms ();
  rehearsal->outcome = LB_OUTCOME_IN_PROGRESS;

  /* The rehearsal and its runbook land together or not at all. */
  if (lb_store_begin_transaction (start->store, &error))
    {
      if (!lb_store_insert (start->store, rehearsal, &error) ||
          !lb_rehearsal_add_runbook_steps (start->store, rehearsal->id, &error))
        lb_store_rollback_transaction (start->store);
      else
        lb_store_commit_transaction (start->store, &error);
    }
  if (error != NULL)
    {
      GtkWidget *alert = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                                 _("Could Not Start the Drill"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
    }
  lb_record_free (rehearsal);
}

GtkWidget *
lb_drill_start_dialog_new (GtkWindow *parent,
                           LbStore   *store,
                           gint64     project_id)
{
  const LbEnumInfo *kinds = lb_record_kind_find_field (&lb_rehearsal_kind, "kind")->enum_info;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *kind_row;
  GtkWidget *title_row;
  GtkStringList *labels;
  StartData *start;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  dialog = adw_message_dialog_new (parent, _("Start a Drill"),
                                   _("The drill starts now with the runbook of its kind. Log each step as "
                                     "it happens: every click is saved at once."));
  start = g_new0 (StartData, 1);
  start->store = g_object_ref (store);
  start->project_id = project_id;
  start->started_at = lb_time_now_ms ();
  g_object_set_data_full (G_OBJECT (dialog), "start", start, start_data_free);

  labels = gtk_string_list_new (NULL);
  for (int i = 0; i < kinds->n_values; i++)
    gtk_string_list_append (labels, lb_enum_info_label (kinds, i));
  kind_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind_row), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind_row), G_LIST_MODEL (labels));
  g_object_unref (labels);
  title_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title_row), _("Title"));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), kind_row);
  gtk_list_box_append (GTK_LIST_BOX (list), title_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "kind-row", kind_row);
  g_object_set_data (G_OBJECT (dialog), "title-row", title_row);
  on_kind_selected (dialog);
  g_signal_connect_swapped (kind_row, "notify::selected", G_CALLBACK (on_kind_selected), dialog);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "start", _("_Start Drill"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "start", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "start");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_start_response), NULL);
  return dialog;
}

/* ---- widget --------------------------------------------------------------------------------- */

GtkWidget *
lb_drill_panel_new (LbStore *store,
                    gint64   rehearsal_id)
{
  LbDrillPanel *self;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  self = g_object_new (LB_TYPE_DRILL_PANEL, NULL);
  self->store = g_object_ref (store);
  self->rehearsal_id = rehearsal_id;
  self->changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed), self);
  rebuild (self);
  self->clock_id = g_timeout_add_seconds (1, on_clock_tick, self);
  return GTK_WIDGET (self);
}

gint64
lb_drill_panel_get_rehearsal_id (LbDrillPanel *self)
{
  g_return_val_if_fail (LB_IS_DRILL_PANEL (self), 0);
  return self->rehearsal_id;
}

guint
lb_drill_panel_get_n_steps (LbDrillPanel *self)
{
  g_return_val_if_fail (LB_IS_DRILL_PANEL (self), 0);
  return self->steps != NULL ? self->steps->len : 0;
}

GtkWidget *
lb_drill_panel_get_step_button (LbDrillPanel *self,
                                guint         index)
{
  g_return_val_if_fail (LB_IS_DRILL_PANEL (self), NULL);
  return index < self->buttons->len ? self->buttons->pdata[index] : NULL;
}

int
lb_drill_panel_get_step_outcome (LbDrillPanel *self,
                                 guint         index)
{
  g_return_val_if_fail (LB_IS_DRILL_PANEL (self), -1);
  g_return_val_if_fail (index < lb_drill_panel_get_n_steps (self), -1);
  return ((LbRehearsalStep *) self->steps->pdata[index])->outcome;
}

int
lb_drill_panel_get_next_step (LbDrillPanel *self)
{
  g_return_val_if_fail (LB_IS_DRILL_PANEL (self), -1);
  for (guint i = 0; self->steps != NULL && i < self->steps->len; i++)
    if (((LbRehearsalStep *) self->steps->pdata[i])->outcome == LB_STEP_PENDING)
      return (int) i;
  return -1;
}

const char *
lb_drill_panel_get_clock_text (LbDrillPanel *self)
{
  g_return_val_if_fail (LB_IS_DRILL_PANEL (self), NULL);
  return self->clock_text;
}

gboolean
lb_drill_panel_get_over_target (LbDrillPanel *self)
{
  g_return_val_if_fail (LB_IS_DRILL_PANEL (self), FALSE);
  return self->over_target;
}

static void
lb_drill_panel_dispose (GObject *object)
{
  LbDrillPanel *self = LB_DRILL_PANEL (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_pointer (&self->group, gtk_widget_unparent);
  self->clock_label = NULL;
  g_ptr_array_set_size (self->buttons, 0);
  G_OBJECT_CLASS (lb_drill_panel_parent_class)->dispose (object);
}

static void
lb_drill_panel_finalize (GObject *object)
{
  LbDrillPanel *self = LB_DRILL_PANEL (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->rehearsal, lb_record_free);
  g_clear_pointer (&self->project, lb_record_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_ptr_array_unref (self->buttons);
  g_free (self->clock_text);
  G_OBJECT_CLASS (lb_drill_panel_parent_class)->finalize (object);
}

static void
lb_drill_panel_class_init (LbDrillPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_drill_panel_dispose;
  object_class->finalize = lb_drill_panel_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "drill.advance", NULL, advance_action);
  gtk_widget_class_install_action (widget_class, "drill.fail-step", NULL, fail_action);
  gtk_widget_class_install_action (widget_class, "drill.skip-step", NULL, skip_action);
}

static void
lb_drill_panel_init (LbDrillPanel *self)
{
  static const struct { const char *trigger; const char *action; } keys[] = {
    { "<Control>Return", "drill.advance" },
    { "<Control><Shift>Return", "drill.fail-step" },
    { "<Control><Shift>k", "drill.skip-step" },
  };
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->buttons = g_ptr_array_new ();
  /* Global scope: the keys work wherever the focus is while the drill is on screen. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].trigger),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
