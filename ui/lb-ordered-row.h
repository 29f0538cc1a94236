/* lb-ordered-row.h: a row of a list the user orders by hand (waves, runbook steps): title,
 * subtitle and the buttons Move Earlier, Move Later, Edit and Delete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Called with the row's record id when one of its buttons is clicked. */
typedef void (*LbOrderedRowFunc) (gpointer user_data,
                                  gint64   id);
/* Move Earlier (@delta -1) and Move Later (+1). */
typedef void (*LbOrderedRowMoveFunc) (gpointer user_data,
                                      gint64   id,
                                      int      delta);

typedef struct
{
  LbOrderedRowMoveFunc move;
  LbOrderedRowFunc     edit;
  LbOrderedRowFunc     remove;
} LbOrderedRowActions;

/* @index, @n_rows: the row's place, to disable moves past either end. The buttons carry
 * the CSS classes "move-up", "move-down", "edit" and "delete". @user_data must outlive the
 * row (it is the dialog that holds it). */
GtkWidget *lb_ordered_row_new    (const char                *title,
                                  const char                *subtitle,
                                  gint64                     id,
                                  guint                      index,
                                  guint                      n_rows,
                                  const LbOrderedRowActions *actions,
                                  gpointer                   user_data);
gint64     lb_ordered_row_get_id (GtkWidget                 *row);

G_END_DECLS
