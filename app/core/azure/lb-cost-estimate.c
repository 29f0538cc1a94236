/* lb-cost-estimate.c: retail prices × the target SKU → estimated cost items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lb-cost-estimate.h"
#include "../model/lb-error.h"
#include "../model/lb-records.h"
#include "../model/lb-time.h"
#include "../workbench/lb-cost-tags.h"

void
lb_cost_estimate_free (LbCostEstimate *estimate)
{
  if (estimate == NULL)
    return;
  g_free (estimate->currency);
  g_free (estimate->compute_product);
  g_free (estimate->summary);
  g_free (estimate);
}

/* "vCore", "1 vCore" → 1; "8 vCore" → 8 (a price for eight); anything else → 0. */
static guint
sku_vcores (const char *sku)
{
  guint n = 0;
  char rest[16] = { 0 };

  if (g_ascii_strcasecmp (sku, "vCore") == 0)
    return 1;
  if (sscanf (sku, "%u %15s", &n, rest) == 2 && g_ascii_strcasecmp (rest, "vCore") == 0 && n > 0 && n <= 128)
    return n;
  return 0;
}

/* The per-vCore price of @product's @meter (any SKU, normalised), or the per-unit price
 * when @per_vcore is FALSE. NULL when the cache has none. */
static const LbPriceCacheEntry *
find_price (GPtrArray  *prices,
            const char *product,
            const char *meter,
            gboolean    per_vcore,
            gint64     *micros)
{
  const LbPriceCacheEntry *best = NULL;
  guint best_vcores = 0;

  for (guint i = 0; i < prices->len; i++)
    {
      const LbPriceCacheEntry *entry = prices->pdata[i];
      guint vcores;

      if (g_strcmp0 (entry->product_name, product) != 0
          || (meter != NULL && g_ascii_strcasecmp (entry->meter_name, meter) != 0))
        continue;
      /* The licence meter's name varies; never take the zone-redundancy surcharge for it. */
      if (meter == NULL && strstr (entry->meter_name, "Zone Redundancy") != NULL)
        continue;
      if (!per_vcore)
        {
          *micros = entry->unit_price_micros;
          return entry;
        }
      vcores = sku_vcores (entry->sku);
      /* Prefer the per-vCore SKU itself over one derived from a multi-vCore price. */
      if (vcores > 0 && (best == NULL || vcores < best_vcores))
        {
          best = entry;
          best_vcores = vcores;
        }
    }
  if (best != NULL)
    *micros = best->unit_price_micros / best_vcores;
  return best;
}

static const char *
tier_name (int tier)
{
  switch (tier)
    {
    case LB_TIER_GENERAL_PURPOSE:
      return "General Purpose";
    case LB_TIER_BUSINESS_CRITICAL:
      return "Business Critical";
    default:
      return NULL;
    }
}

static const char *
hardware_product (int hardware)
{
  switch (hardware)
    {
    case LB_HARDWARE_STANDARD:
      return "Compute Gen5";
    case LB_HARDWARE_PREMIUM:
      return "Premium Series Compute";
    case LB_HARDWARE_MEMORY_OPTIMIZED:
      return "Premium Series Memory Optimized Compute";
    default:
      return NULL;
    }
}

/* micros per unit × quantity → cents, rounded. */
static gint64
to_cents (gint64 micros,
          double quantity)
{
  return (gint64) llround ((double) micros * quantity / 10000.0);
}

LbCostEstimate *
lb_cost_estimate_compute (const LbProject     *project,
                          GPtrArray           *prices,
                          const LbCostOptions *options,
                          GError             **error)
{
  const char *tier = tier_name (project->target_tier);
  const char *hardware = hardware_product (project->target_hardware);
  const LbPriceCacheEntry *compute, *license = NULL, *storage;
  g_autoptr(LbCostEstimate) estimate = g_new0 (LbCostEstimate, 1);
  g_autofree char *license_product = NULL;
  g_autofree char *storage_product = NULL;
  g_autofree char *storage_meter = NULL;
  g_autofree char *total = NULL;
  g_autofree char *date = NULL;
  gboolean license_waived = options != NULL && (options->hybrid_benefit || options->passive_dr);

  if (project->target_tier == LB_TIER_NEXT_GEN_GENERAL_PURPOSE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Next-gen General Purpose is not priced yet: its meters are not known to this version"));
      return NULL;
    }
  if (tier == NULL || hardware == NULL || project->target_vcores <= 0 || project->target_storage_gb <= 0)
    {
      g_set_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_REQUIRED,
                   _("The project's target needs a service tier, hardware, vCores and storage to be priced"));
      return NULL;
    }
  estimate->compute_product = g_strdup_printf ("SQL Managed Instance %s - %s", tier, hardware);
  license_product = g_strdup_printf ("SQL Managed Instance %s - SQL License", tier);
  storage_product = g_strdup_printf ("SQL Managed Instance %s - Storage", tier);
  storage_meter = g_strdup_printf ("%s Data Stored", tier);

  if ((compute = find_price (prices, estimate->compute_product, "vCore", TRUE,
                             &estimate->compute_per_vcore_hour_micros)) == NULL
      || (!license_waived && (license = find_price (prices, license_product, NULL, TRUE,
                                                    &estimate->license_per_vcore_hour_micros)) == NULL)
      || (storage = find_price (prices, storage_product, storage_meter, FALSE,
                                &estimate->storage_per_gb_month_micros)) == NULL)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND,
                   _("The cached prices have no %s: fetch them again, or the region may not offer it"),
                   compute == NULL ? estimate->compute_product : license == NULL && !license_waived ? license_product
                                                                                                  : storage_meter);
      return NULL;
    }
  estimate->currency = g_strdup (compute->currency);
  estimate->prices_fetched_at = MIN (compute->fetched_at, storage->fetched_at);
  if (license != NULL)
    estimate->prices_fetched_at = MIN (estimate->prices_fetched_at, license->fetched_at);
  estimate->compute_monthly_cents = to_cents (estimate->compute_per_vcore_hour_micros,
                                              (double) project->target_vcores * LB_HOURS_PER_MONTH);
  estimate->license_monthly_cents = to_cents (estimate->license_per_vcore_hour_micros,
                                              (double) project->target_vcores * LB_HOURS_PER_MONTH);
  estimate->storage_monthly_cents = to_cents (estimate->storage_per_gb_month_micros, (double) project->target_storage_gb);
  estimate->total_monthly_cents = estimate->compute_monthly_cents + estimate->license_monthly_cents
                                  + estimate->storage_monthly_cents;

  total = lb_money_format (estimate->total_monthly_cents, estimate->currency);
  date = lb_time_format_local (estimate->prices_fetched_at);
  /* TRANSLATORS: "USD 5,432.10 a month at list prices for westeurope of 2026-12-01 10:00 (16 vCores, 1024 GB; licence included)" */
  estimate->summary = g_strdup_printf (_("%s a month at list prices for %s of %s (%lld vCores, %lld GB; %s)"), total,
                                       project->target_region, date, (long long) project->target_vcores,
                                       (long long) project->target_storage_gb,
                                       options != NULL && options->passive_dr ? _("passive DR replica: no licence")
                                       : options != NULL && options->hybrid_benefit ? _("Azure Hybrid Benefit")
                                       : _("licence included"));
  return g_steal_pointer (&estimate);
}

static gboolean
is_retail_estimate (LbStore *store,
                    gint64   item_id)
{
  g_autoptr(GPtrArray) tags = lb_cost_tags_load (store, item_id, NULL);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      const LbCostTag *tag = tags->pdata[i];

      if (g_ascii_strcasecmp (tag->key, "source") == 0 && g_strcmp0 (tag->value, "retail-prices") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
add_item (LbStore              *store,
          const LbProject      *project,
          const LbCostEstimate *estimate,
          const LbCostOptions  *options,
          int                   category,
          gint64                cents,
          char                 *description,
          GPtrArray            *written,
          GError              **error)
{
  LbCostItem *item = lb_record_new (&lb_cost_item_kind);
  g_autofree char *date = lb_time_format_iso_utc (estimate->prices_fetched_at);
  g_autofree char *region = g_strdup_printf ("region=%s", project->target_region);
  g_autofree char *fetched = g_strdup_printf ("prices-fetched=%s", date);
  const char *const tags[] = {
    "source=retail-prices", region, fetched,
    options != NULL && options->hybrid_benefit ? "azure-hybrid-benefit=yes" : "azure-hybrid-benefit=no",
    options != NULL && options->passive_dr ? "passive-dr-replica=yes" : "passive-dr-replica=no",
    NULL,
  };

  item->project_id = project->id;
  item->category = category;
  item->description = description;
  item->amount = cents;
  g_free (item->currency);
  item->currency = g_strdup (estimate->currency);
  item->period = LB_PERIOD_MONTHLY;
  item->basis = LB_COST_ESTIMATE;
  /* TRANSLATORS: the source of an estimated cost item */
  item->source = g_strdup_printf (_("Azure Retail Prices API, %s, prices of %s"), project->target_region, date);
  if (!lb_store_insert (store, item, error) || !lb_cost_tags_replace (store, item->id, tags, error))
    {
      lb_record_free (item);
      return FALSE;
    }
  g_ptr_array_add (written, item);
  return TRUE;
}

GPtrArray *
lb_cost_estimate_write (LbStore              *store,
                        const LbProject      *project,
                        const LbCostEstimate *estimate,
                        const LbCostOptions  *options,
                        GError              **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) written = lb_record_array_new ();
  g_autofree char *compute_price = g_strdup_printf ("%.4f", estimate->compute_per_vcore_hour_micros / 1e6);
  g_autofree char *license_price = g_strdup_printf ("%.4f", estimate->license_per_vcore_hour_micros / 1e6);
  g_autofree char *storage_price = g_strdup_printf ("%.4f", estimate->storage_per_gb_month_micros / 1e6);

  if (!lb_store_begin_transaction (store, error))
    return NULL;
  if ((items = lb_store_list_for_project (store, &lb_cost_item_kind, project->id, error)) == NULL)
    goto fail;
  /* A new estimate replaces the last one made from retail prices, never other items. */
  for (guint i = 0; i < items->len; i++)
    {
      const LbCostItem *item = items->pdata[i];

      if (item->basis == LB_COST_ESTIMATE && is_retail_estimate (store, item->id)
          && !lb_store_delete (store, &lb_cost_item_kind, item->id, error))
        goto fail;
    }
  /* TRANSLATORS: "SQL Managed Instance General Purpose - Compute Gen5: 16 vCores × 730 h × 0.5120 per vCore-hour" */
  if (!add_item (store, project, estimate, options, LB_COST_MI_COMPUTE, estimate->compute_monthly_cents,
                 g_strdup_printf (_("%s: %lld vCores × %d h × %s per vCore-hour"), estimate->compute_product,
                                  (long long) project->target_vcores, LB_HOURS_PER_MONTH, compute_price),
                 written, error))
    goto fail;
  if (estimate->license_monthly_cents > 0
      && !add_item (store, project, estimate, options, LB_COST_LICENSING, estimate->license_monthly_cents,
                    g_strdup_printf (_("SQL Server licence: %lld vCores × %d h × %s per vCore-hour"),
                                     (long long) project->target_vcores, LB_HOURS_PER_MONTH, license_price),
                    written, error))
    goto fail;
  if (!add_item (store, project, estimate, options, LB_COST_STORAGE, estimate->storage_monthly_cents,
                 g_strdup_printf (_("Storage: %lld GB × %s per GB-month"), (long long) project->target_storage_gb,
                                  storage_price),
                 written, error))
    goto fail;
  if (!lb_store_commit_transaction (store, error))
    return NULL;
  return g_steal_pointer (&written);

fail:
  lb_store_rollback_transaction (store);
  return NULL;
}
