/* lb-lag-sampler.h: samples a project's link from its SQL Server primary every interval
 * and stores each sample through the bulk path (rollups kept in step).
 *
 * A lost connection is never recorded as zero lag: the sampler reconnects with bounded
 * exponential backoff and jitter, and the missing stretch is stored as a gap that says why.
 * A failure retrying cannot mend (wrong password, missing permission, no such link) stops
 * it with that error. Runs on the calling thread (a worker's, or the command line's) with
 * its own connection to the database file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lb-link-poll.h"
#include "../model/lb-records.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 interval_ms;      /* between polls; default 5000 */
  guint  max_samples;      /* stop after this many stored samples; 0: no limit */
  gint64 duration_ms;      /* stop after this long; 0: no limit */
  gint64 reconnect_max_ms; /* the backoff's ceiling; default 60000 */
} LbLagSamplerOptions;

typedef enum
{
  LB_LAG_SAMPLER_CONNECTED,    /* logged in (again) */
  LB_LAG_SAMPLER_SAMPLE,       /* a sample was stored */
  LB_LAG_SAMPLER_LOST,         /* the server could not be reached; retrying in retry_in_ms */
} LbLagSamplerEventKind;

typedef struct
{
  LbLagSamplerEventKind kind;
  const LbLinkPoll     *poll;           /* SAMPLE */
  double                data_at_risk_s; /* SAMPLE; NAN when unknown */
  const GError         *error;          /* LOST */
  gint64                retry_in_ms;    /* LOST */
  guint                 n_samples;      /* stored so far */
} LbLagSamplerEvent;

/* Called on the sampler's thread. */
typedef void (*LbLagSamplerFunc) (const LbLagSamplerEvent *event,
                                  gpointer                 user_data);

void     lb_lag_sampler_options_init (LbLagSamplerOptions       *options);
/* Samples until @cancellable is cancelled or a limit of @options is reached (TRUE), or a
 * failure that retrying cannot mend (FALSE). @n_samples: how many were stored. */
gboolean lb_lag_sampler_run          (const char                *db_path,
                                      gint64                     project_id,
                                      const LbConnectionProfile *profile,
                                      const char                *password,
                                      const LbLagSamplerOptions *options,
                                      LbLagSamplerFunc           func,
                                      gpointer                   user_data,
                                      GCancellable              *cancellable,
                                      guint                     *n_samples,
                                      GError                   **error);

G_END_DECLS
