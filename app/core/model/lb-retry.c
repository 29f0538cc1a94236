/* lb-retry.c: backoff with jitter and a cancellable sleep.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lb-retry.h"

gint64
lb_retry_backoff_ms (gint64 base_ms,
                     gint64 cap_ms,
                     guint  retry)
{
  gint64 ceiling = base_ms;

  for (guint i = 0; i < retry && ceiling < cap_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, cap_ms);
  if (ceiling <= 0)
    return 0;
  return (gint64) g_random_double_range (0, (double) ceiling + 1);
}

gboolean
lb_retry_wait (GCancellable  *cancellable,
               gint64         msec,
               GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + msec * 1000;
  GPollFD pollfd = { 0 };
  gboolean have_fd = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &pollfd);
  gint64 now;

  /* The cancellable's fd wakes the poll at once; without one, wake every second. */
  while (!g_cancellable_is_cancelled (cancellable) && (now = g_get_monotonic_time ()) < deadline)
    {
      gint64 left_ms = (deadline - now + 999) / 1000;

      if (have_fd)
        g_poll (&pollfd, 1, (int) MIN (left_ms, G_MAXINT));
      else
        g_usleep ((gulong) MIN (deadline - now, G_USEC_PER_SEC));
    }
  if (have_fd)
    g_cancellable_release_fd (cancellable);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}
