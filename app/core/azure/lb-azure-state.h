/* lb-azure-state.h: the newest link and managed-instance state among a project's
 * evidence — the az CLI or ARM JSON it imported or synced — as the drift check and
 * `azure show` read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-azure-document.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

typedef struct
{
  LbAzureDocument   *link_document;     /* owns link; NULL when no link was found */
  const LbLinkState *link;
  gint64             link_evidence_id;
  gint64             link_captured_at;
  LbAzureDocument   *instance_document; /* NULL when no instance was found */
  gint64             instance_evidence_id;
  gint64             instance_captured_at;
} LbAzureState;

/* Which link of a document is the project's; NULL: none of them. */
typedef const LbLinkState *(*LbAzureLinkPicker) (const LbAzureDocument *document,
                                                 gpointer               user_data);

/* Walks the project's evidence newest first until both are found; evidence that is not one
 * of Azure's documents is passed over. Reads evidence content: blocking. */
gboolean lb_azure_state_find  (LbStore           *store,
                               gint64             project_id,
                               LbAzureLinkPicker  pick_link,
                               gpointer           user_data,
                               LbAzureState      *state,
                               GError           **error);
void     lb_azure_state_clear (LbAzureState      *state);

G_END_DECLS
