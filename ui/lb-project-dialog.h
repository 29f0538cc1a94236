/* lb-project-dialog.h: create or edit a project (an LbRecordDialog of the project kind).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"
#include "lb-record-dialog.h"
#include "lb-record-form.h"

G_BEGIN_DECLS

#define LB_TYPE_PROJECT_DIALOG (lb_project_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LbProjectDialog, lb_project_dialog, LB, PROJECT_DIALOG, LbRecordDialog)

/* @project_id: 0 creates a new project; otherwise that project is edited. */
LbProjectDialog *lb_project_dialog_new            (GtkWindow       *parent,
                                                   LbStore         *store,
                                                   gint64           project_id);
gint64           lb_project_dialog_get_project_id (LbProjectDialog *self);
LbRecordForm    *lb_project_dialog_get_form       (LbProjectDialog *self);
/* The message shown above the form for errors that belong to no field, or NULL. */
const char      *lb_project_dialog_get_message    (LbProjectDialog *self);

G_END_DECLS
