/* lb-retail-prices.c: the Retail Prices API client and its cache.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lb-retail-prices.h"
#include "../model/lb-error.h"
#include "../model/lb-records.h"
#include "../model/lb-time.h"
#include "../net/lb-http-pages.h"

/* Values go into an OData filter: only what ARM region names and ISO 4217 codes are made of. */
static gboolean
is_region_name (const char *text)
{
  if (text == NULL || *text == '\0' || strlen (text) > 40)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_currency_code (const char *text)
{
  if (text == NULL || strlen (text) != 3)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

char *
lb_retail_prices_url (const char  *base_url,
                      const char  *region,
                      const char  *currency,
                      GError     **error)
{
  g_autofree char *filter = NULL;
  g_autofree char *escaped_filter = NULL;
  g_autofree char *escaped_currency = NULL;

  if (!is_region_name (region))
    {
      g_set_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_FORMAT,
                   _("“%s” is not an Azure region name (such as westeurope)"), region != NULL ? region : "");
      return NULL;
    }
  if (!is_currency_code (currency))
    {
      g_set_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_FORMAT,
                   _("“%s” is not a currency code (such as EUR)"), currency != NULL ? currency : "");
      return NULL;
    }
  /* domain.md §6.2: every Managed Instance meter of the region; picked client-side. */
  filter = g_strdup_printf ("serviceName eq 'SQL Managed Instance' and armRegionName eq '%s' and "
                            "priceType eq 'Consumption'", region);
  escaped_filter = g_uri_escape_string (filter, NULL, FALSE);
  escaped_currency = g_uri_escape_string (currency, NULL, FALSE);
  return g_strdup_printf ("%s?currencyCode='%s'&$filter=%s", base_url != NULL ? base_url : LB_RETAIL_PRICES_URL,
                          escaped_currency, escaped_filter);
}

/* The products an estimate reads (compute, licence, storage of both tiers); the rest of
 * the region's meters (backup, zone redundancy, reservations…) is not kept. */
static gboolean
is_wanted_product (const char *product)
{
  return g_str_has_prefix (product, "SQL Managed Instance General Purpose - ")
         || g_str_has_prefix (product, "SQL Managed Instance Business Critical - ");
}

static const char *
string_member (JsonObject *item,
               const char *name)
{
  JsonNode *node = json_object_get_member (item, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
}

static gboolean
number_member (JsonObject *item,
               const char *name,
               double     *value)
{
  JsonNode *node = json_object_get_member (item, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
}

GPtrArray *
lb_retail_prices_read (JsonArray  *items,
                       const char *region,
                       const char *currency,
                       gint64      fetched_at,
                       GError    **error)
{
  /* product, SKU and meter → the newest entry: a meter listed twice (a new price from a
   * later date) keeps its newest price. */
  g_autoptr(GHashTable) newest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, lb_record_free);
  g_autoptr(GHashTable) starts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GList) keys = NULL;
  GPtrArray *entries;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item;
      const char *product, *sku, *meter, *item_currency, *start, *known_start;
      double price, tier_minimum = 0;
      LbPriceCacheEntry *entry;
      char *key;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Price item %u is not an object"), i + 1);
          return NULL;
        }
      item = json_node_get_object (node);
      if (g_strcmp0 (string_member (item, "serviceName"), "SQL Managed Instance") != 0)
        continue;
      product = string_member (item, "productName");
      sku = string_member (item, "skuName");
      meter = string_member (item, "meterName");
      if (product == NULL || sku == NULL || meter == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Price item %u lacks its productName, skuName or meterName"), i + 1);
          return NULL;
        }
      item_currency = string_member (item, "currencyCode");
      if (item_currency != NULL && g_strcmp0 (item_currency, currency) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Price item %u is in %s, not the %s asked for"), i + 1, item_currency, currency);
          return NULL;
        }
      number_member (item, "tierMinimumUnits", &tier_minimum);
      if (!is_wanted_product (product) || tier_minimum > 0 || !number_member (item, "retailPrice", &price) || price < 0
          || price > 1e9)
        continue;
      key = g_strjoin ("\x1f", product, sku, meter, NULL);
      start = string_member (item, "effectiveStartDate");
      known_start = g_hash_table_lookup (starts, key);
      if (known_start != NULL && g_strcmp0 (start != NULL ? start : "", known_start) < 0)
        {
          g_free (key);
          continue;
        }
      entry = lb_record_new (&lb_price_cache_kind);
      entry->region = g_strdup (region);
      entry->sku = g_strdup (sku);
      entry->meter_name = g_strdup (meter);
      entry->product_name = g_strdup (product);
      entry->unit_of_measure = g_strdup (string_member (item, "unitOfMeasure"));
      entry->unit_price_micros = (gint64) llround (price * 1e6);
      g_free (entry->currency);
      entry->currency = g_strdup (currency);
      entry->fetched_at = fetched_at;
      g_hash_table_replace (starts, g_strdup (key), g_strdup (start != NULL ? start : ""));
      g_hash_table_replace (newest, key, entry);
    }
  entries = lb_record_array_new ();
  keys = g_list_sort (g_hash_table_get_keys (newest), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      gpointer entry = NULL;

      g_hash_table_steal_extended (newest, l->data, NULL, &entry);
      g_ptr_array_add (entries, entry);
      g_free (l->data);
    }
  return entries;
}

GPtrArray *
lb_retail_prices_fetch (LbHttpClient *client,
                        const char   *base_url,
                        const char   *region,
                        const char   *currency,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_autofree char *url = lb_retail_prices_url (base_url, region, currency, error);
  g_autoptr(JsonArray) items = NULL;
  gint64 now = g_get_real_time () / 1000;

  if (url == NULL)
    return NULL;
  /* The API is unauthenticated: no header to send. */
  if ((items = lb_http_get_json_pages (client, url, NULL, cancellable, error)) == NULL)
    return NULL;
  return lb_retail_prices_read (items, region, currency, now, error);
}

static gboolean
same_cache (const LbPriceCacheEntry *entry,
            const char              *region,
            const char              *currency)
{
  return g_strcmp0 (entry->region, region) == 0 && g_strcmp0 (entry->currency, currency) == 0;
}

GPtrArray *
lb_retail_prices_load (LbStore    *store,
                       const char *region,
                       const char *currency,
                       GError    **error)
{
  g_autoptr(GPtrArray) all = lb_store_list (store, &lb_price_cache_kind, NULL, 0, error);
  GPtrArray *entries;

  if (all == NULL)
    return NULL;
  entries = lb_record_array_new ();
  for (guint i = 0; i < all->len; i++)
    if (same_cache (all->pdata[i], region, currency))
      g_ptr_array_add (entries, lb_record_copy (all->pdata[i]));
  return entries;
}

gboolean
lb_retail_prices_store (LbStore    *store,
                        const char *region,
                        const char *currency,
                        GPtrArray  *entries,
                        GError    **error)
{
  g_autoptr(GPtrArray) old = NULL;

  if (!lb_store_begin_transaction (store, error))
    return FALSE;
  if ((old = lb_retail_prices_load (store, region, currency, error)) == NULL)
    goto fail;
  for (guint i = 0; i < old->len; i++)
    if (!lb_store_delete (store, &lb_price_cache_kind, ((LbPriceCacheEntry *) old->pdata[i])->id, error))
      goto fail;
  for (guint i = 0; i < entries->len; i++)
    if (!lb_store_insert (store, entries->pdata[i], error))
      goto fail;
  return lb_store_commit_transaction (store, error);

fail:
  lb_store_rollback_transaction (store);
  return FALSE;
}

static gint64
oldest (GPtrArray *entries)
{
  gint64 t = G_MAXINT64;

  for (guint i = 0; i < entries->len; i++)
    t = MIN (t, ((LbPriceCacheEntry *) entries->pdata[i])->fetched_at);
  return t;
}

static char *
cache_note (GPtrArray    *cached,
            const GError *refresh_error)
{
  gint64 fetched = oldest (cached);
  g_autofree char *when = lb_time_format_local (fetched);
  int days = (int) ((lb_time_now_ms () - fetched) / (24 * 3600 * 1000));
  g_autofree char *age = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day old", "%d days old", days), days);

  if (refresh_error != NULL)
    /* TRANSLATORS: "Using the prices cached on 2026-11-20 10:00 (12 days old): could not refresh them: …" */
    return g_strdup_printf (_("Using the prices cached on %s (%s): could not refresh them: %s"), when, age,
                            refresh_error->message);
  return g_strdup_printf (_("Using the prices cached on %s (%s)"), when, age);
}

GPtrArray *
lb_retail_prices_get (LbStore      *store,
                      LbHttpClient *client,
                      const char   *base_url,
                      const char   *region,
                      const char   *currency,
                      gint64        max_age_ms,
                      gboolean      offline,
                      char        **note,
                      GCancellable *cancellable,
                      GError      **error)
{
  g_autoptr(GPtrArray) cached = lb_retail_prices_load (store, region, currency, error);
  g_autoptr(GPtrArray) fetched = NULL;
  g_autoptr(GError) fetch_error = NULL;

  *note = NULL;
  if (cached == NULL)
    return NULL;
  if (offline || (cached->len > 0 && lb_time_now_ms () - oldest (cached) <= max_age_ms))
    {
      if (cached->len == 0)
        {
          g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND,
                       _("No prices are cached for %s in %s: fetch them once while online"), region, currency);
          return NULL;
        }
      *note = cache_note (cached, NULL);
      return g_steal_pointer (&cached);
    }
  fetched = lb_retail_prices_fetch (client, base_url, region, currency, cancellable, &fetch_error);
  if (fetched != NULL && fetched->len == 0)
    g_set_error (&fetch_error, LB_ERROR, LB_ERROR_NOT_FOUND,
                 _("The Retail Prices API lists no SQL Managed Instance prices for %s in %s"), region, currency);
  if (fetch_error == NULL && lb_retail_prices_store (store, region, currency, fetched, &fetch_error))
    return g_steal_pointer (&fetched);
  if (g_error_matches (fetch_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || cached->len == 0)
    {
      g_propagate_error (error, g_steal_pointer (&fetch_error));
      return NULL;
    }
  *note = cache_note (cached, fetch_error);
  return g_steal_pointer (&cached);
}
