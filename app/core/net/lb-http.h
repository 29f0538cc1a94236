/* lb-http.h: the core's one HTTP client (ARM, retail prices), on libcurl easy handles.
 * A request runs on the calling thread and blocks; the _async variants run it on a GTask
 * worker thread. Retries on throttling and transient server errors, honours Retry-After,
 * follows ARM's nextLink paging, and turns curl's failures into messages a user understands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LB_HTTP_ERROR (lb_http_error_quark ())

typedef enum
{
  LB_HTTP_ERROR_FAILED,
  LB_HTTP_ERROR_TIMEOUT,     /* no answer within the connect or total timeout */
  LB_HTTP_ERROR_CONNECT,     /* refused, unreachable, reset while connecting */
  LB_HTTP_ERROR_DNS,         /* the host (or proxy) name does not resolve */
  LB_HTTP_ERROR_TLS,         /* handshake failed or the certificate is not trusted */
  LB_HTTP_ERROR_TOO_LARGE,   /* the body exceeds the client's maximum body size */
  LB_HTTP_ERROR_HTTP_STATUS, /* a 4xx/5xx answer (after retries); the response is returned too */
  LB_HTTP_ERROR_PROTOCOL,    /* malformed answer, bad URL or scheme, redirect or paging loop */
} LbHttpErrorCode;

GQuark lb_http_error_quark (void);

typedef enum
{
  LB_HTTP_GET,
  LB_HTTP_POST,
  LB_HTTP_PUT,
  LB_HTTP_PATCH,
  LB_HTTP_DELETE,
} LbHttpMethod;

const char *lb_http_method_to_string (LbHttpMethod method);

/* A request; reference-counted and immutable once handed to the client. */
typedef struct _LbHttpRequest LbHttpRequest;

LbHttpRequest *lb_http_request_new        (LbHttpMethod   method,
                                           const char    *url);
LbHttpRequest *lb_http_request_ref        (LbHttpRequest *request);
void           lb_http_request_unref      (LbHttpRequest *request);
/* Header values (e.g. "Bearer …") are never logged nor put in an error message. */
void           lb_http_request_add_header (LbHttpRequest *request,
                                           const char    *name,
                                           const char    *value);
/* Adds a "Name: value" line as is. */
void           lb_http_request_add_header_line (LbHttpRequest *request,
                                                const char    *line);
void           lb_http_request_set_body   (LbHttpRequest *request,
                                           GBytes        *body,
                                           const char    *content_type);
LbHttpMethod   lb_http_request_get_method (const LbHttpRequest *request);
const char    *lb_http_request_get_url    (const LbHttpRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbHttpRequest, lb_http_request_unref)

typedef struct
{
  guint   status;            /* HTTP status of the final answer */
  GBytes *body;              /* never NULL; empty when there was none */
  guint   attempts;          /* transfers made, retries included */
  guint   retry_after_waits; /* waits that followed a Retry-After header */
  /*< private >*/
  GHashTable *headers;       /* lower-case name → value (repeats joined with ", ") */
} LbHttpResponse;

/* Case-insensitive; (nullable) (transfer none). */
const char *lb_http_response_get_header (const LbHttpResponse *response,
                                         const char           *name);
/* Parses the body as JSON; (transfer full). */
JsonNode   *lb_http_response_get_json   (const LbHttpResponse *response,
                                         GError              **error);
void        lb_http_response_free       (LbHttpResponse       *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbHttpResponse, lb_http_response_free)

/* Milliseconds to wait for a Retry-After value (delta seconds or an HTTP date, compared
 * with @now, POSIX seconds); -1 when it is neither. */
gint64 lb_http_parse_retry_after (const char *value,
                                  gint64      now);

#define LB_TYPE_HTTP_CLIENT (lb_http_client_get_type ())

G_DECLARE_FINAL_TYPE (LbHttpClient, lb_http_client, LB, HTTP_CLIENT, GObject)

/* Defaults: connect timeout 10 s, total timeout 60 s, 4 retries, retry delay 1 s doubling
 * with full jitter up to 30 s (Retry-After is capped at 120 s), body limit 32 MiB, user agent
 * "Linkbench/<version>", system CA store. TLS verification is always on. The settings are
 * read when a request starts; set them before sharing the client between threads. */
LbHttpClient *lb_http_client_new                (void);
void          lb_http_client_set_connect_timeout (LbHttpClient *self,
                                                  guint         msec);
void          lb_http_client_set_timeout         (LbHttpClient *self,
                                                  guint         msec);
void          lb_http_client_set_max_retries     (LbHttpClient *self,
                                                  guint         max_retries);
/* Base and cap of the exponential backoff; the cap also bounds Retry-After waits when it is
 * larger than 120 s. */
void          lb_http_client_set_retry_delay     (LbHttpClient *self,
                                                  guint         base_msec,
                                                  guint         max_msec);
void          lb_http_client_set_max_body_size   (LbHttpClient *self,
                                                  gsize         max_bytes);
void          lb_http_client_set_user_agent      (LbHttpClient *self,
                                                  const char   *user_agent);
/* A PEM file of CA certificates to trust instead of the system store (tests); NULL resets. */
void          lb_http_client_set_ca_file         (LbHttpClient *self,
                                                  const char   *ca_file);

/* Sends @request, retrying 429/503 always and 500/502/504, timeouts and connection
 * failures for idempotent methods (GET, PUT, DELETE). Returns the response, or NULL with
 * @error for transport failures. For a 4xx/5xx answer it returns the response AND sets
 * LB_HTTP_ERROR_HTTP_STATUS (with Azure's error code and message when the body has them):
 * free both. A cancelled @cancellable gives G_IO_ERROR_CANCELLED. Blocking. */
LbHttpResponse *lb_http_client_send        (LbHttpClient        *self,
                                            LbHttpRequest       *request,
                                            GCancellable        *cancellable,
                                            GError             **error);
void            lb_http_client_send_async  (LbHttpClient        *self,
                                            LbHttpRequest       *request,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* Same contract as lb_http_client_send(). */
LbHttpResponse *lb_http_client_send_finish (LbHttpClient        *self,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
