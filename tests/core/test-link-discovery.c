/* test-link-discovery.c: the links a server reports through the real driver — both sides
 * with roles, endpoints, modes and the last connection error, the linked databases — a
 * project bound to one (names, replication mode, role, database), a database the link
 * does not carry refused; and split brain found when both sides answer PRIMARY, ruled out
 * otherwise, and left open when one side cannot be asked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "core-test-tds.h"
#include "lb-core.h"
#include "lb-test-util.h"
#include "sqlserver/lb-freetds-conf.h"

#define LOGINS "\"logins\": [{\"user\": \"linkbench\", \"password\": \"s3cret\"}]"
#define NV(name) "{\"name\": \"" name "\", \"type\": \"nvarchar\"}"
#define INT(name) "{\"name\": \"" name "\", \"type\": \"int\"}"

static const char discovery_script[] =
  "{" LOGINS ", \"queries\": [{\"match\": \"sys.availability_replicas\", \"responses\": [{\"results\": ["
  "{\"columns\": [" NV ("link_name") ", " NV ("ag_on_side") ", " NV ("endpoint_url") ", " NV ("availability_mode_desc") ", "
  NV ("failover_mode_desc") ", " NV ("seeding_mode_desc") ", {\"name\": \"is_local\", \"type\": \"bit\"}, " NV ("role_desc") ", "
  NV ("connected_state_desc") ", " NV ("synchronization_health_desc") ", " INT ("last_connect_error_number") ", "
  NV ("last_connect_error_description") "], \"rows\": ["
  "[\"DAG_ERP\", \"AG_ERP\", \"TCP://sql01.corp.example:5022\", \"ASYNCHRONOUS_COMMIT\", \"MANUAL\", \"AUTOMATIC\", true,"
  " \"PRIMARY\", \"CONNECTED\", \"HEALTHY\", 0, null],"
  "[\"DAG_ERP\", \"mi-erp\", \"tcp://mi01.abc123.database.windows.net:5022;Server=[mi01]\", \"ASYNCHRONOUS_COMMIT\","
  " \"MANUAL\", \"AUTOMATIC\", false, \"SECONDARY\", \"CONNECTED\", \"HEALTHY\", 0, null],"
  "[\"DAG_HR\", \"AG_HR\", \"TCP://sql01.corp.example:5022\", \"SYNCHRONOUS_COMMIT\", \"MANUAL\", \"AUTOMATIC\", true,"
  " \"PRIMARY\", \"DISCONNECTED\", \"NOT_HEALTHY\", 35206, \"A connection timeout has occurred.\"],"
  "[\"DAG_HR\", \"mi-hr\", \"tcp://mi01.abc123.database.windows.net:5022;Server=[mi01]\", \"SYNCHRONOUS_COMMIT\","
  " \"MANUAL\", \"AUTOMATIC\", false, null, \"DISCONNECTED\", null, null, null]]},"
  "{\"columns\": [" NV ("link_name") ", " NV ("database_name") ", " NV ("synchronization_state_desc") ", "
  NV ("synchronization_health_desc") "], \"rows\": [[\"DAG_ERP\", \"ERP\", \"SYNCHRONIZED\", \"HEALTHY\"],"
  " [\"DAG_HR\", \"HR\", \"NOT SYNCHRONIZING\", \"NOT_HEALTHY\"]]}]}]}]}";

static CoreTestTds *
start (const char *script)
{
  g_autoptr(GError) error = NULL;
  CoreTestTds *tds = core_test_tds_start (script, &error);

  g_assert_no_error (error);
  return tds;
}

static LbSqlConnection *
connection_to (CoreTestTds *tds,
               gint64       id)
{
  LbConnectionProfile *profile = core_test_tds_profile_new (tds);
  LbSqlConnection *connection;

  profile->id = id;
  connection = lb_sql_connection_new (profile, "s3cret");
  lb_record_free (profile);
  return connection;
}

static void
test_discover_and_bind (void)
{
  g_autoptr(CoreTestTds) tds = start (discovery_script);
  g_autoptr(LbSqlConnection) connection = connection_to (tds, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = lb_link_discovery_run (connection, NULL, &error);
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "bind.db", NULL);
  g_autoptr(LbStore) store = NULL;
  const LbServerLink *erp, *hr;
  LbProject *project;

  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 2);
  erp = links->pdata[0];
  hr = links->pdata[1];
  g_assert_cmpstr (erp->name, ==, "DAG_ERP");
  g_assert_cmpuint (erp->replicas->len, ==, 2);
  g_assert_cmpstr (lb_server_link_get_local (erp)->ag_name, ==, "AG_ERP");
  g_assert_cmpstr (lb_server_link_get_local (erp)->role, ==, "PRIMARY");
  g_assert_cmpstr (lb_server_link_get_remote (erp)->endpoint_url, ==, "tcp://mi01.abc123.database.windows.net:5022;Server=[mi01]");
  g_assert_null (lb_server_link_get_local (erp)->last_connect_error);
  g_assert_cmpuint (erp->databases->len, ==, 1);
  g_assert_cmpstr (((LbServerLinkDatabase *) erp->databases->pdata[0])->database_name, ==, "ERP");
  g_assert_cmpstr (lb_server_link_get_local (hr)->last_connect_error, ==, "(35206) A connection timeout has occurred.");
  g_assert_null (lb_server_link_get_remote (hr)->role);

  store = lb_store_open (path, &error);
  g_assert_no_error (error);
  project = lb_record_new (&lb_project_kind);
  project->name = g_strdup ("Plant ERP");
  g_assert_true (lb_store_insert (store, project, &error));
  g_assert_true (lb_link_discovery_bind (store, project->id, hr, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lb_link_discovery_bind (store, project->id, erp, "Payroll", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    LbProject *bound = lb_store_get (store, &lb_project_kind, project->id, &error);

    g_assert_cmpstr (bound->link_name, ==, "DAG_HR");
    g_assert_cmpstr (bound->source_ag, ==, "AG_HR");
    g_assert_cmpstr (bound->target_ag, ==, "mi-hr");
    g_assert_cmpstr (bound->source_database, ==, "HR");
    g_assert_cmpint (bound->replication_mode, ==, LB_REPLICATION_SYNC);
    g_assert_cmpint (bound->link_role, ==, LB_LINK_ROLE_SQLSERVER_PRIMARY);
    lb_record_free (bound);
  }
  lb_record_free (project);
  g_clear_object (&store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

static char *
role_script (const char *role)
{
  return g_strdup_printf ("{" LOGINS ", \"queries\": [{\"match\": \"rs.is_local = 1\", \"responses\": [{\"results\": "
                          "[{\"columns\": [" NV ("link_name") ", " NV ("role_desc") "], \"rows\": [[\"DAG_ERP\", \"%s\"]]}]}]}]}",
                          role);
}

static void
check_roles (const char *sqlserver,
             const char *managed_instance,
             gboolean    split_brain,
             const char *summary)
{
  g_autofree char *a = role_script (sqlserver);
  g_autofree char *b = role_script (managed_instance);
  g_autoptr(CoreTestTds) source = start (a);
  g_autoptr(CoreTestTds) target = start (b);
  g_autoptr(LbSqlConnection) source_connection = connection_to (source, 2);
  g_autoptr(LbSqlConnection) target_connection = connection_to (target, 3);
  g_autoptr(GError) error = NULL;
  LbLinkRoles roles;

  g_assert_true (lb_link_roles_check (source_connection, target_connection, "DAG_ERP", &roles, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (roles.split_brain, ==, split_brain);
  lb_test_assert_contains (roles.summary, summary);
  lb_link_roles_clear (&roles);
}

static void
test_split_brain (void)
{
  check_roles ("PRIMARY", "PRIMARY", TRUE, "Split brain");
  check_roles ("PRIMARY", "SECONDARY", FALSE, "SQL Server is PRIMARY, the managed instance is SECONDARY");
  check_roles ("SECONDARY", "PRIMARY", FALSE, "the managed instance is PRIMARY");
}

static void
test_one_side_unreachable (void)
{
  g_autofree char *a = role_script ("PRIMARY");
  g_autoptr(CoreTestTds) source = start (a);
  g_autoptr(CoreTestTds) refused = start ("{" LOGINS ", \"login_fault\": \"refuse\"}");
  g_autoptr(LbSqlConnection) source_connection = connection_to (source, 4);
  g_autoptr(LbSqlConnection) target_connection = connection_to (refused, 5);
  g_autoptr(GError) error = NULL;
  LbLinkRoles roles;

  g_assert_true (lb_link_roles_check (source_connection, target_connection, "DAG_ERP", &roles, NULL, &error));
  g_assert_false (roles.split_brain);
  lb_test_assert_contains (roles.summary, "the managed instance is unknown");
  lb_test_assert_contains (roles.summary, "could not ask the managed instance");
  lb_link_roles_clear (&roles);
}

int
main (int   argc,
      char *argv[])
{
  char *runtime = core_test_tds_runtime_new ();
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/link-discovery/discover-and-bind", test_discover_and_bind);
  g_test_add_func ("/link-discovery/split-brain", test_split_brain);
  g_test_add_func ("/link-discovery/one-side-unreachable", test_one_side_unreachable);
  status = g_test_run ();
  core_test_tds_runtime_free (runtime);
  return status;
}
