/* lb-readiness-gate.h: is a link production-ready? The verdict over its readiness items.
 *
 * A project is production-ready only when each of the five production-readiness controls
 * (LbControl) has an item and that item is clear, and no technical prerequisite is
 * blocked. Prerequisites that are unknown or in progress do not hold the gate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../model/lb-records.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

#define LB_N_CONTROLS 5

typedef enum
{
  LB_READINESS_GAP_CONTROL_MISSING,     /* no item names this control */
  LB_READINESS_GAP_CONTROL_NOT_CLEAR,   /* the control's item is unknown, in progress or blocked */
  LB_READINESS_GAP_PREREQUISITE_BLOCKED,
} LbReadinessGapKind;

typedef struct
{
  LbReadinessGapKind kind;
  int                control; /* LbControl; LB_UNSET_ENUM for prerequisites */
  int                status;  /* LbReadinessStatus; LB_UNSET_ENUM when the control is missing */
  gint64             item_id; /* 0 when the control is missing */
  char              *title;   /* the item's title; NULL when the control is missing */
  char              *phrase;  /* for people: "rollback evidence is in progress" */
} LbReadinessGap;

typedef struct
{
  gboolean   production_ready;
  guint      n_controls_clear;        /* 0 to LB_N_CONTROLS */
  guint      n_prerequisites;
  guint      n_prerequisites_blocked;
  GPtrArray *gaps;                    /* LbReadinessGap: controls in LbControl order, then
                                       * blocked prerequisites in the items' order */
  char      *summary;                 /* one sentence for people */
} LbReadinessVerdict;

/* @items: LbReadinessItem records of one project (e.g. from lb_store_list()), in display
 * order. When two items name the same control (the store refuses that; an import might
 * not), the less advanced status counts. */
LbReadinessVerdict *lb_readiness_gate_evaluate         (GPtrArray           *items);
/* Loads the project's items; LB_ERROR_NOT_FOUND when there is no such project. */
LbReadinessVerdict *lb_readiness_gate_evaluate_project (LbStore             *store,
                                                        gint64               project_id,
                                                        GError             **error);
void                lb_readiness_verdict_free          (LbReadinessVerdict  *verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbReadinessVerdict, lb_readiness_verdict_free)

G_END_DECLS
