/* lb-error-dialog.h: the one way the GUI tells that something failed — a message dialog
 * with the heading, the error's own message and a Close button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @parent: a window, or any widget of one (its root is used); may be NULL. */
void lb_error_dialog_show (GtkWidget  *parent,
                           const char *heading,
                           const char *body);

G_END_DECLS
