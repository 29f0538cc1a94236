/* lb-delete-confirmation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-delete-confirmation"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-delete-confirmation.h"

typedef struct
{
  GtkWidget          *owner;
  LbStore            *store;
  const LbRecordKind *kind;
  gint64              id;
  char               *name;
  LbDeletedFunc       done;
} Deletion;

static void
deletion_free (gpointer data)
{
  Deletion *d = data;

  g_object_unref (d->owner);
  g_object_unref (d->store);
  g_free (d->name);
  g_free (d);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Deletion         *d)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  lb_store_delete (d->store, d->kind, d->id, &error);
  d->done (d->owner, d->name, error);
}

void
lb_delete_confirmation_run (GtkWidget          *owner,
                            LbStore            *store,
                            const LbRecordKind *kind,
                            gint64              id,
                            const char         *body,
                            LbDeletedFunc       done)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  GtkWidget *dialog;
  gpointer record;
  Deletion *d;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (LB_IS_STORE (store));
  g_return_if_fail (kind != NULL && done != NULL);

  if ((record = lb_store_get (store, kind, id, &error)) == NULL)
    {
      done (owner, NULL, error);
      return;
    }
  d = g_new0 (Deletion, 1);
  d->owner = g_object_ref (owner);
  d->store = g_object_ref (store);
  d->kind = kind;
  d->id = id;
  d->name = lb_record_describe (record);
  d->done = done;
  lb_record_free (record);

  root = gtk_widget_get_root (owner);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, body);
  /* TRANSLATORS: heading of the confirmation, "Delete “ERP Plant 1”?" */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s”?"), d->name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), d,
                         (GClosureNotify) (void (*) (void)) deletion_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
