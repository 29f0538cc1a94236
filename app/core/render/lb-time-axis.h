/* lb-time-axis.h: where the ticks of a time axis go and what they say, for spans from
 * seconds to years, in a given time zone (local time for people), right across DST
 * changes: ticks are placed on the wall clock, so a day is a day even when it has 23 or
 * 25 hours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64   t;      /* UTC ms */
  char    *label;
  gboolean major;  /* the start of a larger unit (a day among hours, a month among days) */
} LbTimeTick;

/* At most @max_ticks ticks inside [@from, @to], at the finest step that allows it.
 * (transfer full): free with lb_time_ticks_free(). */
GArray *lb_time_ticks      (gint64     from,
                            gint64     to,
                            guint      max_ticks,
                            GTimeZone *tz);
void    lb_time_ticks_free (GArray    *ticks);
/* The step chosen for that span, in ms (months count as 30 days). */
gint64  lb_time_ticks_step (gint64     from,
                            gint64     to,
                            guint      max_ticks);

G_END_DECLS
