/* lb-drift-group.h: the overview's "Design Drift" group — the latest drift check of the
 * project with each difference, "Check Now", and the import of Azure's state (az or ARM
 * JSON) by file chooser or by dropping files on the group.
 *
 * Signals: "add-toast" (AdwToast *) after an import or a check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_DRIFT_GROUP (lb_drift_group_get_type ())

G_DECLARE_FINAL_TYPE (LbDriftGroup, lb_drift_group, LB, DRIFT_GROUP, AdwPreferencesGroup)

GtkWidget  *lb_drift_group_new            (void);
void        lb_drift_group_set_store      (LbDriftGroup *self,
                                           LbStore      *store);
void        lb_drift_group_set_project_id (LbDriftGroup *self,
                                           gint64        project_id);
/* Re-reads the latest check (the project page calls it when the store changes). */
void        lb_drift_group_refresh        (LbDriftGroup *self);
/* Runs a check on a worker and stores it. */
void        lb_drift_group_check          (LbDriftGroup *self);
/* Reads the project's target from Azure Resource Manager (the arm-base-url setting) with a
 * token from the Azure CLI, on a worker; the state is kept as evidence, then checked. */
void        lb_drift_group_refresh_from_azure (LbDriftGroup *self);
/* Reads @files (GFile) on a worker and stores them as evidence, all or none. */
void        lb_drift_group_import_files   (LbDriftGroup *self,
                                           GPtrArray    *files);
/* "no-design", "unchecked", "none", "found", "incomplete" or "busy". */
const char *lb_drift_group_get_state      (LbDriftGroup *self);
/* The difference and not-checked rows shown. */
guint       lb_drift_group_get_n_rows     (LbDriftGroup *self);
/* The last import's or check's error, or NULL. */
const char *lb_drift_group_get_error      (LbDriftGroup *self);

G_END_DECLS
