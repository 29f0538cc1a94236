/* lb-record-list-page.h: the records of one kind under a project, as boxed lists.
 *
 * Each row says what lb-record-summary.c makes of its record; activating it edits the
 * record in an LbRecordDialog, its trash button deletes it after a confirmation. Kinds
 * with children (rehearsal steps, cost tags) show them in an expander row. The page
 * follows the store's "changed" signal.
 *
 * Actions (prefix "list."): add (i: section), add-child (x: parent id), edit and delete
 * ((sx): record kind table and id).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"
#include "lb-record-dialog.h"

G_BEGIN_DECLS

#define LB_TYPE_RECORD_LIST_PAGE (lb_record_list_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (LbRecordListPage, lb_record_list_page, LB, RECORD_LIST_PAGE, GtkWidget)

struct _LbRecordListPageClass
{
  GtkWidgetClass parent_class;

  /* Adds what a kind shows beyond the summary (buttons, badges) to @row, an
   * AdwActionRow or AdwExpanderRow built for @record. */
  void (*decorate_row) (LbRecordListPage *self,
                        GtkWidget        *row,
                        gconstpointer     record);

  /*< private >*/
  gpointer padding[8];
};

GtkWidget          *lb_record_list_page_new            (const LbRecordKind *kind);
const LbRecordKind *lb_record_list_page_get_kind       (LbRecordListPage   *self);
LbStore            *lb_record_list_page_get_store      (LbRecordListPage   *self);
void                lb_record_list_page_set_store      (LbRecordListPage   *self,
                                                        LbStore            *store);
gint64              lb_record_list_page_get_project_id (LbRecordListPage   *self);
/* 0 shows nothing. */
void                lb_record_list_page_set_project_id (LbRecordListPage   *self,
                                                        gint64              project_id);
/* Reads the records again (the store's "changed" signal does it by itself). */
void                lb_record_list_page_reload         (LbRecordListPage   *self);

/* "list" or "empty". */
const char         *lb_record_list_page_get_state      (LbRecordListPage   *self);
/* Records of the page's kind shown, and their ids in the order shown. */
guint               lb_record_list_page_get_n_records  (LbRecordListPage   *self);
gint64              lb_record_list_page_get_record_id  (LbRecordListPage   *self,
                                                        guint               position);
/* The row showing record @id of @kind (the page's kind or its child kind), or NULL. */
GtkWidget          *lb_record_list_page_get_row        (LbRecordListPage   *self,
                                                        const LbRecordKind *kind,
                                                        gint64              id);
/* What the page shows above its groups from the core's rules (readiness gate, cost
 * summary, risk heat map), or NULL. Rebuilt on every reload. */
GtkWidget          *lb_record_list_page_get_header     (LbRecordListPage   *self);
/* Rehearsals: the LbDrillPanel of the drill in progress, or NULL. Rebuilt on every reload. */
GtkWidget          *lb_record_list_page_get_drill_panel (LbRecordListPage  *self);
/* Risks: lists only the risks of one heat-map cell (not closed); 0, 0 lists all. */
void                lb_record_list_page_set_risk_cell  (LbRecordListPage   *self,
                                                        int                 likelihood,
                                                        int                 impact);
void                lb_record_list_page_get_risk_cell  (LbRecordListPage   *self,
                                                        int                *likelihood,
                                                        int                *impact);
/* The group (AdwPreferencesGroup) of section @index, or NULL. */
GtkWidget          *lb_record_list_page_get_section    (LbRecordListPage   *self,
                                                        guint               index);

/* For subclasses: a button shown in the first section's header and in the empty state. */
void                lb_record_list_page_add_button     (LbRecordListPage   *self,
                                                        const char         *icon_name,
                                                        const char         *label,
                                                        const char         *action_name);
/* For subclasses: @bar (nullable) shown above the list and the empty state alike, kept
 * across reloads (a running probe's progress). */
void                lb_record_list_page_set_top_bar    (LbRecordListPage   *self,
                                                        GtkWidget          *bar);
/* Emits "add-toast" with a toast of @title. */
void                lb_record_list_page_toast          (LbRecordListPage   *self,
                                                        const char         *title);
/* Shows @toast in the window (for a toast the page keeps, to dismiss it later). */
void                lb_record_list_page_add_toast      (LbRecordListPage   *self,
                                                        AdwToast           *toast);
/* Shows an error in a message dialog over the page's window. */
void                lb_record_list_page_show_error     (LbRecordListPage   *self,
                                                        const char         *heading,
                                                        const char         *body);

G_END_DECLS
