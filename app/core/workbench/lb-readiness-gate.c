/* lb-readiness-gate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-readiness-gate"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-readiness-gate.h"

/* What to say about each control in each state that holds the gate. Whole phrases rather
 * than "%s is %s", so that translations can agree in number and gender
 * ("dependencies are …"). Indexed by LbControl. */
typedef struct
{
  const char *missing;
  const char *unknown;
  const char *in_progress;
  const char *blocked;
} ControlPhrases;

static const ControlPhrases control_phrases[LB_N_CONTROLS] = {
  [LB_CONTROL_OWNER] = {
    N_("no owner recorded"),
    N_("owner is not assessed yet"),
    N_("owner is in progress"),
    N_("owner is blocked"),
  },
  [LB_CONTROL_DEPENDENCIES] = {
    N_("no dependencies recorded"),
    N_("dependencies are not assessed yet"),
    N_("dependencies are in progress"),
    N_("dependencies are blocked"),
  },
  [LB_CONTROL_PERMISSION_BOUNDARY] = {
    N_("no permission boundary recorded"),
    N_("permission boundary is not assessed yet"),
    N_("permission boundary is in progress"),
    N_("permission boundary is blocked"),
  },
  [LB_CONTROL_MONITORING_SIGNAL] = {
    N_("no monitoring signal recorded"),
    N_("monitoring signal is not assessed yet"),
    N_("monitoring signal is in progress"),
    N_("monitoring signal is blocked"),
  },
  [LB_CONTROL_ROLLBACK_EVIDENCE] = {
    N_("no rollback evidence recorded"),
    N_("rollback evidence is not assessed yet"),
    N_("rollback evidence is in progress"),
    N_("rollback evidence is blocked"),
  },
};

G_STATIC_ASSERT (LB_CONTROL_ROLLBACK_EVIDENCE + 1 == LB_N_CONTROLS);

static const char *
control_phrase (int control,
                int status)
{
  const ControlPhrases *p = &control_phrases[control];

  switch (status)
    {
    case LB_UNSET_ENUM:
      return _(p->missing);
    case LB_READINESS_IN_PROGRESS:
      return _(p->in_progress);
    case LB_READINESS_BLOCKED:
      return _(p->blocked);
    case LB_READINESS_UNKNOWN:
    default:
      return _(p->unknown);
    }
}

/* How far from clear a status is: the larger, the worse. An unset status is unknown. */
static int
status_rank (int status)
{
  switch (status)
    {
    case LB_READINESS_CLEAR:
      return 0;
    case LB_READINESS_IN_PROGRESS:
      return 1;
    case LB_READINESS_BLOCKED:
      return 3;
    case LB_READINESS_UNKNOWN:
    default:
      return 2;
    }
}

static void
gap_free (gpointer data)
{
  LbReadinessGap *gap = data;

  g_free (gap->title);
  g_free (gap->phrase);
  g_free (gap);
}

void
lb_readiness_verdict_free (LbReadinessVerdict *verdict)
{
  if (verdict == NULL)
    return;
  g_clear_pointer (&verdict->gaps, g_ptr_array_unref);
  g_free (verdict->summary);
  g_free (verdict);
}

static char *
build_summary (const LbReadinessVerdict *verdict)
{
  g_autoptr(GString) controls = g_string_new (NULL);
  g_autoptr(GString) blocked = g_string_new (NULL);
  g_autofree char *prerequisites = NULL;
  g_autofree char *reasons = NULL;

  if (verdict->production_ready)
    return g_strdup (_("Production-ready: all five controls are clear and no prerequisite is blocked"));

  for (guint i = 0; i < verdict->gaps->len; i++)
    {
      const LbReadinessGap *gap = g_ptr_array_index (verdict->gaps, i);
      GString *list = gap->kind == LB_READINESS_GAP_PREREQUISITE_BLOCKED ? blocked : controls;

      if (list->len > 0)
        /* TRANSLATORS: separates items of a list inside a sentence */
        g_string_append (list, _(", "));
      g_string_append (list, gap->kind == LB_READINESS_GAP_PREREQUISITE_BLOCKED ? gap->title : gap->phrase);
    }

  if (verdict->n_prerequisites_blocked > 0)
    prerequisites = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  /* TRANSLATORS: "1 prerequisite blocked (Port 5022 open)" */
                                                  "%u prerequisite blocked (%s)",
                                                  "%u prerequisites blocked (%s)",
                                                  verdict->n_prerequisites_blocked),
                                     verdict->n_prerequisites_blocked, blocked->str);

  if (controls->len > 0 && prerequisites != NULL)
    /* TRANSLATORS: "rollback evidence is in progress; 1 prerequisite blocked (…)" */
    reasons = g_strdup_printf (_("%s; %s"), controls->str, prerequisites);
  else if (controls->len > 0)
    reasons = g_strdup (controls->str);
  else
    reasons = g_strdup (prerequisites);

  /* TRANSLATORS: "Not production-ready: rollback evidence is in progress" */
  return g_strdup_printf (_("Not production-ready: %s"), reasons);
}

LbReadinessVerdict *
lb_readiness_gate_evaluate (GPtrArray *items)
{
  const LbReadinessItem *controls[LB_N_CONTROLS] = { NULL };
  g_autoptr(GPtrArray) blocked = g_ptr_array_new ();
  LbReadinessVerdict *verdict;

  g_return_val_if_fail (items != NULL, NULL);

  verdict = g_new0 (LbReadinessVerdict, 1);
  verdict->gaps = g_ptr_array_new_with_free_func (gap_free);

  for (guint i = 0; i < items->len; i++)
    {
      const LbReadinessItem *item = g_ptr_array_index (items, i);

      if (item->kind == LB_READINESS_CONTROL)
        {
          const LbReadinessItem *seen;

          /* A control row without a valid control cannot count for any of the five. */
          if (item->control < 0 || item->control >= LB_N_CONTROLS)
            continue;
          seen = controls[item->control];
          if (seen == NULL || status_rank (item->status) > status_rank (seen->status))
            controls[item->control] = item;
        }
      else
        {
          verdict->n_prerequisites++;
          if (item->status == LB_READINESS_BLOCKED)
            g_ptr_array_add (blocked, (gpointer) item);
        }
    }

  for (int c = 0; c < LB_N_CONTROLS; c++)
    {
      const LbReadinessItem *item = controls[c];
      LbReadinessGap *gap;

      if (item != NULL && item->status == LB_READINESS_CLEAR)
        {
          verdict->n_controls_clear++;
          continue;
        }
      gap = g_new0 (LbReadinessGap, 1);
      gap->kind = item != NULL ? LB_READINESS_GAP_CONTROL_NOT_CLEAR : LB_READINESS_GAP_CONTROL_MISSING;
      gap->control = c;
      gap->status = item != NULL ? (item->status == LB_UNSET_ENUM ? LB_READINESS_UNKNOWN : item->status)
                                 : LB_UNSET_ENUM;
      gap->item_id = item != NULL ? item->id : 0;
      gap->title = item != NULL ? g_strdup (item->title) : NULL;
      gap->phrase = g_strdup (control_phrase (c, gap->status));
      g_ptr_array_add (verdict->gaps, gap);
    }

  for (guint i = 0; i < blocked->len; i++)
    {
      const LbReadinessItem *item = g_ptr_array_index (blocked, i);
      LbReadinessGap *gap = g_new0 (LbReadinessGap, 1);
      /* An untitled prerequisite (only possible outside the store) is still named. */
      g_autofree char *fallback = g_strdup_printf ("#%" G_GINT64_FORMAT, item->id);
      const char *title = item->title != NULL ? item->title : fallback;

      gap->kind = LB_READINESS_GAP_PREREQUISITE_BLOCKED;
      gap->control = LB_UNSET_ENUM;
      gap->status = LB_READINESS_BLOCKED;
      gap->item_id = item->id;
      gap->title = g_strdup (title);
      /* TRANSLATORS: a blocked technical prerequisite, by its title */
      gap->phrase = g_strdup_printf (_("%s is blocked"), title);
      g_ptr_array_add (verdict->gaps, gap);
    }
  verdict->n_prerequisites_blocked = blocked->len;

  verdict->production_ready = verdict->gaps->len == 0;
  verdict->summary = build_summary (verdict);
  return verdict;
}

LbReadinessVerdict *
lb_readiness_gate_evaluate_project (LbStore *store,
                                    gint64   project_id,
                                    GError **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* An unknown id is an error, not a project with five missing controls. */
  items = lb_store_list_for_project (store, &lb_readiness_item_kind, project_id, error);
  if (items == NULL)
    return NULL;
  return lb_readiness_gate_evaluate (items);
}
