/* ui-test-common.h: shared set-up for the GTK tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"

G_BEGIN_DECLS

/* g_test_init(), private XDG folders, a display and an LbApplication (registered, so
 * style.css is loaded as in the real program). Returns FALSE, after printing a TAP skip,
 * when there is no display: main() then returns 0. */
gboolean        ui_test_init              (int          *argc,
                                           char       ***argv);
GtkApplication *ui_test_get_application   (void);
/* A fresh folder under the test's temporary folder. */
char           *ui_test_make_dir          (const char   *name);
/* Runs the main loop until @condition returns TRUE; fails the test after @timeout_ms. */
void            ui_test_wait_until        (gboolean    (*condition) (gpointer data),
                                           gpointer      data,
                                           guint         timeout_ms,
                                           const char   *what);
/* Runs the main loop for @ms milliseconds. */
void            ui_test_spin              (guint         ms);
/* Presents @window and waits until it is mapped and laid out. */
void            ui_test_show_window       (GtkWindow    *window);
/* Writes @widget (a mapped window) as PNG to <builddir>/tests/ui/@name; returns the path. */
char           *ui_test_screenshot        (GtkWidget    *widget,
                                           const char   *name);
/* The first toplevel window of @type, or NULL. */
GtkWindow      *ui_test_find_window       (GType         type);
/* The first widget under @root (itself included, depth first) that is named @name, has
 * the CSS class @css_class, or is of @type with tooltip @tooltip (any when NULL). */
GtkWidget      *ui_test_find_named        (GtkWidget    *root,
                                           const char   *name);
GtkWidget      *ui_test_find_with_class   (GtkWidget    *root,
                                           const char   *css_class);
GtkWidget      *ui_test_find_by_type      (GtkWidget    *root,
                                           GType         type,
                                           const char   *tooltip);
/* The first widget under @root whose action is @action_name ("win.open-uri"). */
GtkWidget      *ui_test_find_with_action  (GtkWidget    *root,
                                           const char   *action_name);
/* Runs the main loop until @object is finalized; fails the test after 5 s. */
void            ui_test_wait_finalized    (gpointer      object);
/* Destroys @window and checks that it is finalized (no reference leaked). */
void            ui_test_destroy_window    (GtkWindow    *window);

/* A portfolio: 2 waves, 8 projects (3 + 3 in waves, 2 without) in every status, and
 * records of every counted kind for "ERP Plant 1". */
void            ui_test_fill_portfolio    (LbStore      *store);
gint64          ui_test_project_id        (LbStore      *store,
                                           const char   *name);
/* Sets fields of @record from text; fails the test on a parse error. NULL-terminated
 * name/value pairs. */
void            ui_test_set_fields        (gpointer      record,
                                           ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
