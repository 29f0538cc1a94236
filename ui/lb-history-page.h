/* lb-history-page.h: the audit log of one project — who changed which record when, and
 * what each change did, newest first, with a filter by record kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_TYPE_HISTORY_PAGE (lb_history_page_get_type ())

G_DECLARE_FINAL_TYPE (LbHistoryPage, lb_history_page, LB, HISTORY_PAGE, GtkWidget)

GtkWidget          *lb_history_page_new                (void);
LbStore            *lb_history_page_get_store          (LbHistoryPage      *self);
void                lb_history_page_set_store          (LbHistoryPage      *self,
                                                        LbStore            *store);
gint64              lb_history_page_get_project_id     (LbHistoryPage      *self);
void                lb_history_page_set_project_id     (LbHistoryPage      *self,
                                                        gint64              project_id);
/* Only changes to records of @kind (NULL: all). */
const LbRecordKind *lb_history_page_get_filter         (LbHistoryPage      *self);
void                lb_history_page_set_filter         (LbHistoryPage      *self,
                                                        const LbRecordKind *kind);

/* The entries shown (after the filter), newest first. The page reads the log again when
 * it is shown after a change, or when these are asked. */
guint               lb_history_page_get_n_entries      (LbHistoryPage      *self);
/* "Risk “Log growth”" */
const char         *lb_history_page_get_entry_title    (LbHistoryPage      *self,
                                                        guint               index);
/* "Changed by jana, 2026-11-29 14:05" */
const char         *lb_history_page_get_entry_subtitle (LbHistoryPage      *self,
                                                        guint               index);
/* NULL-terminated: "Likelihood: 3 → 5" for a change; "Likelihood: 3" for a record created
 * or deleted. */
const char *const  *lb_history_page_get_entry_changes  (LbHistoryPage      *self,
                                                        guint               index);
GtkWidget          *lb_history_page_get_entry_row      (LbHistoryPage      *self,
                                                        guint               index);

G_END_DECLS
