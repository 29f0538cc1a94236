/* lb-capacity-sampler.h: a capacity test measured on the live source (domain.md §5.4) —
 * log generation (Log Bytes Flushed/sec, per database and in total), file I/O from
 * sys.dm_io_virtual_file_stats deltas (IOPS, MiB/s, read and write latency of data and
 * log files), CPU from the scheduler ring buffer and memory in use — over a window, then
 * stored as a capacity test (peaks and p95) judged against the target tier's limits by the
 * workbench rules, with the measured intervals kept as evidence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lb-sql-connection.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

/* Three result sets: log-flush counters, file I/O per file, CPU and memory. */
extern const char lb_capacity_poll_sql[];

/* Cumulative counters at one instant. */
typedef struct
{
  gint64      t;                  /* UTC ms */
  double      log_bytes_total;    /* the counters of user databases, summed */
  GHashTable *log_bytes;          /* database name → double * */
  double      data_ios, data_bytes, data_stall_ms;
  double      log_ios, log_bytes_written, log_stall_ms;
  double      sql_cpu_pct;        /* NAN when the ring buffer had no record */
  double      total_cpu_pct;
  double      memory_in_use_mb;
} LbCapacitySnapshot;

/* Rates over one interval between two snapshots; NAN where a counter went back (a
 * restart) or was missing. */
typedef struct
{
  gint64 t;                 /* end of the interval */
  double log_mibps;
  double iops;              /* data and log files */
  double throughput_mibps;
  double data_latency_ms;   /* per I/O; NAN without I/O */
  double log_latency_ms;
  double cpu_pct;           /* the whole host, from the ring buffer */
  double memory_in_use_mb;
  char  *busiest_database;  /* the largest log generation in the interval */
  double busiest_log_mibps;
} LbCapacityInterval;

void     lb_capacity_snapshot_clear  (LbCapacitySnapshot       *snapshot);
gboolean lb_capacity_snapshot_read   (const LbSqlResult        *result,
                                      gint64                    t,
                                      LbCapacitySnapshot       *snapshot,
                                      GError                  **error);
void     lb_capacity_interval_between (const LbCapacitySnapshot *previous,
                                       const LbCapacitySnapshot *current,
                                       LbCapacityInterval       *interval);
void     lb_capacity_interval_clear  (LbCapacityInterval       *interval);

/* Fills @test's measured fields (log generation peak and p95, CPU p95, IOPS and
 * throughput p95, mean log write latency) from @intervals (LbCapacityInterval), and its
 * findings with what was measured. FALSE when there is no interval. */
gboolean lb_capacity_summarize       (GArray                   *intervals,
                                      LbCapacityTest           *test);

/* Called on the sampler's thread after each interval. */
typedef void (*LbCapacityProgressFunc) (const LbCapacityInterval *interval,
                                        guint                     n_intervals,
                                        gpointer                  user_data);

/* Samples every @interval_ms for @duration_ms (or until cancelled, which still stores
 * what was measured), then stores the capacity test for the project's target SKU and the
 * intervals as evidence. A lost connection is retried; the interval across it is dropped.
 * Returns the new test's id, or 0 with an error. */
gint64   lb_capacity_sampler_run     (const char                *db_path,
                                      gint64                     project_id,
                                      const LbConnectionProfile *profile,
                                      const char                *password,
                                      gint64                     interval_ms,
                                      gint64                     duration_ms,
                                      LbCapacityProgressFunc     func,
                                      gpointer                   user_data,
                                      GCancellable              *cancellable,
                                      GError                   **error);

G_END_DECLS
