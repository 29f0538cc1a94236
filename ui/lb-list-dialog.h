/* lb-list-dialog.h: a window over one list of records the user keeps in order (waves,
 * runbook steps), written through the store at each click.
 *
 * The base class holds the store, reads the list again once idle after the store changes,
 * and gives its subclasses the header bar, the group of rows, error messages, toasts and
 * confirmations; subclasses fill the rows in their reload().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_LIST_DIALOG (lb_list_dialog_get_type ())

G_DECLARE_DERIVABLE_TYPE (LbListDialog, lb_list_dialog, LB, LIST_DIALOG, AdwWindow)

struct _LbListDialogClass
{
  AdwWindowClass parent_class;

  /* Fills the rows from the store, with lb_list_dialog_add_row(); the old rows are gone. */
  void (*reload) (LbListDialog *self);
  /* Whether a change to @entity (a table, or "*") concerns the list; NULL: every change
   * does. A list that is not read again for nothing keeps its open menus. */
  gboolean (*concerns) (LbListDialog *self,
                        const char   *entity);

  /*< private >*/
  gpointer padding[3];
};

/* What a confirmed action does with the record @id. */
typedef void (*LbListDialogFunc) (LbListDialog *self,
                                  gint64        id);

/* Connects to @store and reads the list; call once, from the subclass's constructor. */
void                 lb_list_dialog_set_store  (LbListDialog     *self,
                                                LbStore          *store);
LbStore             *lb_list_dialog_get_store  (LbListDialog     *self);
AdwHeaderBar        *lb_list_dialog_get_header_bar (LbListDialog *self);
AdwPreferencesGroup *lb_list_dialog_get_group  (LbListDialog     *self);
/* Reads the list again now. */
void                 lb_list_dialog_reload     (LbListDialog     *self);
void                 lb_list_dialog_add_row    (LbListDialog     *self,
                                                GtkWidget        *row);
guint                lb_list_dialog_get_n_rows (LbListDialog     *self);
GtkWidget           *lb_list_dialog_get_row    (LbListDialog     *self,
                                                guint             index);
/* The row of lb_ordered_row_new() for @id, or NULL. */
GtkWidget           *lb_list_dialog_find_row   (LbListDialog     *self,
                                                gint64            id);
void                 lb_list_dialog_show_error (LbListDialog     *self,
                                                const char       *heading,
                                                const GError     *error);
void                 lb_list_dialog_toast      (LbListDialog     *self,
                                                const char       *title);
/* Asks before a destructive action; the response @response ("delete"), labelled @accept
 * (a mnemonic), runs @func with @id. */
void                 lb_list_dialog_confirm    (LbListDialog     *self,
                                                const char       *heading,
                                                const char       *body,
                                                const char       *response,
                                                const char       *accept,
                                                gint64            id,
                                                LbListDialogFunc  func);

G_END_DECLS
