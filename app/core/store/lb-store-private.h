/* lb-store-private.h: what the store's own files (lag writer, demo) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "lb-store.h"

G_BEGIN_DECLS

sqlite3      *_lb_store_get_db      (LbStore     *self);
/* A cached prepared statement, reset and with its bindings cleared. */
sqlite3_stmt *_lb_store_prepare     (LbStore     *self,
                                     const char  *sql,
                                     GError     **error);
gboolean      _lb_store_exec        (LbStore     *self,
                                     const char  *sql,
                                     GError     **error);
gboolean      _lb_store_begin       (LbStore     *self,
                                     GError     **error);
gboolean      _lb_store_commit      (LbStore     *self,
                                     GError     **error);
void          _lb_store_rollback    (LbStore     *self);
/* Turns the last SQLite failure into a GError in LB_ERROR that a person can act on. */
void          _lb_store_set_error   (LbStore     *self,
                                     int          rc,
                                     GError     **error,
                                     const char  *doing);
/* Writes one audit row inside the current transaction. */
gboolean      _lb_store_audit       (LbStore     *self,
                                     const char  *entity,
                                     gint64       entity_id,
                                     int          action,
                                     JsonNode    *before,
                                     JsonNode    *after,
                                     GError     **error);
void          _lb_store_emit_changed (LbStore    *self,
                                      const char *entity,
                                      gint64      id);

G_END_DECLS
