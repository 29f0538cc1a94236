/* lb-samplers.h: the lag samplers running in this process, one per project, each on a
 * thread of its own; what they report arrives on the main context of the thread that
 * created the LbSamplers (the GUI's), so the GUI never waits on the network.
 *
 * Each sampler looks its password up in the keyring on its own thread, then runs
 * lb_lag_sampler_run() until stopped or until a failure retrying cannot mend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lb-lag-sampler.h"

G_BEGIN_DECLS

typedef enum
{
  LB_SAMPLER_IDLE,         /* not running (never started, stopped, or failed) */
  LB_SAMPLER_CONNECTING,
  LB_SAMPLER_SAMPLING,
  LB_SAMPLER_RECONNECTING, /* lost the server; retrying */
  LB_SAMPLER_STOPPING,
} LbSamplerState;

/* What a project's sampler is doing, for the sidebar and the lag page. */
typedef struct
{
  LbSamplerState state;
  char          *profile_name;
  gint64         interval_ms;
  guint          n_samples;     /* stored since it started */
  LbLagSample    last;          /* t == LB_UNSET_INT before the first */
  double         data_at_risk_s;
  double         catch_up_s;
  gint64         retry_at;      /* RECONNECTING: when it tries again (UTC ms) */
  char          *message;       /* RECONNECTING: why; IDLE after a failure: the error */
} LbSamplerStatus;

#define LB_TYPE_SAMPLERS (lb_samplers_get_type ())
G_DECLARE_FINAL_TYPE (LbSamplers, lb_samplers, LB, SAMPLERS, GObject)

/* Signals (on the creating thread's main context):
 *   "changed" (gint64 project_id): the status of that project's sampler changed — a new
 *   sample, a state, a failure. */
LbSamplers            *lb_samplers_new        (const char                *db_path);
/* Starts sampling @project_id with @profile; FALSE with an error if one is already
 * running for it. @options may be NULL (every 5 s, no limit). */
gboolean               lb_samplers_start      (LbSamplers                *self,
                                               gint64                     project_id,
                                               const LbConnectionProfile *profile,
                                               const LbLagSamplerOptions *options,
                                               GError                   **error);
/* Asks the project's sampler to stop; "changed" follows once it has. */
void                   lb_samplers_stop       (LbSamplers                *self,
                                               gint64                     project_id);
/* Stops every sampler and waits for their threads (at shutdown). */
void                   lb_samplers_stop_all   (LbSamplers                *self);
gboolean               lb_samplers_is_running (LbSamplers                *self,
                                               gint64                     project_id);
/* NULL when the project's sampler never ran in this process. */
const LbSamplerStatus *lb_samplers_get_status (LbSamplers                *self,
                                               gint64                     project_id);

G_END_DECLS
