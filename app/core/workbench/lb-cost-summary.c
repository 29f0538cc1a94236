/* lb-cost-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-cost-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "../model/lb-error.h"
#include "lb-cost-summary.h"

/* What one item adds to every sum it belongs to. */
typedef struct
{
  gint64   one_off;
  gint64   monthly;
  gint64   total;
  gboolean open_ended;
} Contribution;

/* A currency's sums while they are being built. */
typedef struct
{
  LbCostTotals *totals;
  guint         n_categories;
  LbCostRollup **categories; /* [n_categories], NULL until used; moved to totals at the end */
  GHashTable   *tags;        /* "key\x1fvalue" or "key" → LbCostRollup (owned by totals->by_tag) */
} Builder;

static const LbEnumInfo *
category_enum (void)
{
  return lb_record_kind_find_field (&lb_cost_item_kind, "category")->enum_info;
}

static void
rollup_free (gpointer data)
{
  LbCostRollup *rollup = data;

  g_free (rollup->tag_key);
  g_free (rollup->tag_value);
  g_free (rollup);
}

static void
totals_free (gpointer data)
{
  LbCostTotals *totals = data;

  g_free (totals->currency);
  g_clear_pointer (&totals->by_category, g_ptr_array_unref);
  g_clear_pointer (&totals->by_tag, g_ptr_array_unref);
  g_free (totals);
}

static void
builder_free (gpointer data)
{
  Builder *builder = data;

  /* Left here only when the summary was abandoned part way. */
  for (guint c = 0; c < builder->n_categories; c++)
    g_clear_pointer (&builder->categories[c], rollup_free);
  g_free (builder->categories);
  g_hash_table_unref (builder->tags);
  g_free (builder);
}

void
lb_cost_summary_free (LbCostSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->currencies, g_ptr_array_unref);
  g_free (summary);
}

static gboolean
contribution_of (const LbCostItem *item,
                 Contribution     *out,
                 GError          **error)
{
  *out = (Contribution) { 0 };
  if (item->period == LB_PERIOD_ONE_OFF)
    out->one_off = out->total = item->amount;
  else
    {
      out->monthly = item->amount;
      out->open_ended = item->months == LB_UNSET_INT;
      if (!out->open_ended && __builtin_mul_overflow (item->amount, item->months, &out->total))
        {
          g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                       /* TRANSLATORS: "The cost item “Compute” (#12) is too large to add up" */
                       _("The cost item “%s” (#%lld) is too large to add up"),
                       item->description != NULL ? item->description : "", (long long) item->id);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
amounts_add (LbCostAmounts      *amounts,
             const Contribution *c,
             const char         *currency,
             GError            **error)
{
  if (__builtin_add_overflow (amounts->one_off, c->one_off, &amounts->one_off) ||
      __builtin_add_overflow (amounts->monthly, c->monthly, &amounts->monthly) ||
      __builtin_add_overflow (amounts->total, c->total, &amounts->total))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("The %s costs are too large to add up"), currency);
      return FALSE;
    }
  amounts->n_items++;
  if (c->open_ended)
    amounts->n_open_ended++;
  return TRUE;
}

static LbCostRollup *
tag_rollup (Builder         *builder,
            const LbCostTag *tag)
{
  g_autofree char *key = tag->value != NULL ? g_strconcat (tag->key, "\x1f", tag->value, NULL) : g_strdup (tag->key);
  LbCostRollup *rollup = g_hash_table_lookup (builder->tags, key);

  if (rollup == NULL)
    {
      rollup = g_new0 (LbCostRollup, 1);
      rollup->category = LB_UNSET_ENUM;
      rollup->tag_key = g_strdup (tag->key);
      rollup->tag_value = g_strdup (tag->value);
      g_ptr_array_add (builder->totals->by_tag, rollup);
      g_hash_table_insert (builder->tags, g_steal_pointer (&key), rollup);
    }
  return rollup;
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 ((*(LbCostTotals *const *) a)->currency, (*(LbCostTotals *const *) b)->currency);
}

static int
compare_tag_rollups (gconstpointer a,
                     gconstpointer b)
{
  const LbCostRollup *ra = *(LbCostRollup *const *) a;
  const LbCostRollup *rb = *(LbCostRollup *const *) b;
  int by_key = g_strcmp0 (ra->tag_key, rb->tag_key);

  /* A tag without a value sorts before the same key with values (g_strcmp0: NULL first). */
  return by_key != 0 ? by_key : g_strcmp0 (ra->tag_value, rb->tag_value);
}

LbCostSummary *
lb_cost_summary_compute (GPtrArray *items,
                         GPtrArray *tags,
                         GError   **error)
{
  g_autoptr(GHashTable) builders = NULL; /* currency → Builder */
  g_autoptr(GHashTable) tags_by_item = NULL; /* &cost_item_id → GPtrArray of LbCostTag */
  g_autoptr(LbCostSummary) summary = NULL;
  guint n_categories = (guint) category_enum ()->n_values;

  g_return_val_if_fail (items != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  summary = g_new0 (LbCostSummary, 1);
  summary->currencies = g_ptr_array_new_with_free_func (totals_free);
  builders = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, builder_free);
  tags_by_item = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      LbCostTag *tag = g_ptr_array_index (tags, i);
      GPtrArray *list;

      if (tag->key == NULL)
        continue;
      list = g_hash_table_lookup (tags_by_item, &tag->cost_item_id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (tags_by_item, &tag->cost_item_id, list);
        }
      g_ptr_array_add (list, tag);
    }

  for (guint i = 0; i < items->len; i++)
    {
      const LbCostItem *item = g_ptr_array_index (items, i);
      GPtrArray *item_tags;
      Builder *builder;
      Contribution c;

      /* The store's own rules (currency code, period, months only when monthly …). */
      if (!lb_record_validate (item, error) || !contribution_of (item, &c, error))
        return NULL;

      builder = g_hash_table_lookup (builders, item->currency);
      if (builder == NULL)
        {
          builder = g_new0 (Builder, 1);
          builder->totals = g_new0 (LbCostTotals, 1);
          builder->totals->currency = g_strdup (item->currency);
          builder->totals->by_category = g_ptr_array_new_with_free_func (rollup_free);
          builder->totals->by_tag = g_ptr_array_new_with_free_func (rollup_free);
          builder->n_categories = n_categories;
          builder->categories = g_new0 (LbCostRollup *, n_categories);
          builder->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_ptr_array_add (summary->currencies, builder->totals);
          g_hash_table_insert (builders, builder->totals->currency, builder);
        }

      if (!amounts_add (&builder->totals->amounts, &c, item->currency, error))
        return NULL;

      if (builder->categories[item->category] == NULL)
        {
          builder->categories[item->category] = g_new0 (LbCostRollup, 1);
          builder->categories[item->category]->category = item->category;
        }
      if (!amounts_add (&builder->categories[item->category]->amounts, &c, item->currency, error))
        return NULL;

      item_tags = g_hash_table_lookup (tags_by_item, &item->id);
      for (guint t = 0; item_tags != NULL && t < item_tags->len; t++)
        if (!amounts_add (&tag_rollup (builder, g_ptr_array_index (item_tags, t))->amounts, &c, item->currency,
                          error))
          return NULL;
    }

  /* Categories in enum order; the arrays take the rollups over. */
  {
    GHashTableIter iter;
    Builder *builder;

    g_hash_table_iter_init (&iter, builders);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &builder))
      {
        for (guint c = 0; c < n_categories; c++)
          if (builder->categories[c] != NULL)
            g_ptr_array_add (builder->totals->by_category, g_steal_pointer (&builder->categories[c]));
        g_ptr_array_sort (builder->totals->by_tag, compare_tag_rollups);
      }
  }
  g_ptr_array_sort (summary->currencies, compare_totals);
  return g_steal_pointer (&summary);
}

const LbCostTotals *
lb_cost_summary_lookup (const LbCostSummary *summary,
                        const char          *currency)
{
  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  for (guint i = 0; i < summary->currencies->len; i++)
    {
      const LbCostTotals *totals = g_ptr_array_index (summary->currencies, i);

      if (g_str_equal (totals->currency, currency))
        return totals;
    }
  return NULL;
}

static void
add_amounts (JsonBuilder         *b,
             const LbCostAmounts *amounts)
{
  json_builder_set_member_name (b, "one_off");
  json_builder_add_int_value (b, amounts->one_off);
  json_builder_set_member_name (b, "monthly");
  json_builder_add_int_value (b, amounts->monthly);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, amounts->total);
  json_builder_set_member_name (b, "items");
  json_builder_add_int_value (b, amounts->n_items);
  json_builder_set_member_name (b, "open_ended_items");
  json_builder_add_int_value (b, amounts->n_open_ended);
}

JsonNode *
lb_cost_summary_to_json (const LbCostSummary *summary)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (summary != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "currencies");
  json_builder_begin_array (b);
  for (guint i = 0; i < summary->currencies->len; i++)
    {
      const LbCostTotals *totals = g_ptr_array_index (summary->currencies, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "currency");
      json_builder_add_string_value (b, totals->currency);
      add_amounts (b, &totals->amounts);

      json_builder_set_member_name (b, "by_category");
      json_builder_begin_array (b);
      for (guint c = 0; c < totals->by_category->len; c++)
        {
          const LbCostRollup *rollup = g_ptr_array_index (totals->by_category, c);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "category");
          json_builder_add_string_value (b, lb_enum_info_nick (category_enum (), rollup->category));
          add_amounts (b, &rollup->amounts);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);

      json_builder_set_member_name (b, "by_tag");
      json_builder_begin_array (b);
      for (guint t = 0; t < totals->by_tag->len; t++)
        {
          const LbCostRollup *rollup = g_ptr_array_index (totals->by_tag, t);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, rollup->tag_key);
          json_builder_set_member_name (b, "value");
          if (rollup->tag_value != NULL)
            json_builder_add_string_value (b, rollup->tag_value);
          else
            json_builder_add_null_value (b);
          add_amounts (b, &rollup->amounts);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
lb_cost_items_load (LbStore    *store,
                    gint64      project_id,
                    GPtrArray **items,
                    GPtrArray **tags,
                    GError    **error)
{
  g_autoptr(GPtrArray) project_items = NULL;
  g_autoptr(GPtrArray) item_tags_all = lb_record_array_new ();

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  project_items = lb_store_list_for_project (store, &lb_cost_item_kind, project_id, error);
  if (project_items == NULL)
    return FALSE;
  for (guint i = 0; i < project_items->len; i++)
    {
      const LbCostItem *item = g_ptr_array_index (project_items, i);
      GPtrArray *item_tags = lb_store_list (store, &lb_cost_tag_kind, "cost_item_id", item->id, error);

      if (item_tags == NULL)
        return FALSE;
      g_ptr_array_extend_and_steal (item_tags_all, item_tags);
    }
  *items = g_steal_pointer (&project_items);
  *tags = g_steal_pointer (&item_tags_all);
  return TRUE;
}

LbCostSummary *
lb_cost_summary_load (LbStore *store,
                      gint64   project_id,
                      GError **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) tags = NULL;

  if (!lb_cost_items_load (store, project_id, &items, &tags, error))
    return NULL;
  return lb_cost_summary_compute (items, tags, error);
}
