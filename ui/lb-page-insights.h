/* lb-page-insights.h: what a record page shows beyond its rows, from the core's rules —
 * the readiness gate's verdict, a capacity test's findings, the cost summary and the
 * risk heat map.
 *
 * Presentation only: every figure and sentence comes from app/core/workbench.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"

G_BEGIN_DECLS

/* A heat-map cell a risk list is narrowed to; 0 and 0 for none. */
typedef struct
{
  int likelihood;
  int impact;
} LbRiskCell;

/* Called with the page (@cell_data, a GObject, weakly held) when a heat-map cell is
 * clicked; the same cell again, or "Show All Risks": likelihood and impact 0. */
typedef void (*LbRiskCellFunc) (gpointer user_data,
                                int      likelihood,
                                int      impact);

/* The widget shown above a page's groups for records of @kind, or NULL when the kind has
 * none. @records: the project's records of @kind; @project: nullable. @cell: the risk
 * list's current cell filter; @cell_func is called (from an idle) when one is clicked. */
GtkWidget *lb_page_insights_new_header   (const LbRecordKind *kind,
                                          LbStore            *store,
                                          const LbProject    *project,
                                          GPtrArray          *records,
                                          const LbRiskCell   *cell,
                                          LbRiskCellFunc      cell_func,
                                          gpointer            cell_data);

/* Whether rows of @kind are expander rows listing lb_page_insights_add_rows(). */
gboolean   lb_page_insights_expands      (const LbRecordKind *kind);
/* Adds the record's detail rows (a capacity test's findings) to @row. */
void       lb_page_insights_add_rows     (AdwExpanderRow     *row,
                                          gconstpointer       record);

/* Whether @risk is in @cell (not closed, same likelihood and impact). */
gboolean   lb_page_insights_risk_in_cell (const LbRisk       *risk,
                                          const LbRiskCell   *cell);

/* "36 MiB/s cap, 14 % over", "36 MiB/s cap, 22 % headroom"; NULL without a limit. */
char      *lb_page_insights_headroom_text (const LbCapacityFinding *finding);

G_END_DECLS
