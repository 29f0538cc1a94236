/* lb-http-pages.c: ARM's and the retail prices API's paged lists, followed page by page
 * with the core's HTTP client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-http-pages.h"
#include "lb-http-private.h"

#define MAX_PAGES 1000

static const char *
page_next_link (JsonObject *page)
{
  const char *next = _lb_http_string_member (page, "nextLink");

  if (next == NULL)
    next = _lb_http_string_member (page, "NextPageLink");
  return next != NULL && *next != '\0' ? next : NULL;
}

JsonArray *
lb_http_get_json_pages (LbHttpClient        *client,
                        const char          *url,
                        const char * const  *headers,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GUri) first = NULL;
  g_autofree char *next = NULL;
  g_autofree char *where = NULL;
  guint pages = 0;

  g_return_val_if_fail (LB_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  first = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (first == NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (first), "https") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (first), "http") != 0))
    {
      g_set_error_literal (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                           _("The address is not a valid http or https URL."));
      return NULL;
    }
  where = _lb_http_url_host_port (url);
  items = json_array_new ();
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  next = g_strdup (url);

  while (next != NULL)
    {
      g_autoptr(LbHttpRequest) request = NULL;
      g_autoptr(LbHttpResponse) response = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonObject *page;
      JsonNode *list_node;
      JsonArray *list;
      const char *link;

      if (pages++ >= MAX_PAGES)
        {
          g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                       _("%s returned more than %d pages; the list was not read to the end."), where, MAX_PAGES);
          return NULL;
        }
      g_hash_table_add (seen, g_strdup (next));

      request = lb_http_request_new (LB_HTTP_GET, next);
      for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
        lb_http_request_add_header_line (request, headers[i]);
      if ((response = lb_http_client_send (client, request, cancellable, error)) == NULL)
        return NULL;
      if (response->status >= 400)
        return NULL; /* the error is already set */
      if ((root = lb_http_response_get_json (response, &local_error)) == NULL ||
          !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                       _("Page %u from %s is not a JSON object: %s"), pages, where,
                       local_error != NULL ? local_error->message : _("another JSON value"));
          return NULL;
        }
      page = json_node_get_object (root);
      if ((list_node = json_object_get_member (page, "value")) == NULL)
        list_node = json_object_get_member (page, "Items");
      if (list_node == NULL || !JSON_NODE_HOLDS_ARRAY (list_node))
        {
          g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                       _("Page %u from %s has no list of items (\"value\" or \"Items\")."), pages, where);
          return NULL;
        }
      list = json_node_get_array (list_node);
      for (guint i = 0; i < json_array_get_length (list); i++)
        json_array_add_element (items, json_node_copy (json_array_get_element (list, i)));

      g_clear_pointer (&next, g_free);
      if ((link = page_next_link (page)) != NULL)
        {
          g_autoptr(GUri) uri = g_uri_parse (link, G_URI_FLAGS_PARSE_RELAXED, NULL);

          /* The headers carry the bearer token: it must not follow a link elsewhere. */
          if (uri == NULL || !_lb_http_same_origin (first, uri))
            {
              g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                           _("Page %u from %s links to its next page on another server or scheme; "
                             "the link was not followed."), pages, where);
              return NULL;
            }
          if (g_hash_table_contains (seen, link))
            {
              g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                           _("Page %u from %s links back to an earlier page; the list was not read "
                             "to the end."), pages, where);
              return NULL;
            }
          next = g_strdup (link);
        }
    }
  return g_steal_pointer (&items);
}

typedef struct
{
  char  *url;
  char **headers;
} PagesJob;

static void
pages_job_free (PagesJob *job)
{
  g_free (job->url);
  g_strfreev (job->headers);
  g_free (job);
}

static void
pages_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PagesJob *job = task_data;
  GError *error = NULL;
  JsonArray *items = lb_http_get_json_pages (source_object, job->url, (const char * const *) job->headers,
                                             cancellable, &error);

  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, (GDestroyNotify) json_array_unref);
}

void
lb_http_get_json_pages_async (LbHttpClient        *client,
                              const char          *url,
                              const char * const  *headers,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PagesJob *job;

  g_return_if_fail (LB_IS_HTTP_CLIENT (client));
  g_return_if_fail (url != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  job = g_new0 (PagesJob, 1);
  job->url = g_strdup (url);
  job->headers = g_strdupv ((char **) headers);
  g_task_set_source_tag (task, lb_http_get_json_pages_async);
  g_task_set_task_data (task, job, (GDestroyNotify) pages_job_free);
  g_task_run_in_thread (task, pages_thread);
}

JsonArray *
lb_http_get_json_pages_finish (LbHttpClient  *client,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
