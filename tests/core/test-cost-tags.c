/* test-cost-tags.c: parsing "key=value", and setting, removing and replacing the tags of a
 * cost item in a real store (with the audit log as the witness of what was written).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lb-core.h"
#include "lb-test-util.h"

static void
test_parse (void)
{
  static const struct { const char *text; const char *key; const char *value; } cases[] = {
    { "cost-center=FIN-220", "cost-center", "FIN-220" },
    { "  env =  prod ", "env", "prod" },
    { "capex", "capex", NULL },
    { "capex=", "capex", NULL },
    { "url=https://x?a=b", "url", "https://x?a=b" }, /* only the first "=" splits */
    { "owner=Ana Ruiz", "owner", "Ana Ruiz" },
  };
  static const char *const refused[] = { "", "   ", "=prod", " = x" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      g_assert_true (lb_cost_tag_parse (cases[i].text, &key, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (key, ==, cases[i].key);
      g_assert_cmpstr (value, ==, cases[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      char *key = NULL, *value = NULL;

      g_assert_false (lb_cost_tag_parse (refused[i], &key, &value, &error));
      g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_REQUIRED);
      g_assert_cmpstr (lb_validation_error_get_field (error), ==, "key");
      g_assert_null (key);
      g_assert_null (value);
    }
}

typedef struct
{
  char    *dir;
  LbStore *store;
  gint64   item_id;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  LbProject *project;
  LbCostItem *item;

  f->dir = lb_test_tmpdir_new ();
  path = g_build_filename (f->dir, "tags.db", NULL);
  f->store = lb_store_open (path, &error);
  g_assert_no_error (error);

  project = lb_record_new (&lb_project_kind);
  g_assert_true (lb_record_set_from_string (project, "name", "ERP", &error));
  g_assert_true (lb_store_insert (f->store, project, &error));
  item = lb_record_new (&lb_cost_item_kind);
  item->project_id = project->id;
  g_assert_true (lb_record_set_from_string (item, "description", "MI compute", &error));
  g_assert_true (lb_record_set_from_string (item, "amount", "4200", &error));
  g_assert_true (lb_record_set_from_string (item, "currency", "EUR", &error));
  g_assert_true (lb_record_set_from_string (item, "period", "monthly", &error));
  g_assert_true (lb_store_insert (f->store, item, &error));
  g_assert_no_error (error);
  f->item_id = item->id;
  lb_record_free (item);
  lb_record_free (project);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->store);
  lb_test_tmpdir_free (f->dir);
}

/* "k=v, k2" in key order, for compact assertions. */
static char *
tags_text (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = lb_cost_tags_load (f->store, f->item_id, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < tags->len; i++)
    {
      const LbCostTag *tag = tags->pdata[i];
      g_autofree char *text = lb_cost_tag_format (tag->key, tag->value);

      g_strv_builder_add (builder, text);
    }
  strv = g_strv_builder_end (builder);
  return g_strjoinv (", ", strv);
}

static void
assert_tags (Fixture    *f,
             const char *expected)
{
  g_autofree char *text = tags_text (f);

  g_assert_cmpstr (text, ==, expected);
}

static gint64
count_tag_audits (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lb_store_list (f->store, &lb_audit_entry_kind, NULL, 0, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    n += g_strcmp0 (((LbAuditEntry *) entries->pdata[i])->entity, "cost_tag") == 0;
  return n;
}

static void
test_set_and_remove (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  assert_tags (f, "");
  g_assert_true (lb_cost_tags_set (f->store, f->item_id, "env", "prod", &error));
  g_assert_true (lb_cost_tags_set (f->store, f->item_id, "capex", NULL, &error));
  g_assert_no_error (error);
  assert_tags (f, "capex, env=prod");
  /* The key matches regardless of case: an update, not a second tag. */
  g_assert_true (lb_cost_tags_set (f->store, f->item_id, "ENV", "staging", &error));
  assert_tags (f, "capex, ENV=staging");

  g_assert_true (lb_cost_tags_remove (f->store, f->item_id, "Capex", &error));
  g_assert_no_error (error);
  assert_tags (f, "ENV=staging");
  g_assert_false (lb_cost_tags_remove (f->store, f->item_id, "capex", &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (lb_cost_tags_set (f->store, 9999, "env", "prod", &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
}

static void
test_replace (Fixture      *f,
              gconstpointer data)
{
  static const char *const first[] = { "env=prod", "cost-center=FIN-220", "capex", NULL };
  static const char *const second[] = { "cost-center=FIN-220", "env=staging", "owner=Ana Ruiz", NULL };
  static const char *const twice[] = { "env=prod", "Env=staging", NULL };
  static const char *const keyless[] = { "owner=Ana", "=x", NULL };
  g_autoptr(GError) error = NULL;
  gint64 audits;

  g_assert_true (lb_cost_tags_replace (f->store, f->item_id, first, &error));
  g_assert_no_error (error);
  assert_tags (f, "capex, cost-center=FIN-220, env=prod");
  g_assert_cmpint (count_tag_audits (f), ==, 3);

  /* capex removed, env updated, owner added; cost-center unchanged is not written. */
  g_assert_true (lb_cost_tags_replace (f->store, f->item_id, second, &error));
  assert_tags (f, "cost-center=FIN-220, env=staging, owner=Ana Ruiz");
  g_assert_cmpint (count_tag_audits (f), ==, 6);

  /* Refusals leave everything as it was. */
  audits = count_tag_audits (f);
  g_assert_false (lb_cost_tags_replace (f->store, f->item_id, twice, &error));
  g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (lb_cost_tags_replace (f->store, f->item_id, keyless, &error));
  g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  assert_tags (f, "cost-center=FIN-220, env=staging, owner=Ana Ruiz");
  g_assert_cmpint (count_tag_audits (f), ==, audits);

  /* An empty list removes every tag. */
  g_assert_true (lb_cost_tags_replace (f->store, f->item_id, NULL, &error));
  assert_tags (f, "");
}

/* A failure half-way (an unknown item) rolls back what was already written. */
static void
test_replace_rolls_back (Fixture      *f,
                         gconstpointer data)
{
  static const char *const tags[] = { "env=prod", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (lb_cost_tags_replace (f->store, f->item_id, tags, &error));
  g_assert_false (lb_cost_tags_replace (f->store, 9999, tags, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
  assert_tags (f, "env=prod");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cost-tags/parse", test_parse);
  g_test_add ("/cost-tags/set-and-remove", Fixture, NULL, fixture_set_up, test_set_and_remove, fixture_tear_down);
  g_test_add ("/cost-tags/replace", Fixture, NULL, fixture_set_up, test_replace, fixture_tear_down);
  g_test_add ("/cost-tags/replace-rolls-back", Fixture, NULL, fixture_set_up, test_replace_rolls_back,
              fixture_tear_down);
  return g_test_run ();
}
