/* lb-retry.h: waiting between attempts, shared by everything that talks to a server (the
 * HTTP client's retries, the SQL samplers' reconnects).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Exponential backoff with full jitter: uniform in [0, min (@cap_ms, @base_ms · 2^@retry)]. */
gint64   lb_retry_backoff_ms (gint64         base_ms,
                              gint64         cap_ms,
                              guint          retry);
/* Sleeps @msec or until @cancellable is cancelled (then FALSE with G_IO_ERROR_CANCELLED). */
gboolean lb_retry_wait       (GCancellable  *cancellable,
                              gint64         msec,
                              GError       **error);

G_END_DECLS
