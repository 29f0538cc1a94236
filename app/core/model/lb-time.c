/* lb-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-time"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lb-time.h"

gint64
lb_time_now_ms (void)
{
  return g_get_real_time () / 1000;
}

static gboolean
looks_like_date_only (const char *text)
{
  /* YYYY-MM-DD exactly: GLib's ISO 8601 parser wants a time part. */
  return strlen (text) == 10 && text[4] == '-' && text[7] == '-';
}

gboolean
lb_time_parse (const char *text,
               GTimeZone  *tz,
               gint64     *out_ms)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (out_ms != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  normalized = g_strstrip (g_strdup (text));
  if (*normalized == '\0')
    return FALSE;

  if (looks_like_date_only (normalized))
    {
      char *with_time = g_strconcat (normalized, "T00:00:00", NULL);
      g_free (normalized);
      normalized = with_time;
    }
  else if (strlen (normalized) > 10 && normalized[10] == ' ')
    normalized[10] = 'T';

  /* GLib wants seconds; people type "14:30". */
  if (strlen (normalized) >= 16 && normalized[10] == 'T' && normalized[13] == ':' && normalized[16] != ':')
    {
      g_autofree char *head = g_strndup (normalized, 16);
      char *with_seconds = g_strconcat (head, ":00", normalized + 16, NULL);

      g_free (normalized);
      normalized = with_seconds;
    }

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  dt = g_date_time_new_from_iso8601 (normalized, tz);
  if (dt == NULL)
    return FALSE;

  *out_ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
  return TRUE;
}

static GDateTime *
date_time_from_ms (gint64 ms,
                   gboolean utc)
{
  g_autoptr(GDateTime) base = NULL;

  base = utc ? g_date_time_new_from_unix_utc (ms / 1000) : g_date_time_new_from_unix_local (ms / 1000);
  if (base == NULL)
    return NULL;
  return g_date_time_add (base, (ms % 1000) * G_TIME_SPAN_MILLISECOND);
}

char *
lb_time_format_iso_utc (gint64 ms)
{
  g_autoptr(GDateTime) dt = date_time_from_ms (ms, TRUE);

  if (dt == NULL)
    return g_strdup ("?");
  if (ms % 1000 != 0)
    return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.%fZ");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

char *
lb_time_format_local (gint64 ms)
{
  g_autoptr(GDateTime) dt = date_time_from_ms (ms, FALSE);

  if (dt == NULL)
    return g_strdup ("?");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

char *
lb_time_format_local_seconds (gint64 ms)
{
  g_autoptr(GDateTime) dt = date_time_from_ms (ms, FALSE);

  if (dt == NULL)
    return g_strdup ("?");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
}

char *
lb_duration_format (gint64 ms)
{
  gint64 minutes = ms / 60000;
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;

  if (ms < 60000)
    /* TRANSLATORS: a duration in seconds */
    return g_strdup_printf (_("%d s"), (int) (ms / 1000));
  if (hours == 0)
    /* TRANSLATORS: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (days == 0)
    /* TRANSLATORS: a duration in hours and minutes */
    return g_strdup_printf (_("%d h %d min"), (int) hours, (int) (minutes % 60));
  /* TRANSLATORS: a duration in days and hours */
  return g_strdup_printf (_("%d d %d h"), (int) days, (int) (hours % 24));
}
