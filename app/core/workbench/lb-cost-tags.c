/* lb-cost-tags.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-cost-tags"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "../model/lb-error.h"
#include "lb-cost-tags.h"

gboolean
lb_cost_tag_parse (const char *text,
                   char      **key,
                   char      **value,
                   GError    **error)
{
  const char *equals;
  g_autofree char *k = NULL;
  g_autofree char *v = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  equals = strchr (text, '=');
  k = g_strstrip (equals != NULL ? g_strndup (text, equals - text) : g_strdup (text));
  v = equals != NULL ? g_strstrip (g_strdup (equals + 1)) : NULL;
  if (*k == '\0')
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_REQUIRED, "key",
                               _("Tag “%s” has no key: write it as key=value"), text);
      return FALSE;
    }
  if (v != NULL && *v == '\0')
    g_clear_pointer (&v, g_free);
  *key = g_steal_pointer (&k);
  *value = g_steal_pointer (&v);
  return TRUE;
}

char *
lb_cost_tag_format (const char *key,
                    const char *value)
{
  g_return_val_if_fail (key != NULL, NULL);

  return value != NULL ? g_strdup_printf ("%s=%s", key, value) : g_strdup (key);
}

GPtrArray *
lb_cost_tags_load (LbStore *store,
                   gint64   cost_item_id,
                   GError **error)
{
  LbCostItem *item;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  /* An unknown item is an error, not an item without tags. */
  if ((item = lb_store_get (store, &lb_cost_item_kind, cost_item_id, error)) == NULL)
    return NULL;
  lb_record_free (item);
  return lb_store_list (store, &lb_cost_tag_kind, "cost_item_id", cost_item_id, error);
}

static LbCostTag *
find_tag (GPtrArray  *tags,
          const char *key)
{
  for (guint i = 0; i < tags->len; i++)
    {
      LbCostTag *tag = tags->pdata[i];

      if (g_ascii_strcasecmp (tag->key, key) == 0)
        return tag;
    }
  return NULL;
}

/* Writes @key=@value over the matching tag of @tags, or adds one. */
static gboolean
write_tag (LbStore    *store,
           GPtrArray  *tags,
           gint64      cost_item_id,
           const char *key,
           const char *value,
           GError    **error)
{
  LbCostTag *tag = find_tag (tags, key);
  LbCostTag *added;
  gboolean ok;

  if (tag != NULL)
    {
      if (g_strcmp0 (tag->key, key) == 0 && g_strcmp0 (tag->value, value) == 0)
        return TRUE;
      g_free (tag->key);
      tag->key = g_strdup (key);
      g_free (tag->value);
      tag->value = g_strdup (value);
      return lb_store_update (store, tag, error);
    }
  added = lb_record_new (&lb_cost_tag_kind);
  added->cost_item_id = cost_item_id;
  added->key = g_strdup (key);
  added->value = g_strdup (value);
  ok = lb_store_insert (store, added, error);
  lb_record_free (added);
  return ok;
}

gboolean
lb_cost_tags_set (LbStore    *store,
                  gint64      cost_item_id,
                  const char *key,
                  const char *value,
                  GError    **error)
{
  g_autoptr(GPtrArray) tags = NULL;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if ((tags = lb_cost_tags_load (store, cost_item_id, error)) == NULL)
    return FALSE;
  return write_tag (store, tags, cost_item_id, key, value, error);
}

gboolean
lb_cost_tags_remove (LbStore    *store,
                     gint64      cost_item_id,
                     const char *key,
                     GError    **error)
{
  g_autoptr(GPtrArray) tags = NULL;
  LbCostTag *tag;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if ((tags = lb_cost_tags_load (store, cost_item_id, error)) == NULL)
    return FALSE;
  if ((tag = find_tag (tags, key)) == NULL)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("Cost item %lld has no tag “%s”"),
                   (long long) cost_item_id, key);
      return FALSE;
    }
  return lb_store_delete (store, &lb_cost_tag_kind, tag->id, error);
}

gboolean
lb_cost_tags_replace (LbStore           *store,
                      gint64             cost_item_id,
                      const char *const *texts,
                      GError           **error)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);

  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      char *key, *value;

      if (!lb_cost_tag_parse (texts[i], &key, &value, error))
        return FALSE;
      for (guint j = 0; j < keys->len; j++)
        if (g_ascii_strcasecmp (keys->pdata[j], key) == 0)
          {
            lb_validation_error_set (error, LB_VALIDATION_ERROR_DUPLICATE, "key",
                                     _("Tag “%s” is given twice"), key);
            g_free (key);
            g_free (value);
            return FALSE;
          }
      g_ptr_array_add (keys, key);
      g_ptr_array_add (values, value);
    }

  if (!lb_store_begin_transaction (store, error))
    return FALSE;
  if ((tags = lb_cost_tags_load (store, cost_item_id, error)) == NULL)
    goto failed;
  /* Removals first; what is left is updated in place or added. */
  for (guint i = tags->len; i-- > 0;)
    {
      LbCostTag *tag = tags->pdata[i];
      gboolean kept = FALSE;

      for (guint j = 0; j < keys->len && !kept; j++)
        kept = g_ascii_strcasecmp (keys->pdata[j], tag->key) == 0;
      if (kept)
        continue;
      if (!lb_store_delete (store, &lb_cost_tag_kind, tag->id, error))
        goto failed;
      g_ptr_array_remove_index (tags, i);
    }
  for (guint j = 0; j < keys->len; j++)
    if (!write_tag (store, tags, cost_item_id, keys->pdata[j], values->pdata[j], error))
      goto failed;
  return lb_store_commit_transaction (store, error);

failed:
  lb_store_rollback_transaction (store);
  return FALSE;
}
