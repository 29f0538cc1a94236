/* lb-lag-page.h: a project's replication lag — the chart with range presets, queue and
 * log-scale switches and export, and the statistics of the window in view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"
#include "lb-lag-chart-view.h"

G_BEGIN_DECLS

#define LB_TYPE_LAG_PAGE (lb_lag_page_get_type ())

G_DECLARE_FINAL_TYPE (LbLagPage, lb_lag_page, LB, LAG_PAGE, GtkWidget)

GtkWidget      *lb_lag_page_new            (void);
void            lb_lag_page_set_store      (LbLagPage  *self,
                                            LbStore    *store);
void            lb_lag_page_set_project_id (LbLagPage  *self,
                                            gint64      project_id);
/* "loading", "empty", "error" or "chart". */
const char     *lb_lag_page_get_state      (LbLagPage  *self);
LbLagChartView *lb_lag_page_get_chart      (LbLagPage  *self);
/* The statistics shown, for the window in view; NULL before the first are computed. */
const LbLagStats *lb_lag_page_get_stats    (LbLagPage  *self);
/* Writes the chart in view to @path (PNG, SVG or PDF by extension). */
gboolean        lb_lag_page_export         (LbLagPage  *self,
                                            const char *path,
                                            GError    **error);

/* The window's samplers (nullable): Start/Stop Sampling and the status line follow the
 * sampler of the project in view. */
void            lb_lag_page_set_samplers   (LbLagPage  *self,
                                            LbSamplers *samplers);
/* What the sampling bar says, or NULL. */
const char     *lb_lag_page_get_sampling_status (LbLagPage *self);

/* Adds the samples of a CSV file (lb_lag_csv_import()) on a worker; rows it could not read
 * are shown in a dialog, the result in a toast ("add-toast"). */
void            lb_lag_page_import_csv     (LbLagPage  *self,
                                            GFile      *file);
gboolean        lb_lag_page_get_importing  (LbLagPage  *self);
/* The report of the last finished import, or NULL. */
const LbLagCsvReport *lb_lag_page_get_last_import (LbLagPage *self);

G_END_DECLS
