/* lb-delete-confirmation.h: "Delete “name”?" before a record is deleted — one flow for the
 * project (window) and for every record on the pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"

G_BEGIN_DECLS

/* After the user confirmed: @error is NULL when the record was deleted. Also called at
 * once, with the error, when the record cannot be read to name it. */
typedef void (*LbDeletedFunc) (GtkWidget    *owner,
                               const char   *name,
                               const GError *error);

/* Asks with @body (nullable) under the heading, deletes through @store on Delete and
 * reports to @done. @owner is kept alive until then and gives the parent window. */
void lb_delete_confirmation_run (GtkWidget          *owner,
                                 LbStore            *store,
                                 const LbRecordKind *kind,
                                 gint64              id,
                                 const char         *body,
                                 LbDeletedFunc       done);

G_END_DECLS
