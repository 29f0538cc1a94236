/* lb-lag-sampler.c: the sampling loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lb-lag-sampler.h"
#include "lb-sql-connection.h"
#include "../model/lb-retry.h"
#include "../model/lb-time.h"
#include "../store/lb-store.h"

void
lb_lag_sampler_options_init (LbLagSamplerOptions *options)
{
  *options = (LbLagSamplerOptions) { .interval_ms = 5000, .reconnect_max_ms = 60000 };
}

/* Failures that a reconnect may mend: the network, a restarting server, a timeout. */
static gboolean
is_transient (const GError *error)
{
  return g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_UNREACHABLE)
         || g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_TIMEOUT)
         || g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_CONNECTION_LOST)
         || g_error_matches (error, LB_SQL_ERROR, LB_SQL_ERROR_FAILED);
}

typedef struct
{
  LbLagSamplerFunc func;
  gpointer         user_data;
  guint            n_samples;
} Emitter;

/* @wanted_ms, cut short where the sampling window ends. */
static gint64
wait_within (const LbLagSamplerOptions *options,
             gint64                     started,
             gint64                     wanted_ms)
{
  gint64 now = g_get_monotonic_time () / 1000;

  if (options->duration_ms > 0)
    wanted_ms = MIN (wanted_ms, started + options->duration_ms - now);
  return MAX (wanted_ms, 0);
}

static void
emit (Emitter               *emitter,
      LbLagSamplerEvent      event)
{
  event.n_samples = emitter->n_samples;
  if (emitter->func != NULL)
    emitter->func (&event, emitter->user_data);
}

gboolean
lb_lag_sampler_run (const char                *db_path,
                    gint64                     project_id,
                    const LbConnectionProfile *profile,
                    const char                *password,
                    const LbLagSamplerOptions *options,
                    LbLagSamplerFunc           func,
                    gpointer                   user_data,
                    GCancellable              *cancellable,
                    guint                     *n_samples,
                    GError                   **error)
{
  LbLagSamplerOptions defaults;
  g_autoptr(LbStore) store = NULL;
  g_autoptr(LbLagWriter) writer = NULL;
  g_autoptr(LbSqlConnection) connection = NULL;
  g_autoptr(GError) local_error = NULL;
  LbProject *project = NULL;
  LbLinkPoll previous = { 0 };
  gboolean have_previous = FALSE;
  Emitter emitter = { func, user_data, 0 };
  gint64 started, next_poll;
  guint failures = 0;
  gboolean ok = FALSE;

  if (options == NULL)
    {
      lb_lag_sampler_options_init (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (options->interval_ms > 0, FALSE);

  if ((store = lb_store_open (db_path, error)) == NULL)
    goto out;
  if ((project = lb_store_get (store, &lb_project_kind, project_id, error)) == NULL)
    goto out;
  /* A poll missed by more than one and a half intervals leaves a gap, never a bridge. */
  if ((writer = lb_lag_writer_new (store, project_id, LB_LAG_SOURCE_SQLSERVER, options->interval_ms * 5 / 2,
                                   error)) == NULL)
    goto out;
  lb_lag_writer_set_batch_size (writer, 1);
  connection = lb_sql_connection_new (profile, password);

  started = g_get_monotonic_time () / 1000;
  next_poll = started;
  while (!g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(LbSqlResult) result = NULL;
      LbLinkPoll poll = { 0 };
      gint64 now_mono = g_get_monotonic_time () / 1000;
      gint64 t = 0;

      if ((options->max_samples > 0 && emitter.n_samples >= options->max_samples)
          || (options->duration_ms > 0 && now_mono - started >= options->duration_ms))
        break;

      if (!lb_sql_connection_is_open (connection))
        {
          if (lb_sql_connection_open (connection, cancellable, &local_error))
            {
              failures = 0;
              emit (&emitter, (LbLagSamplerEvent) { .kind = LB_LAG_SAMPLER_CONNECTED });
            }
        }
      if (local_error == NULL)
        {
          const char *const params[] = { project->link_name != NULL ? project->link_name : "",
                                         project->source_database != NULL ? project->source_database : "", NULL };

          t = lb_time_now_ms ();
          result = lb_sql_connection_query (connection, lb_link_poll_sql, params, cancellable, &local_error);
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        break;
      if (local_error != NULL)
        {
          gint64 delay;
          g_autofree char *reason = NULL;

          if (!is_transient (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto out;
            }
          lb_sql_connection_close (connection);
          delay = MAX (options->interval_ms / 2, lb_retry_backoff_ms (options->interval_ms, options->reconnect_max_ms,
                                                                    failures++));
          /* TRANSLATORS: why a stretch of the lag chart has no samples */
          reason = g_strdup_printf (_("connection lost: %s"), local_error->message);
          lb_lag_writer_set_gap_reason (writer, reason);
          emit (&emitter, (LbLagSamplerEvent) { .kind = LB_LAG_SAMPLER_LOST, .error = local_error,
                                                .retry_in_ms = delay });
          g_clear_error (&local_error);
          if (!lb_retry_wait (cancellable, wait_within (options, started, delay), NULL))
            break;
          continue;
        }

      if (!lb_link_poll_read (result, project->link_name, project->source_database, t, &poll, error))
        goto out;
      if (!lb_lag_writer_add (writer, &poll.sample, error) || !lb_lag_writer_commit (writer, error))
        {
          lb_link_poll_clear (&poll);
          goto out;
        }
      emitter.n_samples++;
      emit (&emitter, (LbLagSamplerEvent) {
        .kind = LB_LAG_SAMPLER_SAMPLE, .poll = &poll,
        .data_at_risk_s = lb_link_poll_data_at_risk_s (have_previous ? &previous : NULL, &poll) });
      lb_link_poll_clear (&previous);
      previous = poll;
      have_previous = TRUE;

      /* Keep the cadence; after a slow poll, start the next interval from now. */
      next_poll += options->interval_ms;
      now_mono = g_get_monotonic_time () / 1000;
      if (next_poll < now_mono)
        next_poll = now_mono;
      if (options->max_samples > 0 && emitter.n_samples >= options->max_samples)
        break;
      if (!lb_retry_wait (cancellable, wait_within (options, started, next_poll - now_mono), NULL))
        break;
    }
  ok = TRUE;

out:
  lb_link_poll_clear (&previous);
  if (project != NULL)
    lb_record_free (project);
  if (n_samples != NULL)
    *n_samples = emitter.n_samples;
  return ok;
}
