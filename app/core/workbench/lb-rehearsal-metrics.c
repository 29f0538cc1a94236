/* lb-rehearsal-metrics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-rehearsal-metrics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "../model/lb-time.h"
#include "lb-rehearsal-metrics.h"

#define MINUTE_MS G_GINT64_CONSTANT (60000)

/* ---- downtime ------------------------------------------------------------------------- */

void
lb_rehearsal_downtime_free (LbRehearsalDowntime *downtime)
{
  if (downtime == NULL)
    return;
  g_free (downtime->explanation);
  g_free (downtime);
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const LbRehearsalStep *sa = *(const LbRehearsalStep *const *) a;
  const LbRehearsalStep *sb = *(const LbRehearsalStep *const *) b;

  if (sa->position != sb->position)
    return sa->position < sb->position ? -1 : 1;
  return sa->id < sb->id ? -1 : sa->id > sb->id;
}

/* A step that restored service: it ended, no earlier than the workload stopped, and did
 * not fail. */
static gboolean
step_ended_well (const LbRehearsalStep *step,
                 gint64                 since)
{
  return step->ended_at != LB_UNSET_INT && step->ended_at >= since && step->outcome != LB_STEP_FAILED &&
         step->outcome != LB_STEP_SKIPPED;
}

static const LbRehearsalStep *
find_end (GPtrArray             *sorted,
          guint                  after,
          LbStepRole             role,
          const LbRehearsalStep *start)
{
  for (guint i = after + 1; i < sorted->len; i++)
    {
      const LbRehearsalStep *step = g_ptr_array_index (sorted, i);

      if (step->role == (int) role && step_ended_well (step, start->started_at))
        return step;
    }
  return NULL;
}

/* The first step that stops the workload and has started, and the first after it that
 * ended validated (or, failing that, rolled back). */
static gboolean
window_from_steps (GPtrArray              *steps,
                   const LbRehearsalStep **start_out,
                   const LbRehearsalStep **end_out)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  const LbRehearsalStep *start = NULL;
  guint start_index = 0;

  *start_out = *end_out = NULL;
  if (steps == NULL)
    return FALSE;
  for (guint i = 0; i < steps->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (steps, i));
  g_ptr_array_sort (sorted, compare_steps);

  for (guint i = 0; i < sorted->len && start == NULL; i++)
    {
      const LbRehearsalStep *step = g_ptr_array_index (sorted, i);

      if (step->started_at != LB_UNSET_INT && step->role == LB_STEP_ROLE_DOWNTIME_START)
        {
          start = step;
          start_index = i;
        }
    }
  if (start == NULL)
    return FALSE;
  *start_out = start;
  *end_out = find_end (sorted, start_index, LB_STEP_ROLE_DOWNTIME_END, start);
  if (*end_out == NULL)
    *end_out = find_end (sorted, start_index, LB_STEP_ROLE_ROLLBACK_END, start);
  return *end_out != NULL;
}

static char *
describe (const LbRehearsalDowntime *d,
          const LbRehearsalStep     *start,
          const LbRehearsalStep     *end)
{
  g_autofree char *duration = d->downtime_ms != LB_UNSET_INT ? lb_duration_format (d->downtime_ms) : NULL;
  g_autofree char *target = d->target_min != LB_UNSET_INT ? lb_duration_format (d->target_min * MINUTE_MS) : NULL;
  g_autofree char *what = NULL;

  switch (d->source)
    {
    case LB_DOWNTIME_FROM_STEPS:
      /* TRANSLATORS: "Downtime 1 h 13 min, from the start of “Stop the workload …” to the end of “Validate …”" */
      what = g_strdup_printf (_("Downtime %s, from the start of “%s” to the end of “%s”"), duration, start->name,
                              end->name);
      break;
    case LB_DOWNTIME_FROM_RECORDED:
      what = g_strdup_printf (_("Downtime %s, as recorded for the rehearsal"), duration);
      break;
    case LB_DOWNTIME_FROM_REHEARSAL:
      what = g_strdup_printf (_("Downtime at most %s, the whole rehearsal: no steps mark when the workload stopped "
                                "and when the applications were validated"), duration);
      break;
    case LB_DOWNTIME_UNKNOWN:
    default:
      if (start != NULL)
        what = g_strdup_printf (_("Downtime unknown: the workload stopped (“%s”) but no validation has ended yet"),
                                start->name);
      else
        what = g_strdup (_("Downtime unknown: no steps mark when the workload stopped and when the applications "
                           "were validated, and the rehearsal has not ended"));
      return g_steal_pointer (&what);
    }

  if (target == NULL)
    /* TRANSLATORS: "Downtime 73 min, …; no downtime target set" */
    return g_strdup_printf (_("%s; no downtime target set"), what);
  switch (d->target)
    {
    case LB_TARGET_MET:
      /* TRANSLATORS: "Downtime 1 h 13 min, …; within the 2 h 0 min target" */
      return g_strdup_printf (_("%s; within the %s target"), what, target);
    case LB_TARGET_MISSED:
      {
        g_autofree char *over = lb_duration_format (d->downtime_ms - d->target_min * MINUTE_MS);

        /* TRANSLATORS: "Downtime 1 h 39 min, …; 39 min over the 1 h 0 min target" */
        return g_strdup_printf (_("%s; %s over the %s target"), what, over, target);
      }
    case LB_TARGET_UNKNOWN:
    default:
      return g_strdup_printf (_("%s; longer than the %s target, so the downtime may have exceeded it"), what, target);
    }
}

LbRehearsalDowntime *
lb_rehearsal_downtime_compute (const LbRehearsal *rehearsal,
                               GPtrArray         *steps,
                               const LbProject   *project)
{
  LbRehearsalDowntime *d;
  const LbRehearsalStep *start = NULL;
  const LbRehearsalStep *end = NULL;

  g_return_val_if_fail (rehearsal != NULL, NULL);

  d = g_new0 (LbRehearsalDowntime, 1);
  d->source = LB_DOWNTIME_UNKNOWN;
  d->downtime_ms = d->window_start = d->window_end = LB_UNSET_INT;
  d->target_min = rehearsal->downtime_target_min;
  if (d->target_min == LB_UNSET_INT && project != NULL)
    d->target_min = project->downtime_target_min;

  if (window_from_steps (steps, &start, &end))
    {
      d->source = LB_DOWNTIME_FROM_STEPS;
      d->window_start = start->started_at;
      d->window_end = end->ended_at;
      d->downtime_ms = end->ended_at - start->started_at;
      d->start_step_id = start->id;
      d->end_step_id = end->id;
    }
  else if (!isnan (rehearsal->measured_downtime_min) && rehearsal->measured_downtime_min >= 0)
    {
      d->source = LB_DOWNTIME_FROM_RECORDED;
      d->downtime_ms = llround (rehearsal->measured_downtime_min * MINUTE_MS);
    }
  else if (rehearsal->started_at != LB_UNSET_INT && rehearsal->ended_at != LB_UNSET_INT &&
           rehearsal->ended_at >= rehearsal->started_at)
    {
      d->source = LB_DOWNTIME_FROM_REHEARSAL;
      d->window_start = rehearsal->started_at;
      d->window_end = rehearsal->ended_at;
      d->downtime_ms = rehearsal->ended_at - rehearsal->started_at;
    }

  d->target = LB_TARGET_UNKNOWN;
  if (d->downtime_ms != LB_UNSET_INT && d->target_min != LB_UNSET_INT)
    {
      if (d->downtime_ms <= d->target_min * MINUTE_MS)
        d->target = LB_TARGET_MET;
      /* The whole rehearsal is only an upper bound: above the target says nothing sure. */
      else if (d->source != LB_DOWNTIME_FROM_REHEARSAL)
        d->target = LB_TARGET_MISSED;
    }

  d->explanation = describe (d, start, end);
  return d;
}

LbRehearsalDowntime *
lb_rehearsal_downtime_load (LbStore *store,
                            gint64   rehearsal_id,
                            GError **error)
{
  g_autoptr(GPtrArray) steps = NULL;
  LbRehearsal *rehearsal;
  LbProject *project;
  LbRehearsalDowntime *downtime = NULL;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rehearsal = lb_store_get (store, &lb_rehearsal_kind, rehearsal_id, error);
  if (rehearsal == NULL)
    return NULL;
  project = lb_store_get (store, &lb_project_kind, rehearsal->project_id, error);
  if (project != NULL)
    steps = lb_store_list (store, &lb_rehearsal_step_kind, "rehearsal_id", rehearsal_id, error);
  if (steps != NULL)
    downtime = lb_rehearsal_downtime_compute (rehearsal, steps, project);

  lb_record_free (rehearsal);
  if (project != NULL)
    lb_record_free (project);
  return downtime;
}
