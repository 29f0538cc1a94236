/* lb-demo.h: a realistic, deterministic demo portfolio.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "../store/lb-store.h"

G_BEGIN_DECLS

/* Called on the generating thread with the share done so far (0 to 1). */
typedef void (*LbDemoProgressFunc) (double   fraction,
                                    gpointer user_data);

typedef struct
{
  guint32 seed;          /* same seed and anchor → same database content */
  gint64  anchor;        /* UTC ms: "now" of the demo; lag samples end here. 0: the current hour */
  int     lag_days;      /* days of lag history per project (default 7; 0 to 366) */
  gint64  lag_interval;  /* ms between lag samples (default 5000; 1000 to 3600000) */
  LbDemoProgressFunc progress; /* may be NULL */
  gpointer           progress_data;
} LbDemoOptions;

void     lb_demo_options_init (LbDemoOptions       *options);
/* Fills an empty database. Refuses (LB_ERROR_FAILED) a database that already holds
 * records, so demo data never mixes with a user's own. Every time in the demo is relative
 * to the anchor and every random choice comes from the seed: the same options give the
 * same rows (the audit log's times excepted, which the store sets from the clock). It is
 * written in one transaction: cancelling (G_IO_ERROR_CANCELLED), any other failure or a
 * crash leaves the database empty. Runs on the calling thread
 * (give a GUI's worker thread its own LbStore); the default options write about 816,000 lag
 * samples, 2–3 s in an optimized build, nearly all of it in LbLagWriter. */
gboolean lb_demo_generate     (LbStore             *store,
                               const LbDemoOptions *options,
                               GCancellable        *cancellable,
                               GError             **error);

G_END_DECLS
