/* lb-azure-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-azure-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-azure-import.h"
#include "../model/lb-error.h"
#include "../model/lb-evidence-content.h"
#include "../model/lb-record.h"
#include "../model/lb-time.h"

LbEvidence *
lb_azure_import_prepare (gint64       project_id,
                         GBytes      *content,
                         const char  *name,
                         gint64       captured_at,
                         GError     **error)
{
  g_autoptr(LbAzureDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  gconstpointer data;
  gsize length;
  LbEvidence *evidence;

  g_return_val_if_fail (content != NULL && name != NULL, NULL);

  data = g_bytes_get_data (content, &length);
  if ((document = lb_azure_document_parse (data, length, &local_error)) == NULL)
    {
      /* TRANSLATORS: "link.json: not JSON: …" */
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("%s: %s"), name, local_error->message);
      return NULL;
    }
  evidence = lb_record_new (&lb_evidence_kind);
  evidence->project_id = project_id;
  evidence->kind = document->from_arm ? LB_EVIDENCE_ARM_JSON : LB_EVIDENCE_AZ_CLI_JSON;
  /* TRANSLATORS: an evidence title, "az sql mi link show (link.json)" */
  evidence->title = g_strdup_printf (_("%s (%s)"), lb_azure_document_kind_label (document), name);
  g_free (evidence->media_type);
  evidence->media_type = g_strdup ("application/json");
  evidence->content = g_bytes_ref (content);
  evidence->captured_at = captured_at;
  /* TRANSLATORS: the source of imported evidence, "imported from link.json" */
  evidence->source = g_strdup_printf (_("imported from %s"), name);
  return evidence;
}

GPtrArray *
lb_azure_import_read (gint64         project_id,
                      GPtrArray     *files,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GPtrArray) prepared = lb_record_array_new ();
  gint64 now = lb_time_now_ms ();

  g_return_val_if_fail (files != NULL, NULL);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GBytes) content = lb_evidence_read_file (files->pdata[i], &name, NULL, cancellable, error);
      LbEvidence *evidence;

      if (content == NULL)
        return NULL;
      if ((evidence = lb_azure_import_prepare (project_id, content, name, now, error)) == NULL)
        return NULL;
      g_free (evidence->source);
      evidence->source = g_file_get_parse_name (files->pdata[i]);
      g_ptr_array_add (prepared, evidence);
    }
  return g_steal_pointer (&prepared);
}

typedef struct
{
  gint64     project_id;
  GPtrArray *files;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_ptr_array_unref (job->files);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  GError *error = NULL;
  GPtrArray *prepared = lb_azure_import_read (job->project_id, job->files, cancellable, &error);

  if (prepared == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, prepared, (GDestroyNotify) g_ptr_array_unref);
}

void
lb_azure_import_read_async (gint64               project_id,
                            GPtrArray           *files,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ReadJob *job = g_new0 (ReadJob, 1);

  g_return_if_fail (files != NULL);

  job->project_id = project_id;
  /* GFiles are thread-safe; the array is the job's own so the caller's may change. */
  job->files = g_ptr_array_new_full (files->len, g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (job->files, g_object_ref (files->pdata[i]));
  g_task_set_source_tag (task, lb_azure_import_read_async);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_thread);
}

GPtrArray *
lb_azure_import_read_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
lb_azure_import_store (LbStore    *store,
                       GPtrArray  *prepared,
                       GError    **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail (prepared != NULL, FALSE);

  if (!lb_store_begin_transaction (store, error))
    return FALSE;
  for (guint i = 0; i < prepared->len; i++)
    if (!lb_store_insert (store, prepared->pdata[i], error))
      {
        lb_store_rollback_transaction (store);
        return FALSE;
      }
  return lb_store_commit_transaction (store, error); /* rolls back itself on failure */
}

gboolean
lb_azure_import_files (LbStore       *store,
                       gint64         project_id,
                       GPtrArray     *files,
                       GPtrArray    **imported,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GPtrArray) prepared = NULL;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);

  /* Every file is read and recognised before anything is written. */
  if ((prepared = lb_azure_import_read (project_id, files, cancellable, error)) == NULL ||
      !lb_azure_import_store (store, prepared, error))
    return FALSE;
  if (imported != NULL)
    *imported = g_steal_pointer (&prepared);
  return TRUE;
}
