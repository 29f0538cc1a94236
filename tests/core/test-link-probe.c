/* test-link-probe.c: the prerequisite verdicts judged from what a server answered — a
 * healthy SQL Server 2022, builds too old or lacking the Azure Connect pack, a SIMPLE
 * recovery database, no mirroring endpoint, expired certificates, a login without VIEW
 * SERVER STATE — and their storage: prerequisites updated by title (or created) with the
 * query and rows as evidence, all in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "core-test-tds.h"
#include "lb-core.h"
#include "lb-test-util.h"
#include "sqlserver/lb-freetds-conf.h"

/* A result set from "col,col" and rows of "v|v" ("NULL" is SQL NULL). */
static LbSqlResult *
make_result (const char *columns,
             ...)
{
  LbSqlResult *result = lb_sql_result_new ();
  LbSqlRowSet *set = lb_sql_result_add_set (result, g_strsplit (columns, ",", -1));
  const char *row;
  va_list args;

  va_start (args, columns);
  while ((row = va_arg (args, const char *)) != NULL)
    {
      g_auto(GStrv) values = g_strsplit (row, "|", -1);
      guint n = g_strv_length (set->columns);
      char **copy = g_new0 (char *, n);

      g_assert_cmpuint (g_strv_length (values), ==, n);
      for (guint i = 0; i < n; i++)
        copy[i] = g_str_equal (values[i], "NULL") ? NULL : g_strdup (values[i]);
      lb_sql_row_set_add_row (set, copy);
    }
  va_end (args);
  return result;
}

#define SERVER_COLUMNS "product_version,major_version,product_level,cu_level,edition,engine_edition,is_hadr_enabled," \
                       "hadr_manager_status,server_name,is_sysadmin,has_view_server_state,has_view_any_definition," \
                       "connect_pack_procs,has_dmk"
#define ENDPOINT_COLUMNS "name,state_desc,role_desc,connection_auth_desc,is_encryption_enabled," \
                         "encryption_algorithm_desc,port,cert_name,expiry_date,days_to_expiry"
#define CERT_COLUMNS "name,subject,issuer_name,pvt_key_encryption_type_desc,start_date,expiry_date,days_to_expiry"
#define DATABASE_COLUMNS "name,state_desc,recovery_model_desc,is_read_only,log_reuse_wait_desc,last_log_backup_lsn," \
                         "last_full_backup,log_files,fs_or_xtp_files"

static void
set_server (LbProbeAnswers *answers,
            const char     *row)
{
  g_clear_pointer (&answers->results[LB_PROBE_QUERY_SERVER], lb_sql_result_free);
  answers->results[LB_PROBE_QUERY_SERVER] = make_result (SERVER_COLUMNS, row, NULL);
}

static void
healthy (LbProbeAnswers *answers)
{
  memset (answers, 0, sizeof *answers);
  set_server (answers, "16.0.4125.3|16|RTM|CU13|Enterprise Edition (64-bit)|3|1|1|SQL01|1|1|1|0|1");
  answers->results[LB_PROBE_QUERY_ENDPOINT] =
    make_result (ENDPOINT_COLUMNS, "Hadr_endpoint|STARTED|ALL|CERTIFICATE|1|AES|5022|SQL01_cert|2027-06-30 00:00:00.000|210",
                 NULL);
  answers->results[LB_PROBE_QUERY_CERTIFICATES] =
    make_result (CERT_COLUMNS,
                 "SQL01_cert|CN=SQL01|CN=SQL01|ENCRYPTED_BY_MASTER_KEY|2026-01-01 00:00:00.000|2027-06-30 00:00:00.000|210",
                 "mi01.abc123.database.windows.net|CN=mi01|CN=mi01|NO_PRIVATE_KEY|2026-01-01 00:00:00.000|2027-01-01 00:00:00.000|30",
                 "MicrosoftPKI|CN=Microsoft|CN=Microsoft|NO_PRIVATE_KEY|2020-01-01 00:00:00.000|2035-01-01 00:00:00.000|3000",
                 "DigiCertPKI|CN=DigiCert|CN=DigiCert|NO_PRIVATE_KEY|2013-01-01 00:00:00.000|2038-01-15 00:00:00.000|4000",
                 NULL);
  answers->results[LB_PROBE_QUERY_DATABASE] =
    make_result (DATABASE_COLUMNS, "ERP|ONLINE|FULL|0|NOTHING|4200000001234500001|2026-11-30 22:10:00.000|1|0", NULL);
  answers->results[LB_PROBE_QUERY_TRACE_FLAGS] =
    make_result ("TraceFlag,Status,Global,Session", "1800|1|1|0", "9567|1|1|0", NULL);
}

static LbProbeVerdict
verdict_of (const LbProbeAnswers *answers,
            LbProbeCheckId        id,
            char                **reason)
{
  g_autoptr(GPtrArray) checks = lb_link_probe_evaluate (answers, "ERP", "mi01.abc123.database.windows.net");
  const LbProbeCheck *check = checks->pdata[id];

  g_assert_cmpuint (checks->len, ==, LB_PROBE_N_CHECKS);
  g_assert_cmpint (check->id, ==, id);
  if (reason != NULL)
    *reason = g_strdup (check->reason);
  return check->verdict;
}

static void
test_healthy (void)
{
  LbProbeAnswers answers;
  g_autoptr(GPtrArray) checks = NULL;

  healthy (&answers);
  checks = lb_link_probe_evaluate (&answers, "ERP", "mi01.abc123.database.windows.net");
  for (guint i = 0; i < checks->len; i++)
    {
      const LbProbeCheck *check = checks->pdata[i];

      if (check->verdict != LB_PROBE_PASS)
        g_error ("%s: %s", lb_link_probe_check_title (check->id), check->reason);
    }
  lb_probe_answers_clear (&answers);
}

static void
test_builds (void)
{
  static const struct { const char *row; LbProbeVerdict verdict; const char *reason; } cases[] = {
    { "16.0.4095.4|16|RTM|CU10|Developer Edition|3|1|1|S|1|1|1|0|1", LB_PROBE_WARN, "CU13" },
    { "15.0.4236.7|15|RTM|CU16|Enterprise Edition|3|1|1|S|1|1|1|0|1", LB_PROBE_FAIL, "CU20 (15.0.4312.2)" },
    { "15.0.4312.2|15|RTM|CU20|Standard Edition|2|1|1|S|1|1|1|0|1", LB_PROBE_PASS, "SQL Server 2019" },
    { "14.0.3525.1|14|RTM|CU31|Enterprise Edition|3|1|1|S|1|1|1|0|1", LB_PROBE_FAIL, "Azure Connect pack" },
    { "14.0.3490.10|14|RTM|CU31|Enterprise Edition|3|1|1|S|1|1|1|2|1", LB_PROBE_PASS, "SQL Server 2017" },
    { "13.0.5026.0|13|SP2|NULL|Enterprise Edition|3|1|1|S|1|1|1|2|1", LB_PROBE_FAIL, "SP3" },
    { "12.0.6024.0|12|SP3|NULL|Enterprise Edition|3|1|1|S|1|1|1|0|1", LB_PROBE_FAIL, "before SQL Server 2016" },
    { "16.0.2000.5|16|RTM|NULL|Enterprise Edition|8|1|1|S|1|1|1|2|1", LB_PROBE_FAIL, "managed instance" },
    { "junk|16|RTM|NULL|Enterprise Edition|3|1|1|S|1|1|1|0|1", LB_PROBE_UNKNOWN, "no readable version" },
    { "18.0.100.1|18|RTM|NULL|Enterprise Edition|3|1|1|S|1|1|1|0|1", LB_PROBE_WARN, "newer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LbProbeAnswers answers;
      g_autofree char *reason = NULL;

      healthy (&answers);
      set_server (&answers, cases[i].row);
      g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_BUILD, &reason), ==, cases[i].verdict);
      lb_test_assert_contains (reason, cases[i].reason);
      lb_probe_answers_clear (&answers);
    }
}

static void
test_simple_recovery (void)
{
  LbProbeAnswers answers;
  g_autofree char *reason = NULL;

  healthy (&answers);
  g_clear_pointer (&answers.results[LB_PROBE_QUERY_DATABASE], lb_sql_result_free);
  answers.results[LB_PROBE_QUERY_DATABASE] =
    make_result (DATABASE_COLUMNS, "ERP|ONLINE|SIMPLE|0|LOG_BACKUP|NULL|NULL|2|1", NULL);
  g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_BACKUP, &reason), ==, LB_PROBE_FAIL);
  lb_test_assert_contains (reason, "SIMPLE recovery model");
  g_clear_pointer (&reason, g_free);
  g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_FEATURES, &reason), ==, LB_PROBE_FAIL);
  lb_test_assert_contains (reason, "2 log files");
  g_clear_pointer (&reason, g_free);
  g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_LOG_REUSE, &reason), ==, LB_PROBE_WARN);
  lb_test_assert_contains (reason, "LOG_BACKUP");
  lb_probe_answers_clear (&answers);

  /* A database the server does not have. */
  healthy (&answers);
  g_clear_pointer (&answers.results[LB_PROBE_QUERY_DATABASE], lb_sql_result_free);
  answers.results[LB_PROBE_QUERY_DATABASE] = make_result (DATABASE_COLUMNS, NULL);
  g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_BACKUP, NULL), ==, LB_PROBE_FAIL);
  lb_probe_answers_clear (&answers);
}

static void
test_endpoint (void)
{
  LbProbeAnswers answers;
  g_autofree char *reason = NULL;

  healthy (&answers);
  g_clear_pointer (&answers.results[LB_PROBE_QUERY_ENDPOINT], lb_sql_result_free);
  answers.results[LB_PROBE_QUERY_ENDPOINT] = make_result (ENDPOINT_COLUMNS, NULL);
  g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_ENDPOINT, &reason), ==, LB_PROBE_FAIL);
  lb_test_assert_contains (reason, "No database mirroring endpoint");
  g_clear_pointer (&reason, g_free);
  lb_probe_answers_clear (&answers);

  healthy (&answers);
  g_clear_pointer (&answers.results[LB_PROBE_QUERY_ENDPOINT], lb_sql_result_free);
  answers.results[LB_PROBE_QUERY_ENDPOINT] =
    make_result (ENDPOINT_COLUMNS, "Hadr_endpoint|STOPPED|ALL|WINDOWS NEGOTIATE|1|RC4|5022|NULL|NULL|NULL", NULL);
  g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_ENDPOINT, &reason), ==, LB_PROBE_FAIL);
  lb_test_assert_contains (reason, "state STOPPED");
  lb_test_assert_contains (reason, "no certificate");
  lb_test_assert_contains (reason, "not AES");
  lb_probe_answers_clear (&answers);
}

static void
test_expired_certificates (void)
{
  LbProbeAnswers answers;
  g_autofree char *reason = NULL;

  healthy (&answers);
  g_clear_pointer (&answers.results[LB_PROBE_QUERY_ENDPOINT], lb_sql_result_free);
  answers.results[LB_PROBE_QUERY_ENDPOINT] =
    make_result (ENDPOINT_COLUMNS, "Hadr_endpoint|STARTED|ALL|CERTIFICATE|1|AES|5022|SQL01_cert|2026-10-01 00:00:00.000|-62",
                 NULL);
  g_clear_pointer (&answers.results[LB_PROBE_QUERY_CERTIFICATES], lb_sql_result_free);
  answers.results[LB_PROBE_QUERY_CERTIFICATES] =
    make_result (CERT_COLUMNS,
                 "SQL01_cert|CN=SQL01|CN=SQL01|ENCRYPTED_BY_MASTER_KEY|2025-01-01 00:00:00.000|2026-10-01 00:00:00.000|-62",
                 NULL);
  g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_ENDPOINT, &reason), ==, LB_PROBE_FAIL);
  lb_test_assert_contains (reason, "expired on 2026-10-01");
  g_clear_pointer (&reason, g_free);
  g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_CERTIFICATES, &reason), ==, LB_PROBE_FAIL);
  lb_test_assert_contains (reason, "Expired certificates: SQL01_cert");
  lb_probe_answers_clear (&answers);

  /* Not yet imported is a warning: the link's set-up imports them. */
  healthy (&answers);
  g_clear_pointer (&answers.results[LB_PROBE_QUERY_CERTIFICATES], lb_sql_result_free);
  answers.results[LB_PROBE_QUERY_CERTIFICATES] = make_result (CERT_COLUMNS, NULL);
  g_clear_pointer (&reason, g_free);
  g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_CERTIFICATES, &reason), ==, LB_PROBE_WARN);
  lb_test_assert_contains (reason, "mi01.abc123.database.windows.net, MicrosoftPKI, DigiCertPKI");
  lb_probe_answers_clear (&answers);
}

static void
test_without_view_server_state (void)
{
  LbProbeAnswers answers;
  g_autofree char *reason = NULL;

  healthy (&answers);
  set_server (&answers, "16.0.4125.3|16|RTM|CU13|Enterprise Edition|3|1|1|SQL01|0|0|1|0|1");
  g_clear_pointer (&answers.results[LB_PROBE_QUERY_TRACE_FLAGS], lb_sql_result_free);
  answers.errors[LB_PROBE_QUERY_TRACE_FLAGS] =
    g_error_new (LB_SQL_ERROR, LB_SQL_ERROR_PERMISSION,
                 "sql01:1433: permission denied (300): VIEW SERVER STATE permission was denied");
  g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_TRACE_FLAGS, &reason), ==, LB_PROBE_UNKNOWN);
  lb_test_assert_contains (reason, "Could not check");
  lb_test_assert_contains (reason, "(300)");
  g_clear_pointer (&reason, g_free);
  g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_PERMISSIONS, &reason), ==, LB_PROBE_WARN);
  lb_test_assert_contains (reason, "it lacks VIEW SERVER STATE");
  lb_test_assert_contains (reason, "Refused: sql01:1433: permission denied (300)");
  /* The checks whose queries ran are still judged. */
  g_assert_cmpint (verdict_of (&answers, LB_PROBE_CHECK_BUILD, NULL), ==, LB_PROBE_PASS);
  lb_probe_answers_clear (&answers);
}

static void
test_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "probe.db", NULL);
  g_autoptr(LbStore) store = lb_store_open (path, &error);
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);
  LbReadinessItem *existing = lb_record_new (&lb_readiness_item_kind);
  LbProbeAnswers answers;
  guint prerequisites = 0;

  g_assert_no_error (error);
  project->name = g_strdup ("Plant ERP");
  project->source_database = g_strdup ("ERP");
  g_assert_true (lb_store_insert (store, project, &error));
  existing->project_id = project->id;
  existing->kind = LB_READINESS_PREREQUISITE;
  existing->title = g_strdup (lb_link_probe_check_title (LB_PROBE_CHECK_BACKUP));
  existing->owner = g_strdup ("Dana (DBA)");
  g_assert_true (lb_store_insert (store, existing, &error));
  g_assert_no_error (error);

  healthy (&answers);
  g_clear_pointer (&answers.results[LB_PROBE_QUERY_DATABASE], lb_sql_result_free);
  answers.results[LB_PROBE_QUERY_DATABASE] =
    make_result (DATABASE_COLUMNS, "ERP|ONLINE|SIMPLE|0|NOTHING|NULL|NULL|1|0", NULL);
  checks = lb_link_probe_evaluate (&answers, "ERP", NULL);
  g_assert_true (lb_link_probe_store (store, project->id, checks, "linkbench probe as linkbench@sql01:1433",
                                      1796000000000, &error));
  g_assert_no_error (error);

  items = lb_store_list_for_project (store, &lb_readiness_item_kind, project->id, &error);
  for (guint i = 0; i < items->len; i++)
    {
      const LbReadinessItem *item = items->pdata[i];

      if (item->kind != LB_READINESS_PREREQUISITE)
        continue;
      prerequisites++;
      g_assert_cmpstr (item->verified_by, ==, "linkbench probe as linkbench@sql01:1433");
      g_assert_cmpint (item->verified_at, ==, 1796000000000);
      if (item->id == existing->id)
        {
          /* Updated in place: the owner stays, the verdict and reason arrive. */
          g_assert_cmpint (item->status, ==, LB_READINESS_BLOCKED);
          g_assert_cmpstr (item->owner, ==, "Dana (DBA)");
          lb_test_assert_contains (item->note, "Fail: ERP uses the SIMPLE recovery model");
        }
    }
  g_assert_cmpuint (prerequisites, ==, LB_PROBE_N_CHECKS);

  evidence = lb_store_list_for_project (store, &lb_evidence_kind, project->id, &error);
  g_assert_cmpuint (evidence->len, ==, LB_PROBE_N_CHECKS);
  for (guint i = 0; i < evidence->len; i++)
    {
      const LbEvidence *e = evidence->pdata[i];

      g_assert_cmpint (e->kind, ==, LB_EVIDENCE_QUERY_RESULT);
      g_assert_cmpint (e->readiness_id, >, 0);
      g_assert_cmpint (e->size_bytes, >, 0);
    }
  {
    /* The evidence holds the query, its parameter and the rows. */
    LbEvidence *full = lb_store_get (store, &lb_evidence_kind, ((LbEvidence *) evidence->pdata[0])->id, &error);
    g_autofree char *text = g_strndup (g_bytes_get_data (full->content, NULL), g_bytes_get_size (full->content));

    lb_test_assert_contains (text, "\"query\"");
    lb_test_assert_contains (text, "\"rows\"");
    lb_record_free (full);
  }

  lb_probe_answers_clear (&answers);
  lb_record_free (existing);
  lb_record_free (project);
  g_clear_object (&store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The same checks through the real driver: every query reaches the server with the real
 * DMV column names, the database travels as a bound parameter, and a permission the login
 * lacks costs only its own check. */
#define NV(name) "{\"name\": \"" name "\", \"type\": \"nvarchar\"}"
#define INT(name) "{\"name\": \"" name "\", \"type\": \"int\"}"
#define DT(name) "{\"name\": \"" name "\", \"type\": \"datetime\"}"

static const char live_script[] =
  "{\"logins\": [{\"user\": \"linkbench\", \"password\": \"s3cret\"}], \"queries\": ["
  "{\"match\": \"SERVERPROPERTY('ProductVersion')\", \"responses\": [{\"results\": [{\"columns\": ["
  NV ("product_version") ", " INT ("major_version") ", " NV ("product_level") ", " NV ("cu_level") ", " NV ("edition") ", "
  INT ("engine_edition") ", " INT ("is_hadr_enabled") ", " INT ("hadr_manager_status") ", " NV ("server_name") ", "
  INT ("is_sysadmin") ", " INT ("has_view_server_state") ", " INT ("has_view_any_definition") ", "
  INT ("connect_pack_procs") ", " INT ("has_dmk") "], \"rows\": [[\"15.0.4236.7\", 15, \"RTM\", \"CU16\","
  " \"Enterprise Edition (64-bit)\", 3, 1, 1, \"SQL01\", 0, 0, 1, 0, 1]]}]}]},"
  "{\"match\": \"database_mirroring_endpoints\", \"responses\": [{\"results\": [{\"columns\": ["
  NV ("name") ", " NV ("state_desc") ", " NV ("role_desc") ", " NV ("connection_auth_desc") ", "
  "{\"name\": \"is_encryption_enabled\", \"type\": \"bit\"}, " NV ("encryption_algorithm_desc") ", " INT ("port") ", "
  NV ("cert_name") ", " DT ("expiry_date") ", " INT ("days_to_expiry") "], \"rows\": [[\"Hadr_endpoint\", \"STARTED\","
  " \"ALL\", \"CERTIFICATE\", true, \"AES\", 5022, \"SQL01_cert\", \"2027-06-30 00:00:00\", 210]]}]}]},"
  "{\"match\": \"NOT LIKE N'##%'\", \"responses\": [{\"results\": [{\"columns\": ["
  NV ("name") ", " NV ("subject") ", " NV ("issuer_name") ", " NV ("pvt_key_encryption_type_desc") ", " DT ("start_date") ", "
  DT ("expiry_date") ", " INT ("days_to_expiry") "], \"rows\": [[\"SQL01_cert\", \"CN=SQL01\", \"CN=SQL01\","
  " \"ENCRYPTED_BY_MASTER_KEY\", \"2026-01-01 00:00:00\", \"2027-06-30 00:00:00\", 210]]}]}]},"
  "{\"match\": \"sys.database_recovery_status\", \"responses\": [{\"results\": [{\"columns\": ["
  NV ("name") ", " NV ("state_desc") ", " NV ("recovery_model_desc") ", {\"name\": \"is_read_only\", \"type\": \"bit\"}, "
  NV ("log_reuse_wait_desc") ", {\"name\": \"last_log_backup_lsn\", \"type\": \"varchar\", \"length\": 30}, "
  DT ("last_full_backup") ", " INT ("log_files") ", " INT ("fs_or_xtp_files") "], \"rows\": [[\"ERP\", \"ONLINE\","
  " \"SIMPLE\", false, \"NOTHING\", null, null, 1, 0]]}]}]},"
  "{\"match\": \"TRACESTATUS\", \"responses\": [{\"error\": {\"number\": 2571, \"class\": 14, \"text\": \"User"
  " 'linkbench' does not have permission to run DBCC TRACESTATUS.\"}}]}]}";

static void
test_live (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoreTestTds) tds = core_test_tds_start (live_script, &error);
  g_autoptr(LbSqlConnection) connection = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(JsonArray) events = NULL;
  LbConnectionProfile *profile = NULL;
  LbProbeAnswers answers = { 0 };
  static const LbProbeVerdict expected[LB_PROBE_N_CHECKS] = {
    [LB_PROBE_CHECK_BUILD] = LB_PROBE_FAIL,        /* 2019 CU16 < CU20 */
    [LB_PROBE_CHECK_HADR] = LB_PROBE_PASS,
    [LB_PROBE_CHECK_DMK] = LB_PROBE_PASS,
    [LB_PROBE_CHECK_BACKUP] = LB_PROBE_FAIL,       /* SIMPLE */
    [LB_PROBE_CHECK_FEATURES] = LB_PROBE_PASS,
    [LB_PROBE_CHECK_LOG_REUSE] = LB_PROBE_PASS,
    [LB_PROBE_CHECK_ENDPOINT] = LB_PROBE_PASS,
    [LB_PROBE_CHECK_CERTIFICATES] = LB_PROBE_WARN, /* the managed instance's not imported yet */
    [LB_PROBE_CHECK_TRACE_FLAGS] = LB_PROBE_UNKNOWN,
    [LB_PROBE_CHECK_PERMISSIONS] = LB_PROBE_WARN,  /* not sysadmin, no VIEW SERVER STATE */
  };
  gboolean database_bound = FALSE;

  g_assert_no_error (error);
  profile = core_test_tds_profile_new (tds);
  connection = lb_sql_connection_new (profile, "s3cret");
  g_assert_true (lb_link_probe_query (connection, "ERP", &answers, NULL, &error));
  g_assert_no_error (error);
  checks = lb_link_probe_evaluate (&answers, "ERP", "mi01.abc123.database.windows.net");
  for (guint i = 0; i < checks->len; i++)
    {
      const LbProbeCheck *check = checks->pdata[i];

      if (check->verdict != expected[i])
        g_error ("%s: %s (%s)", lb_link_probe_check_title (check->id),
                 lb_enum_info_nick (&lb_probe_verdict_enum, check->verdict), check->reason);
    }
  lb_test_assert_contains (((LbProbeCheck *) checks->pdata[LB_PROBE_CHECK_TRACE_FLAGS])->reason, "(2571)");

  events = core_test_tds_get_events (tds);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_strcmp0 (json_object_get_string_member (event, "event"), "rpc") == 0
          && strstr (json_object_get_string_member (event, "sql"), "sys.database_recovery_status") != NULL)
        database_bound = g_strcmp0 (json_array_get_string_element (json_object_get_array_member (event, "params"), 0),
                                    "ERP") == 0;
    }
  g_assert_true (database_bound);
  lb_probe_answers_clear (&answers);
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
  g_test_add_func ("/link-probe/healthy", test_healthy);
  g_test_add_func ("/link-probe/builds", test_builds);
  g_test_add_func ("/link-probe/simple-recovery", test_simple_recovery);
  g_test_add_func ("/link-probe/endpoint", test_endpoint);
  g_test_add_func ("/link-probe/expired-certificates", test_expired_certificates);
  g_test_add_func ("/link-probe/without-view-server-state", test_without_view_server_state);
  g_test_add_func ("/link-probe/store", test_store);
  g_test_add_func ("/link-probe/live", test_live);
  status = g_test_run ();
  core_test_tds_runtime_free (runtime);
  return status;
}
