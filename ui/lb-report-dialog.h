/* lb-report-dialog.h: "Export Report…" — the executive cutover report of one project or
 * of the portfolio, as PDF, HTML, a folder of CSV files or JSON, written on a worker
 * thread with progress and a Cancel button.
 *
 * Signals: "exported" (const char *path) after a report was written; the dialog then
 * closes, and the window offers to open the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_REPORT_DIALOG (lb_report_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LbReportDialog, lb_report_dialog, LB, REPORT_DIALOG, AdwWindow)

/* The lag chart's window, up to each project's newest sample. */
typedef enum
{
  LB_REPORT_WINDOW_DAY,
  LB_REPORT_WINDOW_WEEK,
  LB_REPORT_WINDOW_MONTH,
  LB_REPORT_WINDOW_ALL,
} LbReportLagWindow;

/* @store: the window's store, read for names, dates and waves; the export opens a store of
 * its own on the same file on a worker thread. @project_id: the project, or 0 for the
 * portfolio. */
LbReportDialog *lb_report_dialog_new                (GtkWindow         *parent,
                                                     LbStore           *store,
                                                     gint64             project_id);
gint64          lb_report_dialog_get_project_id     (LbReportDialog    *self);
LbReportFormat  lb_report_dialog_get_format         (LbReportDialog    *self);
void            lb_report_dialog_set_format         (LbReportDialog    *self,
                                                     LbReportFormat     format);
void            lb_report_dialog_set_lag_window     (LbReportDialog    *self,
                                                     LbReportLagWindow  window);
/* Portfolio only: 0 for every wave. */
void            lb_report_dialog_set_wave_id        (LbReportDialog    *self,
                                                     gint64             wave_id);
/* The cutover date as typed ("2026-11-29" or "2026-11-29 14:05", local time); empty: each
 * project's planned cutover. */
void            lb_report_dialog_set_cutover_text   (LbReportDialog    *self,
                                                     const char        *text);
/* "Plant ERP — cutover report.pdf" (no extension for the CSV folder). */
char           *lb_report_dialog_get_suggested_name (LbReportDialog    *self);
/* Fills @options (initialized by the caller with lb_report_options_init()) from the
 * controls and the preferences. FALSE with an error when the cutover date is not a date. */
gboolean        lb_report_dialog_fill_options       (LbReportDialog    *self,
                                                     LbReportOptions   *options,
                                                     GError           **error);

/* Asks for the output with a native file chooser, then exports. */
void            lb_report_dialog_choose_and_export  (LbReportDialog    *self);
/* Exports to @path (a file, or for CSV the folder to create) without asking; what the
 * file chooser's answer calls. */
void            lb_report_dialog_export_to          (LbReportDialog    *self,
                                                     const char        *path);
/* Cancels a running export; the dialog stays open. */
void            lb_report_dialog_cancel             (LbReportDialog    *self);

/* "idle", "running", "done", "cancelled" or "failed". */
const char     *lb_report_dialog_get_state          (LbReportDialog    *self);
/* The text under the progress bar ("Reading project 3 of 8", "Writing the PDF…"). */
const char     *lb_report_dialog_get_progress_text  (LbReportDialog    *self);
/* The output of the last successful export, or NULL. */
const char     *lb_report_dialog_get_output_path    (LbReportDialog    *self);
/* The error of the last failed export, or NULL. */
const GError   *lb_report_dialog_get_error          (LbReportDialog    *self);

G_END_DECLS
