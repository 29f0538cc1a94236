/* lb-waves.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-waves"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "../model/lb-error.h"
#include "../model/lb-records.h"
#include "lb-waves.h"

gint64
lb_waves_next_position (LbStore *store,
                        GError **error)
{
  g_autoptr(GPtrArray) waves = NULL;
  gint64 next = 0;

  g_return_val_if_fail (LB_IS_STORE (store), -1);

  if ((waves = lb_store_list (store, &lb_wave_kind, NULL, 0, error)) == NULL)
    return -1;
  for (guint i = 0; i < waves->len; i++)
    next = MAX (next, ((LbWave *) waves->pdata[i])->position + 1);
  return next;
}

gboolean
lb_waves_move (LbStore *store,
               gint64   wave_id,
               int      delta,
               GError **error)
{
  g_autoptr(GPtrArray) waves = NULL;
  int from = -1, to;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);

  if ((waves = lb_store_list (store, &lb_wave_kind, NULL, 0, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < waves->len; i++)
    if (((LbWave *) waves->pdata[i])->id == wave_id)
      from = (int) i;
  if (from < 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("There is no wave with id %lld"), (long long) wave_id);
      return FALSE;
    }
  to = CLAMP (from + delta, 0, (int) waves->len - 1);
  if (to != from)
    {
      gpointer wave = g_ptr_array_steal_index (waves, from);

      g_ptr_array_insert (waves, to, wave);
    }

  if (!lb_store_begin_transaction (store, error))
    return FALSE;
  for (guint i = 0; i < waves->len; i++)
    {
      LbWave *wave = waves->pdata[i];

      if (wave->position == (gint64) i)
        continue;
      wave->position = i;
      if (!lb_store_update (store, wave, error))
        {
          lb_store_rollback_transaction (store);
          return FALSE;
        }
    }
  return lb_store_commit_transaction (store, error);
}
