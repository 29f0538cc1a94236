/* lb-rehearsal-metrics.h: the downtime a rehearsal measured.
 *
 * Downtime runs from the start of the step whose role is to stop the workload to the end
 * of the step that validates the applications; when that validation failed, to the end of
 * the step that restores service on the old primary (the rollback). Steps get their roles
 * from the runbook template (lb-runbook.h) and may be changed by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../model/lb-records.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

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
