/* test-readiness-gate.c: the production-readiness verdict over readiness items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lb-core.h"
#include "lb-test-util.h"

#define END { -1 }
#define CLEAR_ALL                                                   \
  { LB_READINESS_CONTROL, LB_CONTROL_OWNER, LB_READINESS_CLEAR, "Owner named" },                      \
  { LB_READINESS_CONTROL, LB_CONTROL_DEPENDENCIES, LB_READINESS_CLEAR, "Dependencies mapped" },       \
  { LB_READINESS_CONTROL, LB_CONTROL_PERMISSION_BOUNDARY, LB_READINESS_CLEAR, "Permissions agreed" }, \
  { LB_READINESS_CONTROL, LB_CONTROL_MONITORING_SIGNAL, LB_READINESS_CLEAR, "Lag alert" },            \
  { LB_READINESS_CONTROL, LB_CONTROL_ROLLBACK_EVIDENCE, LB_READINESS_CLEAR, "Failback drilled" }

typedef struct
{
  int         kind; /* -1 ends the list */
  int         control;
  int         status;
  const char *title;
} ItemSpec;

typedef struct
{
  const char *name;
  ItemSpec    items[12];
  gboolean    ready;
  guint       n_clear;
  guint       n_prerequisites;
  guint       n_blocked;
  const char *summary;
} GateCase;

static const GateCase cases[] = {
  { "all clear", { CLEAR_ALL, END }, TRUE, 5, 0, 0,
    "Production-ready: all five controls are clear and no prerequisite is blocked" },
  { "nothing recorded", { END }, FALSE, 0, 0, 0,
    "Not production-ready: no owner recorded, no dependencies recorded, no permission boundary recorded, "
    "no monitoring signal recorded, no rollback evidence recorded" },
  { "the issue's example",
    { { LB_READINESS_CONTROL, LB_CONTROL_OWNER, LB_READINESS_CLEAR, "Owner" },
      { LB_READINESS_CONTROL, LB_CONTROL_DEPENDENCIES, LB_READINESS_CLEAR, "Dependencies" },
      { LB_READINESS_CONTROL, LB_CONTROL_PERMISSION_BOUNDARY, LB_READINESS_CLEAR, "Permissions" },
      { LB_READINESS_CONTROL, LB_CONTROL_MONITORING_SIGNAL, LB_READINESS_CLEAR, "Monitoring" },
      { LB_READINESS_CONTROL, LB_CONTROL_ROLLBACK_EVIDENCE, LB_READINESS_IN_PROGRESS, "Rollback" },
      { LB_READINESS_PREREQUISITE, LB_UNSET_ENUM, LB_READINESS_BLOCKED, "Port 5022 open to the MI subnet" },
      { LB_READINESS_PREREQUISITE, LB_UNSET_ENUM, LB_READINESS_UNKNOWN, "Trace flag 1800" },
      { LB_READINESS_PREREQUISITE, LB_UNSET_ENUM, LB_READINESS_CLEAR, "Full recovery model" }, END },
    FALSE, 4, 3, 1,
    "Not production-ready: rollback evidence is in progress; 1 prerequisite blocked (Port 5022 open to the MI subnet)" },
  { "prerequisites only",
    { CLEAR_ALL,
      { LB_READINESS_PREREQUISITE, LB_UNSET_ENUM, LB_READINESS_BLOCKED, "Port 5022 open to the MI subnet" },
      { LB_READINESS_PREREQUISITE, LB_UNSET_ENUM, LB_READINESS_BLOCKED, "Azure Connect pack" }, END },
    FALSE, 5, 2, 2,
    "Not production-ready: 2 prerequisites blocked (Port 5022 open to the MI subnet, Azure Connect pack)" },
  { "unclear prerequisites do not hold the gate",
    { { LB_READINESS_PREREQUISITE, LB_UNSET_ENUM, LB_READINESS_IN_PROGRESS, "Certificates" },
      CLEAR_ALL,
      { LB_READINESS_PREREQUISITE, LB_UNSET_ENUM, LB_READINESS_UNKNOWN, "Trace flag 9567" }, END },
    TRUE, 5, 2, 0, "Production-ready: all five controls are clear and no prerequisite is blocked" },
  { "every state of a control",
    { { LB_READINESS_CONTROL, LB_CONTROL_OWNER, LB_READINESS_UNKNOWN, "Owner" },
      { LB_READINESS_CONTROL, LB_CONTROL_DEPENDENCIES, LB_READINESS_BLOCKED, "Dependencies" },
      { LB_READINESS_CONTROL, LB_CONTROL_MONITORING_SIGNAL, LB_READINESS_CLEAR, "Monitoring" },
      { LB_READINESS_CONTROL, LB_CONTROL_ROLLBACK_EVIDENCE, LB_READINESS_IN_PROGRESS, "Rollback" }, END },
    FALSE, 1, 0, 0,
    "Not production-ready: owner is not assessed yet, dependencies are blocked, no permission boundary recorded, "
    "rollback evidence is in progress" },
  { "the less advanced of two rows for one control counts",
    { CLEAR_ALL,
      { LB_READINESS_CONTROL, LB_CONTROL_OWNER, LB_READINESS_BLOCKED, "Second owner row" },
      { LB_READINESS_CONTROL, LB_CONTROL_MONITORING_SIGNAL, LB_READINESS_IN_PROGRESS, "Second monitoring row" },
      END },
    FALSE, 3, 0, 0, "Not production-ready: owner is blocked, monitoring signal is in progress" },
  { "an unset status is unknown",
    { { LB_READINESS_CONTROL, LB_CONTROL_OWNER, LB_UNSET_ENUM, "Owner" },
      { LB_READINESS_CONTROL, LB_CONTROL_DEPENDENCIES, LB_READINESS_CLEAR, "Dependencies" },
      { LB_READINESS_CONTROL, LB_CONTROL_PERMISSION_BOUNDARY, LB_READINESS_CLEAR, "Permissions" },
      { LB_READINESS_CONTROL, LB_CONTROL_MONITORING_SIGNAL, LB_READINESS_CLEAR, "Monitoring" },
      { LB_READINESS_CONTROL, LB_CONTROL_ROLLBACK_EVIDENCE, LB_READINESS_CLEAR, "Rollback" }, END },
    FALSE, 4, 0, 0, "Not production-ready: owner is not assessed yet" },
  { "a control row without a control counts for none",
    { { LB_READINESS_CONTROL, LB_UNSET_ENUM, LB_READINESS_CLEAR, "Stray" },
      { LB_READINESS_CONTROL, LB_CONTROL_OWNER, LB_READINESS_CLEAR, "Owner" },
      { LB_READINESS_CONTROL, LB_CONTROL_DEPENDENCIES, LB_READINESS_CLEAR, "Dependencies" },
      { LB_READINESS_CONTROL, LB_CONTROL_PERMISSION_BOUNDARY, LB_READINESS_CLEAR, "Permissions" },
      { LB_READINESS_CONTROL, LB_CONTROL_MONITORING_SIGNAL, LB_READINESS_CLEAR, "Monitoring" }, END },
    FALSE, 4, 0, 0, "Not production-ready: no rollback evidence recorded" },
};

static GPtrArray *
make_items (const ItemSpec *specs)
{
  GPtrArray *items = lb_record_array_new ();

  for (int i = 0; specs[i].kind >= 0; i++)
    {
      LbReadinessItem *item = lb_record_new (&lb_readiness_item_kind);

      item->id = 100 + i;
      item->project_id = 1;
      item->kind = specs[i].kind;
      item->control = specs[i].control;
      item->status = specs[i].status;
      item->title = g_strdup (specs[i].title);
      g_ptr_array_add (items, item);
    }
  return items;
}

static void
test_cases (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const GateCase *gc = &cases[c];
      g_autoptr(GPtrArray) items = make_items (gc->items);
      g_autoptr(LbReadinessVerdict) verdict = lb_readiness_gate_evaluate (items);

      g_test_message ("case: %s", gc->name);
      g_assert_nonnull (verdict);
      g_assert_cmpint (verdict->production_ready, ==, gc->ready);
      g_assert_cmpuint (verdict->n_controls_clear, ==, gc->n_clear);
      g_assert_cmpuint (verdict->n_prerequisites, ==, gc->n_prerequisites);
      g_assert_cmpuint (verdict->n_prerequisites_blocked, ==, gc->n_blocked);
      g_assert_cmpuint (verdict->gaps->len, ==, (LB_N_CONTROLS - gc->n_clear) + gc->n_blocked);
      g_assert_cmpstr (verdict->summary, ==, gc->summary);
    }
}

/* The structured list: which control, which status, which item. */
static void
test_gaps (void)
{
  static const ItemSpec specs[] = {
    { LB_READINESS_PREREQUISITE, LB_UNSET_ENUM, LB_READINESS_BLOCKED, "Port 5022 open to the MI subnet" },
    { LB_READINESS_CONTROL, LB_CONTROL_ROLLBACK_EVIDENCE, LB_READINESS_IN_PROGRESS, "Failback drilled" },
    { LB_READINESS_CONTROL, LB_CONTROL_OWNER, LB_READINESS_CLEAR, "Owner named" },
    { LB_READINESS_CONTROL, LB_CONTROL_DEPENDENCIES, LB_READINESS_UNKNOWN, "Dependencies mapped" },
    END,
  };
  g_autoptr(GPtrArray) items = make_items (specs);
  g_autoptr(LbReadinessVerdict) verdict = lb_readiness_gate_evaluate (items);
  const LbReadinessGap *gap;

  g_assert_false (verdict->production_ready);
  g_assert_cmpuint (verdict->gaps->len, ==, 5);

  /* Controls first, in LbControl order; then prerequisites. */
  gap = g_ptr_array_index (verdict->gaps, 0);
  g_assert_cmpint (gap->kind, ==, LB_READINESS_GAP_CONTROL_NOT_CLEAR);
  g_assert_cmpint (gap->control, ==, LB_CONTROL_DEPENDENCIES);
  g_assert_cmpint (gap->status, ==, LB_READINESS_UNKNOWN);
  g_assert_cmpint (gap->item_id, ==, 103);
  g_assert_cmpstr (gap->title, ==, "Dependencies mapped");
  g_assert_cmpstr (gap->phrase, ==, "dependencies are not assessed yet");

  gap = g_ptr_array_index (verdict->gaps, 1);
  g_assert_cmpint (gap->kind, ==, LB_READINESS_GAP_CONTROL_MISSING);
  g_assert_cmpint (gap->control, ==, LB_CONTROL_PERMISSION_BOUNDARY);
  g_assert_cmpint (gap->status, ==, LB_UNSET_ENUM);
  g_assert_cmpint (gap->item_id, ==, 0);
  g_assert_null (gap->title);
  g_assert_cmpstr (gap->phrase, ==, "no permission boundary recorded");

  gap = g_ptr_array_index (verdict->gaps, 2);
  g_assert_cmpint (gap->kind, ==, LB_READINESS_GAP_CONTROL_MISSING);
  g_assert_cmpint (gap->control, ==, LB_CONTROL_MONITORING_SIGNAL);

  gap = g_ptr_array_index (verdict->gaps, 3);
  g_assert_cmpint (gap->kind, ==, LB_READINESS_GAP_CONTROL_NOT_CLEAR);
  g_assert_cmpint (gap->control, ==, LB_CONTROL_ROLLBACK_EVIDENCE);
  g_assert_cmpint (gap->status, ==, LB_READINESS_IN_PROGRESS);
  g_assert_cmpint (gap->item_id, ==, 101);

  gap = g_ptr_array_index (verdict->gaps, 4);
  g_assert_cmpint (gap->kind, ==, LB_READINESS_GAP_PREREQUISITE_BLOCKED);
  g_assert_cmpint (gap->control, ==, LB_UNSET_ENUM);
  g_assert_cmpint (gap->status, ==, LB_READINESS_BLOCKED);
  g_assert_cmpint (gap->item_id, ==, 100);
  g_assert_cmpstr (gap->title, ==, "Port 5022 open to the MI subnet");
  g_assert_cmpstr (gap->phrase, ==, "Port 5022 open to the MI subnet is blocked");

  g_assert_cmpstr (verdict->summary, ==,
                   "Not production-ready: dependencies are not assessed yet, no permission boundary recorded, "
                   "no monitoring signal recorded, rollback evidence is in progress; "
                   "1 prerequisite blocked (Port 5022 open to the MI subnet)");
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
test_from_store (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "gate.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbReadinessVerdict) verdict = NULL;
  LbStore *store = lb_store_open (path, &error);
  LbProject *project;
  gint64 project_id, other_id;

  g_assert_no_error (error);
  project = lb_record_new (&lb_project_kind);
  project->name = g_strdup ("ERP");
  project_id = insert_or_die (store, project);
  project = lb_record_new (&lb_project_kind);
  project->name = g_strdup ("Other");
  other_id = insert_or_die (store, project);

  for (int c = 0; c < LB_N_CONTROLS; c++)
    {
      LbReadinessItem *item = lb_record_new (&lb_readiness_item_kind);

      item->project_id = project_id;
      item->kind = LB_READINESS_CONTROL;
      item->control = c;
      item->status = c == LB_CONTROL_ROLLBACK_EVIDENCE ? LB_READINESS_IN_PROGRESS : LB_READINESS_CLEAR;
      item->title = g_strdup_printf ("Control %d", c);
      insert_or_die (store, item);
    }
  {
    LbReadinessItem *item = lb_record_new (&lb_readiness_item_kind);

    item->project_id = project_id;
    item->title = g_strdup ("Port 5022 open to the MI subnet");
    item->status = LB_READINESS_BLOCKED;
    insert_or_die (store, item);
  }
  /* Another project's blocked item must not leak in. */
  {
    LbReadinessItem *item = lb_record_new (&lb_readiness_item_kind);

    item->project_id = other_id;
    item->title = g_strdup ("Not ours");
    item->status = LB_READINESS_BLOCKED;
    insert_or_die (store, item);
  }

  verdict = lb_readiness_gate_evaluate_project (store, project_id, &error);
  g_assert_no_error (error);
  g_assert_false (verdict->production_ready);
  g_assert_cmpuint (verdict->n_prerequisites, ==, 1);
  g_assert_cmpstr (verdict->summary, ==,
                   "Not production-ready: rollback evidence is in progress; "
                   "1 prerequisite blocked (Port 5022 open to the MI subnet)");
  g_clear_pointer (&verdict, lb_readiness_verdict_free);

  verdict = lb_readiness_gate_evaluate_project (store, 9999, &error);
  g_assert_null (verdict);
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);

  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/readiness-gate/cases", test_cases);
  g_test_add_func ("/lb/readiness-gate/gaps", test_gaps);
  g_test_add_func ("/lb/readiness-gate/from-store", test_from_store);

  return g_test_run ();
}
