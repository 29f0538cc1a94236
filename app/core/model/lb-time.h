/* lb-time.h: UTC Unix milliseconds, the one time representation of the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64  lb_time_now_ms          (void);
/* Parses ISO 8601 ("2026-11-29T14:05:00Z", "2026-11-29T14:05+01:00"), a local date and time
 * ("2026-11-29 14:05") or a local date ("2026-11-29"). Text without an offset is read in @tz
 * (local time when NULL). */
gboolean lb_time_parse          (const char *text,
                                 GTimeZone  *tz,
                                 gint64     *out_ms);
/* "2026-11-29T13:05:00Z" */
char   *lb_time_format_iso_utc  (gint64 ms);
/* "2026-11-29 14:05" in local time, for people */
char   *lb_time_format_local    (gint64 ms);
/* "2026-11-29 14:05:09": for events seconds apart, such as samples */
char   *lb_time_format_local_seconds (gint64 ms);
/* "1 h 13 min" */
char   *lb_duration_format      (gint64 ms);

G_END_DECLS
