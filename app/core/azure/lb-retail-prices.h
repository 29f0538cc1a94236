/* lb-retail-prices.h: SQL Managed Instance list prices from the Azure Retail Prices API
 * (domain.md §6.1–§6.2), paged through NextPageLink and cached in the database with their
 * fetch time, so that an estimate can be made offline — saying how old its prices are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "../net/lb-http.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

#define LB_RETAIL_PRICES_URL "https://prices.azure.com/api/retail/prices"

/* The first page's URL: every Consumption meter of SQL Managed Instance in @region (an ARM
 * region name such as "westeurope") in @currency (ISO 4217). NULL with an error when
 * either is not such a name (they go into an OData filter). */
char      *lb_retail_prices_url   (const char  *base_url,
                                   const char  *region,
                                   const char  *currency,
                                   GError     **error);
/* The items of all pages as price-cache records (LbPriceCacheEntry) of @region and
 * @currency; tiered meters (tierMinimumUnits > 0) and items without a price are left out.
 * Fails naming the item when an item of SQL Managed Instance lacks its names. */
GPtrArray *lb_retail_prices_read  (JsonArray   *items,
                                   const char  *region,
                                   const char  *currency,
                                   gint64       fetched_at,
                                   GError     **error);
/* Fetches and reads (blocking; see lb-http-pages). */
GPtrArray *lb_retail_prices_fetch (LbHttpClient *client,
                                   const char   *base_url,
                                   const char   *region,
                                   const char   *currency,
                                   GCancellable *cancellable,
                                   GError      **error);
/* Replaces the cached prices of @region and @currency with @entries, in one transaction. */
gboolean   lb_retail_prices_store (LbStore     *store,
                                   const char  *region,
                                   const char  *currency,
                                   GPtrArray   *entries,
                                   GError     **error);
/* The cached prices of @region and @currency (empty when none). */
GPtrArray *lb_retail_prices_load  (LbStore     *store,
                                   const char  *region,
                                   const char  *currency,
                                   GError     **error);

/* The prices an estimate should use: fetched and cached when the cache of @region and
 * @currency is empty or older than @max_age_ms (unless @offline), else the cache. @note
 * says what was used when it was not a fresh fetch ("cached on …, 9 days old", with the
 * reason a refresh failed). Fails when there is nothing to use — with no cache it says so
 * rather than guessing. */
GPtrArray *lb_retail_prices_get   (LbStore      *store,
                                   LbHttpClient *client,
                                   const char   *base_url,
                                   const char   *region,
                                   const char   *currency,
                                   gint64        max_age_ms,
                                   gboolean      offline,
                                   char        **note,
                                   GCancellable *cancellable,
                                   GError      **error);

G_END_DECLS
