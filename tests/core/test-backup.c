/* test-backup.c: backups with SQLite's online backup API while another connection is
 * writing, restores that refuse to overwrite without the force flag, refuse bad files and
 * open databases, and fail cleanly on a full disk or a read-only folder.
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

#include "core-test-demo.h"
#include "lb-core.h"
#include "lb-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;    /* the demo database */
  LbStore *store;   /* open on it, as the GUI would be */
  gint64   project_id;
} Fixture;

static void
add_lag (LbStore *store,
         gint64   project_id,
         gint64   from,
         int      n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbLagWriter) writer = lb_lag_writer_new (store, project_id, LB_LAG_SOURCE_IMPORT, 0, &error);

  g_assert_no_error (error);
  for (int i = 0; i < n; i++)
    {
      LbLagSample sample;

      lb_lag_sample_init (&sample, from + i * 15000);
      sample.lag_s = (i % 7) * 1.25;
      g_assert_true (lb_lag_writer_add (writer, &sample, &error));
    }
  g_assert_true (lb_lag_writer_commit (writer, &error));
  g_assert_no_error (error);
}

static gint64
add_project (LbStore    *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);
  gint64 id;

  project->name = g_strdup (name);
  g_assert_true (lb_store_insert (store, project, &error));
  g_assert_no_error (error);
  id = project->id;
  lb_record_free (project);
  return id;
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  fixture->store = core_test_demo_open (0, &fixture->dir);
  fixture->path = g_strdup (lb_store_get_path (fixture->store));
  fixture->project_id = add_project (fixture->store, "Lagging project");
  add_lag (fixture->store, fixture->project_id, G_GINT64_CONSTANT (1767225600000), 400);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  g_free (fixture->path);
  core_test_demo_remove (fixture->dir);
}

static char *
in_dir (Fixture    *fixture,
        const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* Rows per table and a digest of every value of the lag samples and projects: what a
 * copy must hold. */
static char *
content_summary (const char *path)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", sqlite3_column_text (tables, 0));
      sqlite3_stmt *count = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &count, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
      g_string_append_printf (summary, "%s=%lld ", sqlite3_column_text (tables, 0),
                              (long long) sqlite3_column_int64 (count, 0));
      sqlite3_finalize (count);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);

  for (guint i = 0; i < 2; i++)
    {
      static const char *const queries[] = {
        "SELECT group_concat(project_id || ',' || t || ',' || quote(lag_s), ';') FROM"
        " (SELECT * FROM lag_sample ORDER BY project_id, t)",
        "SELECT group_concat(id || ',' || name || ',' || quote(owner) || ',' || quote(target_vcores), ';') FROM"
        " (SELECT * FROM project ORDER BY id)",
      };
      g_autofree char *rows = lb_test_sql_text (path, queries[i]);
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, rows != NULL ? rows : "", -1);

      g_string_append_printf (summary, "sha256=%s ", digest);
    }
  return g_string_free (g_steal_pointer (&summary), FALSE);
}

static void
assert_private_file (const char *path)
{
  GStatBuf buf;
  g_autofree char *integrity = NULL;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  integrity = lb_test_sql_text (path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
}

/* A copy is one self-contained file: rollback-journal mode, nothing beside it. */
static void
assert_self_contained (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100);
  g_assert_cmpint (contents[18], ==, 1);
  g_assert_cmpint (contents[19], ==, 1);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
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

/* How many projects in the file at @path have that name; 0 also when the file does not
 * have the table yet (all of it still in the WAL). */
static gint64
projects_named (const char *path,
                const char *name)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM project WHERE name = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      count = sqlite3_column_int64 (stmt, 0);
    }
  else
    g_assert_cmpstr (sqlite3_errmsg (db), ==, "no such table: project");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static gint64
wal_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf buf;

  return g_stat (wal, &buf) == 0 ? buf.st_size : 0;
}

/* The GUI's connection has committed writes still in its WAL and a write transaction
 * open: a backup through a connection of its own holds every committed row and none of
 * the open transaction's, and the writer is not held up. */
static void
test_backup_while_writing (Fixture      *fixture,
                           gconstpointer data)
{
  g_autofree char *copy = in_dir (fixture, "copy.db");
  g_autofree char *copy2 = in_dir (fixture, "copy2.db");
  g_autofree char *main_only = in_dir (fixture, "main-only.db");
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) other = NULL;
  sqlite3 *reader = NULL;
  gsize length = 0;
  int version = 0;

  /* A reader's snapshot keeps the next commit out of the database file (a checkpoint
   * cannot pass it): that project is in the WAL only. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &reader, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "BEGIN; SELECT count(*) FROM project", NULL, NULL, NULL), ==, SQLITE_OK);
  add_project (fixture->store, "Only in the WAL");
  sqlite3_close (reader);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (main_only, contents, length, &error));
  g_assert_cmpint (projects_named (main_only, "Only in the WAL"), ==, 0);
  g_assert_cmpint (wal_size (fixture->path), >, 0);
  expected = content_summary (fixture->path);

  g_assert_true (lb_store_begin_transaction (fixture->store, &error));
  add_project (fixture->store, "Not committed yet");
  add_lag (fixture->store, fixture->project_id, G_GINT64_CONSTANT (1767312000000), 50);

  g_assert_true (lb_store_backup_file (fixture->path, copy, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, LB_SCHEMA_VERSION);
  got = content_summary (copy);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpint (projects_named (copy, "Only in the WAL"), ==, 1);
  g_assert_cmpint (projects_named (copy, "Not committed yet"), ==, 0);
  assert_private_file (copy);
  assert_self_contained (copy);

  /* The same through a second store, as a worker thread of the GUI would. */
  other = lb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (lb_store_backup (other, copy2, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, g_free);
  got = content_summary (copy2);
  g_assert_cmpstr (got, ==, expected);
  assert_private_file (copy2);

  /* The writer's own connection cannot copy what it may yet roll back. */
  g_assert_false (lb_store_backup (fixture->store, copy2, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_BUSY);
  g_clear_error (&error);

  /* The writer went on undisturbed; its commit is in the next backup. */
  g_assert_true (lb_store_commit_transaction (fixture->store, &error));
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = content_summary (fixture->path);
  g_assert_true (lb_store_backup_file (fixture->path, copy, NULL, &error));
  g_clear_pointer (&got, g_free);
  got = content_summary (copy);
  g_assert_cmpstr (got, ==, expected);
  lb_test_assert_contains (got, "lag_sample=450 ");
}

/* Backup, then restore into a new place and over the old database: the same rows and
 * values, a store that opens and checks clean. */
static void
test_round_trip (Fixture      *fixture,
                 gconstpointer data)
{
  g_autofree char *copy = in_dir (fixture, "copy.db");
  g_autofree char *restored = in_dir (fixture, "sub/restored.db");
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  LbStore *store;
  int version = 0;

  expected = content_summary (fixture->path);
  g_assert_true (lb_store_backup (fixture->store, copy, &error));
  g_assert_no_error (error);
  g_assert_true (lb_store_inspect_file (copy, &version, &error));
  g_assert_cmpint (version, ==, LB_SCHEMA_VERSION);

  g_assert_true (lb_store_restore (copy, restored, LB_STORE_RESTORE_NONE, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, LB_SCHEMA_VERSION);
  got = content_summary (restored);
  g_assert_cmpstr (got, ==, expected);
  assert_private_file (restored);
  store = lb_store_open (restored, &error);
  g_assert_no_error (error);
  g_assert_true (lb_store_check (store, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_null (lb_store_get_migration_backup (store));
  g_assert_finalize_object (store);

  /* Over the demo database, once the window has closed it; then writes go on. */
  add_project (fixture->store, "Added after the backup");
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  g_assert_true (lb_store_restore (copy, fixture->path, LB_STORE_RESTORE_FORCE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, g_free);
  got = content_summary (fixture->path);
  g_assert_cmpstr (got, ==, expected);
  assert_private_file (fixture->path);
  fixture->store = lb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_project (fixture->store, "Added after the restore");

  g_assert_cmpint (g_unlink (restored), ==, 0);
  g_clear_pointer (&got, g_free);
  got = g_path_get_dirname (restored);
  g_assert_cmpint (g_rmdir (got), ==, 0);
}

static void
assert_restore_refused (const char         *backup,
                        const char         *path,
                        LbStoreRestoreFlags flags,
                        GQuark              domain,
                        int                 code,
                        const char         *part)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *before = lb_test_file_checksum (path);
  g_autofree char *files = list_dir (dir);
  g_autofree char *after = NULL;
  g_autofree char *files_after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (lb_store_restore (backup, path, flags, NULL, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  lb_test_assert_contains (error->message, part);
  after = lb_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  files_after = list_dir (dir);
  g_assert_cmpstr (files, ==, files_after);
}

static void
test_restore_needs_force (Fixture      *fixture,
                          gconstpointer data)
{
  g_autofree char *copy = in_dir (fixture, "copy.db");
  g_autoptr(GError) error = NULL;

  g_assert_true (lb_store_backup (fixture->store, copy, &error));
  add_project (fixture->store, "Only in the database");
  g_assert_finalize_object (g_steal_pointer (&fixture->store));

  assert_restore_refused (copy, fixture->path, LB_STORE_RESTORE_NONE, G_IO_ERROR, G_IO_ERROR_EXISTS,
                          fixture->path);
  g_assert_cmpint (lb_test_sql_int (fixture->path, "SELECT count(*) FROM project WHERE name = 'Only in the database'"),
                   ==, 1);

  /* A file cannot be restored over itself, forced or not. */
  assert_restore_refused (fixture->path, fixture->path, LB_STORE_RESTORE_FORCE, LB_ERROR, LB_ERROR_FAILED,
                          "itself");

  g_assert_true (lb_store_restore (copy, fixture->path, LB_STORE_RESTORE_FORCE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lb_test_sql_int (fixture->path, "SELECT count(*) FROM project WHERE name = 'Only in the database'"),
                   ==, 0);
}

/* While another connection has the database open, replacing the file under it would
 * lose its later writes: refused, with the database as it was. */
static void
test_restore_while_open (Fixture      *fixture,
                         gconstpointer data)
{
  g_autofree char *copy = in_dir (fixture, "copy.db");
  g_autoptr(GError) error = NULL;

  g_assert_true (lb_store_backup (fixture->store, copy, &error));
  assert_restore_refused (copy, fixture->path, LB_STORE_RESTORE_FORCE, LB_ERROR, LB_ERROR_BUSY, "open in another");
  /* Still in WAL mode and writable. */
  add_project (fixture->store, "Still writable");
  g_assert_cmpint (wal_size (fixture->path), >, 0);
}

static void
write_sqlite (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_restore_refuses_bad_files (Fixture      *fixture,
                                gconstpointer data)
{
  g_autofree char *copy = in_dir (fixture, "copy.db");
  g_autofree char *text = in_dir (fixture, "notes.db");
  g_autofree char *truncated = in_dir (fixture, "truncated.db");
  g_autofree char *damaged = in_dir (fixture, "damaged.db");
  g_autofree char *newer = in_dir (fixture, "newer.db");
  g_autofree char *foreign = in_dir (fixture, "contacts.db");
  g_autofree char *empty = in_dir (fixture, "empty.db");
  g_autofree char *missing = in_dir (fixture, "missing.db");
  g_autofree char *contents = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", LB_SCHEMA_VERSION + 1);
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (lb_store_backup (fixture->store, copy, &error));
  g_assert_finalize_object (g_steal_pointer (&fixture->store));

  g_assert_true (g_file_set_contents (text, "project,owner\nERP,Ana\n", -1, &error));
  g_assert_true (g_file_get_contents (copy, &contents, &length, &error));
  g_assert_cmpuint (length, >, 64 * 1024);
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, &error));
  /* Pages after the schema's overwritten: the header is fine, the b-trees are not. */
  memset (contents + 4096, 0x5a, 8192);
  g_assert_true (g_file_set_contents (damaged, contents, length, &error));
  g_assert_true (g_file_set_contents (newer, contents, length, &error));
  write_sqlite (newer, sql);
  write_sqlite (foreign, "CREATE TABLE contacts (name TEXT)");
  g_assert_true (g_file_set_contents (empty, "", 0, &error));

  assert_restore_refused (text, fixture->path, LB_STORE_RESTORE_FORCE, LB_ERROR, LB_ERROR_NOT_A_DATABASE,
                          "is not a Linkbench database");
  assert_restore_refused (truncated, fixture->path, LB_STORE_RESTORE_FORCE, LB_ERROR, LB_ERROR_NOT_A_DATABASE,
                          truncated);
  assert_restore_refused (damaged, fixture->path, LB_STORE_RESTORE_FORCE, LB_ERROR, LB_ERROR_NOT_A_DATABASE,
                          damaged);
  assert_restore_refused (newer, fixture->path, LB_STORE_RESTORE_FORCE, LB_ERROR, LB_ERROR_NEWER_SCHEMA,
                          "newer Linkbench");
  assert_restore_refused (foreign, fixture->path, LB_STORE_RESTORE_FORCE, LB_ERROR, LB_ERROR_NOT_A_DATABASE,
                          "another program");
  assert_restore_refused (empty, fixture->path, LB_STORE_RESTORE_FORCE, LB_ERROR, LB_ERROR_NOT_A_DATABASE,
                          "it is empty");
  assert_restore_refused (missing, fixture->path, LB_STORE_RESTORE_FORCE, LB_ERROR, LB_ERROR_NOT_FOUND,
                          "does not exist");
  assert_restore_refused (fixture->dir, fixture->path, LB_STORE_RESTORE_FORCE, LB_ERROR, LB_ERROR_NOT_A_DATABASE,
                          "not a file");
  assert_private_file (fixture->path);
}

/* A copy onto the database or its WAL would destroy it. */
static void
test_backup_not_onto_database (Fixture      *fixture,
                               gconstpointer data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *before = lb_test_file_checksum (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (lb_store_backup (fixture->store, fixture->path, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  lb_test_assert_contains (error->message, "database itself");
  g_clear_error (&error);
  g_assert_false (lb_store_backup_file (fixture->path, wal, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  g_clear_error (&error);
  after = lb_test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* Runs @func with writes limited to @bytes per file: a full disk for whoever runs the
 * test, root included (chmod does not stop root). */
static void
with_file_size_limit (rlim_t        bytes,
                      void        (*func) (Fixture *fixture),
                      Fixture      *fixture)
{
  struct rlimit saved, limited;
  void (*old_handler) (int);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = bytes;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  func (fixture);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, old_handler);
}

static void
backup_without_room (Fixture *fixture)
{
  g_autofree char *copy = in_dir (fixture, "copy.db");
  g_autoptr(GError) error = NULL;

  g_assert_false (lb_store_backup_file (fixture->path, copy, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_IO);
  g_test_message ("%s", error->message);
  lb_test_assert_contains (error->message, copy);
  g_clear_error (&error);
  g_assert_false (lb_store_backup (fixture->store, copy, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_IO);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
}

static void
restore_without_room (Fixture *fixture)
{
  g_autofree char *copy = in_dir (fixture, "copy.db");
  g_autofree char *target = in_dir (fixture, "target.db");
  g_autoptr(GError) error = NULL;

  g_assert_false (lb_store_restore (copy, target, LB_STORE_RESTORE_FORCE, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_IO);
  g_test_message ("%s", error->message);
  lb_test_assert_contains (error->message, target);
}

static void
test_disk_full (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char *copy = in_dir (fixture, "copy.db");
  g_autofree char *target = in_dir (fixture, "target.db");
  g_autofree char *files = NULL;
  g_autofree char *files_after = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  expected = content_summary (fixture->path);
  files = list_dir (fixture->dir);
  /* Above the 32 KiB of SQLite's shared-memory file, far below the demo's size. */
  with_file_size_limit (64 * 1024, backup_without_room, fixture);
  files_after = list_dir (fixture->dir);
  g_assert_cmpstr (files, ==, files_after);
  assert_private_file (fixture->path);

  /* A restore that runs out of room leaves the database it would have replaced as it
   * was. */
  g_assert_true (lb_store_backup (fixture->store, copy, &error));
  g_assert_true (lb_store_restore (copy, target, LB_STORE_RESTORE_NONE, NULL, &error));
  add_project (fixture->store, "Newer than the copy");
  g_assert_true (lb_store_backup (fixture->store, copy, &error));
  g_assert_no_error (error);
  before = lb_test_file_checksum (target);
  g_clear_pointer (&files, g_free);
  files = list_dir (fixture->dir);
  with_file_size_limit (64 * 1024, restore_without_room, fixture);
  after = lb_test_file_checksum (target);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&files_after, g_free);
  files_after = list_dir (fixture->dir);
  g_assert_cmpstr (files, ==, files_after);
  assert_private_file (target);
  g_assert_cmpint (lb_test_sql_int (target, "SELECT count(*) FROM project WHERE name = 'Newer than the copy'"), ==, 0);

  /* With room again both work, and the store was never hurt. */
  g_assert_true (lb_store_restore (copy, target, LB_STORE_RESTORE_FORCE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lb_test_sql_int (target, "SELECT count(*) FROM project WHERE name = 'Newer than the copy'"), ==, 1);
  add_project (fixture->store, "After the full disk");
  g_clear_pointer (&expected, g_free);
  expected = content_summary (fixture->path);
  g_assert_true (lb_store_backup (fixture->store, copy, &error));
  g_clear_pointer (&after, g_free);
  after = content_summary (copy);
  g_assert_cmpstr (after, ==, expected);
}

/* A read-only folder takes no backup and no restore. Skipped as root, whom chmod does
 * not stop; test_disk_full covers that user. */
static void
test_read_only_folder (Fixture      *fixture,
                       gconstpointer data)
{
  g_autofree char *folder = in_dir (fixture, "locked");
  g_autofree char *copy = in_dir (fixture, "copy.db");
  g_autofree char *locked_copy = g_build_filename (folder, "copy.db", NULL);
  g_autofree char *locked_db = g_build_filename (folder, "linkbench.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (lb_store_backup (fixture->store, copy, &error));
  g_assert_true (lb_store_restore (copy, locked_db, LB_STORE_RESTORE_NONE, NULL, &error));
  before = lb_test_file_checksum (locked_db);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  if (access (folder, W_OK) == 0)
    {
      g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
      g_unlink (locked_db);
      g_rmdir (folder);
      g_test_skip ("running as root, for whom a read-only folder is writable; /lb/backup/disk-full covers it");
      return;
    }

  g_assert_false (lb_store_backup (fixture->store, locked_copy, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_IO);
  lb_test_assert_contains (error->message, locked_copy);
  g_clear_error (&error);
  g_assert_false (lb_store_restore (copy, locked_db, LB_STORE_RESTORE_FORCE, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_IO);
  lb_test_assert_contains (error->message, locked_db);
  after = lb_test_file_checksum (locked_db);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
  assert_private_file (locked_db);
  g_assert_false (g_file_test (locked_copy, G_FILE_TEST_EXISTS));
  g_unlink (locked_db);
  g_rmdir (folder);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lb/backup/while-writing", test_backup_while_writing);
  ADD ("/lb/backup/round-trip", test_round_trip);
  ADD ("/lb/backup/restore-needs-force", test_restore_needs_force);
  ADD ("/lb/backup/restore-while-open", test_restore_while_open);
  ADD ("/lb/backup/restore-refuses-bad-files", test_restore_refuses_bad_files);
  ADD ("/lb/backup/not-onto-database", test_backup_not_onto_database);
  ADD ("/lb/backup/disk-full", test_disk_full);
  ADD ("/lb/backup/read-only-folder", test_read_only_folder);
#undef ADD

  return g_test_run ();
}
