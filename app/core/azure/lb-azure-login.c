/* lb-azure-login.c: the OAuth 2.0 client-credentials and device-code grants of Entra ID.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lb-azure-login.h"
#include "../model/lb-retry.h"
#include "../model/lb-secret.h"
#include "../model/lb-time.h"

G_DEFINE_QUARK (lb-azure-login-error-quark, lb_azure_login_error)

/* A tenant or client id goes into a URL path or a form: GUIDs and domain names only. */
static gboolean
check_identifier (const char *what,
                  const char *value,
                  GError    **error)
{
  if (value != NULL && *value != '\0' && strlen (value) <= 128)
    {
      const char *p = value;

      while (*p != '\0' && (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_'))
        p++;
      if (*p == '\0')
        return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a valid %s"), value != NULL ? value : "",
               what);
  return FALSE;
}

/* "a=b&c=d" with every value escaped; the result holds secrets: wipe it. */
static GBytes *
form_body (const char *const *pairs)
{
  GString *body = g_string_new (NULL);
  gsize length;

  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      g_autofree char *value = g_uri_escape_string (pairs[i + 1], NULL, FALSE);

      g_string_append_printf (body, "%s%s=%s", i > 0 ? "&" : "", pairs[i], value);
      memset (value, 0, strlen (value));
    }
  length = body->len;
  return g_bytes_new_take (g_string_free (body, FALSE), length);
}

static void
wipe_bytes (GBytes *bytes)
{
  gsize size = 0;
  gpointer data = (gpointer) g_bytes_get_data (bytes, &size);

  if (data != NULL)
    memset (data, 0, size);
  g_bytes_unref (bytes);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
}

static gint64
int_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return -1;
}

/* POSTs the form and returns the answer's JSON object, whatever its status; NULL with an
 * error when there is no JSON object to read. */
static JsonNode *
post_form (LbHttpClient      *client,
           const char        *url,
           const char *const *pairs,
           guint             *status,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(LbHttpRequest) request = lb_http_request_new (LB_HTTP_POST, url);
  g_autoptr(LbHttpResponse) response = NULL;
  g_autoptr(GError) http_error = NULL;
  g_autoptr(GError) json_error = NULL;
  GBytes *body = form_body (pairs);
  JsonNode *json;

  lb_http_request_set_body (request, body, "application/x-www-form-urlencoded");
  lb_http_request_add_header (request, "Accept", "application/json");
  response = lb_http_client_send (client, request, cancellable, &http_error);
  /* The request keeps a reference: wipe the secret now that it has been sent. */
  wipe_bytes (body);
  if (response == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&http_error));
      return NULL;
    }
  *status = response->status;
  json = lb_http_response_get_json (response, &json_error);
  if (json == NULL || !JSON_NODE_HOLDS_OBJECT (json))
    {
      if (json != NULL)
        json_node_unref (json);
      if (http_error != NULL)
        g_propagate_error (error, g_steal_pointer (&http_error));
      else
        g_set_error (error, LB_AZURE_LOGIN_ERROR, LB_AZURE_LOGIN_ERROR_PROTOCOL,
                     _("The sign-in endpoint %s did not answer with JSON"), url);
      return NULL;
    }
  return json;
}

/* The token of a successful answer; else the endpoint's error as a sentence. */
static LbAzureToken *
read_token (JsonObject *object,
            guint       status,
            gint64      now,
            GError    **error)
{
  const char *access_token = string_member (object, "access_token");
  const char *code = string_member (object, "error");
  const char *description = string_member (object, "error_description");
  gint64 expires_in = int_member (object, "expires_in");
  LbAzureToken *token;

  if (status == 200 && access_token != NULL && expires_in > 0)
    {
      token = g_new0 (LbAzureToken, 1);
      token->access_token = g_strdup (access_token);
      token->token_type = g_strdup (string_member (object, "token_type") != NULL ? string_member (object, "token_type")
                                                                                  : "Bearer");
      token->expires_at = now + expires_in * 1000;
      return token;
    }
  if (code == NULL)
    {
      g_set_error (error, LB_AZURE_LOGIN_ERROR, LB_AZURE_LOGIN_ERROR_PROTOCOL,
                   _("The sign-in endpoint answered %u without a token"), status);
      return NULL;
    }
  /* invalid_client: a wrong or expired secret (AADSTS7000215, AADSTS7000222) or an unknown
   * application; unauthorized_client, invalid_request: an unknown tenant and the like. */
  g_set_error (error, LB_AZURE_LOGIN_ERROR,
               g_str_equal (code, "invalid_client") || g_str_equal (code, "unauthorized_client")
                 ? LB_AZURE_LOGIN_ERROR_CREDENTIALS
                 : g_str_equal (code, "authorization_declined") ? LB_AZURE_LOGIN_ERROR_DECLINED
                 : g_str_equal (code, "expired_token") ? LB_AZURE_LOGIN_ERROR_EXPIRED
                 : LB_AZURE_LOGIN_ERROR_FAILED,
               /* TRANSLATORS: "Sign-in refused (invalid_client): AADSTS7000215: Invalid client secret provided." */
               _("Sign-in refused (%s): %s"), code, description != NULL ? description : _("no reason given"));
  return NULL;
}

static char *
token_url (const char *login_url,
           const char *tenant,
           const char *what)
{
  return g_strdup_printf ("%s/%s/oauth2/v2.0/%s", login_url != NULL ? login_url : LB_AZURE_LOGIN_DEFAULT_URL, tenant,
                          what);
}

LbAzureToken *
lb_azure_login_client_secret (LbHttpClient  *client,
                              const char    *login_url,
                              const char    *tenant,
                              const char    *client_id,
                              const char    *secret,
                              gint64         now,
                              GCancellable  *cancellable,
                              GError       **error)
{
  const char *const pairs[] = { "grant_type", "client_credentials", "client_id", client_id, "client_secret", secret,
                                "scope", LB_ARM_SCOPE, NULL };
  g_autofree char *url = NULL;
  g_autoptr(JsonNode) json = NULL;
  guint status = 0;

  if (!check_identifier (_("tenant"), tenant, error) || !check_identifier (_("client id"), client_id, error))
    return NULL;
  url = token_url (login_url, tenant, "token");
  if ((json = post_form (client, url, pairs, &status, cancellable, error)) == NULL)
    return NULL;
  return read_token (json_node_get_object (json), status, now, error);
}

gboolean
lb_azure_login_save_secret (const char    *tenant,
                            const char    *client_id,
                            const char    *secret,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *label = NULL;

  if (!check_identifier (_("tenant"), tenant, error) || !check_identifier (_("client id"), client_id, error))
    return FALSE;
  /* TRANSLATORS: the keyring item's name */
  label = g_strdup_printf (_("Linkbench Azure client secret %s (tenant %s)"), client_id, tenant);
  return lb_secret_store (LB_SECRET_AZURE_CLIENT, tenant, client_id, label, secret, cancellable, error);
}

LbAzureToken *
lb_azure_login_service_principal (LbHttpClient  *client,
                                  const char    *login_url,
                                  const char    *tenant,
                                  const char    *client_id,
                                  gint64         now,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret = lb_secret_lookup (LB_SECRET_AZURE_CLIENT, tenant, client_id, cancellable, &local_error);
  LbAzureToken *token;

  if (secret == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LB_AZURE_LOGIN_ERROR, LB_AZURE_LOGIN_ERROR_CREDENTIALS,
                     _("No client secret is kept for %s in tenant %s: save it first"), client_id, tenant);
      return NULL;
    }
  token = lb_azure_login_client_secret (client, login_url, tenant, client_id, secret, now, cancellable, error);
  lb_secret_free (secret);
  return token;
}

void
lb_device_code_free (LbDeviceCode *code)
{
  if (code == NULL)
    return;
  if (code->device_code != NULL)
    memset (code->device_code, 0, strlen (code->device_code));
  g_free (code->device_code);
  g_free (code->user_code);
  g_free (code->verification_uri);
  g_free (code->message);
  g_free (code);
}

LbDeviceCode *
lb_azure_login_device_code (LbHttpClient  *client,
                            const char    *login_url,
                            const char    *tenant,
                            const char    *client_id,
                            gint64         now,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *scope = g_strdup_printf ("%s offline_access", LB_ARM_SCOPE);
  const char *const pairs[] = { "client_id", client_id, "scope", scope, NULL };
  g_autofree char *url = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;
  LbDeviceCode *code;
  guint status = 0;
  gint64 expires_in, interval;

  if (!check_identifier (_("tenant"), tenant, error) || !check_identifier (_("client id"), client_id, error))
    return NULL;
  url = token_url (login_url, tenant, "devicecode");
  if ((json = post_form (client, url, pairs, &status, cancellable, error)) == NULL)
    return NULL;
  object = json_node_get_object (json);
  expires_in = int_member (object, "expires_in");
  interval = int_member (object, "interval");
  if (status != 200 || string_member (object, "device_code") == NULL || string_member (object, "user_code") == NULL
      || string_member (object, "verification_uri") == NULL || expires_in <= 0)
    {
      read_token (object, status == 200 ? 0 : status, now, error);
      return NULL;
    }
  code = g_new0 (LbDeviceCode, 1);
  code->device_code = g_strdup (string_member (object, "device_code"));
  code->user_code = g_strdup (string_member (object, "user_code"));
  code->verification_uri = g_strdup (string_member (object, "verification_uri"));
  code->message = g_strdup (string_member (object, "message"));
  if (code->message == NULL)
    /* TRANSLATORS: how to sign in with a device code */
    code->message = g_strdup_printf (_("To sign in, open %s and enter the code %s."), code->verification_uri,
                                     code->user_code);
  code->expires_at = now + expires_in * 1000;
  /* RFC 8628: 5 s when the endpoint names no interval. */
  code->interval_ms = (interval > 0 ? interval : 5) * 1000;
  return code;
}

LbAzureToken *
lb_azure_login_device_wait (LbHttpClient       *client,
                            const char         *login_url,
                            const char         *tenant,
                            const char         *client_id,
                            const LbDeviceCode *code,
                            GCancellable       *cancellable,
                            GError            **error)
{
  const char *const pairs[] = { "grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", client_id,
                                "device_code", code->device_code, NULL };
  g_autofree char *url = token_url (login_url, tenant, "token");
  gint64 interval = code->interval_ms;

  for (;;)
    {
      g_autoptr(JsonNode) json = NULL;
      const char *error_code;
      guint status = 0;

      if (lb_time_now_ms () >= code->expires_at)
        {
          g_set_error (error, LB_AZURE_LOGIN_ERROR, LB_AZURE_LOGIN_ERROR_EXPIRED,
                       _("The sign-in code %s expired before anyone signed in with it"), code->user_code);
          return NULL;
        }
      if (!lb_retry_wait (cancellable, interval, error))
        return NULL;
      if ((json = post_form (client, url, pairs, &status, cancellable, error)) == NULL)
        return NULL;
      error_code = string_member (json_node_get_object (json), "error");
      /* RFC 8628 §3.5: keep asking while pending; five seconds slower when told so. */
      if (g_strcmp0 (error_code, "authorization_pending") == 0)
        continue;
      if (g_strcmp0 (error_code, "slow_down") == 0)
        {
          interval += 5000;
          continue;
        }
      return read_token (json_node_get_object (json), status, lb_time_now_ms (), error);
    }
}
