/* test-drift-group.c: the overview's Design Drift group — importing az output (and
 * refusing a file that is not), checking against the approved design, the differences
 * shown as rows, and the toasts the window shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "core-test-server.h"
#include "lb-drift-group.h"
#include "lb-settings.h"
#include "lb-window.h"
#include "ui-test-common.h"

#define TOKEN "fake-arm-token-1234"
#define AZURE_DATA TEST_SRCDIR "/core/data/azure"

static const char design_json[] =
  "{\"managedInstance\": \"mi-erp\", \"resourceGroup\": \"rg-erp\", \"subscription\": \"sub-1\","
  " \"region\": \"westeurope\", \"sku\": {\"tier\": \"BusinessCritical\", \"family\": \"Gen5\", \"capacity\": 16},"
  " \"storageSizeInGb\": 1024, \"databaseFormat\": \"SQLServer2022\", \"licenseType\": \"BasePrice\","
  " \"link\": {\"name\": \"DAG_ERP\", \"databaseName\": \"ERP\", \"partnerEndpoint\": \"TCP://10.0.1.4:5022\","
  " \"replicationMode\": \"Async\", \"failoverMode\": \"Manual\"}}";

/* As `az sql mi link show` (CLI 2.67 and later) prints it: flattened, new schema. */
static const char link_json[] =
  "{\"id\": \"/subscriptions/sub-1/resourceGroups/rg-erp/providers/Microsoft.Sql/managedInstances/mi-erp/"
  "distributedAvailabilityGroups/DAG_ERP\", \"name\": \"DAG_ERP\","
  " \"type\": \"Microsoft.Sql/managedInstances/distributedAvailabilityGroups\","
  " \"distributedAvailabilityGroupName\": \"DAG_ERP\", \"instanceAvailabilityGroupName\": \"AG_ERP_MI\","
  " \"partnerAvailabilityGroupName\": \"AG_ERP\", \"partnerEndpoint\": \"TCP://10.0.1.4:5022\","
  " \"instanceLinkRole\": \"Secondary\", \"partnerLinkRole\": \"Primary\", \"replicationMode\": \"Async\","
  " \"failoverMode\": \"None\", \"seedingMode\": \"Automatic\","
  " \"databases\": [{\"databaseName\": \"ERP\", \"replicaState\": \"LinkSynchronizing\","
  " \"synchronizationHealth\": \"HEALTHY\", \"connectedState\": \"CONNECTED\"}]}";

/* As `az sql mi show` prints it (key fields). */
static const char instance_json[] =
  "{\"id\": \"/subscriptions/sub-1/resourceGroups/rg-erp/providers/Microsoft.Sql/managedInstances/mi-erp\","
  " \"name\": \"mi-erp\", \"location\": \"westeurope\", \"resourceGroup\": \"rg-erp\","
  " \"type\": \"Microsoft.Sql/managedInstances\","
  " \"sku\": {\"name\": \"BC_Gen5\", \"tier\": \"BusinessCritical\", \"family\": \"Gen5\", \"capacity\": 16},"
  " \"vCores\": 16, \"storageSizeInGb\": 1024, \"state\": \"Ready\", \"databaseFormat\": \"SQLServer2022\","
  " \"licenseType\": \"BasePrice\", \"hybridSecondaryUsage\": \"Active\"}";

typedef struct
{
  char         *dir;
  LbWindow     *window;
  LbStore      *store;
  LbDriftGroup *group;
  gint64        project_id;
  GPtrArray    *toasts;
} Fixture;

static void
on_add_toast (Fixture  *f,
              AdwToast *toast)
{
  g_ptr_array_add (f->toasts, g_strdup (adw_toast_get_title (toast)));
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = NULL;
  LbDesignBaseline *design;

  f->dir = ui_test_make_dir ("drift-group");
  path = g_build_filename (f->dir, "drift.db", NULL);
  store = lb_store_open (path, &error);
  g_assert_no_error (error);
  ui_test_fill_portfolio (store);
  f->project_id = ui_test_project_id (store, "ERP Plant 1");
  design = lb_record_new (&lb_design_baseline_kind);
  design->project_id = f->project_id;
  design->design_json = g_strdup (design_json);
  design->approved_by = g_strdup ("Ana Souza");
  design->approved_at = lb_time_now_ms () - 86400000;
  g_assert_true (lb_store_insert (store, design, &error));
  lb_record_free (design);
  g_clear_object (&store);

  f->toasts = g_ptr_array_new_with_free_func (g_free);
  f->window = lb_window_new (ui_test_get_application (), path);
  ui_test_show_window (GTK_WINDOW (f->window));
  f->store = lb_window_get_store (f->window);
  lb_window_open_project (f->window, f->project_id);
  ui_test_spin (100);
  f->group = LB_DRIFT_GROUP (ui_test_find_by_type (GTK_WIDGET (f->window), LB_TYPE_DRIFT_GROUP, NULL));
  g_assert_nonnull (f->group);
  g_signal_connect_swapped (f->group, "add-toast", G_CALLBACK (on_add_toast), f);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  ui_test_destroy_window (GTK_WINDOW (f->window));
  g_ptr_array_unref (f->toasts);
  g_free (f->dir);
}

static gboolean
not_busy (gpointer data)
{
  return g_strcmp0 (lb_drift_group_get_state (data), "busy") != 0;
}

static void
import (Fixture    *f,
        const char *path)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (files, g_file_new_for_path (path));
  lb_drift_group_import_files (f->group, files);
  g_assert_cmpstr (lb_drift_group_get_state (f->group), ==, "busy");
  ui_test_wait_until (not_busy, f->group, 30000, "the import");
}

static void
check (Fixture *f)
{
  lb_drift_group_check (f->group);
  g_assert_cmpstr (lb_drift_group_get_state (f->group), ==, "busy");
  ui_test_wait_until (not_busy, f->group, 30000, "the check");
}

/* Scrolls the overview so the group is in view, for the screenshot. */
static void
show_group (Fixture *f)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (f->group), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double x = 0, y = 0;

  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (f->group), gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                   0, 0, &x, &y));
  gtk_adjustment_set_value (adjustment, y - 24);
  ui_test_spin (200);
}

static gint64
n_evidence (Fixture *f)
{
  return lb_store_count (f->store, &lb_evidence_kind, "project_id", f->project_id, NULL);
}

static void
test_import_and_check (Fixture      *f,
                       gconstpointer data)
{
  g_autofree char *link = write_file (f, "link.json", link_json);
  g_autofree char *instance = write_file (f, "mi.json", instance_json);
  g_autofree char *bad = write_file (f, "notes.json", "{\"hello\": \"world\"}");
  gint64 before = n_evidence (f);

  g_assert_cmpstr (lb_drift_group_get_state (f->group), ==, "unchecked");

  /* A file that is not Azure's state: refused, nothing stored, the toast says why. */
  import (f, bad);
  g_assert_cmpint (n_evidence (f), ==, before);
  g_assert_nonnull (lb_drift_group_get_error (f->group));
  g_assert_nonnull (strstr (lb_drift_group_get_error (f->group), "notes.json"));
  g_assert_cmpuint (f->toasts->len, ==, 1);
  g_assert_true (g_str_has_prefix (f->toasts->pdata[0], "Nothing imported"));
  g_assert_cmpuint (lb_drift_group_get_n_rows (f->group), ==, 1); /* the error, with the details */

  import (f, link);
  import (f, instance);
  g_assert_cmpint (n_evidence (f), ==, before + 2);
  g_assert_null (lb_drift_group_get_error (f->group));
  g_assert_cmpuint (lb_drift_group_get_n_rows (f->group), ==, 0);
  g_assert_cmpstr (f->toasts->pdata[1], ==, "Imported “az sql mi link show (link.json)”");

  /* The link was set up one-way: a critical difference. */
  check (f);
  g_assert_cmpstr (lb_drift_group_get_state (f->group), ==, "found");
  g_assert_cmpuint (lb_drift_group_get_n_rows (f->group), ==, 1);
  g_assert_cmpint (lb_store_count (f->store, &lb_drift_check_kind, "project_id", f->project_id, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (f->toasts->pdata[f->toasts->len - 1],
                                   "1 difference from the approved design: Failover mode (approved Manual, found None)"));
  show_group (f);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "drift-found.png"));

  /* The corrected state: a new check finds none, and the rows go. */
  {
    g_autofree char *fixed_text = NULL;
    g_autofree char *fixed = NULL;
    g_auto(GStrv) parts = g_strsplit (link_json, "\"failoverMode\": \"None\"", 2);

    fixed_text = g_strjoinv ("\"failoverMode\": \"Manual\"", parts);
    fixed = write_file (f, "link-fixed.json", fixed_text);
    import (f, fixed);
  }
  check (f);
  g_assert_cmpstr (lb_drift_group_get_state (f->group), ==, "none");
  g_assert_cmpuint (lb_drift_group_get_n_rows (f->group), ==, 0);
  g_assert_cmpint (lb_store_count (f->store, &lb_drift_check_kind, "project_id", f->project_id, NULL), ==, 2);
}

/* ---- Refresh from Azure: a fake ARM on 127.0.0.1 and a fake az on PATH ------------------ */

static char *
azure_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (AZURE_DATA, name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
serve_arm (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  CoreTestServer **test_server = user_data;
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  g_autofree char *body = NULL;

  core_test_server_hit (*test_server, "arm");
  if (g_strcmp0 (auth, "Bearer " TOKEN) != 0)
    {
      core_test_server_reply (msg, 401, "{\"error\": {\"code\": \"InvalidAuthenticationToken\", \"message\": \"no\"}}");
      return;
    }
  if (g_str_has_suffix (path, "/distributedAvailabilityGroups"))
    {
      g_autofree char *link = azure_fixture ("arm-link-get.json");

      body = g_strdup_printf ("{\"value\": [%s]}", link);
    }
  else if (g_str_has_suffix (path, "/databases"))
    body = azure_fixture ("arm-midb-list.json");
  else if (strstr (path, "/managedInstances/") != NULL)
    body = azure_fixture ("arm-mi-get.json");
  else
    body = g_strdup ("{\"error\": {\"code\": \"NotFound\", \"message\": \"no such path\"}}");
  core_test_server_reply (msg, strstr (body, "NotFound") != NULL ? 404 : 200, body);
}

static void
test_refresh_from_azure (Fixture      *f,
                         gconstpointer data)
{
  CoreTestServer *server = NULL;
  g_autoptr(GSettings) settings = lb_settings_new ();
  g_autoptr(GError) error = NULL;
  LbAzureTarget *target = lb_record_new (&lb_azure_target_kind);
  gint64 before = n_evidence (f);

  target->project_id = f->project_id;
  target->subscription_id = g_strdup ("sub-1");
  target->resource_group = g_strdup ("rg-erp");
  target->managed_instance = g_strdup ("mi-erp");
  g_assert_true (lb_store_insert (f->store, target, &error));
  lb_record_free (target);

  server = core_test_server_start (serve_arm, NULL, &server);
  g_settings_set_string (settings, "arm-base-url", core_test_server_get_base (server));

  lb_drift_group_refresh_from_azure (f->group);
  g_assert_cmpstr (lb_drift_group_get_state (f->group), ==, "busy");
  ui_test_wait_until (not_busy, f->group, 30000, "the refresh");
  g_assert_null (lb_drift_group_get_error (f->group));
  /* The instance, the list of links and the databases, kept as evidence, then checked. */
  g_assert_cmpint (n_evidence (f), ==, before + 3);
  g_assert_cmpuint (core_test_server_hits (server, "arm"), ==, 3);
  g_assert_cmpstr (f->toasts->pdata[f->toasts->len - 1], ==, "Read 3 documents from Azure");
  g_assert_cmpint (lb_store_count (f->store, &lb_drift_check_kind, "project_id", f->project_id, NULL), ==, 1);
  g_assert_cmpstr (lb_drift_group_get_state (f->group), ==, "found"); /* another instance than designed */
  show_group (f);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "drift-refreshed.png"));

  g_settings_reset (settings, "arm-base-url");
  core_test_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *az_dir = NULL;
  g_autofree char *az = NULL;
  int status;

  /* A fake Azure CLI first on PATH: it prints a token as `az account get-access-token` does. */
  az_dir = g_dir_make_tmp ("lb-fake-az-XXXXXX", NULL);
  az = g_build_filename (az_dir, "az", NULL);
  g_assert_true (g_file_set_contents (az, "#!/bin/sh\nprintf '{\"accessToken\": \"" TOKEN "\", "
                                          "\"expires_on\": 4102444800, \"tokenType\": \"Bearer\"}\\n'\n", -1, NULL));
  g_assert_cmpint (g_chmod (az, 0700), ==, 0);
  {
    g_autofree char *path = g_strdup_printf ("%s:%s", az_dir, g_getenv ("PATH"));

    g_setenv ("PATH", path, TRUE);
    g_setenv ("no_proxy", "127.0.0.1", TRUE);
    g_setenv ("NO_PROXY", "127.0.0.1", TRUE);
  }
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/ui/drift-group/import-and-check", Fixture, NULL, fixture_setup, test_import_and_check,
              fixture_teardown);
  g_test_add ("/ui/drift-group/refresh-from-azure", Fixture, NULL, fixture_setup, test_refresh_from_azure,
              fixture_teardown);
  status = g_test_run ();
  g_unlink (az);
  g_rmdir (az_dir);
  return status;
}
