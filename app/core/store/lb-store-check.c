/* lb-store-check.c: what the store reports about itself — lag extent and latest sample,
 * and the health check (integrity, references, schema version, rollups).
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

/* Runs @sql (with @parameter bound to ?1 when it has one) and adds a line per row. */
static gboolean
collect_rows (LbStore    *self,
              const char *sql,
              gint64      parameter,
              const char *prefix,
              GPtrArray  *problems,
              gboolean    skip_ok,
              GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (_lb_store_get_db (self), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _lb_store_set_error (self, rc, error, _("check the database"));
      return FALSE;
    }
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, parameter);
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

  if (!collect_rows (self, "PRAGMA integrity_check", 0, _("integrity: "), found, TRUE, error) ||
      !collect_rows (self, "PRAGMA foreign_key_check", 0, _("broken reference: "), found, FALSE, error))
    return FALSE;
  if (lb_store_get_schema_version (self) != LB_SCHEMA_VERSION)
    g_ptr_array_add (found, g_strdup_printf (_("schema version %d, expected %d"),
                                             lb_store_get_schema_version (self), LB_SCHEMA_VERSION));
  /* Rollups must equal a recomputation from the raw samples. */
  for (guint i = 0; i < G_N_ELEMENTS (rollups); i++)
    {
      /* The table is an identifier from the list above; the bucket width is bound. */
      g_autofree char *sql = g_strdup_printf (
        "WITH r AS (SELECT project_id, t / ?1 * ?1 AS bucket, min(lag_s) AS mn, max(lag_s) AS mx,"
        "                  sum(lag_s) AS sm, count(lag_s) AS n"
        "           FROM lag_sample WHERE lag_s IS NOT NULL GROUP BY 1, 2)"
        " SELECT coalesce(r.project_id, g.project_id), coalesce(r.bucket, g.bucket)"
        " FROM r FULL JOIN %s g ON g.project_id = r.project_id AND g.bucket = r.bucket"
        " WHERE r.n IS NOT g.n OR r.mn IS NOT g.min_lag_s OR r.mx IS NOT g.max_lag_s"
        "    OR abs(r.sm - g.sum_lag_s) > 1e-6 * max(1, abs(r.sm)) OR r.sm IS NULL OR g.sum_lag_s IS NULL"
        " LIMIT 20",
        rollups[i].table);
      g_autofree char *prefix = g_strdup_printf (_("lag rollup differs from its samples: %s "), rollups[i].table);

      if (!collect_rows (self, sql, rollups[i].width, prefix, found, FALSE, error))
        return FALSE;
    }

  *problems = g_steal_pointer (&found);
  return TRUE;
}
