/* lb-lag-markers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-lag-markers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "../model/lb-records.h"
#include "lb-lag-markers.h"

static void
clear_marker (gpointer data)
{
  LbChartMarker *marker = data;

  g_free ((char *) marker->label);
}

static void
add (GArray *markers,
     gint64  t,
     gint64  end,
     char   *label)
{
  LbChartMarker marker = { t, end, label };

  if (t != LB_UNSET_INT)
    g_array_append_val (markers, marker);
  else
    g_free (label);
}

static int
compare_markers (gconstpointer a,
                 gconstpointer b)
{
  gint64 ta = ((const LbChartMarker *) a)->t, tb = ((const LbChartMarker *) b)->t;

  return ta < tb ? -1 : ta > tb;
}

GArray *
lb_lag_markers_load (LbStore *store,
                     gint64   project_id,
                     GError **error)
{
  g_autoptr(GArray) markers = g_array_new (FALSE, FALSE, sizeof (LbChartMarker));
  g_autoptr(GPtrArray) rehearsals = NULL;
  LbProject *project;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  g_array_set_clear_func (markers, clear_marker);
  if ((project = lb_store_get (store, &lb_project_kind, project_id, error)) == NULL)
    return NULL;
  /* TRANSLATORS: a marker on the lag chart */
  add (markers, project->planned_cutover, LB_UNSET_INT, g_strdup (_("Planned cutover")));
  lb_record_free (project);

  if ((rehearsals = lb_store_list_for_project (store, &lb_rehearsal_kind, project_id, error)) == NULL)
    return NULL;
  for (guint r = 0; r < rehearsals->len; r++)
    {
      const LbRehearsal *rehearsal = rehearsals->pdata[r];
      g_autoptr(GPtrArray) steps = lb_store_list (store, &lb_rehearsal_step_kind, "rehearsal_id", rehearsal->id,
                                                  error);

      if (steps == NULL)
        return NULL;
      add (markers, rehearsal->started_at, rehearsal->ended_at, g_strdup (rehearsal->title));
      for (guint s = 0; s < steps->len; s++)
        {
          const LbRehearsalStep *step = steps->pdata[s];

          g_autofree char *folded = g_utf8_casefold (step->name, -1);

          /* The steps that bound the downtime and the failovers, labelled by their names;
           * the others would crowd the axis. */
          if (step->role == LB_STEP_ROLE_DOWNTIME_START)
            add (markers, step->started_at, LB_UNSET_INT, g_strdup (step->name));
          else if (step->role == LB_STEP_ROLE_DOWNTIME_END)
            add (markers, step->ended_at, LB_UNSET_INT, g_strdup (step->name));
          else if (strstr (folded, "fail over") != NULL || strstr (folded, "failover") != NULL ||
                   strstr (folded, "fail back") != NULL)
            add (markers, step->started_at, LB_UNSET_INT, g_strdup (step->name));
        }
    }
  g_array_sort (markers, compare_markers);
  return g_steal_pointer (&markers);
}
