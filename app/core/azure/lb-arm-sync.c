/* lb-arm-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-arm-sync"

#include "config.h"

#include <math.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lb-arm-sync.h"
#include "lb-azure-document.h"
#include "lb-azure-import.h"
#include "lb-drift-check.h"
#include "../model/lb-error.h"
#include "../model/lb-record.h"
#include "../model/lb-records.h"
#include "../net/lb-http-pages.h"
#include "../store/lb-lag-writer.h"

void
lb_arm_sync_result_free (LbArmSyncResult *result)
{
  if (result == NULL)
    return;
  g_array_unref (result->evidence_ids);
  g_free (result->drift_summary);
  g_free (result->drift_error);
  g_free (result);
}

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      volatile char *p = secret;

      while (*p != '\0')
        *p++ = '\0';
    }
  g_free (secret);
}

/* The messages for the answers a user can act on. */
static void
set_status_error (GError       **error,
                  guint          status,
                  const char    *what,
                  const GError  *http_error)
{
  switch (status)
    {
    case 401:
      g_set_error_literal (error, LB_ERROR, LB_ERROR_FAILED,
                           _("the access token was refused (401): run az login again"));
      break;
    case 403:
      /* TRANSLATORS: %s is "managed instance “mi-1”", "the links of managed instance “mi-1”" … */
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                   _("no permission to read %s (403): the signed-in identity needs Reader on the managed "
                     "instance"), what);
      break;
    case 404:
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND,
                   _("%s not found (404): check the subscription, resource group and instance name"), what);
      break;
    default:
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("could not read %s: %s"), what,
                   http_error != NULL ? http_error->message : _("unknown error"));
      break;
    }
}

static GBytes *
arm_get (LbHttpClient  *client,
         const char    *url,
         const char    *authorization,
         const char    *what,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(LbHttpRequest) request = lb_http_request_new (LB_HTTP_GET, url);
  g_autoptr(LbHttpResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;

  lb_http_request_add_header (request, "Authorization", authorization);
  response = lb_http_client_send (client, request, cancellable, &local_error);
  if (response == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("could not read %s: %s"), what, local_error->message);
      return NULL;
    }
  if (local_error != NULL || response->status >= 300)
    {
      set_status_error (error, response->status, what, local_error);
      return NULL;
    }
  return g_bytes_ref (response->body);
}

/* A paged ARM list, gathered into one {"value": […]} document; *@empty when it has no
 * items. */
static GBytes *
arm_get_list (LbHttpClient  *client,
              const char    *url,
              const char    *authorization,
              const char    *what,
              gboolean      *empty,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *header = g_strconcat ("Authorization: ", authorization, NULL);
  const char *headers[] = { header, NULL };
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  char *text;

  items = lb_http_get_json_pages (client, url, headers, cancellable, &local_error);
  wipe_free (g_steal_pointer (&header));
  if (items == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("could not read %s: %s"), what, local_error->message);
      return NULL;
    }
  *empty = json_array_get_length (items) == 0;
  object = json_object_new ();
  json_object_set_array_member (object, "value", json_array_ref (items));
  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  text = json_to_string (root, TRUE);
  return g_bytes_new_take (text, strlen (text));
}

/* Evidence for @body, refused unless it is the ARM document @expected. */
static LbEvidence *
prepare (gint64                project_id,
         GBytes               *body,
         const char           *name,
         LbAzureDocumentKind   expected,
         const char           *expected_label,
         const char           *url,
         gint64                now,
         GError              **error)
{
  g_autoptr(LbAzureDocument) document = NULL;
  LbEvidence *evidence;
  gconstpointer data;
  gsize length;
  gboolean ok;

  if ((evidence = lb_azure_import_prepare (project_id, body, name, now, error)) == NULL)
    return NULL;
  data = g_bytes_get_data (body, &length);
  document = lb_azure_document_parse (data, length, NULL);
  ok = document != NULL && document->from_arm &&
       (document->kind == expected ||
        (expected == LB_AZURE_DOCUMENT_LINKS && document->kind == LB_AZURE_DOCUMENT_LINK));
  if (!ok)
    {
      /* TRANSLATORS: "managedInstances/mi-1: Azure returned az sql mi link show where an ARM managed
       * instance was expected" */
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("%s: Azure returned %s where %s was expected"), name,
                   document != NULL ? lb_azure_document_kind_label (document) : _("something else"),
                   expected_label);
      lb_record_free (evidence);
      return NULL;
    }
  g_free (evidence->source);
  /* TRANSLATORS: the source of evidence read from Azure, "ARM GET https://…" */
  evidence->source = g_strdup_printf (_("ARM GET %s"), url);
  return evidence;
}

static LbAzureTarget *
first_target (LbStore  *store,
              gint64    project_id,
              GError  **error)
{
  g_autoptr(GPtrArray) targets = lb_store_list_for_project (store, &lb_azure_target_kind, project_id, error);

  if (targets == NULL)
    return NULL;
  if (targets->len == 0)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_NOT_FOUND,
                           _("the project has no Azure target: set subscription, resource group and managed "
                             "instance"));
      return NULL;
    }
  return g_ptr_array_steal_index (targets, 0);
}

static char *
escape (const char *segment)
{
  return g_uri_escape_string (segment, NULL, TRUE);
}

/* When ARM reports the link's lag (the managed instance as primary: instanceSend/Redo-
 * ReplicationLagSeconds), it becomes a lag sample of source "arm" at the sync's time. The
 * database is the project's, or the link's only one. */
static void
store_arm_lag (LbStore         *store,
               const LbProject *project,
               GBytes          *link_body,
               gint64           now,
               LbArmSyncResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbLagWriter) writer = NULL;
  LbAzureDocument *document;
  const LbLinkDatabase *chosen = NULL;
  LbLagSample sample;

  if (link_body == NULL
      || (document = lb_azure_document_parse (g_bytes_get_data (link_body, NULL), g_bytes_get_size (link_body),
                                              NULL)) == NULL)
    return;
  for (guint l = 0; document->links != NULL && l < document->links->len; l++)
    {
      const LbLinkState *link = document->links->pdata[l];

      if (project->link_name != NULL && g_strcmp0 (link->name, project->link_name) != 0)
        continue;
      for (guint d = 0; d < link->databases->len; d++)
        {
          const LbLinkDatabase *database = link->databases->pdata[d];

          if ((project->source_database == NULL && link->databases->len == 1)
              || g_strcmp0 (database->database_name, project->source_database) == 0)
            chosen = database;
        }
    }
  if (chosen != NULL && (chosen->send_lag_s >= 0 || chosen->redo_lag_s >= 0))
    {
      lb_lag_sample_init (&sample, now);
      sample.lag_s = chosen->send_lag_s >= 0 ? chosen->send_lag_s : NAN;
      sample.secondary_lag_s = chosen->redo_lag_s >= 0 ? chosen->redo_lag_s : NAN;
      if (chosen->synchronization_health != NULL)
        {
          g_autofree char *health = g_ascii_strdown (chosen->synchronization_health, -1);

          sample.sync_health = lb_enum_info_lookup (&lb_sync_health_enum, health);
        }
      if ((writer = lb_lag_writer_new (store, project->id, LB_LAG_SOURCE_ARM, 0, &error)) == NULL
          || !lb_lag_writer_add (writer, &sample, &error) || !lb_lag_writer_commit (writer, &error))
        g_debug ("ARM lag sample not stored: %s", error->message);
      else
        result->lag_samples = lb_lag_writer_get_written (writer);
    }
  lb_azure_document_free (document);
}

/* Runs the project's drift check when it has a design; fills the result's drift part. */
static void
run_drift_check (LbStore         *store,
                 gint64           project_id,
                 gint64           now,
                 LbArmSyncResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) designs = lb_store_list_for_project (store, &lb_design_baseline_kind, project_id, &error);
  LbDriftCheck *check;

  if (designs != NULL && designs->len == 0)
    return;
  if (designs != NULL && (check = lb_drift_check_run (store, project_id, now, &error)) != NULL)
    {
      result->drift_outcome = check->outcome;
      result->drift_check_id = check->id;
      result->drift_summary = g_strdup (check->summary);
      lb_record_free (check);
      return;
    }
  result->drift_error = g_strdup (error->message);
}

/* "https://management.azure.com", whatever slashes @arm_base_url ends with. */
static char *
base_url (const char *arm_base_url)
{
  char *base = g_strdup (arm_base_url != NULL ? arm_base_url : LB_ARM_DEFAULT_BASE_URL);

  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  return base;
}

LbAzureToken *
lb_arm_sync_token_from_cli (LbStore       *store,
                            gint64         project_id,
                            const char    *arm_base_url,
                            gint64         now,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *base = base_url (arm_base_url);
  g_autofree char *resource = NULL;
  LbAzureTarget *target;
  LbAzureToken *token;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  if ((target = first_target (store, project_id, error)) == NULL)
    return NULL;
  /* The token's resource is the ARM endpoint itself, with the slash az expects. */
  resource = g_strconcat (base, "/", NULL);
  token = lb_azure_token_from_cli (resource, target->tenant_id, now, cancellable, error);
  lb_record_free (target);
  return token;
}

LbArmSyncResult *
lb_arm_sync_project (LbStore             *store,
                     gint64               project_id,
                     LbHttpClient        *client,
                     const char          *arm_base_url,
                     const LbAzureToken  *token,
                     gint64               now,
                     GCancellable        *cancellable,
                     GError             **error)
{
  g_autoptr(GPtrArray) prepared = lb_record_array_new ();
  g_autofree char *base = NULL;
  g_autofree char *subscription = NULL;
  g_autofree char *group = NULL;
  g_autofree char *instance = NULL;
  g_autofree char *link = NULL;
  g_autofree char *instance_url = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  g_autofree char *what = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) link_body = NULL;
  char *authorization = NULL;
  LbAzureTarget *target;
  LbArmSyncResult *result = NULL;
  LbEvidence *evidence;
  gboolean empty = FALSE;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (LB_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (token != NULL && token->access_token != NULL, NULL);

  if ((target = first_target (store, project_id, error)) == NULL)
    return NULL;
  if (target->subscription_id == NULL || target->resource_group == NULL || target->managed_instance == NULL)
    {
      lb_record_free (target);
      g_set_error_literal (error, LB_ERROR, LB_ERROR_NOT_FOUND,
                           _("the project has no Azure target: set subscription, resource group and managed "
                             "instance"));
      return NULL;
    }
  base = base_url (arm_base_url);
  subscription = escape (target->subscription_id);
  group = escape (target->resource_group);
  instance = escape (target->managed_instance);
  link = target->link_name != NULL && *target->link_name != '\0' ? escape (target->link_name) : NULL;
  instance_url = g_strdup_printf ("%s/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Sql/managedInstances/%s",
                                  base, subscription, group, instance);
  authorization = g_strdup_printf ("%s %s", token->token_type != NULL ? token->token_type : "Bearer",
                                   token->access_token);

  /* The managed instance */
  url = g_strdup_printf ("%s?api-version=%s", instance_url, LB_ARM_INSTANCE_API_VERSION);
  name = g_strdup_printf ("managedInstances/%s", target->managed_instance);
  /* TRANSLATORS: used in "… not found", "no permission to read …" */
  what = g_strdup_printf (_("managed instance “%s”"), target->managed_instance);
  if ((body = arm_get (client, url, authorization, what, cancellable, error)) == NULL ||
      (evidence = prepare (project_id, body, name, LB_AZURE_DOCUMENT_INSTANCE, _("an ARM managed instance"),
                           url, now, error)) == NULL)
    goto out;
  g_ptr_array_add (prepared, evidence);
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&what, g_free);

  /* The link, or all of them */
  if (link != NULL)
    {
      url = g_strdup_printf ("%s/distributedAvailabilityGroups/%s?api-version=%s", instance_url, link,
                             LB_ARM_LINK_API_VERSION);
      name = g_strdup_printf ("managedInstances/%s/distributedAvailabilityGroups/%s", target->managed_instance,
                              target->link_name);
      what = g_strdup_printf (_("link “%s” of managed instance “%s”"), target->link_name, target->managed_instance);
      body = arm_get (client, url, authorization, what, cancellable, error);
    }
  else
    {
      url = g_strdup_printf ("%s/distributedAvailabilityGroups?api-version=%s", instance_url, LB_ARM_LINK_API_VERSION);
      name = g_strdup_printf ("managedInstances/%s/distributedAvailabilityGroups", target->managed_instance);
      what = g_strdup_printf (_("the links of managed instance “%s”"), target->managed_instance);
      body = arm_get_list (client, url, authorization, what, &empty, cancellable, error);
    }
  if (body == NULL)
    goto out;
  if (!empty)
    {
      if ((evidence = prepare (project_id, body, name,
                               link != NULL ? LB_AZURE_DOCUMENT_LINK : LB_AZURE_DOCUMENT_LINKS,
                               link != NULL ? _("an ARM link") : _("an ARM list of links"), url, now, error)) == NULL)
        goto out;
      g_ptr_array_add (prepared, evidence);
      link_body = g_bytes_ref (body);
    }
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&what, g_free);

  /* The databases */
  url = g_strdup_printf ("%s/databases?api-version=%s", instance_url, LB_ARM_INSTANCE_API_VERSION);
  name = g_strdup_printf ("managedInstances/%s/databases", target->managed_instance);
  what = g_strdup_printf (_("the databases of managed instance “%s”"), target->managed_instance);
  if ((body = arm_get_list (client, url, authorization, what, &empty, cancellable, error)) == NULL)
    goto out;
  if (!empty)
    {
      if ((evidence = prepare (project_id, body, name, LB_AZURE_DOCUMENT_DATABASES, _("an ARM list of databases"),
                               url, now, error)) == NULL)
        goto out;
      g_ptr_array_add (prepared, evidence);
    }

  if (!lb_azure_import_store (store, prepared, error))
    goto out;

  result = g_new0 (LbArmSyncResult, 1);
  result->evidence_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->drift_outcome = -1;
  for (guint i = 0; i < prepared->len; i++)
    g_array_append_val (result->evidence_ids, ((LbEvidence *) prepared->pdata[i])->id);
  {
    LbProject *project = lb_store_get (store, &lb_project_kind, project_id, NULL);

    if (project != NULL)
      {
        store_arm_lag (store, project, link_body, now, result);
        lb_record_free (project);
      }
  }
  run_drift_check (store, project_id, now, result);

out:
  wipe_free (authorization);
  lb_record_free (target);
  return result;
}

typedef struct
{
  char         *db_path;
  gint64        project_id;
  LbHttpClient *client;
  char         *arm_base_url;
  LbAzureToken *token;
  gint64        now;
} SyncJob;

static void
sync_job_free (SyncJob *job)
{
  g_free (job->db_path);
  g_object_unref (job->client);
  g_free (job->arm_base_url);
  lb_azure_token_free (job->token);
  g_free (job);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SyncJob *job = task_data;
  g_autoptr(LbStore) store = NULL;
  GError *error = NULL;
  LbArmSyncResult *result = NULL;

  if ((store = lb_store_open (job->db_path, &error)) != NULL &&
      (job->token != NULL ||
       (job->token = lb_arm_sync_token_from_cli (store, job->project_id, job->arm_base_url, job->now, cancellable,
                                                 &error)) != NULL))
    result = lb_arm_sync_project (store, job->project_id, job->client, job->arm_base_url, job->token, job->now,
                                  cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) lb_arm_sync_result_free);
}

void
lb_arm_sync_project_async (const char          *db_path,
                           gint64               project_id,
                           LbHttpClient        *client,
                           const char          *arm_base_url,
                           const LbAzureToken  *token,
                           gint64               now,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SyncJob *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (LB_IS_HTTP_CLIENT (client));

  job = g_new0 (SyncJob, 1);
  job->db_path = g_strdup (db_path);
  job->project_id = project_id;
  job->client = g_object_ref (client);
  job->arm_base_url = g_strdup (arm_base_url);
  job->token = token != NULL ? lb_azure_token_copy (token) : NULL;
  job->now = now;
  g_task_set_source_tag (task, lb_arm_sync_project_async);
  g_task_set_task_data (task, job, (GDestroyNotify) sync_job_free);
  g_task_run_in_thread (task, sync_thread);
}

LbArmSyncResult *
lb_arm_sync_project_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
