/* lb-link-probe.c: prerequisite queries, verdicts and their storage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lb-link-probe.h"
#include "../model/lb-time.h"
#include "../model/lb-records.h"

const LbEnumInfo lb_probe_verdict_enum = {
  "lb_probe_verdict_enum",
  (const LbEnumValue[]) {
    { "pass", N_("Pass") },
    { "warn", N_("Warning") },
    { "fail", N_("Fail") },
    { "could_not_check", N_("Could not check") },
  },
  4,
};

/* domain.md §1.2's check batch, one query per concern so that a permission the login lacks
 * costs only the checks that need it. */
static const char *const query_sql[LB_PROBE_N_QUERIES] = {
  [LB_PROBE_QUERY_SERVER] =
    "SET NOCOUNT ON;\n"
    "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(32)) AS product_version,\n"
    "       CAST(SERVERPROPERTY('ProductMajorVersion') AS int) AS major_version,\n"
    "       CAST(SERVERPROPERTY('ProductLevel') AS nvarchar(16)) AS product_level,\n"
    "       CAST(SERVERPROPERTY('ProductUpdateLevel') AS nvarchar(16)) AS cu_level,\n"
    "       CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition,\n"
    "       CAST(SERVERPROPERTY('EngineEdition') AS int) AS engine_edition,\n"
    "       CAST(SERVERPROPERTY('IsHadrEnabled') AS int) AS is_hadr_enabled,\n"
    "       CAST(SERVERPROPERTY('HadrManagerStatus') AS int) AS hadr_manager_status,\n"
    "       @@SERVERNAME AS server_name,\n"
    "       IS_SRVROLEMEMBER('sysadmin') AS is_sysadmin,\n"
    "       HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') AS has_view_server_state,\n"
    "       HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW ANY DEFINITION') AS has_view_any_definition,\n"
    "       (SELECT COUNT(*) FROM sys.all_objects\n"
    "         WHERE name IN (N'sp_certificate_add_issuer', N'sp_get_endpoint_certificate')) AS connect_pack_procs,\n"
    "       (SELECT COUNT(*) FROM master.sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##') AS has_dmk;\n",
  [LB_PROBE_QUERY_ENDPOINT] =
    "SET NOCOUNT ON;\n"
    "SELECT e.name, e.state_desc, e.role_desc, e.connection_auth_desc, e.is_encryption_enabled,\n"
    "       e.encryption_algorithm_desc, t.port, c.name AS cert_name, c.expiry_date,\n"
    "       DATEDIFF(day, GETUTCDATE(), c.expiry_date) AS days_to_expiry\n"
    "FROM sys.database_mirroring_endpoints AS e\n"
    "JOIN sys.tcp_endpoints AS t ON t.endpoint_id = e.endpoint_id\n"
    "LEFT JOIN master.sys.certificates AS c ON c.certificate_id = e.certificate_id;\n",
  [LB_PROBE_QUERY_CERTIFICATES] =
    "SET NOCOUNT ON;\n"
    "SELECT name, subject, issuer_name, pvt_key_encryption_type_desc, start_date, expiry_date,\n"
    "       DATEDIFF(day, GETUTCDATE(), expiry_date) AS days_to_expiry\n"
    "FROM master.sys.certificates WHERE name NOT LIKE N'##%';\n",
  [LB_PROBE_QUERY_DATABASE] =
    "SET NOCOUNT ON;\n"
    "SELECT d.name, d.state_desc, d.recovery_model_desc, d.is_read_only, d.log_reuse_wait_desc,\n"
    "       CONVERT(varchar(30), rs.last_log_backup_lsn) AS last_log_backup_lsn,\n"
    "       (SELECT MAX(b.backup_finish_date) FROM msdb.dbo.backupset AS b\n"
    "         WHERE b.database_name = d.name AND b.type = 'D' AND b.is_copy_only = 0) AS last_full_backup,\n"
    "       (SELECT COUNT(*) FROM sys.master_files AS f WHERE f.database_id = d.database_id AND f.type = 1) AS log_files,\n"
    "       (SELECT COUNT(*) FROM sys.master_files AS f WHERE f.database_id = d.database_id AND f.type = 2) AS fs_or_xtp_files\n"
    "FROM sys.databases AS d\n"
    "JOIN sys.database_recovery_status AS rs ON rs.database_id = d.database_id\n"
    "WHERE d.database_id > 4 AND d.name = ?;\n",
  [LB_PROBE_QUERY_TRACE_FLAGS] = "DBCC TRACESTATUS(1800, 9567, -1) WITH NO_INFOMSGS;\n",
};

static const struct
{
  const char    *title;
  LbProbeQueryId query;
} checks_info[LB_PROBE_N_CHECKS] = {
  [LB_PROBE_CHECK_BUILD] = { N_("Supported SQL Server build"), LB_PROBE_QUERY_SERVER },
  [LB_PROBE_CHECK_HADR] = { N_("Always On availability groups enabled"), LB_PROBE_QUERY_SERVER },
  [LB_PROBE_CHECK_DMK] = { N_("Database master key in master"), LB_PROBE_QUERY_SERVER },
  [LB_PROBE_CHECK_BACKUP] = { N_("Full recovery model and a full backup chain"), LB_PROBE_QUERY_DATABASE },
  [LB_PROBE_CHECK_FEATURES] = { N_("No FILESTREAM or FileTable, one log file"), LB_PROBE_QUERY_DATABASE },
  [LB_PROBE_CHECK_LOG_REUSE] = { N_("Transaction log can be reused"), LB_PROBE_QUERY_DATABASE },
  [LB_PROBE_CHECK_ENDPOINT] = { N_("Mirroring endpoint: port 5022, certificate authentication, AES"),
                                LB_PROBE_QUERY_ENDPOINT },
  [LB_PROBE_CHECK_CERTIFICATES] = { N_("Certificates exchanged with the managed instance"),
                                    LB_PROBE_QUERY_CERTIFICATES },
  [LB_PROBE_CHECK_TRACE_FLAGS] = { N_("Recommended trace flags 1800 and 9567"), LB_PROBE_QUERY_TRACE_FLAGS },
  [LB_PROBE_CHECK_PERMISSIONS] = { N_("Permissions of the probing login"), LB_PROBE_QUERY_SERVER },
};

/* Certificates that expire sooner than this are a warning. */
#define EXPIRY_WARNING_DAYS 30

const char *
lb_link_probe_query_sql (LbProbeQueryId id)
{
  g_return_val_if_fail (id < LB_PROBE_N_QUERIES, NULL);
  return query_sql[id];
}

const char *
lb_link_probe_check_title (LbProbeCheckId id)
{
  g_return_val_if_fail (id < LB_PROBE_N_CHECKS, NULL);
  return _(checks_info[id].title);
}

void
lb_probe_answers_clear (LbProbeAnswers *answers)
{
  for (guint i = 0; i < LB_PROBE_N_QUERIES; i++)
    {
      g_clear_pointer (&answers->results[i], lb_sql_result_free);
      g_clear_error (&answers->errors[i]);
    }
}

void
lb_probe_check_free (LbProbeCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->reason);
  g_clear_pointer (&check->evidence, json_node_unref);
  g_free (check);
}

/* The first row of a query's first result set, or NULL. */
static const LbSqlRowSet *
first_set (const LbProbeAnswers *answers,
           LbProbeQueryId        query)
{
  const LbSqlResult *result = answers->results[query];

  return result != NULL ? lb_sql_result_get_set (result, 0) : NULL;
}

static gint64
int_or (const LbSqlRowSet *set,
        guint              row,
        const char        *column,
        gint64             fallback)
{
  gint64 value;

  return set != NULL && lb_sql_row_set_get_int64 (set, row, column, &value) ? value : fallback;
}

static const char *
text_or (const LbSqlRowSet *set,
         guint              row,
         const char        *column,
         const char        *fallback)
{
  const char *value = set != NULL ? lb_sql_row_set_get (set, row, column) : NULL;

  return value != NULL ? value : fallback;
}

static gboolean
contains_nocase (const char *haystack,
                 const char *needle)
{
  g_autofree char *h = g_ascii_strup (haystack != NULL ? haystack : "", -1);
  g_autofree char *n = g_ascii_strup (needle, -1);

  return strstr (h, n) != NULL;
}

static void
set_verdict (LbProbeCheck  *check,
             LbProbeVerdict verdict,
             char          *reason)
{
  check->verdict = verdict;
  g_free (check->reason);
  check->reason = reason;
}

/* "16.0.4125.3" → {16, 0, 4125, 3}; FALSE when it is not four numbers. */
static gboolean
parse_build (const char *text,
             guint       parts[4])
{
  char tail;

  return text != NULL && sscanf (text, "%u.%u.%u.%u%c", &parts[0], &parts[1], &parts[2], &parts[3], &tail) == 4;
}

static int
compare_build (const guint a[4],
               const guint b[4])
{
  for (int i = 0; i < 4; i++)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

static void
judge_build (LbProbeCheck         *check,
             const LbSqlRowSet    *server)
{
  /* domain.md §1.1: the builds to test against. */
  static const struct
  {
    guint       major;
    const char *name;
    guint       minimum[4];
    const char *minimum_name;
    gboolean    needs_connect_pack;
  } releases[] = {
    { 17, "SQL Server 2025", { 17, 0, 1000, 7 }, "RTM", FALSE },
    { 16, "SQL Server 2022", { 16, 0, 1000, 6 }, "RTM", FALSE },
    { 15, "SQL Server 2019", { 15, 0, 4312, 2 }, "CU20", FALSE },
    { 14, "SQL Server 2017", { 14, 0, 3456, 2 }, "CU31", TRUE },
    { 13, "SQL Server 2016", { 13, 0, 6300, 2 }, "SP3", TRUE },
  };
  static const guint sql2022_cu13[4] = { 16, 0, 4125, 3 };
  const char *version = text_or (server, 0, "product_version", NULL);
  const char *level = text_or (server, 0, "cu_level", text_or (server, 0, "product_level", ""));
  g_autofree char *found = NULL;
  guint build[4];

  found = g_strdup_printf ("%s %s, %s", version != NULL ? version : "?", level,
                           text_or (server, 0, "edition", _("unknown edition")));
  if (int_or (server, 0, "engine_edition", 0) == 8)
    {
      set_verdict (check, LB_PROBE_FAIL,
                   g_strdup_printf (_("%s is a managed instance: probe the SQL Server side of the link"), found));
      return;
    }
  if (!parse_build (version, build))
    {
      set_verdict (check, LB_PROBE_UNKNOWN, g_strdup_printf (_("The server reported no readable version (%s)"), found));
      return;
    }
  if (build[0] < 13)
    {
      set_verdict (check, LB_PROBE_FAIL,
                   g_strdup_printf (_("%s: versions before SQL Server 2016 cannot host a link"), found));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (releases); i++)
    {
      if (releases[i].major != build[0])
        continue;
      if (compare_build (build, releases[i].minimum) < 0)
        set_verdict (check, LB_PROBE_FAIL,
                     /* TRANSLATORS: "SQL Server 2019 15.0.4236.7 CU16: the link needs CU20 (15.0.4312.2) or later" */
                     g_strdup_printf (_("%s %s: the link needs %s (%u.%u.%u.%u) or later"), releases[i].name, found,
                                      releases[i].minimum_name, releases[i].minimum[0], releases[i].minimum[1],
                                      releases[i].minimum[2], releases[i].minimum[3]));
      else if (releases[i].needs_connect_pack && int_or (server, 0, "connect_pack_procs", 0) < 2)
        set_verdict (check, LB_PROBE_FAIL,
                     g_strdup_printf (_("%s %s: the Azure Connect pack is missing (sp_certificate_add_issuer and "
                                        "sp_get_endpoint_certificate not found); a later security build does not "
                                        "contain it"), releases[i].name, found));
      else if (build[0] == 16 && compare_build (build, sql2022_cu13) < 0)
        set_verdict (check, LB_PROBE_WARN,
                     g_strdup_printf (_("%s %s: supported, but failing over with T-SQL needs CU13 (16.0.4125.3) and "
                                        "a link created from the managed instance needs CU10"), releases[i].name,
                                      found));
      else
        set_verdict (check, LB_PROBE_PASS,
                     g_strdup_printf (_("%s %s: supported for the link"), releases[i].name, found));
      return;
    }
  set_verdict (check, LB_PROBE_WARN,
               g_strdup_printf (_("%s: newer than the releases this version knows; check Microsoft's list"), found));
}

static void
judge_server (LbProbeCheck      *check,
              const LbSqlRowSet *server)
{
  switch (check->id)
    {
    case LB_PROBE_CHECK_BUILD:
      judge_build (check, server);
      break;
    case LB_PROBE_CHECK_HADR:
      if (int_or (server, 0, "is_hadr_enabled", 0) != 1)
        set_verdict (check, LB_PROBE_FAIL,
                     g_strdup (_("Always On availability groups are not enabled (enable them in SQL Server "
                                 "Configuration Manager or mssql-conf, then restart the service)")));
      else if (int_or (server, 0, "hadr_manager_status", 0) != 1)
        set_verdict (check, LB_PROBE_FAIL,
                     g_strdup (_("Always On is enabled but its manager has not started: restart the service")));
      else
        set_verdict (check, LB_PROBE_PASS, g_strdup (_("Always On availability groups are enabled and started")));
      break;
    case LB_PROBE_CHECK_DMK:
      if (int_or (server, 0, "has_dmk", 0) >= 1)
        set_verdict (check, LB_PROBE_PASS, g_strdup (_("##MS_DatabaseMasterKey## exists in master")));
      else
        set_verdict (check, LB_PROBE_FAIL,
                     g_strdup (_("master has no database master key: create one (CREATE MASTER KEY) before the "
                                 "endpoint certificate")));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
judge_permissions (LbProbeCheck         *check,
                   const LbProbeAnswers *answers,
                   const LbSqlRowSet    *server)
{
  g_autoptr(GString) lacking = g_string_new (NULL);
  g_autoptr(GString) denied = g_string_new (NULL);

  if (int_or (server, 0, "has_view_server_state", 1) != 1)
    g_string_append (lacking, "VIEW SERVER STATE");
  if (int_or (server, 0, "has_view_any_definition", 1) != 1)
    g_string_append_printf (lacking, "%sVIEW ANY DEFINITION", lacking->len > 0 ? ", " : "");
  for (guint q = 0; q < LB_PROBE_N_QUERIES; q++)
    if (answers->errors[q] != NULL)
      g_string_append_printf (denied, "%s%s", denied->len > 0 ? "; " : "", answers->errors[q]->message);

  if (int_or (server, 0, "is_sysadmin", 0) == 1 && denied->len == 0)
    set_verdict (check, LB_PROBE_PASS,
                 g_strdup (_("The login is a sysadmin: it may run every check and create the link")));
  else if (int_or (server, 0, "is_sysadmin", 0) == 1)
    set_verdict (check, LB_PROBE_WARN, g_strdup_printf (_("The login is a sysadmin, yet some checks failed: %s"),
                                                        denied->str));
  else
    set_verdict (check, LB_PROBE_WARN,
                 g_strdup_printf (_("Creating the link needs sysadmin, which this login is not. The probe needs "
                                    "VIEW SERVER STATE and VIEW ANY DEFINITION%s%s%s%s"),
                                  lacking->len > 0 ? _("; it lacks ") : "", lacking->str,
                                  denied->len > 0 ? _(". Refused: ") : "", denied->str));
}

static void
judge_database (LbProbeCheck      *check,
                const LbSqlRowSet *rows,
                const char        *database)
{
  const char *recovery, *state;

  if (rows == NULL || rows->rows->len == 0)
    {
      set_verdict (check, LB_PROBE_FAIL,
                   g_strdup_printf (_("No user database “%s” on this server (or the login cannot see it)"),
                                    database != NULL ? database : ""));
      return;
    }
  recovery = text_or (rows, 0, "recovery_model_desc", "");
  state = text_or (rows, 0, "state_desc", "");
  switch (check->id)
    {
    case LB_PROBE_CHECK_BACKUP:
      if (g_ascii_strcasecmp (state, "ONLINE") != 0 || int_or (rows, 0, "is_read_only", 0) == 1)
        set_verdict (check, LB_PROBE_FAIL, g_strdup_printf (_("%s is %s%s: the link needs an online, writable "
                                                              "database"), database, state,
                                                            int_or (rows, 0, "is_read_only", 0) == 1
                                                              ? _(" and read-only") : ""));
      else if (g_ascii_strcasecmp (recovery, "FULL") != 0)
        set_verdict (check, LB_PROBE_FAIL,
                     g_strdup_printf (_("%s uses the %s recovery model: the link needs FULL"), database, recovery));
      else if (text_or (rows, 0, "last_full_backup", NULL) == NULL)
        set_verdict (check, LB_PROBE_FAIL,
                     g_strdup_printf (_("%s has no full backup that is not copy-only: take one to start the log "
                                        "chain"), database));
      else if (text_or (rows, 0, "last_log_backup_lsn", NULL) == NULL)
        set_verdict (check, LB_PROBE_FAIL,
                     g_strdup_printf (_("%s: the log backup chain has not started (take a full backup in FULL "
                                        "recovery)"), database));
      else
        set_verdict (check, LB_PROBE_PASS,
                     g_strdup_printf (_("%s uses FULL recovery; last full backup %s"), database,
                                      text_or (rows, 0, "last_full_backup", "")));
      break;
    case LB_PROBE_CHECK_FEATURES:
      if (int_or (rows, 0, "log_files", 1) != 1)
        set_verdict (check, LB_PROBE_FAIL,
                     g_strdup_printf (_("%s has %lld log files: a managed instance allows one"),
                                      database, (long long) int_or (rows, 0, "log_files", 0)));
      else if (int_or (rows, 0, "fs_or_xtp_files", 0) > 0)
        set_verdict (check, LB_PROBE_WARN,
                     g_strdup_printf (_("%s has FILESTREAM or memory-optimized files: FILESTREAM cannot be linked, "
                                        "In-Memory OLTP needs Business Critical"), database));
      else
        set_verdict (check, LB_PROBE_PASS,
                     g_strdup_printf (_("%s has one log file and no FILESTREAM or memory-optimized files"), database));
      break;
    case LB_PROBE_CHECK_LOG_REUSE:
      {
        const char *wait = text_or (rows, 0, "log_reuse_wait_desc", "");

        if (g_ascii_strcasecmp (wait, "NOTHING") == 0)
          set_verdict (check, LB_PROBE_PASS, g_strdup_printf (_("%s: the log is not waiting to be reused"), database));
        else if (g_ascii_strcasecmp (wait, "AVAILABILITY_REPLICA") == 0)
          set_verdict (check, LB_PROBE_WARN,
                       g_strdup_printf (_("%s: the log waits for a replica (AVAILABILITY_REPLICA) and grows until "
                                          "the link catches up"), database));
        else
          set_verdict (check, LB_PROBE_WARN,
                       g_strdup_printf (_("%s: the log waits for %s before it can be reused"), database, wait));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
judge_endpoint (LbProbeCheck      *check,
                const LbSqlRowSet *rows)
{
  g_autoptr(GString) wrong = g_string_new (NULL);
  const char *cert;
  gint64 port, days;

  if (rows == NULL || rows->rows->len == 0)
    {
      set_verdict (check, LB_PROBE_FAIL,
                   g_strdup (_("No database mirroring endpoint: create one on port 5022 with certificate "
                               "authentication and AES encryption")));
      return;
    }
  if (g_ascii_strcasecmp (text_or (rows, 0, "state_desc", ""), "STARTED") != 0)
    g_string_append_printf (wrong, _("state %s (not STARTED); "), text_or (rows, 0, "state_desc", "?"));
  if (g_ascii_strcasecmp (text_or (rows, 0, "role_desc", ""), "ALL") != 0)
    g_string_append_printf (wrong, _("role %s (not ALL); "), text_or (rows, 0, "role_desc", "?"));
  if (!contains_nocase (text_or (rows, 0, "connection_auth_desc", ""), "CERTIFICATE"))
    g_string_append_printf (wrong, _("authentication %s (no certificate); "),
                            text_or (rows, 0, "connection_auth_desc", "?"));
  if (int_or (rows, 0, "is_encryption_enabled", 0) != 1
      || !contains_nocase (text_or (rows, 0, "encryption_algorithm_desc", ""), "AES"))
    g_string_append_printf (wrong, _("encryption %s (not AES); "), text_or (rows, 0, "encryption_algorithm_desc", "off"));
  cert = text_or (rows, 0, "cert_name", NULL);
  days = int_or (rows, 0, "days_to_expiry", G_MAXINT64);
  if (cert == NULL)
    g_string_append (wrong, _("no certificate; "));
  else if (days < 0)
    g_string_append_printf (wrong, _("certificate %s expired on %s; "), cert, text_or (rows, 0, "expiry_date", "?"));
  port = int_or (rows, 0, "port", 0);
  if (wrong->len > 0)
    {
      g_string_truncate (wrong, wrong->len - 2);
      set_verdict (check, LB_PROBE_FAIL,
                   g_strdup_printf (_("Endpoint %s on port %lld: %s"), text_or (rows, 0, "name", "?"),
                                    (long long) port, wrong->str));
    }
  else if (days < EXPIRY_WARNING_DAYS)
    set_verdict (check, LB_PROBE_WARN,
                 g_strdup_printf (_("Endpoint %s on port %lld is ready, but its certificate %s "
                                    "expires in %lld days (%s): rotate it"),
                                  text_or (rows, 0, "name", "?"), (long long) port, cert, (long long) days,
                                  text_or (rows, 0, "expiry_date", "")));
  else if (port != 5022)
    set_verdict (check, LB_PROBE_WARN,
                 g_strdup_printf (_("Endpoint %s is ready on port %lld, not 5022: open that port in "
                                    "every firewall instead"), text_or (rows, 0, "name", "?"), (long long) port));
  else
    set_verdict (check, LB_PROBE_PASS,
                 g_strdup_printf (_("Endpoint %s: started, port 5022, certificate %s valid until %s, AES"),
                                  text_or (rows, 0, "name", "?"), cert, text_or (rows, 0, "expiry_date", "")));
}

static void
judge_certificates (LbProbeCheck      *check,
                    const LbSqlRowSet *rows,
                    const char        *fqdn)
{
  const char *const wanted[] = { fqdn, "MicrosoftPKI", "DigiCertPKI" };
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) expired = g_string_new (NULL);
  g_autoptr(GString) expiring = g_string_new (NULL);

  for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
    {
      gboolean present = FALSE;

      if (wanted[w] == NULL || *wanted[w] == '\0')
        continue;
      for (guint r = 0; rows != NULL && r < rows->rows->len; r++)
        if (g_ascii_strcasecmp (text_or (rows, r, "name", ""), wanted[w]) == 0)
          present = TRUE;
      if (!present)
        g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", wanted[w]);
    }
  for (guint r = 0; rows != NULL && r < rows->rows->len; r++)
    {
      gint64 days = int_or (rows, r, "days_to_expiry", G_MAXINT64);
      GString *list = days < 0 ? expired : days < EXPIRY_WARNING_DAYS ? expiring : NULL;

      if (list != NULL)
        g_string_append_printf (list, "%s%s (%s)", list->len > 0 ? ", " : "", text_or (rows, r, "name", "?"),
                                text_or (rows, r, "expiry_date", "?"));
    }
  if (expired->len > 0)
    set_verdict (check, LB_PROBE_FAIL, g_strdup_printf (_("Expired certificates: %s"), expired->str));
  else if (missing->len > 0)
    set_verdict (check, LB_PROBE_WARN,
                 g_strdup_printf (_("Not imported yet: %s (the link's set-up imports the managed instance's "
                                    "certificate under its host name and the Azure root CAs)"), missing->str));
  else if (expiring->len > 0)
    set_verdict (check, LB_PROBE_WARN,
                 g_strdup_printf (_("Certificates expiring within %d days: %s"), EXPIRY_WARNING_DAYS, expiring->str));
  else if (fqdn == NULL || *fqdn == '\0')
    set_verdict (check, LB_PROBE_WARN,
                 g_strdup (_("MicrosoftPKI and DigiCertPKI are present; the project names no managed instance host, "
                             "so its certificate was not looked for")));
  else
    set_verdict (check, LB_PROBE_PASS,
                 g_strdup_printf (_("%s, MicrosoftPKI and DigiCertPKI are present and valid"), fqdn));
}

static void
judge_trace_flags (LbProbeCheck      *check,
                   const LbSqlRowSet *rows)
{
  static const char *const flags[] = { "1800", "9567" };
  g_autoptr(GString) off = g_string_new (NULL);

  for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
    {
      gboolean global = FALSE;

      for (guint r = 0; rows != NULL && r < rows->rows->len; r++)
        if (g_strcmp0 (text_or (rows, r, "TraceFlag", ""), flags[f]) == 0 && int_or (rows, r, "Global", 0) == 1)
          global = TRUE;
      if (!global)
        g_string_append_printf (off, "%s%s", off->len > 0 ? ", " : "", flags[f]);
    }
  if (off->len > 0)
    set_verdict (check, LB_PROBE_WARN,
                 g_strdup_printf (_("Not on globally: %s (recommended startup flags: 1800 for mixed sector sizes, "
                                    "9567 to compress seeding)"), off->str));
  else
    set_verdict (check, LB_PROBE_PASS, g_strdup (_("Trace flags 1800 and 9567 are on globally")));
}

static JsonNode *
check_evidence (const LbProbeAnswers *answers,
                LbProbeQueryId        query,
                const char           *database)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, query_sql[query]);
  json_builder_set_member_name (builder, "parameters");
  json_builder_begin_array (builder);
  if (query == LB_PROBE_QUERY_DATABASE)
    json_builder_add_string_value (builder, database != NULL ? database : "");
  json_builder_end_array (builder);
  if (answers->results[query] != NULL)
    {
      json_builder_set_member_name (builder, "result");
      json_builder_add_value (builder, lb_sql_result_to_json (answers->results[query]));
    }
  else if (answers->errors[query] != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, answers->errors[query]->message);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

GPtrArray *
lb_link_probe_evaluate (const LbProbeAnswers *answers,
                        const char           *database,
                        const char           *fqdn)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_probe_check_free);

  for (guint id = 0; id < LB_PROBE_N_CHECKS; id++)
    {
      LbProbeCheck *check = g_new0 (LbProbeCheck, 1);
      LbProbeQueryId query = checks_info[id].query;
      const LbSqlRowSet *rows = first_set (answers, query);

      check->id = id;
      check->query = query;
      check->evidence = check_evidence (answers, query, database);
      g_ptr_array_add (checks, check);

      /* Permissions are judged from whatever the other queries met. */
      if (id != LB_PROBE_CHECK_PERMISSIONS && (answers->errors[query] != NULL || answers->results[query] == NULL))
        {
          set_verdict (check, LB_PROBE_UNKNOWN,
                       answers->errors[query] != NULL
                         ? g_strdup_printf (_("Could not check: %s"), answers->errors[query]->message)
                         : g_strdup (_("Could not check: the query did not run")));
          continue;
        }
      /* Rows that lack a column the check needs read as their fallbacks, which fail. */
      switch ((LbProbeCheckId) id)
        {
        case LB_PROBE_CHECK_BUILD:
        case LB_PROBE_CHECK_HADR:
        case LB_PROBE_CHECK_DMK:
          if (rows == NULL || rows->rows->len == 0)
            set_verdict (check, LB_PROBE_UNKNOWN, g_strdup (_("Could not check: the server returned no row")));
          else
            judge_server (check, rows);
          break;
        case LB_PROBE_CHECK_BACKUP:
        case LB_PROBE_CHECK_FEATURES:
        case LB_PROBE_CHECK_LOG_REUSE:
          judge_database (check, rows, database);
          break;
        case LB_PROBE_CHECK_ENDPOINT:
          judge_endpoint (check, rows);
          break;
        case LB_PROBE_CHECK_CERTIFICATES:
          judge_certificates (check, rows, fqdn);
          break;
        case LB_PROBE_CHECK_TRACE_FLAGS:
          judge_trace_flags (check, rows);
          break;
        case LB_PROBE_CHECK_PERMISSIONS:
          judge_permissions (check, answers, rows);
          break;
        case LB_PROBE_N_CHECKS:
        default:
          g_assert_not_reached ();
        }
    }
  return checks;
}

/* Errors that end the probe rather than one check. */
static gboolean
ends_probe (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_UNREACHABLE)
         || g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_CONNECTION_LOST)
         || g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_TIMEOUT)
         || g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_LOGIN_FAILED);
}

gboolean
lb_link_probe_query (LbSqlConnection *connection,
                     const char      *database,
                     LbProbeAnswers  *answers,
                     GCancellable    *cancellable,
                     GError         **error)
{
  if (!lb_sql_connection_open (connection, cancellable, error))
    return FALSE;
  for (guint q = 0; q < LB_PROBE_N_QUERIES; q++)
    {
      const char *const params[] = { database != NULL ? database : "", NULL };
      g_autoptr(GError) local_error = NULL;

      answers->results[q] = lb_sql_connection_query (connection, query_sql[q],
                                                     q == LB_PROBE_QUERY_DATABASE ? params : NULL, cancellable,
                                                     &local_error);
      if (local_error != NULL && ends_probe (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      answers->errors[q] = g_steal_pointer (&local_error);
    }
  return TRUE;
}

static LbReadinessStatus
status_of (LbProbeVerdict verdict)
{
  switch (verdict)
    {
    case LB_PROBE_PASS:
      return LB_READINESS_CLEAR;
    case LB_PROBE_FAIL:
      return LB_READINESS_BLOCKED;
    case LB_PROBE_WARN:
      return LB_READINESS_IN_PROGRESS;
    case LB_PROBE_UNKNOWN:
    default:
      return LB_READINESS_UNKNOWN;
    }
}

static gboolean
store_check (LbStore            *store,
             gint64              project_id,
             GPtrArray          *items,
             const LbProbeCheck *check,
             const char         *who,
             gint64              now,
             GError            **error)
{
  const char *title = lb_link_probe_check_title (check->id);
  LbReadinessItem *item = NULL;
  LbEvidence *evidence;
  char *json;
  gsize length;
  gboolean ok;

  for (guint i = 0; i < items->len && item == NULL; i++)
    {
      LbReadinessItem *candidate = items->pdata[i];

      if (candidate->kind == LB_READINESS_PREREQUISITE && g_ascii_strcasecmp (candidate->title, title) == 0)
        item = candidate;
    }
  if (item == NULL)
    {
      item = lb_record_new (&lb_readiness_item_kind);
      item->project_id = project_id;
      item->kind = LB_READINESS_PREREQUISITE;
      item->title = g_strdup (title);
      item->position = 100 + check->id;
      g_ptr_array_add (items, item);
    }
  item->status = status_of (check->verdict);
  g_free (item->note);
  /* TRANSLATORS: a readiness item's note after a probe: "Fail: SIMPLE recovery …" */
  item->note = g_strdup_printf (_("%s: %s"), _(lb_enum_info_label (&lb_probe_verdict_enum, check->verdict)),
                                check->reason);
  g_free (item->verified_by);
  item->verified_by = g_strdup (who);
  item->verified_at = now;
  ok = item->id > 0 ? lb_store_update (store, item, error) : lb_store_insert (store, item, error);
  if (!ok)
    return FALSE;

  evidence = lb_record_new (&lb_evidence_kind);
  evidence->project_id = project_id;
  evidence->readiness_id = item->id;
  evidence->kind = LB_EVIDENCE_QUERY_RESULT;
  /* TRANSLATORS: an evidence title, "Probe: Supported SQL Server build" */
  evidence->title = g_strdup_printf (_("Probe: %s"), title);
  json = json_to_string (check->evidence, TRUE);
  length = strlen (json);
  evidence->content = g_bytes_new_take (json, length);
  g_free (evidence->media_type);
  evidence->media_type = g_strdup ("application/json");
  evidence->captured_at = now;
  evidence->source = g_strdup (who);
  ok = lb_store_insert (store, evidence, error);
  lb_record_free (evidence);
  return ok;
}

gboolean
lb_link_probe_store (LbStore    *store,
                     gint64      project_id,
                     GPtrArray  *checks,
                     const char *who,
                     gint64      now,
                     GError    **error)
{
  g_autoptr(GPtrArray) items = NULL;

  if (!lb_store_begin_transaction (store, error))
    return FALSE;
  if ((items = lb_store_list_for_project (store, &lb_readiness_item_kind, project_id, error)) == NULL)
    goto fail;
  for (guint i = 0; i < checks->len; i++)
    if (!store_check (store, project_id, items, checks->pdata[i], who, now, error))
      goto fail;
  return lb_store_commit_transaction (store, error);

fail:
  lb_store_rollback_transaction (store);
  return FALSE;
}

GPtrArray *
lb_link_probe_run (LbStore         *store,
                   const LbProject *project,
                   LbSqlConnection *connection,
                   const char      *login,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *who = NULL;
  LbProbeAnswers answers = { 0 };

  if (!lb_link_probe_query (connection, project->source_database, &answers, cancellable, error))
    {
      lb_probe_answers_clear (&answers);
      return NULL;
    }
  checks = lb_link_probe_evaluate (&answers, project->source_database, project->target_fqdn);
  lb_probe_answers_clear (&answers);
  /* TRANSLATORS: who verified a prerequisite: "linkbench probe as linkbench@sql01:1433" */
  who = g_strdup_printf (_("linkbench probe as %s@%s"), login != NULL ? login : "?",
                         lb_sql_connection_get_label (connection));
  if (!lb_link_probe_store (store, project->id, checks, who, lb_time_now_ms (), error))
    return NULL;
  return g_steal_pointer (&checks);
}

typedef struct
{
  char                *db_path;
  gint64               project_id;
  LbConnectionProfile *profile;
} ProbeJob;

static void
probe_job_free (gpointer data)
{
  ProbeJob *job = data;

  g_free (job->db_path);
  lb_record_free (job->profile);
  g_free (job);
}

static void
probe_worker (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  ProbeJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = NULL;
  g_autoptr(LbSqlConnection) connection = NULL;
  LbProject *project = NULL;
  GPtrArray *checks = NULL;

  if ((connection = lb_sql_connection_new_from_keyring (job->profile, cancellable, &error)) != NULL
      && (store = lb_store_open (job->db_path, &error)) != NULL
      && (project = lb_store_get (store, &lb_project_kind, job->project_id, &error)) != NULL)
    checks = lb_link_probe_run (store, project, connection, job->profile->login, cancellable, &error);
  if (project != NULL)
    lb_record_free (project);
  if (checks == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, checks, (GDestroyNotify) g_ptr_array_unref);
}

void
lb_link_probe_run_async (const char                *db_path,
                         gint64                     project_id,
                         const LbConnectionProfile *profile,
                         GCancellable              *cancellable,
                         GAsyncReadyCallback        callback,
                         gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ProbeJob *job = g_new0 (ProbeJob, 1);

  job->db_path = g_strdup (db_path);
  job->project_id = project_id;
  job->profile = lb_record_copy (profile);
  g_task_set_source_tag (task, lb_link_probe_run_async);
  g_task_set_task_data (task, job, probe_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, probe_worker);
}

GPtrArray *
lb_link_probe_run_finish (GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
