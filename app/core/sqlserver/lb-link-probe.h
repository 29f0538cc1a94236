/* lb-link-probe.h: the SQL Server-side prerequisites of a link (domain.md §1.1–§1.2),
 * checked against a project's source database through a live connection.
 *
 * Each check ends pass / warn / fail / could not check, with a one-line reason and the
 * query and rows it was judged on. Judging is separate from querying, so the verdicts can
 * be tested (and fuzzed) on rows alone. Storing the result updates the project's technical
 * prerequisites (by title, creating those it lacks) and keeps each check's query and rows
 * as evidence of the item.
 *
 * The probe needs VIEW SERVER STATE and VIEW ANY DEFINITION (and read access to msdb for
 * the backup history); without them the affected checks say "could not check" and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lb-sql-connection.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

typedef enum
{
  LB_PROBE_PASS,
  LB_PROBE_WARN,
  LB_PROBE_FAIL,
  LB_PROBE_UNKNOWN, /* could not check */
} LbProbeVerdict;

extern const LbEnumInfo lb_probe_verdict_enum;

typedef enum
{
  LB_PROBE_CHECK_BUILD,
  LB_PROBE_CHECK_HADR,
  LB_PROBE_CHECK_DMK,
  LB_PROBE_CHECK_BACKUP,
  LB_PROBE_CHECK_FEATURES,
  LB_PROBE_CHECK_LOG_REUSE,
  LB_PROBE_CHECK_ENDPOINT,
  LB_PROBE_CHECK_CERTIFICATES,
  LB_PROBE_CHECK_TRACE_FLAGS,
  LB_PROBE_CHECK_PERMISSIONS,
  LB_PROBE_N_CHECKS,
} LbProbeCheckId;

/* The queries the checks are judged on. */
typedef enum
{
  LB_PROBE_QUERY_SERVER,
  LB_PROBE_QUERY_ENDPOINT,
  LB_PROBE_QUERY_CERTIFICATES,
  LB_PROBE_QUERY_DATABASE,
  LB_PROBE_QUERY_TRACE_FLAGS,
  LB_PROBE_N_QUERIES,
} LbProbeQueryId;

/* The text of a query; LB_PROBE_QUERY_DATABASE takes the database name as its parameter. */
const char *lb_link_probe_query_sql   (LbProbeQueryId id);
/* The readiness item's title a check updates ("Supported SQL Server build"). */
const char *lb_link_probe_check_title (LbProbeCheckId id);

/* What the server answered to each query: a result, or the error it gave. */
typedef struct
{
  LbSqlResult *results[LB_PROBE_N_QUERIES];
  GError      *errors[LB_PROBE_N_QUERIES];
} LbProbeAnswers;

void lb_probe_answers_clear (LbProbeAnswers *answers);

typedef struct
{
  LbProbeCheckId  id;
  LbProbeVerdict  verdict;
  char           *reason;
  LbProbeQueryId  query;
  JsonNode       *evidence; /* {"query": …, "parameters": […], "result": … | "error": …} */
} LbProbeCheck;

void       lb_probe_check_free     (LbProbeCheck         *check);
/* Judges every check. @fqdn: the managed instance's host name (for its certificate), may
 * be NULL. Returns LB_PROBE_N_CHECKS checks in LbProbeCheckId order. */
GPtrArray *lb_link_probe_evaluate  (const LbProbeAnswers *answers,
                                    const char           *database,
                                    const char           *fqdn);
/* Runs every query on @connection (opening it if needed). FALSE only when the server
 * could not be reached or the probe was cancelled; a query the login may not run is an
 * answer ("could not check"). */
gboolean   lb_link_probe_query     (LbSqlConnection      *connection,
                                    const char           *database,
                                    LbProbeAnswers       *answers,
                                    GCancellable         *cancellable,
                                    GError              **error);
/* Writes the verdicts to the project's technical prerequisites and each check's evidence,
 * in one transaction. @who: who verified ("linkbench probe as linkbench@sql01:1433"). */
gboolean   lb_link_probe_store     (LbStore              *store,
                                    gint64                project_id,
                                    GPtrArray            *checks,
                                    const char           *who,
                                    gint64                now,
                                    GError              **error);

/* All of the above for @project: queries its source database on @connection, judges
 * (with its managed instance's host for the certificate) and stores the verdicts as
 * verified by "linkbench probe as LOGIN@SERVER". Returns the checks. */
GPtrArray *lb_link_probe_run       (LbStore              *store,
                                    const LbProject      *project,
                                    LbSqlConnection      *connection,
                                    const char           *login,
                                    GCancellable         *cancellable,
                                    GError              **error);
/* The same on a worker thread with its own connection to @db_path, after looking the
 * profile's password up in the keyring there. */
void       lb_link_probe_run_async (const char                *db_path,
                                    gint64                     project_id,
                                    const LbConnectionProfile *profile,
                                    GCancellable              *cancellable,
                                    GAsyncReadyCallback        callback,
                                    gpointer                   user_data);
GPtrArray *lb_link_probe_run_finish (GAsyncResult             *result,
                                     GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbProbeCheck, lb_probe_check_free)

G_END_DECLS
