/* lb-status-badge.h: a project status as a coloured pill (or a dot in dense lists).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LB_TYPE_STATUS_BADGE (lb_status_badge_get_type ())

G_DECLARE_FINAL_TYPE (LbStatusBadge, lb_status_badge, LB, STATUS_BADGE, GtkWidget)

GtkWidget *lb_status_badge_new         (int            status,
                                        gboolean       compact);
int        lb_status_badge_get_status  (LbStatusBadge *self);
void       lb_status_badge_set_status  (LbStatusBadge *self,
                                        int            status);
gboolean   lb_status_badge_get_compact (LbStatusBadge *self);
void       lb_status_badge_set_compact (LbStatusBadge *self,
                                        gboolean       compact);

G_END_DECLS
