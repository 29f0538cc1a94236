/* lb-lag-writer.h: the bulk path for replication-lag samples.
 *
 * Samples are written in batched transactions with one prepared statement; the per-minute
 * and per-hour rollups and the gap records are updated in the same transaction, so they
 * always equal a recomputation from the raw samples.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-store.h"

G_BEGIN_DECLS

typedef enum
{
  LB_SYNC_NOT_SYNCHRONIZING, LB_SYNC_SYNCHRONIZING, LB_SYNC_SYNCHRONIZED, LB_SYNC_REVERTING,
  LB_SYNC_INITIALIZING,
} LbSyncState;

typedef enum { LB_HEALTH_NOT_HEALTHY, LB_HEALTH_PARTIALLY_HEALTHY, LB_HEALTH_HEALTHY } LbSyncHealth;

typedef enum { LB_LAG_SOURCE_SQLSERVER, LB_LAG_SOURCE_ARM, LB_LAG_SOURCE_IMPORT, LB_LAG_SOURCE_DEMO } LbLagSource;

extern const LbEnumInfo lb_sync_state_enum;
extern const LbEnumInfo lb_sync_health_enum;
extern const LbEnumInfo lb_lag_source_enum;

/* One observation of a link. Unknown values are NAN / LB_UNSET_ENUM. Queues in KB as the
 * DMVs report them; rates in bytes per second. */
typedef struct
{
  gint64 t;
  double lag_s;
  double secondary_lag_s;
  double log_send_queue_kb;
  double redo_queue_kb;
  double send_rate_bps;
  double redo_rate_bps;
  int    sync_state;
  int    sync_health;
} LbLagSample;

typedef struct _LbLagWriter LbLagWriter;

/* A sample later than the previous one by more than @gap_after_ms opens a gap record
 * (0: never). */
LbLagWriter *lb_lag_writer_new            (LbStore      *store,
                                           gint64        project_id,
                                           LbLagSource   source,
                                           gint64        gap_after_ms,
                                           GError      **error);
void         lb_lag_writer_set_batch_size (LbLagWriter  *self,
                                           guint         batch_size);
/* The stream of samples broke ("connection lost: …"): the next sample opens a gap from
 * the last one, however short, kept with @reason. */
void         lb_lag_writer_set_gap_reason (LbLagWriter  *self,
                                           const char   *reason);
void         lb_lag_sample_init           (LbLagSample  *sample,
                                           gint64        t);
/* Adds a sample; a sample at an instant already stored for the project is skipped. Commits
 * when the batch is full. On failure the open batch is rolled back and lost, earlier
 * batches stay. */
gboolean     lb_lag_writer_add            (LbLagWriter       *self,
                                           const LbLagSample *sample,
                                           GError           **error);
gboolean     lb_lag_writer_commit         (LbLagWriter  *self,
                                           GError      **error);
guint64      lb_lag_writer_get_written    (LbLagWriter  *self);
guint64      lb_lag_writer_get_skipped    (LbLagWriter  *self);
/* Discards an uncommitted batch. */
void         lb_lag_writer_free           (LbLagWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbLagWriter, lb_lag_writer_free)

G_END_DECLS
