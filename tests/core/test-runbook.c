/* test-runbook.c: the built-in runbook templates, editing a kind's runbook in the store
 * (copy on first edit, append, move, reset), the steps a drill starts with, and the
 * schema-v2 migration that gives steps of older files their roles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lb-core.h"
#include "lb-test-util.h"

#define UNSET LB_UNSET_INT

static const LbRehearsalKind all_kinds[] = {
  LB_REHEARSAL_PLANNED_FAILOVER, LB_REHEARSAL_FORCED_FAILOVER, LB_REHEARSAL_CUTOVER, LB_REHEARSAL_FAILBACK,
  LB_REHEARSAL_DR_DRILL,
};

static void
test_builtin_templates (void)
{
  g_assert_null (lb_runbook_builtin (99));
  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    {
      const LbRunbookTemplate *template = lb_runbook_builtin (all_kinds[k]);
      g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
      int start = -1, end = -1;

      g_test_message ("kind %d", all_kinds[k]);
      g_assert_nonnull (template);
      g_assert_cmpint (template->kind, ==, all_kinds[k]);
      g_assert_cmpuint (template->n_steps, >=, 5);
      g_assert_true (g_str_has_prefix (template->steps[0].name, "Pre-check"));
      for (guint s = 0; s < template->n_steps; s++)
        {
          const LbRunbookTemplateStep *step = &template->steps[s];

          g_assert_nonnull (step->notes);
          g_assert_true (g_hash_table_add (names, (gpointer) step->name)); /* unique */
          if (step->role == LB_STEP_ROLE_DOWNTIME_START)
            {
              g_assert_cmpint (start, ==, -1);
              start = s;
            }
          if (step->role == LB_STEP_ROLE_DOWNTIME_END && end == -1)
            end = s;
        }
      /* One window, in order. */
      g_assert_cmpint (start, >, 0);
      g_assert_cmpint (end, >, start);
    }
}

/* The cutover runbook is domain.md §4.2 in order; a change here is a change of the runbook. */
static void
test_cutover_template (void)
{
  static const struct { const char *name; int role; } expected[] = {
    { "Pre-check: link healthy and connected", LB_STEP_ROLE_NONE },
    { "Stop the workload on the SQL Server primary", LB_STEP_ROLE_DOWNTIME_START },
    { "Switch the link to synchronous commit", LB_STEP_ROLE_NONE },
    { "Wait for matching hardened LSNs", LB_STEP_ROLE_NONE },
    { "Planned failover to the managed instance", LB_STEP_ROLE_NONE },
    { "Repoint connection strings to the managed instance", LB_STEP_ROLE_NONE },
    { "Validate the application on the managed instance", LB_STEP_ROLE_DOWNTIME_END },
    { "Wait for the managed instance's first full backup", LB_STEP_ROLE_NONE },
    { "Remove the link", LB_STEP_ROLE_NONE },
    { "Recreate logins and Agent jobs on the managed instance", LB_STEP_ROLE_NONE },
    { "Roll back: fail back to SQL Server", LB_STEP_ROLE_ROLLBACK_END },
  };
  const LbRunbookTemplate *cutover = lb_runbook_builtin (LB_REHEARSAL_CUTOVER);
  const LbRunbookTemplate *failback = lb_runbook_builtin (LB_REHEARSAL_FAILBACK);
  const LbRunbookTemplate *forced = lb_runbook_builtin (LB_REHEARSAL_FORCED_FAILOVER);
  gboolean forces = FALSE, backs_up = FALSE;

  g_assert_cmpuint (cutover->n_steps, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (cutover->steps[i].name, ==, expected[i].name);
      g_assert_cmpint (cutover->steps[i].role, ==, expected[i].role);
    }

  /* MI → SQL Server: no switch to synchronous commit (§4.2 step 2). */
  for (guint i = 0; i < failback->n_steps; i++)
    g_assert_null (strstr (failback->steps[i].name, "synchronous"));
  g_assert_cmpstr (failback->steps[1].name, ==, "Stop the workload on the managed instance");
  g_assert_cmpstr (failback->steps[failback->n_steps - 1].name, ==, "Validate the application on SQL Server");

  /* Forced failover (§4.3) ends with the split-brain procedure. */
  for (guint i = 0; i < forced->n_steps; i++)
    {
      forces |= g_str_equal (forced->steps[i].name, "Force failover on the managed instance");
      backs_up |= g_str_equal (forced->steps[i].name, "Back up the old primary");
    }
  g_assert_true (forces);
  g_assert_true (backs_up);
}

/* ---- in a store ------------------------------------------------------------------------ */

typedef struct
{
  char    *dir;
  char    *path;
  LbStore *store;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = lb_test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "runbook.db", NULL);
  f->store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->path);
  lb_test_tmpdir_free (f->dir);
}

static char *
names (GPtrArray *steps)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < steps->len; i++)
    g_string_append_printf (text, "%s%s", i ? " | " : "", ((LbRunbookStep *) steps->pdata[i])->name);
  return g_string_free (text, FALSE);
}

static void
test_load_builtin (Fixture      *f,
                   gconstpointer data)
{
  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    {
      const LbRunbookTemplate *template = lb_runbook_builtin (all_kinds[k]);
      g_autoptr(GError) error = NULL;
      gboolean edited = TRUE;
      g_autoptr(GPtrArray) steps = lb_runbook_load (f->store, all_kinds[k], &edited, &error);

      g_assert_no_error (error);
      g_assert_false (edited);
      g_assert_cmpuint (steps->len, ==, template->n_steps);
      for (guint i = 0; i < steps->len; i++)
        {
          LbRunbookStep *step = steps->pdata[i];

          g_assert_cmpint (step->id, ==, 0);
          g_assert_cmpint (step->rehearsal_kind, ==, all_kinds[k]);
          g_assert_cmpstr (step->name, ==, template->steps[i].name);
          g_assert_cmpint (step->role, ==, template->steps[i].role);
        }
    }
}

static void
test_edit_append_move_reset (Fixture      *f,
                             gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GPtrArray) drill = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  const LbRunbookTemplate *template = lb_runbook_builtin (LB_REHEARSAL_PLANNED_FAILOVER);
  LbRunbookStep *added = lb_record_new (&lb_runbook_step_kind);
  gboolean edited;

  /* Appending to a built-in runbook copies it first; the new step comes last. */
  added->rehearsal_kind = LB_REHEARSAL_PLANNED_FAILOVER;
  added->name = g_strdup ("Pause the ERP batch scheduler");
  added->notes = g_strdup ("Learned in the first drill.");
  g_assert_true (lb_runbook_append (f->store, added, &error));
  g_assert_no_error (error);
  steps = lb_runbook_load (f->store, LB_REHEARSAL_PLANNED_FAILOVER, &edited, &error);
  g_assert_true (edited);
  g_assert_cmpuint (steps->len, ==, template->n_steps + 1);
  g_assert_cmpstr (((LbRunbookStep *) steps->pdata[steps->len - 1])->name, ==, "Pause the ERP batch scheduler");
  g_assert_cmpint (((LbRunbookStep *) steps->pdata[0])->id, >, 0);
  /* Other kinds keep their built-in runbook. */
  g_clear_pointer (&steps, g_ptr_array_unref);
  steps = lb_runbook_load (f->store, LB_REHEARSAL_CUTOVER, &edited, &error);
  g_assert_false (edited);
  g_clear_pointer (&steps, g_ptr_array_unref);

  /* Move it up before the stop of the workload (the second step). */
  steps = lb_runbook_load (f->store, LB_REHEARSAL_PLANNED_FAILOVER, NULL, &error);
  before = names (steps);
  for (guint i = 0; i < template->n_steps - 1; i++)
    g_assert_true (lb_runbook_move (f->store, added->id, -1, &error));
  g_clear_pointer (&steps, g_ptr_array_unref);
  steps = lb_runbook_load (f->store, LB_REHEARSAL_PLANNED_FAILOVER, NULL, &error);
  g_assert_cmpstr (((LbRunbookStep *) steps->pdata[1])->name, ==, "Pause the ERP batch scheduler");
  g_assert_cmpstr (((LbRunbookStep *) steps->pdata[2])->name, ==, "Stop the workload on the SQL Server primary");
  text = names (steps);
  g_assert_cmpstr (text, !=, before);

  /* A drill started now gets the edited runbook, roles included. */
  drill = lb_runbook_instantiate (steps, 7);
  g_assert_cmpuint (drill->len, ==, steps->len);
  g_assert_cmpint (((LbRehearsalStep *) drill->pdata[1])->role, ==, LB_STEP_ROLE_NONE);
  g_assert_cmpint (((LbRehearsalStep *) drill->pdata[2])->role, ==, LB_STEP_ROLE_DOWNTIME_START);
  g_assert_cmpint (((LbRehearsalStep *) drill->pdata[2])->position, ==, 3);
  g_assert_cmpint (((LbRehearsalStep *) drill->pdata[2])->rehearsal_id, ==, 7);

  /* Reset: back to the built-in runbook, the edited steps gone. */
  g_assert_true (lb_runbook_reset (f->store, LB_REHEARSAL_PLANNED_FAILOVER, &error));
  g_assert_cmpint (lb_store_count (f->store, &lb_runbook_step_kind, NULL, 0, NULL), ==, 0);
  g_clear_pointer (&steps, g_ptr_array_unref);
  steps = lb_runbook_load (f->store, LB_REHEARSAL_PLANNED_FAILOVER, &edited, &error);
  g_assert_false (edited);
  g_assert_cmpuint (steps->len, ==, template->n_steps);

  /* A step without a kind is refused. */
  lb_record_free (added);
  added = lb_record_new (&lb_runbook_step_kind);
  added->name = g_strdup ("Orphan");
  g_assert_false (lb_runbook_append (f->store, added, &error));
  g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_REQUIRED);
  g_assert_cmpint (lb_store_count (f->store, &lb_runbook_step_kind, NULL, 0, NULL), ==, 0);
  lb_record_free (added);
}

static void
test_drill_uses_runbook (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);
  LbRehearsal *rehearsal = lb_record_new (&lb_rehearsal_kind);
  LbRunbookStep *extra = lb_record_new (&lb_runbook_step_kind);

  project->name = g_strdup ("ERP");
  g_assert_true (lb_store_insert (f->store, project, &error));
  rehearsal->project_id = project->id;
  rehearsal->kind = LB_REHEARSAL_CUTOVER;
  rehearsal->title = g_strdup ("Cutover rehearsal");
  rehearsal->started_at = 1;
  g_assert_true (lb_store_insert (f->store, rehearsal, &error));
  g_assert_no_error (error);
  extra->rehearsal_kind = LB_REHEARSAL_CUTOVER;
  extra->name = g_strdup ("Tell the plant floor");
  g_assert_true (lb_runbook_append (f->store, extra, &error));

  g_assert_true (lb_rehearsal_add_runbook_steps (f->store, rehearsal->id, &error));
  g_assert_no_error (error);
  steps = lb_store_list (f->store, &lb_rehearsal_step_kind, "rehearsal_id", rehearsal->id, &error);
  g_assert_cmpuint (steps->len, ==, lb_runbook_builtin (LB_REHEARSAL_CUTOVER)->n_steps + 1);
  g_assert_cmpstr (((LbRehearsalStep *) steps->pdata[steps->len - 1])->name, ==, "Tell the plant floor");
  g_assert_cmpint (((LbRehearsalStep *) steps->pdata[1])->role, ==, LB_STEP_ROLE_DOWNTIME_START);

  lb_record_free (extra);
  lb_record_free (rehearsal);
  lb_record_free (project);
}

/* A file written by schema version 1: its steps are recognised by their names. */
static void
test_migration_gives_roles (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autoptr(GBytes) v1 = g_resources_lookup_data ("/io/github/linkbench/Linkbench/core/schema-v1.sql", 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(LbRehearsalDowntime) downtime = NULL;
  LbStore *store;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_nonnull (v1);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, g_bytes_get_data (v1, NULL), NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 1; PRAGMA application_id = 1282296674;"
                                 "INSERT INTO project (id, name, scenario, status, created_at, updated_at)"
                                 " VALUES (1, 'ERP', 'migration', 'planning', 0, 0);"
                                 "INSERT INTO rehearsal (id, project_id, kind, title, started_at, outcome)"
                                 " VALUES (1, 1, 'cutover', 'Rehearsal 1', 0, 'success');"
                                 "INSERT INTO rehearsal_step (rehearsal_id, position, name, started_at, ended_at,"
                                 " outcome) VALUES"
                                 " (1, 1, 'Pre-check: link healthy and connected', 0, 60000, 'done'),"
                                 " (1, 2, 'stop the workload on the SQL Server primary ', 60000, 120000, 'done'),"
                                 " (1, 3, 'Validate the application on the managed instance', 120000, 600000,"
                                 " 'done'),"
                                 " (1, 4, 'Roll back: fail back to SQL Server', NULL, NULL, 'skipped');",
                                 NULL, NULL, &message), ==, SQLITE_OK);
  sqlite3_close (db);

  store = lb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lb_store_get_schema_version (store), ==, LB_SCHEMA_VERSION);
  steps = lb_store_list (store, &lb_rehearsal_step_kind, "rehearsal_id", 1, &error);
  g_assert_cmpuint (steps->len, ==, 4);
  g_assert_cmpint (((LbRehearsalStep *) steps->pdata[0])->role, ==, LB_STEP_ROLE_NONE);
  g_assert_cmpint (((LbRehearsalStep *) steps->pdata[1])->role, ==, LB_STEP_ROLE_DOWNTIME_START);
  g_assert_cmpint (((LbRehearsalStep *) steps->pdata[2])->role, ==, LB_STEP_ROLE_DOWNTIME_END);
  g_assert_cmpint (((LbRehearsalStep *) steps->pdata[3])->role, ==, LB_STEP_ROLE_ROLLBACK_END);
  /* …so the downtime measured before the upgrade is still measured: 60 s to 600 s. */
  downtime = lb_rehearsal_downtime_load (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (downtime->source, ==, LB_DOWNTIME_FROM_STEPS);
  g_assert_cmpint (downtime->downtime_ms, ==, 540000);
  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/runbook/builtin-templates", test_builtin_templates);
  g_test_add_func ("/lb/runbook/cutover-template", test_cutover_template);
  g_test_add ("/lb/runbook/load-builtin", Fixture, NULL, fixture_set_up, test_load_builtin, fixture_tear_down);
  g_test_add ("/lb/runbook/edit-append-move-reset", Fixture, NULL, fixture_set_up, test_edit_append_move_reset,
              fixture_tear_down);
  g_test_add ("/lb/runbook/drill-uses-runbook", Fixture, NULL, fixture_set_up, test_drill_uses_runbook,
              fixture_tear_down);
  g_test_add_func ("/lb/runbook/migration-gives-roles", test_migration_gives_roles);
  return g_test_run ();
}
