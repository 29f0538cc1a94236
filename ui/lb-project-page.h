/* lb-project-page.h: the overview of one project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_PROJECT_PAGE (lb_project_page_get_type ())

G_DECLARE_FINAL_TYPE (LbProjectPage, lb_project_page, LB, PROJECT_PAGE, GtkWidget)

GtkWidget  *lb_project_page_new            (void);
LbStore    *lb_project_page_get_store      (LbProjectPage *self);
void        lb_project_page_set_store      (LbProjectPage *self,
                                            LbStore       *store);
gint64      lb_project_page_get_project_id (LbProjectPage *self);
/* Shows the project (0: nothing). The page follows the store's changes. */
void        lb_project_page_set_project_id (LbProjectPage *self,
                                            gint64         project_id);
/* @samplers (nullable): the header shows while the project's lag is being sampled. */
void        lb_project_page_set_samplers   (LbProjectPage *self,
                                            LbSamplers    *samplers);
gboolean    lb_project_page_get_sampling   (LbProjectPage *self);
/* The name shown, for the window's header and dialogs; NULL when none. */
const char *lb_project_page_get_title      (LbProjectPage *self);
/* Number of records of @kind shown for the project, or -1 (for tests). */
gint64      lb_project_page_get_count      (LbProjectPage      *self,
                                            const LbRecordKind *kind);

/* Lag samples of the project, or -1 while they are being counted (for tests). */
gint64      lb_project_page_get_lag_sample_count (LbProjectPage *self);

G_END_DECLS
