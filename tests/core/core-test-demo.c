/* core-test-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "core-test-demo.h"
#include "lb-test-util.h"

LbStore *
core_test_demo_open (gint64   anchor,
                     char   **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LbDemoOptions options;
  LbStore *store;

  *dir = lb_test_tmpdir_new ();
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
core_test_demo_remove (char *dir)
{
  lb_test_tmpdir_free (dir);
}
