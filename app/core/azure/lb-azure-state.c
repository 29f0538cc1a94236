/* lb-azure-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-azure-state"

#include "config.h"

#include <string.h>

#include "lb-azure-state.h"
#include "../model/lb-records.h"

void
lb_azure_state_clear (LbAzureState *state)
{
  g_clear_pointer (&state->link_document, lb_azure_document_free);
  g_clear_pointer (&state->instance_document, lb_azure_document_free);
  state->link = NULL;
}

gboolean
lb_azure_state_find (LbStore           *store,
                     gint64             project_id,
                     LbAzureLinkPicker  pick_link,
                     gpointer           user_data,
                     LbAzureState      *state,
                     GError           **error)
{
  g_autoptr(GPtrArray) evidence = NULL;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail (pick_link != NULL && state != NULL, FALSE);

  memset (state, 0, sizeof *state);
  /* Evidence lists oldest first. */
  if ((evidence = lb_store_list_for_project (store, &lb_evidence_kind, project_id, error)) == NULL)
    return FALSE;
  for (guint i = evidence->len; i > 0 && (state->link == NULL || state->instance_document == NULL); i--)
    {
      const LbEvidence *listed = evidence->pdata[i - 1];
      g_autoptr(LbAzureDocument) document = NULL;
      LbEvidence *full;
      gconstpointer data;
      gsize length = 0;

      if (listed->kind != LB_EVIDENCE_AZ_CLI_JSON && listed->kind != LB_EVIDENCE_ARM_JSON)
        continue;
      if ((full = lb_store_get (store, &lb_evidence_kind, listed->id, error)) == NULL)
        {
          lb_azure_state_clear (state);
          return FALSE;
        }
      data = full->content != NULL ? g_bytes_get_data (full->content, &length) : NULL;
      /* Evidence that is not one of the documents (a cost export, say) is not state. */
      document = data != NULL ? lb_azure_document_parse (data, length, NULL) : NULL;
      lb_record_free (full);
      if (document == NULL)
        continue;

      if (state->link == NULL &&
          (document->kind == LB_AZURE_DOCUMENT_LINK || document->kind == LB_AZURE_DOCUMENT_LINKS))
        {
          const LbLinkState *link = pick_link (document, user_data);

          if (link != NULL)
            {
              state->link = link;
              state->link_evidence_id = listed->id;
              state->link_captured_at = listed->captured_at;
              state->link_document = g_steal_pointer (&document);
            }
        }
      else if (state->instance_document == NULL && document->kind == LB_AZURE_DOCUMENT_INSTANCE)
        {
          state->instance_evidence_id = listed->id;
          state->instance_captured_at = listed->captured_at;
          state->instance_document = g_steal_pointer (&document);
        }
    }
  return TRUE;
}
