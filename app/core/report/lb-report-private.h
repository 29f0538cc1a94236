/* lb-report-private.h: what the report's tables and its writers share — formatting for
 * people and the tones that colour a verdict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../render/lb-report-charts.h"
#include "lb-report.h"

G_BEGIN_DECLS

/* "EUR 12,345.67" */
/* Local time, or "not set". */
char                      *lb_report_format_time     (gint64                 ms);
/* A field of @record as people read it ("" when unset). */
char                      *lb_report_display_field   (gconstpointer          record,
                                                      const LbRecordKind    *kind,
                                                      const char            *name);
int                        lb_report_verdict_tone    (LbGoNoGoVerdict        verdict);
int                        lb_report_rule_tone       (LbRuleStatus           status);
/* The newest rehearsal that ran and its downtime; NULL (and *@rehearsal NULL) when none. */
const LbRehearsalDowntime *lb_report_latest_downtime (const LbProjectReport *report,
                                                      const LbRehearsal    **rehearsal);
/* One row per project: all of them with a wave column (@all), or those of wave @wave_id. */
LbReportTable             *lb_report_projects_table  (const LbPortfolioReport *portfolio,
                                                      gint64                 wave_id,
                                                      gboolean               all);

/* The tables of a project or a portfolio, whichever is set. */
GPtrArray                 *lb_report_tables_for      (const LbProjectReport   *project,
                                                      const LbPortfolioReport *portfolio);
/* A cell's machine value as CSV text: numbers unformatted, null empty. */
char                      *lb_report_cell_value_text (const LbReportCell    *cell);

/* The report's charts, for lb_render_to_svg() and the PDF's pages: @data is the
 * LbProjectReport (lag), the LbReportDowntimeData (downtime) or the LbRiskHeatMap. */
typedef struct
{
  LbDowntimePoint *points;
  char           **labels;
  guint            n;
} LbReportDowntimeData;

void lb_report_downtime_data_init  (LbReportDowntimeData  *data,
                                    const LbProjectReport *report);
void lb_report_downtime_data_clear (LbReportDowntimeData  *data);
void lb_report_draw_downtime       (cairo_t               *cr,
                                    double                 width,
                                    double                 height,
                                    gconstpointer          data);
void lb_report_draw_lag            (cairo_t               *cr,
                                    double                 width,
                                    double                 height,
                                    gconstpointer          data);
void lb_report_draw_heat_map       (cairo_t               *cr,
                                    double                 width,
                                    double                 height,
                                    gconstpointer          data);

G_END_DECLS
