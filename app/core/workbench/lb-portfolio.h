/* lb-portfolio.h: every project at a glance — the home table of the GUI and the CLI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../model/lb-records.h"
#include "../store/lb-store.h"
#include "lb-cost-summary.h"

G_BEGIN_DECLS

typedef struct
{
  LbProject   *project;
  char        *wave;               /* NULL: no wave */
  gint64       wave_position;      /* the wave's place in the plan; G_MAXINT64 without a wave */
  gboolean     production_ready;   /* the readiness gate */
  char        *readiness_summary;
  LbRehearsal *last_rehearsal;     /* the latest by start time; NULL when none */
  gint64       downtime_ms;        /* of the last rehearsal; LB_UNSET_INT when unknown */
  gint64       downtime_target_min;
  guint        open_high_risks;    /* score ≥ 15, neither closed nor accepted with mitigation */
  LbCostSummary *costs;            /* per currency, never added across currencies */
  double       lag_s;              /* latest sample; NAN when there is none */
  gint64       lag_at;
} LbPortfolioRow;

/* One row per project, in the store's project order. */
GPtrArray *lb_portfolio_load      (LbStore              *store,
                                   GError              **error);
void       lb_portfolio_row_free  (LbPortfolioRow       *row);
/* "Success, 73/120 min"; "—" without rehearsals. */
char      *lb_portfolio_row_rehearsal_text (const LbPortfolioRow *row);
/* The monthly run rate in machine form, "1200.00 EUR + 300.00 USD"; "—" without costs. */
char      *lb_portfolio_row_monthly_text   (const LbPortfolioRow *row);
/* "1.2/30 s"; "—" without samples. */
char      *lb_portfolio_row_lag_text       (const LbPortfolioRow *row);
JsonNode  *lb_portfolio_row_to_json        (const LbPortfolioRow *row);

G_END_DECLS
