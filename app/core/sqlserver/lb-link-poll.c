/* lb-link-poll.c: the link poll query and its rows → sample conversion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "lb-link-poll.h"
#include "../model/lb-record.h"

/* Commit-time lag compares two commit times of the primary's own clock, so clock skew does
 * not matter and an idle database shows 0 (domain.md §2.5); DATEDIFF_BIG (2016+, like the
 * link) gives milliseconds without overflow. */
const char lb_link_poll_sql[] =
  "SET NOCOUNT ON;\n"
  "DECLARE @link sysname = ?, @db sysname = ?;\n"
  "SELECT ag.name AS link_name, DB_NAME(r.database_id) AS database_name,\n"
  "       DATEDIFF_BIG(millisecond, r.last_commit_time,\n"
  "         (SELECT MAX(l.last_commit_time) FROM sys.dm_hadr_database_replica_states AS l\n"
  "           WHERE l.database_id = r.database_id AND l.is_local = 1)) AS commit_lag_ms,\n"
  "       r.secondary_lag_seconds,\n"
  "       r.log_send_queue_size AS send_queue_kb, r.log_send_rate AS send_rate_kbps,\n"
  "       r.redo_queue_size AS redo_queue_kb, r.redo_rate AS redo_rate_kbps,\n"
  "       r.synchronization_state_desc, r.synchronization_health_desc\n"
  "FROM sys.dm_hadr_database_replica_states AS r\n"
  "JOIN sys.availability_groups AS ag ON ag.group_id = r.group_id AND ag.is_distributed = 1\n"
  "WHERE r.is_local = 0 AND (@link = N'' OR ag.name = @link)\n"
  "  AND (@db = N'' OR DB_NAME(r.database_id) = @db);\n"
  "SELECT RTRIM(instance_name) AS database_name, cntr_value AS log_bytes_flushed\n"
  "FROM sys.dm_os_performance_counters\n"
  "WHERE object_name LIKE N'%:Databases%' AND counter_name = N'Log Bytes Flushed/sec'\n"
  "  AND (@db = N'' OR RTRIM(instance_name) = @db);\n";

void
lb_link_poll_clear (LbLinkPoll *poll)
{
  g_clear_pointer (&poll->link_name, g_free);
  g_clear_pointer (&poll->database_name, g_free);
}

static gboolean
names_match (const char *wanted,
             const char *found)
{
  return wanted == NULL || *wanted == '\0' || (found != NULL && g_ascii_strcasecmp (wanted, found) == 0);
}

static double
read_double (const LbSqlRowSet *set,
             guint              row,
             const char        *column)
{
  double value;

  return lb_sql_row_set_get_double (set, row, column, &value) ? value : NAN;
}

/* "NOT SYNCHRONIZING" (the DMV's spelling) → LB_SYNC_NOT_SYNCHRONIZING; unknown text →
 * LB_UNSET_ENUM. */
static int
read_enum (const LbSqlRowSet *set,
           guint              row,
           const char        *column,
           const LbEnumInfo  *info)
{
  const char *text = lb_sql_row_set_get (set, row, column);
  g_autofree char *lower = NULL;

  if (text == NULL)
    return LB_UNSET_ENUM;
  lower = g_strdelimit (g_ascii_strdown (text, -1), " ", '_');
  return lb_enum_info_lookup (info, lower);
}

gboolean
lb_link_poll_read (const LbSqlResult *result,
                   const char        *link_name,
                   const char        *database_name,
                   gint64             t,
                   LbLinkPoll        *poll,
                   GError           **error)
{
  static const char *const required[] = { "link_name", "database_name", "commit_lag_ms", "secondary_lag_seconds",
                                          "send_queue_kb", "send_rate_kbps", "redo_queue_kb", "redo_rate_kbps",
                                          "synchronization_state_desc", "synchronization_health_desc" };
  const LbSqlRowSet *replicas = lb_sql_result_get_set (result, 0);
  const LbSqlRowSet *counters = lb_sql_result_get_set (result, 1);
  guint matches = 0, row = 0;
  double lag_ms;

  memset (poll, 0, sizeof *poll);
  if (replicas == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The server returned no replica states"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (lb_sql_row_set_find_column (replicas, required[i]) < 0)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("The replica states lack the column “%s”"), required[i]);
        return FALSE;
      }
  for (guint i = 0; i < replicas->rows->len; i++)
    if (names_match (link_name, lb_sql_row_set_get (replicas, i, "link_name"))
        && names_match (database_name, lb_sql_row_set_get (replicas, i, "database_name")))
      {
        if (matches++ == 0)
          row = i;
      }
  if (matches != 1)
    {
      g_autofree char *what = g_strdup_printf ("%s / %s", link_name != NULL && *link_name != '\0' ? link_name : "*",
                                               database_name != NULL && *database_name != '\0' ? database_name : "*");

      if (matches == 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     /* TRANSLATORS: "No link replicates SalesDB / SalesDB here: this server is not its primary…" */
                     _("No link replicates %s on this server: it is not the link's primary, or the link is gone"),
                     what);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("%u links match %s: name the project's link and database"), matches, what);
      return FALSE;
    }

  lb_lag_sample_init (&poll->sample, t);
  lag_ms = read_double (replicas, row, "commit_lag_ms");
  /* A remote copy that has not reported yet has no commit time: unknown, not zero. */
  poll->sample.lag_s = isnan (lag_ms) ? NAN : MAX (lag_ms, 0) / 1000.0;
  poll->sample.secondary_lag_s = read_double (replicas, row, "secondary_lag_seconds");
  poll->sample.log_send_queue_kb = read_double (replicas, row, "send_queue_kb");
  poll->sample.redo_queue_kb = read_double (replicas, row, "redo_queue_kb");
  poll->sample.send_rate_bps = read_double (replicas, row, "send_rate_kbps") * 1024.0;
  poll->sample.redo_rate_bps = read_double (replicas, row, "redo_rate_kbps") * 1024.0;
  poll->sample.sync_state = read_enum (replicas, row, "synchronization_state_desc", &lb_sync_state_enum);
  poll->sample.sync_health = read_enum (replicas, row, "synchronization_health_desc", &lb_sync_health_enum);
  poll->link_name = g_strdup (lb_sql_row_set_get (replicas, row, "link_name"));
  poll->database_name = g_strdup (lb_sql_row_set_get (replicas, row, "database_name"));
  poll->catch_up_s = poll->sample.redo_rate_bps > 0 && !isnan (poll->sample.redo_queue_kb)
                       ? poll->sample.redo_queue_kb * 1024.0 / poll->sample.redo_rate_bps : NAN;
  poll->log_bytes_flushed = NAN;
  if (counters != NULL)
    for (guint i = 0; i < counters->rows->len; i++)
      if (names_match (poll->database_name, lb_sql_row_set_get (counters, i, "database_name")))
        poll->log_bytes_flushed = read_double (counters, i, "log_bytes_flushed");
  return TRUE;
}

double
lb_link_poll_data_at_risk_s (const LbLinkPoll *previous,
                             const LbLinkPoll *current)
{
  double seconds, rate;

  if (isnan (current->sample.log_send_queue_kb))
    return NAN;
  if (current->sample.log_send_queue_kb <= 0)
    return 0;
  if (previous == NULL || isnan (previous->log_bytes_flushed) || isnan (current->log_bytes_flushed))
    return NAN;
  seconds = (double) (current->sample.t - previous->sample.t) / 1000.0;
  rate = (current->log_bytes_flushed - previous->log_bytes_flushed) / seconds;
  /* A counter that went back (restart) or no log generated: no rate to divide by. */
  if (seconds <= 0 || rate <= 0)
    return NAN;
  return current->sample.log_send_queue_kb * 1024.0 / rate;
}
