/* lb-record-dialog.h: create or edit one record of any kind, in a modal window around an
 * LbRecordForm.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"
#include "lb-record-form.h"

G_BEGIN_DECLS

#define LB_TYPE_RECORD_DIALOG (lb_record_dialog_get_type ())

G_DECLARE_DERIVABLE_TYPE (LbRecordDialog, lb_record_dialog, LB, RECORD_DIALOG, AdwWindow)

struct _LbRecordDialogClass
{
  AdwWindowClass parent_class;

  /*< private >*/
  gpointer padding[4];
};

/* @record_id: 0 creates a new record, starting from a copy of @template (nullable: a new
 * record of @kind with its defaults); the template carries what the caller decides and
 * the form does not show, such as the parent. Otherwise that record is edited. */
LbRecordDialog     *lb_record_dialog_new           (GtkWindow          *parent,
                                                    LbStore            *store,
                                                    const LbRecordKind *kind,
                                                    gint64              record_id,
                                                    gconstpointer       template_record);
const LbRecordKind *lb_record_dialog_get_kind      (LbRecordDialog     *self);
/* The record edited, or the one created once saved; 0 before. */
gint64              lb_record_dialog_get_record_id (LbRecordDialog     *self);
LbRecordForm       *lb_record_dialog_get_form      (LbRecordDialog     *self);
/* The message shown above the form for errors that belong to no field, or NULL. */
const char         *lb_record_dialog_get_message   (LbRecordDialog     *self);
/* What the Create/Save button does: read the form, write, emit "saved" and close, or
 * show what is wrong and stay open. Returns TRUE when the record was written. */
gboolean            lb_record_dialog_save          (LbRecordDialog     *self);

G_END_DECLS
