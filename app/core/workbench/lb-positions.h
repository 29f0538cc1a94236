/* lb-positions.h: reordering records that keep their place in a "position" field (waves in
 * the plan, steps of a runbook).
 *
 * Positions typed by hand may tie or leave gaps; a move renumbers the list 0, 1, 2 … in its
 * current order first, so a move always does what the user sees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../store/lb-store.h"

G_BEGIN_DECLS

/* @records: records of one kind with a "position" field, in the order shown. Moves the
 * record @id @delta places (negative: earlier), stopping at either end, in one transaction;
 * only records whose position changes are written. LB_ERROR_NOT_FOUND when @id is not in
 * @records. */
gboolean lb_positions_move (LbStore   *store,
                            GPtrArray *records,
                            gint64     id,
                            int        delta,
                            GError   **error);
/* One past the highest position in @records: where a new record goes to come last. */
gint64   lb_positions_next (GPtrArray *records);

G_END_DECLS
