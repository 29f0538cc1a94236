/* lb-preferences-window.h: the preferences — what new projects and cost items start with,
 * lag sampling, reports and the Azure endpoint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LB_TYPE_PREFERENCES_WINDOW (lb_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LbPreferencesWindow, lb_preferences_window, LB, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* NULL when the settings schema is not installed. */
LbPreferencesWindow *lb_preferences_window_new (GtkWindow *parent);

G_END_DECLS
