/* lb-runbook-dialog.c
 *
 * The built-in runbook is shown as it is; the first change (add, edit, move, delete)
 * copies it into the database (lb_runbook_edit()) and is then applied to the copy, so the
 * user never has to ask for a copy first. Built-in rows carry a negative id, -(index + 1),
 * which is resolved to the copied step at the same place. Every change is written at once
 * and audited; the dialog reads the runbook again when the store changes.
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
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkDropDown         *kind_dropdown;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;  /* owned by the group */
  LbStore             *store;
  LbRehearsalKind      kind;
  gboolean             edited;
  guint                reload_id;
};

G_DEFINE_FINAL_TYPE (LbRunbookDialog, lb_runbook_dialog, ADW_TYPE_WINDOW)

static void
show_error (LbRunbookDialog *self,
            const char      *heading,
            const GError    *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void move_up (gpointer data, gint64 id);
static void move_down (gpointer data, gint64 id);
static void edit (gpointer data, gint64 id);
static void confirm_delete (gpointer data, gint64 id);

static const LbOrderedRowActions row_actions = { move_up, move_down, edit, confirm_delete };

static void
reload (LbRunbookDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  const LbFieldInfo *role_field = lb_record_kind_find_field (&lb_runbook_step_kind, "role");

  g_clear_handle_id (&self->reload_id, g_source_remove);
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  if ((steps = lb_runbook_load (self->store, self->kind, &self->edited, &error)) == NULL)
    {
      adw_preferences_group_set_description (self->group, error->message);
      return;
    }
  adw_preferences_group_set_title (self->group, self->edited ? _("Edited Runbook") : _("Built-in Runbook"));
  adw_preferences_group_set_description (self->group,
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
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static gboolean
reload_when_idle (gpointer data)
{
  LbRunbookDialog *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (LbRunbookDialog *self,
                  const char      *entity,
                  gint64           id,
                  LbStore         *store)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_when_idle, self);
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
  if (!lb_runbook_edit (self->store, self->kind, error) ||
      (steps = lb_runbook_load (self->store, self->kind, NULL, error)) == NULL)
    return 0;
  if (index < 0 || index >= steps->len)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("The runbook changed meanwhile"));
      return 0;
    }
  return ((LbRunbookStep *) steps->pdata[index])->id;
}

static void
move (LbRunbookDialog *self,
      gint64           id,
      int              delta)
{
  g_autoptr(GError) error = NULL;

  if ((id = resolve (self, id, &error)) == 0 || !lb_runbook_move (self->store, id, delta, &error))
    show_error (self, _("Could Not Move the Step"), error);
}

static void
move_up (gpointer data,
         gint64   id)
{
  move (data, id, -1);
}

static void
move_down (gpointer data,
           gint64   id)
{
  move (data, id, 1);
}

static void
edit (gpointer data,
      gint64   id)
{
  LbRunbookDialog *self = data;
  g_autoptr(GError) error = NULL;

  if ((id = resolve (self, id, &error)) == 0)
    {
      show_error (self, _("Could Not Edit the Step"), error);
      return;
    }
  gtk_window_present (GTK_WINDOW (lb_record_dialog_new (GTK_WINDOW (self), self->store, &lb_runbook_step_kind, id,
                                                        NULL)));
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LbRunbookDialog  *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "id");

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if ((id = resolve (self, id, &error)) == 0 || !lb_store_delete (self->store, &lb_runbook_step_kind, id, &error))
    show_error (self, _("Could Not Delete the Step"), error);
}

static void
confirm_delete (gpointer data,
                gint64   id)
{
  LbRunbookDialog *self = data;
  GtkWidget *row = NULL;
  GtkWidget *dialog;

  for (guint i = 0; i < self->rows->len && row == NULL; i++)
    if (lb_ordered_row_get_id (self->rows->pdata[i]) == id)
      row = self->rows->pdata[i];
  g_return_if_fail (row != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL,
                                   _("Drills already started keep their steps."));
  /* TRANSLATORS: "Remove “Remove the link” from the runbook?" */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove “%s” from the Runbook?"),
                                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
  if (!lb_runbook_edit (self->store, self->kind, &error) ||
      (steps = lb_runbook_load (self->store, self->kind, NULL, &error)) == NULL)
    {
      show_error (self, _("Could Not Add a Step"), error);
      return;
    }
  step = lb_record_new (&lb_runbook_step_kind);
  step->rehearsal_kind = self->kind;
  step->position = lb_positions_next (steps);
  gtk_window_present (GTK_WINDOW (lb_record_dialog_new (GTK_WINDOW (self), self->store, &lb_runbook_step_kind, 0,
                                                        step)));
  lb_record_free (step);
}

static void
on_reset_response (AdwMessageDialog *dialog,
                   const char       *response,
                   LbRunbookDialog  *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "reset") != 0)
    return;
  if (!lb_runbook_reset (self->store, self->kind, &error))
    show_error (self, _("Could Not Reset the Runbook"), error);
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Back to the built-in runbook")));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LbRunbookDialog *self = LB_RUNBOOK_DIALOG (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Reset to the Built-in Runbook?"),
                                              _("The edited steps of this kind are deleted. Drills already "
                                                "started keep theirs."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "reset", _("_Reset"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  lb_runbook_dialog_set_kind (self, kind);
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
  reload (self);
}

guint
lb_runbook_dialog_get_n_steps (LbRunbookDialog *self)
{
  g_return_val_if_fail (LB_IS_RUNBOOK_DIALOG (self), 0);
  return self->rows->len;
}

GtkWidget *
lb_runbook_dialog_get_row (LbRunbookDialog *self,
                           guint            index)
{
  g_return_val_if_fail (LB_IS_RUNBOOK_DIALOG (self), NULL);
  return index < self->rows->len ? self->rows->pdata[index] : NULL;
}

gboolean
lb_runbook_dialog_get_edited (LbRunbookDialog *self)
{
  g_return_val_if_fail (LB_IS_RUNBOOK_DIALOG (self), FALSE);
  return self->edited;
}

static void
lb_runbook_dialog_dispose (GObject *object)
{
  LbRunbookDialog *self = LB_RUNBOOK_DIALOG (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_runbook_dialog_parent_class)->dispose (object);
}

static void
lb_runbook_dialog_finalize (GObject *object)
{
  LbRunbookDialog *self = LB_RUNBOOK_DIALOG (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (lb_runbook_dialog_parent_class)->finalize (object);
}

static void
lb_runbook_dialog_class_init (LbRunbookDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_runbook_dialog_dispose;
  object_class->finalize = lb_runbook_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "runbook.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "runbook.reset", NULL, reset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "runbook.add", NULL);
}

static void
lb_runbook_dialog_init (LbRunbookDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *add_button = gtk_button_new_with_mnemonic (_("_Add Step"));
  GtkWidget *reset_button = gtk_button_new_with_mnemonic (_("_Reset to Built-in"));
  GtkWidget *page = adw_preferences_page_new ();
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  self->rows = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Runbooks"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 680, 640);

  for (int i = 0; i < lb_rehearsal_kind_enum.n_values; i++)
    gtk_string_list_append (kinds, _(lb_rehearsal_kind_enum.values[i].label));
  self->kind_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_dropdown), _("The kind of rehearsal whose runbook is shown"));
  g_signal_connect_object (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected), self,
                           G_CONNECT_SWAPPED);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->kind_dropdown));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_button), "runbook.add");
  gtk_widget_add_css_class (add_button, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), add_button);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset_button), "runbook.reset");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), reset_button);
  gtk_box_append (GTK_BOX (box), header);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
}
