/* lb-sql-secret.h: SQL login passwords, kept only in the Secret Service (libsecret).
 *
 * Items are found by server ("host:port" or "host\instance") and login, never by anything
 * stored in the database. Blocking calls: for worker threads and the command line (the
 * first use can wait for the keyring to be unlocked).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "../model/lb-records.h"

G_BEGIN_DECLS

gboolean lb_sql_secret_store  (const LbConnectionProfile *profile,
                               const char                *password,
                               GCancellable              *cancellable,
                               GError                   **error);
/* NULL without an error when none is stored. Free with lb_sql_secret_free(). */
char    *lb_sql_secret_lookup (const LbConnectionProfile *profile,
                               GCancellable              *cancellable,
                               GError                   **error);
gboolean lb_sql_secret_clear  (const LbConnectionProfile *profile,
                               GCancellable              *cancellable,
                               GError                   **error);
/* The same on a worker thread, for the GUI. */
void     lb_sql_secret_store_async  (const LbConnectionProfile *profile,
                                     const char                *password,
                                     GCancellable              *cancellable,
                                     GAsyncReadyCallback        callback,
                                     gpointer                   user_data);
gboolean lb_sql_secret_store_finish (GAsyncResult              *result,
                                     GError                   **error);
/* Wipes and frees. */
void     lb_sql_secret_free   (char                      *password);

G_END_DECLS
