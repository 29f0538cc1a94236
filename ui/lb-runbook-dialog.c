/* lb-runbook-dialog.c
 *
 * The built-in runbook is shown as it is; the first change (add, edit, move, delete)
 * copies it into the database (lb_runbook_edit()) and is then applied to the copy, so the
 * user never has to ask for a copy first. Built-in rows carry a negative id, -(index + 1),
 * which is resolved to the copied step at the same place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-runbook-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-ordered-row.h"
#include "lb-record-dialog.h"
#include "lb-runbook-dialog.h"

struct _LbRunbookDialog
{
  LbListDialog     parent_instance;

  GtkDropDown     *kind_dropdown;
  LbRehearsalKind  kind;
  gboolean         edited;
};

G_DEFINE_FINAL_TYPE (LbRunbookDialog, lb_runbook_dialog, LB_TYPE_LIST_DIALOG)

#define STORE(self) lb_list_dialog_get_store (LB_LIST_DIALOG (self))

static void move (gpointer data, gint64 id, int delta);
static void edit (gpointer data, gint64 id);
static void confirm_delete (gpointer data, gint64 id);

static const LbOrderedRowActions row_actions = { move, edit, confirm_delete };

static void
lb_runbook_dialog_reload (LbListDialog *dialog)
{
  LbRunbookDialog *self = LB_RUNBOOK_DIALOG (dialog);
  AdwPreferencesGroup *group = lb_list_dialog_get_group (dialog);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  const LbFieldInfo *role_field = lb_record_kind_find_field (&lb_runbook_step_kind, "role");

  if ((steps = lb_runbook_load (STORE (self), self->kind, &self->edited, &error)) == NULL)
    {
      adw_preferences_group_set_description (group, error->message);
      return;
    }
  adw_preferences_group_set_title (group, self->edited ? _("Edited Runbook") : _("Built-in Runbook"));
  adw_preferences_group_set_description (group,
                                         self->edited
                                         ? _("Drills of this kind start with these steps. Drills already "
                                             "started keep theirs.")
                                         : _("The steps of the Managed Instance link documentation. Any change "
                                             "makes an editable copy; Reset returns to these."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runbook.reset", self->edited);

  for (guint i = 0; i < steps->len; i++)
    {
      const LbRunbookStep *step = steps->pdata[i];
      const char *role = step->role != LB_STEP_ROLE_NONE ? lb_enum_info_label (role_field->enum_info, step->role)
                                                         : NULL;
      gint64 id = self->edited ? step->id : -(gint64) (i + 1);
      GtkWidget *row = lb_ordered_row_new (step->name, role, id, i, steps->len, &row_actions, self);

      if (step->notes != NULL)
        gtk_widget_set_tooltip_text (row, step->notes);
      lb_list_dialog_add_row (dialog, row);
    }
}

/* The stored step for a row: built-in rows are copied into the database first. */
static gint64
resolve (LbRunbookDialog *self,
         gint64           id,
         GError         **error)
{
  g_autoptr(GPtrArray) steps = NULL;
  gint64 index = -id - 1;

  if (id > 0)
    return id;
  if (!lb_runbook_edit (STORE (self), self->kind, error) ||
      (steps = lb_runbook_load (STORE (self), self->kind, NULL, error)) == NULL)
    return 0;
  if (index < 0 || index >= steps->len)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("The runbook changed meanwhile"));
      return 0;
    }
  return ((LbRunbookStep *) steps->pdata[index])->id;
}

static void
move (gpointer data,
      gint64   id,
      int      delta)
{
  LbRunbookDialog *self = data;
  g_autoptr(GError) error = NULL;

  if ((id = resolve (self, id, &error)) == 0 || !lb_runbook_move (STORE (self), id, delta, &error))
    lb_list_dialog_show_error (LB_LIST_DIALOG (self), _("Could Not Move the Step"), error);
}

static void
edit (gpointer data,
      gint64   id)
{
  LbRunbookDialog *self = data;
  g_autoptr(GError) error = NULL;

  if ((id = resolve (self, id, &error)) == 0)
    {
      lb_list_dialog_show_error (LB_LIST_DIALOG (self), _("Could Not Edit the Step"), error);
      return;
    }
  gtk_window_present (GTK_WINDOW (lb_record_dialog_new (GTK_WINDOW (self), STORE (self), &lb_runbook_step_kind, id,
                                                        NULL)));
}

static void
delete_step (LbListDialog *dialog,
             gint64        id)
{
  LbRunbookDialog *self = LB_RUNBOOK_DIALOG (dialog);
  g_autoptr(GError) error = NULL;

  if ((id = resolve (self, id, &error)) == 0 || !lb_store_delete (STORE (self), &lb_runbook_step_kind, id, &error))
    lb_list_dialog_show_error (dialog, _("Could Not Delete the Step"), error);
}

static void
confirm_delete (gpointer data,
                gint64   id)
{
  LbListDialog *dialog = data;
  GtkWidget *row = lb_list_dialog_find_row (dialog, id);
  g_autofree char *heading = NULL;

  g_return_if_fail (row != NULL);
  /* TRANSLATORS: "Remove “Remove the link” from the runbook?" */
  heading = g_strdup_printf (_("Remove “%s” from the Runbook?"),
                             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  lb_list_dialog_confirm (dialog, heading, _("Drills already started keep their steps."), "delete", _("_Remove"), id,
                          delete_step);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LbRunbookDialog *self = LB_RUNBOOK_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  LbRunbookStep *step;

  /* The new step goes into the editable copy, last. */
  if (!lb_runbook_edit (STORE (self), self->kind, &error) ||
      (steps = lb_runbook_load (STORE (self), self->kind, NULL, &error)) == NULL)
    {
      lb_list_dialog_show_error (LB_LIST_DIALOG (self), _("Could Not Add a Step"), error);
      return;
    }
  step = lb_record_new (&lb_runbook_step_kind);
  step->rehearsal_kind = self->kind;
  step->position = lb_positions_next (steps);
  gtk_window_present (GTK_WINDOW (lb_record_dialog_new (GTK_WINDOW (self), STORE (self), &lb_runbook_step_kind, 0,
                                                        step)));
  lb_record_free (step);
}

static void
reset_runbook (LbListDialog *dialog,
               gint64        unused)
{
  LbRunbookDialog *self = LB_RUNBOOK_DIALOG (dialog);
  g_autoptr(GError) error = NULL;

  if (!lb_runbook_reset (STORE (self), self->kind, &error))
    lb_list_dialog_show_error (dialog, _("Could Not Reset the Runbook"), error);
  else
    lb_list_dialog_toast (dialog, _("Back to the built-in runbook"));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  lb_list_dialog_confirm (LB_LIST_DIALOG (widget), _("Reset to the Built-in Runbook?"),
                          _("The edited steps of this kind are deleted. Drills already started keep theirs."),
                          "reset", _("_Reset"), 0, reset_runbook);
}

static void
on_kind_selected (LbRunbookDialog *self,
                  GParamSpec      *pspec,
                  GtkDropDown     *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected != GTK_INVALID_LIST_POSITION && selected != (guint) self->kind)
    lb_runbook_dialog_set_kind (self, selected);
}

LbRunbookDialog *
lb_runbook_dialog_new (GtkWindow       *parent,
                       LbStore         *store,
                       LbRehearsalKind  kind)
{
  LbRunbookDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (lb_runbook_builtin (kind) != NULL, NULL);

  self = g_object_new (LB_TYPE_RUNBOOK_DIALOG, "transient-for", parent, NULL);
  self->kind = kind;
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
  lb_list_dialog_set_store (LB_LIST_DIALOG (self), store);
  return self;
}

LbRehearsalKind
lb_runbook_dialog_get_kind (LbRunbookDialog *self)
{
  g_return_val_if_fail (LB_IS_RUNBOOK_DIALOG (self), 0);
  return self->kind;
}

void
lb_runbook_dialog_set_kind (LbRunbookDialog *self,
                            LbRehearsalKind  kind)
{
  g_return_if_fail (LB_IS_RUNBOOK_DIALOG (self));
  g_return_if_fail (lb_runbook_builtin (kind) != NULL);

  self->kind = kind;
  if (gtk_drop_down_get_selected (self->kind_dropdown) != (guint) kind)
    gtk_drop_down_set_selected (self->kind_dropdown, kind);
  lb_list_dialog_reload (LB_LIST_DIALOG (self));
}

guint
lb_runbook_dialog_get_n_steps (LbRunbookDialog *self)
{
  g_return_val_if_fail (LB_IS_RUNBOOK_DIALOG (self), 0);
  return lb_list_dialog_get_n_rows (LB_LIST_DIALOG (self));
}

GtkWidget *
lb_runbook_dialog_get_row (LbRunbookDialog *self,
                           guint            index)
{
  g_return_val_if_fail (LB_IS_RUNBOOK_DIALOG (self), NULL);
  return lb_list_dialog_get_row (LB_LIST_DIALOG (self), index);
}

gboolean
lb_runbook_dialog_get_edited (LbRunbookDialog *self)
{
  g_return_val_if_fail (LB_IS_RUNBOOK_DIALOG (self), FALSE);
  return self->edited;
}

static void
lb_runbook_dialog_class_init (LbRunbookDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  LB_LIST_DIALOG_CLASS (klass)->reload = lb_runbook_dialog_reload;
  gtk_widget_class_install_action (widget_class, "runbook.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "runbook.reset", NULL, reset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "runbook.add", NULL);
}

static void
lb_runbook_dialog_init (LbRunbookDialog *self)
{
  AdwHeaderBar *header = lb_list_dialog_get_header_bar (LB_LIST_DIALOG (self));
  GtkWidget *add_button = gtk_button_new_with_mnemonic (_("_Add Step"));
  GtkWidget *reset_button = gtk_button_new_with_mnemonic (_("_Reset to Built-in"));
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_window_set_title (GTK_WINDOW (self), _("Runbooks"));
  gtk_window_set_default_size (GTK_WINDOW (self), 680, 640);

  for (int i = 0; i < lb_rehearsal_kind_enum.n_values; i++)
    gtk_string_list_append (kinds, _(lb_rehearsal_kind_enum.values[i].label));
  self->kind_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_dropdown), _("The kind of rehearsal whose runbook is shown"));
  g_signal_connect_object (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected), self,
                           G_CONNECT_SWAPPED);
  adw_header_bar_set_title_widget (header, GTK_WIDGET (self->kind_dropdown));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_button), "runbook.add");
  gtk_widget_add_css_class (add_button, "suggested-action");
  adw_header_bar_pack_start (header, add_button);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset_button), "runbook.reset");
  adw_header_bar_pack_end (header, reset_button);
}
