/* lb-rehearsal-metrics.h: runbook templates for rehearsals and the downtime they measure.
 *
 * Each rehearsal kind has a runbook template (docs/domain.md §4.2 and §4.3): ordered step
 * names, each with a role. Downtime runs from the start of the step that stops the
 * workload to the end of the step that validates the applications; when that validation
 * failed, to the end of the step that restores service on the old primary (the rollback).
 * Steps are recognised by name, compared without regard to case with every template's
 * step names, untranslated and translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../model/lb-records.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

typedef enum
{
  LB_STEP_ROLE_NONE,
  LB_STEP_ROLE_DOWNTIME_START, /* the workload stops */
  LB_STEP_ROLE_DOWNTIME_END,   /* the applications are validated on the new primary */
  LB_STEP_ROLE_ROLLBACK_END,   /* service is back on the old primary: ends downtime when
                                * the validation failed */
} LbStepRole;

typedef struct
{
  const char *name;  /* N_() marked */
  const char *notes; /* N_() marked: what to do and what evidence to keep */
  LbStepRole  role;
} LbRunbookStep;

typedef struct
{
  LbRehearsalKind      kind;
  const LbRunbookStep *steps;
  guint                n_steps;
} LbRunbookTemplate;

const LbRunbookTemplate *lb_runbook_template_get         (LbRehearsalKind kind);
/* The role of a step called @step_name in any template; LB_STEP_ROLE_NONE when none. */
LbStepRole               lb_runbook_step_role            (const char     *step_name);
/* New LbRehearsalStep records (translated names and notes, positions 1, 2, …, pending) in
 * a lb_record_array_new() array, for the rehearsal @rehearsal_id (may be 0 for now). */
GPtrArray               *lb_runbook_template_instantiate (LbRehearsalKind kind,
                                                          gint64          rehearsal_id);
/* Inserts the template's steps for the rehearsal's kind, all or none. */
gboolean                 lb_rehearsal_add_runbook_steps  (LbStore        *store,
                                                          gint64          rehearsal_id,
                                                          GError        **error);

typedef enum
{
  LB_DOWNTIME_UNKNOWN,
  LB_DOWNTIME_FROM_STEPS,     /* the start and end steps' times */
  LB_DOWNTIME_FROM_RECORDED,  /* the rehearsal's measured_downtime_min */
  LB_DOWNTIME_FROM_REHEARSAL, /* the rehearsal's own started..ended: an upper bound */
} LbDowntimeSource;

typedef enum
{
  LB_TARGET_UNKNOWN, /* no target, or no downtime */
  LB_TARGET_MET,
  LB_TARGET_MISSED,
} LbTargetCheck;

typedef struct
{
  LbDowntimeSource source;
  gint64           downtime_ms;   /* LB_UNSET_INT when unknown */
  gint64           window_start;  /* UTC ms; LB_UNSET_INT unless known */
  gint64           window_end;
  gint64           start_step_id; /* 0 unless from steps */
  gint64           end_step_id;
  gint64           target_min;    /* the rehearsal's, else the project's; LB_UNSET_INT when neither */
  LbTargetCheck    target;
  char            *explanation;   /* for people */
} LbRehearsalDowntime;

/* @steps: the rehearsal's LbRehearsalStep records, in any order. @project may be NULL
 * (then only the rehearsal's own target counts). Steps are tried first; then a recorded
 * measured downtime; then the rehearsal's own start and end. */
LbRehearsalDowntime *lb_rehearsal_downtime_compute (const LbRehearsal   *rehearsal,
                                                    GPtrArray           *steps,
                                                    const LbProject     *project);
LbRehearsalDowntime *lb_rehearsal_downtime_load    (LbStore             *store,
                                                    gint64               rehearsal_id,
                                                    GError             **error);
void                 lb_rehearsal_downtime_free    (LbRehearsalDowntime *downtime);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbRehearsalDowntime, lb_rehearsal_downtime_free)

G_END_DECLS
