/* lb-ordered-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-ordered-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-ordered-row.h"

#define ID_KEY "lb-ordered-row-id"

/* What a button does: @func, or @move by @delta. */
typedef struct
{
  LbOrderedRowFunc     func;
  LbOrderedRowMoveFunc move;
  int                  delta;
  gpointer             user_data;
} Click;

static void
on_clicked (GtkButton *button,
            Click     *click)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  gint64 id = lb_ordered_row_get_id (row);

  if (click->move != NULL)
    click->move (click->user_data, id, click->delta);
  else
    click->func (click->user_data, id);
}

static GtkWidget *
new_button (const char *icon_name,
            const char *label,
            const char *css_class,
            Click       click_data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);
  Click *click = g_memdup2 (&click_data, sizeof click_data);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, css_class);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_data (button, "clicked", G_CALLBACK (on_clicked), click, (GClosureNotify) (void (*) (void)) g_free,
                         0);
  return button;
}

GtkWidget *
lb_ordered_row_new (const char                *title,
                    const char                *subtitle,
                    gint64                     id,
                    guint                      index,
                    guint                      n_rows,
                    const LbOrderedRowActions *actions,
                    gpointer                   user_data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *up, *down;

  g_return_val_if_fail (title != NULL && actions != NULL, NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), ID_KEY, g_memdup2 (&id, sizeof id), g_free);

  up = new_button ("go-up-symbolic", _("Move Earlier"), "move-up",
                   (Click) { .move = actions->move, .delta = -1, .user_data = user_data });
  down = new_button ("go-down-symbolic", _("Move Later"), "move-down",
                     (Click) { .move = actions->move, .delta = 1, .user_data = user_data });
  gtk_widget_set_sensitive (up, index > 0);
  gtk_widget_set_sensitive (down, index + 1 < n_rows);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_button ("document-edit-symbolic", _("Edit"), "edit",
                                         (Click) { .func = actions->edit, .user_data = user_data }));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_button ("user-trash-symbolic", _("Delete"), "delete",
                                         (Click) { .func = actions->remove, .user_data = user_data }));
  return row;
}

gint64
lb_ordered_row_get_id (GtkWidget *row)
{
  gint64 *id;

  g_return_val_if_fail (GTK_IS_WIDGET (row), 0);

  id = g_object_get_data (G_OBJECT (row), ID_KEY);
  return id != NULL ? *id : 0;
}
