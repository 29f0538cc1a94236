/* lb-capacity-sampler.c: counters, intervals, summary and the sampling loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lb-capacity-sampler.h"
#include "../lag/lb-lag-stats.h"
#include "../model/lb-records.h"
#include "../model/lb-retry.h"
#include "../model/lb-time.h"
#include "../workbench/lb-capacity.h"

const char lb_capacity_poll_sql[] =
  "SET NOCOUNT ON;\n"
  "SELECT RTRIM(instance_name) AS database_name, cntr_value AS log_bytes_flushed\n"
  "FROM sys.dm_os_performance_counters\n"
  "WHERE object_name LIKE N'%:Databases%' AND counter_name = N'Log Bytes Flushed/sec';\n"
  "SELECT DB_NAME(v.database_id) AS database_name, mf.type_desc, v.num_of_reads, v.num_of_writes,\n"
  "       v.num_of_bytes_read, v.num_of_bytes_written, v.io_stall_read_ms, v.io_stall_write_ms\n"
  "FROM sys.dm_io_virtual_file_stats(NULL, NULL) AS v\n"
  "JOIN sys.master_files AS mf ON mf.database_id = v.database_id AND mf.file_id = v.file_id;\n"
  "SELECT TOP (1)\n"
  "  rb.rec.value('(./Record/SchedulerMonitorEvent/SystemHealth/ProcessUtilization)[1]', 'int') AS sql_cpu_pct,\n"
  "  100 - rb.rec.value('(./Record/SchedulerMonitorEvent/SystemHealth/SystemIdle)[1]', 'int') AS total_cpu_pct,\n"
  "  (SELECT physical_memory_in_use_kb / 1024 FROM sys.dm_os_process_memory) AS memory_in_use_mb\n"
  "FROM (SELECT [timestamp] AS ts, CONVERT(xml, record) AS rec FROM sys.dm_os_ring_buffers\n"
  "      WHERE ring_buffer_type = N'RING_BUFFER_SCHEDULER_MONITOR' AND record LIKE N'%<SystemHealth>%') AS rb\n"
  "ORDER BY rb.ts DESC;\n";

#define MIB (1024.0 * 1024.0)

/* The instances of Log Bytes Flushed/sec that are not a user database. */
static gboolean
is_user_database (const char *name)
{
  static const char *const system[] = { "_Total", "master", "model", "msdb", "tempdb", "mssqlsystemresource",
                                        "model_msdb", "model_replicatedmaster" };

  if (name == NULL || *name == '\0')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (system); i++)
    if (g_ascii_strcasecmp (name, system[i]) == 0)
      return FALSE;
  return TRUE;
}

void
lb_capacity_snapshot_clear (LbCapacitySnapshot *snapshot)
{
  g_clear_pointer (&snapshot->log_bytes, g_hash_table_unref);
}

static double
value_or_zero (const LbSqlRowSet *set,
               guint              row,
               const char        *column,
               gboolean          *ok)
{
  double value;

  if (lb_sql_row_set_get_double (set, row, column, &value) && value >= 0)
    return value;
  *ok = FALSE;
  return 0;
}

gboolean
lb_capacity_snapshot_read (const LbSqlResult  *result,
                           gint64              t,
                           LbCapacitySnapshot *snapshot,
                           GError            **error)
{
  const LbSqlRowSet *counters = lb_sql_result_get_set (result, 0);
  const LbSqlRowSet *files = lb_sql_result_get_set (result, 1);
  const LbSqlRowSet *host = lb_sql_result_get_set (result, 2);
  gboolean ok = TRUE;

  memset (snapshot, 0, sizeof *snapshot);
  if (counters == NULL || files == NULL || lb_sql_row_set_find_column (counters, "log_bytes_flushed") < 0
      || lb_sql_row_set_find_column (files, "num_of_writes") < 0 || lb_sql_row_set_find_column (files, "type_desc") < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The server's answer lacks the log-flush counters or the file statistics"));
      return FALSE;
    }
  snapshot->t = t;
  snapshot->log_bytes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint r = 0; r < counters->rows->len; r++)
    {
      const char *name = lb_sql_row_set_get (counters, r, "database_name");
      double value;

      if (!is_user_database (name) || !lb_sql_row_set_get_double (counters, r, "log_bytes_flushed", &value))
        continue;
      snapshot->log_bytes_total += value;
      g_hash_table_replace (snapshot->log_bytes, g_strdup (name), g_memdup2 (&value, sizeof value));
    }
  for (guint r = 0; r < files->rows->len; r++)
    {
      gboolean is_log = g_strcmp0 (lb_sql_row_set_get (files, r, "type_desc"), "LOG") == 0;
      double ios = value_or_zero (files, r, "num_of_reads", &ok) + value_or_zero (files, r, "num_of_writes", &ok);
      double bytes = value_or_zero (files, r, "num_of_bytes_read", &ok)
                     + value_or_zero (files, r, "num_of_bytes_written", &ok);
      double stall = value_or_zero (files, r, "io_stall_read_ms", &ok) + value_or_zero (files, r, "io_stall_write_ms", &ok);

      if (is_log)
        {
          snapshot->log_ios += ios;
          snapshot->log_bytes_written += bytes;
          snapshot->log_stall_ms += stall;
        }
      else
        {
          snapshot->data_ios += ios;
          snapshot->data_bytes += bytes;
          snapshot->data_stall_ms += stall;
        }
    }
  snapshot->sql_cpu_pct = snapshot->total_cpu_pct = snapshot->memory_in_use_mb = NAN;
  if (host != NULL && host->rows->len > 0)
    {
      lb_sql_row_set_get_double (host, 0, "sql_cpu_pct", &snapshot->sql_cpu_pct);
      lb_sql_row_set_get_double (host, 0, "total_cpu_pct", &snapshot->total_cpu_pct);
      lb_sql_row_set_get_double (host, 0, "memory_in_use_mb", &snapshot->memory_in_use_mb);
    }
  if (!ok)
    {
      lb_capacity_snapshot_clear (snapshot);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file statistics hold a value that is not a count"));
      return FALSE;
    }
  return TRUE;
}

/* A rate per second, or NAN when the counter went back. */
static double
rate (double previous,
      double current,
      double seconds)
{
  return current >= previous ? (current - previous) / seconds : NAN;
}

static double
per_io (double stall_before,
        double stall_now,
        double ios_before,
        double ios_now)
{
  double ios = ios_now - ios_before;

  return ios > 0 && stall_now >= stall_before ? (stall_now - stall_before) / ios : NAN;
}

void
lb_capacity_interval_between (const LbCapacitySnapshot *previous,
                              const LbCapacitySnapshot *current,
                              LbCapacityInterval       *interval)
{
  double seconds = (double) (current->t - previous->t) / 1000.0;
  GHashTableIter iter;
  gpointer key, value;

  memset (interval, 0, sizeof *interval);
  interval->t = current->t;
  interval->busiest_log_mibps = NAN;
  if (seconds <= 0)
    {
      interval->log_mibps = interval->iops = interval->throughput_mibps = NAN;
      interval->data_latency_ms = interval->log_latency_ms = interval->cpu_pct = interval->memory_in_use_mb = NAN;
      return;
    }
  interval->log_mibps = rate (previous->log_bytes_total, current->log_bytes_total, seconds) / MIB;
  interval->iops = rate (previous->data_ios + previous->log_ios, current->data_ios + current->log_ios, seconds);
  interval->throughput_mibps = rate (previous->data_bytes + previous->log_bytes_written,
                                     current->data_bytes + current->log_bytes_written, seconds) / MIB;
  interval->data_latency_ms = per_io (previous->data_stall_ms, current->data_stall_ms, previous->data_ios,
                                      current->data_ios);
  interval->log_latency_ms = per_io (previous->log_stall_ms, current->log_stall_ms, previous->log_ios,
                                     current->log_ios);
  interval->cpu_pct = current->total_cpu_pct;
  interval->memory_in_use_mb = current->memory_in_use_mb;
  g_hash_table_iter_init (&iter, current->log_bytes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const double *before = g_hash_table_lookup (previous->log_bytes, key);
      double mibps;

      if (before == NULL)
        continue;
      mibps = rate (*before, *(double *) value, seconds) / MIB;
      if (!isnan (mibps) && (isnan (interval->busiest_log_mibps) || mibps > interval->busiest_log_mibps))
        {
          interval->busiest_log_mibps = mibps;
          g_free (interval->busiest_database);
          interval->busiest_database = g_strdup (key);
        }
    }
}

void
lb_capacity_interval_clear (LbCapacityInterval *interval)
{
  g_clear_pointer (&interval->busiest_database, g_free);
}

typedef double (*IntervalValue) (const LbCapacityInterval *interval);

static double log_of (const LbCapacityInterval *i) { return i->log_mibps; }
static double iops_of (const LbCapacityInterval *i) { return i->iops; }
static double throughput_of (const LbCapacityInterval *i) { return i->throughput_mibps; }
static double cpu_of (const LbCapacityInterval *i) { return i->cpu_pct; }

/* The @p percentile (nearest rank) and the maximum of one figure over the intervals. */
static void
figure_stats (GArray       *intervals,
              IntervalValue get,
              double        p,
              double       *percentile,
              double       *peak)
{
  g_autofree float *values = g_new (float, MAX (intervals->len, 1));
  guint n = 0;

  *peak = NAN;
  for (guint i = 0; i < intervals->len; i++)
    {
      double v = get (&g_array_index (intervals, LbCapacityInterval, i));

      if (isnan (v))
        continue;
      values[n++] = (float) v;
      if (isnan (*peak) || v > *peak)
        *peak = v;
    }
  /* Computed in float: never let the rounding put it above the (double) peak. */
  *percentile = n > 0 ? MIN (lb_lag_stats_percentile (values, n, p), *peak) : NAN;
}

gboolean
lb_capacity_summarize (GArray         *intervals,
                       LbCapacityTest *test)
{
  double log_p95, log_peak, iops_p95, iops_peak, tp_p95, tp_peak, cpu_p95, cpu_peak;
  double stall = 0, memory_peak = NAN, busiest_rate = NAN;
  const char *busiest = NULL;
  guint latency_n = 0;
  g_autoptr(GString) findings = g_string_new (NULL);

  if (intervals->len == 0)
    return FALSE;
  figure_stats (intervals, log_of, 95, &log_p95, &log_peak);
  figure_stats (intervals, iops_of, 95, &iops_p95, &iops_peak);
  figure_stats (intervals, throughput_of, 95, &tp_p95, &tp_peak);
  figure_stats (intervals, cpu_of, 95, &cpu_p95, &cpu_peak);
  for (guint i = 0; i < intervals->len; i++)
    {
      const LbCapacityInterval *interval = &g_array_index (intervals, LbCapacityInterval, i);

      if (!isnan (interval->log_latency_ms))
        {
          stall += interval->log_latency_ms;
          latency_n++;
        }
      if (!isnan (interval->memory_in_use_mb) && (isnan (memory_peak) || interval->memory_in_use_mb > memory_peak))
        memory_peak = interval->memory_in_use_mb;
      if (interval->busiest_database != NULL && (isnan (busiest_rate) || interval->busiest_log_mibps > busiest_rate))
        {
          busiest_rate = interval->busiest_log_mibps;
          busiest = interval->busiest_database;
        }
    }
  test->log_gen_peak_mibps = log_peak;
  test->log_gen_p95_mibps = log_p95;
  test->iops = iops_p95;
  test->throughput_mibps = tp_p95;
  test->cpu_pct = cpu_p95;
  /* The link's exposure is the log: its write latency is the figure that matters. */
  test->io_latency_ms = latency_n > 0 ? stall / latency_n : NAN;

  g_string_append_printf (findings, g_dngettext (GETTEXT_PACKAGE, "Measured on the source over %u interval: ",
                                                 "Measured on the source over %u intervals: ", intervals->len),
                          intervals->len);
  g_string_append_printf (findings, _("log generation peak %.1f MiB/s, p95 %.1f MiB/s"), log_peak, log_p95);
  if (busiest != NULL)
    g_string_append_printf (findings, _(" (most from %s, up to %.1f MiB/s)"), busiest, busiest_rate);
  g_string_append_printf (findings, _("; IOPS p95 %.0f (peak %.0f); throughput p95 %.1f MiB/s (peak %.1f)"), iops_p95,
                          iops_peak, tp_p95, tp_peak);
  if (!isnan (test->io_latency_ms))
    g_string_append_printf (findings, _("; log I/O %.1f ms per I/O"), test->io_latency_ms);
  if (!isnan (cpu_p95))
    g_string_append_printf (findings, _("; host CPU p95 %.0f %%"), cpu_p95);
  if (!isnan (memory_peak))
    g_string_append_printf (findings, _("; SQL Server memory in use up to %.0f MB"), memory_peak);
  g_string_append (findings, ".");
  g_free (test->findings);
  test->findings = g_string_free (g_steal_pointer (&findings), FALSE);
  return TRUE;
}

static JsonNode *
intervals_to_json (GArray *intervals)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < intervals->len; i++)
    {
      const LbCapacityInterval *interval = &g_array_index (intervals, LbCapacityInterval, i);
      g_autofree char *when = lb_time_format_iso_utc (interval->t);
      const struct { const char *name; double value; } figures[] = {
        { "log_mibps", interval->log_mibps }, { "iops", interval->iops },
        { "throughput_mibps", interval->throughput_mibps }, { "data_latency_ms", interval->data_latency_ms },
        { "log_latency_ms", interval->log_latency_ms }, { "cpu_pct", interval->cpu_pct },
        { "memory_in_use_mb", interval->memory_in_use_mb },
      };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "t");
      json_builder_add_string_value (builder, when);
      for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
        if (!isnan (figures[f].value))
          {
            json_builder_set_member_name (builder, figures[f].name);
            json_builder_add_double_value (builder, figures[f].value);
          }
      if (interval->busiest_database != NULL)
        {
          json_builder_set_member_name (builder, "busiest_database");
          json_builder_add_string_value (builder, interval->busiest_database);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/* The test and its evidence, in one transaction. */
static gint64
store_test (LbStore         *store,
            const LbProject *project,
            gint64           started,
            gint64           duration_ms,
            GArray          *intervals,
            const char      *source,
            GError         **error)
{
  g_autoptr(LbCapacityResult) result = NULL;
  g_autoptr(JsonNode) json = intervals_to_json (intervals);
  LbCapacityTest *test = lb_record_new (&lb_capacity_test_kind);
  LbEvidence *evidence = lb_record_new (&lb_evidence_kind);
  g_autofree char *when = lb_time_format_local (started);
  gint64 id = 0;
  char *text;

  test->project_id = project->id;
  test->tested_at = started;
  test->method = LB_CAPACITY_PRODUCTION_SAMPLING;
  test->target_tier = project->target_tier;
  test->target_hardware = project->target_hardware;
  test->target_vcores = project->target_vcores;
  test->target_storage_gb = project->target_storage_gb;
  test->duration_min = MAX ((duration_ms + 30000) / 60000, 1);
  lb_capacity_summarize (intervals, test);
  result = lb_capacity_evaluate (test);
  test->verdict = result->verdict;

  evidence->project_id = project->id;
  evidence->kind = LB_EVIDENCE_QUERY_RESULT;
  /* TRANSLATORS: an evidence title, "Capacity sampling 2026-12-02 14:05" */
  evidence->title = g_strdup_printf (_("Capacity sampling %s"), when);
  text = json_to_string (json, TRUE);
  evidence->content = g_bytes_new_take (text, strlen (text));
  g_free (evidence->media_type);
  evidence->media_type = g_strdup ("application/json");
  evidence->captured_at = started;
  evidence->source = g_strdup (source);

  if (lb_store_begin_transaction (store, error))
    {
      if (lb_store_insert (store, test, error) && lb_store_insert (store, evidence, error)
          && lb_store_commit_transaction (store, error))
        id = test->id;
      else
        lb_store_rollback_transaction (store);
    }
  lb_record_free (evidence);
  lb_record_free (test);
  return id;
}

static gboolean
is_transient (const GError *error)
{
  return g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_UNREACHABLE)
         || g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_TIMEOUT)
         || g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_CONNECTION_LOST);
}

gint64
lb_capacity_sampler_run (const char                *db_path,
                         gint64                     project_id,
                         const LbConnectionProfile *profile,
                         const char                *password,
                         gint64                     interval_ms,
                         gint64                     duration_ms,
                         LbCapacityProgressFunc     func,
                         gpointer                   user_data,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  g_autoptr(LbStore) store = NULL;
  g_autoptr(LbSqlConnection) connection = NULL;
  g_autoptr(GArray) intervals = g_array_new (FALSE, TRUE, sizeof (LbCapacityInterval));
  LbCapacitySnapshot previous = { 0 };
  gboolean have_previous = FALSE;
  LbProject *project = NULL;
  gint64 started_mono, started, id = 0;
  guint failures = 0;

  g_return_val_if_fail (interval_ms > 0 && duration_ms > 0, 0);
  g_array_set_clear_func (intervals, (GDestroyNotify) lb_capacity_interval_clear);

  if ((store = lb_store_open (db_path, error)) == NULL
      || (project = lb_store_get (store, &lb_project_kind, project_id, error)) == NULL)
    return 0;
  if (!lb_capacity_check_vcores (project->target_tier, project->target_hardware, project->target_vcores, error))
    {
      g_prefix_error (error, _("The project's target SKU: "));
      lb_record_free (project);
      return 0;
    }
  connection = lb_sql_connection_new (profile, password);
  started = lb_time_now_ms ();
  started_mono = g_get_monotonic_time () / 1000;

  for (;;)
    {
      g_autoptr(LbSqlResult) result = NULL;
      g_autoptr(GError) local_error = NULL;
      LbCapacitySnapshot current;
      gint64 elapsed = g_get_monotonic_time () / 1000 - started_mono;
      gint64 t = lb_time_now_ms ();

      if (g_cancellable_is_cancelled (cancellable) || elapsed > duration_ms)
        break;
      if (lb_sql_connection_open (connection, cancellable, &local_error))
        result = lb_sql_connection_query (connection, lb_capacity_poll_sql, NULL, cancellable, &local_error);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        break;
      if (local_error != NULL)
        {
          if (!is_transient (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto out;
            }
          /* The interval across an outage is not a measurement. */
          lb_sql_connection_close (connection);
          if (have_previous)
            lb_capacity_snapshot_clear (&previous);
          have_previous = FALSE;
          lb_retry_wait (cancellable, MAX (interval_ms / 2, lb_retry_backoff_ms (interval_ms, 60000, failures++)), NULL);
          continue;
        }
      failures = 0;
      if (!lb_capacity_snapshot_read (result, t, &current, error))
        goto out;
      if (have_previous)
        {
          LbCapacityInterval interval;

          lb_capacity_interval_between (&previous, &current, &interval);
          g_array_append_val (intervals, interval);
          if (func != NULL)
            func (&interval, intervals->len, user_data);
          lb_capacity_snapshot_clear (&previous);
        }
      previous = current;
      have_previous = TRUE;
      elapsed = g_get_monotonic_time () / 1000 - started_mono;
      if (elapsed >= duration_ms)
        break;
      lb_retry_wait (cancellable, MIN (interval_ms, duration_ms - elapsed), NULL);
    }

  if (intervals->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("No interval was measured: sample for at least two polls (the window was too short or the "
                     "server did not answer)"));
      goto out;
    }
  {
    g_autofree char *source = g_strdup_printf (_("linkbench capacity sampling as %s@%s"),
                                               profile->login != NULL ? profile->login : "?",
                                               lb_sql_connection_get_label (connection));

    id = store_test (store, project, started, g_get_monotonic_time () / 1000 - started_mono, intervals, source, error);
  }

out:
  if (have_previous)
    lb_capacity_snapshot_clear (&previous);
  lb_record_free (project);
  return id;
}
