/* lb-test-util.h: temporary folders and databases for the test programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

/* A fresh folder under $TMPDIR, removed with its files by lb_test_tmpdir_free(). */
static inline char *
lb_test_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("linkbench-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
lb_test_tmpdir_free (char *dir)
{
  const char *name;
  GDir *handle;

  if (dir == NULL)
    return;
  handle = g_dir_open (dir, 0, NULL);
  if (handle != NULL)
    {
      while ((name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
        }
      g_dir_close (handle);
    }
  g_rmdir (dir);
  g_free (dir);
}

static inline char *
lb_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Shows the whole message when it lacks the expected part. */
#define lb_test_assert_contains(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) == NULL) \
      g_error ("\"%s\" does not contain \"%s\"", (haystack), (needle)); \
  } G_STMT_END

/* The first column of the first row @sql returns, read through a connection of its own
 * (NULL for no row or SQL NULL). */
static inline char *
lb_test_sql_text (const char *db_path,
                  const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static inline gint64
lb_test_sql_int (const char *db_path,
                 const char *sql)
{
  g_autofree char *text = lb_test_sql_text (db_path, sql);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}
