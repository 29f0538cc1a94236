/* lb-readiness-page.h: the readiness items of a project — the record list plus the link
 * prerequisite checks (Run Checks against the SQL Server side, with progress and Cancel)
 * and, per item, the evidence linked to it.
 *
 * Actions (prefix "readiness."): run-checks, cancel-checks, show-evidence (x: item id).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-record-list-page.h"

G_BEGIN_DECLS

#define LB_TYPE_READINESS_PAGE (lb_readiness_page_get_type ())

G_DECLARE_FINAL_TYPE (LbReadinessPage, lb_readiness_page, LB, READINESS_PAGE, LbRecordListPage)

GtkWidget  *lb_readiness_page_new             (void);
/* TRUE while the checks of the project shown run. */
gboolean    lb_readiness_page_get_checking    (LbReadinessPage *self);
/* What the bar says about the checks of the project shown ("10 checks: 6 passed, …"). */
const char *lb_readiness_page_get_probe_status (LbReadinessPage *self);
/* Opens the evidence linked to readiness item @item_id. */
GtkWindow  *lb_readiness_page_show_evidence   (LbReadinessPage *self,
                                               gint64           item_id);

G_END_DECLS
