/* lb-waves.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-waves"

#include "config.h"

#include "../model/lb-records.h"
#include "lb-positions.h"
#include "lb-waves.h"

gint64
lb_waves_next_position (LbStore *store,
                        GError **error)
{
  g_autoptr(GPtrArray) waves = NULL;

  g_return_val_if_fail (LB_IS_STORE (store), -1);

  if ((waves = lb_store_list (store, &lb_wave_kind, NULL, 0, error)) == NULL)
    return -1;
  return lb_positions_next (waves);
}

gboolean
lb_waves_move (LbStore *store,
               gint64   wave_id,
               int      delta,
               GError **error)
{
  g_autoptr(GPtrArray) waves = NULL;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);

  if ((waves = lb_store_list (store, &lb_wave_kind, NULL, 0, error)) == NULL)
    return FALSE;
  return lb_positions_move (store, waves, wave_id, delta, error);
}
