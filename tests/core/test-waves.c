/* test-waves.c: moving waves in the plan, over ties and gaps in hand-typed positions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lb-core.h"
#include "lb-test-util.h"

typedef struct
{
  char    *dir;
  LbStore *store;
} Fixture;

static gint64
add_wave (Fixture    *f,
          const char *name,
          gint64      position)
{
  g_autoptr(GError) error = NULL;
  LbWave *wave = lb_record_new (&lb_wave_kind);
  gint64 id;

  wave->name = g_strdup (name);
  wave->position = position;
  g_assert_true (lb_store_insert (f->store, wave, &error));
  g_assert_no_error (error);
  id = wave->id;
  lb_record_free (wave);
  return id;
}

/* "A:0 B:1 C:2", in list order. */
static char *
plan (Fixture *f)
{
  g_autoptr(GPtrArray) waves = lb_store_list (f->store, &lb_wave_kind, NULL, 0, NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < waves->len; i++)
    {
      const LbWave *wave = waves->pdata[i];

      g_string_append_printf (text, "%s%s:%lld", i ? " " : "", wave->name, (long long) wave->position);
    }
  return g_string_free (text, FALSE);
}

static void
assert_plan (Fixture    *f,
             const char *expected)
{
  g_autofree char *text = plan (f);

  g_assert_cmpstr (text, ==, expected);
}

static gint64
count_wave_audits (Fixture *f)
{
  g_autoptr(GPtrArray) entries = lb_store_list (f->store, &lb_audit_entry_kind, NULL, 0, NULL);
  gint64 n = 0;

  for (guint i = 0; i < entries->len; i++)
    n += g_strcmp0 (((LbAuditEntry *) entries->pdata[i])->entity, "wave") == 0;
  return n;
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = lb_test_tmpdir_new ();
  path = g_build_filename (f->dir, "waves.db", NULL);
  f->store = lb_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->store);
  lb_test_tmpdir_free (f->dir);
}

static void
test_next_position (Fixture      *f,
                    gconstpointer data)
{
  g_assert_cmpint (lb_waves_next_position (f->store, NULL), ==, 0);
  add_wave (f, "Pilot", 0);
  add_wave (f, "Core", 7);
  g_assert_cmpint (lb_waves_next_position (f->store, NULL), ==, 8);
}

static void
test_move (Fixture      *f,
           gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 b = add_wave (f, "B", 5);
  gint64 a = add_wave (f, "A", 5);
  gint64 c = add_wave (f, "C", 9);
  gint64 audits;

  /* Ties sort by name. */
  assert_plan (f, "A:5 B:5 C:9");

  g_assert_true (lb_waves_move (f->store, c, -1, &error));
  g_assert_no_error (error);
  assert_plan (f, "A:0 C:1 B:2");

  g_assert_true (lb_waves_move (f->store, a, 2, &error));
  assert_plan (f, "C:0 B:1 A:2");
  /* Moving B up swaps two waves: two writes, and no more. */
  audits = count_wave_audits (f);
  g_assert_true (lb_waves_move (f->store, b, -1, &error));
  assert_plan (f, "B:0 C:1 A:2");
  g_assert_cmpint (count_wave_audits (f), ==, audits + 2);

  /* Past either end: stays where it is, nothing written. */
  audits = count_wave_audits (f);
  g_assert_true (lb_waves_move (f->store, b, -5, &error));
  g_assert_true (lb_waves_move (f->store, a, 1, &error));
  assert_plan (f, "B:0 C:1 A:2");
  g_assert_cmpint (count_wave_audits (f), ==, audits);

  g_assert_false (lb_waves_move (f->store, 9999, 1, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/waves/next-position", Fixture, NULL, fixture_set_up, test_next_position, fixture_tear_down);
  g_test_add ("/waves/move", Fixture, NULL, fixture_set_up, test_move, fixture_tear_down);
  return g_test_run ();
}
