/* test-portfolio.c: the portfolio rows over the demo portfolio and an empty project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lb-core.h"
#include "lb-test-util.h"

static const LbPortfolioRow *
find_row (GPtrArray  *rows,
          const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const LbPortfolioRow *row = rows->pdata[i];

      if (g_str_equal (row->project->name, name))
        return row;
    }
  g_error ("no portfolio row for %s", name);
  return NULL;
}

static void
test_demo_portfolio (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "portfolio.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  LbStore *store = lb_store_open (path, &error);
  LbDemoOptions options;
  const LbPortfolioRow *erp, *broker, *archive;
  g_autofree char *erp_rehearsal = NULL;
  g_autofree char *broker_rehearsal = NULL;
  g_autofree char *archive_lag = NULL;
  g_autofree char *erp_lag = NULL;
  g_autofree char *erp_monthly = NULL;
  g_autoptr(JsonNode) json = NULL;

  g_assert_no_error (error);
  lb_demo_options_init (&options);
  options.anchor = G_GINT64_CONSTANT (1795957200000);
  options.lag_days = 1;
  g_assert_true (lb_demo_generate (store, &options, NULL, &error));

  rows = lb_portfolio_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, lb_store_count (store, &lb_project_kind, NULL, 0, NULL));

  erp = find_row (rows, "Luma Manufacturing — Plant ERP");
  g_assert_true (erp->production_ready);
  g_assert_cmpstr (erp->wave, ==, "Wave 2 — Core ERP");
  g_assert_cmpint (erp->last_rehearsal->outcome, ==, LB_OUTCOME_SUCCESS);
  g_assert_cmpint (erp->downtime_ms, ==, 73 * 60000);
  g_assert_cmpint (erp->downtime_target_min, ==, 120);
  erp_rehearsal = lb_portfolio_row_rehearsal_text (erp);
  g_assert_cmpstr (erp_rehearsal, ==, "Success, 73/120 min");
  g_assert_false (isnan (erp->lag_s));
  g_assert_cmpint (erp->lag_at, ==, options.anchor);
  erp_lag = lb_portfolio_row_lag_text (erp);
  g_assert_true (g_str_has_suffix (erp_lag, "/30 s"));
  g_assert_cmpuint (erp->costs->currencies->len, ==, 1);
  erp_monthly = lb_portfolio_row_monthly_text (erp);
  g_assert_true (g_str_has_suffix (erp_monthly, " USD"));
  g_assert_null (strstr (erp_monthly, "+"));
  g_assert_cmpint (erp->wave_position, <, G_MAXINT64);

  broker = find_row (rows, "Parkview Insurance — Broker Portal");
  g_assert_false (broker->production_ready);
  broker_rehearsal = lb_portfolio_row_rehearsal_text (broker);
  g_assert_cmpstr (broker_rehearsal, ==, "Failed, 99/60 min");
  g_assert_cmpuint (broker->open_high_risks, ==, 1);

  archive = find_row (rows, "Parkview Insurance — Claims Archive");
  g_assert_null (archive->last_rehearsal);
  g_assert_true (isnan (archive->lag_s));
  archive_lag = lb_portfolio_row_lag_text (archive);
  g_assert_cmpstr (archive_lag, ==, "—");

  json = lb_portfolio_row_to_json (erp);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (json), "production_ready"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "last_rehearsal_downtime_ms"), ==,
                   73 * 60000);

  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_empty_project (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  LbStore *store = lb_store_open (path, &error);
  LbProject *project = lb_record_new (&lb_project_kind);
  const LbPortfolioRow *row;
  g_autofree char *rehearsal = NULL;
  g_autofree char *monthly = NULL;

  project->name = g_strdup ("Bare");
  g_assert_true (lb_store_insert (store, project, &error));
  rows = lb_portfolio_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_false (row->production_ready);
  g_assert_null (row->wave);
  g_assert_cmpuint (row->open_high_risks, ==, 0);
  g_assert_cmpuint (row->costs->currencies->len, ==, 0);
  g_assert_cmpint (row->wave_position, ==, G_MAXINT64);
  rehearsal = lb_portfolio_row_rehearsal_text (row);
  g_assert_cmpstr (rehearsal, ==, "—");
  monthly = lb_portfolio_row_monthly_text (row);
  g_assert_cmpstr (monthly, ==, "—");
  lb_record_free (project);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/portfolio/demo", test_demo_portfolio);
  g_test_add_func ("/lb/portfolio/empty-project", test_empty_project);

  return g_test_run ();
}
