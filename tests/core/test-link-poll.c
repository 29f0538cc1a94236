/* test-link-poll.c: the link poll's rows become a lag sample — units converted (KB/s to
 * bytes/s, ms to s), states read, unknown stays unknown (never zero), the project's link
 * and database picked among several, and missing columns or rows refused by name; the data
 * at risk follows the send queue and the log generation rate between two polls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lb-core.h"
#include "lb-test-util.h"

static const char *const replica_columns[] = {
  "link_name", "database_name", "commit_lag_ms", "secondary_lag_seconds", "send_queue_kb", "send_rate_kbps",
  "redo_queue_kb", "redo_rate_kbps", "synchronization_state_desc", "synchronization_health_desc", NULL,
};

static void
add_row (LbSqlRowSet       *set,
         const char *const *values)
{
  guint n = g_strv_length (set->columns);
  char **row = g_new0 (char *, n);

  for (guint i = 0; i < n; i++)
    row[i] = g_strdup (values[i]);
  lb_sql_row_set_add_row (set, row);
}

static LbSqlResult *
new_result (void)
{
  LbSqlResult *result = lb_sql_result_new ();
  LbSqlRowSet *replicas = lb_sql_result_add_set (result, g_strdupv ((GStrv) replica_columns));
  LbSqlRowSet *counters = lb_sql_result_add_set (result, g_strsplit ("database_name,log_bytes_flushed", ",", -1));

  add_row (replicas, (const char *[]) { "DAG_ERP", "ERP", "1500", "2", "512", "256", "2048", "1024",
                                        "SYNCHRONIZING", "HEALTHY" });
  add_row (replicas, (const char *[]) { "DAG_WMS", "WMS", NULL, NULL, NULL, "0", "0", "0", "NOT SYNCHRONIZING",
                                        "NOT_HEALTHY" });
  add_row (counters, (const char *[]) { "ERP", "1048576" });
  add_row (counters, (const char *[]) { "WMS", "10" });
  return result;
}

static void
test_read (void)
{
  g_autoptr(LbSqlResult) result = new_result ();
  g_autoptr(GError) error = NULL;
  LbLinkPoll poll;

  g_assert_true (lb_link_poll_read (result, "dag_erp", "erp", 1000, &poll, &error));
  g_assert_no_error (error);
  g_assert_cmpint (poll.sample.t, ==, 1000);
  g_assert_cmpfloat_with_epsilon (poll.sample.lag_s, 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (poll.sample.secondary_lag_s, 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (poll.sample.log_send_queue_kb, 512, 1e-9);
  g_assert_cmpfloat_with_epsilon (poll.sample.send_rate_bps, 256 * 1024, 1e-9);
  g_assert_cmpfloat_with_epsilon (poll.sample.redo_rate_bps, 1024 * 1024, 1e-9);
  g_assert_cmpfloat_with_epsilon (poll.catch_up_s, 2, 1e-9);
  g_assert_cmpint (poll.sample.sync_state, ==, LB_SYNC_SYNCHRONIZING);
  g_assert_cmpint (poll.sample.sync_health, ==, LB_HEALTH_HEALTHY);
  g_assert_cmpstr (poll.link_name, ==, "DAG_ERP");
  g_assert_cmpfloat_with_epsilon (poll.log_bytes_flushed, 1048576, 1e-9);
  lb_link_poll_clear (&poll);
}

static void
test_unknown_stays_unknown (void)
{
  g_autoptr(LbSqlResult) result = new_result ();
  g_autoptr(GError) error = NULL;
  LbLinkPoll poll;

  /* A remote copy that never reported has no lag: NAN, not 0; no redo rate, no catch-up. */
  g_assert_true (lb_link_poll_read (result, "DAG_WMS", NULL, 1000, &poll, &error));
  g_assert_no_error (error);
  g_assert_true (isnan (poll.sample.lag_s));
  g_assert_true (isnan (poll.sample.secondary_lag_s));
  g_assert_true (isnan (poll.sample.log_send_queue_kb));
  g_assert_true (isnan (poll.catch_up_s));
  g_assert_cmpint (poll.sample.sync_state, ==, LB_SYNC_NOT_SYNCHRONIZING);
  g_assert_cmpint (poll.sample.sync_health, ==, LB_HEALTH_NOT_HEALTHY);
  lb_link_poll_clear (&poll);
}

static void
test_choose_and_refuse (void)
{
  g_autoptr(LbSqlResult) result = new_result ();
  g_autoptr(LbSqlResult) bare = lb_sql_result_new ();
  g_autoptr(GError) error = NULL;
  LbLinkPoll poll;

  g_assert_false (lb_link_poll_read (result, NULL, NULL, 1000, &poll, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  lb_test_assert_contains (error->message, "2 links match");
  g_clear_error (&error);

  g_assert_false (lb_link_poll_read (result, "DAG_HR", "HR", 1000, &poll, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  lb_test_assert_contains (error->message, "DAG_HR / HR");
  g_clear_error (&error);

  g_assert_false (lb_link_poll_read (bare, NULL, NULL, 1000, &poll, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  lb_sql_result_add_set (bare, g_strsplit ("link_name,database_name", ",", -1));
  g_assert_false (lb_link_poll_read (bare, NULL, NULL, 1000, &poll, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  lb_test_assert_contains (error->message, "commit_lag_ms");
}

static void
test_negative_lag_and_garbage (void)
{
  g_autoptr(LbSqlResult) result = lb_sql_result_new ();
  LbSqlRowSet *replicas = lb_sql_result_add_set (result, g_strdupv ((GStrv) replica_columns));
  g_autoptr(GError) error = NULL;
  LbLinkPoll poll;

  /* The remote commit time can be newer for a moment (reported before the primary's own row
   * was refreshed): 0, not negative. Text where a number belongs is unknown. */
  add_row (replicas, (const char *[]) { "DAG", "DB", "-40", "x1", "12abc", "", "1e400", "nan", "SYNCHRONIZED",
                                        "PARTIALLY_HEALTHY" });
  g_assert_true (lb_link_poll_read (result, NULL, NULL, 5, &poll, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (poll.sample.lag_s, ==, 0);
  g_assert_true (isnan (poll.sample.secondary_lag_s));
  g_assert_true (isnan (poll.sample.log_send_queue_kb));
  g_assert_true (isnan (poll.sample.send_rate_bps));
  g_assert_true (isnan (poll.sample.redo_queue_kb));
  g_assert_true (isnan (poll.sample.redo_rate_bps));
  g_assert_cmpint (poll.sample.sync_state, ==, LB_SYNC_SYNCHRONIZED);
  g_assert_cmpint (poll.sample.sync_health, ==, LB_HEALTH_PARTIALLY_HEALTHY);
  g_assert_true (isnan (poll.log_bytes_flushed)); /* no counter set */
  lb_link_poll_clear (&poll);
}

static void
test_data_at_risk (void)
{
  LbLinkPoll previous = { 0 }, current = { 0 };

  lb_lag_sample_init (&previous.sample, 0);
  lb_lag_sample_init (&current.sample, 2000);
  previous.log_bytes_flushed = 1000000;
  current.log_bytes_flushed = 1000000 + 2 * 512 * 1024; /* 512 KB/s generated */
  current.sample.log_send_queue_kb = 1024;
  g_assert_cmpfloat_with_epsilon (lb_link_poll_data_at_risk_s (&previous, &current), 2, 1e-9);
  g_assert_true (isnan (lb_link_poll_data_at_risk_s (NULL, &current)));
  current.sample.log_send_queue_kb = 0;
  g_assert_cmpfloat (lb_link_poll_data_at_risk_s (NULL, &current), ==, 0);
  current.sample.log_send_queue_kb = 10;
  current.log_bytes_flushed = 5; /* counter reset by a restart */
  g_assert_true (isnan (lb_link_poll_data_at_risk_s (&previous, &current)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/link-poll/read", test_read);
  g_test_add_func ("/link-poll/unknown-stays-unknown", test_unknown_stays_unknown);
  g_test_add_func ("/link-poll/choose-and-refuse", test_choose_and_refuse);
  g_test_add_func ("/link-poll/negative-lag-and-garbage", test_negative_lag_and_garbage);
  g_test_add_func ("/link-poll/data-at-risk", test_data_at_risk);
  return g_test_run ();
}
