/* lb-runbook-dialog.h: the runbook each kind of rehearsal starts with — built-in or edited:
 * add, edit (name, downtime role, notes), reorder and delete steps, or reset to built-in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"
#include "lb-list-dialog.h"

G_BEGIN_DECLS

#define LB_TYPE_RUNBOOK_DIALOG (lb_runbook_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LbRunbookDialog, lb_runbook_dialog, LB, RUNBOOK_DIALOG, LbListDialog)

LbRunbookDialog *lb_runbook_dialog_new      (GtkWindow       *parent,
                                             LbStore         *store,
                                             LbRehearsalKind  kind);
LbRehearsalKind  lb_runbook_dialog_get_kind (LbRunbookDialog *self);
void             lb_runbook_dialog_set_kind (LbRunbookDialog *self,
                                             LbRehearsalKind  kind);
/* The rows shown, one per step in order (for tests). */
guint            lb_runbook_dialog_get_n_steps (LbRunbookDialog *self);
GtkWidget       *lb_runbook_dialog_get_row     (LbRunbookDialog *self,
                                                guint            index);
gboolean         lb_runbook_dialog_get_edited  (LbRunbookDialog *self);

G_END_DECLS
