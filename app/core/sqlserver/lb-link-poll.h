/* lb-link-poll.h: one look at a link's replication from the SQL Server primary — the query
 * and the conversion of its rows into a lag sample (domain.md §2.3 C, §2.5).
 *
 * Kept apart from the sampler's loop so that the conversion can be tested and fuzzed on
 * rows alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-sql-result.h"
#include "../store/lb-lag-writer.h"

G_BEGIN_DECLS

/* One batch, two result sets: the remote (managed instance) copy of the databases in a
 * distributed availability group, and the primary's cumulative log-flush counters. Its two
 * parameters, the link's name and the database's (empty: any), keep a server with many
 * links from answering every row to every project's sampler. */
extern const char lb_link_poll_sql[];

typedef struct
{
  LbLagSample sample;             /* lag_s is the commit-time lag (primary minus remote) */
  char       *link_name;
  char       *database_name;
  double      log_bytes_flushed;  /* cumulative counter; NAN when not reported */
  double      catch_up_s;         /* redo queue ÷ redo rate; NAN when the rate is 0 or unknown */
} LbLinkPoll;

void        lb_link_poll_clear (LbLinkPoll        *poll);
/* Finds the row of @link_name / @database_name (either may be NULL or empty when the
 * server has only one such row) in @result and fills @poll with sample time @t. Fails,
 * naming what is missing, when no row or more than one matches or a column is absent. */
gboolean    lb_link_poll_read  (const LbSqlResult *result,
                                const char        *link_name,
                                const char        *database_name,
                                gint64             t,
                                LbLinkPoll        *poll,
                                GError           **error);
/* Seconds of work lost if the primary failed now: the send queue ÷ the log generation
 * rate between @previous and @current (Microsoft's RPO formula); NAN when unknown, 0 when
 * nothing waits to be sent. */
double      lb_link_poll_data_at_risk_s (const LbLinkPoll *previous,
                                         const LbLinkPoll *current);

G_END_DECLS
