/* lb-window.h: the main window: projects of one database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"
#include "lb-portfolio-view.h"
#include "lb-project-list.h"
#include "lb-project-page.h"

G_BEGIN_DECLS

#define LB_TYPE_WINDOW (lb_window_get_type ())

G_DECLARE_FINAL_TYPE (LbWindow, lb_window, LB, WINDOW, AdwApplicationWindow)

/* @application: (nullable). @path: the database to show; the window's "home" database,
 * to which it returns when the demo is closed. */
LbWindow      *lb_window_new                (GtkApplication *application,
                                             const char     *path);
const char    *lb_window_get_home_path      (LbWindow       *self);
/* The database shown now (the home database or the demo). */
const char    *lb_window_get_path           (LbWindow       *self);
/* (nullable): NULL while the database could not be opened. */
LbStore       *lb_window_get_store          (LbWindow       *self);
/* (nullable): the lag samplers of the database shown; stopped when the window closes or
 * shows another database. */
LbSamplers    *lb_window_get_samplers       (LbWindow       *self);
/* Opens @path in this window; an unreadable file shows its error in the window. */
void           lb_window_open_database      (LbWindow       *self,
                                             const char     *path);
/* "projects", "empty", "error" or "generating". */
const char    *lb_window_get_state          (LbWindow       *self);
/* The error shown by the "error" state, or NULL. */
const char    *lb_window_get_error_message  (LbWindow       *self);
LbProjectList *lb_window_get_project_list   (LbWindow       *self);
LbProjectPage *lb_window_get_project_page   (LbWindow       *self);
/* The project's pages: "overview", the record kinds' pages ("readiness", "capacity",
 * "rehearsals", "evidence", "costs", "risks", "approvals") and "history". */
AdwViewStack  *lb_window_get_view_stack     (LbWindow       *self);
/* (nullable): the page called @name. */
GtkWidget     *lb_window_get_page           (LbWindow       *self,
                                             const char     *name);
/* Home: the portfolio table of every project. */
void           lb_window_show_portfolio     (LbWindow       *self);
gboolean       lb_window_get_showing_portfolio (LbWindow    *self);
LbPortfolioView *lb_window_get_portfolio_view (LbWindow     *self);
/* Selects the project and shows its pages. */
void           lb_window_open_project       (LbWindow       *self,
                                             gint64          project_id);
/* Shows a page of the open project (leaving the portfolio). */
void           lb_window_show_page          (LbWindow       *self,
                                             const char     *name);

G_END_DECLS
