/* lb-portfolio-view.h: the home table — every project of the database with its wave,
 * scenario, status, readiness verdict, last rehearsal, open high risks, monthly cost and
 * lag now; sortable by any column, searchable, filtered by wave. A selected project can be
 * moved to another wave; activating a row (double-click, Enter) opens the project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_PORTFOLIO_VIEW (lb_portfolio_view_get_type ())

G_DECLARE_FINAL_TYPE (LbPortfolioView, lb_portfolio_view, LB, PORTFOLIO_VIEW, GtkWidget)

/* Wave filters besides a wave's id. */
#define LB_PORTFOLIO_ALL_WAVES (-1)
#define LB_PORTFOLIO_NO_WAVE   0

LbStore       *lb_portfolio_view_get_store         (LbPortfolioView *self);
void           lb_portfolio_view_set_store         (LbPortfolioView *self,
                                                    LbStore         *store);
/* Reads the store again now (it also does so by itself, once idle, after changes). */
void           lb_portfolio_view_reload            (LbPortfolioView *self);
GtkColumnView *lb_portfolio_view_get_column_view   (LbPortfolioView *self);
/* The rows shown, after search and wave filter, in the table's order. */
GListModel    *lb_portfolio_view_get_model         (LbPortfolioView *self);
guint          lb_portfolio_view_get_n_projects    (LbPortfolioView *self);
gboolean       lb_portfolio_view_get_search_mode   (LbPortfolioView *self);
void           lb_portfolio_view_set_search_mode   (LbPortfolioView *self,
                                                    gboolean         search_mode);
void           lb_portfolio_view_set_search_text   (LbPortfolioView *self,
                                                    const char      *text);
/* LB_PORTFOLIO_ALL_WAVES, LB_PORTFOLIO_NO_WAVE or a wave id; FALSE for an unknown wave. */
gboolean       lb_portfolio_view_set_wave_filter   (LbPortfolioView *self,
                                                    gint64           wave_id);
gint64         lb_portfolio_view_get_selected_project_id (LbPortfolioView *self);
gboolean       lb_portfolio_view_select_project    (LbPortfolioView *self,
                                                    gint64           project_id);
/* Moves the selected project to @wave_id (LB_PORTFOLIO_NO_WAVE: out of any wave). */
gboolean       lb_portfolio_view_move_selected     (LbPortfolioView *self,
                                                    gint64           wave_id,
                                                    GError         **error);

G_END_DECLS
