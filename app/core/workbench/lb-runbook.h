/* lb-runbook.h: the runbook of each rehearsal kind — the steps a drill starts with.
 *
 * Every kind has a built-in template (docs/domain.md §4.2 and §4.3). A team may edit the
 * runbook of a kind: the first change copies the built-in steps into the database
 * (runbook_step records) and from then on those are the kind's runbook, until it is reset.
 * Each step may carry a downtime role (LbStepRole), which the steps of a drill inherit and
 * the downtime is measured by.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../model/lb-records.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;  /* N_() marked */
  const char *notes; /* N_() marked: what to do and what evidence to keep */
  int         role;  /* LbStepRole, or LB_STEP_ROLE_NONE */
} LbRunbookTemplateStep;

typedef struct
{
  LbRehearsalKind              kind;
  const LbRunbookTemplateStep *steps;
  guint                        n_steps;
} LbRunbookTemplate;

/* The built-in template of @kind; NULL for an unknown kind. */
const LbRunbookTemplate *lb_runbook_builtin             (LbRehearsalKind   kind);
/* The built-in template of @kind as LbRunbookStep records (translated, id 0). */
GPtrArray               *lb_runbook_builtin_steps       (LbRehearsalKind   kind);
/* The runbook of @kind as LbRunbookStep records in order: the edited one from the store,
 * or the built-in one (translated, records with id 0). @edited: (out) (optional). */
GPtrArray               *lb_runbook_load                (LbStore          *store,
                                                         LbRehearsalKind   kind,
                                                         gboolean         *edited,
                                                         GError          **error);
/* Makes @kind's runbook editable: copies the built-in steps into the store unless it holds
 * an edited runbook of @kind already. */
gboolean                 lb_runbook_edit                (LbStore          *store,
                                                         LbRehearsalKind   kind,
                                                         GError          **error);
/* Back to the built-in template: deletes the edited steps of @kind. */
gboolean                 lb_runbook_reset               (LbStore          *store,
                                                         LbRehearsalKind   kind,
                                                         GError          **error);
/* Adds a step at the end of @kind's runbook (made editable first); @step's kind and
 * position are set. */
gboolean                 lb_runbook_append              (LbStore          *store,
                                                         LbRunbookStep    *step,
                                                         GError          **error);
/* Moves a step @delta places (negative: earlier) within its kind's runbook. */
gboolean                 lb_runbook_move                (LbStore          *store,
                                                         gint64            step_id,
                                                         int               delta,
                                                         GError          **error);
/* New LbRehearsalStep records (positions 1, 2, …, pending, with names, notes and roles
 * of @runbook's steps) for the rehearsal @rehearsal_id (may be 0 for now). */
GPtrArray               *lb_runbook_instantiate         (GPtrArray        *runbook,
                                                         gint64            rehearsal_id);
/* Inserts the steps of the runbook of the rehearsal's kind, all or none. */
gboolean                 lb_rehearsal_add_runbook_steps (LbStore          *store,
                                                         gint64            rehearsal_id,
                                                         GError          **error);

G_END_DECLS
