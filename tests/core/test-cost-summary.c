/* test-cost-summary.c: cost totals per currency, by category and by tag.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lb-core.h"
#include "lb-test-util.h"

#define UNSET LB_UNSET_INT

typedef struct
{
  gint64      id;
  int         category;
  const char *description;
  gint64      amount;
  const char *currency;
  int         period;
  gint64      months;
} ItemSpec;

typedef struct
{
  gint64      item_id;
  const char *key;
  const char *value;
} TagSpec;

static const ItemSpec portfolio[] = {
  { 1, LB_COST_MI_COMPUTE, "BC Gen5 16 vCores", 250000, "EUR", LB_PERIOD_MONTHLY, 12 },
  { 2, LB_COST_STORAGE, "1 TB reserved", 12050, "EUR", LB_PERIOD_MONTHLY, 12 },
  { 3, LB_COST_SUPPORT_EFFORT, "Rehearsals (186 h)", 1767000, "EUR", LB_PERIOD_ONE_OFF, UNSET },
  { 4, LB_COST_PARALLEL_RUN, "Source server kept", 80000, "EUR", LB_PERIOD_MONTHLY, UNSET },
  { 5, LB_COST_MI_COMPUTE, "DR replica", 300000, "USD", LB_PERIOD_MONTHLY, 6 },
  { 6, LB_COST_NETWORK_TRANSFER, "Seeding egress", 4999, "USD", LB_PERIOD_ONE_OFF, UNSET },
  { 7, LB_COST_MI_COMPUTE, "Capacity re-test instance", 115000, "EUR", LB_PERIOD_ONE_OFF, UNSET },
  { 0 },
};

static const TagSpec portfolio_tags[] = {
  { 1, "env", "prod" },
  { 1, "cost_center", "CC-4410" },
  { 2, "env", "prod" },
  { 3, "cost_center", "CC-4410" },
  { 4, "env", "staging" },
  { 4, "capex", NULL },
  { 5, "env", "prod" },
  { 99, "env", "prod" }, /* an item not in the list: ignored */
  { 0 },
};

static GPtrArray *
make_items (const ItemSpec *specs)
{
  GPtrArray *items = lb_record_array_new ();

  for (int i = 0; specs[i].id != 0; i++)
    {
      LbCostItem *item = lb_record_new (&lb_cost_item_kind);

      item->id = specs[i].id;
      item->project_id = 1;
      item->category = specs[i].category;
      item->description = g_strdup (specs[i].description);
      item->amount = specs[i].amount;
      g_free (item->currency);
      item->currency = g_strdup (specs[i].currency);
      item->period = specs[i].period;
      item->months = specs[i].months;
      g_ptr_array_add (items, item);
    }
  return items;
}

static GPtrArray *
make_tags (const TagSpec *specs)
{
  GPtrArray *tags = lb_record_array_new ();

  for (int i = 0; specs[i].item_id != 0; i++)
    {
      LbCostTag *tag = lb_record_new (&lb_cost_tag_kind);

      tag->id = 1000 + i;
      tag->cost_item_id = specs[i].item_id;
      tag->key = g_strdup (specs[i].key);
      tag->value = g_strdup (specs[i].value);
      g_ptr_array_add (tags, tag);
    }
  return tags;
}

static void
assert_amounts (const LbCostAmounts *a,
                gint64               one_off,
                gint64               monthly,
                gint64               total,
                guint                n_items,
                guint                n_open_ended)
{
  g_assert_cmpint (a->one_off, ==, one_off);
  g_assert_cmpint (a->monthly, ==, monthly);
  g_assert_cmpint (a->total, ==, total);
  g_assert_cmpuint (a->n_items, ==, n_items);
  g_assert_cmpuint (a->n_open_ended, ==, n_open_ended);
}

static void
assert_portfolio (const LbCostSummary *summary)
{
  const LbCostTotals *eur, *usd;
  const LbCostRollup *r;

  g_assert_cmpuint (summary->currencies->len, ==, 2);
  eur = g_ptr_array_index (summary->currencies, 0);
  usd = g_ptr_array_index (summary->currencies, 1);
  g_assert_cmpstr (eur->currency, ==, "EUR");
  g_assert_cmpstr (usd->currency, ==, "USD");
  g_assert_true (lb_cost_summary_lookup (summary, "EUR") == eur);
  g_assert_true (lb_cost_summary_lookup (summary, "USD") == usd);
  g_assert_null (lb_cost_summary_lookup (summary, "CHF"));

  /* EUR: one-off 17,670 + 1,150; monthly 2,500 + 120.50 + 800 (open-ended);
   * total = one-off + 12 × 2,500 + 12 × 120.50. */
  assert_amounts (&eur->amounts, 1882000, 342050, 5026600, 5, 1);
  g_assert_cmpuint (eur->by_category->len, ==, 4);
  r = g_ptr_array_index (eur->by_category, 0);
  g_assert_cmpint (r->category, ==, LB_COST_MI_COMPUTE);
  g_assert_null (r->tag_key);
  assert_amounts (&r->amounts, 115000, 250000, 3115000, 2, 0);
  r = g_ptr_array_index (eur->by_category, 1);
  g_assert_cmpint (r->category, ==, LB_COST_STORAGE);
  assert_amounts (&r->amounts, 0, 12050, 144600, 1, 0);
  r = g_ptr_array_index (eur->by_category, 2);
  g_assert_cmpint (r->category, ==, LB_COST_PARALLEL_RUN);
  assert_amounts (&r->amounts, 0, 80000, 0, 1, 1);
  r = g_ptr_array_index (eur->by_category, 3);
  g_assert_cmpint (r->category, ==, LB_COST_SUPPORT_EFFORT);
  assert_amounts (&r->amounts, 1767000, 0, 1767000, 1, 0);

  /* Tags by key, then value; a tag without a value first. */
  g_assert_cmpuint (eur->by_tag->len, ==, 4);
  r = g_ptr_array_index (eur->by_tag, 0);
  g_assert_cmpstr (r->tag_key, ==, "capex");
  g_assert_null (r->tag_value);
  g_assert_cmpint (r->category, ==, LB_UNSET_ENUM);
  assert_amounts (&r->amounts, 0, 80000, 0, 1, 1);
  r = g_ptr_array_index (eur->by_tag, 1);
  g_assert_cmpstr (r->tag_key, ==, "cost_center");
  g_assert_cmpstr (r->tag_value, ==, "CC-4410");
  assert_amounts (&r->amounts, 1767000, 250000, 4767000, 2, 0);
  r = g_ptr_array_index (eur->by_tag, 2);
  g_assert_cmpstr (r->tag_key, ==, "env");
  g_assert_cmpstr (r->tag_value, ==, "prod");
  assert_amounts (&r->amounts, 0, 262050, 3144600, 2, 0);
  r = g_ptr_array_index (eur->by_tag, 3);
  g_assert_cmpstr (r->tag_value, ==, "staging");
  assert_amounts (&r->amounts, 0, 80000, 0, 1, 1);

  /* USD stays apart: 6 × 3,000 + 49.99. */
  assert_amounts (&usd->amounts, 4999, 300000, 1804999, 2, 0);
  g_assert_cmpuint (usd->by_category->len, ==, 2);
  r = g_ptr_array_index (usd->by_category, 0);
  g_assert_cmpint (r->category, ==, LB_COST_MI_COMPUTE);
  assert_amounts (&r->amounts, 0, 300000, 1800000, 1, 0);
  r = g_ptr_array_index (usd->by_category, 1);
  g_assert_cmpint (r->category, ==, LB_COST_NETWORK_TRANSFER);
  assert_amounts (&r->amounts, 4999, 0, 4999, 1, 0);
  g_assert_cmpuint (usd->by_tag->len, ==, 1);
  r = g_ptr_array_index (usd->by_tag, 0);
  assert_amounts (&r->amounts, 0, 300000, 1800000, 1, 0);
}

static void
test_portfolio (void)
{
  g_autoptr(GPtrArray) items = make_items (portfolio);
  g_autoptr(GPtrArray) tags = make_tags (portfolio_tags);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbCostSummary) summary = lb_cost_summary_compute (items, tags, &error);

  g_assert_no_error (error);
  assert_portfolio (summary);
}

static void
test_edges (void)
{
  static const struct
  {
    const char *name;
    ItemSpec    items[4];
    gint64      one_off, monthly, total;
    guint       n_currencies, n_open_ended;
  } cases[] = {
    { "nothing", { { 0 } }, 0, 0, 0, 0, 0 },
    { "one month", { { 1, LB_COST_OTHER, "a", 100, "CHF", LB_PERIOD_MONTHLY, 1 }, { 0 } }, 0, 100, 100, 1, 0 },
    { "longest term", { { 1, LB_COST_LICENSING, "a", 999, "CHF", LB_PERIOD_MONTHLY, 600 }, { 0 } },
      0, 999, 599400, 1, 0 },
    { "zero amounts count as items", { { 1, LB_COST_OTHER, "a", 0, "CHF", LB_PERIOD_ONE_OFF, UNSET },
                                       { 2, LB_COST_OTHER, "b", 0, "CHF", LB_PERIOD_MONTHLY, UNSET }, { 0 } },
      0, 0, 0, 1, 1 },
    { "only open-ended", { { 1, LB_COST_STORAGE, "a", 5000, "CHF", LB_PERIOD_MONTHLY, UNSET }, { 0 } },
      0, 5000, 0, 1, 1 },
    { "huge but fits", { { 1, LB_COST_OTHER, "a", G_GINT64_CONSTANT (15000000000000000), "CHF", LB_PERIOD_MONTHLY,
                           600 }, { 0 } },
      0, G_GINT64_CONSTANT (15000000000000000), G_GINT64_CONSTANT (9000000000000000000), 1, 0 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) items = make_items (cases[c].items);
      g_autoptr(GError) error = NULL;
      g_autoptr(LbCostSummary) summary = lb_cost_summary_compute (items, NULL, &error);

      g_test_message ("case: %s", cases[c].name);
      g_assert_no_error (error);
      g_assert_cmpuint (summary->currencies->len, ==, cases[c].n_currencies);
      if (cases[c].n_currencies == 0)
        continue;
      {
        const LbCostTotals *chf = lb_cost_summary_lookup (summary, "CHF");

        g_assert_cmpint (chf->amounts.one_off, ==, cases[c].one_off);
        g_assert_cmpint (chf->amounts.monthly, ==, cases[c].monthly);
        g_assert_cmpint (chf->amounts.total, ==, cases[c].total);
        g_assert_cmpuint (chf->amounts.n_open_ended, ==, cases[c].n_open_ended);
        g_assert_cmpuint (chf->by_tag->len, ==, 0);
      }
    }
}

static void
test_refusals (void)
{
  static const struct
  {
    const char *name;
    ItemSpec    items[3];
    GQuark      (*domain) (void);
    int         code;
    const char *field;
    const char *message;
  } cases[] = {
    { "currency not ISO 4217", { { 1, LB_COST_OTHER, "a", 100, "eur", LB_PERIOD_ONE_OFF, UNSET }, { 0 } },
      lb_validation_error_quark, LB_VALIDATION_ERROR_FORMAT, "currency",
      "Currency: “eur” is not an ISO 4217 code such as EUR or USD" },
    { "no currency", { { 1, LB_COST_OTHER, "a", 100, NULL, LB_PERIOD_ONE_OFF, UNSET }, { 0 } },
      lb_validation_error_quark, LB_VALIDATION_ERROR_REQUIRED, "currency", "Currency: must not be empty" },
    { "months on a one-off", { { 1, LB_COST_OTHER, "a", 100, "EUR", LB_PERIOD_ONE_OFF, 3 }, { 0 } },
      lb_validation_error_quark, LB_VALIDATION_ERROR_RANGE, "months", "Months: applies to monthly costs only" },
    { "no period", { { 1, LB_COST_OTHER, "a", 100, "EUR", LB_UNSET_ENUM, UNSET }, { 0 } },
      lb_validation_error_quark, LB_VALIDATION_ERROR_REQUIRED, "period", "Period: must not be empty" },
    { "an item too large to multiply",
      { { 1, LB_COST_OTHER, "Big", G_MAXINT64 / 100, "EUR", LB_PERIOD_MONTHLY, 600 }, { 0 } },
      lb_error_quark, LB_ERROR_FAILED, NULL, "The cost item “Big” (#1) is too large to add up" },
    { "a sum too large",
      { { 1, LB_COST_OTHER, "a", G_MAXINT64 - 10, "EUR", LB_PERIOD_ONE_OFF, UNSET },
        { 2, LB_COST_OTHER, "b", 11, "EUR", LB_PERIOD_ONE_OFF, UNSET }, { 0 } },
      lb_error_quark, LB_ERROR_FAILED, NULL, "The EUR costs are too large to add up" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) items = make_items (cases[c].items);
      g_autoptr(GError) error = NULL;
      g_autoptr(LbCostSummary) summary = lb_cost_summary_compute (items, NULL, &error);

      g_test_message ("case: %s", cases[c].name);
      g_assert_null (summary);
      g_assert_error (error, cases[c].domain (), cases[c].code);
      g_assert_cmpstr (error->message, ==, cases[c].message);
      if (cases[c].field != NULL)
        g_assert_cmpstr (lb_validation_error_get_field (error), ==, cases[c].field);
    }
}

static void
test_json (void)
{
  static const ItemSpec specs[] = {
    { 5, LB_COST_MI_COMPUTE, "DR replica", 300000, "USD", LB_PERIOD_MONTHLY, 6 },
    { 6, LB_COST_NETWORK_TRANSFER, "Seeding egress", 4999, "USD", LB_PERIOD_ONE_OFF, UNSET },
    { 0 },
  };
  static const TagSpec tag_specs[] = { { 5, "env", "prod" }, { 6, "capex", NULL }, { 0 } };
  g_autoptr(GPtrArray) items = make_items (specs);
  g_autoptr(GPtrArray) tags = make_tags (tag_specs);
  g_autoptr(LbCostSummary) summary = lb_cost_summary_compute (items, tags, NULL);
  g_autoptr(JsonNode) node = lb_cost_summary_to_json (summary);
  g_autofree char *json = json_to_string (node, FALSE);

  g_assert_cmpstr (json, ==,
                   "{\"currencies\":[{\"currency\":\"USD\",\"one_off\":4999,\"monthly\":300000,\"total\":1804999,"
                   "\"items\":2,\"open_ended_items\":0,"
                   "\"by_category\":["
                   "{\"category\":\"mi_compute\",\"one_off\":0,\"monthly\":300000,\"total\":1800000,\"items\":1,"
                   "\"open_ended_items\":0},"
                   "{\"category\":\"network_transfer\",\"one_off\":4999,\"monthly\":0,\"total\":4999,\"items\":1,"
                   "\"open_ended_items\":0}],"
                   "\"by_tag\":["
                   "{\"key\":\"capex\",\"value\":null,\"one_off\":4999,\"monthly\":0,\"total\":4999,\"items\":1,"
                   "\"open_ended_items\":0},"
                   "{\"key\":\"env\",\"value\":\"prod\",\"one_off\":0,\"monthly\":300000,\"total\":1800000,"
                   "\"items\":1,\"open_ended_items\":0}]}]}");
}

static void
test_amount_to_string (void)
{
  static const struct { gint64 minor; const char *text; } cases[] = {
    { 123450, "1234.50" },
    { 5, "0.05" },
    { 0, "0.00" },
    { -150, "-1.50" },
    { 100, "1.00" },
    { G_GINT64_CONSTANT (900000000000000001), "9000000000000000.01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lb_money_to_string (cases[i].minor);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static gint64
insert_or_die (LbStore *store,
               gpointer record)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!lb_store_insert (store, record, &error))
    g_error ("insert %s: %s", lb_record_get_kind (record)->table, error->message);
  id = LB_RECORD_ID (record);
  lb_record_free (record);
  return id;
}

static void
test_store (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "cost.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = make_items (portfolio);
  g_autoptr(LbCostSummary) summary = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  LbStore *store = lb_store_open (path, &error);
  LbProject *project = lb_record_new (&lb_project_kind);
  gint64 project_id, other_id;

  g_assert_no_error (error);
  project->name = g_strdup ("ERP");
  project_id = insert_or_die (store, project);
  project = lb_record_new (&lb_project_kind);
  project->name = g_strdup ("Other");
  other_id = insert_or_die (store, project);

  /* The same portfolio through the store: the ids change, the sums do not. */
  for (guint i = 0; i < items->len; i++)
    {
      LbCostItem *item = lb_record_copy (g_ptr_array_index (items, i));
      gint64 spec_id = item->id;

      item->id = 0;
      item->project_id = project_id;
      g_hash_table_insert (ids, g_memdup2 (&spec_id, sizeof spec_id),
                           g_memdup2 (&(gint64) { insert_or_die (store, item) }, sizeof (gint64)));
    }
  for (int i = 0; portfolio_tags[i].item_id != 0; i++)
    {
      gint64 *item_id = g_hash_table_lookup (ids, &portfolio_tags[i].item_id);
      LbCostTag *tag;

      if (item_id == NULL)
        continue;
      tag = lb_record_new (&lb_cost_tag_kind);
      tag->cost_item_id = *item_id;
      tag->key = g_strdup (portfolio_tags[i].key);
      tag->value = g_strdup (portfolio_tags[i].value);
      insert_or_die (store, tag);
    }
  /* Another project's costs stay out. */
  {
    LbCostItem *item = lb_record_new (&lb_cost_item_kind);

    item->project_id = other_id;
    item->description = g_strdup ("Not ours");
    item->amount = 999999;
    insert_or_die (store, item);
  }

  summary = lb_cost_summary_load (store, project_id, &error);
  g_assert_no_error (error);
  assert_portfolio (summary);
  g_clear_pointer (&summary, lb_cost_summary_free);

  summary = lb_cost_summary_load (store, 4242, &error);
  g_assert_null (summary);
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);

  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/cost-summary/portfolio", test_portfolio);
  g_test_add_func ("/lb/cost-summary/edges", test_edges);
  g_test_add_func ("/lb/cost-summary/refusals", test_refusals);
  g_test_add_func ("/lb/cost-summary/json", test_json);
  g_test_add_func ("/lb/cost-summary/amount-to-string", test_amount_to_string);
  g_test_add_func ("/lb/cost-summary/store", test_store);

  return g_test_run ();
}
