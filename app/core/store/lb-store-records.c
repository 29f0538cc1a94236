/* lb-store-records.c: create, read, update and delete of every record kind, generic over
 * the kinds' field tables; each write validated and audited in its own transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "../model/lb-error.h"
#include "../model/lb-records.h"
#include "../model/lb-time.h"
#include "lb-store-private.h"

/* Lists leave blob fields out (read as NULL, so unset): a list of evidence must not read
 * every file into memory to show titles and sizes. */
static char *
column_list (const LbRecordKind *kind,
             gboolean            with_blobs)
{
  GString *s = g_string_new ("id");

  for (int i = 0; i < kind->n_fields; i++)
    g_string_append_printf (s, ", %s", with_blobs || kind->fields[i].type != LB_FIELD_BLOB ? kind->fields[i].name
                                                                                           : "NULL");
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

  columns = column_list (kind, TRUE);
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

  columns = column_list (kind, TRUE);
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

  columns = column_list (kind, FALSE);
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

/* Computed fields: project timestamps, evidence size and hash. The hash is taken when the
 * content is written (@content_changed), never from what is stored already: an update of
 * an evidence's title must not bless content that changed behind the application's back. */
static void
fill_computed (gpointer record,
               gboolean is_insert,
               gboolean content_changed)
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

      if (evidence->content != NULL && content_changed)
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
    LB_RECORD_ID (record) = id = sqlite3_last_insert_rowid (_lb_store_get_db (self));
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

  fill_computed (record, TRUE, TRUE);
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

/* A record from a list has its blob fields unset; updating it keeps the stored blobs
 * (a required blob cannot be cleared anyway). @changed: whether a blob given differs from
 * the stored one. */
static gboolean
keep_unloaded_blobs (LbStore  *self,
                     gpointer  record,
                     gboolean *changed,
                     GError  **error)
{
  const LbRecordKind *kind = lb_record_get_kind (record);
  gpointer stored = NULL;

  *changed = FALSE;
  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];

      if (field->type != LB_FIELD_BLOB)
        continue;
      if (stored == NULL && (stored = lb_store_get (self, kind, LB_RECORD_ID (record), error)) == NULL)
        return FALSE;
      if (!lb_record_field_is_set (field, record))
        {
          if (lb_record_field_is_set (field, stored))
            lb_record_set_blob (field, record, lb_record_get_blob (field, stored));
        }
      else if (!lb_record_field_is_set (field, stored) ||
               !g_bytes_equal (lb_record_get_blob (field, record), lb_record_get_blob (field, stored)))
        *changed = TRUE;
    }
  lb_record_free (stored);
  return TRUE;
}

gboolean
lb_store_update (LbStore *self,
                 gpointer record,
                 GError **error)
{
  const LbRecordKind *kind;
  g_autoptr(GString) sql = NULL;
  g_autoptr(JsonNode) before = NULL;
  gboolean content_changed = FALSE;

  g_return_val_if_fail (LB_IS_STORE (self), FALSE);
  kind = lb_record_get_kind (record);
  g_return_val_if_fail (kind != NULL, FALSE);

  before = load_before (self, kind, LB_RECORD_ID (record), error);
  if (before == NULL)
    return FALSE;
  if (!keep_unloaded_blobs (self, record, &content_changed, error))
    return FALSE;
  fill_computed (record, FALSE, content_changed);
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
