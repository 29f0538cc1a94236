/* lb-demo-database.h: the demo portfolio, kept apart from the user's own database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* $XDG_CACHE_HOME/linkbench/demo.db */
char     *lb_demo_database_get_path      (void);
/* Makes sure the demo database exists and holds the demo portfolio, generating it on a
 * worker thread (with its own LbStore) when it does not. The file is written under a
 * temporary name and renamed when complete, so a failed or cancelled generation leaves
 * nothing behind. The result is the path of the demo database. */
void      lb_demo_database_ensure_async  (GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
char     *lb_demo_database_ensure_finish (GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
