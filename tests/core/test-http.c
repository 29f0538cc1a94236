/* test-http.c: the HTTP client against a loopback SoupServer (127.0.0.1 only, ephemeral
 * port, its own thread and GMainContext): plain JSON, retries on 429 (Retry-After), 500 and
 * 503, the give-up after max retries, timeouts, the body limit, Azure error messages,
 * nextLink paging and its loop guard, cancellation, refused connections and TLS to a plain
 * server. Nothing here passes or fails on timing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "core-test-server.h"
#include "lb-core.h"
#include "lb-test-util.h"

#define TOKEN "Bearer test-secret-token-1234"

static CoreTestServer *test_server;
static GPtrArray      *paused; /* messages of the hang handler, server thread only */

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  const char *page = query != NULL ? g_hash_table_lookup (query, "page") : NULL;
  guint n = core_test_server_hit (test_server, path);

  if (g_str_has_prefix (path, "/operation/"))
    {
      const char *auth = soup_message_headers_get_one (request_headers, "Authorization");
      g_autofree char *base = g_strdup (core_test_server_get_base (test_server));

      /* A PUT starts it; the watch address runs twice, then ends as the path says. */
      if (g_strcmp0 (auth, TOKEN) != 0)
        core_test_server_reply (msg, 401, "{\"error\": {\"code\": \"InvalidAuthenticationToken\", \"message\": \"no\"}}");
      else if (g_str_equal (soup_server_message_get_method (msg), "PUT"))
        {
          g_autofree char *watch = NULL;
          const char *kind = path + strlen ("/operation/");

          if (g_str_equal (kind, "elsewhere"))
            watch = g_strdup ("http://192.0.2.1:9/status");
          else
            watch = g_strdup_printf ("%s/operation/%s/status", base, kind);
          soup_message_headers_append (response_headers,
                                       g_str_has_prefix (kind, "location") ? "Location" : "Azure-AsyncOperation", watch);
          soup_message_headers_append (response_headers, "Retry-After", "0");
          core_test_server_reply (msg, 202, "");
        }
      else if (core_test_server_hits (test_server, path) < 3)
        {
          soup_message_headers_append (response_headers, "Retry-After", "0");
          if (g_str_has_prefix (path, "/operation/location"))
            core_test_server_reply (msg, 202, "");
          else
            core_test_server_reply (msg, 200, "{\"status\": \"InProgress\"}");
        }
      else if (g_str_has_prefix (path, "/operation/location"))
        core_test_server_reply (msg, 200, "{\"name\": \"DAG_ERP\", \"properties\": {\"linkState\": \"Catchup\"}}");
      else if (g_str_has_prefix (path, "/operation/fails"))
        core_test_server_reply (msg, 200, "{\"status\": \"Failed\", \"error\": {\"code\": \"DistributedAvailabilityGroupMiPrimaryWithGeodr\","
                                          " \"message\": \"The managed instance is in a failover group.\"}}");
      else
        core_test_server_reply (msg, 200, "{\"status\": \"Succeeded\", \"name\": \"op-1\"}");
    }
  else if (g_str_equal (path, "/json"))
    {
      const char *auth = soup_message_headers_get_one (request_headers, "Authorization");
      const char *agent = soup_message_headers_get_one (request_headers, "User-Agent");

      soup_message_headers_append (response_headers, "x-ms-request-id", "req-42");
      if (g_strcmp0 (auth, TOKEN) != 0 || !g_str_has_prefix (agent, "Linkbench/"))
        core_test_server_reply (msg, 400, "{\"error\": {\"code\": \"BadHeaders\", \"message\": \"missing\"}}");
      else
        core_test_server_reply (msg, 200, "{\"name\": \"mi-1\"}");
    }
  else if (g_str_equal (path, "/echo"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      const char *type = soup_message_headers_get_content_type (request_headers, NULL);

      soup_message_headers_append (response_headers, "X-Method", soup_server_message_get_method (msg));
      soup_message_headers_append (response_headers, "X-Type", type != NULL ? type : "");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  else if (g_str_equal (path, "/throttled"))
    {
      if (n == 1)
        {
          soup_message_headers_append (response_headers, "Retry-After", "1");
          core_test_server_reply (msg, 429, "{\"error\": {\"code\": \"TooManyRequests\", \"message\": \"slow down\"}}");
        }
      else
        core_test_server_reply (msg, 200, "{\"ok\": true}");
    }
  else if (g_str_equal (path, "/flaky"))
    core_test_server_reply (msg, n == 1 ? 500 : 200, n == 1 ? "{}" : "{\"ok\": true}");
  else if (g_str_equal (path, "/unavailable"))
    core_test_server_reply (msg, 503, "{\"error\": {\"code\": \"ServiceUnavailable\", \"message\": \"try later\"}}");
  else if (g_str_equal (path, "/unavailable-long"))
    {
      soup_message_headers_append (response_headers, "Retry-After", "100");
      core_test_server_reply (msg, 503, "{}");
    }
  else if (g_str_equal (path, "/hang"))
    {
      /* Never answered; the message is finished when the server goes away. */
      soup_server_message_pause (msg);
      g_ptr_array_add (paused, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/large") || g_str_equal (path, "/large-chunked"))
    {
      char *big = g_malloc (8192);

      memset (big, 'x', 8192);
      if (g_str_equal (path, "/large-chunked"))
        soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_TAKE, big, 8192);
    }
  else if (g_str_equal (path, "/missing"))
    core_test_server_reply (msg, 404, "{\"error\": {\"code\": \"ResourceNotFound\", \"message\": "
                     "\"The Resource 'Microsoft.Sql/managedInstances/mi-x' was not found.\"}}");
  else if (g_str_equal (path, "/forbidden"))
    core_test_server_reply (msg, 403, "{\"error\": {\"code\": \"AuthorizationFailed\", \"message\": "
                     "\"The client does not have authorization to perform action.\"}}");
  else if (g_str_equal (path, "/pages"))
    {
      int number = page != NULL ? atoi (page) : 1;
      g_autofree char *body = NULL;

      if (number < 3)
        body = g_strdup_printf ("{\"value\": [%d, %d], \"nextLink\": \"%s/pages?page=%d\"}",
                                number * 10, number * 10 + 1, core_test_server_get_base (test_server), number + 1);
      else
        body = g_strdup_printf ("{\"value\": [%d]}", number * 10);
      core_test_server_reply (msg, 200, body);
    }
  else if (g_str_equal (path, "/prices"))
    {
      g_autofree char *body = NULL;

      /* The retail prices API names the port explicitly in its NextPageLink. */
      if (page == NULL)
        body = g_strdup_printf ("{\"Items\": [{\"retailPrice\": 1.5}], \"NextPageLink\": "
                                "\"http://127.0.0.1:%u/prices?page=2\"}", core_test_server_get_port (test_server));
      else
        body = g_strdup ("{\"Items\": [{\"retailPrice\": 2.5}], \"NextPageLink\": null}");
      core_test_server_reply (msg, 200, body);
    }
  else if (g_str_equal (path, "/loop"))
    {
      g_autofree char *body = g_strdup_printf ("{\"value\": [1], \"nextLink\": \"%s/loop?page=%d\"}",
                                               core_test_server_get_base (test_server), page != NULL && atoi (page) == 2 ? 1 : 2);

      core_test_server_reply (msg, 200, body);
    }
  else if (g_str_equal (path, "/odd-error"))
    core_test_server_reply (msg, 400, "{\"error\": {\"code\": {\"nested\": 1}, \"message\": 5}}");
  else if (g_str_equal (path, "/odd-page"))
    core_test_server_reply (msg, 200, "{\"value\": [1], \"nextLink\": {\"href\": \"/odd-page\"}}");
  else if (g_str_equal (path, "/not-json"))
    core_test_server_reply (msg, 200, "<html>maintenance</html>");
  else if (g_str_equal (path, "/redirect"))
    soup_server_message_set_redirect (msg, 302, "/json");
  else if (g_str_equal (path, "/redirect-file"))
    soup_server_message_set_redirect (msg, 302, "file:///etc/passwd");
  else if (g_str_equal (path, "/elsewhere"))
    core_test_server_reply (msg, 200, "{\"value\": [1], \"nextLink\": \"https://attacker.example/steal\"}");
  else
    core_test_server_reply (msg, 404, "{}");
}

/* The hanging requests are let go when the server stops. */
static void
release_paused (gpointer server,
                gpointer data)
{
  g_ptr_array_set_size (paused, 0);
}

static char *
url (const char *path)
{
  return g_strconcat (core_test_server_get_base (test_server), path, NULL);
}

/* A client that retries quickly: the tests count attempts, they do not time them. */
static LbHttpClient *
fast_client (void)
{
  LbHttpClient *client = lb_http_client_new ();

  lb_http_client_set_retry_delay (client, 1, 5);
  lb_http_client_set_timeout (client, 20000);
  return client;
}

static LbHttpResponse *
get (LbHttpClient  *client,
     const char    *path,
     GError       **error)
{
  g_autofree char *address = url (path);
  g_autoptr(LbHttpRequest) request = lb_http_request_new (LB_HTTP_GET, address);

  lb_http_request_add_header (request, "Authorization", TOKEN);
  return lb_http_client_send (client, request, NULL, error);
}

static void
test_http_json (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbHttpResponse) response = get (client, "/json", &error);
  g_autoptr(JsonNode) root = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (response->attempts, ==, 1);
  g_assert_cmpstr (lb_http_response_get_header (response, "X-MS-Request-Id"), ==, "req-42");
  g_assert_cmpstr (lb_http_response_get_header (response, "content-type"), ==, "application/json");
  g_assert_null (lb_http_response_get_header (response, "Retry-After"));
  root = lb_http_response_get_json (response, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "name"), ==, "mi-1");
}

static void
test_http_redirect (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbHttpResponse) response = get (client, "/redirect", &error);
  g_autoptr(LbHttpResponse) refused = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  /* The headers are those of the final answer, not of the 302. */
  g_assert_cmpstr (lb_http_response_get_header (response, "x-ms-request-id"), ==, "req-42");
  g_assert_null (lb_http_response_get_header (response, "Location"));

  refused = get (client, "/redirect-file", &error);
  g_assert_null (refused);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL);
}

static void
test_http_body (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autofree char *address = url ("/echo");
  const LbHttpMethod methods[] = { LB_HTTP_POST, LB_HTTP_PUT, LB_HTTP_PATCH, LB_HTTP_DELETE };
  /* Over 1 KiB, where curl would otherwise wait for "100 Continue". */
  g_autofree char *text = g_strnfill (3000, 'b');

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(LbHttpRequest) request = lb_http_request_new (methods[i], address);
      g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
      g_autoptr(LbHttpResponse) response = NULL;

      lb_http_request_set_body (request, body, "application/json");
      response = lb_http_client_send (client, request, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (response->status, ==, 200);
      g_assert_cmpstr (lb_http_response_get_header (response, "x-method"), ==, lb_http_method_to_string (methods[i]));
      g_assert_cmpstr (lb_http_response_get_header (response, "x-type"), ==, "application/json");
      g_assert_true (g_bytes_equal (response->body, body));
    }
}

static void
test_http_retry_after (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbHttpResponse) response = get (client, "/throttled", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (response->attempts, ==, 2);
  g_assert_cmpuint (response->retry_after_waits, ==, 1);
  g_assert_cmpuint (core_test_server_hits (test_server, "/throttled"), ==, 2);
}

static void
test_http_retry_500 (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbHttpResponse) response = get (client, "/flaky", &error);
  g_autofree char *address = url ("/flaky");
  g_autoptr(LbHttpRequest) post = lb_http_request_new (LB_HTTP_POST, address);
  g_autoptr(LbHttpResponse) posted = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (response->attempts, ==, 2);
  g_assert_cmpuint (response->retry_after_waits, ==, 0);
  g_assert_cmpuint (core_test_server_hits (test_server, "/flaky"), ==, 2);

  /* A POST is not idempotent: a 500 is not retried. The server's count is 3 now. */
  core_test_server_forget (test_server, "/flaky");
  posted = lb_http_client_send (client, post, NULL, &error);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_HTTP_STATUS);
  g_assert_nonnull (posted);
  g_assert_cmpuint (posted->status, ==, 500);
  g_assert_cmpuint (posted->attempts, ==, 1);
}

static void
test_http_give_up (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbHttpResponse) response = NULL;

  lb_http_client_set_max_retries (client, 2);
  response = get (client, "/unavailable", &error);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_HTTP_STATUS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, 503);
  g_assert_cmpuint (response->attempts, ==, 3);
  g_assert_cmpuint (core_test_server_hits (test_server, "/unavailable"), ==, 3);
  lb_test_assert_contains (error->message, "ServiceUnavailable");
  lb_test_assert_contains (error->message, "try later");
  lb_test_assert_contains (error->message, "503");
}

static void
test_http_timeout (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbHttpResponse) response = NULL;

  lb_http_client_set_timeout (client, 1000);
  lb_http_client_set_max_retries (client, 1);
  response = get (client, "/hang", &error);
  g_assert_null (response);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_TIMEOUT);
  g_test_message ("%s", error->message);
  lb_test_assert_contains (error->message, "did not answer within 1 s");
  /* A timed-out GET is retried once. */
  g_assert_cmpuint (core_test_server_hits (test_server, "/hang"), ==, 2);
}

static void
test_http_too_large (void)
{
  const char *paths[] = { "/large", "/large-chunked" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(LbHttpClient) client = fast_client ();
      g_autoptr(GError) error = NULL;
      g_autoptr(LbHttpResponse) response = NULL;

      lb_http_client_set_max_body_size (client, 1024);
      response = get (client, paths[i], &error);
      g_assert_null (response);
      g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_TOO_LARGE);
      g_test_message ("%s", error->message);
      lb_test_assert_contains (error->message, "larger than 1 KiB");
    }
}

static void
test_http_azure_error (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbHttpResponse) response = get (client, "/missing", &error);
  g_autoptr(LbHttpResponse) forbidden = NULL;

  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_HTTP_STATUS);
  g_assert_cmpuint (response->status, ==, 404);
  g_assert_cmpuint (response->attempts, ==, 1);
  lb_test_assert_contains (error->message, "404");
  lb_test_assert_contains (error->message, "ResourceNotFound");
  lb_test_assert_contains (error->message, "mi-x' was not found");
  g_assert_null (strstr (error->message, "test-secret-token"));
  g_clear_error (&error);

  forbidden = get (client, "/forbidden", &error);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_HTTP_STATUS);
  g_assert_cmpuint (forbidden->status, ==, 403);
  lb_test_assert_contains (error->message, "AuthorizationFailed");
  lb_test_assert_contains (error->message, "does not have authorization");
  g_assert_null (strstr (error->message, "test-secret-token"));
}

/* Members of unexpected types are ignored, with no critical (fatal in the tests). */
static void
test_http_odd_json (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbHttpResponse) response = get (client, "/odd-error", &error);
  g_autofree char *odd_page = url ("/odd-page");
  g_autofree char *not_json = url ("/not-json");
  g_autoptr(JsonArray) items = NULL;

  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_HTTP_STATUS);
  g_assert_cmpuint (response->status, ==, 400);
  lb_test_assert_contains (error->message, "HTTP status 400");
  g_clear_error (&error);

  items = lb_http_get_json_pages (client, odd_page, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_clear_pointer (&items, json_array_unref);

  items = lb_http_get_json_pages (client, not_json, NULL, NULL, &error);
  g_assert_null (items);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL);
}

static void
test_http_pages (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autofree char *address = url ("/pages");
  const char *headers[] = { "Authorization: " TOKEN, NULL };
  g_autoptr(JsonArray) items = lb_http_get_json_pages (client, address, headers, NULL, &error);
  const gint64 expected[] = { 10, 11, 20, 21, 30 };
  g_autoptr(JsonArray) prices = NULL;
  g_autofree char *prices_address = url ("/prices");

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (json_array_get_int_element (items, i), ==, expected[i]);
  g_assert_cmpuint (core_test_server_hits (test_server, "/pages"), ==, 3);

  prices = lb_http_get_json_pages (client, prices_address, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (prices), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (prices, 1), "retailPrice"),
                     ==, 2.5);
}

static JsonNode *
follow (const char *kind,
        GError    **error)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autofree char *address = url (kind);
  const char *headers[] = { "Authorization: " TOKEN, NULL };
  g_autoptr(LbHttpRequest) request = lb_http_request_new (LB_HTTP_PUT, address);
  g_autoptr(LbHttpResponse) accepted = NULL;

  lb_http_request_add_header_line (request, headers[0]);
  lb_http_request_set_body (request, g_bytes_new_static ("{}", 2), "application/json");
  accepted = lb_http_client_send (client, request, NULL, error);
  g_assert_nonnull (accepted);
  g_assert_cmpuint (accepted->status, ==, 202);
  return lb_http_follow_operation (client, address, accepted, headers, 10, NULL, error);
}

static void
test_http_operation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) done = follow ("/operation/ok", &error);

  /* Azure-AsyncOperation: InProgress twice, then Succeeded. */
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (done), "status"), ==, "Succeeded");
  g_assert_cmpuint (core_test_server_hits (test_server, "/operation/ok/status"), ==, 3);
  g_clear_pointer (&done, json_node_unref);

  /* Location: 202 twice, then the resource. */
  done = follow ("/operation/location", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (done), "name"), ==, "DAG_ERP");
  g_clear_pointer (&done, json_node_unref);

  /* A failed operation: Azure's code and message. */
  g_assert_null (follow ("/operation/fails", &error));
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_FAILED);
  lb_test_assert_contains (error->message, "ended Failed (DistributedAvailabilityGroupMiPrimaryWithGeodr)");
  lb_test_assert_contains (error->message, "in a failover group");
  g_clear_error (&error);

  /* The token never follows a watch address on another server. */
  g_assert_null (follow ("/operation/elsewhere", &error));
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL);
  lb_test_assert_contains (error->message, "another server");
}

static void
test_http_pages_refused (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autofree char *loop = url ("/loop");
  g_autofree char *elsewhere = url ("/elsewhere");
  g_autofree char *missing = url ("/missing");
  g_autoptr(JsonArray) items = lb_http_get_json_pages (client, loop, NULL, NULL, &error);

  g_assert_null (items);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL);
  lb_test_assert_contains (error->message, "earlier page");
  g_assert_cmpuint (core_test_server_hits (test_server, "/loop"), ==, 3); /* /loop, ?page=2, ?page=1, then ?page=2 again */
  g_clear_error (&error);

  items = lb_http_get_json_pages (client, elsewhere, NULL, NULL, &error);
  g_assert_null (items);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL);
  lb_test_assert_contains (error->message, "another server");
  g_clear_error (&error);

  items = lb_http_get_json_pages (client, missing, NULL, NULL, &error);
  g_assert_null (items);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_HTTP_STATUS);
  g_clear_error (&error);

  items = lb_http_get_json_pages (client, "file:///etc/passwd", NULL, NULL, &error);
  g_assert_null (items);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL);
}

typedef struct
{
  GMainLoop      *loop;
  LbHttpResponse *response;
  JsonArray      *items;
  GError         *error;
} AsyncResult;

static void
send_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncResult *async = user_data;

  async->response = lb_http_client_send_finish (LB_HTTP_CLIENT (object), result, &async->error);
  g_main_loop_quit (async->loop);
}

static void
pages_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncResult *async = user_data;

  async->items = lb_http_get_json_pages_finish (LB_HTTP_CLIENT (object), result, &async->error);
  g_main_loop_quit (async->loop);
}

typedef struct
{
  GCancellable *cancellable;
  const char   *path;
  guint         seen;   /* hits of @path before the request */
} CancelWhen;

/* Cancels once the server has the request: the client is then waiting for an answer (or
 * for the Retry-After delay), never still connecting. */
static gboolean
cancel_when_served (gpointer data)
{
  CancelWhen *when = data;

  if (core_test_server_hits (test_server, when->path) <= when->seen)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (when->cancellable);
  return G_SOURCE_REMOVE;
}

static void
async_send (LbHttpClient *client,
            const char   *path,
            GCancellable *cancellable,
            AsyncResult  *async)
{
  g_autofree char *address = url (path);
  g_autoptr(LbHttpRequest) request = lb_http_request_new (LB_HTTP_GET, address);

  lb_http_request_add_header (request, "Authorization", TOKEN);
  memset (async, 0, sizeof *async);
  async->loop = g_main_loop_new (NULL, FALSE);
  lb_http_client_send_async (client, request, cancellable, send_done, async);
  g_main_loop_run (async->loop);
  g_main_loop_unref (async->loop);
}

static void
test_http_async (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autofree char *address = url ("/pages");
  AsyncResult async;

  async_send (client, "/json", NULL, &async);
  g_assert_no_error (async.error);
  g_assert_cmpuint (async.response->status, ==, 200);
  lb_http_response_free (async.response);

  /* An error status hands over the response as well. */
  async_send (client, "/missing", NULL, &async);
  g_assert_error (async.error, LB_HTTP_ERROR, LB_HTTP_ERROR_HTTP_STATUS);
  g_assert_nonnull (async.response);
  g_assert_cmpuint (async.response->status, ==, 404);
  lb_http_response_free (async.response);
  g_clear_error (&async.error);

  memset (&async, 0, sizeof async);
  async.loop = g_main_loop_new (NULL, FALSE);
  lb_http_get_json_pages_async (client, address, NULL, NULL, pages_done, &async);
  g_main_loop_run (async.loop);
  g_main_loop_unref (async.loop);
  g_assert_no_error (async.error);
  g_assert_cmpuint (json_array_get_length (async.items), ==, 5);
  json_array_unref (async.items);
}

static void
test_http_cancel (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancellable2 = g_cancellable_new ();
  AsyncResult async;

  CancelWhen hang = { cancellable, "/hang", core_test_server_hits (test_server, "/hang") };
  CancelWhen unavailable = { cancellable2, "/unavailable-long", core_test_server_hits (test_server, "/unavailable-long") };

  /* A hanging transfer; the total timeout (20 s) is far away. */
  g_timeout_add (10, cancel_when_served, &hang);
  async_send (client, "/hang", cancellable, &async);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (async.response);
  g_clear_error (&async.error);

  /* A wait for Retry-After: 100 s (capped at 120 s) is cancelled as well. */
  g_timeout_add (10, cancel_when_served, &unavailable);
  async_send (client, "/unavailable-long", cancellable2, &async);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (async.response);
  g_assert_cmpuint (core_test_server_hits (test_server, "/unavailable-long"), ==, 1);
  g_clear_error (&async.error);
}

static void
test_http_refused (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  /* Bound but never listening: connecting to it is refused, and nobody else can take it. */
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(LbHttpRequest) request = NULL;
  g_autoptr(LbHttpResponse) response = NULL;
  g_autofree char *address = NULL;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  address = g_strdup_printf ("http://127.0.0.1:%u/json",
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  lb_http_client_set_max_retries (client, 1);
  request = lb_http_request_new (LB_HTTP_GET, address);
  response = lb_http_client_send (client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_CONNECT);
  g_test_message ("%s", error->message);
  lb_test_assert_contains (error->message, "Could not connect to 127.0.0.1:");
}

static void
test_http_tls_to_plain (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbHttpRequest) request = NULL;
  g_autoptr(LbHttpResponse) response = NULL;
  g_autofree char *address = NULL;
  GThread *thread;

  address = g_strdup_printf ("https://127.0.0.1:%u/json", core_test_plain_server_start (&thread));

  lb_http_client_set_max_retries (client, 0);
  request = lb_http_request_new (LB_HTTP_GET, address);
  response = lb_http_client_send (client, request, NULL, &error);
  g_thread_join (thread);
  g_assert_null (response);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_TLS);
  lb_test_assert_contains (error->message, "TLS connection to 127.0.0.1:");
}

static void
test_http_bad_scheme (void)
{
  g_autoptr(LbHttpClient) client = fast_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbHttpRequest) request = lb_http_request_new (LB_HTTP_GET, "file:///etc/hostname");
  g_autoptr(LbHttpResponse) response = lb_http_client_send (client, request, NULL, &error);

  g_assert_null (response);
  g_assert_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL);
}

static void
test_http_parse_retry_after (void)
{
  /* 1994-11-06 08:49:37 UTC */
  const gint64 date = G_GINT64_CONSTANT (784111777);

  g_assert_cmpint (lb_http_parse_retry_after ("1", 0), ==, 1000);
  g_assert_cmpint (lb_http_parse_retry_after (" 120 ", 0), ==, 120000);
  g_assert_cmpint (lb_http_parse_retry_after ("0", 0), ==, 0);
  g_assert_cmpint (lb_http_parse_retry_after ("Sun, 06 Nov 1994 08:49:37 GMT", date - 5), ==, 5000);
  g_assert_cmpint (lb_http_parse_retry_after ("Sun, 06 Nov 1994 08:49:37 GMT", date + 5), ==, 0);
  g_assert_cmpint (lb_http_parse_retry_after ("soon", 0), ==, -1);
  g_assert_cmpint (lb_http_parse_retry_after ("-3", 0), ==, -1);
  g_assert_cmpint (lb_http_parse_retry_after ("1.5", 0), ==, -1);
  g_assert_cmpint (lb_http_parse_retry_after (NULL, 0), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* A proxy from the environment must not see the loopback requests. */
  g_setenv ("no_proxy", "127.0.0.1", TRUE);
  g_setenv ("NO_PROXY", "127.0.0.1", TRUE);
  g_test_init (&argc, &argv, NULL);
  paused = g_ptr_array_new_with_free_func (g_object_unref);
  test_server = core_test_server_start (handle, release_paused, NULL);

  g_test_add_func ("/lb/http/json", test_http_json);
  g_test_add_func ("/lb/http/redirect", test_http_redirect);
  g_test_add_func ("/lb/http/body", test_http_body);
  g_test_add_func ("/lb/http/retry-after", test_http_retry_after);
  g_test_add_func ("/lb/http/retry-500", test_http_retry_500);
  g_test_add_func ("/lb/http/give-up", test_http_give_up);
  g_test_add_func ("/lb/http/timeout", test_http_timeout);
  g_test_add_func ("/lb/http/too-large", test_http_too_large);
  g_test_add_func ("/lb/http/azure-error", test_http_azure_error);
  g_test_add_func ("/lb/http/odd-json", test_http_odd_json);
  g_test_add_func ("/lb/http/pages", test_http_pages);
  g_test_add_func ("/lb/http/pages-refused", test_http_pages_refused);
  g_test_add_func ("/lb/http/operation", test_http_operation);
  g_test_add_func ("/lb/http/async", test_http_async);
  g_test_add_func ("/lb/http/cancel", test_http_cancel);
  g_test_add_func ("/lb/http/refused", test_http_refused);
  g_test_add_func ("/lb/http/tls-to-plain", test_http_tls_to_plain);
  g_test_add_func ("/lb/http/bad-scheme", test_http_bad_scheme);
  g_test_add_func ("/lb/http/parse-retry-after", test_http_parse_retry_after);
  status = g_test_run ();

  core_test_server_stop (test_server);
  g_ptr_array_unref (paused);
  return status;
}
