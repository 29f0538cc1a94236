/* test-arm-sync.c: reading a project's link target from ARM against a loopback SoupServer
 * (127.0.0.1 only, ephemeral port, its own thread and GMainContext) serving the fixtures of
 * data/azure, and the access token from a fake `az` put first on PATH: a sync that stores
 * the instance, links and databases and runs a drift check; link paging; one named link;
 * 401, 403 and 404; answers that are not the Azure document expected; a project without a
 * target; the async variant; az missing, failing and printing nonsense. The token must
 * never appear in an error. Nothing here passes or fails on timing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "core-test-server.h"
#include "lb-core.h"
#include "lb-test-util.h"

#define DATA_DIR TEST_SRCDIR "/core/data/azure"
#define TOKEN "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.fake-secret-token-5678"
#define NOW G_GINT64_CONSTANT (1795957500000) /* 2026-11-30 */
#define SUB "22222222-3333-4444-5555-666666666666"
#define RG "rg-nordlog-wms"
#define MI "nordlog-mi-wms-neu"
#define MI_PATH "/subscriptions/" SUB "/resourceGroups/" RG "/providers/Microsoft.Sql/managedInstances/" MI
#define LINK "DAG_WarehouseWMS"

typedef enum
{
  MODE_OK,
  MODE_401,
  MODE_403,
  MODE_404,
  MODE_NOT_AZURE, /* the instance GET answers {"foo": 1} */
  MODE_WRONG_KIND, /* the instance GET answers a link */
  MODE_NO_LINKS,   /* the link list is empty */
} Mode;

static CoreTestServer *test_server;

/* What the fake ARM answers: the mode of the test and the fixture documents. */
static struct
{
  int   mode; /* Mode, atomic */
  char *link_get, *link_list, *mi_get, *midb_list;
} arm;

#define assert_no_token(error) \
  G_STMT_START { \
    g_assert_nonnull (error); \
    if (strstr ((error)->message, TOKEN) != NULL || strstr ((error)->message, "fake-secret") != NULL) \
      g_error ("the token is in the message \"%s\"", (error)->message); \
  } G_STMT_END

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const char *page = query != NULL ? g_hash_table_lookup (query, "page") : NULL;
  const char *api = query != NULL ? g_hash_table_lookup (query, "api-version") : NULL;
  Mode mode = g_atomic_int_get (&arm.mode);
  g_autofree char *key = g_strdup_printf ("%s?%s", path, page != NULL ? page : "");

  core_test_server_hit (test_server, key);
  if (g_strcmp0 (auth, "Bearer " TOKEN) != 0 || mode == MODE_401)
    {
      core_test_server_reply (msg, 401, "{\"error\": {\"code\": \"InvalidAuthenticationToken\", \"message\": "
                       "\"The access token is invalid.\"}}");
      return;
    }
  if (mode == MODE_403)
    {
      core_test_server_reply (msg, 403, "{\"error\": {\"code\": \"AuthorizationFailed\", \"message\": \"The client does not "
                       "have authorization to perform action 'Microsoft.Sql/managedInstances/read'.\"}}");
      return;
    }
  if (api == NULL)
    {
      core_test_server_reply (msg, 400, "{\"error\": {\"code\": \"MissingApiVersionParameter\", \"message\": \"no api-version\"}}");
      return;
    }
  if (g_str_equal (path, MI_PATH))
    {
      if (mode == MODE_404)
        core_test_server_reply (msg, 404, "{\"error\": {\"code\": \"ResourceNotFound\", \"message\": \"The Resource "
                         "'Microsoft.Sql/managedInstances/" MI "' was not found.\"}}");
      else if (mode == MODE_NOT_AZURE)
        core_test_server_reply (msg, 200, "{\"foo\": 1}");
      else if (mode == MODE_WRONG_KIND)
        core_test_server_reply (msg, 200, arm.link_get);
      else
        core_test_server_reply (msg, 200, arm.mi_get);
    }
  else if (g_str_equal (path, MI_PATH "/distributedAvailabilityGroups"))
    {
      g_autofree char *body = NULL;

      g_assert_cmpstr (api, ==, "2025-01-01");
      if (mode == MODE_NO_LINKS)
        body = g_strdup ("{\"value\": []}");
      else if (page == NULL)
        body = g_strdup_printf ("{\"value\": [%s], \"nextLink\": \"%s" MI_PATH "/distributedAvailabilityGroups"
                                "?api-version=2025-01-01&page=2\"}", arm.link_get, core_test_server_get_base (test_server));
      else
        body = g_strdup (arm.link_list); /* the second and last page: two more links, old schema */
      core_test_server_reply (msg, 200, body);
    }
  else if (g_str_equal (path, MI_PATH "/distributedAvailabilityGroups/" LINK))
    {
      g_assert_cmpstr (api, ==, "2025-01-01");
      core_test_server_reply (msg, 200, arm.link_get);
    }
  else if (g_str_equal (path, MI_PATH "/databases"))
    core_test_server_reply (msg, 200, arm.midb_list);
  else
    core_test_server_reply (msg, 404, "{\"error\": {\"code\": \"NotFound\", \"message\": \"no such path\"}}");
}

static char *
load (const char *name)
{
  g_autofree char *path = g_build_filename (DATA_DIR, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* The fixture list is a partial page of another subscription: here it is the last page. */
static char *
load_without_next_link (const char *name)
{
  g_autofree char *text = load (name);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  json_object_remove_member (json_node_get_object (json_parser_get_root (parser)), "nextLink");
  return json_to_string (json_parser_get_root (parser), FALSE);
}

static void
server_start (void)
{
  arm.link_get = load ("arm-link-get.json");
  arm.link_list = load_without_next_link ("arm-link-list.json");
  arm.mi_get = load ("arm-mi-get.json");
  arm.midb_list = load ("arm-midb-list.json");
  test_server = core_test_server_start (handle, NULL, NULL);
}

static void
server_stop (void)
{
  core_test_server_stop (test_server);
  g_free (arm.link_get);
  g_free (arm.link_list);
  g_free (arm.mi_get);
  g_free (arm.midb_list);
}

static void
set_mode (Mode mode)
{
  g_atomic_int_set (&arm.mode, mode);
  core_test_server_forget (test_server, NULL);
}

/* A store with one project, its Azure target and a design; a second project without a
 * target. */
typedef struct
{
  char         *dir;
  char         *db_path;
  LbStore      *store;
  gint64        project_id;
  gint64        bare_project_id;
  LbHttpClient *client;
  LbAzureToken  token;
} Fixture;

static const char design_text[] =
  "{\"managedInstance\": \"" MI "\", \"resourceGroup\": \"" RG "\", \"subscription\": \"" SUB "\","
  " \"sku\": {\"name\": \"GP_G8IM\", \"tier\": \"GeneralPurpose\", \"family\": \"G8IM\", \"capacity\": 8},"
  " \"link\": {\"name\": \"" LINK "\", \"databaseName\": \"WarehouseWMS\","
  "  \"replicationMode\": \"Sync\", \"failoverMode\": \"Manual\"}}";

static gint64
add_project (LbStore    *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);
  gint64 id;

  project->name = g_strdup (name);
  g_assert_true (lb_store_insert (store, project, &error));
  g_assert_no_error (error);
  id = project->id;
  lb_record_free (project);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *link_name = data;
  g_autoptr(GError) error = NULL;
  LbAzureTarget *target = lb_record_new (&lb_azure_target_kind);
  LbDesignBaseline *design = lb_record_new (&lb_design_baseline_kind);

  f->dir = lb_test_tmpdir_new ();
  f->db_path = g_build_filename (f->dir, "test.db", NULL);
  f->store = lb_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->project_id = add_project (f->store, "Warehouse WMS");
  f->bare_project_id = add_project (f->store, "No target");

  target->project_id = f->project_id;
  target->subscription_id = g_strdup (SUB);
  target->resource_group = g_strdup (RG);
  target->managed_instance = g_strdup (MI);
  target->link_name = g_strdup (link_name);
  g_assert_true (lb_store_insert (f->store, target, &error));
  g_assert_no_error (error);
  lb_record_free (target);

  design->project_id = f->project_id;
  design->design_json = g_strdup (design_text);
  design->approved_by = g_strdup ("Test Architect");
  design->approved_at = NOW - 1000;
  g_assert_true (lb_store_insert (f->store, design, &error));
  g_assert_no_error (error);
  lb_record_free (design);

  f->client = lb_http_client_new ();
  lb_http_client_set_retry_delay (f->client, 1, 5);
  lb_http_client_set_timeout (f->client, 20000);
  f->token.access_token = (char *) TOKEN;
  f->token.token_type = (char *) "Bearer";
  f->token.expires_at = NOW + 3600 * 1000;
  set_mode (MODE_OK);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_unref (f->client);
  g_object_unref (f->store);
  g_unlink (f->db_path);
  g_free (f->db_path);
  lb_test_tmpdir_free (f->dir);
}

static gint64
count (Fixture            *f,
       const LbRecordKind *kind)
{
  g_autoptr(GError) error = NULL;
  gint64 n = lb_store_count (f->store, kind, "project_id", f->project_id, &error);

  g_assert_no_error (error);
  return n;
}

static LbAzureDocument *
stored_document (Fixture *f,
                 gint64   id)
{
  g_autoptr(GError) error = NULL;
  LbEvidence *evidence = lb_store_get (f->store, &lb_evidence_kind, id, &error);
  LbAzureDocument *document;
  gsize length;
  gconstpointer data;

  g_assert_no_error (error);
  g_assert_cmpint (evidence->kind, ==, LB_EVIDENCE_ARM_JSON);
  g_assert_true (g_str_has_prefix (evidence->source, "ARM GET http://127.0.0.1:"));
  g_assert_null (strstr (evidence->source, TOKEN));
  data = g_bytes_get_data (evidence->content, &length);
  g_assert_null (g_strstr_len (data, length, "fake-secret"));
  document = lb_azure_document_parse (data, length, &error);
  g_assert_no_error (error);
  lb_record_free (evidence);
  return document;
}

static LbArmSyncResult *
run_sync (Fixture  *f,
      gint64    project_id,
      GError  **error)
{
  return lb_arm_sync_project (f->store, project_id, f->client, core_test_server_get_base (test_server), &f->token, NOW, NULL, error);
}

static void
test_sync_ok (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbArmSyncResult) result = run_sync (f, f->project_id, &error);
  g_autoptr(LbAzureDocument) instance = NULL;
  g_autoptr(LbAzureDocument) links = NULL;
  g_autoptr(LbAzureDocument) databases = NULL;
  g_autofree char *page_2 = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->evidence_ids->len, ==, 3);
  g_assert_cmpint (count (f, &lb_evidence_kind), ==, 3);

  instance = stored_document (f, g_array_index (result->evidence_ids, gint64, 0));
  g_assert_cmpint (instance->kind, ==, LB_AZURE_DOCUMENT_INSTANCE);
  g_assert_cmpstr (instance->instance->name, ==, MI);
  g_assert_cmpint (instance->instance->vcores, ==, 8);
  /* Both pages of links, in one document. */
  links = stored_document (f, g_array_index (result->evidence_ids, gint64, 1));
  g_assert_cmpint (links->kind, ==, LB_AZURE_DOCUMENT_LINKS);
  g_assert_cmpuint (links->links->len, ==, 3);
  g_assert_cmpstr (((LbLinkState *) links->links->pdata[0])->name, ==, LINK);
  g_assert_true (((LbLinkState *) links->links->pdata[0])->new_schema);
  g_assert_null (links->next_link);
  page_2 = g_strdup (MI_PATH "/distributedAvailabilityGroups?2");
  g_assert_cmpuint (core_test_server_hits (test_server, MI_PATH "/distributedAvailabilityGroups?"), ==, 1);
  g_assert_cmpuint (core_test_server_hits (test_server, page_2), ==, 1);
  databases = stored_document (f, g_array_index (result->evidence_ids, gint64, 2));
  g_assert_cmpint (databases->kind, ==, LB_AZURE_DOCUMENT_DATABASES);
  g_assert_cmpuint (databases->databases->len, >, 0);

  /* The design exists, so a drift check ran on the state just stored. */
  g_assert_cmpint (result->drift_outcome, >=, 0);
  g_assert_cmpint (result->drift_check_id, >, 0);
  g_assert_nonnull (result->drift_summary);
  g_assert_null (result->drift_error);
  g_assert_cmpint (count (f, &lb_drift_check_kind), ==, 1);
  {
    LbDriftCheck *check = lb_store_get (f->store, &lb_drift_check_kind, result->drift_check_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (check->link_evidence_id, ==, g_array_index (result->evidence_ids, gint64, 1));
    g_assert_cmpint (check->instance_evidence_id, ==, g_array_index (result->evidence_ids, gint64, 0));
    lb_record_free (check);
  }
}

static void
test_sync_one_link (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbArmSyncResult) result = run_sync (f, f->project_id, &error);
  g_autoptr(LbAzureDocument) link = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (result->evidence_ids->len, ==, 3);
  link = stored_document (f, g_array_index (result->evidence_ids, gint64, 1));
  g_assert_cmpint (link->kind, ==, LB_AZURE_DOCUMENT_LINK);
  g_assert_cmpuint (core_test_server_hits (test_server, MI_PATH "/distributedAvailabilityGroups/" LINK "?"), ==, 1);
  g_assert_cmpuint (core_test_server_hits (test_server, MI_PATH "/distributedAvailabilityGroups?"), ==, 0);
  /* The link reports its lag seconds: one sample of source "arm" at the sync's time. */
  g_assert_cmpuint (result->lag_samples, ==, 1);
  {
    double lag_s = 0;
    gint64 t = 0;

    g_assert_true (lb_store_lag_latest (f->store, f->project_id, &t, &lag_s, &error));
    g_assert_no_error (error);
    g_assert_cmpint (t, ==, NOW);
    g_assert_cmpfloat (lag_s, ==, 3);
  }
}

static void
test_sync_no_design (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) designs = lb_store_list_for_project (f->store, &lb_design_baseline_kind, f->project_id, &error);
  g_autoptr(LbArmSyncResult) result = NULL;

  g_assert_true (lb_store_delete (f->store, &lb_design_baseline_kind, ((LbDesignBaseline *) designs->pdata[0])->id,
                                  &error));
  g_assert_no_error (error);
  result = run_sync (f, f->project_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->evidence_ids->len, ==, 3);
  g_assert_cmpint (result->drift_outcome, ==, -1);
  g_assert_null (result->drift_error);
  g_assert_cmpint (count (f, &lb_drift_check_kind), ==, 0);
}

static void
test_sync_no_links (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbArmSyncResult) result = NULL;

  set_mode (MODE_NO_LINKS);
  result = run_sync (f, f->project_id, &error);
  g_assert_no_error (error);
  /* An empty list is not a document: the instance and databases are kept. */
  g_assert_cmpuint (result->evidence_ids->len, ==, 2);
}

static void
assert_sync_fails (Fixture    *f,
                   Mode        mode,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbArmSyncResult) result = NULL;

  set_mode (mode);
  result = run_sync (f, f->project_id, &error);
  g_assert_null (result);
  assert_no_token (error);
  lb_test_assert_contains (error->message, expected);
  g_assert_cmpint (count (f, &lb_evidence_kind), ==, 0);
  g_assert_cmpint (count (f, &lb_drift_check_kind), ==, 0);
}

static void
test_sync_401 (Fixture       *f,
               gconstpointer  data)
{
  assert_sync_fails (f, MODE_401, "the access token was refused (401): run az login again");
}

static void
test_sync_403 (Fixture       *f,
               gconstpointer  data)
{
  assert_sync_fails (f, MODE_403, "no permission to read managed instance “" MI "”");
  assert_sync_fails (f, MODE_403, "the signed-in identity needs Reader on the managed instance");
}

static void
test_sync_404 (Fixture       *f,
               gconstpointer  data)
{
  assert_sync_fails (f, MODE_404, "managed instance “" MI "” not found (404): check the subscription, "
                                  "resource group and instance name");
}

static void
test_sync_not_azure (Fixture       *f,
                     gconstpointer  data)
{
  assert_sync_fails (f, MODE_NOT_AZURE, "managedInstances/" MI ": ");
  assert_sync_fails (f, MODE_NOT_AZURE, "an Azure document was expected");
}

static void
test_sync_wrong_kind (Fixture       *f,
                      gconstpointer  data)
{
  assert_sync_fails (f, MODE_WRONG_KIND, "where an ARM managed instance was expected");
}

static void
test_sync_bad_token (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbArmSyncResult) result = NULL;

  f->token.access_token = (char *) "fake-secret-but-wrong";
  result = run_sync (f, f->project_id, &error);
  g_assert_null (result);
  assert_no_token (error);
  lb_test_assert_contains (error->message, "(401)");
  g_assert_cmpint (count (f, &lb_evidence_kind), ==, 0);
}

static void
test_sync_no_target (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbArmSyncResult) result = run_sync (f, f->bare_project_id, &error);

  g_assert_null (result);
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "the project has no Azure target: set subscription, resource group and managed instance");
  g_assert_cmpuint (core_test_server_hits (test_server, MI_PATH "?"), ==, 0);
}

static void
sync_done (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (res);
}

static void
test_sync_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(LbArmSyncResult) result = NULL;

  lb_arm_sync_project_async (f->db_path, f->project_id, f->client, core_test_server_get_base (test_server), &f->token, NOW, NULL, sync_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = lb_arm_sync_project_finish (res, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->evidence_ids->len, ==, 3);
  g_assert_cmpint (count (f, &lb_evidence_kind), ==, 3);
  g_assert_cmpint (count (f, &lb_drift_check_kind), ==, 1);
}

/* az, faked: a shell script in a folder of its own that main() made the whole PATH before
 * any thread started (setenv is not thread-safe); a real az elsewhere must not answer. */
static char *az_dir;

typedef struct
{
  char *dir;
} FakeAz;

static void
fake_az_set_up (FakeAz        *az,
                gconstpointer  data)
{
  const char *script = data;
  g_autofree char *path = g_build_filename (az_dir, "az", NULL);
  g_autoptr(GError) error = NULL;

  az->dir = az_dir;
  g_unlink (path);
  if (script != NULL)
    {
      g_file_set_contents (path, script, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (path, 0755), ==, 0);
    }
}

static void
fake_az_tear_down (FakeAz        *az,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (az_dir, "az", NULL);
  g_autofree char *args = g_build_filename (az_dir, "args", NULL);

  g_unlink (path);
  g_unlink (args);
}

static const char az_ok[] =
  "#!/bin/sh\n"
  "echo \"$@\" > \"${0%/*}/args\"\n"
  "printf '{\"accessToken\": \"%s\", \"expiresOn\": \"2026-11-30 21:59:10.000000\", \"expires_on\": 1795996750,"
  " \"subscription\": \"" SUB "\", \"tenant\": \"t-1\", \"tokenType\": \"Bearer\"}\\n' '" TOKEN "'\n";

static const char az_not_logged_in[] =
  "#!/bin/sh\n"
  "echo \"ERROR: Please run 'az login' to setup account.\" >&2\n"
  "exit 1\n";

static const char az_nonsense[] =
  "#!/bin/sh\n"
  "echo 'Welcome to the Azure CLI! " TOKEN "'\n";

static void
test_az_ok (FakeAz        *az,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbAzureToken) token = lb_azure_token_from_cli ("https://management.azure.com/", "t-1", NOW, NULL, &error);
  g_autofree char *args_path = g_build_filename (az->dir, "args", NULL);
  g_autofree char *args = NULL;
  char *header;

  g_assert_no_error (error);
  g_assert_cmpstr (token->access_token, ==, TOKEN);
  g_assert_cmpstr (token->token_type, ==, "Bearer");
  g_assert_cmpint (token->expires_at, ==, G_GINT64_CONSTANT (1795996750) * 1000);
  g_assert_false (lb_azure_token_expires_within (token, NOW, 5 * 60 * 1000));
  g_assert_true (g_file_get_contents (args_path, &args, NULL, NULL));
  g_assert_cmpstr (g_strstrip (args), ==,
                   "account get-access-token --resource https://management.azure.com/ --tenant t-1 -o json");
  header = lb_azure_token_header (token);
  g_assert_cmpstr (header, ==, "Authorization: Bearer " TOKEN);
  lb_azure_token_free_header (header);
}

static void
test_az_missing (FakeAz        *az,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbAzureToken) token = lb_azure_token_from_cli ("https://management.azure.com/", NULL, NOW, NULL, &error);

  g_assert_null (token);
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
  lb_test_assert_contains (error->message, "the Azure CLI (az) is not installed: install it, or");
}

static void
test_az_not_logged_in (FakeAz        *az,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbAzureToken) token = lb_azure_token_from_cli ("https://management.azure.com/", NULL, NOW, NULL, &error);

  g_assert_null (token);
  assert_no_token (error);
  lb_test_assert_contains (error->message, "ERROR: Please run 'az login' to setup account.");
}

static void
test_az_nonsense (FakeAz        *az,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbAzureToken) token = lb_azure_token_from_cli ("https://management.azure.com/", NULL, NOW, NULL, &error);

  g_assert_null (token);
  assert_no_token (error);
  lb_test_assert_contains (error->message, "did not print an access token");
}

static void
test_token_parse (void)
{
  static const char *const bad[] = {
    "", "[]", "{\"tokenType\": \"Bearer\"}", "{\"accessToken\": \"\"}", "{\"accessToken\": 5}",
    "{\"accessToken\": \"two words " TOKEN "\"}", "{\"accessToken\": \"" TOKEN "\"", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LbAzureToken) old = NULL;
  g_autoptr(LbAzureToken) text = NULL;
  g_autoptr(LbAzureToken) copy = NULL;
  const char *old_reply = "{\"accessToken\": \"" TOKEN "\", \"expiresOn\": \"2026-11-30 21:59:10.000000\"}";
  const char *text_reply = "{\"accessToken\": \"" TOKEN "\", \"expires_on\": \"1795996750\", \"tokenType\": \"Bearer\"}";

  /* Only the ambiguous local time: taken to expire in 5 minutes. */
  old = lb_azure_token_parse (old_reply, strlen (old_reply), NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (old->expires_at, ==, NOW + 5 * 60 * 1000);
  g_assert_cmpstr (old->token_type, ==, "Bearer");
  g_assert_true (lb_azure_token_expires_within (old, NOW, 5 * 60 * 1000));
  text = lb_azure_token_parse (text_reply, strlen (text_reply), NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (text->expires_at, ==, G_GINT64_CONSTANT (1795996750) * 1000);
  copy = lb_azure_token_copy (text);
  g_assert_cmpstr (copy->access_token, ==, TOKEN);

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      LbAzureToken *token = lb_azure_token_parse (bad[i], strlen (bad[i]), NOW, &local_error);

      g_assert_null (token);
      g_assert_error (local_error, LB_ERROR, LB_ERROR_FAILED);
      assert_no_token (local_error);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("no_proxy", "127.0.0.1", TRUE);
  g_setenv ("NO_PROXY", "127.0.0.1", TRUE);
  g_test_init (&argc, &argv, NULL);
  az_dir = lb_test_tmpdir_new ();
  g_setenv ("PATH", az_dir, TRUE);
  server_start ();

#define ADD(path, data, func) \
  g_test_add ("/lb/arm-sync/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("ok", NULL, test_sync_ok);
  ADD ("one-link", LINK, test_sync_one_link);
  ADD ("no-design", NULL, test_sync_no_design);
  ADD ("no-links", NULL, test_sync_no_links);
  ADD ("401", NULL, test_sync_401);
  ADD ("403", NULL, test_sync_403);
  ADD ("404", NULL, test_sync_404);
  ADD ("not-azure", NULL, test_sync_not_azure);
  ADD ("wrong-kind", NULL, test_sync_wrong_kind);
  ADD ("bad-token", NULL, test_sync_bad_token);
  ADD ("no-target", NULL, test_sync_no_target);
  ADD ("async", NULL, test_sync_async);
#undef ADD
#define ADD_AZ(path, script, func) \
  g_test_add ("/lb/azure-token/" path, FakeAz, script, fake_az_set_up, func, fake_az_tear_down)
  ADD_AZ ("az-ok", az_ok, test_az_ok);
  ADD_AZ ("az-missing", NULL, test_az_missing);
  ADD_AZ ("az-not-logged-in", az_not_logged_in, test_az_not_logged_in);
  ADD_AZ ("az-nonsense", az_nonsense, test_az_nonsense);
#undef ADD_AZ
  g_test_add_func ("/lb/azure-token/parse", test_token_parse);

  status = g_test_run ();
  server_stop ();
  lb_test_tmpdir_free (az_dir);
  return status;
}
