/* lb-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-http"

#include "config.h"

#include <string.h>

#include <curl/curl.h>
#include <glib/gi18n-lib.h>

#include "lb-http-private.h"
#include "../model/lb-retry.h"

#define DEFAULT_CONNECT_TIMEOUT_MS 10000
#define DEFAULT_TIMEOUT_MS         60000
#define DEFAULT_MAX_RETRIES        4
#define DEFAULT_RETRY_BASE_MS      1000
#define DEFAULT_RETRY_MAX_MS       30000
#define RETRY_AFTER_MAX_MS         120000
#define DEFAULT_MAX_BODY_SIZE      (32 * 1024 * 1024)
#define MAX_REDIRECTS              5
/* Azure's error messages can be long; an error dialog needs the first lines only. */
#define MAX_SERVER_MESSAGE         600

#ifdef PACKAGE_VERSION
# define DEFAULT_USER_AGENT "Linkbench/" PACKAGE_VERSION
#else
# define DEFAULT_USER_AGENT "Linkbench"
#endif

G_DEFINE_QUARK (lb-http-error-quark, lb_http_error)

const char *
lb_http_method_to_string (LbHttpMethod method)
{
  switch (method)
    {
    case LB_HTTP_GET: return "GET";
    case LB_HTTP_POST: return "POST";
    case LB_HTTP_PUT: return "PUT";
    case LB_HTTP_PATCH: return "PATCH";
    case LB_HTTP_DELETE: return "DELETE";
    default: g_return_val_if_reached ("GET");
    }
}

static gboolean
method_is_idempotent (LbHttpMethod method)
{
  return method == LB_HTTP_GET || method == LB_HTTP_PUT || method == LB_HTTP_DELETE;
}

/* curl_global_init is not thread-safe; g_once makes the first caller do it, whichever
 * thread that is. */
static gpointer
global_init_once (gpointer data)
{
  CURLcode code = curl_global_init (CURL_GLOBAL_DEFAULT);

  if (code != CURLE_OK)
    g_critical ("curl_global_init failed: %s", curl_easy_strerror (code));
  return GINT_TO_POINTER (code == CURLE_OK);
}

static gboolean
ensure_curl (GError **error)
{
  static GOnce once = G_ONCE_INIT;

  if (!GPOINTER_TO_INT (g_once (&once, global_init_once, NULL)))
    {
      g_set_error_literal (error, LB_HTTP_ERROR, LB_HTTP_ERROR_FAILED,
                           _("The HTTP library could not be initialised."));
      return FALSE;
    }
  return TRUE;
}

/* Requests */

struct _LbHttpRequest
{
  LbHttpMethod  method;
  char         *url;
  GPtrArray    *header_lines;
  GBytes       *body;
  char         *content_type;
};

LbHttpRequest *
lb_http_request_new (LbHttpMethod  method,
                     const char   *url)
{
  LbHttpRequest *request;

  g_return_val_if_fail (url != NULL, NULL);

  request = g_atomic_rc_box_new0 (LbHttpRequest);
  request->method = method;
  request->url = g_strdup (url);
  request->header_lines = g_ptr_array_new_with_free_func (g_free);
  return request;
}

LbHttpRequest *
lb_http_request_ref (LbHttpRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return g_atomic_rc_box_acquire (request);
}

static void
request_clear (gpointer data)
{
  LbHttpRequest *request = data;

  g_free (request->url);
  g_ptr_array_unref (request->header_lines);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
}

void
lb_http_request_unref (LbHttpRequest *request)
{
  g_return_if_fail (request != NULL);

  g_atomic_rc_box_release_full (request, request_clear);
}

void
lb_http_request_add_header_line (LbHttpRequest *request,
                                 const char    *line)
{
  g_return_if_fail (request != NULL);
  g_return_if_fail (line != NULL && strchr (line, ':') != NULL);
  /* A line break would let a value smuggle a second header. */
  g_return_if_fail (strpbrk (line, "\r\n") == NULL);

  g_ptr_array_add (request->header_lines, g_strdup (line));
}

void
lb_http_request_add_header (LbHttpRequest *request,
                            const char    *name,
                            const char    *value)
{
  g_autofree char *line = NULL;

  g_return_if_fail (request != NULL);
  g_return_if_fail (name != NULL && *name != '\0' && strchr (name, ':') == NULL);
  g_return_if_fail (value != NULL);

  line = g_strdup_printf ("%s: %s", name, value);
  lb_http_request_add_header_line (request, line);
}

void
lb_http_request_set_body (LbHttpRequest *request,
                          GBytes        *body,
                          const char    *content_type)
{
  g_return_if_fail (request != NULL);

  g_clear_pointer (&request->body, g_bytes_unref);
  request->body = body != NULL ? g_bytes_ref (body) : NULL;
  g_free (request->content_type);
  request->content_type = g_strdup (content_type);
}

LbHttpMethod
lb_http_request_get_method (const LbHttpRequest *request)
{
  g_return_val_if_fail (request != NULL, LB_HTTP_GET);

  return request->method;
}

const char *
lb_http_request_get_url (const LbHttpRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->url;
}

/* Responses */

const char *
lb_http_response_get_header (const LbHttpResponse *response,
                             const char           *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = g_ascii_strdown (name, -1);
  return g_hash_table_lookup (response->headers, key);
}

JsonNode *
lb_http_response_get_json (const LbHttpResponse *response,
                           GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (response != NULL, NULL);

  data = g_bytes_get_data (response->body, &length);
  if (length == 0 || !json_parser_load_from_data (parser, data, length, error))
    {
      if (length == 0)
        g_set_error_literal (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                             _("The server answered with an empty body where JSON was expected."));
      return NULL;
    }
  return json_parser_steal_root (parser);
}

void
lb_http_response_free (LbHttpResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, g_hash_table_unref);
  g_free (response);
}

gint64
lb_http_parse_retry_after (const char *value,
                           gint64      now)
{
  guint64 seconds;
  time_t date;

  if (value == NULL)
    return -1;
  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_isdigit (*value))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      if (!g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXINT32, &seconds, NULL))
        return -1;
      return (gint64) seconds * 1000;
    }
  /* The HTTP-date form; curl_getdate knows RFC 7231's three date formats. */
  date = curl_getdate (value, NULL);
  if (date == -1)
    return -1;
  return date > now ? ((gint64) date - now) * 1000 : 0;
}

/* The client */

struct _LbHttpClient
{
  GObject  parent_instance;

  GMutex   lock;
  guint    connect_timeout_ms;
  guint    timeout_ms;
  guint    max_retries;
  guint    retry_base_ms;
  guint    retry_max_ms;
  gsize    max_body_size;
  char    *user_agent;
  char    *ca_file;
};

G_DEFINE_FINAL_TYPE (LbHttpClient, lb_http_client, G_TYPE_OBJECT)

/* A copy of the settings, taken when a request starts. */
typedef struct
{
  guint  connect_timeout_ms;
  guint  timeout_ms;
  guint  max_retries;
  guint  retry_base_ms;
  guint  retry_max_ms;
  gsize  max_body_size;
  char  *user_agent;
  char  *ca_file;
} Settings;

static void
settings_clear (Settings *settings)
{
  g_clear_pointer (&settings->user_agent, g_free);
  g_clear_pointer (&settings->ca_file, g_free);
}

static void
settings_copy (LbHttpClient *self,
               Settings     *settings)
{
  g_mutex_lock (&self->lock);
  settings->connect_timeout_ms = self->connect_timeout_ms;
  settings->timeout_ms = self->timeout_ms;
  settings->max_retries = self->max_retries;
  settings->retry_base_ms = self->retry_base_ms;
  settings->retry_max_ms = self->retry_max_ms;
  settings->max_body_size = self->max_body_size;
  settings->user_agent = g_strdup (self->user_agent);
  settings->ca_file = g_strdup (self->ca_file);
  g_mutex_unlock (&self->lock);
}

static void
lb_http_client_finalize (GObject *object)
{
  LbHttpClient *self = LB_HTTP_CLIENT (object);

  g_clear_pointer (&self->user_agent, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (lb_http_client_parent_class)->finalize (object);
}

static void
lb_http_client_class_init (LbHttpClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_http_client_finalize;
}

static void
lb_http_client_init (LbHttpClient *self)
{
  g_mutex_init (&self->lock);
  self->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->retry_base_ms = DEFAULT_RETRY_BASE_MS;
  self->retry_max_ms = DEFAULT_RETRY_MAX_MS;
  self->max_body_size = DEFAULT_MAX_BODY_SIZE;
  self->user_agent = g_strdup (DEFAULT_USER_AGENT);
}

LbHttpClient *
lb_http_client_new (void)
{
  return g_object_new (LB_TYPE_HTTP_CLIENT, NULL);
}

void
lb_http_client_set_connect_timeout (LbHttpClient *self,
                                    guint         msec)
{
  g_return_if_fail (LB_IS_HTTP_CLIENT (self));
  g_return_if_fail (msec > 0);

  g_mutex_lock (&self->lock);
  self->connect_timeout_ms = msec;
  g_mutex_unlock (&self->lock);
}

void
lb_http_client_set_timeout (LbHttpClient *self,
                            guint         msec)
{
  g_return_if_fail (LB_IS_HTTP_CLIENT (self));
  g_return_if_fail (msec > 0);

  g_mutex_lock (&self->lock);
  self->timeout_ms = msec;
  g_mutex_unlock (&self->lock);
}

void
lb_http_client_set_max_retries (LbHttpClient *self,
                                guint         max_retries)
{
  g_return_if_fail (LB_IS_HTTP_CLIENT (self));

  g_mutex_lock (&self->lock);
  self->max_retries = max_retries;
  g_mutex_unlock (&self->lock);
}

void
lb_http_client_set_retry_delay (LbHttpClient *self,
                                guint         base_msec,
                                guint         max_msec)
{
  g_return_if_fail (LB_IS_HTTP_CLIENT (self));
  g_return_if_fail (base_msec <= max_msec);

  g_mutex_lock (&self->lock);
  self->retry_base_ms = base_msec;
  self->retry_max_ms = max_msec;
  g_mutex_unlock (&self->lock);
}

void
lb_http_client_set_max_body_size (LbHttpClient *self,
                                  gsize         max_bytes)
{
  g_return_if_fail (LB_IS_HTTP_CLIENT (self));
  g_return_if_fail (max_bytes > 0);

  g_mutex_lock (&self->lock);
  self->max_body_size = max_bytes;
  g_mutex_unlock (&self->lock);
}

void
lb_http_client_set_user_agent (LbHttpClient *self,
                               const char   *user_agent)
{
  g_return_if_fail (LB_IS_HTTP_CLIENT (self));
  g_return_if_fail (user_agent != NULL);

  g_mutex_lock (&self->lock);
  g_free (self->user_agent);
  self->user_agent = g_strdup (user_agent);
  g_mutex_unlock (&self->lock);
}

void
lb_http_client_set_ca_file (LbHttpClient *self,
                            const char   *ca_file)
{
  g_return_if_fail (LB_IS_HTTP_CLIENT (self));

  g_mutex_lock (&self->lock);
  g_free (self->ca_file);
  self->ca_file = g_strdup (ca_file);
  g_mutex_unlock (&self->lock);
}

/* One transfer */

typedef struct
{
  GCancellable *cancellable;
  GByteArray   *body;
  gsize         max_body_size;
  gboolean      too_large;
  GHashTable   *headers;
} Transfer;

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  Transfer *transfer = user_data;
  gsize n = size * nmemb;

  if (n > transfer->max_body_size - transfer->body->len)
    {
      /* Returning short makes curl stop with CURLE_WRITE_ERROR. */
      transfer->too_large = TRUE;
      return 0;
    }
  g_byte_array_append (transfer->body, (const guint8 *) data, n);
  return n;
}

static size_t
header_cb (char   *data,
           size_t  size,
           size_t  nitems,
           void   *user_data)
{
  Transfer *transfer = user_data;
  gsize n = size * nitems;
  g_autofree char *line = g_strndup (data, n);
  char *colon;
  char *name;
  char *value;
  const char *previous;

  /* A status line starts the headers of a new answer (a redirect, 100 Continue): keep only
   * those of the last one. */
  if (g_str_has_prefix (line, "HTTP/"))
    {
      g_hash_table_remove_all (transfer->headers);
      return n;
    }
  if ((colon = strchr (line, ':')) == NULL)
    return n;
  *colon = '\0';
  name = g_ascii_strdown (g_strstrip (line), -1);
  value = g_strdup (g_strstrip (colon + 1));
  if ((previous = g_hash_table_lookup (transfer->headers, name)) != NULL)
    {
      char *joined = g_strconcat (previous, ", ", value, NULL);

      g_free (value);
      value = joined;
    }
  g_hash_table_replace (transfer->headers, name, value);
  return n;
}

static int
xferinfo_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Transfer *transfer = user_data;

  return g_cancellable_is_cancelled (transfer->cancellable) ? 1 : 0;
}

static char *
format_msec (guint msec)
{
  if (msec % 1000 == 0)
    return g_strdup_printf (_("%u s"), msec / 1000);
  return g_strdup_printf (_("%.1f s"), msec / 1000.0);
}

/* "32 MiB" rather than g_format_size's "32.0 MiB" for the round limits one sets. */
static char *
format_limit (gsize bytes)
{
  if (bytes % (1024 * 1024) == 0 && bytes / (1024 * 1024) <= G_MAXUINT)
    return g_strdup_printf (_("%u MiB"), (guint) (bytes / (1024 * 1024)));
  if (bytes % 1024 == 0 && bytes / 1024 <= G_MAXUINT)
    return g_strdup_printf (_("%u KiB"), (guint) (bytes / 1024));
  return g_strdup_printf (_("%.0f bytes"), (double) bytes);
}

int
_lb_http_uri_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port < 0)
    port = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
  return port;
}

gboolean
_lb_http_same_origin (GUri *a,
                      GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_uri_get_host (a) != NULL && g_uri_get_host (b) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         _lb_http_uri_port (a) == _lb_http_uri_port (b);
}

char *
_lb_http_url_host_port (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (_("the server"));
  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), _lb_http_uri_port (uri));
}

static gboolean
code_is_transient (CURLcode code)
{
  switch (code)
    {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
set_transfer_error (GError         **error,
                    CURL            *easy,
                    CURLcode         code,
                    const Settings  *settings,
                    const Transfer  *transfer,
                    const char      *url,
                    const char      *detail)
{
  g_autofree char *where = _lb_http_url_host_port (url);
  g_autofree char *limit = NULL;
  g_autofree char *seconds = NULL;
  curl_off_t pretransfer_time = 0;
  long os_errno = 0;

  if (detail == NULL || *detail == '\0')
    detail = curl_easy_strerror (code);

  switch (code)
    {
    case CURLE_OPERATION_TIMEDOUT:
      /* Before the transfer began, the connection (TCP, proxy, TLS) was still being set up. */
      curl_easy_getinfo (easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer_time);
      if (pretransfer_time == 0)
        {
          seconds = format_msec (MIN (settings->connect_timeout_ms, settings->timeout_ms));
          g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_TIMEOUT,
                       _("Could not connect to %s within %s."), where, seconds);
        }
      else
        {
          seconds = format_msec (settings->timeout_ms);
          g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_TIMEOUT,
                       _("The server %s did not answer within %s."), where, seconds);
        }
      break;
    case CURLE_COULDNT_CONNECT:
      /* "Connection refused" says more than curl's "Couldn't connect to server". */
      if (curl_easy_getinfo (easy, CURLINFO_OS_ERRNO, &os_errno) == CURLE_OK && os_errno != 0)
        detail = g_strerror ((int) os_errno);
      g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_CONNECT,
                   _("Could not connect to %s: %s"), where, detail);
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
      g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_DNS,
                   _("The name of %s could not be resolved: %s"), where, detail);
      break;
    case CURLE_COULDNT_RESOLVE_PROXY:
      g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_DNS,
                   _("The name of the proxy for %s could not be resolved: %s"), where, detail);
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_TLS,
                   _("The TLS certificate of %s could not be verified: %s"), where, detail);
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
      g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_TLS,
                   _("The TLS connection to %s failed: %s"), where, detail);
      break;
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_WRITE_ERROR:
      if (code == CURLE_FILESIZE_EXCEEDED || transfer->too_large)
        {
          limit = format_limit (settings->max_body_size);
          g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_TOO_LARGE,
                       _("The response from %s is larger than %s."), where, limit);
        }
      else
        g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_FAILED,
                     _("The response from %s could not be stored: %s"), where, detail);
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                   _("The address is not a valid http or https URL: %s"), detail);
      break;
    case CURLE_TOO_MANY_REDIRECTS:
      g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                   _("%s redirected more than %d times."), where, MAX_REDIRECTS);
      break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_CONNECT,
                   _("The connection to %s broke: %s"), where, detail);
      break;
    default:
      g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_PROTOCOL,
                   _("The request to %s failed: %s"), where, detail);
      break;
    }
}

/* Anything but a string is absent here, rather than a critical in json-glib. */
const char *
_lb_http_string_member (JsonObject *object,
                        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Azure answers errors as {"error": {"code", "message"}} (some resource providers drop the
 * "error" wrapper). */
static void
set_status_error (GError     **error,
                  const char  *url,
                  guint        status,
                  GBytes      *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *where = _lb_http_url_host_port (url);
  g_autofree char *message = NULL;
  const char *code = NULL;
  const char *text = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);

  if (length > 0 && json_parser_load_from_data (parser, data, length, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));
      JsonNode *inner = json_object_get_member (object, "error");

      if (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner))
        object = json_node_get_object (inner);
      code = _lb_http_string_member (object, "code");
      text = _lb_http_string_member (object, "message");
    }
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    {
      if (g_utf8_strlen (text, -1) > MAX_SERVER_MESSAGE)
        {
          g_autofree char *head = g_utf8_substring (text, 0, MAX_SERVER_MESSAGE);

          message = g_strconcat (head, "…", NULL);
        }
      else
        message = g_strdup (text);
    }

  if (code != NULL && !g_utf8_validate (code, -1, NULL))
    code = NULL;
  if (code != NULL && message != NULL)
    g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_HTTP_STATUS,
                 _("%s answered with HTTP status %u, %s: %s"), where, status, code, message);
  else if (code != NULL || message != NULL)
    g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_HTTP_STATUS,
                 _("%s answered with HTTP status %u: %s"), where, status, code != NULL ? code : message);
  else
    g_set_error (error, LB_HTTP_ERROR, LB_HTTP_ERROR_HTTP_STATUS,
                 _("%s answered with HTTP status %u."), where, status);
}

static gboolean
setup_easy (CURL                *easy,
            const LbHttpRequest *request,
            const Settings      *settings,
            Transfer            *transfer,
            struct curl_slist   *headers,
            char                *errbuf)
{
  gboolean ok = TRUE;
  gsize length = 0;
  const char *data = NULL;

#define SET(option, value) ok = ok && curl_easy_setopt (easy, option, value) == CURLE_OK
  SET (CURLOPT_ERRORBUFFER, errbuf);
  SET (CURLOPT_URL, request->url);
  /* Never http→file:// or anything else, not even through a redirect. */
  SET (CURLOPT_PROTOCOLS_STR, "http,https");
  SET (CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  SET (CURLOPT_FOLLOWLOCATION, 1L);
  SET (CURLOPT_MAXREDIRS, (long) MAX_REDIRECTS);
  /* Signals and threads do not mix; the threaded resolver needs no alarm(). */
  SET (CURLOPT_NOSIGNAL, 1L);
  SET (CURLOPT_CONNECTTIMEOUT_MS, (long) settings->connect_timeout_ms);
  SET (CURLOPT_TIMEOUT_MS, (long) settings->timeout_ms);
  SET (CURLOPT_SSL_VERIFYPEER, 1L);
  SET (CURLOPT_SSL_VERIFYHOST, 2L);
  if (settings->ca_file != NULL)
    SET (CURLOPT_CAINFO, settings->ca_file);
  SET (CURLOPT_USERAGENT, settings->user_agent);
  SET (CURLOPT_ACCEPT_ENCODING, "");
  /* curl aborts early when Content-Length already says too much; the write callback
   * catches chunked and compressed bodies. */
  SET (CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) settings->max_body_size);
  SET (CURLOPT_WRITEFUNCTION, write_cb);
  SET (CURLOPT_WRITEDATA, transfer);
  SET (CURLOPT_HEADERFUNCTION, header_cb);
  SET (CURLOPT_HEADERDATA, transfer);
  SET (CURLOPT_NOPROGRESS, 0L);
  SET (CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
  SET (CURLOPT_XFERINFODATA, transfer);
  SET (CURLOPT_HTTPHEADER, headers);

  if (request->body != NULL)
    data = g_bytes_get_data (request->body, &length);
  switch (request->method)
    {
    case LB_HTTP_GET:
      SET (CURLOPT_HTTPGET, 1L);
      break;
    case LB_HTTP_POST:
    case LB_HTTP_PUT:
    case LB_HTTP_PATCH:
    case LB_HTTP_DELETE:
      if (request->method != LB_HTTP_POST)
        SET (CURLOPT_CUSTOMREQUEST, lb_http_method_to_string (request->method));
      /* A bodiless POST/PUT/PATCH still sends "Content-Length: 0", which ARM wants. */
      if (request->body != NULL || request->method != LB_HTTP_DELETE)
        {
          SET (CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) length);
          SET (CURLOPT_POSTFIELDS, data != NULL ? data : "");
        }
      break;
    default:
      g_assert_not_reached ();
    }
#undef SET
  return ok;
}

/* Runs one transfer. A multi handle with the cancellable's fd in curl_multi_poll makes
 * cancelling immediate, even while curl waits for a silent server. */
static CURLcode
perform (CURL         *easy,
         GCancellable *cancellable)
{
  CURLM *multi = curl_multi_init ();
  CURLcode result = CURLE_OUT_OF_MEMORY;
  struct curl_waitfd waitfd = { 0 };
  GPollFD pollfd = { 0 };
  gboolean have_fd = FALSE;
  int running = 1;
  CURLMsg *msg;
  int queued;

  if (multi == NULL)
    return CURLE_OUT_OF_MEMORY;
  if (curl_multi_add_handle (multi, easy) != CURLM_OK)
    {
      curl_multi_cleanup (multi);
      return CURLE_OUT_OF_MEMORY;
    }
  if (cancellable != NULL && g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      have_fd = TRUE;
      waitfd.fd = pollfd.fd;
      waitfd.events = CURL_WAIT_POLLIN;
    }

  while (running > 0)
    {
      if (curl_multi_perform (multi, &running) != CURLM_OK)
        break;
      if (running == 0)
        break;
      if (g_cancellable_is_cancelled (cancellable))
        {
          result = CURLE_ABORTED_BY_CALLBACK;
          break;
        }
      if (curl_multi_poll (multi, have_fd ? &waitfd : NULL, have_fd ? 1 : 0, 1000, NULL) != CURLM_OK)
        break;
    }
  while ((msg = curl_multi_info_read (multi, &queued)) != NULL)
    if (msg->msg == CURLMSG_DONE && msg->easy_handle == easy)
      result = msg->data.result;

  if (have_fd)
    g_cancellable_release_fd (cancellable);
  curl_multi_remove_handle (multi, easy);
  curl_multi_cleanup (multi);
  return result;
}

/* One try: fills *response on an HTTP answer (any status), or @error on a transport
 * failure. *transient says whether a retry could help. */
static LbHttpResponse *
attempt (const LbHttpRequest  *request,
         const Settings       *settings,
         GCancellable         *cancellable,
         gboolean             *transient,
         GError              **error)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  struct curl_slist *list = NULL;
  char errbuf[CURL_ERROR_SIZE] = "";
  Transfer transfer = { cancellable, body, settings->max_body_size, FALSE, headers };
  LbHttpResponse *response = NULL;
  CURL *easy;
  CURLcode code;
  long status = 0;

  *transient = FALSE;
  if ((easy = curl_easy_init ()) == NULL)
    {
      g_set_error_literal (error, LB_HTTP_ERROR, LB_HTTP_ERROR_FAILED, _("Out of memory for an HTTP request."));
      return NULL;
    }
  for (guint i = 0; i < request->header_lines->len; i++)
    list = curl_slist_append (list, request->header_lines->pdata[i]);
  if (request->content_type != NULL)
    {
      g_autofree char *line = g_strdup_printf ("Content-Type: %s", request->content_type);

      list = curl_slist_append (list, line);
    }
  /* "Expect: 100-continue" costs a round trip (or a 1 s stall) for every body over 1 KiB. */
  list = curl_slist_append (list, "Expect:");

  if (!setup_easy (easy, request, settings, &transfer, list, errbuf))
    {
      g_set_error_literal (error, LB_HTTP_ERROR, LB_HTTP_ERROR_FAILED,
                           _("The HTTP library refused the request settings."));
      goto out;
    }

  code = perform (easy, cancellable);
  if (code == CURLE_ABORTED_BY_CALLBACK || g_cancellable_is_cancelled (cancellable))
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The request was cancelled."));
      goto out;
    }
  if (code != CURLE_OK)
    {
      *transient = code_is_transient (code);
      set_transfer_error (error, easy, code, settings, &transfer, request->url, errbuf);
      goto out;
    }

  curl_easy_getinfo (easy, CURLINFO_RESPONSE_CODE, &status);
  response = g_new0 (LbHttpResponse, 1);
  response->status = (guint) status;
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&body));
  response->headers = g_steal_pointer (&headers);

out:
  curl_slist_free_all (list);
  curl_easy_cleanup (easy);
  return response;
}

static gboolean
status_is_retryable (guint        status,
                     LbHttpMethod method)
{
  if (status == 429 || status == 503)
    return TRUE;
  return method_is_idempotent (method) && (status == 500 || status == 502 || status == 504);
}

LbHttpResponse *
lb_http_client_send (LbHttpClient   *self,
                     LbHttpRequest  *request,
                     GCancellable   *cancellable,
                     GError        **error)
{
  Settings settings = { 0 };
  LbHttpResponse *response = NULL;
  guint retry_after_waits = 0;
  guint attempts = 0;

  g_return_val_if_fail (LB_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_curl (error))
    return NULL;
  settings_copy (self, &settings);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean transient = FALSE;
      gboolean retry;
      gint64 delay = -1;

      g_clear_pointer (&response, lb_http_response_free);
      attempts++;
      response = attempt (request, &settings, cancellable, &transient, &local_error);

      if (response != NULL)
        retry = status_is_retryable (response->status, request->method);
      else
        retry = transient && method_is_idempotent (request->method);

      if (!retry || attempts > settings.max_retries)
        {
          if (response == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              break;
            }
          response->attempts = attempts;
          response->retry_after_waits = retry_after_waits;
          if (response->status >= 400)
            set_status_error (error, request->url, response->status, response->body);
          break;
        }

      if (response != NULL)
        {
          delay = lb_http_parse_retry_after (lb_http_response_get_header (response, "Retry-After"),
                                             g_get_real_time () / G_USEC_PER_SEC);
          if (delay >= 0)
            {
              delay = MIN (delay, (gint64) MAX (RETRY_AFTER_MAX_MS, settings.retry_max_ms));
              retry_after_waits++;
            }
        }
      if (delay < 0)
        delay = lb_retry_backoff_ms (settings.retry_base_ms, settings.retry_max_ms, attempts - 1);
      g_debug ("%s attempt %u failed (%s), retrying in %" G_GINT64_FORMAT " ms",
               lb_http_method_to_string (request->method), attempts,
               response != NULL ? "HTTP status" : "transport error", delay);
      if (!lb_retry_wait (cancellable, delay, error))
        {
          g_clear_pointer (&response, lb_http_response_free);
          break;
        }
    }

  settings_clear (&settings);
  return response;
}

/* The async variants: the response of an HTTP error status travels in the task data, as a
 * GTask returns either a value or an error. */
typedef struct
{
  LbHttpRequest  *request;
  LbHttpResponse *response;
} SendJob;

static void
send_job_free (SendJob *job)
{
  g_clear_pointer (&job->request, lb_http_request_unref);
  g_clear_pointer (&job->response, lb_http_response_free);
  g_free (job);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SendJob *job = task_data;
  GError *error = NULL;
  LbHttpResponse *response = lb_http_client_send (source_object, job->request, cancellable, &error);

  if (error != NULL)
    {
      job->response = response;
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, response, (GDestroyNotify) lb_http_response_free);
}

void
lb_http_client_send_async (LbHttpClient        *self,
                           LbHttpRequest       *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendJob *job;

  g_return_if_fail (LB_IS_HTTP_CLIENT (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  job = g_new0 (SendJob, 1);
  job->request = lb_http_request_ref (request);
  g_task_set_source_tag (task, lb_http_client_send_async);
  g_task_set_task_data (task, job, (GDestroyNotify) send_job_free);
  g_task_run_in_thread (task, send_thread);
}

LbHttpResponse *
lb_http_client_send_finish (LbHttpClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  LbHttpResponse *response;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  response = g_task_propagate_pointer (G_TASK (result), error);
  if (response == NULL)
    {
      SendJob *job = g_task_get_task_data (G_TASK (result));

      response = g_steal_pointer (&job->response);
    }
  return response;
}
