/* test-store.c: the SQLite store — schema, migrations, CRUD of every kind, validation,
 * audit log, refusal of foreign and newer files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "lb-core.h"
#include "lb-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  LbStore *store;
  gint64   project_id;
  gint64   rehearsal_id;
  gint64   cost_item_id;
} Fixture;

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

static gint64
add_project (LbStore    *store,
             const char *name)
{
  LbProject *project = lb_record_new (&lb_project_kind);

  project->name = g_strdup (name);
  return insert_or_die (store, project);
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbRehearsal *rehearsal;
  LbCostItem *cost;

  fixture->dir = lb_test_tmpdir_new ();
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = lb_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->project_id = add_project (fixture->store, "Parent project");
  rehearsal = lb_record_new (&lb_rehearsal_kind);
  rehearsal->project_id = fixture->project_id;
  rehearsal->title = g_strdup ("Parent rehearsal");
  rehearsal->started_at = 1000;
  fixture->rehearsal_id = insert_or_die (fixture->store, rehearsal);
  cost = lb_record_new (&lb_cost_item_kind);
  cost->project_id = fixture->project_id;
  cost->description = g_strdup ("Parent cost");
  cost->amount = 100;
  fixture->cost_item_id = insert_or_die (fixture->store, cost);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_assert_finalize_object (fixture->store);
  g_free (fixture->path);
  lb_test_tmpdir_free (fixture->dir);
}

/* The smallest valid record of each kind, with one text field to change in the update test. */
static gpointer
make_valid (Fixture            *fixture,
            const LbRecordKind *kind,
            const char        **editable)
{
  gpointer record = lb_record_new (kind);
  const LbFieldInfo *parent = lb_record_kind_parent_field (kind);
  static int counter;
  g_autofree char *unique = g_strdup_printf ("item %d", ++counter);

  if (parent != NULL)
    {
      if (parent->ref_kind == &lb_rehearsal_kind)
        lb_record_set_int (parent, record, fixture->rehearsal_id);
      else if (parent->ref_kind == &lb_cost_item_kind)
        lb_record_set_int (parent, record, fixture->cost_item_id);
      else
        lb_record_set_int (parent, record, fixture->project_id);
    }

  /* Every required field without a default gets a plausible value. */
  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];

      if (!(field->flags & LB_FIELD_REQUIRED) || lb_record_field_is_set (field, record))
        continue;
      switch (field->type)
        {
        case LB_FIELD_TEXT:
          lb_record_set_text (field, record,
                             g_str_equal (field->name, "design_json") || g_str_equal (field->name, "result_json")
                               ? "{\"a\": 1}"
                               : unique);
          break;
        case LB_FIELD_INT:
          lb_record_set_int (field, record, field->flags & LB_FIELD_HAS_RANGE ? (gint64) field->min : 1);
          break;
        case LB_FIELD_MONEY:
          lb_record_set_int (field, record, 4200);
          break;
        case LB_FIELD_TIME:
          lb_record_set_int (field, record, G_GINT64_CONSTANT (1795957500000));
          break;
        case LB_FIELD_ENUM:
          lb_record_set_int (field, record, 0);
          break;
        case LB_FIELD_BLOB:
          {
            g_autoptr(GBytes) bytes = g_bytes_new_static ("SELECT 1", 8);

            lb_record_set_blob (field, record, bytes);
            break;
          }
        case LB_FIELD_REAL:
        case LB_FIELD_BOOL:
        case LB_FIELD_REF:
        default:
          g_assert_not_reached ();
        }
    }
  if (kind == &lb_readiness_item_kind)
    {
      ((LbReadinessItem *) record)->kind = LB_READINESS_CONTROL;
      ((LbReadinessItem *) record)->control = counter % 5;
    }

  *editable = NULL;
  for (int i = 0; i < kind->n_fields && *editable == NULL; i++)
    if (kind->fields[i].type == LB_FIELD_TEXT && !(kind->fields[i].flags & LB_FIELD_COMPUTED) &&
        !g_str_equal (kind->fields[i].name, "design_json") && !g_str_equal (kind->fields[i].name, "currency"))
      *editable = kind->fields[i].name;
  return record;
}

static void
test_schema_matches_kinds (Fixture      *fixture,
                           gconstpointer data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (lb_store_get_schema_version (fixture->store), ==, LB_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  /* Every field of every kind is a column of its table, and nothing else is. */
  for (guint k = 0; lb_record_kinds[k] != NULL; k++)
    {
      const LbRecordKind *kind = lb_record_kinds[k];
      g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s') ORDER BY cid", kind->table);
      sqlite3_stmt *stmt = NULL;
      int columns = 0;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);

          if (!g_str_equal (name, "id") && lb_record_kind_find_field (kind, name) == NULL)
            g_error ("%s.%s has no field in the record kind", kind->table, name);
          columns++;
        }
      sqlite3_finalize (stmt);
      g_assert_cmpint (columns, ==, kind->n_fields + 1);
    }
  sqlite3_close (db);
}

static void
test_pragmas_and_mode (Fixture      *fixture,
                       gconstpointer data)
{
  struct stat st;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_crud_every_kind (Fixture      *fixture,
                      gconstpointer data)
{
  for (guint k = 0; lb_record_kinds[k] != NULL; k++)
    {
      const LbRecordKind *kind = lb_record_kinds[k];
      const LbFieldInfo *parent = lb_record_kind_parent_field (kind);
      const char *editable = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) written = NULL;
      g_autoptr(JsonNode) read = NULL;
      g_autoptr(GPtrArray) list = NULL;
      gpointer record = make_valid (fixture, kind, &editable);
      gpointer loaded;
      gint64 count_before = lb_store_count (fixture->store, kind, NULL, 0, &error);
      gint64 id;

      g_test_message ("kind %s", kind->table);
      g_assert_no_error (error);

      /* Create */
      lb_store_insert (fixture->store, record, &error);
      g_assert_no_error (error);
      id = LB_RECORD_ID (record);
      g_assert_cmpint (id, >, 0);
      g_assert_cmpint (lb_store_count (fixture->store, kind, NULL, 0, NULL), ==, count_before + 1);

      /* Read: what comes back is what was written */
      loaded = lb_store_get (fixture->store, kind, id, &error);
      g_assert_no_error (error);
      written = lb_record_to_json (record);
      read = lb_record_to_json (loaded);
      g_assert_true (json_node_equal (written, read));
      lb_record_free (loaded);

      if (parent != NULL)
        {
          list = lb_store_list (fixture->store, kind, parent->name, lb_record_get_int (parent, record), &error);
          g_assert_no_error (error);
          g_assert_cmpuint (list->len, >=, 1);
        }

      /* Update */
      g_assert_nonnull (editable);
      lb_record_set_text (lb_record_kind_find_field (kind, editable), record, "changed by the test");
      g_assert_true (lb_store_update (fixture->store, record, &error));
      g_assert_no_error (error);
      loaded = lb_store_get (fixture->store, kind, id, &error);
      g_assert_cmpstr (lb_record_get_text (lb_record_kind_find_field (kind, editable), loaded), ==,
                       "changed by the test");
      lb_record_free (loaded);

      /* Delete */
      g_assert_true (lb_store_delete (fixture->store, kind, id, &error));
      g_assert_no_error (error);
      g_assert_null (lb_store_get (fixture->store, kind, id, &error));
      g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
      g_clear_error (&error);
      g_assert_false (lb_store_delete (fixture->store, kind, id, &error));
      g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);

      lb_record_free (record);
    }
}

static gint64
count_rows (Fixture    *fixture,
            const char *table)
{
  const LbRecordKind *kind = lb_record_kind_lookup (table);

  return lb_store_count (fixture->store, kind, NULL, 0, NULL);
}

/* Refused with the field named and nothing written — not even an audit row. */
static void
assert_refused (Fixture    *fixture,
                gpointer    record,
                const char *field)
{
  const LbRecordKind *kind = lb_record_get_kind (record);
  g_autoptr(GError) error = NULL;
  gint64 rows = count_rows (fixture, kind->table);
  gint64 audits = count_rows (fixture, "audit_log");

  g_assert_false (lb_store_insert (fixture->store, record, &error));
  g_assert_error (error, LB_VALIDATION_ERROR, error->code);
  g_assert_cmpstr (lb_validation_error_get_field (error), ==, field);
  g_assert_cmpint (LB_RECORD_ID (record), ==, 0);
  g_assert_cmpint (count_rows (fixture, kind->table), ==, rows);
  g_assert_cmpint (count_rows (fixture, "audit_log"), ==, audits);
}

static void
test_validation_refusals (Fixture      *fixture,
                          gconstpointer data)
{
  LbProject *project = lb_record_new (&lb_project_kind);
  LbRisk *risk = lb_record_new (&lb_risk_kind);
  LbRehearsal *rehearsal = lb_record_new (&lb_rehearsal_kind);
  LbRehearsalStep *step = lb_record_new (&lb_rehearsal_step_kind);
  LbWave *wave = lb_record_new (&lb_wave_kind);
  LbCapacityTest *capacity = lb_record_new (&lb_capacity_test_kind);

  /* Empty and duplicate project names (case-insensitive) */
  assert_refused (fixture, project, "name");
  project->name = g_strdup ("PARENT PROJECT");
  assert_refused (fixture, project, "name");
  g_free (project->name);
  project->name = g_strdup ("Second project");
  project->wave_id = 999;
  assert_refused (fixture, project, "wave_id");

  /* Likelihood/impact outside 1–5; unknown enum */
  risk->project_id = fixture->project_id;
  risk->title = g_strdup ("Certificate expiry");
  risk->impact = 6;
  assert_refused (fixture, risk, "impact");
  risk->impact = 3;
  risk->likelihood = 0;
  assert_refused (fixture, risk, "likelihood");
  risk->likelihood = 2;
  risk->status = 17;
  assert_refused (fixture, risk, "status");
  risk->status = LB_RISK_OPEN;
  risk->project_id = 12345;
  assert_refused (fixture, risk, "project_id");

  /* End before start, negative durations */
  rehearsal->project_id = fixture->project_id;
  rehearsal->title = g_strdup ("Cutover rehearsal");
  rehearsal->started_at = 5000;
  rehearsal->ended_at = 4000;
  assert_refused (fixture, rehearsal, "ended_at");
  rehearsal->ended_at = 6000;
  rehearsal->measured_downtime_min = -1;
  assert_refused (fixture, rehearsal, "measured_downtime_min");
  step->rehearsal_id = fixture->rehearsal_id;
  step->name = g_strdup ("Fail over");
  step->started_at = 10;
  step->ended_at = 5;
  assert_refused (fixture, step, "ended_at");
  capacity->project_id = fixture->project_id;
  capacity->tested_at = 1;
  capacity->target_tier = LB_TIER_GENERAL_PURPOSE;
  capacity->target_vcores = 8;
  capacity->duration_min = -30;
  assert_refused (fixture, capacity, "duration_min");
  wave->name = g_strdup ("Wave X");
  wave->window_start = 100;
  wave->window_end = 50;
  assert_refused (fixture, wave, "window_end");

  lb_record_free (project);
  lb_record_free (risk);
  lb_record_free (rehearsal);
  lb_record_free (step);
  lb_record_free (wave);
  lb_record_free (capacity);
}

static void
test_update_refusal_keeps_row (Fixture      *fixture,
                               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_store_get (fixture->store, &lb_project_kind, fixture->project_id, &error);
  LbProject *again;

  add_project (fixture->store, "Other");
  g_free (project->name);
  project->name = g_strdup ("other");
  g_assert_false (lb_store_update (fixture->store, project, &error));
  g_assert_cmpstr (lb_validation_error_get_field (error), ==, "name");
  again = lb_store_get (fixture->store, &lb_project_kind, fixture->project_id, NULL);
  g_assert_cmpstr (again->name, ==, "Parent project");
  lb_record_free (again);
  lb_record_free (project);
}

static void
test_audit_log (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  LbWave *wave = lb_record_new (&lb_wave_kind);
  const LbAuditEntry *insert, *update, *delete;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  gint64 id;

  wave->name = g_strdup ("Wave 1 — Pilot");
  g_assert_true (lb_store_insert (fixture->store, wave, &error));
  id = wave->id;
  g_free (wave->name);
  wave->name = g_strdup ("Wave 1 — Pilot plants");
  g_assert_true (lb_store_update (fixture->store, wave, &error));
  g_assert_true (lb_store_delete (fixture->store, &lb_wave_kind, id, &error));
  g_assert_no_error (error);

  entries = lb_store_list (fixture->store, &lb_audit_entry_kind, "entity_id", id, &error);
  g_assert_no_error (error);
  /* The fixture's own rows have other ids or entities; keep the wave's. */
  for (guint i = entries->len; i > 0; i--)
    if (!g_str_equal (((LbAuditEntry *) entries->pdata[i - 1])->entity, "wave"))
      g_ptr_array_remove_index (entries, i - 1);
  g_assert_cmpuint (entries->len, ==, 3);
  insert = entries->pdata[0];
  update = entries->pdata[1];
  delete = entries->pdata[2];

  g_assert_cmpint (insert->action, ==, LB_ACTION_INSERT);
  g_assert_null (insert->before_json);
  g_assert_nonnull (strstr (insert->after_json, "Wave 1 — Pilot"));
  g_assert_cmpstr (insert->os_user, ==, g_get_user_name ());
  g_assert_cmpint (insert->at, >, 0);

  g_assert_cmpint (update->action, ==, LB_ACTION_UPDATE);
  before = json_from_string (update->before_json, &error);
  after = json_from_string (update->after_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (before), "name"), ==, "Wave 1 — Pilot");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (after), "name"), ==,
                   "Wave 1 — Pilot plants");

  g_assert_cmpint (delete->action, ==, LB_ACTION_DELETE);
  g_assert_nonnull (strstr (delete->before_json, "Wave 1 — Pilot plants"));
  g_assert_null (delete->after_json);
  lb_record_free (wave);
}

static void
test_cascade (Fixture      *fixture,
              gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  LbWave *wave = lb_record_new (&lb_wave_kind);
  LbProject *project;
  LbEvidence *evidence = lb_record_new (&lb_evidence_kind);
  LbRehearsalStep *step = lb_record_new (&lb_rehearsal_step_kind);
  g_autoptr(GBytes) content = g_bytes_new_static ("lag at 0 s", 10);
  g_autofree char *expected_sha = NULL;
  gint64 wave_id, step_id, evidence_id;

  wave->name = g_strdup ("Wave 2");
  wave_id = insert_or_die (fixture->store, wave);
  project = lb_store_get (fixture->store, &lb_project_kind, fixture->project_id, &error);
  project->wave_id = wave_id;
  g_assert_true (lb_store_update (fixture->store, project, &error));
  lb_record_free (project);

  step->rehearsal_id = fixture->rehearsal_id;
  step->name = g_strdup ("Verify LSNs");
  step_id = insert_or_die (fixture->store, step);
  evidence->project_id = fixture->project_id;
  evidence->step_id = step_id;
  evidence->title = g_strdup ("LSN comparison");
  evidence->captured_at = 1;
  evidence->content = g_bytes_ref (content);
  g_assert_true (lb_store_insert (fixture->store, evidence, &error));
  g_assert_no_error (error);
  evidence_id = evidence->id;
  /* Computed by the store */
  g_assert_cmpint (evidence->size_bytes, ==, 10);
  expected_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  g_assert_cmpstr (evidence->sha256, ==, expected_sha);
  lb_record_free (evidence);

  /* Deleting a wave keeps its projects, unassigned. */
  g_assert_true (lb_store_delete (fixture->store, &lb_wave_kind, wave_id, &error));
  project = lb_store_get (fixture->store, &lb_project_kind, fixture->project_id, &error);
  g_assert_cmpint (project->wave_id, ==, 0);
  lb_record_free (project);

  /* Deleting a step keeps its evidence, detached. */
  g_assert_true (lb_store_delete (fixture->store, &lb_rehearsal_step_kind, step_id, &error));
  evidence = lb_store_get (fixture->store, &lb_evidence_kind, evidence_id, &error);
  g_assert_cmpint (evidence->step_id, ==, 0);
  lb_record_free (evidence);

  /* Deleting a project removes everything that belongs to it. */
  g_assert_true (lb_store_delete (fixture->store, &lb_project_kind, fixture->project_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "rehearsal"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "evidence"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "cost_item"), ==, 0);
  g_assert_true (lb_store_check (fixture->store, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
on_changed (LbStore    *store,
            const char *entity,
            gint64      id,
            GString    *log)
{
  g_string_append_printf (log, "%s:%" G_GINT64_FORMAT ";", entity, id);
}

static void
test_changed_signal (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  LbWave *wave = lb_record_new (&lb_wave_kind);
  g_autofree char *expected = NULL;

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), log);
  wave->name = g_strdup ("");
  g_assert_false (lb_store_insert (fixture->store, wave, NULL));
  g_assert_cmpstr (log->str, ==, "");
  g_free (wave->name);
  wave->name = g_strdup ("Wave 3");
  g_assert_true (lb_store_insert (fixture->store, wave, &error));
  g_assert_true (lb_store_delete (fixture->store, &lb_wave_kind, wave->id, &error));
  expected = g_strdup_printf ("wave:%" G_GINT64_FORMAT ";wave:%" G_GINT64_FORMAT ";", wave->id, wave->id);
  g_assert_cmpstr (log->str, ==, expected);
  g_signal_handlers_disconnect_by_func (fixture->store, on_changed, log);
  lb_record_free (wave);
}

static void
test_unique_within_parent (Fixture      *fixture,
                           gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbCostItem *other = lb_record_new (&lb_cost_item_kind);
  LbCostTag *tag = lb_record_new (&lb_cost_tag_kind);
  LbCostTag *same_key = NULL;
  gint64 other_id;

  other->project_id = fixture->project_id;
  other->description = g_strdup ("Storage");
  other->amount = 1;
  other_id = insert_or_die (fixture->store, other);

  tag->cost_item_id = fixture->cost_item_id;
  tag->key = g_strdup ("cost-center");
  tag->value = g_strdup ("CC-100");
  g_assert_true (lb_store_insert (fixture->store, tag, &error));
  g_assert_no_error (error);

  same_key = lb_record_copy (tag);
  same_key->id = 0;
  g_free (same_key->key);
  same_key->key = g_strdup ("Cost-Center");
  assert_refused (fixture, same_key, "key");
  /* The same key on another cost item is fine. */
  same_key->cost_item_id = other_id;
  g_assert_true (lb_store_insert (fixture->store, same_key, &error));
  g_assert_no_error (error);

  lb_record_free (tag);
  lb_record_free (same_key);
}

static void
test_transaction (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 waves = count_rows (fixture, "wave");
  LbWave *bad = lb_record_new (&lb_wave_kind);

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), log);

  /* Rolled back: nothing stays, not even the writes that succeeded, and no signal. */
  g_assert_true (lb_store_begin_transaction (fixture->store, &error));
  add_project (fixture->store, "Inside 1");
  add_project (fixture->store, "Inside 2");
  lb_store_rollback_transaction (fixture->store);
  g_assert_null (lb_store_find (fixture->store, &lb_project_kind, "name", "Inside 1", NULL));
  g_assert_cmpstr (log->str, ==, "");

  /* Committed, with a refused write in the middle that undoes only itself. */
  g_assert_true (lb_store_begin_transaction (fixture->store, &error));
  g_assert_true (lb_store_begin_transaction (fixture->store, &error)); /* nests */
  add_project (fixture->store, "Inside 3");
  bad->name = g_strdup ("");
  g_assert_false (lb_store_insert (fixture->store, bad, NULL));
  g_free (bad->name);
  bad->name = g_strdup ("Wave in a transaction");
  bad->window_start = 10;
  bad->window_end = 5;
  g_assert_false (lb_store_insert (fixture->store, bad, NULL));
  add_project (fixture->store, "Inside 4");
  g_assert_true (lb_store_commit_transaction (fixture->store, &error));
  g_assert_cmpstr (log->str, ==, "");
  g_assert_true (lb_store_commit_transaction (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log->str, ==, "*:0;");

  lb_record_free (lb_store_find (fixture->store, &lb_project_kind, "name", "Inside 3", &error));
  lb_record_free (lb_store_find (fixture->store, &lb_project_kind, "name", "Inside 4", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "wave"), ==, waves);
  g_signal_handlers_disconnect_by_func (fixture->store, on_changed, log);
  lb_record_free (bad);
}

static void
test_list_for_project (Fixture      *fixture,
                       gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) costs = lb_store_list_for_project (fixture->store, &lb_cost_item_kind, fixture->project_id,
                                                          &error);
  GPtrArray *none;

  g_assert_no_error (error);
  g_assert_cmpuint (costs->len, ==, 1);
  none = lb_store_list_for_project (fixture->store, &lb_cost_item_kind, 999, &error);
  g_assert_null (none);
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
}

static char *
new_db_path (char **dir)
{
  *dir = lb_test_tmpdir_new ();
  return g_build_filename (*dir, "file.db", NULL);
}

static void
test_migration_from_empty (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = new_db_path (&dir);
  g_autoptr(GError) error = NULL;
  LbStore *store;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* An existing empty file (0 bytes) is a new database. */
  g_assert_true (g_file_set_contents (path, "", 0, &error));
  store = lb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lb_store_get_schema_version (store), ==, LB_SCHEMA_VERSION);
  g_assert_finalize_object (store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, LB_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Reopening migrates nothing and loses nothing. */
  store = lb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
write_foreign_db (const char *path,
                  const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_open_refused (const char *path,
                     int         code)
{
  g_autofree char *before = lb_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  LbStore *store = lb_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, LB_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  after = lb_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_newer_version_refused (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = new_db_path (&dir);
  g_autoptr(GError) error = NULL;
  LbStore *store = lb_store_open (path, &error);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", LB_SCHEMA_VERSION + 1);

  g_assert_no_error (error);
  g_assert_finalize_object (store);
  write_foreign_db (path, sql);
  write_foreign_db (path, "PRAGMA journal_mode = DELETE");

  assert_open_refused (path, LB_ERROR_NEWER_SCHEMA);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_foreign_files_refused (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = new_db_path (&dir);
  g_autofree char *text_path = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *truncated_path = g_build_filename (dir, "truncated.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  LbStore *store;

  /* Another program's SQLite database */
  write_foreign_db (path, "CREATE TABLE contacts (name TEXT)");
  assert_open_refused (path, LB_ERROR_NOT_A_DATABASE);

  /* Not SQLite at all */
  g_assert_true (g_file_set_contents (text_path, "project,owner\nERP,Ana\n" "0123456789abcdef0123456789abcdef"
                                      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                                      "0123456789abcdef", -1, &error));
  assert_open_refused (text_path, LB_ERROR_NOT_A_DATABASE);

  /* A Linkbench database cut off after its first page */
  store = lb_store_open (truncated_path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  g_assert_true (g_file_get_contents (truncated_path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (truncated_path, contents, 4096, &error));
  store = lb_store_open (truncated_path, &error);
  g_assert_null (store);
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_A_DATABASE);

  lb_test_tmpdir_free (g_steal_pointer (&dir));
}


/* Lists leave blobs out; updating a listed record keeps the stored content; and the hash is
 * taken when content is written, so an update cannot bless content changed behind the
 * application's back. */
static void
test_evidence_blobs (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = g_bytes_new_static ("lag at 0 s", 10);
  g_autoptr(GBytes) changed = g_bytes_new_static ("lag at 9 s", 10);
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  g_autofree char *changed_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, changed);
  LbEvidence *evidence = lb_record_new (&lb_evidence_kind);
  LbEvidence *stored;
  gint64 id;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  evidence->project_id = fixture->project_id;
  evidence->title = g_strdup ("LSN comparison");
  evidence->captured_at = 1;
  evidence->content = g_bytes_ref (content);
  id = insert_or_die (fixture->store, evidence);

  listed = lb_store_list_for_project (fixture->store, &lb_evidence_kind, fixture->project_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  evidence = listed->pdata[0];
  g_assert_null (evidence->content);
  g_assert_cmpint (evidence->size_bytes, ==, 10);
  g_assert_cmpstr (evidence->sha256, ==, sha);

  /* Renaming the listed record keeps the content. */
  g_free (evidence->title);
  evidence->title = g_strdup ("LSN comparison, primary");
  g_assert_true (lb_store_update (fixture->store, evidence, &error));
  g_assert_no_error (error);
  stored = lb_store_get (fixture->store, &lb_evidence_kind, id, &error);
  g_assert_true (g_bytes_equal (stored->content, content));
  g_assert_cmpstr (stored->sha256, ==, sha);
  g_assert_cmpstr (stored->title, ==, "LSN comparison, primary");
  lb_record_free (stored);

  /* The content changes outside the application; a later update does not re-hash it. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE evidence SET content = ?1 WHERE id = ?2", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, g_bytes_get_data (changed, NULL), 10, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  stored = lb_store_get (fixture->store, &lb_evidence_kind, id, &error);
  g_free (stored->source);
  stored->source = g_strdup ("psql");
  g_assert_true (lb_store_update (fixture->store, stored, &error));
  lb_record_free (stored);
  stored = lb_store_get (fixture->store, &lb_evidence_kind, id, &error);
  g_assert_true (g_bytes_equal (stored->content, changed));
  g_assert_cmpstr (stored->sha256, ==, sha);

  /* New content given on purpose is hashed again. */
  g_clear_pointer (&stored->content, g_bytes_unref);
  stored->content = g_bytes_new_static ("lag at 0 s, re-captured", 23);
  g_assert_true (lb_store_update (fixture->store, stored, &error));
  g_assert_cmpint (stored->size_bytes, ==, 23);
  g_assert_cmpstr (stored->sha256, !=, sha);
  g_assert_cmpstr (stored->sha256, !=, changed_sha);
  lb_record_free (stored);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lb/store/schema-matches-kinds", test_schema_matches_kinds);
  ADD ("/lb/store/pragmas-and-mode", test_pragmas_and_mode);
  ADD ("/lb/store/crud-every-kind", test_crud_every_kind);
  ADD ("/lb/store/validation-refusals", test_validation_refusals);
  ADD ("/lb/store/update-refusal-keeps-row", test_update_refusal_keeps_row);
  ADD ("/lb/store/audit-log", test_audit_log);
  ADD ("/lb/store/cascade", test_cascade);
  ADD ("/lb/store/changed-signal", test_changed_signal);
  ADD ("/lb/store/unique-within-parent", test_unique_within_parent);
  ADD ("/lb/store/transaction", test_transaction);
  ADD ("/lb/store/list-for-project", test_list_for_project);
  ADD ("/lb/store/evidence-blobs", test_evidence_blobs);
#undef ADD
  g_test_add_func ("/lb/store/migration-from-empty", test_migration_from_empty);
  g_test_add_func ("/lb/store/newer-version-refused", test_newer_version_refused);
  g_test_add_func ("/lb/store/foreign-files-refused", test_foreign_files_refused);

  return g_test_run ();
}
