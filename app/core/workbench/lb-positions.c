/* lb-positions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-positions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "../model/lb-error.h"
#include "../model/lb-record.h"
#include "lb-positions.h"

static const LbFieldInfo *
position_field (gconstpointer record)
{
  const LbFieldInfo *field = lb_record_kind_find_field (lb_record_get_kind (record), "position");

  g_assert (field != NULL && field->type == LB_FIELD_INT);
  return field;
}

gint64
lb_positions_next (GPtrArray *records)
{
  gint64 next = 0;

  g_return_val_if_fail (records != NULL, 0);

  for (guint i = 0; i < records->len; i++)
    {
      const LbFieldInfo *field = position_field (records->pdata[i]);

      if (lb_record_field_is_set (field, records->pdata[i]))
        next = MAX (next, lb_record_get_int (field, records->pdata[i]) + 1);
    }
  return next;
}

gboolean
lb_positions_move (LbStore   *store,
                   GPtrArray *records,
                   gint64     id,
                   int        delta,
                   GError   **error)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  int from = -1, to;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  for (guint i = 0; i < records->len; i++)
    {
      g_ptr_array_add (order, records->pdata[i]);
      if (LB_RECORD_ID (records->pdata[i]) == id)
        from = (int) i;
    }
  if (from < 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("There is no record with id %lld to move"),
                   (long long) id);
      return FALSE;
    }
  to = CLAMP (from + delta, 0, (int) order->len - 1);
  if (to != from)
    {
      gpointer moved = g_ptr_array_steal_index (order, from);

      g_ptr_array_insert (order, to, moved);
    }

  if (!lb_store_begin_transaction (store, error))
    return FALSE;
  for (guint i = 0; i < order->len; i++)
    {
      gpointer record = order->pdata[i];
      const LbFieldInfo *field = position_field (record);

      if (lb_record_field_is_set (field, record) && lb_record_get_int (field, record) == (gint64) i)
        continue;
      lb_record_set_int (field, record, i);
      if (!lb_store_update (store, record, error))
        {
          lb_store_rollback_transaction (store);
          return FALSE;
        }
    }
  return lb_store_commit_transaction (store, error);
}
