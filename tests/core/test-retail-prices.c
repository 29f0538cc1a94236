/* test-retail-prices.c: Managed Instance list prices from a Retail Prices API on loopback
 * (libsoup) — the filter and currency sent as the API wants them, pages followed, tiered and
 * foreign meters left out, the newest of a repeated meter kept, malformed items refused;
 * the cache replaced per region and currency, used while fresh or offline (saying how old),
 * refreshed when stale, kept when the refresh fails, and absent said plainly; the monthly
 * estimate's arithmetic with licence, Azure Hybrid Benefit and the passive DR replica, and
 * its cost items replacing the previous estimate only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "core-test-server.h"
#include "lb-core.h"
#include "lb-test-util.h"

#define ITEM(product, sku, meter, price, extra) \
  "{\"currencyCode\": \"EUR\", \"retailPrice\": " price ", \"unitPrice\": " price ", \"armRegionName\": \"westeurope\"," \
  " \"serviceName\": \"SQL Managed Instance\", \"productName\": \"" product "\", \"skuName\": \"" sku "\"," \
  " \"meterName\": \"" meter "\", \"unitOfMeasure\": \"1 Hour\", \"type\": \"Consumption\"" extra "}"

static const char page_one[] =
  "{\"BillingCurrency\": \"EUR\", \"Items\": ["
  ITEM ("SQL Managed Instance General Purpose - Compute Gen5", "vCore", "vCore", "0.5", ", \"effectiveStartDate\": \"2024-01-01T00:00:00Z\"") ","
  ITEM ("SQL Managed Instance General Purpose - Compute Gen5", "vCore", "vCore", "0.45", ", \"effectiveStartDate\": \"2022-01-01T00:00:00Z\"") ","
  ITEM ("SQL Managed Instance General Purpose - Compute Gen5", "vCore", "Zone Redundancy vCore", "0.2", "") ","
  ITEM ("SQL Managed Instance General Purpose - SQL License", "vCore", "vCore", "0.1", "") ","
  ITEM ("SQL Managed Instance General Purpose - Storage", "General Purpose", "General Purpose Data Stored", "0.115", "") ","
  ITEM ("SQL Managed Instance General Purpose - Storage", "General Purpose", "General Purpose Data Stored Tier 2", "0.05",
        ", \"tierMinimumUnits\": 1000.0") ","
  ITEM ("SQL Managed Instance Business Critical - Premium Series Compute", "8 vCore", "vCore", "9.6", "")
  "], \"NextPageLink\": \"%s/prices?page=2\", \"Count\": 7}";

static const char page_two[] =
  "{\"BillingCurrency\": \"EUR\", \"Items\": ["
  ITEM ("SQL Managed Instance Business Critical - SQL License", "vCore", "vCore", "0.1", "") ","
  ITEM ("SQL Managed Instance Business Critical - Storage", "Business Critical", "Business Critical Data Stored", "0.25", "") ","
  "{\"serviceName\": \"Virtual Machines\", \"productName\": \"x\", \"skuName\": \"y\", \"meterName\": \"z\", \"retailPrice\": 1}"
  "], \"NextPageLink\": null, \"Count\": 3}";

typedef struct
{
  CoreTestServer *server;
  char           *dir;
  char           *path;
  LbStore        *store;
  LbHttpClient   *client;
  char           *base;
  gint            mode; /* 0 normal, 1 answer 500 */
} Fixture;

static Fixture *current;

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  const char *page = query != NULL ? g_hash_table_lookup (query, "page") : NULL;
  const char *filter = query != NULL ? g_hash_table_lookup (query, "$filter") : NULL;
  const char *currency = query != NULL ? g_hash_table_lookup (query, "currencyCode") : NULL;

  core_test_server_hit (current->server, path);
  if (g_atomic_int_get (&current->mode) == 1)
    {
      core_test_server_reply (msg, 500, "{\"error\": \"busy\"}");
      return;
    }
  if (page != NULL && g_str_equal (page, "2"))
    {
      core_test_server_reply (msg, 200, page_two);
      return;
    }
  /* The API's filter values are case-sensitive; the currency is quoted. */
  if (g_strcmp0 (filter, "serviceName eq 'SQL Managed Instance' and armRegionName eq 'westeurope' and "
                         "priceType eq 'Consumption'") != 0 || g_strcmp0 (currency, "'EUR'") != 0)
    {
      core_test_server_reply (msg, 400, "{\"Error\": {\"Code\": \"BadRequest\", \"Message\": \"Invalid filter\"}}");
      return;
    }
  {
    g_autofree char *body = g_strdup_printf (page_one, core_test_server_get_base (current->server));

    core_test_server_reply (msg, 200, body);
  }
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  current = f;
  f->server = core_test_server_start (handle, NULL, NULL);
  f->base = g_strdup_printf ("%s/prices", core_test_server_get_base (f->server));
  f->dir = lb_test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "prices.db", NULL);
  f->store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->client = lb_http_client_new ();
  lb_http_client_set_max_retries (f->client, 0);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  core_test_server_stop (f->server);
  g_clear_object (&f->client);
  g_clear_object (&f->store);
  g_free (f->base);
  g_free (f->path);
  lb_test_tmpdir_free (f->dir);
  current = NULL;
}

static const LbPriceCacheEntry *
find (GPtrArray  *entries,
      const char *product,
      const char *meter)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const LbPriceCacheEntry *entry = entries->pdata[i];

      if (g_str_equal (entry->product_name, product) && g_str_equal (entry->meter_name, meter))
        return entry;
    }
  return NULL;
}

static void
test_fetch (Fixture      *f,
            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lb_retail_prices_fetch (f->client, f->base, "westeurope", "EUR", NULL, &error);
  const LbPriceCacheEntry *compute;

  g_assert_no_error (error);
  /* 9 items of Managed Instance on two pages: the tiered one left out, the repeated meter
   * once, the Virtual Machines item not at all. */
  g_assert_cmpuint (entries->len, ==, 7);
  compute = find (entries, "SQL Managed Instance General Purpose - Compute Gen5", "vCore");
  g_assert_nonnull (compute);
  g_assert_cmpint (compute->unit_price_micros, ==, 500000); /* the 2024 price, not the 2022 one */
  g_assert_cmpstr (compute->currency, ==, "EUR");
  g_assert_nonnull (find (entries, "SQL Managed Instance Business Critical - Storage", "Business Critical Data Stored"));
  g_assert_null (find (entries, "SQL Managed Instance General Purpose - Storage", "General Purpose Data Stored Tier 2"));
  g_assert_cmpuint (core_test_server_hits (f->server, "/prices"), ==, 2);
}

static void
test_refused (Fixture      *f,
              gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) entries = NULL;
  JsonArray *items;

  g_assert_null (lb_retail_prices_url (NULL, "westeurope' or 'a' eq 'a", "EUR", &error));
  g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (lb_retail_prices_url (NULL, "westeurope", "eur", &error));
  g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_true (json_parser_load_from_data (parser, "[{\"serviceName\": \"SQL Managed Instance\", \"skuName\": \"vCore\"}]",
                                             -1, &error));
  items = json_node_get_array (json_parser_get_root (parser));
  g_assert_null (lb_retail_prices_read (items, "westeurope", "EUR", 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  lb_test_assert_contains (error->message, "Price item 1 lacks");
  g_clear_error (&error);

  g_assert_true (json_parser_load_from_data (parser, "[" ITEM ("SQL Managed Instance General Purpose - Storage", "a", "b", "1", "") "]",
                                             -1, &error));
  items = json_node_get_array (json_parser_get_root (parser));
  g_assert_null (lb_retail_prices_read (items, "westeurope", "USD", 0, &error));
  lb_test_assert_contains (error->message, "in EUR, not the USD asked for");
  g_clear_error (&error);

  /* Wrong types are not prices. */
  g_assert_true (json_parser_load_from_data (parser, "[{\"serviceName\": \"SQL Managed Instance\", \"productName\": "
                                             "\"SQL Managed Instance General Purpose - Storage\", \"skuName\": \"a\", "
                                             "\"meterName\": \"b\", \"retailPrice\": \"cheap\"}]", -1, &error));
  entries = lb_retail_prices_read (json_node_get_array (json_parser_get_root (parser)), "westeurope", "EUR", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_cache (Fixture      *f,
            gconstpointer data)
{
  const gint64 week = 7 * 24 * 3600 * (gint64) 1000;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prices = NULL;
  g_autofree char *note = NULL;

  /* No cache, offline: said plainly, nothing guessed. */
  g_assert_null (lb_retail_prices_get (f->store, f->client, f->base, "westeurope", "EUR", week, TRUE, &note, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
  lb_test_assert_contains (error->message, "No prices are cached for westeurope in EUR");
  g_clear_error (&error);

  /* Online: fetched and cached, no note. */
  prices = lb_retail_prices_get (f->store, f->client, f->base, "westeurope", "EUR", week, FALSE, &note, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (note);
  g_assert_cmpuint (prices->len, ==, 7);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM price_cache WHERE region = 'westeurope' AND currency = 'EUR'"),
                   ==, 7);
  g_clear_pointer (&prices, g_ptr_array_unref);

  /* Fresh: the cache, without asking the API. */
  prices = lb_retail_prices_get (f->store, f->client, f->base, "westeurope", "EUR", week, FALSE, &note, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (core_test_server_hits (f->server, "/prices"), ==, 2);
  lb_test_assert_contains (note, "Using the prices cached on");
  lb_test_assert_contains (note, "0 days old");
  g_clear_pointer (&prices, g_ptr_array_unref);
  g_clear_pointer (&note, g_free);

  /* Stale and the API fails: the cache, with the reason. */
  g_assert_true (lb_store_begin_transaction (f->store, &error));
  {
    g_autoptr(GPtrArray) cached = lb_retail_prices_load (f->store, "westeurope", "EUR", &error);

    for (guint i = 0; i < cached->len; i++)
      {
        LbPriceCacheEntry *entry = cached->pdata[i];

        entry->fetched_at -= 10 * 24 * 3600 * (gint64) 1000;
        g_assert_true (lb_store_update (f->store, entry, &error));
      }
  }
  g_assert_true (lb_store_commit_transaction (f->store, &error));
  g_atomic_int_set (&f->mode, 1);
  prices = lb_retail_prices_get (f->store, f->client, f->base, "westeurope", "EUR", week, FALSE, &note, NULL, &error);
  g_assert_no_error (error);
  lb_test_assert_contains (note, "10 days old");
  lb_test_assert_contains (note, "could not refresh them");
  g_clear_pointer (&prices, g_ptr_array_unref);
  g_clear_pointer (&note, g_free);

  /* Stale and the API answers: refreshed, replacing the region's cache. */
  g_atomic_int_set (&f->mode, 0);
  prices = lb_retail_prices_get (f->store, f->client, f->base, "westeurope", "EUR", week, FALSE, &note, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (note);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM price_cache"), ==, 7);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM price_cache WHERE fetched_at < "
                                             "(strftime('%s', 'now') - 86400) * 1000"), ==, 0);
}

static LbProject *
new_target (int tier,
            int hardware)
{
  LbProject *project = lb_record_new (&lb_project_kind);

  project->name = g_strdup ("Plant ERP");
  project->target_region = g_strdup ("westeurope");
  project->target_tier = tier;
  project->target_hardware = hardware;
  project->target_vcores = 16;
  project->target_storage_gb = 1024;
  return project;
}

static void
test_estimate (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prices = lb_retail_prices_fetch (f->client, f->base, "westeurope", "EUR", NULL, &error);
  LbProject *gp = new_target (LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_STANDARD);
  LbProject *bc = new_target (LB_TIER_BUSINESS_CRITICAL, LB_HARDWARE_PREMIUM);
  LbProject *ngp = new_target (LB_TIER_NEXT_GEN_GENERAL_PURPOSE, LB_HARDWARE_STANDARD);
  LbCostOptions hybrid = { .hybrid_benefit = TRUE };
  LbCostOptions passive = { .passive_dr = TRUE };
  LbCostEstimate *estimate;

  g_assert_no_error (error);
  /* 0.50 × 16 × 730 = 5840.00; licence 0.10 × 16 × 730 = 1168.00; storage 0.115 × 1024 = 117.76 */
  estimate = lb_cost_estimate_compute (gp, prices, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (estimate->compute_monthly_cents, ==, 584000);
  g_assert_cmpint (estimate->license_monthly_cents, ==, 116800);
  g_assert_cmpint (estimate->storage_monthly_cents, ==, 11776);
  g_assert_cmpint (estimate->total_monthly_cents, ==, 712576);
  lb_test_assert_contains (estimate->summary, "EUR 7,125.76 a month at list prices for westeurope");
  lb_test_assert_contains (estimate->summary, "licence included");
  lb_cost_estimate_free (estimate);

  estimate = lb_cost_estimate_compute (gp, prices, &hybrid, &error);
  g_assert_cmpint (estimate->license_monthly_cents, ==, 0);
  g_assert_cmpint (estimate->total_monthly_cents, ==, 584000 + 11776);
  lb_cost_estimate_free (estimate);
  estimate = lb_cost_estimate_compute (gp, prices, &passive, &error);
  lb_test_assert_contains (estimate->summary, "passive DR replica");
  g_assert_cmpint (estimate->license_monthly_cents, ==, 0);
  lb_cost_estimate_free (estimate);

  /* "8 vCore" at 9.60 is 1.20 per vCore-hour: 1.2 × 16 × 730 = 14016.00. */
  estimate = lb_cost_estimate_compute (bc, prices, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (estimate->compute_per_vcore_hour_micros, ==, 1200000);
  g_assert_cmpint (estimate->compute_monthly_cents, ==, 1401600);
  g_assert_cmpint (estimate->storage_monthly_cents, ==, 25600);
  lb_cost_estimate_free (estimate);

  g_assert_null (lb_cost_estimate_compute (ngp, prices, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  bc->target_hardware = LB_HARDWARE_MEMORY_OPTIMIZED;
  g_assert_null (lb_cost_estimate_compute (bc, prices, NULL, &error));
  lb_test_assert_contains (error->message, "Premium Series Memory Optimized Compute");
  g_clear_error (&error);
  bc->target_vcores = LB_UNSET_INT;
  g_assert_null (lb_cost_estimate_compute (bc, prices, NULL, &error));
  g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_REQUIRED);
  lb_record_free (gp);
  lb_record_free (bc);
  lb_record_free (ngp);
}

static void
test_write (Fixture      *f,
            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prices = lb_retail_prices_fetch (f->client, f->base, "westeurope", "EUR", NULL, &error);
  g_autoptr(LbCostEstimate) estimate = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  LbProject *project = new_target (LB_TIER_GENERAL_PURPOSE, LB_HARDWARE_STANDARD);
  LbCostItem *manual = lb_record_new (&lb_cost_item_kind);
  LbCostOptions hybrid = { .hybrid_benefit = TRUE };

  g_assert_true (lb_store_insert (f->store, project, &error));
  manual->project_id = project->id;
  manual->category = LB_COST_SUPPORT_EFFORT;
  manual->description = g_strdup ("DBA time for the rehearsals");
  manual->amount = 500000;
  manual->period = LB_PERIOD_ONE_OFF;
  manual->basis = LB_COST_ESTIMATE;
  g_assert_true (lb_store_insert (f->store, manual, &error));
  g_assert_no_error (error);

  estimate = lb_cost_estimate_compute (project, prices, NULL, &error);
  first = lb_cost_estimate_write (f->store, project, estimate, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM cost_tag WHERE key = 'source' AND value = 'retail-prices'"),
                   ==, 3);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT sum(amount) FROM cost_item WHERE basis = 'estimate' AND period = 'monthly'"),
                   ==, 712576);

  /* Again with Azure Hybrid Benefit: the previous estimate goes, the manual item stays. */
  g_clear_pointer (&estimate, lb_cost_estimate_free);
  estimate = lb_cost_estimate_compute (project, prices, &hybrid, &error);
  second = lb_cost_estimate_write (f->store, project, estimate, &hybrid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM cost_item"), ==, 3);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM cost_item WHERE description = 'DBA time for the rehearsals'"),
                   ==, 1);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM cost_tag WHERE key = 'azure-hybrid-benefit' AND value = 'yes'"),
                   ==, 2);
  lb_record_free (manual);
  lb_record_free (project);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/retail-prices/fetch", test_fetch);
  ADD ("/retail-prices/refused", test_refused);
  ADD ("/retail-prices/cache", test_cache);
  ADD ("/retail-prices/estimate", test_estimate);
  ADD ("/retail-prices/write", test_write);
#undef ADD
  return g_test_run ();
}
