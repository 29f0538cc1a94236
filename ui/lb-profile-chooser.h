/* lb-profile-chooser.h: which of a project's SQL Server-side connection profiles an action
 * uses (the prerequisite checks, lag sampling) — a drop-down shown only when there is a
 * choice to make.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_PROFILE_CHOOSER (lb_profile_chooser_get_type ())

G_DECLARE_FINAL_TYPE (LbProfileChooser, lb_profile_chooser, LB, PROFILE_CHOOSER, GtkWidget)

/* Signals: "changed" — the profiles or the choice changed. */
GtkWidget           *lb_profile_chooser_new            (void);
void                 lb_profile_chooser_set_store      (LbProfileChooser *self,
                                                        LbStore          *store);
/* Lists the project's SQL Server-side profiles and follows the store's changes. */
void                 lb_profile_chooser_set_project_id (LbProfileChooser *self,
                                                        gint64            project_id);
guint                lb_profile_chooser_get_n_profiles (LbProfileChooser *self);
/* (nullable): the chosen profile as listed (owned by the chooser until the next change). */
const LbConnectionProfile *lb_profile_chooser_get_selected (LbProfileChooser *self);
/* Chooses the profile @profile_id; FALSE when it is not listed. */
gboolean             lb_profile_chooser_select         (LbProfileChooser *self,
                                                        gint64            profile_id);

G_END_DECLS
