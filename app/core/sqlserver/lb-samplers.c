/* lb-samplers.c: one thread per sampled project, reports marshalled to the owner's main
 * context.
 *
 * A runner is shared (reference-counted) by the owner's table, its thread and every report
 * in flight; its status is touched on the owner's thread only. Reports find the owner
 * through a weak reference, so a report that arrives after the owner is gone is dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lb-samplers.h"
#include "lb-sql-profile.h"
#include "lb-sql-secret.h"
#include "../model/lb-record.h"
#include "../model/lb-time.h"

typedef struct
{
  gint64               project_id;
  char                *db_path;
  LbConnectionProfile *profile;
  LbLagSamplerOptions  options;
  GCancellable        *cancellable;
  GMainContext        *context;
  GWeakRef             owner;
  GThread             *thread;
  LbSamplerStatus      status; /* owner's thread only */
} Runner;

struct _LbSamplers
{
  GObject       parent_instance;
  char         *db_path;
  GMainContext *context;
  GHashTable   *runners; /* project id (gint64 *) → Runner */
};

G_DEFINE_FINAL_TYPE (LbSamplers, lb_samplers, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
status_clear (LbSamplerStatus *status)
{
  g_clear_pointer (&status->profile_name, g_free);
  g_clear_pointer (&status->message, g_free);
}

static void
runner_clear (gpointer data)
{
  Runner *runner = data;

  g_free (runner->db_path);
  lb_record_free (runner->profile);
  g_clear_object (&runner->cancellable);
  g_main_context_unref (runner->context);
  g_weak_ref_clear (&runner->owner);
  status_clear (&runner->status);
}

static Runner *
runner_ref (Runner *runner)
{
  return g_atomic_rc_box_acquire (runner);
}

static void
runner_unref (gpointer runner)
{
  g_atomic_rc_box_release_full (runner, runner_clear);
}

/* One report of a sampler thread, applied on the owner's thread. */
typedef enum { REPORT_EVENT, REPORT_CONNECTING, REPORT_FINISHED } ReportKind;

typedef struct
{
  Runner               *runner;
  ReportKind            kind;
  LbLagSamplerEventKind event;
  LbLagSample           sample;
  double                data_at_risk_s;
  double                catch_up_s;
  gint64                retry_in_ms;
  guint                 n_samples;
  char                 *message;
} Report;

static void
report_free (gpointer data)
{
  Report *report = data;

  runner_unref (report->runner);
  g_free (report->message);
  g_free (report);
}

static gboolean
apply_report (gpointer data)
{
  Report *report = data;
  Runner *runner = report->runner;
  g_autoptr(LbSamplers) self = g_weak_ref_get (&runner->owner);
  LbSamplerStatus *status = &runner->status;

  if (self == NULL)
    return G_SOURCE_REMOVE;
  switch (report->kind)
    {
    case REPORT_CONNECTING:
      if (status->state != LB_SAMPLER_STOPPING)
        status->state = LB_SAMPLER_CONNECTING;
      break;
    case REPORT_EVENT:
      if (status->state == LB_SAMPLER_STOPPING)
        break;
      if (report->event == LB_LAG_SAMPLER_CONNECTED)
        status->state = LB_SAMPLER_SAMPLING;
      else if (report->event == LB_LAG_SAMPLER_LOST)
        {
          status->state = LB_SAMPLER_RECONNECTING;
          status->retry_at = lb_time_now_ms () + report->retry_in_ms;
          g_free (status->message);
          status->message = g_steal_pointer (&report->message);
        }
      else
        {
          status->state = LB_SAMPLER_SAMPLING;
          status->last = report->sample;
          status->data_at_risk_s = report->data_at_risk_s;
          status->catch_up_s = report->catch_up_s;
          status->n_samples = report->n_samples;
          g_clear_pointer (&status->message, g_free);
        }
      break;
    case REPORT_FINISHED:
      /* The thread's last act was to post this: joining it does not wait. */
      if (runner->thread != NULL)
        g_clear_pointer (&runner->thread, g_thread_join);
      status->state = LB_SAMPLER_IDLE;
      g_free (status->message);
      status->message = g_steal_pointer (&report->message);
      break;
    default:
      g_assert_not_reached ();
    }
  g_signal_emit (self, signals[CHANGED], 0, runner->project_id);
  return G_SOURCE_REMOVE;
}

static void
post (Runner *runner,
      Report *report)
{
  /* Always through a source: g_main_context_invoke() would run the report right here, on
   * the sampler's thread, whenever it could take the context while its owner was idle. */
  g_autoptr(GSource) source = g_idle_source_new ();

  report->runner = runner_ref (runner);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, apply_report, report, report_free);
  g_source_set_static_name (source, "[linkbench] lag sampler report");
  g_source_attach (source, runner->context);
}

static void
on_event (const LbLagSamplerEvent *event,
          gpointer                 user_data)
{
  Runner *runner = user_data;
  Report *report = g_new0 (Report, 1);

  report->kind = REPORT_EVENT;
  report->event = event->kind;
  report->n_samples = event->n_samples;
  if (event->kind == LB_LAG_SAMPLER_SAMPLE)
    {
      report->sample = event->poll->sample;
      report->data_at_risk_s = event->data_at_risk_s;
      report->catch_up_s = event->poll->catch_up_s;
    }
  else if (event->kind == LB_LAG_SAMPLER_LOST)
    {
      report->retry_in_ms = event->retry_in_ms;
      report->message = g_strdup (event->error->message);
    }
  post (runner, report);
}

static gpointer
run_sampler (gpointer data)
{
  Runner *runner = data;
  g_autoptr(GError) error = NULL;
  Report *finished = g_new0 (Report, 1);
  char *password = NULL;

  finished->kind = REPORT_FINISHED;
  post (runner, g_memdup2 (&(Report) { .kind = REPORT_CONNECTING }, sizeof (Report)));
  /* The keyring may take a while (an unlock prompt): never on the GUI's thread. */
  if (runner->profile->auth == LB_AUTH_SQL_LOGIN && runner->profile->login != NULL)
    password = lb_sql_secret_lookup (runner->profile, runner->cancellable, &error);
  if (error == NULL)
    lb_lag_sampler_run (runner->db_path, runner->project_id, runner->profile, password, &runner->options, on_event,
                        runner, runner->cancellable, NULL, &error);
  if (password != NULL)
    lb_sql_secret_free (password);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    finished->message = g_strdup (error->message);
  post (runner, finished);
  runner_unref (runner);
  return NULL;
}

static void
lb_samplers_dispose (GObject *object)
{
  lb_samplers_stop_all (LB_SAMPLERS (object));
  G_OBJECT_CLASS (lb_samplers_parent_class)->dispose (object);
}

static void
lb_samplers_finalize (GObject *object)
{
  LbSamplers *self = LB_SAMPLERS (object);

  g_hash_table_unref (self->runners);
  g_main_context_unref (self->context);
  g_free (self->db_path);
  G_OBJECT_CLASS (lb_samplers_parent_class)->finalize (object);
}

static void
lb_samplers_class_init (LbSamplersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lb_samplers_dispose;
  object_class->finalize = lb_samplers_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
lb_samplers_init (LbSamplers *self)
{
  self->runners = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, runner_unref);
  self->context = g_main_context_ref_thread_default ();
}

LbSamplers *
lb_samplers_new (const char *db_path)
{
  LbSamplers *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  self = g_object_new (LB_TYPE_SAMPLERS, NULL);
  self->db_path = g_strdup (db_path);
  return self;
}

static Runner *
find_runner (LbSamplers *self,
             gint64      project_id)
{
  return g_hash_table_lookup (self->runners, &project_id);
}

gboolean
lb_samplers_is_running (LbSamplers *self,
                        gint64      project_id)
{
  Runner *runner;

  g_return_val_if_fail (LB_IS_SAMPLERS (self), FALSE);
  runner = find_runner (self, project_id);
  return runner != NULL && runner->thread != NULL;
}

gboolean
lb_samplers_start (LbSamplers                *self,
                   gint64                     project_id,
                   const LbConnectionProfile *profile,
                   const LbLagSamplerOptions *options,
                   GError                   **error)
{
  Runner *runner;
  gint64 *key;

  g_return_val_if_fail (LB_IS_SAMPLERS (self), FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (lb_samplers_is_running (self, project_id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("This project is already being sampled"));
      return FALSE;
    }
  runner = g_atomic_rc_box_new0 (Runner);
  runner->project_id = project_id;
  runner->db_path = g_strdup (self->db_path);
  runner->profile = lb_record_copy (profile);
  if (options != NULL)
    runner->options = *options;
  else
    lb_lag_sampler_options_init (&runner->options);
  runner->cancellable = g_cancellable_new ();
  runner->context = g_main_context_ref (self->context);
  g_weak_ref_init (&runner->owner, self);
  runner->status.state = LB_SAMPLER_CONNECTING;
  runner->status.profile_name = g_strdup (profile->name);
  runner->status.interval_ms = runner->options.interval_ms;
  runner->status.data_at_risk_s = NAN;
  runner->status.catch_up_s = NAN;
  lb_lag_sample_init (&runner->status.last, LB_UNSET_INT);
  runner->thread = g_thread_new ("lag-sampler", run_sampler, runner_ref (runner));
  key = g_new (gint64, 1);
  *key = project_id;
  g_hash_table_replace (self->runners, key, runner);
  g_signal_emit (self, signals[CHANGED], 0, project_id);
  return TRUE;
}

void
lb_samplers_stop (LbSamplers *self,
                  gint64      project_id)
{
  Runner *runner;

  g_return_if_fail (LB_IS_SAMPLERS (self));
  runner = find_runner (self, project_id);
  if (runner == NULL || runner->thread == NULL)
    return;
  runner->status.state = LB_SAMPLER_STOPPING;
  g_cancellable_cancel (runner->cancellable);
  g_signal_emit (self, signals[CHANGED], 0, project_id);
}

void
lb_samplers_stop_all (LbSamplers *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (LB_IS_SAMPLERS (self));
  g_hash_table_iter_init (&iter, self->runners);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_cancellable_cancel (((Runner *) value)->cancellable);
  /* The cancel interrupts a running query (SQLCancel) and the wait between polls. */
  g_hash_table_iter_init (&iter, self->runners);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Runner *runner = value;

      if (runner->thread != NULL)
        g_clear_pointer (&runner->thread, g_thread_join);
      runner->status.state = LB_SAMPLER_IDLE;
    }
}

const LbSamplerStatus *
lb_samplers_get_status (LbSamplers *self,
                        gint64      project_id)
{
  Runner *runner;

  g_return_val_if_fail (LB_IS_SAMPLERS (self), NULL);
  runner = find_runner (self, project_id);
  return runner != NULL ? &runner->status : NULL;
}
