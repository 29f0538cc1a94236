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
#include "lb-store-private.h"
#include "lb-store-resources.h"

/* PRAGMA application_id: "LnKb". Tells a Linkbench file from any other SQLite file. */
#define LB_APPLICATION_ID 0x4c6e4b62

struct _LbStore
{
  GObject     parent_instance;
  char       *path;
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

/* ---- generic SQL over record kinds ---------------------------------------------------- */

static char *
column_list (const LbRecordKind *kind)
{
  GString *s = g_string_new ("id");

  for (int i = 0; i < kind->n_fields; i++)
    g_string_append_printf (s, ", %s", kind->fields[i].name);
  return g_string_free (s, FALSE);
}

static void
bind_field (sqlite3_stmt      *stmt,
            int                index,
            const LbFieldInfo *field,
            gconstpointer      record)
{
  if (!lb_record_field_is_set (field, record))
    {
      if (field->type == LB_FIELD_BOOL)
        sqlite3_bind_int (stmt, index, 0);
      else
        sqlite3_bind_null (stmt, index);
      return;
    }

  switch (field->type)
    {
    case LB_FIELD_TEXT:
      sqlite3_bind_text (stmt, index, lb_record_get_text (field, record), -1, SQLITE_TRANSIENT);
      break;
    case LB_FIELD_INT:
    case LB_FIELD_TIME:
    case LB_FIELD_MONEY:
    case LB_FIELD_REF:
    case LB_FIELD_BOOL:
      sqlite3_bind_int64 (stmt, index, lb_record_get_int (field, record));
      break;
    case LB_FIELD_REAL:
      sqlite3_bind_double (stmt, index, lb_record_get_real (field, record));
      break;
    case LB_FIELD_ENUM:
      sqlite3_bind_text (stmt, index, lb_enum_info_nick (field->enum_info, (int) lb_record_get_int (field, record)),
                         -1, SQLITE_STATIC);
      break;
    case LB_FIELD_BLOB:
      {
        GBytes *bytes = lb_record_get_blob (field, record);
        gsize size = 0;
        gconstpointer data = g_bytes_get_data (bytes, &size);

        /* A zero-length blob must stay a blob, not become NULL. */
        sqlite3_bind_blob64 (stmt, index, data != NULL ? data : "", size, SQLITE_TRANSIENT);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
read_field (sqlite3_stmt      *stmt,
            int                column,
            const LbFieldInfo *field,
            gpointer           record)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      lb_record_field_unset (field, record);
      return;
    }

  switch (field->type)
    {
    case LB_FIELD_TEXT:
      lb_record_set_text (field, record, (const char *) sqlite3_column_text (stmt, column));
      break;
    case LB_FIELD_INT:
    case LB_FIELD_TIME:
    case LB_FIELD_MONEY:
    case LB_FIELD_REF:
    case LB_FIELD_BOOL:
      lb_record_set_int (field, record, sqlite3_column_int64 (stmt, column));
      break;
    case LB_FIELD_REAL:
      lb_record_set_real (field, record, sqlite3_column_double (stmt, column));
      break;
    case LB_FIELD_ENUM:
      lb_record_set_int (field, record,
                         lb_enum_info_lookup (field->enum_info, (const char *) sqlite3_column_text (stmt, column)));
      break;
    case LB_FIELD_BLOB:
      {
        gconstpointer data = sqlite3_column_blob (stmt, column);
        g_autoptr(GBytes) bytes = g_bytes_new (data, sqlite3_column_bytes (stmt, column));

        lb_record_set_blob (field, record, bytes);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

static gpointer
read_record (const LbRecordKind *kind,
             sqlite3_stmt       *stmt)
{
  gpointer record = lb_record_new (kind);

  LB_RECORD_ID (record) = sqlite3_column_int64 (stmt, 0);
  for (int i = 0; i < kind->n_fields; i++)
    read_field (stmt, i + 1, &kind->fields[i], record);
  return record;
}

gpointer
lb_store_get (LbStore            *self,
              const LbRecordKind *kind,
              gint64              id,
              GError            **error)
{
  g_autofree char *columns = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gpointer record = NULL;
  int rc;

  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  columns = column_list (kind);
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1", columns, kind->table);
  stmt = _lb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = read_record (kind, stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("%s #%lld does not exist"),
                 _(kind->label), (long long) id);
  else
    _lb_store_set_error (self, rc, error, _("read the database"));
  sqlite3_reset (stmt);
  return record;
}

gpointer
lb_store_find (LbStore            *self,
               const LbRecordKind *kind,
               const char         *field_name,
               const char         *text,
               GError            **error)
{
  g_autofree char *columns = NULL;
  g_autofree char *sql = NULL;
  const LbFieldInfo *field;
  sqlite3_stmt *stmt;
  gpointer record = NULL;
  int rc;

  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  field = lb_record_kind_find_field (kind, field_name);
  g_return_val_if_fail (field != NULL && field->type == LB_FIELD_TEXT, NULL);

  columns = column_list (kind);
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
                         columns, kind->table, field->name);
  stmt = _lb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = read_record (kind, stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("%s “%s” does not exist"), _(kind->label), text);
  else
    _lb_store_set_error (self, rc, error, _("read the database"));
  sqlite3_reset (stmt);
  return record;
}

GPtrArray *
lb_store_list (LbStore            *self,
               const LbRecordKind *kind,
               const char         *field_name,
               gint64              value,
               GError            **error)
{
  g_autoptr(GPtrArray) records = lb_record_array_new ();
  g_autofree char *columns = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (field_name == NULL || lb_record_kind_find_field (kind, field_name) != NULL, NULL);

  columns = column_list (kind);
  if (field_name != NULL)
    sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1 ORDER BY %s", columns, kind->table, field_name,
                           kind->order_by);
  else
    sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", columns, kind->table, kind->order_by);
  stmt = _lb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (field_name != NULL)
    sqlite3_bind_int64 (stmt, 1, value);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, read_record (kind, stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lb_store_set_error (self, rc, error, _("read the database"));
      return NULL;
    }
  return g_steal_pointer (&records);
}

GPtrArray *
lb_store_list_for_project (LbStore            *self,
                           const LbRecordKind *kind,
                           gint64              project_id,
                           GError            **error)
{
  gpointer project;

  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  g_return_val_if_fail (lb_record_kind_find_field (kind, "project_id") != NULL, NULL);

  project = lb_store_get (self, &lb_project_kind, project_id, error);
  if (project == NULL)
    return NULL;
  lb_record_free (project);
  return lb_store_list (self, kind, "project_id", project_id, error);
}

gint64
lb_store_count (LbStore            *self,
                const LbRecordKind *kind,
                const char         *field_name,
                gint64              value,
                GError            **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (LB_IS_STORE (self), -1);
  g_return_val_if_fail (kind != NULL, -1);
  g_return_val_if_fail (field_name == NULL || lb_record_kind_find_field (kind, field_name) != NULL, -1);

  if (field_name != NULL)
    sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ?1", kind->table, field_name);
  else
    sql = g_strdup_printf ("SELECT count(*) FROM %s", kind->table);
  stmt = _lb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  if (field_name != NULL)
    sqlite3_bind_int64 (stmt, 1, value);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _lb_store_set_error (self, rc, error, _("read the database"));
  sqlite3_reset (stmt);
  return count;
}

static gboolean
row_exists (LbStore    *self,
            const char *sql,
            gint64      id,
            const char *text,
            gint64      scope,
            gboolean   *exists,
            GError    **error)
{
  sqlite3_stmt *stmt = _lb_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, scope);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _lb_store_set_error (self, rc, error, _("read the database"));
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* References must point at existing rows, unique fields must be unique among siblings
 * (the records that share the same required parent). */
static gboolean
check_against_database (LbStore      *self,
                        gconstpointer record,
                        GError      **error)
{
  const LbRecordKind *kind = lb_record_get_kind (record);
  const LbFieldInfo *parent = lb_record_kind_parent_field (kind);
  gboolean scoped = parent != NULL && (parent->flags & LB_FIELD_REQUIRED);

  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];
      gboolean exists = FALSE;

      if (field->type == LB_FIELD_REF && lb_record_field_is_set (field, record))
        {
          g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1 AND ?3 = ?3",
                                                  field->ref_kind->table);

          if (!row_exists (self, sql, lb_record_get_int (field, record), NULL, 0, &exists, error))
            return FALSE;
          if (!exists)
            {
              lb_validation_error_set (error, LB_VALIDATION_ERROR_REFERENCE, field->name,
                                       _("%s: %s #%lld does not exist"), _(field->label),
                                       _(field->ref_kind->label), (long long) lb_record_get_int (field, record));
              return FALSE;
            }
        }

      if ((field->flags & LB_FIELD_UNIQUE) && lb_record_field_is_set (field, record))
        {
          g_autofree char *sql = NULL;

          g_assert (field->type == LB_FIELD_TEXT);
          if (scoped)
            sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id != ?1 AND %s = ?2 COLLATE NOCASE AND %s = ?3",
                                   kind->table, field->name, parent->name);
          else
            sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id != ?1 AND %s = ?2 COLLATE NOCASE AND ?3 = ?3",
                                   kind->table, field->name);
          if (!row_exists (self, sql, LB_RECORD_ID_CONST (record), lb_record_get_text (field, record),
                           scoped ? lb_record_get_int (parent, record) : 0, &exists, error))
            return FALSE;
          if (exists)
            {
              lb_validation_error_set (error, LB_VALIDATION_ERROR_DUPLICATE, field->name,
                                       _("%s: “%s” is already in use"), _(field->label),
                                       lb_record_get_text (field, record));
              return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
lb_store_validate (LbStore      *self,
                   gconstpointer record,
                   GError      **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), FALSE);
  g_return_val_if_fail (lb_record_get_kind (record) != NULL, FALSE);

  return lb_record_validate (record, error) && check_against_database (self, record, error);
}

/* Computed fields: project timestamps, evidence size and hash. */
static void
fill_computed (gpointer record,
               gboolean is_insert)
{
  const LbRecordKind *kind = lb_record_get_kind (record);
  gint64 now = lb_time_now_ms ();

  if (kind == &lb_project_kind)
    {
      LbProject *project = record;

      /* An importer or the demo may give the creation time; otherwise it is now. */
      if (project->created_at == LB_UNSET_INT)
        project->created_at = now;
      project->updated_at = is_insert ? project->created_at : now;
    }
  else if (kind == &lb_evidence_kind)
    {
      LbEvidence *evidence = record;

      if (evidence->content != NULL)
        {
          g_free (evidence->sha256);
          evidence->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, evidence->content);
          evidence->size_bytes = (gint64) g_bytes_get_size (evidence->content);
        }
    }
}

static gboolean
step_done (LbStore      *self,
           sqlite3_stmt *stmt,
           const char   *doing,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lb_store_set_error (self, rc, error, doing);
      return FALSE;
    }
  return TRUE;
}

/* One write and its audit row in one transaction; the "changed" signal after the commit.
 * @record is NULL for a delete; for an insert its id is set from the new row. */
static gboolean
write_and_audit (LbStore            *self,
                 const LbRecordKind *kind,
                 LbAuditAction       action,
                 const char         *sql,
                 gpointer            record,
                 gint64              id,
                 JsonNode           *before,
                 GError            **error)
{
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *doing = NULL;
  sqlite3_stmt *stmt;
  int n_bound = 0;

  /* TRANSLATORS: completes "Could not …", e.g. "Could not save the Project record" */
  doing = g_strdup_printf (action == LB_ACTION_DELETE ? _("delete the %s record") : _("save the %s record"),
                           _(kind->label));

  if (!_lb_store_begin (self, error))
    return FALSE;
  stmt = _lb_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  if (record != NULL)
    for (; n_bound < kind->n_fields; n_bound++)
      bind_field (stmt, n_bound + 1, &kind->fields[n_bound], record);
  if (action != LB_ACTION_INSERT)
    sqlite3_bind_int64 (stmt, n_bound + 1, id);
  if (!step_done (self, stmt, doing, error))
    goto fail;

  if (action == LB_ACTION_INSERT)
    LB_RECORD_ID (record) = id = sqlite3_last_insert_rowid (self->db);
  if (record != NULL)
    after = lb_record_to_json (record);
  /* The audit log does not audit itself. */
  if (kind != &lb_audit_entry_kind &&
      !_lb_store_audit (self, kind->table, id, action, before, after, error))
    goto fail;
  if (!_lb_store_commit (self, error))
    goto fail;

  _lb_store_emit_changed (self, kind->table, id);
  return TRUE;

fail:
  _lb_store_rollback (self);
  if (action == LB_ACTION_INSERT)
    LB_RECORD_ID (record) = 0;
  return FALSE;
}

/* The current row as JSON, for the audit log's "before". */
static JsonNode *
load_before (LbStore            *self,
             const LbRecordKind *kind,
             gint64              id,
             GError            **error)
{
  gpointer old = lb_store_get (self, kind, id, error);
  JsonNode *node;

  if (old == NULL)
    return NULL;
  node = lb_record_to_json (old);
  lb_record_free (old);
  return node;
}

gboolean
lb_store_insert (LbStore *self,
                 gpointer record,
                 GError **error)
{
  const LbRecordKind *kind;
  g_autoptr(GString) sql = NULL;

  g_return_val_if_fail (LB_IS_STORE (self), FALSE);
  kind = lb_record_get_kind (record);
  g_return_val_if_fail (kind != NULL, FALSE);

  fill_computed (record, TRUE);
  if (!lb_store_validate (self, record, error))
    return FALSE;

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO %s (", kind->table);
  for (int i = 0; i < kind->n_fields; i++)
    g_string_append_printf (sql, "%s%s", i ? ", " : "", kind->fields[i].name);
  g_string_append (sql, ") VALUES (");
  for (int i = 0; i < kind->n_fields; i++)
    g_string_append_printf (sql, "%s?%d", i ? ", " : "", i + 1);
  g_string_append (sql, ")");

  return write_and_audit (self, kind, LB_ACTION_INSERT, sql->str, record, 0, NULL, error);
}

gboolean
lb_store_update (LbStore *self,
                 gpointer record,
                 GError **error)
{
  const LbRecordKind *kind;
  g_autoptr(GString) sql = NULL;
  g_autoptr(JsonNode) before = NULL;

  g_return_val_if_fail (LB_IS_STORE (self), FALSE);
  kind = lb_record_get_kind (record);
  g_return_val_if_fail (kind != NULL, FALSE);

  before = load_before (self, kind, LB_RECORD_ID (record), error);
  if (before == NULL)
    return FALSE;
  fill_computed (record, FALSE);
  if (!lb_store_validate (self, record, error))
    return FALSE;

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "UPDATE %s SET ", kind->table);
  for (int i = 0; i < kind->n_fields; i++)
    g_string_append_printf (sql, "%s%s = ?%d", i ? ", " : "", kind->fields[i].name, i + 1);
  g_string_append_printf (sql, " WHERE id = ?%d", kind->n_fields + 1);

  return write_and_audit (self, kind, LB_ACTION_UPDATE, sql->str, record, LB_RECORD_ID (record), before, error);
}

gboolean
lb_store_delete (LbStore            *self,
                 const LbRecordKind *kind,
                 gint64              id,
                 GError            **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(JsonNode) before = NULL;

  g_return_val_if_fail (LB_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  before = load_before (self, kind, id, error);
  if (before == NULL)
    return FALSE;
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", kind->table);
  return write_and_audit (self, kind, LB_ACTION_DELETE, sql, NULL, id, before, error);
}

gboolean
lb_store_lag_extent (LbStore *self,
                     gint64   project_id,
                     gint64  *count,
                     gint64  *first,
                     gint64  *last,
                     GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LB_IS_STORE (self), FALSE);

  stmt = _lb_store_prepare (self, "SELECT count(*), min(t), max(t) FROM lag_sample WHERE project_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, project_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _lb_store_set_error (self, rc, error, _("read the database"));
      return FALSE;
    }
  if (count != NULL)
    *count = sqlite3_column_int64 (stmt, 0);
  if (first != NULL)
    *first = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? LB_UNSET_INT : sqlite3_column_int64 (stmt, 1);
  if (last != NULL)
    *last = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? LB_UNSET_INT : sqlite3_column_int64 (stmt, 2);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
lb_store_lag_latest (LbStore *self,
                     gint64   project_id,
                     gint64  *t,
                     double  *lag_s,
                     GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LB_IS_STORE (self), FALSE);

  /* The (project_id, t) primary key makes this one index seek. */
  stmt = _lb_store_prepare (self, "SELECT t, lag_s FROM lag_sample WHERE project_id = ?1 ORDER BY t DESC LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, project_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (t != NULL)
        *t = sqlite3_column_int64 (stmt, 0);
      if (lag_s != NULL)
        *lag_s = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    _lb_store_set_error (self, rc, error, _("read the database"));
  return FALSE;
}

static gboolean
collect_rows (LbStore    *self,
              const char *sql,
              const char *prefix,
              GPtrArray  *problems,
              gboolean    skip_ok,
              GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _lb_store_set_error (self, rc, error, _("check the database"));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *line = g_string_new (prefix);
      int n = sqlite3_column_count (stmt);

      if (skip_ok && n == 1 && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
        {
          g_string_free (line, TRUE);
          continue;
        }
      for (int i = 0; i < n; i++)
        g_string_append_printf (line, "%s%s", i ? " " : "", (const char *) sqlite3_column_text (stmt, i));
      g_ptr_array_add (problems, g_string_free (line, FALSE));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _lb_store_set_error (self, rc, error, _("check the database"));
      return FALSE;
    }
  return TRUE;
}

gboolean
lb_store_check (LbStore    *self,
                GPtrArray **problems,
                GError    **error)
{
  static const struct { const char *table; int width; } rollups[] = {
    { "lag_rollup_minute", 60000 },
    { "lag_rollup_hour", 3600000 },
  };
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (LB_IS_STORE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (!collect_rows (self, "PRAGMA integrity_check", _("integrity: "), found, TRUE, error) ||
      !collect_rows (self, "PRAGMA foreign_key_check", _("broken reference: "), found, FALSE, error))
    return FALSE;
  if (self->schema_version != LB_SCHEMA_VERSION)
    g_ptr_array_add (found, g_strdup_printf (_("schema version %d, expected %d"),
                                             self->schema_version, LB_SCHEMA_VERSION));
  /* Rollups must equal a recomputation from the raw samples. */
  for (guint i = 0; i < G_N_ELEMENTS (rollups); i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "WITH r AS (SELECT project_id, t / %1$d * %1$d AS bucket, min(lag_s) AS mn, max(lag_s) AS mx,"
        "                  sum(lag_s) AS sm, count(lag_s) AS n"
        "           FROM lag_sample WHERE lag_s IS NOT NULL GROUP BY 1, 2)"
        " SELECT '%2$s', coalesce(r.project_id, g.project_id), coalesce(r.bucket, g.bucket)"
        " FROM r FULL JOIN %2$s g ON g.project_id = r.project_id AND g.bucket = r.bucket"
        " WHERE r.n IS NOT g.n OR r.mn IS NOT g.min_lag_s OR r.mx IS NOT g.max_lag_s"
        "    OR abs(r.sm - g.sum_lag_s) > 1e-6 * max(1, abs(r.sm)) OR r.sm IS NULL OR g.sum_lag_s IS NULL"
        " LIMIT 20",
        rollups[i].width, rollups[i].table);

      if (!collect_rows (self, sql, _("lag rollup differs from its samples: "), found, FALSE, error))
        return FALSE;
    }

  *problems = g_steal_pointer (&found);
  return TRUE;
}
