/* lb-password-dialog.c
 *
 * The keyring may have to be unlocked first (a prompt that takes as long as the user), so
 * the write runs on a worker (lb_sql_secret_store_async). The entry is emptied as soon as
 * the password has been handed over, and when the dialog goes, so that the text does not
 * outlive it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-password-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-error-dialog.h"
#include "lb-password-dialog.h"

struct _LbPasswordDialog
{
  AdwWindow            parent_instance;

  AdwPasswordEntryRow *entry;
  GtkWidget           *spinner;
  LbConnectionProfile *profile;
  GCancellable        *cancellable; /* while saving */
};

G_DEFINE_FINAL_TYPE (LbPasswordDialog, lb_password_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_actions (LbPasswordDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  gboolean saving = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password.save", !saving && text != NULL && *text != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), !saving);
  gtk_widget_set_visible (self->spinner, saving);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), saving);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LbPasswordDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = lb_sql_secret_store_finish (result, &error);

  g_clear_object (&self->cancellable);
  /* Closed meanwhile: the dialog is gone, nothing to tell. */
  if (self->entry == NULL)
    return;
  if (!ok)
    {
      update_actions (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lb_error_dialog_show (GTK_WIDGET (self), _("Could Not Save the Password"), error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LbPasswordDialog *self = LB_PASSWORD_DIALOG (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (self->cancellable != NULL || text == NULL || *text == '\0')
    return;
  self->cancellable = g_cancellable_new ();
  /* The worker keeps (and wipes) its own copy; the entry need not hold it any longer. */
  lb_sql_secret_store_async (self->profile, text, self->cancellable, on_saved, g_object_ref (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  update_actions (self);
}

static void
on_entry_changed (LbPasswordDialog *self,
                  GtkEditable      *entry)
{
  update_actions (self);
}

static void
on_entry_activated (LbPasswordDialog *self,
                    AdwEntryRow      *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "password.save", NULL);
}

LbPasswordDialog *
lb_password_dialog_new (GtkWindow                 *parent,
                        const LbConnectionProfile *profile)
{
  LbPasswordDialog *self;
  GtkWidget *group;
  g_autofree char *server = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (profile != NULL && profile->login != NULL, NULL);

  self = g_object_new (LB_TYPE_PASSWORD_DIALOG, "transient-for", parent, NULL);
  self->profile = lb_record_copy (profile);

  server = lb_sql_profile_server_label (profile);
  group = gtk_widget_get_ancestor (GTK_WIDGET (self->entry), ADW_TYPE_PREFERENCES_GROUP);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), profile->name);
  description = g_strdup_printf (_("The password of the SQL login “%s” on %s is kept in the keyring, never in the "
                                   "project database. Profiles for the same server and login share it."),
                                 profile->login, server);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return self;
}

GtkEditable *
lb_password_dialog_get_entry (LbPasswordDialog *self)
{
  g_return_val_if_fail (LB_IS_PASSWORD_DIALOG (self), NULL);
  return GTK_EDITABLE (self->entry);
}

gboolean
lb_password_dialog_get_saving (LbPasswordDialog *self)
{
  g_return_val_if_fail (LB_IS_PASSWORD_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

static void
lb_password_dialog_map (GtkWidget *widget)
{
  LbPasswordDialog *self = LB_PASSWORD_DIALOG (widget);

  GTK_WIDGET_CLASS (lb_password_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
lb_password_dialog_dispose (GObject *object)
{
  LbPasswordDialog *self = LB_PASSWORD_DIALOG (object);

  if (self->entry != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  self->entry = NULL;
  /* A save already handed to the keyring completes; its result is dropped. */
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lb_password_dialog_parent_class)->dispose (object);
}

static void
lb_password_dialog_finalize (GObject *object)
{
  LbPasswordDialog *self = LB_PASSWORD_DIALOG (object);

  g_clear_pointer (&self->profile, lb_record_free);
  G_OBJECT_CLASS (lb_password_dialog_parent_class)->finalize (object);
}

static void
lb_password_dialog_class_init (LbPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_password_dialog_dispose;
  object_class->finalize = lb_password_dialog_finalize;
  widget_class->map = lb_password_dialog_map;

  /**
   * LbPasswordDialog::saved:
   *
   * The password is in the keyring; the dialog closes right after.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "password.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lb_password_dialog_init (LbPasswordDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Set Password"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, 300);

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "password.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Saving the password"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->spinner);
  gtk_box_append (GTK_BOX (box), header);

  self->entry = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entry), _("Password"));
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "entry-activated", G_CALLBACK (on_entry_activated), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->entry));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  update_actions (self);
}
