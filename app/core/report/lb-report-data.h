/* lb-report-data.h: everything a cutover report shows about a project, read once from the
 * store and computed by the core's own rules, so that the PDF, HTML, CSV and JSON outputs
 * can never disagree with each other or with the GUI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "../lag/lb-lag-series.h"
#include "../lag/lb-lag-stats.h"
#include "../render/lb-lag-chart.h"
#include "../workbench/lb-capacity.h"
#include "../workbench/lb-cost-summary.h"
#include "../workbench/lb-readiness-gate.h"
#include "../workbench/lb-risk-score.h"
#include "lb-go-no-go.h"

G_BEGIN_DECLS

typedef enum { LB_PAPER_A4, LB_PAPER_LETTER } LbPaperSize;

extern const LbEnumInfo lb_paper_size_enum; /* nicks a4, letter */

typedef struct
{
  gint64          cutover_at;   /* LB_UNSET_INT: each project's planned cutover, else generated_at */
  gint64          window_from;  /* the lag chart's window; LB_UNSET_INT: window_span_ms up to */
  gint64          window_to;    /* window_to, or up to the project's last sample */
  gint64          window_span_ms; /* 7 days by default; 0: the whole history */
  gint64          wave_id;      /* portfolio only: 0 for every wave */
  LbGoNoGoPolicy  policy;
  LbPaperSize     paper;
  char           *organisation; /* shown on the cover and in the running header; may be NULL */
  char           *author;       /* PDF metadata; NULL: the OS user's real name */
  gint64          generated_at; /* printed and stored as the creation date */
} LbReportOptions;

/* Defaults: the rules' default policy, A4, now. */
void lb_report_options_init  (LbReportOptions *options);
void lb_report_options_clear (LbReportOptions *options);

typedef struct
{
  LbProject          *project;
  char               *wave_name;        /* NULL: no wave */
  gint64              wave_position;    /* G_MAXINT64 without a wave */

  GPtrArray          *readiness_items;  /* LbReadinessItem, display order */
  LbReadinessVerdict *readiness;

  GPtrArray          *rehearsals;       /* LbRehearsal, oldest first */
  GPtrArray          *downtimes;        /* LbRehearsalDowntime, parallel to rehearsals */
  GPtrArray          *steps;            /* GPtrArray of LbRehearsalStep per rehearsal, parallel */

  LbLagSeries        *series;           /* never NULL; may hold no samples */
  gboolean            has_lag;          /* the project has samples */
  gint64              lag_from, lag_to; /* the chart's window */
  LbLagStats          lag_window;       /* statistics over the chart's window */
  LbLagStats          lag_recent;       /* over the policy's lag window (the rule's figures) */
  GArray             *markers;          /* LbChartMarker, owning their labels */

  GPtrArray          *capacity_tests;   /* LbCapacityTest, oldest first */
  GPtrArray          *capacity_results; /* LbCapacityResult, parallel */

  GPtrArray          *cost_items;       /* LbCostItem */
  GPtrArray          *cost_tags;        /* LbCostTag of those items */
  LbCostSummary      *costs;

  GPtrArray          *risks;            /* LbRisk, highest score first */
  LbRiskSummary       risk_summary;

  GPtrArray          *approvals;        /* LbApproval, newest first */
  GPtrArray          *evidence;         /* LbEvidence without content, by capture time */

  LbGoNoGoResult     *go_no_go;
} LbProjectReport;

/* Reads and evaluates project @project_id. @options->cutover_at and the window apply as
 * documented above. Cancellable between its reads. */
LbProjectReport *lb_project_report_load (LbStore               *store,
                                         gint64                 project_id,
                                         const LbReportOptions *options,
                                         GCancellable          *cancellable,
                                         GError               **error);
void             lb_project_report_free (LbProjectReport       *report);

/* The three reasons that matter most for the verdict, most important first, one sentence
 * each (failing rules, then missing evidence, then the strongest passes). */
GPtrArray       *lb_project_report_top_reasons (const LbProjectReport *report,
                                                guint                  max);

typedef struct
{
  GPtrArray *waves;    /* LbWave in plan order, only those with projects in the report */
  GPtrArray *projects; /* LbProjectReport, in wave order then by name; projects without a
                        * wave last */
} LbPortfolioReport;

/* Called after each project is read: @done of @total. */
typedef void (*LbReportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

LbPortfolioReport *lb_portfolio_report_load (LbStore               *store,
                                             const LbReportOptions *options,
                                             LbReportProgressFunc   progress,
                                             gpointer               user_data,
                                             GCancellable          *cancellable,
                                             GError               **error);
void               lb_portfolio_report_free (LbPortfolioReport     *report);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LbReportOptions, lb_report_options_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbProjectReport, lb_project_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbPortfolioReport, lb_portfolio_report_free)

G_END_DECLS
