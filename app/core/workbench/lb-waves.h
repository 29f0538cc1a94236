/* lb-waves.h: the order of the migration waves in the plan.
 *
 * Waves are listed by position, then name; moves go through lb-positions.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../store/lb-store.h"

G_BEGIN_DECLS

/* The position a new wave takes to come last. */
gint64   lb_waves_next_position (LbStore  *store,
                                 GError  **error);
/* Moves the wave @delta places (negative: earlier) in one transaction; a move past either
 * end stops there. Only waves whose position changes are written. LB_ERROR_NOT_FOUND for
 * an unknown wave. */
gboolean lb_waves_move          (LbStore  *store,
                                 gint64    wave_id,
                                 int       delta,
                                 GError  **error);

G_END_DECLS
