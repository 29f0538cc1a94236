/* test-tds-fixture.c: the fake SQL Server of tests/fixtures/tds-server.py against the real
 * unixODBC + FreeTDS ODBC driver: login and a wrong password (18456), every column type,
 * several result sets, a result of many packets, server errors, bound parameters (RPC),
 * prepared statements, cancel and query timeout on a hanging query with the connection
 * reusable afterwards, a connection dropped mid-result, a login that hangs, encryption the
 * server cannot give, a response timeline shared by connections, and the fixture going
 * away when stopped. No case passes or fails on timing except generous upper bounds that
 * prove a call returns instead of hanging.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include <sql.h>
#include <sqlext.h>

#include "core-test-tds.h"
#include "lb-test-util.h"

/* The product's connection string, DSN-less, with the fixture's port, a password and the
 * client's Encryption= value. */
#define TEST_CONN_STR(port, pwd, encryption) \
  g_strdup_printf ("DRIVER=" LB_DEFAULT_ODBC_DRIVER ";SERVER=127.0.0.1;PORT=%u;TDS_Version=7.4;" \
                   "UID=linkbench;PWD=%s;ClientCharset=UTF-8;Encryption=%s;APP=linkbench", \
                   (guint) (port), (pwd), (encryption))

#define PASSWORD     "s3cret"
#define LOGINS       "\"logins\": [{\"user\": \"linkbench\", \"password\": \"" PASSWORD "\"}]"
#define RETURNS_US   (15 * G_USEC_PER_SEC) /* "returned, did not hang" */

static SQLHENV env;

/* ---------------------------------------------------------------------------------------- */
/* ODBC helpers */

typedef struct
{
  char       state[6];
  SQLINTEGER native;
  char      *text; /* every record, one a line */
} Diag;

static void
diag_clear (Diag *diag)
{
  g_clear_pointer (&diag->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Diag, diag_clear)

/* The first record's state and native error, and the text of all records. */
static void
diag_read (SQLSMALLINT  type,
           SQLHANDLE    handle,
           Diag        *diag)
{
  GString *text = g_string_new (NULL);

  memset (diag->state, 0, sizeof diag->state);
  diag->native = 0;
  for (SQLSMALLINT i = 1;; i++)
    {
      SQLCHAR state[6] = "";
      SQLCHAR message[1024] = "";
      SQLINTEGER native = 0;
      SQLSMALLINT length = 0;

      if (!SQL_SUCCEEDED (SQLGetDiagRec (type, handle, i, state, &native, message,
                                         sizeof message, &length)))
        break;
      if (i == 1)
        {
          memcpy (diag->state, state, 5);
          diag->native = native;
        }
      g_string_append_printf (text, "%s [%d] %s\n", (char *) state, (int) native, (char *) message);
    }
  g_free (diag->text);
  diag->text = g_string_free (text, FALSE);
}

static SQLHDBC
dbc_new (guint login_timeout)
{
  SQLHDBC dbc = SQL_NULL_HDBC;

  g_assert_true (SQL_SUCCEEDED (SQLAllocHandle (SQL_HANDLE_DBC, env, &dbc)));
  g_assert_true (SQL_SUCCEEDED (SQLSetConnectAttr (dbc, SQL_ATTR_LOGIN_TIMEOUT,
                                                   (SQLPOINTER) (gintptr) login_timeout, 0)));
  return dbc;
}

static SQLRETURN
dbc_connect (SQLHDBC     dbc,
             CoreTestTds *tds,
             const char *pwd,
             const char *encryption,
             Diag       *diag)
{
  g_autofree char *conn = TEST_CONN_STR (core_test_tds_get_port (tds), pwd, encryption);
  SQLCHAR out[1024];
  SQLSMALLINT out_length = 0;
  SQLRETURN ret;

  ret = SQLDriverConnect (dbc, NULL, (SQLCHAR *) conn, SQL_NTS, out, sizeof out, &out_length,
                          SQL_DRIVER_NOPROMPT);
  if (diag != NULL)
    diag_read (SQL_HANDLE_DBC, dbc, diag);
  return ret;
}

/* A connected handle with the right password; fails the test otherwise. */
static SQLHDBC
connect_ok (CoreTestTds *tds)
{
  g_auto(Diag) diag = { "", 0, NULL };
  SQLHDBC dbc = dbc_new (5);
  SQLRETURN ret = dbc_connect (dbc, tds, PASSWORD, "request", &diag);

  if (!SQL_SUCCEEDED (ret))
    g_error ("cannot connect to the TDS fixture: %s", diag.text);
  return dbc;
}

static void
dbc_free (SQLHDBC dbc)
{
  SQLDisconnect (dbc);
  SQLFreeHandle (SQL_HANDLE_DBC, dbc);
}

static SQLHSTMT
stmt_new (SQLHDBC dbc)
{
  SQLHSTMT stmt = SQL_NULL_HSTMT;

  g_assert_true (SQL_SUCCEEDED (SQLAllocHandle (SQL_HANDLE_STMT, dbc, &stmt)));
  return stmt;
}

static void
stmt_free (SQLHSTMT stmt)
{
  SQLFreeHandle (SQL_HANDLE_STMT, stmt);
}

static void
assert_success (SQLRETURN   ret,
                SQLSMALLINT type,
                SQLHANDLE   handle)
{
  if (!SQL_SUCCEEDED (ret))
    {
      g_auto(Diag) diag = { "", 0, NULL };

      diag_read (type, handle, &diag);
      g_error ("ODBC call failed (%d): %s", (int) ret, diag.text);
    }
}

static void
exec_ok (SQLHSTMT    stmt,
         const char *sql)
{
  assert_success (SQLExecDirect (stmt, (SQLCHAR *) sql, SQL_NTS), SQL_HANDLE_STMT, stmt);
}

/* Column @col of the current row as UTF-8 text, NULL for SQL NULL. */
static char *
get_text (SQLHSTMT     stmt,
          SQLUSMALLINT col)
{
  char buffer[4096];
  SQLLEN indicator = 0;

  assert_success (SQLGetData (stmt, col, SQL_C_CHAR, buffer, sizeof buffer, &indicator),
                  SQL_HANDLE_STMT, stmt);
  if (indicator == SQL_NULL_DATA)
    return NULL;
  return g_strdup (buffer);
}

static gboolean
fetch (SQLHSTMT stmt)
{
  SQLRETURN ret = SQLFetch (stmt);

  if (ret == SQL_NO_DATA)
    return FALSE;
  assert_success (ret, SQL_HANDLE_STMT, stmt);
  return TRUE;
}

/* Runs @sql and returns the first column of its only row as text. */
static char *
query_text (SQLHDBC     dbc,
            const char *sql)
{
  SQLHSTMT stmt = stmt_new (dbc);
  char *text;

  exec_ok (stmt, sql);
  g_assert_true (fetch (stmt));
  text = get_text (stmt, 1);
  g_assert_false (fetch (stmt));
  stmt_free (stmt);
  return text;
}

static CoreTestTds *
start (const char *script)
{
  g_autoptr(GError) error = NULL;
  CoreTestTds *tds = core_test_tds_start (script, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tds);
  g_assert_cmpuint (core_test_tds_get_port (tds), >, 0);
  return tds;
}

/* The first logged event of kind @event whose "sql" contains @needle (a new reference). */
static JsonObject *
find_event (CoreTestTds *tds,
            const char  *event,
            const char  *needle)
{
  g_autoptr(JsonArray) events = core_test_tds_get_events (tds);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *object = json_array_get_object_element (events, i);
      const char *sql = json_object_get_string_member_with_default (object, "sql", "");

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "event", ""), event) == 0
          && (needle == NULL || strstr (sql, needle) != NULL))
        return json_object_ref (object);
    }
  return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* Cases */

static void
test_login (void)
{
  g_autoptr(CoreTestTds) tds = start ("{" LOGINS "}");
  g_autoptr(JsonObject) login = NULL;
  SQLHDBC dbc = connect_ok (tds);
  g_autofree char *log = NULL;

  g_assert_cmpuint (core_test_tds_count_events (tds, "connect"), ==, 1);
  login = find_event (tds, "login", NULL);
  g_assert_nonnull (login);
  g_assert_true (json_object_get_boolean_member (login, "ok"));
  g_assert_cmpstr (json_object_get_string_member (login, "user"), ==, "linkbench");
  g_assert_cmpstr (json_object_get_string_member (login, "app"), ==, "linkbench");
  dbc_free (dbc);
  g_assert_true (core_test_tds_wait_events (tds, "disconnect", 1, 10000));

  g_assert_true (g_file_get_contents (core_test_tds_get_log_path (tds), &log, NULL, NULL));
  g_assert_null (strstr (log, PASSWORD));
}

static void
test_login_wrong_password (void)
{
  g_autoptr(CoreTestTds) tds = start ("{" LOGINS "}");
  g_autoptr(JsonObject) login = NULL;
  g_auto(Diag) diag = { "", 0, NULL };
  g_autofree char *log = NULL;
  SQLHDBC dbc = dbc_new (5);

  g_assert_false (SQL_SUCCEEDED (dbc_connect (dbc, tds, "wr0ng-pw", "request", &diag)));
  g_test_message ("%s", diag.text);
  g_assert_cmpint (diag.native, ==, 18456);
  lb_test_assert_contains (diag.text, "Login failed for user 'linkbench'");
  SQLFreeHandle (SQL_HANDLE_DBC, dbc);

  login = find_event (tds, "login", NULL);
  g_assert_nonnull (login);
  g_assert_false (json_object_get_boolean_member (login, "ok"));
  /* Neither the wrong nor the right password is ever logged. */
  g_assert_true (g_file_get_contents (core_test_tds_get_log_path (tds), &log, NULL, NULL));
  g_assert_null (strstr (log, "wr0ng-pw"));
  g_assert_null (strstr (log, PASSWORD));
}

static const char types_script[] =
  "{" LOGINS ", \"queries\": [{\"match\": \"all_types\", \"responses\": [{\"results\": [{"
  "  \"columns\": ["
  "    {\"name\": \"i\", \"type\": \"int\"},"
  "    {\"name\": \"big\", \"type\": \"bigint\"},"
  "    {\"name\": \"small\", \"type\": \"smallint\"},"
  "    {\"name\": \"tiny\", \"type\": \"tinyint\"},"
  "    {\"name\": \"flag\", \"type\": \"bit\"},"
  "    {\"name\": \"f\", \"type\": \"float\"},"
  "    {\"name\": \"name\", \"type\": \"nvarchar\", \"length\": 60},"
  "    {\"name\": \"latin\", \"type\": \"varchar\", \"length\": 30},"
  "    {\"name\": \"ts\", \"type\": \"datetime2\"},"
  "    {\"name\": \"old\", \"type\": \"datetime\"},"
  "    {\"name\": \"tz\", \"type\": \"datetimeoffset\"},"
  "    {\"name\": \"lsn\", \"type\": \"numeric\"},"
  "    {\"name\": \"amount\", \"type\": \"numeric\", \"precision\": 10, \"scale\": 2},"
  "    {\"name\": \"id\", \"type\": \"uniqueidentifier\"},"
  "    {\"name\": \"text\", \"type\": \"nvarchar\", \"length\": \"max\"}],"
  "  \"rows\": ["
  "    [42, 1099511627776, -12, 255, true, 3.25, \"héllo wörld\", \"café\","
  "     \"2024-05-17 13:45:30.1234560\", \"2024-05-17 13:45:30.123\","
  "     \"2024-05-17 13:45:30.1234567 +02:00\", \"123456789012345678901234\", \"-1234.5\","
  "     \"6F9619FF-8B86-D011-B42D-00C04FC964FF\", \"ünïcode max\"],"
  "    [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null]"
  "  ]}]}]}]}";

static void
test_types (void)
{
  static const char *const expected[] = {
    "42", "1099511627776", "-12", "255", "1", NULL, "héllo wörld", "café",
    "2024-05-17 13:45:30.1234560", "2024-05-17 13:45:30.123", "2024-05-17 13:45:30.1234567 +02:00",
    "123456789012345678901234", "-1234.50", "6F9619FF-8B86-D011-B42D-00C04FC964FF", "ünïcode max",
  };
  g_autoptr(CoreTestTds) tds = start (types_script);
  SQLHDBC dbc = connect_ok (tds);
  SQLHSTMT stmt = stmt_new (dbc);
  SQLSMALLINT columns = 0;
  SQLLEN indicator = 0;
  double f = 0;

  exec_ok (stmt, "SELECT * FROM all_types");
  assert_success (SQLNumResultCols (stmt, &columns), SQL_HANDLE_STMT, stmt);
  g_assert_cmpint (columns, ==, G_N_ELEMENTS (expected));

  g_assert_true (fetch (stmt));
  for (SQLUSMALLINT col = 1; col <= columns; col++)
    {
      g_autofree char *text = NULL;

      if (col == 6)
        {
          assert_success (SQLGetData (stmt, col, SQL_C_DOUBLE, &f, 0, &indicator), SQL_HANDLE_STMT, stmt);
          g_assert_cmpfloat (f, ==, 3.25);
          continue;
        }
      text = get_text (stmt, col);
      g_test_message ("column %u: %s", col, text);
      g_assert_cmpstr (text, ==, expected[col - 1]);
    }

  g_assert_true (fetch (stmt));
  for (SQLUSMALLINT col = 1; col <= columns; col++)
    {
      g_autofree char *text = get_text (stmt, col);

      g_assert_null (text);
    }
  g_assert_false (fetch (stmt));
  stmt_free (stmt);
  dbc_free (dbc);
}

static void
test_result_sets (void)
{
  g_autoptr(CoreTestTds) tds = start (
    "{" LOGINS ", \"queries\": [{\"match\": [\"first\", \"second\"], \"responses\": [{\"results\": ["
    "  {\"columns\": [{\"name\": \"a\", \"type\": \"int\"}], \"rows\": [[1], [2]]},"
    "  {\"columns\": [{\"name\": \"b\", \"type\": \"nvarchar\"}], \"rows\": [[\"x\"]]}]}]}]}");
  SQLHDBC dbc = connect_ok (tds);
  SQLHSTMT stmt = stmt_new (dbc);
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;
  g_autofree char *b = NULL;

  exec_ok (stmt, "SELECT a FROM first; SELECT b FROM second");
  g_assert_true (fetch (stmt));
  a1 = get_text (stmt, 1);
  g_assert_true (fetch (stmt));
  a2 = get_text (stmt, 1);
  g_assert_false (fetch (stmt));
  g_assert_cmpstr (a1, ==, "1");
  g_assert_cmpstr (a2, ==, "2");

  assert_success (SQLMoreResults (stmt), SQL_HANDLE_STMT, stmt);
  g_assert_true (fetch (stmt));
  b = get_text (stmt, 1);
  g_assert_cmpstr (b, ==, "x");
  g_assert_false (fetch (stmt));
  g_assert_cmpint (SQLMoreResults (stmt), ==, SQL_NO_DATA);
  stmt_free (stmt);
  dbc_free (dbc);
}

#define MANY_ROWS 5000

static char *
many_rows_script (const char *fault)
{
  GString *script = g_string_new ("{" LOGINS ", \"queries\": [{\"match\": \"many_rows\", \"responses\": [{");

  if (fault != NULL)
    g_string_append_printf (script, "\"fault\": \"%s\", ", fault);
  g_string_append (script, "\"results\": [{\"columns\": [{\"name\": \"n\", \"type\": \"int\"}, "
                   "{\"name\": \"label\", \"type\": \"nvarchar\", \"length\": 64}], \"rows\": [");
  for (guint i = 1; i <= MANY_ROWS; i++)
    g_string_append_printf (script, "%s[%u, \"row %05u of the big result\"]", i > 1 ? ", " : "", i, i);
  g_string_append (script, "]}]}]}]}");
  return g_string_free (script, FALSE);
}

static void
test_many_rows (void)
{
  g_autofree char *script = many_rows_script (NULL);
  g_autoptr(CoreTestTds) tds = start (script);
  SQLHDBC dbc = connect_ok (tds);
  SQLHSTMT stmt = stmt_new (dbc);
  SQLLEN row_count = -1;
  guint rows = 0;

  exec_ok (stmt, "SELECT n, label FROM many_rows");
  while (fetch (stmt))
    {
      g_autofree char *n = get_text (stmt, 1);
      g_autofree char *label = get_text (stmt, 2);
      g_autofree char *expected = NULL;

      rows++;
      expected = g_strdup_printf ("row %05u of the big result", rows);
      g_assert_cmpuint (g_ascii_strtoull (n, NULL, 10), ==, rows);
      g_assert_cmpstr (label, ==, expected);
    }
  /* ~70 bytes a row: the reply spans about 90 packets of 4096 bytes. */
  g_assert_cmpuint (rows, ==, MANY_ROWS);
  assert_success (SQLRowCount (stmt, &row_count), SQL_HANDLE_STMT, stmt);
  g_assert_cmpint (row_count, ==, MANY_ROWS);
  stmt_free (stmt);
  dbc_free (dbc);
}

static void
test_server_error (void)
{
  g_autoptr(CoreTestTds) tds = start (
    "{" LOGINS ", \"queries\": [{\"match\": \"missing_table\", \"responses\": [{"
    "  \"messages\": [{\"number\": 5701, \"class\": 0, \"text\": \"just so you know\"}],"
    "  \"error\": {\"number\": 208, \"class\": 16, \"state\": 1,"
    "             \"text\": \"Invalid object name \\u0027missing_table\\u0027.\"}}]}],"
    " \"default\": {\"results\": [{\"columns\": [{\"name\": \"v\", \"type\": \"int\"}], \"rows\": [[7]]}]}}");
  SQLHDBC dbc = connect_ok (tds);
  SQLHSTMT stmt = stmt_new (dbc);
  g_auto(Diag) diag = { "", 0, NULL };
  g_autofree char *after = NULL;
  SQLRETURN ret;

  ret = SQLExecDirect (stmt, (SQLCHAR *) "SELECT * FROM missing_table", SQL_NTS);
  g_assert_cmpint (ret, ==, SQL_ERROR);
  diag_read (SQL_HANDLE_STMT, stmt, &diag);
  g_test_message ("%s", diag.text);
  lb_test_assert_contains (diag.text, "[208] ");
  lb_test_assert_contains (diag.text, "Invalid object name 'missing_table'.");
  stmt_free (stmt);

  /* The connection is still good. */
  after = query_text (dbc, "SELECT 7");
  g_assert_cmpstr (after, ==, "7");
  dbc_free (dbc);
}

static const char params_script[] =
  "{" LOGINS ", \"queries\": [{\"match\": [\"sys.databases\", \"@P1\"], \"responses\": [{\"results\": [{"
  "  \"columns\": [{\"name\": \"state_desc\", \"type\": \"nvarchar\", \"length\": 60}],"
  "  \"rows\": [[\"ONLINE\"]]}]}]}]}";

static void
test_parameters (void)
{
  g_autoptr(CoreTestTds) tds = start (params_script);
  g_autoptr(JsonObject) rpc = NULL;
  SQLHDBC dbc = connect_ok (tds);
  SQLHSTMT stmt = stmt_new (dbc);
  SQLCHAR name[] = "Sälës";
  SQLLEN name_length = SQL_NTS;
  SQLINTEGER id = 7;
  SQLBIGINT lsn = G_GINT64_CONSTANT (98000000012300001);
  SQLLEN fixed_length = 0;
  g_autofree char *state = NULL;
  JsonArray *params;

  assert_success (SQLBindParameter (stmt, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_WVARCHAR, 128, 0,
                                    name, 0, &name_length), SQL_HANDLE_STMT, stmt);
  assert_success (SQLBindParameter (stmt, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                                    &id, 0, &fixed_length), SQL_HANDLE_STMT, stmt);
  assert_success (SQLBindParameter (stmt, 3, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0,
                                    &lsn, 0, &fixed_length), SQL_HANDLE_STMT, stmt);
  exec_ok (stmt, "SELECT state_desc FROM sys.databases WHERE name = ? AND database_id = ? AND ? > 0");
  g_assert_true (fetch (stmt));
  state = get_text (stmt, 1);
  g_assert_cmpstr (state, ==, "ONLINE");
  g_assert_false (fetch (stmt));
  stmt_free (stmt);
  dbc_free (dbc);

  rpc = find_event (tds, "rpc", "sys.databases");
  g_assert_nonnull (rpc);
  g_test_message ("rpc %s: %s", json_object_get_string_member (rpc, "proc"),
                  json_object_get_string_member (rpc, "sql"));
  params = json_object_get_array_member (rpc, "params");
  g_assert_cmpuint (json_array_get_length (params), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (params, 0), ==, "Sälës");
  g_assert_cmpint (json_array_get_int_element (params, 1), ==, 7);
  g_assert_cmpint (json_array_get_int_element (params, 2), ==, lsn);
  g_assert_cmpuint (core_test_tds_count_events (tds, "batch"), ==, 0);
}

/* The RPC answers (DONEINPROC, RETURNSTATUS, DONEPROC) with several result sets and with a
 * server error. */
static void
test_parameters_results (void)
{
  g_autoptr(CoreTestTds) tds = start (
    "{" LOGINS ", \"queries\": ["
    "  {\"match\": \"two_sets\", \"responses\": [{\"results\": ["
    "    {\"columns\": [{\"name\": \"a\", \"type\": \"int\"}], \"rows\": [[1]]},"
    "    {\"columns\": [{\"name\": \"b\", \"type\": \"int\"}], \"rows\": [[2], [3]]}]}]},"
    "  {\"match\": \"denied\", \"responses\": [{\"error\": {\"number\": 297, \"class\": 16,"
    "    \"text\": \"The user does not have permission to perform this action.\"}}]}]}");
  SQLHDBC dbc = connect_ok (tds);
  SQLHSTMT stmt = stmt_new (dbc);
  SQLINTEGER id = 1;
  SQLLEN fixed_length = 0;
  g_auto(Diag) diag = { "", 0, NULL };
  g_autoptr(JsonObject) rpc = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint rows = 0;

  assert_success (SQLBindParameter (stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                                    &id, 0, &fixed_length), SQL_HANDLE_STMT, stmt);
  exec_ok (stmt, "SELECT a FROM two_sets WHERE x = ?; SELECT b FROM two_sets");
  g_assert_true (fetch (stmt));
  a = get_text (stmt, 1);
  g_assert_cmpstr (a, ==, "1");
  g_assert_false (fetch (stmt));
  assert_success (SQLMoreResults (stmt), SQL_HANDLE_STMT, stmt);
  while (fetch (stmt))
    {
      g_free (b);
      b = get_text (stmt, 1);
      rows++;
    }
  g_assert_cmpuint (rows, ==, 2);
  g_assert_cmpstr (b, ==, "3");
  g_assert_cmpint (SQLMoreResults (stmt), ==, SQL_NO_DATA);
  assert_success (SQLFreeStmt (stmt, SQL_CLOSE), SQL_HANDLE_STMT, stmt);

  g_assert_cmpint (SQLExecDirect (stmt, (SQLCHAR *) "EXEC denied ?", SQL_NTS), ==, SQL_ERROR);
  diag_read (SQL_HANDLE_STMT, stmt, &diag);
  g_test_message ("%s", diag.text);
  g_assert_cmpint (diag.native, ==, 297);
  lb_test_assert_contains (diag.text, "does not have permission");
  stmt_free (stmt);
  dbc_free (dbc);
  g_assert_cmpuint (core_test_tds_count_events (tds, "rpc"), ==, 2);
  g_assert_cmpuint (core_test_tds_count_events (tds, "batch"), ==, 0);
  rpc = find_event (tds, "rpc", "denied");
  g_assert_nonnull (rpc);
  g_test_message ("rpc %s: %s", json_object_get_string_member (rpc, "proc"),
                  json_object_get_string_member (rpc, "sql"));
}

static void
test_prepared (void)
{
  g_autoptr(CoreTestTds) tds = start (
    "{" LOGINS ", \"queries\": [{\"match\": \"lag_sample\", \"responses\": ["
    "  {\"results\": [{\"columns\": [{\"name\": \"lag\", \"type\": \"bigint\"}], \"rows\": [[10]]}]},"
    "  {\"results\": [{\"columns\": [{\"name\": \"lag\", \"type\": \"bigint\"}], \"rows\": [[20]]}]}]}]}");
  SQLHDBC dbc = connect_ok (tds);
  SQLHSTMT stmt = stmt_new (dbc);
  SQLINTEGER db = 5;
  SQLLEN fixed_length = 0;

  assert_success (SQLPrepare (stmt, (SQLCHAR *) "SELECT lag FROM lag_sample WHERE database_id = ?", SQL_NTS),
                  SQL_HANDLE_STMT, stmt);
  assert_success (SQLBindParameter (stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                                    &db, 0, &fixed_length), SQL_HANDLE_STMT, stmt);
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *lag = NULL;
      g_autofree char *expected = g_strdup_printf ("%u", i * 10);

      assert_success (SQLExecute (stmt), SQL_HANDLE_STMT, stmt);
      g_assert_true (fetch (stmt));
      lag = get_text (stmt, 1);
      g_assert_cmpstr (lag, ==, expected);
      g_assert_false (fetch (stmt));
      assert_success (SQLFreeStmt (stmt, SQL_CLOSE), SQL_HANDLE_STMT, stmt);
    }
  stmt_free (stmt);
  dbc_free (dbc);
  g_assert_cmpuint (core_test_tds_count_events (tds, "rpc"), >=, 2);
}

typedef struct
{
  CoreTestTds *tds;
  SQLHSTMT     stmt;
  guint        batches;
  SQLRETURN    ret;
  guint        others;
} CancelData;

static gpointer
cancel_thread (gpointer data)
{
  CancelData *cancel = data;

  /* Cancel once the query has reached the server, not after a guessed sleep. */
  if (core_test_tds_wait_events (cancel->tds, "batch", cancel->batches + 1, 10000))
    cancel->ret = SQLCancel (cancel->stmt);
  return NULL;
}

/* While the first connection hangs, three more connect and query, then the first is
 * cancelled. */
static gpointer
concurrent_thread (gpointer data)
{
  CancelData *cancel = data;

  if (!core_test_tds_wait_events (cancel->tds, "batch", cancel->batches + 1, 10000))
    return NULL;
  for (guint i = 0; i < 3; i++)
    {
      SQLHDBC dbc = connect_ok (cancel->tds);
      g_autofree char *v = query_text (dbc, "SELECT 1");

      if (g_strcmp0 (v, "1") == 0)
        cancel->others++;
      dbc_free (dbc);
    }
  cancel->ret = SQLCancel (cancel->stmt);
  return NULL;
}

static const char hang_script[] =
  "{" LOGINS ", \"queries\": [{\"match\": \"WAITFOR\", \"responses\": [{\"fault\": \"hang\"}]}],"
  " \"default\": {\"results\": [{\"columns\": [{\"name\": \"v\", \"type\": \"int\"}], \"rows\": [[1]]}]}}";

static void
test_cancel (void)
{
  g_autoptr(CoreTestTds) tds = start (hang_script);
  SQLHDBC dbc = connect_ok (tds);
  SQLHSTMT stmt = stmt_new (dbc);
  CancelData cancel = { tds, stmt, core_test_tds_count_events (tds, "batch"), SQL_ERROR, 0 };
  g_auto(Diag) diag = { "", 0, NULL };
  g_autofree char *after = NULL;
  GThread *thread;
  gint64 started;
  SQLRETURN ret;

  /* Only a bound, in case the cancel is never acknowledged (without it, FreeTDS would wait
   * for the acknowledgement for ever); the cancel comes well before it. */
  assert_success (SQLSetStmtAttr (stmt, SQL_ATTR_QUERY_TIMEOUT, (SQLPOINTER) 10, 0), SQL_HANDLE_STMT, stmt);
  started = g_get_monotonic_time ();
  thread = g_thread_new ("cancel", cancel_thread, &cancel);
  ret = SQLExecDirect (stmt, (SQLCHAR *) "WAITFOR DELAY '01:00:00'", SQL_NTS);
  g_thread_join (thread);
  g_assert_cmpint (g_get_monotonic_time () - started, <, RETURNS_US);
  g_assert_true (SQL_SUCCEEDED (cancel.ret));
  g_assert_cmpint (ret, ==, SQL_ERROR);
  diag_read (SQL_HANDLE_STMT, stmt, &diag);
  g_test_message ("%s", diag.text);
  g_assert_cmpstr (diag.state, ==, "HY008");
  g_assert_cmpuint (core_test_tds_count_events (tds, "attention"), ==, 1);
  stmt_free (stmt);

  /* The same connection answers the next query. */
  after = query_text (dbc, "SELECT 1");
  g_assert_cmpstr (after, ==, "1");
  dbc_free (dbc);
}

static void
test_query_timeout (void)
{
  g_autoptr(CoreTestTds) tds = start (hang_script);
  SQLHDBC dbc = connect_ok (tds);
  SQLHSTMT stmt = stmt_new (dbc);
  g_auto(Diag) diag = { "", 0, NULL };
  g_autofree char *after = NULL;
  gint64 started;
  SQLRETURN ret;

  assert_success (SQLSetStmtAttr (stmt, SQL_ATTR_QUERY_TIMEOUT, (SQLPOINTER) 1, 0), SQL_HANDLE_STMT, stmt);
  started = g_get_monotonic_time ();
  ret = SQLExecDirect (stmt, (SQLCHAR *) "WAITFOR DELAY '01:00:00'", SQL_NTS);
  g_assert_cmpint (g_get_monotonic_time () - started, <, RETURNS_US);
  g_assert_cmpint (ret, ==, SQL_ERROR);
  diag_read (SQL_HANDLE_STMT, stmt, &diag);
  g_test_message ("%s", diag.text);
  g_assert_cmpstr (diag.state, ==, "HYT00");
  stmt_free (stmt);

  after = query_text (dbc, "SELECT 1");
  g_assert_cmpstr (after, ==, "1");
  dbc_free (dbc);
}

static void
test_drop (void)
{
  g_autofree char *script = many_rows_script ("drop");
  g_autoptr(CoreTestTds) tds = start (script);
  SQLHDBC dbc = connect_ok (tds);
  SQLHSTMT stmt = stmt_new (dbc);
  g_auto(Diag) diag = { "", 0, NULL };
  gint64 started = g_get_monotonic_time ();
  SQLRETURN ret;
  guint rows = 0;

  ret = SQLExecDirect (stmt, (SQLCHAR *) "SELECT n, label FROM many_rows", SQL_NTS);
  while (SQL_SUCCEEDED (ret))
    {
      ret = SQLFetch (stmt);
      if (SQL_SUCCEEDED (ret))
        rows++;
    }
  g_assert_cmpint (g_get_monotonic_time () - started, <, RETURNS_US);
  g_assert_cmpint (ret, ==, SQL_ERROR);
  diag_read (SQL_HANDLE_STMT, stmt, &diag);
  g_test_message ("after %u rows: %s", rows, diag.text);
  g_assert_cmpuint (rows, <, MANY_ROWS);
  /* FreeTDS reports the lost connection as 01000, native 20017 "Unexpected EOF from the
   * server"; the connection is dead from then on. */
  g_assert_cmpint (diag.native, ==, 20017);
  stmt_free (stmt);

  stmt = stmt_new (dbc);
  started = g_get_monotonic_time ();
  ret = SQLExecDirect (stmt, (SQLCHAR *) "SELECT 1", SQL_NTS);
  g_assert_cmpint (g_get_monotonic_time () - started, <, RETURNS_US);
  g_assert_cmpint (ret, ==, SQL_ERROR);
  diag_read (SQL_HANDLE_STMT, stmt, &diag);
  g_test_message ("next query: %s", diag.text);
  stmt_free (stmt);
  dbc_free (dbc);
}

static void
test_login_timeout (void)
{
  g_autoptr(CoreTestTds) tds = start ("{" LOGINS ", \"login_fault\": \"hang\"}");
  g_auto(Diag) diag = { "", 0, NULL };
  SQLHDBC dbc = dbc_new (2);
  gint64 started = g_get_monotonic_time ();

  g_assert_false (SQL_SUCCEEDED (dbc_connect (dbc, tds, PASSWORD, "request", &diag)));
  g_assert_cmpint (g_get_monotonic_time () - started, <, RETURNS_US);
  g_test_message ("%s", diag.text);
  g_assert_cmpstr (diag.state, ==, "HYT00");
  SQLFreeHandle (SQL_HANDLE_DBC, dbc);
  g_assert_cmpuint (core_test_tds_count_events (tds, "connect"), ==, 1);
  g_assert_cmpuint (core_test_tds_count_events (tds, "login"), ==, 0);
}

static void
test_login_refused (void)
{
  g_autoptr(CoreTestTds) tds = start ("{" LOGINS ", \"login_fault\": \"refuse\"}");
  g_auto(Diag) diag = { "", 0, NULL };
  SQLHDBC dbc = dbc_new (5);
  gint64 started = g_get_monotonic_time ();

  g_assert_false (SQL_SUCCEEDED (dbc_connect (dbc, tds, PASSWORD, "request", &diag)));
  g_assert_cmpint (g_get_monotonic_time () - started, <, RETURNS_US);
  g_test_message ("%s", diag.text);
  g_assert_cmpstr (diag.state, ==, "08001");
  SQLFreeHandle (SQL_HANDLE_DBC, dbc);
}

static void
test_encryption_required (void)
{
  g_autoptr(CoreTestTds) tds = start ("{" LOGINS ", \"encryption\": \"not_supported\"}");
  g_auto(Diag) diag = { "", 0, NULL };
  SQLHDBC dbc = dbc_new (5);

  g_assert_false (SQL_SUCCEEDED (dbc_connect (dbc, tds, PASSWORD, "require", &diag)));
  g_test_message ("%s", diag.text);
  g_assert_cmpstr (diag.state, ==, "08001");
  SQLFreeHandle (SQL_HANDLE_DBC, dbc);
  g_assert_cmpuint (core_test_tds_count_events (tds, "connect"), ==, 1);
  g_assert_cmpuint (core_test_tds_count_events (tds, "login"), ==, 0);
}

static void
test_tls_refused (void)
{
  g_autoptr(CoreTestTds) tds = start ("{" LOGINS ", \"encryption\": \"on\"}");
  g_auto(Diag) diag = { "", 0, NULL };
  SQLHDBC dbc = dbc_new (5);
  gint64 started = g_get_monotonic_time ();

  g_assert_false (SQL_SUCCEEDED (dbc_connect (dbc, tds, PASSWORD, "request", &diag)));
  g_assert_cmpint (g_get_monotonic_time () - started, <, RETURNS_US);
  g_test_message ("%s", diag.text);
  SQLFreeHandle (SQL_HANDLE_DBC, dbc);
  g_assert_cmpuint (core_test_tds_count_events (tds, "tls_refused"), ==, 1);
  g_assert_cmpuint (core_test_tds_count_events (tds, "login"), ==, 0);
}

static void
test_login_garbage (void)
{
  g_autoptr(CoreTestTds) tds = start ("{" LOGINS ", \"login_fault\": \"garbage\"}");
  g_auto(Diag) diag = { "", 0, NULL };
  SQLHDBC dbc = dbc_new (5);
  gint64 started = g_get_monotonic_time ();

  g_assert_false (SQL_SUCCEEDED (dbc_connect (dbc, tds, PASSWORD, "request", &diag)));
  g_assert_cmpint (g_get_monotonic_time () - started, <, RETURNS_US);
  g_test_message ("%s", diag.text);
  g_assert_cmpstr (diag.state, ==, "08001");
  SQLFreeHandle (SQL_HANDLE_DBC, dbc);
  g_assert_cmpuint (core_test_tds_count_events (tds, "login"), ==, 0);
}

/* A reply of random bytes or none at all (the server closes): an error, not a hang. */
static void
test_reply_faults (void)
{
  static const char *const faults[] = { "garbage", "close" };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *script = g_strdup_printf (
        "{" LOGINS ", \"queries\": [{\"match\": \"broken\", \"responses\": [{\"fault\": \"%s\"}]}]}",
        faults[i]);
      g_autoptr(CoreTestTds) tds = start (script);
      SQLHDBC dbc = connect_ok (tds);
      SQLHSTMT stmt = stmt_new (dbc);
      g_auto(Diag) diag = { "", 0, NULL };
      gint64 started = g_get_monotonic_time ();
      SQLRETURN ret;

      ret = SQLExecDirect (stmt, (SQLCHAR *) "SELECT * FROM broken", SQL_NTS);
      while (SQL_SUCCEEDED (ret))
        ret = SQLFetch (stmt);
      g_assert_cmpint (g_get_monotonic_time () - started, <, RETURNS_US);
      g_assert_cmpint (ret, ==, SQL_ERROR);
      diag_read (SQL_HANDLE_STMT, stmt, &diag);
      g_test_message ("%s: %s", faults[i], diag.text);
      g_assert_cmpstr (diag.text, !=, "");
      stmt_free (stmt);
      dbc_free (dbc);
    }
}

/* delay_ms only delays: the answer still comes (no timing asserted), and a cancel during
 * the delay is acknowledged like one during a hang. */
static void
test_delay (void)
{
  g_autoptr(CoreTestTds) tds = start (
    "{" LOGINS ", \"queries\": ["
    "  {\"match\": \"slow_short\", \"responses\": [{\"delay_ms\": 200, \"results\": [{"
    "     \"columns\": [{\"name\": \"v\", \"type\": \"int\"}], \"rows\": [[5]]}]}]},"
    "  {\"match\": \"slow_long\", \"responses\": [{\"delay_ms\": 600000}]}]}");
  SQLHDBC dbc = connect_ok (tds);
  SQLHSTMT stmt = stmt_new (dbc);
  g_autofree char *v = query_text (dbc, "SELECT v FROM slow_short");
  CancelData cancel = { tds, stmt, core_test_tds_count_events (tds, "batch"), SQL_ERROR, 0 };
  g_auto(Diag) diag = { "", 0, NULL };
  GThread *thread;
  SQLRETURN ret;

  g_assert_cmpstr (v, ==, "5");

  /* A bound only, as in test_cancel(). */
  assert_success (SQLSetStmtAttr (stmt, SQL_ATTR_QUERY_TIMEOUT, (SQLPOINTER) 10, 0), SQL_HANDLE_STMT, stmt);
  thread = g_thread_new ("cancel", cancel_thread, &cancel);
  ret = SQLExecDirect (stmt, (SQLCHAR *) "SELECT v FROM slow_long", SQL_NTS);
  g_thread_join (thread);
  g_assert_cmpint (ret, ==, SQL_ERROR);
  diag_read (SQL_HANDLE_STMT, stmt, &diag);
  g_assert_cmpstr (diag.state, ==, "HY008");
  g_assert_cmpuint (core_test_tds_count_events (tds, "attention"), ==, 1);
  stmt_free (stmt);
  dbc_free (dbc);
}

/* Connections are served at the same time: one hangs in a query while others log in and
 * get their answers. */
static void
test_concurrent (void)
{
  g_autoptr(CoreTestTds) tds = start (hang_script);
  SQLHDBC hung = connect_ok (tds);
  SQLHSTMT stmt = stmt_new (hung);
  CancelData cancel = { tds, stmt, core_test_tds_count_events (tds, "batch"), SQL_ERROR, 0 };
  g_auto(Diag) diag = { "", 0, NULL };
  GThread *thread;
  SQLRETURN ret;

  assert_success (SQLSetStmtAttr (stmt, SQL_ATTR_QUERY_TIMEOUT, (SQLPOINTER) 10, 0), SQL_HANDLE_STMT, stmt);
  thread = g_thread_new ("cancel-later", concurrent_thread, &cancel);
  ret = SQLExecDirect (stmt, (SQLCHAR *) "WAITFOR DELAY '01:00:00'", SQL_NTS);
  g_thread_join (thread);
  g_assert_cmpint (ret, ==, SQL_ERROR);
  g_assert_true (SQL_SUCCEEDED (cancel.ret));
  diag_read (SQL_HANDLE_STMT, stmt, &diag);
  g_assert_cmpstr (diag.state, ==, "HY008");
  g_assert_cmpint (cancel.others, ==, 3);
  g_assert_cmpuint (core_test_tds_count_events (tds, "login"), ==, 4);
  stmt_free (stmt);
  dbc_free (hung);
}

static void
test_sequence (void)
{
  static const char *const expected[] = { "100", "200", "200" };
  g_autoptr(CoreTestTds) tds = start (
    "{" LOGINS ", \"queries\": [{\"match\": \"dm_hadr_database_replica_states\", \"responses\": ["
    "  {\"results\": [{\"columns\": [{\"name\": \"q\", \"type\": \"bigint\"}], \"rows\": [[100]]}]},"
    "  {\"results\": [{\"columns\": [{\"name\": \"q\", \"type\": \"bigint\"}], \"rows\": [[200]]}]}]}]}");

  /* A connection per sample, as a reconnecting sampler would: the timeline goes on, and its
   * last response repeats. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      SQLHDBC dbc = connect_ok (tds);
      g_autofree char *q = query_text (dbc, "SELECT log_send_queue_size FROM sys.dm_hadr_database_replica_states");

      g_assert_cmpstr (q, ==, expected[i]);
      dbc_free (dbc);
    }
  g_assert_cmpuint (core_test_tds_count_events (tds, "login"), ==, 3);
}

static gboolean
pid_alive (const char *pid)
{
  return kill ((pid_t) g_ascii_strtoll (pid, NULL, 10), 0) == 0 || errno != ESRCH;
}

static gboolean
port_open (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

static void
test_stop (void)
{
  CoreTestTds *tds = start ("{" LOGINS "}");
  g_autofree char *pid = g_strdup (core_test_tds_get_pid (tds));
  SQLHDBC dbc = connect_ok (tds);
  guint16 port = core_test_tds_get_port (tds);
  g_autofree char *log_path = g_strdup (core_test_tds_get_log_path (tds));

  g_assert_nonnull (pid);
  g_assert_true (pid_alive (pid));
  /* Stopping with a connection still open: the fixture exits by itself, nothing is left. */
  g_assert_true (core_test_tds_stop_clean (tds));
  g_assert_false (pid_alive (pid));
  g_assert_false (port_open (port));
  g_assert_false (g_file_test (log_path, G_FILE_TEST_EXISTS));
  dbc_free (dbc);
  core_test_tds_stop (NULL);
}

static void
test_max_seconds (void)
{
  CoreTestTds *tds = start ("{\"max_seconds\": 1}");
  guint16 port = core_test_tds_get_port (tds);
  gint64 started = g_get_monotonic_time ();

  /* Its stdin still open, the fixture gives up by itself after max_seconds. */
  while (port_open (port) && g_get_monotonic_time () - started < RETURNS_US)
    g_usleep (50000);
  g_assert_false (port_open (port));
  g_assert_true (core_test_tds_stop_clean (tds));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* For g_test_message() of UTF-8 text (LC_ALL is C.UTF-8 under meson test). */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_assert_true (SQL_SUCCEEDED (SQLAllocHandle (SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)));
  g_assert_true (SQL_SUCCEEDED (SQLSetEnvAttr (env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER) SQL_OV_ODBC3, 0)));

  g_test_add_func ("/tds-fixture/login", test_login);
  g_test_add_func ("/tds-fixture/login-wrong-password", test_login_wrong_password);
  g_test_add_func ("/tds-fixture/types", test_types);
  g_test_add_func ("/tds-fixture/result-sets", test_result_sets);
  g_test_add_func ("/tds-fixture/many-rows", test_many_rows);
  g_test_add_func ("/tds-fixture/server-error", test_server_error);
  g_test_add_func ("/tds-fixture/parameters", test_parameters);
  g_test_add_func ("/tds-fixture/parameters-results", test_parameters_results);
  g_test_add_func ("/tds-fixture/prepared", test_prepared);
  g_test_add_func ("/tds-fixture/cancel", test_cancel);
  g_test_add_func ("/tds-fixture/query-timeout", test_query_timeout);
  g_test_add_func ("/tds-fixture/drop", test_drop);
  g_test_add_func ("/tds-fixture/login-timeout", test_login_timeout);
  g_test_add_func ("/tds-fixture/login-refused", test_login_refused);
  g_test_add_func ("/tds-fixture/encryption-required", test_encryption_required);
  g_test_add_func ("/tds-fixture/tls-refused", test_tls_refused);
  g_test_add_func ("/tds-fixture/login-garbage", test_login_garbage);
  g_test_add_func ("/tds-fixture/reply-faults", test_reply_faults);
  g_test_add_func ("/tds-fixture/delay", test_delay);
  g_test_add_func ("/tds-fixture/concurrent", test_concurrent);
  g_test_add_func ("/tds-fixture/sequence", test_sequence);
  g_test_add_func ("/tds-fixture/stop", test_stop);
  g_test_add_func ("/tds-fixture/max-seconds", test_max_seconds);

  status = g_test_run ();
  SQLFreeHandle (SQL_HANDLE_ENV, env);
  return status;
}
