/* test-samplers.c: what the GUI drives, against the TDS test server and libsecret's file
 * keyring — a password saved on a worker and found again by server and login only; "Test
 * connection" and the probe run on workers while the main loop keeps ticking; the samplers
 * report on the main context (connecting, sampling, the last sample, reconnecting with
 * its reason), stop on request, and say why when they cannot go on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "core-test-tds.h"
#include "lb-core.h"
#include "lb-test-util.h"
#include "sqlserver/lb-freetds-conf.h"

#define PASSWORD "K3y;ring=ok"
#define LOGINS   "\"logins\": [{\"user\": \"linkbench\", \"password\": \"K3y;ring=ok\"}]"

static LbConnectionProfile *
new_profile (CoreTestTds *tds)
{
  LbConnectionProfile *profile = core_test_tds_profile_new (tds);

  g_free (profile->name);
  profile->name = g_strdup ("ERP source");
  return profile;
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
keep_result (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
save_password (const LbConnectionProfile *profile,
               const char                *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lb_sql_secret_store_async (profile, password, NULL, keep_result, &result);
  g_assert_true (lb_sql_secret_store_finish (wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
test_password_and_test_connection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoreTestTds) tds = core_test_tds_start (
    "{" LOGINS ", \"queries\": [{\"match\": \"@@SERVERNAME\", \"responses\": [{\"results\": [{\"columns\": ["
    "{\"name\": \"server_name\", \"type\": \"nvarchar\"}, {\"name\": \"product_version\", \"type\": \"nvarchar\"},"
    " {\"name\": \"edition\", \"type\": \"nvarchar\"}], \"rows\": [[\"SQL01\", \"16.0.4125.3\", \"Developer Edition\"]]}]}]}]}",
    &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *description = NULL;
  LbConnectionProfile *profile;
  LbConnectionProfile *renamed;
  char *found;

  g_assert_no_error (error);
  profile = new_profile (tds);
  save_password (profile, PASSWORD);

  /* Found by server and login, whatever the profile is called. */
  renamed = lb_record_copy (profile);
  g_free (renamed->name);
  renamed->name = g_strdup ("another name");
  found = lb_sql_secret_lookup (renamed, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, PASSWORD);
  lb_sql_secret_free (found);

  lb_sql_profile_test_async (profile, NULL, keep_result, &result);
  description = lb_sql_profile_test_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (description, ==, "SQL01 (16.0.4125.3, Developer Edition)");

  /* Forgotten, the login fails with the server's own reason. */
  g_assert_true (lb_sql_secret_clear (profile, NULL, &error));
  g_assert_null (lb_sql_secret_lookup (profile, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_pointer (&description, g_free);
  lb_sql_profile_test_async (profile, NULL, keep_result, &result);
  g_assert_null (lb_sql_profile_test_finish (wait_for (&result), &error));
  g_assert_error (error, LB_SQL_ERROR, LB_SQL_ERROR_LOGIN_FAILED);
  lb_record_free (renamed);
  lb_record_free (profile);
}

typedef struct
{
  char    *dir;
  char    *path;
  LbStore *store;
  gint64   project_id;
} Database;

static void
database_open (Database *db)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);

  db->dir = lb_test_tmpdir_new ();
  db->path = g_build_filename (db->dir, "gui.db", NULL);
  db->store = lb_store_open (db->path, &error);
  g_assert_no_error (error);
  project->name = g_strdup ("Plant ERP");
  project->link_name = g_strdup ("DAG_ERP");
  project->source_database = g_strdup ("ERP");
  g_assert_true (lb_store_insert (db->store, project, &error));
  db->project_id = project->id;
  lb_record_free (project);
}

static void
database_close (Database *db)
{
  g_clear_object (&db->store);
  g_free (db->path);
  lb_test_tmpdir_free (db->dir);
}

static gboolean
count_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_probe_async (void)
{
  g_autoptr(GError) error = NULL;
  /* Every query answers "permission denied" but the server one: the probe still ends, with
   * "could not check" where it could not. */
  g_autoptr(CoreTestTds) tds = core_test_tds_start (
    "{" LOGINS ", \"queries\": [{\"match\": \"ProductVersion\", \"responses\": [{\"delay_ms\": 300, \"results\": [{\"columns\": ["
    "{\"name\": \"product_version\", \"type\": \"nvarchar\"}, {\"name\": \"engine_edition\", \"type\": \"int\"},"
    " {\"name\": \"is_hadr_enabled\", \"type\": \"int\"}, {\"name\": \"hadr_manager_status\", \"type\": \"int\"},"
    " {\"name\": \"is_sysadmin\", \"type\": \"int\"}, {\"name\": \"has_dmk\", \"type\": \"int\"}],"
    " \"rows\": [[\"16.0.4125.3\", 3, 1, 1, 1, 1]]}]}]}],"
    " \"default\": {\"error\": {\"number\": 300, \"class\": 14, \"text\": \"VIEW SERVER STATE permission was denied.\"}}}",
    &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  LbConnectionProfile *profile;
  Database db;
  guint ticks = 0, source;

  g_assert_no_error (error);
  database_open (&db);
  profile = new_profile (tds);
  save_password (profile, PASSWORD);
  source = g_timeout_add (20, count_tick, &ticks);
  lb_link_probe_run_async (db.path, db.project_id, profile, NULL, keep_result, &result);
  checks = lb_link_probe_run_finish (wait_for (&result), &error);
  g_source_remove (source);
  g_assert_no_error (error);
  /* The main loop ran while the server took its time. */
  g_assert_cmpuint (ticks, >, 3);
  g_assert_cmpuint (checks->len, ==, LB_PROBE_N_CHECKS);
  g_assert_cmpint (((LbProbeCheck *) checks->pdata[LB_PROBE_CHECK_HADR])->verdict, ==, LB_PROBE_PASS);
  g_assert_cmpint (((LbProbeCheck *) checks->pdata[LB_PROBE_CHECK_ENDPOINT])->verdict, ==, LB_PROBE_UNKNOWN);
  g_assert_cmpint (lb_test_sql_int (db.path, "SELECT count(*) FROM readiness_item WHERE kind = 'prerequisite'"), ==,
                   LB_PROBE_N_CHECKS);
  g_assert_cmpint (lb_test_sql_int (db.path, "SELECT count(*) FROM evidence WHERE kind = 'query_result'"), ==,
                   LB_PROBE_N_CHECKS);
  lb_record_free (profile);
  database_close (&db);
}

static void
count_changed (LbSamplers *samplers,
               gint64      project_id,
               gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
wait_until_state (LbSamplers    *samplers,
                  gint64         project_id,
                  LbSamplerState state,
                  guint          min_samples)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      const LbSamplerStatus *status = lb_samplers_get_status (samplers, project_id);

      if (status != NULL && status->state == state && status->n_samples >= min_samples)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("sampler never reached state %d with %u samples", state, min_samples);
      g_main_context_iteration (NULL, TRUE);
    }
}

static char *
poll_response (const char *lag_ms)
{
  return g_strdup_printf (
    "{\"results\": [{\"columns\": [{\"name\": \"link_name\", \"type\": \"nvarchar\"}, {\"name\": \"database_name\", \"type\": \"nvarchar\"},"
    " {\"name\": \"commit_lag_ms\", \"type\": \"bigint\"}, {\"name\": \"secondary_lag_seconds\", \"type\": \"bigint\"},"
    " {\"name\": \"send_queue_kb\", \"type\": \"bigint\"}, {\"name\": \"send_rate_kbps\", \"type\": \"bigint\"},"
    " {\"name\": \"redo_queue_kb\", \"type\": \"bigint\"}, {\"name\": \"redo_rate_kbps\", \"type\": \"bigint\"},"
    " {\"name\": \"synchronization_state_desc\", \"type\": \"nvarchar\"}, {\"name\": \"synchronization_health_desc\", \"type\": \"nvarchar\"}],"
    " \"rows\": [[\"DAG_ERP\", \"ERP\", %s, 1, 64, 32, 128, 64, \"SYNCHRONIZING\", \"HEALTHY\"]]}]}", lag_ms);
}

static void
test_samplers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = poll_response ("2500");
  g_autofree char *b = poll_response ("500");
  g_autofree char *script = g_strdup_printf ("{" LOGINS ", \"queries\": [{\"match\": \"dm_hadr\", \"responses\": "
                                             "[%s, %s, {\"fault\": \"close\"}, %s]}]}", a, b, b);
  g_autoptr(CoreTestTds) tds = core_test_tds_start (script, &error);
  g_autoptr(LbSamplers) samplers = NULL;
  const LbSamplerStatus *status;
  LbConnectionProfile *profile;
  LbLagSamplerOptions options;
  Database db;
  guint changes = 0;

  g_assert_no_error (error);
  database_open (&db);
  profile = new_profile (tds);
  save_password (profile, PASSWORD);
  samplers = lb_samplers_new (db.path);
  g_signal_connect (samplers, "changed", G_CALLBACK (count_changed), &changes);
  lb_lag_sampler_options_init (&options);
  options.interval_ms = 150;
  options.reconnect_max_ms = 300;

  g_assert_true (lb_samplers_start (samplers, db.project_id, profile, &options, &error));
  g_assert_no_error (error);
  g_assert_true (lb_samplers_is_running (samplers, db.project_id));
  g_assert_false (lb_samplers_start (samplers, db.project_id, profile, &options, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  wait_until_state (samplers, db.project_id, LB_SAMPLER_SAMPLING, 2);
  status = lb_samplers_get_status (samplers, db.project_id);
  g_assert_cmpstr (status->profile_name, ==, "ERP source");
  g_assert_cmpfloat_with_epsilon (status->last.lag_s, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (status->catch_up_s, 2, 1e-9);
  /* The dropped connection shows as reconnecting, with its reason, then sampling resumes. */
  wait_until_state (samplers, db.project_id, LB_SAMPLER_SAMPLING, 3);
  g_assert_cmpuint (core_test_tds_count_events (tds, "login"), >=, 2);
  g_assert_cmpint (lb_test_sql_int (db.path, "SELECT count(*) FROM lag_gap WHERE reason LIKE 'connection lost%'"), ==, 1);

  lb_samplers_stop (samplers, db.project_id);
  g_assert_cmpint (lb_samplers_get_status (samplers, db.project_id)->state, ==, LB_SAMPLER_STOPPING);
  wait_until_state (samplers, db.project_id, LB_SAMPLER_IDLE, 0);
  g_assert_false (lb_samplers_is_running (samplers, db.project_id));
  g_assert_null (lb_samplers_get_status (samplers, db.project_id)->message);
  g_assert_cmpuint (changes, >, 4);

  /* A failure that retrying cannot mend ends it and says why. */
  g_assert_true (lb_sql_secret_clear (profile, NULL, &error));
  g_assert_true (lb_samplers_start (samplers, db.project_id, profile, &options, &error));
  wait_until_state (samplers, db.project_id, LB_SAMPLER_IDLE, 0);
  lb_test_assert_contains (lb_samplers_get_status (samplers, db.project_id)->message, "login failed");
  lb_record_free (profile);
  g_clear_object (&samplers);
  database_close (&db);
}

int
main (int   argc,
      char *argv[])
{
  char *runtime = core_test_tds_runtime_new ();
  g_autofree char *keyring = g_build_filename (runtime, "test.keyring", NULL);
  int status;

  setlocale (LC_ALL, "");
  /* libsecret's own file backend: no D-Bus, no prompt (engineering.md §4.1). */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/samplers/password-and-test-connection", test_password_and_test_connection);
  g_test_add_func ("/samplers/probe-async", test_probe_async);
  g_test_add_func ("/samplers/samplers", test_samplers);
  status = g_test_run ();
  core_test_tds_runtime_free (runtime);
  return status;
}
