/* lb-profile-chooser.c
 *
 * A handful of profiles per project: read on the main thread when the project or its
 * profiles change. The choice is kept by id, so that it survives an edit of the profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-profile-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-profile-chooser.h"

struct _LbProfileChooser
{
  GtkWidget      parent_instance;

  GtkDropDown   *drop_down;
  GtkStringList *names;
  LbStore       *store;
  gint64         project_id;
  GPtrArray     *profiles;    /* LbConnectionProfile*, in the order listed */
  gint64         selected_id; /* what the user chose, 0: the first */
  guint          filling : 1;
};

G_DEFINE_FINAL_TYPE (LbProfileChooser, lb_profile_chooser, GTK_TYPE_WIDGET)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
reload (LbProfileChooser *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;

  g_ptr_array_set_size (self->profiles, 0);
  if (self->store != NULL && self->project_id != 0)
    all = lb_store_list_for_project (self->store, &lb_connection_profile_kind, self->project_id, NULL);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      LbConnectionProfile *profile = all->pdata[i];

      /* The checks and the samplers read the SQL Server primary. */
      if (profile->side != LB_SIDE_SQLSERVER)
        continue;
      if (profile->id == self->selected_id)
        selected = self->profiles->len;
      g_ptr_array_add (self->profiles, lb_record_copy (profile));
      g_ptr_array_add (names, profile->name);
    }
  g_ptr_array_add (names, NULL);

  self->filling = TRUE;
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char *const *) names->pdata);
  gtk_drop_down_set_selected (self->drop_down, self->profiles->len > 0 ? selected : GTK_INVALID_LIST_POSITION);
  self->filling = FALSE;
  /* Hidden as a whole, so that a box gives it no spacing either. */
  gtk_widget_set_visible (GTK_WIDGET (self), self->profiles->len > 1);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_selected (LbProfileChooser *self,
             GParamSpec       *pspec,
             GtkDropDown      *drop_down)
{
  const LbConnectionProfile *profile;

  if (self->filling)
    return;
  profile = lb_profile_chooser_get_selected (self);
  self->selected_id = profile != NULL ? profile->id : 0;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_store_changed (LbProfileChooser *self,
                  const char       *entity,
                  gint64            id,
                  LbStore          *store)
{
  if (g_strcmp0 (entity, lb_connection_profile_kind.table) == 0 || g_strcmp0 (entity, "*") == 0)
    reload (self);
}

GtkWidget *
lb_profile_chooser_new (void)
{
  return g_object_new (LB_TYPE_PROFILE_CHOOSER, NULL);
}

void
lb_profile_chooser_set_store (LbProfileChooser *self,
                              LbStore          *store)
{
  g_return_if_fail (LB_IS_PROFILE_CHOOSER (self));
  g_return_if_fail (store == NULL || LB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  self->project_id = 0;
  self->selected_id = 0;
  reload (self);
}

void
lb_profile_chooser_set_project_id (LbProfileChooser *self,
                                   gint64            project_id)
{
  g_return_if_fail (LB_IS_PROFILE_CHOOSER (self));

  if (self->project_id == project_id)
    return;
  self->project_id = project_id;
  self->selected_id = 0;
  reload (self);
}

guint
lb_profile_chooser_get_n_profiles (LbProfileChooser *self)
{
  g_return_val_if_fail (LB_IS_PROFILE_CHOOSER (self), 0);
  return self->profiles->len;
}

const LbConnectionProfile *
lb_profile_chooser_get_selected (LbProfileChooser *self)
{
  guint selected;

  g_return_val_if_fail (LB_IS_PROFILE_CHOOSER (self), NULL);

  selected = gtk_drop_down_get_selected (self->drop_down);
  return selected < self->profiles->len ? self->profiles->pdata[selected] : NULL;
}

gboolean
lb_profile_chooser_select (LbProfileChooser *self,
                           gint64            profile_id)
{
  g_return_val_if_fail (LB_IS_PROFILE_CHOOSER (self), FALSE);

  for (guint i = 0; i < self->profiles->len; i++)
    if (((LbConnectionProfile *) self->profiles->pdata[i])->id == profile_id)
      {
        gtk_drop_down_set_selected (self->drop_down, i);
        return TRUE;
      }
  return FALSE;
}

static void
lb_profile_chooser_dispose (GObject *object)
{
  LbProfileChooser *self = LB_PROFILE_CHOOSER (object);
  GtkWidget *child;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_object (&self->store);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lb_profile_chooser_parent_class)->dispose (object);
}

static void
lb_profile_chooser_finalize (GObject *object)
{
  LbProfileChooser *self = LB_PROFILE_CHOOSER (object);

  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_object (&self->names);
  G_OBJECT_CLASS (lb_profile_chooser_parent_class)->finalize (object);
}

static void
lb_profile_chooser_class_init (LbProfileChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_profile_chooser_dispose;
  object_class->finalize = lb_profile_chooser_finalize;

  /**
   * LbProfileChooser::changed:
   *
   * The list of profiles or the one chosen changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lb_profile_chooser_init (LbProfileChooser *self)
{
  self->profiles = g_ptr_array_new_with_free_func (lb_record_free);
  self->names = gtk_string_list_new (NULL);
  self->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->names)), NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->drop_down), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->drop_down), _("The connection profile to use"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Connection profile"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->drop_down), GTK_WIDGET (self));
  g_signal_connect_object (self->drop_down, "notify::selected", G_CALLBACK (on_selected), self, G_CONNECT_SWAPPED);
}
