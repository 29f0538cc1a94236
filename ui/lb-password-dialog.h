/* lb-password-dialog.h: Set Password… for a connection profile's SQL login — one password
 * entry, saved to the keyring on a worker thread, never anywhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_PASSWORD_DIALOG (lb_password_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LbPasswordDialog, lb_password_dialog, LB, PASSWORD_DIALOG, AdwWindow)

/* Signals: "saved" — the keyring holds the password; the dialog closes after it. */
LbPasswordDialog *lb_password_dialog_new        (GtkWindow                 *parent,
                                                 const LbConnectionProfile *profile);
/* The entry the user types into (for tests). */
GtkEditable      *lb_password_dialog_get_entry  (LbPasswordDialog          *self);
/* TRUE while the keyring is being written. */
gboolean          lb_password_dialog_get_saving (LbPasswordDialog          *self);

G_END_DECLS
