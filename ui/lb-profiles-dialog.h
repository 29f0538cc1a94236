/* lb-profiles-dialog.h: a project's connection profiles — create, edit and delete them,
 * set or forget the login's password (kept in the keyring only) and test the connection.
 *
 * Actions (prefix "profiles."): new; test, set-password, forget-password, edit, delete
 * (x: profile id).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"
#include "lb-list-dialog.h"

G_BEGIN_DECLS

#define LB_TYPE_PROFILES_DIALOG (lb_profiles_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LbProfilesDialog, lb_profiles_dialog, LB, PROFILES_DIALOG, LbListDialog)

LbProfilesDialog *lb_profiles_dialog_new             (GtkWindow        *parent,
                                                      LbStore          *store,
                                                      gint64            project_id);
gint64            lb_profiles_dialog_get_project_id  (LbProfilesDialog *self);
/* The row of a profile, or NULL (for tests). */
GtkWidget        *lb_profiles_dialog_get_row         (LbProfilesDialog *self,
                                                      gint64            profile_id);
/* TRUE while Test Connection runs for the profile. */
gboolean          lb_profiles_dialog_is_testing      (LbProfilesDialog *self,
                                                      gint64            profile_id);
/* What the last test of the profile found (shown in its row): the server's description,
 * or the error; NULL before the first. @ok: (out) (optional): whether it connected. */
const char       *lb_profiles_dialog_get_test_result (LbProfilesDialog *self,
                                                      gint64            profile_id,
                                                      gboolean         *ok);

G_END_DECLS
