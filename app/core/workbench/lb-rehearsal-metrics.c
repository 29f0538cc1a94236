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

/* ---- templates ------------------------------------------------------------------------ */

/* Steps shared by several runbooks; domain.md §4.2 (planned failover, cutover) and §4.3
 * (forced failover, split brain). The names match the demo portfolio's runbooks. */
#define PRECHECK \
  { N_("Pre-check: link healthy and connected"), \
    N_("Link HEALTHY and CONNECTED, no seeding running, the managed instance has taken its first backups. Keep " \
       "the link query output and the ARM JSON."), LB_STEP_ROLE_NONE }
#define STOP_ON_SQLSERVER \
  { N_("Stop the workload on the SQL Server primary"), \
    N_("Cut the application connections in the maintenance window. Keep the time and the session count of the " \
       "database (sys.dm_exec_sessions: none)."), LB_STEP_ROLE_DOWNTIME_START }
#define SWITCH_TO_SYNC \
  { N_("Switch the link to synchronous commit"), \
    N_("ALTER AVAILABILITY GROUP … AVAILABILITY_MODE = SYNCHRONOUS_COMMIT on SQL Server and replication mode Sync " \
       "on the managed instance. Keep availability_mode_desc and the ARM replicationMode."), LB_STEP_ROLE_NONE }
#define WAIT_FOR_LSN \
  { N_("Wait for matching hardened LSNs"), \
    N_("The hardened LSNs of both sides are equal and unchanged over several polls. Keep the query output."), \
    LB_STEP_ROLE_NONE }
#define FAILOVER_TO_MI \
  { N_("Planned failover to the managed instance"), \
    N_("SSMS failover wizard (planned), ALTER AVAILABILITY GROUP … FAILOVER (SQL Server 2022 CU13 and later) or " \
       "the ARM failover with failoverType Planned. Keep the operation status and the new roles."), \
    LB_STEP_ROLE_NONE }
#define CHECK_ROLES \
  { N_("Check the roles on both sides"), \
    N_("Role query on both sides: exactly one PRIMARY, no split brain."), LB_STEP_ROLE_NONE }
#define REPOINT_TO_MI \
  { N_("Repoint connection strings to the managed instance"), \
    N_("Connection strings to the managed instance's FQDN: there is no automatic redirection."), LB_STEP_ROLE_NONE }
#define VALIDATE_ON_MI \
  { N_("Validate the application on the managed instance"), \
    N_("Application smoke tests. Keep their results: downtime ends when this step ends."), \
    LB_STEP_ROLE_DOWNTIME_END }
#define FAIL_BACK \
  { N_("Fail back to SQL Server and return the link to asynchronous"), \
    N_("Planned failover back to SQL Server, replication mode Async again."), LB_STEP_ROLE_ROLLBACK_END }

static const LbRunbookStep drill_steps[] = {
  PRECHECK,
  STOP_ON_SQLSERVER,
  SWITCH_TO_SYNC,
  WAIT_FOR_LSN,
  FAILOVER_TO_MI,
  CHECK_ROLES,
  { N_("Validate reads and writes on the managed instance"),
    N_("Test transactions against the managed instance. Keep their results: downtime ends when this step ends."),
    LB_STEP_ROLE_DOWNTIME_END },
  FAIL_BACK,
};

/* The whole migration cut-over of §4.2, with the contingency that ends it on SQL Server. */
static const LbRunbookStep cutover_steps[] = {
  PRECHECK,
  STOP_ON_SQLSERVER,
  SWITCH_TO_SYNC,
  WAIT_FOR_LSN,
  FAILOVER_TO_MI,
  REPOINT_TO_MI,
  VALIDATE_ON_MI,
  { N_("Wait for the managed instance's first full backup"),
    N_("The newest full backup (type D) in msdb.dbo.backupset on the managed instance finished after the "
       "failover. Dropping the link earlier can leave the database unavailable after a later restart."),
    LB_STEP_ROLE_NONE },
  { N_("Remove the link"),
    N_("Delete the link on the managed instance and DROP AVAILABILITY GROUP on SQL Server. Keep the link list "
       "without it."), LB_STEP_ROLE_NONE },
  { N_("Recreate logins and Agent jobs on the managed instance"),
    N_("Logins, jobs and other server objects are not replicated; reconfigure CDC, log shipping, Service Broker "
       "and replication publishers."), LB_STEP_ROLE_NONE },
  { N_("Roll back: fail back to SQL Server"),
    N_("Only when the validation fails, before the link is removed: planned failover back to SQL Server and the "
       "connection strings restored."), LB_STEP_ROLE_ROLLBACK_END },
};

/* §4.2 "reverse migration": the same way from the managed instance, without the switch to
 * synchronous commit (SQL Server → MI direction only). */
static const LbRunbookStep failback_steps[] = {
  PRECHECK,
  { N_("Stop the workload on the managed instance"),
    N_("Cut the application connections to the managed instance. Keep the time and the session count of the "
       "database."), LB_STEP_ROLE_DOWNTIME_START },
  WAIT_FOR_LSN,
  { N_("Planned failover to SQL Server"),
    N_("Planned failover with the managed instance as primary (SQL Server 2022 CU10 and later or 2025, update "
       "policy to match). Keep the operation status and the new roles."), LB_STEP_ROLE_NONE },
  { N_("Repoint connection strings to SQL Server"),
    N_("Connection strings back to the SQL Server listener or host."), LB_STEP_ROLE_NONE },
  { N_("Validate the application on SQL Server"),
    N_("Application smoke tests. Keep their results: downtime ends when this step ends."),
    LB_STEP_ROLE_DOWNTIME_END },
};

/* §4.3, including the split-brain procedure when the old primary comes back. */
static const LbRunbookStep forced_steps[] = {
  { N_("Pre-check: secondary ready to take over"),
    N_("The secondary database is not REVERTING or INITIALIZING. Record log_send_queue_size: about what a forced "
       "failover loses."), LB_STEP_ROLE_NONE },
  STOP_ON_SQLSERVER,
  { N_("Force failover on the managed instance"),
    N_("On the secondary: ALTER AVAILABILITY GROUP … FORCE_FAILOVER_ALLOW_DATA_LOSS, or the ARM failover with "
       "failoverType ForcedAllowDataLoss. Keep the output."), LB_STEP_ROLE_NONE },
  REPOINT_TO_MI,
  VALIDATE_ON_MI,
  { N_("Back up the old primary"),
    N_("Before it becomes secondary: tail-log backup on SQL Server (copy-only full backup on a managed instance). "
       "Changes made there after the split are lost."), LB_STEP_ROLE_NONE },
  { N_("Set the old primary to secondary"),
    N_("ALTER AVAILABILITY GROUP … SET (ROLE = SECONDARY) on SQL Server, or setRole Secondary on the managed "
       "instance."), LB_STEP_ROLE_NONE },
  CHECK_ROLES,
  FAIL_BACK,
};

static const LbRunbookTemplate templates[] = {
  { LB_REHEARSAL_PLANNED_FAILOVER, drill_steps, G_N_ELEMENTS (drill_steps) },
  { LB_REHEARSAL_FORCED_FAILOVER, forced_steps, G_N_ELEMENTS (forced_steps) },
  { LB_REHEARSAL_CUTOVER, cutover_steps, G_N_ELEMENTS (cutover_steps) },
  { LB_REHEARSAL_FAILBACK, failback_steps, G_N_ELEMENTS (failback_steps) },
  /* A DR drill fails over to the DR replica and back, as the planned failover drill does. */
  { LB_REHEARSAL_DR_DRILL, drill_steps, G_N_ELEMENTS (drill_steps) },
};

const LbRunbookTemplate *
lb_runbook_template_get (LbRehearsalKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (templates[i].kind == kind)
      return &templates[i];
  g_return_val_if_reached (NULL);
}

static char *
fold (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return g_utf8_casefold (trimmed, -1);
}

LbStepRole
lb_runbook_step_role (const char *step_name)
{
  g_autofree char *wanted = NULL;

  if (step_name == NULL)
    return LB_STEP_ROLE_NONE;
  wanted = fold (step_name);
  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    for (guint s = 0; s < templates[t].n_steps; s++)
      {
        const LbRunbookStep *step = &templates[t].steps[s];
        g_autofree char *untranslated = NULL;
        g_autofree char *translated = NULL;

        if (step->role == LB_STEP_ROLE_NONE)
          continue;
        untranslated = fold (step->name);
        translated = fold (_(step->name));
        if (g_str_equal (wanted, untranslated) || g_str_equal (wanted, translated))
          return step->role;
      }
  return LB_STEP_ROLE_NONE;
}

GPtrArray *
lb_runbook_template_instantiate (LbRehearsalKind kind,
                                 gint64          rehearsal_id)
{
  const LbRunbookTemplate *template = lb_runbook_template_get (kind);
  GPtrArray *steps;

  g_return_val_if_fail (template != NULL, NULL);

  steps = lb_record_array_new ();
  for (guint i = 0; i < template->n_steps; i++)
    {
      LbRehearsalStep *step = lb_record_new (&lb_rehearsal_step_kind);

      step->rehearsal_id = rehearsal_id;
      step->position = i + 1;
      step->name = g_strdup (_(template->steps[i].name));
      step->notes = g_strdup (_(template->steps[i].notes));
      g_ptr_array_add (steps, step);
    }
  return steps;
}

gboolean
lb_rehearsal_add_runbook_steps (LbStore *store,
                                gint64   rehearsal_id,
                                GError **error)
{
  g_autoptr(GPtrArray) steps = NULL;
  LbRehearsal *rehearsal;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rehearsal = lb_store_get (store, &lb_rehearsal_kind, rehearsal_id, error);
  if (rehearsal == NULL)
    return FALSE;
  steps = lb_runbook_template_instantiate (rehearsal->kind, rehearsal_id);
  lb_record_free (rehearsal);
  if (steps == NULL)
    return FALSE;

  if (!lb_store_begin_transaction (store, error))
    return FALSE;
  for (guint i = 0; i < steps->len; i++)
    if (!lb_store_insert (store, g_ptr_array_index (steps, i), error))
      {
        lb_store_rollback_transaction (store);
        return FALSE;
      }
  return lb_store_commit_transaction (store, error);
}

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

      if (lb_runbook_step_role (step->name) == role && step_ended_well (step, start->started_at))
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

      if (step->started_at != LB_UNSET_INT && lb_runbook_step_role (step->name) == LB_STEP_ROLE_DOWNTIME_START)
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
