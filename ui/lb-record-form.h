/* lb-record-form.h: an editing form generated from a record kind's field table.
 *
 * One row per field, in boxed-list groups: text → entry row; multi-line text → text view;
 * enum → combo row of translated labels; bool → switch row; reference → combo row of the
 * referenced records plus "None"; numbers, times and money → entry row with the unit and
 * a format hint. Computed and parent fields are not shown (they are kept from the record
 * given to lb_record_form_set_record()).
 *
 * Reading the form parses every row with lb_record_set_from_string() and then checks the
 * whole record with lb_store_validate(): every message appears under the row of the field
 * it names, so GUI, CLI and importers share one set of rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lb-core.h"

G_BEGIN_DECLS

/* Fields in one titled group; fields listed in no group end up in a last untitled one. */
typedef struct
{
  const char        *title;       /* translated by the form (N_() it) */
  const char        *description; /* nullable, translated by the form */
  const char *const *fields;      /* NULL-terminated field names */
} LbRecordFormGroup;

#define LB_TYPE_RECORD_FORM (lb_record_form_get_type ())

G_DECLARE_FINAL_TYPE (LbRecordForm, lb_record_form, LB, RECORD_FORM, GtkWidget)

/* @groups: (nullable) (array length=n_groups): NULL puts every field in one group. */
GtkWidget          *lb_record_form_new          (LbStore                 *store,
                                                 const LbRecordKind      *kind,
                                                 const LbRecordFormGroup *groups,
                                                 guint                    n_groups);
const LbRecordKind *lb_record_form_get_kind     (LbRecordForm            *self);
LbStore            *lb_record_form_get_store    (LbRecordForm            *self);
/* Shows a copy of @record (of the form's kind). The form starts with a new record of the
 * kind, with its defaults. */
void                lb_record_form_set_record   (LbRecordForm            *self,
                                                 gconstpointer            record);
/* The record shown, as last given (not the edited values). */
gconstpointer       lb_record_form_get_record   (LbRecordForm            *self);
/* (transfer full): the edited record, parsed and validated; NULL with @error when any
 * row is wrong, the messages being shown under their rows. Nothing is written. */
gpointer            lb_record_form_read_record  (LbRecordForm            *self,
                                                 GError                 **error);
/* (transfer full): the record as the rows read now, without showing any message; a row
 * that does not read keeps the shown record's value. For hints that follow the user's
 * choices as they make them. */
gpointer            lb_record_form_peek_record  (LbRecordForm            *self);
/* Shows @hint under @field_name's row (NULL hides it): what a choice means rather than
 * what is wrong, in the warning colour when @warning. FALSE when the form has no such row. */
gboolean            lb_record_form_set_hint     (LbRecordForm            *self,
                                                 const char              *field_name,
                                                 const char              *hint,
                                                 gboolean                 warning);
/* The hint shown under @field_name's row, or NULL. */
const char         *lb_record_form_get_hint     (LbRecordForm            *self,
                                                 const char              *field_name);
/* Shows @error under the row of the field it names (validation errors only). Returns
 * FALSE when the form has no such row, so that the caller shows it elsewhere. */
gboolean            lb_record_form_show_error   (LbRecordForm            *self,
                                                 const GError            *error);
void                lb_record_form_clear_errors (LbRecordForm            *self);
/* The row that edits @field_name (an AdwEntryRow, AdwComboRow, AdwActionRow or, for
 * multi-line text, an AdwPreferencesRow holding a GtkTextView); NULL when not shown. */
GtkWidget          *lb_record_form_get_row      (LbRecordForm            *self,
                                                 const char              *field_name);
/* The message shown under @field_name's row, or NULL. */
const char         *lb_record_form_get_error    (LbRecordForm            *self,
                                                 const char              *field_name);
/* Sets a row from text the way a user would type it (combo rows take a label or nick). */
gboolean            lb_record_form_set_text     (LbRecordForm            *self,
                                                 const char              *field_name,
                                                 const char              *text);
/* Moves the keyboard focus to the first row (or the first row with an error). */
void                lb_record_form_focus        (LbRecordForm            *self);

G_END_DECLS
