/* lb-lag-series.h: a project's replication-lag history in memory, shaped for drawing.
 *
 * Samples are packed (time, lag, log send queue, redo queue: 20 bytes each) and sorted by
 * time. A min/max/sum pyramid over blocks of 64, 4 096, 262 144 … samples answers "what
 * falls into this pixel column" in time proportional to the number of columns, not of
 * samples, so a 10-million-sample week is drawn as fast as a day. A single-sample spike
 * is the max of its column by construction: it is never decimated away.
 *
 * A series is immutable once built and can be shared between threads (it is refcounted).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "../store/lb-store.h"

G_BEGIN_DECLS

typedef struct _LbLagSeries        LbLagSeries;
typedef struct _LbLagSeriesBuilder LbLagSeriesBuilder;

/* What falls into one pixel column. Values are NAN where the column has none. */
typedef struct
{
  guint  n;          /* samples with a known lag */
  float  min, max;   /* lag, s */
  float  mean;
  float  send_max;   /* log send queue, KB: the highest in the column */
  float  redo_max;   /* redo queue, KB */
  guint  gap_before : 1; /* a recorded gap lies between this column's data and the previous
                          * column with data: the line must not bridge it */
} LbLagColumn;

LbLagSeriesBuilder *lb_lag_series_builder_new     (void);
/* Samples must come in time order; one at the same instant as the previous is ignored.
 * Unknown values are NAN. */
void                lb_lag_series_builder_add     (LbLagSeriesBuilder *builder,
                                                   gint64              t,
                                                   double              lag_s,
                                                   double              send_queue_kb,
                                                   double              redo_queue_kb);
/* A stretch without samples (UTC ms), as the sampler recorded it. */
void                lb_lag_series_builder_add_gap (LbLagSeriesBuilder *builder,
                                                   gint64              start,
                                                   gint64              end);
/* Frees the builder. */
LbLagSeries        *lb_lag_series_builder_end     (LbLagSeriesBuilder *builder);

/* A new series: @series followed by the samples of @tail after its last one (and the
 * gaps it does not have). The complete blocks of the pyramid are copied, not recomputed,
 * so following a live link costs the new samples, not the history. */
LbLagSeries        *lb_lag_series_append          (LbLagSeries        *series,
                                                   LbLagSeries        *tail);

/* Reads the project's samples and gaps through a connection of its own to the store's
 * file, so it may run on a worker thread while the store is in use. */
LbLagSeries        *lb_lag_series_load            (const char         *db_path,
                                                   gint64              project_id,
                                                   GCancellable       *cancellable,
                                                   GError            **error);

/* Only the samples at or after @since (and the gaps that end after it). */
LbLagSeries        *lb_lag_series_load_since      (const char         *db_path,
                                                   gint64              project_id,
                                                   gint64              since,
                                                   GCancellable       *cancellable,
                                                   GError            **error);

LbLagSeries        *lb_lag_series_ref             (LbLagSeries        *series);
void                lb_lag_series_unref           (LbLagSeries        *series);

guint               lb_lag_series_get_n_samples   (LbLagSeries        *series);
/* FALSE for an empty series. */
gboolean            lb_lag_series_get_extent      (LbLagSeries        *series,
                                                   gint64             *first,
                                                   gint64             *last);
/* Sample @index: time and values. */
gint64              lb_lag_series_get_time        (LbLagSeries        *series,
                                                   guint               index);
void                lb_lag_series_get_values      (LbLagSeries        *series,
                                                   guint               index,
                                                   double             *lag_s,
                                                   double             *send_queue_kb,
                                                   double             *redo_queue_kb);
/* The first sample at or after @t (n_samples when none). */
guint               lb_lag_series_lower_bound     (LbLagSeries        *series,
                                                   gint64              t);
/* The sample nearest to @t, or -1 for an empty series. */
int                 lb_lag_series_nearest        (LbLagSeries        *series,
                                                   gint64              t);
/* The gaps as pairs (start, end), sorted by start. */
const gint64       *lb_lag_series_get_gaps        (LbLagSeries        *series,
                                                   guint              *n_gaps);
/* Whether a recorded gap lies between samples @a < @b. */
gboolean            lb_lag_series_gap_between     (LbLagSeries        *series,
                                                   guint               a,
                                                   guint               b);
/* Splits [@from, @to) into @n_columns equal columns and fills @columns. */
void                lb_lag_series_columns         (LbLagSeries        *series,
                                                   gint64              from,
                                                   gint64              to,
                                                   guint               n_columns,
                                                   LbLagColumn        *columns);
/* Bytes held, for the benchmark. */
gsize               lb_lag_series_get_size        (LbLagSeries        *series);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbLagSeries, lb_lag_series_unref)

G_END_DECLS
