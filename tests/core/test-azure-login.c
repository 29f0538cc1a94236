/* test-azure-login.c: ARM tokens from a loopback Entra ID (libsoup) — client credentials
 * sent as a form with the ARM scope, a wrong secret's AADSTS message, the secret kept in and
 * read from the keyring (libsecret's file backend), malformed answers; the device-code flow
 * pending, slowing down and then signing in, declined, and expired.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "core-test-server.h"
#include "lb-core.h"
#include "lb-test-util.h"

#define TENANT "72f988bf-86f1-41af-91ab-2d7cd011db47"
#define CLIENT "0f4c8a1e-5b7d-4e0a-9a55-3c2d1b0e9f11"
#define SECRET "s3cr&t=+value"

typedef struct
{
  CoreTestServer *server;
  LbHttpClient   *client;
  char           *login;
  GMutex          lock;
  GString        *last_body;
  int             polls;   /* device-code token requests so far */
  const char     *device;  /* "ok", "declined", "expired" */
} Fixture;

static Fixture *current;

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  g_autofree char *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GHashTable) form = soup_form_decode (body);
  const char *grant = g_hash_table_lookup (form, "grant_type");
  int polls;

  g_mutex_lock (&current->lock);
  g_string_assign (current->last_body, body);
  g_mutex_unlock (&current->lock);
  if (g_str_has_suffix (path, "/devicecode"))
    {
      core_test_server_reply (msg, 200, "{\"device_code\": \"DAQABAAEAAAD\", \"user_code\": \"FZ7QK3MB2\","
                                        " \"verification_uri\": \"https://microsoft.com/devicelogin\", \"expires_in\": 900,"
                                        " \"interval\": 0, \"message\": \"To sign in, use a web browser to open the page"
                                        " https://microsoft.com/devicelogin and enter the code FZ7QK3MB2 to authenticate.\"}");
      return;
    }
  if (g_strcmp0 (grant, "client_credentials") == 0)
    {
      if (g_strcmp0 (g_hash_table_lookup (form, "client_secret"), SECRET) != 0)
        core_test_server_reply (msg, 401, "{\"error\": \"invalid_client\", \"error_description\": \"AADSTS7000215: "
                                          "Invalid client secret provided.\", \"error_codes\": [7000215]}");
      else if (g_strcmp0 (g_hash_table_lookup (form, "scope"), "https://management.azure.com/.default") != 0)
        core_test_server_reply (msg, 400, "{\"error\": \"invalid_scope\"}");
      else
        core_test_server_reply (msg, 200, "{\"token_type\": \"Bearer\", \"expires_in\": 3599, \"access_token\": \"eyJ0.arm\"}");
      return;
    }
  polls = g_atomic_int_add (&current->polls, 1) + 1;
  if (g_str_equal (current->device, "declined") && polls >= 2)
    core_test_server_reply (msg, 400, "{\"error\": \"authorization_declined\", \"error_description\": \"AADSTS70000: "
                                      "The user declined to sign in.\"}");
  else if (g_str_equal (current->device, "expired") && polls >= 2)
    core_test_server_reply (msg, 400, "{\"error\": \"expired_token\", \"error_description\": \"AADSTS70020: expired\"}");
  else if (polls == 1)
    core_test_server_reply (msg, 400, "{\"error\": \"authorization_pending\"}");
  else if (polls == 2)
    core_test_server_reply (msg, 400, "{\"error\": \"slow_down\"}");
  else
    core_test_server_reply (msg, 200, "{\"token_type\": \"Bearer\", \"expires_in\": 4000, \"access_token\": \"eyJ0.device\","
                                      " \"refresh_token\": \"0.ARoA\"}");
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  current = f;
  g_mutex_init (&f->lock);
  f->last_body = g_string_new (NULL);
  f->device = data != NULL ? data : "ok";
  f->server = core_test_server_start (handle, NULL, NULL);
  f->login = g_strdup (core_test_server_get_base (f->server));
  f->client = lb_http_client_new ();
  lb_http_client_set_max_retries (f->client, 0);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  core_test_server_stop (f->server);
  g_clear_object (&f->client);
  g_free (f->login);
  g_string_free (f->last_body, TRUE);
  g_mutex_clear (&f->lock);
  current = NULL;
}

static void
test_client_secret (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbAzureToken) token = lb_azure_login_client_secret (f->client, f->login, TENANT, CLIENT, SECRET, 1000,
                                                                NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (token->access_token, ==, "eyJ0.arm");
  g_assert_cmpint (token->expires_at, ==, 1000 + 3599 * 1000);
  /* The secret went out form-escaped, not pasted. */
  lb_test_assert_contains (f->last_body->str, "client_secret=s3cr%26t%3D%2Bvalue");
  g_clear_pointer (&token, lb_azure_token_free);

  g_assert_null (lb_azure_login_client_secret (f->client, f->login, TENANT, CLIENT, "wrong", 0, NULL, &error));
  g_assert_error (error, LB_AZURE_LOGIN_ERROR, LB_AZURE_LOGIN_ERROR_CREDENTIALS);
  lb_test_assert_contains (error->message, "Sign-in refused (invalid_client): AADSTS7000215");
  g_clear_error (&error);

  g_assert_null (lb_azure_login_client_secret (f->client, f->login, "../../evil", CLIENT, SECRET, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_service_principal (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbAzureToken) token = NULL;

  g_assert_null (lb_azure_login_service_principal (f->client, f->login, TENANT, CLIENT, 0, NULL, &error));
  g_assert_error (error, LB_AZURE_LOGIN_ERROR, LB_AZURE_LOGIN_ERROR_CREDENTIALS);
  lb_test_assert_contains (error->message, "No client secret is kept");
  g_clear_error (&error);
  g_assert_true (lb_azure_login_save_secret (TENANT, CLIENT, SECRET, NULL, &error));
  g_assert_no_error (error);
  token = lb_azure_login_service_principal (f->client, f->login, TENANT, CLIENT, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token->access_token, ==, "eyJ0.arm");
  g_assert_true (lb_secret_clear (LB_SECRET_AZURE_CLIENT, TENANT, CLIENT, NULL, &error));
}

static void
test_device_code (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbDeviceCode) code = lb_azure_login_device_code (f->client, f->login, TENANT, CLIENT,
                                                             lb_time_now_ms (), NULL, &error);
  g_autoptr(LbAzureToken) token = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (code->user_code, ==, "FZ7QK3MB2");
  lb_test_assert_contains (code->message, "https://microsoft.com/devicelogin");
  lb_test_assert_contains (f->last_body->str, "offline_access");
  /* The test server asks for no interval: RFC 8628's 5 s. Ask faster here. */
  g_assert_cmpint (code->interval_ms, ==, 5000);
  code->interval_ms = 10;
  token = lb_azure_login_device_wait (f->client, f->login, TENANT, CLIENT, code, NULL, &error);
  if (g_str_equal (f->device, "ok"))
    {
      g_assert_no_error (error);
      g_assert_cmpstr (token->access_token, ==, "eyJ0.device");
      /* Pending, slow down (five seconds slower), then signed in. */
      g_assert_cmpint (g_atomic_int_get (&f->polls), ==, 3);
      lb_test_assert_contains (f->last_body->str, "device_code=DAQABAAEAAAD");
    }
  else if (g_str_equal (f->device, "declined"))
    {
      g_assert_null (token);
      g_assert_error (error, LB_AZURE_LOGIN_ERROR, LB_AZURE_LOGIN_ERROR_DECLINED);
      lb_test_assert_contains (error->message, "declined to sign in");
    }
  else
    {
      g_assert_null (token);
      g_assert_error (error, LB_AZURE_LOGIN_ERROR, LB_AZURE_LOGIN_ERROR_EXPIRED);
    }
}

static void
test_device_code_runs_out (Fixture      *f,
                           gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbDeviceCode code = { .device_code = (char *) "x", .user_code = (char *) "ABC", .expires_at = lb_time_now_ms () - 1,
                        .interval_ms = 10 };

  /* A code past its time is not used at all. */
  g_assert_null (lb_azure_login_device_wait (f->client, f->login, TENANT, CLIENT, &code, NULL, &error));
  g_assert_error (error, LB_AZURE_LOGIN_ERROR, LB_AZURE_LOGIN_ERROR_EXPIRED);
  g_assert_cmpint (g_atomic_int_get (&f->polls), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *keyring = g_build_filename (dir, "test.keyring", NULL);
  int status;

  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, data, func) g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/azure-login/client-secret", NULL, test_client_secret);
  ADD ("/azure-login/service-principal", NULL, test_service_principal);
  ADD ("/azure-login/device-code/ok", "ok", test_device_code);
  ADD ("/azure-login/device-code/declined", "declined", test_device_code);
  ADD ("/azure-login/device-code/expired", "expired", test_device_code);
  ADD ("/azure-login/device-code/runs-out", NULL, test_device_code_runs_out);
#undef ADD
  status = g_test_run ();
  lb_test_tmpdir_free (g_steal_pointer (&dir));
  return status;
}
