/* lb-evidence-page.h: the evidence locker of a project — the record list plus Attach
 * File…, Paste Text…, and per row Verify and Export….
 *
 * Actions (prefix "evidence."): attach, paste, verify (x: id), export (x: id).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-record-list-page.h"

G_BEGIN_DECLS

/* Evidence lives inside the database; larger files belong in a document store. */

typedef enum
{
  LB_EVIDENCE_CHECK_UNKNOWN,  /* not verified since the page showed it */
  LB_EVIDENCE_CHECK_RUNNING,
  LB_EVIDENCE_CHECK_INTACT,   /* the content hashes to the SHA-256 taken when captured */
  LB_EVIDENCE_CHECK_CHANGED,  /* it does not: changed since it was captured */
} LbEvidenceCheck;

#define LB_TYPE_EVIDENCE_PAGE (lb_evidence_page_get_type ())

G_DECLARE_FINAL_TYPE (LbEvidencePage, lb_evidence_page, LB, EVIDENCE_PAGE, LbRecordListPage)

GtkWidget      *lb_evidence_page_new                (void);

/* Reads @file on a worker thread (at most LB_EVIDENCE_MAX_BYTES) and adds it as evidence
 * of the page's project: kind "file", title from its name, media type guessed from name
 * and content, captured now. The result is the new record's id. */
void            lb_evidence_page_attach_file_async  (LbEvidencePage       *self,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gint64          lb_evidence_page_attach_file_finish (LbEvidencePage       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* What the file chooser does with the chosen file: attach it, then tell the user how it
 * went (a toast, or an error dialog). */
void            lb_evidence_page_attach_file        (LbEvidencePage       *self,
                                                     GFile                *file);
/* Adds @text as evidence of kind "text"; returns the new id, or 0 with @error. */
gint64          lb_evidence_page_add_text           (LbEvidencePage       *self,
                                                     const char           *title,
                                                     const char           *text,
                                                     GError              **error);

/* Hashes the stored content again, on a worker thread, and compares it with the SHA-256
 * recorded when it was captured. The result is also kept for the row's badge. */
void            lb_evidence_page_verify_async       (LbEvidencePage       *self,
                                                     gint64                id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
LbEvidenceCheck lb_evidence_page_verify_finish      (LbEvidencePage       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
LbEvidenceCheck lb_evidence_page_get_check          (LbEvidencePage       *self,
                                                     gint64                id);

/* Writes the stored content, byte for byte, to @file (replacing it). */
void            lb_evidence_page_export_async       (LbEvidencePage       *self,
                                                     gint64                id,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        lb_evidence_page_export_finish      (LbEvidencePage       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* The file name Export… suggests for the record: its title, with an extension for its
 * media type when the title has none. */
char           *lb_evidence_suggest_file_name       (const LbEvidence     *evidence);

G_END_DECLS
