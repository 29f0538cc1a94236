/* lb-portfolio-item.h: one row of the portfolio table, as a GObject for list models.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_PORTFOLIO_ITEM (lb_portfolio_item_get_type ())

G_DECLARE_FINAL_TYPE (LbPortfolioItem, lb_portfolio_item, LB, PORTFOLIO_ITEM, GObject)

/* Takes @row. */
LbPortfolioItem      *lb_portfolio_item_new            (LbPortfolioRow        *row);
const LbPortfolioRow *lb_portfolio_item_get_row        (LbPortfolioItem       *self);
gint64                lb_portfolio_item_get_project_id (LbPortfolioItem       *self);
/* Every word of @query (case-insensitive) is in the name, wave, scenario, status, owner,
 * source or target. NULL or empty matches all. */
gboolean              lb_portfolio_item_matches        (LbPortfolioItem       *self,
                                                        const char            *query);
/* The monthly run rate with the locale's separators, "4,350.50 EUR + 900.00 USD"; "—". */
char                 *lb_portfolio_item_monthly_text   (LbPortfolioItem       *self);
/* The last rehearsal went wrong (failed, aborted) or took longer than its target. */
gboolean              lb_portfolio_item_rehearsal_missed (LbPortfolioItem     *self);
/* The latest lag sample is above the project's threshold. */
gboolean              lb_portfolio_item_lag_over       (LbPortfolioItem       *self);

/* Orders for the table's columns: GCompareDataFunc over two items. */
int lb_portfolio_item_compare_name      (gconstpointer a, gconstpointer b, gpointer data);
int lb_portfolio_item_compare_wave      (gconstpointer a, gconstpointer b, gpointer data);
int lb_portfolio_item_compare_scenario  (gconstpointer a, gconstpointer b, gpointer data);
int lb_portfolio_item_compare_status    (gconstpointer a, gconstpointer b, gpointer data);
int lb_portfolio_item_compare_readiness (gconstpointer a, gconstpointer b, gpointer data);
int lb_portfolio_item_compare_rehearsal (gconstpointer a, gconstpointer b, gpointer data);
int lb_portfolio_item_compare_risks     (gconstpointer a, gconstpointer b, gpointer data);
int lb_portfolio_item_compare_monthly   (gconstpointer a, gconstpointer b, gpointer data);
int lb_portfolio_item_compare_lag       (gconstpointer a, gconstpointer b, gpointer data);

G_END_DECLS
