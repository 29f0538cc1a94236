/* lb-cost-tags.h: the free key=value tags of a cost item (cost-center=FIN-220, environment=prod).
 *
 * A tag is written as "key=value" or just "key"; the key is unique per item regardless of
 * case. Editing goes through the store, so every change is validated and audited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../model/lb-records.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

/* Splits at the first "=" and trims both sides; @value is NULL when there is none or it is
 * empty. Fails with LB_VALIDATION_ERROR on field "key" when the key is empty. */
gboolean   lb_cost_tag_parse         (const char       *text,
                                      char            **key,
                                      char            **value,
                                      GError          **error);
/* "key=value", or "key" for a tag without a value (@value NULL). */
char      *lb_cost_tag_format        (const char       *key,
                                      const char       *value);
/* The item's tags by key. LB_ERROR_NOT_FOUND for an unknown item. */
GPtrArray *lb_cost_tags_load         (LbStore          *store,
                                      gint64            cost_item_id,
                                      GError          **error);
/* Sets @key (matched regardless of case) to @value, adding the tag when the item has none. */
gboolean   lb_cost_tags_set          (LbStore          *store,
                                      gint64            cost_item_id,
                                      const char       *key,
                                      const char       *value,
                                      GError          **error);
/* Removes the tag @key; LB_ERROR_NOT_FOUND when the item has no such tag. */
gboolean   lb_cost_tags_remove       (LbStore          *store,
                                      gint64            cost_item_id,
                                      const char       *key,
                                      GError          **error);
/* Makes the item's tags exactly @tags ("key=value" texts, NULL-terminated) in one
 * transaction: unchanged tags stay, changed ones are updated, the rest removed or added.
 * A key given twice is refused (LB_VALIDATION_ERROR_DUPLICATE) and nothing is written. */
gboolean   lb_cost_tags_replace      (LbStore          *store,
                                      gint64            cost_item_id,
                                      const char *const *tags,
                                      GError          **error);

G_END_DECLS
