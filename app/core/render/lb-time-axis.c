/* lb-time-axis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-time-axis"

#include "config.h"

#include "lb-time-axis.h"

#define SECOND G_GINT64_CONSTANT (1000)
#define MINUTE (60 * SECOND)
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

typedef enum { UNIT_MS, UNIT_HOURS, UNIT_DAYS, UNIT_WEEKS, UNIT_MONTHS, UNIT_YEARS } Unit;

typedef struct
{
  gint64 nominal; /* ms, to choose the step */
  Unit   unit;
  int    count;   /* of the unit; for UNIT_MS the step in ms */
} Step;

static const Step steps[] = {
  { SECOND, UNIT_MS, 1000 }, { 2 * SECOND, UNIT_MS, 2000 }, { 5 * SECOND, UNIT_MS, 5000 },
  { 10 * SECOND, UNIT_MS, 10000 }, { 15 * SECOND, UNIT_MS, 15000 }, { 30 * SECOND, UNIT_MS, 30000 },
  { MINUTE, UNIT_MS, 60000 }, { 2 * MINUTE, UNIT_MS, 120000 }, { 5 * MINUTE, UNIT_MS, 300000 },
  { 10 * MINUTE, UNIT_MS, 600000 }, { 15 * MINUTE, UNIT_MS, 900000 }, { 30 * MINUTE, UNIT_MS, 1800000 },
  { HOUR, UNIT_HOURS, 1 }, { 2 * HOUR, UNIT_HOURS, 2 }, { 3 * HOUR, UNIT_HOURS, 3 }, { 6 * HOUR, UNIT_HOURS, 6 },
  { 12 * HOUR, UNIT_HOURS, 12 }, { DAY, UNIT_DAYS, 1 }, { 2 * DAY, UNIT_DAYS, 2 }, { 7 * DAY, UNIT_WEEKS, 1 },
  { 14 * DAY, UNIT_WEEKS, 2 }, { 30 * DAY, UNIT_MONTHS, 1 }, { 91 * DAY, UNIT_MONTHS, 3 },
  { 182 * DAY, UNIT_MONTHS, 6 }, { 365 * DAY, UNIT_YEARS, 1 }, { 5 * 365 * DAY, UNIT_YEARS, 5 },
};

static const Step *
choose_step (gint64 from,
             gint64 to,
             guint  max_ticks)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if ((to - from) / steps[i].nominal <= (gint64) MAX (max_ticks, 1))
      return &steps[i];
  return &steps[G_N_ELEMENTS (steps) - 1];
}

gint64
lb_time_ticks_step (gint64 from,
                    gint64 to,
                    guint  max_ticks)
{
  return choose_step (from, to, max_ticks)->nominal;
}

static GDateTime *
at (gint64     ms,
    GTimeZone *tz)
{
  g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (0);
  /* From the epoch in whole microseconds: exact for negative times too. */
  g_autoptr(GDateTime) utc = g_date_time_add (epoch, ms * 1000);

  return utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
}

static gint64
to_ms (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

/* The first tick at or after @from, on the wall clock of @tz. */
static GDateTime *
first_tick (const Step *step,
            gint64      from,
            GTimeZone  *tz)
{
  g_autoptr(GDateTime) local = at (from, tz);
  int y = g_date_time_get_year (local), m = g_date_time_get_month (local), d = g_date_time_get_day_of_month (local);

  switch (step->unit)
    {
    case UNIT_HOURS:
      return g_date_time_new (tz, y, m, d, g_date_time_get_hour (local) / step->count * step->count, 0, 0);
    case UNIT_DAYS:
      return g_date_time_new (tz, y, m, d, 0, 0, 0);
    case UNIT_WEEKS:
      {
        g_autoptr(GDateTime) midnight = g_date_time_new (tz, y, m, d, 0, 0, 0);

        /* Weeks start on Monday (ISO 8601). */
        return g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (midnight));
      }
    case UNIT_MONTHS:
      return g_date_time_new (tz, y, (m - 1) / step->count * step->count + 1, 1, 0, 0, 0);
    case UNIT_YEARS:
      return g_date_time_new (tz, y / step->count * step->count, 1, 1, 0, 0, 0);
    case UNIT_MS:
    default:
      {
        /* Align to the step on the wall clock (zones with half-hour offsets included). */
        gint64 offset = g_date_time_get_utc_offset (local) / 1000;
        gint64 wall = from + offset;
        gint64 aligned = wall - ((wall % step->count) + step->count) % step->count;

        return at (aligned - offset, tz);
      }
    }
}

static GDateTime *
next_tick (const Step *step,
           GDateTime  *tick)
{
  switch (step->unit)
    {
    case UNIT_HOURS:
      {
        /* Hour by hour, so that the 2 a.m. that a DST change skips is skipped, and the
         * hour it repeats counts once per wall-clock value divisible by the step. */
        GDateTime *next = g_date_time_add_hours (tick, 1);

        while (g_date_time_get_hour (next) % step->count != 0)
          {
            GDateTime *later = g_date_time_add_hours (next, 1);

            g_date_time_unref (next);
            next = later;
          }
        return next;
      }
    case UNIT_DAYS:
      return g_date_time_add_days (tick, step->count);
    case UNIT_WEEKS:
      return g_date_time_add_weeks (tick, step->count);
    case UNIT_MONTHS:
      return g_date_time_add_months (tick, step->count);
    case UNIT_YEARS:
      return g_date_time_add_years (tick, step->count);
    case UNIT_MS:
    default:
      return g_date_time_add (tick, (gint64) step->count * 1000);
    }
}

static char *
label_for (const Step *step,
           GDateTime  *tick,
           gboolean   *major)
{
  gboolean midnight = g_date_time_get_hour (tick) == 0 && g_date_time_get_minute (tick) == 0 &&
                      g_date_time_get_second (tick) == 0;

  *major = FALSE;
  switch (step->unit)
    {
    case UNIT_MS:
    case UNIT_HOURS:
      if (midnight)
        {
          *major = TRUE;
          return g_date_time_format (tick, "%a %-d %b");
        }
      return g_date_time_format (tick, step->unit == UNIT_MS && step->count < MINUTE ? "%H:%M:%S" : "%H:%M");
    case UNIT_DAYS:
    case UNIT_WEEKS:
      *major = g_date_time_get_day_of_month (tick) == 1;
      return g_date_time_format (tick, "%a %-d %b");
    case UNIT_MONTHS:
      *major = g_date_time_get_month (tick) == 1;
      return g_date_time_format (tick, "%b %Y");
    case UNIT_YEARS:
    default:
      return g_date_time_format (tick, "%Y");
    }
}

GArray *
lb_time_ticks (gint64     from,
               gint64     to,
               guint      max_ticks,
               GTimeZone *tz)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (LbTimeTick));
  const Step *step;
  GDateTime *tick;

  g_return_val_if_fail (tz != NULL, ticks);

  if (to <= from)
    return ticks;
  step = choose_step (from, to, max_ticks);
  tick = first_tick (step, from, tz);
  while (tick != NULL && to_ms (tick) <= to)
    {
      GDateTime *next;

      if (to_ms (tick) >= from)
        {
          LbTimeTick t = { .t = to_ms (tick) };

          t.label = label_for (step, tick, &t.major);
          g_array_append_val (ticks, t);
        }
      next = next_tick (step, tick);
      g_date_time_unref (tick);
      tick = next;
    }
  g_clear_pointer (&tick, g_date_time_unref);
  return ticks;
}

void
lb_time_ticks_free (GArray *ticks)
{
  if (ticks == NULL)
    return;
  for (guint i = 0; i < ticks->len; i++)
    g_free (g_array_index (ticks, LbTimeTick, i).label);
  g_array_unref (ticks);
}
