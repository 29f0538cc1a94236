/* lb-report.c: loading a report and handing it to the writer of its format, in the
 * calling thread or on a worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-report.h"

static const LbEnumValue lb_report_format_values[] = {
  { "pdf", N_("PDF") },
  { "html", N_("HTML") },
  { "csv", N_("CSV (a folder of tables)") },
  { "json", N_("JSON") },
};
const LbEnumInfo lb_report_format_enum = { "lb_report_format_enum", lb_report_format_values,
                                           G_N_ELEMENTS (lb_report_format_values) };

typedef gboolean (*WriteFunc) (const LbProjectReport   *project,
                               const LbPortfolioReport *portfolio,
                               const LbReportOptions   *options,
                               const char              *path,
                               GCancellable            *cancellable,
                               GError                 **error);

static const WriteFunc writers[] = {
  [LB_REPORT_FORMAT_PDF] = lb_report_write_pdf,
  [LB_REPORT_FORMAT_HTML] = lb_report_write_html,
  [LB_REPORT_FORMAT_CSV] = lb_report_write_csv,
  [LB_REPORT_FORMAT_JSON] = lb_report_write_json,
};

gboolean
lb_report_write (const LbProjectReport   *project,
                 const LbPortfolioReport *portfolio,
                 LbReportFormat           format,
                 const LbReportOptions   *options,
                 const char              *path,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (writers), FALSE);
  g_return_val_if_fail ((project == NULL) != (portfolio == NULL), FALSE);

  return writers[format] (project, portfolio, options, path, cancellable, error);
}

gboolean
lb_report_export (LbStore               *store,
                  gint64                 project_id,
                  LbReportFormat         format,
                  const LbReportOptions *options,
                  const char            *path,
                  LbReportProgressFunc   progress,
                  gpointer               progress_data,
                  GCancellable          *cancellable,
                  GError               **error)
{
  g_autoptr(LbProjectReport) project = NULL;
  g_autoptr(LbPortfolioReport) portfolio = NULL;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (writers), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (project_id != 0)
    {
      if ((project = lb_project_report_load (store, project_id, options, cancellable, error)) == NULL)
        return FALSE;
      if (progress != NULL)
        progress (1, 1, progress_data);
    }
  else if ((portfolio = lb_portfolio_report_load (store, options, progress, progress_data, cancellable, error)) == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return lb_report_write (project, portfolio, format, options, path, cancellable, error);
}

/* ---- on a worker ------------------------------------------------------------------------- */

typedef struct
{
  char                *db_path;
  gint64               project_id;
  LbReportFormat       format;
  LbReportOptions      options;
  char                *path;
  LbReportProgressFunc progress;
  gpointer             progress_data;
  GMainContext        *context;
} ExportJob;

typedef struct
{
  LbReportProgressFunc progress;
  gpointer             progress_data;
  guint                done, total;
} ProgressCall;

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  lb_report_options_clear (&job->options);
  g_free (job->path);
  g_main_context_unref (job->context);
  g_free (job);
}

static gboolean
deliver_progress (gpointer data)
{
  ProgressCall *call = data;

  call->progress (call->done, call->total, call->progress_data);
  return G_SOURCE_REMOVE;
}

/* Runs on the worker: the caller's callback runs on the caller's main context. */
static void
forward_progress (guint    done,
                  guint    total,
                  gpointer user_data)
{
  ExportJob *job = user_data;
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->progress = job->progress;
  call->progress_data = job->progress_data;
  call->done = done;
  call->total = total;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, deliver_progress, call, g_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(LbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if ((store = lb_store_open (job->db_path, &error)) == NULL ||
      !lb_report_export (store, job->project_id, job->format, &job->options, job->path,
                         job->progress != NULL ? forward_progress : NULL, job, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
lb_report_export_async (const char            *db_path,
                        gint64                 project_id,
                        LbReportFormat         format,
                        const LbReportOptions *options,
                        const char            *path,
                        LbReportProgressFunc   progress,
                        gpointer               progress_data,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportJob *job = g_new0 (ExportJob, 1);

  g_return_if_fail (db_path != NULL && path != NULL && options != NULL);

  job->db_path = g_strdup (db_path);
  job->project_id = project_id;
  job->format = format;
  job->options = *options;
  job->options.organisation = g_strdup (options->organisation);
  job->options.author = g_strdup (options->author);
  job->path = g_strdup (path);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, lb_report_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
lb_report_export_finish (GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
