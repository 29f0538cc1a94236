/* lb-store-backup.c: the copy taken before a migration, backups on request, restores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../model/lb-error.h"
#include "lb-store-backup.h"
#include "lb-store-private.h"

/* PRAGMA application_id of every Linkbench file ("LnKb"), as lb-store.c writes it. */
#define LB_APPLICATION_ID 0x4c6e4b62

/* The files SQLite keeps beside a database while it is in use. */
static const char *const sidecar_suffixes[] = { "-wal", "-shm", "-journal" };

/* "@doing: the disk is full (No space left on device)": what went wrong in words a user
 * can act on, and the system's or SQLite's own detail. */
static void
set_sqlite_error (GError    **error,
                  sqlite3    *db,
                  int         rc,
                  const char *doing)
{
  /* SQLite keeps the system's errno only for I/O and open failures; otherwise it is stale. */
  int sys = db != NULL && ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN)
              ? sqlite3_system_errno (db) : 0;
  const char *detail;
  const char *what;
  int code = LB_ERROR_IO;

  if (sys != 0)
    detail = g_strerror (sys);
  else if (db != NULL)
    detail = sqlite3_errmsg (db);
  else
    detail = sqlite3_errstr (rc);

  if ((rc & 0xff) == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
    what = _("the disk is full");
  else
    switch (rc & 0xff)
      {
      case SQLITE_READONLY:
      case SQLITE_PERM:
      case SQLITE_CANTOPEN:
        what = _("the file cannot be opened for writing");
        break;
      case SQLITE_IOERR:
        what = _("the disk reported an input/output error");
        break;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        code = LB_ERROR_BUSY;
        what = _("another program is writing to the database");
        break;
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        code = LB_ERROR_NOT_A_DATABASE;
        what = _("the file is damaged or is not a database");
        break;
      default:
        code = LB_ERROR_FAILED;
        what = _("the database reported an error");
        break;
      }

  /* TRANSLATORS: "Could not write the backup “b.db”: the disk is full (No space left on device)" */
  g_set_error (error, LB_ERROR, code, _("%s: %s (%s)"), doing, what, detail);
}

static void
set_errno_error (GError    **error,
                 int         saved_errno,
                 const char *doing)
{
  g_set_error (error, LB_ERROR, LB_ERROR_IO, "%s: %s", doing, g_strerror (saved_errno));
}

/* Reading @path failed: damaged or not SQLite at all, or a plain I/O problem. */
static void
set_read_error (GError    **error,
                sqlite3    *db,
                int         rc,
                const char *path)
{
  if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, LB_ERROR, LB_ERROR_NOT_A_DATABASE,
                 _("“%s” is not a Linkbench database: it is damaged or not a database at all (%s)"), path,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else
    {
      g_autofree char *doing = g_strdup_printf (_("“%s” cannot be read"), path);

      set_sqlite_error (error, db, rc, doing);
    }
}

static int
query_int (sqlite3    *db,
           const char *sql,
           gint64     *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    rc = SQLITE_ERROR;
  sqlite3_finalize (stmt);
  return rc;
}

static int
query_text (sqlite3    *db,
            const char *sql,
            char      **out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    rc = SQLITE_ERROR;
  sqlite3_finalize (stmt);
  return rc;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* A backup written over the database, or over the WAL that holds its latest commits,
 * would destroy what it is meant to keep. */
static gboolean
check_destination (const char *database,
                   const char *destination,
                   GError    **error)
{
  gboolean clash = same_file (database, destination);

  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes) && !clash; i++)
    {
      g_autofree char *sidecar = g_strconcat (database, sidecar_suffixes[i], NULL);

      clash = g_str_equal (sidecar, destination) || same_file (sidecar, destination);
    }
  if (clash)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                   _("Could not write the backup “%s”: that is the database itself; give another file"),
                   destination);
      return FALSE;
    }
  return TRUE;
}

static void
remove_copy (const char *path)
{
  g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, sidecar_suffixes[i], NULL);

      g_unlink (sidecar);
    }
}

static int
sync_path (const char *path,
           int         flags)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | flags, 0);
  int rc;

  if (fd < 0)
    return -1;
  rc = fsync (fd);
  if (rc != 0)
    {
      int saved = errno;

      close (fd);
      errno = saved;
      return -1;
    }
  return close (fd);
}

/* Copies @source (its main database, as of its current or a new read transaction) into a
 * new file next to @destination with the online backup API, synced; returns that file's
 * name. @doing starts the error message. */
static char *
write_copy (sqlite3    *source,
            const char *destination,
            const char *doing,
            GError    **error)
{
  g_autofree char *temp = g_strconcat (destination, ".tmp-XXXXXX", NULL);
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  /* 0600 from the start: SQLite gives its journal the same mode. */
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_errno_error (error, errno, doing);
      return NULL;
    }
  close (fd);

  rc = sqlite3_open_v2 (temp, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (copy, 1);
      backup = sqlite3_backup_init (copy, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_extended_errcode (copy);
      else
        {
          /* All pages in one step: one consistent snapshot of the source. A writer of the
           * source never blocks it in WAL mode; the retries cover a WAL recovery. */
          for (int tries = 0; tries < 250; tries++)
            {
              rc = sqlite3_backup_step (backup, -1);
              if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
                break;
              sqlite3_sleep (20);
            }
          if (rc == SQLITE_DONE)
            rc = sqlite3_backup_finish (backup);
          else
            sqlite3_backup_finish (backup);
        }
    }
  /* The pages carry the source's WAL flag; a copy in rollback-journal mode needs no
   * -wal file beside it to be complete. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, copy, rc, doing);
      sqlite3_close (copy);
      remove_copy (temp);
      return NULL;
    }
  rc = sqlite3_close (copy);
  if (rc != SQLITE_OK || sync_path (temp, 0) != 0)
    {
      if (rc != SQLITE_OK)
        set_sqlite_error (error, NULL, rc, doing);
      else
        set_errno_error (error, errno, doing);
      remove_copy (temp);
      return NULL;
    }
  return g_steal_pointer (&temp);
}

/* Puts the finished copy @temp in place of @destination in one step. */
static gboolean
commit_copy (const char *temp,
             const char *destination,
             const char *doing,
             GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (destination);

  if (g_rename (temp, destination) != 0)
    {
      set_errno_error (error, errno, doing);
      remove_copy (temp);
      return FALSE;
    }
  /* The rename itself is durable once the folder is synced. Some file systems cannot sync
   * a folder; the copy is complete either way. */
  if (sync_path (dir, O_DIRECTORY) != 0)
    g_debug ("could not sync the folder %s: %s", dir, g_strerror (errno));
  return TRUE;
}

/* Opens an existing file for reading only, with no way for its schema to run code. */
static sqlite3 *
open_for_reading (const char *path,
                  GError    **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("“%s” does not exist"), path);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_A_DATABASE, _("“%s” is not a file"), path);
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_read_error (error, db, rc, path);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  return db;
}

/* What lb_store_open() checks before it opens a file, without refusing an older version:
 * a Linkbench database, not empty, not newer than this build. */
static gboolean
check_identity (sqlite3    *db,
                const char *path,
                int        *schema_version,
                GError    **error)
{
  gint64 version = 0;
  gint64 application_id = 0;
  gint64 tables = 0;
  int rc;

  /* These reads fail with SQLITE_NOTADB on a file that is not SQLite. */
  if ((rc = query_int (db, "PRAGMA user_version", &version)) != SQLITE_OK ||
      (rc = query_int (db, "PRAGMA application_id", &application_id)) != SQLITE_OK ||
      (rc = query_int (db, "SELECT count(*) FROM sqlite_schema", &tables)) != SQLITE_OK)
    {
      set_read_error (error, db, rc, path);
      return FALSE;
    }
  if (tables == 0 && version == 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Linkbench database: it is empty"), path);
      return FALSE;
    }
  if (application_id != LB_APPLICATION_ID)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_A_DATABASE,
                   _("“%s” is an SQLite database of another program, not a Linkbench database"), path);
      return FALSE;
    }
  if (version > LB_SCHEMA_VERSION)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer Linkbench (schema %d; this version knows up to %d)"),
                   path, (int) version, LB_SCHEMA_VERSION);
      return FALSE;
    }
  if (schema_version != NULL)
    *schema_version = (int) version;
  return TRUE;
}

/* check_identity(), then SQLite's full integrity check: a truncated or damaged file
 * fails here rather than after it has replaced a healthy one. */
static gboolean
check_whole_file (sqlite3    *db,
                  const char *path,
                  int        *schema_version,
                  GError    **error)
{
  g_autoptr(GString) found = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!check_identity (db, path, schema_version, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check(5)", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (found, "%s%s", found->len > 0 ? "; " : "", line);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_read_error (error, db, rc, path);
      return FALSE;
    }
  if (found->len > 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_A_DATABASE, _("“%s” is damaged: %s"), path, found->str);
      return FALSE;
    }
  return TRUE;
}

char *
lb_store_migration_backup_path (const char *path,
                                int         version)
{
  g_return_val_if_fail (path != NULL, NULL);

  for (int n = 1;; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup_printf ("%s.before-v%d.bak", path, version)
                                          : g_strdup_printf ("%s.before-v%d.%d.bak", path, version, n);
      GStatBuf buf;

      if (g_lstat (candidate, &buf) != 0 && errno == ENOENT)
        return g_steal_pointer (&candidate);
    }
}

gboolean
lb_store_backup (LbStore    *self,
                 const char *destination,
                 GError    **error)
{
  g_autofree char *doing = NULL;
  g_autofree char *temp = NULL;
  sqlite3 *db;

  g_return_val_if_fail (LB_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = _lb_store_get_db (self);
  doing = g_strdup_printf (_("Could not write the backup “%s”"), destination);
  /* Inside its own write transaction the connection would copy changes that may yet be
   * rolled back. */
  if (!sqlite3_get_autocommit (db))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_BUSY, _("%s: a change to the database is still in progress"), doing);
      return FALSE;
    }
  if (!check_destination (lb_store_get_path (self), destination, error))
    return FALSE;
  if ((temp = write_copy (db, destination, doing, error)) == NULL)
    return FALSE;
  return commit_copy (temp, destination, doing, error);
}

gboolean
lb_store_backup_file (const char *path,
                      const char *destination,
                      int        *schema_version,
                      GError    **error)
{
  g_autofree char *doing = NULL;
  g_autofree char *temp = NULL;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_destination (path, destination, error) || (db = open_for_reading (path, error)) == NULL)
    return FALSE;
  doing = g_strdup_printf (_("Could not write the backup “%s”"), destination);
  /* One read transaction for the checks and the copy: what was checked is what is copied. */
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (check_identity (db, path, schema_version, error))
    temp = write_copy (db, destination, doing, error);
  sqlite3_close (db);
  return temp != NULL && commit_copy (temp, destination, doing, error);
}

gboolean
lb_store_inspect_file (const char *path,
                       int        *schema_version,
                       GError    **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((db = open_for_reading (path, error)) == NULL)
    return FALSE;
  ok = check_whole_file (db, path, schema_version, error);
  sqlite3_close (db);
  return ok;
}

/* Makes sure that no other connection has the database at @path open, and keeps it so
 * (an exclusive lock on @lock) until the restored file has replaced it. A connection in
 * WAL mode holds a shared lock as long as it is open, so leaving WAL mode fails while any
 * other is. @lock is NULL when the file is not a database: nothing can have it open. */
static gboolean
lock_database (const char *path,
               sqlite3   **lock,
               GError    **error)
{
  g_autofree char *mode = NULL;
  sqlite3 *db = NULL;
  gboolean left_wal = FALSE;
  int rc;

  *lock = NULL;
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, 1000);
      rc = query_text (db, "PRAGMA journal_mode", &mode);
    }
  if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
    {
      sqlite3_close (db);
      return TRUE;
    }
  if (rc == SQLITE_OK && g_strcmp0 (mode, "wal") == 0)
    {
      g_clear_pointer (&mode, g_free);
      rc = query_text (db, "PRAGMA journal_mode = DELETE", &mode);
      if (rc == SQLITE_OK && g_strcmp0 (mode, "delete") != 0)
        rc = SQLITE_BUSY;
      left_wal = rc == SQLITE_OK;
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        g_set_error (error, LB_ERROR, LB_ERROR_BUSY,
                     _("“%s” is open in another program, perhaps Linkbench itself; close it and try again"), path);
      else
        {
          g_autofree char *doing = g_strdup_printf (_("Could not restore into “%s”"), path);

          set_sqlite_error (error, db, rc, doing);
        }
      if (left_wal)
        sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
      sqlite3_close (db);
      return FALSE;
    }
  *lock = db;
  return TRUE;
}

/* Gives up the lock of a restore that failed: the database is as it was, in WAL mode
 * again if it was (lb_store_open() would set it anyway). */
static void
unlock_database (sqlite3 *lock)
{
  if (lock == NULL)
    return;
  sqlite3_exec (lock, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_exec (lock, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  sqlite3_close (lock);
}

gboolean
lb_store_restore (const char          *backup,
                  const char          *path,
                  LbStoreRestoreFlags  flags,
                  int                 *schema_version,
                  GError             **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *doing = NULL;
  g_autofree char *temp = NULL;
  sqlite3 *source;
  sqlite3 *lock = NULL;
  GStatBuf buf;
  gboolean exists;
  int version = 0;

  g_return_val_if_fail (backup != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doing = g_strdup_printf (_("Could not restore into “%s”"), path);
  if (same_file (backup, path))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("%s: “%s” is that database itself"), doing, backup);
      return FALSE;
    }
  exists = g_stat (path, &buf) == 0;
  if (exists && !S_ISREG (buf.st_mode))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("%s: it is not a file"), doing);
      return FALSE;
    }
  /* An empty file is what lb_store_open() leaves for a new database: nothing to lose. */
  exists = exists && buf.st_size > 0;

  if ((source = open_for_reading (backup, error)) == NULL)
    return FALSE;
  sqlite3_exec (source, "BEGIN", NULL, NULL, NULL);
  if (!check_whole_file (source, backup, &version, error))
    {
      sqlite3_close (source);
      return FALSE;
    }
  if (exists && !(flags & LB_STORE_RESTORE_FORCE))
    {
      sqlite3_close (source);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already holds a database, which the restore would replace; it has not been changed"),
                   path);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_errno_error (error, errno, doing);
      sqlite3_close (source);
      return FALSE;
    }
  /* The whole copy first: if it fails (disk full), the database has not been touched. */
  temp = write_copy (source, path, doing, error);
  sqlite3_close (source);
  if (temp == NULL)
    return FALSE;

  if (exists && !lock_database (path, &lock, error))
    {
      remove_copy (temp);
      return FALSE;
    }
  /* Nothing else has the database open now, so a WAL, shared-memory or journal file left
   * beside it is stale; SQLite would apply it to the restored file. */
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, sidecar_suffixes[i], NULL);

      if (g_unlink (sidecar) != 0 && errno != ENOENT)
        {
          set_errno_error (error, errno, doing);
          remove_copy (temp);
          unlock_database (lock);
          return FALSE;
        }
    }
  if (!commit_copy (temp, path, doing, error))
    {
      unlock_database (lock);
      return FALSE;
    }
  /* The lock was on the replaced file; releasing it writes nothing. */
  sqlite3_close (lock);
  if (schema_version != NULL)
    *schema_version = version;
  return TRUE;
}
