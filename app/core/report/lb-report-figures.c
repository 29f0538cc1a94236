/* lb-report-figures.c: the data behind the report's charts and the draw functions the PDF
 * and the HTML share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-report"

#include "config.h"

#include <math.h>

#include "../render/lb-lag-chart.h"
#include "lb-report-private.h"


void
lb_report_downtime_data_init (LbReportDowntimeData          *data,
                    const LbProjectReport *report)
{
  guint n = report->rehearsals->len;

  data->points = g_new0 (LbDowntimePoint, MAX (n, 1));
  data->labels = g_new0 (char *, n + 1);
  data->n = 0;
  for (guint i = 0; i < n; i++)
    {
      const LbRehearsal *r = report->rehearsals->pdata[i];
      const LbRehearsalDowntime *d = report->downtimes->pdata[i];
      LbDowntimePoint *pt = &data->points[data->n];

      if (r->outcome == LB_OUTCOME_PLANNED || r->started_at == LB_UNSET_INT)
        continue;
      data->labels[data->n] = g_strdup_printf ("#%" G_GINT64_FORMAT, r->id);
      pt->label = data->labels[data->n];
      pt->downtime_min = d->downtime_ms != LB_UNSET_INT ? d->downtime_ms / 60000.0 : NAN;
      pt->target_min = d->target_min != LB_UNSET_INT ? (double) d->target_min : NAN;
      pt->failed = r->outcome == LB_OUTCOME_FAILED || r->outcome == LB_OUTCOME_ABORTED || r->data_loss;
      data->n++;
    }
}

void
lb_report_downtime_data_clear (LbReportDowntimeData *data)
{
  g_free (data->points);
  g_strfreev (data->labels);
}

void
lb_report_draw_downtime (cairo_t      *cr,
               double        width,
               double        height,
               gconstpointer data)
{
  const LbReportDowntimeData *d = data;

  lb_downtime_chart_draw (cr, width, height, d->points, d->n, FALSE);
}

void
lb_report_draw_lag (cairo_t      *cr,
          double        width,
          double        height,
          gconstpointer data)
{
  const LbProjectReport *report = data;
  LbLagChartSpec spec = {
    .series = report->series,
    .from = report->lag_from,
    .to = report->lag_to,
    .threshold_s = report->project->lag_threshold_s,
    .markers = report->markers != NULL ? (const LbChartMarker *) (gpointer) report->markers->data : NULL,
    .n_markers = report->markers != NULL ? report->markers->len : 0,
  };

  lb_lag_chart_draw (cr, width, height, &spec);
}

void
lb_report_draw_heat_map (cairo_t      *cr,
               double        width,
               double        height,
               gconstpointer data)
{
  lb_heat_map_draw (cr, width, height, data, FALSE);
}
