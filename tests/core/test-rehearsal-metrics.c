/* test-rehearsal-metrics.c: the downtime a rehearsal measured.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lb-core.h"
#include "lb-test-util.h"

#define MIN_MS G_GINT64_CONSTANT (60000)
#define T0 G_GINT64_CONSTANT (1795957200000) /* 2026-11-29 13:00 UTC */
#define UNSET LB_UNSET_INT


/* ---- downtime ------------------------------------------------------------------------- */

typedef struct
{
  const char   *name;
  gint64        position;
  int           start_min; /* minutes after T0; -1 unset */
  int           end_min;
  LbStepOutcome outcome;
  const char   *role;      /* a role nick, "none"; NULL: the built-in templates' role of the name */
} StepSpec;

typedef struct
{
  const char      *name;
  StepSpec         steps[12];
  int              rehearsal_end_min; /* -1: not ended */
  double           measured_min;
  gint64           rehearsal_target;
  gint64           project_target;    /* UNSET: no project */
  LbDowntimeSource source;
  gint64           downtime_min;      /* UNSET when unknown */
  LbTargetCheck    target;
  const char      *explanation;
} DowntimeCase;

#define PRE "Pre-check: link healthy and connected"
#define STOP "Stop the workload on the SQL Server primary"
#define SYNC "Switch the link to synchronous commit"
#define FAILOVER "Planned failover to the managed instance"
#define VALIDATE "Validate the application on the managed instance"
#define FAILBACK "Fail back to SQL Server and return the link to asynchronous"
#define ROLLBACK "Roll back: fail back to SQL Server"
#define DONE LB_STEP_DONE
#define NO_STEPS { { NULL } }

static const DowntimeCase downtime_cases[] = {
  { "steps give the window",
    { { PRE, 1, 0, 10, DONE }, { STOP, 2, 10, 19, DONE }, { SYNC, 3, 19, 23, DONE }, { FAILOVER, 4, 23, 40, DONE },
      { VALIDATE, 5, 40, 83, DONE }, { FAILBACK, 6, 83, 105, DONE }, { NULL } },
    105, NAN, 120, UNSET, LB_DOWNTIME_FROM_STEPS, 73, LB_TARGET_MET,
    "Downtime 1 h 13 min, from the start of “Stop the workload on the SQL Server primary” to the end of “Validate the "
    "application on the managed instance”; within the 2 h 0 min target" },
  { "steps win over a recorded figure and in any order",
    { { VALIDATE, 5, 40, 83, DONE }, { FAILOVER, 4, 23, 40, DONE }, { STOP, 2, 10, 19, DONE }, { PRE, 1, 0, 10, DONE },
      { NULL } },
    83, 99, 120, UNSET, LB_DOWNTIME_FROM_STEPS, 73, LB_TARGET_MET, NULL },
  { "exactly on target",
    { { STOP, 1, 0, 5, DONE }, { VALIDATE, 2, 5, 60, DONE }, { NULL } },
    60, NAN, 60, UNSET, LB_DOWNTIME_FROM_STEPS, 60, LB_TARGET_MET, NULL },
  { "failed validation: downtime until the rollback (demo: Parkview broker cutover)",
    { { PRE, 1, 0, 8, DONE }, { STOP, 2, 8, 14, DONE }, { FAILOVER, 3, 14, 35, DONE },
      { VALIDATE, 4, 35, 69, LB_STEP_FAILED }, { "Remove the link", 5, -1, -1, LB_STEP_SKIPPED },
      { ROLLBACK, 6, 69, 107, DONE }, { NULL } },
    107, NAN, 60, 120, LB_DOWNTIME_FROM_STEPS, 99, LB_TARGET_MISSED,
    "Downtime 1 h 39 min, from the start of “Stop the workload on the SQL Server primary” to the end of “Roll back: "
    "fail back to SQL Server”; 39 min over the 1 h 0 min target" },
  { "project target when the rehearsal has none",
    { { STOP, 1, 0, 5, DONE }, { VALIDATE, 2, 5, 95, DONE }, { NULL } },
    95, NAN, UNSET, 90, LB_DOWNTIME_FROM_STEPS, 95, LB_TARGET_MISSED, NULL },
  { "no target anywhere",
    { { STOP, 1, 0, 5, DONE }, { VALIDATE, 2, 5, 30, DONE }, { NULL } },
    30, NAN, UNSET, UNSET, LB_DOWNTIME_FROM_STEPS, 30, LB_TARGET_UNKNOWN,
    "Downtime 30 min, from the start of “Stop the workload on the SQL Server primary” to the end of “Validate the "
    "application on the managed instance”; no downtime target set" },
  { "a recorded figure when no steps mark the window",
    NO_STEPS, 200, 73, 120, UNSET, LB_DOWNTIME_FROM_RECORDED, 73, LB_TARGET_MET,
    "Downtime 1 h 13 min, as recorded for the rehearsal; within the 2 h 0 min target" },
  { "the whole rehearsal, within target",
    NO_STEPS, 90, NAN, 120, UNSET, LB_DOWNTIME_FROM_REHEARSAL, 90, LB_TARGET_MET,
    "Downtime at most 1 h 30 min, the whole rehearsal: no steps mark when the workload stopped and when the "
    "applications were validated; within the 2 h 0 min target" },
  { "the whole rehearsal, longer than target: not a sure miss",
    NO_STEPS, 180, NAN, 120, UNSET, LB_DOWNTIME_FROM_REHEARSAL, 180, LB_TARGET_UNKNOWN,
    "Downtime at most 3 h 0 min, the whole rehearsal: no steps mark when the workload stopped and when the "
    "applications were validated; longer than the 2 h 0 min target, so the downtime may have exceeded it" },
  { "nothing to go on",
    NO_STEPS, -1, NAN, 120, UNSET, LB_DOWNTIME_UNKNOWN, UNSET, LB_TARGET_UNKNOWN,
    "Downtime unknown: no steps mark when the workload stopped and when the applications were validated, and the "
    "rehearsal has not ended" },
  { "in progress: stopped, not yet validated",
    { { STOP, 1, 0, 5, DONE }, { FAILOVER, 2, 5, -1, LB_STEP_RUNNING }, { VALIDATE, 3, -1, -1, LB_STEP_PENDING },
      { NULL } },
    -1, NAN, 120, UNSET, LB_DOWNTIME_UNKNOWN, UNSET, LB_TARGET_UNKNOWN,
    "Downtime unknown: the workload stopped (“Stop the workload on the SQL Server primary”) but no validation has "
    "ended yet" },
  { "steps without the stop step fall back",
    { { PRE, 1, 0, 10, DONE }, { VALIDATE, 2, 10, 20, DONE }, { NULL } },
    25, NAN, 120, UNSET, LB_DOWNTIME_FROM_REHEARSAL, 25, LB_TARGET_MET, NULL },
  { "a validation that ended before the stop does not count",
    { { VALIDATE, 1, 0, 3, DONE }, { STOP, 2, 5, 10, DONE }, { NULL } },
    40, 12, 120, UNSET, LB_DOWNTIME_FROM_RECORDED, 12, LB_TARGET_MET, NULL },
  { "a skipped validation and no rollback fall back",
    { { STOP, 1, 0, 5, DONE }, { VALIDATE, 2, -1, -1, LB_STEP_SKIPPED }, { NULL } },
    50, NAN, 45, UNSET, LB_DOWNTIME_FROM_REHEARSAL, 50, LB_TARGET_UNKNOWN, NULL },
  { "roles decide, whatever the steps are called",
    { { "Cut the plant floor off", 1, 2, 5, DONE, "downtime_start" },
      { "Smoke tests passed", 2, 5, 47, DONE, "downtime_end" }, { NULL } },
    60, NAN, 120, UNSET, LB_DOWNTIME_FROM_STEPS, 45, LB_TARGET_MET, NULL },
  { "a step without its role does not count, whatever its name",
    { { STOP, 1, 2, 5, DONE, "none" }, { VALIDATE, 2, 5, 47, DONE }, { NULL } },
    60, NAN, 120, UNSET, LB_DOWNTIME_FROM_REHEARSAL, 60, LB_TARGET_MET, NULL },
};

/* The role the built-in templates give a step of this name. */
static int
builtin_role (const char *name)
{
  for (int kind = LB_REHEARSAL_PLANNED_FAILOVER; kind <= LB_REHEARSAL_DR_DRILL; kind++)
    {
      const LbRunbookTemplate *template = lb_runbook_builtin (kind);

      for (guint i = 0; i < template->n_steps; i++)
        if (g_str_equal (template->steps[i].name, name))
          return template->steps[i].role;
    }
  return LB_STEP_ROLE_NONE;
}

static GPtrArray *
make_steps (const StepSpec *specs)
{
  GPtrArray *steps = lb_record_array_new ();

  for (int i = 0; specs[i].name != NULL; i++)
    {
      LbRehearsalStep *step = lb_record_new (&lb_rehearsal_step_kind);

      step->id = 500 + i;
      step->rehearsal_id = 1;
      step->position = specs[i].position;
      step->name = g_strdup (specs[i].name);
      if (specs[i].role == NULL)
        step->role = builtin_role (specs[i].name);
      else if (!g_str_equal (specs[i].role, "none"))
        step->role = lb_enum_info_lookup (&lb_step_role_enum, specs[i].role);
      step->started_at = specs[i].start_min >= 0 ? T0 + specs[i].start_min * MIN_MS : UNSET;
      step->ended_at = specs[i].end_min >= 0 ? T0 + specs[i].end_min * MIN_MS : UNSET;
      step->outcome = specs[i].outcome;
      g_ptr_array_add (steps, step);
    }
  return steps;
}

static void
test_downtime (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (downtime_cases); c++)
    {
      const DowntimeCase *dc = &downtime_cases[c];
      g_autoptr(GPtrArray) steps = make_steps (dc->steps);
      g_autoptr(LbRehearsalDowntime) d = NULL;
      LbRehearsal *rehearsal = lb_record_new (&lb_rehearsal_kind);
      LbProject *project = NULL;

      g_test_message ("case: %s", dc->name);
      rehearsal->kind = LB_REHEARSAL_CUTOVER;
      rehearsal->started_at = T0;
      rehearsal->ended_at = dc->rehearsal_end_min >= 0 ? T0 + dc->rehearsal_end_min * MIN_MS : UNSET;
      rehearsal->measured_downtime_min = dc->measured_min;
      rehearsal->downtime_target_min = dc->rehearsal_target;
      if (dc->project_target != UNSET)
        {
          project = lb_record_new (&lb_project_kind);
          project->downtime_target_min = dc->project_target;
        }

      d = lb_rehearsal_downtime_compute (rehearsal, steps, project);
      g_assert_cmpint (d->source, ==, dc->source);
      g_assert_cmpint (d->downtime_ms, ==, dc->downtime_min == UNSET ? UNSET : dc->downtime_min * MIN_MS);
      g_assert_cmpint (d->target, ==, dc->target);
      g_assert_cmpint (d->target_min, ==, dc->rehearsal_target != UNSET ? dc->rehearsal_target : dc->project_target);
      if (dc->explanation != NULL)
        g_assert_cmpstr (d->explanation, ==, dc->explanation);
      else
        g_assert_nonnull (d->explanation);

      if (dc->source == LB_DOWNTIME_FROM_STEPS)
        {
          g_assert_cmpint (d->window_end - d->window_start, ==, d->downtime_ms);
          g_assert_cmpint (d->start_step_id, >=, 500);
          g_assert_cmpint (d->end_step_id, >=, 500);
        }
      else
        {
          g_assert_cmpint (d->start_step_id, ==, 0);
          g_assert_cmpint (d->end_step_id, ==, 0);
        }
      if (dc->source == LB_DOWNTIME_FROM_REHEARSAL)
        {
          g_assert_cmpint (d->window_start, ==, rehearsal->started_at);
          g_assert_cmpint (d->window_end, ==, rehearsal->ended_at);
        }

      lb_record_free (rehearsal);
      if (project != NULL)
        lb_record_free (project);
    }
}

static void
test_downtime_without_steps (void)
{
  LbRehearsal *rehearsal = lb_record_new (&lb_rehearsal_kind);
  g_autoptr(LbRehearsalDowntime) d = NULL;

  rehearsal->started_at = T0;
  rehearsal->ended_at = T0 + 42 * MIN_MS;
  d = lb_rehearsal_downtime_compute (rehearsal, NULL, NULL);
  g_assert_cmpint (d->source, ==, LB_DOWNTIME_FROM_REHEARSAL);
  g_assert_cmpint (d->downtime_ms, ==, 42 * MIN_MS);
  g_assert_cmpint (d->target, ==, LB_TARGET_UNKNOWN);
  lb_record_free (rehearsal);
}

/* ---- store ---------------------------------------------------------------------------- */

static gint64
insert_or_die (LbStore *store,
               gpointer record)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!lb_store_insert (store, record, &error))
    g_error ("insert %s: %s", lb_record_get_kind (record)->table, error->message);
  id = LB_RECORD_ID (record);
  lb_record_free (record);
  return id;
}

static void
test_store (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "rehearsal.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(LbRehearsalDowntime) d = NULL;
  LbStore *store = lb_store_open (path, &error);
  LbProject *project = lb_record_new (&lb_project_kind);
  LbRehearsal *rehearsal = lb_record_new (&lb_rehearsal_kind);
  gint64 project_id, rehearsal_id;

  g_assert_no_error (error);
  project->name = g_strdup ("ERP");
  project->downtime_target_min = 90;
  project_id = insert_or_die (store, project);
  rehearsal->project_id = project_id;
  rehearsal->kind = LB_REHEARSAL_FAILBACK;
  rehearsal->title = g_strdup ("Failback drill");
  rehearsal->started_at = T0;
  rehearsal_id = insert_or_die (store, rehearsal);

  g_assert_true (lb_rehearsal_add_runbook_steps (store, rehearsal_id, &error));
  g_assert_no_error (error);
  steps = lb_store_list (store, &lb_rehearsal_step_kind, "rehearsal_id", rehearsal_id, &error);
  g_assert_cmpuint (steps->len, ==, lb_runbook_builtin (LB_REHEARSAL_FAILBACK)->n_steps);

  /* Time the stop and the validation as a DBA would, then read the downtime back. */
  for (guint i = 0; i < steps->len; i++)
    {
      LbRehearsalStep *step = g_ptr_array_index (steps, i);

      step->started_at = T0 + i * 10 * MIN_MS;
      step->ended_at = step->started_at + 10 * MIN_MS;
      step->outcome = LB_STEP_DONE;
      g_assert_true (lb_store_update (store, step, &error));
      g_assert_no_error (error);
    }
  d = lb_rehearsal_downtime_load (store, rehearsal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (d->source, ==, LB_DOWNTIME_FROM_STEPS);
  /* Steps 2 to 6 of 6, ten minutes each: 50 min against the project's 90. */
  g_assert_cmpint (d->downtime_ms, ==, 50 * MIN_MS);
  g_assert_cmpint (d->target_min, ==, 90);
  g_assert_cmpint (d->target, ==, LB_TARGET_MET);
  g_clear_pointer (&d, lb_rehearsal_downtime_free);

  g_assert_false (lb_rehearsal_add_runbook_steps (store, 9999, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  d = lb_rehearsal_downtime_load (store, 9999, &error);
  g_assert_null (d);
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);

  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The demo portfolio's step names and measured downtimes follow the same rule: every
 * rehearsal it ran must come out with its recorded downtime, from its steps. */
static void
test_agrees_with_demo (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rehearsals = NULL;
  LbStore *store = lb_store_open (path, &error);
  LbDemoOptions options;
  guint ran = 0, planned = 0;

  g_assert_no_error (error);
  lb_demo_options_init (&options);
  options.anchor = T0;
  options.lag_days = 0;
  g_assert_true (lb_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);

  rehearsals = lb_store_list (store, &lb_rehearsal_kind, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rehearsals->len; i++)
    {
      const LbRehearsal *r = g_ptr_array_index (rehearsals, i);
      g_autoptr(LbRehearsalDowntime) d = lb_rehearsal_downtime_load (store, r->id, &error);

      g_assert_no_error (error);
      g_test_message ("demo rehearsal %s: %s", r->title, d->explanation);
      if (r->outcome == LB_OUTCOME_PLANNED)
        {
          g_assert_cmpint (d->source, ==, LB_DOWNTIME_UNKNOWN);
          planned++;
          continue;
        }
      g_assert_false (isnan (r->measured_downtime_min));
      g_assert_cmpint (d->source, ==, LB_DOWNTIME_FROM_STEPS);
      g_assert_cmpint (d->downtime_ms, ==, llround (r->measured_downtime_min * MIN_MS));
      g_assert_cmpint (d->target, ==,
                       r->measured_downtime_min <= r->downtime_target_min ? LB_TARGET_MET : LB_TARGET_MISSED);
      ran++;
    }
  g_assert_cmpuint (ran, >, 5);
  g_assert_cmpuint (planned, >=, 1);

  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/rehearsal-metrics/downtime", test_downtime);
  g_test_add_func ("/lb/rehearsal-metrics/downtime-without-steps", test_downtime_without_steps);
  g_test_add_func ("/lb/rehearsal-metrics/store", test_store);
  g_test_add_func ("/lb/rehearsal-metrics/agrees-with-demo", test_agrees_with_demo);

  return g_test_run ();
}
