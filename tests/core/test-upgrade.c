/* test-upgrade.c: databases written by each released schema version (fixtures made by
 * that version's own linkbench-cli, build-aux/make-schema-fixture.sh) open with this
 * build: migrated, every row and value kept, a copy of the old file kept first; a newer
 * file is refused and left byte-identical; no copy, no migration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lb-core.h"
#include "lb-test-util.h"

#define SCHEMA_DIR TEST_SRCDIR "/core/data/schema"
#define N_RELEASED 4 /* v1 … v4; LB_SCHEMA_VERSION is the one after */
/* A new schema version needs a fixture of the one before it (make-schema-fixture.sh). */
G_STATIC_ASSERT (N_RELEASED == LB_SCHEMA_VERSION - 1);

/* One table as a fixture had it: its columns then, its rows and a digest of every value. */
typedef struct
{
  char   *name;
  char   *columns; /* "quote(a) || char(31) || quote(b) …" over the old columns */
  gint64  rows;
  char   *digest;
} TableSnapshot;

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static void
table_snapshot_free (gpointer data)
{
  TableSnapshot *table = data;

  g_free (table->name);
  g_free (table->columns);
  g_free (table->digest);
  g_free (table);
}

/* A fixture copied into @dir under @name, mode 0600 as Linkbench makes its files. */
static char *
copy_fixture (int         version,
              const char *dir,
              const char *name)
{
  g_autofree char *fixture = g_strdup_printf (SCHEMA_DIR "/v%d.db", version);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize length = 0;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_assert_cmpuint (length, <, 1024 * 1024);
  g_assert_true (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
  return path;
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static char *
table_digest (sqlite3    *db,
              const char *table,
              const char *columns,
              gint64     *rows)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM \"%s\"", columns, table);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (lines, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  /* Row order is not part of the promise; the rows and their values are. */
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_checksum_update (checksum, (const guchar *) lines->pdata[i], -1);
      g_checksum_update (checksum, (const guchar *) "\n", 1);
    }
  *rows = lines->len;
  return g_strdup (g_checksum_get_string (checksum));
}

static GPtrArray *
snapshot (const char *path)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func (table_snapshot_free);
  sqlite3 *db = open_db (path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TableSnapshot *table = g_new0 (TableSnapshot, 1);
      g_autofree char *info = NULL;
      g_autoptr(GString) columns = g_string_new (NULL);
      sqlite3_stmt *column = NULL;

      table->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      info = g_strdup_printf ("SELECT name FROM pragma_table_info('%s')", table->name);
      g_assert_cmpint (sqlite3_prepare_v2 (db, info, -1, &column, NULL), ==, SQLITE_OK);
      while (sqlite3_step (column) == SQLITE_ROW)
        g_string_append_printf (columns, "%squote(\"%s\")", columns->len > 0 ? " || char(31) || " : "",
                                (const char *) sqlite3_column_text (column, 0));
      sqlite3_finalize (column);
      table->columns = g_string_free (g_steal_pointer (&columns), FALSE);
      table->digest = table_digest (db, table->name, table->columns, &table->rows);
      g_ptr_array_add (tables, table);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return tables;
}

static gint64
total_rows (GPtrArray *tables)
{
  gint64 total = 0;

  for (guint i = 0; i < tables->len; i++)
    total += ((TableSnapshot *) tables->pdata[i])->rows;
  return total;
}

/* Every table of @before is in @path with the same rows and, in the columns it had then,
 * the same values. */
static void
assert_rows_kept (GPtrArray  *before,
                  const char *path)
{
  sqlite3 *db = open_db (path);

  for (guint i = 0; i < before->len; i++)
    {
      TableSnapshot *table = before->pdata[i];
      g_autofree char *digest = NULL;
      gint64 rows = 0;

      digest = table_digest (db, table->name, table->columns, &rows);
      if (rows != table->rows || !g_str_equal (digest, table->digest))
        g_error ("table %s: %" G_GINT64_FORMAT " rows before, %" G_GINT64_FORMAT " after; values %s",
                 table->name, table->rows, rows, g_str_equal (digest, table->digest) ? "equal" : "differ");
    }
  sqlite3_close (db);
}

static gint64
mode_of (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_mode & 0777;
}

/* What the fixture script wrote, read back through the current code. */
static void
assert_fixture_values (LbStore *store,
                       int      version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) costs = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  LbProject *project = lb_store_find (store, &lb_project_kind, "name", "ERP ledger", &error);
  LbEvidence *stored;
  gint64 count = 0;
  g_autofree char *sha = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (project->source_server, ==, "sql-fin-01.corp.example");
  g_assert_cmpstr (project->target_fqdn, ==, "mi-fin-weu.abc123.database.windows.net");
  g_assert_cmpint (project->target_vcores, ==, 16);
  g_assert_cmpint (project->source_port, ==, 1433);
  g_assert_cmpfloat (project->lag_threshold_s, ==, 30);
  g_assert_cmpint (project->planned_cutover, ==, G_GINT64_CONSTANT (1772935200000)); /* 2026-03-08 02:00Z */
  g_assert_cmpstr (project->notes, ==, "Ledger closes at 18:00 UTC; café menu “ü” test");
  /* Schema v3 added the certificate's expiry: unknown in older files. */
  if (version >= 3)
    g_assert_cmpint (project->link_cert_valid_until, ==, G_GINT64_CONSTANT (1801353600000));
  else
    g_assert_false (lb_record_field_is_set (lb_record_kind_find_field (&lb_project_kind, "link_cert_valid_until"),
                                            project));

  costs = lb_store_list_for_project (store, &lb_cost_item_kind, project->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (costs->len, ==, 2);
  g_assert_cmpint (lb_store_count (store, &lb_cost_tag_kind, NULL, 0, &error), ==, 4);

  evidence = lb_store_list_for_project (store, &lb_evidence_kind, project->id, &error);
  g_assert_cmpuint (evidence->len, ==, 1);
  stored = lb_store_get (store, &lb_evidence_kind, LB_RECORD_ID (evidence->pdata[0]), &error);
  g_assert_no_error (error);
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, stored->content);
  g_assert_cmpstr (sha, ==, stored->sha256);
  g_assert_cmpstr (stored->title, ==, "LSN comparison");
  lb_record_free (stored);

  steps = lb_store_list (store, &lb_rehearsal_step_kind, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, >, 3);

  /* The lag import arrived with schema v4's CLI. */
  g_assert_true (lb_store_lag_extent (store, project->id, &count, NULL, NULL, &error));
  g_assert_cmpint (count, ==, version >= 4 ? 12 : 0);
  lb_record_free (project);
}

static void
test_upgrade (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *reference = copy_fixture (version, dir, "reference.db");
  g_autofree char *path = copy_fixture (version, dir, "linkbench.db");
  g_autofree char *expected_backup = g_strconcat (path, ".before-v" G_STRINGIFY (LB_SCHEMA_VERSION) ".bak", NULL);
  g_autofree char *original = lb_test_file_checksum (path);
  g_autofree char *migrated = NULL;
  g_autoptr(GPtrArray) before = snapshot (reference);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  LbStore *store;
  int backup_version = 0;

  g_assert_cmpint (lb_test_sql_int (reference, "PRAGMA user_version"), ==, version);
  /* The fixture has something in every kind its version could write. */
  g_assert_cmpint (total_rows (before), >, 40);
  g_assert_false (g_file_test (expected_backup, G_FILE_TEST_EXISTS));

  store = lb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lb_store_get_schema_version (store), ==, LB_SCHEMA_VERSION);
  g_assert_cmpstr (lb_store_get_migration_backup (store), ==, expected_backup);
  g_assert_true (lb_store_check (store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
  assert_fixture_values (store, version);
  g_assert_finalize_object (store);

  g_assert_cmpint (lb_test_sql_int (path, "PRAGMA user_version"), ==, LB_SCHEMA_VERSION);
  assert_rows_kept (before, path);

  /* The copy taken before the first step: the old version, whole, private. */
  g_assert_true (g_file_test (expected_backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (mode_of (expected_backup), ==, 0600);
  g_assert_true (lb_store_inspect_file (expected_backup, &backup_version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (backup_version, ==, version);
  assert_rows_kept (before, expected_backup);
  migrated = lb_test_file_checksum (path);
  g_assert_cmpstr (original, !=, migrated);

  /* Opening the migrated file again migrates nothing and copies nothing. */
  store = lb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (lb_store_get_migration_backup (store));
  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The names of the files in @dir, sorted, one string. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (handle);
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
set_pragmas (const char *path,
             const char *sql)
{
  sqlite3 *db = open_db (path);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_newer_refused_unchanged (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = copy_fixture (N_RELEASED, dir, "linkbench.db");
  g_autofree char *newer = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d",
                                            LB_SCHEMA_VERSION + 1);
  g_autofree char *before = NULL;
  g_autofree char *files = NULL;
  g_autofree char *after = NULL;
  g_autofree char *backup = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf stat_before, stat_after;
  LbStore *store;

  set_pragmas (path, newer);
  before = lb_test_file_checksum (path);
  files = list_dir (dir);
  g_assert_cmpint (g_stat (path, &stat_before), ==, 0);

  store = lb_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LB_ERROR, LB_ERROR_NEWER_SCHEMA);
  lb_test_assert_contains (error->message, path);
  g_clear_error (&error);

  /* Byte for byte the same file, and nothing beside it: no copy, no WAL. */
  after = lb_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (g_stat (path, &stat_after), ==, 0);
  g_assert_cmpint (stat_before.st_size, ==, stat_after.st_size);
  g_assert_cmpint (stat_before.st_mtime, ==, stat_after.st_mtime);
  g_clear_pointer (&after, g_free);
  after = list_dir (dir);
  g_assert_cmpstr (files, ==, after);

  /* Backups and restores refuse it too, and leave it alone. */
  g_assert_false (lb_store_backup_file (path, backup, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NEWER_SCHEMA);
  g_clear_error (&error);
  g_assert_false (lb_store_inspect_file (path, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NEWER_SCHEMA);
  g_clear_pointer (&after, g_free);
  after = lb_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

/* A copy from an earlier upgrade is never overwritten: the next one gets its own name. */
static void
test_backup_names (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = copy_fixture (1, dir, "linkbench.db");
  g_autofree char *first = g_strdup_printf ("%s.before-v%d.bak", path, LB_SCHEMA_VERSION);
  g_autofree char *second = g_strdup_printf ("%s.before-v%d.2.bak", path, LB_SCHEMA_VERSION);
  g_autofree char *third = g_strdup_printf ("%s.before-v%d.3.bak", path, LB_SCHEMA_VERSION);
  g_autofree char *named = lb_store_migration_backup_path (path, LB_SCHEMA_VERSION);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  LbStore *store;

  g_assert_cmpstr (named, ==, first);
  g_assert_true (g_file_set_contents (first, "an earlier copy", -1, &error));
  g_clear_pointer (&named, g_free);
  named = lb_store_migration_backup_path (path, LB_SCHEMA_VERSION);
  g_assert_cmpstr (named, ==, second);

  store = lb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lb_store_get_migration_backup (store), ==, second);
  g_assert_finalize_object (store);
  g_assert_true (g_file_get_contents (first, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "an earlier copy");
  g_assert_cmpint (lb_test_sql_int (second, "PRAGMA user_version"), ==, 1);
  g_clear_pointer (&named, g_free);
  named = lb_store_migration_backup_path (path, LB_SCHEMA_VERSION);
  g_assert_cmpstr (named, ==, third);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The upgrade of @path is refused for want of its copy; the file still has @checksum and
 * no half-written copy is left in @dir. */
static void
assert_open_refused_unchanged (const char *dir,
                               const char *path,
                               const char *checksum)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *files = NULL;
  g_autofree char *backup = g_strdup_printf ("%s.before-v%d.bak", path, LB_SCHEMA_VERSION);
  LbStore *store = lb_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, LB_ERROR, LB_ERROR_IO);
  g_test_message ("%s", error->message);
  lb_test_assert_contains (error->message, "has not been upgraded");
  lb_test_assert_contains (error->message, backup);
  after = lb_test_file_checksum (path);
  g_assert_cmpstr (after, ==, checksum);
  files = list_dir (dir);
  g_assert_null (strstr (files, ".bak"));
  g_assert_null (strstr (files, ".tmp-"));
}

static void
assert_integrity_ok (const char *path)
{
  g_autofree char *result = lb_test_sql_text (path, "PRAGMA integrity_check");

  g_assert_cmpstr (result, ==, "ok");
}

/* No room for the copy: the upgrade is refused with a clear error and the old file is
 * untouched. The per-process file size limit (RLIMIT_FSIZE) stands in for a full disk:
 * it stops writes past it whoever runs the test, root included. */
static void
test_no_room_for_copy (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = copy_fixture (1, dir, "linkbench.db");
  g_autofree char *checksum = lb_test_file_checksum (path);
  g_autoptr(GError) error = NULL;
  struct rlimit saved, limited;
  void (*old_handler) (int);
  LbStore *store;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  /* Above the 32 KiB of SQLite's shared-memory file, below the database's size. */
  limited.rlim_cur = 64 * 1024;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  assert_open_refused_unchanged (dir, path, checksum);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, old_handler);

  assert_integrity_ok (path);
  g_assert_cmpint (lb_test_sql_int (path, "PRAGMA user_version"), ==, 1);
  /* With room again, the upgrade goes ahead. */
  store = lb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lb_store_get_migration_backup (store));
  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

/* A read-only folder cannot take the copy: refused, untouched. chmod does not stop root,
 * for whom the file size limit above is the test. */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *folder = g_build_filename (dir, "locked", NULL);
  g_autofree char *path = NULL;
  g_autofree char *checksum = NULL;
  g_autoptr(GError) error = NULL;
  LbStore *store;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  path = copy_fixture (2, folder, "linkbench.db");
  /* In rollback-journal mode the file can be read without creating a WAL beside it: the
   * copy is what fails, not the first read. */
  set_pragmas (path, "PRAGMA journal_mode = DELETE");
  checksum = lb_test_file_checksum (path);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  if (access (folder, W_OK) == 0)
    {
      g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
      lb_test_tmpdir_free (g_steal_pointer (&folder));
      lb_test_tmpdir_free (g_steal_pointer (&dir));
      g_test_skip ("running as root, for whom a read-only folder is writable; test-upgrade's no-room case covers it");
      return;
    }
  assert_open_refused_unchanged (folder, path, checksum);
  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
  assert_integrity_ok (path);

  store = lb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&folder));
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (int version = 1; version <= N_RELEASED; version++)
    {
      g_autofree char *name = g_strdup_printf ("/lb/upgrade/from-v%d", version);

      g_test_add_data_func (name, GINT_TO_POINTER (version), test_upgrade);
    }
  g_test_add_func ("/lb/upgrade/newer-refused-unchanged", test_newer_refused_unchanged);
  g_test_add_func ("/lb/upgrade/backup-names", test_backup_names);
  g_test_add_func ("/lb/upgrade/no-room-for-copy", test_no_room_for_copy);
  g_test_add_func ("/lb/upgrade/read-only-folder", test_read_only_folder);

  return g_test_run ();
}
