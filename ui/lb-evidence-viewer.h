/* lb-evidence-viewer.h: the evidence linked to one readiness item, newest first — what a
 * probe queried and what the server answered, laid out as text tables, or a text file as
 * it was captured.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_EVIDENCE_VIEWER (lb_evidence_viewer_get_type ())

G_DECLARE_FINAL_TYPE (LbEvidenceViewer, lb_evidence_viewer, LB, EVIDENCE_VIEWER, AdwWindow)

LbEvidenceViewer *lb_evidence_viewer_new            (GtkWindow        *parent,
                                                     LbStore          *store,
                                                     gint64            readiness_id);
guint             lb_evidence_viewer_get_n_evidence (LbEvidenceViewer *self);
/* Shows the evidence at @position (0: the newest). */
void              lb_evidence_viewer_select         (LbEvidenceViewer *self,
                                                     guint             position);
/* The text shown; NULL while it is being read. */
const char       *lb_evidence_viewer_get_text       (LbEvidenceViewer *self);

/* @evidence with its content, as the viewer lays it out (for tests). */
char             *lb_evidence_viewer_render         (const LbEvidence *evidence);

G_END_DECLS
