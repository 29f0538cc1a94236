/* lb-list-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-list-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-error-dialog.h"
#include "lb-list-dialog.h"
#include "lb-ordered-row.h"

typedef struct
{
  AdwToastOverlay     *toast_overlay;
  AdwHeaderBar        *header_bar;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;      /* owned by the group */
  LbStore             *store;
  guint                reload_id;
} LbListDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LbListDialog, lb_list_dialog, ADW_TYPE_WINDOW)

void
lb_list_dialog_reload (LbListDialog *self)
{
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  g_return_if_fail (LB_IS_LIST_DIALOG (self));

  g_clear_handle_id (&priv->reload_id, g_source_remove);
  for (guint i = 0; i < priv->rows->len; i++)
    adw_preferences_group_remove (priv->group, priv->rows->pdata[i]);
  g_ptr_array_set_size (priv->rows, 0);
  if (priv->store != NULL && LB_LIST_DIALOG_GET_CLASS (self)->reload != NULL)
    LB_LIST_DIALOG_GET_CLASS (self)->reload (self);
}

static gboolean
reload_when_idle (gpointer data)
{
  LbListDialog *self = data;
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  priv->reload_id = 0;
  lb_list_dialog_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (LbListDialog *self,
                  const char   *entity,
                  gint64        id,
                  LbStore      *store)
{
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);
  LbListDialogClass *klass = LB_LIST_DIALOG_GET_CLASS (self);

  if (klass->concerns != NULL && g_strcmp0 (entity, "*") != 0 && !klass->concerns (self, entity))
    return;
  if (priv->reload_id == 0)
    priv->reload_id = g_idle_add (reload_when_idle, self);
}

void
lb_list_dialog_set_store (LbListDialog *self,
                          LbStore      *store)
{
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  g_return_if_fail (LB_IS_LIST_DIALOG (self));
  g_return_if_fail (LB_IS_STORE (store));
  g_return_if_fail (priv->store == NULL);

  priv->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  lb_list_dialog_reload (self);
}

LbStore *
lb_list_dialog_get_store (LbListDialog *self)
{
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  g_return_val_if_fail (LB_IS_LIST_DIALOG (self), NULL);
  return priv->store;
}

AdwHeaderBar *
lb_list_dialog_get_header_bar (LbListDialog *self)
{
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  g_return_val_if_fail (LB_IS_LIST_DIALOG (self), NULL);
  return priv->header_bar;
}

AdwPreferencesGroup *
lb_list_dialog_get_group (LbListDialog *self)
{
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  g_return_val_if_fail (LB_IS_LIST_DIALOG (self), NULL);
  return priv->group;
}

void
lb_list_dialog_add_row (LbListDialog *self,
                        GtkWidget    *row)
{
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  g_return_if_fail (LB_IS_LIST_DIALOG (self));

  adw_preferences_group_add (priv->group, row);
  g_ptr_array_add (priv->rows, row);
}

guint
lb_list_dialog_get_n_rows (LbListDialog *self)
{
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  g_return_val_if_fail (LB_IS_LIST_DIALOG (self), 0);
  return priv->rows->len;
}

GtkWidget *
lb_list_dialog_get_row (LbListDialog *self,
                        guint         index)
{
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  g_return_val_if_fail (LB_IS_LIST_DIALOG (self), NULL);
  return index < priv->rows->len ? priv->rows->pdata[index] : NULL;
}

GtkWidget *
lb_list_dialog_find_row (LbListDialog *self,
                         gint64        id)
{
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  g_return_val_if_fail (LB_IS_LIST_DIALOG (self), NULL);

  for (guint i = 0; i < priv->rows->len; i++)
    if (lb_ordered_row_get_id (priv->rows->pdata[i]) == id)
      return priv->rows->pdata[i];
  return NULL;
}

void
lb_list_dialog_show_error (LbListDialog *self,
                           const char   *heading,
                           const GError *error)
{
  g_return_if_fail (LB_IS_LIST_DIALOG (self));

  lb_error_dialog_show (GTK_WIDGET (self), heading, error->message);
}

void
lb_list_dialog_toast (LbListDialog *self,
                      const char   *title)
{
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  g_return_if_fail (LB_IS_LIST_DIALOG (self));
  adw_toast_overlay_add_toast (priv->toast_overlay, adw_toast_new (title));
}

typedef struct
{
  LbListDialog     *self;
  gint64            id;
  LbListDialogFunc  func;
  char             *response;
} Confirmation;

static void
confirmation_free (gpointer data)
{
  Confirmation *confirmation = data;

  g_free (confirmation->response);
  g_free (confirmation);
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Confirmation     *confirmation)
{
  if (g_strcmp0 (response, confirmation->response) == 0)
    confirmation->func (confirmation->self, confirmation->id);
}

void
lb_list_dialog_confirm (LbListDialog     *self,
                        const char       *heading,
                        const char       *body,
                        const char       *response,
                        const char       *accept,
                        gint64            id,
                        LbListDialogFunc  func)
{
  GtkWidget *dialog;
  Confirmation *confirmation;

  g_return_if_fail (LB_IS_LIST_DIALOG (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, accept, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  confirmation = g_new0 (Confirmation, 1);
  confirmation->self = self;
  confirmation->id = id;
  confirmation->func = func;
  confirmation->response = g_strdup (response);
  /* The confirmation is modal to this window, which outlives it. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response), confirmation,
                         (GClosureNotify) (void (*) (void)) confirmation_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lb_list_dialog_dispose (GObject *object)
{
  LbListDialog *self = LB_LIST_DIALOG (object);
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  g_clear_handle_id (&priv->reload_id, g_source_remove);
  g_clear_object (&priv->store);
  G_OBJECT_CLASS (lb_list_dialog_parent_class)->dispose (object);
}

static void
lb_list_dialog_finalize (GObject *object)
{
  LbListDialog *self = LB_LIST_DIALOG (object);
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);

  g_clear_pointer (&priv->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (lb_list_dialog_parent_class)->finalize (object);
}

static void
lb_list_dialog_class_init (LbListDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_list_dialog_dispose;
  object_class->finalize = lb_list_dialog_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lb_list_dialog_init (LbListDialog *self)
{
  LbListDialogPrivate *priv = lb_list_dialog_get_instance_private (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();

  priv->rows = g_ptr_array_new ();

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 600);

  priv->header_bar = ADW_HEADER_BAR (adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (priv->header_bar));
  priv->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), priv->group);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  priv->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (priv->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (priv->toast_overlay));
}
