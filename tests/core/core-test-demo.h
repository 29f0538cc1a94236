/* core-test-demo.h: a demo portfolio in a temporary folder, for the core tests that read
 * what the demo writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-core.h"

G_BEGIN_DECLS

/* A new folder holding demo.db with the demo written into it: no lag history (the tests
 * using this need none), anchored at @anchor (0: the current hour). Sets @dir. */
LbStore *core_test_demo_open   (gint64       anchor,
                                char       **dir);
/* Removes @dir with its files and frees it (close the store first). */
void     core_test_demo_remove (char        *dir);

G_END_DECLS
