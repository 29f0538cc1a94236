/* lb-sql-connection.c: ODBC (unixODBC + FreeTDS) behind one small interface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sql.h>
#include <sqlext.h>

#include "lb-freetds-conf.h"
#include "lb-sql-connection.h"
#include "lb-sql-profile.h"
#include "lb-sql-secret.h"

G_DEFINE_QUARK (lb-sql-error-quark, lb_sql_error)

struct _LbSqlConnection
{
  GObject              parent_instance;

  LbConnectionProfile *profile;
  char                *password;
  char                *label;

  SQLHDBC              dbc;
  gboolean             open;

  /* The running statement, for a cancel from another thread. */
  GMutex               stmt_lock;
  SQLHSTMT             running;
  gboolean             cancel_sent;
};

G_DEFINE_FINAL_TYPE (LbSqlConnection, lb_sql_connection, G_TYPE_OBJECT)

static SQLHENV
shared_environment (void)
{
  static gsize env_once = 0;
  static SQLHENV env = SQL_NULL_HENV;

  if (g_once_init_enter (&env_once))
    {
      if (SQL_SUCCEEDED (SQLAllocHandle (SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)))
        SQLSetEnvAttr (env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER) SQL_OV_ODBC3, 0);
      else
        env = SQL_NULL_HENV;
      g_once_init_leave (&env_once, 1);
    }
  return env;
}

static void
lb_sql_connection_finalize (GObject *object)
{
  LbSqlConnection *self = LB_SQL_CONNECTION (object);

  lb_sql_connection_close (self);
  lb_record_free (self->profile);
  lb_sql_profile_free_secret_string (self->password);
  g_free (self->label);
  g_mutex_clear (&self->stmt_lock);
  G_OBJECT_CLASS (lb_sql_connection_parent_class)->finalize (object);
}

static void
lb_sql_connection_class_init (LbSqlConnectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_sql_connection_finalize;
}

static void
lb_sql_connection_init (LbSqlConnection *self)
{
  g_mutex_init (&self->stmt_lock);
  self->dbc = SQL_NULL_HDBC;
}

LbSqlConnection *
lb_sql_connection_new (const LbConnectionProfile *profile,
                       const char                *password)
{
  LbSqlConnection *self;

  g_return_val_if_fail (profile != NULL && profile->host != NULL, NULL);

  self = g_object_new (LB_TYPE_SQL_CONNECTION, NULL);
  self->profile = lb_record_copy (profile);
  self->password = g_strdup (password);
  self->label = lb_sql_profile_server_label (profile);
  return self;
}

LbSqlConnection *
lb_sql_connection_new_from_keyring (const LbConnectionProfile *profile,
                                    GCancellable              *cancellable,
                                    GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  LbSqlConnection *connection;
  char *password = NULL;

  if (profile->auth == LB_AUTH_SQL_LOGIN && profile->login != NULL
      && (password = lb_sql_secret_lookup (profile, cancellable, &local_error)) == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  connection = lb_sql_connection_new (profile, password);
  if (password != NULL)
    lb_sql_secret_free (password);
  return connection;
}

const char *
lb_sql_connection_get_label (LbSqlConnection *self)
{
  g_return_val_if_fail (LB_IS_SQL_CONNECTION (self), NULL);
  return self->label;
}

gboolean
lb_sql_connection_is_open (LbSqlConnection *self)
{
  g_return_val_if_fail (LB_IS_SQL_CONNECTION (self), FALSE);
  return self->open;
}

/* One diagnostic record of a failed call. */
typedef struct
{
  char   state[6];
  SQLINTEGER native;
  char  *text;
} Diagnostic;

static void
diagnostic_clear (gpointer data)
{
  g_free (((Diagnostic *) data)->text);
}

/* "[FreeTDS][SQL Server]Login failed …" → "Login failed …" */
static char *
strip_vendor_prefixes (const char *text)
{
  while (*text == '[')
    {
      const char *end = strchr (text, ']');

      if (end == NULL)
        break;
      text = end + 1;
    }
  return g_strstrip (g_strdup (text));
}

static GArray *
read_diagnostics (SQLSMALLINT type,
                  SQLHANDLE   handle)
{
  GArray *records = g_array_new (FALSE, TRUE, sizeof (Diagnostic));

  g_array_set_clear_func (records, diagnostic_clear);
  for (SQLSMALLINT i = 1; i < 32; i++)
    {
      SQLCHAR state[6] = { 0 };
      SQLCHAR text[1024] = { 0 };
      SQLSMALLINT length = 0;
      Diagnostic record = { 0 };

      if (!SQL_SUCCEEDED (SQLGetDiagRec (type, handle, i, state, &record.native, text, sizeof text, &length)))
        break;
      memcpy (record.state, state, 5);
      record.text = strip_vendor_prefixes ((const char *) text);
      g_array_append_val (records, record);
    }
  return records;
}

static const Diagnostic *
find_state (GArray     *records,
            const char *prefix)
{
  for (guint i = 0; i < records->len; i++)
    {
      const Diagnostic *d = &g_array_index (records, Diagnostic, i);

      if (g_str_has_prefix (d->state, prefix))
        return d;
    }
  return NULL;
}

static const Diagnostic *
find_native (GArray           *records,
             const SQLINTEGER *numbers)
{
  for (guint i = 0; i < records->len; i++)
    {
      const Diagnostic *d = &g_array_index (records, Diagnostic, i);

      for (guint n = 0; numbers[n] != 0; n++)
        if (d->native == numbers[n])
          return d;
    }
  return NULL;
}

/* The most telling record: a server error (it has a number) before the driver's own
 * summaries such as "Unable to connect to data source". */
static const Diagnostic *
main_record (GArray *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      const Diagnostic *d = &g_array_index (records, Diagnostic, i);

      if (d->native > 0 && d->native < 20000)
        return d;
    }
  for (guint i = 0; i < records->len; i++)
    {
      const Diagnostic *d = &g_array_index (records, Diagnostic, i);

      if (d->native >= 20000)
        return d;
    }
  return records->len > 0 ? &g_array_index (records, Diagnostic, 0) : NULL;
}

/* Turns the diagnostics of a failed call into one error. @during_login: the call was the
 * login, where a silent server means the login timeout. */
static void
set_error_from_diagnostics (LbSqlConnection *self,
                            SQLSMALLINT      type,
                            SQLHANDLE        handle,
                            gboolean         during_login,
                            GError         **error)
{
  /* FreeTDS's own numbers: 20002 connection failed, 20009 unreachable, 20012 unknown name,
   * 20017 unexpected EOF, 20003 timeout. */
  static const SQLINTEGER permission[] = { 229, 230, 262, 297, 300, 916, 2571, 15247, 0 };
  static const SQLINTEGER unreachable[] = { 20009, 20012, 20013, 0 };
  static const SQLINTEGER lost[] = { 20004, 20006, 20017, 20019, 20020, 0 };
  g_autoptr(GArray) records = read_diagnostics (type, handle);
  const Diagnostic *main = main_record (records);
  const Diagnostic *d;
  const char *text = main != NULL ? main->text : _("the driver gave no reason");
  int number = main != NULL ? (int) main->native : 0;

  if ((d = find_native (records, (const SQLINTEGER[]) { 18456, 18452, 18470, 18486, 18487, 18488, 0 })) != NULL
      || find_state (records, "28") != NULL)
    {
      if (d == NULL)
        d = find_state (records, "28");
      g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_LOGIN_FAILED,
                   /* TRANSLATORS: "sql01:1433: login failed for user “linkbench” (18456): Login failed for user 'linkbench'." */
                   _("%s: login failed for user “%s” (%d): %s"), self->label,
                   self->profile->login != NULL ? self->profile->login : "", (int) d->native, d->text);
    }
  else if (find_state (records, "HY008") != NULL && self->cancel_sent)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: the query was cancelled"), self->label);
  else if (find_state (records, "HYT") != NULL || find_state (records, "HY008") != NULL
           || find_native (records, (const SQLINTEGER[]) { 20003, 0 }) != NULL)
    g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_TIMEOUT,
                 /* TRANSLATORS: "sql01:1433: the server did not answer within 10 s" */
                 _("%s: the server did not answer within %d s"), self->label,
                 (int) (during_login ? self->profile->login_timeout_s : self->profile->query_timeout_s));
  else if ((d = find_native (records, permission)) != NULL)
    g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_PERMISSION, _("%s: permission denied (%d): %s"), self->label,
                 (int) d->native, d->text);
  else if (find_state (records, "IM00") != NULL)
    g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_DRIVER, _("Could not load the ODBC driver %s: %s"),
                 lb_sql_profile_get_driver (self->profile), text);
  else if ((d = find_native (records, unreachable)) != NULL)
    g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_UNREACHABLE, _("%s: the server cannot be reached (%d): %s"),
                 self->label, (int) d->native, d->text);
  else if (during_login && self->profile->encryption == LB_ENCRYPTION_REQUIRE && find_state (records, "08") != NULL)
    /* FreeTDS ends a login whose PRELOGIN answer offers no encryption with a bare "Unable
     * to connect" when encryption is required. */
    g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_TLS,
                 _("%s: TLS required but the server does not support encryption, or the TLS handshake failed: %s"),
                 self->label, text);
  else if (find_state (records, "08S01") != NULL || find_native (records, lost) != NULL)
    g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_CONNECTION_LOST, _("%s: the connection was lost: %s"),
                 self->label, text);
  else if (during_login || find_state (records, "08") != NULL)
    g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_UNREACHABLE, _("%s: could not connect: %s"), self->label, text);
  else if (number > 0)
    g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_SERVER, _("%s: the server reported error %d: %s"), self->label,
                 number, text);
  else
    g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_FAILED, "%s: %s", self->label, text);
}

gboolean
lb_sql_connection_open (LbSqlConnection *self,
                        GCancellable    *cancellable,
                        GError         **error)
{
  SQLHENV env = shared_environment ();
  char *connection_string;
  SQLRETURN rc;

  g_return_val_if_fail (LB_IS_SQL_CONNECTION (self), FALSE);

  if (self->open)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (self->profile->auth != LB_AUTH_SQL_LOGIN)
    {
      g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_UNSUPPORTED,
                   _("%s: this version signs in with SQL logins only; Windows (Kerberos) and Microsoft Entra ID "
                     "authentication are not supported yet"), self->label);
      return FALSE;
    }
  if (env == SQL_NULL_HENV)
    {
      g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_DRIVER, _("The ODBC driver manager could not be initialised"));
      return FALSE;
    }
  if (lb_sql_profile_get_driver_kind (self->profile) == LB_ODBC_DRIVER_FREETDS)
    {
      /* FreeTDS 1.3 ends a braced value at the first "};" and has no escape for it. */
      if (self->password != NULL && strstr (self->password, "};") != NULL)
        {
          g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_UNSUPPORTED,
                       _("%s: the password contains “};”, which FreeTDS's ODBC driver cannot be given; change the "
                         "password or use Microsoft's ODBC driver"), self->label);
          return FALSE;
        }
      if (!lb_freetds_conf_add (self->profile, error))
        return FALSE;
    }
  if (!SQL_SUCCEEDED (SQLAllocHandle (SQL_HANDLE_DBC, env, &self->dbc)))
    {
      self->dbc = SQL_NULL_HDBC;
      g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_DRIVER, _("The ODBC driver manager could not open a connection"));
      return FALSE;
    }
  if (self->profile->login_timeout_s > 0)
    SQLSetConnectAttr (self->dbc, SQL_ATTR_LOGIN_TIMEOUT, (SQLPOINTER) (intptr_t) self->profile->login_timeout_s, 0);

  connection_string = lb_sql_profile_connection_string (self->profile, self->password);
  rc = SQLDriverConnect (self->dbc, NULL, (SQLCHAR *) connection_string, SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT);
  lb_sql_profile_free_secret_string (connection_string);
  if (!SQL_SUCCEEDED (rc))
    {
      set_error_from_diagnostics (self, SQL_HANDLE_DBC, self->dbc, TRUE, error);
      SQLFreeHandle (SQL_HANDLE_DBC, self->dbc);
      self->dbc = SQL_NULL_HDBC;
      return FALSE;
    }
  self->open = TRUE;
  return TRUE;
}

void
lb_sql_connection_close (LbSqlConnection *self)
{
  g_return_if_fail (LB_IS_SQL_CONNECTION (self));

  if (self->dbc == SQL_NULL_HDBC)
    return;
  if (self->open)
    SQLDisconnect (self->dbc);
  SQLFreeHandle (SQL_HANDLE_DBC, self->dbc);
  self->dbc = SQL_NULL_HDBC;
  self->open = FALSE;
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  LbSqlConnection *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->stmt_lock);

  if (self->running != SQL_NULL_HSTMT)
    {
      self->cancel_sent = TRUE;
      SQLCancel (self->running);
    }
}

/* A column's value as text, however long; NULL for SQL NULL. */
static gboolean
read_value (SQLHSTMT     stmt,
            SQLUSMALLINT column,
            char       **value)
{
  GString *text = NULL;
  char buffer[4096];

  for (;;)
    {
      SQLLEN indicator = 0;
      SQLRETURN rc = SQLGetData (stmt, column, SQL_C_CHAR, buffer, sizeof buffer, &indicator);

      if (rc == SQL_NO_DATA)
        break;
      if (!SQL_SUCCEEDED (rc))
        {
          if (text != NULL)
            g_string_free (text, TRUE);
          return FALSE;
        }
      if (indicator == SQL_NULL_DATA)
        {
          *value = NULL;
          return TRUE;
        }
      if (text == NULL)
        text = g_string_new (NULL);
      /* A truncated piece fills the buffer but for its terminating NUL. */
      if (indicator == SQL_NO_TOTAL || indicator >= (SQLLEN) sizeof buffer)
        g_string_append_len (text, buffer, sizeof buffer - 1);
      else
        g_string_append_len (text, buffer, indicator);
      if (rc == SQL_SUCCESS)
        break;
    }
  *value = text != NULL ? g_string_free (text, FALSE) : g_strdup ("");
  return TRUE;
}

static GStrv
read_column_names (SQLHSTMT    stmt,
                   SQLSMALLINT n_columns)
{
  GStrv names = g_new0 (char *, n_columns + 1);

  for (SQLSMALLINT c = 0; c < n_columns; c++)
    {
      SQLCHAR name[256] = { 0 };
      SQLSMALLINT length = 0;

      SQLColAttribute (stmt, (SQLUSMALLINT) (c + 1), SQL_DESC_NAME, name, sizeof name, &length, NULL);
      names[c] = g_strdup ((const char *) name);
    }
  return names;
}

static void
collect_messages (SQLHSTMT     stmt,
                  LbSqlResult *result)
{
  g_autoptr(GArray) records = read_diagnostics (SQL_HANDLE_STMT, stmt);

  for (guint i = 0; i < records->len; i++)
    {
      const Diagnostic *d = &g_array_index (records, Diagnostic, i);

      if (d->text != NULL && *d->text != '\0')
        g_ptr_array_add (result->messages, g_strdup (d->text));
    }
}

/* Reads every result set of an executed statement. */
static gboolean
read_results (LbSqlConnection *self,
              SQLHSTMT         stmt,
              LbSqlResult     *result,
              GError         **error)
{
  SQLRETURN rc;

  do
    {
      SQLSMALLINT n_columns = 0;
      LbSqlRowSet *set;

      if (!SQL_SUCCEEDED (SQLNumResultCols (stmt, &n_columns)))
        {
          set_error_from_diagnostics (self, SQL_HANDLE_STMT, stmt, FALSE, error);
          return FALSE;
        }
      if (n_columns > 0)
        {
          set = lb_sql_result_add_set (result, read_column_names (stmt, n_columns));
          while ((rc = SQLFetch (stmt)) != SQL_NO_DATA)
            {
              char **values;

              if (!SQL_SUCCEEDED (rc))
                {
                  set_error_from_diagnostics (self, SQL_HANDLE_STMT, stmt, FALSE, error);
                  return FALSE;
                }
              values = g_new0 (char *, n_columns);
              for (SQLSMALLINT c = 0; c < n_columns; c++)
                if (!read_value (stmt, (SQLUSMALLINT) (c + 1), &values[c]))
                  {
                    for (SQLSMALLINT k = 0; k < c; k++)
                      g_free (values[k]);
                    g_free (values);
                    set_error_from_diagnostics (self, SQL_HANDLE_STMT, stmt, FALSE, error);
                    return FALSE;
                  }
              lb_sql_row_set_add_row (set, values);
            }
        }
      rc = SQLMoreResults (stmt);
      if (rc == SQL_SUCCESS_WITH_INFO)
        collect_messages (stmt, result);
    }
  while (SQL_SUCCEEDED (rc));
  if (rc != SQL_NO_DATA)
    {
      set_error_from_diagnostics (self, SQL_HANDLE_STMT, stmt, FALSE, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
error_loses_connection (const GError *error)
{
  return g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_CONNECTION_LOST)
         || g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_UNREACHABLE);
}

LbSqlResult *
lb_sql_connection_query (LbSqlConnection   *self,
                         const char        *sql,
                         const char *const *params,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(LbSqlResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_params = params != NULL ? g_strv_length ((GStrv) params) : 0;
  g_autofree SQLLEN *lengths = g_new0 (SQLLEN, MAX (n_params, 1));
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  gulong handler = 0;
  gboolean ok = FALSE;
  SQLRETURN rc;

  g_return_val_if_fail (LB_IS_SQL_CONNECTION (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!self->open)
    {
      g_set_error (error, LB_SQL_ERROR, LB_SQL_ERROR_CONNECTION_LOST, _("%s: not connected"), self->label);
      return NULL;
    }
  if (!SQL_SUCCEEDED (SQLAllocHandle (SQL_HANDLE_STMT, self->dbc, &stmt)))
    {
      set_error_from_diagnostics (self, SQL_HANDLE_DBC, self->dbc, FALSE, &local_error);
      goto out;
    }
  if (self->profile->query_timeout_s > 0)
    SQLSetStmtAttr (stmt, SQL_ATTR_QUERY_TIMEOUT, (SQLPOINTER) (intptr_t) self->profile->query_timeout_s, 0);
  for (guint i = 0; i < n_params; i++)
    {
      gsize length = strlen (params[i]);

      lengths[i] = (SQLLEN) length;
      if (!SQL_SUCCEEDED (SQLBindParameter (stmt, (SQLUSMALLINT) (i + 1), SQL_PARAM_INPUT, SQL_C_CHAR, SQL_WVARCHAR,
                                            MAX (length, 1), 0, (SQLPOINTER) params[i], (SQLLEN) length, &lengths[i])))
        {
          set_error_from_diagnostics (self, SQL_HANDLE_STMT, stmt, FALSE, &local_error);
          goto out;
        }
    }

  g_mutex_lock (&self->stmt_lock);
  self->running = stmt;
  self->cancel_sent = FALSE;
  g_mutex_unlock (&self->stmt_lock);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);

  result = lb_sql_result_new ();
  rc = SQLExecDirect (stmt, (SQLCHAR *) sql, SQL_NTS);
  if (rc == SQL_SUCCESS_WITH_INFO)
    collect_messages (stmt, result);
  if (rc == SQL_NO_DATA)
    ok = TRUE;
  else if (!SQL_SUCCEEDED (rc))
    set_error_from_diagnostics (self, SQL_HANDLE_STMT, stmt, FALSE, &local_error);
  else
    ok = read_results (self, stmt, result, &local_error);

  g_cancellable_disconnect (cancellable, handler);
  g_mutex_lock (&self->stmt_lock);
  self->running = SQL_NULL_HSTMT;
  g_mutex_unlock (&self->stmt_lock);
  /* A cancel that arrived just before the statement started was not seen by the server. */
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    ok = FALSE;

out:
  if (stmt != SQL_NULL_HSTMT)
    SQLFreeHandle (SQL_HANDLE_STMT, stmt);
  if (!ok)
    {
      if (error_loses_connection (local_error))
        lb_sql_connection_close (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&result);
}

char *
lb_sql_connection_describe_server (LbSqlConnection *self,
                                   GCancellable    *cancellable,
                                   GError         **error)
{
  g_autoptr(LbSqlResult) result = NULL;
  const LbSqlRowSet *set;

  if (!lb_sql_connection_open (self, cancellable, error))
    return NULL;
  result = lb_sql_connection_query (self,
                                    "SELECT @@SERVERNAME AS server_name, "
                                    "CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(32)) AS product_version, "
                                    "CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition",
                                    NULL, cancellable, error);
  if (result == NULL)
    return NULL;
  if ((set = lb_sql_result_get_set (result, 0)) == NULL || set->rows->len == 0)
    return g_strdup (self->label);
  /* TRANSLATORS: "SQL01 (16.0.4125.3, Enterprise Edition)" */
  return g_strdup_printf (_("%s (%s, %s)"), lb_sql_row_set_get (set, 0, "server_name") ?: self->label,
                          lb_sql_row_set_get (set, 0, "product_version") ?: "?",
                          lb_sql_row_set_get (set, 0, "edition") ?: "?");
}

static void
test_worker (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = lb_sql_connection_new_from_keyring (data, cancellable, &error);
  char *description = connection != NULL ? lb_sql_connection_describe_server (connection, cancellable, &error) : NULL;

  if (description == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, description, g_free);
}

void
lb_sql_profile_test_async (const LbConnectionProfile *profile,
                           GCancellable              *cancellable,
                           GAsyncReadyCallback        callback,
                           gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, lb_sql_profile_test_async);
  g_task_set_task_data (task, lb_record_copy (profile), lb_record_free);
  g_task_run_in_thread (task, test_worker);
}

char *
lb_sql_profile_test_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
