/* lb-core.h: umbrella header of the GTK-free Linkbench core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define LB_CORE_INSIDE

#include "model/lb-error.h"
#include "model/lb-evidence-content.h"
#include "model/lb-record.h"
#include "model/lb-records.h"
#include "model/lb-time.h"
#include "net/lb-http.h"
#include "net/lb-http-pages.h"
#include "store/lb-store.h"
#include "store/lb-lag-writer.h"
#include "demo/lb-demo.h"
#include "lag/lb-lag-csv.h"
#include "lag/lb-lag-markers.h"
#include "lag/lb-lag-series.h"
#include "lag/lb-lag-stats.h"
#include "render/lb-lag-chart.h"
#include "render/lb-time-axis.h"
#include "workbench/lb-readiness-gate.h"
#include "workbench/lb-capacity.h"
#include "workbench/lb-positions.h"
#include "workbench/lb-rehearsal-metrics.h"
#include "workbench/lb-runbook.h"
#include "workbench/lb-cost-summary.h"
#include "workbench/lb-cost-tags.h"
#include "workbench/lb-risk-score.h"
#include "workbench/lb-portfolio.h"
#include "workbench/lb-waves.h"
#include "render/lb-report-charts.h"
#include "azure/lb-azure-document.h"
#include "azure/lb-azure-import.h"
#include "azure/lb-azure-state.h"
#include "azure/lb-drift.h"
#include "azure/lb-drift-check.h"
#include "azure/lb-azure-token.h"
#include "azure/lb-arm-sync.h"
#include "report/lb-go-no-go.h"
#include "report/lb-report-data.h"
#include "report/lb-report-table.h"
#include "report/lb-report.h"

#undef LB_CORE_INSIDE
