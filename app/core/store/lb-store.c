/* lb-store.c: opening, migrating and writing the project database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sys/stat.h>

#include "../model/lb-error.h"
#include "../model/lb-records.h"
#include "../model/lb-time.h"
#include "lb-store-backup.h"
#include "lb-store-private.h"
#include "lb-store-resources.h"

/* PRAGMA application_id: "LnKb". Tells a Linkbench file from any other SQLite file. */
#define LB_APPLICATION_ID 0x4c6e4b62

struct _LbStore
{
  GObject     parent_instance;
  char       *path;
  char       *migration_backup; /* the copy taken before migrating, if any */
  sqlite3    *db;
  GHashTable *statements; /* SQL text → sqlite3_stmt* */
  int         schema_version;
  int         transaction_depth;  /* lb_store_begin_transaction() calls not yet ended */
  gboolean    changed_in_transaction;
};

G_DEFINE_FINAL_TYPE (LbStore, lb_store, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
lb_store_finalize (GObject *object)
{
  LbStore *self = LB_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->migration_backup, g_free);

  G_OBJECT_CLASS (lb_store_parent_class)->finalize (object);
}

static void
lb_store_class_init (LbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lb_store_finalize;

  /**
   * LbStore::changed:
   * @entity: the table that changed ("project", "wave", "lag_sample" …), or "*" after a
   *   transaction, when anything may have changed
   * @id: the record's id, or 0 for many
   *
   * Emitted after a write has been committed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
lb_store_init (LbStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

void
_lb_store_emit_changed (LbStore    *self,
                        const char *entity,
                        gint64      id)
{
  /* Inside a caller's transaction nothing is visible yet: one "*" signal follows the commit. */
  if (self->transaction_depth > 0)
    self->changed_in_transaction = TRUE;
  else
    g_signal_emit (self, signals[CHANGED], 0, entity, id);
}

void
lb_store_notify_changed (LbStore    *self,
                         const char *entity,
                         gint64      id)
{
  g_return_if_fail (LB_IS_STORE (self));
  g_return_if_fail (entity != NULL);

  _lb_store_emit_changed (self, entity, id);
}

sqlite3 *
_lb_store_get_db (LbStore *self)
{
  return self->db;
}

void
_lb_store_set_error (LbStore    *self,
                     int         rc,
                     GError    **error,
                     const char *doing)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int code;
  const char *what;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      code = LB_ERROR_IO;
      what = _("the disk is full");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      code = LB_ERROR_IO;
      what = _("the file cannot be opened for writing");
      break;
    case SQLITE_IOERR:
      code = LB_ERROR_IO;
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
    case SQLITE_CONSTRAINT:
      code = LB_ERROR_CONSTRAINT;
      what = _("the database refused the change");
      break;
    default:
      code = LB_ERROR_FAILED;
      what = _("the database reported an error");
      break;
    }

  /* TRANSLATORS: "Could not save the project: the disk is full (database or disk is full)" */
  g_set_error (error, LB_ERROR, code, _("Could not %s: %s (%s)"), doing, what, detail);
}

sqlite3_stmt *
_lb_store_prepare (LbStore    *self,
                   const char *sql,
                   GError    **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _lb_store_set_error (self, rc, error, _("prepare a query"));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_lb_store_exec (LbStore    *self,
                const char *sql,
                GError    **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _lb_store_set_error (self, rc, error, _("update the database"));
      return FALSE;
    }
  return TRUE;
}

/* One write's transaction. Inside a caller's transaction it is a savepoint, so that a
 * refused write undoes only itself. */
gboolean
_lb_store_begin (LbStore *self,
                 GError **error)
{
  if (self->transaction_depth > 0)
    return _lb_store_exec (self, "SAVEPOINT lb_write", error);
  /* IMMEDIATE: take the write lock now, so the busy timeout applies (a deferred
   * transaction that upgrades later fails at once with SQLITE_BUSY). */
  return _lb_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_lb_store_commit (LbStore *self,
                  GError **error)
{
  if (!_lb_store_exec (self, self->transaction_depth > 0 ? "RELEASE lb_write" : "COMMIT", error))
    {
      _lb_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
_lb_store_rollback (LbStore *self)
{
  if (sqlite3_get_autocommit (self->db))
    return;
  if (self->transaction_depth > 0)
    sqlite3_exec (self->db, "ROLLBACK TO lb_write; RELEASE lb_write", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
lb_store_begin_transaction (LbStore *self,
                            GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), FALSE);

  if (self->transaction_depth == 0)
    {
      if (!_lb_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->changed_in_transaction = FALSE;
    }
  self->transaction_depth++;
  return TRUE;
}

gboolean
lb_store_commit_transaction (LbStore *self,
                             GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->transaction_depth > 1)
    {
      self->transaction_depth--;
      return TRUE;
    }
  if (!_lb_store_exec (self, "COMMIT", error))
    {
      lb_store_rollback_transaction (self);
      return FALSE;
    }
  self->transaction_depth = 0;
  if (self->changed_in_transaction)
    g_signal_emit (self, signals[CHANGED], 0, "*", (gint64) 0);
  self->changed_in_transaction = FALSE;
  return TRUE;
}

void
lb_store_rollback_transaction (LbStore *self)
{
  g_return_if_fail (LB_IS_STORE (self));
  g_return_if_fail (self->transaction_depth > 0);

  /* Any level's rollback undoes the whole outer transaction: all or nothing. */
  self->transaction_depth = 0;
  self->changed_in_transaction = FALSE;
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
query_int (LbStore    *self,
           const char *sql,
           gint64     *out,
           GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _lb_store_set_error (self, rc, error, _("read the database"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static char *
load_migration (int version)
{
  g_autofree char *path = g_strdup_printf ("/io/github/linkbench/Linkbench/core/schema-v%d.sql", version);
  /* Looked up in the core's own resource: a static library's constructor-registered
   * resource would be dropped by the linker. */
  g_autoptr(GBytes) bytes = g_resource_lookup_data (lb_core_get_resource (), path, 0, NULL);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
migrate (LbStore *self,
         GError **error)
{
  for (int version = self->schema_version + 1; version <= LB_SCHEMA_VERSION; version++)
    {
      g_autofree char *sql = load_migration (version);
      g_autofree char *set_version = NULL;

      if (sql == NULL)
        {
          g_set_error (error, LB_ERROR, LB_ERROR_FAILED, "schema-v%d.sql is missing from the build", version);
          return FALSE;
        }
      set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                     version, LB_APPLICATION_ID);
      if (!_lb_store_begin (self, error))
        return FALSE;
      if (!_lb_store_exec (self, sql, error) || !_lb_store_exec (self, set_version, error) ||
          !_lb_store_commit (self, error))
        {
          _lb_store_rollback (self);
          return FALSE;
        }
      self->schema_version = version;
    }
  return TRUE;
}

/* New files are created 0600 before SQLite opens them: they hold a migration's
 * internals (server names, owners, evidence). SQLite gives -wal and -shm the same mode. */
static gboolean
create_private_file (const char *path,
                     GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Could not create the folder “%s”: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        return TRUE;
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Could not create “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
check_identity (LbStore *self,
                GError **error)
{
  gint64 version = 0;
  gint64 application_id = 0;
  gint64 tables = 0;

  /* These reads fail with SQLITE_NOTADB on a file that is not SQLite. */
  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &tables, error))
    {
      g_prefix_error (error, _("“%s” cannot be opened: "), self->path);
      return FALSE;
    }

  if (application_id != LB_APPLICATION_ID && (tables > 0 || version > 0))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_A_DATABASE,
                   _("“%s” is an SQLite database of another program, not a Linkbench database"),
                   self->path);
      return FALSE;
    }
  if (version > LB_SCHEMA_VERSION)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer Linkbench (schema %d; this version knows up to %d). "
                     "It has not been changed; open it with a newer Linkbench."),
                   self->path, (int) version, LB_SCHEMA_VERSION);
      return FALSE;
    }
  self->schema_version = (int) version;
  return TRUE;
}

LbStore *
lb_store_open (const char *path,
               GError    **error)
{
  g_autoptr(LbStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!create_private_file (path, error))
    return NULL;

  self = g_object_new (LB_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _lb_store_set_error (self, rc, error, _("open the database"));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* Read-only checks first: nothing may be written to a file we are going to refuse. */
  if (!check_identity (self, error))
    return NULL;

  /* A copy of the file as it is before the first migration step changes it, so that an
   * upgrade gone wrong loses nothing. No copy, no migration. */
  if (self->schema_version > 0 && self->schema_version < LB_SCHEMA_VERSION)
    {
      g_autofree char *backup = lb_store_migration_backup_path (path, LB_SCHEMA_VERSION);

      if (!lb_store_backup (self, backup, error))
        {
          g_prefix_error (error, _("“%s” has not been upgraded to schema version %d and is unchanged: "
                                   "a copy of it has to be kept first. "),
                          path, LB_SCHEMA_VERSION);
          return NULL;
        }
      self->migration_backup = g_steal_pointer (&backup);
    }

  /* WAL + NORMAL never corrupts and survives application crashes; Debian's SQLite
   * defaults WAL to FULL, which costs an fsync per commit. */
  if (!_lb_store_exec (self,
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = NORMAL;"
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA trusted_schema = OFF;"
                       "",
                       error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

char *
lb_store_default_path (void)
{
  const char *env = g_getenv ("LINKBENCH_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "linkbench", "linkbench.db", NULL);
}

const char *
lb_store_get_path (LbStore *self)
{
  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  return self->path;
}

int
lb_store_get_schema_version (LbStore *self)
{
  g_return_val_if_fail (LB_IS_STORE (self), 0);
  return self->schema_version;
}

/* Declared in lb-store-backup.h; here because it reads the store's own fields. */
const char *
lb_store_get_migration_backup (LbStore *self)
{
  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  return self->migration_backup;
}

gboolean
_lb_store_audit (LbStore    *self,
                 const char *entity,
                 gint64      entity_id,
                 int         action,
                 JsonNode   *before,
                 JsonNode   *after,
                 GError    **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *before_text = before != NULL ? json_to_string (before, FALSE) : NULL;
  g_autofree char *after_text = after != NULL ? json_to_string (after, FALSE) : NULL;
  int rc;

  stmt = _lb_store_prepare (self,
                            "INSERT INTO audit_log (at, os_user, entity, entity_id, action, before_json, after_json)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lb_time_now_ms ());
  sqlite3_bind_text (stmt, 2, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entity, -1, SQLITE_STATIC);
  if (entity_id != 0)
    sqlite3_bind_int64 (stmt, 4, entity_id);
  sqlite3_bind_text (stmt, 5, lb_enum_info_nick (&lb_audit_action_enum, action), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, before_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, after_text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lb_store_set_error (self, rc, error, _("write the audit log"));
      return FALSE;
    }
  return TRUE;
}
