/* bench-sampler.c: the lag sampler's cost per poll round for 100 linked databases on
 * loopback (issue 4): each project's link poll (its link and database bound) through
 * unixODBC + FreeTDS against the TDS test server, its row turned into a sample and stored
 * through the bulk path with its rollups — 100 projects, one database each.
 *
 * Reference, measured in the same run: the same 100 polls with bare ODBC calls
 * (SQLBindParameter, SQLExecDirect, SQLFetch, SQLGetData on every column) — the floor any
 * client pays.
 * Prints "bench: <name> <value> <unit>" lines: wall and CPU time of this process per
 * round for both, their ratio, and the CPU share of the default 5 s interval.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sql.h>
#include <sqlext.h>
#include <sys/resource.h>

#include "core-test-tds.h"
#include "lb-core.h"
#include "lb-test-util.h"
#include "sqlserver/lb-freetds-conf.h"

#define N_DATABASES 100
#define ROUNDS      40

#define COLUMNS \
  "{\"columns\": [{\"name\": \"link_name\", \"type\": \"nvarchar\"}," \
  " {\"name\": \"database_name\", \"type\": \"nvarchar\"}, {\"name\": \"commit_lag_ms\", \"type\": \"bigint\"}," \
  " {\"name\": \"secondary_lag_seconds\", \"type\": \"bigint\"}, {\"name\": \"send_queue_kb\", \"type\": \"bigint\"}," \
  " {\"name\": \"send_rate_kbps\", \"type\": \"bigint\"}, {\"name\": \"redo_queue_kb\", \"type\": \"bigint\"}," \
  " {\"name\": \"redo_rate_kbps\", \"type\": \"bigint\"}, {\"name\": \"synchronization_state_desc\", \"type\": \"nvarchar\"}," \
  " {\"name\": \"synchronization_health_desc\", \"type\": \"nvarchar\"}], \"rows\": "

/* Each project's poll (its link and database bound) answers that database's row. */
static char *
poll_script (void)
{
  GString *script = g_string_new ("{\"logins\": [{\"user\": \"bench\", \"password\": \"bench\"}], \"queries\": [");

  for (guint i = 0; i < N_DATABASES; i++)
    g_string_append_printf (script,
                            "%s{\"match\": \"commit_lag_ms\", \"params\": [\"DAG_%03u\", \"DB_%03u\"], \"responses\": "
                            "[{\"results\": [" COLUMNS "[[\"DAG_%03u\", \"DB_%03u\", %u, 1, %u, 512, %u, 256, \"SYNCHRONIZING\","
                            " \"HEALTHY\"]]}, {\"columns\": [{\"name\": \"database_name\", \"type\": \"nvarchar\"},"
                            " {\"name\": \"log_bytes_flushed\", \"type\": \"bigint\"}], \"rows\": [[\"DB_%03u\", %u]]}]}]}",
                            i > 0 ? ", " : "", i, i, i, i, 100 + i * 7, i, 2 * i, i, 1000000 * i);
  g_string_append (script, "]}");
  return g_string_free (script, FALSE);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* The reference: one project's poll with bare ODBC calls, the same two parameters bound. */
static void
bare_poll (SQLHDBC     dbc,
           const char *link,
           const char *database)
{
  SQLLEN lengths[2] = { (SQLLEN) strlen (link), (SQLLEN) strlen (database) };
  SQLHSTMT stmt;
  SQLRETURN rc;

  SQLAllocHandle (SQL_HANDLE_STMT, dbc, &stmt);
  SQLBindParameter (stmt, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_WVARCHAR, 128, 0, (SQLPOINTER) link, lengths[0],
                    &lengths[0]);
  SQLBindParameter (stmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_WVARCHAR, 128, 0, (SQLPOINTER) database, lengths[1],
                    &lengths[1]);
  rc = SQLExecDirect (stmt, (SQLCHAR *) lb_link_poll_sql, SQL_NTS);
  g_assert_true (SQL_SUCCEEDED (rc));
  do
    {
      SQLSMALLINT n = 0;

      SQLNumResultCols (stmt, &n);
      while (n > 0 && SQL_SUCCEEDED (SQLFetch (stmt)))
        for (SQLSMALLINT c = 1; c <= n; c++)
          {
            char buffer[256];
            SQLLEN indicator;

            SQLGetData (stmt, (SQLUSMALLINT) c, SQL_C_CHAR, buffer, sizeof buffer, &indicator);
          }
    }
  while (SQL_SUCCEEDED (SQLMoreResults (stmt)));
  SQLFreeHandle (SQL_HANDLE_STMT, stmt);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *script = poll_script ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CoreTestTds) tds = NULL;
  g_autoptr(LbStore) store = NULL;
  g_autoptr(LbSqlConnection) connection = NULL;
  LbLagWriter *writers[N_DATABASES];
  char *names[N_DATABASES];
  char *links[N_DATABASES];
  LbConnectionProfile *profile = lb_record_new (&lb_connection_profile_kind);
  g_autofree char *bare_string = NULL;
  SQLHENV env;
  SQLHDBC dbc;
  double wall, cpu, bare_wall, bare_cpu;
  gint64 start;

  setlocale (LC_ALL, "");
  g_setenv ("XDG_RUNTIME_DIR", dir, TRUE);
  if (g_getenv ("LB_TDS_SERVER") == NULL)
    g_setenv ("LB_TDS_SERVER", TEST_SRCDIR "/fixtures/tds-server.py", TRUE);
  tds = core_test_tds_start (script, &error);
  g_assert_no_error (error);
  store = lb_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_DATABASES; i++)
    {
      LbProject *project = lb_record_new (&lb_project_kind);

      project->name = g_strdup_printf ("Project %03u", i);
      g_assert_true (lb_store_insert (store, project, &error));
      writers[i] = lb_lag_writer_new (store, project->id, LB_LAG_SOURCE_SQLSERVER, 0, &error);
      lb_lag_writer_set_batch_size (writers[i], 1);
      names[i] = g_strdup_printf ("DB_%03u", i);
      links[i] = g_strdup_printf ("DAG_%03u", i);
      lb_record_free (project);
    }

  /* Reference: bare ODBC with the same driver, server and query. */
  bare_string = g_strdup_printf ("DRIVER={%s};SERVER=127.0.0.1;PORT=%u;TDS_Version=7.4;UID=bench;PWD=bench;"
                                 "ClientCharset=UTF-8;Encryption=request", LB_DEFAULT_ODBC_DRIVER,
                                 core_test_tds_get_port (tds));
  SQLAllocHandle (SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
  SQLSetEnvAttr (env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER) SQL_OV_ODBC3, 0);
  SQLAllocHandle (SQL_HANDLE_DBC, env, &dbc);
  g_assert_true (SQL_SUCCEEDED (SQLDriverConnect (dbc, NULL, (SQLCHAR *) bare_string, SQL_NTS, NULL, 0, NULL,
                                                  SQL_DRIVER_NOPROMPT)));
  bare_poll (dbc, links[0], names[0]);
  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  for (guint r = 0; r < ROUNDS; r++)
    for (guint i = 0; i < N_DATABASES; i++)
      bare_poll (dbc, links[i], names[i]);
  bare_wall = (g_get_monotonic_time () - start) / 1e6 / ROUNDS;
  bare_cpu = (cpu_seconds () - cpu) / ROUNDS;
  SQLDisconnect (dbc);
  SQLFreeHandle (SQL_HANDLE_DBC, dbc);
  SQLFreeHandle (SQL_HANDLE_ENV, env);

  /* Linkbench: query, 100 rows to samples, 100 samples stored with their rollups. */
  profile->name = g_strdup ("bench");
  profile->host = g_strdup ("127.0.0.1");
  profile->port = core_test_tds_get_port (tds);
  profile->login = g_strdup ("bench");
  profile->encryption = LB_ENCRYPTION_REQUEST;
  connection = lb_sql_connection_new (profile, "bench");
  g_assert_true (lb_sql_connection_open (connection, NULL, &error));
  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 t = lb_time_now_ms () + r;

      for (guint i = 0; i < N_DATABASES; i++)
        {
          const char *const params[] = { links[i], names[i], NULL };
          g_autoptr(LbSqlResult) result = lb_sql_connection_query (connection, lb_link_poll_sql, params, NULL, &error);
          LbLinkPoll poll;

          g_assert_no_error (error);
          g_assert_true (lb_link_poll_read (result, links[i], names[i], t, &poll, &error));
          g_assert_true (lb_lag_writer_add (writers[i], &poll.sample, &error));
          lb_link_poll_clear (&poll);
        }
    }
  wall = (g_get_monotonic_time () - start) / 1e6 / ROUNDS;
  cpu = (cpu_seconds () - cpu) / ROUNDS;
  g_assert_cmpint (lb_test_sql_int (path, "SELECT count(*) FROM lag_sample"), ==, ROUNDS * N_DATABASES);

  g_print ("bench: sampler_round_wall %.1f ms (%d linked databases: %d polls, %d samples stored)\n", wall * 1000,
           N_DATABASES, N_DATABASES, N_DATABASES);
  g_print ("bench: sampler_round_cpu %.1f ms\n", cpu * 1000);
  g_print ("bench: sampler_bare_odbc_round_wall %.1f ms\n", bare_wall * 1000);
  g_print ("bench: sampler_bare_odbc_round_cpu %.1f ms\n", bare_cpu * 1000);
  g_print ("bench: sampler_cpu_ratio %.2f x (Linkbench ÷ bare ODBC fetch, CPU per round)\n",
           bare_cpu > 0 ? cpu / bare_cpu : 0);
  g_print ("bench: sampler_cpu_share_of_5s_interval %.2f %%\n", cpu / 5.0 * 100);
  g_print ("The wall time includes the Python test server's own answer; the CPU time is this process's.\n");

  for (guint i = 0; i < N_DATABASES; i++)
    {
      lb_lag_writer_free (writers[i]);
      g_free (names[i]);
      g_free (links[i]);
    }
  lb_record_free (profile);
  g_clear_object (&connection);
  g_clear_object (&store);
  if (lb_freetds_conf_get_path () != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (lb_freetds_conf_get_path ());

      g_unlink (lb_freetds_conf_get_path ());
      g_rmdir (folder);
    }
  lb_test_tmpdir_free (g_steal_pointer (&dir));
  return 0;
}
