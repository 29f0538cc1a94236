/* lb-drift-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-drift-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-azure-state.h"
#include "lb-drift-check.h"
#include "../model/lb-error.h"
#include "../model/lb-records.h"

/* The newest design of the project (designs list oldest first). */
static LbDesignBaseline *
newest_design (LbStore *store,
               gint64   project_id,
               GError **error)
{
  g_autoptr(GPtrArray) designs = lb_store_list_for_project (store, &lb_design_baseline_kind, project_id, error);

  if (designs == NULL)
    return NULL;
  if (designs->len == 0)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_NOT_FOUND,
                           _("No approved design is recorded for the project, so there is nothing to compare "
                             "its link with. Record the design first."));
      return NULL;
    }
  return g_ptr_array_steal_index (designs, designs->len - 1);
}

static JsonObject *
parse_design (const LbDesignBaseline *design,
              JsonParser             *parser,
              GError                **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!json_parser_load_from_data (parser, design->design_json, -1, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("The approved design is not a JSON object: %s"),
                   local_error != NULL ? local_error->message : _("another JSON value"));
      return NULL;
    }
  return json_node_get_object (json_parser_get_root (parser));
}

/* The design's link: the one with its link name or database. */
static const LbLinkState *
pick_design_link (const LbAzureDocument *document,
                  gpointer               design)
{
  return lb_drift_find_link (design, document);
}

LbDriftCheck *
lb_drift_check_compute (LbStore  *store,
                        gint64    project_id,
                        gint64    now,
                        GError  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LbDriftResult) result = NULL;
  g_autoptr(JsonNode) result_json = NULL;
  LbAzureState state = { 0 };
  LbDesignBaseline *design;
  LbDriftCheck *check = NULL;
  JsonObject *design_object;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  if ((design = newest_design (store, project_id, error)) == NULL)
    return NULL;
  if ((design_object = parse_design (design, parser, error)) != NULL &&
      lb_azure_state_find (store, project_id, pick_design_link, design_object, &state, error))
    {
      result = lb_drift_compare (design_object, state.link,
                                 state.instance_document != NULL ? state.instance_document->instance : NULL, now);
      result_json = lb_drift_result_to_json (result);

      check = lb_record_new (&lb_drift_check_kind);
      check->project_id = project_id;
      check->checked_at = now;
      check->baseline_id = design->id;
      check->link_evidence_id = state.link_evidence_id;
      check->instance_evidence_id = state.instance_evidence_id;
      check->outcome = lb_drift_result_outcome (result);
      check->n_critical = result->n_critical;
      check->n_warning = result->n_warning;
      check->n_info = result->n_info;
      check->summary = lb_drift_result_summary (result);
      check->result_json = json_to_string (result_json, FALSE);
    }
  lb_azure_state_clear (&state);
  lb_record_free (design);
  return check;
}

typedef struct
{
  char   *db_path;
  gint64  project_id;
  gint64  now;
} ComputeJob;

static void
compute_job_free (ComputeJob *job)
{
  g_free (job->db_path);
  g_free (job);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeJob *job = task_data;
  g_autoptr(LbStore) store = NULL;
  GError *error = NULL;
  LbDriftCheck *check = NULL;

  if ((store = lb_store_open (job->db_path, &error)) != NULL)
    check = lb_drift_check_compute (store, job->project_id, job->now, &error);
  if (check == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, check, lb_record_free);
}

void
lb_drift_check_compute_async (const char          *db_path,
                              gint64               project_id,
                              gint64               now,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ComputeJob *job = g_new0 (ComputeJob, 1);

  g_return_if_fail (db_path != NULL);

  job->db_path = g_strdup (db_path);
  job->project_id = project_id;
  job->now = now;
  g_task_set_source_tag (task, lb_drift_check_compute_async);
  g_task_set_task_data (task, job, (GDestroyNotify) compute_job_free);
  g_task_run_in_thread (task, compute_thread);
}

LbDriftCheck *
lb_drift_check_compute_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

LbDriftCheck *
lb_drift_check_run (LbStore  *store,
                    gint64    project_id,
                    gint64    now,
                    GError  **error)
{
  LbDriftCheck *check = lb_drift_check_compute (store, project_id, now, error);

  if (check != NULL && !lb_store_insert (store, check, error))
    g_clear_pointer (&check, lb_record_free);
  return check;
}

LbDriftCheck *
lb_drift_check_latest (LbStore  *store,
                       gint64    project_id,
                       GError  **error)
{
  g_autoptr(GPtrArray) designs = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  const LbDesignBaseline *design;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  if ((designs = lb_store_list_for_project (store, &lb_design_baseline_kind, project_id, error)) == NULL ||
      (checks = lb_store_list_for_project (store, &lb_drift_check_kind, project_id, error)) == NULL)
    return NULL;
  if (designs->len == 0 || checks->len == 0)
    return NULL;
  design = designs->pdata[designs->len - 1];
  /* Checks list oldest first; one of an older design says nothing about this one. */
  for (guint i = checks->len; i > 0; i--)
    {
      const LbDriftCheck *check = checks->pdata[i - 1];

      if (check->baseline_id == design->id)
        return g_ptr_array_steal_index (checks, i - 1);
    }
  return NULL;
}

/* The project's link: the one it names, else a document's only one. */
static const LbLinkState *
pick_project_link (const LbAzureDocument *document,
                   gpointer               project)
{
  const char *name = ((LbProject *) project)->link_name;

  for (guint i = 0; document->links != NULL && i < document->links->len; i++)
    {
      const LbLinkState *link = document->links->pdata[i];

      if (name != NULL ? g_strcmp0 (link->name, name) == 0 : document->links->len == 1)
        return link;
    }
  return NULL;
}

LbDesignBaseline *
lb_drift_design_record (LbStore    *store,
                        gint64      project_id,
                        const char *approved_by,
                        const char *notes,
                        gint64      now,
                        GError    **error)
{
  g_autoptr(JsonObject) design = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  LbAzureState state = { 0 };
  LbDesignBaseline *baseline;
  LbProject *project;

  if ((project = lb_store_get (store, &lb_project_kind, project_id, error)) == NULL)
    return NULL;
  if (!lb_azure_state_find (store, project_id, pick_project_link, project, &state, error))
    {
      lb_record_free (project);
      return NULL;
    }
  lb_record_free (project);
  if (state.link == NULL && state.instance_document == NULL)
    {
      lb_azure_state_clear (&state);
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND,
                   _("The project's evidence holds no link or managed instance state to record a design from: "
                     "import or refresh it from Azure first"));
      return NULL;
    }
  design = lb_drift_design_from_state (state.link, state.instance_document != NULL ? state.instance_document->instance
                                                                                   : NULL);
  lb_azure_state_clear (&state);
  json_node_set_object (node, design);

  baseline = lb_record_new (&lb_design_baseline_kind);
  baseline->project_id = project_id;
  baseline->design_json = json_to_string (node, TRUE);
  baseline->approved_by = g_strdup (approved_by);
  baseline->approved_at = now;
  baseline->notes = g_strdup (notes);
  if (!lb_store_insert (store, baseline, error))
    {
      lb_record_free (baseline);
      return NULL;
    }
  return baseline;
}
