/* lb-portfolio-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-portfolio-item"

#include "config.h"

#include <math.h>

#include "lb-portfolio-item.h"
#include "lb-record-summary.h"
#include "lb-search-text.h"

struct _LbPortfolioItem
{
  GObject         parent_instance;

  LbPortfolioRow *row;
  char           *search_text; /* casefolded */
};

G_DEFINE_FINAL_TYPE (LbPortfolioItem, lb_portfolio_item, G_TYPE_OBJECT)

LbPortfolioItem *
lb_portfolio_item_new (LbPortfolioRow *row)
{
  LbPortfolioItem *self;
  const LbProject *project;
  const LbFieldInfo *scenario = lb_record_kind_find_field (&lb_project_kind, "scenario");
  const LbFieldInfo *status = lb_record_kind_find_field (&lb_project_kind, "status");

  g_return_val_if_fail (row != NULL && row->project != NULL, NULL);

  self = g_object_new (LB_TYPE_PORTFOLIO_ITEM, NULL);
  self->row = row;
  project = row->project;
  {
    const char *parts[] = {
      project->name, row->wave, lb_enum_info_label (scenario->enum_info, project->scenario),
      lb_enum_info_label (status->enum_info, project->status), project->owner, project->source_server,
      project->source_database, project->target_instance,
    };

    self->search_text = lb_search_text_new (parts, G_N_ELEMENTS (parts));
  }
  return self;
}

const LbPortfolioRow *
lb_portfolio_item_get_row (LbPortfolioItem *self)
{
  g_return_val_if_fail (LB_IS_PORTFOLIO_ITEM (self), NULL);
  return self->row;
}

gint64
lb_portfolio_item_get_project_id (LbPortfolioItem *self)
{
  g_return_val_if_fail (LB_IS_PORTFOLIO_ITEM (self), 0);
  return self->row->project->id;
}

gboolean
lb_portfolio_item_matches (LbPortfolioItem *self,
                           const char      *query)
{
  g_return_val_if_fail (LB_IS_PORTFOLIO_ITEM (self), FALSE);
  return lb_search_text_matches (self->search_text, query);
}

char *
lb_portfolio_item_monthly_text (LbPortfolioItem *self)
{
  GString *text = g_string_new (NULL);
  const LbCostSummary *costs;

  g_return_val_if_fail (LB_IS_PORTFOLIO_ITEM (self), NULL);

  costs = self->row->costs;
  for (guint i = 0; costs != NULL && i < costs->currencies->len; i++)
    {
      const LbCostTotals *totals = costs->currencies->pdata[i];
      g_autofree char *money = lb_record_summary_format_money (totals->amounts.monthly, totals->currency);

      g_string_append_printf (text, "%s%s", i > 0 ? " + " : "", money);
    }
  if (text->len == 0)
    g_string_append (text, "—");
  return g_string_free (text, FALSE);
}

gboolean
lb_portfolio_item_rehearsal_missed (LbPortfolioItem *self)
{
  const LbPortfolioRow *row;

  g_return_val_if_fail (LB_IS_PORTFOLIO_ITEM (self), FALSE);

  row = self->row;
  if (row->last_rehearsal == NULL)
    return FALSE;
  if (row->last_rehearsal->outcome == LB_OUTCOME_FAILED || row->last_rehearsal->outcome == LB_OUTCOME_ABORTED)
    return TRUE;
  return row->downtime_ms != LB_UNSET_INT && row->downtime_target_min != LB_UNSET_INT &&
         row->downtime_ms > row->downtime_target_min * 60000;
}

gboolean
lb_portfolio_item_lag_over (LbPortfolioItem *self)
{
  g_return_val_if_fail (LB_IS_PORTFOLIO_ITEM (self), FALSE);

  return !isnan (self->row->lag_s) && !isnan (self->row->project->lag_threshold_s) &&
         self->row->lag_s > self->row->project->lag_threshold_s;
}

/* ---- orders ---------------------------------------------------------------------------- */

#define ROW_A (LB_PORTFOLIO_ITEM ((gpointer) a)->row)
#define ROW_B (LB_PORTFOLIO_ITEM ((gpointer) b)->row)

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return a < b ? -1 : a > b;
}

/* Ties are broken by name, so that every order is total and stable across reloads. */
int
lb_portfolio_item_compare_name (gconstpointer a,
                                gconstpointer b,
                                gpointer      data)
{
  int by_name = g_utf8_collate (ROW_A->project->name, ROW_B->project->name);

  return by_name != 0 ? by_name : compare_int64 (ROW_A->project->id, ROW_B->project->id);
}

#define OR_BY_NAME(cmp) \
  G_STMT_START { int c_ = (cmp); return c_ != 0 ? c_ : lb_portfolio_item_compare_name (a, b, data); } G_STMT_END

int
lb_portfolio_item_compare_wave (gconstpointer a,
                                gconstpointer b,
                                gpointer      data)
{
  int by_position = compare_int64 (ROW_A->wave_position, ROW_B->wave_position);

  OR_BY_NAME (by_position != 0 ? by_position : g_strcmp0 (ROW_A->wave, ROW_B->wave));
}

int
lb_portfolio_item_compare_scenario (gconstpointer a,
                                    gconstpointer b,
                                    gpointer      data)
{
  OR_BY_NAME (ROW_A->project->scenario - ROW_B->project->scenario);
}

int
lb_portfolio_item_compare_status (gconstpointer a,
                                  gconstpointer b,
                                  gpointer      data)
{
  OR_BY_NAME (ROW_A->project->status - ROW_B->project->status);
}

/* Ready first. */
int
lb_portfolio_item_compare_readiness (gconstpointer a,
                                     gconstpointer b,
                                     gpointer      data)
{
  OR_BY_NAME ((int) ROW_B->production_ready - (int) ROW_A->production_ready);
}

/* By downtime of the last rehearsal; projects without one last. */
int
lb_portfolio_item_compare_rehearsal (gconstpointer a,
                                     gconstpointer b,
                                     gpointer      data)
{
  gint64 da = ROW_A->downtime_ms != LB_UNSET_INT ? ROW_A->downtime_ms : G_MAXINT64;
  gint64 db = ROW_B->downtime_ms != LB_UNSET_INT ? ROW_B->downtime_ms : G_MAXINT64;

  OR_BY_NAME (compare_int64 (da, db));
}

int
lb_portfolio_item_compare_risks (gconstpointer a,
                                 gconstpointer b,
                                 gpointer      data)
{
  OR_BY_NAME (compare_int64 (ROW_A->open_high_risks, ROW_B->open_high_risks));
}

/* By the run rate in the first currency; currencies are never converted, so this is an
 * order within one currency, which is what a portfolio in one currency needs. */
static gint64
first_monthly (const LbPortfolioRow *row)
{
  if (row->costs == NULL || row->costs->currencies->len == 0)
    return -1;
  return ((const LbCostTotals *) row->costs->currencies->pdata[0])->amounts.monthly;
}

int
lb_portfolio_item_compare_monthly (gconstpointer a,
                                   gconstpointer b,
                                   gpointer      data)
{
  OR_BY_NAME (compare_int64 (first_monthly (ROW_A), first_monthly (ROW_B)));
}

int
lb_portfolio_item_compare_lag (gconstpointer a,
                               gconstpointer b,
                               gpointer      data)
{
  double la = isnan (ROW_A->lag_s) ? -1 : ROW_A->lag_s;
  double lb = isnan (ROW_B->lag_s) ? -1 : ROW_B->lag_s;

  OR_BY_NAME (la < lb ? -1 : la > lb);
}

static void
lb_portfolio_item_finalize (GObject *object)
{
  LbPortfolioItem *self = LB_PORTFOLIO_ITEM (object);

  g_clear_pointer (&self->row, lb_portfolio_row_free);
  g_clear_pointer (&self->search_text, g_free);
  G_OBJECT_CLASS (lb_portfolio_item_parent_class)->finalize (object);
}

static void
lb_portfolio_item_class_init (LbPortfolioItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_portfolio_item_finalize;
}

static void
lb_portfolio_item_init (LbPortfolioItem *self)
{
}
