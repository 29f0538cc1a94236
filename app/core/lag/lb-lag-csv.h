/* lb-lag-csv.h: replication lag carried in as CSV — time, lag seconds and optionally the
 * log send and redo queues — for sites that sample with their own tools.
 *
 * Columns are found by a header row (time/timestamp/sample_time, lag_seconds/lag_s/lag,
 * log_send_queue_kb, redo_queue_kb, secondary_lag_seconds) or, without one, by position:
 * time, lag seconds, log send queue KB, redo queue KB. Times are ISO 8601 or local
 * ("2026-11-29 14:05:00"), or Unix seconds. Rows that cannot be read are reported with
 * their number and reason; the others are stored (source "import"), oldest first.
 * Blocking: call from a worker thread in a GUI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "../store/lb-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint  row;    /* 1 = the file's first row */
  char  *reason; /* "the lag “abc” is not a number of seconds" */
} LbLagCsvRejection;

typedef struct
{
  guint      n_rows;     /* data rows read (the header excluded) */
  guint64    written;    /* samples stored */
  guint64    duplicates; /* samples at an instant already stored, skipped */
  GPtrArray *rejected;   /* LbLagCsvRejection, in row order */
} LbLagCsvReport;

/* At most this many bytes are read: years of samples every few seconds. */
#define LB_LAG_CSV_MAX_BYTES (512 * 1024 * 1024)

/* Reads @file into project @project_id. NULL with an error when the file cannot be read,
 * has no usable row (nothing stored then), or the store refuses the samples. */
LbLagCsvReport *lb_lag_csv_import      (LbStore       *store,
                                        gint64         project_id,
                                        GFile         *file,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* The same on a worker thread with a store of its own opened on @db_path; announce the
 * samples to the GUI's store with lb_store_notify_changed(). */
void            lb_lag_csv_import_async  (const char          *db_path,
                                          gint64               project_id,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
LbLagCsvReport *lb_lag_csv_import_finish (GAsyncResult        *result,
                                          GError             **error);
void            lb_lag_csv_report_free (LbLagCsvReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbLagCsvReport, lb_lag_csv_report_free)

G_END_DECLS
