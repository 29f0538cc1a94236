/* test-sql-connection.c: LbSqlConnection through the real unixODBC + FreeTDS stack against
 * the TDS test server — login, typed results and several result sets, parameters bound
 * (never pasted into the SQL), and every failure a DBA meets with its own clear error:
 * wrong password (18456), TLS required but not offered, nothing listening, a login or a
 * query that never answers, a cancel from another thread, a connection dropped mid-result,
 * garbage, server errors and missing permissions. The password never reaches the FreeTDS
 * configuration file nor the server's log in clear.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>

#include "core-test-tds.h"
#include "lb-core.h"
#include "lb-test-util.h"
#include "sqlserver/lb-freetds-conf.h"

#define PASSWORD "Zq7;pass=w}rd"
#define LOGINS   "\"logins\": [{\"user\": \"linkbench\", \"password\": \"Zq7;pass=w}rd\"}]"

static CoreTestTds *
start (const char *script)
{
  g_autoptr(GError) error = NULL;
  CoreTestTds *tds = core_test_tds_start (script, &error);

  g_assert_no_error (error);
  return tds;
}

/* A profile for a port no test server listens on. */
static LbConnectionProfile *
profile_for_port (guint16 port)
{
  LbConnectionProfile *profile = lb_record_new (&lb_connection_profile_kind);

  profile->name = g_strdup ("nowhere");
  profile->host = g_strdup ("127.0.0.1");
  profile->port = port;
  profile->login = g_strdup ("linkbench");
  profile->encryption = LB_ENCRYPTION_REQUEST;
  profile->login_timeout_s = 2;
  return profile;
}

static LbSqlConnection *
connect_to (CoreTestTds *tds,
            const char  *password,
            GError     **error)
{
  LbConnectionProfile *profile = core_test_tds_profile_new (tds);
  LbSqlConnection *connection = lb_sql_connection_new (profile, password);

  lb_record_free (profile);
  if (!lb_sql_connection_open (connection, NULL, error))
    g_clear_object (&connection);
  return connection;
}

static void
test_login_and_types (void)
{
  g_autoptr(CoreTestTds) tds = start (
    "{" LOGINS ", \"queries\": [{\"match\": \"typed\", \"responses\": [{\"messages\": [{\"number\": 5701, \"class\": 0,"
    " \"text\": \"Changed database context to 'master'.\"}], \"results\": ["
    "{\"columns\": [{\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"big\", \"type\": \"bigint\"},"
    " {\"name\": \"name\", \"type\": \"nvarchar\"}, {\"name\": \"at\", \"type\": \"datetime2\"},"
    " {\"name\": \"lsn\", \"type\": \"numeric\", \"precision\": 25, \"scale\": 0}, {\"name\": \"rate\", \"type\": \"float\"}],"
    " \"rows\": [[1, 1099511627776, \"Gießerei Süd\", \"2026-11-30 22:10:00.1234560\", \"42000000012345000001\", 3.25],"
    "          [2, null, null, null, null, null]]},"
    "{\"columns\": [{\"name\": \"second\", \"type\": \"int\"}], \"rows\": [[7]]}]}]}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = connect_to (tds, PASSWORD, &error);
  g_autoptr(LbSqlResult) result = NULL;
  const LbSqlRowSet *set;
  gint64 n, ms;
  double rate;

  g_assert_no_error (error);
  g_assert_true (lb_sql_connection_is_open (connection));
  result = lb_sql_connection_query (connection, "SELECT typed", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->sets->len, ==, 2);
  set = lb_sql_result_get_set (result, 0);
  g_assert_cmpuint (set->rows->len, ==, 2);
  g_assert_true (lb_sql_row_set_get_int64 (set, 0, "N", &n));
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpstr (lb_sql_row_set_get (set, 0, "big"), ==, "1099511627776");
  g_assert_cmpstr (lb_sql_row_set_get (set, 0, "name"), ==, "Gießerei Süd");
  g_assert_cmpstr (lb_sql_row_set_get (set, 0, "lsn"), ==, "42000000012345000001");
  g_assert_true (lb_sql_row_set_get_double (set, 0, "rate", &rate));
  g_assert_cmpfloat (rate, ==, 3.25);
  /* Server-local time with the server's offset (+60 min) applied. */
  g_assert_true (lb_sql_row_set_get_time (set, 0, "at", 60, &ms));
  g_assert_cmpint (ms, ==, 1796073000123); /* 2026-11-30 21:10:00.123 UTC */
  for (guint c = 1; c < 6; c++)
    g_assert_null (((char **) set->rows->pdata[1])[c]);
  g_assert_false (lb_sql_row_set_get_double (set, 1, "rate", &rate));
  g_assert_cmpstr (lb_sql_row_set_get (lb_sql_result_get_set (result, 1), 0, "second"), ==, "7");
  g_assert_cmpuint (core_test_tds_count_events (tds, "batch"), ==, 1);
}

static void
test_parameters_bound (void)
{
  g_autoptr(CoreTestTds) tds = start (
    "{" LOGINS ", \"queries\": [{\"match\": \"sys.databases\", \"responses\": [{\"results\": ["
    "{\"columns\": [{\"name\": \"name\", \"type\": \"nvarchar\"}], \"rows\": [[\"ERP'; DROP TABLE x;--\"]]}]}]}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = connect_to (tds, PASSWORD, &error);
  const char *const params[] = { "ERP'; DROP TABLE x;--", NULL };
  g_autoptr(LbSqlResult) result = NULL;
  g_autoptr(JsonArray) events = NULL;
  gboolean seen = FALSE;

  g_assert_no_error (error);
  result = lb_sql_connection_query (connection, "SELECT name FROM sys.databases WHERE name = ?", params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lb_sql_row_set_get (lb_sql_result_get_set (result, 0), 0, "name"), ==, params[0]);
  /* The value travels as an RPC parameter, not inside the statement. */
  events = core_test_tds_get_events (tds);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_strcmp0 (json_object_get_string_member (event, "event"), "rpc") != 0)
        continue;
      seen = TRUE;
      g_assert_null (strstr (json_object_get_string_member (event, "sql"), "DROP"));
      g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (event, "params"), 0), ==,
                       params[0]);
    }
  g_assert_true (seen);
}

static void
test_wrong_password (void)
{
  g_autoptr(CoreTestTds) tds = start ("{" LOGINS "}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = connect_to (tds, "wrong", &error);

  g_assert_null (connection);
  g_assert_error (error, LB_SQL_ERROR, LB_SQL_ERROR_LOGIN_FAILED);
  lb_test_assert_contains (error->message, "login failed for user “linkbench” (18456)");
  lb_test_assert_contains (error->message, "Login failed for user 'linkbench'.");
}

static void
test_tls_required (void)
{
  g_autoptr(CoreTestTds) tds = start ("{" LOGINS ", \"encryption\": \"not_supported\"}");
  g_autoptr(GError) error = NULL;
  LbConnectionProfile *profile = core_test_tds_profile_new (tds);
  g_autoptr(LbSqlConnection) connection = NULL;

  profile->encryption = LB_ENCRYPTION_REQUIRE;
  connection = lb_sql_connection_new (profile, PASSWORD);
  g_assert_false (lb_sql_connection_open (connection, NULL, &error));
  g_assert_error (error, LB_SQL_ERROR, LB_SQL_ERROR_TLS);
  lb_test_assert_contains (error->message, "TLS required but the server does not support encryption");
  /* FreeTDS gave up before sending the login. */
  g_assert_cmpuint (core_test_tds_count_events (tds, "login"), ==, 0);
  lb_record_free (profile);
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(LbSqlConnection) connection = NULL;
  LbConnectionProfile *profile;

  /* A port that was just free and that nothing listens on. */
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  profile = profile_for_port (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);
  connection = lb_sql_connection_new (profile, PASSWORD);
  g_assert_false (lb_sql_connection_open (connection, NULL, &error));
  g_assert_error (error, LB_SQL_ERROR, LB_SQL_ERROR_UNREACHABLE);
  lb_test_assert_contains (error->message, "cannot be reached");
  lb_record_free (profile);
}

static void
test_login_hangs (void)
{
  g_autoptr(CoreTestTds) tds = start ("{" LOGINS ", \"login_fault\": \"hang\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = connect_to (tds, PASSWORD, &error);

  g_assert_null (connection);
  g_assert_error (error, LB_SQL_ERROR, LB_SQL_ERROR_TIMEOUT);
  lb_test_assert_contains (error->message, "did not answer within 2 s");
}

typedef struct
{
  GCancellable *cancellable;
  CoreTestTds  *tds;
} CancelJob;

static gpointer
cancel_when_sent (gpointer data)
{
  CancelJob *job = data;

  core_test_tds_wait_events (job->tds, "batch", 1, 10000);
  g_cancellable_cancel (job->cancellable);
  return NULL;
}

static void
test_cancel_from_another_thread (void)
{
  g_autoptr(CoreTestTds) tds = start (
    "{" LOGINS ", \"queries\": [{\"match\": \"WAITFOR\", \"responses\": [{\"fault\": \"hang\"}]},"
    " {\"match\": \"after\", \"responses\": [{\"results\": [{\"columns\": [{\"name\": \"ok\", \"type\": \"int\"}],"
    " \"rows\": [[1]]}]}]}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = connect_to (tds, PASSWORD, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LbSqlResult) result = NULL;
  CancelJob job = { cancellable, tds };
  GThread *thread;

  g_assert_no_error (error);
  thread = g_thread_new ("cancel", cancel_when_sent, &job);
  result = lb_sql_connection_query (connection, "WAITFOR DELAY '01:00:00'", NULL, cancellable, &error);
  g_thread_join (thread);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (core_test_tds_count_events (tds, "attention"), >=, 1);
  /* The connection stays usable after the cancel. */
  g_clear_error (&error);
  g_assert_true (lb_sql_connection_is_open (connection));
  result = lb_sql_connection_query (connection, "SELECT after", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lb_sql_row_set_get (lb_sql_result_get_set (result, 0), 0, "ok"), ==, "1");
}

static void
test_query_timeout (void)
{
  g_autoptr(CoreTestTds) tds = start ("{" LOGINS ", \"queries\": [{\"match\": \"slow\", \"responses\": [{\"delay_ms\": 60000}]}]}");
  g_autoptr(GError) error = NULL;
  LbConnectionProfile *profile = core_test_tds_profile_new (tds);
  g_autoptr(LbSqlConnection) connection = NULL;
  g_autoptr(LbSqlResult) result = NULL;

  profile->query_timeout_s = 1;
  connection = lb_sql_connection_new (profile, PASSWORD);
  g_assert_true (lb_sql_connection_open (connection, NULL, &error));
  result = lb_sql_connection_query (connection, "SELECT slow", NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, LB_SQL_ERROR, LB_SQL_ERROR_TIMEOUT);
  lb_test_assert_contains (error->message, "did not answer within 1 s");
  lb_record_free (profile);
}

static void
test_drop_and_garbage (void)
{
  GString *script = g_string_new ("{" LOGINS ", \"queries\": [{\"match\": \"dropped\", \"responses\": [{\"fault\": \"drop\","
                                  " \"results\": [{\"columns\": [{\"name\": \"v\", \"type\": \"nvarchar\", \"length\": 200}],"
                                  " \"rows\": [");
  g_autoptr(CoreTestTds) tds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = NULL;
  g_autoptr(LbSqlConnection) second = NULL;
  g_autoptr(LbSqlResult) result = NULL;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (script, "%s[\"row %u of a long answer that spans packets\"]", i > 0 ? "," : "", i);
  g_string_append (script, "]}]}]}, {\"match\": \"garbled\", \"responses\": [{\"fault\": \"garbage\"}]}]}");
  tds = start (script->str);
  g_string_free (script, TRUE);

  connection = connect_to (tds, PASSWORD, &error);
  g_assert_no_error (error);
  result = lb_sql_connection_query (connection, "SELECT dropped", NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, LB_SQL_ERROR, LB_SQL_ERROR_CONNECTION_LOST);
  lb_test_assert_contains (error->message, "the connection was lost");
  g_assert_false (lb_sql_connection_is_open (connection));
  g_clear_error (&error);

  second = connect_to (tds, PASSWORD, &error);
  g_assert_no_error (error);
  result = lb_sql_connection_query (second, "SELECT garbled", NULL, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_true (error->domain == LB_SQL_ERROR);
}

static void
test_server_errors (void)
{
  g_autoptr(CoreTestTds) tds = start (
    "{" LOGINS ", \"queries\": ["
    "{\"match\": \"missing\", \"responses\": [{\"error\": {\"number\": 208, \"class\": 16, \"text\": \"Invalid object name 'missing'.\"}}]},"
    "{\"match\": \"dm_os\", \"responses\": [{\"error\": {\"number\": 300, \"class\": 14,"
    " \"text\": \"VIEW SERVER STATE permission was denied on object 'server', database 'master'.\"}}]}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = connect_to (tds, PASSWORD, &error);
  g_autoptr(LbSqlResult) result = NULL;

  g_assert_no_error (error);
  result = lb_sql_connection_query (connection, "SELECT * FROM missing", NULL, NULL, &error);
  g_assert_error (error, LB_SQL_ERROR, LB_SQL_ERROR_SERVER);
  lb_test_assert_contains (error->message, "error 208: Invalid object name 'missing'.");
  g_clear_error (&error);
  result = lb_sql_connection_query (connection, "SELECT * FROM sys.dm_os_host_info", NULL, NULL, &error);
  g_assert_error (error, LB_SQL_ERROR, LB_SQL_ERROR_PERMISSION);
  lb_test_assert_contains (error->message, "permission denied (300)");
  /* Neither loses the connection. */
  g_assert_true (lb_sql_connection_is_open (connection));
}

static void
test_password_stays_secret (void)
{
  g_autoptr(CoreTestTds) tds = start ("{" LOGINS "}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = connect_to (tds, PASSWORD, &error);
  g_autofree char *conf = NULL;
  g_autofree char *log = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (lb_freetds_conf_get_path (), &conf, NULL, &error));
  g_assert_true (g_file_get_contents (core_test_tds_get_log_path (tds), &log, NULL, &error));
  g_assert_null (strstr (conf, "Zq7"));
  g_assert_null (strstr (log, "Zq7"));
  lb_test_assert_contains (log, "\"ok\": true");
}

static void
test_unsupported (void)
{
  g_autoptr(GError) error = NULL;
  LbConnectionProfile *profile = profile_for_port (1433);
  g_autoptr(LbSqlConnection) kerberos = NULL;
  g_autoptr(LbSqlConnection) braces = NULL;

  profile->auth = LB_AUTH_WINDOWS;
  kerberos = lb_sql_connection_new (profile, NULL);
  g_assert_false (lb_sql_connection_open (kerberos, NULL, &error));
  g_assert_error (error, LB_SQL_ERROR, LB_SQL_ERROR_UNSUPPORTED);
  lb_test_assert_contains (error->message, "SQL logins only");
  g_clear_error (&error);

  profile->auth = LB_AUTH_SQL_LOGIN;
  braces = lb_sql_connection_new (profile, "ab};c");
  g_assert_false (lb_sql_connection_open (braces, NULL, &error));
  g_assert_error (error, LB_SQL_ERROR, LB_SQL_ERROR_UNSUPPORTED);
  lb_test_assert_contains (error->message, "“};”");
  lb_record_free (profile);
}

int
main (int   argc,
      char *argv[])
{
  char *runtime = core_test_tds_runtime_new ();
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sql-connection/login-and-types", test_login_and_types);
  g_test_add_func ("/sql-connection/parameters-bound", test_parameters_bound);
  g_test_add_func ("/sql-connection/wrong-password", test_wrong_password);
  g_test_add_func ("/sql-connection/tls-required", test_tls_required);
  g_test_add_func ("/sql-connection/unreachable", test_unreachable);
  g_test_add_func ("/sql-connection/login-hangs", test_login_hangs);
  g_test_add_func ("/sql-connection/cancel-from-another-thread", test_cancel_from_another_thread);
  g_test_add_func ("/sql-connection/query-timeout", test_query_timeout);
  g_test_add_func ("/sql-connection/drop-and-garbage", test_drop_and_garbage);
  g_test_add_func ("/sql-connection/server-errors", test_server_errors);
  g_test_add_func ("/sql-connection/password-stays-secret", test_password_stays_secret);
  g_test_add_func ("/sql-connection/unsupported", test_unsupported);
  status = g_test_run ();
  core_test_tds_runtime_free (runtime);
  return status;
}
