/* test-time.c: parsing and formatting of times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lb-core.h"

static void
test_parse_iso_utc (void)
{
  gint64 ms = 0;

  g_assert_true (lb_time_parse ("2026-11-29T13:05:00Z", NULL, &ms));
  g_assert_cmpint (ms, ==, G_GINT64_CONSTANT (1795957500000));
  g_assert_true (lb_time_parse ("2026-11-29T14:05:00+01:00", NULL, &ms));
  g_assert_cmpint (ms, ==, G_GINT64_CONSTANT (1795957500000));
  g_assert_true (lb_time_parse ("  2026-11-29T13:05:00.250Z ", NULL, &ms));
  g_assert_cmpint (ms, ==, G_GINT64_CONSTANT (1795957500250));
}

static void
test_parse_local (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 ms = 0;

  g_assert_nonnull (berlin);
  /* Winter: UTC+1 */
  g_assert_true (lb_time_parse ("2026-11-29 14:05", berlin, &ms));
  g_assert_cmpint (ms, ==, G_GINT64_CONSTANT (1795957500000));
  /* Summer: UTC+2 */
  g_assert_true (lb_time_parse ("2026-07-01 12:00", berlin, &ms));
  g_assert_cmpint (ms, ==, G_GINT64_CONSTANT (1782900000000));
  /* A date alone is local midnight. */
  g_assert_true (lb_time_parse ("2026-11-29", berlin, &ms));
  g_assert_cmpint (ms, ==, G_GINT64_CONSTANT (1795906800000));
}

static void
test_parse_rejects (void)
{
  const char *bad[] = { "", "   ", "tomorrow", "2026-13-01", "2026-02-30", "29.11.2026", "2026-11-29 25:00",
                        "2026-11-29T10:00:00Zjunk" };
  gint64 ms = 42;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (lb_time_parse (bad[i], NULL, &ms));
      g_assert_cmpint (ms, ==, 42);
    }
  g_assert_false (lb_time_parse (NULL, NULL, &ms));
}

static void
test_format (void)
{
  g_autofree char *iso = lb_time_format_iso_utc (G_GINT64_CONSTANT (1795957500000));
  g_autofree char *iso_ms = lb_time_format_iso_utc (G_GINT64_CONSTANT (1795957500250));
  g_autofree char *local = lb_time_format_local (G_GINT64_CONSTANT (1795957500000));
  gint64 back = 0;

  g_assert_cmpstr (iso, ==, "2026-11-29T13:05:00Z");
  g_assert_cmpstr (iso_ms, ==, "2026-11-29T13:05:00.250000Z");
  /* The test environment runs in Europe/Berlin. */
  g_assert_cmpstr (local, ==, "2026-11-29 14:05");
  g_assert_true (lb_time_parse (local, NULL, &back));
  g_assert_cmpint (back, ==, G_GINT64_CONSTANT (1795957500000));
}

static void
test_duration (void)
{
  struct { gint64 ms; const char *text; } cases[] = {
    { 42000, "42 s" },
    { 73 * 60000, "1 h 13 min" },
    { 59 * 60000, "59 min" },
    { (gint64) 50 * 3600000, "2 d 2 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lb_duration_format (cases[i].ms);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/time/parse-iso-utc", test_parse_iso_utc);
  g_test_add_func ("/lb/time/parse-local", test_parse_local);
  g_test_add_func ("/lb/time/parse-rejects", test_parse_rejects);
  g_test_add_func ("/lb/time/format", test_format);
  g_test_add_func ("/lb/time/duration", test_duration);

  return g_test_run ();
}
