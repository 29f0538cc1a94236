/* lb-cost-estimate.h: the monthly list price of a project's target managed instance from
 * cached retail prices (domain.md §6.2–§6.3): compute per vCore-hour × vCores × 730 h,
 * the SQL licence per vCore-hour unless Azure Hybrid Benefit or the licence-free passive
 * DR replica applies, and storage per GB-month × reserved GB — written as estimated cost
 * items tagged with their source and the prices' date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../model/lb-records.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

#define LB_HOURS_PER_MONTH 730

typedef struct
{
  gboolean hybrid_benefit; /* licence already owned (licenseType BasePrice) */
  gboolean passive_dr;     /* hybridSecondaryUsage Passive: a DR replica with no workload */
} LbCostOptions;

typedef struct
{
  char   *currency;
  gint64  prices_fetched_at; /* the oldest price used */
  gint64  compute_per_vcore_hour_micros;
  gint64  license_per_vcore_hour_micros; /* 0 when waived by an option */
  gint64  storage_per_gb_month_micros;
  gint64  compute_monthly_cents;
  gint64  license_monthly_cents;
  gint64  storage_monthly_cents;
  gint64  total_monthly_cents;
  char   *compute_product;
  char   *summary;
} LbCostEstimate;

void            lb_cost_estimate_free    (LbCostEstimate        *estimate);
/* From @prices (LbPriceCacheEntry of the project's region and currency). Fails naming what
 * is missing: the project's tier, hardware, vCores or storage, or a price (Next-gen General
 * Purpose meters are not known to this version). */
LbCostEstimate *lb_cost_estimate_compute (const LbProject       *project,
                                          GPtrArray             *prices,
                                          const LbCostOptions   *options,
                                          GError               **error);
/* Replaces the project's earlier retail-price estimate items with this one's (compute,
 * licence when charged, storage), tagged source=retail-prices, region, prices date and
 * options, in one transaction. Returns the new items. */
GPtrArray      *lb_cost_estimate_write   (LbStore               *store,
                                          const LbProject       *project,
                                          const LbCostEstimate  *estimate,
                                          const LbCostOptions   *options,
                                          GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbCostEstimate, lb_cost_estimate_free)

G_END_DECLS
