/* lb-drill-panel.h: drill mode — a rehearsal in progress, logged step by step.
 *
 * The panel shows the drill's runbook steps in order, each with its button: "Start" on
 * the next pending step, "Finish" (or "Failed", "Skip") on the running one. Every click
 * is written to the store at once (the rules of linkbench-cli rehearsal step start|finish),
 * so a drill survives a closed window. A clock shows the time since the drill started
 * and the downtime so far against the target; "Finish Drill" asks for the outcome and
 * data loss and records the downtime measured from the steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_DRILL_PANEL (lb_drill_panel_get_type ())

G_DECLARE_FINAL_TYPE (LbDrillPanel, lb_drill_panel, LB, DRILL_PANEL, GtkWidget)

GtkWidget *lb_drill_panel_new               (LbStore      *store,
                                             gint64        rehearsal_id);
gint64     lb_drill_panel_get_rehearsal_id  (LbDrillPanel *self);
/* The steps shown, and the button of step @index (0-based, in runbook order): "Start",
 * "Finish" or NULL when the step has none. */
guint      lb_drill_panel_get_n_steps       (LbDrillPanel *self);
GtkWidget *lb_drill_panel_get_step_button   (LbDrillPanel *self,
                                             guint         index);
/* The outcome (LbStepOutcome) of step @index as shown. */
int        lb_drill_panel_get_step_outcome  (LbDrillPanel *self,
                                             guint         index);
/* The index of the step that "Start" would start, or -1. */
int        lb_drill_panel_get_next_step     (LbDrillPanel *self);
/* The clock's text, and whether the downtime so far is over the target. */
const char *lb_drill_panel_get_clock_text   (LbDrillPanel *self);
gboolean   lb_drill_panel_get_over_target   (LbDrillPanel *self);
/* Finishes the running step with @outcome (done, failed or skipped); a pending next step
 * may be skipped. What the step's secondary buttons do. */
gboolean   lb_drill_panel_finish_step       (LbDrillPanel *self,
                                             int           outcome);
/* Opens the "Finish Drill" dialog (an AdwMessageDialog, response "finish"). */
GtkWidget *lb_drill_panel_ask_finish        (LbDrillPanel *self);

/* The "Start Drill" dialog (response "start"): kind and title; starting inserts the
 * rehearsal (in progress) and its runbook in one transaction. */
GtkWidget *lb_drill_start_dialog_new        (GtkWindow    *parent,
                                             LbStore      *store,
                                             gint64        project_id);
/* Its kind row (AdwComboRow) and title row (AdwEntryRow), for tests. */
GtkWidget *lb_drill_start_dialog_get_kind_row  (GtkWidget *dialog);
GtkWidget *lb_drill_start_dialog_get_title_row (GtkWidget *dialog);
/* In the "Finish Drill" dialog: the outcome row (AdwComboRow: success, partial, failed,
 * aborted) and the data loss switch (GtkSwitch). */
GtkWidget *lb_drill_finish_dialog_get_outcome_row (GtkWidget *dialog);
GtkWidget *lb_drill_finish_dialog_get_data_loss   (GtkWidget *dialog);

G_END_DECLS
