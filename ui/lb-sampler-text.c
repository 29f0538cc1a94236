/* lb-sampler-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-sampler-text"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lb-sampler-text.h"

gboolean
lb_sampler_status_is_active (const LbSamplerStatus *status)
{
  return status != NULL && status->state != LB_SAMPLER_IDLE;
}

static char *
format_seconds (double s)
{
  /* TRANSLATORS: a duration in seconds, "1.2 s" */
  return fabs (s - round (s)) < 0.05 ? g_strdup_printf (_("%.0f s"), s) : g_strdup_printf (_("%.1f s"), s);
}

static char *
format_clock (gint64 ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%H:%M:%S") : g_strdup ("?");
}

char *
lb_sampler_status_describe (const LbSamplerStatus *status,
                            gint64                 now)
{
  g_autofree char *interval = NULL;
  const char *name;

  g_return_val_if_fail (status != NULL, NULL);

  name = status->profile_name != NULL ? status->profile_name : "?";
  interval = format_seconds (status->interval_ms / 1000.0);
  switch (status->state)
    {
    case LB_SAMPLER_CONNECTING:
      /* TRANSLATORS: "Connecting with ERP source…" */
      return g_strdup_printf (_("Connecting with %s…"), name);
    case LB_SAMPLER_SAMPLING:
      {
        GString *text = g_string_new (NULL);

        /* TRANSLATORS: "Sampling every 5 s from ERP source", then " · last sample 14:05:09" … */
        g_string_append_printf (text, _("Sampling every %s from %s"), interval, name);
        if (status->last.t == LB_UNSET_INT)
          g_string_append (text, _(" · waiting for the first sample"));
        else
          {
            g_autofree char *clock = format_clock (status->last.t);

            g_string_append_printf (text, _(" · last sample %s"), clock);
            if (!isnan (status->last.lag_s))
              {
                g_autofree char *lag = format_seconds (status->last.lag_s);

                g_string_append_printf (text, _(" · lag %s"), lag);
              }
            else
              g_string_append (text, _(" · lag unknown"));
            if (!isnan (status->catch_up_s))
              {
                g_autofree char *catch_up = format_seconds (status->catch_up_s);

                g_string_append_printf (text, _(" · catch-up %s"), catch_up);
              }
          }
        return g_string_free (text, FALSE);
      }
    case LB_SAMPLER_RECONNECTING:
      {
        gint64 wait_s = MAX (0, (status->retry_at - now + 999) / 1000);

        if (wait_s > 0)
          /* TRANSLATORS: "Reconnecting in 4 s — connection lost: …" */
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reconnecting in %d s — %s", "Reconnecting in %d s — %s",
                                               (gulong) wait_s),
                                  (int) wait_s, status->message != NULL ? status->message : "");
        return g_strdup_printf (_("Reconnecting — %s"), status->message != NULL ? status->message : "");
      }
    case LB_SAMPLER_STOPPING:
      return g_strdup (_("Stopping…"));
    case LB_SAMPLER_IDLE:
    default:
      if (status->message != NULL)
        /* TRANSLATORS: "Stopped: login failed for user 'linkbench' (18456)" */
        return g_strdup_printf (_("Stopped: %s"), status->message);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stopped · %u sample stored", "Stopped · %u samples stored",
                                           status->n_samples),
                              status->n_samples);
    }
}
