/* test-report-tables.c: the report's tables and their CSV and JSON files — CSV quoting
 * read back with libcsv, JSON read back with json-glib, figures equal to the records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <csv.h>
#include <string.h>

#include "lb-core.h"
#include "lb-test-util.h"

#define ANCHOR G_GINT64_CONSTANT (1795957200000)

typedef struct
{
  GPtrArray *rows;    /* GPtrArray of char * */
  GPtrArray *current;
} Parsed;

static void
on_field (void  *data,
          size_t len,
          void  *user_data)
{
  Parsed *p = user_data;

  if (p->current == NULL)
    p->current = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (p->current, g_strndup (data, len));
}

static void
on_row (int   c,
        void *user_data)
{
  Parsed *p = user_data;

  g_ptr_array_add (p->rows, p->current != NULL ? p->current : g_ptr_array_new_with_free_func (g_free));
  p->current = NULL;
}

static GPtrArray *
parse_csv (const char *path)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  struct csv_parser parser;
  Parsed p = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), NULL };

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  g_assert_cmpint (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI), ==, 0);
  g_assert_cmpuint (csv_parse (&parser, text, length, on_field, on_row, &p), ==, length);
  g_assert_cmpint (csv_fini (&parser, on_field, on_row, &p), ==, 0);
  csv_free (&parser);
  return p.rows;
}

static LbStore *
demo_store (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "tables.db", NULL);
  g_autoptr(GError) error = NULL;
  LbStore *store = lb_store_open (path, &error);
  LbDemoOptions options;

  g_assert_no_error (error);
  lb_demo_options_init (&options);
  options.anchor = ANCHOR;
  options.lag_days = 1;
  options.lag_interval = 60000;
  g_assert_true (lb_demo_generate (store, &options, NULL, &error));
  return store;
}

static LbProjectReport *
load_project (LbStore               *store,
              const char            *name,
              const LbReportOptions *options)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_store_find (store, &lb_project_kind, "name", name, &error);
  LbProjectReport *report;

  g_assert_no_error (error);
  report = lb_project_report_load (store, project->id, options, NULL, &error);
  g_assert_no_error (error);
  lb_record_free (project);
  return report;
}

/* Commas, quotes, line breaks, a formula-looking value and non-ASCII text survive the
 * round trip through the CSV file unchanged. */
static void
test_csv_round_trip (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autoptr(LbStore) store = demo_store (dir);
  g_autofree char *csv_dir = g_build_filename (dir, "tables", NULL);
  g_autofree char *risks_csv = g_build_filename (csv_dir, "risks.csv", NULL);
  g_autofree char *rules_csv = g_build_filename (csv_dir, "rules.csv", NULL);
  static const char hostile[] = "=SUM(A1), \"quoted\"\nsecond line; שלום 🚀";
  g_autoptr(LbProjectReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  LbReportOptions options;
  LbRisk *risk;
  gboolean found = FALSE;

  risk = lb_store_find (store, &lb_risk_kind, "title", "Endpoint certificate expiry breaks the link", &error);
  if (risk == NULL)
    {
      g_clear_error (&error);
      risk = lb_record_new (&lb_risk_kind);
      risk->project_id = 1;
      risk->likelihood = 2;
      risk->impact = 3;
    }
  g_free (risk->title);
  risk->title = g_strdup (hostile);
  g_assert_true (risk->id != 0 ? lb_store_update (store, risk, &error) : lb_store_insert (store, risk, &error));
  g_assert_no_error (error);

  lb_report_options_init (&options);
  report = lb_project_report_load (store, risk->project_id, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lb_report_write_csv (report, NULL, &options, csv_dir, NULL, &error));
  g_assert_no_error (error);

  rows = parse_csv (risks_csv);
  g_assert_cmpuint (rows->len, ==, report->risks->len + 1);
  g_assert_cmpstr (((GPtrArray *) rows->pdata[0])->pdata[0], ==, "title");
  for (guint i = 1; i < rows->len; i++)
    found |= g_str_equal (((GPtrArray *) rows->pdata[i])->pdata[0], hostile);
  g_assert_true (found);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The rules file carries machine values: the status nick, the rule's number. */
  rows = parse_csv (rules_csv);
  g_assert_cmpuint (rows->len, ==, LB_N_RULES + 1);
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = rows->pdata[i];
      g_autofree char *number = g_strdup_printf ("%u", i);

      g_assert_cmpstr (row->pdata[0], ==, number);
      g_assert_cmpstr (row->pdata[2], ==, lb_enum_info_nick (&lb_rule_status_enum, report->go_no_go->rules[i - 1].status));
    }
  lb_record_free (risk);
  lb_report_options_clear (&options);
  lb_test_tmpdir_free (g_steal_pointer (&csv_dir));
  g_clear_object (&store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The JSON document holds each project's verdict and every table, with money in minor
 * units and times in ISO 8601 UTC. */
static void
test_json (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autoptr(LbStore) store = demo_store (dir);
  g_autofree char *path = g_build_filename (dir, "portfolio.json", NULL);
  g_autoptr(LbPortfolioReport) report = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  LbReportOptions options;
  JsonObject *root, *tables;
  JsonArray *projects, *costs;
  gint64 sum_json = 0, sum_db = 0;

  lb_report_options_init (&options);
  report = lb_portfolio_report_load (store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lb_report_write_json (NULL, report, &options, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "report"), "scope"), ==,
                   "portfolio");
  projects = json_object_get_array_member (root, "projects");
  g_assert_cmpuint (json_array_get_length (projects), ==, report->projects->len);
  for (guint i = 0; i < report->projects->len; i++)
    {
      const LbProjectReport *p = report->projects->pdata[i];
      JsonObject *o = json_array_get_object_element (projects, i);

      g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, p->project->name);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "go_no_go"), "verdict"), ==,
                       lb_enum_info_nick (&lb_go_no_go_verdict_enum, p->go_no_go->verdict));
    }
  tables = json_object_get_object_member (root, "tables");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (tables, "projects")), ==,
                    report->projects->len);
  costs = json_object_get_array_member (tables, "costs");
  items = lb_store_list (store, &lb_cost_item_kind, NULL, 0, &error);
  g_assert_cmpuint (json_array_get_length (costs), ==, items->len);
  for (guint i = 0; i < json_array_get_length (costs); i++)
    sum_json += json_object_get_int_member (json_array_get_object_element (costs, i), "amount_minor");
  for (guint i = 0; i < items->len; i++)
    sum_db += ((LbCostItem *) items->pdata[i])->amount;
  g_assert_cmpint (sum_json, ==, sum_db);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_array_get_object_element (
                                     json_object_get_array_member (tables, "evidence"), 0), "captured_at"), "Z"));
  lb_report_options_clear (&options);
  g_clear_pointer (&report, lb_portfolio_report_free);
  g_clear_object (&store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

/* An unwritable destination gives an error naming it. */
static void
test_unwritable (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autoptr(LbStore) store = demo_store (dir);
  g_autofree char *blocker = g_build_filename (dir, "file", NULL);
  g_autofree char *inside = g_build_filename (blocker, "tables", NULL);
  g_autoptr(LbProjectReport) report = NULL;
  g_autoptr(GError) error = NULL;
  LbReportOptions options;

  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  lb_report_options_init (&options);
  report = load_project (store, "Luma Manufacturing — Plant ERP", &options);
  g_assert_false (lb_report_write_csv (report, NULL, &options, inside, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_IO);
  g_assert_nonnull (strstr (error->message, inside));
  g_clear_error (&error);
  g_assert_false (lb_report_write_json (report, NULL, &options, inside, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_IO);
  lb_report_options_clear (&options);
  g_clear_pointer (&report, lb_project_report_free);
  g_clear_object (&store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report-tables/csv-round-trip", test_csv_round_trip);
  g_test_add_func ("/report-tables/json", test_json);
  g_test_add_func ("/report-tables/unwritable", test_unwritable);
  return g_test_run ();
}
