/* test-azure-document.c: the Azure documents, one table row each — az CLI and ARM, both
 * link schemas, lists, the instance and its databases, from files under data/azure and
 * from the demo — and the hostile or malformed ones that must be refused with a message
 * that says what was wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-test-demo.h"
#include "lb-core.h"

#define DATA_DIR TEST_SRCDIR "/core/data/azure"

typedef void (*CheckFunc) (const LbAzureDocument *document);

/* Parses a copy of @length bytes without a terminating NUL, so that an overread shows
 * under ASan. */
static LbAzureDocument *
parse_exact (const char *data,
             gsize       length,
             GError    **error)
{
  g_autofree char *copy = g_malloc (MAX (length, 1));

  memcpy (copy, data, length);
  return lb_azure_document_parse (copy, length, error);
}

static LbAzureDocument *
parse_ok (const char *data,
          gsize       length)
{
  g_autoptr(GError) error = NULL;
  LbAzureDocument *document = parse_exact (data, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static void
assert_refused (const char *data,
                gsize       length,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbAzureDocument) document = parse_exact (data, length, &error);

  g_assert_null (document);
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, expected);
}

static const LbLinkState *
link_at (const LbAzureDocument *document,
         guint                  i)
{
  g_assert_nonnull (document->links);
  g_assert_cmpuint (i, <, document->links->len);
  return document->links->pdata[i];
}

/* The one database of a link. */
static const LbLinkDatabase *
only_database (const LbLinkState *link)
{
  g_assert_nonnull (link->databases);
  g_assert_cmpuint (link->databases->len, ==, 1);
  return link->databases->pdata[0];
}

static void
assert_database (const LbAzureDocument *document,
                 guint                  i,
                 const char            *name,
                 const char            *status)
{
  const LbManagedDatabase *database;

  g_assert_nonnull (document->databases);
  g_assert_cmpuint (i, <, document->databases->len);
  database = document->databases->pdata[i];
  g_assert_cmpstr (database->name, ==, name);
  g_assert_cmpstr (database->status, ==, status);
}

/* ---- fixture files ---------------------------------------------------------------------- */

typedef struct
{
  const char          *file;
  LbAzureDocumentKind  kind;
  gboolean             from_arm;
  const char          *label;
  CheckFunc            check;
} FixtureCase;

static void
check_az_link_show (const LbAzureDocument *document)
{
  const LbLinkState *link = link_at (document, 0);
  const LbLinkDatabase *database = only_database (link);

  g_assert_cmpuint (document->links->len, ==, 1);
  g_assert_null (document->instance);
  g_assert_null (document->databases);
  g_assert_null (document->next_link);
  g_assert_cmpstr (link->name, ==, "DAG_PlantERP");
  g_assert_true (link->new_schema);
  g_assert_cmpstr (link->subscription, ==, "11111111-2222-3333-4444-555555555555");
  g_assert_cmpstr (link->resource_group, ==, "rg-luma-erp");
  g_assert_cmpstr (link->managed_instance, ==, "luma-mi-erp-weu");
  g_assert_cmpstr (link->replication_mode, ==, "Async");
  g_assert_cmpstr (link->failover_mode, ==, "Manual");
  g_assert_cmpstr (link->seeding_mode, ==, "Automatic");
  g_assert_cmpstr (link->instance_link_role, ==, "Secondary");
  g_assert_cmpstr (link->partner_link_role, ==, "Primary");
  g_assert_cmpstr (link->instance_ag_name, ==, "AG_PlantERP_MI");
  g_assert_cmpstr (link->partner_ag_name, ==, "AG_PlantERP");
  g_assert_cmpstr (link->partner_endpoint, ==, "TCP://10.20.1.4:5022");
  g_assert_null (link->link_state);

  g_assert_cmpstr (database->database_name, ==, "PlantERP");
  g_assert_cmpstr (database->replica_state, ==, "LinkSynchronizing");
  g_assert_null (database->seeding_progress); /* null in the file */
  g_assert_cmpstr (database->synchronization_health, ==, "HEALTHY");
  g_assert_cmpstr (database->connected_state, ==, "CONNECTED");
  g_assert_cmpstr (database->last_hardened_lsn, ==, "71000009408100001");
  g_assert_cmpint (database->last_hardened_at, ==, G_GINT64_CONSTANT (1796030047000)); /* 2026-11-30T09:14:07Z */
  g_assert_null (database->most_recent_link_error);
  g_assert_cmpstr (database->cert_name, ==, "PlantERP_link_cert");
  g_assert_cmpint (database->cert_expires_at, ==, G_GINT64_CONSTANT (1813276800000)); /* 2027-06-18 */
  g_assert_cmpint (database->send_lag_s, ==, -1);
  g_assert_cmpint (database->redo_lag_s, ==, -1);
}

static void
check_arm_link_get (const LbAzureDocument *document)
{
  const LbLinkState *link = link_at (document, 0);
  const LbLinkDatabase *database = only_database (link);

  g_assert_cmpuint (document->links->len, ==, 1);
  g_assert_cmpstr (link->name, ==, "DAG_WarehouseWMS");
  g_assert_true (link->new_schema);
  g_assert_cmpstr (link->subscription, ==, "22222222-3333-4444-5555-666666666666");
  g_assert_cmpstr (link->resource_group, ==, "rg-nordlog-wms");
  g_assert_cmpstr (link->managed_instance, ==, "nordlog-mi-wms-neu");
  g_assert_cmpstr (link->replication_mode, ==, "Sync");
  g_assert_cmpstr (link->instance_link_role, ==, "Primary");
  g_assert_cmpstr (link->partner_link_role, ==, "Secondary");
  g_assert_cmpstr (link->instance_ag_name, ==, "AG_WarehouseWMS_MI");
  g_assert_cmpstr (link->partner_ag_name, ==, "AG_WarehouseWMS");
  g_assert_cmpstr (link->partner_endpoint, ==, "TCP://10.40.2.17:5022");

  g_assert_cmpstr (database->database_name, ==, "WarehouseWMS");
  g_assert_null (database->seeding_progress);       /* "" */
  g_assert_null (database->most_recent_link_error); /* "" */
  /* Seven-digit fractions, truncated to the millisecond. */
  g_assert_cmpint (database->last_hardened_at, ==, G_GINT64_CONSTANT (1795884130336));
  g_assert_cmpstr (database->cert_name, ==, "WarehouseWMS_link_cert");
  /* 2027-03-01T12:00:00+01:00 */
  g_assert_cmpint (database->cert_expires_at, ==, G_GINT64_CONSTANT (1803898800000));
  g_assert_cmpint (database->send_lag_s, ==, 3);
  g_assert_cmpint (database->redo_lag_s, ==, 1);
}

static void
check_az_link_show_old (const LbAzureDocument *document)
{
  const LbLinkState *link = link_at (document, 0);
  const LbLinkDatabase *database = only_database (link);

  g_assert_cmpstr (link->name, ==, "DAG_Billing");
  g_assert_false (link->new_schema);
  g_assert_cmpstr (link->link_state, ==, "Copying");
  g_assert_cmpstr (link->partner_ag_name, ==, "AG_Billing");
  g_assert_cmpstr (link->instance_ag_name, ==, "AG_Billing_MI");
  g_assert_cmpstr (link->partner_endpoint, ==, "TCP://10.1.0.4:5022");
  g_assert_cmpstr (link->replication_mode, ==, "Async");
  g_assert_null (link->instance_link_role);
  g_assert_cmpstr (link->resource_group, ==, "RG-Contoso-Billing");
  g_assert_cmpstr (link->managed_instance, ==, "contoso-mi-billing");
  g_assert_cmpstr (link->subscription, ==, "33333333-4444-5555-6666-777777777777");

  g_assert_cmpstr (database->database_name, ==, "Billing");
  g_assert_cmpstr (database->last_hardened_lsn, ==, "35000000123400001");
  g_assert_null (database->replica_state);
  g_assert_cmpint (database->last_hardened_at, ==, LB_UNSET_INT);
  g_assert_cmpint (database->cert_expires_at, ==, LB_UNSET_INT);
  g_assert_cmpint (database->send_lag_s, ==, -1);
}

static void
check_az_link_list (const LbAzureDocument *document)
{
  const LbLinkState *orders = link_at (document, 0);
  const LbLinkState *invoices = link_at (document, 1);
  const LbLinkDatabase *seeding = only_database (orders);
  const LbLinkDatabase *failed = only_database (invoices);

  g_assert_cmpuint (document->links->len, ==, 2);
  g_assert_null (document->next_link);
  g_assert_cmpstr (orders->name, ==, "DAG_Orders");
  g_assert_cmpstr (orders->failover_mode, ==, "None");
  g_assert_cmpstr (orders->managed_instance, ==, "fabrikam-mi-sales");
  g_assert_cmpstr (seeding->replica_state, ==, "Seeding");
  g_assert_cmpstr (seeding->seeding_progress, ==, "64%");
  g_assert_null (seeding->last_hardened_lsn);
  g_assert_cmpint (seeding->last_hardened_at, ==, LB_UNSET_INT);
  g_assert_cmpint (seeding->cert_expires_at, ==, G_GINT64_CONSTANT (1822262400000)); /* 2027-09-30 */

  g_assert_cmpstr (invoices->name, ==, "DAG_Invoices");
  g_assert_cmpstr (invoices->partner_endpoint, ==, "TCP://172.16.8.22:5022");
  g_assert_cmpstr (failed->replica_state, ==, "LinkInitError");
  g_assert_cmpstr (failed->most_recent_link_error, ==, "41976");
  g_assert_cmpstr (failed->connected_state, ==, "DISCONNECTED");
  g_assert_cmpstr (failed->synchronization_health, ==, "NOT_HEALTHY");
  g_assert_cmpint (failed->last_hardened_at, ==, G_GINT64_CONSTANT (1795996721250));
  g_assert_null (failed->cert_name); /* "partnerAuthCertValidity": null */
  g_assert_cmpint (failed->cert_expires_at, ==, LB_UNSET_INT);
}

static void
check_arm_link_list (const LbAzureDocument *document)
{
  const LbLinkState *ledger = link_at (document, 0);
  const LbLinkState *payroll = link_at (document, 1);

  g_assert_cmpuint (document->links->len, ==, 2);
  g_assert_nonnull (document->next_link);
  g_assert_true (g_str_has_suffix (document->next_link, "$skipToken=MjA%3D"));
  g_assert_false (ledger->new_schema);
  g_assert_cmpstr (ledger->name, ==, "DAG_Ledger");
  g_assert_cmpstr (ledger->link_state, ==, "Catchup");
  g_assert_cmpstr (ledger->partner_endpoint, ==, "TCP://10.8.0.12:5022");
  g_assert_cmpstr (ledger->managed_instance, ==, "adatum-mi-fin");
  g_assert_cmpstr (only_database (ledger)->database_name, ==, "Ledger");
  g_assert_cmpstr (only_database (ledger)->last_hardened_lsn, ==, "41000000005600001");
  g_assert_cmpstr (payroll->name, ==, "DAG_Payroll");
  g_assert_cmpstr (payroll->link_state, ==, "Copying");
  g_assert_cmpstr (payroll->instance_ag_name, ==, "AG_Payroll_MI");
  g_assert_cmpstr (only_database (payroll)->database_name, ==, "Payroll");
}

static void
check_az_mi_show (const LbAzureDocument *document)
{
  const LbInstanceState *instance = document->instance;

  g_assert_nonnull (instance);
  g_assert_null (document->links);
  g_assert_null (document->databases);
  g_assert_cmpstr (instance->name, ==, "luma-mi-erp-weu");
  g_assert_cmpstr (instance->resource_group, ==, "rg-luma-erp");
  g_assert_cmpstr (instance->subscription, ==, "11111111-2222-3333-4444-555555555555");
  g_assert_cmpstr (instance->location, ==, "westeurope");
  g_assert_cmpstr (instance->sku_name, ==, "BC_Gen5");
  g_assert_cmpstr (instance->tier, ==, "BusinessCritical");
  g_assert_cmpstr (instance->family, ==, "Gen5");
  g_assert_cmpint (instance->vcores, ==, 16);
  g_assert_cmpint (instance->storage_gb, ==, 1024); /* storageSizeInGb */
  g_assert_cmpint (instance->is_general_purpose_v2, ==, 0);
  g_assert_cmpstr (instance->state, ==, "Ready");
  g_assert_cmpstr (instance->database_format, ==, "SQLServer2022");
  g_assert_cmpstr (instance->hybrid_secondary_usage, ==, "Passive");
  g_assert_cmpstr (instance->license_type, ==, "BasePrice");
}

static void
check_arm_mi_get (const LbAzureDocument *document)
{
  const LbInstanceState *instance = document->instance;

  g_assert_nonnull (instance);
  g_assert_cmpstr (instance->name, ==, "nordlog-mi-wms-neu");
  g_assert_cmpstr (instance->resource_group, ==, "rg-nordlog-wms"); /* from the id */
  g_assert_cmpstr (instance->subscription, ==, "22222222-3333-4444-5555-666666666666");
  g_assert_cmpstr (instance->location, ==, "northeurope");
  g_assert_cmpstr (instance->sku_name, ==, "GP_G8IM");
  g_assert_cmpstr (instance->tier, ==, "GeneralPurpose");
  g_assert_cmpstr (instance->family, ==, "G8IM");
  g_assert_cmpint (instance->vcores, ==, 8);
  g_assert_cmpint (instance->storage_gb, ==, 512); /* storageSizeInGB */
  g_assert_cmpint (instance->is_general_purpose_v2, ==, 1);
  g_assert_cmpstr (instance->state, ==, "Ready");
  g_assert_cmpstr (instance->database_format, ==, "AlwaysUpToDate");
  g_assert_cmpstr (instance->hybrid_secondary_usage, ==, "Active");
  g_assert_cmpstr (instance->license_type, ==, "LicenseIncluded");
}

static void
check_az_midb_list (const LbAzureDocument *document)
{
  g_assert_null (document->links);
  g_assert_null (document->instance);
  g_assert_cmpuint (document->databases->len, ==, 3);
  assert_database (document, 0, "PlantERP", "Online");
  assert_database (document, 1, "Staging", "Restoring");
  assert_database (document, 2, "DBA", "Online");
}

static void
check_arm_midb_list (const LbAzureDocument *document)
{
  g_assert_cmpuint (document->databases->len, ==, 2);
  g_assert_null (document->next_link);
  assert_database (document, 0, "WarehouseWMS", "Online");
  assert_database (document, 1, "Archive", "Inaccessible");
}

static const FixtureCase fixture_cases[] = {
  { "az-link-show.json", LB_AZURE_DOCUMENT_LINK, FALSE, "az sql mi link show", check_az_link_show },
  { "arm-link-get.json", LB_AZURE_DOCUMENT_LINK, TRUE, "ARM link", check_arm_link_get },
  { "az-link-show-old.json", LB_AZURE_DOCUMENT_LINK, FALSE, "az sql mi link show", check_az_link_show_old },
  { "az-link-list.json", LB_AZURE_DOCUMENT_LINKS, FALSE, "az sql mi link list", check_az_link_list },
  { "arm-link-list.json", LB_AZURE_DOCUMENT_LINKS, TRUE, "ARM link list", check_arm_link_list },
  { "az-mi-show.json", LB_AZURE_DOCUMENT_INSTANCE, FALSE, "az sql mi show", check_az_mi_show },
  { "arm-mi-get.json", LB_AZURE_DOCUMENT_INSTANCE, TRUE, "ARM managed instance", check_arm_mi_get },
  { "az-midb-list.json", LB_AZURE_DOCUMENT_DATABASES, FALSE, "az sql midb list", check_az_midb_list },
  { "arm-midb-list.json", LB_AZURE_DOCUMENT_DATABASES, TRUE, "ARM database list", check_arm_midb_list },
};

static char *
read_fixture (const char *file,
              gsize      *length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (DATA_DIR, file, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_fixture (gconstpointer data)
{
  const FixtureCase *c = data;
  gsize length;
  g_autofree char *contents = read_fixture (c->file, &length);
  g_autoptr(LbAzureDocument) document = parse_ok (contents, length);

  g_assert_cmpint (document->kind, ==, c->kind);
  g_assert_cmpint (document->from_arm, ==, c->from_arm);
  g_assert_cmpstr (lb_azure_document_kind_label (document), ==, c->label);
  c->check (document);
}

/* A truncated file is not JSON, wherever the cut falls. */
static void
test_fixture_truncated (gconstpointer data)
{
  const FixtureCase *c = data;
  gsize length;
  g_autofree char *contents = read_fixture (c->file, &length);

  for (gsize cut = 1; cut < length - 2; cut += 1 + length / 23)
    assert_refused (contents, cut, "not JSON: ");
}

/* ---- inline documents that are read ----------------------------------------------------- */

typedef struct
{
  const char          *name;
  const char          *json;
  LbAzureDocumentKind  kind;
  gboolean             from_arm;
  CheckFunc            check;
} ReadCase;

static void
check_no_databases (const LbAzureDocument *document)
{
  const LbLinkState *link = link_at (document, 0);

  g_assert_cmpstr (link->name, ==, "DAG_x");
  g_assert_true (link->new_schema);
  g_assert_nonnull (link->databases);
  g_assert_cmpuint (link->databases->len, ==, 0);
  g_assert_cmpstr (link->replication_mode, ==, "Async");
}

static void
check_old_without_target (const LbAzureDocument *document)
{
  const LbLinkState *link = link_at (document, 0);

  g_assert_cmpstr (link->name, ==, "DAG_y");
  g_assert_false (link->new_schema);
  g_assert_cmpstr (link->link_state, ==, "Copying");
  g_assert_nonnull (link->databases);
  g_assert_cmpuint (link->databases->len, ==, 0);
}

static void
check_wrong_scalars (const LbAzureDocument *document)
{
  const LbLinkState *link = link_at (document, 0);
  const LbLinkDatabase *database = only_database (link);

  g_assert_cmpstr (link->name, ==, "DAG_z");
  g_assert_null (link->replication_mode); /* 7 */
  g_assert_null (link->failover_mode);    /* true */
  g_assert_null (link->partner_endpoint); /* ["x"] */
  g_assert_null (link->seeding_mode);     /* {} */
  g_assert_null (database->database_name);
  g_assert_cmpint (database->send_lag_s, ==, -1);   /* "3" */
  g_assert_cmpint (database->redo_lag_s, ==, -1);   /* 2.5 */
  g_assert_cmpint (database->last_hardened_at, ==, LB_UNSET_INT); /* "yesterday" */
  g_assert_null (database->cert_name);
  g_assert_cmpint (database->cert_expires_at, ==, LB_UNSET_INT);  /* 17 */
  g_assert_cmpstr (database->replica_state, ==, "Catchup");
}

static void
check_lag_limits (const LbAzureDocument *document)
{
  const LbLinkState *link = link_at (document, 0);
  const LbLinkDatabase *big = link->databases->pdata[0];
  const LbLinkDatabase *whole = link->databases->pdata[1];

  g_assert_cmpuint (link->databases->len, ==, 2);
  g_assert_cmpint (big->send_lag_s, ==, -1); /* beyond int32 */
  g_assert_cmpint (big->redo_lag_s, ==, -1); /* negative */
  g_assert_cmpint (whole->send_lag_s, ==, 4); /* 4.0 */
  g_assert_cmpint (whole->redo_lag_s, ==, 0);
}

static void
check_time_without_offset (const LbAzureDocument *document)
{
  const LbLinkDatabase *database = only_database (link_at (document, 0));

  /* Read as UTC, not in the tests' Europe/Berlin. */
  g_assert_cmpint (database->last_hardened_at, ==, G_GINT64_CONSTANT (1796030047000));
  g_assert_cmpint (database->cert_expires_at, ==, G_GINT64_CONSTANT (1813276800000));
}

static void
check_vcores_fallback (const LbAzureDocument *document)
{
  const LbInstanceState *instance = document->instance;

  g_assert_cmpstr (instance->name, ==, "mi-small");
  g_assert_cmpstr (instance->sku_name, ==, "GP_Gen5");
  g_assert_null (instance->family);
  g_assert_cmpint (instance->vcores, ==, 4);                  /* vCores; sku has no capacity */
  g_assert_cmpint (instance->storage_gb, ==, LB_UNSET_INT);   /* "256" */
  g_assert_cmpint (instance->is_general_purpose_v2, ==, -1);  /* "true" */
  g_assert_null (instance->resource_group);
  g_assert_null (instance->subscription);
}

static void
check_instance_by_fields (const LbAzureDocument *document)
{
  const LbInstanceState *instance = document->instance;

  g_assert_cmpstr (instance->name, ==, "mi-untyped");
  g_assert_cmpint (instance->vcores, ==, 8);
  g_assert_cmpint (instance->storage_gb, ==, 2048);
}

static void
check_instance_name_from_id (const LbAzureDocument *document)
{
  const LbInstanceState *instance = document->instance;

  g_assert_cmpstr (instance->name, ==, "mi-from-id");
  g_assert_cmpstr (instance->resource_group, ==, "rg-from-id");
  g_assert_cmpstr (instance->subscription, ==, "sub-1");
  g_assert_cmpint (instance->vcores, ==, -1);
}

static void
check_id_case (const LbAzureDocument *document)
{
  const LbLinkState *link = link_at (document, 0);

  g_assert_cmpstr (link->subscription, ==, "abc");
  g_assert_cmpstr (link->resource_group, ==, "rg1");
  g_assert_cmpstr (link->managed_instance, ==, "mi1");
}

static void
check_id_group_named_subscriptions (const LbAzureDocument *document)
{
  const LbLinkState *link = link_at (document, 0);

  g_assert_cmpstr (link->subscription, ==, "s1");
  g_assert_cmpstr (link->resource_group, ==, "subscriptions");
  g_assert_cmpstr (link->managed_instance, ==, "mi2");
}

static void
check_type_only (const LbAzureDocument *document)
{
  const LbLinkState *link = link_at (document, 0);

  g_assert_cmpstr (link->name, ==, "DAG_t");
  g_assert_cmpuint (link->databases->len, ==, 0);
}

static void
check_new_wins (const LbAzureDocument *document)
{
  const LbLinkState *link = link_at (document, 0);

  g_assert_true (link->new_schema);
  g_assert_cmpstr (only_database (link)->database_name, ==, "fromDatabases");
  g_assert_null (link->link_state);
}

static void
check_nulls (const LbAzureDocument *document)
{
  const LbLinkState *link = link_at (document, 0);

  g_assert_cmpstr (link->name, ==, "DAG_n");
  g_assert_true (link->new_schema);
  g_assert_cmpuint (link->databases->len, ==, 0);
  g_assert_null (link->partner_endpoint);
}

static void
check_links_by_fields (const LbAzureDocument *document)
{
  g_assert_cmpuint (document->links->len, ==, 2);
  g_assert_false (link_at (document, 0)->new_schema);
  g_assert_cmpstr (only_database (link_at (document, 0))->database_name, ==, "a");
  g_assert_true (link_at (document, 1)->new_schema);
  g_assert_cmpstr (link_at (document, 1)->name, ==, "DAG_b");
}

static void
check_databases_by_fields (const LbAzureDocument *document)
{
  g_assert_cmpuint (document->databases->len, ==, 2);
  assert_database (document, 0, "a", "Online");
  assert_database (document, 1, "b", NULL);
}

static void
check_bom (const LbAzureDocument *document)
{
  g_assert_cmpstr (link_at (document, 0)->name, ==, "DAG_bom");
}

static const ReadCase read_cases[] = {
  { "link-without-databases", "{\"distributedAvailabilityGroupName\": \"DAG_x\", \"replicationMode\": \"Async\"}",
    LB_AZURE_DOCUMENT_LINK, FALSE, check_no_databases },
  { "old-schema-without-target", "{\"name\": \"DAG_y\", \"linkState\": \"Copying\"}", LB_AZURE_DOCUMENT_LINK, FALSE,
    check_old_without_target },
  { "wrong-scalar-types",
    "{\"distributedAvailabilityGroupName\": \"DAG_z\", \"replicationMode\": 7, \"failoverMode\": true,"
    " \"partnerEndpoint\": [\"x\"], \"seedingMode\": {}, \"databases\": [{\"databaseName\": 5,"
    " \"replicaState\": \"Catchup\", \"instanceSendReplicationLagSeconds\": \"3\","
    " \"instanceRedoReplicationLagSeconds\": 2.5, \"lastHardenedTime\": \"yesterday\","
    " \"partnerAuthCertValidity\": {\"certificateName\": 1, \"expiryDate\": 17}}]}",
    LB_AZURE_DOCUMENT_LINK, FALSE, check_wrong_scalars },
  { "lag-limits",
    "{\"databases\": [{\"instanceSendReplicationLagSeconds\": 2147483648, \"instanceRedoReplicationLagSeconds\": -5},"
    " {\"instanceSendReplicationLagSeconds\": 4.0, \"instanceRedoReplicationLagSeconds\": 0}]}",
    LB_AZURE_DOCUMENT_LINK, FALSE, check_lag_limits },
  { "time-without-offset",
    "{\"databases\": [{\"lastHardenedTime\": \"2026-11-30T09:14:07\","
    " \"partnerAuthCertValidity\": {\"expiryDate\": \"2027-06-18T00:00:00\"}}]}",
    LB_AZURE_DOCUMENT_LINK, FALSE, check_time_without_offset },
  { "instance-vcores-fallback",
    "{\"type\": \"Microsoft.Sql/managedInstances\", \"name\": \"mi-small\","
    " \"sku\": {\"name\": \"GP_Gen5\", \"tier\": \"GeneralPurpose\", \"family\": 5}, \"vCores\": 4,"
    " \"storageSizeInGb\": \"256\", \"isGeneralPurposeV2\": \"true\"}",
    LB_AZURE_DOCUMENT_INSTANCE, FALSE, check_vcores_fallback },
  { "instance-by-fields", "{\"name\": \"mi-untyped\", \"sku\": {\"capacity\": 8}, \"storageSizeInGB\": 2048}",
    LB_AZURE_DOCUMENT_INSTANCE, FALSE, check_instance_by_fields },
  { "instance-name-from-id",
    "{\"type\": \"MICROSOFT.SQL/MANAGEDINSTANCES\", \"properties\": {\"state\": \"Ready\"},"
    " \"id\": \"/subscriptions/sub-1/resourceGroups/rg-from-id/providers/Microsoft.Sql/managedInstances/mi-from-id\"}",
    LB_AZURE_DOCUMENT_INSTANCE, TRUE, check_instance_name_from_id },
  { "id-segments-any-case",
    "{\"distributedAvailabilityGroupName\": \"d\", \"id\": \"/SUBSCRIPTIONS/abc/RESOURCEGROUPS/rg1/PROVIDERS/"
    "Microsoft.Sql/MANAGEDINSTANCES/mi1/distributedAvailabilityGroups/d\"}",
    LB_AZURE_DOCUMENT_LINK, FALSE, check_id_case },
  { "id-group-named-subscriptions",
    "{\"distributedAvailabilityGroupName\": \"d\", \"id\": \"/subscriptions/s1/resourceGroups/subscriptions/"
    "providers/Microsoft.Sql/managedInstances/mi2/distributedAvailabilityGroups/d\"}",
    LB_AZURE_DOCUMENT_LINK, FALSE, check_id_group_named_subscriptions },
  { "link-by-type-only",
    "{\"type\": \"microsoft.sql/managedinstances/distributedavailabilitygroups\", \"name\": \"DAG_t\"}",
    LB_AZURE_DOCUMENT_LINK, FALSE, check_type_only },
  { "databases-win-over-target",
    "{\"databases\": [{\"databaseName\": \"fromDatabases\"}], \"targetDatabase\": \"fromTarget\","
    " \"linkState\": \"x\"}",
    LB_AZURE_DOCUMENT_LINK, FALSE, check_new_wins },
  { "nulls-are-absent",
    "{\"name\": \"DAG_n\", \"sku\": null, \"value\": null, \"properties\": {\"distributedAvailabilityGroupName\": null,"
    " \"databases\": null, \"partnerEndpoint\": null, \"failoverMode\": \"Manual\"},"
    " \"type\": \"Microsoft.Sql/managedInstances/distributedAvailabilityGroups\"}",
    LB_AZURE_DOCUMENT_LINK, TRUE, check_nulls },
  { "link-list-by-fields",
    "[{\"targetDatabase\": \"a\"}, {\"distributedAvailabilityGroupName\": \"DAG_b\", \"databases\": []}]",
    LB_AZURE_DOCUMENT_LINKS, FALSE, check_links_by_fields },
  { "database-list-by-fields", "[{\"name\": \"a\", \"status\": \"Online\"}, {\"name\": \"b\", \"collation\": \"x\"}]",
    LB_AZURE_DOCUMENT_DATABASES, FALSE, check_databases_by_fields },
  { "byte-order-mark", "\xEF\xBB\xBF{\"distributedAvailabilityGroupName\": \"DAG_bom\"}", LB_AZURE_DOCUMENT_LINK, FALSE,
    check_bom },
};

static void
test_read (gconstpointer data)
{
  const ReadCase *c = data;
  g_autoptr(LbAzureDocument) document = parse_ok (c->json, strlen (c->json));

  g_assert_cmpint (document->kind, ==, c->kind);
  g_assert_cmpint (document->from_arm, ==, c->from_arm);
  c->check (document);
}

/* ---- inline documents that are refused -------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *json;
  const char *expected; /* part of the message */
} RefuseCase;

static const RefuseCase refuse_cases[] = {
  { "not-json", "DAG_PlantERP is synchronizing", "not JSON: " },
  { "truncated", "{\"distributedAvailabilityGroupName\": \"DAG_x\", \"databases\": [{\"databaseName\": \"x\"",
    "not JSON: " },
  { "unbalanced", "]]]", "not JSON: " },
  { "trailing-garbage", "{\"databases\": []} {", "not JSON: " },
  { "empty", "", "not JSON: the document is empty" },
  { "blank", " \n\t ", "not JSON: the document is empty" },
  { "not-utf8", "{\"distributedAvailabilityGroupName\": \"DAG_\xff\"}", "not JSON: the document is not UTF-8" },
  { "top-string", "\"DAG_PlantERP\"", "a JSON object or array, but this is a string" },
  { "top-number", "42", "a JSON object or array, but this is a number" },
  { "top-boolean", "true", "but this is a boolean" },
  { "top-null", "null", "but this is null" },
  { "unknown-object", "{\"subscriptionId\": \"x\", \"displayName\": \"Prod\"}",
    "an Azure document was expected: a link (az sql mi link show), a list of links, a managed instance "
    "(az sql mi show) or its databases (az sql midb list); this JSON object has none of their fields" },
  { "empty-object", "{}", "this JSON object has none of their fields" },
  { "unknown-arm-object", "{\"properties\": {\"publicBlob\": \"0x3082\"}, \"name\": \"DATABASE_MIRRORING\"}",
    "an Azure document was expected" },
  { "instance-type-without-sku-is-not-a-link", "{\"type\": \"Microsoft.Sql/servers\", \"sku\": {}}",
    "an Azure document was expected" },
  { "empty-array", "[]", "the list is empty" },
  { "empty-value", "{\"value\": [], \"nextLink\": null}", "the list is empty" },
  { "value-not-array", "{\"value\": {\"name\": \"DAG_x\"}}", "“value” must be an array" },
  { "databases-string", "{\"distributedAvailabilityGroupName\": \"DAG_x\", \"databases\": \"x\"}",
    "“databases” must be an array" },
  { "databases-under-properties-number", "{\"properties\": {\"databases\": 3}}", "“databases” must be an array" },
  { "databases-item-number", "{\"databases\": [{\"databaseName\": \"a\"}, 5]}",
    "item 2 of “databases” must be an object" },
  { "sku-number", "{\"type\": \"Microsoft.Sql/managedInstances\", \"sku\": 5}", "“sku” must be an object" },
  { "sku-string-arm", "{\"type\": \"Microsoft.Sql/managedInstances\", \"properties\": {}, \"sku\": \"GP_Gen5\"}",
    "“sku” must be an object" },
  { "properties-string", "{\"name\": \"DAG_x\", \"properties\": \"x\"}", "“properties” must be an object" },
  { "cert-validity-string", "{\"databases\": [{\"partnerAuthCertValidity\": \"2027-06-18\"}]}",
    "“partnerAuthCertValidity” must be an object" },
  { "list-item-number", "[1, 2]", "item 1 of the list is not a JSON object" },
  { "list-item-unknown", "[{\"databaseName\": \"x\"}]", "item 1 of the list is neither a link" },
  { "list-mixed", "[{\"targetDatabase\": \"a\"}, {\"name\": \"x\", \"status\": \"Online\"}]",
    "item 2 of the list is a database, but item 1 is a link: a list holds one kind" },
  { "list-of-instances", "[{\"type\": \"Microsoft.Sql/managedInstances\", \"name\": \"mi\"}]", "(az sql mi list)" },
  { "list-item-bad-databases", "[{\"databaseName\": \"x\", \"databases\": \"x\"}]",
    "item 1 of the list: “databases” must be an array" },
  { "value-item-properties-number", "{\"value\": [{\"properties\": 1}]}", "“properties” must be an object" },
  { "one-database", "{\"type\": \"Microsoft.Sql/managedInstances/databases\", \"name\": \"x\", \"status\": \"Online\"}",
    "(az sql midb show)" },
};

static void
test_refuse (gconstpointer data)
{
  const RefuseCase *c = data;

  assert_refused (c->json, strlen (c->json), c->expected);
}

/* ---- generated hostile documents -------------------------------------------------------- */

static char *
nested (int         depth,
        const char *inner)
{
  GString *s = g_string_new ("{\"distributedAvailabilityGroupName\": \"DAG_deep\", \"extra\": ");

  for (int i = 1; i < depth; i++) /* the object is the first level */
    g_string_append_c (s, '[');
  g_string_append (s, inner);
  for (int i = 1; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

static void
test_depth_open_brackets (void)
{
  g_autofree char *open = g_strnfill (10000, '[');
  g_autofree char *braces = g_strnfill (10000, '{');

  assert_refused (open, 10000, "the document is nested deeper than 64 levels");
  assert_refused (braces, 10000, "nested deeper than 64 levels");
}

/* Balanced, so valid JSON: only the depth refuses it. */
static void
test_depth_balanced (void)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (int i = 0; i < 10000; i++)
    g_string_append_c (s, '[');
  for (int i = 0; i < 10000; i++)
    g_string_append_c (s, ']');
  assert_refused (s->str, s->len, "nested deeper than 64 levels");
}

static void
test_depth_limit (void)
{
  g_autofree char *at_limit = nested (LB_AZURE_DOCUMENT_MAX_DEPTH, "1");
  g_autofree char *over = nested (LB_AZURE_DOCUMENT_MAX_DEPTH + 1, "1");
  g_autoptr(LbAzureDocument) document = parse_ok (at_limit, strlen (at_limit));

  g_assert_cmpstr (link_at (document, 0)->name, ==, "DAG_deep");
  assert_refused (over, strlen (over), "nested deeper than 64 levels");
}

/* Brackets in strings, after escaped quotes and backslashes, are text. */
static void
test_depth_ignores_strings (void)
{
  g_autofree char *brackets = g_strnfill (200, '[');
  g_autofree char *braces = g_strnfill (200, '{');
  g_autofree char *inner = g_strdup_printf ("\"a\\\"%s\\\\\"", braces);
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(LbAzureDocument) document = NULL;
  g_autoptr(LbAzureDocument) deep = NULL;
  g_autofree char *deep_json = NULL;

  json = g_strdup_printf ("{\"distributedAvailabilityGroupName\": \"DAG\\\"%s\\\\\", \"x\": \"\\\\\", \"y\": \"%s]\"}",
                          brackets, braces);
  document = parse_ok (json, strlen (json));
  expected = g_strdup_printf ("DAG\"%s\\", brackets);
  g_assert_cmpstr (link_at (document, 0)->name, ==, expected);

  /* The same strings at the deepest allowed level still count as one. */
  deep_json = nested (LB_AZURE_DOCUMENT_MAX_DEPTH, inner);
  deep = parse_ok (deep_json, strlen (deep_json));
  g_assert_cmpstr (link_at (deep, 0)->name, ==, "DAG_deep");
}

/* A valid link padded with whitespace: only its size refuses it. */
static void
test_size_limit (void)
{
  static const char link[] = "{\"distributedAvailabilityGroupName\": \"DAG_big\"}";
  gsize max = LB_AZURE_DOCUMENT_MAX_BYTES;
  g_autofree char *buffer = g_malloc (max + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbAzureDocument) at_limit = NULL;
  g_autoptr(LbAzureDocument) over = NULL;

  memset (buffer, ' ', max + 1);
  memcpy (buffer, link, strlen (link));
  at_limit = lb_azure_document_parse (buffer, max, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (link_at (at_limit, 0)->name, ==, "DAG_big");

  over = lb_azure_document_parse (buffer, max + 1, &error);
  g_assert_null (over);
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "the document is larger than 16 MiB"));
}

static void
test_embedded_nul (void)
{
  static const char inside[] = "{\"distributedAvailabilityGroupName\": \"DAG\0x\"}";
  static const char after[] = "{\"distributedAvailabilityGroupName\": \"DAG\"}\0";

  /* sizeof - 1: the literal's own terminator is not part of the document. */
  assert_refused (inside, sizeof inside - 1, "not JSON: the document holds a NUL byte at offset 41");
  assert_refused (after, sizeof after - 1, "NUL byte");
  /* Without the NULs both read. */
  {
    g_autoptr(LbAzureDocument) document = parse_ok (after, sizeof after - 2);

    g_assert_cmpstr (link_at (document, 0)->name, ==, "DAG");
  }
}

static void
test_null_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbAzureDocument) document = lb_azure_document_parse (NULL, 0, &error);

  g_assert_null (document);
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "the document is empty"));
  lb_azure_document_free (NULL);
}

/* ---- the demo's own documents ----------------------------------------------------------- */

static void
check_demo_document (const LbEvidence      *evidence,
                     const LbAzureDocument *document,
                     guint                 *n_instances,
                     guint                 *n_az_links,
                     guint                 *n_arm_links)
{
  g_assert_cmpint (document->from_arm, ==, evidence->kind == LB_EVIDENCE_ARM_JSON);
  if (document->kind == LB_AZURE_DOCUMENT_INSTANCE)
    {
      const LbInstanceState *instance = document->instance;

      g_assert_cmpstr (evidence->title, ==, "az sql mi show");
      g_assert_cmpstr (lb_azure_document_kind_label (document), ==, "az sql mi show");
      g_assert_nonnull (instance->name);
      g_assert_nonnull (instance->resource_group);
      g_assert_nonnull (instance->subscription);
      g_assert_nonnull (instance->location);
      g_assert_true (g_str_has_prefix (instance->sku_name, "GP_") || g_str_has_prefix (instance->sku_name, "BC_"));
      g_assert_nonnull (instance->tier);
      g_assert_nonnull (instance->family);
      g_assert_cmpint (instance->vcores, >=, 4);
      g_assert_cmpint (instance->storage_gb, >=, 32);
      g_assert_cmpint (instance->is_general_purpose_v2, >=, 0);
      g_assert_cmpstr (instance->state, ==, "Ready");
      g_assert_cmpstr (instance->database_format, ==, "SQLServer2022");
      g_assert_nonnull (instance->hybrid_secondary_usage);
      g_assert_nonnull (instance->license_type);
      (*n_instances)++;
    }
  else
    {
      const LbLinkState *link;
      const LbLinkDatabase *database;

      g_assert_cmpint (document->kind, ==, LB_AZURE_DOCUMENT_LINK);
      link = link_at (document, 0);
      database = only_database (link);
      g_assert_true (link->new_schema);
      g_assert_true (g_str_has_prefix (link->name, "DAG_"));
      g_assert_cmpstr (link->name + 4, ==, database->database_name);
      g_assert_nonnull (link->managed_instance);
      g_assert_nonnull (link->resource_group);
      g_assert_nonnull (link->subscription);
      g_assert_true (g_str_has_prefix (link->partner_endpoint, "TCP://"));
      g_assert_nonnull (link->instance_ag_name);
      g_assert_nonnull (link->partner_ag_name);
      g_assert_nonnull (link->failover_mode);
      g_assert_cmpstr (link->seeding_mode, ==, "Automatic");
      g_assert_cmpstr (database->synchronization_health, ==, "HEALTHY");
      g_assert_cmpstr (database->connected_state, ==, "CONNECTED");
      g_assert_true (g_str_has_suffix (database->cert_name, "_link_cert"));
      g_assert_cmpint (database->cert_expires_at, >, evidence->captured_at);
      if (g_strcmp0 (database->replica_state, "Seeding") == 0)
        {
          g_assert_cmpstr (database->seeding_progress, ==, "64%");
          g_assert_cmpint (database->last_hardened_at, ==, LB_UNSET_INT);
        }
      else
        {
          g_assert_cmpstr (database->replica_state, ==, "LinkSynchronizing");
          g_assert_nonnull (database->last_hardened_lsn);
          /* content_link () hardens one second before the capture. */
          g_assert_cmpint (database->last_hardened_at, ==, evidence->captured_at - 1000);
        }
      if (document->from_arm)
        {
          g_assert_cmpstr (lb_azure_document_kind_label (document), ==, "ARM link");
          g_assert_cmpstr (link->instance_link_role, ==, "Primary");
          g_assert_cmpstr (link->replication_mode, ==, "Sync");
          g_assert_cmpint (database->send_lag_s, ==, 0);
          g_assert_cmpint (database->redo_lag_s, ==, 0);
          (*n_arm_links)++;
        }
      else
        {
          g_assert_true (g_str_has_prefix (evidence->title, "az sql mi link show"));
          g_assert_cmpstr (lb_azure_document_kind_label (document), ==, "az sql mi link show");
          g_assert_cmpstr (link->instance_link_role, ==, "Secondary");
          g_assert_cmpint (database->send_lag_s, ==, -1);
          (*n_az_links)++;
        }
    }
}

static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(LbStore) store = core_test_demo_open (0, &dir);
  g_autoptr(GPtrArray) listed = NULL;
  guint n_instances = 0, n_az_links = 0, n_arm_links = 0;

  listed = lb_store_list (store, &lb_evidence_kind, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < listed->len; i++)
    {
      const LbEvidence *summary = listed->pdata[i];
      LbEvidence *evidence;
      g_autoptr(LbAzureDocument) document = NULL;
      gconstpointer data;
      gsize length;

      if (summary->kind != LB_EVIDENCE_AZ_CLI_JSON && summary->kind != LB_EVIDENCE_ARM_JSON)
        continue;
      evidence = lb_store_get (store, &lb_evidence_kind, summary->id, &error);
      g_assert_no_error (error);
      g_assert_nonnull (evidence->content);
      data = g_bytes_get_data (evidence->content, &length);
      document = lb_azure_document_parse (data, length, &error);
      if (error != NULL)
        g_error ("%s: %s", evidence->title, error->message);
      check_demo_document (evidence, document, &n_instances, &n_az_links, &n_arm_links);
      lb_record_free (evidence);
    }
  /* Every project past planning has both az documents; one cut-over has the ARM GET. */
  g_assert_cmpuint (n_instances, >=, 3);
  g_assert_cmpuint (n_az_links, >=, n_instances);
  g_assert_cmpuint (n_arm_links, >=, 1);

  g_clear_object (&store);
  core_test_demo_remove (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixture_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/azure-document/file/%s", fixture_cases[i].file);
      g_autofree char *truncated = g_strdup_printf ("/azure-document/truncated/%s", fixture_cases[i].file);

      g_test_add_data_func (name, &fixture_cases[i], test_fixture);
      g_test_add_data_func (truncated, &fixture_cases[i], test_fixture_truncated);
    }
  for (guint i = 0; i < G_N_ELEMENTS (read_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/azure-document/read/%s", read_cases[i].name);

      g_test_add_data_func (name, &read_cases[i], test_read);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refuse_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/azure-document/refuse/%s", refuse_cases[i].name);

      g_test_add_data_func (name, &refuse_cases[i], test_refuse);
    }
  g_test_add_func ("/azure-document/hostile/depth-open-brackets", test_depth_open_brackets);
  g_test_add_func ("/azure-document/hostile/depth-balanced", test_depth_balanced);
  g_test_add_func ("/azure-document/hostile/depth-limit", test_depth_limit);
  g_test_add_func ("/azure-document/hostile/depth-ignores-strings", test_depth_ignores_strings);
  g_test_add_func ("/azure-document/hostile/size-limit", test_size_limit);
  g_test_add_func ("/azure-document/hostile/embedded-nul", test_embedded_nul);
  g_test_add_func ("/azure-document/hostile/null-data", test_null_data);
  g_test_add_func ("/azure-document/demo", test_demo);
  return g_test_run ();
}
