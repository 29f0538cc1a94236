/* lb-azure-import.h: Azure state carried in as files — the JSON that `az sql mi link
 * show|list`, `az sql mi show`, `az sql midb list` or an ARM GET printed — kept as
 * evidence of the project once it is recognised. Blocking: call from a worker thread in a
 * GUI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lb-azure-document.h"
#include "../model/lb-records.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

/* The evidence record for @content (named @name in errors and the title), or NULL with an
 * error that names @name and says what was expected. Kind az CLI JSON or ARM JSON as the
 * content shows; captured at @captured_at. Not stored. */
LbEvidence *lb_azure_import_prepare (gint64         project_id,
                                     GBytes        *content,
                                     const char    *name,
                                     gint64         captured_at,
                                     GError       **error);
/* Reads and recognises every file of @files (GFile), refusing them all if one cannot be
 * read or is not an Azure document. (transfer full): LbEvidence for project @project_id,
 * not stored, in @files order. Blocking. */
GPtrArray  *lb_azure_import_read        (gint64               project_id,
                                         GPtrArray           *files,
                                         GCancellable        *cancellable,
                                         GError             **error);
/* The same on a worker thread, for a GUI. */
void        lb_azure_import_read_async  (gint64               project_id,
                                         GPtrArray           *files,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray  *lb_azure_import_read_finish (GAsyncResult        *result,
                                         GError             **error);
/* Stores what lb_azure_import_read() prepared, in one transaction: all or nothing. */
gboolean    lb_azure_import_store       (LbStore             *store,
                                         GPtrArray           *prepared,
                                         GError             **error);
/* Read and store in one go (the command line). */
gboolean    lb_azure_import_files       (LbStore             *store,
                                         gint64               project_id,
                                         GPtrArray           *files,
                                         GPtrArray          **imported,
                                         GCancellable        *cancellable,
                                         GError             **error);

G_END_DECLS
