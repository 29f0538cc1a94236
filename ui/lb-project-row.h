/* lb-project-row.h: one project in the sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_PROJECT_ROW (lb_project_row_get_type ())

G_DECLARE_FINAL_TYPE (LbProjectRow, lb_project_row, LB, PROJECT_ROW, GtkListBoxRow)

/* @wave_name: (nullable): NULL for a project that belongs to no wave. */
GtkWidget  *lb_project_row_new             (const LbProject *project,
                                            const char      *wave_name);
gint64      lb_project_row_get_project_id  (LbProjectRow    *self);
gint64      lb_project_row_get_wave_id     (LbProjectRow    *self);
const char *lb_project_row_get_wave_name   (LbProjectRow    *self);
const char *lb_project_row_get_title       (LbProjectRow    *self);
const char *lb_project_row_get_subtitle    (LbProjectRow    *self);
int         lb_project_row_get_status      (LbProjectRow    *self);
/* Shows that the project's lag is being sampled; @status (nullable) as tooltip. */
void        lb_project_row_set_sampling    (LbProjectRow    *self,
                                            gboolean         sampling,
                                            const char      *status);
gboolean    lb_project_row_get_sampling    (LbProjectRow    *self);
/* Case-insensitive match of every word of @query against name, link, owner and wave. */
gboolean    lb_project_row_matches         (LbProjectRow    *self,
                                            const char      *query);

/* "sqlprod01/ERP → mi-erp-prod"; the parts that are not set read "not set".
 * @short_hosts: write a source server's host name without its domain. */
char       *lb_project_format_link         (const LbProject *project,
                                            gboolean         short_hosts);

G_END_DECLS
