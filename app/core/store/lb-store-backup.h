/* lb-store-backup.h: copies of the project database — the one taken before a migration,
 * backups on request, and putting a backup back.
 *
 * Copies are made with SQLite's online backup API, so they hold everything committed so
 * far (also what is still in another connection's WAL) while that connection keeps
 * working. Each is written to a temporary file next to its destination, synced and
 * renamed into place, mode 0600, in rollback-journal mode: one self-contained file.
 * Copying reads the whole database: in a GUI, call these from a worker thread (with
 * lb_store_backup_file(), which opens a connection of its own).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-store.h"

G_BEGIN_DECLS

typedef enum
{
  LB_STORE_RESTORE_NONE  = 0,
  LB_STORE_RESTORE_FORCE = 1 << 0, /* replace a database that is there already */
} LbStoreRestoreFlags;

/* Where lb_store_open() keeps the file as it was before migrating it to @version:
 * "@path.before-v@version.bak", or "@path.before-v@version.2.bak" … when that exists, so
 * that an earlier copy is never overwritten. (transfer full) */
char       *lb_store_migration_backup_path (const char          *path,
                                            int                  version);
/* The copy lb_store_open() made before migrating, or NULL when it migrated nothing. */
const char *lb_store_get_migration_backup  (LbStore             *self);

/* Copies @self's database into @destination (replaced if it exists; never the database
 * itself). Refused while @self has a transaction open. */
gboolean    lb_store_backup                (LbStore             *self,
                                            const char          *destination,
                                            GError             **error);
/* The same for the database at @path without opening it as a store, so nothing in it is
 * migrated or written. Refuses files that are not Linkbench databases of this or an older
 * schema version (LB_ERROR_NOT_A_DATABASE, LB_ERROR_NEWER_SCHEMA); @schema_version (may
 * be NULL) is set to the copied file's. */
gboolean    lb_store_backup_file           (const char          *path,
                                            const char          *destination,
                                            int                 *schema_version,
                                            GError             **error);
/* Reads @path without changing it: TRUE when it is an undamaged Linkbench database of
 * this or an older schema version (@schema_version, may be NULL, is set to it), else an
 * error that says what is wrong. */
gboolean    lb_store_inspect_file          (const char          *path,
                                            int                 *schema_version,
                                            GError             **error);
/* Replaces the database at @path by the backup @backup, after lb_store_inspect_file()
 * accepted it. A database at @path is replaced only with LB_STORE_RESTORE_FORCE (else
 * G_IO_ERROR_EXISTS) and only when no other connection has it open (else LB_ERROR_BUSY).
 * On any failure @path is left as it was. A backup of an older schema version is migrated
 * when next opened. @schema_version (may be NULL) is set to the restored file's. */
gboolean    lb_store_restore               (const char          *backup,
                                            const char          *path,
                                            LbStoreRestoreFlags  flags,
                                            int                 *schema_version,
                                            GError             **error);

G_END_DECLS
