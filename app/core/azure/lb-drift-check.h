/* lb-drift-check.h: runs a drift check of a project — its newest approved design against
 * the newest link and instance state among its evidence — and keeps the result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-drift.h"
#include "../model/lb-records.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

/* Compares and returns the LbDriftCheck, not stored. The state is the newest evidence of
 * kind az CLI JSON or ARM JSON that holds the design's link, and the newest that holds a
 * managed instance; evidence of other shapes is passed over. LB_ERROR_NOT_FOUND when the
 * project has no design baseline. Reads evidence content: blocking. */
LbDriftCheck *lb_drift_check_compute (LbStore  *store,
                                      gint64    project_id,
                                      gint64    now,
                                      GError  **error);
/* The same on a worker thread with a store of its own opened on @db_path. */
void          lb_drift_check_compute_async  (const char          *db_path,
                                             gint64               project_id,
                                             gint64               now,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
LbDriftCheck *lb_drift_check_compute_finish (GAsyncResult        *result,
                                             GError             **error);
/* Computes and stores the check (with its audit entry). */
LbDriftCheck *lb_drift_check_run    (LbStore  *store,
                                     gint64    project_id,
                                     gint64    now,
                                     GError  **error);
/* The newest check that compared the project's newest design; NULL without an error
 * when there is none (never checked, or the design changed since). */
LbDriftCheck *lb_drift_check_latest (LbStore  *store,
                                     gint64    project_id,
                                     GError  **error);

/* Records the project's approved design from the newest link and instance state among its
 * evidence (its link: the one named by the project, else the only one), approved by
 * @approved_by at @now. Fails when the evidence holds neither. Returns the new baseline. */
LbDesignBaseline *lb_drift_design_record (LbStore    *store,
                                          gint64      project_id,
                                          const char *approved_by,
                                          const char *notes,
                                          gint64      now,
                                          GError    **error);

G_END_DECLS
