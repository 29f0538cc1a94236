/* lb-project-list.h: the sidebar: projects grouped by wave, with a search bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_PROJECT_LIST (lb_project_list_get_type ())

G_DECLARE_FINAL_TYPE (LbProjectList, lb_project_list, LB, PROJECT_LIST, GtkWidget)

GtkWidget  *lb_project_list_new                   (void);
LbStore    *lb_project_list_get_store             (LbProjectList *self);
/* Loads the projects of @store and follows its changes. @store may be NULL. */
void        lb_project_list_set_store             (LbProjectList *self,
                                                   LbStore       *store);
/* @samplers (nullable): the rows of the projects being sampled show it. */
void        lb_project_list_set_samplers          (LbProjectList *self,
                                                   LbSamplers    *samplers);
/* Whether the project's row shows that it is being sampled. */
gboolean    lb_project_list_get_sampling          (LbProjectList *self,
                                                   gint64         project_id);
gint64      lb_project_list_get_selected_project_id (LbProjectList *self);
/* Selects the project's row; returns FALSE when the list has no such project. */
gboolean    lb_project_list_select_project        (LbProjectList *self,
                                                   gint64         project_id);
guint       lb_project_list_get_n_projects        (LbProjectList *self);
gboolean    lb_project_list_get_search_mode       (LbProjectList *self);
void        lb_project_list_set_search_mode       (LbProjectList *self,
                                                   gboolean       search_mode);
GtkListBox *lb_project_list_get_list_box          (LbProjectList *self);

G_END_DECLS
