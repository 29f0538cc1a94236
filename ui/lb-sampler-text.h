/* lb-sampler-text.h: what a project's lag sampler is doing, in the words the lag page, the
 * project's header and the sidebar share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lb-core.h"

G_BEGIN_DECLS

/* Running (connecting, sampling, reconnecting or stopping), not idle. @status nullable. */
gboolean  lb_sampler_status_is_active (const LbSamplerStatus *status);
/* "Sampling every 5 s from ERP source · last sample 14:05:09 · lag 1.2 s · catch-up 2 s",
 * "Reconnecting in 4 s — <reason>", "Stopped: <error>"; @now (UTC ms) for the countdown. */
char     *lb_sampler_status_describe  (const LbSamplerStatus *status,
                                       gint64                 now);

G_END_DECLS
