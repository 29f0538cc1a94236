/* test-faults.c: the fault suite — what the GUI's code paths do while a server misbehaves,
 * measured with a main-loop timer ticking every 5 ms (its worst gap is printed; timing is
 * never a pass/fail condition).
 *
 * SQL Server (TDS test server, sampling through LbSamplers as the GUI does): a query that
 * hangs, a connection dropped mid-result, garbage, a closed socket, one after another —
 * each reported, every sample already taken kept, sampling resumed when the fault clears,
 * the outage recorded as gaps with their reasons. ARM and the price API (HTTP test server,
 * the _async calls the GUI uses): a storm of 429s and 503s with Retry-After, 500 then
 * success, a TLS handshake refused by a plain server, and a name that does not resolve.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "core-test-server.h"
#include "core-test-tds.h"
#include "lb-core.h"
#include "lb-test-util.h"

/* The main loop's worst gap between 5 ms ticks while a fault plays out. */
typedef struct
{
  gint64 last;
  gint64 worst;
  guint  id;
} Stall;

static gboolean
tick (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last > 0)
    stall->worst = MAX (stall->worst, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static void
stall_start (Stall *stall)
{
  *stall = (Stall) { 0 };
  stall->id = g_timeout_add (5, tick, stall);
}

static gint64
stall_stop (Stall      *stall,
            const char *what)
{
  g_source_remove (stall->id);
  g_test_message ("worst main-loop gap during %s: %.1f ms", what, stall->worst / 1000.0);
  return stall->worst;
}

static char *
poll_answer (guint lag_ms)
{
  return g_strdup_printf (
    "{\"results\": [{\"columns\": [{\"name\": \"link_name\", \"type\": \"nvarchar\"}, {\"name\": \"database_name\", \"type\": \"nvarchar\"},"
    " {\"name\": \"commit_lag_ms\", \"type\": \"bigint\"}, {\"name\": \"secondary_lag_seconds\", \"type\": \"bigint\"},"
    " {\"name\": \"send_queue_kb\", \"type\": \"bigint\"}, {\"name\": \"send_rate_kbps\", \"type\": \"bigint\"},"
    " {\"name\": \"redo_queue_kb\", \"type\": \"bigint\"}, {\"name\": \"redo_rate_kbps\", \"type\": \"bigint\"},"
    " {\"name\": \"synchronization_state_desc\", \"type\": \"nvarchar\"}, {\"name\": \"synchronization_health_desc\", \"type\": \"nvarchar\"}],"
    " \"rows\": [[\"DAG_ERP\", \"ERP\", %u, 1, 64, 32, 128, 64, \"SYNCHRONIZING\", \"HEALTHY\"]]}]}", lag_ms);
}

static void
count_lost (LbSamplers *samplers,
            gint64      project_id,
            gpointer    user_data)
{
  const LbSamplerStatus *status = lb_samplers_get_status (samplers, project_id);

  if (status->state == LB_SAMPLER_RECONNECTING)
    (*(guint *) user_data)++;
}

static void
test_sql_faults (void)
{
  /* ok, hang (query timeout), ok, drop mid-result, ok, garbage, ok, closed, ok … */
  g_autofree char *a = poll_answer (1000);
  g_autofree char *b = poll_answer (2000);
  g_autofree char *c = poll_answer (3000);
  g_autofree char *d = poll_answer (4000);
  g_autofree char *e = poll_answer (5000);
  g_autofree char *script = g_strdup_printf (
    "{\"queries\": [{\"match\": \"commit_lag_ms\", \"responses\": ["
    "%s, {\"fault\": \"hang\"}, %s, {\"fault\": \"drop\", \"results\": [{\"columns\": [{\"name\": \"x\", \"type\": \"int\"}],"
    " \"rows\": [[1], [2], [3], [4]]}]}, %s, {\"fault\": \"garbage\"}, %s, {\"fault\": \"close\"}, %s]}]}", a, b, c, d, e);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoreTestTds) tds = core_test_tds_start (script, &error);
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "faults.db", NULL);
  g_autoptr(LbStore) store = lb_store_open (path, &error);
  g_autoptr(LbSamplers) samplers = NULL;
  g_autoptr(GString) reasons = g_string_new (NULL);
  LbConnectionProfile *profile;
  LbProject *project = lb_record_new (&lb_project_kind);
  LbLagSamplerOptions options;
  gint64 deadline;
  guint lost = 0;
  Stall stall;

  g_assert_no_error (error);
  project->name = g_strdup ("Plant ERP");
  project->link_name = g_strdup ("DAG_ERP");
  project->source_database = g_strdup ("ERP");
  g_assert_true (lb_store_insert (store, project, &error));
  profile = core_test_tds_profile_new (tds);
  profile->query_timeout_s = 1; /* the hang becomes a timeout */
  lb_lag_sampler_options_init (&options);
  options.interval_ms = 50;
  options.reconnect_max_ms = 200;
  samplers = lb_samplers_new (path);
  g_signal_connect (samplers, "changed", G_CALLBACK (count_lost), &lost);
  /* The sampler's thread asks the keyring (a file here) for a password: there is none, and
   * this server takes any login. */
  stall_start (&stall);
  g_assert_true (lb_samplers_start (samplers, project->id, profile, &options, &error));
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (lb_samplers_get_status (samplers, project->id)->n_samples < 5 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  lb_samplers_stop (samplers, project->id);
  while (lb_samplers_is_running (samplers, project->id))
    g_main_context_iteration (NULL, TRUE);
  stall_stop (&stall, "SQL Server faults while sampling");

  /* Every good answer became a sample; none of the faults did (never a zero lag). */
  g_assert_cmpint (lb_test_sql_int (path, "SELECT count(*) FROM lag_sample"), ==, 5);
  g_assert_cmpint (lb_test_sql_int (path, "SELECT count(*) FROM lag_sample WHERE lag_s = 0"), ==, 0);
  g_assert_cmpint (lb_test_sql_int (path, "SELECT sum(lag_s) FROM lag_sample"), ==, 15);
  /* Four faults, four reconnections, four gaps that say why. */
  g_assert_cmpuint (lost, >=, 4);
  g_assert_cmpint (lb_test_sql_int (path, "SELECT count(*) FROM lag_gap WHERE reason LIKE 'connection lost:%'"), ==, 4);
  {
    g_autofree char *timeout = lb_test_sql_text (path, "SELECT reason FROM lag_gap ORDER BY start_t LIMIT 1");

    lb_test_assert_contains (timeout, "did not answer within 1 s");
  }
  g_assert_true (lb_store_check (store, &(GPtrArray *) { NULL }, &error));
  lb_record_free (profile);
  lb_record_free (project);
  g_clear_object (&samplers);
  g_clear_object (&store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

static CoreTestServer *http_server;

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint n = core_test_server_hit (http_server, path);

  if (g_str_equal (path, "/storm") && n <= 6)
    {
      /* 429 and 503 in turn, each with Retry-After 0: the client waits as asked. */
      soup_message_headers_append (headers, "Retry-After", "0");
      core_test_server_reply (msg, n % 2 ? 429 : 503, "{\"error\": {\"code\": \"TooManyRequests\", \"message\": \"slow down\"}}");
    }
  else if (g_str_equal (path, "/flaky") && n == 1)
    core_test_server_reply (msg, 500, "{\"error\": {\"code\": \"InternalServerError\", \"message\": \"oops\"}}");
  else
    core_test_server_reply (msg, 200, "{\"value\": [1, 2, 3]}");
}

static void
keep_result (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static JsonArray *
fetch (LbHttpClient *client,
       const char   *url,
       const char   *what,
       GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  JsonArray *items;
  Stall stall;

  stall_start (&stall);
  lb_http_get_json_pages_async (client, url, NULL, NULL, keep_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  items = lb_http_get_json_pages_finish (client, result, error);
  stall_stop (&stall, what);
  return items;
}

static void
test_http_faults (void)
{
  g_autoptr(LbHttpClient) client = lb_http_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autofree char *storm = NULL;
  g_autofree char *flaky = NULL;
  g_autofree char *tls = NULL;
  GThread *plain;

  http_server = core_test_server_start (handle, NULL, NULL);
  storm = g_strdup_printf ("%s/storm", core_test_server_get_base (http_server));
  flaky = g_strdup_printf ("%s/flaky", core_test_server_get_base (http_server));
  tls = g_strdup_printf ("https://127.0.0.1:%u/tls", core_test_plain_server_start (&plain));
  lb_http_client_set_max_retries (client, 8);
  lb_http_client_set_retry_delay (client, 10, 50);

  items = fetch (client, storm, "a 429/503 storm", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  g_assert_cmpuint (core_test_server_hits (http_server, "/storm"), ==, 7);
  g_clear_pointer (&items, json_array_unref);

  items = fetch (client, flaky, "500 then success", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (core_test_server_hits (http_server, "/flaky"), ==, 2);
  g_clear_pointer (&items, json_array_unref);

  /* The plain server answers one connection: no retry here. */
  lb_http_client_set_max_retries (client, 0);
  g_assert_null (fetch (client, tls, "a TLS handshake refused", &error));
  g_thread_join (plain);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_TLS);
  g_clear_error (&error);

  /* .invalid never resolves (RFC 6761). */
  g_assert_null (fetch (client, "https://management.azure.invalid/subscriptions", "a name that does not resolve",
                        &error));
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_DNS);
  core_test_server_stop (http_server);
}

int
main (int   argc,
      char *argv[])
{
  char *runtime = core_test_tds_runtime_new ();
  g_autofree char *keyring = g_build_filename (runtime, "test.keyring", NULL);
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/faults/sql-server", test_sql_faults);
  g_test_add_func ("/faults/http", test_http_faults);
  status = g_test_run ();
  core_test_tds_runtime_free (runtime);
  return status;
}
