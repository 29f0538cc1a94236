/* lb-http-operation.c: polling Azure-AsyncOperation and Location.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-http-operation.h"
#include "lb-http-private.h"
#include "../model/lb-retry.h"

/* An hour at the default pace: longer than any managed-instance operation a user waits for. */
#define MAX_POLLS 360

static JsonNode *
empty_object (void)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, json_object_new ());
  return node;
}

/* Azure's failed status: {"status": "Failed", "error": {"code": …, "message": …}}. */
static void
set_operation_error (JsonObject *status,
                     const char *where,
                     GError    **error)
{
  JsonNode *node = json_object_get_member (status, "error");
  JsonObject *detail = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *state = _lb_http_string_member (status, "status");
  const char *code = detail != NULL ? _lb_http_string_member (detail, "code") : NULL;
  const char *message = detail != NULL ? _lb_http_string_member (detail, "message") : NULL;

  g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_FAILED,
               /* TRANSLATORS: "The operation at management.azure.com:443 ended Failed (Conflict): …" */
               _("The operation at %s ended %s (%s): %s"), where, state != NULL ? state : "?",
               code != NULL ? code : _("no code"), message != NULL ? message : _("no message"));
}

JsonNode *
lb_http_follow_operation (LbHttpClient          *client,
                          const char            *request_url,
                          const LbHttpResponse  *accepted,
                          const char * const    *headers,
                          guint                  interval_ms,
                          GCancellable          *cancellable,
                          GError               **error)
{
  const char *async = lb_http_response_get_header (accepted, "azure-asyncoperation");
  const char *location = lb_http_response_get_header (accepted, "location");
  g_autofree char *retry_after = g_strdup (lb_http_response_get_header (accepted, "retry-after"));
  g_autoptr(GUri) origin = g_uri_parse (request_url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  g_autoptr(GUri) watch = NULL;
  g_autofree char *where = _lb_http_url_host_port (request_url);
  const char *url = async != NULL ? async : location;

  if (accepted->status != 201 && accepted->status != 202)
    {
      g_autoptr(GError) local_error = NULL;
      JsonNode *done = g_bytes_get_size (accepted->body) > 0 ? lb_http_response_get_json (accepted, &local_error)
                                                             : empty_object ();

      if (done == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return done;
    }
  if (url == NULL)
    {
      /* 201 without a watch address: created at once. */
      if (accepted->status == 201)
        return g_bytes_get_size (accepted->body) > 0 ? lb_http_response_get_json (accepted, error) : empty_object ();
      g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                   _("%s accepted the request but named no Azure-AsyncOperation or Location to follow"), where);
      return NULL;
    }
  /* The headers carry the bearer token: the watch address must be the same server. */
  watch = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (origin == NULL || watch == NULL || !_lb_http_same_origin (origin, watch))
    {
      g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                   _("%s names an operation to follow on another server; it was not followed"), where);
      return NULL;
    }

  for (guint poll = 0; poll < MAX_POLLS; poll++)
    {
      g_autoptr(LbHttpRequest) request = lb_http_request_new (LB_HTTP_GET, url);
      g_autoptr(LbHttpResponse) response = NULL;
      g_autoptr(JsonNode) root = NULL;
      gint64 wait = retry_after != NULL ? lb_http_parse_retry_after (retry_after, g_get_real_time () / G_USEC_PER_SEC)
                                        : -1;
      const char *state;

      if (!lb_retry_wait (cancellable, wait >= 0 ? wait : interval_ms, error))
        return NULL;
      for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
        lb_http_request_add_header_line (request, headers[i]);
      if ((response = lb_http_client_send (client, request, cancellable, error)) == NULL)
        return NULL;
      if (response->status >= 400)
        return NULL; /* the client set the error, with Azure's code and message */
      g_clear_pointer (&retry_after, g_free);
      if (async == NULL)
        {
          /* Location: 202 while running, then the final answer. */
          if (response->status == 202)
            {
              retry_after = g_strdup (lb_http_response_get_header (response, "retry-after"));
              continue;
            }
          return g_bytes_get_size (response->body) > 0 ? lb_http_response_get_json (response, error) : empty_object ();
        }
      if ((root = lb_http_response_get_json (response, error)) == NULL)
        return NULL;
      if (!JSON_NODE_HOLDS_OBJECT (root) || (state = _lb_http_string_member (json_node_get_object (root), "status")) == NULL)
        {
          g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                       _("The operation status from %s has no \"status\""), where);
          return NULL;
        }
      if (g_ascii_strcasecmp (state, "Succeeded") == 0)
        return g_steal_pointer (&root);
      if (g_ascii_strcasecmp (state, "Failed") == 0 || g_ascii_strcasecmp (state, "Canceled") == 0
          || g_ascii_strcasecmp (state, "Cancelled") == 0)
        {
          set_operation_error (json_node_get_object (root), where, error);
          return NULL;
        }
      retry_after = g_strdup (lb_http_response_get_header (response, "retry-after"));
    }
  g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_TIMEOUT, _("The operation at %s had not ended after %d checks"),
               where, MAX_POLLS);
  return NULL;
}
