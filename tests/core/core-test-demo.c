/* core-test-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "core-test-demo.h"

LbStore *
core_test_demo_open (gint64   anchor,
                     char   **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LbDemoOptions options;
  LbStore *store;

  *dir = g_dir_make_tmp ("lb-core-demo-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "demo.db", NULL);
  store = lb_store_open (path, &error);
  g_assert_no_error (error);
  lb_demo_options_init (&options);
  options.lag_days = 0;
  options.anchor = anchor;
  g_assert_true (lb_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);
  return store;
}

void
core_test_demo_remove (const char *dir)
{
  static const char *const names[] = { "demo.db", "demo.db-wal", "demo.db-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}
