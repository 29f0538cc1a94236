/* lb-lag-markers.h: what the lag chart marks on its time axis for a project — each
 * rehearsal (from its start to its end, labelled with its title), the steps that stopped
 * the workload, validated the applications or failed over, and the planned cutover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../render/lb-lag-chart.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

/* (transfer full): an array of LbChartMarker by time, owning their labels. */
GArray *lb_lag_markers_load (LbStore  *store,
                             gint64    project_id,
                             GError  **error);

G_END_DECLS
