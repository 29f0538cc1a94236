/* test-cli.c: end-to-end runs of linkbench-cli on temporary databases: exit statuses,
 * --json output, messages for bad input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cli-test-common.h"
#include "lb-core.h"
#include "lb-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static JsonNode *
run_json (const char *const *args)
{
  g_auto(Run) run = { 0 };

  run_cli_env (&run, NULL, args);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  return parse_json (run.out);
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  fixture->dir = lb_test_tmpdir_new ();
  fixture->db = g_build_filename (fixture->dir, "cli.db", NULL);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_free (fixture->db);
  lb_test_tmpdir_free (fixture->dir);
}

static void
test_version_and_help (Fixture      *fixture,
                       gconstpointer data)
{
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "version");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "linkbench-cli " PACKAGE_VERSION));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) node = NULL;

    RUN (&run, "--json", "version");
    g_assert_cmpint (run.status, ==, 0);
    node = parse_json (run.out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "version"), ==, PACKAGE_VERSION);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "schema_version"), ==,
                     LB_SCHEMA_VERSION);
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--help");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "project"));
    g_assert_nonnull (strstr (run.out, "--db PATH"));
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "project", "--help");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "delete"));
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", fixture->db, "project", "add", "--help");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--source-server"));
    g_assert_nonnull (strstr (run.out, "--wave"));
    g_assert_nonnull (strstr (run.out, "migration|reporting_offload|disaster_recovery"));
    /* Help never creates a database. */
    g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "wave", "edit", "--help");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--window-start"));
  }
}

static void
test_usage_errors (Fixture      *fixture,
                   gconstpointer data)
{
  static const char *const cases[][6] = {
    { NULL },                               /* no command */
    { "frobnicate", NULL },                 /* unknown command */
    { "--verbose", "project", "list", NULL }, /* unknown global option */
    { "project", NULL },                    /* no subcommand */
    { "project", "rename", NULL },          /* unknown subcommand */
    { "project", "add", "X", "--bogus", "1", NULL },
    { "project", "add", "X", "--target-vcores", "many", NULL },
    { "project", "add", "X", "--lag-threshold-s", NULL }, /* dangling option */
    { "project", "add", "X", "Y", NULL },   /* two names */
    { "project", "show", NULL },            /* which one? */
    { "demo", "--days", "-3", NULL },
    { "--db", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, fixture->db);
      for (guint j = 0; cases[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i][j]);
      g_ptr_array_add (args, NULL);
      run_cli_env (&run, NULL, (const char *const *) args->pdata);
      g_test_message ("case %u: status %d, stderr: %s", i, run.status, run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, !=, NULL);
    }
}

static void
test_project_lifecycle (Fixture      *fixture,
                        gconstpointer data)
{
  const char *db = fixture->db;

  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "wave", "add", "Wave 1 — Pilot", "--position", "1", "--window-start", "2026-12-01",
         "--window-end", "2026-12-14");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Wave 1 — Pilot"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) list = NULL;
    JsonArray *waves;

    /* A new wave comes last; "move" reorders the plan. */
    RUN (&run, "--db", db, "wave", "add", "Wave 2 — Core");
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    RUN (&run, "--db", db, "wave", "move", "Wave 2 — Core", "up");
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    RUN (&run, "--db", db, "wave", "move", "Wave 2 — Core", "sideways");
    g_assert_cmpint (run.status, ==, 2);
    list = run_json ((const char *const[]) { "--db", db, "--json", "wave", "list", NULL });
    waves = json_node_get_array (list);
    g_assert_cmpuint (json_array_get_length (waves), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (waves, 0), "name"), ==,
                     "Wave 2 — Core");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (waves, 1), "position"), ==, 1);
    run_clear (&run);
    RUN (&run, "--db", db, "wave", "delete", "Wave 2 — Core");
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) node = NULL;
    JsonObject *project;

    RUN (&run, "--db", db, "--json", "project", "add", "Plant ERP", "--scenario", "migration", "--wave",
         "wave 1 — pilot", "--source-server", "sql-erp-01.luma.local", "--source-database", "ERP_PROD",
         "--target-instance", "mi-luma-erp", "--target-resource-group", "rg-luma-migration",
         "--target-subscription", "6f1c2a9e-0000-4000-8000-1234567890ab", "--target-region", "westeurope",
         "--link-name", "link-erp", "--lag-threshold-s", "15", "--downtime-target-min", "120", "--owner",
         "Ana Souza", "--planned-cutover", "2026-12-12 02:00");
    g_assert_cmpint (run.status, ==, 0);
    node = parse_json (run.out);
    project = json_node_get_object (node);
    g_assert_cmpint (json_object_get_int_member (project, "id"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (project, "name"), ==, "Plant ERP");
    g_assert_cmpint (json_object_get_int_member (project, "wave_id"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (project, "target_region"), ==, "westeurope");
    g_assert_cmpfloat (json_object_get_double_member (project, "lag_threshold_s"), ==, 15.0);
    /* Local time (Europe/Berlin in tests) stored as UTC */
    g_assert_cmpstr (json_object_get_string_member (project, "planned_cutover"), ==, "2026-12-12T01:00:00Z");
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "project", "add", "Reporting", "--scenario", "reporting_offload");
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) node = NULL;
    JsonArray *array;

    RUN (&run, "--db", db, "--json", "project", "list");
    g_assert_cmpint (run.status, ==, 0);
    node = parse_json (run.out);
    array = json_node_get_array (node);
    g_assert_cmpuint (json_array_get_length (array), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "name"), ==,
                     "Plant ERP");
  }
  {
    g_auto(Run) run = { 0 };

    /* Text list shows the wave by name */
    RUN (&run, "--db", db, "project", "list");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Wave 1 — Pilot"));
    g_assert_nonnull (strstr (run.out, "Reporting offload"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) node = NULL;
    JsonObject *counts;

    RUN (&run, "--db", db, "--json", "project", "show", "plant erp");
    g_assert_cmpint (run.status, ==, 0);
    node = parse_json (run.out);
    counts = json_object_get_object_member (json_node_get_object (node), "counts");
    g_assert_cmpint (json_object_get_int_member (counts, "rehearsal"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (counts, "lag_sample"), ==, 0);
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "project", "edit", "1", "--status", "replicating", "--target-vcores", "16");
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "project", "show", "Plant ERP");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Replicating"));
    g_assert_nonnull (strstr (run.out, "16"));
    g_assert_nonnull (strstr (run.out, "Ana Souza"));
  }
  {
    g_auto(Run) run = { 0 };

    /* Duplicate name on rename: refused, exit 1, names the option */
    RUN (&run, "--db", db, "project", "edit", "Reporting", "--name", "PLANT ERP");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "--name"));
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "project", "delete", "Reporting");
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "project", "show", "Reporting");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Reporting"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) node = NULL;

    /* Deleting the wave leaves its project without one */
    RUN (&run, "--db", db, "wave", "delete", "Wave 1 — Pilot");
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    RUN (&run, "--db", db, "--json", "project", "show", "Plant ERP");
    node = parse_json (run.out);
    g_assert_true (json_object_get_null_member (json_node_get_object (node), "wave_id"));
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "check");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "ok"));
  }
}

static void
test_failures (Fixture      *fixture,
               gconstpointer data)
{
  const char *db = fixture->db;
  static const struct
  {
    const char *args[8];
    const char *message;
  } cases[] = {
    { { "project", "add", "--scenario", "migration" }, "Name: must not be empty" },
    { { "project", "add", "   " }, "Name: must not be empty" },
    { { "project", "add", "Z", "--source-port", "70000" }, "--source-port" },
    { { "project", "add", "Z", "--wave", "No such wave" }, "No such wave" },
    { { "project", "show", "Nope" }, "Nope" },
    { { "project", "delete", "42" }, "42" },
    { { "wave", "add", "W", "--window-start", "2026-12-10", "--window-end", "2026-12-01" }, "--window-end" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char *args[12] = { "--db", db, NULL };

      for (guint j = 0; cases[i].args[j] != NULL; j++)
        args[j + 2] = cases[i].args[j];
      run_cli_env (&run, NULL, args);
      g_test_message ("case %u: status %d, stderr: %s", i, run.status, run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, cases[i].message));
    }

  /* Nothing was written by any refused command. */
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) node = NULL;

    RUN (&run, "--db", db, "--json", "project", "list");
    node = parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
  }
}

static void
test_database_choice (Fixture      *fixture,
                      gconstpointer data)
{
  g_autofree char *env_db = g_build_filename (fixture->dir, "from-env.db", NULL);
  g_autofree char *xdg = g_build_filename (fixture->dir, "xdg", NULL);
  g_autofree char *xdg_db = g_build_filename (xdg, "linkbench", "linkbench.db", NULL);
  const char *env[] = { "LINKBENCH_DB", env_db, NULL };
  const char *xdg_env[] = { "XDG_DATA_HOME", xdg, NULL };

  {
    g_auto(Run) run = { 0 };

    run_cli_env (&run, env, (const char *const[]) { "project", "add", "From env", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (env_db, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli_env (&run, xdg_env, (const char *const[]) { "project", "add", "From XDG", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (xdg_db, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };

    /* --db wins over the environment */
    run_cli_env (&run, env, (const char *const[]) { "--db", fixture->db, "project", "list", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.out, "From env"));
  }
  lb_test_tmpdir_free (g_path_get_dirname (xdg_db));
  g_rmdir (xdg);
}

static void
test_refused_files (Fixture      *fixture,
                    gconstpointer data)
{
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (text, "these are meeting notes, not a database, and they are long enough "
                                      "to fill the header that SQLite reads before it gives up on a file.", -1,
                                      NULL));
  before = lb_test_file_checksum (text);
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", text, "project", "list");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "notes.txt"));
  }
  after = lb_test_file_checksum (text);
  g_assert_cmpstr (before, ==, after);
}

static void
test_check_json (Fixture      *fixture,
                 gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  RUN (&run, "--db", fixture->db, "--json", "check");
  g_assert_cmpint (run.status, ==, 0);
  node = parse_json (run.out);
  object = json_node_get_object (node);
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  g_assert_cmpint (json_object_get_int_member (object, "schema_version"), ==, LB_SCHEMA_VERSION);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "problems")), ==, 0);
}

static gint64
file_mode (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_mode & 0777;
}

static void
insert_project (LbStore    *store,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);

  project->name = g_strdup (name);
  g_assert_true (lb_store_insert (store, project, &error));
  g_assert_no_error (error);
  lb_record_free (project);
}

/* backup while the window has the database open and is writing; restore refused without
 * --force, while the window has it open, and for a file that is not a Linkbench database;
 * usage errors. */
static void
test_backup_restore (Fixture      *fixture,
                     gconstpointer data)
{
  const char *db = fixture->db;
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
  g_autofree char *notes = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->dir, "no-such-folder", "copy.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  LbStore *window;

  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "project", "add", "ERP");
    g_assert_cmpint (run.status, ==, 0);
  }
  /* The window commits one project (still in its WAL) and is in the middle of another. */
  window = lb_store_open (db, &error);
  g_assert_no_error (error);
  insert_project (window, "Added by the window");
  g_assert_true (lb_store_begin_transaction (window, &error));
  insert_project (window, "Not saved yet");
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "backup", "-o", copy);
    g_test_message ("%s%s", run.out, run.err);
    g_assert_cmpint (run.status, ==, 0);
    lb_test_assert_contains (run.out, copy);
    g_assert_cmpint (file_mode (copy), ==, 0600);
    g_assert_cmpint (lb_test_sql_int (copy, "SELECT count(*) FROM project"), ==, 2);
    g_assert_cmpint (lb_test_sql_int (copy, "SELECT count(*) FROM project WHERE name = 'Added by the window'"), ==, 1);
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "restore", copy);
    g_assert_cmpint (run.status, ==, 1);
    lb_test_assert_contains (run.err, "--force");
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "restore", "--force", copy);
    g_assert_cmpint (run.status, ==, 1);
    lb_test_assert_contains (run.err, "open in another program");
  }
  lb_store_rollback_transaction (window);
  insert_project (window, "After the backup");
  g_assert_finalize_object (window);
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "restore", copy, "--force");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpint (file_mode (db), ==, 0600);
    g_assert_cmpint (lb_test_sql_int (db, "SELECT count(*) FROM project WHERE name = 'After the backup'"), ==, 0);
    g_assert_cmpint (lb_test_sql_int (db, "SELECT count(*) FROM project"), ==, 2);
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) node = NULL;

    RUN (&run, "--db", other, "--json", "restore", copy);
    g_assert_cmpint (run.status, ==, 0);
    node = parse_json (run.out);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "schema_version"), ==,
                     LB_SCHEMA_VERSION);
    run_clear (&run);
    RUN (&run, "--db", other, "check");
    g_assert_cmpint (run.status, ==, 0);
  }
  /* A file that is not a Linkbench database is refused, forced or not. */
  g_assert_true (g_file_set_contents (notes, "project,owner\nERP,Ana\n", -1, &error));
  before = lb_test_file_checksum (db);
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "restore", "--force", notes);
    g_assert_cmpint (run.status, ==, 1);
    lb_test_assert_contains (run.err, "not a Linkbench database");
  }
  after = lb_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);
  {
    g_auto(Run) run = { 0 };

    /* A backup neither creates nor upgrades the database it copies. */
    RUN (&run, "--db", missing, "backup", "-o", copy);
    g_assert_cmpint (run.status, ==, 1);
    lb_test_assert_contains (run.err, "does not exist");
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    run_clear (&run);
    RUN (&run, "--db", db, "backup", "-o", nowhere);
    g_assert_cmpint (run.status, ==, 1);
    lb_test_assert_contains (run.err, nowhere);
    run_clear (&run);
    RUN (&run, "--db", db, "backup", "-o", db);
    g_assert_cmpint (run.status, ==, 1);
    lb_test_assert_contains (run.err, "database itself");
  }
  {
    static const char *const usage[][5] = {
      { "backup", NULL },
      { "backup", "-o", "x.db", "--level", "9" },
      { "backup", "extra", "-o", "x.db", NULL },
      { "restore", NULL },
      { "restore", "a.db", "b.db", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
      {
        g_auto(Run) run = { 0 };
        const char *args[8] = { "--db", db, NULL };

        for (guint j = 0; j < 5 && usage[i][j] != NULL; j++)
          args[2 + j] = usage[i][j];
        run_cli_env (&run, NULL, args);
        g_assert_cmpint (run.status, ==, 2);
      }
  }
}

static void
test_demo (Fixture      *fixture,
           gconstpointer data)
{
  const char *db = fixture->db;

  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "demo", "--days", "1", "--anchor", "2026-11-29 12:00");
    g_test_message ("demo: %s %s", run.out, run.err);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) node = NULL;

    RUN (&run, "--db", db, "--json", "project", "list");
    g_assert_cmpint (run.status, ==, 0);
    node = parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), >=, 3);
  }
  {
    g_auto(Run) run = { 0 };

    /* Demo data never mixes with existing projects. */
    RUN (&run, "--db", db, "demo");
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "check");
    g_assert_cmpint (run.status, ==, 0);
  }
}

/* Each record group of a project: add (with --project by name), list --project, show,
 * edit, delete; named by id only; a missing --project is refused. */
static void
test_record_groups (Fixture      *fixture,
                    gconstpointer data)
{
  static const struct
  {
    const char *group;
    const char *add[12];
    const char *edit[3];
    const char *field;
    const char *edited;
  } groups[] = {
    { "readiness", { "Port 5022 open to the MI subnet", "--kind", "prerequisite", "--status", "blocked" },
      { "--status", "clear" }, "status", "clear" },
    { "capacity", { "--tested-at", "2026-11-20 10:00", "--target-tier", "general_purpose", "--target-vcores", "8",
                    "--log-gen-p95-mibps", "41" },
      { "--log-gen-p95-mibps", "30.5" }, "log_gen_p95_mibps", "30.5" },
    { "rehearsal", { "Cutover rehearsal 1", "--kind", "cutover", "--started-at", "2026-11-21 22:00" },
      { "--outcome", "success" }, "outcome", "success" },
    { "cost", { "MI compute GP 8 vCores", "--category", "mi_compute", "--amount", "1520.40", "--currency", "EUR",
                "--period", "monthly", "--months", "12" },
      { "--amount", "1600" }, "amount", "160000" },
    { "risk", { "Certificate expiry", "--likelihood", "2", "--impact", "5" }, { "--status", "mitigating" },
      "status", "mitigating" },
    { "approve", { "Ana Souza", "--subject", "go_no_go", "--decision", "approved", "--decided-at", "2026-11-28" },
      { "--role", "CIO" }, "role", "CIO" },
  };
  const char *db = fixture->db;

  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "project", "add", "Plant ERP");
    g_assert_cmpint (run.status, ==, 0);
  }

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      const char *args[20] = { "--db", db, "--json", groups[g].group, "add", "--project", "plant erp", NULL };
      g_autofree char *id = NULL;
      guint n = 7;

      g_test_message ("group %s", groups[g].group);
      for (guint j = 0; groups[g].add[j] != NULL; j++)
        args[n++] = groups[g].add[j];
      {
        g_auto(Run) run = { 0 };
        g_autoptr(JsonNode) node = NULL;

        run_cli_env (&run, NULL, args);
        g_test_message ("add: %s", run.err);
        g_assert_cmpint (run.status, ==, 0);
        node = parse_json (run.out);
        id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (json_node_get_object (node), "id"));
        g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "project_id"), ==, 1);
      }
      {
        g_auto(Run) run = { 0 };

        /* Without a project: refused, the field named */
        args[6] = "";
        run_cli_env (&run, NULL, args);
        g_assert_cmpint (run.status, ==, 1);
        g_assert_nonnull (strstr (run.err, "--project"));
      }
      {
        g_auto(Run) run = { 0 };
        g_autoptr(JsonNode) node = NULL;

        RUN (&run, "--db", db, "--json", groups[g].group, "list", "--project", "Plant ERP");
        g_assert_cmpint (run.status, ==, 0);
        node = parse_json (run.out);
        g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
      }
      {
        g_auto(Run) run = { 0 };
        const char *edit[12] = { "--db", db, groups[g].group, "edit", id, groups[g].edit[0], groups[g].edit[1], NULL };

        run_cli_env (&run, NULL, edit);
        g_test_message ("edit: %s", run.err);
        g_assert_cmpint (run.status, ==, 0);
      }
      {
        g_auto(Run) run = { 0 };
        g_autoptr(JsonNode) node = NULL;
        JsonNode *value;
        g_autofree char *text = NULL;

        RUN (&run, "--db", db, "--json", groups[g].group, "show", id);
        g_assert_cmpint (run.status, ==, 0);
        node = parse_json (run.out);
        value = json_object_get_member (json_node_get_object (node), groups[g].field);
        text = json_node_get_value_type (value) == G_TYPE_STRING ? g_strdup (json_node_get_string (value))
             : json_node_get_value_type (value) == G_TYPE_DOUBLE ? g_strdup_printf ("%.1f", json_node_get_double (value))
                                                                 : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
        g_assert_cmpstr (text, ==, groups[g].edited);
      }
      {
        g_auto(Run) run = { 0 };

        /* Children are named by id: a title is a usage error */
        RUN (&run, "--db", db, groups[g].group, "show", "Plant ERP");
        g_assert_cmpint (run.status, ==, 2);
      }
      {
        g_auto(Run) run = { 0 };

        RUN (&run, "--db", db, groups[g].group, "delete", id);
        g_assert_cmpint (run.status, ==, 0);
        run_clear (&run);
        RUN (&run, "--db", db, groups[g].group, "show", id);
        g_assert_cmpint (run.status, ==, 1);
      }
      {
        g_auto(Run) run = { 0 };

        RUN (&run, "--db", db, groups[g].group, "list", "--wave", "1");
        g_assert_cmpint (run.status, ==, 2);
      }
    }
}

static void
test_evidence (Fixture      *fixture,
               gconstpointer data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "lsn-check.csv", NULL);
  g_autofree char *big = g_build_filename (fixture->dir, "big.bak", NULL);
  g_autofree char *exported = g_build_filename (fixture->dir, "exported.csv", NULL);
  g_autofree char *contents = NULL;
  const char *db = fixture->db;
  const char *csv = "database,last_hardened_lsn\nERP,4200000000123\n";

  g_assert_true (g_file_set_contents (file, csv, -1, NULL));
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "project", "add", "Plant ERP");
    run_clear (&run);
    RUN (&run, "--db", db, "--json", "evidence", "add", "--project", "Plant ERP", "--file", file);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\"title\" : \"lsn-check.csv\""));
    g_assert_nonnull (strstr (run.out, "\"kind\" : \"file\""));
    g_assert_nonnull (strstr (run.out, "text/csv"));
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "evidence", "verify", "1");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "intact"));
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "evidence", "export", "1", "--output", exported);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (exported, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, csv);
  }
  {
    g_auto(Run) run = { 0 };
    sqlite3 *handle = NULL;

    /* Tampered content is detected */
    g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, "UPDATE evidence SET content = CAST('forged' AS BLOB)", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (handle);
    RUN (&run, "--db", db, "evidence", "verify", "1");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "CHANGED"));
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "evidence", "add", "LSNs", "--project", "1", "--text", "LSN 42 on both sides");
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    int fd = g_open (big, O_CREAT | O_WRONLY, 0600);

    /* A 51 MiB file is refused with a clear message, nothing written */
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, 51 * 1024 * 1024), ==, 0);
    close (fd);
    RUN (&run, "--db", db, "evidence", "add", "--project", "1", "--file", big);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "50 MiB"));
    run_clear (&run);
    RUN (&run, "--db", db, "evidence", "add", "--project", "1", "--file", big, "--text", "x");
    g_assert_cmpint (run.status, ==, 2);
    run_clear (&run);
    RUN (&run, "--db", db, "evidence", "add", "--project", "1", "--file", "/nonexistent/file.txt");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "/nonexistent/file.txt"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) node = NULL;

    RUN (&run, "--db", db, "--json", "evidence", "list");
    node = parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);
  }
}


/* A DBA logs a drill from a terminal; a command killed half-way loses nothing logged. */
static void
test_drill (Fixture      *fixture,
            gconstpointer data)
{
  const char *db = fixture->db;
  g_autoptr(JsonNode) steps = NULL;
  g_autoptr(JsonNode) finished = NULL;
  JsonArray *array;
  guint n_steps;

  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "project", "add", "Plant ERP", "--downtime-target-min", "120");
    run_clear (&run);
    RUN (&run, "--db", db, "rehearsal", "start", "--project", "Plant ERP", "--kind", "cutover");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Started drill #1"));
    g_assert_nonnull (strstr (run.out, "Stop the workload"));
  }
  steps = run_json ((const char *const[]) { "--db", db, "--json", "rehearsal", "steps", "1", NULL });
  array = json_node_get_array (steps);
  n_steps = json_array_get_length (array);
  g_assert_cmpuint (n_steps, >=, 7);

  /* Three steps, then a command killed at once, then the drill goes on. */
  for (int i = 0; i < 3; i++)
    {
      g_auto(Run) run = { 0 };

      RUN (&run, "--db", db, "rehearsal", "step", "start", "1");
      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);
      RUN (&run, "--db", db, "rehearsal", "step", "finish", "1", "--notes", "ok");
      g_assert_cmpint (run.status, ==, 0);
    }
  {
    const char *argv[] = { LINKBENCH_CLI, "--db", db, "rehearsal", "step", "start", "1", NULL };
    g_autoptr(GError) error = NULL;
    GPid pid;
    int wait_status = 0;

    g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                  NULL, NULL, &pid, &error));
    kill (pid, SIGKILL);
    waitpid (pid, &wait_status, 0);
    g_spawn_close_pid (pid);
  }
  {
    g_autoptr(JsonNode) after = run_json ((const char *const[]) { "--db", db, "--json", "rehearsal", "steps", "1", NULL });
    JsonArray *list = json_node_get_array (after);

    for (guint i = 0; i < 3; i++)
      {
        JsonObject *step = json_array_get_object_element (list, i);

        g_assert_cmpstr (json_object_get_string_member (step, "outcome"), ==, "done");
        g_assert_cmpstr (json_object_get_string_member (step, "notes"), ==, "ok");
        g_assert_false (json_object_get_null_member (step, "ended_at"));
      }
    /* The killed command either started step 4 or did nothing: never half of it. */
    {
      JsonObject *fourth = json_array_get_object_element (list, 3);
      const char *outcome = json_object_get_string_member (fourth, "outcome");

      g_assert_true (g_str_equal (outcome, "pending") || g_str_equal (outcome, "running"));
      g_assert_true (g_str_equal (outcome, "pending") == json_object_get_null_member (fourth, "started_at"));
      if (g_str_equal (outcome, "running"))
        {
          g_auto(Run) run = { 0 };

          RUN (&run, "--db", db, "rehearsal", "step", "finish", "1");
          g_assert_cmpint (run.status, ==, 0);
        }
    }
  }
  /* Run every remaining step through validation */
  for (;;)
    {
      g_auto(Run) run = { 0 };

      RUN (&run, "--db", db, "rehearsal", "step", "start", "1");
      if (run.status != 0)
        {
          g_assert_nonnull (strstr (run.err, "Every step has been run"));
          break;
        }
      run_clear (&run);
      RUN (&run, "--db", db, "rehearsal", "step", "finish", "1");
      g_assert_cmpint (run.status, ==, 0);
    }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "rehearsal", "finish", "1", "--outcome", "success", "--data-loss", "no");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Finished drill #1"));
    run_clear (&run);
    /* A finished drill takes no more steps */
    RUN (&run, "--db", db, "rehearsal", "step", "start", "1");
    g_assert_cmpint (run.status, ==, 1);
  }
  finished = run_json ((const char *const[]) { "--db", db, "--json", "rehearsal", "show", "1", NULL });
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (finished), "outcome"), ==, "success");
  g_assert_false (json_object_get_null_member (json_node_get_object (finished), "measured_downtime_min"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (finished), "downtime_ms"), >=, 0);
  g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (finished), "downtime"), "target"));
}

/* The core's rules reach the command line: capacity verdicts, the readiness gate, cost
 * roll-ups, risk scores and the portfolio. */
static void
test_workbench_rules (Fixture      *fixture,
                      gconstpointer data)
{
  const char *db = fixture->db;
  g_autoptr(JsonNode) test = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(JsonNode) risk = NULL;
  g_autoptr(JsonNode) portfolio = NULL;
  JsonObject *row;

  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "project", "add", "Plant ERP");
    g_assert_cmpint (run.status, ==, 0);
  }
  test = run_json ((const char *const[]) { "--db", db, "--json", "capacity", "add", "--project", "Plant ERP",
                                           "--tested-at", "2026-11-20", "--target-tier", "general_purpose",
                                           "--target-vcores", "8", "--log-gen-peak-mibps", "58",
                                           "--log-gen-p95-mibps", "41", NULL });
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (test), "verdict"), ==, "fail");
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "capacity", "show", "1");
    g_assert_nonnull (strstr (run.out, "log generation p95 41 MiB/s exceeds GP 8-vCore cap 36 MiB/s"));
    run_clear (&run);
    RUN (&run, "--db", db, "capacity", "add", "--project", "1", "--tested-at", "2026-11-25", "--target-tier",
         "business_critical", "--target-hardware", "standard", "--target-vcores", "16", "--log-gen-peak-mibps", "58",
         "--log-gen-p95-mibps", "41");
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    RUN (&run, "--db", db, "capacity", "compare", "2");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "8.0 →       16.0"));
    run_clear (&run);
    RUN (&run, "--db", db, "capacity", "add", "--project", "1", "--tested-at", "2026-11-25", "--target-tier",
         "general_purpose", "--target-vcores", "7");
    g_assert_cmpint (run.status, ==, 1);
  }

  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "readiness", "gate", "--project", "Plant ERP");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "Not production-ready"));
  }

  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "cost", "add", "Compute", "--project", "1", "--amount", "1000", "--period", "monthly",
         "--months", "12", "--currency", "EUR");
    run_clear (&run);
    RUN (&run, "--db", db, "cost", "add", "Migration services", "--project", "1", "--amount", "5000.50",
         "--currency", "EUR");
    g_assert_cmpint (run.status, ==, 0);
  }
  summary = run_json ((const char *const[]) { "--db", db, "--json", "cost", "summary", "--project", "1", NULL });
  {
    g_autofree char *text = json_to_string (summary, FALSE);

    /* 12 × 1000.00 + 5000.50 = 17000.50 EUR, in minor units */
    g_assert_nonnull (strstr (text, "1700050"));
  }

  /* Tags: one argument each, so a value may hold spaces and commas; all or nothing. */
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) shown = NULL;
    JsonObject *tags;

    RUN (&run, "--db", db, "cost", "tag", "1", "cost-center=FIN 220, ops", "env=prod", "capex");
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    RUN (&run, "--db", db, "cost", "tag", "2", "env=prod");
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    RUN (&run, "--db", db, "cost", "tag", "1", "env=staging", "=orphan");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "“=orphan” has no key"));
    run_clear (&run);
    RUN (&run, "--db", db, "cost", "untag", "1", "capex", "missing");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "no tag “missing”"));
    run_clear (&run);
    RUN (&run, "--db", db, "cost", "show", "1");
    g_assert_nonnull (strstr (run.out, "Tags:         capex\n              cost-center=FIN 220, ops\n"
                                       "              env=prod\n"));
    run_clear (&run);
    RUN (&run, "--db", db, "cost", "summary", "--project", "1", "--by", "tag");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "  capex  "));

    g_assert_true (g_regex_match_simple ("env=prod +5000\\.50 +1000\\.00 +17000\\.50 +EUR", run.out, 0, 0));
    run_clear (&run);
    /* Offline with no cached prices: said plainly, nothing written. */
    RUN (&run, "--db", db, "project", "edit", "1", "--target-region", "westeurope");
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    RUN (&run, "--db", db, "cost", "estimate", "--project", "1", "--currency", "EUR", "--offline");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "No prices are cached for westeurope in EUR"));
    run_clear (&run);
    RUN (&run, "--db", db, "cost", "estimate", "--project", "1", "--prices-url", "ftp://x");
    g_assert_cmpint (run.status, ==, 2);

    shown = run_json ((const char *const[]) { "--db", db, "--json", "cost", "show", "1", NULL });
    tags = json_object_get_object_member (json_node_get_object (shown), "tags");
    g_assert_cmpuint (json_object_get_size (tags), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (tags, "env"), ==, "prod");
    g_assert_true (json_object_get_null_member (tags, "capex"));
  }

  risk = run_json ((const char *const[]) { "--db", db, "--json", "risk", "add", "Forced failover loses data",
                                           "--project", "1", "--likelihood", "4", "--impact", "5", NULL });
  {
    g_autoptr(JsonNode) shown = NULL;
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           json_object_get_int_member (json_node_get_object (risk), "id"));

    shown = run_json ((const char *const[]) { "--db", db, "--json", "risk", "show", id, NULL });
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (shown), "score"), ==, 20);
    g_assert_true (json_object_get_boolean_member (json_node_get_object (shown), "open_high"));
  }

  portfolio = run_json ((const char *const[]) { "--db", db, "--json", "portfolio", NULL });
  g_assert_cmpuint (json_array_get_length (json_node_get_array (portfolio)), ==, 1);
  row = json_array_get_object_element (json_node_get_array (portfolio), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Plant ERP");
  g_assert_false (json_object_get_boolean_member (row, "production_ready"));
  g_assert_cmpint (json_object_get_int_member (row, "open_high_risks"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "monthly_costs")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (row, "monthly_costs"), 0), ==,
                   "1000.00 EUR");
  g_assert_true (json_object_get_null_member (row, "lag_s"));
}


/* Editing a kind's runbook: copy, add, move, role, reset; a drill started afterwards gets
 * the edited steps. */
static void
test_runbook (Fixture      *fixture,
              gconstpointer data)
{
  const char *db = fixture->db;
  g_autoptr(JsonNode) steps = NULL;
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonNode) drill = NULL;
  JsonArray *array;
  g_autofree char *added_id = NULL;
  guint n_builtin;

  steps = run_json ((const char *const[]) { "--db", db, "--json", "runbook", "steps", "cutover", NULL });
  n_builtin = json_array_get_length (json_node_get_array (steps));
  g_assert_cmpuint (n_builtin, ==, 11);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (steps), 1),
                                                  "role"), ==, "downtime_start");

  added = run_json ((const char *const[]) { "--db", db, "--json", "runbook", "add", "Tell the plant floor",
                                            "--rehearsal-kind", "cutover", NULL });
  added_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (json_node_get_object (added), "id"));
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "runbook", "move", added_id, "up");
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    RUN (&run, "--db", db, "runbook", "steps", "cutover");
    g_assert_nonnull (strstr (run.out, "Edited runbook"));
    g_assert_true (g_regex_match_simple ("Tell the plant floor[^\n]*\n[^\n]*Roll back: fail back", run.out, 0, 0));
    run_clear (&run);
    RUN (&run, "--db", db, "runbook", "steps", "sideways");
    g_assert_cmpint (run.status, ==, 2);
  }

  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "project", "add", "Plant ERP");
    run_clear (&run);
    RUN (&run, "--db", db, "rehearsal", "start", "--project", "Plant ERP", "--kind", "cutover");
    g_assert_cmpint (run.status, ==, 0);
  }
  drill = run_json ((const char *const[]) { "--db", db, "--json", "rehearsal", "steps", "1", NULL });
  array = json_node_get_array (drill);
  g_assert_cmpuint (json_array_get_length (array), ==, n_builtin + 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "role"), ==,
                   "downtime_start");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, n_builtin - 1), "name"), ==,
                   "Tell the plant floor");

  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "runbook", "reset", "cutover");
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    RUN (&run, "--db", db, "runbook", "steps", "cutover");
    g_assert_nonnull (strstr (run.out, "Built-in runbook"));
    g_assert_null (strstr (run.out, "Tell the plant floor"));
  }
}


/* The lag chart as PNG, SVG and PDF, and the lag statistics, over the demo's history. */
static void
test_chart_and_lag_stats (Fixture      *fixture,
                          gconstpointer data)
{
  const char *db = fixture->db;
  const char *project = "Luma Manufacturing — Plant ERP";
  g_autoptr(JsonNode) stats = NULL;
  JsonObject *object;

  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "demo", "--days", "1", "--anchor", "2026-11-29 12:00");
    g_assert_cmpint (run.status, ==, 0);
  }
  for (guint i = 0; i < 3; i++)
    {
      static const char *const names[] = { "lag.png", "lag.svg", "lag.pdf" };
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);
      g_auto(Run) run = { 0 };
      g_autofree char *contents = NULL;
      gsize length = 0;

      RUN (&run, "--db", db, "chart", "--project", project, "--width", "900", "--height", "300", "--queues", "-o",
           path);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "samples"));
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      if (i == 2)
        {
          /* poppler's pdfinfo reads it. */
          g_autofree char *out = NULL;
          g_autofree char *command = g_strdup_printf ("pdfinfo '%s'", path);
          int status = 0;

          if (g_spawn_command_line_sync (command, &out, NULL, &status, NULL))
            {
              g_assert_true (g_spawn_check_wait_status (status, NULL));
              g_assert_nonnull (strstr (out, "900 x 300 pts"));
            }
        }
    }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *path = g_build_filename (fixture->dir, "lag.gif", NULL);

    RUN (&run, "--db", db, "chart", "--project", project, "-o", path);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, ".png, .svg or .pdf"));
    run_clear (&run);
    RUN (&run, "--db", db, "chart", "--project", project, "--width", "20", "-o", path);
    g_assert_cmpint (run.status, ==, 2);
    run_clear (&run);
    RUN (&run, "--db", db, "lag", "stats", "--project", project, "--from", "yesterday-ish");
    g_assert_cmpint (run.status, ==, 2);
    run_clear (&run);
    RUN (&run, "--db", db, "lag", "stats", "--project", project);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Lag p50/p95/p99:"));
  }

  stats = run_json ((const char *const[]) { "--db", db, "--json", "lag", "stats", "--project", project, "--from",
                                            "2026-11-29 00:00", "--to", "2026-11-29 12:00", NULL });
  object = json_node_get_object (stats);
  g_assert_cmpint (json_object_get_int_member (object, "samples"), >, 1000);
  g_assert_cmpfloat (json_object_get_double_member (object, "p50_s"), <=,
                     json_object_get_double_member (object, "p95_s"));
  g_assert_cmpfloat (json_object_get_double_member (object, "p95_s"), <=,
                     json_object_get_double_member (object, "max_s"));
  g_assert_cmpfloat (json_object_get_double_member (object, "threshold_s"), ==, 30);
}

/* The cutover report of a project and of the portfolio in every format, the verdicts it
 * prints, and its usage errors. */
static void
test_report (Fixture      *fixture,
             gconstpointer data)
{
  const char *db = fixture->db;
  const char *project = "Luma Manufacturing — Plant ERP";
  g_autofree char *pdf = g_build_filename (fixture->dir, "erp.pdf", NULL);
  g_autofree char *html = g_build_filename (fixture->dir, "portfolio.html", NULL);
  g_autofree char *json = g_build_filename (fixture->dir, "erp.json", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "erp-tables", NULL);
  g_autofree char *rules_csv = g_build_filename (csv, "rules.csv", NULL);

  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "demo", "--days", "1", "--anchor", "2026-11-29 12:00");
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *head = NULL;

    RUN (&run, "--db", db, "report", "--project", project, "--organisation", "Luma IT", "-o", pdf);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Luma Manufacturing — Plant ERP: GO"));
    g_assert_true (g_file_get_contents (pdf, &head, NULL, NULL));
    g_assert_true (g_str_has_prefix (head, "%PDF-"));
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "report", "--portfolio", "--format", "html", "-o", html);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Parkview Insurance — Broker Portal: NO-GO"));
    g_assert_true (g_file_test (html, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "report", "--project", project, "--format", "csv", "-o", csv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (rules_csv, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_autoptr(JsonNode) out = run_json ((const char *const[]) { "--db", db, "--json", "report", "--project", project,
                                                                "--rehearsals-required", "4", "-o", json, NULL });
    JsonObject *result = json_object_get_object_member (
      json_array_get_object_element (json_object_get_array_member (json_node_get_object (out), "projects"), 0),
      "go_no_go");
    JsonArray *rules = json_object_get_array_member (result, "rules");

    g_assert_cmpstr (json_object_get_string_member (result, "verdict"), ==, "not_enough_evidence");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (result, "policy"),
                                                 "rehearsals_required"), ==, 4);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rules, 1), "status"), ==,
                     "no_evidence");
    g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));
  }
  {
    static const char *const bad[][12] = {
      { "report", "--project", "Luma Manufacturing — Plant ERP", "--portfolio", "-o", "x.pdf", NULL },
      { "report", "--project", "Luma Manufacturing — Plant ERP", NULL },
      { "report", "--project", "Luma Manufacturing — Plant ERP", "-o", "x.txt", NULL },
      { "report", "--project", "Luma Manufacturing — Plant ERP", "--format", "docx", "-o", "x.pdf", NULL },
      { "report", "--project", "Luma Manufacturing — Plant ERP", "--cutover", "soon", "-o", "x.pdf", NULL },
      { "report", "--project", "Luma Manufacturing — Plant ERP", "--paper", "a3", "-o", "x.pdf", NULL },
      { "report", "--project", "Luma Manufacturing — Plant ERP", "--rehearsals-required", "0", "-o", "x.pdf", NULL },
      { "report", "--portfolio", "--colour", "-o", "x.pdf", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GPtrArray) args = g_ptr_array_new ();
        g_auto(Run) run = { 0 };

        g_ptr_array_add (args, (gpointer) "--db");
        g_ptr_array_add (args, (gpointer) db);
        for (guint j = 0; bad[i][j] != NULL; j++)
          g_ptr_array_add (args, (gpointer) bad[i][j]);
        g_ptr_array_add (args, NULL);
        run_cli_env (&run, NULL, (const char *const *) args->pdata);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_cmpstr (run.out, ==, "");
      }
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "x.pdf", NULL);

    RUN (&run, "--db", db, "report", "--project", "Nope", "-o", pdf);
    g_assert_cmpint (run.status, ==, 1);
    run_clear (&run);
    RUN (&run, "--db", db, "report", "--portfolio", "--wave", "Wave 9", "-o", pdf);
    g_assert_cmpint (run.status, ==, 1);
    run_clear (&run);
    RUN (&run, "--db", db, "report", "--project", project, "-o", missing);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "no-such-folder"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

/* drift compares the demo's imported az output with its design (exit 0: none); an import of
 * a one-way link then makes it exit 1 naming the difference; a file that is not Azure's
 * state is refused and nothing is stored. */
static void
test_drift_and_import (Fixture      *fixture,
                       gconstpointer data)
{
  const char *db = fixture->db;
  const char *project = "Luma Manufacturing — Plant ERP";
  g_autofree char *one_way = g_build_filename (fixture->dir, "link.json", NULL);
  g_autofree char *notes = g_build_filename (fixture->dir, "notes.json", NULL);
  g_autofree char *evidence_before = NULL;

  g_assert_true (g_file_set_contents (notes, "[1, 2, 3]", -1, NULL));
  g_assert_true (g_file_set_contents (one_way,
                                      "{\"properties\": {\"distributedAvailabilityGroupName\": \"DAG_PlantERP\","
                                      " \"replicationMode\": \"Async\", \"failoverMode\": \"None\","
                                      " \"databases\": [{\"databaseName\": \"PlantERP\"}]},"
                                      " \"name\": \"DAG_PlantERP\","
                                      " \"type\": \"Microsoft.Sql/managedInstances/distributedAvailabilityGroups\"}",
                                      -1, NULL));
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "demo", "--days", "1", "--anchor", "2026-11-29 12:00");
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "drift", "--project", project);
    g_test_message ("%s%s", run.out, run.err);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "No drift"));
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "evidence", "list", "--project", project);
    evidence_before = g_strdup (run.out);
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "import", "--project", project, one_way, notes);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "notes.json"));
    run_clear (&run);
    RUN (&run, "--db", db, "evidence", "list", "--project", project);
    g_assert_cmpstr (run.out, ==, evidence_before);
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "import", "--project", project, one_way);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Imported evidence"));
    run_clear (&run);
    RUN (&run, "--db", db, "drift", "--project", project);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "Failover mode: approved Manual, found None"));
  }
  {
    g_autoptr(JsonNode) out = NULL;
    g_auto(Run) run = { 0 };
    JsonObject *result;

    run_cli_env (&run, NULL, (const char *const[]) { "--db", db, "--json", "drift", "--project", project, NULL });
    g_assert_cmpint (run.status, ==, 1);
    out = parse_json (run.out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (out), "outcome"), ==, "found");
    result = json_object_get_object_member (json_node_get_object (out), "result");
    g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (json_object_get_array_member (result, "differences"), 0), "key"),
                     ==, "link.failoverMode");
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "drift", "--project", project, "--history");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "No drift"));
    g_assert_nonnull (strstr (run.out, "Failover mode"));
  }
  {
    g_auto(Run) run = { 0 };

    RUN (&run, "--db", db, "drift", "--project", "Parkview Insurance — Claims Archive");
    g_test_message ("%s", run.err);
    g_assert_cmpint (run.status, ==, 1);
    run_clear (&run);
    RUN (&run, "--db", db, "import", "--project", project);
    g_assert_cmpint (run.status, ==, 2);
    run_clear (&run);
    RUN (&run, "--db", db, "drift");
    g_assert_cmpint (run.status, ==, 2);
  }
  /* azure show reads the newest state kept; azure sync without the Azure CLI says so. */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *empty_path = g_build_filename (fixture->dir, "no-az", NULL);

    RUN (&run, "--db", db, "azure", "show", "--project", project);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Link DAG_PlantERP"));
    g_assert_nonnull (strstr (run.out, "Failover mode:     None")); /* the one-way link imported above */
    g_assert_nonnull (strstr (run.out, "Managed instance luma-mi-erp-weu"));
    run_clear (&run);
    g_assert_cmpint (g_mkdir (empty_path, 0700), ==, 0);
    run_cli_env (&run, (const char *const[]) { "PATH", empty_path, NULL },
                 (const char *const[]) { "--db", db, "azure", "sync", "--project", project, "--arm-url",
                                         "http://127.0.0.1:9", NULL });
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "the Azure CLI (az) is not installed"));
  }
  /* Lag samples from CSV: the bad row is named, the others stored. */
  {
    g_autofree char *csv = g_build_filename (fixture->dir, "lag.csv", NULL);
    g_auto(Run) run = { 0 };

    g_assert_true (g_file_set_contents (csv, "time,lag_seconds\n2020-01-01T00:00:00Z,1.5\n2020-01-01T00:00:05Z,x\n"
                                             "2020-01-01T00:00:10Z,2\n", -1, NULL));
    RUN (&run, "--db", db, "lag", "import", "--project", project, csv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Stored 2 samples from 3 rows"));
    g_assert_nonnull (strstr (run.out, "row 3: the lag “x” is not a number of seconds"));
    run_clear (&run);
    RUN (&run, "--db", db, "lag", "import", "--project", project, notes);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "no lag sample"));
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lb/cli/version-and-help", test_version_and_help);
  ADD ("/lb/cli/usage-errors", test_usage_errors);
  ADD ("/lb/cli/project-lifecycle", test_project_lifecycle);
  ADD ("/lb/cli/failures", test_failures);
  ADD ("/lb/cli/database-choice", test_database_choice);
  ADD ("/lb/cli/refused-files", test_refused_files);
  ADD ("/lb/cli/check-json", test_check_json);
  ADD ("/lb/cli/backup-restore", test_backup_restore);
  ADD ("/lb/cli/demo", test_demo);
  ADD ("/lb/cli/record-groups", test_record_groups);
  ADD ("/lb/cli/evidence", test_evidence);
  ADD ("/lb/cli/drill", test_drill);
  ADD ("/lb/cli/workbench-rules", test_workbench_rules);
  ADD ("/lb/cli/runbook", test_runbook);
  ADD ("/lb/cli/chart-and-lag-stats", test_chart_and_lag_stats);
  ADD ("/lb/cli/report", test_report);
  ADD ("/lb/cli/drift-and-import", test_drift_and_import);
#undef ADD

  return g_test_run ();
}
