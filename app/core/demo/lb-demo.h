/* lb-demo.h: a realistic, deterministic demo portfolio.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../store/lb-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 seed;          /* same seed and anchor → same database content */
  gint64  anchor;        /* UTC ms: "now" of the demo; lag samples end here */
  int     lag_days;      /* days of lag history per project (default 7) */
  gint64  lag_interval;  /* ms between lag samples (default 5000) */
} LbDemoOptions;

void     lb_demo_options_init (LbDemoOptions       *options);
/* Fills an empty database. Refuses (LB_ERROR_FAILED) a database that already holds
 * projects, so demo data never mixes with a user's own. */
gboolean lb_demo_generate     (LbStore             *store,
                               const LbDemoOptions *options,
                               GCancellable        *cancellable,
                               GError             **error);

G_END_DECLS
