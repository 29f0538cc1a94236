/* test-cli-sqlserver.c: linkbench-cli against the TDS test server — a profile whose
 * password goes in on standard input and into the keyring only, a profile that would
 * smuggle settings refused, the probe updating the prerequisites (exit 1 when something
 * fails), lag samples as JSON lines, links listed and bound, split brain's exit status,
 * and a capacity test measured and judged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "cli-test-common.h"
#include "core-test-tds.h"
#include "lb-core.h"
#include "lb-test-util.h"

#define SECRET "Cl1;pass=word"
#define NV(name) "{\"name\": \"" name "\", \"type\": \"nvarchar\"}"
#define BIG(name) "{\"name\": \"" name "\", \"type\": \"bigint\"}"

/* One server that answers every command of this test. */
static const char script[] =
  "{\"logins\": [{\"user\": \"linkbench\", \"password\": \"" SECRET "\"}], \"queries\": ["
  "{\"match\": \"@@SERVERNAME AS server_name, CAST\", \"responses\": [{\"results\": [{\"columns\": [" NV ("server_name") ", "
  NV ("product_version") ", " NV ("edition") "], \"rows\": [[\"SQL01\", \"16.0.4125.3\", \"Enterprise Edition\"]]}]}]},"
  "{\"match\": \"HAS_PERMS_BY_NAME\", \"responses\": [{\"results\": [{\"columns\": [" NV ("product_version") ", "
  BIG ("engine_edition") ", " BIG ("is_hadr_enabled") ", " BIG ("hadr_manager_status") ", " BIG ("is_sysadmin") ", "
  BIG ("has_view_server_state") ", " BIG ("has_view_any_definition") ", " BIG ("has_dmk") "],"
  " \"rows\": [[\"16.0.4125.3\", 3, 0, 0, 1, 1, 1, 1]]}]}]},"
  "{\"match\": \"commit_lag_ms\", \"responses\": [{\"results\": [{\"columns\": [" NV ("link_name") ", " NV ("database_name") ", "
  BIG ("commit_lag_ms") ", " BIG ("secondary_lag_seconds") ", " BIG ("send_queue_kb") ", " BIG ("send_rate_kbps") ", "
  BIG ("redo_queue_kb") ", " BIG ("redo_rate_kbps") ", " NV ("synchronization_state_desc") ", "
  NV ("synchronization_health_desc") "], \"rows\": [[\"DAG_ERP\", \"ERP\", 1250, 1, 10, 20, 30, 40, \"SYNCHRONIZING\","
  " \"HEALTHY\"]]}]}]},"
  "{\"match\": \"sys.availability_replicas\", \"responses\": [{\"results\": [{\"columns\": [" NV ("link_name") ", "
  NV ("ag_on_side") ", " NV ("endpoint_url") ", " NV ("availability_mode_desc") ", " BIG ("is_local") ", " NV ("role_desc") ", "
  NV ("connected_state_desc") "], \"rows\": [[\"DAG_ERP\", \"AG_ERP\", \"TCP://sql01:5022\", \"ASYNCHRONOUS_COMMIT\", 1,"
  " \"PRIMARY\", \"CONNECTED\"], [\"DAG_ERP\", \"mi-erp\", \"tcp://mi01:5022\", \"ASYNCHRONOUS_COMMIT\", 0, \"SECONDARY\","
  " \"CONNECTED\"]]}, {\"columns\": [" NV ("link_name") ", " NV ("database_name") "], \"rows\": [[\"DAG_ERP\", \"ERP\"]]}]}]},"
  "{\"match\": \"rs.is_local = 1\", \"responses\": [{\"results\": [{\"columns\": [" NV ("link_name") ", " NV ("role_desc") "],"
  " \"rows\": [[\"DAG_ERP\", \"PRIMARY\"]]}]}]},"
  "{\"match\": \"dm_io_virtual_file_stats\", \"responses\": ["
  "{\"results\": [{\"columns\": [" NV ("database_name") ", " BIG ("log_bytes_flushed") "], \"rows\": [[\"ERP\", 0]]},"
  " {\"columns\": [" NV ("database_name") ", " NV ("type_desc") ", " BIG ("num_of_reads") ", " BIG ("num_of_writes") ", "
  BIG ("num_of_bytes_read") ", " BIG ("num_of_bytes_written") ", " BIG ("io_stall_read_ms") ", " BIG ("io_stall_write_ms") "],"
  " \"rows\": [[\"ERP\", \"LOG\", 0, 0, 0, 0, 0, 0]]}]},"
  "{\"results\": [{\"columns\": [" NV ("database_name") ", " BIG ("log_bytes_flushed") "], \"rows\": [[\"ERP\", 104857600]]},"
  " {\"columns\": [" NV ("database_name") ", " NV ("type_desc") ", " BIG ("num_of_reads") ", " BIG ("num_of_writes") ", "
  BIG ("num_of_bytes_read") ", " BIG ("num_of_bytes_written") ", " BIG ("io_stall_read_ms") ", " BIG ("io_stall_write_ms") "],"
  " \"rows\": [[\"ERP\", \"LOG\", 0, 1000, 0, 104857600, 0, 1500]]}]}]}],"
  " \"default\": {\"error\": {\"number\": 300, \"class\": 14, \"text\": \"VIEW SERVER STATE permission was denied.\"}}}";

typedef struct
{
  char        *dir;
  char        *db;
  char        *keyring;
  char        *port;
  CoreTestTds *tds;
  const char  *env[13];
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *const env[] = {
    "SECRET_BACKEND", "file", "SECRET_FILE_TEST_PASSWORD", "test",
    /* libsecret's file backend leaks inside the library; the suppressions need full stacks. */
    "ASAN_OPTIONS", "fast_unwind_on_malloc=0",
  };

  f->dir = lb_test_tmpdir_new ();
  f->db = g_build_filename (f->dir, "cli.db", NULL);
  f->keyring = g_build_filename (f->dir, "test.keyring", NULL);
  f->tds = core_test_tds_start (script, &error);
  g_assert_no_error (error);
  f->port = g_strdup_printf ("%u", core_test_tds_get_port (f->tds));
  memcpy (f->env, env, sizeof env);
  f->env[6] = "SECRET_FILE_TEST_PATH";
  f->env[7] = f->keyring;
  f->env[8] = "XDG_RUNTIME_DIR";
  f->env[9] = f->dir;
  f->env[10] = NULL;
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  core_test_tds_stop (f->tds);
  g_free (f->port);
  g_free (f->keyring);
  g_free (f->db);
  lb_test_tmpdir_free (f->dir);
}

static void
cli (Fixture    *f,
     Run        *run,
     const char *input,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->db);
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  run_clear (run);
  run_cli_input (run, f->env, input, (const char *const *) args->pdata);
  g_test_message ("stdout: %s\nstderr: %s", run->out, run->err);
}

/* A project bound to nothing yet and the profile of its source, with the password saved. */
static void
prepare (Fixture *f)
{
  g_auto(Run) run = { 0 };

  cli (f, &run, NULL, "project", "add", "--name", "Plant ERP", "--source-database", "ERP", "--target-tier",
       "general_purpose", "--target-vcores", "8", "--target-hardware", "standard", "--target-storage-gb", "512", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, NULL, "profile", "add", "--name", "src", "--host", "127.0.0.1", "--port", f->port, "--login",
       "linkbench", "--encryption", "request", "--project", "Plant ERP", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, SECRET "\n", "profile", "set-password", "src", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lb_test_assert_contains (run.out, "Saved the password of linkbench");
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  /* The file is binary: search it byte by byte, NULs included. */
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

static void
test_profile (Fixture      *f,
              gconstpointer data)
{
  g_auto(Run) run = { 0 };

  prepare (f);
  cli (f, &run, NULL, "profile", "test", "src", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lb_test_assert_contains (run.out, "Connected to SQL01 (16.0.4125.3, Enterprise Edition) as linkbench.");
  lb_test_assert_contains (run.err, "Warning: Encryption is only used if the server offers it");
  /* The password is in the keyring file only (encrypted there), never in the database. */
  g_assert_false (file_contains (f->db, "Cl1;pass"));
  g_assert_false (file_contains (core_test_tds_get_log_path (f->tds), "Cl1;pass"));

  cli (f, &run, NULL, "profile", "add", "--name", "evil", "--host", "sql01;Encryption=off", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lb_test_assert_contains (run.err, "“;” is not allowed");

  /* A service principal's secret goes the same way: standard input to the keyring. */
  cli (f, &run, "Az;secret\n", "azure", "secret", "--client-id", "0f4c8a1e-5b7d-4e0a-9a55-3c2d1b0e9f11", "--tenant",
       "contoso.onmicrosoft.com", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lb_test_assert_contains (run.out, "Saved the client secret of 0f4c8a1e-5b7d-4e0a-9a55-3c2d1b0e9f11");
  g_assert_false (file_contains (f->db, "Az;secret"));
  cli (f, &run, "x\n", "azure", "secret", "--client-id", "x/../y", "--tenant", "t", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lb_test_assert_contains (run.err, "is not a valid client id");

  cli (f, &run, NULL, "profile", "forget-password", "src", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, NULL, "profile", "test", "src", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lb_test_assert_contains (run.err, "no password is stored for linkbench");
  lb_test_assert_contains (run.err, "login failed for user “linkbench” (18456)");
}

static void
test_probe (Fixture      *f,
            gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) json = NULL;

  prepare (f);
  cli (f, &run, NULL, "probe", "--project", "Plant ERP", "--profile", "src", NULL);
  /* Always On is off and the login may not read most views: failures, so exit 1. */
  g_assert_cmpint (run.status, ==, 1);
  lb_test_assert_contains (run.out, "FAIL             Always On availability groups enabled");
  lb_test_assert_contains (run.out, "COULD NOT CHECK  Mirroring endpoint");
  lb_test_assert_contains (run.out, "PASS             Supported SQL Server build");
  g_assert_cmpint (lb_test_sql_int (f->db, "SELECT count(*) FROM readiness_item WHERE kind = 'prerequisite' AND "
                                           "status = 'blocked'"), >=, 1);
  cli (f, &run, NULL, "--json", "probe", "--project", "Plant ERP", "--profile", "src", NULL);
  json = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json)), ==, LB_PROBE_N_CHECKS);
  /* A second probe updates the same items, with new evidence. */
  g_assert_cmpint (lb_test_sql_int (f->db, "SELECT count(*) FROM readiness_item WHERE kind = 'prerequisite'"), ==,
                   LB_PROBE_N_CHECKS);
  g_assert_cmpint (lb_test_sql_int (f->db, "SELECT count(*) FROM evidence"), ==, 2 * LB_PROBE_N_CHECKS);
}

static void
test_links_sample_roles (Fixture      *f,
                         gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;

  prepare (f);
  cli (f, &run, NULL, "links", "--profile", "src", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lb_test_assert_contains (run.out, "DAG_ERP");
  lb_test_assert_contains (run.out, "tcp://mi01:5022");
  cli (f, &run, NULL, "links", "--profile", "src", "--bind-project", "Plant ERP", "--link", "DAG_ERP", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (lb_test_sql_int (f->db, "SELECT count(*) FROM project WHERE link_name = 'DAG_ERP' AND "
                                           "target_ag = 'mi-erp'"), ==, 1);

  cli (f, &run, NULL, "--json", "sample", "--project", "Plant ERP", "--profile", "src", "--interval", "0.1", "--count",
       "3", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (g_strstrip (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) sample = parse_json (lines[i]);

      g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (sample), "lag_s"), ==, 1.25);
    }
  g_assert_cmpint (lb_test_sql_int (f->db, "SELECT count(*) FROM lag_sample WHERE source = 'sqlserver'"), ==, 3);

  /* The same server stands for both sides here: both PRIMARY is split brain. */
  cli (f, &run, NULL, "profile", "add", "--name", "mi", "--side", "managed_instance", "--host", "127.0.0.1", "--port",
       f->port, "--login", "linkbench", "--encryption", "request", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, NULL, "roles", "--project", "Plant ERP", "--profile", "src", "--mi-profile", "mi", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lb_test_assert_contains (run.out, "Split brain");
}

static void
test_capacity (Fixture      *f,
               gconstpointer data)
{
  g_auto(Run) run = { 0 };

  prepare (f);
  cli (f, &run, NULL, "capacity", "sample", "--project", "Plant ERP", "--profile", "src", "--duration", "0.6",
       "--interval", "0.25", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lb_test_assert_contains (run.out, "Production sampling");
  g_assert_cmpint (lb_test_sql_int (f->db, "SELECT count(*) FROM capacity_test WHERE method = 'production_sampling' "
                                           "AND log_gen_peak_mibps > 0"), ==, 1);
  cli (f, &run, NULL, "capacity", "sample", "--project", "Plant ERP", "--profile", "src", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* Every file below @dir (the database and its WAL, reports, the keyring file, the FreeTDS
 * configuration) and the test server's log, searched for @secret. */
static void
assert_nowhere (const char *dir,
                const char *secret,
                GString    *outputs)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_null (strstr (outputs->str, secret));
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        assert_nowhere (path, secret, outputs);
      else if (file_contains (path, secret))
        g_error ("the secret is in %s", path);
    }
}

static void
test_secret_scan (Fixture      *f,
                  gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GString) outputs = g_string_new (NULL);
  g_autofree char *report = g_build_filename (f->dir, "report.html", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  const char *client_secret = "AzCl13nt~Secr3t.Value";

  /* A full workflow with a recognisable SQL password and Azure client secret… */
  prepare (f);
  cli (f, &run, "AzCl13nt~Secr3t.Value\n", "azure", "secret", "--client-id", "0f4c8a1e-5b7d-4e0a-9a55-3c2d1b0e9f11",
       "--tenant", "contoso.onmicrosoft.com", NULL);
  g_string_append_printf (outputs, "%s%s", run.out, run.err);
  cli (f, &run, NULL, "profile", "test", "src", NULL);
  g_string_append_printf (outputs, "%s%s", run.out, run.err);
  cli (f, &run, NULL, "probe", "--project", "Plant ERP", "--profile", "src", NULL);
  g_string_append_printf (outputs, "%s%s", run.out, run.err);
  cli (f, &run, NULL, "links", "--profile", "src", "--bind-project", "Plant ERP", "--link", "DAG_ERP", NULL);
  g_string_append_printf (outputs, "%s%s", run.out, run.err);
  cli (f, &run, NULL, "--json", "sample", "--project", "Plant ERP", "--profile", "src", "--interval", "0.1", "--count",
       "2", NULL);
  g_string_append_printf (outputs, "%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, NULL, "report", "--project", "Plant ERP", "-o", report, NULL);
  g_string_append_printf (outputs, "%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, NULL, "report", "--project", "Plant ERP", "-o", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, NULL, "--json", "evidence", "list", "--project", "Plant ERP", NULL);
  g_string_append_printf (outputs, "%s%s", run.out, run.err);

  /* …and neither is anywhere: database, WAL, evidence, reports, keyring file (encrypted),
   * FreeTDS configuration, outputs, or what the server logged. */
  g_assert_true (g_file_test (report, G_FILE_TEST_EXISTS));
  assert_nowhere (f->dir, SECRET, outputs);
  assert_nowhere (f->dir, client_secret, outputs);
  g_assert_false (file_contains (core_test_tds_get_log_path (f->tds), SECRET));
  /* The files it makes are its user's alone. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (f->db, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0077, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-sqlserver/profile", test_profile);
  ADD ("/cli-sqlserver/probe", test_probe);
  ADD ("/cli-sqlserver/links-sample-roles", test_links_sample_roles);
  ADD ("/cli-sqlserver/capacity", test_capacity);
  ADD ("/cli-sqlserver/secret-scan", test_secret_scan);
#undef ADD
  return g_test_run ();
}
