/* test-demo.c: the demo portfolio generator.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "lb-core.h"

/* 2026-03-14T11:00:00Z, a Saturday: any fixed instant will do. */
#define ANCHOR G_GINT64_CONSTANT (1773486000000)
#define MINUTE_MS G_GINT64_CONSTANT (60000)

/* A temporary folder that removes itself, with everything in it. */
typedef struct
{
  char *dir;
} TmpDir;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static TmpDir *
tmp_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  TmpDir *f = g_new0 (TmpDir, 1);

  f->dir = g_dir_make_tmp ("test-demo-XXXXXX", &error);
  g_assert_no_error (error);
  return f;
}

static void
tmp_dir_free (TmpDir *f)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmpDir, tmp_dir_free)

static char *
db_path (TmpDir     *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static LbStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  LbStore *store = lb_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
options_for_test (LbDemoOptions *options,
                  guint32        seed,
                  int            days,
                  gint64         interval)
{
  lb_demo_options_init (options);
  options->seed = seed;
  options->anchor = ANCHOR;
  options->lag_days = days;
  options->lag_interval = interval;
}

static LbStore *
generate (const char *path,
          guint32     seed,
          int         days,
          gint64      interval)
{
  g_autoptr(GError) error = NULL;
  LbStore *store = open_store (path);
  LbDemoOptions options;

  options_for_test (&options, seed, days, interval);
  g_assert_true (lb_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);
  return store;
}

/* ---- reading the file with SQLite directly -------------------------------------------- */

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static double
query_double (sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  double value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Column expressions of @table for the comparison. Unless @exact, what the store takes
 * from the clock is left out: the audit log's time, the project timestamps (also inside
 * the audit rows' JSON). */
static char *
column_exprs (sqlite3    *db,
              const char *table,
              gboolean    exact)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
  sqlite3_stmt *stmt = NULL;
  GString *s = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (stmt, 0);

      if (!exact && g_str_equal (table, "audit_log") && g_str_equal (column, "at"))
        continue;
      if (!exact && g_str_equal (table, "project") &&
          (g_str_equal (column, "created_at") || g_str_equal (column, "updated_at")))
        continue;
      if (s->len > 0)
        g_string_append (s, " || '|' || ");
      if (!exact && g_str_equal (table, "audit_log") &&
          (g_str_equal (column, "after_json") || g_str_equal (column, "before_json")))
        g_string_append_printf (s, "quote(CASE WHEN entity = 'project' THEN json_remove(%s, '$.created_at', "
                                   "'$.updated_at') ELSE %s END)",
                                column, column);
      else
        g_string_append_printf (s, "quote(%s)", column);
    }
  sqlite3_finalize (stmt);
  return g_string_free (s, FALSE);
}

/* table name → SHA-256 of its rows, for every table in the file. */
static GHashTable *
dump (const char *path,
      gboolean    exact)
{
  sqlite3 *db = open_db (path);
  GHashTable *tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *list = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                       -1, &list, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (list) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (list, 0);
      g_autofree char *exprs = column_exprs (db, table, exact);
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY 1", exprs, table);
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      sqlite3_stmt *stmt = NULL;
      gint64 rows = 0;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_checksum_update (sum, sqlite3_column_text (stmt, 0), sqlite3_column_bytes (stmt, 0));
          g_checksum_update (sum, (const guchar *) "\n", 1);
          rows++;
        }
      sqlite3_finalize (stmt);
      g_hash_table_insert (tables, g_strdup (table),
                           g_strdup_printf ("%s:%" G_GINT64_FORMAT, g_checksum_get_string (sum), rows));
    }
  sqlite3_finalize (list);
  sqlite3_close (db);
  return tables;
}

/* Number of tables whose dumps differ; each is named in the test log. */
static guint
count_differences (GHashTable *a,
                   GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;
  guint differences = 0;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      {
        g_test_message ("table %s differs", (const char *) key);
        differences++;
      }
  return differences;
}

/* ---- tests ---------------------------------------------------------------------------- */

static void
test_deterministic (void)
{
  g_autoptr(TmpDir) f = tmp_dir_new ();
  g_autofree char *path_a = db_path (f, "a.db");
  g_autofree char *path_b = db_path (f, "b.db");
  g_autofree char *path_c = db_path (f, "c.db");
  g_autoptr(LbStore) a = generate (path_a, 42, 1, 5000);
  g_autoptr(LbStore) b = generate (path_b, 42, 1, 5000);
  g_autoptr(LbStore) c = generate (path_c, 43, 1, 5000);
  g_autoptr(GHashTable) dump_a = dump (path_a, FALSE);
  g_autoptr(GHashTable) dump_b = dump (path_b, FALSE);
  g_autoptr(GHashTable) dump_c = dump (path_c, FALSE);

  g_assert_cmpuint (g_hash_table_size (dump_a), >=, 20);
  g_assert_cmpuint (count_differences (dump_a, dump_b), ==, 0);
  /* Another seed: other samples, other identifiers in the evidence. */
  g_assert_cmpuint (count_differences (dump_a, dump_c), >, 0);
  g_assert_cmpstr (g_hash_table_lookup (dump_a, "lag_sample"), !=, g_hash_table_lookup (dump_c, "lag_sample"));
  g_assert_cmpstr (g_hash_table_lookup (dump_a, "evidence"), !=, g_hash_table_lookup (dump_c, "evidence"));
  /* The records people read are the same portfolio. */
  g_assert_cmpstr (g_hash_table_lookup (dump_a, "rehearsal"), ==, g_hash_table_lookup (dump_c, "rehearsal"));
}

static void
test_coverage (void)
{
  g_autoptr(TmpDir) f = tmp_dir_new ();
  g_autofree char *path = db_path (f, "demo.db");
  g_autoptr(LbStore) store = generate (path, 7, 1, 5000);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  int ready = 0, not_ready = 0;

  for (guint k = 0; lb_record_kinds[k] != NULL; k++)
    {
      const LbRecordKind *kind = lb_record_kinds[k];
      gint64 count = lb_store_count (store, kind, NULL, 0, &error);

      g_assert_no_error (error);
      g_test_message ("%s: %" G_GINT64_FORMAT, kind->table, count);
      /* domain.md quotes no prices, so the demo caches none. */
      if (kind != &lb_price_cache_kind)
        g_assert_cmpint (count, >, 0);
    }
  g_assert_cmpint (lb_store_count (store, &lb_project_kind, NULL, 0, NULL), >=, 8);
  g_assert_cmpint (lb_store_count (store, &lb_wave_kind, NULL, 0, NULL), ==, 3);

  g_assert_true (lb_store_check (store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);

  db = open_db (path);
  /* Every project with samples has both rollups; planning and seeding ones have none. */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT project_id) FROM lag_sample"), >=, 5);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM (SELECT DISTINCT project_id FROM lag_sample) s"
                                  " WHERE NOT EXISTS (SELECT 1 FROM lag_rollup_minute m WHERE m.project_id = s.project_id)"
                                  "    OR NOT EXISTS (SELECT 1 FROM lag_rollup_hour h WHERE h.project_id = s.project_id)"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM lag_sample s JOIN project p ON p.id = s.project_id"
                                  " WHERE p.status IN ('planning', 'seeding')"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM lag_sample WHERE source != 'demo' OR sync_state IS NULL"
                                  " OR sync_health IS NULL OR lag_s IS NULL OR secondary_lag_s IS NULL"
                                  " OR log_send_queue_kb < 0 OR redo_queue_kb < 0 OR send_rate_bps <= 0"
                                  " OR redo_rate_bps <= 0"),
                   ==, 0);
  /* One day at 5 s: 17,280 samples per project that replicated all day. */
  g_assert_cmpint (query_int (db, "SELECT max(n) FROM (SELECT count(*) AS n FROM lag_sample GROUP BY project_id)"), ==,
                   17280);
  g_assert_cmpint (query_int (db, "SELECT max(t) FROM lag_sample"), ==, ANCHOR);

  /* Evidence of every kind but files, attached to each kind of record. */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT kind) FROM evidence"), ==, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM evidence WHERE step_id IS NOT NULL"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM evidence WHERE readiness_id IS NOT NULL"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM evidence WHERE risk_id IS NOT NULL"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM evidence WHERE approval_id IS NOT NULL"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM evidence WHERE kind IN ('az_cli_json', 'arm_json')"
                                  " AND (json_valid(CAST(content AS TEXT)) = 0 OR media_type != 'application/json')"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM design_baseline WHERE json_type(design_json) != 'object'"), ==, 0);

  /* Costs: both currencies, monthly items with months, one-off items without. */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT currency) FROM cost_item"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cost_item WHERE period = 'monthly' AND months IS NULL"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cost_item WHERE period = 'one_off'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT category) FROM cost_item"), >=, 7);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cost_item c WHERE NOT EXISTS"
                                  " (SELECT 1 FROM cost_tag t WHERE t.cost_item_id = c.id AND t.key = 'cost-center')"),
                   ==, 0);

  /* Readiness: the five controls everywhere; some projects production-ready, some not. */
  projects = lb_store_list (store, &lb_project_kind, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < projects->len; i++)
    {
      LbProject *project = projects->pdata[i];
      g_autoptr(GPtrArray) items = lb_store_list (store, &lb_readiness_item_kind, "project_id", project->id, &error);
      int controls = 0, clear = 0, prerequisites = 0;

      g_assert_no_error (error);
      for (guint j = 0; j < items->len; j++)
        {
          LbReadinessItem *item = items->pdata[j];

          if (item->kind == LB_READINESS_CONTROL)
            {
              g_assert_cmpint (item->control, !=, LB_UNSET_ENUM);
              controls++;
              clear += item->status == LB_READINESS_CLEAR;
            }
          else
            {
              g_assert_cmpint (item->control, ==, LB_UNSET_ENUM);
              prerequisites++;
            }
        }
      g_assert_cmpint (controls, ==, 5);
      g_assert_cmpint (prerequisites, >=, 8);
      if (clear == 5)
        ready++;
      else
        not_ready++;
    }
  g_assert_cmpint (ready, >, 0);
  g_assert_cmpint (not_ready, >, 0);

  /* The three case studies. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM project WHERE"
                                  " (name LIKE 'Luma Manufacturing%Plant ERP' AND scenario = 'migration')"
                                  " OR (name LIKE 'Parkview Insurance%Actuarial Reporting' AND scenario = 'reporting_offload')"
                                  " OR (name LIKE 'HelioGrid Energy%Grid Ops DR' AND scenario = 'disaster_recovery'"
                                  "     AND status = 'dr_standby' AND source_version LIKE 'SQL Server 2022%')"),
                   ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM risk r JOIN project p ON p.id = r.project_id"
                                  " WHERE p.name LIKE 'HelioGrid%Grid Ops DR' AND r.title LIKE '%forced failover%'"
                                  " COLLATE NOCASE AND r.impact = 5 AND r.mitigation_accepted = 1"),
                   ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM rehearsal r JOIN project p ON p.id = r.project_id"
                                  " WHERE p.name LIKE 'HelioGrid%Grid Ops DR' AND r.outcome = 'success'"
                                  " AND r.data_loss = 0 AND r.measured_downtime_min < 120"),
                   >=, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM evidence e JOIN project p ON p.id = e.project_id"
                                  " WHERE p.name LIKE 'Parkview%Actuarial%' AND CAST(e.content AS TEXT) LIKE '%before%after%'"),
                   >=, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM risk r JOIN project p ON p.id = r.project_id"
                                  " WHERE p.name LIKE 'Parkview%Actuarial%' AND r.title LIKE '%renewal%'"),
                   ==, 1);
  /* Statuses across the portfolio. */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT status) FROM project"), >=, 7);
  sqlite3_close (db);
}

static void
test_refuses_non_empty (void)
{
  g_autoptr(TmpDir) f = tmp_dir_new ();
  g_autofree char *path = db_path (f, "mine.db");
  g_autoptr(LbStore) store = open_store (path);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);
  LbDemoOptions options;

  project->name = g_strdup ("My own database");
  g_assert_true (lb_store_insert (store, project, &error));
  g_assert_no_error (error);
  lb_record_free (project);

  before = dump (path, TRUE);
  options_for_test (&options, 1, 1, 5000);
  g_assert_false (lb_demo_generate (store, &options, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "empty"));
  after = dump (path, TRUE);
  g_assert_cmpuint (count_differences (before, after), ==, 0);
  g_assert_cmpint (lb_store_count (store, &lb_project_kind, NULL, 0, NULL), ==, 1);
}

static void
test_refuses_other_records (void)
{
  g_autoptr(TmpDir) f = tmp_dir_new ();
  g_autofree char *path = db_path (f, "waves.db");
  g_autoptr(LbStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  LbWave *wave = lb_record_new (&lb_wave_kind);
  LbDemoOptions options;

  wave->name = g_strdup ("Wave 1 — Pilot");
  g_assert_true (lb_store_insert (store, wave, &error));
  lb_record_free (wave);

  options_for_test (&options, 1, 1, 5000);
  g_assert_false (lb_demo_generate (store, &options, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  g_assert_cmpint (lb_store_count (store, &lb_wave_kind, NULL, 0, NULL), ==, 1);
  g_assert_cmpint (lb_store_count (store, &lb_project_kind, NULL, 0, NULL), ==, 0);
}

static void
test_bad_options (void)
{
  g_autoptr(TmpDir) f = tmp_dir_new ();
  g_autofree char *path = db_path (f, "options.db");
  g_autoptr(LbStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  LbDemoOptions options;

  options_for_test (&options, 1, 1, 10);
  g_assert_false (lb_demo_generate (store, &options, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  g_clear_error (&error);
  options_for_test (&options, 1, -1, 5000);
  g_assert_false (lb_demo_generate (store, &options, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  g_assert_cmpint (lb_store_count (store, &lb_project_kind, NULL, 0, NULL), ==, 0);
}

static void
cancel_half_way (double   fraction,
                 gpointer user_data)
{
  if (fraction >= 0.5)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(TmpDir) f = tmp_dir_new ();
  g_autofree char *path = db_path (f, "cancel.db");
  g_autoptr(LbStore) store = open_store (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  LbDemoOptions options;
  sqlite3 *db;

  /* Cancelled half-way through the lag history: nothing stays. */
  options_for_test (&options, 1, 1, 5000);
  options.progress = cancel_half_way;
  options.progress_data = cancellable;
  g_assert_false (lb_demo_generate (store, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  for (guint k = 0; lb_record_kinds[k] != NULL; k++)
    if (lb_record_kinds[k] != &lb_audit_entry_kind)
      g_assert_cmpint (lb_store_count (store, lb_record_kinds[k], NULL, 0, NULL), ==, 0);
  db = open_db (path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM lag_sample"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM lag_rollup_minute"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM lag_gap"), ==, 0);
  sqlite3_close (db);

  /* An empty database again: the demo can be written now. */
  g_clear_error (&error);
  options_for_test (&options, 1, 0, 5000);
  g_assert_true (lb_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);
}

static LbProject *
find_project (LbStore    *store,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_store_find (store, &lb_project_kind, "name", name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static void
test_erp (void)
{
  g_autoptr(TmpDir) f = tmp_dir_new ();
  g_autofree char *path = db_path (f, "erp.db");
  g_autoptr(LbStore) store = generate (path, 3, 0, 5000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rehearsals = NULL;
  g_autoptr(GPtrArray) tests = NULL;
  g_autoptr(GPtrArray) approvals = NULL;
  LbProject *erp = find_project (store, "Luma Manufacturing — Plant ERP");
  LbRehearsal *final = NULL;
  LbRehearsal *first = NULL;
  int drills = 0;
  int go = 0;

  g_assert_cmpint (erp->scenario, ==, LB_SCENARIO_MIGRATION);
  g_assert_cmpint (erp->downtime_target_min, ==, 120);
  g_assert_cmpint (erp->status, ==, LB_STATUS_READY);
  g_assert_cmpint (erp->target_tier, ==, LB_TIER_BUSINESS_CRITICAL);
  g_assert_cmpint (erp->target_vcores, ==, 16);
  g_assert_cmpint (erp->planned_cutover, >, ANCHOR);

  rehearsals = lb_store_list (store, &lb_rehearsal_kind, "project_id", erp->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rehearsals->len; i++)
    {
      LbRehearsal *r = rehearsals->pdata[i];

      if (r->kind == LB_REHEARSAL_PLANNED_FAILOVER)
        drills++;
      else if (r->kind == LB_REHEARSAL_CUTOVER && first == NULL)
        first = r;
      else if (r->kind == LB_REHEARSAL_CUTOVER)
        final = r;
    }
  g_assert_cmpint (drills, ==, 1);
  g_assert_nonnull (first);
  g_assert_nonnull (final);
  g_assert_cmpfloat (final->measured_downtime_min, ==, 73);
  g_assert_cmpfloat (first->measured_downtime_min, >=, 90);
  g_assert_cmpfloat (first->measured_downtime_min, <=, 100);
  for (LbRehearsal **r = (LbRehearsal *[]) { first, final, NULL }; *r != NULL; r++)
    {
      g_autoptr(GPtrArray) steps = lb_store_list (store, &lb_rehearsal_step_kind, "rehearsal_id", (*r)->id, &error);
      gint64 t = (*r)->started_at;

      g_assert_no_error (error);
      g_assert_cmpint ((*r)->outcome, ==, LB_OUTCOME_SUCCESS);
      g_assert_false ((*r)->data_loss);
      g_assert_cmpint ((*r)->downtime_target_min, ==, 120);
      g_assert_cmpfloat ((*r)->lag_at_start_s, <, erp->lag_threshold_s);
      g_assert_cmpint ((*r)->started_at, <, ANCHOR);
      g_assert_cmpint (steps->len, >=, 7);
      /* Steps run back to back from the start to the end of the rehearsal. */
      for (guint s = 0; s < steps->len; s++)
        {
          LbRehearsalStep *step = steps->pdata[s];

          g_assert_cmpint (step->outcome, ==, LB_STEP_DONE);
          g_assert_cmpint (step->started_at, ==, t);
          g_assert_cmpint (step->ended_at, >, step->started_at);
          t = step->ended_at;
        }
      g_assert_cmpint (t, ==, (*r)->ended_at);
    }
  g_assert_cmpint (first->ended_at, <, final->started_at);

  /* Capacity: GP 8 vCores fails on the log rate (p95 41 > 4.5 × 8), the fixed design passes. */
  tests = lb_store_list (store, &lb_capacity_test_kind, "project_id", erp->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tests->len, ==, 2);
  {
    LbCapacityTest *failed = tests->pdata[0];
    LbCapacityTest *passed = tests->pdata[1];

    g_assert_cmpint (failed->verdict, ==, LB_VERDICT_FAIL);
    g_assert_cmpint (failed->target_tier, ==, LB_TIER_GENERAL_PURPOSE);
    g_assert_cmpint (failed->target_vcores, ==, 8);
    g_assert_cmpfloat (failed->log_gen_p95_mibps, ==, 41);
    g_assert_cmpfloat (failed->log_gen_p95_mibps, >, 4.5 * 8);
    g_assert_nonnull (strstr (failed->findings, "log generation p95 41 MiB/s exceeds GP 8-vCore cap 36 MiB/s"));
    g_assert_nonnull (failed->fix);
    g_assert_cmpint (passed->verdict, ==, LB_VERDICT_PASS);
    g_assert_cmpint (passed->tested_at, >, failed->tested_at);
    g_assert_true (passed->target_tier != LB_TIER_GENERAL_PURPOSE || passed->target_vcores > 8);
    g_assert_cmpint (passed->tested_at, <, first->started_at);
  }

  /* Executives approve after the two successful rehearsals. */
  approvals = lb_store_list (store, &lb_approval_kind, "project_id", erp->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < approvals->len; i++)
    {
      LbApproval *a = approvals->pdata[i];

      if (a->subject != LB_SUBJECT_GO_NO_GO)
        continue;
      g_assert_cmpint (a->decision, ==, LB_DECISION_APPROVED);
      g_assert_cmpint (a->decided_at, >, final->ended_at);
      g_assert_cmpint (a->decided_at, <, ANCHOR);
      go++;
    }
  g_assert_cmpint (go, >=, 1);
  lb_record_free (erp);
}

/* A week of history at one sample a minute: the rehearsals and outages show in the lag. */
static void
test_lag_shape (void)
{
  g_autoptr(TmpDir) f = tmp_dir_new ();
  g_autofree char *path = db_path (f, "lag.db");
  g_autoptr(LbStore) store = generate (path, 11, 7, 60000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rehearsals = NULL;
  g_autoptr(GPtrArray) all = NULL;
  LbProject *erp = find_project (store, "Luma Manufacturing — Plant ERP");
  LbProject *mes = find_project (store, "Luma Manufacturing — MES Quality");
  LbProject *grid = find_project (store, "HelioGrid Energy — Grid Ops DR");
  sqlite3 *db = open_db (path);
  g_autofree char *sql = NULL;
  int checked = 0;

  /* Each rehearsal inside the history starts at the lag it records, and the link is
   * synchronous from the switch to synchronous commit until the rehearsal ends. */
  all = lb_store_list (store, &lb_rehearsal_kind, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      LbRehearsal *r = all->pdata[i];
      g_autoptr(GPtrArray) steps = NULL;
      gint64 sync_at = 0;
      double lag;

      if (r->outcome == LB_OUTCOME_PLANNED || r->started_at < ANCHOR - 7 * 24 * 60 * MINUTE_MS ||
          g_str_has_suffix (r->title, "staging copy"))
        continue;
      g_free (sql);
      sql = g_strdup_printf ("SELECT lag_s FROM lag_sample WHERE project_id = %" G_GINT64_FORMAT " AND t >= %"
                             G_GINT64_FORMAT " ORDER BY t LIMIT 1", r->project_id, r->started_at);
      lag = query_double (db, sql);
      g_test_message ("%s: lag at start %g, recorded %g", r->title, lag, r->lag_at_start_s);
      g_assert_cmpfloat (lag, ==, r->lag_at_start_s);

      steps = lb_store_list (store, &lb_rehearsal_step_kind, "rehearsal_id", r->id, &error);
      g_assert_no_error (error);
      for (guint s = 0; s < steps->len; s++)
        if (g_str_has_prefix (((LbRehearsalStep *) steps->pdata[s])->name, "Switch the link to synchronous"))
          sync_at = ((LbRehearsalStep *) steps->pdata[s])->started_at;
      g_assert_cmpint (sync_at, >, r->started_at);
      g_free (sql);
      sql = g_strdup_printf ("SELECT count(*) FROM lag_sample WHERE project_id = %" G_GINT64_FORMAT
                             " AND t >= %" G_GINT64_FORMAT " AND t < %" G_GINT64_FORMAT
                             " AND (sync_state != 'synchronized' OR lag_s > 1)",
                             r->project_id, sync_at, r->ended_at);
      g_assert_cmpint (query_int (db, sql), ==, 0);
      g_free (sql);
      sql = g_strdup_printf ("SELECT count(*) FROM lag_sample WHERE project_id = %" G_GINT64_FORMAT
                             " AND t >= %" G_GINT64_FORMAT " AND t < %" G_GINT64_FORMAT,
                             r->project_id, sync_at, r->ended_at);
      g_assert_cmpint (query_int (db, sql), >, 0);
      checked++;
    }
  g_assert_cmpint (checked, >=, 3);

  /* The ERP's lag stayed inside the approved threshold, with nightly peaks above 5 s. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT max(lag_s) FROM lag_sample WHERE project_id = %" G_GINT64_FORMAT, erp->id);
  g_assert_cmpfloat (query_double (db, sql), <, erp->lag_threshold_s);
  g_assert_cmpfloat (query_double (db, sql), >, 5);

  /* Other links spike above their thresholds at night and otherwise idle around a second. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM (SELECT s.project_id FROM lag_sample s"
                                  " JOIN project p ON p.id = s.project_id GROUP BY s.project_id"
                                  " HAVING max(s.lag_s) > max(p.lag_threshold_s))"),
                   >=, 2);
  g_assert_cmpfloat (query_double (db, "SELECT lag_s FROM lag_sample ORDER BY lag_s"
                                       " LIMIT 1 OFFSET (SELECT count(*) / 2 FROM lag_sample)"),
                     <, 2.5);

  /* The Grid Ops outage: a gap of about 25 minutes, then a surge that drains. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM lag_gap WHERE project_id = %" G_GINT64_FORMAT
                         " AND end_t - start_t BETWEEN 25 * 60000 AND 27 * 60000", grid->id);
  g_assert_cmpint (query_int (db, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT max(s.lag_s) FROM lag_sample s JOIN lag_gap g ON g.project_id = s.project_id"
                         " WHERE s.project_id = %" G_GINT64_FORMAT " AND s.t BETWEEN g.end_t AND g.end_t + 600000",
                         grid->id);
  g_assert_cmpfloat (query_double (db, sql), >, 1000);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM lag_sample WHERE sync_state = 'not_synchronizing'"
                                  " AND sync_health = 'not_healthy'"),
                   >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM lag_sample WHERE sync_state = 'synchronizing'"
                                  " AND sync_health != 'healthy'"),
                   ==, 0);

  /* The MES link was removed at its cutover: no samples after the failover. */
  rehearsals = lb_store_list (store, &lb_rehearsal_kind, "project_id", mes->id, &error);
  g_assert_no_error (error);
  {
    LbRehearsal *cutover = rehearsals->pdata[rehearsals->len - 1];

    g_assert_cmpstr (cutover->title, ==, "Production cutover");
    g_free (sql);
    sql = g_strdup_printf ("SELECT max(t) FROM lag_sample WHERE project_id = %" G_GINT64_FORMAT, mes->id);
    g_assert_cmpint (query_int (db, sql), >, cutover->started_at);
    g_assert_cmpint (query_int (db, sql), <, cutover->ended_at);
  }

  sqlite3_close (db);
  lb_record_free (erp);
  lb_record_free (mes);
  lb_record_free (grid);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/demo/deterministic", test_deterministic);
  g_test_add_func ("/lb/demo/coverage", test_coverage);
  g_test_add_func ("/lb/demo/refuses-non-empty", test_refuses_non_empty);
  g_test_add_func ("/lb/demo/refuses-other-records", test_refuses_other_records);
  g_test_add_func ("/lb/demo/bad-options", test_bad_options);
  g_test_add_func ("/lb/demo/cancel", test_cancel);
  g_test_add_func ("/lb/demo/erp", test_erp);
  g_test_add_func ("/lb/demo/lag-shape", test_lag_shape);

  return g_test_run ();
}
