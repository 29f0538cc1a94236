/* lb-runbook.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-runbook"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "../model/lb-error.h"
#include "../model/lb-record.h"
#include "lb-positions.h"
#include "lb-runbook.h"

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

static const LbRunbookTemplateStep drill_steps[] = {
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
static const LbRunbookTemplateStep cutover_steps[] = {
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
static const LbRunbookTemplateStep failback_steps[] = {
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
static const LbRunbookTemplateStep forced_steps[] = {
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
lb_runbook_builtin (LbRehearsalKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (templates[i].kind == kind)
      return &templates[i];
  return NULL;
}

GPtrArray *
lb_runbook_builtin_steps (LbRehearsalKind kind)
{
  const LbRunbookTemplate *template = lb_runbook_builtin (kind);
  GPtrArray *steps = lb_record_array_new ();

  for (guint i = 0; template != NULL && i < template->n_steps; i++)
    {
      LbRunbookStep *step = lb_record_new (&lb_runbook_step_kind);

      step->rehearsal_kind = kind;
      step->position = i;
      step->name = g_strdup (_(template->steps[i].name));
      step->notes = g_strdup (_(template->steps[i].notes));
      step->role = template->steps[i].role;
      g_ptr_array_add (steps, step);
    }
  return steps;
}

static GPtrArray *
load_edited (LbStore         *store,
             LbRehearsalKind  kind,
             GError         **error)
{
  g_autoptr(GPtrArray) all = lb_store_list (store, &lb_runbook_step_kind, NULL, 0, error);
  GPtrArray *steps;

  if (all == NULL)
    return NULL;
  steps = lb_record_array_new ();
  for (guint i = 0; i < all->len; i++)
    if (((LbRunbookStep *) all->pdata[i])->rehearsal_kind == (int) kind)
      g_ptr_array_add (steps, lb_record_copy (all->pdata[i]));
  return steps;
}

GPtrArray *
lb_runbook_load (LbStore         *store,
                 LbRehearsalKind  kind,
                 gboolean        *edited,
                 GError         **error)
{
  g_autoptr(GPtrArray) steps = NULL;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (lb_runbook_builtin (kind) != NULL, NULL);

  if ((steps = load_edited (store, kind, error)) == NULL)
    return NULL;
  if (edited != NULL)
    *edited = steps->len > 0;
  if (steps->len == 0)
    return lb_runbook_builtin_steps (kind);
  return g_steal_pointer (&steps);
}

gboolean
lb_runbook_edit (LbStore         *store,
                 LbRehearsalKind  kind,
                 GError         **error)
{
  g_autoptr(GPtrArray) steps = NULL;
  gboolean edited;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);

  if ((steps = lb_runbook_load (store, kind, &edited, error)) == NULL)
    return FALSE;
  if (edited)
    return TRUE;
  if (!lb_store_begin_transaction (store, error))
    return FALSE;
  for (guint i = 0; i < steps->len; i++)
    if (!lb_store_insert (store, steps->pdata[i], error))
      {
        lb_store_rollback_transaction (store);
        return FALSE;
      }
  return lb_store_commit_transaction (store, error);
}

gboolean
lb_runbook_reset (LbStore         *store,
                  LbRehearsalKind  kind,
                  GError         **error)
{
  g_autoptr(GPtrArray) steps = NULL;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);

  if ((steps = load_edited (store, kind, error)) == NULL)
    return FALSE;
  if (!lb_store_begin_transaction (store, error))
    return FALSE;
  for (guint i = 0; i < steps->len; i++)
    if (!lb_store_delete (store, &lb_runbook_step_kind, LB_RECORD_ID (steps->pdata[i]), error))
      {
        lb_store_rollback_transaction (store);
        return FALSE;
      }
  return lb_store_commit_transaction (store, error);
}

gboolean
lb_runbook_append (LbStore       *store,
                   LbRunbookStep *step,
                   GError       **error)
{
  g_autoptr(GPtrArray) steps = NULL;
  gint64 next = 0;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail (step != NULL && lb_record_get_kind (step) == &lb_runbook_step_kind, FALSE);

  if (lb_runbook_builtin (step->rehearsal_kind) == NULL)
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_REQUIRED, "rehearsal_kind",
                               _("A runbook step needs the kind of rehearsal it belongs to"));
      return FALSE;
    }
  if (!lb_store_begin_transaction (store, error))
    return FALSE;
  if (!lb_runbook_edit (store, step->rehearsal_kind, error) ||
      (steps = load_edited (store, step->rehearsal_kind, error)) == NULL)
    goto failed;
  for (guint i = 0; i < steps->len; i++)
    next = MAX (next, ((LbRunbookStep *) steps->pdata[i])->position + 1);
  step->position = next;
  if (!lb_store_insert (store, step, error))
    goto failed;
  return lb_store_commit_transaction (store, error);

failed:
  lb_store_rollback_transaction (store);
  return FALSE;
}

gboolean
lb_runbook_move (LbStore *store,
                 gint64   step_id,
                 int      delta,
                 GError **error)
{
  g_autoptr(GPtrArray) steps = NULL;
  LbRunbookStep *step;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);

  if ((step = lb_store_get (store, &lb_runbook_step_kind, step_id, error)) == NULL)
    return FALSE;
  steps = load_edited (store, step->rehearsal_kind, error);
  lb_record_free (step);
  return steps != NULL && lb_positions_move (store, steps, step_id, delta, error);
}

GPtrArray *
lb_runbook_instantiate (GPtrArray *runbook,
                        gint64     rehearsal_id)
{
  GPtrArray *steps;

  g_return_val_if_fail (runbook != NULL, NULL);

  steps = lb_record_array_new ();
  for (guint i = 0; i < runbook->len; i++)
    {
      const LbRunbookStep *template_step = runbook->pdata[i];
      LbRehearsalStep *step = lb_record_new (&lb_rehearsal_step_kind);

      step->rehearsal_id = rehearsal_id;
      step->position = i + 1;
      step->name = g_strdup (template_step->name);
      step->notes = g_strdup (template_step->notes);
      step->role = template_step->role;
      g_ptr_array_add (steps, step);
    }
  return steps;
}

gboolean
lb_rehearsal_add_runbook_steps (LbStore *store,
                                gint64   rehearsal_id,
                                GError **error)
{
  g_autoptr(GPtrArray) runbook = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  LbRehearsal *rehearsal;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rehearsal = lb_store_get (store, &lb_rehearsal_kind, rehearsal_id, error);
  if (rehearsal == NULL)
    return FALSE;
  runbook = lb_runbook_load (store, rehearsal->kind, NULL, error);
  lb_record_free (rehearsal);
  if (runbook == NULL)
    return FALSE;
  steps = lb_runbook_instantiate (runbook, rehearsal_id);

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
