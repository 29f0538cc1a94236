/* lb-report.h: the executive cutover report, per project or per portfolio, as PDF, HTML,
 * CSV (a folder of files, one per table) or JSON.
 *
 * Every output is written under a temporary name and renamed into place, so a cancelled
 * or failed export never leaves a half-written file behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-report-data.h"
#include "lb-report-table.h"

G_BEGIN_DECLS

typedef enum
{
  LB_REPORT_FORMAT_PDF,
  LB_REPORT_FORMAT_HTML,
  LB_REPORT_FORMAT_CSV,
  LB_REPORT_FORMAT_JSON,
} LbReportFormat;

extern const LbEnumInfo lb_report_format_enum; /* nicks pdf, html, csv, json */

/* The tables of a project, in report order: rules, rehearsals, rehearsal_steps,
 * lag_statistics, capacity, costs, cost_summary, risks, readiness, approvals, evidence.
 * (transfer full): LbReportTable. */
GPtrArray *lb_report_tables_for_project   (const LbProjectReport   *report);
/* "projects" (one row per project: wave, verdict, rehearsal, lag, risks, cost), then each
 * project table above with a leading "project" column. */
GPtrArray *lb_report_tables_for_portfolio (const LbPortfolioReport *report);

/* The writers. @report is a LbProjectReport when @portfolio is NULL. */
gboolean   lb_report_write_pdf   (const LbProjectReport   *project,
                                  const LbPortfolioReport *portfolio,
                                  const LbReportOptions   *options,
                                  const char              *path,
                                  GCancellable            *cancellable,
                                  GError                 **error);
gboolean   lb_report_write_html  (const LbProjectReport   *project,
                                  const LbPortfolioReport *portfolio,
                                  const LbReportOptions   *options,
                                  const char              *path,
                                  GCancellable            *cancellable,
                                  GError                 **error);
/* @path is a folder (created if missing); one NAME.csv per table. */
gboolean   lb_report_write_csv   (const LbProjectReport   *project,
                                  const LbPortfolioReport *portfolio,
                                  const LbReportOptions   *options,
                                  const char              *path,
                                  GCancellable            *cancellable,
                                  GError                 **error);
gboolean   lb_report_write_json  (const LbProjectReport   *project,
                                  const LbPortfolioReport *portfolio,
                                  const LbReportOptions   *options,
                                  const char              *path,
                                  GCancellable            *cancellable,
                                  GError                 **error);

/* The writer of @format. */
gboolean   lb_report_write       (const LbProjectReport   *project,
                                  const LbPortfolioReport *portfolio,
                                  LbReportFormat           format,
                                  const LbReportOptions   *options,
                                  const char              *path,
                                  GCancellable            *cancellable,
                                  GError                 **error);

/* Loads and writes in one go: project @project_id, or the portfolio when it is 0 (then
 * @options->wave_id may narrow it to one wave). @progress may be NULL. */
gboolean   lb_report_export      (LbStore                 *store,
                                  gint64                   project_id,
                                  LbReportFormat           format,
                                  const LbReportOptions   *options,
                                  const char              *path,
                                  LbReportProgressFunc     progress,
                                  gpointer                 progress_data,
                                  GCancellable            *cancellable,
                                  GError                 **error);

/* The same on a worker thread with a store of its own opened on @db_path, so the GUI's
 * main loop never waits; @progress is called on the caller's main context. */
void       lb_report_export_async  (const char             *db_path,
                                    gint64                  project_id,
                                    LbReportFormat          format,
                                    const LbReportOptions  *options,
                                    const char             *path,
                                    LbReportProgressFunc    progress,
                                    gpointer                progress_data,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data);
gboolean   lb_report_export_finish (GAsyncResult           *result,
                                    GError                **error);

G_END_DECLS
