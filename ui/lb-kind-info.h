/* lb-kind-info.h: what the GUI says about each record kind it shows — page titles and
 * icons, dialog titles, empty states, the groups of a page and of a form.
 *
 * A plain table, not a type: the list pages and the record dialog read it, so every kind
 * gets the same treatment and the words for a kind live in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lb-core.h"
#include "lb-record-form.h"

G_BEGIN_DECLS

/* One group of rows on a list page ("Production-Readiness Controls"). */
typedef struct
{
  const char *title;       /* N_(); NULL: the kind's plural */
  const char *description; /* N_(); nullable */
  const char *add_label;   /* N_() mnemonic label of the group's Add button; NULL: none */
  /* Whether @record belongs in the group; NULL: every record does. */
  gboolean  (*filter)  (gconstpointer record);
  /* Presets a new record added from this group (the parent is set already); nullable. */
  void      (*prepare) (gpointer record);
} LbKindSection;

typedef struct
{
  const LbRecordKind      *kind;
  const char              *page_name;         /* view-stack page; NULL for child kinds */
  const char              *title;             /* N_() the page's title, "Risks" */
  const char              *icon_name;         /* symbolic icon of the Adwaita theme */
  const char              *new_title;         /* N_() "New Risk" */
  const char              *edit_title;        /* N_() "Edit Risk" */
  const char              *empty_title;       /* N_() "No Risks Yet" */
  const char              *empty_description; /* N_() */
  const char              *delete_body;       /* N_() what deleting one takes with it */
  const LbKindSection     *sections;
  guint                    n_sections;
  const LbRecordFormGroup *form_groups;
  guint                    n_form_groups;
  const LbRecordKind      *child_kind;        /* listed inside each row (steps, tags) */
  const char              *child_add_label;   /* N_() "Add Step" */
  /* Sets the hints of a form of the kind from what it shows now (what a lowered
   * encryption means); called when the form is filled and after every edit. Nullable. */
  void                   (*form_hints)        (LbRecordForm *form);
} LbKindInfo;

/* (nullable): NULL for a kind the GUI has no words for. */
const LbKindInfo  *lb_kind_info_lookup       (const LbRecordKind *kind);
const LbKindInfo  *lb_kind_info_lookup_page  (const char         *page_name);
/* The kinds with a page of their own, in the order of the view switcher. */
const LbKindInfo *const *lb_kind_info_get_pages (guint           *n_pages);

/* (transfer full): a new record of @info's kind under @parent_id, with @section's presets
 * and the times a user records "now" (tested, decided, captured, started) set to the
 * current minute. @section: (nullable). */
gpointer           lb_kind_info_new_record   (const LbKindInfo    *info,
                                              const LbKindSection *section,
                                              gint64               parent_id);

G_END_DECLS
