/* lb-cost-summary.h: what a migration costs, per currency.
 *
 * Amounts stay in minor units (cents) of their ISO 4217 currency and are never added
 * across currencies. For each currency: the one-off total, the monthly run rate, and the
 * total cost of the migration = one-off + Σ monthly × months; also rolled up by category
 * and by tag key=value. A monthly item without a number of months counts in the run rate
 * but not in the total (it is open-ended); the totals say how many there are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../model/lb-records.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 one_off;    /* minor units */
  gint64 monthly;    /* run rate per month */
  gint64 total;      /* one_off + Σ monthly × months */
  guint  n_items;
  guint  n_open_ended; /* monthly items without months: in the run rate, not in the total */
} LbCostAmounts;

typedef struct
{
  int           category;  /* LbCostCategory; LB_UNSET_ENUM in tag rollups */
  char         *tag_key;   /* tag rollups only */
  char         *tag_value; /* may be NULL: a tag without a value */
  LbCostAmounts amounts;
} LbCostRollup;

typedef struct
{
  char         *currency;    /* "EUR" */
  LbCostAmounts amounts;
  GPtrArray    *by_category; /* LbCostRollup, in LbCostCategory order, categories with items only */
  GPtrArray    *by_tag;      /* LbCostRollup, by key then value. An item with several tags is in
                              * several rollups, so these do not add up to the totals. */
} LbCostTotals;

typedef struct
{
  GPtrArray *currencies; /* LbCostTotals, by currency code */
} LbCostSummary;

/* @items: LbCostItem records; @tags: LbCostTag records of those items (others are ignored;
 * may be NULL). Fails (LB_VALIDATION_ERROR naming the field) on an item without currency or
 * period, and (LB_ERROR_FAILED) when a sum does not fit in 64 bits. */
LbCostSummary      *lb_cost_summary_compute    (GPtrArray           *items,
                                                GPtrArray           *tags,
                                                GError             **error);
/* A project's cost items and the tags of those items (lb_record_array_new() arrays);
 * LB_ERROR_NOT_FOUND for an unknown project. */
gboolean            lb_cost_items_load         (LbStore             *store,
                                                gint64               project_id,
                                                GPtrArray          **items,
                                                GPtrArray          **tags,
                                                GError             **error);
/* Loads a project's cost items and their tags; LB_ERROR_NOT_FOUND for an unknown project. */
LbCostSummary      *lb_cost_summary_load       (LbStore             *store,
                                                gint64               project_id,
                                                GError             **error);
void                lb_cost_summary_free       (LbCostSummary       *summary);
/* NULL when the summary has nothing in @currency. */
const LbCostTotals *lb_cost_summary_lookup     (const LbCostSummary *summary,
                                                const char          *currency);
/* Machine form, for reports and `--json`: amounts in minor units beside their currency,
 * categories by nick, e.g. {"currencies": [{"currency": "EUR", "one_off": 123450, …}]}.
 * Locale formatting is the caller's. */
JsonNode           *lb_cost_summary_to_json    (const LbCostSummary *summary);
/* Minor units as plain decimal text, as the store's money fields read it back: "1234.50". */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbCostSummary, lb_cost_summary_free)

G_END_DECLS
